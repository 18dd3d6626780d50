// The wrapper every LLM call goes through, whatever the provider: a per-attempt timeout (AbortSignal),
// retries with exponential backoff and jitter on 429/5xx/network errors honouring Retry-After, a
// circuit breaker, JSON parsing with one retry on malformed output, the request id forwarded as
// X-Request-Id (from the request context unless given), and the provider metrics (handlers never
// touch these).
import type { Logger } from "pino";
import { type Metrics, trackGeminiRequest } from "../../../observability/metrics.js";
import { getRequestId } from "../../../observability/request-context.js";
import { CircuitBreaker, type CircuitState } from "./circuit-breaker.js";
import { isRetryable, LlmCallError, type LlmErrorType } from "./llm-errors.js";
import type {
  GenerateRequest,
  JsonSchema,
  LlmCompletion,
  LlmOperation,
  LlmTransport,
  LlmUsage,
  ProviderName,
} from "./llm-transport.js";
import { type BackoffOptions, DEFAULT_BACKOFF, retryDelay } from "./retry-policy.js";

export interface ResilientLlmOptions {
  metrics: Metrics;
  timeoutMs: number;
  maxRetries: number;
  circuitFailures: number;
  circuitResetMs: number;
  /** Milliseconds since the epoch; drives the circuit breaker. */
  clock?: () => number;
  /** Waits between retries; tests pass one that records the delay instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  backoff?: { baseMs: number; capMs: number };
  logger?: Pick<Logger, "warn">;
  /**
   * The `model` label of llm_tokens_total and llm_cost_usd_total for a model a call used: free-text
   * generation names its model per call, so labels stay bounded by mapping unknown ones to "other".
   * Default: the configured model as is, any other "other".
   */
  modelLabel?: (model: string) => string;
  /** What a call cost in USD by the price table, or null when the model has no price. */
  costOf?: (model: string, usage: LlmUsage) => number | null;
}

/** A free-text answer with what it took. */
export interface Generation {
  text: string;
  usage: LlmUsage;
  /** Wall time of the call, retries included. */
  latencyMs: number;
  /** By the price table; null when the model has no price there. */
  costUsd: number | null;
}

export interface JsonPrompt {
  system: string;
  user: string;
  schema: JsonSchema;
  schemaName: string;
}

