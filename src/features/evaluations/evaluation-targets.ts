// Text generation for evaluation targets, the judge and the playground, on the same OpenAI-compatible and
// Gemini clients the analysis uses (ResilientLlm: timeouts, retries, circuit breaker, metrics). A target
// names its provider, its model and sampling params per call; credentials stay instance settings. Each
// provider has a per-instance cap on calls in flight (EVALUATION_PROVIDER_CONCURRENCY), shared by runs,
// judges and the playground; 429s are retried by the wrapper honouring Retry-After. Cost comes from the
// LLM_PRICES table; models outside it (and outside the configured ones) are labelled `other` in metrics.
import type { Config, ModelPrice } from "../../config.js";
import { ProviderUnavailableError } from "../../http/errors.js";
import type { Metrics } from "../../observability/metrics.js";
import {
  createTransport,
  type LlmOverrides,
  resilienceOf,
  resolveProvider,
} from "../analysis/providers/index.js";
import type { GenerateMessage, GenerateParams, LlmUsage } from "../analysis/providers/llm-transport.js";
import { type Generation, ResilientLlm } from "../analysis/providers/resilient-llm.js";

export const TARGET_PROVIDERS = ["openai", "gemini"] as const;
export type TargetProvider = (typeof TARGET_PROVIDERS)[number];

export interface Target {
  provider: TargetProvider;
  model: string;
  params?: GenerateParams;
}

export type { GenerateMessage, GenerateParams, Generation };

type PricingConfig = Pick<Config, "LLM_PRICES" | "OPENAI_MODEL" | "GEMINI_MODEL" | "EVALUATION_JUDGE_MODEL">;

/** USD for `usage` of `model` by the price table; null when the model has no price. */
export function costOf(
  prices: Readonly<Record<string, ModelPrice>>,
  model: string,
  usage: LlmUsage,
): number | null {
  const price = Object.hasOwn(prices, model) ? prices[model] : undefined;
  if (!price) return null;
  // Rounded to a millionth of a cent: sums of many small costs stay readable.
  const usd = (usage.promptTokens * price.input + usage.completionTokens * price.output) / 1_000_000;
  return Math.round(usd * 1e8) / 1e8;
}

/**
 * The pricing knobs every ResilientLlm of the instance takes: the model label (a priced or configured
 * model keeps its name, anything else is `other`, so labels stay bounded whatever models runs name) and
 * the cost of a call.
 */
export function llmPricing(config: PricingConfig): Required<Pick<LlmOverrides, "modelLabel" | "costOf">> {
  const known = new Set<string>([
    ...Object.keys(config.LLM_PRICES),
    config.OPENAI_MODEL,
    config.GEMINI_MODEL,
    ...(config.EVALUATION_JUDGE_MODEL ? [config.EVALUATION_JUDGE_MODEL] : []),
  ]);
  return {
    modelLabel: (model) => (known.has(model) ? model : "other"),
    costOf: (model, usage) => costOf(config.LLM_PRICES, model, usage),
  };
}

/** A counting semaphore: at most `size` holders at once, the others wait in order. */
export class Semaphore {
  private held = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.held < this.size) {
      this.held++;
      return () => this.release();
    }
    await new Promise<void>((resolve, reject) => {
      const go = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(go);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal?.reason ?? new Error("aborted"));
      };
      this.waiting.push(go);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
    // The releaser handed its slot over: `held` is unchanged.
    return () => this.release();
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held--;
  }

  get inUse(): number {
    return this.held;
  }
}

type GenerationConfig = PricingConfig &
  Pick<
    Config,
    | "ANALYSIS_PROVIDER"
    | "GEMINI_API_KEY"
    | "GEMINI_BASE_URL"
    | "OPENAI_BASE_URL"
    | "OPENAI_API_KEY"
    | "LLM_TIMEOUT_SECONDS"
    | "LLM_MAX_RETRIES"
    | "LLM_CIRCUIT_FAILURES"
    | "LLM_CIRCUIT_RESET_SECONDS"
    | "EVALUATION_PROVIDER_CONCURRENCY"
    | "EVALUATION_JUDGE_PROVIDER"
  >;

