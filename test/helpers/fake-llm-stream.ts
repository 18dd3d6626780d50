// A loopback OpenAI-compatible server that streams chat completions as server-sent events, for the
// playground's tests. The model name picks the behaviour: `echo…` streams the last message back word by
// word then the usage chunk (asked for with stream_options.include_usage); `broken` answers HTTP 500;
// `hang` sends one chunk and never ends; `flood` sends 10,000-character chunks until the client goes.
// Every request is recorded with whether the client closed it before the answer ended.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface StreamRequest {
  model: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
  /** The client closed the connection before the server ended the answer. */
  aborted: boolean;
  ended: boolean;
}

export interface FakeStreamServer {
  url: string;
  requests: StreamRequest[];
  /** How many requests of `model` the client closed before the answer ended. */
  abortedCount(model: string): number;
  close(): Promise<void>;
}

const chunk = (res: ServerResponse, data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);

export async function startFakeStreamServer(opts: { delayMs?: number } = {}): Promise<FakeStreamServer> {
  const delay = opts.delayMs ?? 5;
  const requests: StreamRequest[] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    for await (const c of req) raw += c;
    const body = JSON.parse(raw || "{}") as Record<string, unknown>;
    const model = String(body.model);
    const rec: StreamRequest = {
      model,
      body,
      authorization: req.headers.authorization,
      aborted: false,
      ended: false,
    };
    requests.push(rec);
    res.on("close", () => {
      if (!rec.ended) rec.aborted = true;
    });
    if (model === "broken") {
      rec.ended = true;
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "boom" } }));
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream" });
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    if (model === "hang") {
      chunk(res, { choices: [{ delta: { content: "thinking" } }] });
      return; // never ends; the client's abort closes it
    }
    if (model === "flood") {
      while (!res.destroyed && !rec.aborted) {
        chunk(res, { choices: [{ delta: { content: "x".repeat(10_000) } }] });
        await sleep(2);
      }
      return;
    }
    const messages = (body.messages as { content: string }[]) ?? [];
    const last = messages[messages.length - 1]?.content ?? "";
    const words = last.split(/(?<= )/);
    chunk(res, { choices: [{ delta: { role: "assistant" } }] });
    for (const w of words) {
      if (rec.aborted) return;
      chunk(res, { choices: [{ delta: { content: w } }] });
      await sleep(delay);
    }
    chunk(res, { choices: [{ delta: {}, finish_reason: "stop" }] });
    const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage;
    if (includeUsage)
      chunk(res, {
        choices: [],
        usage: {
          prompt_tokens: messages.reduce((n, m) => n + m.content.split(" ").length, 0),
          completion_tokens: words.length,
        },
      });
    res.write("data: [DONE]\n\n");
    rec.ended = true;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    abortedCount: (model) => requests.filter((r) => r.model === model && r.aborted).length,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
