// HTTP throughput of PromptForge against bare Fastify answering the same JSON, measured side by side in
// one run: `npm run bench:http` (builds, then runs dist/bench/http.js). Starts PromptForge from
// dist/src/server.js with --max-semi-space-size=8 as production does (SQLite in a fresh DATA_DIR, JSON log lines at INFO written to
// /dev/null, rate limit off) and bench/bare-server.ts, signs a user in, makes an API key and a prompt,
// then loads each path with autocannon on both servers in turn (the order alternates between rounds) and
// prints each path's medians, the ratio of the medians, and PromptForge's p99 at full load and at half
// of its measured capacity. Finally the RSS of PromptForge after the traffic.
//
// Settings (environment): BENCH_SECONDS per run (default 5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (20,
// as the wrk runs of the issue used), BENCH_JSON=1 for a JSON summary on the last line; for profiling,
// BENCH_PF_FLAGS (node flags for PromptForge, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") and BENCH_CASES
// (which paths: a comma list of health, jwt, apikey, registry, registry304).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { type BenchCall, seedHotPaths } from "./hot-path-data.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - t0 > 90_000) throw new Error(`${url}: no answer within 90 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** CPU seconds (user + system) the process has used so far. */
function cpuSeconds(pid: number): number {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function json(res: Response): Promise<Record<string, unknown>> {
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

// PromptForge, as `npm start` runs it.
const pfPort = await freePort();
const pfBase = `http://127.0.0.1:${pfPort}`;
// The launch flag npm start and the image use (docs/performance.md#memory), then any of BENCH_PF_FLAGS.
const pfFlags = ["--max-semi-space-size=8", ...(process.env.BENCH_PF_FLAGS ?? "").split(" ").filter(Boolean)];
const pf = spawn(process.execPath, [...pfFlags, "dist/src/server.js"], {
  env: {
    ...process.env,
    PORT: String(pfPort),
    HOST: "127.0.0.1",
    DATA_DIR: mkdtempSync(join(tmpdir(), "promptforge-bench-http-")),
    RATE_LIMIT_ENABLED: "false",
    LOG_LEVEL: "INFO",
    LOG_FORMAT: "json",
    JWT_SECRET: "bench-secret-bench-secret-bench-secret-0123456789",
    DATABASE_URL: "",
  },
  stdio: ["ignore", "ignore", "inherit"],
});
// The servers go with this process, however it ends.
const children: ChildProcess[] = [pf];
process.on("exit", () => {
  for (const c of children) c.kill("SIGTERM");
});
await waitUntilUp(`${pfBase}/health/live`, pf);

// The user, keys, prompt and registry label both HTTP benchmarks read (bench/hot-path-data.ts).
const call: BenchCall = async (method, path, body, token) =>
  json(
    await fetch(pfBase + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
const { jwt, apiKey, promptPath, projectKey, registryPath } = await seedHotPaths(call);
const promptBody = await call("GET", promptPath, undefined, jwt);
// The 304 case revalidates with the ETag the first answer carried.
const registryReply = await fetch(pfBase + registryPath, {
  headers: { authorization: `Bearer ${projectKey}` },
});
const registryEtag = registryReply.headers.get("etag") ?? "";
const registryBody = await json(registryReply);

// Bare Fastify with the same bodies.
const barePort = await freePort();
const bare = spawn(process.execPath, ["dist/bench/bare-server.js"], {
  env: {
    ...process.env,
    PORT: String(barePort),
    BARE_BODIES: JSON.stringify({
      "/health/live": {},
      "/api/v1/prompts/:id": promptBody,
      "/api/v1/registry/:project/*": registryBody,
    }),
    BARE_ETAG: registryEtag,
  },
  stdio: ["ignore", "ignore", "inherit"],
});
children.push(bare);
await waitUntilUp(`http://127.0.0.1:${barePort}/health/live`, bare);

interface Case {
  id: string;
  name: string;
  path: string;
  headers: Record<string, string>;
}
const allCases: Case[] = [
  { id: "health", name: "GET /health/live", path: "/health/live", headers: {} },
  {
    id: "jwt",
    name: "GET /api/v1/prompts/:id, JWT",
    path: promptPath,
    headers: { authorization: `Bearer ${jwt}` },
  },
  {
    id: "apikey",
    name: "GET /api/v1/prompts/:id, API key",
    path: promptPath,
    headers: { "x-api-key": apiKey },
  },
  {
    id: "registry",
    name: "GET /api/v1/registry/:project/:name?label=, project API key",
    path: registryPath,
    headers: { authorization: `Bearer ${projectKey}` },
  },
  {
    id: "registry304",
    name: "the same, revalidated: If-None-Match → 304",
    path: registryPath,
    headers: { authorization: `Bearer ${projectKey}`, "if-none-match": registryEtag },
  },
];
const only = process.env.BENCH_CASES?.split(",");
const cases = allCases.filter((c) => !only || only.includes(c.id));
const servers = { bare: `http://127.0.0.1:${barePort}`, promptforge: pfBase } as const;
type ServerName = keyof typeof servers;

interface Run {
  rps: number;
  /** Server CPU time per answered request (µs): unlike req/s, barely moved by other work on the machine. */
  cpuMicros: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(server: ServerName, c: Case, seconds: number, overallRate?: number): Promise<Run> {
  const pid = (server === "bare" ? bare.pid : pf.pid) as number;
  const cpu0 = cpuSeconds(pid);
  const result = await autocannon({
    url: servers[server] + c.path,
    headers: c.headers,
    connections: CONNECTIONS,
    duration: seconds,
    ...(overallRate ? { overallRate } : {}),
  });
  const cpu = cpuSeconds(pid) - cpu0;
  return {
    rps: result.requests.average,
    cpuMicros: (cpu * 1e6) / Math.max(1, result.requests.total),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

// Warm both servers on every path (JIT, lazily compiled validators and serializers, SQLite's cache).
for (const c of cases) for (const s of ["bare", "promptforge"] as const) await load(s, c, 2);

const runs = new Map<string, Run[]>();
for (let round = 0; round < ROUNDS; round++) {
  for (const c of cases) {
    const order: ServerName[] = round % 2 === 0 ? ["bare", "promptforge"] : ["promptforge", "bare"];
    for (const s of order) {
      const run = await load(s, c, SECONDS);
      // A 304 is the answer the revalidation case asks for (autocannon counts it as non-2xx).
      if ((run.non2xx && c.id !== "registry304") || run.errors)
        throw new Error(`${s} ${c.name}: ${run.non2xx} non-2xx, ${run.errors} errors`);
      const key = `${s} ${c.name}`;
      runs.set(key, [...(runs.get(key) ?? []), run]);
      process.stderr.write(
        `round ${round + 1} ${key}: ${Math.round(run.rps)} req/s, p99 ${run.p99} ms, ${Math.round(run.cpuMicros)} µs CPU/request\n`,
      );
    }
  }
}

// p99 at half of PromptForge's measured capacity on each path (a fixed request rate, so the latency
// counts queueing from the intended send time, not from when a busy connection got round to it).
const summary = [];
for (const c of cases) {
  const b = runs.get(`bare ${c.name}`) as Run[];
  const p = runs.get(`promptforge ${c.name}`) as Run[];
  const pfMedian = median(p.map((r) => r.rps));
  const bareMedian = median(b.map((r) => r.rps));
  const half = await load("promptforge", c, SECONDS, Math.round(pfMedian / 2));
  summary.push({
    path: c.name,
    bare_rps: b.map((r) => Math.round(r.rps)),
    promptforge_rps: p.map((r) => Math.round(r.rps)),
    bare_median: Math.round(bareMedian),
    promptforge_median: Math.round(pfMedian),
    ratio: pfMedian / bareMedian,
    bare_cpu_us: Math.round(median(b.map((r) => r.cpuMicros))),
    promptforge_cpu_us: Math.round(median(p.map((r) => r.cpuMicros))),
    promptforge_p99_full_ms: median(p.map((r) => r.p99)),
    promptforge_p99_half_ms: half.p99,
    half_rate: Math.round(pfMedian / 2),
  });
}
const rss = rssMiB(pf.pid as number);
pf.kill("SIGTERM");
bare.kill("SIGTERM");

const pct = (x: number) => `${Math.round(x * 100)} %`;
console.log(
  `\n${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${ROUNDS} rounds of ${SECONDS} s, ` +
    `${CONNECTIONS} connections, SQLite, rate limit off, JSON logs at INFO`,
);
console.log(
  "| path | bare Fastify req/s (median; runs) | PromptForge req/s (median; runs) | ratio | CPU µs/request bare, PromptForge (ratio) | p99 full load | p99 at half capacity |",
);
console.log("|---|---|---|---:|---|---:|---:|");
for (const s of summary) {
  console.log(
    `| ${s.path} | ${s.bare_median} (${s.bare_rps.join(", ")}) | ${s.promptforge_median} (${s.promptforge_rps.join(", ")}) | ` +
      `**${pct(s.ratio)}** | ${s.bare_cpu_us}, ${s.promptforge_cpu_us} (${pct(s.bare_cpu_us / s.promptforge_cpu_us)}) | ${s.promptforge_p99_full_ms} ms | ${s.promptforge_p99_half_ms} ms at ${s.half_rate}/s |`,
  );
}
console.log(`PromptForge RSS after the traffic: ${rss.toFixed(1)} MiB`);
if (process.env.BENCH_JSON) console.log(JSON.stringify({ summary, rss_mib: rss }));
