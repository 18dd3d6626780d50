// Response headers that protect API clients and browsers, and the two public surfaces an operator may
// close: /docs (with /openapi.json) and /health/detailed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAccount, signIn } from "../helpers/accounts.js";
import { buildTestApp, type TestApp } from "../helpers/app.js";
import { createTestUser } from "../helpers/users.js";

describe("security headers", () => {
  let t: TestApp;
  let auth: { authorization: string };
  beforeAll(async () => {
    t = await buildTestApp();
    auth = (await createTestUser(t.app)).auth;
  });
  afterAll(async () => t.close());

  it("marks every API answer nosniff, errors included", async () => {
    for (const url of ["/health", "/api/v1/prompts", "/api/v1/nope", "/openapi.json"]) {
      const res = await t.app.inject({ url });
      expect(res.headers["x-content-type-options"], url).toBe("nosniff");
    }
  });

  it("answers authenticated requests with Cache-Control: no-store", async () => {
    const list = await t.app.inject({ url: "/api/v1/prompts", headers: auth });
    expect(list.statusCode).toBe(200);
    expect(list.headers["cache-control"]).toBe("no-store");
    const me = await t.app.inject({ url: "/api/v1/auth/me", headers: auth });
    expect(me.headers["cache-control"]).toBe("no-store");
    // A refused credential is not cached either.
    const bad = await t.app.inject({ url: "/api/v1/auth/me", headers: { authorization: "Bearer nope" } });
    expect(bad.statusCode).toBe(401);
    expect(bad.headers["cache-control"]).toBe("no-store");
    // Nor is any other error answered to a request with credentials: a path nothing serves, a bad body,
    // a missing prompt, and an API key (X-API-Key) that does not exist.
    const errors = [
      await t.app.inject({ url: "/api/v1/nope", headers: auth }),
      await t.app.inject({ method: "POST", url: "/api/v1/prompts", headers: auth, payload: { title: 7 } }),
      await t.app.inject({ url: "/api/v1/prompts/0193abcd-0000-7000-8000-000000000000", headers: auth }),
      await t.app.inject({ url: "/api/v1/prompts", headers: { "x-api-key": "pf_nope" } }),
    ];
    expect(errors.map((r) => r.statusCode)).toEqual([404, 422, 404, 401]);
    for (const r of errors) expect(r.headers["cache-control"]).toBe("no-store");
  });

  it("answers a sign-in and a token refresh, which carry no credential header, with no-store", async () => {
    const password = "correct horse battery staple 42";
    await registerAccount(t.app, "cachecheck", password);
    const login = await signIn(t.app, "cachecheck", password);
    expect(login.statusCode, login.body).toBe(200);
    expect(login.headers["cache-control"]).toBe("no-store");
    const refresh = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/refresh",
      payload: { refresh_token: login.json().refresh_token },
    });
    expect(refresh.statusCode, refresh.body).toBe(200);
    expect(refresh.headers["cache-control"]).toBe("no-store");
    const refused = await signIn(t.app, "cachecheck", "not the password at all");
    expect(refused.statusCode).toBe(401);
    expect(refused.headers["cache-control"]).toBe("no-store");
  });

  it("leaves caching alone on anonymous answers", async () => {
    const res = await t.app.inject({ url: "/health" });
    expect(res.headers["cache-control"]).toBeUndefined();
  });

  it("sets the browser protections through helmet on API answers too", async () => {
    const res = await t.app.inject({ url: "/api/v1/prompts", headers: auth });
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(res.headers["referrer-policy"]).toBe("same-origin");
    expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
  });

  it("gives Swagger UI a policy it can run under, without upgrading plain-HTTP requests", async () => {
    const res = await t.app.inject({ url: "/docs" });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });
});

