// Promises created per request on PromptForge's hot paths, per checkout: `node dist/bench/promises.js
// [checkout …]` (each built with `npx tsc -p tsconfig.build.json`; default this one). Builds each app as
// bench/http-inject.ts does (SQLite in a fresh DATA_DIR, rate limit off), makes the user, keys, prompt and
// registry label of bench/hot-path-data.ts, warms each path, then counts the PROMISE resources an
// async_hooks init hook sees over BENCH_PROMISE_REQUESTS requests (default 200) through Fastify's inject.
// inject itself accounts for a few per request, the same in every build. Unlike CPU time the count does not
// depend on the machine's load; every promise also pays the AsyncLocalStorage promise hooks on Node 20.
import { createHook } from "node:async_hooks";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { FastifyInstance, InjectOptions } from "fastify";
import type { BenchCall } from "./hot-path-data.js";

const REQUESTS = Number(process.env.BENCH_PROMISE_REQUESTS ?? 200);

let promises = 0;
const counter = createHook({
  init(_id, type) {
    if (type === "PROMISE") promises++;
  },
});

async function countFor(checkout: string): Promise<Record<string, number>> {
  const env = {
    ...process.env,
    DATA_DIR: mkdtempSync(join(tmpdir(), "promptforge-bench-promises-")),
    RATE_LIMIT_ENABLED: "false",
    LOG_LEVEL: "INFO",
    LOG_FORMAT: "json",
    JWT_SECRET: "bench-secret-bench-secret-bench-secret-0123456789",
    DATABASE_URL: "",
  };
  const load = (file: string) => import(pathToFileURL(resolve(checkout, "dist", file)).href);
  const { buildApp } = await load("src/app.js");
  const { loadConfig, readEnvironment } = await load("src/config.js");
  const { withJwtSecret } = await load("src/startup.js");
  const { seedHotPaths } = await load("bench/hot-path-data.js");
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
  const { jwt, apiKey, promptPath, projectKey, registryPath } = await seedHotPaths(call);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const first = await app.inject({ url: registryPath, headers: bearer(projectKey) });
  const cases: Record<string, InjectOptions> = {
    health: { url: "/health/live" },
    jwt: { url: promptPath, headers: bearer(jwt) },
    apikey: { url: promptPath, headers: { "x-api-key": apiKey } },
    registry: { url: registryPath, headers: bearer(projectKey) },
    registry304: {
      url: registryPath,
      headers: { ...bearer(projectKey), "if-none-match": String(first.headers.etag) },
    },
  };
  const perRequest: Record<string, number> = {};
  for (const [id, request] of Object.entries(cases)) {
    for (let i = 0; i < 50; i++) await app.inject(request);
    promises = 0;
    counter.enable();
    for (let i = 0; i < REQUESTS; i++) await app.inject(request);
    counter.disable();
    perRequest[id] = promises / REQUESTS;
  }
  await app.close();
  return perRequest;
}

const checkouts = process.argv.slice(2).length ? process.argv.slice(2) : ["."];
process.stderr.write(`promises per request over ${REQUESTS} requests (inject's own included)\n`);
for (const checkout of checkouts) {
  const counts = await countFor(checkout);
  process.stderr.write(
    `${checkout}\t${Object.entries(counts)
      .map(([id, n]) => `${id} ${n.toFixed(1)}`)
      .join("\t")}\n`,
  );
}
