// Migration 0011 on a database an older PromptForge wrote: the prompts and templates stored before it are
// found by q through the new indexes (back-filled), and /health/detailed says the search is indexed. On
// PostgreSQL, a database user who may not enable pg_trgm still upgrades: search scans, answers the same,
// and /health/detailed says "scan".
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle, migrateToLatest } from "../../src/db/database.js";
import { searchMode } from "../../src/db/text-search.js";
import { createPromptsRepository } from "../../src/features/prompts/prompts-repository.js";
import { createTemplatesRepository } from "../../src/features/templates/templates-repository.js";
import { buildTestApp, DB_TARGETS, PG_URL, testConfig } from "../helpers/app.js";
import { databaseAt, minuteAt, useEmptyDatabase } from "../helpers/old-schema.js";
import { createTestUser } from "../helpers/users.js";

describe.each(DB_TARGETS)("migration 0011-text-search (%s)", (target) => {
  const fx = useEmptyDatabase(target);

  it("back-fills the index with the prompts and templates stored before it", async () => {
    const { db } = fx;
    const old = await databaseAt(db, "0010-evaluation-run-assertions");
    await old
      .insertInto("projects")
      .values({
        id: "p1",
        name: "p1",
        slug: "p1",
        personal: 1,
        created_by: "u1",
        created_at: minuteAt(0),
        updated_at: minuteAt(0),
      })
      .execute();
    const prompt = (i: number, title: string, content: string) => ({
      id: `pr${i}`,
      user_id: "u1",
      project_id: "p1",
      title,
      name: `prompt-${i}`,
      content,
      category: "other",
      tags: "[]",
      target_llm: "generic",
      current_version: 1,
      score: null,
      created_at: minuteAt(i),
      updated_at: minuteAt(i),
    });
    await old
      .insertInto("prompts")
      .values([
        prompt(1, "Old Zephyr notes", "kept from before"),
        prompt(2, "Other", "mentions ZEPHYR twice: zephyr"),
        prompt(3, "Unrelated", "nothing"),
      ])
      .execute();
    await old
      .insertInto("templates")
      .values({
        id: "t1",
        user_id: "u1",
        project_id: "p1",
        name: "Greeting",
        description: "an old Zephyr template",
        content: "Hi {{x}}",
        variables: "[]",
        category: "other",
        tags: "[]",
        visibility: "public",
        use_count: 0,
        cloned_from: null,
        created_at: minuteAt(1),
        updated_at: minuteAt(1),
      })
      .execute();

    expect(await migrateToLatest(db)).toContain("0011-text-search");
    expect(await searchMode(db.kysely)).toBe("index");

    const prompts = createPromptsRepository(db.kysely);
    const page = await prompts.pagePrompts("p1", {
      q: "zephyr",
      search: await prompts.searchFor("p1", "zephyr"),
      sort: "relevance",
      order: "desc",
      limit: 10,
    });
    expect(page.map((r) => [r.id, r.relevance])).toEqual([
      ["pr1", 100],
      ["pr2", 2],
    ]);
    const q = "ephyr n";
    expect(await prompts.countPrompts("p1", { q, search: await prompts.searchFor("p1", q) }, 10)).toBe(1);
    const templates = createTemplatesRepository(db.kysely);
    const search = await templates.searchFor("ZEPHYR");
    const found = await templates.pageTemplates(
      "p1",
      { scope: "public", q: "ZEPHYR", search },
      10,
      "created",
    );
    expect(found.map((r) => r.id)).toEqual(["t1"]);
    if (target === "sqlite") {
      const { rows } = await sql<{ n: number }>`select count(*) as n from prompt_search_docs`.execute(
        db.kysely,
      );
      expect(Number(rows[0]?.n)).toBe(3);
    }
  });
});

describe.runIf(PG_URL)("search without pg_trgm (postgres)", () => {
  const config = testConfig();
  const suffix = randomBytes(5).toString("hex");
  const role = `pf_noext_${suffix}`;
  const database = `pf_noext_${suffix}`;
  const urlAs = (user: string, name: string) => {
    const url = new URL(PG_URL as string);
    url.username = user;
    url.pathname = `/${name}`;
    return url.toString();
  };
  let admin: DatabaseHandle;

  beforeAll(async () => {
    admin = createDatabase({ databaseUrl: PG_URL, dataDir: config.DATA_DIR, poolSize: 1 });
    // A database of its own (extensions are per database) and a user without CREATE on it, which
    // enabling even a trusted extension needs; the user owns the schema PromptForge works in.
    await sql`create role ${sql.id(role)} login`.execute(admin.kysely);
    await sql`create database ${sql.id(database)}`.execute(admin.kysely);
    const owner = createDatabase({
      databaseUrl: urlAs("postgres", database),
      dataDir: config.DATA_DIR,
      poolSize: 1,
    });
    await sql`create schema app authorization ${sql.id(role)}`.execute(owner.kysely);
    await owner.close();
  });
  afterAll(async () => {
    await sql`drop database if exists ${sql.id(database)} with (force)`.execute(admin.kysely);
    await sql`drop role if exists ${sql.id(role)}`.execute(admin.kysely);
    await admin.close();
  });

  it("upgrades, scans, finds the same rows, and says so in /health/detailed", async () => {
    const db = createDatabase({
      databaseUrl: urlAs(role, database),
      dataDir: config.DATA_DIR,
      pgSchema: "app",
      poolSize: 2,
    });
    const t = await buildTestApp({ db });
    try {
      expect(await searchMode(db.kysely)).toBe("scan");
      const health = await t.app.inject({ method: "GET", url: "/health/detailed" });
      expect(health.json().checks.search).toEqual({
        status: "healthy",
        response_time_ms: null,
        mode: "scan",
      });
      const user = await createTestUser(t.app);
      for (const title of ["Zephyr one", "100% zephyr", "other"]) {
        const res = await t.app.inject({
          method: "POST",
          url: "/api/v1/prompts",
          headers: user.auth,
          payload: { title, content: "x" },
        });
        expect(res.statusCode).toBe(201);
      }
      const res = await t.app.inject({
        method: "GET",
        url: "/api/v1/prompts?q=ZEPHYR&sort=relevance",
        headers: user.auth,
      });
      expect(
        res
          .json()
          .items.map((p: { title: string }) => p.title)
          .sort(),
      ).toEqual(["100% zephyr", "Zephyr one"]);
    } finally {
      await t.close();
      await db.close();
    }
  });
});

describe("search mode in /health/detailed (sqlite)", () => {
  it("reports the index", async () => {
    const t = await buildTestApp();
    try {
      const res = await t.app.inject({ method: "GET", url: "/health/detailed" });
      expect(res.json().checks.search).toEqual({ status: "healthy", response_time_ms: null, mode: "index" });
    } finally {
      await t.close();
    }
  });
});
