// The Kysely factory: embedded SQLite (better-sqlite3, a file under DATA_DIR) by default,
// PostgreSQL (pg pool) when DATABASE_URL is set. Both run the same migrations and the same queries.
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import SqliteDatabase from "better-sqlite3";
import {
  Kysely,
  type LogEvent,
  Migrator,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  SqliteDialect,
  sql,
} from "kysely";
import type pg from "pg";
import type { Config } from "../config.js";
import { registerDirectReader, sqliteDirectReader } from "./direct-reads.js";
import { migrationProvider } from "./migrations/index.js";
import type { Database } from "./schema.js";
import { type WriteWatch, watchWrites } from "./write-watch.js";

// node-postgres (about 10 MB resident) loads only when DATABASE_URL names PostgreSQL: the zero-config
// SQLite start never needs it. A synchronous require keeps createDatabase synchronous.
const requireModule = createRequire(import.meta.url);
const loadPg = () => requireModule("pg") as typeof pg;

export type DbKind = "sqlite" | "postgres";

export interface QueryEvent {
  /** Lower-case SQL verb: select, insert, update, delete, or other. */
  operation: string;
  seconds: number;
  ok: boolean;
}

export interface DatabaseHandle {
  /** The query builder; services reach it only through their repositories. */
  kysely: Kysely<Database>;
  kind: DbKind;
  /** PostgreSQL schema this handle works in, when not the default. */
  schema?: string;
  /** Connections currently checked out and doing work (PostgreSQL) or the open SQLite handle (1). */
  activeConnections(): number;
  /** Tells subscribers which table each write names (write-watch.ts): how row caches stay current. */
  writes: WriteWatch;
  /** Round-trips a trivial query; rejects if the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * A handle to the same database without statement and query time-outs, for migrations (a long index
   * build must not be cancelled halfway). Close it after use; on SQLite it is this handle, and its close
   * does nothing.
   */
  withoutTimeouts(): DatabaseHandle;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
  /** PostgreSQL schema to use (created if missing): lets test runs share one database. */
  pgSchema?: string;
  /** SQLite file name under dataDir, or ":memory:". */
  sqliteFile?: string;
  onQuery?: (e: QueryEvent) => void;
  /** PostgreSQL: the server cancels a statement running longer (statement_timeout); 0 or absent = never. */
  statementTimeoutSeconds?: number;
  /**
   * PostgreSQL: the client stops waiting for an answer after this long (a silent partition) and discards
   * the connection; 0 or absent = wait for ever.
   */
  queryTimeoutSeconds?: number;
  /** PostgreSQL: TCP keep-alive idle time, so a peer gone silently is noticed; absent = off. */
  keepAliveSeconds?: number;
  /** SQLite: how long a statement waits for another writer's lock before SQLITE_BUSY (default 5 s). */
  busyTimeoutSeconds?: number;
}

/** The database options the settings ask for (time-outs, pool size, where the data lives). */
export function databaseOptions(
  config: Pick<
    Config,
    | "DATABASE_URL"
    | "DATA_DIR"
    | "DATABASE_POOL_SIZE"
    | "DATABASE_STATEMENT_TIMEOUT_SECONDS"
    | "DATABASE_QUERY_TIMEOUT_SECONDS"
    | "DATABASE_KEEPALIVE_SECONDS"
    | "DATABASE_BUSY_TIMEOUT_SECONDS"
  >,
): DatabaseOptions {
  return {
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
    statementTimeoutSeconds: config.DATABASE_STATEMENT_TIMEOUT_SECONDS,
    queryTimeoutSeconds: config.DATABASE_QUERY_TIMEOUT_SECONDS,
    keepAliveSeconds: config.DATABASE_KEEPALIVE_SECONDS,
    busyTimeoutSeconds: config.DATABASE_BUSY_TIMEOUT_SECONDS,
  };
}

/** pg's message when query_timeout passes before the server answered. */
const QUERY_READ_TIMEOUT = "Query read timeout";

/**
 * The pool as Kysely sees it, except that a connection whose query timed out on the client side goes back
 * to pg-pool with the error, which destroys it: its answer may still arrive (or never will, its bytes lost
 * in a partition), so reusing it would leave every later query on it waiting too.
 */
