import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";
import { createTestUser } from "../helpers/users.js";

describe.each(DB_TARGETS)("error shape (%s)", (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ target });
  });
  afterAll(async () => t.close());

  it("answers an unknown route with 404 in the one error shape and echoes the request id", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/v1/nope?token=abc",
      headers: { "x-request-id": "req-123" },
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers["x-request-id"]).toBe("req-123");
    expect(res.json()).toEqual({
      error: { code: "not_found", message: "Route GET /api/v1/nope not found" },
      request_id: "req-123",
    });
  });

  it("replaces a malformed request id with a generated one", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/nope",
      headers: { "x-request-id": "bad id <script>" },
    });
    expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe.each(DB_TARGETS)("request limits (%s)", (target) => {
  let t: TestApp;
  let auth: { authorization: string };
  beforeAll(async () => {
    t = await buildTestApp({
      target,
      env: { BODY_LIMIT: "4KB", RATE_LIMIT_ENABLED: "true", RATE_LIMIT_MAX: "5", RATE_LIMIT_WINDOW: "60" },
    });
    auth = (await createTestUser(t.app)).auth;
  });
  afterAll(async () => t.close());

  it("rejects a body over BODY_LIMIT with 413 and stores nothing", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/prompts",
      headers: { ...auth, "content-type": "application/json", "x-forwarded-for": "10.0.0.1" },
      remoteAddress: "10.9.0.1",
      payload: JSON.stringify({ title: "big", content: "x".repeat(5000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe("payload_too_large");
    const list = await t.app.inject({
      method: "GET",
      url: "/api/v1/prompts",
      headers: auth,
      remoteAddress: "10.9.0.1",
    });
    expect(list.json().total).toBe(0);
  });

  it("answers malformed JSON with 400 and a non-JSON body with 415, in the one error shape", async () => {
    const bad = await t.app.inject({
      method: "POST",
      url: "/api/v1/prompts",
      headers: { ...auth, "content-type": "application/json" },
      remoteAddress: "10.9.0.2",
      payload: '{"title": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: "invalid_json" }, request_id: expect.any(String) });
    const xml = await t.app.inject({
      method: "POST",
      url: "/api/v1/prompts",
      headers: { ...auth, "content-type": "application/xml" },
      remoteAddress: "10.9.0.2",
      payload: "<prompt/>",
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe("unsupported_media_type");
  });

  it("throttles a client past RATE_LIMIT_MAX with 429 and Retry-After, but never the probes", async () => {
    const call = () =>
      t.app.inject({ method: "GET", url: "/api/v1/prompts", headers: auth, remoteAddress: "10.9.0.3" });
    for (let i = 0; i < 5; i++) expect((await call()).statusCode).toBe(200);
    const limited = await call();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ error: { code: "rate_limited" } });
    for (let i = 0; i < 10; i++) {
      const probe = await t.app.inject({ method: "GET", url: "/health/live", remoteAddress: "10.9.0.3" });
      expect(probe.statusCode).toBe(200);
    }
    // Another client is not affected.
    const other = await t.app.inject({
      method: "GET",
      url: "/api/v1/prompts",
      headers: auth,
      remoteAddress: "10.9.0.4",
    });
    expect(other.statusCode).toBe(200);
  });
});
