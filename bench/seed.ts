// npm run bench:seed -- --users 10000 --prompts 1000000 [--database-url postgres://…] [--schema pf_bench]
//                       [--big-user N] [--data-dir DIR]
// Fills a PromptForge database with realistic rows for the scale benchmark (bench/list-search.ts): users,
// each with a personal project; one user holding --big-user prompts (default a tenth of them), the rest
// spread over the others; per prompt 1–3 versions, 0–3 tags and, for half, an analysis; templates (a
// third public). A benchmark tool, never part of CI. SQLite under --data-dir (default DATA_DIR or
// ./data-bench), or PostgreSQL in --schema (default pf_bench) of --database-url. The database must be
// empty (a fresh file or schema): this only inserts. Prints rows per second and the disk used.
//
// A bulk load, as an upgrade of a large database would have it: the rows go into the schema as it stood
// before the text-search migration, with the secondary indexes of the loaded tables dropped; then those
// indexes are created again from their own stored definitions, and the text-search migration (and any
// later one) runs as on upgrade, back-filling its index over every row at once. Maintaining some fifteen
// indexes and the trigram index row by row was most of the time of a row-at-a-time load. The rows go in
// through prepared statements on SQLite and as one array-valued INSERT per table and batch on PostgreSQL.
import { join } from "node:path";
import { parseArgs } from "node:util";
import SqliteDatabase from "better-sqlite3";
import { sql } from "kysely";
import pg from "pg";
import { type DatabaseHandle, migrateToLatest, migrateUpTo } from "../src/db/database.js";
import { newId } from "../src/db/ids.js";
import { migrationProvider } from "../src/db/migrations/index.js";
import { CATEGORIES } from "../src/features/prompts/prompt-enums.js";
import { type BenchDatabaseArgs, benchDatabaseArgs, diskBytes, openBenchDatabase } from "./bench-database.js";
import { prng, promptContent, title, words } from "./seed-data.js";

const TARGETS = ["chatgpt", "claude", "gemini", "grok", "deepseek", "generic"] as const;
const TAGS = Array.from({ length: 30 }, (_v, i) => `tag-${i}`);
const FOLDERS = ["support", "marketing", "code", "research", "hr/hiring", "hr/onboarding"];
/** Prompts per batch (one transaction on SQLite, one INSERT per table on PostgreSQL). */
const BATCH = 5000;
/** The migration that indexes the searched text: the load goes in before it, as an upgrade would find it. */
const SEARCH_MIGRATION = "0011-text-search";
const LOADED = [
  "users",
  "projects",
  "project_members",
  "prompts",
  "prompt_versions",
  "prompt_tags",
  "analyses",
  "templates",
  "template_tags",
];

type Row = Record<string, string | number | null>;

/** Writes batches of rows: each call gets the rows of several tables, written together. */
interface Loader {
  write(batch: [table: string, rows: Row[]][]): Promise<void>;
  close(): Promise<void>;
}

/** The indexes to drop before the load and create again after it (not those behind a constraint). */
interface SavedIndex {
  name: string;
  definition: string;
}

async function sqliteLoader(a: BenchDatabaseArgs): Promise<Loader & { restore(): void }> {
  const db = new SqliteDatabase(join(a.dataDir, "promptforge.db"));
  // Nothing else uses the file while it loads; a crash leaves a half-filled benchmark database either way.
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -1000000");
  db.pragma("temp_store = MEMORY");
  const marks = LOADED.map(() => "?").join(", ");
  const saved = db
    .prepare(
      `select name, sql as definition from sqlite_master where type = 'index' and sql is not null and tbl_name in (${marks})`,
    )
    .all(...LOADED) as SavedIndex[];
  for (const index of saved) db.exec(`drop index "${index.name}"`);
  const statements = new Map<string, { run(...v: unknown[]): unknown }>();
  const insert = (table: string, columns: string[]) => {
    let s = statements.get(table);
    if (!s) {
      s = db.prepare(
        `insert into ${table} (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`,
      );
      statements.set(table, s);
    }
    return s;
  };
  const writeAll = db.transaction((batch: [string, Row[]][]) => {
    for (const [table, rows] of batch) {
      const first = rows[0];
      if (!first) continue;
      const columns = Object.keys(first);
      const statement = insert(table, columns);
      for (const row of rows) statement.run(...columns.map((c) => row[c]));
    }
  });
  return {
    write: async (batch) => writeAll(batch),
    restore: () => {
      for (const index of saved) db.exec(index.definition);
    },
    close: async () => {
      db.close();
    },
  };
}

