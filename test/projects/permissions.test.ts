// The permission table, exhaustively: every role × every action in src/features/projects/permissions.ts,
// allowed or refused. Actions with a route today are exercised through the real API (a member of each
// role calls it: 2xx when the table allows, 403 in the error shape when not; a non-member gets 404);
// actions whose routes later issues add are checked through authorize(), the one check services use.
// The table itself is compared with the wording, written out here independently.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACTIONS,
  type Action,
  authorize,
  PERMISSIONS,
  type ProjectRole,
  ROLES,
  roleAllows,
} from "../../src/features/projects/permissions.js";
import { buildTestApp, DB_TARGETS, databaseOf, type TestApp } from "../helpers/app.js";
import { createTestUser, type TestUser } from "../helpers/users.js";
import { projectWithMembers, type TestProject } from "./project-helpers.js";

/** The lowest role the issue grants each action (viewer < editor < admin < owner). */
const LOWEST_ROLE: Record<Action, ProjectRole> = {
  "project:read": "viewer",
  "project:update": "admin",
  "project:delete": "owner",
  "members:read": "viewer",
  "members:manage": "admin",
  "owners:manage": "owner",
  "api_keys:manage": "admin",
  "prompts:read": "viewer",
  "prompts:write": "editor",
  "analysis:run": "viewer",
  "templates:read": "viewer",
  "templates:write": "editor",
  "registry:read": "viewer",
  "labels:move": "editor",
  "labels:protect": "admin",
  "promotions:request": "editor",
  "promotions:approve": "admin",
  "datasets:read": "viewer",
  "datasets:write": "editor",
  "evaluations:read": "viewer",
  "evaluations:run": "editor",
  "webhooks:manage": "admin",
  "audit:read": "admin",
};

const RANK: Record<ProjectRole, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };

interface World {
  app: FastifyInstance;
  users: Record<ProjectRole, TestUser>;
  /** A member of no project of theirs but their own. */
  stranger: TestUser;
  project: TestProject;
  /** A member the role-changing probes change (a viewer to start with). */
  subject: TestUser;
  promptId: string;
}

interface ProbeRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  payload?: Record<string, unknown>;
}

interface Probe {
  /** Makes what the call needs (as the owner) and returns the request. */
  request: (w: World) => Promise<ProbeRequest>;
  /** The status the call answers when allowed. */
  ok: number;
  /** Needs a project of its own (the call destroys or reshapes it). */
  fresh?: boolean;
}

const promptBody = { title: "Greeting", content: "Write a short greeting for {{name}}." };
const templateBody = {
  name: "Greeting",
  content: "Hello {{name}}",
  variables: [{ name: "name" }],
};

/** The API call that exercises each action that has a route today. */
const PROBES: Partial<Record<Action, Probe>> = {
  "project:read": {
    ok: 200,
    request: async (w) => ({ method: "GET", url: `/api/v1/projects/${w.project.slug}` }),
  },
  "project:update": {
    ok: 200,
    request: async (w) => ({
      method: "PATCH",
      url: `/api/v1/projects/${w.project.id}`,
      payload: { name: "Renamed" },
    }),
  },
  "project:delete": {
    ok: 204,
    fresh: true,
    request: async (w) => ({ method: "DELETE", url: `/api/v1/projects/${w.project.slug}` }),
  },
  "members:read": {
    ok: 200,
    request: async (w) => ({ method: "GET", url: `/api/v1/projects/${w.project.slug}/members` }),
  },
  "members:manage": {
    ok: 200,
    fresh: true,
    request: async (w) => ({
      method: "PATCH",
      url: `/api/v1/projects/${w.project.slug}/members/${w.subject.id}`,
      payload: { role: "editor" },
    }),
  },
  "owners:manage": {
    ok: 200,
    fresh: true,
    request: async (w) => ({
      method: "PATCH",
      url: `/api/v1/projects/${w.project.slug}/members/${w.subject.id}`,
      payload: { role: "owner" },
    }),
  },
  "api_keys:manage": {
    ok: 201,
    request: async (w) => ({
      method: "POST",
      url: `/api/v1/projects/${w.project.slug}/api-keys`,
      payload: { name: "probe", scopes: ["prompts:read"] },
    }),
  },
  "prompts:read": {
    ok: 200,
    request: async (w) => ({
      method: "GET",
      url: `/api/v1/projects/${w.project.slug}/prompts/${w.promptId}`,
    }),
  },
  "prompts:write": {
    ok: 201,
    request: async (w) => ({
      method: "POST",
      url: `/api/v1/projects/${w.project.slug}/prompts`,
      payload: promptBody,
    }),
  },
  "analysis:run": {
    ok: 200,
    request: async (w) => ({
      method: "POST",
      url: `/api/v1/projects/${w.project.slug}/analysis/best-practices`,
      payload: { text: "Summarise the report in three bullet points." },
    }),
  },
  "templates:read": {
    ok: 200,
    request: async (w) => ({ method: "GET", url: `/api/v1/projects/${w.project.slug}/templates?scope=mine` }),
  },
  "templates:write": {
    ok: 201,
    request: async (w) => ({
      method: "POST",
      url: `/api/v1/projects/${w.project.slug}/templates`,
      payload: templateBody,
    }),
  },
};

/** A call `user` makes during a probe's set-up; expects a 2xx answer. */
async function setUp(
  w: World,
  user: TestUser,
  method: ProbeRequest["method"],
  url: string,
  payload?: object,
) {
  const res = await w.app.inject({ method, url, headers: user.auth, ...(payload ? { payload } : {}) });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}

