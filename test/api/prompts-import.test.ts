// Export and import: the export document round-trips into another account, import validates the whole
// document before writing and is all-or-nothing even when the database rejects an item mid-way.
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";
import { createTestUser, type TestUser } from "../helpers/users.js";

describe.each(DB_TARGETS)("prompt export and import (%s)", (target) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  const logLines: string[] = [];
  beforeAll(async () => {
    t = await buildTestApp({ target, logLines });
    alice = await createTestUser(t.app);
    bob = await createTestUser(t.app);
    carol = await createTestUser(t.app);
  });
  afterAll(async () => t.close());

  const call = (
    user: TestUser,
    method: "GET" | "POST" | "PATCH",
    url: string,
    payload?: unknown,
    headers = {},
  ) =>
    t.app.inject({
      method,
      url: `/api/v1/prompts${url}`,
      headers: { ...user.auth, ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const countOf = async (userId: string) => {
    const prompts = await t.db.kysely
      .selectFrom("prompts")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow();
    const versions = await t.db.kysely
      .selectFrom("prompt_versions")
      .innerJoin("prompts", "prompts.id", "prompt_versions.prompt_id")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("prompts.user_id", "=", userId)
      .executeTakeFirstOrThrow();
    const tags = await t.db.kysely
      .selectFrom("prompt_tags")
      .innerJoin("prompts", "prompts.id", "prompt_tags.prompt_id")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("prompts.user_id", "=", userId)
      .executeTakeFirstOrThrow();
    return { prompts: Number(prompts.n), versions: Number(versions.n), tags: Number(tags.n) };
  };
  const item = (i: number) => ({ title: `Imported ${i}`, content: `Content ${i}`, tags: ["imp"] });

  it("exports every prompt with all its versions", async () => {
    const a = (
      await call(alice, "POST", "", { title: "A", content: "a1", tags: ["x"], category: "code" })
    ).json();
    await call(alice, "PATCH", `/${a.id}`, { content: "a2", change_note: "second" }, { "if-match": '"1"' });
    await call(alice, "POST", "", { title: "B", content: "b1" });
    const res = await call(alice, "GET", "/export");
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc).toMatchObject({ format: "promptforge-export", version: 1, exported_at: expect.any(String) });
    expect(doc.prompts).toHaveLength(2);
    const exported = doc.prompts.find((p: { id: string }) => p.id === a.id);
    expect(exported).toMatchObject({ title: "A", content: "a2", version: 2, tags: ["x"], category: "code" });
    expect(exported.versions).toEqual([
      expect.objectContaining({ version: 1, content: "a1" }),
      expect.objectContaining({ version: 2, content: "a2", change_note: "second" }),
    ]);
  });

  it("imports an export document into another account with all versions", async () => {
    const doc = (await call(alice, "GET", "/export")).json();
    const res = await call(bob, "POST", "/import", doc);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.imported).toBe(2);
    const imported = body.prompts.find((p: { title: string }) => p.title === "A");
    expect(imported).toMatchObject({ content: "a2", version: 2, tags: ["x"], category: "code" });
    expect(doc.prompts.map((p: { id: string }) => p.id)).not.toContain(imported.id);
    const versions = (await call(bob, "GET", `/${imported.id}/versions`)).json().items;
    expect(versions.map((v: { version: number; content: string }) => [v.version, v.content])).toEqual([
      [2, "a2"],
      [1, "a1"],
    ]);
    // The imported prompt keeps working: it can be updated from its imported version.
    const upd = await call(bob, "PATCH", `/${imported.id}`, { content: "a3" }, { "if-match": '"2"' });
    expect(upd.json().version).toBe(3);
    expect(await countOf(bob.id)).toEqual({ prompts: 2, versions: 4, tags: 1 });
  });

  it("imports prompts without versions as version 1", async () => {
    const res = await call(carol, "POST", "/import", {
      format: "promptforge-export",
      version: 1,
      prompts: [{ title: "Plain", content: "Just text", tags: [" Mixed ", "mixed"] }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().prompts[0]).toMatchObject({ version: 1, tags: ["mixed"], category: "other" });
  });

  describe("all or nothing", () => {
    let before: Awaited<ReturnType<typeof countOf>>;
    beforeEach(async () => {
      before = await countOf(carol.id);
    });

    it.each([
      ["an empty title", { title: "" }, "prompts.2.title"],
      ["content over 50,000 characters", { content: "x".repeat(50_001) }, "prompts.2.content"],
      ["an unknown category", { category: "poetry" }, "prompts.2.category"],
      ["21 tags", { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, "prompts.2.tags"],
      ["a blank tag", { tags: ["  "] }, "prompts.2.tags.0"],
      [
        "duplicate version numbers",
        {
          content: "b",
          versions: [
            { version: 1, content: "a" },
            { version: 1, content: "b" },
          ],
        },
        "prompts.2.versions",
      ],
      [
        "content differing from its latest version",
        { versions: [{ version: 1, content: "other" }] },
        "prompts.2.content",
      ],
    ])("rejects a document with %s in item 2, naming it, and stores nothing", async (_, bad, field) => {
      const prompts = [item(0), item(1), { ...item(2), ...bad }, item(3)];
      const res = await call(carol, "POST", "/import", { format: "promptforge-export", version: 1, prompts });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
      expect(await countOf(carol.id)).toEqual(before);
    });

    it("rejects a wrong format, and more than 1,000 prompts", async () => {
      const wrong = await call(carol, "POST", "/import", { format: "other", version: 1, prompts: [] });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().error.details.map((d: { field: string }) => d.field)).toContain("format");
      const tooMany = Array.from({ length: 1001 }, () => ({ title: "t", content: "c" }));
      const res = await call(carol, "POST", "/import", {
        format: "promptforge-export",
        version: 1,
        prompts: tooMany,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain("prompts");
      expect(await countOf(carol.id)).toEqual(before);
    });

    it("rolls back every item when the database rejects one mid-import", async () => {
      // A trigger makes the database itself refuse the third item, after two were inserted.
      if (target === "sqlite") {
        await sql`create trigger reject_explode before insert on prompts when new.title = 'explode'
                  begin select raise(abort, 'forced failure'); end`.execute(t.db.kysely);
      } else {
        await sql`create function reject_explode() returns trigger language plpgsql as $$
                  begin if new.title = 'explode' then raise exception 'forced failure'; end if; return new; end $$`.execute(
          t.db.kysely,
        );
        await sql`create trigger reject_explode before insert on prompts for each row execute function reject_explode()`.execute(
          t.db.kysely,
        );
      }
      try {
        const prompts = [item(0), item(1), { title: "explode", content: "boom" }, item(3)];
        const res = await call(carol, "POST", "/import", {
          format: "promptforge-export",
          version: 1,
          prompts,
        });
        expect(res.statusCode).toBe(500);
        expect(res.json().error).toEqual({ code: "internal_error", message: "An internal error occurred" });
        expect(await countOf(carol.id)).toEqual(before);
      } finally {
        await sql`drop trigger reject_explode${sql.raw(target === "postgres" ? " on prompts" : "")}`.execute(
          t.db.kysely,
        );
      }
      // With the fault gone, the same document imports in full.
      const ok = await call(carol, "POST", "/import", {
        format: "promptforge-export",
        version: 1,
        prompts: [item(0), item(1), { title: "explode", content: "boom" }, item(3)],
      });
      expect(ok.statusCode).toBe(201);
      expect((await countOf(carol.id)).prompts).toBe(before.prompts + 4);
    });
  });
});
