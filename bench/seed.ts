// npm run bench:seed -- --users 10000 --prompts 1000000 [--database-url postgres://…] [--schema pf_bench]
//                       [--big-user N] [--data-dir DIR]
// Fills a PromptForge database with realistic rows for the scale benchmark (bench/list-search.ts): users,
// each with a personal project; one user holding --big-user prompts (default a tenth of them), the rest
// spread over the others; per prompt 1–3 versions, 0–3 tags and, for half, an analysis; templates (a
// third public). A benchmark tool, never part of CI. SQLite under --data-dir (default DATA_DIR or
// ./data-bench), or PostgreSQL in --schema (default pf_bench) of --database-url. The database must be
// empty (a fresh file or schema): this only inserts. Prints rows per second and the disk used.
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { type DatabaseHandle, migrateToLatest } from "../src/db/database.js";
import { newId } from "../src/db/ids.js";
import { CATEGORIES } from "../src/features/prompts/prompt-enums.js";
import { benchDatabaseArgs, diskBytes, openBenchDatabase } from "./bench-database.js";
import { prng, promptContent, title, words } from "./seed-data.js";

const TARGETS = ["chatgpt", "claude", "gemini", "grok", "deepseek", "generic"] as const;
const TAGS = Array.from({ length: 30 }, (_v, i) => `tag-${i}`);
const FOLDERS = ["support", "marketing", "code", "research", "hr/hiring", "hr/onboarding"];
/** Rows per multi-row INSERT: far below both databases' bound-parameter limits. */
const CHUNK = 500;
/** Prompts per transaction. */
const BATCH = 5000;

async function insertChunked(db: DatabaseHandle["kysely"], table: string, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    // biome-ignore lint/suspicious/noExplicitAny: rows built here match the table; the typed builder would need one branch per table
    await (db as any)
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
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
  const db = await openBenchDatabase(args);
  await migrateToLatest(db);
  const k = db.kysely;
  const rand = prng(42);
  const start = Date.parse("2025-01-01T00:00:00Z");
  const t0 = performance.now();
  let rows = 0;

  // Users, their personal projects and memberships.
  const userIds: string[] = [];
  const projectIds: string[] = [];
  for (let from = 0; from < users; from += BATCH) {
    const n = Math.min(BATCH, users - from);
    const u: object[] = [];
    const p: object[] = [];
    const m: object[] = [];
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
    await k.transaction().execute(async (trx) => {
      await insertChunked(trx, "users", u);
      await insertChunked(trx, "projects", p);
      await insertChunked(trx, "project_members", m);
    });
    rows += 3 * n;
  }

  // Prompts: the big user's first, then round-robin over the others.
  const span = 300 * 24 * 3600 * 1000;
  let done = 0;
  let lastReport = performance.now();
  for (let from = 0; from < prompts; from += BATCH) {
    const n = Math.min(BATCH, prompts - from);
    const pr: object[] = [];
    const pv: object[] = [];
    const tg: object[] = [];
    const an: object[] = [];
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
        user_id: userIds[owner],
        project_id: projectIds[owner],
        title: title(rand),
        name: `${folder}prompt-${i}`,
        content,
        category: CATEGORIES[Math.floor(rand() * CATEGORIES.length)],
        tags: JSON.stringify(tags),
        target_llm: TARGETS[Math.floor(rand() * TARGETS.length)],
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
          user_id: userIds[owner],
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
    await k.transaction().execute(async (trx) => {
      await insertChunked(trx, "prompts", pr);
      await insertChunked(trx, "prompt_versions", pv);
      await insertChunked(trx, "prompt_tags", tg);
      await insertChunked(trx, "analyses", an);
    });
    rows += pr.length + pv.length + tg.length + an.length;
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
    const tp: object[] = [];
    const tt: object[] = [];
    for (let i = from; i < from + n; i++) {
      const id = newId(start + i);
      const at = iso(start + i * 1000);
      tp.push({
        id,
        user_id: userIds[i],
        project_id: projectIds[i],
        name: title(rand),
        description: rand() < 0.7 ? words(rand, 8) : null,
        content: `${promptContent(rand)} {{topic}}`,
        variables: JSON.stringify([{ name: "topic", description: "", required: true }]),
        category: CATEGORIES[Math.floor(rand() * CATEGORIES.length)],
        tags: JSON.stringify(["tag-1"]),
        visibility: rand() < 1 / 3 ? "public" : "private",
        use_count: Math.floor(rand() * 50),
        cloned_from: null,
        created_at: at,
        updated_at: at,
      });
      tt.push({ template_id: id, tag: "tag-1" });
    }
    await k.transaction().execute(async (trx) => {
      await insertChunked(trx, "templates", tp);
      await insertChunked(trx, "template_tags", tt);
    });
    rows += 2 * n;
  }
  // Planner statistics, as a database that has been in use has them; on SQLite the FTS5 segments merged
  // into one, as its automatic merging does over time (a bulk load leaves many small ones behind).
  // On PostgreSQL a vacuum too, as autovacuum would have run: it sets the visibility map that lets a
  // count be answered from an index alone.
  await sql.raw(db.kind === "postgres" ? "vacuum analyze" : "analyze").execute(k);
  if (db.kind === "sqlite") {
    for (const fts of ["prompt_search", "template_search"]) {
      await sql`insert into ${sql.table(fts)} (${sql.table(fts)}) values ('optimize')`.execute(k);
    }
  }
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
