// The guide's request line: one "HTTP request processed" per request with its fields, probes at DEBUG,
// slow requests as WARNING, per-request sampling that never drops errors, and the request context.
import { afterEach, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.js";
import type { Env } from "../../src/config.js";
import { createLogger } from "../../src/observability/logger.js";
import { createMetrics, trackDatabaseQuery } from "../../src/observability/metrics.js";
import { getRequestId, outboundRequestHeaders } from "../../src/observability/request-context.js";
import { buildTestApp, DB_TARGETS, openTestDatabase, type TestApp, testConfig } from "../helpers/app.js";
import { metricValue } from "../helpers/metrics.js";
import { createTestUser } from "../helpers/users.js";

type Line = Record<string, unknown>;
const parse = (lines: string[]): Line[] => lines.map((l) => JSON.parse(l) as Line);
const requestLines = (lines: string[]) => parse(lines).filter((l) => l.message === "HTTP request processed");

describe.each(DB_TARGETS)("request logging (%s)", (target) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function start(env: Env = {}, random?: () => number) {
    const logLines: string[] = [];
    t = await buildTestApp({
      target,
      logLines,
      env: { LOG_LEVEL: "INFO", ...env },
      observability: random ? { random } : undefined,
    });
    return { app: t.app, logLines };
  }

  it("writes one line per request with the guide's fields and the request id", async () => {
    const { app, logLines } = await start();
    const res = await app.inject({
      url: "/openapi.json?token=canary-q",
      headers: { "x-request-id": "req-abc.1" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["x-request-id"]).toBe("req-abc.1");
    const lines = requestLines(logLines);
    expect(lines).toHaveLength(1);
    const line = lines[0] as Line;
    expect(line).toMatchObject({
      level: "INFO",
      service: "PromptForge",
      version: "1.0.0",
      environment: "development",
      message: "HTTP request processed",
      method: "GET",
      path: "/openapi.json",
      status_code: 200,
      client_ip: "127.0.0.1",
      request_id: "req-abc.1",
    });
    expect(typeof line.process_time_seconds).toBe("number");
    expect(line.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(line.user_id).toBeUndefined();
    expect(logLines.join("\n")).not.toContain("canary-q");
  });

  it("adds user_id for an authenticated request", async () => {
    const { app, logLines } = await start();
    const user = await createTestUser(app);
    // 500, but authenticated first: the line still names the user.
    await app.inject({ method: "POST", url: "/api/v1/test-error", headers: user.auth });
    const line = requestLines(logLines).find((l) => l.path === "/api/v1/test-error");
    expect(line).toMatchObject({ user_id: user.id, status_code: 500, level: "ERROR" });
  });

  it("logs probes and /metrics at DEBUG, so LOG_LEVEL=INFO hides them", async () => {
    const { app, logLines } = await start({ LOG_LEVEL: "info" });
    for (const url of ["/health", "/health/live", "/health/ready", "/health/detailed", "/metrics"]) {
      expect((await app.inject({ url })).statusCode).toBe(200);
    }
    expect(requestLines(logLines)).toEqual([]);
    await t?.close();

    const debug = await start({ LOG_LEVEL: "debug" });
    await debug.app.inject({ url: "/health/live" });
    await debug.app.inject({ url: "/metrics" });
    const lines = requestLines(debug.logLines);
    expect(lines.map((l) => [l.path, l.level])).toEqual([
      ["/health/live", "DEBUG"],
      ["/metrics", "DEBUG"],
    ]);
  });

  it("reports the forwarded client address only when TRUST_PROXY trusts the proxy", async () => {
    const headers = { "x-forwarded-for": "203.0.113.7" };
    const plain = await start();
    await plain.app.inject({ url: "/openapi.json", headers });
    expect(requestLines(plain.logLines)[0]?.client_ip).toBe("127.0.0.1");
    await t?.close();

    const proxied = await start({ TRUST_PROXY: "true" });
    await proxied.app.inject({ url: "/openapi.json", headers });
    expect(requestLines(proxied.logLines)[0]?.client_ip).toBe("203.0.113.7");
  });

  it("warns once, naming TRUST_PROXY, when requests carry X-Forwarded-For and it is off", async () => {
    const warnings = (lines: string[]) =>
      parse(lines).filter((l) => l.level === "WARNING" && String(l.message).includes("TRUST_PROXY"));
    const plain = await start();
    await plain.app.inject({ url: "/openapi.json" });
    expect(warnings(plain.logLines)).toEqual([]);
    for (let i = 0; i < 3; i++) {
      await plain.app.inject({ url: "/openapi.json", headers: { "x-forwarded-for": `203.0.113.${i}` } });
    }
    const seen = warnings(plain.logLines);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ proxy_address: "127.0.0.1" });
    expect(JSON.stringify(seen[0])).not.toContain("203.0.113.");
    await t?.close();

    const proxied = await start({ TRUST_PROXY: "1" });
    await proxied.app.inject({ url: "/openapi.json", headers: { "x-forwarded-for": "203.0.113.9" } });
    expect(warnings(proxied.logLines)).toEqual([]);
  });

  it("logs a slow request as WARNING and counts it once in slow_requests_total", async () => {
    const { app, logLines } = await start({ SLOW_REQUEST_THRESHOLD: "0.001" });
    const before = await metricValue(app, "slow_requests_total", { endpoint: "/api/v1/auth/register" });
    // Registration hashes a password with argon2id: reliably slower than 1 ms.
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/auth/register",
      payload: { username: "slowpoke", email: "slow@example.test", password: "violet-harbour-lantern-42" },
    });
    expect(res.statusCode).toBe(201);
    const line = requestLines(logLines).find((l) => l.path === "/api/v1/auth/register");
    expect(line).toMatchObject({
      level: "WARNING",
      slow_request: true,
      slow_request_threshold_seconds: 0.001,
    });
    expect(line?.process_time_seconds as number).toBeGreaterThan(0.001);
    expect(await metricValue(app, "slow_requests_total", { endpoint: "/api/v1/auth/register" })).toBe(
      before + 1,
    );
  });

  it("samples the INFO lines of fast successful requests per request, never errors", async () => {
    // Requests draw 0.9, 0.1, 0.9, 0.9, 0.1 against LOG_SAMPLE_RATE=0.5: the 0.9 ones are not sampled.
    const draws = [0.9, 0.1, 0.9, 0.9, 0.1];
    const { app, logLines } = await start({ LOG_SAMPLE_RATE: "0.5" }, () => draws.shift() ?? 0);
    await app.inject({ url: "/openapi.json", headers: { "x-request-id": "r1" } }); // 0.9: dropped
    await app.inject({ url: "/openapi.json", headers: { "x-request-id": "r2" } }); // 0.1: kept
    await app.inject({ url: "/nope", headers: { "x-request-id": "r3" } }); // 0.9 but 404: kept
    await app.inject({ method: "POST", url: "/api/v1/test-error", headers: { "x-request-id": "r4" } }); // 500
    await app.inject({ url: "/openapi.json", headers: { "x-request-id": "r5" } }); // 0.1: kept
    const ids = requestLines(logLines).map((l) => l.request_id);
    expect(ids).toEqual(["r2", "r3", "r4", "r5"]);
    // The unsampled 500 keeps its ERROR line with the stack, too.
    const error = parse(logLines).find((l) => l.message === "Unhandled error");
    expect(error).toMatchObject({ request_id: "r4", level: "ERROR" });
    expect(JSON.stringify(error?.err)).toContain("DeliberateTestError");
    // Sampling is about log lines only: every request is still counted.
    expect(await metricValue(app, "http_requests_total", { endpoint: "/openapi.json" })).toBe(3);
  });

  it("logs nothing per request at LOG_SAMPLE_RATE=0 except failures", async () => {
    const { app, logLines } = await start({ LOG_SAMPLE_RATE: "0" });
    await app.inject({ url: "/openapi.json" });
    await app.inject({ url: "/openapi.json" });
    await app.inject({ url: "/missing" });
    expect(requestLines(logLines).map((l) => l.status_code)).toEqual([404]);
  });
});

