// Several instances on one database and one Redis (REDIS_URL): the API rate limit is counted once for all
// of them, and a key revoked through one instance is refused by the other as soon as the invalidation
// arrives — the clock here never moves, so the AUTH_CACHE_SECONDS bound cannot be what ends it. With Redis
// unreachable (at start or later) requests still succeed and the limit is counted per instance.
// Needs the local Redis at 127.0.0.1:6379 (.ci/run starts it); each test uses its own key prefix.
import { randomBytes } from "node:crypto";
import { type AddressInfo, connect, createServer } from "node:net";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import type { DatabaseHandle } from "../../src/db/database.js";
import { createAccountKey, registerAccount, signIn } from "../helpers/accounts.js";
import {
  buildTestApp,
  DB_TARGETS,
  openSharedTestDatabase,
  type TestApp,
  testConfig,
} from "../helpers/app.js";
import { metricValue } from "../helpers/metrics.js";
import { startTcpProxy } from "../helpers/tcp-proxy.js";
import { projectKey } from "../projects/project-helpers.js";
import { call, promptWithVersions, team } from "../registry/registry-helpers.js";

const REDIS_URL = process.env.PROMPTFORGE_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const PASSWORD = "amber-falcon-orchard-19";
const NOW = Date.parse("2026-04-01T09:00:00.000Z");
const LIMIT = 6;

/** Whether the test Redis answers a PING (a plain socket: the answer must come at once, not as a time-out). */
async function redisAnswers(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(u.port || 6379), u.hostname);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (d) => done(d.toString().startsWith("+PONG")));
  });
}

// Without Redis these tests are skipped with a line saying so, or fail with PROMPTFORGE_REQUIRE_TEST_TOOLS=1.
const haveRedis = await redisAnswers(REDIS_URL);
if (!haveRedis) {
  const line = `Redis does not answer at ${new URL(REDIS_URL).host}: start redis-server (as .ci/run does) or set PROMPTFORGE_TEST_REDIS_URL`;
  if (process.env.PROMPTFORGE_REQUIRE_TEST_TOOLS === "1") throw new Error(line);
  console.warn(`skipping the several-instances tests: ${line}`);
}

const prefix = () => `pf-test-${randomBytes(5).toString("hex")}:`;

/**
 * A port where Redis never answers: a listener that drops every connection at once. It stays open for the
 * test, so no other test's server can be given the same port meanwhile and answer in Redis's place.
 */
