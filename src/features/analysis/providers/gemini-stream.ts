// Streaming free text from Gemini (the playground) through the @google/genai SDK's
// generateContentStream: each chunk's text is a delta; the last chunk's usageMetadata is the usage.
// The SDK's own retries stay off as in the non-streaming transport; the caller's signal aborts the call.
import { geminiGenerateParams, geminiHttpOptions, mapError, newGenAiClient } from "./gemini-transport.js";
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
  const { seen, httpOptions } = geminiHttpOptions(req.requestId);
  let text = "";
  const usage = { promptTokens: 0, completionTokens: 0 };
  try {
    const ai = await newGenAiClient(opts);
    const stream = await ai.models.generateContentStream(geminiGenerateParams(req, httpOptions));
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
