// How long an evaluation run takes end to end: N items (default 200) against a loopback
// OpenAI-compatible server answering after a fixed delay (default 50 ms, a fast model), with the run's
// concurrency (default 8), through the real app, client and worker on an embedded SQLite file — or on
// PostgreSQL with pg-boss when DATABASE_URL is set. Prints one JSON line with the wall time.
//   npx tsx bench/evaluation-run.ts [--items 200] [--concurrency 8] [--delay 50]
import { mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildApp } from "../src/app.js";
import { loadConfig, processEnvironment } from "../src/config.js";

const { values: args } = parseArgs({
  options: {
    items: { type: "string", default: "200" },
    concurrency: { type: "string", default: "8" },
    delay: { type: "string", default: "50" },
  },
});
const items = Number(args.items);
const concurrency = Number(args.concurrency);
const delayMs = Number(args.delay);

// The model: echoes the prompt after `delay` ms, with word counts as usage.
let calls = 0;
const model = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    calls++;
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { messages: { content: string }[] };
    const text = body.messages.map((m) => m.content).join(" ");
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          choices: [{ index: 0, message: { role: "assistant", content: `echo ${text}` } }],
          usage: { prompt_tokens: text.split(" ").length, completion_tokens: text.split(" ").length + 1 },
        }),
      );
    }, delayMs);
  });
});
await new Promise<void>((r) => model.listen(0, "127.0.0.1", r));
const modelUrl = `http://127.0.0.1:${(model.address() as AddressInfo).port}/v1`;

const env = processEnvironment();
const config = loadConfig({
  DATA_DIR: mkdtempSync(join(tmpdir(), "pf-bench-eval-")),
  DATABASE_URL: env.DATABASE_URL,
  LOG_LEVEL: "ERROR",
  RATE_LIMIT_ENABLED: "false",
  SERVE_WEB: "false",
  RESCORE_ENABLED: "false",
  JWT_SECRET: "bench-secret-bench-secret-bench-secret-0123",
  OPENAI_BASE_URL: modelUrl,
  OPENAI_MODEL: "bench-model",
  ANALYSIS_PROVIDER: "local",
  EVALUATION_POLL_INTERVAL_MS: "50",
});
const app = await buildApp({ config, commit: "bench" });
await app.ready();

const inject = async (method: "GET" | "POST", url: string, payload?: object, token?: string) => {
  const res = await app.inject({
    method,
    url,
    ...(payload ? { payload } : {}),
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
};
await inject("POST", "/api/v1/auth/register", {
  username: "evalrunner",
  email: "evalrunner@example.com",
  password: "Quartz-Falcon-Meadow-8841",
});
const { access_token: token } = await inject("POST", "/api/v1/auth/login", {
  username: "evalrunner",
  password: "Quartz-Falcon-Meadow-8841",
});
const projects = await inject("GET", "/api/v1/projects", undefined, token);
const base = `/api/v1/projects/${projects.items[0].slug}`;
const prompt = await inject(
  "POST",
  `${base}/prompts`,
  { title: "Bench", content: "Classify {{text}}." },
  token,
);
const dataset = await inject(
  "POST",
  `${base}/datasets`,
  {
    name: "bench",
    items: Array.from({ length: items }, (_, i) => ({
      variables: { text: `item ${i}` },
      expected: `echo Classify item ${i}.`,
    })),
  },
  token,
);

const started = performance.now();
const run = await inject(
  "POST",
  `${base}/prompts/${prompt.id}/evaluations`,
  { dataset_id: dataset.id, targets: [{ provider: "openai", model: "bench-model" }], concurrency },
  token,
);
let done: { status: string; summary: { pass_rate: number }[]; progress: { done: number } };
for (;;) {
  done = await inject("GET", `${base}/evaluations/${run.id}?results=false`, undefined, token);
  if (["completed", "failed", "cancelled"].includes(done.status)) break;
  await new Promise((r) => setTimeout(r, 20));
}
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    database: config.DATABASE_URL ? "postgres" : "sqlite",
    items,
    concurrency,
    model_delay_ms: delayMs,
    status: done.status,
    pass_rate: done.summary[0]?.pass_rate,
    model_calls: calls,
    seconds: Math.round(seconds * 100) / 100,
    items_per_second: Math.round((items / seconds) * 10) / 10,
    floor_seconds: Math.round(((items / concurrency) * delayMs) / 10) / 100,
  }),
);
await app.close();
model.close();
