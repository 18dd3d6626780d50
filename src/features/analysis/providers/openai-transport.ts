// A small client for any OpenAI-compatible chat-completions server (OpenAI, Ollama, vLLM, llama.cpp),
// written on fetch so no SDK is needed. Asks for structured output with `json_schema`; servers that
// reject it get `json_object` with the schema spelled out in the system message, remembered per client.
import { errorTypeOfStatus, LlmCallError } from "./llm-errors.js";
import type { GenerateRequest, LlmCallRequest, LlmCompletion, LlmTransport } from "./llm-transport.js";
import { parseRetryAfter } from "./retry-policy.js";

export interface OpenAiTransportOptions {
  /** The server's …/v1 base URL. */
  baseUrl: string;
  apiKey?: string;
  model: string;
  clock?: () => number;
}

interface ChatCompletionBody {
  choices?: { message?: { content?: string | null } }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

/** The sampling parameters of a free-text request that were given, by their chat-completions names. */
export function samplingParams(req: GenerateRequest) {
  const p = req.params ?? {};
  return {
    ...(p.temperature !== undefined ? { temperature: p.temperature } : {}),
    ...(p.top_p !== undefined ? { top_p: p.top_p } : {}),
    ...(p.max_tokens !== undefined ? { max_tokens: p.max_tokens } : {}),
    ...(p.seed !== undefined ? { seed: p.seed } : {}),
    ...(p.stop?.length ? { stop: p.stop } : {}),
  };
}

/** A non-2xx answer as an LlmCallError: its status, its kind, and when to try again (Retry-After). */
export function httpFailure(res: Response, now: number): LlmCallError {
  return new LlmCallError(
    errorTypeOfStatus(res.status),
    `OpenAI-compatible server answered HTTP ${res.status}`,
    {
      status: res.status,
      retryAfterMs: parseRetryAfter(res.headers.get("retry-after"), now),
    },
  );
}

export function createOpenAiTransport(opts: OpenAiTransportOptions): LlmTransport {
  const clock = opts.clock ?? Date.now;
  const base = opts.baseUrl.replace(/\/+$/, "");
  let mode: "json_schema" | "json_object" = "json_schema";

  function headers(requestId?: string): Record<string, string> {
    return {
      "content-type": "application/json",
      accept: "application/json",
      ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}),
      ...(requestId ? { "x-request-id": requestId } : {}),
    };
  }

  async function send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, init);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      throw new LlmCallError("network_error", `OpenAI-compatible request failed: ${message}`);
    }
  }

  const failure = (res: Response) => httpFailure(res, clock());

  function bodyFor(req: LlmCallRequest, as: typeof mode): string {
    const system =
      as === "json_schema"
        ? req.system
        : `${req.system}\n\nAnswer with one JSON object that matches this JSON Schema:\n${JSON.stringify(req.schema)}`;
    return JSON.stringify({
      model: opts.model,
      temperature: 0.2,
      messages: [
        { role: "system", content: system },
        { role: "user", content: req.user },
      ],
      response_format:
        as === "json_schema"
          ? { type: "json_schema", json_schema: { name: req.schemaName, schema: req.schema, strict: true } }
          : { type: "json_object" },
    });
  }

  /** The answer of a chat-completions call: its first choice's text and the usage. */
  async function readCompletion(res: Response, signal: AbortSignal): Promise<LlmCompletion> {
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      throw failure(res);
    }
    let body: ChatCompletionBody;
    try {
      body = (await res.json()) as ChatCompletionBody;
    } catch (e) {
      if (signal.aborted) throw e;
      throw new LlmCallError("malformed_output", "OpenAI-compatible server returned a body that is not JSON");
    }
    const usage = {
      promptTokens: body.usage?.prompt_tokens ?? 0,
      completionTokens: body.usage?.completion_tokens ?? 0,
    };
    const text = body.choices?.[0]?.message?.content;
    if (typeof text !== "string" || text.trim() === "") {
      throw new LlmCallError("malformed_output", "OpenAI-compatible server returned no message content");
    }
    return { text, usage };
  }

  return {
    provider: "openai",
    model: opts.model,

    async generate(req: GenerateRequest): Promise<LlmCompletion> {
      const res = await send(`${base}/chat/completions`, {
        method: "POST",
        headers: headers(req.requestId),
        body: JSON.stringify({ model: req.model, messages: req.messages, ...samplingParams(req) }),
        signal: req.signal,
      });
      return readCompletion(res, req.signal);
    },

    async complete(req: LlmCallRequest): Promise<LlmCompletion> {
      const url = `${base}/chat/completions`;
      let res = await send(url, {
        method: "POST",
        headers: headers(req.requestId),
        body: bodyFor(req, mode),
        signal: req.signal,
      });
      if (res.status === 400 && mode === "json_schema") {
        const text = await res.text().catch(() => "");
        if (!/response_format|json_schema/i.test(text)) throw failure(res);
        // This server does not do json_schema; json_object is the widely supported fallback.
        mode = "json_object";
        res = await send(url, {
          method: "POST",
          headers: headers(req.requestId),
          body: bodyFor(req, mode),
          signal: req.signal,
        });
      }
      return readCompletion(res, req.signal);
    },

    async probe(signal: AbortSignal, requestId?: string): Promise<string[]> {
      const res = await send(`${base}/models`, { headers: headers(requestId), signal });
      if (!res.ok) {
        await res.body?.cancel().catch(() => {});
        throw failure(res);
      }
      const body = (await res.json().catch(() => ({}))) as { data?: { id?: unknown }[] };
      const ids = (body.data ?? [])
        .map((m) => m.id)
        .filter((id): id is string => typeof id === "string")
        .slice(0, 50);
      return ids.includes(opts.model) ? ids : [opts.model, ...ids];
    },
  };
}
