// The playground: try a prompt by hand before a dataset exists. Renders a saved version (or an unsaved
// draft) with the shared renderer, its variables checked against the version's typed variables, then
// runs one to four targets side by side with real token streaming (OpenAI-compatible SSE, Gemini's
// streaming call). Each call takes a slot of its provider's concurrency cap, shared with evaluation runs,
// and counts in the same LLM metrics (requests, duration, tokens, cost) plus playground_targets_total.
// Not shared with the non-streaming client: its retries (a stream that already sent text cannot be
// replayed) and its circuit breaker.
import {
  checkVariables,
  render,
  renderMessages,
  TemplateRenderError,
  TemplateSyntaxError,
  type VariableSpec,
} from "../../../packages/sdk/src/render.js";
import type { Config } from "../../config.js";
import type { Db } from "../../db/repository.js";
import { found, NotFoundError, ValidationError } from "../../http/errors.js";
import type { Metrics } from "../../observability/metrics.js";
import { getRequestId } from "../../observability/request-context.js";
import { streamGemini } from "../analysis/providers/gemini-stream.js";
import { LlmCallError } from "../analysis/providers/llm-errors.js";
import type { GenerateMessage, GenerateRequest, LlmCompletion } from "../analysis/providers/llm-transport.js";
import { streamOpenAiChat } from "../analysis/providers/openai-stream.js";
import { authorize, type ProjectAccess } from "../projects/permissions.js";
import type { RegistryService } from "../registry/registry-service.js";
import { llmPricing, type Target, type TextGenerator } from "./evaluation-targets.js";
import { createEvaluationsRepository } from "./evaluations-repository.js";
import { PLAYGROUND_LIMITS, type PlaygroundBody, type PlaygroundResult } from "./playground-schemas.js";

type PlaygroundConfig = Parameters<typeof llmPricing>[0] &
  Pick<
    Config,
    | "OPENAI_BASE_URL"
    | "OPENAI_API_KEY"
    | "GEMINI_API_KEY"
    | "GEMINI_BASE_URL"
    | "EVALUATION_ITEM_TIMEOUT_SECONDS"
  >;

export interface PlaygroundServiceDeps {
  db: Db;
  registry: Pick<RegistryService, "fetch">;
  generator: Pick<TextGenerator, "providers" | "acquire">;
  config: PlaygroundConfig;
  metrics: Metrics;
}

export type PlaygroundService = ReturnType<typeof createPlaygroundService>;

/** A request checked and rendered: nothing can be wrong with it any more but the providers' answers. */
export interface PreparedPlayground {
  rendered: string;
  input: GenerateMessage[];
  targets: Target[];
}

export type PlaygroundEvent =
  | { type: "delta"; target: number; text: string }
  | { type: "result"; result: PlaygroundResult };

type Streamer = (req: GenerateRequest, onDelta: (text: string) => void) => Promise<LlmCompletion>;

/** A provider's stream function with its connection settings given: the streamer of its targets. */
function streamerOf<O>(
  stream: (opts: O, req: GenerateRequest, onDelta: (text: string) => void) => Promise<LlmCompletion>,
  opts: O,
): Streamer {
  return (req, onDelta) => stream(opts, req, onDelta);
}

const invalid = (field: string, message: string) =>
  new ValidationError(`${field} ${message}`, [{ field, message }]);

/** Why a target's own signal was aborted when the output cap was reached. */
class OutputCapReached extends Error {}

