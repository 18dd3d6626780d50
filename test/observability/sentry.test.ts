// Error tracking with the real @sentry/node SDK against a Sentry envelope receiver on 127.0.0.1: what an
// event carries (stack, release, environment, route, request id, user), what it must not (secrets, PII by
// default), 4xx never reported, transactions sampled, flushed on close, and the test-error endpoint's lock.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Env } from "../../src/config.js";
import { buildTestApp, type TestApp } from "../helpers/app.js";
import { type FakeSentry, startFakeSentry } from "../helpers/fake-sentry.js";
import { createTestUser } from "../helpers/users.js";

// biome-ignore lint/suspicious/noExplicitAny: envelope payloads are free-form JSON, walked by assertions.
type SentryPayload = Record<string, any>;

describe("Sentry", () => {
  let sentry: FakeSentry;
  let t: TestApp | undefined;
  beforeAll(async () => {
    sentry = await startFakeSentry();
  });
  afterAll(async () => sentry.close());
  afterEach(async () => {
    await t?.close();
    t = undefined;
    sentry.items.length = 0;
    sentry.bodies.length = 0;
  });

  const start = async (env: Env = {}) => {
    t = await buildTestApp({
      logLines: [],
      env: { SENTRY_DSN: sentry.dsn, SENTRY_TRACES_SAMPLE_RATE: "0", ...env },
    });
    return t.app;
  };

  it("reports an unexpected error with stack, release, environment, route, request id and user", async () => {
    const app = await start({ ENVIRONMENT: "staging" });
    const user = await createTestUser(app, { username: "grace" });
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/test-error?token=query-canary",
      headers: { ...user.auth, "x-request-id": "sentry-req-1", cookie: "session=cookie-canary" },
    });
    expect(res.statusCode).toBe(500);
    const [event] = (await sentry.waitFor("event")).map((i) => i.payload) as SentryPayload[];
    const exception = event?.exception.values[0];
    expect(exception.type).toBe("DeliberateTestError");
    expect(exception.value).toMatch(/Deliberate error/);
    expect(exception.mechanism).toMatchObject({ type: "fastify", handled: false });
    const frames = exception.stacktrace.frames as { filename: string; function?: string }[];
    expect(frames.some((f) => f.filename.endsWith("src/observability/test-error-route.ts"))).toBe(true);
    expect(event?.release).toBe("promptforge@1.0.0");
    expect(event?.environment).toBe("staging");
    expect(event?.tags).toMatchObject({
      request_id: "sentry-req-1",
      route: "/api/v1/test-error",
      method: "POST",
    });
    expect(event?.transaction).toBe("POST /api/v1/test-error");
    expect(event?.request).toMatchObject({ method: "POST", query_string: "token=[REDACTED]" });
    expect(event?.user).toEqual({ id: user.id, username: "grace" });
    const raw = sentry.bodies.join("\n");
    for (const secret of [user.token, "query-canary", "cookie-canary", "grace@example.test", '127.0.0.1"']) {
      expect(raw).not.toContain(secret);
    }
  });

  it("adds e-mail and IP address only with SENTRY_SEND_PII=true", async () => {
    const app = await start({ SENTRY_SEND_PII: "true" });
    const user = await createTestUser(app, { username: "hopper" });
    await app.inject({ method: "POST", url: "/api/v1/test-error", headers: user.auth });
    const [event] = (await sentry.waitFor("event")).map((i) => i.payload) as SentryPayload[];
    expect(event?.user).toEqual({
      id: user.id,
      username: "hopper",
      email: "hopper@example.test",
      ip_address: "127.0.0.1",
    });
  });

  it("does not report 4xx answers", async () => {
    const app = await start({ ENVIRONMENT: "production" });
    const user = await createTestUser(app);
    expect((await app.inject({ url: "/missing" })).statusCode).toBe(404);
    expect((await app.inject({ method: "POST", url: "/api/v1/test-error" })).statusCode).toBe(404);
    expect(
      (await app.inject({ method: "POST", url: "/api/v1/test-error", headers: user.auth })).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username: "x" } }))
        .statusCode,
    ).toBe(422);
    await app.sentry.flush(2000);
    expect(sentry.events()).toEqual([]);
  });

  it("locks the test-error endpoint in production to admins, or to anyone when enabled", async () => {
    let app = await start({ ENVIRONMENT: "production" });
    const admin = await createTestUser(app, { role: "admin" });
    expect(
      (await app.inject({ method: "POST", url: "/api/v1/test-error", headers: admin.auth })).statusCode,
    ).toBe(500);
    await t?.close();
    app = await start({ ENVIRONMENT: "production", ENABLE_TEST_ERROR_ENDPOINT: "true" });
    expect((await app.inject({ method: "POST", url: "/api/v1/test-error" })).statusCode).toBe(500);
    await sentry.waitFor("event", 2);
  });

  it("sends a transaction per request at SENTRY_TRACES_SAMPLE_RATE=1 and none at 0", async () => {
    let app = await start({ SENTRY_TRACES_SAMPLE_RATE: "1" });
    await app.inject({ url: "/openapi.json", headers: { "x-request-id": "traced-1" } });
    await app.inject({ method: "POST", url: "/api/v1/test-error" });
    const transactions = (await sentry.waitFor("transaction", 2)).map((i) => i.payload) as SentryPayload[];
    expect(transactions.map((tx) => tx.transaction).sort()).toEqual([
      "GET /openapi.json",
      "POST /api/v1/test-error",
    ]);
    const failed = transactions.find((tx) => tx.transaction === "POST /api/v1/test-error");
    expect(failed?.contexts.trace.status).toBe("internal_error");
    // The error event belongs to the failed request's trace.
    const [event] = sentry.events() as SentryPayload[];
    expect(event?.contexts.trace.trace_id).toBe(failed?.contexts.trace.trace_id);
    await t?.close();

    sentry.items.length = 0;
    app = await start({ SENTRY_TRACES_SAMPLE_RATE: "0" });
    await app.inject({ url: "/openapi.json" });
    await app.sentry.flush(2000);
    expect(sentry.transactions()).toEqual([]);
  });

  it("flushes queued events when the app closes", async () => {
    const app = await start();
    await app.inject({ method: "POST", url: "/api/v1/test-error" });
    await t?.close();
    t = undefined;
    expect(sentry.events()).toHaveLength(1);
  });

  it("is off without SENTRY_DSN: no client, nothing sent", async () => {
    t = await buildTestApp({ logLines: [] });
    expect(t.app.sentry.enabled).toBe(false);
    await t.app.inject({ method: "POST", url: "/api/v1/test-error" });
    await new Promise((r) => setTimeout(r, 200));
    expect(sentry.items).toEqual([]);
  });
});
