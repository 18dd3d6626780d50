// Helpers for project tests: a project made through the API with members who joined by invitation, and
// project API keys with chosen scopes.
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import type { ProjectRole } from "../../src/features/projects/permissions.js";
import type { TestUser } from "../helpers/users.js";

export interface TestProject {
  id: string;
  slug: string;
}

let counter = 0;

/** A project created by `owner`; each of `members` is invited with their role and accepts. */
export async function projectWithMembers(
  app: FastifyInstance,
  owner: TestUser,
  members: { user: TestUser; role: ProjectRole }[] = [],
  slug = `proj-${process.pid}-${++counter}-${Math.floor(Math.random() * 1e6)}`,
): Promise<TestProject> {
  const made = await app.inject({
    method: "POST",
    url: "/api/v1/projects",
    headers: owner.auth,
    payload: { name: `Project ${slug}`, slug },
  });
  expect(made.statusCode, made.body).toBe(201);
  const project = made.json() as TestProject;
  for (const m of members) {
    const invited = await app.inject({
      method: "POST",
      url: `/api/v1/projects/${project.id}/invitations`,
      headers: owner.auth,
      payload: { email: `${m.user.username.toLowerCase()}@example.test`, role: m.role },
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const accepted = await app.inject({
      method: "POST",
      url: `/api/v1/invitations/${invited.json().token}/accept`,
      headers: m.user.auth,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
  }
  return { id: project.id, slug: project.slug };
}

/** A project API key made by `creator` with exactly `scopes`; returns its secret. */
export async function projectKey(
  app: FastifyInstance,
  creator: TestUser,
  project: string,
  scopes: string[],
  extra: { expires_at?: string } = {},
): Promise<string> {
  const res = await app.inject({
    method: "POST",
    url: `/api/v1/projects/${project}/api-keys`,
    headers: creator.auth,
    payload: { name: `key ${scopes.join(" ")}`, scopes, ...extra },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().key as string;
}
