// Projects as users see them: the personal project made at registration, creating and finding projects
// by slug or id, sharing prompts with members, the last-owner rule, and project API keys (scopes capped
// by the creator's role, expiry, revocation, one project only).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DB_TARGETS, databaseOf, type TestApp } from "../helpers/app.js";
import { metricValue } from "../helpers/metrics.js";
import { createTestUser, createTestUsers, type TestUser } from "../helpers/users.js";
import { projectKey, projectWithMembers } from "./project-helpers.js";

const promptBody = { title: "Shared", content: "Summarise the meeting notes in five bullet points." };

describe.each(DB_TARGETS)("projects on %s", (target) => {
  let t: TestApp;
  let now = Date.UTC(2026, 5, 1, 12);
  beforeAll(async () => {
    t = await buildTestApp({ target, clock: () => now });
  });
  afterAll(async () => t.close());

  const call = (
    user: TestUser | { auth: Record<string, string> },
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    payload?: Record<string, unknown>,
  ) => t.app.inject({ method, url, headers: user.auth, payload });

  it("makes a personal project at registration, owned by the new user, which cannot be deleted", async () => {
    const reg = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/register",
      payload: {
        username: "Grace_H",
        email: "grace@example.test",
        password: "correct horse battery staple 42",
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: "grace_h", password: "correct horse battery staple 42" },
    });
    const grace = { auth: { authorization: `Bearer ${login.json().access_token}` } };
    const list = await call(grace, "GET", "/api/v1/projects");
    expect(list.json().items).toEqual([
      expect.objectContaining({ slug: "~grace_h", name: "Grace_H's project", personal: true, role: "owner" }),
    ]);
    const del = await call(grace, "DELETE", "/api/v1/projects/~grace_h");
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe("personal_project");
    const rename = await call(grace, "PATCH", "/api/v1/projects/~grace_h", { slug: "grace" });
    expect(rename.statusCode).toBe(422);
  });

  it("makes exactly one personal project when an account's first requests arrive together", async () => {
    // createTestUser writes the account straight into the table, as accounts from before projects were.
    const user = await createTestUser(t.app);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        i % 2 ? call(user, "GET", "/api/v1/prompts") : call(user, "POST", "/api/v1/prompts", promptBody),
      ),
    );
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 201, 201, 201, 201]);
    const personal = await databaseOf(t.app)
      .selectFrom("projects")
      .selectAll()
      .where("created_by", "=", user.id)
      .execute();
    expect(personal).toHaveLength(1);
    expect((await call(user, "GET", "/api/v1/prompts")).json().total).toBe(4);
    const owners = await databaseOf(t.app)
      .selectFrom("project_members")
      .selectAll()
      .where("user_id", "=", user.id)
      .execute();
    expect(owners.map((m) => m.role)).toEqual(["owner"]);
  });

  it("creates a project, finds it by slug or id, refuses a taken slug (409) and bad input (422)", async () => {
    const owner = await createTestUser(t.app);
    const made = await call(owner, "POST", "/api/v1/projects", {
      name: "  Support bot  ",
      slug: `support-${target}`,
    });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({
      name: "Support bot",
      slug: `support-${target}`,
      personal: false,
      role: "owner",
    });
    const byId = await call(owner, "GET", `/api/v1/projects/${made.json().id}`);
    const bySlug = await call(owner, "GET", `/api/v1/projects/support-${target}`);
    expect(byId.json()).toEqual(bySlug.json());
    const taken = await call(await createTestUser(t.app), "POST", "/api/v1/projects", {
      name: "Other",
      slug: `support-${target}`,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe("slug_taken");
    for (const slug of [
      "Upper",
      "-dash",
      "dash-",
      "~mine",
      "a_b",
      "0190a6c4-0000-7000-8000-000000000000",
      "x".repeat(64),
    ]) {
      const bad = await call(owner, "POST", "/api/v1/projects", { name: "Bad", slug });
      expect(bad.statusCode, slug).toBe(422);
      expect(bad.json().error.details[0].field).toBe("slug");
    }
    expect(
      (await call(owner, "POST", "/api/v1/projects", { name: "   ", slug: "blank-name" })).statusCode,
    ).toBe(422);
    const moved = await call(owner, "PATCH", `/api/v1/projects/support-${target}`, {
      slug: `helpdesk-${target}`,
    });
    expect(moved.json().slug).toBe(`helpdesk-${target}`);
    expect((await call(owner, "GET", `/api/v1/projects/support-${target}`)).statusCode).toBe(404);
    expect((await call(owner, "GET", "/api/v1/projects/no-such-project")).statusCode).toBe(404);
  });

  it("lets members work on the project's prompts by role; strangers see nothing", async () => {
    const { owner, editor, viewer, stranger } = await createTestUsers(
      t.app,
      "owner",
      "editor",
      "viewer",
      "stranger",
    );
    const p = await projectWithMembers(t.app, owner, [
      { user: editor, role: "editor" },
      { user: viewer, role: "viewer" },
    ]);
    const prompt = await call(editor, "POST", `/api/v1/projects/${p.slug}/prompts`, promptBody);
    expect(prompt.statusCode).toBe(201);
    const id = prompt.json().id;
    // The project's prompt is not in anyone's personal project.
    expect((await call(editor, "GET", "/api/v1/prompts")).json().total).toBe(0);
    expect((await call(editor, "GET", `/api/v1/prompts/${id}`)).statusCode).toBe(404);
    const read = await call(viewer, "GET", `/api/v1/projects/${p.id}/prompts/${id}`);
    expect(read.json().title).toBe("Shared");
    const edit = await call(viewer, "PATCH", `/api/v1/projects/${p.slug}/prompts/${id}`, {
      title: "Mine now",
      base_version: 1,
    });
    expect(edit.statusCode).toBe(403);
    expect(edit.json()).toMatchObject({
      error: { code: "forbidden", message: expect.stringContaining("viewer") },
    });
    expect(
      (
        await call(owner, "PATCH", `/api/v1/projects/${p.slug}/prompts/${id}`, {
          title: "Owned",
          base_version: 1,
        })
      ).statusCode,
    ).toBe(200);
    expect((await call(stranger, "GET", `/api/v1/projects/${p.slug}/prompts/${id}`)).statusCode).toBe(404);
    expect((await call(stranger, "GET", `/api/v1/projects/${p.slug}/prompts`)).statusCode).toBe(404);
    // Deleting the project takes its prompts with it.
    expect((await call(owner, "DELETE", `/api/v1/projects/${p.slug}`)).statusCode).toBe(204);
    expect(await databaseOf(t.app).selectFrom("prompts").select("id").where("id", "=", id).execute()).toEqual(
      [],
    );
  });

  it("shows a project's public templates to everyone, its private ones to members only", async () => {
    const { owner, other } = await createTestUsers(t.app, "owner", "other");
    const p = await projectWithMembers(t.app, owner);
    const body = { name: "Hello", content: "Hello {{name}}", variables: [{ name: "name" }] };
    const pub = await call(owner, "POST", `/api/v1/projects/${p.slug}/templates`, {
      ...body,
      visibility: "public",
    });
    const priv = await call(owner, "POST", `/api/v1/projects/${p.slug}/templates`, body);
    expect((await call(other, "GET", `/api/v1/templates/${pub.json().id}`)).json().is_owner).toBe(false);
    expect((await call(other, "GET", `/api/v1/templates/${priv.json().id}`)).statusCode).toBe(404);
    expect((await call(other, "DELETE", `/api/v1/templates/${pub.json().id}`)).statusCode).toBe(403);
  });

  it("keeps at least one owner: the last one can neither leave nor be demoted", async () => {
    const { owner, admin, viewer } = await createTestUsers(t.app, "owner", "admin", "viewer");
    const p = await projectWithMembers(t.app, owner, [
      { user: admin, role: "admin" },
      { user: viewer, role: "viewer" },
    ]);
    const members = `/api/v1/projects/${p.slug}/members`;
    const leave = await call(owner, "DELETE", `${members}/${owner.id}`);
    expect(leave.statusCode).toBe(409);
    expect(leave.json().error.code).toBe("last_owner");
    expect((await call(owner, "PATCH", `${members}/${owner.id}`, { role: "admin" })).json().error.code).toBe(
      "last_owner",
    );
    // Admins manage editors and viewers, not owners.
    expect((await call(admin, "PATCH", `${members}/${viewer.id}`, { role: "editor" })).json().role).toBe(
      "editor",
    );
    expect((await call(admin, "PATCH", `${members}/${owner.id}`, { role: "viewer" })).statusCode).toBe(403);
    expect((await call(admin, "PATCH", `${members}/${viewer.id}`, { role: "owner" })).statusCode).toBe(403);
    // With a second owner the first may step down, and then the second is the last.
    expect((await call(owner, "PATCH", `${members}/${admin.id}`, { role: "owner" })).json().role).toBe(
      "owner",
    );
    expect((await call(owner, "PATCH", `${members}/${owner.id}`, { role: "editor" })).json().role).toBe(
      "editor",
    );
    expect((await call(admin, "DELETE", `${members}/${admin.id}`)).json().error.code).toBe("last_owner");
    // Anyone else may leave; then the project is gone for them.
    expect((await call(viewer, "DELETE", `${members}/${viewer.id}`)).statusCode).toBe(204);
    expect((await call(viewer, "GET", `/api/v1/projects/${p.slug}`)).statusCode).toBe(404);
    expect((await call(admin, "PATCH", `${members}/${viewer.id}`, { role: "editor" })).statusCode).toBe(404);
    const personal = await call(owner, "GET", `/api/v1/projects/~${owner.username.toLowerCase()}/members`);
    expect(personal.json().items).toHaveLength(1);
  });

  it("two owners demoting each other at once: one succeeds, one owner remains", async () => {
    const { a, b } = await createTestUsers(t.app, "a", "b");
    const p = await projectWithMembers(t.app, a, [{ user: b, role: "owner" }]);
    const members = `/api/v1/projects/${p.slug}/members`;
    const [r1, r2] = await Promise.all([
      call(a, "PATCH", `${members}/${b.id}`, { role: "editor" }),
      call(b, "PATCH", `${members}/${a.id}`, { role: "editor" }),
    ]);
    // The loser is refused either as no longer an owner (403) or as the last owner's demoter (409).
    const codes = [r1.statusCode, r2.statusCode].sort((x, y) => x - y);
    expect(codes[0]).toBe(200);
    expect([403, 409]).toContain(codes[1]);
    const owners = await databaseOf(t.app)
      .selectFrom("project_members")
      .select("user_id")
      .where("project_id", "=", p.id)
      .where("role", "=", "owner")
      .execute();
    expect(owners).toHaveLength(1);
  });

  it("project API keys: secret once, one project, capped by the creator's role, expiry and revocation enforced", async () => {
    const { owner, admin, editor } = await createTestUsers(t.app, "owner", "admin", "editor");
    const p = await projectWithMembers(t.app, owner, [
      { user: admin, role: "admin" },
      { user: editor, role: "editor" },
    ]);
    const other = await projectWithMembers(t.app, owner);
    const keys = `/api/v1/projects/${p.slug}/api-keys`;
    expect((await call(editor, "POST", keys, { name: "mine", scopes: ["prompts:read"] })).statusCode).toBe(
      403,
    );
    const bad = await call(admin, "POST", keys, {
      name: "x",
      scopes: ["everything"],
      expires_at: "yesterday",
    });
    expect(bad.statusCode).toBe(422);
    const past = await call(admin, "POST", keys, {
      name: "x",
      scopes: ["prompts:read"],
      expires_at: new Date(now - 1000).toISOString(),
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().error.details[0].field).toBe("expires_at");

    const made = await call(admin, "POST", keys, {
      name: "CI",
      scopes: ["prompts:read", "prompts:write"],
      expires_at: new Date(now + 3_600_000).toISOString(),
    });
    expect(made.statusCode).toBe(201);
    const secret = made.json().key as string;
    expect(made.json()).toMatchObject({
      name: "CI",
      scopes: ["prompts:read", "prompts:write"],
      created_by: { id: admin.id },
      last_used_at: null,
    });
    const listed = await call(owner, "GET", keys);
    expect(listed.body).not.toContain(secret);
    expect(listed.json().items[0].prefix).toBe(secret.slice(0, 10));

    const key = { auth: { "x-api-key": secret } };
    // The older routes act on the key's project; other projects do not exist for it.
    expect((await call(key, "POST", "/api/v1/prompts", promptBody)).statusCode).toBe(201);
    expect((await call(key, "GET", `/api/v1/projects/${p.slug}/prompts`)).json().total).toBe(1);
    expect((await call(key, "GET", `/api/v1/projects/${other.slug}/prompts`)).statusCode).toBe(404);
    expect(
      (await call(key, "GET", `/api/v1/projects/~${admin.username.toLowerCase()}/prompts`)).statusCode,
    ).toBe(404);
    expect((await call(key, "GET", "/api/v1/auth/me")).statusCode).toBe(403);
    expect((await call(owner, "GET", keys)).json().items[0].last_used_at).toBe(new Date(now).toISOString());

    // The key never exceeds its creator: demoted to viewer, the creator's key can no longer write.
    await call(owner, "PATCH", `/api/v1/projects/${p.slug}/members/${admin.id}`, { role: "viewer" });
    const write = await call(key, "POST", "/api/v1/prompts", promptBody);
    expect(write.statusCode).toBe(403);
    expect((await call(key, "GET", "/api/v1/prompts")).statusCode).toBe(200);
    // Removed, the creator's key can do nothing in the project.
    await call(owner, "DELETE", `/api/v1/projects/${p.slug}/members/${admin.id}`);
    expect((await call(key, "GET", "/api/v1/prompts")).statusCode).toBe(403);

    // Expiry: one millisecond past expires_at the key is refused with 401.
    const short = await call(owner, "POST", keys, {
      name: "short",
      scopes: ["prompts:read"],
      expires_at: new Date(now + 60_000).toISOString(),
    });
    const shortKey = { auth: { "x-api-key": short.json().key as string } };
    // Each accepted request counts one success of its kind, the first and every later one alike.
    const success = () =>
      metricValue(t.app, "api_key_authentications_total", { kind: "project", result: "success" });
    const success0 = await success();
    expect((await call(shortKey, "GET", "/api/v1/prompts")).statusCode).toBe(200);
    expect((await call(shortKey, "GET", "/api/v1/prompts")).statusCode).toBe(200);
    expect(await success()).toBe(success0 + 2);
    const expired0 = await metricValue(t.app, "api_key_authentications_total", {
      kind: "project",
      result: "expired",
    });
    const saved = now;
    now += 60_000;
    const expired = await call(shortKey, "GET", "/api/v1/prompts");
    now = saved;
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe("api_key_expired");
    expect(
      await metricValue(t.app, "api_key_authentications_total", { kind: "project", result: "expired" }),
    ).toBe(expired0 + 1);

    // Revoked: gone at once.
    const revokeKey = await projectKey(t.app, owner, p.slug, ["prompts:read"]);
    const invalid0 = await metricValue(t.app, "api_key_authentications_total", {
      kind: "unknown",
      result: "invalid",
    });
    const id = (await call(owner, "GET", keys))
      .json()
      .items.find((k: { prefix: string }) => revokeKey.startsWith(k.prefix)).id;
    expect((await call(owner, "DELETE", `${keys}/${id}`)).statusCode).toBe(204);
    expect((await call({ auth: { "x-api-key": revokeKey } }, "GET", "/api/v1/prompts")).statusCode).toBe(401);
    expect(
      await metricValue(t.app, "api_key_authentications_total", { kind: "unknown", result: "invalid" }),
    ).toBe(invalid0 + 1);
    expect((await call(owner, "DELETE", `${keys}/${id}`)).statusCode).toBe(404);
  });

  it("user-level keys keep working on the personal project only, and stay out of project key lists", async () => {
    const owner = await createTestUser(t.app);
    const p = await projectWithMembers(t.app, owner);
    const made = await call(owner, "POST", "/api/v1/auth/api-keys", { name: "old style" });
    const key = { auth: { authorization: `Bearer ${made.json().key}` } };
    expect((await call(key, "POST", "/api/v1/prompts", promptBody)).statusCode).toBe(201);
    expect(
      (await call(key, "GET", `/api/v1/projects/~${owner.username.toLowerCase()}/prompts`)).json().total,
    ).toBe(1);
    expect((await call(key, "GET", `/api/v1/projects/${p.slug}/prompts`)).statusCode).toBe(404);
    expect((await call(key, "GET", "/api/v1/auth/me")).statusCode).toBe(200);
    expect((await call(owner, "GET", `/api/v1/projects/${p.slug}/api-keys`)).json().items).toEqual([]);
    await projectKey(t.app, owner, p.slug, ["prompts:read"]);
    expect(
      (await call(owner, "GET", "/api/v1/auth/api-keys")).json().items.map((k: { name: string }) => k.name),
    ).toEqual(["old style"]);
  });
});