// The registry's actions (docs/registry.md).
Object.assign(PROBES, {
  "registry:read": {
    ok: 200,
    request: async (w) => {
      const row = await databaseOf(w.app)
        .selectFrom("prompts")
        .select("name")
        .where("id", "=", w.promptId)
        .executeTakeFirstOrThrow();
      return { method: "GET", url: `/api/v1/registry/${w.project.slug}/${row.name}?label=latest` };
    },
  },
  "labels:move": {
    ok: 200,
    request: async (w) => ({
      method: "PUT",
      url: `/api/v1/projects/${w.project.slug}/prompts/${w.promptId}/labels/staging`,
      payload: { version: 1 },
    }),
  },
  "labels:protect": {
    ok: 200,
    request: async (w) => ({
      method: "PATCH",
      url: `/api/v1/projects/${w.project.slug}`,
      payload: { protected_labels: ["production"] },
    }),
  },
  "promotions:request": {
    ok: 201,
    request: async (w) => ({
      method: "POST",
      url: `/api/v1/projects/${w.project.slug}/prompts/${w.promptId}/promotions`,
      payload: { label: "production", version: 1 },
    }),
  },
  "promotions:approve": {
    ok: 200,
    // A fresh request by the editor, so owners and admins approve someone else's.
    request: async (w) => {
      const base = `/api/v1/projects/${w.project.slug}`;
      const prompt = await setUp(w, w.users.owner, "POST", `${base}/prompts`, promptBody);
      const req = await setUp(w, w.users.editor, "POST", `${base}/prompts/${prompt.id}/promotions`, {
        label: "production",
        version: 1,
      });
      return { method: "POST", url: `${base}/promotions/${req.id}/approve`, payload: {} };
    },
  },
} satisfies Partial<Record<Action, Probe>>);

describe("the permission table", () => {
  it("matches the issue: each action's roles are exactly its lowest role and every role above it", () => {
    expect(Object.keys(LOWEST_ROLE).sort()).toEqual([...ACTIONS].sort());
    for (const action of ACTIONS) {
      const expected = ROLES.filter((r) => RANK[r] >= RANK[LOWEST_ROLE[action]]);
      expect([...PERMISSIONS[action].roles].sort(), action).toEqual([...expected].sort());
    }
  });

  it("names the actions later issues need", () => {
    for (const a of [
      "audit:read",
      "labels:move",
      "promotions:approve",
      "webhooks:manage",
      "datasets:write",
      "evaluations:run",
    ])
      expect(ACTIONS).toContain(a);
    // Viewers read, but not the audit log.
    expect(roleAllows("viewer", "audit:read")).toBe(false);
  });

  describe.each(ACTIONS.filter((a) => !PROBES[a]))("%s (route comes later): the service check", (action) => {
    it.each(ROLES)("as %s", (role) => {
      const allowed = RANK[role] >= RANK[LOWEST_ROLE[action]];
      const check = () => authorize({ role, scopes: null }, action);
      if (allowed) expect(check).not.toThrow();
      else expect(check).toThrow(expect.objectContaining({ status: 403, code: "forbidden" }));
    });
  });
});

describe.each(DB_TARGETS)("every role × every action through the API on %s", (target) => {
  let t: TestApp;
  let world: Omit<World, "project" | "subject" | "promptId">;
  let shared: World;

  async function newWorld(): Promise<World> {
    const subject = await createTestUser(t.app);
    const project = await projectWithMembers(t.app, world.users.owner, [
      { user: world.users.admin, role: "admin" },
      { user: world.users.editor, role: "editor" },
      { user: world.users.viewer, role: "viewer" },
      { user: subject, role: "viewer" },
    ]);
    const prompt = await t.app.inject({
      method: "POST",
      url: `/api/v1/projects/${project.slug}/prompts`,
      headers: world.users.owner.auth,
      payload: promptBody,
    });
    expect(prompt.statusCode).toBe(201);
    return { ...world, project, subject, promptId: prompt.json().id };
  }

  beforeAll(async () => {
    t = await buildTestApp({ target });
    const users = {} as Record<ProjectRole, TestUser>;
    for (const role of ROLES) users[role] = await createTestUser(t.app, { username: `${role}_${target}` });
    world = { app: t.app, users, stranger: await createTestUser(t.app) };
    shared = await newWorld();
  });
  afterAll(async () => t.close());

  const cases = Object.entries(PROBES).flatMap(([action, probe]) =>
    ROLES.map((role) => ({ action: action as Action, probe: probe as Probe, role })),
  );

  it.each(cases)("$action as $role", async ({ action, probe, role }) => {
    const w = probe.fresh ? await newWorld() : shared;
    const req = await probe.request(w);
    const res = await t.app.inject({ ...req, headers: w.users[role].auth });
    if (PERMISSIONS[action].roles.includes(role as never)) {
      expect(res.statusCode, res.body).toBe(probe.ok);
    } else {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json()).toMatchObject({ error: { code: "forbidden" }, request_id: expect.any(String) });
    }
  });

  it.each(Object.keys(PROBES))("%s by someone outside the project: 404", async (action) => {
    const req = await (PROBES[action as Action] as Probe).request(shared);
    const res = await t.app.inject({ ...req, headers: world.stranger.auth });
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json().error.code).toBe("not_found");
  });
});
