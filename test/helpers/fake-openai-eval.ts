// An OpenAI-compatible chat-completions server on 127.0.0.1 that answers deterministically per input,
// for evaluation tests through the real client. The prompt steers it:
//   say:<text>      the answer is <text> (to the end of the line); otherwise "echo: <last user message>"
//   #fail=<status>  answers that HTTP status every time
//   #flaky=<n>      answers 500 to the first n calls with this input, then normally
//   #slow=<ms>      waits that long first
//   #malformed      a body that is not JSON;  #empty: a message without content
// A judge request (its user message holds <rubric>) passes when the <output> section contains "good".
// Usage is counted in words (input: every message; output: the answer). Calls are recorded per input.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeEvalLlm {
  /** http://127.0.0.1:<port>/v1 — what OPENAI_BASE_URL takes. */
  baseUrl: string;
  /** Calls per last user message (judge calls under "judge:<output>"). */
  callsByInput: Map<string, number>;
  /** Every call's model, in order. */
  models: string[];
  /** Largest number of requests in flight at once. */
  maxInFlight: number;
  totalCalls: () => number;
  reset: () => void;
  close: () => Promise<void>;
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

export async function startFakeEvalLlm(): Promise<FakeEvalLlm> {
  const callsByInput = new Map<string, number>();
  const models: string[] = [];
  let inFlight = 0;
  const state = { maxInFlight: 0 };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, inFlight);
      let ended = false;
      const done = () => {
        if (!ended) {
          ended = true;
          inFlight--;
        }
      };
      res.on("close", done);
      const send = (status: number, body: unknown) => {
        if (res.destroyed) return;
        const text = typeof body === "string" ? body : JSON.stringify(body);
        res.writeHead(status, { "content-type": "application/json" });
        res.end(text);
      };
      if (req.method === "GET" && req.url?.endsWith("/models")) {
        send(200, { data: [{ id: "fake-model" }] });
        return;
      }
      let body: { model?: string; messages?: { role: string; content: string }[] };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        send(400, { error: { message: "not JSON" } });
        return;
      }
      const messages = body.messages ?? [];
      models.push(body.model ?? "");
      const lastUser = [...messages].reverse().find((m) => m.role === "user")?.content ?? "";
      const all = messages.map((m) => m.content).join("\n");
      const isJudge = lastUser.includes("<rubric>");
      const judged = isJudge ? (/<output>\n([\s\S]*?)\n<\/output>/.exec(lastUser)?.[1] ?? "") : "";
      const key = isJudge ? `judge:${judged}` : lastUser;
      const n = (callsByInput.get(key) ?? 0) + 1;
      callsByInput.set(key, n);

      let answer: string;
      if (isJudge) {
        const good = judged.includes("good");
        answer = JSON.stringify({
          passed: good,
          score: good ? 0.9 : 0.2,
          reason: good ? "The output is good." : "The output is not good.",
        });
      } else {
        const say = /say:(.*)$/m.exec(all);
        answer = say ? (say[1] as string).trim() : `echo: ${lastUser}`;
      }
      const reply = () => {
        const fail = /#fail=(\d{3})/.exec(all);
        if (fail) return send(Number(fail[1]), { error: { message: `status ${fail[1]}` } });
        const flaky = /#flaky=(\d+)/.exec(all);
        if (flaky && n <= Number(flaky[1])) return send(500, { error: { message: "flaky" } });
        if (all.includes("#malformed")) return send(200, "this is not json");
        const content = all.includes("#empty") ? "" : answer;
        send(200, {
          id: "chatcmpl-fake",
          object: "chat.completion",
          model: body.model,
          choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
          usage: {
            prompt_tokens: words(all),
            completion_tokens: words(content),
            total_tokens: words(all) + words(content),
          },
        });
      };
      const slow = /#slow=(\d+)/.exec(all);
      if (slow) setTimeout(reply, Number(slow[1])).unref();
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    callsByInput,
    models,
    get maxInFlight() {
      return state.maxInFlight;
    },
    totalCalls: () => [...callsByInput.values()].reduce((a, b) => a + b, 0),
    reset: () => {
      callsByInput.clear();
      models.length = 0;
      state.maxInFlight = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
