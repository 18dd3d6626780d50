// Gemini through the official @google/genai SDK: structured JSON output with a response schema.
// The SDK's own retries stay off (no retryOptions) because the shared wrapper retries; a per-call
// fetch hook reads Retry-After, which the SDK's ApiError does not carry.
import type { GenerateContentResponse, GoogleGenAI, Schema } from "@google/genai";
import { loadGenAi } from "./genai-sdk.js";
import { errorTypeOfStatus, LlmCallError } from "./llm-errors.js";
import type {
  GenerateRequest,
  JsonSchema,
  LlmCallRequest,
  LlmCompletion,
  LlmTransport,
} from "./llm-transport.js";
import { parseRetryAfter } from "./retry-policy.js";

export interface GeminiTransportOptions {
  apiKey: string;
  model: string;
  /** Proxy or test server; the SDK's default endpoint when absent. */
  baseUrl?: string;
  clock?: () => number;
}

/** Gemini's response schema is an OpenAPI subset with upper-case type names and no additionalProperties. */
export function toGeminiSchema(s: JsonSchema): Schema {
  const out: Schema = { type: s.type.toUpperCase() as Schema["type"] };
  if (s.description) out.description = s.description;
  if (s.enum) {
    out.enum = [...s.enum];
    out.format = "enum";
  }
  if (s.minimum !== undefined) out.minimum = s.minimum;
  if (s.maximum !== undefined) out.maximum = s.maximum;
  if (s.minItems !== undefined) out.minItems = String(s.minItems);
  if (s.maxItems !== undefined) out.maxItems = String(s.maxItems);
  if (s.items) out.items = toGeminiSchema(s.items);
  if (s.properties) {
    out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, toGeminiSchema(v)]));
    out.propertyOrdering = Object.keys(s.properties);
  }
  if (s.required) out.required = [...s.required];
  return out;
}

export async function mapError(e: unknown, retryAfter: string | null, now: number): Promise<LlmCallError> {
  if (e instanceof LlmCallError) return e;
  const { ApiError } = await loadGenAi();
  if (e instanceof ApiError) {
    return new LlmCallError(errorTypeOfStatus(e.status), `Gemini answered HTTP ${e.status}`, {
      status: e.status,
      retryAfterMs: parseRetryAfter(retryAfter, now),
    });
  }
  const message = e instanceof Error ? e.message : String(e);
  return new LlmCallError("network_error", `Gemini request failed: ${message}`);
}

/** A client for the key and endpoint given (the SDK loads on first use). */
export async function newGenAiClient(opts: { apiKey: string; baseUrl?: string }): Promise<GoogleGenAI> {
  const m = await loadGenAi();
  return new m.GoogleGenAI({
    apiKey: opts.apiKey,
    ...(opts.baseUrl ? { httpOptions: { baseUrl: opts.baseUrl } } : {}),
  });
}

/** Per-call HTTP options: our request id header, and a fetch that remembers Retry-After. */
export function geminiHttpOptions(requestId: string | undefined) {
  const seen = { retryAfter: null as string | null };
  const fetchHook = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const res = await fetch(input, init);
    if (!res.ok) seen.retryAfter = res.headers.get("retry-after");
    return res;
  };
  const headers: Record<string, string> = requestId ? { "X-Request-Id": requestId } : {};
  return { seen, httpOptions: { headers, fetch: fetchHook } };
}

type HttpOptions = ReturnType<typeof geminiHttpOptions>["httpOptions"];

/**
 * The generateContent parameters of a free-text request (evaluations, the playground): Gemini takes the
 * system messages apart and calls the assistant "model"; only the parameters given are sent.
 */
export function geminiGenerateParams(req: GenerateRequest, httpOptions: HttpOptions) {
  const p = req.params ?? {};
  const system = req.messages
    .filter((m) => m.role === "system")
    .map((m) => m.content)
    .join("\n\n");
  const contents = req.messages
    .filter((m) => m.role !== "system")
    .map((m) => ({ role: m.role === "assistant" ? "model" : "user", parts: [{ text: m.content }] }));
  return {
    model: req.model,
    contents,
    config: {
      ...(system ? { systemInstruction: system } : {}),
      ...(p.temperature !== undefined ? { temperature: p.temperature } : {}),
      ...(p.top_p !== undefined ? { topP: p.top_p } : {}),
      ...(p.max_tokens !== undefined ? { maxOutputTokens: p.max_tokens } : {}),
      ...(p.seed !== undefined ? { seed: p.seed } : {}),
      ...(p.stop?.length ? { stopSequences: p.stop } : {}),
      abortSignal: req.signal,
      httpOptions,
    },
  };
}

/** The text and token usage of a whole (not streamed) answer; no text is malformed output. */
function completionOf(res: GenerateContentResponse): LlmCompletion {
  const usage = {
    promptTokens: res.usageMetadata?.promptTokenCount ?? 0,
    // Thinking tokens are billed as output but not counted in candidatesTokenCount.
    completionTokens:
      (res.usageMetadata?.candidatesTokenCount ?? 0) + (res.usageMetadata?.thoughtsTokenCount ?? 0),
  };
  const text = res.text;
  if (!text) {
    const reason = res.candidates?.[0]?.finishReason ?? "no candidates";
    throw new LlmCallError("malformed_output", `Gemini returned no text (${reason})`);
  }
  return { text, usage };
}

export function createGeminiTransport(opts: GeminiTransportOptions): LlmTransport {
  const clock = opts.clock ?? Date.now;
  let client: Promise<GoogleGenAI> | undefined;
  const genAi = () => {
    client ??= newGenAiClient(opts);
    return client;
  };

  return {
    provider: "gemini",
    model: opts.model,

    async complete(req: LlmCallRequest): Promise<LlmCompletion> {
      const { seen, httpOptions } = geminiHttpOptions(req.requestId);
      try {
        const ai = await genAi();
        const res = await ai.models.generateContent({
          model: opts.model,
          contents: [{ role: "user", parts: [{ text: req.user }] }],
          config: {
            systemInstruction: req.system,
            responseMimeType: "application/json",
            responseSchema: toGeminiSchema(req.schema),
            temperature: 0.2,
            abortSignal: req.signal,
            httpOptions,
          },
        });
        return completionOf(res);
      } catch (e) {
        throw await mapError(e, seen.retryAfter, clock());
      }
    },

    async generate(req: GenerateRequest): Promise<LlmCompletion> {
      const { seen, httpOptions } = geminiHttpOptions(req.requestId);
      try {
        const ai = await genAi();
        const res = await ai.models.generateContent(geminiGenerateParams(req, httpOptions));
        return completionOf(res);
      } catch (e) {
        throw await mapError(e, seen.retryAfter, clock());
      }
    },

    async probe(signal: AbortSignal, requestId?: string): Promise<string[]> {
      const { seen, httpOptions } = geminiHttpOptions(requestId);
      try {
        const ai = await genAi();
        const model = await ai.models.get({
          model: opts.model,
          config: { abortSignal: signal, httpOptions },
        });
        return [model.name?.replace(/^models\//, "") ?? opts.model];
      } catch (e) {
        throw await mapError(e, seen.retryAfter, clock());
      }
    },
  };
}
