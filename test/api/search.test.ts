// Search by q on the trigram indexes (migration 0011): the same case-insensitive substring match a scan
// made (a table of cases with punctuation, quotes, %, _, backslashes, Unicode and case, each checked
// against the scan's own answer too), the indexes kept in step with edits and deletes, sort=relevance
// (its order, its cursor pages, 422 without q), and public templates searched across every user.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { containsText } from "../../src/db/text-filters.js";
import { indexable, matchesText, type SearchTarget } from "../../src/db/text-search.js";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";
import { createTestUser, type TestUser } from "../helpers/users.js";

const SEARCH: SearchTarget = {
  index: "prompt_search",
  owner: "prompt_id",
  idRef: "prompts.id",
  columns: ["prompts.title", "prompts.name", "prompts.content"],
};

interface Item {
  id: string;
  title?: string;
  name: string;
}
interface Page {
  items: Item[];
  total: number;
  next_cursor: string | null;
}

const PROMPTS: [title: string, content: string][] = [
  ["Hello, World!", "Greets the whole world."],
  ["100% sure", "Confidence: 100%."],
  ["snake_case names", "Use snake_case for keys."],
  ["snakeXcase decoy", "Not an underscore."],
  ['Quote "this"', `He said "hi" and it's fine.`],
  ["Café crème", "Commande au café."],
  ["ÉCOLE normale", "Straße und Maß"],
  ["Launch 🚀 now", "emoji 🚀🚀 rocket"],
  ["Back\\slash path", "C:\\temp\\file"],
  ["Plain", "nothing to see"],
];

// q → the titles it finds (the same on both databases: ASCII case folding only).
const CASES: [q: string, titles: string[]][] = [
  ["hello", ["Hello, World!"]],
  ["HELLO, WORLD", ["Hello, World!"]],
  ["o, w", ["Hello, World!"]],
  ["ell", ["Hello, World!"]],
  ["100%", ["100% sure"]],
  ["0%.", ["100% sure"]],
  ["%", ["100% sure"]],
  ["e_c", ["snake_case names"]],
  ["_", ["snake_case names"]],
  ["SNAKE_CASE", ["snake_case names"]],
  ['"hi"', ['Quote "this"']],
  ['"', ['Quote "this"']],
  ["it's", ['Quote "this"']],
  ["'", ['Quote "this"']],
  ["café", ["Café crème"]],
  ["Café", ["Café crème"]],
  ["straße", ["ÉCOLE normale"]],
  ["🚀 now", ["Launch 🚀 now"]],
  ["🚀🚀", ["Launch 🚀 now"]],
  ["k\\s", ["Back\\slash path"]],
  ["\\temp\\", ["Back\\slash path"]],
  ["see", ["Plain"]],
  ["zzz", []],
  ["*", []],
  ["a OR b", []],
  ["NEAR(x y)", []],
];

