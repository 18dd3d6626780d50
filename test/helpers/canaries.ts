// The secret-canary tests' shared parts: an app logging at DEBUG (every line kept) and reporting to a
// fake Sentry, and the check that no canary appears in its logs, /metrics, Sentry payloads or responses.
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import type { Env } from "../../src/config.js";
import { buildTestApp, type TestApp } from "./app.js";
import { type FakeSentry, startFakeSentry } from "./fake-sentry.js";

/** A test app at the most verbose log level, its lines in `logLines`, every error and trace sent to a fake Sentry. */
export async function startObservedApp(
  logLines: string[],
  env: Env,
): Promise<{ t: TestApp; sentry: FakeSentry }> {
  const sentry = await startFakeSentry();
  const t = await buildTestApp({
    logLines,
    env: { LOG_LEVEL: "DEBUG", SENTRY_DSN: sentry.dsn, SENTRY_TRACES_SAMPLE_RATE: "1", ...env },
  });
  return { t, sentry };
}

/** Everything a secret could leak into, read once Sentry has sent its events (at least one). */
export async function leakTexts(
  app: FastifyInstance,
  sentry: FakeSentry,
  sources: { logLines: string[]; responses: string[]; metrics: string },
): Promise<{ logText: string; metrics: string; sentryText: string; responseText: string }> {
  await app.sentry.flush(3000);
  await sentry.waitFor("event", 1);
  return {
    logText: sources.logLines.join("\n"),
    metrics: sources.metrics,
    sentryText: sentry.bodies.join("\n"),
    responseText: sources.responses.join("\n"),
  };
}

/** No secret of `secrets` (by name) is in the log lines, /metrics, Sentry payloads or responses. */
export function expectNoSecrets(
  texts: { logText: string; metrics: string; sentryText: string; responseText: string },
  secrets: Record<string, string>,
): void {
  for (const [name, secret] of Object.entries(secrets)) {
    expect(texts.logText, `log lines contain ${name}`).not.toContain(secret);
    expect(texts.metrics, `/metrics contains ${name}`).not.toContain(secret);
    expect(texts.sentryText, `Sentry payloads contain ${name}`).not.toContain(secret);
    expect(texts.responseText, `responses contain ${name}`).not.toContain(secret);
  }
}
