// Streaming free text from an OpenAI-compatible chat-completions server (the playground): `stream: true`
// and server-sent `data:` chunks, each carrying a text delta; usage arrives in the last chunk because we
// ask for `stream_options.include_usage` (servers that ignore it leave the usage at 0). Errors map onto
// LlmCallError like the non-streaming transport; the caller's signal aborts the upstream request.
import { LlmCallError } from "./llm-errors.js";
import type { GenerateRequest, LlmCompletion } from "./llm-transport.js";
import { httpFailure, samplingParams } from "./openai-transport.js";

export interface OpenAiStreamOptions {
  baseUrl: string;
  apiKey?: string;
  clock?: () => number;
}

interface StreamChunk {
  choices?: { delta?: { content?: string | null } }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: { message?: string };
}

/** Longest single SSE line we buffer: a server that never sends a newline cannot grow memory unbounded. */
const MAX_LINE = 1024 * 1024;

export async function streamOpenAiChat(
  opts: OpenAiStreamOptions,
  req: GenerateRequest,
  onDelta: (text: string) => void,
): Promise<LlmCompletion> {
  let res: Response;
  try {
    res = await fetch(`${opts.baseUrl.replace(/\/+$/, "")}/chat/completions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "text/event-stream",
        ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}),
        ...(req.requestId ? { "x-request-id": req.requestId } : {}),
      },
      body: JSON.stringify({
        model: req.model,
        messages: req.messages,
        stream: true,
        stream_options: { include_usage: true },
        ...samplingParams(req),
      }),
      signal: req.signal,
    });
  } catch (e) {
    if (req.signal.aborted) throw e;
    throw new LlmCallError(
      "network_error",
      `OpenAI-compatible request failed: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel().catch(() => {});
    throw httpFailure(res, (opts.clock ?? Date.now)());
  }

  let text = "";
  const usage = { promptTokens: 0, completionTokens: 0 };
  let buffer = "";
  let done = false;
  const decoder = new TextDecoder();

  const onLine = (line: string) => {
    if (!line.startsWith("data:")) return; // comments (": keep-alive"), event names, blank lines
    const data = line.slice(5).trim();
    if (data === "[DONE]") {
      done = true;
      return;
    }
    let chunk: StreamChunk;
    try {
      chunk = JSON.parse(data) as StreamChunk;
    } catch {
      throw new LlmCallError(
        "malformed_output",
        "OpenAI-compatible server streamed a chunk that is not JSON",
      );
    }
    if (chunk.error)
      throw new LlmCallError(
        "server_error",
        `OpenAI-compatible server streamed an error: ${chunk.error.message ?? "unknown"}`,
      );
    const delta = chunk.choices?.[0]?.delta?.content;
    if (typeof delta === "string" && delta !== "") {
      text += delta;
      onDelta(delta);
    }
    if (chunk.usage) {
      usage.promptTokens = chunk.usage.prompt_tokens ?? usage.promptTokens;
      usage.completionTokens = chunk.usage.completion_tokens ?? usage.completionTokens;
    }
  };

  const reader = res.body.getReader();
  try {
    while (!done) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      buffer += decoder.decode(value, { stream: true });
      let nl = buffer.indexOf("\n");
      while (nl >= 0) {
        onLine(buffer.slice(0, nl).replace(/\r$/, ""));
        buffer = buffer.slice(nl + 1);
        if (done) break;
        nl = buffer.indexOf("\n");
      }
      if (buffer.length > MAX_LINE)
        throw new LlmCallError("malformed_output", "OpenAI-compatible server streamed a line over 1 MiB");
    }
    if (!done && buffer.trim()) onLine(buffer.trim());
  } catch (e) {
    if (req.signal.aborted) throw req.signal.reason ?? e;
    if (e instanceof LlmCallError) throw e;
    throw new LlmCallError(
      "network_error",
      `OpenAI-compatible stream broke off: ${e instanceof Error ? e.message : String(e)}`,
    );
  } finally {
    await reader.cancel().catch(() => {});
  }
  if (text.trim() === "")
    throw new LlmCallError("malformed_output", "OpenAI-compatible server streamed no message content");
  return { text, usage };
}