async function postgresLoader(a: BenchDatabaseArgs): Promise<Loader & { restore(): Promise<void> }> {
  const client = new pg.Client({ connectionString: a.databaseUrl, options: `-c search_path=${a.schema}` });
  await client.connect();
  await client.query("set synchronous_commit = off");
  await client.query("set maintenance_work_mem = '256MB'");
  const saved = (
    await client.query<SavedIndex>(
      `select i.indexname as name, i.indexdef as definition from pg_indexes i
       where i.schemaname = current_schema() and i.tablename = any($1)
         and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`,
      [LOADED],
    )
  ).rows;
  for (const index of saved) await client.query(`drop index "${index.name}"`);
  // unnest over one array per column: a batch of any size in one statement of a fixed text.
  const types = new Map<string, Map<string, string>>();
  for (const { table_name, column_name, udt_name } of (
    await client.query<{ table_name: string; column_name: string; udt_name: string }>(
      `select table_name, column_name, udt_name from information_schema.columns
       where table_schema = current_schema() and table_name = any($1)`,
      [LOADED],
    )
  ).rows) {
    if (!types.has(table_name)) types.set(table_name, new Map());
    types.get(table_name)?.set(column_name, udt_name);
  }
  return {
    write: async (batch) => {
      await client.query("begin");
      for (const [table, rows] of batch) {
        const first = rows[0];
        if (!first) continue;
        const columns = Object.keys(first);
        const casts = columns.map((c, i) => `$${i + 1}::${types.get(table)?.get(c) ?? "text"}[]`);
        await client.query(
          `insert into ${table} (${columns.join(", ")}) select * from unnest(${casts.join(", ")})`,
          columns.map((c) => rows.map((r) => r[c] ?? null)),
        );
      }
      await client.query("commit");
    },
    restore: async () => {
      for (const index of saved) await client.query(index.definition);
    },
    close: () => client.end(),
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      users: { type: "string", default: "10000" },
      prompts: { type: "string", default: "1000000" },
      "big-user": { type: "string" },
      "database-url": { type: "string" },
      schema: { type: "string" },
      "data-dir": { type: "string" },
    },
  });
  const users = Number(values.users);
  const prompts = Number(values.prompts);
  const big = Math.min(prompts, Number(values["big-user"] ?? Math.round(prompts / 10)));
  if (!(users >= 2 && prompts >= users && big >= 0))
    throw new Error("need --users ≥ 2 and --prompts ≥ --users");
  const args = benchDatabaseArgs(values);
  const names = Object.keys(await migrationProvider.getMigrations()).sort();
  const before = names[names.indexOf(SEARCH_MIGRATION) - 1];
  if (!before) throw new Error(`migration ${SEARCH_MIGRATION} not found`);
  const t0 = performance.now();
  let db: DatabaseHandle = await openBenchDatabase(args);
  await migrateUpTo(db, before);
  if (db.kind === "sqlite") await db.close(); // the loader opens the file itself
  const loader = db.kind === "postgres" ? await postgresLoader(args) : await sqliteLoader(args);
  const rand = prng(42);
  const start = Date.parse("2025-01-01T00:00:00Z");
  let rows = 0;
  const write = async (batch: [string, Row[]][]) => {
    await loader.write(batch);
    for (const [, r] of batch) rows += r.length;
  };

  // Users, their personal projects and memberships.
  const userIds: string[] = [];
  const projectIds: string[] = [];
  for (let from = 0; from < users; from += BATCH) {
    const n = Math.min(BATCH, users - from);
    const u: Row[] = [];
    const p: Row[] = [];
    const m: Row[] = [];
    for (let i = from; i < from + n; i++) {
      const id = newId(start + i);
      const project = newId(start + i);
      const at = iso(start + i * 1000);
      userIds.push(id);
      projectIds.push(project);
      u.push({
        id,
        username: `bench${i}`,
        username_key: `bench${i}`,
        email: `bench${i}@example.test`,
        password_hash: "not-a-real-hash",
        full_name: null,
        role: "user",
        created_at: at,
        updated_at: at,
      });
      p.push({
        id: project,
        name: `bench${i}'s project`,
        slug: `~bench${i}`,
        personal: 1,
        created_by: id,
        created_at: at,
        updated_at: at,
      });
      m.push({ project_id: project, user_id: id, role: "owner", created_at: at, updated_at: at });
    }
    await write([
      ["users", u],
      ["projects", p],
      ["project_members", m],
    ]);
  }

  // Prompts: the big user's first, then round-robin over the others.
  const span = 300 * 24 * 3600 * 1000;
  let done = 0;
  let lastReport = performance.now();
  for (let from = 0; from < prompts; from += BATCH) {
    const n = Math.min(BATCH, prompts - from);
    const pr: Row[] = [];
    const pv: Row[] = [];
    const tg: Row[] = [];
    const an: Row[] = [];
    for (let i = from; i < from + n; i++) {
      const owner = i < big ? 0 : 1 + ((i - big) % (users - 1));
      const created = start + Math.floor((i / prompts) * span);
      const id = newId(created);
      const versions = 1 + Math.floor(rand() * 3);
      const content = promptContent(rand);
      const tags = TAGS.filter(() => rand() < 0.05).slice(0, 3);
      const score = rand() < 0.8 ? Math.round(rand() * 1000) / 10 : null;
      const folder = rand() < 0.6 ? `${FOLDERS[Math.floor(rand() * FOLDERS.length)]}/` : "";
      const updated = created + Math.floor(rand() * 1e9);
      pr.push({
        id,
        user_id: userIds[owner] as string,
        project_id: projectIds[owner] as string,
        title: title(rand),
        name: `${folder}prompt-${i}`,
        content,
        category: CATEGORIES[Math.floor(rand() * CATEGORIES.length)] as string,
        tags: JSON.stringify(tags),
        target_llm: TARGETS[Math.floor(rand() * TARGETS.length)] as string,
        current_version: versions,
        score,
        score_engine_version: score === null ? null : "bench",
        created_at: iso(created),
        updated_at: iso(updated),
      });
      for (let v = 1; v <= versions; v++) {
        pv.push({
          id: newId(created),
          prompt_id: id,
          version: v,
          content: v === versions ? content : `${content} ${words(rand, 5)}`,
          change_note: v === 1 ? null : "edit",
          created_at: iso(created + v),
        });
      }
      for (const tag of tags) tg.push({ prompt_id: id, tag });
      if (score !== null && rand() < 0.6) {
        an.push({
          id: newId(created),
          user_id: userIds[owner] as string,
          prompt_id: id,
          prompt_version: versions,
          kind: "analyze",
          engine: "local",
          overall_score: score,
          result: JSON.stringify({ scores: { overall: score }, engine: "local", engine_version: "bench" }),
          created_at: iso(updated),
          engine_version: "bench",
        });
      }
    }
    await write([
      ["prompts", pr],
      ["prompt_versions", pv],
      ["prompt_tags", tg],
      ["analyses", an],
    ]);
    done += n;
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      const s = (lastReport - t0) / 1000;
      console.log(`  ${done} prompts, ${rows} rows, ${Math.round(rows / s)} rows/s`);
    }
  }

  // Templates: one per user, a third public.
  for (let from = 0; from < users; from += BATCH) {
    const n = Math.min(BATCH, users - from);
    const tp: Row[] = [];
    const tt: Row[] = [];
    for (let i = from; i < from + n; i++) {
      const id = newId(start + i);
      const at = iso(start + i * 1000);
      tp.push({
        id,
        user_id: userIds[i] as string,
        project_id: projectIds[i] as string,
        name: title(rand),
        description: rand() < 0.7 ? words(rand, 8) : null,
        content: `${promptContent(rand)} {{topic}}`,
        variables: JSON.stringify([{ name: "topic", description: "", required: true }]),
        category: CATEGORIES[Math.floor(rand() * CATEGORIES.length)] as string,
        tags: JSON.stringify(["tag-1"]),
        visibility: rand() < 1 / 3 ? "public" : "private",
        use_count: Math.floor(rand() * 50),
        cloned_from: null,
        created_at: at,
        updated_at: at,
      });
      tt.push({ template_id: id, tag: "tag-1" });
    }
    await write([
      ["templates", tp],
      ["template_tags", tt],
    ]);
  }
  const loaded = (performance.now() - t0) / 1000;
  console.log(`  loaded ${rows} rows in ${loaded.toFixed(1)} s = ${Math.round(rows / loaded)} rows/s`);

  let t = performance.now();
  await loader.restore();
  await loader.close();
  const indexes = (performance.now() - t) / 1000;
  if (db.kind === "sqlite") {
    db = await openBenchDatabase(args);
    // The back-fill of the text index reads and writes every page of the prompts: a cache that holds them.
    await sql`pragma cache_size = -1000000`.execute(db.kysely);
  }
  t = performance.now();
  await migrateToLatest(db);
  const upgrade = (performance.now() - t) / 1000;
  console.log(`  indexes ${indexes.toFixed(1)} s, ${SEARCH_MIGRATION} and later ${upgrade.toFixed(1)} s`);
  const k = db.kysely;
  t = performance.now();
  // Planner statistics, as a database that has been in use has them; on SQLite the FTS5 segments merged
  // into one, as its automatic merging does over time. On PostgreSQL a vacuum too, as autovacuum would
  // have run: it sets the visibility map that lets a count be answered from an index alone.
  await sql.raw(db.kind === "postgres" ? "vacuum analyze" : "analyze").execute(k);
  if (db.kind === "sqlite") {
    for (const fts of ["prompt_search", "template_search"]) {
      await sql`insert into ${sql.table(fts)} (${sql.table(fts)}) values ('optimize')`.execute(k);
    }
  }
  console.log(
    `  statistics${db.kind === "sqlite" ? " and FTS5 merge" : ""} ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const seconds = (performance.now() - t0) / 1000;
  const bytes = await diskBytes(db, args);
  console.log(
    `seeded ${db.kind}: ${users} users, ${prompts} prompts (${big} for one user), ${rows} rows in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s; disk ${(bytes / 2 ** 20).toFixed(0)} MiB`,
  );
  await db.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
