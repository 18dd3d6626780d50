// The database the scale benchmark seeds and measures (bench/seed.ts, bench/list-search.ts): SQLite in a
// data directory, or a schema of its own in a PostgreSQL database; and how much disk it takes.
import { statSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { createDatabase, type DatabaseHandle, ensureSchema } from "../src/db/database.js";

export interface BenchDatabaseArgs {
  databaseUrl?: string;
  schema: string;
  dataDir: string;
}

export function benchDatabaseArgs(values: { "database-url"?: string; schema?: string; "data-dir"?: string }) {
  return {
    databaseUrl: values["database-url"] ?? process.env.DATABASE_URL,
    schema: values.schema ?? "pf_bench",
    dataDir: values["data-dir"] ?? process.env.DATA_DIR ?? "./data-bench",
  } satisfies BenchDatabaseArgs;
}

export async function openBenchDatabase(a: BenchDatabaseArgs): Promise<DatabaseHandle> {
  if (a.databaseUrl) {
    const admin = createDatabase({ databaseUrl: a.databaseUrl, dataDir: a.dataDir, poolSize: 1 });
    await ensureSchema(admin, a.schema);
    await admin.close();
    return createDatabase({
      databaseUrl: a.databaseUrl,
      dataDir: a.dataDir,
      pgSchema: a.schema,
      poolSize: 4,
    });
  }
  return createDatabase({ dataDir: a.dataDir });
}

/** Bytes the database takes on disk: the SQLite file and its WAL, or the schema's tables and indexes. */
export async function diskBytes(db: DatabaseHandle, a: BenchDatabaseArgs): Promise<number> {
  if (db.kind === "postgres") {
    const { rows } = await sql<{ n: string }>`
      select coalesce(sum(pg_total_relation_size(c.oid)), 0) as n from pg_class c
      join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relkind in ('r', 'm')`.execute(
      db.kysely,
    );
    return Number(rows[0]?.n);
  }
  await sql`pragma wal_checkpoint(truncate)`.execute(db.kysely);
  const file = join(a.dataDir, "promptforge.db");
  let bytes = statSync(file).size;
  try {
    bytes += statSync(`${file}-wal`).size;
  } catch {
    // no WAL file
  }
  return bytes;
}
