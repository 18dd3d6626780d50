// Streaming free text from Gemini (the playground) through the @google/genai SDK's
// generateContentStream: each chunk's text is a delta; the last chunk's usageMetadata is the usage.
// The SDK's own retries stay off as in the non-streaming transport; the caller's signal aborts the call.
import { mapError } from "./gemini-transport.js";
import { loadGenAi } from "./genai-sdk.js";
import { LlmCallError } from "./llm-errors.js";
import type { GenerateRequest, LlmCompletion } from "./llm-transport.js";

export interface GeminiStreamOptions {
  apiKey: string;
  baseUrl?: string;
  clock?: () => number;
}

export async function streamGemini(
  opts: GeminiStreamOptions,
  req: GenerateRequest,
  onDelta: (text: string) => void,
): Promise<LlmCompletion> {
  const seen = { retryAfter: null as string | null };
  const fetchHook = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const res = await fetch(input, init);
    if (!res.ok) seen.retryAfter = res.headers.get("retry-after");
    return res;
  };
  const p = req.params ?? {};
  const system = req.messages
    .filter((m) => m.role === "system")
    .map((m) => m.content)
    .join("\n\n");
  const contents = req.messages
    .filter((m) => m.role !== "system")
    .map((m) => ({ role: m.role === "assistant" ? "model" : "user", parts: [{ text: m.content }] }));
  let text = "";
  const usage = { promptTokens: 0, completionTokens: 0 };
  try {
    const m = await loadGenAi();
    const ai = new m.GoogleGenAI({
      apiKey: opts.apiKey,
      ...(opts.baseUrl ? { httpOptions: { baseUrl: opts.baseUrl } } : {}),
    });
    const stream = await ai.models.generateContentStream({
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
        httpOptions: {
          headers: req.requestId ? { "X-Request-Id": req.requestId } : {},
          fetch: fetchHook,
        },
      },
    });
    for await (const chunk of stream) {
      req.signal.throwIfAborted();
      const delta = chunk.text;
      if (delta) {
        text += delta;
        onDelta(delta);
      }
      if (chunk.usageMetadata) {
        usage.promptTokens = chunk.usageMetadata.promptTokenCount ?? usage.promptTokens;
        usage.completionTokens = chunk.usageMetadata.candidatesTokenCount ?? usage.completionTokens;
      }
    }
  } catch (e) {
    if (req.signal.aborted) throw req.signal.reason ?? e;
    throw await mapError(e, seen.retryAfter, (opts.clock ?? Date.now)());
  }
  if (!text) throw new LlmCallError("malformed_output", "Gemini streamed no text");
  return { text, usage };
}
