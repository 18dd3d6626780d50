// Members, invitations and project API keys in the audit log, on SQLite and PostgreSQL: invitations made,
// accepted and withdrawn, members added, re-roled and removed, keys created and revoked — in the project's
// chain, with role changes and key events in the instance chain too; never the invitation token or the key.
// A project key reads the audit log only with the admin scope, and is named as the actor of what it does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DB_TARGETS, databaseOf, type TestApp } from "../helpers/app.js";
import { createTestUser, type TestUser } from "../helpers/users.js";
import { projectKey, projectWithMembers, type TestProject } from "../projects/project-helpers.js";

describe.each(DB_TARGETS)("audit of members, invitations and keys (%s)", (target) => {
  let t: TestApp;
  let owner: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let project: TestProject;
  const secrets: string[] = [];
  let adminKey: string;
  let readKey: string;

  const call = (
    method: "GET" | "POST" | "PATCH" | "DELETE",
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const chain = async (projectId: string | null) =>
    databaseOf(t.app)
      .selectFrom("audit_events")
      .selectAll()
      .where("chain", "=", projectId === null ? "instance" : `project:${projectId}`)
      .orderBy("seq")
      .execute();

  beforeAll(async () => {
    t = await buildTestApp({ target });
    owner = await createTestUser(t.app);
    bob = await createTestUser(t.app);
    carol = await createTestUser(t.app);
    project = await projectWithMembers(t.app, owner, [{ user: bob, role: "viewer" }]);
    const base = `/api/v1/projects/${project.id}`;

    expect(
      (await call("PATCH", `${base}/members/${bob.id}`, owner.auth, { role: "editor" })).statusCode,
    ).toBe(200);
    const inv = await call("POST", `${base}/invitations`, owner.auth, {
      email: `${carol.username.toLowerCase()}@example.test`,
      role: "viewer",
    });
    expect(inv.statusCode).toBe(201);
    secrets.push(inv.json().token);
    expect((await call("DELETE", `${base}/invitations/${inv.json().id}`, owner.auth)).statusCode).toBe(204);
    expect((await call("DELETE", `${base}/members/${bob.id}`, owner.auth)).statusCode).toBe(204);

    adminKey = await projectKey(t.app, owner, project.id, ["admin", "prompts:write"]);
    readKey = await projectKey(t.app, owner, project.id, ["prompts:read"]);
    secrets.push(adminKey, readKey);
  });
  afterAll(async () => t?.close());

  it("appends invitations, members and keys to the project's chain", async () => {
    const rows = await chain(project.id);
    expect(rows.map((r) => r.action)).toEqual([
      "project.create",
      "invitation.create",
      "invitation.accept",
      "member.add",
      "member.role_change",
      "invitation.create",
      "invitation.revoke",
      "member.remove",
      "api_key.create",
      "api_key.create",
    ]);
    const byAction = (a: string) => rows.filter((r) => r.action === a);
    const accept = byAction("invitation.accept")[0];
    expect(accept).toMatchObject({ actor_type: "user", actor_id: bob.id });
    expect(JSON.parse(byAction("member.role_change")[0]?.summary ?? "")).toEqual({
      from: "viewer",
      to: "editor",
      project_id: project.id,
    });
    expect(JSON.parse(byAction("member.remove")[0]?.summary ?? "")).toEqual({ role: "editor", left: false });
    expect(JSON.parse(byAction("api_key.create")[0]?.summary ?? "")).toMatchObject({
      scopes: ["admin", "prompts:write"],
      scope: "project",
    });
  });

  it("appends role changes and project keys to the instance chain too", async () => {
    const rows = await chain(null);
    expect(rows.map((r) => r.action)).toEqual(["member.role_change", "api_key.create", "api_key.create"]);
    expect(rows.every((r) => JSON.parse(r.summary).project_id === project.id)).toBe(true);
  });

  it("keeps no invitation token or API key secret in any row", async () => {
    const text = JSON.stringify(await databaseOf(t.app).selectFrom("audit_events").selectAll().execute());
    for (const s of secrets) expect(text).not.toContain(s);
  });

  it("lets a project key read the log only with the admin scope, and names the key as actor", async () => {
    const base = `/api/v1/projects/${project.id}`;
    const denied = await call("GET", `${base}/audit`, { "x-api-key": readKey });
    expect(denied.statusCode).toBe(403);
    const ok = await call("GET", `${base}/audit/verify`, { "x-api-key": adminKey });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, checked: 10 });
    // A key cannot read the instance log, even its creator's.
    expect((await call("GET", "/api/v1/admin/audit", { "x-api-key": adminKey })).statusCode).toBe(403);

    const made = await call(
      "POST",
      `${base}/prompts`,
      { "x-api-key": adminKey },
      { title: "by key", content: "hello" },
    );
    expect(made.statusCode).toBe(201);
    const keyId = (await call("GET", `${base}/api-keys`, owner.auth))
      .json()
      .items.find((k: { scopes: string[] }) => k.scopes.includes("admin")).id;
    const last = (await call("GET", `${base}/audit?limit=1`, owner.auth)).json().items[0];
    expect(last).toMatchObject({ action: "prompt.create", actor: { type: "api_key", id: keyId } });

    expect((await call("DELETE", `${base}/api-keys/${keyId}`, owner.auth)).statusCode).toBe(204);
    const revoked = (await chain(null)).at(-1);
    expect(revoked).toMatchObject({ action: "api_key.revoke", target_id: keyId, actor_id: owner.id });
  });
});
