// npm run bench:list-search -- [--database-url postgres://…] [--schema pf_bench] [--data-dir DIR] [--runs 50]
//                             [--explain]
// Times the prompt listing and search on a database bench/seed.ts filled, through the repositories the
// API uses, as the service runs them (the page and the total together): every sort, the filters, a
// cursor page half-way down the big user's list, and q (a rare, an uncommon, a common word, two
// characters, relevance), for the user with the most prompts and for a typical one; and the public
// templates searched across every user. Prints p50 and p99 per operation as a Markdown table; --explain
// prints each query's plan (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE) too.

import { join } from "node:path";
import { parseArgs } from "node:util";
import SqliteDatabase from "better-sqlite3";
import { type CompiledQuery, Kysely, type LogEvent, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { DatabaseHandle } from "../src/db/database.js";
import type { Database } from "../src/db/schema.js";
import {
  type CurrentPromptRow,
  createPromptsRepository,
  matchesCountedBy,
  type PromptPageRequest,
  pageCountsMatches,
  sortValueOf,
  WALK_SORT_INDEX_PAST,
} from "../src/features/prompts/prompts-repository.js";
import { listTotalBound } from "../src/features/prompts/prompts-schemas.js";
import {
  createTemplatesRepository,
  type TemplateFilter,
} from "../src/features/templates/templates-repository.js";
import { benchDatabaseArgs, openBenchDatabase } from "./bench-database.js";
import { RARE_WORD } from "./seed-data.js";

const LIMIT = 20;

interface Op {
  name: string;
  run: () => Promise<unknown>;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function time(op: Op, runs: number): Promise<{ p50: number; p99: number; n: number }> {
  await op.run(); // warm the statement and page caches
  const ms: number[] = [];
  const budget = performance.now() + 20_000;
  for (let i = 0; i < runs && (i < 5 || performance.now() < budget); i++) {
    const t = performance.now();
    await op.run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), n: ms.length };
}

/** A second handle on the same database whose every query is handed to `record`. */
function loggingKysely(
  db: DatabaseHandle,
  a: ReturnType<typeof benchDatabaseArgs>,
  record: (q: CompiledQuery) => void,
) {
  const log = (e: LogEvent) => record(e.query);
  if (db.kind === "postgres") {
    const pool = new pg.Pool({
      connectionString: a.databaseUrl,
      max: 1,
      options: `-c search_path=${a.schema}`,
    });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
  }
  const sqlite = new SqliteDatabase(join(a.dataDir, "promptforge.db"));
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log });
}

