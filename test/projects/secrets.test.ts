// The secrets projects add — invitation tokens (in the accept URL), project API keys, the SMTP password in
// SMTP_URL — appear in no log line (at DEBUG), no /metrics output, no Sentry event and no response other
// than the one that shows them once.
import type { AddressInfo } from "node:net";
import type { InjectOptions } from "fastify";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../helpers/app.js";
import { expectNoSecrets, leakTexts, startObservedApp } from "../helpers/canaries.js";
import type { FakeSentry } from "../helpers/fake-sentry.js";
import { createTestUsers } from "../helpers/users.js";

const SMTP_PASSWORD = "canary-smtp-password-3e9a";

describe("project secret canaries", () => {
  let sentry: FakeSentry;
  let t: TestApp;
  let closedPort: number;
  const logLines: string[] = [];

  beforeAll(async () => {
    // A mail server address nothing answers at: the invitation's failure path is logged and reported.
    const probe = new SMTPServer({ disabledCommands: ["STARTTLS"] });
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
    closedPort = (probe.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    ({ t, sentry } = await startObservedApp(logLines, {
      SMTP_URL: `smtp://mailer:${SMTP_PASSWORD}@127.0.0.1:${closedPort}`,
      SMTP_FROM: "promptforge@example.test",
    }));
  });
  afterAll(async () => {
    await t?.close();
    await sentry.close();
  });

  it("leak into no log line, metric, Sentry event or later response", async () => {
    const { app } = t;
    const responses: string[] = [];
    const send = async (opts: InjectOptions) => {
      const res = await app.inject(opts);
      responses.push(JSON.stringify(res.headers), res.body);
      return res;
    };
    const { owner, invitee } = await createTestUsers(app, "owner", "invitee");
    const project = (
      await send({
        method: "POST",
        url: "/api/v1/projects",
        headers: owner.auth,
        payload: { name: "Canary", slug: "canary" },
      })
    ).json();

    // The e-mail cannot go out: 503, and the SMTP password stays out of everything.
    const mailed = await send({
      method: "POST",
      url: `/api/v1/projects/${project.slug}/invitations`,
      headers: owner.auth,
      payload: { email: "someone@example.test", role: "viewer" },
    });
    expect(mailed.statusCode).toBe(503);

    // The secrets as shown once; their own responses are not searched.
    const made = await app.inject({
      method: "POST",
      url: `/api/v1/projects/${project.slug}/api-keys`,
      headers: owner.auth,
      payload: { name: "canary", scopes: ["prompts:read"] },
    });
    const projectKey = made.json().key as string;
    // An invitation token travels in the accept URL; whether it is known or not, that URL is logged.
    const canaryToken = `pfi_${"Q".repeat(43)}`;

    await send({ url: "/api/v1/prompts", headers: { "x-api-key": projectKey } });
    await send({ url: "/api/v1/auth/me", headers: { "x-api-key": projectKey } });
    await send({
      method: "POST",
      url: "/api/v1/prompts",
      headers: { authorization: `Bearer ${projectKey}` },
      payload: {},
    });
    await send({ method: "POST", url: `/api/v1/invitations/${canaryToken}/accept`, headers: invitee.auth });
    await send({ method: "POST", url: `/api/v1/invitations/${canaryToken}/accept?token=${canaryToken}` });
    await send({ method: "POST", url: `/api/v1/test-error`, headers: { "x-api-key": projectKey } });
    const metrics = (await app.inject({ url: "/metrics" })).body;

    const texts = await leakTexts(app, sentry, { logLines, responses, metrics });
    expect(texts.logText).toContain("/api/v1/invitations/[REDACTED]/accept");
    expect(metrics).toContain("invitations_total");

    expectNoSecrets(texts, { projectKey, canaryToken, SMTP_PASSWORD });
  });
});
