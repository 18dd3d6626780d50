// Every wait on the database and on clients is bounded by a setting: PostgreSQL statement and query
// time-outs (never applied to migrations) and TCP keep-alive, SQLite's busy time-out, and Fastify's
// request and connection time-outs. A silent partition (a TCP proxy dropping every byte) turns into a
// 503 within the bound, and the service recovers by itself when the network does.
import { existsSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import SqliteDatabase from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase, databaseOptions } from "../../src/db/database.js";
import { buildTestApp, PG_URL, type TestApp, testConfig } from "../helpers/app.js";
import { pgSchema, proxiedPostgres } from "../helpers/pg-schema.js";
import type { TcpProxy } from "../helpers/tcp-proxy.js";
import { createTestUser } from "../helpers/users.js";

const elapsed = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const started = Date.now();
  const v = await f();
  return [v, (Date.now() - started) / 1000];
};

describe.skipIf(!PG_URL)("database time-outs (postgres)", () => {
  const schema = pgSchema("pf_timeouts");
  let t: TestApp | undefined;
  let proxy: TcpProxy | undefined;

  afterAll(async () => {
    await t?.app.close();
    await t?.db.close().catch(() => {});
    proxy?.cut();
    await schema.drop();
  });

  it("answers 503 within DATABASE_QUERY_TIMEOUT_SECONDS during a silent partition, and recovers without a restart", async () => {
    await schema.create();
    const proxiedPg = await proxiedPostgres();
    proxy = proxiedPg.proxy;
    const proxied = proxiedPg.url;
    const env = { DATABASE_QUERY_TIMEOUT_SECONDS: "1", DATABASE_STATEMENT_TIMEOUT_SECONDS: "1" };
    const config = testConfig({ ...env, DATABASE_URL: proxied.toString(), DATABASE_POOL_SIZE: "3" });
    const db = createDatabase({ ...databaseOptions(config), pgSchema: schema.name });
    t = await buildTestApp({ db, env, logLines: [], observability: { databasePingIntervalMs: 3_600_000 } });
    const app = t.app;
    const user = await createTestUser(app);
    const list = () => app.inject({ method: "GET", url: "/api/v1/prompts", headers: user.auth });
    expect((await list()).statusCode).toBe(200);

    proxy.blackhole();
    for (let i = 0; i < 3; i++) {
      const [res, seconds] = await elapsed(list);
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe("service_unavailable");
      // One query time-out, or at worst the pool's 5 s connect time-out for a fresh connection.
      expect(seconds).toBeLessThan(6);
    }
    expect((await app.inject({ method: "GET", url: "/health/ready" })).statusCode).toBe(503);

    proxy.heal();
    let status = 0;
    const deadline = Date.now() + 15_000;
    while (status !== 200 && Date.now() < deadline) {
      status = (await list()).statusCode;
    }
    expect(status).toBe(200);
    // Every pooled connection works again: none is left waiting for an answer that was dropped.
    const again = await Promise.all([list(), list(), list(), list(), list()]);
    expect(again.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect((await app.inject({ method: "GET", url: "/health/ready" })).statusCode).toBe(200);
  }, 60_000);

  it("cancels a statement that runs past DATABASE_STATEMENT_TIMEOUT_SECONDS, but never a migration", async () => {
    const config = testConfig({
      DATABASE_URL: PG_URL,
      DATABASE_STATEMENT_TIMEOUT_SECONDS: "1",
      DATABASE_QUERY_TIMEOUT_SECONDS: "5",
    });
    const db = createDatabase({ ...databaseOptions(config), pgSchema: schema.name, poolSize: 1 });
    try {
      const [err, seconds] = await elapsed(() =>
        sql`select pg_sleep(3)`.execute(db.kysely).then(
          () => undefined,
          (e: unknown) => e,
        ),
      );
      expect((err as { code?: string })?.code).toBe("57014");
      expect(seconds).toBeLessThan(2.5);
      const shown = await sql<{ statement_timeout: string }>`show statement_timeout`.execute(db.kysely);
      expect(shown.rows[0]?.statement_timeout).toBe("1s");

      const forMigrations = db.withoutTimeouts();
      try {
        const m = await sql<{ statement_timeout: string }>`show statement_timeout`.execute(
          forMigrations.kysely,
        );
        expect(m.rows[0]?.statement_timeout).toBe("0");
        await sql`select pg_sleep(1.5)`.execute(forMigrations.kysely);
      } finally {
        await forMigrations.close();
      }
    } finally {
      await db.close();
    }
  }, 30_000);

  it.skipIf(!existsSync("/proc/net/tcp"))(
    "turns on TCP keep-alive with DATABASE_KEEPALIVE_SECONDS on PostgreSQL connections",
    async () => {
      const config = testConfig({ DATABASE_URL: PG_URL, DATABASE_KEEPALIVE_SECONDS: "7" });
      const db = createDatabase({ ...databaseOptions(config), poolSize: 1 });
      try {
        // The server knows the client's port; the kernel's socket table shows that socket's timer.
        const { rows } = await sql<{ port: number }>`
          select client_port as port from pg_stat_activity where pid = pg_backend_pid()`.execute(db.kysely);
        const port = (rows[0]?.port ?? 0).toString(16).toUpperCase().padStart(4, "0");
        const table = ["/proc/net/tcp", "/proc/net/tcp6"]
          .filter((f) => existsSync(f))
          .map((f) => readFileSync(f, "utf8"))
          .join("\n");
        const socket = table
          .split("\n")
          .map((l) => l.trim().split(/\s+/))
          .find((cols) => cols[1]?.endsWith(`:${port}`) && cols[3] === "01");
        expect(socket, "the client's socket").toBeDefined();
        // Column "tr:tm->when": timer 2 is the keep-alive timer; `when` counts clock ticks (100 a second).
        const [timer, when] = (socket?.[5] ?? "").split(":");
        expect(timer).toBe("02");
        expect(Number.parseInt(when ?? "", 16)).toBeLessThanOrEqual(7 * 100);
      } finally {
        await db.close();
      }
    },
  );
});

describe("SQLite busy time-out", () => {
  it("answers 503 after DATABASE_BUSY_TIMEOUT_SECONDS when another writer holds the lock, then writes", async () => {
    const env = { DATABASE_BUSY_TIMEOUT_SECONDS: "1" };
    const config = testConfig(env);
    const db = createDatabase({ ...databaseOptions(config), sqliteFile: "busy.db" });
    const t = await buildTestApp({ db, env, logLines: [] });
    const other = new SqliteDatabase(`${config.DATA_DIR}/busy.db`);
    try {
      const user = await createTestUser(t.app);
      const create = () =>
        t.app.inject({
          method: "POST",
          url: "/api/v1/prompts",
          headers: user.auth,
          payload: { title: "Locked out", content: "Summarise the report in three bullet points." },
        });
      other.exec("begin immediate");
      const [res, seconds] = await elapsed(create);
      expect(res.statusCode).toBe(503);
      expect(seconds).toBeGreaterThanOrEqual(0.9);
      expect(seconds).toBeLessThan(3);
      other.exec("commit");
      expect((await create()).statusCode).toBe(201);
    } finally {
      other.close();
      await t.close();
      await db.close();
    }
  });
});

describe("HTTP time-outs", () => {
  let t: TestApp | undefined;
  afterAll(async () => t?.close());

  it("applies REQUEST_TIMEOUT_SECONDS and closes a connection idle for CONNECTION_TIMEOUT_SECONDS", async () => {
    t = await buildTestApp({ env: { REQUEST_TIMEOUT_SECONDS: "20", CONNECTION_TIMEOUT_SECONDS: "1" } });
    expect(t.app.server.requestTimeout).toBe(20_000);
    expect(t.app.initialConfig.connectionTimeout).toBe(1_000);
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = t.app.server.address() as { port: number };
    // A client that connects and then says nothing (half a request line) is dropped after about a second.
    const [closedAfter] = await elapsed(
      () =>
        new Promise<number>((resolve) => {
          const started = Date.now();
          const s = connect(port, "127.0.0.1", () => s.write("GET /health HTTP/1.1\r\n"));
          s.on("close", () => resolve((Date.now() - started) / 1000));
          s.on("error", () => {});
        }),
    );
    expect(closedAfter).toBeGreaterThanOrEqual(0.9);
    expect(closedAfter).toBeLessThan(5);
  });
});
