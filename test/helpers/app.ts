// buildTestApp(overrides): the real app on a fresh database of its own — an in-memory SQLite by
// default, or a PostgreSQL schema of its own when PROMPTFORGE_TEST_DATABASE_URL is set and the suite
// asks for it. Tests call it over `app.inject` or real HTTP; nothing of ours is mocked.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { type AppDeps, buildApp } from "../../src/app.js";
import { type Config, type Env, loadConfig } from "../../src/config.js";
import { createDatabase, type DatabaseHandle, ensureSchema } from "../../src/db/database.js";
import { createLogger } from "../../src/observability/logger.js";
import { createMetrics, trackDatabaseQuery } from "../../src/observability/metrics.js";

export type DbTarget = "sqlite" | "postgres";

export const PG_URL = process.env.PROMPTFORGE_TEST_DATABASE_URL;

/** The database targets this run covers: SQLite always, PostgreSQL when configured. */
export const DB_TARGETS: DbTarget[] = PG_URL ? ["sqlite", "postgres"] : ["sqlite"];

/** The JWT secret of every test configuration, in-process or spawned. */
export const TEST_JWT_SECRET = "test-secret-test-secret-test-secret-0123456789";

export function testConfig(env: Env = {}): Config {
  return loadConfig({
    LOG_LEVEL: "ERROR",
    LOG_FORMAT: "json",
    RATE_LIMIT_ENABLED: "false",
    JWT_SECRET: TEST_JWT_SECRET,
    DATA_DIR: mkdtempSync(join(tmpdir(), "promptforge-test-")),
    SERVE_WEB: "false",
    // The background rescore job stays off unless a test turns it on (test/api/rescore.test.ts).
    RESCORE_ENABLED: "false",
    // Likewise the webhook worker's poll (test/api/webhooks*.test.ts turn it on), so query counts hold.
    WEBHOOK_WORKER_ENABLED: "false",
    // And the evaluation worker's (test/evaluations/runs*.test.ts turn it on).
    EVALUATION_WORKER_ENABLED: "false",
    ...env,
  });
}

export interface TestApp {
  app: FastifyInstance;
  db: DatabaseHandle;
  config: Config;
  close: () => Promise<void>;
}

export interface TestAppOptions extends Partial<Omit<AppDeps, "config">> {
  env?: Env;
  target?: DbTarget;
  /** Log lines are collected here when given. */
  logLines?: string[];
}

/** Opens a fresh, empty database for one test app: SQLite in memory or a new PostgreSQL schema. */
export async function openTestDatabase(
  target: DbTarget,
  config: Config,
  onQuery?: Parameters<typeof createDatabase>[0]["onQuery"],
): Promise<{ db: DatabaseHandle; drop: () => Promise<void> }> {
  if (target === "postgres") {
    if (!PG_URL) throw new Error("PROMPTFORGE_TEST_DATABASE_URL is not set");
    const schema = `pf_test_${randomBytes(6).toString("hex")}`;
    const admin = createDatabase({ databaseUrl: PG_URL, dataDir: config.DATA_DIR, poolSize: 1 });
    await ensureSchema(admin, schema);
    await admin.close();
    const db = createDatabase({
      databaseUrl: PG_URL,
      dataDir: config.DATA_DIR,
      pgSchema: schema,
      poolSize: 5,
      onQuery,
    });
    return {
      db,
      drop: async () => {
        await db.close();
        const cleanup = createDatabase({ databaseUrl: PG_URL, dataDir: config.DATA_DIR, poolSize: 1 });
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(cleanup.kysely);
        // The evaluation queue's pg-boss schema, when the app started one.
        await sql`drop schema if exists ${sql.id(`${schema}_pgboss`)} cascade`.execute(cleanup.kysely);
        await cleanup.close();
      },
    };
  }
  const db = createDatabase({ dataDir: config.DATA_DIR, sqliteFile: ":memory:", onQuery });
  return { db, drop: () => db.close() };
}

// The database each test app was built on, so helpers given only the app can write rows straight in.
const databases = new WeakMap<FastifyInstance, DatabaseHandle>();

/** The Kysely instance of a test app's database (the app itself exposes no query access). */
export function databaseOf(app: FastifyInstance): DatabaseHandle["kysely"] {
  const db = databases.get(app);
  if (!db) throw new Error("Not an app built by buildTestApp");
  return db.kysely;
}

export async function buildTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const config = testConfig(opts.env);
  const metrics =
    opts.metrics ??
    createMetrics({ version: config.version, commit: "test", environment: config.ENVIRONMENT });
  const logger =
    opts.logger ??
    (opts.logLines
      ? createLogger(config, {
          destination: {
            write: (s: string) => {
              opts.logLines?.push(...s.split("\n").filter(Boolean));
              return true;
            },
          } as unknown as NodeJS.WritableStream,
        })
      : undefined);
  const { db, drop } = opts.db
    ? { db: opts.db, drop: async () => {} }
    : await openTestDatabase(opts.target ?? "sqlite", config, (e) =>
        trackDatabaseQuery(metrics, e.operation, e.seconds),
      );
  const app = await buildApp({ ...opts, config, db, metrics, logger });
  databases.set(app, db);
  await app.ready();
  return {
    app,
    db,
    config,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

/**
 * Two handles on one fresh database, each with its own pool or SQLite connection: how tests run two
 * instances side by side. `drop` closes the first and removes the database; whoever uses the second
 * closes it.
 */
export async function openSharedTestDatabase(
  target: DbTarget,
  config: Config,
): Promise<{ a: DatabaseHandle; b: DatabaseHandle; drop: () => Promise<void> }> {
  if (target === "postgres") {
    const { db: a, drop } = await openTestDatabase(target, config);
    const b = createDatabase({
      databaseUrl: PG_URL,
      dataDir: config.DATA_DIR,
      pgSchema: a.schema,
      poolSize: 2,
    });
    return { a, b, drop };
  }
  const file = `shared-${randomBytes(4).toString("hex")}.db`;
  const a = createDatabase({ dataDir: config.DATA_DIR, sqliteFile: file });
  const b = createDatabase({ dataDir: config.DATA_DIR, sqliteFile: file });
  return { a, b, drop: () => a.close() };
}
