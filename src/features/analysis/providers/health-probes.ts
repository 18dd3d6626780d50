// The LLM checks behind /health/detailed (`checks.gemini_api`, `checks.llm`): a cheap Gemini call (GET
// model) and, for an OpenAI-compatible server, its model list, each at most once per 30 s so probes
// spend no quota. Built here, beside the providers, and handed to the health routes as probes.
import type { Config } from "../../../config.js";
import { cachedFor } from "../../../lib/cache.js";
import {
  type CheckResult,
  type LlmCheckResult,
  type LlmProbes,
  round2,
} from "../../../observability/health-checks.js";
import { type Metrics, trackGeminiRequest } from "../../../observability/metrics.js";
import { loadGenAi } from "./genai-sdk.js";
import { errorTypeOfStatus } from "./llm-errors.js";
import type { ResilientLlm } from "./resilient-llm.js";

export const LLM_CHECK_CACHE_MS = 30_000;
const GEMINI_CHECK_TIMEOUT_MS = 5000;

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

  return cachedFor(LLM_CHECK_CACHE_MS, clock, call);
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

  async function call(): Promise<LlmCheckResult> {
    const started = performance.now();
    const outcome = await llm?.probe();
    return {
      status: outcome?.ok ? "healthy" : "unhealthy",
      response_time_ms: round2(performance.now() - started),
      ...about,
    };
  }
  return cachedFor(LLM_CHECK_CACHE_MS, clock, call);
}

/** Both LLM checks for the configured provider, as the health routes take them. */
export function createLlmProbes(
  config: Pick<Config, "GEMINI_API_KEY" | "GEMINI_BASE_URL" | "GEMINI_MODEL">,
  llm: Pick<ResilientLlm, "provider" | "model" | "probe"> | null,
  metrics: Metrics,
  clock: () => number,
): LlmProbes {
  const checkGemini = createGeminiCheck(config, metrics, clock);
  return { checkGemini, checkLlm: createLlmCheck(llm, checkGemini, clock) };
}