describe.each(DB_TARGETS)("search by q (%s)", (target) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let projectId: string;
  let now = Date.parse("2026-03-01T00:00:00Z");

  const create = async (user: TestUser, payload: Record<string, unknown>) => {
    now += 1000;
    const res = await t.app.inject({ method: "POST", url: "/api/v1/prompts", headers: user.auth, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Item & { version: number };
  };
  const get = async (url: string, user: TestUser = alice) =>
    t.app.inject({ method: "GET", url, headers: user.auth });
  const list = async (query: string, user: TestUser = alice): Promise<Page> => {
    const res = await get(`/api/v1/prompts?${query}`, user);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const titles = async (q: string, user: TestUser = alice) =>
    (await list(`q=${encodeURIComponent(q)}&limit=100`, user)).items.map((p) => p.title).sort();

  /** What the scan the search replaced finds: the same comparison over every row of the project. */
  const scanned = async (q: string) =>
    (
      await t.db.kysely
        .selectFrom("prompts")
        .select("title")
        .where("project_id", "=", projectId)
        .where(containsText(["prompts.title", "prompts.name", "prompts.content"], q))
        .execute()
    )
      .map((r) => r.title)
      .sort();

  beforeAll(async () => {
    t = await buildTestApp({ target, clock: () => now });
    alice = await createTestUser(t.app, { username: "searcher" });
    bob = await createTestUser(t.app, { username: "bystander" });
    for (const [title, content] of PROMPTS) await create(alice, { title, content });
    // Another user's prompt with the same words: never in alice's answers.
    await create(bob, { title: "Hello, World!", content: "Greets the whole world." });
    const row = await t.db.kysely
      .selectFrom("prompts")
      .select("project_id")
      .where("title", "=", "Plain")
      .executeTakeFirstOrThrow();
    projectId = row.project_id;
  });
  afterAll(async () => t.close());

  /** What the index path finds (a project this small is otherwise read without the index). */
  const indexed = async (q: string) =>
    (
      await t.db.kysely
        .selectFrom("prompts")
        .select("title")
        .where("project_id", "=", projectId)
        .where(await matchesText(t.db.kysely, SEARCH, q))
        .execute()
    )
      .map((r) => r.title)
      .sort();

  it.each(CASES)("finds %j in exactly the prompts a scan finds", async (q, expected) => {
    const found = await titles(q);
    expect(found).toEqual(await scanned(q));
    expect(await indexed(q)).toEqual(found);
    expect(found).toEqual([...expected].sort());
    expect((await list(`q=${encodeURIComponent(q)}`)).total).toBe(found.length);
  });

  it.each(["CAFÉ", "École", "MAẞ", "ß"])(
    "answers %j with a case outside ASCII as the scan does",
    async (q) => {
      expect(await titles(q)).toEqual(await scanned(q));
    },
  );

  it("looks a q of three characters or more up in the index", async () => {
    expect(indexable("ab")).toBe(false);
    expect(indexable("🚀🚀")).toBe(false);
    expect(indexable("abc")).toBe(true);
    const query = t.db.kysely
      .selectFrom("prompts")
      .select("id")
      .where(await matchesText(t.db.kysely, SEARCH, "hello"))
      .compile();
    if (target === "sqlite") {
      const plan = await t.db.kysely.executeQuery<{ detail: string }>({
        ...query,
        sql: `explain query plan ${query.sql}`,
      } as typeof query);
      expect(plan.rows.map((r) => r.detail).join("\n")).toMatch(/prompt_search VIRTUAL TABLE INDEX/);
    } else {
      // A table this small is read whole when that is cheaper; with sequential scans priced out, the
      // trigram index is what the planner has for the LIKE.
      const plan = await t.db.kysely.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        return trx.executeQuery<{ "QUERY PLAN": string }>({
          ...query,
          sql: `explain ${query.sql}`,
        } as typeof query);
      });
      expect(plan.rows.map((r) => r["QUERY PLAN"]).join("\n")).toMatch(
        /prompts_(title|name|content)_trgm_idx/,
      );
    }
  });

  it("follows edits and deletes: a changed title, a new version's content, a deleted prompt", async () => {
    const p = await create(alice, { title: "Quokka facts", content: "Small marsupials." });
    expect(await titles("quokka")).toEqual(["Quokka facts"]);
    const renamed = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/prompts/${p.id}`,
      headers: alice.auth,
      payload: { title: "Wombat facts", content: "Burrowing marsupials.", base_version: p.version },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    // The name (quokka-facts) was derived from the first title and stays: q still finds it by name.
    expect(await titles("quokka")).toEqual(["Wombat facts"]);
    expect(await titles("small marsupials")).toEqual([]);
    expect(await titles("burrowing")).toEqual(["Wombat facts"]);
    // and through the index, which the triggers keep in step
    expect(await indexed("small marsupials")).toEqual([]);
    expect(await indexed("burrowing")).toEqual(["Wombat facts"]);
    expect(await indexed("quokka")).toEqual(["Wombat facts"]);
    expect(await titles("wombat")).toEqual(["Wombat facts"]);
    const gone = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/prompts/${p.id}`,
      headers: alice.auth,
    });
    expect(gone.statusCode).toBe(204);
    expect(await titles("wombat")).toEqual([]);
    expect(await titles("burrowing")).toEqual([]);
    expect(await indexed("burrowing")).toEqual([]);
    if (target === "sqlite") {
      // The index holds no document for the deleted prompt.
      const { rows } = await sql<{ n: number }>`select count(*) as n from prompt_search_docs d
        where not exists (select 1 from prompts p where p.id = d.prompt_id)`.execute(t.db.kysely);
      expect(Number(rows[0]?.n)).toBe(0);
    }
  });

  describe("sort=relevance", () => {
    let ranker: TestUser;
    const order: string[] = [];

    beforeAll(async () => {
      ranker = await createTestUser(t.app, { username: "ranker" });
      const make = (title: string, content: string, name?: string) =>
        create(ranker, { title, content, ...(name ? { name } : {}) });
      const r5 = await make("Fifth", "ZEPHYR once");
      const r6 = await make("Sixth", "Zephyr, one");
      const r4 = await make("Fourth", "zephyr zephyr zephyr");
      const r3 = await make("Third", "zephyr ".repeat(15));
      const r2 = await make("Other notes", "zephyr and zephyr", "docs/zephyr-notes");
      const r1 = await make("Zephyr guide", "nothing here");
      await make("Unrelated", "nothing at all");
      // 110 (title and name), 12 (name, 2 in content), 9 (15 in content, capped), 3, then two at 1:
      // the later one first (id descending breaks the tie).
      order.push(r1.id, r2.id, r3.id, r4.id, r6.id, r5.id);
    });

    const ranked = async (query: string) => await list(`q=zephyr&sort=relevance&${query}`, ranker);

    it("puts a title match first, then a name match, then the most occurrences in the content", async () => {
      const page = await ranked("limit=100");
      expect(page.items.map((p) => p.id)).toEqual(order);
      expect(page.total).toBe(6);
      expect((await ranked("order=asc&limit=100")).items.map((p) => p.id)).toEqual([...order].reverse());
    });

    it.each([1, 2, 4])("walks every page of %i without duplicates or gaps", async (limit) => {
      for (const dir of ["desc", "asc"]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: Page = await ranked(`order=${dir}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
          seen.push(...page.items.map((p) => p.id));
          cursor = page.next_cursor;
        } while (cursor);
        expect(seen).toEqual(dir === "desc" ? order : [...order].reverse());
      }
    });

    it("ranks a short q too, read from the rows", async () => {
      const page = await list("q=ZE&sort=relevance&limit=100", ranker);
      expect(page.items.map((p) => p.id)).toEqual(order);
    });

    it("refuses relevance without q, and a relevance cursor that is not a number, with 422", async () => {
      const res = await get("/api/v1/prompts?sort=relevance", ranker);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        error: { code: expect.any(String), details: [{ field: "sort", message: "relevance needs q" }] },
        request_id: expect.any(String),
      });
      const forged = Buffer.from('{"s":"relevance:desc","v":"x","id":"a"}').toString("base64url");
      const bad = await get(`/api/v1/prompts?q=zephyr&sort=relevance&cursor=${forged}`, ranker);
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.details[0].field).toBe("cursor");
      const tpl = await get("/api/v1/templates?sort=relevance", ranker);
      expect(tpl.statusCode).toBe(422);
      expect(tpl.json().error.details[0].field).toBe("sort");
    });
  });

  describe("templates", () => {
    let carol: TestUser;
    const made: Record<string, string> = {};

    beforeAll(async () => {
      carol = await createTestUser(t.app, { username: "carol" });
      const make = async (user: TestUser, key: string, payload: Record<string, unknown>) => {
        now += 1000;
        const res = await t.app.inject({
          method: "POST",
          url: "/api/v1/templates",
          headers: user.auth,
          payload: { content: "{{x}}", variables: [{ name: "x" }], ...payload },
        });
        expect(res.statusCode, res.body).toBe(201);
        made[key] = res.json().id;
      };
      await make(alice, "alicePublic", {
        name: "Plain",
        description: "About a Zephyr",
        content: "zephyr {{x}} zephyr",
        visibility: "public",
      });
      await make(bob, "bobPublic", { name: "Zephyr 100%", visibility: "public" });
      await make(bob, "bobPrivate", { name: "Zephyr secret", visibility: "private" });
      await make(bob, "bobOther", { name: "Unrelated", visibility: "public" });
    });

    const names = async (query: string, user = carol) => {
      const res = await get(`/api/v1/templates?${query}&limit=100`, user);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as Page).items.map((x) => x.id);
    };

    it("searches every user's public templates, never another's private one", async () => {
      expect(new Set(await names("scope=public&q=ZEPHYR"))).toEqual(
        new Set([made.alicePublic, made.bobPublic]),
      );
      expect(await names("scope=public&q=0%25")).toEqual([made.bobPublic]);
      expect(new Set(await names("scope=all&q=zephyr", bob))).toEqual(
        new Set([made.alicePublic, made.bobPublic, made.bobPrivate]),
      );
    });

    it("ranks a name match above a description match with content occurrences", async () => {
      expect(await names("scope=public&q=zephyr&sort=relevance")).toEqual([made.bobPublic, made.alicePublic]);
      // walked one by one, the same order
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await get(
          `/api/v1/templates?scope=public&q=zephyr&sort=relevance&limit=1${cursor ? `&cursor=${cursor}` : ""}`,
          carol,
        );
        const page = res.json() as Page;
        seen.push(...page.items.map((x) => x.id));
        cursor = page.next_cursor;
      } while (cursor);
      expect(seen).toEqual([made.bobPublic, made.alicePublic]);
    });

    it("forgets a deleted template", async () => {
      const res = await t.app.inject({
        method: "DELETE",
        url: `/api/v1/templates/${made.bobPublic}`,
        headers: bob.auth,
      });
      expect(res.statusCode).toBe(204);
      expect(await names("scope=public&q=zephyr")).toEqual([made.alicePublic]);
    });
  });
});
