// The dependency checks behind the health endpoints and the promptforge_database_up gauge: a database
// round-trip bounded by a timeout, a cheap Gemini call (GET model) cached so probes spend no quota, and
// the same for whichever analysis provider is configured (Gemini or an OpenAI-compatible server).

import type { Config } from "../config.js";
import type { DatabaseHandle } from "../db/database.js";
import { loadGenAi } from "../features/analysis/providers/genai-sdk.js";
import type { ResilientLlm } from "../features/analysis/providers/index.js";
import { errorTypeOfStatus } from "../features/analysis/providers/llm-errors.js";
import { type Metrics, trackGeminiRequest } from "./metrics.js";

export type CheckStatus = "healthy" | "unhealthy" | "not_configured";

export interface CheckResult {
  status: CheckStatus;
  /** Round-trip time of the check; null when nothing was called. */
  response_time_ms: number | null;
}

/** Readiness and database_up give up on the database after this long. */
export const DATABASE_CHECK_TIMEOUT_MS = 2000;
export const GEMINI_CHECK_CACHE_MS = 30_000;
const GEMINI_CHECK_TIMEOUT_MS = 5000;

const round2 = (ms: number) => Math.round(ms * 100) / 100;

/** Pings the database; "unhealthy" when it fails or does not answer within `timeoutMs`. */
export async function checkDatabase(
  db: Pick<DatabaseHandle, "ping">,
  timeoutMs = DATABASE_CHECK_TIMEOUT_MS,
): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
    timer.unref();
  });
  try {
    const outcome = await Promise.race([db.ping().then(() => "ok" as const), timeout]);
    return {
      status: outcome === "ok" ? "healthy" : "unhealthy",
      response_time_ms: round2(performance.now() - started),
    };
  } catch {
    return { status: "unhealthy", response_time_ms: round2(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The Gemini check: `not_configured` without GEMINI_API_KEY; otherwise GET the configured model (no
 * tokens spent), at most once per 30 s — concurrent probes share one call and later ones the cached
 * answer. The call is a real Gemini request, so it is counted in gemini_api_* as operation "health_check".
 */
export function createGeminiCheck(
  config: Pick<Config, "GEMINI_API_KEY" | "GEMINI_BASE_URL" | "GEMINI_MODEL">,
  metrics: Metrics,
  clock: () => number,
): () => Promise<CheckResult> {
  const apiKey = config.GEMINI_API_KEY;
  if (!apiKey) return async () => ({ status: "not_configured", response_time_ms: null });
  const client = loadGenAi().then(
    ({ GoogleGenAI }) =>
      new GoogleGenAI({
        apiKey,
        httpOptions: {
          timeout: GEMINI_CHECK_TIMEOUT_MS,
          ...(config.GEMINI_BASE_URL ? { baseUrl: config.GEMINI_BASE_URL } : {}),
        },
      }),
  );
  let cached: { result: CheckResult; at: number } | undefined;
  let inflight: Promise<CheckResult> | undefined;

  async function call(): Promise<CheckResult> {
    const started = performance.now();
    let status: "success" | "error" = "success";
    try {
      await (await client).models.get({ model: config.GEMINI_MODEL });
    } catch (e) {
      status = "error";
      const { ApiError } = await loadGenAi();
      const type =
        e instanceof ApiError
          ? errorTypeOfStatus(e.status)
          : e instanceof Error && /abort|timeout/i.test(`${e.name} ${e.message}`)
            ? "timeout"
            : "network_error";
      metrics.geminiErrorsTotal.labels("health_check", type).inc();
    }
    const ms = performance.now() - started;
    trackGeminiRequest(metrics, "health_check", ms / 1000, status);
    return { status: status === "success" ? "healthy" : "unhealthy", response_time_ms: round2(ms) };
  }

  return () => {
    const now = clock();
    if (cached && now - cached.at < GEMINI_CHECK_CACHE_MS) return Promise.resolve(cached.result);
    inflight ??= call()
      .then((result) => {
        cached = { result, at: now };
        return result;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };
}

export interface LlmCheckResult extends CheckResult {
  /** The analysis provider in use: gemini, openai, or local (the offline engine alone). */
  provider: "gemini" | "openai" | "local";
  model: string | null;
}

/**
 * The configured analysis provider's check (`checks.llm`). Gemini reuses the `gemini_api` check, so one
 * call answers both; an OpenAI-compatible server is asked for its model list (GET /models, no tokens)
 * through the provider wrapper — which counts it in llm_* metrics and answers at once while the circuit
 * is open — at most once per 30 s. Without a provider: `not_configured`.
 */
export function createLlmCheck(
  llm: Pick<ResilientLlm, "provider" | "model" | "probe"> | null,
  geminiCheck: () => Promise<CheckResult>,
  clock: () => number,
): () => Promise<LlmCheckResult> {
  if (!llm) {
    return async () => ({ status: "not_configured", response_time_ms: null, provider: "local", model: null });
  }
  const about = { provider: llm.provider, model: llm.model } as const;
  if (llm.provider === "gemini") return async () => ({ ...(await geminiCheck()), ...about });

  let cached: { result: LlmCheckResult; at: number } | undefined;
  let inflight: Promise<LlmCheckResult> | undefined;
  async function call(): Promise<LlmCheckResult> {
    const started = performance.now();
    const outcome = await llm?.probe();
    return {
      status: outcome?.ok ? "healthy" : "unhealthy",
      response_time_ms: round2(performance.now() - started),
      ...about,
    };
  }
  return () => {
    const now = clock();
    if (cached && now - cached.at < GEMINI_CHECK_CACHE_MS) return Promise.resolve(cached.result);
    inflight ??= call()
      .then((result) => {
        cached = { result, at: now };
        return result;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };
}
