// Listing prompts: filters, search with literal % and _, every sort in both directions, cursor
// pagination walked to the end without duplicates or gaps, page numbers, and bad cursors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";
import { createTestUser, type TestUser } from "../helpers/users.js";

interface Prompt {
  id: string;
  title: string;
  score: number | null;
  category: string;
  tags: string[];
  target_llm: string;
  created_at: string;
  updated_at: string;
}
interface Page {
  items: Prompt[];
  total: number;
  limit: number;
  next_cursor: string | null;
  page?: number;
}

describe.each(DB_TARGETS)("prompt listing (%s)", (target) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  // A clock that moves 1 ms per reading, so timestamps are distinct but several rows can share one
  // when the test sets the time back (ties must be broken by id).
  let now = Date.parse("2026-01-01T00:00:00Z");
  const all: Prompt[] = [];

  beforeAll(async () => {
    t = await buildTestApp({ target, clock: () => now });
    alice = await createTestUser(t.app, { username: "lister" });
    bob = await createTestUser(t.app, { username: "other" });
    const categories = ["code", "email", "other"];
    const llms = ["claude", "gemini", "generic"];
    for (let i = 0; i < 23; i++) {
      // Every third prompt shares a timestamp with the one before: keyset ties.
      if (i % 3 !== 0) now += 1000;
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/prompts",
        headers: alice.auth,
        payload: {
          title: `${["Beta", "alpha", "Gamma", "delta"][i % 4]} ${String(i % 5)}`,
          content: `Body number ${i}`,
          category: categories[i % 3],
          target_llm: llms[i % 3],
          tags: i % 2 === 0 ? ["Even", "all"] : ["odd", "all"],
        },
      });
      expect(res.statusCode).toBe(201);
      all.push(res.json());
    }
    // Scores for some (with ties and nulls): every saved version is scored now, so the others are
    // cleared, as for prompts stored before versions were scored on save.
    await t.db.kysely.updateTable("prompts").set({ score: null }).execute();
    for (const [i, score] of [
      [0, 50],
      [1, 80.5],
      [2, 50],
      [3, 10],
      [5, 99],
    ] as const) {
      await t.db.kysely.updateTable("prompts").set({ score }).where("id", "=", all[i]!.id).execute();
    }
    await t.app.inject({
      method: "POST",
      url: "/api/v1/prompts",
      headers: bob.auth,
      payload: { title: "Bob's", content: "Body number 99" },
    });
  });
  afterAll(async () => t.close());

  const list = async (query: string, user: TestUser = alice): Promise<Page> => {
    const res = await t.app.inject({ method: "GET", url: `/api/v1/prompts?${query}`, headers: user.auth });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  async function walk(query: string, limit: number): Promise<Prompt[]> {
    const seen: Prompt[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await list(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items);
      cursor = page.next_cursor;
      pages++;
      expect(pages).toBeLessThan(100);
    } while (cursor);
    return seen;
  }

  it("lists only the caller's prompts, newest first, with a total", async () => {
    const page = await list("");
    expect(page.total).toBe(23);
    expect(page.limit).toBe(20);
    expect(page.items).toHaveLength(20);
    expect(page.next_cursor).toEqual(expect.any(String));
    expect(page.items.every((p) => all.some((a) => a.id === p.id))).toBe(true);
    const created = page.items.map((p) => p.created_at);
    expect([...created].sort().reverse()).toEqual(created);
  });

  it.each([
    ["created", "desc"],
    ["created", "asc"],
    ["updated", "desc"],
    ["title", "asc"],
    ["title", "desc"],
    ["score", "desc"],
    ["score", "asc"],
  ])("walks every page sorted by %s %s without duplicates or gaps", async (sort, order) => {
    const oneShot = (await list(`sort=${sort}&order=${order}&limit=100`)).items.map((p) => p.id);
    expect(oneShot).toHaveLength(23);
    for (const limit of [1, 4, 7]) {
      const walked = (await walk(`sort=${sort}&order=${order}`, limit)).map((p) => p.id);
      expect(walked).toEqual(oneShot);
      expect(new Set(walked).size).toBe(23);
    }
  });

  it("orders by score with unscored prompts last when descending", async () => {
    const items = (await list("sort=score&order=desc&limit=100")).items;
    expect(items.slice(0, 5).map((p) => p.score)).toEqual([99, 80.5, 50, 50, 10]);
    expect(items.slice(5).every((p) => p.score === null)).toBe(true);
  });

  it("orders by created time in both directions consistently with the id tie-break", async () => {
    const asc = (await list("sort=created&order=asc&limit=100")).items.map((p) => p.id);
    const desc = (await list("sort=created&order=desc&limit=100")).items.map((p) => p.id);
    expect(asc).toEqual([...desc].reverse());
    // UUIDv7 ids are time-ordered, so creation order and id order agree here.
    expect(asc).toEqual(all.map((p) => p.id));
  });

  it("filters by category, target_llm and tag (case-insensitively), and combines them", async () => {
    const code = await list("category=code&limit=100");
    expect(code.total).toBe(8);
    expect(code.items.every((p) => p.category === "code")).toBe(true);
    const claude = await list("target_llm=claude&limit=100");
    expect(claude.items.every((p) => p.target_llm === "claude")).toBe(true);
    expect(claude.total).toBe(8);
    const even = await list("tag=EVEN&limit=100");
    expect(even.total).toBe(12);
    expect(even.items.every((p) => p.tags.includes("even"))).toBe(true);
    const both = await list("tag=odd&category=email&limit=100");
    expect(both.items.map((p) => p.id).sort()).toEqual(
      all
        .filter((p) => p.category === "email" && p.tags.includes("odd"))
        .map((p) => p.id)
        .sort(),
    );
    expect((await list("tag=nope")).total).toBe(0);
  });

  it("walks a filtered listing with a cursor", async () => {
    const walked = await walk("tag=all&category=other&sort=title&order=asc", 2);
    expect(walked.map((p) => p.id).sort()).toEqual(
      all
        .filter((p) => p.category === "other")
        .map((p) => p.id)
        .sort(),
    );
  });

  it("searches title and content case-insensitively", async () => {
    const res = await list("q=GAMMA&limit=100");
    expect(res.total).toBeGreaterThan(0);
    expect(res.items.every((p) => p.title.toLowerCase().includes("gamma"))).toBe(true);
    const body = await list("q=body%20NUMBER%2017");
    expect(body.items.map((p) => p.id)).toEqual([all[17]!.id]);
    // Bob's prompt matches "Body number 99" but is not Alice's.
    expect((await list("q=number%2099")).total).toBe(0);
  });

  it("treats % and _ in the search as literal characters", async () => {
    const make = (title: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/prompts",
        headers: bob.auth,
        payload: { title, content: "x" },
      });
    for (const title of ["100% sure", "100 percent", "snake_case", "snakeXcase", "back\\slash"]) {
      expect((await make(title)).statusCode).toBe(201);
    }
    const titles = async (q: string) =>
      (await list(`q=${encodeURIComponent(q)}&limit=100`, bob)).items.map((p) => p.title).sort();
    expect(await titles("100%")).toEqual(["100% sure"]);
    expect(await titles("e_c")).toEqual(["snake_case"]);
    expect(await titles("%")).toEqual(["100% sure"]);
    expect(await titles("_")).toEqual(["snake_case"]);
    expect(await titles("k\\s")).toEqual(["back\\slash"]);
  });

  it("pages by page number too", async () => {
    const byCursor = (await list("sort=title&order=asc&limit=100")).items.map((p) => p.id);
    const p1 = await list("sort=title&order=asc&limit=10&page=1");
    const p3 = await list("sort=title&order=asc&limit=10&page=3");
    expect(p1.page).toBe(1);
    expect(p1.items.map((p) => p.id)).toEqual(byCursor.slice(0, 10));
    expect(p3.items.map((p) => p.id)).toEqual(byCursor.slice(20));
    expect(p3.next_cursor).toBeNull();
    expect((await list("limit=10&page=9")).items).toEqual([]);
  });

  it.each([
    ["cursor=garbage!", "cursor"],
    [`cursor=${Buffer.from("{}").toString("base64url")}`, "cursor"],
    [
      `cursor=${Buffer.from('{"s":"score:desc","v":"x","id":"a"}').toString("base64url")}&sort=score`,
      "cursor",
    ],
    ["limit=101", "limit"],
    ["limit=0", "limit"],
    ["sort=random", "sort"],
    ["order=up", "order"],
    ["category=poetry", "category"],
    ["page=0", "page"],
  ])("rejects %s with 422 naming %s", async (query, field) => {
    const res = await t.app.inject({ method: "GET", url: `/api/v1/prompts?${query}`, headers: alice.auth });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it("rejects a cursor issued for another sort, and cursor with page", async () => {
    const first = await list("sort=title&order=asc&limit=2");
    const other = await t.app.inject({
      method: "GET",
      url: `/api/v1/prompts?sort=created&cursor=${first.next_cursor}`,
      headers: alice.auth,
    });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.message).toMatch(/different sort/);
    const both = await t.app.inject({
      method: "GET",
      url: `/api/v1/prompts?sort=title&order=asc&cursor=${first.next_cursor}&page=2`,
      headers: alice.auth,
    });
    expect(both.statusCode).toBe(422);
  });
});
