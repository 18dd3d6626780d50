// The store behind the API rate limit when REDIS_URL is set: every instance counts a client's requests in
// one Redis key per window, so N requests spread over several instances reach the limit at N.
// When Redis does not answer, the limit fails open to this instance's own count rather than to "no limit"
// or to "refuse everything": a Redis outage must not take the API down, and a client still meets a limit
// (at most RATE_LIMIT_MAX per instance). Each fallback logs (at most once a minute) and counts in
// promptforge_redis_errors_total{operation="rate_limit"}.
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Metrics } from "../observability/metrics.js";

type IncrCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

// One round trip: count the request, start the window on the first one, and say how long is left of it.
const INCREMENT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
return {n, left}
`;

/** Counts in this process alone: the fallback while Redis is away. */
class LocalWindows {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  constructor(private readonly clock: () => number) {}

  incr(key: string, windowMs: number): { current: number; ttl: number } {
    const now = this.clock();
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      // Expired windows are dropped in passing, so the map holds at most the clients of one window.
      if (this.windows.size >= 10_000)
        for (const [k, v] of this.windows) if (v.resetAt <= now) this.windows.delete(k);
      w = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, w);
    }
    w.count++;
    return { current: w.count, ttl: w.resetAt - now };
  }
}

export interface SharedRateLimitOptions {
  redis: Redis;
  /** REDIS_KEY_PREFIX; the counters live under `<prefix>rate-limit:`. */
  prefix: string;
  logger: Logger;
  metrics: Metrics;
  clock: () => number;
}

/** The store class @fastify/rate-limit instantiates (it passes its options; everything else is bound here). */
export function sharedRateLimitStore(opts: SharedRateLimitOptions): FastifyRateLimitStoreCtor {
  const local = new LocalWindows(opts.clock);
  let lastWarning = Number.NEGATIVE_INFINITY;
  const fallBack = (err: unknown) => {
    opts.metrics.redisErrorsTotal.labels("rate_limit").inc();
    const now = opts.clock();
    if (now - lastWarning >= 60_000) {
      lastWarning = now;
      opts.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        "Rate limit: Redis did not answer, counting on this instance alone",
      );
    }
  };

  class SharedStore implements FastifyRateLimitStore {
    constructor(private readonly namespace = `${opts.prefix}rate-limit:`) {}

    incr(key: string, callback: IncrCallback, timeWindow: number): void {
      opts.redis.eval(INCREMENT, 1, this.namespace + key, String(timeWindow)).then(
        (res) => {
          const [current, ttl] = res as [number, number];
          callback(null, { current, ttl });
        },
        (err: unknown) => {
          fallBack(err);
          callback(null, local.incr(this.namespace + key, timeWindow));
        },
      );
    }

    child(route: { method?: string | string[]; url?: string; path?: string }): FastifyRateLimitStore {
      // A route with limits of its own counts apart from the global one.
      const method = Array.isArray(route.method) ? route.method.join(",") : (route.method ?? "");
      return new SharedStore(`${this.namespace}${method}${route.url ?? route.path ?? ""}:`);
    }
  }
  // @fastify/rate-limit constructs the store with its own options, which this store does not need.
  return class extends SharedStore {
    constructor(_options?: unknown) {
      super();
    }
  } as unknown as FastifyRateLimitStoreCtor;
}
