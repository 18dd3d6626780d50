// Indexes for `q`, the case-insensitive substring search of the prompt and template listings, so a
// search no longer reads every row (src/db/text-search.ts runs the queries):
// - SQLite: an FTS5 table per searched table with the trigram tokenizer (case folded), contentless, whose
//   rows are keyed by a small table of integer document numbers. Not keyed by the searched table's own
//   rowid: its primary key is a text id, so VACUUM may renumber those rowids and the index would point at
//   the wrong rows. Triggers keep both in step with every insert, update and delete (a cascade from a
//   deleted project or user included), and the rows already stored are back-filled here.
// - PostgreSQL: GIN trigram indexes (pg_trgm) on lower(column), the very expressions the search compares,
//   so the planner uses them for the same LIKE it always ran. Where the extension cannot be enabled (a
//   database user without the right to create it, a server without contrib), the migration still succeeds
//   and search keeps scanning; /health/detailed reports checks.search.mode "scan" then.
import { type Kysely, PostgresAdapter, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
type Db = Kysely<any>;

interface Searched {
  table: "prompts" | "templates";
  owner: "prompt_id" | "template_id";
  /** The searched columns; a nullable one is searched as '' when null. */
  columns: { name: string; nullable?: boolean }[];
}

/** The searched text of `column` in `row` (a table alias or trigger row, or none). */
const textOf = (column: Searched["columns"][number], row?: string) => {
  const ref = row ? `${row}.${column.name}` : column.name;
  return column.nullable ? `coalesce(${ref}, '')` : ref;
};

const SEARCHED: Searched[] = [
  {
    table: "prompts",
    owner: "prompt_id",
    columns: [{ name: "title" }, { name: "name" }, { name: "content" }],
  },
  {
    table: "templates",
    owner: "template_id",
    columns: [{ name: "name" }, { name: "description", nullable: true }, { name: "content" }],
  },
];

const single = (table: string) => table.slice(0, -1);

export async function up(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await upPostgres(db);
  else for (const s of SEARCHED) await upSqlite(db, s);
  // sort=score orders by coalesce(score, -1) (unscored last, no NULL in the keyset): the plain
  // (project_id, score, id) index cannot serve that expression, so a large project was sorted whole.
  await sql`create index prompts_project_score_sort_idx on prompts (project_id, coalesce(score, -1), id)`.execute(
    db,
  );
}

async function upSqlite(db: Db, s: Searched): Promise<void> {
  const docs = `${single(s.table)}_search_docs`;
  const fts = `${single(s.table)}_search`;
  const names = s.columns.map((c) => c.name).join(", ");
  const values = (row: "new" | "p") => s.columns.map((c) => textOf(c, row));
  const doc = (row: "new" | "old") => `(select doc from ${docs} where ${s.owner} = ${row}.id)`;
  const run = (text: string) => sql.raw(text).execute(db);

  await run(`create table ${docs} (doc integer primary key, ${s.owner} text not null unique)`);
  // case_sensitive 0 folds case over all of Unicode, a superset of lower()'s ASCII folding: the index
  // finds candidates, and the query keeps the exact comparison it always made.
  await run(
    `create virtual table ${fts} using fts5(${names}, content='', contentless_delete=1, tokenize='trigram case_sensitive 0')`,
  );
  const insertNew = `insert into ${fts} (rowid, ${names}) values (${doc("new")}, ${values("new").join(", ")});`;
  await run(`create trigger ${fts}_insert after insert on ${s.table} begin
    insert into ${docs} (${s.owner}) values (new.id);
    ${insertNew}
  end`);
  await run(`create trigger ${fts}_update after update of ${names} on ${s.table} begin
    delete from ${fts} where rowid = ${doc("old")};
    ${insertNew}
  end`);
  await run(`create trigger ${fts}_delete after delete on ${s.table} begin
    delete from ${fts} where rowid = ${doc("old")};
    delete from ${docs} where ${s.owner} = old.id;
  end`);
  // The rows stored before this migration.
  await run(`insert into ${docs} (${s.owner}) select id from ${s.table} order by created_at, id`);
  await run(
    `insert into ${fts} (rowid, ${names}) select d.doc, ${values("p").join(", ")} from ${s.table} p join ${docs} d on d.${s.owner} = p.id`,
  );
}

/** The schema pg_trgm is installed in, if it is. */
async function trigramSchema(db: Db): Promise<string | undefined> {
  const { rows } = await sql<{ schema: string }>`
    select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where e.extname = 'pg_trgm'`.execute(db);
  return rows[0]?.schema;
}

/**
 * Enables pg_trgm if it is not yet: in public (so dropping the schema PromptForge works in never drops
 * it from under another), else in the current schema. Each attempt runs under a savepoint, as the
 * migration is one transaction; a concurrent migration that enabled it first is found on the re-check.
 */
async function enableTrigram(db: Db): Promise<string | undefined> {
  const found = await trigramSchema(db);
  if (found) return found;
  const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(db);
  const current = rows[0]?.s;
  for (const schema of ["public", current]) {
    if (!schema) continue;
    await sql`savepoint enable_trigram`.execute(db);
    try {
      await sql`create extension if not exists pg_trgm with schema ${sql.id(schema)}`.execute(db);
      await sql`release savepoint enable_trigram`.execute(db);
      return schema;
    } catch {
      await sql`rollback to savepoint enable_trigram`.execute(db);
      const now = await trigramSchema(db);
      if (now) return now;
    }
  }
  return undefined;
}

async function upPostgres(db: Db): Promise<void> {
  const schema = await enableTrigram(db);
  if (!schema) return;
  for (const s of SEARCHED) {
    for (const column of s.columns) {
      await sql`create index ${sql.id(`${s.table}_${column.name}_trgm_idx`)} on ${sql.id(s.table)}
        using gin (lower(${sql.raw(textOf(column))}) ${sql.id(schema)}.gin_trgm_ops)`.execute(db);
    }
  }
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex("prompts_project_score_sort_idx").ifExists().execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const s of SEARCHED) {
      for (const column of s.columns) {
        await db.schema.dropIndex(`${s.table}_${column.name}_trgm_idx`).ifExists().execute();
      }
    }
    return;
  }
  for (const s of SEARCHED) {
    const fts = `${single(s.table)}_search`;
    for (const t of ["insert", "update", "delete"])
      await sql.raw(`drop trigger if exists ${fts}_${t}`).execute(db);
    await sql.raw(`drop table if exists ${fts}`).execute(db);
    await sql.raw(`drop table if exists ${single(s.table)}_search_docs`).execute(db);
  }
}
