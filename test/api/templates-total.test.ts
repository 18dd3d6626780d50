// The template listing's `total` past its bound (10,000 matches, 1,000 with q or tag), as the prompt
// listing's: counted exactly up to it, then reported as the bound with total_exact false, on every page;
// a narrower filter or scope is exact again. Public templates of every user count, so one publisher's
// bulk reaches the bound in another user's listing. The rows past the first are written straight into
// the database: ten thousand templates through the API would take minutes. sort=relevance ranks the
// newest 1,000 matches only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/db/ids.js";
import { RELEVANCE_CANDIDATES } from "../../src/db/text-search.js";
import { LIST_TOTAL_EXACT_UP_TO } from "../../src/features/prompts/prompts-schemas.js";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";
import { createTestUser, type TestUser } from "../helpers/users.js";

const { listing: LISTING, search: SEARCH } = LIST_TOTAL_EXACT_UP_TO;

interface Page {
  items: { id: string; name: string }[];
  total: number;
  total_exact: boolean;
  next_cursor: string | null;
}

describe.each(DB_TARGETS)("template listing total past %s's bound", (target) => {
  let t: TestApp;
  let publisher: TestUser;
  let reader: TestUser;
  let project: string;

  const list = async (user: TestUser, query: string): Promise<Page> => {
    const res = await t.app.inject({ method: "GET", url: `/api/v1/templates?${query}`, headers: user.auth });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  /** The tags of bulk template i: "many" on the first 1,001, "few" on every thousandth. */
  const tagsOf = (i: number) => [...(i <= SEARCH ? ["many"] : []), ...(i % 1000 === 0 ? ["few"] : [])];

  /** Adds `n` public templates of the publisher: every thousandth a needle in category code. */
  async function addTemplates(from: number, n: number): Promise<void> {
    const at = "2026-01-01T00:00:00.000Z";
    const rows = Array.from({ length: n }, (_v, k) => {
      const i = from + k;
      return {
        id: newId(),
        user_id: publisher.id,
        project_id: project,
        name: i % 1000 === 0 ? `Needle ${i}` : `Bulk ${i}`,
        description: null,
        content: `Bulk body ${i}`,
        variables: "[]",
        category: i % 1000 === 0 ? "code" : "other",
        tags: JSON.stringify(tagsOf(i)),
        visibility: "public" as const,
        use_count: 0,
        cloned_from: null,
        created_at: at,
        updated_at: at,
      };
    });
    const tags = rows.flatMap((r, k) => tagsOf(from + k).map((tag) => ({ template_id: r.id, tag })));
    for (let i = 0; i < rows.length; i += 500) {
      await t.db.kysely
        .insertInto("templates")
        .values(rows.slice(i, i + 500))
        .execute();
    }
    for (let i = 0; i < tags.length; i += 500) {
      await t.db.kysely
        .insertInto("template_tags")
        .values(tags.slice(i, i + 500))
        .execute();
    }
  }

  beforeAll(async () => {
    t = await buildTestApp({ target });
    publisher = await createTestUser(t.app, { username: "publisher" });
    reader = await createTestUser(t.app, { username: "reader" });
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/templates",
      headers: publisher.auth,
      payload: { name: "Made through the API", content: "x", visibility: "public" },
    });
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.db.kysely
      .selectFrom("templates")
      .select("project_id")
      .where("id", "=", res.json().id)
      .executeTakeFirstOrThrow();
    project = row.project_id;
    await addTemplates(0, LISTING - 1);
  }, 60_000);
  afterAll(async () => t.close());

  it("counts exactly up to the bound", async () => {
    const page = await list(reader, "scope=public&limit=5");
    expect(page.total).toBe(LISTING);
    expect(page.total_exact).toBe(true);
  });

  it("reports the bound as a lower bound past it, on every page, and exact totals for narrower filters", async () => {
    await addTemplates(LISTING - 1, 2);
    for (const scope of ["public", "all"]) {
      const first = await list(reader, `scope=${scope}&limit=5`);
      expect(first.total).toBe(LISTING);
      expect(first.total_exact).toBe(false);
      expect(first.items).toHaveLength(5);
      const second = await list(reader, `scope=${scope}&limit=5&cursor=${first.next_cursor}`);
      expect(second.total_exact).toBe(false);
      expect(second.items.map((p) => p.id)).not.toContain(first.items[0]?.id);
    }
    // The reader's own project holds none of them.
    const mine = await list(reader, "scope=mine");
    expect(mine.total).toBe(0);
    expect(mine.total_exact).toBe(true);

    const code = await list(reader, "category=code&limit=100");
    // i = 0, 1000, …, 10000 among the bulk rows.
    expect(code.total).toBe(LISTING / 1000 + 1);
    expect(code.total_exact).toBe(true);
    expect(code.items).toHaveLength(code.total);

    const needles = await list(reader, "q=NEEDLE&limit=100");
    expect(needles.total).toBe(code.total);
    expect(needles.total_exact).toBe(true);

    // A search stops counting sooner, with either sort.
    for (const sort of ["created", "relevance"]) {
      const bulk = await list(reader, `q=bulk%20body&sort=${sort}&limit=1`);
      expect(bulk.total).toBe(SEARCH);
      expect(bulk.total_exact).toBe(false);
    }
    const some = await list(reader, "q=bulk%20body%20999&limit=20");
    // 999 and 9990–9999.
    expect(some.total).toBe(11);
    expect(some.total_exact).toBe(true);
    expect(some.items).toHaveLength(11);

    // So does a tag filter.
    const many = await list(reader, "tag=many&limit=1");
    expect(many.total).toBe(SEARCH);
    expect(many.total_exact).toBe(false);
    const few = await list(reader, "tag=few&limit=100");
    expect(few.total).toBe(code.total);
    expect(few.total_exact).toBe(true);
    expect(few.items.map((p) => p.id).sort()).toEqual(code.items.map((p) => p.id).sort());
  });

  it("ranks by relevance only the newest 1,000 matches of a search", async () => {
    const walk = async (query: string) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await list(reader, `${query}&limit=100${cursor ? `&cursor=${cursor}` : ""}`);
        ids.push(...page.items.map((p) => p.id));
        cursor = page.next_cursor;
      } while (cursor !== null && ids.length <= RELEVANCE_CANDIDATES);
      return ids;
    };
    const ranked = await walk("q=bulk%20body&sort=relevance");
    expect(ranked).toHaveLength(RELEVANCE_CANDIDATES);
    const newest = (await walk("q=bulk%20body")).slice(0, RELEVANCE_CANDIDATES);
    expect([...ranked].sort()).toEqual([...newest].sort());
  });
});
