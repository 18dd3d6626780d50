// How long a Prometheus scrape of GET /metrics takes with about 1,000 series: builds the real app
// (SQLite in a fresh DATA_DIR), fills the HTTP metrics with request series for as many route templates
// as it takes to pass the series count, listens on a loopback port and times sequential scrapes over
// HTTP. Run: npm run build && node dist/bench/metrics-scrape.js [series] [scrapes]
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";

const wanted = Number(process.argv[2] ?? 1000);
const scrapes = Number(process.argv[3] ?? 200);

const config = loadConfig({
  DATA_DIR: mkdtempSync(join(tmpdir(), "promptforge-bench-metrics-")),
  LOG_LEVEL: "ERROR",
  RATE_LIMIT_ENABLED: "false",
  JWT_SECRET: "bench-secret-bench-secret-bench-secret-0123456789",
  SERVE_WEB: "false",
  RESCORE_ENABLED: "false",
});
const app = await buildApp({ config });
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address() as { port: number };
const url = `http://127.0.0.1:${address.port}/metrics`;
const { metrics } = app.deps;

const seriesIn = (text: string) => text.split("\n").filter((l) => l && !l.startsWith("#")).length;

// What a busy instance accumulates: per route template a request counter per status, a latency
// histogram and an in-progress gauge.
let templates = 0;
let text = await (await fetch(url)).text();
while (seriesIn(text) < wanted) {
  for (let i = 0; i < 5; i++, templates++) {
    const endpoint = `/api/v1/resource-${templates}/:id`;
    for (const status of ["200", "404"]) metrics.httpRequestsTotal.labels("GET", endpoint, status).inc();
    metrics.httpRequestDuration.labels("GET", endpoint).observe(0.004);
    metrics.httpRequestsInProgress.labels("GET", endpoint).set(0);
  }
  text = await (await fetch(url)).text();
}

for (let i = 0; i < 20; i++) await (await fetch(url)).text(); // warm-up
const times: number[] = [];
const cpu0 = process.cpuUsage();
for (let i = 0; i < scrapes; i++) {
  const t0 = performance.now();
  text = await (await fetch(url)).text();
  times.push(performance.now() - t0);
}
const cpu = process.cpuUsage(cpu0);
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] as number;
console.log(
  `${seriesIn(text)} series (${templates} route templates), ${(text.length / 1024).toFixed(0)} KiB per scrape, ${scrapes} scrapes: ` +
    `median ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms, ` +
    `${((cpu.user + cpu.system) / 1000 / scrapes).toFixed(2)} ms CPU per scrape (server and client in one process)`,
);
await app.close();
