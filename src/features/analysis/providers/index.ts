// Chooses and builds the configured LLM provider: ANALYSIS_PROVIDER=auto picks Gemini when
// GEMINI_API_KEY is set, else an OpenAI-compatible server when OPENAI_BASE_URL is set, else none
// (the offline engine alone). Every provider is wrapped in ResilientLlm.
import type { Config } from "../../../config.js";
import type { Metrics } from "../../../observability/metrics.js";
import { createGeminiTransport } from "./gemini-transport.js";
import type { LlmTransport } from "./llm-transport.js";
import { createOpenAiTransport } from "./openai-transport.js";
import { ResilientLlm, type ResilientLlmOptions } from "./resilient-llm.js";

export type ActiveProvider = "local" | "gemini" | "openai";

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";

type ProviderConfig = Pick<
  Config,
  | "ANALYSIS_PROVIDER"
  | "GEMINI_API_KEY"
  | "GEMINI_MODEL"
  | "GEMINI_BASE_URL"
  | "OPENAI_BASE_URL"
  | "OPENAI_API_KEY"
  | "OPENAI_MODEL"
  | "LLM_TIMEOUT_SECONDS"
  | "LLM_MAX_RETRIES"
  | "LLM_CIRCUIT_FAILURES"
  | "LLM_CIRCUIT_RESET_SECONDS"
>;

export function resolveProvider(config: ProviderConfig): ActiveProvider {
  switch (config.ANALYSIS_PROVIDER) {
    case "local":
      return "local";
    case "gemini":
      // loadConfig has refused ANALYSIS_PROVIDER=gemini without GEMINI_API_KEY.
      return "gemini";
    case "openai":
      return "openai";
    default:
      if (config.GEMINI_API_KEY) return "gemini";
      if (config.OPENAI_BASE_URL) return "openai";
      return "local";
  }
}

/** Runtime knobs tests override: a fake clock, a recording sleep, shorter timeouts. */
export type LlmOverrides = Partial<Omit<ResilientLlmOptions, "metrics">>;

export function createTransport(
  config: ProviderConfig,
  which: "gemini" | "openai",
  clock?: () => number,
): LlmTransport {
  if (which === "gemini") {
    return createGeminiTransport({
      apiKey: config.GEMINI_API_KEY ?? "",
      model: config.GEMINI_MODEL,
      baseUrl: config.GEMINI_BASE_URL,
      clock,
    });
  }
  return createOpenAiTransport({
    baseUrl: config.OPENAI_BASE_URL ?? OPENAI_DEFAULT_BASE_URL,
    apiKey: config.OPENAI_API_KEY,
    model: config.OPENAI_MODEL,
    clock,
  });
}

/** The configured provider wrapped for resilience and metrics, or null when analysis is offline only. */
export function createAnalysisLlm(
  config: ProviderConfig,
  deps: { metrics: Metrics } & LlmOverrides,
): ResilientLlm | null {
  const which = resolveProvider(config);
  if (which === "local") return null;
  const { metrics, ...overrides } = deps;
  return new ResilientLlm(createTransport(config, which, overrides.clock), {
    metrics,
    ...resilienceOf(config),
    ...overrides,
  });
}

/** The time-out, retry and circuit-breaker settings every LLM client takes from the configuration. */
export function resilienceOf(config: ProviderConfig) {
  return {
    timeoutMs: config.LLM_TIMEOUT_SECONDS * 1000,
    maxRetries: config.LLM_MAX_RETRIES,
    circuitFailures: config.LLM_CIRCUIT_FAILURES,
    circuitResetMs: config.LLM_CIRCUIT_RESET_SECONDS * 1000,
  };
}

export { LlmCallError, type LlmErrorType } from "./llm-errors.js";
export { ResilientLlm } from "./resilient-llm.js";
