// HTTP throughput of PromptForge against bare Fastify answering the same JSON, measured side by side in
// one run: `npm run bench:http` (builds, then runs dist/bench/http.js). Starts PromptForge from
// dist/src/server.js with --max-semi-space-size=8 as production does (SQLite in a fresh DATA_DIR, JSON log lines at INFO written to
// /dev/null, rate limit off) and bench/bare-server.ts, signs a user in, makes an API key and a prompt,
// then loads each path with wrk (where installed; autocannon otherwise) on both servers in turn (the order
// alternates between rounds) and prints each path's medians, the ratio of the medians, each server's CPU
// time per request and the kernel's share of it, and PromptForge's p99 at full load and at half of its
// measured capacity (autocannon: wrk has no fixed rate). Finally the RSS of PromptForge after the traffic.
//
// Settings (environment): BENCH_SECONDS per run (default 5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (20,
// as the wrk runs of the issue used), BENCH_LOADGEN (wrk or autocannon; default wrk when on the PATH),
// BENCH_BARE_HEADERS=1 (bare Fastify also sends every response header PromptForge sent on that path, so
// the ratio shows what the headers alone cost), BENCH_JSON=1 for a JSON summary on the last line; for
// profiling, BENCH_PF_FLAGS (node flags for PromptForge, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") and
// BENCH_CASES (which paths: a comma list of health, jwt, apikey, registry, registry304).
import { type ChildProcess, execFile, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { type BenchCall, seedHotPaths } from "./hot-path-data.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const WRK_FOUND = spawnSync("wrk", ["--version"]).error === undefined;
const LOADGEN = process.env.BENCH_LOADGEN ?? (WRK_FOUND ? "wrk" : "autocannon");
const BARE_HEADERS = process.env.BENCH_BARE_HEADERS === "1";

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

/** CPU seconds the process has used so far, in user space and in the kernel (sockets, epoll). */
function cpuSeconds(pid: number): { user: number; system: number } {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
}

async function json(res: Response): Promise<Record<string, unknown>> {
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

// PromptForge, as `npm start` runs it.
const pfPort = await freePort();
const pfBase = `http://127.0.0.1:${pfPort}`;
// The launch flags npm start and the image use (docs/performance.md: memory, regular expressions), then any of BENCH_PF_FLAGS.
const pfFlags = [
  "--max-semi-space-size=8",
  "--no-regexp-tier-up",
  ...(process.env.BENCH_PF_FLAGS ?? "").split(" ").filter(Boolean),
];
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
const registryHeaders = Object.fromEntries(registryReply.headers);
const registryBody = await json(registryReply);

// The headers PromptForge answered each path with, for BENCH_BARE_HEADERS; framing and per-answer values
// (length, date, connection, the body's type) bare Fastify sets itself; x-request-id it makes per request.
const FRAMING = new Set([
  "content-length",
  "date",
  "connection",
  "keep-alive",
  "content-type",
  "transfer-encoding",
]);
async function headersOf(path: string, headers: Record<string, string>, given?: Record<string, string>) {
  const all = given ?? Object.fromEntries((await fetch(pfBase + path, { headers })).headers);
  return Object.fromEntries(Object.entries(all).filter(([name]) => !FRAMING.has(name)));
}
const bareHeaders = BARE_HEADERS
  ? {
      "/health/live": await headersOf("/health/live", {}),
      "/api/v1/prompts/:id": await headersOf(promptPath, { authorization: `Bearer ${jwt}` }),
      "/api/v1/registry/:project/*": await headersOf(registryPath, {}, registryHeaders),
    }
  : {};

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
    BARE_HEADERS: JSON.stringify(bareHeaders),
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
  /** The kernel's share of that CPU time (system over user + system). */
  kernelShare: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

interface LoadResult {
  rps: number;
  total: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function runAutocannon(
  url: string,
  c: Case,
  seconds: number,
  overallRate?: number,
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    headers: c.headers,
    connections: CONNECTIONS,
    duration: seconds,
    ...(overallRate ? { overallRate } : {}),
  });
  return {
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** A wrk duration ("812.00us", "1.20ms", "2.01s") in milliseconds. */
function wrkMillis(text: string | undefined): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text ?? "");
  if (!m) return Number.NaN;
  const scale = { us: 1e-3, ms: 1, s: 1e3, m: 6e4 }[m[2] as "us" | "ms" | "s" | "m"];
  return Number(m[1]) * scale;
}

/** One wrk run with one thread, as the figures were taken; wrk costs far less CPU than autocannon. */
function runWrk(url: string, c: Case, seconds: number): Promise<LoadResult> {
  const args = ["-t1", `-c${CONNECTIONS}`, `-d${seconds}s`, "--latency"];
  for (const [name, value] of Object.entries(c.headers)) args.push("-H", `${name}: ${value}`);
  return new Promise((resolve, reject) => {
    execFile("wrk", [...args, url], (err, out) => {
      if (err) return reject(err);
      const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
      resolve({
        rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]),
        total: Number(/(\d+) requests in/.exec(out)?.[1]),
        // The latency distribution's own lines: a standard deviation column such as "89.99%" must not match.
        p50: wrkMillis(/^\s*50%\s+(\S+)/m.exec(out)?.[1]),
        p99: wrkMillis(/^\s*99%\s+(\S+)/m.exec(out)?.[1]),
        non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
        errors: errors ? errors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
      });
    });
  });
}

