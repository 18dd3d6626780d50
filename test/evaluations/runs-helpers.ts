// Helpers for evaluation-run tests: an app whose OpenAI-compatible provider is the loopback fake
// (test/helpers/fake-openai-eval.ts) with the evaluation worker on and quick polls, a team and a prompt,
// a dataset made through the API, and waiting for a run to reach a status.
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import type { Env } from "../../src/config.js";
import { buildTestApp, type DbTarget, type TestApp, type TestAppOptions } from "../helpers/app.js";
import type { FakeEvalLlm } from "../helpers/fake-openai-eval.js";
import { type Auth, call, promptWithVersions, type Team, team } from "../registry/registry-helpers.js";

export const PRICES = { "fake-model": { input: 1, output: 2 } };

export function evalEnv(fake: FakeEvalLlm, env: Env = {}): Env {
  return {
    OPENAI_BASE_URL: fake.baseUrl,
    OPENAI_MODEL: "fake-model",
    ANALYSIS_PROVIDER: "local",
    EVALUATION_WORKER_ENABLED: "true",
    EVALUATION_POLL_INTERVAL_MS: "20",
    EVALUATION_DRAIN_SECONDS: "0",
    LLM_MAX_RETRIES: "2",
    LLM_PRICES: JSON.stringify(PRICES),
    ...env,
  };
}

export async function evalApp(
  fake: FakeEvalLlm,
  target: DbTarget,
  opts: TestAppOptions & { env?: Env } = {},
): Promise<TestApp> {
  return buildTestApp({
    target,
    ...opts,
    env: evalEnv(fake, opts.env),
    // Retries wait 1 ms instead of the real backoff.
    llm: { sleep: async () => {}, ...opts.llm },
  });
}

export interface EvalFixture {
  w: Team;
  promptId: string;
  /** `${base}/prompts/${promptId}/evaluations` */
  runs: string;
}

/** A team and a prompt (versions as given) in the app. */
export async function evalFixture(app: FastifyInstance, contents: string[]): Promise<EvalFixture> {
  const w = await team(app);
  const p = await promptWithVersions(w, contents);
  return { w, promptId: p.id, runs: `${w.base}/prompts/${p.id}/evaluations` };
}

export async function makeDataset(
  app: FastifyInstance,
  w: Team,
  items: { variables: Record<string, unknown>; expected?: string | null }[],
  name = `ds-${Math.random().toString(36).slice(2, 8)}`,
): Promise<string> {
  const res = await call(app, w.owner.auth, "POST", `${w.base}/datasets`, { name, items });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

export async function startRun(
  app: FastifyInstance,
  auth: Auth,
  runs: string,
  body: Record<string, unknown>,
): Promise<Record<string, unknown> & { id: string }> {
  const res = await call(app, auth, "POST", runs, body);
  expect(res.statusCode, res.body).toBe(202);
  return res.json();
}

// biome-ignore lint/suspicious/noExplicitAny: test reads of a JSON body
export type Json = any;

/** Polls the run until its status is one of `statuses` (default: ended); fails after `timeoutMs`. */
export async function waitForRun(
  app: FastifyInstance,
  auth: Auth,
  runs: string,
  id: string,
  statuses: string[] = ["completed", "failed", "cancelled"],
  timeoutMs = 20_000,
  until?: (run: Json) => boolean,
): Promise<Json> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Results are a page on request (at most 500: more than any test run here has).
    const res = await call(app, auth, "GET", `${runs}/${id}?results=true`);
    expect(res.statusCode, res.body).toBe(200);
    const run = res.json();
    if (until ? until(run) : statuses.includes(run.status)) return run;
    if (Date.now() > deadline)
      throw new Error(`run ${id} still ${run.status} (${JSON.stringify(run.progress)})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
