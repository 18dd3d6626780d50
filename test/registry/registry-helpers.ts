// Helpers for registry tests: a project with an owner, an admin, an editor and a viewer; prompts with
// several versions made through the API; and, for what the prompt API does not take yet here (names
// with folders, chat versions, typed variables), the columns written straight into the database.
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import { databaseOf } from "../helpers/app.js";
import { createTestUser, type TestUser } from "../helpers/users.js";
import { projectWithMembers, type TestProject } from "../projects/project-helpers.js";

export interface Team {
  app: FastifyInstance;
  owner: TestUser;
  admin: TestUser;
  editor: TestUser;
  viewer: TestUser;
  project: TestProject;
  /** `/api/v1/projects/<slug>` */
  base: string;
}

export async function team(app: FastifyInstance): Promise<Team> {
  const owner = await createTestUser(app);
  const admin = await createTestUser(app);
  const editor = await createTestUser(app);
  const viewer = await createTestUser(app);
  const project = await projectWithMembers(app, owner, [
    { user: admin, role: "admin" },
    { user: editor, role: "editor" },
    { user: viewer, role: "viewer" },
  ]);
  return { app, owner, admin, editor, viewer, project, base: `/api/v1/projects/${project.slug}` };
}

export type Auth = { authorization: string } | { "x-api-key": string };

export function call(
  app: FastifyInstance,
  auth: Auth | Record<string, never>,
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method,
    url,
    headers: { ...auth, ...headers },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

let seq = 0;

/** A prompt with one version per content given (the first creates it); returns its id and name. */
export async function promptWithVersions(
  t: Team,
  contents: string[],
  opts: { name?: string; title?: string } = {},
): Promise<{ id: string; name: string }> {
  const title = opts.title ?? `Prompt ${++seq} ${Math.random().toString(36).slice(2, 8)}`;
  const made = await call(t.app, t.owner.auth, "POST", `${t.base}/prompts`, {
    title,
    content: contents[0],
  });
  expect(made.statusCode, made.body).toBe(201);
  const id = made.json().id as string;
  for (let i = 1; i < contents.length; i++) {
    const res = await call(t.app, t.owner.auth, "PATCH", `${t.base}/prompts/${id}`, {
      content: contents[i],
      base_version: i,
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  let name = made.json().name as string | undefined;
  if (opts.name) {
    await databaseOf(t.app).updateTable("prompts").set({ name: opts.name }).where("id", "=", id).execute();
    name = opts.name;
  } else if (!name) {
    const row = await databaseOf(t.app)
      .selectFrom("prompts")
      .select("name")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    name = row.name;
  }
  return { id, name };
}

/** Sets a version's registry columns directly (type, messages, variables, config). */
export async function setVersion(
  app: FastifyInstance,
  promptId: string,
  version: number,
  cols: {
    type?: "text" | "chat";
    messages?: unknown;
    variables?: unknown;
    config?: unknown;
    content?: string;
  },
): Promise<void> {
  await databaseOf(app)
    .updateTable("prompt_versions")
    .set({
      ...(cols.type ? { type: cols.type } : {}),
      ...(cols.messages !== undefined ? { messages: JSON.stringify(cols.messages) } : {}),
      ...(cols.variables !== undefined ? { variables: JSON.stringify(cols.variables) } : {}),
      ...(cols.config !== undefined ? { config: JSON.stringify(cols.config) } : {}),
      ...(cols.content !== undefined ? { content: cols.content } : {}),
    })
    .where("prompt_id", "=", promptId)
    .where("version", "=", version)
    .execute();
}

/** Points a label straight at a version in the database (setting up fetch tests, protected or not). */
export async function pointLabel(
  app: FastifyInstance,
  projectId: string,
  promptId: string,
  label: string,
  version: number,
): Promise<void> {
  await databaseOf(app)
    .insertInto("prompt_labels")
    .values({
      prompt_id: promptId,
      label,
      project_id: projectId,
      version,
      split: null,
      updated_by: null,
      updated_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.columns(["prompt_id", "label"]).doUpdateSet({ version, split: null }))
    .execute();
}

/** A good prompt text and a weaker one, for gate tests. */
export const GOOD_TEXT = [
  "You are a support agent for an online bookshop.",
  "Task: classify the customer's message below into one of: billing, shipping, returns, other.",
  'Answer with a JSON object {"category": "...", "confidence": 0.0-1.0} and nothing else.',
  'Example: \'Where is my parcel?\' -> {"category": "shipping", "confidence": 0.9}',
  "Message:",
  '"""',
  "{{message}}",
  '"""',
].join("\n");
