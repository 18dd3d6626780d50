// The prompt listing's `total` past its bound (10,000 matches, 1,000 with q or tag): counted exactly up to it,
// then reported as the bound with total_exact false (at least that many), on every page of a cursor walk;
// a narrower filter is exact again. The rows past the first few are written straight into the database:
// ten thousand prompts through the API would take minutes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/db/ids.js";
import { RELEVANCE_CANDIDATES } from "../../src/db/text-search.js";
import { LIST_TOTAL_EXACT_UP_TO } from "../../src/features/prompts/prompts-schemas.js";

const { listing: LISTING, search: SEARCH } = LIST_TOTAL_EXACT_UP_TO;

import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";
import { createTestUser, type TestUser } from "../helpers/users.js";

interface Page {
  items: { id: string; title: string }[];
  total: number;
  total_exact: boolean;
  next_cursor: string | null;
}

describe.each(DB_TARGETS)("prompt listing total past %s's bound", (target) => {
  let t: TestApp;
  let carol: TestUser;
  let project: string;

  const list = async (query: string): Promise<Page> => {
    const res = await t.app.inject({ method: "GET", url: `/api/v1/prompts?${query}`, headers: carol.auth });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  /** The tags of bulk prompt i: "many" on the first 1,001, "few" on every thousandth. */
  const tagsOf = (i: number) => [...(i <= SEARCH ? ["many"] : []), ...(i % 1000 === 0 ? ["few"] : [])];

  /** Adds `n` prompts to carol's project: every thousandth a needle in category code, the rest other. */
  async function addPrompts(from: number, n: number): Promise<void> {
    const at = new Date(Date.parse("2026-01-01T00:00:00Z")).toISOString();
    const rows = Array.from({ length: n }, (_v, k) => {
      const i = from + k;
      return {
        id: newId(),
        user_id: carol.id,
        project_id: project,
        title: i % 1000 === 0 ? `Needle ${i}` : `Bulk ${i}`,
        name: `bulk-${i}`,
        content: `Bulk body ${i}`,
        category: i % 1000 === 0 ? "code" : "other",
        tags: JSON.stringify(tagsOf(i)),
        target_llm: "generic",
        current_version: 1,
        score: null,
        created_at: at,
        updated_at: at,
      };
    });
    const tags = rows.flatMap((r, k) => tagsOf(from + k).map((tag) => ({ prompt_id: r.id, tag })));
    for (let i = 0; i < rows.length; i += 500) {
      await t.db.kysely
        .insertInto("prompts")
        .values(rows.slice(i, i + 500))
        .execute();
    }
    for (let i = 0; i < tags.length; i += 500) {
      await t.db.kysely
        .insertInto("prompt_tags")
        .values(tags.slice(i, i + 500))
        .execute();
    }
  }

  beforeAll(async () => {
    t = await buildTestApp({ target });
    carol = await createTestUser(t.app, { username: "counted" });
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/prompts",
      headers: carol.auth,
      payload: { title: "Made through the API", content: "x" },
    });
    expect(res.statusCode).toBe(201);
    const row = await t.db.kysely
      .selectFrom("prompts")
      .select("project_id")
      .where("id", "=", res.json().id)
      .executeTakeFirstOrThrow();
    project = row.project_id;
    await addPrompts(0, LISTING - 1);
  }, 60_000);
  afterAll(async () => t.close());

  it("counts exactly up to the bound", async () => {
    const page = await list("limit=5");
    expect(page.total).toBe(LISTING);
    expect(page.total_exact).toBe(true);
  });

  it("reports the bound as a lower bound past it, on every page of a walk, and exact totals for narrower filters", async () => {
    await addPrompts(LISTING - 1, 2);
    const first = await list("limit=5");
    expect(first.total).toBe(LISTING);
    expect(first.total_exact).toBe(false);
    expect(first.items).toHaveLength(5);
    const second = await list(`limit=5&cursor=${first.next_cursor}`);
    expect(second.total_exact).toBe(false);
    expect(second.items.map((p) => p.id)).not.toContain(first.items[0]?.id);

    const code = await list("category=code&limit=100");
    // i = 0, 1000, …, 10000 among the bulk rows.
    expect(code.total).toBe(LISTING / 1000 + 1);
    expect(code.total_exact).toBe(true);
    expect(code.items).toHaveLength(code.total);

    // Past WALK_SORT_INDEX_PAST matches a category's page walks the sort index instead (same answer).
    const other = await list("category=other&sort=title&order=desc&limit=5");
    expect(other.total).toBe(LISTING + 2 - code.total);
    expect(other.total_exact).toBe(true);
    const titles = other.items.map((p) => p.title);
    expect(titles).toEqual(["Made through the API", "Bulk 9999", "Bulk 9998", "Bulk 9997", "Bulk 9996"]);
    const next = await list(`category=other&sort=title&order=desc&limit=2&cursor=${other.next_cursor}`);
    expect(next.items.map((p) => p.title)).toEqual(["Bulk 9995", "Bulk 9994"]);

    const needles = await list("q=NEEDLE&limit=100");
    expect(needles.total).toBe(code.total);
    expect(needles.total_exact).toBe(true);

    // A search stops counting sooner.
    const bulk = await list("q=bulk%20body&limit=1");
    expect(bulk.total).toBe(SEARCH);
    expect(bulk.total_exact).toBe(false);
    const some = await list("q=bulk%20body%20999&limit=1");
    // 999 and 9990–9999.
    expect(some.total).toBe(11);
    expect(some.total_exact).toBe(true);

    // So does a tag filter.
    const many = await list("tag=many&limit=1");
    expect(many.total).toBe(SEARCH);
    expect(many.total_exact).toBe(false);
    const few = await list("tag=few&limit=100");
    expect(few.total).toBe(code.total);
    expect(few.total_exact).toBe(true);
    expect(few.items.map((p) => p.id).sort()).toEqual(code.items.map((p) => p.id).sort());
  });

  it("ranks by relevance only the newest 1,000 matches of a search, by cursor or by page", async () => {
    const walk = async (query: string) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await list(`${query}&limit=100${cursor ? `&cursor=${cursor}` : ""}`);
        ids.push(...page.items.map((p) => p.id));
        cursor = page.next_cursor;
      } while (cursor !== null && ids.length <= RELEVANCE_CANDIDATES);
      return ids;
    };
    const ranked = await walk("q=bulk%20body&sort=relevance");
    expect(ranked).toHaveLength(RELEVANCE_CANDIDATES);
    const newest = (await walk("q=bulk%20body")).slice(0, RELEVANCE_CANDIDATES);
    expect([...ranked].sort()).toEqual([...newest].sort());
    const last = await list(`q=bulk%20body&sort=relevance&limit=100&page=${RELEVANCE_CANDIDATES / 100}`);
    expect(last.items.map((p) => p.id)).toEqual(ranked.slice(-100));
    expect(last.next_cursor).toBeNull();

    // Its total is counted while the candidates are found: the bound when more match, exact below it,
    // the same as the count an unsorted search makes, and the same on a page past the end (no rows).
    const first = await list("q=bulk%20body&sort=relevance&limit=5");
    expect([first.total, first.total_exact]).toEqual([SEARCH, false]);
    expect(last.total).toBe(SEARCH);
    const needles = await list("q=needle&sort=relevance&limit=5");
    const unsorted = await list("q=needle&limit=5");
    expect(needles.total_exact).toBe(true);
    expect(needles.total).toBe(unsorted.total);
    expect(needles.total).toBeGreaterThan(5);
    const past = await list(`q=bulk%20body&sort=relevance&limit=100&page=${RELEVANCE_CANDIDATES / 100 + 1}`);
    expect(past.items).toEqual([]);
    expect([past.total, past.total_exact]).toEqual([SEARCH, false]);
    const pastNeedles = await list("q=needle&sort=relevance&limit=100&page=2");
    expect(pastNeedles.items).toEqual([]);
    expect([pastNeedles.total, pastNeedles.total_exact]).toEqual([needles.total, true]);
  });
});