describe("API documentation setting", () => {
  it("serves /docs and /openapi.json outside production", async () => {
    const t = await buildTestApp();
    try {
      expect((await t.app.inject({ url: "/openapi.json" })).statusCode).toBe(200);
      expect([200, 302]).toContain((await t.app.inject({ url: "/docs" })).statusCode);
    } finally {
      await t.close();
    }
  });

  it("turns /docs and /openapi.json off in production unless DOCS_ENABLED says otherwise", async () => {
    const off = await buildTestApp({ env: { ENVIRONMENT: "production" } });
    try {
      for (const url of ["/docs", "/docs/static/index.html", "/openapi.json"]) {
        const res = await off.app.inject({ url });
        expect(res.statusCode, url).toBe(404);
        expect(res.json().error.code).toBe("not_found");
      }
    } finally {
      await off.close();
    }
    const on = await buildTestApp({ env: { ENVIRONMENT: "production", DOCS_ENABLED: "true" } });
    try {
      expect((await on.app.inject({ url: "/openapi.json" })).statusCode).toBe(200);
    } finally {
      await on.close();
    }
    const devOff = await buildTestApp({ env: { DOCS_ENABLED: "false" } });
    try {
      expect((await devOff.app.inject({ url: "/openapi.json" })).statusCode).toBe(404);
    } finally {
      await devOff.close();
    }
  });
});

describe("CORS setting", () => {
  const preflight = {
    method: "OPTIONS" as const,
    url: "/api/v1/prompts",
    headers: { origin: "https://app.example", "access-control-request-method": "POST" },
  };

  it("allows no origin by default: a preflight is an unmatched 404 and answers carry no CORS headers", async () => {
    const t = await buildTestApp();
    try {
      const res = await t.app.inject(preflight);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe("not_found");
      expect(res.headers["access-control-allow-origin"]).toBeUndefined();
      // Counted as no route, like any other path nothing serves (not under a catch-all template).
      const metrics = (await t.app.inject({ url: "/metrics" })).body;
      expect(metrics).toContain(
        'http_requests_total{method="OPTIONS",endpoint="<unmatched>",status_code="404"} 1',
      );
      const get = await t.app.inject({ url: "/health", headers: { origin: "https://app.example" } });
      expect(get.headers["access-control-allow-origin"]).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it("answers the origins CORS_ORIGINS lists, with credentials and the exposed headers", async () => {
    const t = await buildTestApp({ env: { CORS_ORIGINS: "https://app.example" } });
    try {
      const res = await t.app.inject(preflight);
      expect(res.statusCode).toBe(204);
      expect(res.headers["access-control-allow-origin"]).toBe("https://app.example");
      expect(res.headers["access-control-allow-credentials"]).toBe("true");
      const get = await t.app.inject({ url: "/health", headers: { origin: "https://app.example" } });
      expect(get.headers["access-control-allow-origin"]).toBe("https://app.example");
      expect(get.headers["access-control-expose-headers"]).toBe("x-request-id, retry-after, etag");
      const other = await t.app.inject({ url: "/health", headers: { origin: "https://evil.example" } });
      expect(other.headers["access-control-allow-origin"]).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});

describe("detailed health access setting", () => {
  it("keeps /health/detailed public by default, as the monitoring guide promises", async () => {
    const t = await buildTestApp({ env: { ENVIRONMENT: "production", METRICS_TOKEN: "scrape-token-0123" } });
    try {
      expect((await t.app.inject({ url: "/health/detailed" })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it("asks for the metrics token when HEALTH_DETAILED_ACCESS=metrics_token; the probes stay open", async () => {
    const t = await buildTestApp({
      env: { HEALTH_DETAILED_ACCESS: "metrics_token", METRICS_TOKEN: "scrape-token-0123" },
    });
    try {
      const anonymous = await t.app.inject({ url: "/health/detailed" });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().error.code).toBe("unauthorized");
      expect(anonymous.headers["www-authenticate"]).toContain("Bearer");
      const wrong = await t.app.inject({
        url: "/health/detailed",
        headers: { authorization: "Bearer not-the-token" },
      });
      expect(wrong.statusCode).toBe(401);
      const right = await t.app.inject({
        url: "/health/detailed",
        headers: { authorization: "Bearer scrape-token-0123" },
      });
      expect(right.statusCode).toBe(200);
      expect(right.json().checks.database.status).toBe("healthy");
      for (const url of ["/health", "/health/ready", "/health/live"]) {
        expect((await t.app.inject({ url })).statusCode, url).toBe(200);
      }
    } finally {
      await t.close();
    }
  });
});
