// Canary secrets sent through every path a secret can take into PromptForge — Authorization header,
// X-API-Key, cookies, password fields of register/login/change-password, refresh tokens, `?token=` and
// `?api_key=` query strings, and secrets in the configuration — must appear in no log line (at DEBUG, the
// most verbose level), no /metrics output, no Sentry event and no response.
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../helpers/app.js";
import { expectNoSecrets, leakTexts, startObservedApp } from "../helpers/canaries.js";
import type { FakeSentry } from "../helpers/fake-sentry.js";

const CANARY = {
  bearer: "canary-bearer-5f1e",
  apiKey: "pf_canaryapikey7a2c9d",
  cookie: "canary-cookie-91b3",
  password: "canary-password-horse-battery-77",
  newPassword: "canary-new-password-lamp-88",
  refresh: "canary-refresh-token-4d20",
  queryToken: "canary-query-token-c3",
  queryKey: "canary-query-apikey-e8",
  jwtSecret: "canary-jwt-secret-0123456789abcdef0123456789",
  metricsToken: "canary-metrics-token-6b",
  geminiKey: "canary-gemini-key-2f",
  oidcSecret: "canary-oidc-client-secret-5c",
  ssoState: "canary-sso-state-0e",
  ssoCode: "canary-sso-code-a1",
};