async function load(server: ServerName, c: Case, seconds: number, overallRate?: number): Promise<Run> {
  const pid = (server === "bare" ? bare.pid : pf.pid) as number;
  const cpu0 = cpuSeconds(pid);
  const url = servers[server] + c.path;
  const result =
    LOADGEN === "wrk" && !overallRate
      ? await runWrk(url, c, seconds)
      : await runAutocannon(url, c, seconds, overallRate);
  const cpu1 = cpuSeconds(pid);
  const user = cpu1.user - cpu0.user;
  const system = cpu1.system - cpu0.system;
  return {
    rps: result.rps,
    cpuMicros: ((user + system) * 1e6) / Math.max(1, result.total),
    kernelShare: system / Math.max(1e-9, user + system),
    p50: result.p50,
    p99: result.p99,
    non2xx: result.non2xx,
    errors: result.errors,
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
        `round ${round + 1} ${key}: ${Math.round(run.rps)} req/s, p99 ${run.p99} ms, ${Math.round(run.cpuMicros)} µs CPU/request (${Math.round(run.kernelShare * 100)} % kernel)\n`,
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
  // the control: bare Fastify at the same rate, through the same load generator on the same machine (what
  // the generator and the machine add to a p99 shows here too)
  const bareHalf = await load("bare", c, SECONDS, Math.round(pfMedian / 2));
  summary.push({
    path: c.name,
    bare_rps: b.map((r) => Math.round(r.rps)),
    promptforge_rps: p.map((r) => Math.round(r.rps)),
    bare_median: Math.round(bareMedian),
    promptforge_median: Math.round(pfMedian),
    ratio: pfMedian / bareMedian,
    bare_cpu_us: Math.round(median(b.map((r) => r.cpuMicros))),
    promptforge_cpu_us: Math.round(median(p.map((r) => r.cpuMicros))),
    bare_kernel_share: median(b.map((r) => r.kernelShare)),
    promptforge_kernel_share: median(p.map((r) => r.kernelShare)),
    promptforge_p99_full_ms: median(p.map((r) => r.p99)),
    promptforge_p99_half_ms: half.p99,
    bare_p99_half_ms: bareHalf.p99,
    half_rate: Math.round(pfMedian / 2),
  });
}
const rss = rssMiB(pf.pid as number);
pf.kill("SIGTERM");
bare.kill("SIGTERM");

const pct = (x: number) => `${Math.round(x * 100)} %`;
console.log(
  `\n${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${ROUNDS} rounds of ${SECONDS} s, ` +
    `${CONNECTIONS} connections, ${LOADGEN}, SQLite, rate limit off, JSON logs at INFO` +
    (BARE_HEADERS ? ", bare Fastify with PromptForge's response headers" : ""),
);
console.log(
  "| path | bare Fastify req/s (median; runs) | PromptForge req/s (median; runs) | ratio | CPU µs/request bare, PromptForge (ratio) | kernel share of CPU bare, PromptForge | p99 full load | p99 at half capacity (bare Fastify at that rate) |",
);
console.log("|---|---|---|---:|---|---|---:|---:|");
for (const s of summary) {
  console.log(
    `| ${s.path} | ${s.bare_median} (${s.bare_rps.join(", ")}) | ${s.promptforge_median} (${s.promptforge_rps.join(", ")}) | ` +
      `**${pct(s.ratio)}** | ${s.bare_cpu_us}, ${s.promptforge_cpu_us} (${pct(s.bare_cpu_us / s.promptforge_cpu_us)}) | ${pct(s.bare_kernel_share)}, ${pct(s.promptforge_kernel_share)} | ${s.promptforge_p99_full_ms} ms | ${s.promptforge_p99_half_ms} ms at ${s.half_rate}/s (${s.bare_p99_half_ms} ms) |`,
  );
}
console.log(`PromptForge RSS after the traffic: ${rss.toFixed(1)} MiB`);
if (process.env.BENCH_JSON) console.log(JSON.stringify({ summary, rss_mib: rss }));