async function deadPort(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function until(check: () => Promise<boolean>, timeoutMs = 3000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

describe.skipIf(!haveRedis).each(DB_TARGETS)("instances sharing Redis (%s)", (target) => {
  let aDb: DatabaseHandle;
  let bDb: DatabaseHandle;
  let drop: () => Promise<void>;
  let probe: Redis;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    const config = testConfig();
    // Two database handles on one database, as two instances have.
    ({ a: aDb, b: bDb, drop } = await openSharedTestDatabase(target, config));
    probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await probe.connect();
  });
  afterEach(async () => {
    for (const t of apps.splice(0)) await t.close();
  });
  afterAll(async () => {
    probe?.disconnect();
    await bDb?.close();
    await drop?.();
  });

  async function instance(db: DatabaseHandle, env: Record<string, string>, logLines?: string[]) {
    const t = await buildTestApp({ target, db, clock: () => NOW, env, logLines });
    apps.push(t);
    return t;
  }

  async function pair(env: Record<string, string>) {
    return [await instance(aDb, env), await instance(bDb, env)] as const;
  }

  const limited = (extra: Record<string, string> = {}) => ({
    RATE_LIMIT_ENABLED: "true",
    RATE_LIMIT_MAX: String(LIMIT),
    RATE_LIMIT_WINDOW: "60",
    ...extra,
  });

  // A public API route: the rate limit counts it (a request refused by authentication never reaches the limit).
  const hit = (t: TestApp) => t.app.inject({ method: "GET", url: "/api/v1/schemas/prompt-config.json" });

  async function connected(t: TestApp) {
    return until(async () => (await metricValue(t.app, "promptforge_redis_up")) === 1);
  }

  /** Whether `count` instances listen on the invalidation channel (within 3 s). */
  const subscribers = (keyPrefix: string, count: number) =>
    until(async () => {
      const [, n] = (await probe.pubsub("NUMSUB", `${keyPrefix}auth-invalidate`)) as [string, number];
      return Number(n) === count;
    });

  it("counts the rate limit once across both instances: N requests split over them reach the limit at N", async () => {
    const keyPrefix = prefix();
    const [a, b] = await pair(limited({ REDIS_URL, REDIS_KEY_PREFIX: keyPrefix }));
    expect(await connected(a)).toBe(true);
    expect(await connected(b)).toBe(true);
    const detailed = (await a.app.inject({ method: "GET", url: "/health/detailed" })).json();
    expect(detailed.checks.redis.status).toBe("healthy");
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) statuses.push((await hit(i % 2 ? b : a)).statusCode);
    expect(statuses.every((s) => s !== 429)).toBe(true);
    const over = [await hit(a), await hit(b)];
    expect(over.map((r) => r.statusCode)).toEqual([429, 429]);
    expect(over[1]?.json().error.code).toBeDefined();
    // The counter lives under the configured prefix, and nothing outside it was written.
    const keys = await probe.keys(`${keyPrefix}*`);
    expect(keys.length).toBe(1);
    expect(keys[0]?.startsWith(`${keyPrefix}rate-limit:`)).toBe(true);
    expect(await probe.pttl(keys[0] as string)).toBeGreaterThan(0);
    await probe.del(...keys);
  });

  it("without REDIS_URL, each instance counts on its own (as before)", async () => {
    const [a, b] = await pair(limited());
    expect((await a.app.inject({ method: "GET", url: "/health/detailed" })).json().checks.redis).toEqual({
      status: "not_configured",
      response_time_ms: null,
    });
    // No Redis on purpose: the RedisUnreachable alert reads this, not promptforge_redis_up (0 here too).
    expect(await metricValue(a.app, "promptforge_redis_configured")).toBe(0);
    for (let i = 0; i < LIMIT; i++) expect((await hit(a)).statusCode).not.toBe(429);
    expect((await hit(a)).statusCode).toBe(429);
    expect((await hit(b)).statusCode).not.toBe(429);
  });

  it("refuses a key revoked on one instance on the other at once, long before AUTH_CACHE_SECONDS", async () => {
    const keyPrefix = prefix();
    const env = { REDIS_URL, REDIS_KEY_PREFIX: keyPrefix, AUTH_CACHE_SECONDS: "300" };
    const [a, b] = await pair(env);
    // Both subscribers are listening before the change is made.
    expect(await subscribers(keyPrefix, 2)).toBe(true);
    const name = `owner${randomBytes(3).toString("hex")}`;
    await registerAccount(a.app, name, PASSWORD);
    const owner = { authorization: `Bearer ${(await signIn(a.app, name, PASSWORD)).json().access_token}` };
    const key = await createAccountKey(a.app, owner, "scripts");
    const me = (t: TestApp) =>
      t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { "x-api-key": key } });
    expect((await me(a)).statusCode).toBe(200);
    // Let the invalidations of the account's own writes arrive first, then look the key up on B.
    await new Promise((r) => setTimeout(r, 300));
    expect((await me(b)).statusCode).toBe(200); // B now holds the look-up for 300 s of a clock that never moves
    const id = (await a.app.inject({ method: "GET", url: "/api/v1/auth/api-keys", headers: owner })).json()
      .items[0].id;
    const started = Date.now();
    expect(
      (await a.app.inject({ method: "DELETE", url: `/api/v1/auth/api-keys/${id}`, headers: owner }))
        .statusCode,
    ).toBe(204);
    expect((await me(a)).statusCode).toBe(401);
    expect(await until(async () => (await me(b)).statusCode === 401, 2000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("empties the cache of an instance that was cut off from Redis when it reconnects (it may have missed a revocation)", async () => {
    const keyPrefix = prefix();
    const proxy = await startTcpProxy("127.0.0.1", Number(new URL(REDIS_URL).port || 6379));
    const env = { REDIS_KEY_PREFIX: keyPrefix, AUTH_CACHE_SECONDS: "300" };
    const a = await instance(aDb, { ...env, REDIS_URL });
    const b = await instance(bDb, { ...env, REDIS_URL: `redis://127.0.0.1:${proxy.port}` });
    expect(await connected(b)).toBe(true);
    expect(await subscribers(keyPrefix, 2)).toBe(true);
    const name = `cut${randomBytes(3).toString("hex")}`;
    await registerAccount(a.app, name, PASSWORD);
    const owner = { authorization: `Bearer ${(await signIn(a.app, name, PASSWORD)).json().access_token}` };
    const key = await createAccountKey(a.app, owner, "scripts");
    const me = (t: TestApp) =>
      t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { "x-api-key": key } });
    // Let the invalidations of the account's own writes arrive first, then look the key up on B.
    await new Promise((r) => setTimeout(r, 300));
    expect((await me(b)).statusCode).toBe(200);
    proxy.cut();
    expect(await until(async () => (await metricValue(b.app, "promptforge_redis_up")) === 0)).toBe(true);
    const id = (await a.app.inject({ method: "GET", url: "/api/v1/auth/api-keys", headers: owner })).json()
      .items[0].id;
    await a.app.inject({ method: "DELETE", url: `/api/v1/auth/api-keys/${id}`, headers: owner });
    // B missed the message and its clock stands still: it still trusts its look-up…
    expect((await me(b)).statusCode).toBe(200);
    // …until Redis is reachable again (the same port, as after a Redis restart).
    const back = await startTcpProxy("127.0.0.1", Number(new URL(REDIS_URL).port || 6379), proxy.port);
    try {
      expect(await until(async () => (await me(b)).statusCode === 401, 15_000)).toBe(true);
      // …and B listens again, so the next change on A reaches it at once.
      expect(await subscribers(keyPrefix, 2)).toBe(true);
    } finally {
      back.cut();
    }
  });

  it("keeps answering with Redis unreachable at start: the limit falls back to this instance, with a log line and a metric", async () => {
    const lines: string[] = [];
    const canary = "canary-redis-password-5c1f";
    const dead = await deadPort();
    onTestFinished(() => dead.close());
    const down = `redis://:${canary}@127.0.0.1:${dead.port}`;
    const a = await instance(
      aDb,
      limited({ REDIS_URL: down, REDIS_KEY_PREFIX: prefix(), LOG_LEVEL: "WARNING" }),
      lines,
    );
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) statuses.push((await hit(a)).statusCode);
    expect(statuses).toEqual(Array(LIMIT).fill(200)); // answered, neither 429 nor 5xx
    expect((await hit(a)).statusCode).toBe(429);
    expect(await metricValue(a.app, "promptforge_redis_errors_total", { operation: "rate_limit" })).toBe(
      LIMIT + 1,
    );
    expect(await metricValue(a.app, "promptforge_redis_up")).toBe(0);
    expect(await metricValue(a.app, "promptforge_redis_configured")).toBe(1); // so RedisUnreachable fires
    expect(lines.some((l) => l.includes("counting on this instance alone"))).toBe(true);
    expect(lines.join("\n")).not.toContain(canary);
    expect((await a.app.inject({ method: "GET", url: "/metrics" })).body).not.toContain(canary);
    // /health/detailed reports Redis as an optional dependency: degraded, still 200.
    const detailed = await a.app.inject({ method: "GET", url: "/health/detailed" });
    expect(detailed.statusCode).toBe(200);
    expect(detailed.json().status).toBe("degraded");
    expect(detailed.json().checks.redis.status).toBe("unhealthy");
    // Readiness does not depend on Redis.
    expect((await a.app.inject({ method: "GET", url: "/health/ready" })).statusCode).toBe(200);
  });

  it("keeps answering when Redis goes away later, with a log line and a metric", async () => {
    const proxy = await startTcpProxy("127.0.0.1", Number(new URL(REDIS_URL).port || 6379));
    const lines: string[] = [];
    const keyPrefix = prefix();
    const a = await instance(
      aDb,
      limited({
        REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
        REDIS_KEY_PREFIX: keyPrefix,
        LOG_LEVEL: "INFO",
      }),
      lines,
    );
    expect(await connected(a)).toBe(true);
    expect((await hit(a)).statusCode).toBe(200);
    expect(await probe.keys(`${keyPrefix}*`)).toHaveLength(1);
    proxy.cut();
    expect(await until(async () => (await metricValue(a.app, "promptforge_redis_up")) === 0)).toBe(true);
    expect((await hit(a)).statusCode).toBe(200);
    expect(await metricValue(a.app, "promptforge_redis_errors_total", { operation: "rate_limit" })).toBe(1);
    expect(lines.some((l) => l.includes("Redis unavailable"))).toBe(true);
    // Never the password of REDIS_URL in a log line (here there is none; the target is host:port only).
    expect(lines.every((l) => !l.includes("redis://"))).toBe(true);
    await probe.del(...(await probe.keys(`${keyPrefix}*`)));
  });

  it("serves on one instance a label moved through the other, at once, however often it served the old one", async () => {
    const env = { REDIS_URL, REDIS_KEY_PREFIX: prefix(), AUTH_CACHE_SECONDS: "300" };
    const [a, b] = await pair(env);
    const w = await team(a.app);
    const key = await projectKey(a.app, w.owner, w.project.slug, ["registry:read"]);
    const prompt = await promptWithVersions(w, ["First wording.", "Second wording.", "Third wording."]);
    const moveTo = async (version: number) =>
      expect(
        (await call(a.app, w.editor.auth, "PUT", `${w.base}/prompts/${prompt.id}/labels/canary`, { version }))
          .statusCode,
      ).toBeLessThan(300);
    const url = `/api/v1/registry/${w.project.slug}/${prompt.name}?label=canary`;
    const fetchOnB = (headers: Record<string, string> = {}) =>
      call(b.app, { "x-api-key": key }, "GET", url, undefined, headers);
    expect((await fetchOnB()).statusCode).toBe(404);
    await moveTo(1);
    const first = await fetchOnB();
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(1);
    const etag = first.headers.etag as string;
    // An application polling B revalidates: unchanged until the label moves on A, then the new version.
    expect((await fetchOnB({ "if-none-match": etag })).statusCode).toBe(304);
    await moveTo(3);
    const moved = await fetchOnB({ "if-none-match": etag });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().version).toBe(3);
    expect(moved.json().content).toBe("Third wording.");
    expect(moved.headers.etag).not.toBe(etag);
    // Moved back: the first answer again, byte for byte.
    await moveTo(1);
    const back = await fetchOnB({ "if-none-match": moved.headers.etag as string });
    expect(back.statusCode).toBe(200);
    expect(back.body).toBe(first.body);
    expect(back.headers.etag).toBe(etag);
    // Another label now pointing at the served version changes its body (its labels) on B too.
    expect(
      (
        await call(a.app, w.editor.auth, "PUT", `${w.base}/prompts/${prompt.id}/labels/stable`, {
          version: 1,
        })
      ).statusCode,
    ).toBeLessThan(300);
    const relabelled = await fetchOnB({ "if-none-match": etag });
    expect(relabelled.statusCode).toBe(200);
    expect(relabelled.json().labels).toEqual(["canary", "stable"]);
    expect(relabelled.headers.etag).not.toBe(etag);
  });
});
