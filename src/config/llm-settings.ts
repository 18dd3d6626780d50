// Settings of the LLM providers: analysis, evaluation runs and the prices they are costed with
// (src/config.ts assembles them).
import { bool, duration, fail, int, num, oneOf, optStr, type Setting, str } from "./setting-kinds.js";

/** USD per million tokens of one model, as LLM_PRICES holds it. */
export interface ModelPrice {
  input: number;
  output: number;
}

/**
 * Published list prices (USD per million tokens, standard tier) of common models, mid-2025: a
 * starting point only; set LLM_PRICES to what your provider charges you.
 */
export const DEFAULT_LLM_PRICES: Readonly<Record<string, ModelPrice>> = {
  "gpt-4o": { input: 2.5, output: 10 },
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  "gpt-4.1": { input: 2, output: 8 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "gemini-2.5-pro": { input: 1.25, output: 10 },
  "gemini-2.5-flash": { input: 0.3, output: 2.5 },
  "gemini-2.5-flash-lite": { input: 0.1, output: 0.4 },
};

const PRICES_FORM = 'a JSON object of model → {"input": USD, "output": USD} per million tokens';

/** LLM_PRICES: `{"gpt-4o-mini": {"input": 0.15, "output": 0.6}}`, replacing the built-in table. */
const llmPrices: Setting<Readonly<Record<string, ModelPrice>>> = {
  doc: 'Per-model prices in USD per million tokens, as JSON {"model": {"input": 0.15, "output": 0.6}}, replacing the built-in table (docs/evaluations.md#cost); evaluation results are costed with it and llm_cost_usd_total counts it; models not listed have no cost and are labelled other in the LLM metrics',
  default: DEFAULT_LLM_PRICES,
  allowed: PRICES_FORM,
  parse: (raw) => {
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch {
      return fail(PRICES_FORM);
    }
    if (v === null || typeof v !== "object" || Array.isArray(v)) fail(PRICES_FORM);
    const out: Record<string, ModelPrice> = {};
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length > 200) fail(`${PRICES_FORM}, at most 200 models`);
    for (const [model, price] of entries) {
      const p = price as Partial<ModelPrice> | null;
      const ok = (n: unknown) => typeof n === "number" && Number.isFinite(n) && n >= 0 && n <= 10_000;
      if (!model || model.length > 200 || !p || !ok(p.input) || !ok(p.output)) fail(PRICES_FORM);
      out[model] = { input: p.input as number, output: p.output as number };
    }
    return Object.freeze(out);
  },
};

/** The analysis providers and the background rescore. */
export const analysisSettings = {
  ANALYSIS_PROVIDER: oneOf(
    "auto, local, gemini or openai",
    ["auto", "local", "gemini", "openai"] as const,
    "auto",
  ),
  GEMINI_API_KEY: optStr("Gemini API key; enables the Gemini provider", { secret: true }),
  GEMINI_MODEL: str("Gemini model", "gemini-2.5-flash"),
  GEMINI_BASE_URL: optStr("Gemini API base URL override (proxies, tests)"),
  OPENAI_BASE_URL: optStr("OpenAI-compatible base URL (…/v1) for OpenAI, Ollama, vLLM, llama.cpp"),
  OPENAI_API_KEY: optStr("API key for the OpenAI-compatible server", { secret: true }),
  OPENAI_MODEL: str("Model for the OpenAI-compatible server", "gpt-4o-mini"),
  LLM_TIMEOUT_SECONDS: num("Timeout of one LLM call", 30, 1, 600),
  LLM_MAX_RETRIES: int("Retries of an LLM call on 429/5xx", 2, 0, 5),
  LLM_CIRCUIT_FAILURES: int("Consecutive LLM failures that open the circuit breaker", 5, 1, 100),
  LLM_CIRCUIT_RESET_SECONDS: num("How long the circuit stays open before a trial call", 30, 1, 3600),
  RESCORE_ENABLED: bool(
    "Recompute stored version scores in the background when the analysis engine version changes",
    true,
  ),
  RESCORE_BATCH_SIZE: int(
    "Stored version scores the rescore job claims and recomputes per batch (one transaction)",
    50,
    1,
    1000,
  ),
  RESCORE_PAUSE_MS: int(
    "Pause between two rescore batches in milliseconds: leaves the CPU and the database to requests",
    250,
    0,
    60_000,
  ),
  RESCORE_INTERVAL: duration("How often the rescore job looks for stale scores after its start-up pass", 600),
  RESCORE_CLAIM_TTL: duration(
    "How long a rescore batch's claim holds its rows; rows a stopped instance held are free again after it",
    300,
  ),
  GRAFANA_URL: optStr("Grafana dashboard URL shown on the admin status page"),
} satisfies Record<string, Setting<unknown>>;

/** Evaluation runs (docs/evaluations.md#runs). */
export const evaluationSettings = {
  LLM_PRICES: llmPrices,
  EVALUATION_WORKER_ENABLED: bool("Run queued evaluation items on this instance", true),
  EVALUATION_QUEUE: oneOf(
    "Which queue carries evaluation items: auto (pg-boss on PostgreSQL, the embedded worker on SQLite), pg-boss, or embedded (a poll over the result rows, also on PostgreSQL)",
    ["auto", "pg-boss", "embedded"] as const,
    "auto",
  ),
  EVALUATION_PGBOSS_SCHEMA: str(
    "PostgreSQL schema pg-boss keeps its jobs in (created on first start); with a database schema of PromptForge's own, <schema>_pgboss",
    "pgboss",
  ),
  EVALUATION_WORKER_CONCURRENCY: int(
    "Evaluation items one instance runs at once, all runs together",
    16,
    1,
    256,
  ),
  EVALUATION_PROVIDER_CONCURRENCY: int(
    "Calls one instance makes at once to each LLM provider (openai, gemini) for evaluations, judges included",
    8,
    1,
    256,
  ),
  EVALUATION_POLL_INTERVAL_MS: int(
    "How often the evaluation worker looks for items to run when it has free slots, in milliseconds",
    500,
    20,
    60_000,
  ),
  EVALUATION_ITEM_TIMEOUT_SECONDS: num(
    "Longest time one evaluation item (generation with retries, then its assertions and judge) may take; it is then an error. An instance's claim on an item lapses 30 s after this, and another instance takes the item again",
    300,
    5,
    3600,
  ),
  EVALUATION_DRAIN_SECONDS: num(
    "On shutdown, how long items in flight may finish before they are aborted and given back to the queue",
    5,
    0,
    120,
  ),
  EVALUATION_JUDGE_PROVIDER: oneOf(
    "Provider of the judge assertion: auto (the analysis provider (ANALYSIS_PROVIDER) when it is openai or gemini and configured, else Gemini when GEMINI_API_KEY is set, else OPENAI_BASE_URL), openai or gemini",
    ["auto", "openai", "gemini"] as const,
    "auto",
  ),
  EVALUATION_JUDGE_MODEL: optStr(
    "Model of the judge; empty = the provider's configured model (OPENAI_MODEL or GEMINI_MODEL)",
  ),
} satisfies Record<string, Setting<unknown>>;