export interface TextGeneratorDeps {
  config: GenerationConfig;
  metrics: Metrics;
  /** The analysis provider's client: reused for its own provider so both share one circuit breaker. */
  analysisLlm: ResilientLlm | null;
  overrides?: LlmOverrides;
}

export type TextGenerator = ReturnType<typeof createTextGenerator>;

/** Which providers this instance can generate with: openai with OPENAI_BASE_URL, gemini with GEMINI_API_KEY. */
export function configuredProviders(
  config: Pick<Config, "OPENAI_BASE_URL" | "GEMINI_API_KEY">,
): TargetProvider[] {
  return TARGET_PROVIDERS.filter((p) =>
    p === "openai" ? !!config.OPENAI_BASE_URL : !!config.GEMINI_API_KEY,
  );
}

export function createTextGenerator(deps: TextGeneratorDeps) {
  const { config, metrics } = deps;
  const pricing = llmPricing(config);
  const clients = new Map<TargetProvider, ResilientLlm>();
  const limits = new Map<TargetProvider, Semaphore>();
  for (const provider of configuredProviders(config)) {
    const reuse = deps.analysisLlm?.provider === provider ? deps.analysisLlm : null;
    clients.set(
      provider,
      reuse ??
        new ResilientLlm(createTransport(config, provider, deps.overrides?.clock), {
          metrics,
          ...resilienceOf(config),
          ...pricing,
          ...deps.overrides,
        }),
    );
    limits.set(provider, new Semaphore(config.EVALUATION_PROVIDER_CONCURRENCY));
  }

  function client(provider: TargetProvider): { llm: ResilientLlm; limit: Semaphore } {
    const llm = clients.get(provider);
    const limit = limits.get(provider);
    if (!llm || !limit)
      throw new ProviderUnavailableError(
        `The ${provider} provider is not configured on this instance (${provider === "openai" ? "OPENAI_BASE_URL" : "GEMINI_API_KEY"})`,
      );
    return { llm, limit };
  }

  const asMessages = (input: string | GenerateMessage[]): GenerateMessage[] =>
    typeof input === "string" ? [{ role: "user", content: input }] : input;

  /** One generation for `target`: waits for a slot of its provider, then calls it (retries included). */
  async function generateText(
    target: Target,
    input: string | GenerateMessage[],
    signal: AbortSignal,
    operation: "generate" | "judge" = "generate",
  ): Promise<Generation> {
    const { llm, limit } = client(target.provider);
    const release = await limit.acquire(signal);
    try {
      return await llm.generate(
        operation,
        { model: target.model, messages: asMessages(input), params: target.params },
        signal,
        undefined,
      );
    } finally {
      release();
    }
  }

  /** The judge's provider and model (EVALUATION_JUDGE_*), or null when no provider is configured. */
  function judgeTarget(): Target | null {
    const available = configuredProviders(config);
    let provider: TargetProvider | undefined;
    if (config.EVALUATION_JUDGE_PROVIDER === "auto") {
      const analysis = resolveProvider(config);
      provider =
        analysis !== "local" && available.includes(analysis)
          ? analysis
          : available.includes("gemini")
            ? "gemini"
            : available[0];
    } else if (available.includes(config.EVALUATION_JUDGE_PROVIDER))
      provider = config.EVALUATION_JUDGE_PROVIDER;
    if (!provider) return null;
    const model =
      config.EVALUATION_JUDGE_MODEL ?? (provider === "openai" ? config.OPENAI_MODEL : config.GEMINI_MODEL);
    return { provider, model, params: { temperature: 0 } };
  }

  return {
    generateText,
    judgeTarget,
    providers: () => [...clients.keys()],
    /**
     * A slot of `provider`'s concurrency cap, for callers that talk to the provider themselves (the
     * playground's streaming calls) yet count against the same limit; resolves with the releaser.
     */
    acquire: (provider: TargetProvider, signal?: AbortSignal) => client(provider).limit.acquire(signal),
    /** Calls in flight per provider on this instance (for tests and the bench). */
    inFlight: (provider: TargetProvider) => limits.get(provider)?.inUse ?? 0,
  };
}