/** Turns a parsed JSON value into T, or returns undefined when it does not fit the schema. */
export type JsonValidator<T> = (value: unknown) => T | undefined;

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class ResilientLlm {
  readonly provider: ProviderName;
  readonly model: string;
  private readonly breaker: CircuitBreaker;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly backoff: BackoffOptions;

  constructor(
    private readonly transport: LlmTransport,
    private readonly opts: ResilientLlmOptions,
  ) {
    this.provider = transport.provider;
    this.model = transport.model;
    this.breaker = new CircuitBreaker({
      failureThreshold: opts.circuitFailures,
      resetMs: opts.circuitResetMs,
      clock: opts.clock ?? Date.now,
    });
    this.sleep = opts.sleep ?? realSleep;
    this.backoff = { ...DEFAULT_BACKOFF, ...opts.backoff, random: opts.random ?? Math.random };
  }

  /** Counts one analysis answered by the offline engine because this provider failed. */
  recordFallback(reason: LlmErrorType): void {
    this.opts.metrics.analysisFallbacksTotal.labels(reason).inc();
  }

  get circuitState(): CircuitState {
    return this.breaker.state;
  }

  /**
   * One structured answer: JSON that `validate` accepts. Output that is not JSON or does not fit gets
   * exactly one more call; then LlmCallError("malformed_output"). Provider failures throw their type.
   */
  async completeJson<T>(
    operation: LlmOperation,
    prompt: JsonPrompt,
    validate: JsonValidator<T>,
    requestId: string | undefined = getRequestId(),
  ): Promise<T> {
    for (let round = 0; round < 2; round++) {
      const text = await this.guardedCall(operation, prompt, requestId);
      const value = text === null ? undefined : parseAndValidate(text, validate);
      if (value !== undefined) return value;
      this.countError(operation, "malformed_output");
      this.opts.logger?.warn(
        { provider: this.provider, operation, error_type: "malformed_output", round },
        "LLM answer did not match the schema",
      );
    }
    throw new LlmCallError("malformed_output", "The model's answer did not match the expected schema twice");
  }

  /** Whether the provider answers right now (no retries; the circuit's verdict counts as an answer). */
  async probe(
    requestId: string | undefined = getRequestId(),
  ): Promise<{ ok: boolean; models: string[]; error?: string }> {
    if (this.breaker.state === "open") return { ok: false, models: [this.model], error: "circuit_open" };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.min(this.opts.timeoutMs, 5000));
    const started = performance.now();
    try {
      const models = await this.transport.probe(controller.signal, requestId);
      this.record("probe", started, "success");
      return { ok: true, models };
    } catch (e) {
      const err = controller.signal.aborted ? new LlmCallError("timeout", "probe timed out") : toLlmError(e);
      this.record("probe", started, "error");
      this.countError("probe", err.type);
      return { ok: false, models: [this.model], error: err.type };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Asks the breaker, calls with retries, and reports the outcome back. Null: the answer was malformed. */
  private async guardedCall(
    operation: LlmOperation,
    prompt: JsonPrompt,
    requestId?: string,
  ): Promise<string | null> {
    const grant = this.breaker.acquire();
    if (!grant) throw new LlmCallError("circuit_open", "The LLM provider's circuit is open");
    try {
      // A half-open trial is a single attempt: it only has to tell us whether the provider is back.
      const completion = await this.callWithRetries(
        operation,
        prompt,
        grant === "trial" ? 0 : this.opts.maxRetries,
        requestId,
      );
      this.breaker.onSuccess();
      return completion.text;
    } catch (e) {
      const err = toLlmError(e);
      if (err.type === "malformed_output") {
        // The provider answered; the content is the problem, not its availability.
        this.breaker.onSuccess();
        return null;
      }
      this.breaker.onFailure(grant);
      throw err;
    }
  }

  private async callWithRetries(
    operation: LlmOperation,
    prompt: JsonPrompt,
    retries: number,
    requestId?: string,
  ): Promise<LlmCompletion> {
    return this.retrying(retries, () => this.attempt(operation, prompt, requestId));
  }

  /**
   * Runs `once` until it succeeds, its error is not worth retrying (isRetryable), or `retries` more tries
   * are spent, waiting the backoff (or the provider's Retry-After) between tries. `signal` (a cancelled
   * run, a shutdown) stops the retrying, and the wait.
   */
  private async retrying<T>(retries: number, once: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await once();
      } catch (e) {
        const err = toLlmError(e);
        if (signal?.aborted || attempt >= retries || !isRetryable(err.type)) throw err;
        await this.sleep(retryDelay(attempt, err.retryAfterMs, this.backoff));
        signal?.throwIfAborted();
      }
    }
  }

  /** Runs one outbound call under the per-attempt time-out; a call that outlives it fails as "timeout". */
  private async timed<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.opts.timeoutMs);
    try {
      return await call(controller.signal);
    } catch (e) {
      throw timedOut
        ? new LlmCallError("timeout", `No answer within ${this.opts.timeoutMs} ms`)
        : toLlmError(e);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * One outbound call under the per-attempt time-out, its duration and status recorded: a success when it
   * answers; when it fails, `failed` counts what it must and says which status the call is recorded with.
   */
  private async recorded<T>(
    operation: LlmOperation,
    call: (signal: AbortSignal) => Promise<T>,
    failed: (err: LlmCallError) => "success" | "error",
  ): Promise<T> {
    const started = performance.now();
    try {
      const result = await this.timed(call);
      this.record(operation, started, "success");
      return result;
    } catch (e) {
      const err = toLlmError(e);
      this.record(operation, started, failed(err));
      throw err;
    }
  }

  /** One outbound HTTP call, timed and recorded. */
  private async attempt(
    operation: LlmOperation,
    prompt: JsonPrompt,
    requestId?: string,
  ): Promise<LlmCompletion> {
    const completion = await this.recorded(
      operation,
      (signal) => this.transport.complete({ ...prompt, requestId, signal }),
      (err) => {
        // The HTTP exchange itself succeeded; completeJson counts the malformed answer.
        if (err.type === "malformed_output") return "success";
        this.countError(operation, err.type);
        this.opts.logger?.warn(
          { provider: this.provider, operation, error_type: err.type, status: err.status },
          "LLM call failed",
        );
        return "error";
      },
    );
    this.countUsage(this.model, completion.usage);
    return completion;
  }

  /**
   * Free text from `req.model` (evaluations, the playground, the judge): the same breaker, retries with
   * backoff on 429/5xx/network errors, per-attempt timeout and metrics as the structured calls, plus the
   * cost by the price table. `signal` (a cancelled run, a shutdown) aborts the call and any wait between
   * attempts. An empty or unreadable answer is LlmCallError("malformed_output"), not retried.
   */
  async generate(
    operation: Extract<LlmOperation, "generate" | "judge">,
    req: Omit<GenerateRequest, "signal" | "requestId">,
    signal: AbortSignal,
    requestId: string | undefined = getRequestId(),
  ): Promise<Generation> {
    const grant = this.breaker.acquire();
    if (!grant) throw new LlmCallError("circuit_open", "The LLM provider's circuit is open");
    const started = performance.now();
    const retries = grant === "trial" ? 0 : this.opts.maxRetries;
    try {
      const once = () => this.generateOnce(operation, req, signal, requestId);
      const completion = await this.retrying(retries, once, signal);
      this.breaker.onSuccess();
      this.countUsage(req.model, completion.usage);
      const costUsd = this.opts.costOf?.(req.model, completion.usage) ?? null;
      if (costUsd !== null && costUsd > 0)
        this.opts.metrics.llmCostUsdTotal.labels(this.provider, this.labelOf(req.model)).inc(costUsd);
      return { ...completion, latencyMs: Math.round(performance.now() - started), costUsd };
    } catch (e) {
      if (signal.aborted) {
        // Our caller gave up (cancel, shutdown): says nothing about the provider's health.
        if (grant === "trial") this.breaker.onFailure(grant);
        throw signal.reason ?? e;
      }
      const err = toLlmError(e);
      // The provider answered; the content (or the request: a misspelt model, a bad parameter of one
      // run) is the problem, not its availability. Counting those would open the circuit that analysis
      // and every other run share.
      if (err.type === "malformed_output" || err.type === "client_error") this.breaker.onSuccess();
      else this.breaker.onFailure(grant);
      throw err;
    }
  }

  /** One outbound generation, timed and recorded, aborted by its time-out or by `outer`. */
  private generateOnce(
    operation: LlmOperation,
    req: Omit<GenerateRequest, "signal" | "requestId">,
    outer: AbortSignal,
    requestId?: string,
  ): Promise<LlmCompletion> {
    return this.recorded(
      operation,
      (signal) => this.transport.generate({ ...req, requestId, signal: AbortSignal.any([outer, signal]) }),
      (err) => {
        // A run cancelled by its caller says nothing of the provider: no error counted.
        if (outer.aborted) return "success";
        this.countError(operation, err.type);
        return err.type === "malformed_output" ? "success" : "error";
      },
    );
  }

  private labelOf(model: string): string {
    return this.opts.modelLabel ? this.opts.modelLabel(model) : model === this.model ? model : "other";
  }

  private countUsage(model: string, usage: LlmUsage): void {
    const tokens = this.opts.metrics.llmTokensTotal;
    const label = this.labelOf(model);
    tokens.labels(this.provider, label, "input").inc(usage.promptTokens);
    tokens.labels(this.provider, label, "output").inc(usage.completionTokens);
  }

  private record(operation: LlmOperation, started: number, status: "success" | "error"): void {
    const seconds = (performance.now() - started) / 1000;
    const m = this.opts.metrics;
    m.llmRequestsTotal.labels(this.provider, operation, status).inc();
    m.llmDuration.labels(this.provider, operation).observe(seconds);
    if (this.provider === "gemini") trackGeminiRequest(m, operation, seconds, status);
  }

  private countError(operation: LlmOperation, type: string): void {
    if (this.provider === "gemini") this.opts.metrics.geminiErrorsTotal.labels(operation, type).inc();
  }
}

function parseAndValidate<T>(text: string, validate: JsonValidator<T>): T | undefined {
  let value: unknown;
  try {
    // Some servers wrap JSON in a Markdown fence even in JSON mode.
    value = JSON.parse(text.replace(/^\s*```(?:json)?\s*|\s*```\s*$/g, ""));
  } catch {
    return undefined;
  }
  return validate(value);
}

export function toLlmError(e: unknown): LlmCallError {
  if (e instanceof LlmCallError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new LlmCallError("network_error", message);
}
