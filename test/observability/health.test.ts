// The health endpoints in the guide's shapes, with the semantics behind them: a database that fails or
// stalls turns readiness and the detailed check to 503, shutting down turns readiness to 503 at once,
// liveness never looks at a dependency, and the Gemini check is cached for 30 s.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkDatabase, DATABASE_CHECK_TIMEOUT_MS } from "../../src/observability/health-checks.js";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";
import { type FakeLlm, startFakeLlm } from "../helpers/fake-llm.js";
import { metricValue } from "../helpers/metrics.js";

describe.each(DB_TARGETS)("health endpoints (%s)", (target) => {
  let t: TestApp | undefined;
  let gemini: Server | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
    gemini?.closeAllConnections();
    await new Promise((r) => (gemini ? gemini.close(r) : r(undefined)));
    gemini = undefined;
  });

  const epochSeconds = (v: unknown) => {
    expect(typeof v).toBe("number");
    expect(Math.abs((v as number) - Date.now() / 1000)).toBeLessThan(60);
  };

  it("answers the four probes in the guide's shapes, without credentials", async () => {
    t = await buildTestApp({ target, env: { RATE_LIMIT_ENABLED: "true", RATE_LIMIT_MAX: "2" } });
    const { app } = t;
    const health = await app.inject({ url: "/health" });
    expect(health.json()).toEqual({ status: "healthy", version: "1.0.0", environment: "development" });

    const detailed = await app.inject({ url: "/health/detailed" });
    expect(detailed.statusCode).toBe(200);
    const d = detailed.json();
    expect(Object.keys(d).sort()).toEqual(
      ["checks", "environment", "status", "timestamp", "uptime_seconds", "version"].sort(),
    );
    expect(d.status).toBe("healthy");
    epochSeconds(d.timestamp);
    expect(d.uptime_seconds).toBeGreaterThanOrEqual(0);
    expect(d.checks.database.status).toBe("healthy");
    expect(typeof d.checks.database.response_time_ms).toBe("number");
    expect(d.checks.gemini_api).toEqual({ status: "not_configured", response_time_ms: null });
    expect(d.checks.llm).toEqual({
      status: "not_configured",
      response_time_ms: null,
      provider: "local",
      model: null,
    });

    const ready = await app.inject({ url: "/health/ready" });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ ready: true, checks: { database: { status: "healthy" } } });
    epochSeconds(ready.json().timestamp);

    const live = await app.inject({ url: "/health/live" });
    expect(live.json()).toMatchObject({ alive: true });
    expect(Object.keys(live.json()).sort()).toEqual(["alive", "timestamp", "uptime_seconds"]);

    // Exempt from the rate limit: far more probes than RATE_LIMIT_MAX=2 all answer.
    for (let i = 0; i < 5; i++) expect((await app.inject({ url: "/health/live" })).statusCode).toBe(200);
    expect((await app.inject({ url: "/metrics" })).statusCode).toBe(200);
  });

  it("turns readiness and the detailed check to 503 when the database fails, liveness stays 200", async () => {
    t = await buildTestApp({ target });
    const { app } = t;
    await t.db.close();
    const ready = await app.inject({ url: "/health/ready" });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ ready: false, checks: { database: { status: "unhealthy" } } });
    const detailed = await app.inject({ url: "/health/detailed" });
    expect(detailed.statusCode).toBe(503);
    expect(detailed.json()).toMatchObject({
      status: "unhealthy",
      checks: { database: { status: "unhealthy" } },
    });
    expect((await app.inject({ url: "/health/live" })).statusCode).toBe(200);
    expect(await metricValue(app, "promptforge_database_up")).toBe(0);
    expect(await metricValue(app, "promptforge_ready")).toBe(0);
  });

  it("gives up on a database that does not answer within the check's time-out", async () => {
    // The time-out is 2 s in production (checked below with a fake clock); a short one keeps this quick.
    t = await buildTestApp({ target, observability: { databaseCheckTimeoutMs: 150 } });
    const realPing = t.db.ping;
    t.db.ping = () => new Promise<void>(() => {});
    const started = Date.now();
    const res = await t.app.inject({ url: "/health/ready" });
    const took = Date.now() - started;
    t.db.ping = realPing;
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ ready: false, checks: { database: { status: "unhealthy" } } });
    expect(took).toBeGreaterThanOrEqual(140);
    expect(took).toBeLessThan(1500);
  });

  it("reports not ready at once while shutting down, and stays alive", async () => {
    t = await buildTestApp({ target });
    t.app.deps.shuttingDown = true;
    const ready = await t.app.inject({ url: "/health/ready" });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().ready).toBe(false);
    expect((await t.app.inject({ url: "/health/live" })).statusCode).toBe(200);
  });

  it("checks Gemini with one cheap call per 30 s and reports degraded, not down, when it fails", async () => {
    let hits = 0;
    let answer = 200;
    gemini = createServer((req, res) => {
      hits++;
      expect(req.method).toBe("GET");
      expect(req.url).toMatch(/\/models\/gemini-2\.5-flash/);
      res.writeHead(answer, { "content-type": "application/json" });
      res.end(
        answer === 200
          ? JSON.stringify({ name: "models/gemini-2.5-flash" })
          : JSON.stringify({ error: { code: answer, message: "unavailable", status: "UNAVAILABLE" } }),
      );
    });
    await new Promise<void>((r) => gemini?.listen(0, "127.0.0.1", r));
    const port = (gemini.address() as AddressInfo).port;
    let now = Date.now();
    t = await buildTestApp({
      target,
      clock: () => now,
      env: { GEMINI_API_KEY: "gm-key-canary", GEMINI_BASE_URL: `http://127.0.0.1:${port}` },
    });
    const { app } = t;
    const first = await app.inject({ url: "/health/detailed" });
    expect(first.json()).toMatchObject({ status: "healthy", checks: { gemini_api: { status: "healthy" } } });
    expect(typeof first.json().checks.gemini_api.response_time_ms).toBe("number");
    await app.inject({ url: "/health/detailed" });
    expect(hits).toBe(1);

    answer = 503;
    now += 31_000;
    const degraded = await app.inject({ url: "/health/detailed" });
    expect(degraded.statusCode).toBe(200);
    expect(degraded.json()).toMatchObject({
      status: "degraded",
      checks: { gemini_api: { status: "unhealthy" } },
    });
    expect(hits).toBe(2);
    expect(await metricValue(app, "gemini_api_requests_total", { operation: "health_check" })).toBe(2);
    expect(
      await metricValue(app, "gemini_api_errors_total", {
        operation: "health_check",
        error_type: "server_error",
      }),
    ).toBe(1);
    // Readiness does not depend on Gemini.
    expect((await app.inject({ url: "/health/ready" })).statusCode).toBe(200);
  });

  it("reports the configured OpenAI-compatible provider under checks.llm, beside gemini_api as the guide shows", async () => {
    const server: FakeLlm = await startFakeLlm();
    try {
      server.otherwise({ body: { object: "list", data: [{ id: "llama3.1:8b" }] } });
      let now = Date.now();
      t = await buildTestApp({
        target,
        clock: () => now,
        env: { OPENAI_BASE_URL: `${server.url}/v1`, OPENAI_MODEL: "llama3.1:8b" },
      });
      const first = (await t.app.inject({ url: "/health/detailed" })).json();
      expect(first.status).toBe("healthy");
      expect(first.checks.gemini_api).toEqual({ status: "not_configured", response_time_ms: null });
      expect(first.checks.llm).toMatchObject({ status: "healthy", provider: "openai", model: "llama3.1:8b" });
      expect(typeof first.checks.llm.response_time_ms).toBe("number");
      await t.app.inject({ url: "/health/detailed" });
      expect(server.calls.map((c) => c.path)).toEqual(["/v1/models"]); // cached for 30 s

      server.otherwise({ status: 503, body: { error: { message: "loading" } } });
      now += 31_000;
      const degraded = await t.app.inject({ url: "/health/detailed" });
      expect(degraded.statusCode).toBe(200);
      expect(degraded.json()).toMatchObject({
        status: "degraded",
        checks: { llm: { status: "unhealthy", provider: "openai" } },
      });
      expect((await t.app.inject({ url: "/health/ready" })).statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("reports Gemini under checks.llm too when it is the provider, from the same single call", async () => {
    const server: FakeLlm = await startFakeLlm();
    try {
      server.otherwise({ body: { name: "models/gemini-2.5-flash" } });
      t = await buildTestApp({
        target,
        env: { GEMINI_API_KEY: "gm-key-canary", GEMINI_BASE_URL: server.url },
      });
      const d = (await t.app.inject({ url: "/health/detailed" })).json();
      expect(d.checks.gemini_api.status).toBe("healthy");
      expect(d.checks.llm).toMatchObject({
        status: "healthy",
        provider: "gemini",
        model: "gemini-2.5-flash",
      });
      expect(d.checks.llm.response_time_ms).toBe(d.checks.gemini_api.response_time_ms);
      expect(server.calls).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});

describe("the database check", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("gives up on a database that does not answer after 2 s by default", async () => {
    vi.useFakeTimers();
    expect(DATABASE_CHECK_TIMEOUT_MS).toBe(2000);
    let outcome: string | undefined;
    void checkDatabase({ ping: () => new Promise<void>(() => {}) }).then((r) => {
      outcome = r.status;
    });
    await vi.advanceTimersByTimeAsync(1999);
    expect(outcome).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toBe("unhealthy");
  });
});
