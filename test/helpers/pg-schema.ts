// A PostgreSQL schema of a test's own, for tests that reach the database another way than buildTestApp
// does (through a TCP proxy, or from a child process): a random name, created and migrated on demand,
// dropped with everything in it afterwards; and PostgreSQL behind a TCP proxy the test can cut.
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { createDatabase, ensureSchema } from "../../src/db/database.js";
import { PG_URL } from "./app.js";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy.js";

export interface PgSchema {
  name: string;
  /** Creates the schema and runs the migrations in it. */
  create: () => Promise<void>;
  drop: () => Promise<void>;
}

export function pgSchema(prefix: string): PgSchema {
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  const withAdmin = async (f: (admin: ReturnType<typeof createDatabase>) => Promise<unknown>) => {
    const admin = createDatabase({ databaseUrl: PG_URL, dataDir: ".", poolSize: 1 });
    try {
      await f(admin);
    } finally {
      await admin.close();
    }
  };
  return {
    name,
    create: () => withAdmin((admin) => ensureSchema(admin, name)),
    drop: () =>
      withAdmin((admin) => sql`drop schema if exists ${sql.id(name)} cascade`.execute(admin.kysely)),
  };
}

/** A TCP proxy on loopback in front of the test PostgreSQL, and PG_URL pointed at it. */
export async function proxiedPostgres(): Promise<{ proxy: TcpProxy; url: URL }> {
  const pg = new URL(PG_URL as string);
  const proxy = await startTcpProxy(pg.hostname, Number(pg.port || 5432));
  const url = new URL(PG_URL as string);
  url.hostname = "127.0.0.1";
  url.port = String(proxy.port);
  return { proxy, url };
}
