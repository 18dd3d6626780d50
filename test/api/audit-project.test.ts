// A project's audit log end to end, on SQLite and PostgreSQL: the project's own changes, its prompts and
// templates are appended by their services (actor, address, request id from the request; version numbers and
// content hashes, never the text); owners and admins read, filter, export and verify it, editors and viewers
// get 403 and outsiders 404; an entry edited or deleted in the database is named by verify; deleting the
// project is recorded at instance level.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentHash } from "../../src/features/audit/audit-chain.js";
import { buildTestApp, DB_TARGETS, databaseOf, type TestApp } from "../helpers/app.js";
import { whileTampered } from "../helpers/audit.js";
import { createTestUser, type TestUser } from "../helpers/users.js";

const CANARY_CONTENT = "canary-prompt-text: summarise the quarterly numbers for the board";
const CANARY_EDIT = "canary-prompt-edit: summarise the quarterly numbers in three bullets";
const CANARY_TEMPLATE = "canary-template-text: write to {{name}} about the launch";

describe.each(DB_TARGETS)("project audit log (%s)", (target) => {
  let t: TestApp;
  let owner: TestUser;
  let admin: TestUser;
  let editor: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let instanceAdmin: TestUser;
  let projectId: string;
  let promptId: string;
  let templateId: string;
  const base = "/api/v1/projects/acme";

  const call = (
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    user: TestUser,
    payload?: object,
    headers: Record<string, string> = {},
  ) => t.app.inject({ method, url, headers: { ...user.auth, ...headers }, ...(payload ? { payload } : {}) });
  const rows = () =>
    databaseOf(t.app)
      .selectFrom("audit_events")
      .selectAll()
      .where("project_id", "=", projectId)
      .orderBy("seq")
      .execute();

  beforeAll(async () => {
    t = await buildTestApp({ target });
    [owner, admin, editor, viewer, outsider] = (await Promise.all(
      Array.from({ length: 5 }, () => createTestUser(t.app)),
    )) as [TestUser, TestUser, TestUser, TestUser, TestUser];
    instanceAdmin = await createTestUser(t.app, { role: "admin" });

    const created = await call(
      "POST",
      "/api/v1/projects",
      owner,
      { name: "Acme", slug: "acme" },
      {
        "x-request-id": "req-project-create",
      },
    );
    expect(created.statusCode).toBe(201);
    projectId = created.json().id;
    // Members are written straight in: the invitation flow is tested with the members feature.
    const now = new Date().toISOString();
    await databaseOf(t.app)
      .insertInto("project_members")
      .values(
        (
          [
            [admin, "admin"],
            [editor, "editor"],
            [viewer, "viewer"],
          ] as const
        ).map(([u, role]) => ({
          project_id: projectId,
          user_id: u.id,
          role,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();

    const p = await call("POST", `${base}/prompts`, editor, {
      title: "Board summary",
      content: CANARY_CONTENT,
    });
    expect(p.statusCode).toBe(201);
    promptId = p.json().id;
    const edited = await call(
      "PATCH",
      `${base}/prompts/${promptId}`,
      editor,
      { content: CANARY_EDIT },
      { "if-match": '"1"' },
    );
    expect(edited.statusCode).toBe(200);
    const restored = await call("POST", `${base}/prompts/${promptId}/versions/1/restore`, editor, {});
    expect(restored.statusCode).toBe(200);
    const tpl = await call("POST", `${base}/templates`, editor, {
      name: "Launch note",
      content: CANARY_TEMPLATE,
      variables: [{ name: "name" }],
    });
    expect(tpl.statusCode).toBe(201);
    templateId = tpl.json().id;
    expect((await call("DELETE", `${base}/templates/${templateId}`, editor)).statusCode).toBe(204);
    expect((await call("PATCH", base, admin, { name: "Acme Inc" })).statusCode).toBe(200);
    expect((await call("DELETE", `${base}/prompts/${promptId}`, editor)).statusCode).toBe(204);
  });
  afterAll(async () => t?.close());

  it("appends each change with its actor, target, address and request id, in one chain", async () => {
    const all = await rows();
    expect(all.map((r) => [r.seq, r.action, r.actor_id])).toEqual([
      [1, "project.create", owner.id],
      [2, "prompt.create", editor.id],
      [3, "prompt.update", editor.id],
      [4, "prompt.restore", editor.id],
      [5, "template.create", editor.id],
      [6, "template.delete", editor.id],
      [7, "project.update", admin.id],
      [8, "prompt.delete", editor.id],
    ]);
    expect(all.every((r) => r.chain === `project:${projectId}` && r.actor_type === "user")).toBe(true);
    expect(all[0]).toMatchObject({
      request_id: "req-project-create",
      client_ip: "127.0.0.1",
      target_id: projectId,
    });
    const summary = (i: number) => JSON.parse(all[i]?.summary ?? "{}");
    expect(summary(1)).toEqual({
      content_hash: contentHash(CANARY_CONTENT),
      name: "board-summary",
      title: "Board summary",
      version: 1,
    });
    expect(summary(2)).toEqual({
      content_hash: contentHash(CANARY_EDIT),
      fields: ["content"],
      from_version: 1,
      version: 2,
    });
    expect(summary(3)).toMatchObject({
      from_version: 2,
      version: 3,
      restored_from: 1,
      content_hash: contentHash(CANARY_CONTENT),
    });
    expect(summary(6)).toEqual({ name: "Acme Inc", name_from: "Acme" });
  });

  it("keeps no prompt or template text in any row", async () => {
    const text = JSON.stringify(await databaseOf(t.app).selectFrom("audit_events").selectAll().execute());
    for (const canary of ["canary-prompt-text", "canary-prompt-edit", "canary-template-text"]) {
      expect(text).not.toContain(canary);
    }
  });

  it("is read by owners and admins; editors and viewers get 403, outsiders 404", async () => {
    for (const u of [owner, admin]) {
      const res = await call("GET", `${base}/audit`, u);
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((e: { seq: number }) => e.seq)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
      expect((await call("GET", `${base}/audit/verify`, u)).statusCode).toBe(200);
    }
    for (const u of [editor, viewer]) {
      for (const url of [`${base}/audit`, `${base}/audit/verify`, `${base}/audit?format=csv`]) {
        const res = await call("GET", url, u);
        expect(res.statusCode, url).toBe(403);
        expect(res.json().error.code).toBe("forbidden");
      }
    }
    expect((await call("GET", `${base}/audit`, outsider)).statusCode).toBe(404);
    // An instance admin is not a project admin.
    expect((await call("GET", `${base}/audit`, instanceAdmin)).statusCode).toBe(404);
    // The project's id works as well as its slug.
    expect(
      (await call("GET", `/api/v1/projects/${projectId}/audit?limit=1`, owner)).json().items[0].seq,
    ).toBe(8);
  });

  it("filters, pages and exports the project's entries only", async () => {
    const byTarget = await call("GET", `${base}/audit?target_type=prompt&target=${promptId}`, owner);
    expect(byTarget.json().items.map((e: { action: string }) => e.action)).toEqual([
      "prompt.delete",
      "prompt.restore",
      "prompt.update",
      "prompt.create",
    ]);
    const byActor = await call("GET", `${base}/audit?actor=${admin.id}`, owner);
    expect(byActor.json().items.map((e: { action: string }) => e.action)).toEqual(["project.update"]);
    const page = await call("GET", `${base}/audit?limit=3`, owner);
    const next = await call("GET", `${base}/audit?limit=3&cursor=${page.json().next_cursor}`, owner);
    expect(next.json().items.map((e: { seq: number }) => e.seq)).toEqual([5, 4, 3]);
    const jsonl = await call("GET", `${base}/audit?format=jsonl`, owner);
    expect(jsonl.statusCode).toBe(200);
    expect(jsonl.headers["content-disposition"]).toContain(`audit-project-${projectId}-`);
    const lines = jsonl.body
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(lines.every((l) => l.project_id === projectId)).toBe(true);
    const csv = await call("GET", `${base}/audit?format=csv&action=prompt.create`, owner);
    expect(csv.body.trim().split("\r\n")).toHaveLength(2);
  });

  it("verifies, and names a row edited or deleted in the database", async () => {
    expect((await call("GET", `${base}/audit/verify`, owner)).json()).toMatchObject({
      ok: true,
      checked: 8,
      first_broken_id: null,
      head: { seq: 8 },
    });
    const db = databaseOf(t.app);
    const all = await rows();
    const [third, fourth, fifth] = [all[2], all[3], all[4]];
    if (!third || !fourth || !fifth) throw new Error("too few rows");

    // Someone hides who made an edit.
    await whileTampered(db, third.id, { actor_id: owner.id }, { actor_id: third.actor_id }, async () => {
      expect((await call("GET", `${base}/audit/verify`, owner)).json()).toMatchObject({
        ok: false,
        checked: 3,
        first_broken_id: third.id,
        reason: "hash_mismatch",
      });
    });

    // Someone deletes an entry from the middle.
    await db.deleteFrom("audit_events").where("id", "=", fourth.id).execute();
    expect((await call("GET", `${base}/audit/verify`, owner)).json()).toMatchObject({
      ok: false,
      first_broken_id: fifth.id,
      reason: "entries_missing",
    });
    await db.insertInto("audit_events").values(fourth).execute();
    expect((await call("GET", `${base}/audit/verify`, owner)).json().ok).toBe(true);
  });

  it("records the project's deletion at instance level, for instance admins", async () => {
    expect((await call("DELETE", base, owner)).statusCode).toBe(204);
    expect((await call("GET", `${base}/audit`, owner)).statusCode).toBe(404);
    const res = await call("GET", "/api/v1/admin/audit?action=project.delete", instanceAdmin);
    expect(res.json().items).toHaveLength(1);
    expect(res.json().items[0]).toMatchObject({
      project_id: null,
      actor: { type: "user", id: owner.id },
      target: { type: "project", id: projectId },
      summary: { name: "Acme Inc", slug: "acme" },
    });
  });
});