export function createPlaygroundService(deps: PlaygroundServiceDeps) {
  const { config, metrics } = deps;
  const repo = createEvaluationsRepository(deps.db);
  const pricing = llmPricing(config);
  const timeoutMs = config.EVALUATION_ITEM_TIMEOUT_SECONDS * 1000;

  const streamers: Record<Target["provider"], Streamer | null> = {
    openai: config.OPENAI_BASE_URL
      ? streamerOf(streamOpenAiChat, { baseUrl: config.OPENAI_BASE_URL, apiKey: config.OPENAI_API_KEY })
      : null,
    gemini: config.GEMINI_API_KEY
      ? streamerOf(streamGemini, { apiKey: config.GEMINI_API_KEY, baseUrl: config.GEMINI_BASE_URL })
      : null,
  };

  /** Checks the request and renders the prompt; every problem is a 422 (or 403/404) before any call. */
  async function prepare(access: ProjectAccess, body: PlaygroundBody): Promise<PreparedPlayground> {
    authorize(access, "evaluations:run");
    if (body.content !== undefined && body.messages !== undefined)
      throw invalid("content", "cannot be combined with messages");
    if (body.prompt_id === undefined && body.content === undefined && body.messages === undefined)
      throw invalid("prompt_id", "or a draft (content or messages) is required");
    if (body.prompt_id === undefined && (body.version !== undefined || body.label !== undefined))
      throw invalid(body.version !== undefined ? "version" : "label", "needs prompt_id");
    if (body.version !== undefined && body.label !== undefined)
      throw invalid("version", "cannot be combined with label");
    const available = deps.generator.providers();
    body.targets.forEach((t, i) => {
      if (!available.includes(t.provider) || !streamers[t.provider])
        throw invalid(
          `targets.${i}.provider`,
          `${t.provider} is not configured on this instance (${t.provider === "openai" ? "OPENAI_BASE_URL" : "GEMINI_API_KEY"})`,
        );
    });
    const draftChars = body.messages?.reduce((n, m) => n + m.content.length, 0) ?? 0;
    if (draftChars > PLAYGROUND_LIMITS.draftChars)
      throw invalid("messages", `hold more than ${PLAYGROUND_LIMITS.draftChars} characters together`);

    let specs: VariableSpec[] | null = null;
    let type: "text" | "chat" = "text";
    let content = "";
    let messages: { role: string; content: string }[] = [];
    if (body.prompt_id !== undefined) {
      const prompt = found(await repo.findPrompt(access.projectId, body.prompt_id), "Prompt");
      // As the acting user (not the key): evaluations:run was the key's check; reading is implied.
      const caller = {
        user: { id: access.userId, username: "", role: "user" as const, via: "token" as const },
      };
      const fetched = await deps.registry
        .fetch(
          caller,
          access.projectId,
          prompt.name,
          body.label !== undefined
            ? { label: body.label, resolve: true }
            : { version: body.version ?? Number(prompt.current_version), resolve: true },
        )
        .catch((e: unknown) => {
          // The prompt exists (checked above): a miss here is the version or label asked for.
          if (!(e instanceof NotFoundError)) throw e;
          if (body.label !== undefined)
            throw invalid("label", `${body.label} does not point at a version of this prompt`);
          throw invalid("version", `does not exist (the prompt has versions 1–${prompt.current_version})`);
        });
      specs = fetched.variables;
      type = fetched.type;
      content = fetched.content ?? "";
      messages = fetched.messages ?? [];
    }
    if (body.content !== undefined) {
      type = "text";
      content = body.content;
    }
    if (body.messages !== undefined) {
      type = "chat";
      messages = body.messages;
    }

    const given = body.variables ?? {};
    let values: Record<string, unknown> = given;
    if (specs) {
      const checked = checkVariables(specs, given);
      if (checked.issues.length)
        throw new ValidationError(
          `The variables do not fit the prompt: ${checked.issues.map((i) => `${i.variable ?? "?"} ${i.message}`).join("; ")}`,
          checked.issues.map((i) => ({
            field: `variables${i.variable ? `.${i.variable}` : ""}`,
            message: i.message,
          })),
        );
      values = checked.values;
    }
    try {
      if (type === "chat") {
        const input: GenerateMessage[] = renderMessages(messages, values).map((m) => ({
          role: m.role === "system" || m.role === "assistant" ? m.role : "user",
          content: m.content,
        }));
        return { rendered: JSON.stringify(input), input, targets: body.targets };
      }
      const text = render(content, values);
      return { rendered: text, input: [{ role: "user", content: text }], targets: body.targets };
    } catch (e) {
      if (e instanceof TemplateSyntaxError || e instanceof TemplateRenderError)
        throw invalid(
          body.content !== undefined || body.messages !== undefined ? "content" : "prompt_id",
          `cannot be rendered: ${e.message}`,
        );
      throw e;
    }
  }

  /** One target: a slot of its provider, the streamed call, the metrics; never throws. */
  async function runTarget(
    index: number,
    target: Target,
    input: GenerateMessage[],
    signal: AbortSignal,
    emit: (e: PlaygroundEvent) => void,
  ): Promise<PlaygroundResult> {
    const own = new AbortController();
    const callSignal = AbortSignal.any([signal, own.signal, AbortSignal.timeout(timeoutMs)]);
    let output = "";
    let truncated = false;
    let started = performance.now();
    let called = false;
    const base = { target_index: index, provider: target.provider, model: target.model };
    const finish = (r: Omit<PlaygroundResult, keyof typeof base | "output" | "truncated" | "latency_ms">) => {
      const result: PlaygroundResult = {
        ...base,
        output,
        truncated,
        latency_ms: Math.round(performance.now() - started),
        ...r,
      };
      const outcome = signal.aborted
        ? "cancelled"
        : truncated
          ? "truncated"
          : r.status === "ok"
            ? "success"
            : "error";
      metrics.playgroundTargetsTotal.labels(target.provider, outcome).inc();
      if (called) {
        const seconds = (performance.now() - started) / 1000;
        metrics.llmRequestsTotal
          .labels(target.provider, "generate", outcome === "error" ? "error" : "success")
          .inc();
        metrics.llmDuration.labels(target.provider, "generate").observe(seconds);
      }
      return result;
    };
    let release: (() => void) | undefined;
    try {
      release = await deps.generator.acquire(target.provider, callSignal);
      started = performance.now();
      called = true;
      const streamer = streamers[target.provider] as Streamer;
      const completion = await streamer(
        {
          model: target.model,
          messages: input,
          params: target.params,
          requestId: getRequestId(),
          signal: callSignal,
        },
        (delta) => {
          if (truncated) return;
          const room = PLAYGROUND_LIMITS.outputChars - output.length;
          let text = delta;
          if (text.length >= room) {
            text = text.slice(0, room);
            truncated = true;
          }
          output += text;
          if (text) emit({ type: "delta", target: index, text });
          if (truncated) own.abort(new OutputCapReached());
        },
      );
      const usage = completion.usage;
      const label = pricing.modelLabel(target.model);
      metrics.llmTokensTotal.labels(target.provider, label, "input").inc(usage.promptTokens);
      metrics.llmTokensTotal.labels(target.provider, label, "output").inc(usage.completionTokens);
      const cost = pricing.costOf(target.model, usage);
      if (cost !== null && cost > 0) metrics.llmCostUsdTotal.labels(target.provider, label).inc(cost);
      return finish({
        status: "ok",
        input_tokens: usage.promptTokens,
        output_tokens: usage.completionTokens,
        cost_usd: cost,
        error: null,
      });
    } catch (e) {
      const none = { input_tokens: null, output_tokens: null, cost_usd: null };
      // Stopped at the cap: the text so far is the answer; its usage never arrived.
      if (truncated && !signal.aborted) return finish({ status: "ok", ...none, error: null });
      const error = signal.aborted
        ? { type: "cancelled", message: "The client went away" }
        : callSignal.aborted && !own.signal.aborted
          ? { type: "timeout", message: `No complete answer within ${timeoutMs} ms` }
          : e instanceof LlmCallError
            ? { type: e.type, message: e.message }
            : { type: "network_error", message: e instanceof Error ? e.message : String(e) };
      return finish({ status: "error", ...none, error });
    } finally {
      release?.();
    }
  }

  /**
   * Runs every target at once; `emit` sees each target's deltas in order, then its result. Resolves with
   * the results in target order when all have ended (an aborted `signal` ends them as cancelled).
   */
  async function run(
    prepared: PreparedPlayground,
    signal: AbortSignal,
    emit: (e: PlaygroundEvent) => void = () => {},
  ): Promise<PlaygroundResult[]> {
    return Promise.all(
      prepared.targets.map(async (target, i) => {
        const result = await runTarget(i, target, prepared.input, signal, emit);
        emit({ type: "result", result });
        return result;
      }),
    );
  }

  return { prepare, run };
}