/** The plan of a query: EXPLAIN QUERY PLAN on SQLite, EXPLAIN ANALYZE on PostgreSQL. */
async function explain(db: DatabaseHandle, query: CompiledQuery): Promise<string> {
  const text =
    db.kind === "postgres" ? `explain (analyze, costs off) ${query.sql}` : `explain query plan ${query.sql}`;
  const res = await db.kysely.executeQuery<Record<string, unknown>>({ ...query, sql: text } as CompiledQuery<
    Record<string, unknown>
  >);
  return res.rows.map((r) => String(r["QUERY PLAN"] ?? r.detail)).join("\n");
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      "database-url": { type: "string" },
      schema: { type: "string" },
      "data-dir": { type: "string" },
      runs: { type: "string", default: "50" },
      explain: { type: "boolean", default: false },
      only: { type: "string", description: "only the operations whose name contains this" },
    },
  });
  const runs = Number(values.runs);
  const db = await openBenchDatabase(benchDatabaseArgs(values));
  const k = db.kysely;
  const prompts = createPromptsRepository(k);
  const templates = createTemplatesRepository(k);

  const total = Number(
    (
      await k
        .selectFrom("prompts")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const biggest = await k
    .selectFrom("prompts")
    .select(["project_id", (eb) => eb.fn.countAll().as("n")])
    .groupBy("project_id")
    .orderBy("n", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
  const typical = await k
    .selectFrom("prompts")
    .select("project_id")
    .where("project_id", "!=", biggest.project_id)
    .limit(1)
    .executeTakeFirstOrThrow();
  // A cursor half-way down the big project's newest-first list.
  const middle = await k
    .selectFrom("prompts")
    .selectAll()
    .where("project_id", "=", biggest.project_id)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .offset(Math.floor(Number(biggest.n) / 2))
    .limit(1)
    .executeTakeFirstOrThrow();

  // As the service runs them: q's predicate resolved once, then the count and the page together, or,
  // with a category or target filter, the count first and the page read the way it says
  // (prompts-repository.ts, equals()); sorted by relevance, the page alone, which counts the matches
  // while finding its candidates (a count only when it comes back empty).
  const list = (project: string, given: Partial<PromptPageRequest>) => async () => {
    const req = { ...given, search: await prompts.searchFor(project, given.q) };
    const page = (manyMatches?: boolean) =>
      prompts.pagePrompts(project, { sort: "created", order: "desc", limit: LIMIT + 1, ...req, manyMatches });
    const count = () => prompts.countPrompts(project, req, listTotalBound(req));
    if (!req.category && !req.targetLlm && pageCountsMatches(req.sort ?? "created", listTotalBound(req))) {
      const rows = await page();
      return [matchesCountedBy(rows) ?? (await count()), rows] as const;
    }
    if (!req.category && !req.targetLlm) return Promise.all([count(), page()]);
    const n = await count();
    return [n, await page(n > WALK_SORT_INDEX_PAST)] as const;
  };
  const publicTemplates =
    (given: Omit<TemplateFilter, "scope">, sort: "created" | "relevance" = "created") =>
    async () => {
      const f: TemplateFilter = { scope: "public", ...given, search: await templates.searchFor(given.q) };
      return Promise.all([
        templates.countTemplates(biggest.project_id, f, listTotalBound(f)),
        templates.pageTemplates(biggest.project_id, f, LIMIT + 1, sort),
      ]);
    };

  const ops: Op[] = [];
  for (const [who, project] of [
    ["big user", biggest.project_id],
    ["typical user", typical.project_id],
  ] as const) {
    for (const sort of ["created", "updated", "title", "score"] as const) {
      ops.push({ name: `${who}: list sort=${sort}`, run: list(project, { sort }) });
    }
    ops.push({ name: `${who}: list category=code`, run: list(project, { category: "code" }) });
    ops.push({ name: `${who}: list tag=tag-3`, run: list(project, { tag: "tag-3" }) });
    ops.push({ name: `${who}: list folder=hr`, run: list(project, { folder: "hr" }) });
    for (const q of [RARE_WORD, "rubric", "customer", "the", "ab"]) {
      ops.push({ name: `${who}: search q=${q}`, run: list(project, { q }) });
    }
    for (const q of ["rubric", "customer"]) {
      ops.push({
        name: `${who}: search q=${q} sort=relevance`,
        run: list(project, { q, sort: "relevance" }),
      });
    }
  }
  ops.splice(4, 0, {
    name: "big user: list, cursor half-way down",
    run: list(biggest.project_id, {
      after: { value: sortValueOf(middle as CurrentPromptRow, "created"), id: middle.id },
    }),
  });
  ops.push({ name: "public templates: list", run: publicTemplates({}) });
  ops.push({ name: `public templates: search q=${RARE_WORD}`, run: publicTemplates({ q: RARE_WORD }) });
  ops.push({ name: "public templates: search q=rubric", run: publicTemplates({ q: "rubric" }) });
  ops.push({
    name: "public templates: search q=customer relevance",
    run: publicTemplates({ q: "customer" }, "relevance"),
  });

  if (values.only) {
    const only = values.only;
    ops.splice(0, ops.length, ...ops.filter((op) => op.name.includes(only)));
  }
  console.log(
    `\n${db.kind}, ${total} prompts (big user ${biggest.n}), ${runs} runs each, ${new Date().toISOString()}\n`,
  );
  console.log("| operation | p50 ms | p99 ms | rows matched |");
  console.log("|---|---:|---:|---:|");
  for (const op of ops) {
    const [count] = (await op.run()) as [number, unknown];
    const r = await time(op, runs);
    console.log(`| ${op.name} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${count} |`);
  }

  if (values.explain) {
    // Each operation once more on a handle that records the SQL it runs, then that SQL's plan.
    const captured: CompiledQuery[] = [];
    const logged = loggingKysely(db, benchDatabaseArgs(values), (q) => captured.push(q));
    const saved = { prompts: createPromptsRepository(logged), templates: createTemplatesRepository(logged) };
    Object.assign(prompts, saved.prompts);
    Object.assign(templates, saved.templates);
    for (const op of ops) {
      captured.length = 0;
      await op.run();
      for (const query of captured) {
        console.log(`\n### ${op.name}\n\n${query.sql}\n\n${await explain(db, query)}`);
      }
    }
    await logged.destroy();
  }
  await db.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
