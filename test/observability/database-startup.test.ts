// Start-up against a database that is not there yet: the real server process retries with backoff for
// DATABASE_STARTUP_TIMEOUT_SECONDS, logging in LOG_FORMAT and naming DATABASE_URL with its password
// hidden, then exits 1 — or starts as soon as the database appears (orchestrators start both at once).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PG_URL } from "../helpers/app.js";
import { pgSchema } from "../helpers/pg-schema.js";
import { freePort, type SpawnedServer, spawnServer } from "../helpers/server-process.js";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy.js";

const PASSWORD = "hunter2-canary-secret";

function spawnStartingServer(env: Record<string, string>): SpawnedServer {
  return spawnServer({
    HOST: "127.0.0.1",
    LOG_LEVEL: "INFO",
    SERVE_WEB: "false",
    JWT_SECRET: "test-secret-test-secret-test-secret-0123456789",
    DATA_DIR: mkdtempSync(join(tmpdir(), "pf-startup-")),
    ...env,
  });
}

describe("database unreachable at start", () => {
  it("retries for DATABASE_STARTUP_TIMEOUT_SECONDS in JSON lines naming DATABASE_URL without its password, then exits 1", async () => {
    const closed = await freePort();
    const started = Date.now();
    const run = spawnStartingServer({
      PORT: String(await freePort()),
      LOG_FORMAT: "json",
      DATABASE_URL: `postgres://promptforge:${PASSWORD}@127.0.0.1:${closed}/promptforge`,
      DATABASE_STARTUP_TIMEOUT_SECONDS: "3",
    });
    const code = await run.exited;
    const seconds = (Date.now() - started) / 1000;
    expect(code).toBe(1);
    expect(seconds).toBeGreaterThanOrEqual(3);
    expect(seconds).toBeLessThan(20);

    const out = run.output();
    expect(out).not.toContain(PASSWORD);
    const lines = out
      .split("\n")
      .filter(Boolean)
      .map((l) => {
        try {
          return JSON.parse(l) as Record<string, unknown>;
        } catch {
          throw new Error(`not a JSON log line: ${l}`);
        }
      });
    const shown = `postgres://promptforge:***@127.0.0.1:${closed}/promptforge`;
    const retries = lines.filter((l) => l.level === "WARNING" && l.setting === "DATABASE_URL");
    expect(retries.length).toBeGreaterThanOrEqual(2);
    for (const r of retries) {
      expect(r).toMatchObject({ database_url: shown, service: "PromptForge" });
      expect(String(r.error)).toContain("ECONNREFUSED");
    }
    const last = lines.at(-1);
    expect(last).toMatchObject({ level: "CRITICAL", setting: "DATABASE_URL", database_url: shown });
    expect(String(last?.message)).toContain("DATABASE_URL");
  }, 40_000);

  it("logs the same retries as text lines with LOG_FORMAT=text", async () => {
    const closed = await freePort();
    const run = spawnStartingServer({
      PORT: String(await freePort()),
      LOG_FORMAT: "text",
      DATABASE_URL: `postgres://promptforge:${PASSWORD}@127.0.0.1:${closed}/promptforge`,
      DATABASE_STARTUP_TIMEOUT_SECONDS: "1",
    });
    expect(await run.exited).toBe(1);
    const out = run.output();
    expect(out).not.toContain(PASSWORD);
    expect(out).toMatch(/WARNING .*DATABASE_URL/);
    expect(out).toMatch(/CRITICAL .*DATABASE_URL/);
    expect(out).toContain(`postgres://promptforge:***@127.0.0.1:${closed}/promptforge`);
  }, 40_000);
});

describe.skipIf(!PG_URL)("database that appears during start-up (postgres)", () => {
  const schema = pgSchema("pf_startup");
  let proxy: TcpProxy | undefined;
  let run: SpawnedServer | undefined;

  afterAll(async () => {
    if (run && run.child.exitCode === null) {
      run.child.kill("SIGTERM");
      await run.exited;
    }
    proxy?.cut();
    await schema.drop();
  });

  it("starts serving once PostgreSQL starts answering within the time-out", async () => {
    await schema.create();
    const listenPort = await freePort();
    const url = new URL(PG_URL as string);
    const upstream = { host: url.hostname, port: Number(url.port || 5432) };
    url.hostname = "127.0.0.1";
    url.port = String(listenPort);
    url.searchParams.set("options", `-c search_path=${schema.name}`);
    const port = await freePort();
    run = spawnStartingServer({
      PORT: String(port),
      LOG_FORMAT: "json",
      DATABASE_URL: url.toString(),
      DATABASE_STARTUP_TIMEOUT_SECONDS: "30",
    });
    // The database "starts" after the service has failed to reach it once.
    const waitUntil = Date.now() + 20_000;
    while (!run.output().includes('"setting":"DATABASE_URL"') && run.child.exitCode === null) {
      if (Date.now() > waitUntil) throw new Error(`no retry line:\n${run.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(run.child.exitCode, run.output()).toBeNull();
    proxy = await startTcpProxy(upstream.host, upstream.port, listenPort);
    const deadline = Date.now() + 20_000;
    let ready = false;
    while (!ready && Date.now() < deadline) {
      ready = await fetch(`http://127.0.0.1:${port}/health/ready`)
        .then((r) => r.ok)
        .catch(() => false);
      if (!ready) await new Promise((r) => setTimeout(r, 200));
    }
    expect(ready, run.output()).toBe(true);
  }, 40_000);
});