describe("slow requests that fail", () => {
  it("logs a slow request that ends in 5xx at ERROR, still marked slow and counted slow", async () => {
    const logLines: string[] = [];
    const config = testConfig({ LOG_LEVEL: "INFO", SLOW_REQUEST_THRESHOLD: "0.001" });
    const metrics = createMetrics({ version: config.version, commit: "test", environment: "development" });
    const logger = createLogger(config, {
      destination: {
        write: (s: string) => {
          logLines.push(...s.split("\n").filter(Boolean));
          return true;
        },
      } as unknown as NodeJS.WritableStream,
    });
    const { db, drop } = await openTestDatabase("sqlite", config);
    const app = await buildApp({ config, db, metrics, logger });
    const pause = () => new Promise((r) => setTimeout(r, 20));
    app.get("/slow-crash", async () => {
      await pause();
      throw new Error("boom after a while");
    });
    app.get("/slow-unavailable", async (_req, reply) => {
      await pause();
      return reply.status(503).send({ error: { code: "service_unavailable", message: "later" } });
    });
    await app.ready();
    try {
      expect((await app.inject({ url: "/slow-crash" })).statusCode).toBe(500);
      expect((await app.inject({ url: "/slow-unavailable" })).statusCode).toBe(503);
      const lines = requestLines(logLines);
      expect(lines.map((l) => [l.path, l.status_code, l.level, l.slow_request])).toEqual([
        ["/slow-crash", 500, "ERROR", true],
        ["/slow-unavailable", 503, "ERROR", true],
      ]);
      expect(await metricValue(app, "slow_requests_total", { endpoint: "/slow-crash" })).toBe(1);
    } finally {
      await app.close();
      await drop();
    }
  });
});

describe("request context", () => {
  it("makes the request id reachable from code without the request, for outbound headers", async () => {
    const config = testConfig({ LOG_LEVEL: "ERROR" });
    const metrics = createMetrics({ version: config.version, commit: "test", environment: "development" });
    const { db, drop } = await openTestDatabase("sqlite", config, (e) =>
      trackDatabaseQuery(metrics, e.operation, e.seconds),
    );
    const app = await buildApp({ config, db, metrics, logger: createLogger(config) });
    app.get("/context-probe", async () => {
      await new Promise((r) => setTimeout(r, 5));
      return { id: getRequestId(), headers: outboundRequestHeaders() };
    });
    await app.ready();
    try {
      const res = await app.inject({ url: "/context-probe", headers: { "x-request-id": "ctx-42" } });
      expect(res.json()).toEqual({ id: "ctx-42", headers: { "X-Request-Id": "ctx-42" } });
      expect(getRequestId()).toBeUndefined();
      expect(outboundRequestHeaders()).toEqual({});
    } finally {
      await app.close();
      await drop();
    }
  });
});