function discardingTimedOutClients(pool: pg.Pool): PostgresPool {
  return {
    connect: async () => {
      const client = await pool.connect();
      let broken: Error | undefined;
      // biome-ignore lint/suspicious/noExplicitAny: forwards both of pg's query overloads unchanged.
      const query = (...args: any[]) => {
        const result = (client.query as (...a: unknown[]) => unknown)(...args);
        if (!(result instanceof Promise)) return result;
        return result.catch((e: unknown) => {
          if (e instanceof Error && e.message === QUERY_READ_TIMEOUT) broken = e;
          throw e;
        });
      };
      return { query, release: () => client.release(broken) } as unknown as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

const VERB = /^\s*(?:with\b[\s\S]*?\)\s*)?(select|insert|update|delete)\b/i;

/** The verb of each SQL text seen (a fixed set the code builds; the bound guards against raw SQL). */
const operations = new Map<string, string>();

export function queryOperation(sqlText: string): string {
  let operation = operations.get(sqlText);
  if (operation === undefined) {
    const m = VERB.exec(sqlText);
    operation = m ? (m[1] as string).toLowerCase() : "other";
    if (operations.size >= 5000) operations.clear();
    operations.set(sqlText, operation);
  }
  return operation;
}

export function createDatabase(opts: DatabaseOptions): DatabaseHandle {
  const log = opts.onQuery
    ? (e: LogEvent) => {
        opts.onQuery?.({
          operation: queryOperation(e.query.sql),
          seconds: e.queryDurationMillis / 1000,
          ok: e.level === "query",
        });
      }
    : undefined;

  if (opts.databaseUrl) {
    const schema = opts.pgSchema;
    if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error("invalid PostgreSQL schema name");
    const ms = (seconds: number | undefined) => Math.round((seconds ?? 0) * 1000);
    const { Pool } = loadPg();
    const pool = new Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
      ...(ms(opts.statementTimeoutSeconds) > 0
        ? { statement_timeout: ms(opts.statementTimeoutSeconds) }
        : {}),
      ...(ms(opts.queryTimeoutSeconds) > 0 ? { query_timeout: ms(opts.queryTimeoutSeconds) } : {}),
      ...(opts.keepAliveSeconds
        ? { keepAlive: true, keepAliveInitialDelayMillis: ms(opts.keepAliveSeconds) }
        : {}),
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // A client losing its connection (idle in the pool, or between a checkout and its query) must not
    // crash the process with an unhandled 'error' event: the query in flight, or the next one, reports it
    // and the request answers 503.
    pool.on("error", () => {});
    pool.on("connect", (client) => {
      client.on("error", () => {});
    });
    const { dialect, watch } = watchWrites(new PostgresDialect({ pool: discardingTimedOutClients(pool) }));
    const db = new Kysely<Database>({ dialect, log });
    const life = lifecycle(db);
    return {
      kysely: db,
      kind: "postgres",
      schema,
      writes: watch,
      activeConnections: () => pool.totalCount - pool.idleCount,
      ping: life.ping,
      close: life.close,
      withoutTimeouts: () =>
        createDatabase({ ...opts, poolSize: 1, statementTimeoutSeconds: 0, queryTimeoutSeconds: 0 }),
    };
  }

  const file = opts.sqliteFile ?? "promptforge.db";
  let path = file;
  if (file !== ":memory:") {
    const dir = resolve(opts.dataDir);
    mkdirSync(dir, { recursive: true });
    path = join(dir, file);
  }
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${Math.round((opts.busyTimeoutSeconds ?? 5) * 1000)}`);
  sqlite.pragma("synchronous = NORMAL");
  const statements = cachingStatements(sqlite);
  const { dialect, watch } = watchWrites(new SqliteDialect({ database: statements }));
  const db = new Kysely<Database>({ dialect, log });
  // Compiled hot reads run on the connection directly while no transaction is open (direct-reads.ts).
  registerDirectReader(
    db,
    sqliteDirectReader(sqlite, (s) => statements.prepare(s), queryOperation, opts.onQuery),
  );
  const life = lifecycle(db);
  const handle: DatabaseHandle = {
    kysely: db,
    kind: "sqlite",
    writes: watch,
    activeConnections: () => (life.closed() ? 0 : 1),
    ping: life.ping,
    close: life.close,
    // SQLite has no statement time-out to lift; the busy time-out only bounds waiting for a lock.
    withoutTimeouts: () => ({ ...handle, close: async () => {} }),
  };
  return handle;
}

/** Prepared statements kept per SQL text; past this many the least recently used is finalised. */
export const SQLITE_STATEMENT_CACHE_SIZE = 500;

/**
 * The database as Kysely's SQLite driver sees it, except that prepare(sql) hands back the statement it
 * prepared for the same text before: Kysely prepares every query it runs, and compiling the SQL again
 * cost about 6 % of an authenticated read. A statement still being iterated (a streamed read) is busy,
 * so a query with the same text meanwhile gets a statement of its own.
 */
function cachingStatements(sqlite: SqliteDatabase.Database) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      statements.clear();
      sqlite.close();
    },
    prepare(sqlText: string): SqliteDatabase.Statement {
      const cached = statements.get(sqlText);
      if (cached && !cached.busy) {
        // Map order is insertion order: moving the entry to the end keeps the oldest-used first.
        statements.delete(sqlText);
        statements.set(sqlText, cached);
        return cached;
      }
      const statement = sqlite.prepare(sqlText);
      if (!cached) {
        statements.set(sqlText, statement);
        if (statements.size > SQLITE_STATEMENT_CACHE_SIZE) {
          statements.delete(statements.keys().next().value as string);
        }
      }
      return statement;
    },
  };
}

/** What both databases' handles do alike: a ping, and a close that runs once however often it is called. */
function lifecycle(db: Kysely<Database>) {
  let closed = false;
  return {
    closed: () => closed,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

/** Creates the PostgreSQL schema if needed; a no-op on SQLite. */
export async function ensureSchema(handle: DatabaseHandle, schema?: string): Promise<void> {
  if (handle.kind !== "postgres" || !schema) return;
  await sql`create schema if not exists ${sql.id(schema)}`.execute(handle.kysely);
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  return migrateUpTo(handle);
}

/**
 * Applies the pending migrations up to and including `name` (all of them when absent): how tests fill a
 * database with an older schema before checking what a later migration does to its data.
 */
export async function migrateUpTo(handle: DatabaseHandle, name?: string): Promise<string[]> {
  const untimed = handle.withoutTimeouts();
  try {
    return await migrate(untimed, name);
  } finally {
    if (untimed !== handle) await untimed.close();
  }
}

/** A "schema … does not exist" error about a schema other than ours, with no migration run. */
function droppedElsewhere(error: unknown, schema: string | undefined): boolean {
  const m = error instanceof Error ? /schema "([^"]+)" does not exist/.exec(error.message) : null;
  return m !== null && m[1] !== schema;
}

async function migrate(handle: DatabaseHandle, target?: string): Promise<string[]> {
  // Kysely looks for its bookkeeping tables by name across every schema; pin them to the schema this
  // connection works in (search_path), so databases shared by several schemas stay apart.
  let schema = handle.schema;
  if (handle.kind === "postgres" && !schema) {
    const { rows } = await sql<{ s: string | null }>`select current_schema() as s`.execute(handle.kysely);
    schema = rows[0]?.s ?? undefined;
  }
  const migrator = new Migrator({
    db: handle.kysely,
    provider: migrationProvider,
    migrationTableName: "promptforge_migrations",
    migrationLockTableName: "promptforge_migrations_lock",
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  let outcome = target ? await migrator.migrateTo(target) : await migrator.migrateToLatest();
  // Kysely's bookkeeping-table check reads the catalog of every schema in the database; a schema that
  // another client drops at that moment fails the read ("schema … does not exist") though ours is fine.
  // Nothing has run then (the check comes before any migration), so trying again is safe.
  for (
    let attempt = 1;
    attempt < 5 && !outcome.results && droppedElsewhere(outcome.error, schema);
    attempt++
  ) {
    await new Promise((r) => setTimeout(r, 50 * attempt));
    outcome = target ? await migrator.migrateTo(target) : await migrator.migrateToLatest();
  }
  const { error, results } = outcome;
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? "(unknown)"} failed: ${why}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
