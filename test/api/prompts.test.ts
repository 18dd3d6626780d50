// Prompts API end to end: create/read/update/delete with validation, optimistic concurrency (stale and
// truly concurrent updates), versions, diff, restore, duplicate and cross-user isolation, on every
// database target of the run.
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import { DB_TARGETS, type TestApp } from "../helpers/app.js";
import { apiCall, type TestUser, useAppWithUsers } from "../helpers/users.js";

describe.each(DB_TARGETS)("prompts API (%s)", (target) => {
  let t: TestApp, alice: TestUser, bob: TestUser;
  useAppWithUsers(target, ["alice", "bob"], (fx) => ({ t, alice, bob } = fx));
  type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  const call = apiCall(() => t.app, "/api/v1/prompts");
  const create = async (user: TestUser, body: Record<string, unknown> = {}) => {
    const res = await call(user, "POST", "", { title: "Summarise", content: "Summarise the text.", ...body });
    expect(res.statusCode).toBe(201);
    return res.json();
  };
  const fields = (res: { json: () => { error: { details?: { field: string }[] } } }) =>
    (res.json().error.details ?? []).map((d) => d.field);

  describe("create and read", () => {
    it("creates version 1 with defaults, normalised tags and an ETag", async () => {
      const res = await call(alice, "POST", "", {
        title: "Cold e-mail",
        content: "Write a cold e-mail to {{name}}.",
        tags: ["  Sales ", "sales", "Outreach", "SALES"],
      });
      expect(res.statusCode).toBe(201);
      expect(res.headers.etag).toBe('"1"');
      const p = res.json();
      expect(p).toMatchObject({
        title: "Cold e-mail",
        category: "other",
        target_llm: "generic",
        tags: ["sales", "outreach"],
        version: 1,
        score: analyze("Write a cold e-mail to {{name}}.").scores.overall,
        score_engine_version: analyze("Write a cold e-mail to {{name}}.").engine_version,
      });
      expect(Object.keys(p).sort()).toEqual(
        [
          "category",
          "config",
          "content",
          "created_at",
          "id",
          "messages",
          "name",
          "score",
          "score_engine_version",
          "tags",
          "target_llm",
          "title",
          "type",
          "undeclared_variables",
          "updated_at",
          "variables",
          "version",
        ].sort(),
      );
      const got = await call(alice, "GET", `/${p.id}`);
      expect(got.statusCode).toBe(200);
      expect(got.headers.etag).toBe('"1"');
      expect(got.json()).toEqual(p);
      const versions = await call(alice, "GET", `/${p.id}/versions`);
      expect(versions.json().items).toEqual([
        expect.objectContaining({
          version: 1,
          content: "Write a cold e-mail to {{name}}.",
          change_note: null,
        }),
      ]);
    });

    it("requires authentication", async () => {
      const res = await call(null, "GET", "");
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe("unauthorized");
    });

    it.each([
      ["empty title", { title: "" }, "title"],
      ["201-character title", { title: "t".repeat(201) }, "title"],
      ["empty content", { content: "" }, "content"],
      ["50,001-character content", { content: "c".repeat(50_001) }, "content"],
      ["unknown category", { category: "poetry" }, "category"],
      ["unknown target_llm", { target_llm: "gpt-9" }, "target_llm"],
      ["21 tags", { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, "tags"],
      ["51-character tag", { tags: ["x".repeat(51)] }, "tags.0"],
      ["blank tag", { tags: ["ok", "   "] }, "tags.1"],
      ["501-character change note", { change_note: "n".repeat(501) }, "change_note"],
    ])("rejects %s with 422 naming the field", async (_, body, field) => {
      const res = await call(alice, "POST", "", { title: "T", content: "C", ...body });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe("validation_error");
      expect(fields(res)).toContain(field);
    });

    it("accepts exactly 50,000 characters, 20 tags and a 200-character title", async () => {
      const p = await create(alice, {
        title: "t".repeat(200),
        content: "c".repeat(50_000),
        tags: Array.from({ length: 20 }, (_, i) => `tag${i}`),
      });
      expect(p.content).toHaveLength(50_000);
      expect(p.tags).toHaveLength(20);
    });

    it("answers 404 for an unknown or malformed id", async () => {
      for (const id of ["0190f5a0-0000-7000-8000-000000000000", "not-an-id"]) {
        const res = await call(alice, "GET", `/${id}`);
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe("not_found");
      }
    });
  });

  describe("updates", () => {
    it("makes a new version on a content change, not on other changes", async () => {
      const p = await create(alice);
      const meta = await call(
        alice,
        "PATCH",
        `/${p.id}`,
        { title: "Renamed", tags: ["A"] },
        { "if-match": '"1"' },
      );
      expect(meta.statusCode).toBe(200);
      expect(meta.json()).toMatchObject({ title: "Renamed", tags: ["a"], version: 1 });
      expect(meta.headers.etag).toBe('"1"');

      const content = await call(alice, "PATCH", `/${p.id}`, {
        content: "Summarise in three bullets.",
        change_note: "Shorter",
        base_version: 1,
      });
      expect(content.statusCode).toBe(200);
      expect(content.headers.etag).toBe('"2"');
      expect(content.json()).toMatchObject({
        version: 2,
        title: "Renamed",
        content: "Summarise in three bullets.",
      });

      const same = await call(
        alice,
        "PATCH",
        `/${p.id}`,
        { content: "Summarise in three bullets." },
        { "if-match": "2" },
      );
      expect(same.json().version).toBe(2);

      const versions = (await call(alice, "GET", `/${p.id}/versions`)).json().items;
      expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
      expect(versions[0].change_note).toBe("Shorter");
    });

    it("replaces every field with PUT and accepts a weak If-Match", async () => {
      const p = await create(alice);
      const res = await call(
        alice,
        "PUT",
        `/${p.id}`,
        { title: "New", content: "New content", category: "code", tags: ["x"], target_llm: "claude" },
        { "if-match": 'W/"1"' },
      );
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        title: "New",
        content: "New content",
        category: "code",
        tags: ["x"],
        target_llm: "claude",
        version: 2,
      });
    });

    it("rejects a PUT missing a field with 422", async () => {
      const p = await create(alice);
      const res = await call(alice, "PUT", `/${p.id}`, { title: "New", content: "x", base_version: 1 });
      expect(res.statusCode).toBe(422);
      expect(fields(res)).toEqual(expect.arrayContaining(["category", "tags", "target_llm"]));
    });

    it("answers 428 precondition_required when neither If-Match nor base_version is sent", async () => {
      const p = await create(alice);
      for (const method of ["PATCH", "PUT"] as const) {
        const body =
          method === "PUT"
            ? { title: "x", content: "y", category: "other", tags: [], target_llm: "generic" }
            : { title: "x" };
        const res = await call(alice, method, `/${p.id}`, body);
        expect(res.statusCode).toBe(428);
        expect(res.json().error.code).toBe("precondition_required");
      }
      expect((await call(alice, "GET", `/${p.id}`)).json().title).toBe("Summarise");
    });

    it("rejects a malformed If-Match, or one that disagrees with base_version, with 422", async () => {
      const p = await create(alice);
      const bad = await call(alice, "PATCH", `/${p.id}`, { title: "x" }, { "if-match": "*" });
      expect(bad.statusCode).toBe(422);
      expect(fields(bad)).toEqual(["If-Match"]);
      const disagree = await call(
        alice,
        "PATCH",
        `/${p.id}`,
        { title: "x", base_version: 2 },
        { "if-match": '"1"' },
      );
      expect(disagree.statusCode).toBe(422);
    });

    it("rejects a stale update with 409 version_conflict carrying the current prompt", async () => {
      const p = await create(alice);
      const first = await call(alice, "PATCH", `/${p.id}`, { content: "v2" }, { "if-match": '"1"' });
      expect(first.statusCode).toBe(200);
      const stale = await call(alice, "PATCH", `/${p.id}`, { content: "other edit" }, { "if-match": '"1"' });
      expect(stale.statusCode).toBe(409);
      const err = stale.json().error;
      expect(err.code).toBe("version_conflict");
      expect(err.details.current_version).toBe(2);
      expect(err.details.prompt).toMatchObject({ id: p.id, content: "v2", version: 2 });
      // A metadata-only edit from a stale base is refused too.
      const staleMeta = await call(alice, "PATCH", `/${p.id}`, { title: "t" }, { "if-match": '"1"' });
      expect(staleMeta.statusCode).toBe(409);
      expect((await call(alice, "GET", `/${p.id}`)).json()).toMatchObject({
        content: "v2",
        title: "Summarise",
      });
    });

    it("lets exactly one of many concurrent updates from the same base succeed (real HTTP)", async () => {
      const p = await create(alice);
      const address = await t.app.listen({ port: 0, host: "127.0.0.1" });
      try {
        const n = 8;
        const results = await Promise.all(
          Array.from({ length: n }, (_, i) =>
            fetch(`${address}/api/v1/prompts/${p.id}`, {
              method: "PATCH",
              headers: { ...alice.auth, "content-type": "application/json", "if-match": '"1"' },
              body: JSON.stringify({ content: `concurrent edit ${i}` }),
            }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> })),
          ),
        );
        const ok = results.filter((r) => r.status === 200);
        const conflicts = results.filter((r) => r.status === 409);
        expect(ok).toHaveLength(1);
        expect(conflicts).toHaveLength(n - 1);
        const versions = (await call(alice, "GET", `/${p.id}/versions`)).json().items;
        expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
        const current = (await call(alice, "GET", `/${p.id}`)).json();
        expect(current.content).toBe(ok[0]!.body.content);
        expect(current.version).toBe(2);
      } finally {
        await t.app.server.close();
      }
    });
  });

  describe("versions, diff and restore", () => {
    it("gets one version and 404s an unknown one", async () => {
      const p = await create(alice, { content: "one" });
      await call(alice, "PATCH", `/${p.id}`, { content: "two" }, { "if-match": '"1"' });
      const v1 = await call(alice, "GET", `/${p.id}/versions/1`);
      expect(v1.statusCode).toBe(200);
      expect(v1.json()).toMatchObject({ version: 1, content: "one" });
      expect((await call(alice, "GET", `/${p.id}/versions/3`)).statusCode).toBe(404);
      expect((await call(alice, "GET", `/${p.id}/versions/0`)).statusCode).toBe(422);
      expect((await call(alice, "GET", `/${p.id}/versions/abc`)).statusCode).toBe(422);
    });

    it("diffs two versions line by line", async () => {
      const p = await create(alice, { content: "Role: editor\nTask: fix typos\nTone: formal" });
      await call(
        alice,
        "PATCH",
        `/${p.id}`,
        { content: "Role: editor\nTask: fix grammar\nTone: formal\nFormat: markdown" },
        { "if-match": '"1"' },
      );
      const res = await call(alice, "GET", `/${p.id}/diff?from=1&to=2`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        from: 1,
        to: 2,
        added: 2,
        removed: 1,
        lines: [
          { op: "equal", text: "Role: editor", old_line: 1, new_line: 1 },
          { op: "remove", text: "Task: fix typos", old_line: 2, new_line: null },
          { op: "add", text: "Task: fix grammar", old_line: null, new_line: 2 },
          { op: "equal", text: "Tone: formal", old_line: 3, new_line: 3 },
          { op: "add", text: "Format: markdown", old_line: null, new_line: 4 },
        ],
        changed: [],
        versions: {
          from: { type: "text", messages: null, variables: [], config: {} },
          to: { type: "text", messages: null, variables: [], config: {} },
        },
      });
      // Defaults: the current version against the one before it.
      const byDefault = await call(alice, "GET", `/${p.id}/diff`);
      expect(byDefault.json()).toMatchObject({ from: 1, to: 2, added: 2, removed: 1 });
      // Reversed direction swaps adds and removes.
      expect((await call(alice, "GET", `/${p.id}/diff?from=2&to=1`)).json()).toMatchObject({
        added: 1,
        removed: 2,
      });
    });

    it("answers 404 for a diff against a missing version and 422 for a bad one", async () => {
      const p = await create(alice);
      expect((await call(alice, "GET", `/${p.id}/diff?from=1&to=9`)).statusCode).toBe(404);
      expect((await call(alice, "GET", `/${p.id}/diff?from=7&to=1`)).statusCode).toBe(404);
      const bad = await call(alice, "GET", `/${p.id}/diff?from=x&to=1`);
      expect(bad.statusCode).toBe(422);
      expect(fields(bad)).toContain("from");
    });

    it("restores an old version as a new version with a change note", async () => {
      const p = await create(alice, { content: "first" });
      await call(alice, "PATCH", `/${p.id}`, { content: "second" }, { "if-match": '"1"' });
      const res = await call(alice, "POST", `/${p.id}/versions/1/restore`);
      expect(res.statusCode).toBe(200);
      expect(res.headers.etag).toBe('"3"');
      expect(res.json()).toMatchObject({ content: "first", version: 3 });
      const v3 = (await call(alice, "GET", `/${p.id}/versions/3`)).json();
      expect(v3).toMatchObject({ content: "first", change_note: "Restored version 1" });
      // Versions stay immutable: 1 and 2 are untouched.
      expect((await call(alice, "GET", `/${p.id}/versions/2`)).json().content).toBe("second");
    });

    it("refuses a restore from a stale If-Match and a restore of a missing version", async () => {
      const p = await create(alice, { content: "first" });
      await call(alice, "PATCH", `/${p.id}`, { content: "second" }, { "if-match": '"1"' });
      const stale = await call(alice, "POST", `/${p.id}/versions/1/restore`, undefined, {
        "if-match": '"1"',
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe("version_conflict");
      expect((await call(alice, "POST", `/${p.id}/versions/5/restore`)).statusCode).toBe(404);
      expect((await call(alice, "GET", `/${p.id}`)).json().version).toBe(2);
    });
  });

  describe("duplicate and delete", () => {
    it("duplicates into a new prompt at version 1 titled '(copy)'", async () => {
      const p = await create(alice, { title: "Plan", content: "a", tags: ["x"], category: "business" });
      await call(alice, "PATCH", `/${p.id}`, { content: "b" }, { "if-match": '"1"' });
      const res = await call(alice, "POST", `/${p.id}/duplicate`);
      expect(res.statusCode).toBe(201);
      const copy = res.json();
      expect(copy).toMatchObject({
        title: "Plan (copy)",
        content: "b",
        tags: ["x"],
        category: "business",
        version: 1,
      });
      expect(copy.id).not.toBe(p.id);
      expect((await call(alice, "GET", `/${copy.id}/versions`)).json().items).toHaveLength(1);
    });

    it("keeps a duplicated 200-character title within the limit", async () => {
      const p = await create(alice, { title: "x".repeat(200) });
      const copy = (await call(alice, "POST", `/${p.id}/duplicate`)).json();
      expect(copy.title).toHaveLength(200);
      expect(copy.title.endsWith(" (copy)")).toBe(true);
    });

    it("deletes a prompt with its versions", async () => {
      const p = await create(alice);
      const res = await call(alice, "DELETE", `/${p.id}`);
      expect(res.statusCode).toBe(204);
      expect((await call(alice, "GET", `/${p.id}`)).statusCode).toBe(404);
      expect((await call(alice, "DELETE", `/${p.id}`)).statusCode).toBe(404);
      const left = await t.db.kysely
        .selectFrom("prompt_versions")
        .select("id")
        .where("prompt_id", "=", p.id)
        .execute();
      expect(left).toEqual([]);
    });
  });

  describe("OpenAPI", () => {
    it("documents every prompts, templates and stats route with tags, a summary and responses", async () => {
      const res = await t.app.inject({ method: "GET", url: "/openapi.json" });
      expect(res.statusCode).toBe(200);
      const paths = res.json().paths as Record<
        string,
        Record<string, { tags?: string[]; summary?: string; responses?: object }>
      >;
      const ours = Object.entries(paths).filter(([path]) =>
        /^\/api\/v1\/(prompts|templates|users)(\/|$)/.test(path),
      );
      const operations = ours.flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({ path, method, op })),
      );
      // 14 prompts + 7 templates + 1 stats operations (GET /prompts/{id}/analyses belongs to analysis).
      const mine = operations.filter((o) => !o.path.endsWith("/analyses"));
      expect(mine).toHaveLength(22);
      for (const { path, method, op } of mine) {
        expect(op.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
        expect(op.summary, `${method} ${path}`).toBeTruthy();
        expect(Object.keys(op.responses ?? {}).length, `${method} ${path}`).toBeGreaterThan(0);
      }
    });
  });

  describe("isolation", () => {
    it("answers 404 on every endpoint for someone else's prompt and leaves it unchanged", async () => {
      const p = await create(alice, { content: "private" });
      const put = { title: "x", content: "y", category: "other", tags: [], target_llm: "generic" };
      const attempts: [Method, string, unknown?, Record<string, string>?][] = [
        ["GET", `/${p.id}`],
        ["PUT", `/${p.id}`, put, { "if-match": '"1"' }],
        ["PATCH", `/${p.id}`, { content: "hijack" }, { "if-match": '"1"' }],
        ["DELETE", `/${p.id}`],
        ["GET", `/${p.id}/versions`],
        ["GET", `/${p.id}/versions/1`],
        ["GET", `/${p.id}/diff?from=1&to=1`],
        ["POST", `/${p.id}/versions/1/restore`],
        ["POST", `/${p.id}/duplicate`],
      ];
      for (const [method, url, body, headers] of attempts) {
        const res = await call(bob, method, url, body, headers);
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(res.json().error.code).toBe("not_found");
      }
      const after = (await call(alice, "GET", `/${p.id}`)).json();
      expect(after).toEqual(p);
      expect((await call(bob, "GET", "")).json().items.some((x: { id: string }) => x.id === p.id)).toBe(
        false,
      );
      expect(
        (await call(bob, "GET", "/export")).json().prompts.some((x: { id: string }) => x.id === p.id),
      ).toBe(false);
    });
  });
});
