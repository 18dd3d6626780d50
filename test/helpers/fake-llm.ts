// A scriptable stand-in for LLM servers (Gemini and OpenAI-compatible) on 127.0.0.1: tests queue the
// responses of successive calls (status, headers, body, delay) and read back every request received,
// so the real @google/genai client and our fetch client are exercised over real HTTP.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Milliseconds to wait before answering (to provoke timeouts). */
  delayMs?: number;
}

export interface RecordedCall {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON when the body was JSON, else the raw text. */
  body: unknown;
}

export interface FakeLlm {
  /** http://127.0.0.1:<port> */
  url: string;
  calls: RecordedCall[];
  /** Queues responses for the next calls, in order. */
  enqueue: (...responses: FakeResponse[]) => void;
  /** Forgets queued responses and recorded calls. */
  reset: () => void;
  /** The answer once the queue is empty. */
  otherwise: (response: FakeResponse) => void;
  close: () => Promise<void>;
}

export async function startFakeLlm(): Promise<FakeLlm> {
  const queue: FakeResponse[] = [];
  let fallback: FakeResponse = { status: 500, body: { error: { message: "no scripted response" } } };
  const calls: RecordedCall[] = [];

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: unknown = raw;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        // keep the raw text
      }
      calls.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
      const r = queue.shift() ?? fallback;
      const send = () => {
        if (res.destroyed) return;
        const payload = typeof r.body === "string" ? r.body : JSON.stringify(r.body ?? {});
        res.writeHead(r.status ?? 200, {
          "content-type": typeof r.body === "string" ? "text/plain" : "application/json",
          ...r.headers,
        });
        res.end(payload);
      };
      if (r.delayMs) setTimeout(send, r.delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    enqueue: (...responses) => queue.push(...responses),
    reset: () => {
      queue.length = 0;
      calls.length = 0;
    },
    otherwise: (response) => {
      fallback = response;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A Gemini generateContent answer whose text is `value` (JSON-encoded unless a string). */
export function geminiAnswer(
  value: unknown,
  usage: { prompt: number; completion: number; thoughts?: number } = { prompt: 120, completion: 40 },
): FakeResponse {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return {
    body: {
      candidates: [{ content: { role: "model", parts: [{ text }] }, finishReason: "STOP", index: 0 }],
      usageMetadata: {
        promptTokenCount: usage.prompt,
        candidatesTokenCount: usage.completion,
        ...(usage.thoughts !== undefined ? { thoughtsTokenCount: usage.thoughts } : {}),
        totalTokenCount: usage.prompt + usage.completion + (usage.thoughts ?? 0),
      },
      modelVersion: "gemini-test",
    },
  };
}

/** An OpenAI chat-completions answer whose message content is `value` (JSON-encoded unless a string). */
export function openAiAnswer(value: unknown, usage = { prompt: 100, completion: 30 }): FakeResponse {
  const content = typeof value === "string" ? value : JSON.stringify(value);
  return {
    body: {
      id: "chatcmpl-test",
      object: "chat.completion",
      created: 1_700_000_000,
      model: "test-model",
      choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
      usage: {
        prompt_tokens: usage.prompt,
        completion_tokens: usage.completion,
        total_tokens: usage.prompt + usage.completion,
      },
    },
  };
}

/** A provider error in Google's JSON error shape. */
export function errorAnswer(status: number, headers: Record<string, string> = {}): FakeResponse {
  return { status, headers, body: { error: { code: status, message: `status ${status}`, status: "ERROR" } } };
}
