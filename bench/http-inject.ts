// CPU per request of PromptForge's hot paths in one process, through Fastify's inject (no sockets):
// `node dist/bench/http-inject.js [checkout …]` builds the app of each checkout given (default: this one,
// after `npx tsc -p tsconfig.build.json` there) as `npm start` would (SQLite in a fresh DATA_DIR, rate
// limit off, JSON logs at INFO — run with `>/dev/null` to drop them), makes the user, keys, prompt and
// registry label bench/http.ts uses, then times BENCH_INJECT_REQUESTS requests per path, BENCH_INJECT_REPEATS
// times, alternating the checkouts. It prints the process CPU time per request (user + system), the lowest
// and the median of the repeats: on a shared machine the lowest is the least disturbed. The socket write
// and HTTP parsing are not included (the same for every build); bench/http.ts measures those too.
// Each in-flight slot yields to the event loop after each answer (BENCH_INJECT_YIELD=0 turns it off), as
// a request read from a socket arrives in an event-loop turn of its own: without it, nothing ran the
// check phase until a whole batch ended, and the setImmediate callbacks inject and Node's response leave
// behind piled up (about 10 kB a request, kept alive through every young collection), so garbage
// collection took a quarter to a half of the measured CPU, the same in every build.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { FastifyInstance, InjectOptions } from "fastify";
import { type BenchCall, seedHotPaths } from "./hot-path-data.js";

const REQUESTS = Number(process.env.BENCH_INJECT_REQUESTS ?? 2000);
const REPEATS = Number(process.env.BENCH_INJECT_REPEATS ?? 7);
/** Requests in flight at once, as several client connections would keep them. */
const CONCURRENCY = 10;
const YIELD = process.env.BENCH_INJECT_YIELD !== "0";
const CASES = (process.env.BENCH_CASES ?? "health,jwt,apikey,registry,registry304").split(",");

interface Case {
  id: string;
  request: InjectOptions;
  status: number;
}

async function setUp(checkout: string): Promise<{ app: FastifyInstance; cases: Case[] }> {
  const env = {
    ...process.env,
    DATA_DIR: mkdtempSync(join(tmpdir(), "promptforge-bench-inject-")),
    RATE_LIMIT_ENABLED: "false",
    LOG_LEVEL: "INFO",
    LOG_FORMAT: "json",
    JWT_SECRET: "bench-secret-bench-secret-bench-secret-0123456789",
    DATABASE_URL: "",
  };
  const load = (file: string) => import(pathToFileURL(resolve(checkout, "dist/src", file)).href);
  const { buildApp } = await load("app.js");
  const { loadConfig, readEnvironment } = await load("config.js");
  const { withJwtSecret } = await load("startup.js");
  const config = withJwtSecret(loadConfig(readEnvironment(env, checkout)));
  const app = (await buildApp({ config })) as FastifyInstance;
  await app.ready();

  const call: BenchCall = async (method, url, body, token) => {
    const res = await app.inject({
      method,
      url,
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as Record<string, unknown>;
  };
  const { jwt, apiKey, promptPath, projectKey, registryPath: registryUrl } = await seedHotPaths(call);
  const first = await app.inject({ url: registryUrl, headers: { authorization: `Bearer ${projectKey}` } });
  const etag = String(first.headers.etag);
  const all: Case[] = [
    { id: "health", request: { url: "/health/live" }, status: 200 },
    {
      id: "jwt",
      request: { url: promptPath, headers: { authorization: `Bearer ${jwt}` } },
      status: 200,
    },
    {
      id: "apikey",
      request: { url: promptPath, headers: { "x-api-key": apiKey } },
      status: 200,
    },
    {
      id: "registry",
      request: { url: registryUrl, headers: { authorization: `Bearer ${projectKey}` } },
      status: 200,
    },
    {
      id: "registry304",
      request: {
        url: registryUrl,
        headers: { authorization: `Bearer ${projectKey}`, "if-none-match": etag },
      },
      status: 304,
    },
  ];
  return { app, cases: all.filter((c) => CASES.includes(c.id)) };
}

/** CPU microseconds per request over `n` requests of `c`. */
async function measure(app: FastifyInstance, c: Case, n: number): Promise<number> {
  const t0 = process.cpuUsage();
  let sent = 0;
  const worker = async () => {
    while (sent < n) {
      sent++;
      const res = await app.inject(c.request);
      if (res.statusCode !== c.status) throw new Error(`${c.id}: ${res.statusCode} ${res.body}`);
      if (YIELD) await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const used = process.cpuUsage(t0);
  return (used.user + used.system) / n;
}

const checkouts = process.argv.slice(2).length ? process.argv.slice(2) : ["."];
const built = [];
for (const checkout of checkouts) built.push({ checkout, ...(await setUp(checkout)) });
// Warm every path of every build (JIT, lazily compiled validators and serializers, caches).
for (const b of built) for (const c of b.cases) await measure(b.app, c, REQUESTS);

const results = new Map<string, number[]>();
for (let r = 0; r < REPEATS; r++) {
  for (const b of r % 2 === 0 ? built : [...built].reverse()) {
    for (const c of b.cases) {
      const key = `${c.id}\t${b.checkout}`;
      results.set(key, [...(results.get(key) ?? []), await measure(b.app, c, REQUESTS)]);
    }
  }
}
for (const b of built) await b.app.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
process.stderr.write(
  `${REPEATS} repeats of ${REQUESTS} requests, ${CONCURRENCY} in flight${YIELD ? ", yielding after each" : ""}; CPU µs/request\n`,
);
process.stderr.write("path\tcheckout\tlowest\tmedian\n");
for (const [key, xs] of results)
  process.stderr.write(`${key}\t${Math.min(...xs).toFixed(1)}\t${median(xs).toFixed(1)}\n`);
