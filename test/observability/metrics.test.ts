// /metrics and the metrics the service computes itself: HTTP SLI series by route template, exact database
// query counts, scrape-time gauges (connections, active users with its one-minute cache), build info,
// the metrics token and the separate metrics port.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import { createLogger } from "../../src/observability/logger.js";
import { createMetrics, trackDatabaseQuery } from "../../src/observability/metrics.js";
import { buildMetricsServer } from "../../src/observability/metrics-routes.js";
import { UNMATCHED_ENDPOINT, WEB_APP_ENDPOINT } from "../../src/observability/request-hooks.js";
import {
  buildTestApp,
  DB_TARGETS,
  databaseOf,
  openTestDatabase,
  type TestApp,
  testConfig,
} from "../helpers/app.js";
import { labelValues, metricValue } from "../helpers/metrics.js";
import { createTestUser } from "../helpers/users.js";

describe.each(DB_TARGETS)("metrics (%s)", (target) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });
  const start = async (opts: Parameters<typeof buildTestApp>[0] = {}) => {
    // Collected (and ignored) so the deliberate errors do not print.
    t = await buildTestApp({ target, logLines: [], ...opts });
    return t.app;
  };

  it("counts each request exactly once under its method, route template and status", async () => {
    const app = await start();
    const labels = { method: "GET", endpoint: "/openapi.json", status_code: "200" };
    const before = await metricValue(app, "http_requests_total", labels);
    for (let i = 0; i < 3; i++) await app.inject({ url: "/openapi.json" });
    expect(await metricValue(app, "http_requests_total", labels)).toBe(before + 3);
    expect(
      await metricValue(
        app,
        "http_request_duration_seconds",
        { method: "GET", endpoint: "/openapi.json" },
        "count",
      ),
    ).toBe(3);
    expect(await metricValue(app, "http_requests_in_progress", { endpoint: "/openapi.json" })).toBe(0);
  });

  it("labels a parameterised route by its template, never by the raw path", async () => {
    const app = await start();
    const user = await createTestUser(app);
    for (const id of ["0190a1b2-0000-7000-8000-000000000001", "0190a1b2-0000-7000-8000-000000000002"]) {
      await app.inject({ method: "DELETE", url: `/api/v1/auth/api-keys/${id}`, headers: user.auth });
    }
    const endpoints = await labelValues(app, "http_requests_total", "endpoint");
    expect(endpoints.has("/api/v1/auth/api-keys/:id")).toBe(true);
    expect([...endpoints].some((e) => e.includes("0190a1b2"))).toBe(false);
  });

  it("puts every unmatched path under one endpoint value, so a URL scan adds no series", async () => {
    const app = await start();
    for (let i = 0; i < 40; i++) await app.inject({ method: "POST", url: `/scan/${i}/wp-login.php?x=${i}` });
    const endpoints = await labelValues(app, "http_requests_total", "endpoint");
    expect([...endpoints]).toEqual([UNMATCHED_ENDPOINT]);
    expect(
      await metricValue(app, "http_requests_total", { endpoint: UNMATCHED_ENDPOINT, status_code: "404" }),
    ).toBe(40);
  });

  it("with the web app served, labels page loads <web-app> and API 404s <unmatched>, never /*", async () => {
    const root = mkdtempSync(join(tmpdir(), "pf-web-"));
    mkdirSync(join(root, "assets"));
    writeFileSync(join(root, "index.html"), "<!doctype html><title>PromptForge</title>");
    writeFileSync(join(root, "assets", "app-1a2b.js"), "console.log('app')");
    const app = await start({ env: { SERVE_WEB: "true" }, webRoot: root });
    for (const url of ["/", "/prompts", "/prompts/0193abcd", "/assets/app-1a2b.js"]) {
      expect((await app.inject({ url })).statusCode, url).toBe(200);
    }
    for (const url of ["/api/v1/nope", "/api/v1/prompts/x/y/z", "/health/nope", "/assets/missing.js"]) {
      expect((await app.inject({ url })).statusCode, url).toBe(404);
    }
    await app.inject({ method: "POST", url: "/api/v1/nope" });
    const endpoints = await labelValues(app, "http_requests_total", "endpoint");
    expect([...endpoints].sort()).toEqual([UNMATCHED_ENDPOINT, WEB_APP_ENDPOINT].sort());
    expect(
      await metricValue(app, "http_requests_total", { endpoint: WEB_APP_ENDPOINT, status_code: "200" }),
    ).toBe(4);
    expect(
      await metricValue(app, "http_requests_total", { endpoint: UNMATCHED_ENDPOINT, status_code: "404" }),
    ).toBe(5);
  });

  it("keeps probes and /metrics out of the request SLI series", async () => {
    const app = await start({ env: { SLOW_REQUEST_THRESHOLD: "0.001" } });
    for (const url of ["/health", "/health/detailed", "/health/ready", "/health/live", "/metrics"]) {
      await app.inject({ url });
    }
    const body = (await app.inject({ url: "/metrics" })).body;
    expect(body).not.toMatch(/^http_requests_total\{[^}]*endpoint="\/(health|metrics)/m);
    expect(body).not.toMatch(/^http_request_duration_seconds_count\{[^}]*endpoint="\/(health|metrics)/m);
    expect(body).not.toMatch(/^slow_requests_total\{[^}]*endpoint="\/(health|metrics)/m);
  });

  it("counts unexpected errors in exceptions_total by type and route, and not 4xx", async () => {
    const app = await start();
    const labels = { exception_type: "DeliberateTestError", endpoint: "/api/v1/test-error" };
    for (let i = 0; i < 2; i++) await app.inject({ method: "POST", url: "/api/v1/test-error" });
    await app.inject({ url: "/missing" });
    await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username: 1 } });
    expect(await metricValue(app, "exceptions_total", labels)).toBe(2);
    expect(await metricValue(app, "exceptions_total")).toBe(2);
    expect(
      await metricValue(app, "http_requests_total", {
        method: "POST",
        endpoint: "/api/v1/test-error",
        status_code: "500",
      }),
    ).toBe(2);
  });

  it("counts every database query exactly once, by operation", async () => {
    const app = await start();
    const kysely = databaseOf(app);
    const select = await metricValue(app, "database_queries_total", { operation: "select" });
    const update = await metricValue(app, "database_queries_total", { operation: "update" });
    for (let i = 0; i < 3; i++) await kysely.selectFrom("users").select("id").execute();
    await kysely.updateTable("users").set({ full_name: "x" }).where("id", "=", "none").execute();
    expect(await metricValue(app, "database_queries_total", { operation: "select" })).toBe(select + 3);
    expect(await metricValue(app, "database_queries_total", { operation: "update" })).toBe(update + 1);
    expect(await metricValue(app, "database_query_duration_seconds", { operation: "select" }, "count")).toBe(
      select + 3,
    );

    // A readiness probe is exactly one round-trip.
    await app.inject({ url: "/health/ready" });
    expect(await metricValue(app, "database_queries_total", { operation: "select" })).toBe(select + 4);
  });

  it("reads database_connections_active from the pool at scrape time", async () => {
    const app = await start();
    const body = (await app.inject({ url: "/metrics" })).body;
    const value = Number(/^database_connections_active (\S+)$/m.exec(body)?.[1]);
    expect(value).toBe(app.deps.db.activeConnections());
    expect(value).toBeGreaterThanOrEqual(target === "sqlite" ? 1 : 0);
  });

  it("counts active users over the last 24 hours, recomputed at most once a minute", async () => {
    let now = Date.parse("2026-03-01T12:00:00Z");
    const app = await start({ clock: () => now });
    const users = databaseOf(app);
    const ids = await Promise.all([0, 1, 2, 3].map(() => createTestUser(app).then((u) => u.id)));
    const setActive = (id: string, msAgo: number | null) =>
      users
        .updateTable("users")
        .set({ last_active_at: msAgo === null ? null : new Date(now - msAgo).toISOString() })
        .where("id", "=", id)
        .execute();
    await setActive(ids[0] as string, 60_000); // a minute ago
    await setActive(ids[1] as string, 23 * 3600_000); // 23 h ago
    await setActive(ids[2] as string, 25 * 3600_000); // 25 h ago: not active
    const scrape = async () =>
      Number(/^active_users (\S+)$/m.exec((await app.inject({ url: "/metrics" })).body)?.[1]);
    expect(await scrape()).toBe(2);

    // Within the minute the cached count answers, without a query.
    await setActive(ids[3] as string, 0);
    now += 30_000;
    const selects = await metricValue(app, "database_queries_total", { operation: "select" });
    expect(await scrape()).toBe(2);
    expect(await metricValue(app, "database_queries_total", { operation: "select" })).toBe(selects);

    now += 31_000;
    expect(await scrape()).toBe(3);
  });

  it("marks a user active when an authenticated request arrives", async () => {
    const app = await start();
    const user = await createTestUser(app);
    await app.inject({ url: "/api/v1/auth/me", headers: user.auth });
    const row = await databaseOf(app)
      .selectFrom("users")
      .select("last_active_at")
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(row.last_active_at).not.toBeNull();
    expect(Number(/^active_users (\S+)$/m.exec((await app.inject({ url: "/metrics" })).body)?.[1])).toBe(1);
  });

  it("exports the database and readiness gauges and node defaults", async () => {
    const app = await start();
    const body = (await app.inject({ url: "/metrics" })).body;
    expect(body).toMatch(/^promptforge_database_up 1$/m);
    expect(body).toMatch(/^promptforge_ready 1$/m);
    expect(body).toMatch(
      /^promptforge_build_info\{version="1.0.0",commit="test",environment="development"\} 1$/m,
    );
    expect(body).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(body).toMatch(/^nodejs_eventloop_lag_seconds /m);
    for (const name of [
      "gemini_api_requests_total",
      "user_registrations_total",
      "user_logins_total",
      "prompts_analyzed_total",
      "prompt_quality_score",
      "templates_created_total",
      "templates_used_total",
      "llm_requests_total",
      "analysis_engine_fallbacks_total",
    ]) {
      expect(body).toContain(`# TYPE ${name} `);
    }
    app.deps.shuttingDown = true;
    expect((await app.inject({ url: "/metrics" })).body).toMatch(/^promptforge_ready 0$/m);
  });

  it("closes /metrics with METRICS_TOKEN: 401 without or with a wrong token", async () => {
    const app = await start({ env: { METRICS_TOKEN: "scrape-secret-1" } });
    const none = await app.inject({ url: "/metrics" });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe("unauthorized");
    const wrong = await app.inject({ url: "/metrics", headers: { authorization: "Bearer scrape-secret-2" } });
    expect(wrong.statusCode).toBe(401);
    const ok = await app.inject({ url: "/metrics", headers: { authorization: "Bearer scrape-secret-1" } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(ok.body).not.toContain("scrape-secret-1");
  });

  it("moves /metrics to METRICS_PORT: the main port answers 404, the metrics server 200", async () => {
    const app = await start({ env: { METRICS_PORT: "9464", METRICS_TOKEN: "tok-9464" } });
    expect((await app.inject({ url: "/metrics" })).statusCode).toBe(404);
    await app.inject({ url: "/openapi.json" });
    const server = await buildMetricsServer(app);
    try {
      expect((await server.inject({ url: "/metrics" })).statusCode).toBe(401);
      const res = await server.inject({ url: "/metrics", headers: { authorization: "Bearer tok-9464" } });
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(
        /^http_requests_total\{method="GET",endpoint="\/openapi.json",status_code="200"\} 1$/m,
      );
      expect((await server.inject({ url: "/health" })).statusCode).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe("build info", () => {
  it("labels promptforge_build_info with GIT_COMMIT when no commit is passed in", async () => {
    const config = testConfig({ GIT_COMMIT: "0123456789abcdef0123456789abcdef01234567" });
    const { db, drop } = await openTestDatabase("sqlite", config);
    const app = await buildApp({ config, db, logger: createLogger(config) });
    try {
      const body = (await app.inject({ url: "/metrics" })).body;
      expect(body).toContain(
        'promptforge_build_info{version="1.0.0",commit="0123456789abcdef0123456789abcdef01234567",environment="development"} 1',
      );
    } finally {
      await app.close();
      await drop();
    }
  });

  it("defaults the commit label to unknown", () => {
    const metrics = createMetrics({ version: "1.0.0", commit: "unknown", environment: "production" });
    trackDatabaseQuery(metrics, "select", 0.001);
    return metrics.registry.metrics().then((body) => {
      expect(body).toContain(
        'promptforge_build_info{version="1.0.0",commit="unknown",environment="production"} 1',
      );
      expect(body).toContain('database_queries_total{operation="select"} 1');
    });
  });
});