describe("secret canaries", () => {
  let sentry: FakeSentry;
  let t: TestApp;
  const logLines: string[] = [];
  const responses: string[] = [];

  beforeAll(async () => {
    ({ t, sentry } = await startObservedApp(logLines, {
      JWT_SECRET: CANARY.jwtSecret,
      METRICS_TOKEN: CANARY.metricsToken,
      GEMINI_API_KEY: CANARY.geminiKey,
      GEMINI_BASE_URL: "http://127.0.0.1:9",
      // Single sign-on against a provider that does not answer: every error path of the flow.
      PUBLIC_URL: "http://127.0.0.1:9",
      OIDC_ISSUER: "http://127.0.0.1:9",
      OIDC_CLIENT_ID: "promptforge",
      OIDC_CLIENT_SECRET: CANARY.oidcSecret,
    }));
  });
  afterAll(async () => {
    await t?.close();
    await sentry.close();
  });

  it("leak into no log line, metric, Sentry event or response", async () => {
    const { app } = t;
    const send = async (opts: InjectOptions) => {
      const res = await app.inject(opts);
      responses.push(JSON.stringify(res.headers), res.body);
      return res;
    };

    // Accounts: registration and login carry passwords; login answers a real refresh token.
    const register = await send({
      method: "POST",
      url: "/api/v1/auth/register",
      payload: { username: "watcher", email: "watcher@example.test", password: CANARY.password },
    });
    expect(register.statusCode).toBe(201);
    const login = await send({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: "watcher", password: CANARY.password },
    });
    expect(login.statusCode).toBe(200);
    const { access_token, refresh_token } = login.json() as { access_token: string; refresh_token: string };
    let auth = { authorization: `Bearer ${access_token}` };
    // A response legitimately carries its own tokens; only the canaries are checked in responses.
    responses.length = 0;

    await send({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: "watcher", password: `${CANARY.password}-wrong` },
    });
    const changed = await send({
      method: "POST",
      url: "/api/v1/auth/change-password",
      headers: auth,
      payload: { current_password: CANARY.password, new_password: CANARY.newPassword },
    });
    // The change ends every earlier session, this one included: go on with the fresh token.
    auth = { authorization: `Bearer ${(changed.json() as { access_token: string }).access_token}` };
    await send({ method: "POST", url: "/api/v1/auth/refresh", payload: { refresh_token: CANARY.refresh } });
    await send({ method: "POST", url: "/api/v1/auth/logout", payload: { refresh_token: CANARY.refresh } });

    // Credentials in headers, valid and invalid, on routes that exist and routes that do not.
    await send({ url: "/api/v1/auth/me", headers: { authorization: `Bearer ${CANARY.bearer}` } });
    await send({ url: "/api/v1/auth/me", headers: { "x-api-key": CANARY.apiKey } });
    await send({ url: "/api/v1/auth/me", headers: { authorization: `Bearer ${CANARY.apiKey}` } });
    await send({ url: "/api/v1/auth/me", headers: { ...auth, cookie: `session=${CANARY.cookie}` } });
    await send({ url: "/no/such/route", headers: { authorization: `Bearer ${CANARY.bearer}` } });

    // Query strings, on a 404, a 200 and an unexpected error that reaches Sentry with a signed-in user.
    await send({ url: `/nothing-here?token=${CANARY.queryToken}&api_key=${CANARY.queryKey}` });
    await send({ url: `/openapi.json?token=${CANARY.queryToken}` });
    await send({
      method: "POST",
      url: `/api/v1/test-error?token=${CANARY.queryToken}&api_key=${CANARY.queryKey}`,
      headers: { ...auth, cookie: `session=${CANARY.cookie}`, "x-api-key": CANARY.apiKey },
      payload: { password: CANARY.password, refresh_token: CANARY.refresh },
    });
    await send({
      method: "POST",
      url: `/api/v1/test-error?api_key=${CANARY.queryKey}`,
      headers: { authorization: `Bearer ${CANARY.bearer}` },
    });

    // Single sign-on: a start that cannot reach the provider, callbacks with a state and a code, a code
    // exchange; browsers and API clients.
    for (const accept of ["text/html", "application/json"]) {
      await send({ url: "/api/v1/auth/oidc/login?next=/prompts", headers: { accept } });
      await send({
        url: `/api/v1/auth/oidc/callback?code=${CANARY.ssoCode}&state=${CANARY.ssoState}`,
        headers: { accept, cookie: `pf_sso_state=${CANARY.ssoState}` },
      });
    }
    await send({ method: "POST", url: "/api/v1/auth/oidc/session", payload: { code: CANARY.ssoCode } });

    // Probes and the metrics scrape (with its token); the detailed check calls the (unreachable) Gemini.
    await send({ url: "/health/detailed" });
    await send({ url: "/metrics", headers: { authorization: `Bearer ${CANARY.metricsToken}` } });
    const metrics = (
      await app.inject({ url: "/metrics", headers: { authorization: `Bearer ${CANARY.metricsToken}` } })
    ).body;

    // Code that logs a request or a body on its own: the logger scrubs by field name and query string.
    app.deps.logger.info(
      {
        req: { method: "GET", url: `/x?token=${CANARY.queryToken}` },
        url: `/y?api_key=${CANARY.queryKey}&page=2`,
        body: { password: CANARY.password, nested: { refresh_token: CANARY.refresh } },
        headers: {
          "x-api-key": CANARY.apiKey,
          cookie: CANARY.cookie,
          authorization: `Bearer ${CANARY.bearer}`,
        },
      },
      "custom diagnostic line",
    );

    const texts = await leakTexts(app, sentry, { logLines, responses, metrics });
    const { logText, sentryText } = texts;

    // The paths were exercised: there is something to search in each place.
    expect(logText).toContain("HTTP request processed");
    expect(logText).toContain("/api/v1/auth/login");
    expect(logText).toContain("custom diagnostic line");
    expect(logText).toContain("page=2");
    expect(sentryText).toContain("DeliberateTestError");
    expect(sentryText).toContain("[REDACTED]");
    expect(metrics).toContain("http_requests_total");

    expectNoSecrets(texts, CANARY);
    // The real credentials of the session are secrets too.
    for (const secret of [access_token, refresh_token]) {
      expect(logText).not.toContain(secret);
      expect(sentryText).not.toContain(secret);
      expect(metrics).not.toContain(secret);
    }
  });
});
