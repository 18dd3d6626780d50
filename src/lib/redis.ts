// The optional Redis that several PromptForge instances share (REDIS_URL): one connection for commands (the
// API rate limit, publishing) and one subscribed to the auth-cache invalidation channel. Redis is never
// critical: a command fails at once while the connection is down (no offline queue), the callers fall back
// to what one instance can do alone, and the clients keep reconnecting in the background. The state changes
// (up → down, down → up) are logged once each and mirrored in promptforge_redis_up.
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { type CheckResult, round2 } from "../observability/health-checks.js";
import type { Metrics } from "../observability/metrics.js";

export interface SharedRedis {
  /** The command connection (rate limit counters, publishing). */
  readonly client: Redis;
  /** Every key and channel starts with this (REDIS_KEY_PREFIX). */
  readonly prefix: string;
  /** Tells the other instances that authentication rows changed; never throws. */
  publishAuthInvalidation(): void;
  /** Round trip of a PING for checks.redis; "unhealthy" while disconnected or past the command time-out. */
  check(): Promise<CheckResult>;
  /** Calls `listener` when another instance publishes an invalidation. */
  onAuthInvalidation(listener: () => void): void;
  close(): Promise<void>;
}

export interface SharedRedisOptions {
  url: string;
  prefix: string;
  logger: Logger;
  metrics: Metrics;
  /** Longest wait for one command before it counts as failed (default 500 ms). */
  commandTimeoutMs?: number;
}

// Reconnect quickly at first, then every 5 s at most: an outage costs nothing per request meanwhile.
const retryStrategy = (attempt: number) => Math.min(attempt * 200, 5000);

// ioredis (about 4 MiB resident) is loaded only when REDIS_URL is set, that is when this is called: most
// instances run without Redis and never need it. Loaded synchronously, so building the app stays synchronous.
const requireModule = createRequire(import.meta.url);

export function createSharedRedis(opts: SharedRedisOptions): SharedRedis {
  const { Redis } = requireModule("ioredis") as typeof import("ioredis");
  const { logger, metrics } = opts;
  // This instance's own messages are ignored: its cache was emptied by the write itself.
  const instanceId = randomUUID();
  const channel = `${opts.prefix}auth-invalidate`;
  const common = {
    lazyConnect: false,
    connectTimeout: 2000,
    retryStrategy,
    // Errors are reported through the state changes below, not one line per failed reconnect.
    showFriendlyErrorStack: false,
  } as const;
  const client = new Redis(opts.url, {
    ...common,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: opts.commandTimeoutMs ?? 500,
  });
  // The subscriber subscribes itself each time it is ready (below) rather than through ioredis's automatic
  // re-subscription, whose SUBSCRIBE nobody awaits: a close during a reconnect rejected it unhandled.
  const subscriber = new Redis(opts.url, { ...common, autoResubscribe: false, maxRetriesPerRequest: 0 });

  let up = false;
  let closing = false;
  metrics.redisUp.set(0);
  metrics.redisConfigured.set(1);
  const where = redactedTarget(opts.url);
  client.on("ready", () => {
    if (!up) logger.info({ redis: where }, "Redis connected: rate limit and cache invalidation shared");
    up = true;
    metrics.redisUp.set(1);
  });
  const down = (err?: Error) => {
    if (closing) return;
    if (up)
      logger.warn(
        { redis: where, err: err?.message },
        "Redis unavailable: rate limit counted per instance, cache invalidation within AUTH_CACHE_SECONDS",
      );
    up = false;
    metrics.redisUp.set(0);
  };
  let warnedAtStart = false;
  client.on("error", (err: Error) => {
    if (!up && !warnedAtStart && !closing) {
      warnedAtStart = true;
      logger.warn(
        { redis: where, err: err.message },
        "Redis unreachable: rate limit counted per instance until it answers",
      );
    }
    down(err);
  });
  client.on("close", () => down());
  // Errors of the subscriber are the same outage seen twice; the command connection reports it.
  subscriber.on("error", () => {});

  const listeners = new Set<() => void>();
  subscriber.on("message", (ch: string, message: string) => {
    if (ch !== channel || message === instanceId) return;
    for (const l of listeners) l();
  });
  // Messages published while the subscriber was not listening are lost (pub/sub keeps nothing): each time it
  // (re)connects and is subscribed again the cache is emptied once, as if one had arrived, so a missed
  // revocation does not wait for the bound. At the first connection this costs a few look-ups at most.
  // A SUBSCRIBE that fails (the connection dropped meanwhile) is sent again at the next "ready".
  subscriber.on("ready", () => {
    subscriber.subscribe(channel).then(
      () => {
        for (const l of listeners) l();
      },
      (err: Error) => {
        // a refusal (an ACL without SUBSCRIBE) would otherwise leave this instance deaf without a word
        if (!closing)
          logger.warn(
            { redis: where, err: err.message },
            "Redis: not subscribed to auth-cache invalidations; changes made on other instances reach this one within AUTH_CACHE_SECONDS",
          );
      },
    );
  });

  return {
    client,
    prefix: opts.prefix,
    publishAuthInvalidation() {
      client.publish(channel, instanceId).catch(() => {
        metrics.redisErrorsTotal.labels("publish").inc();
      });
    },
    async check() {
      const started = performance.now();
      const status = await client.ping().then(
        () => "healthy" as const,
        () => "unhealthy" as const,
      );
      return { status, response_time_ms: round2(performance.now() - started) };
    },
    onAuthInvalidation(listener) {
      listeners.add(listener);
    },
    async close() {
      closing = true;
      listeners.clear();
      subscriber.disconnect();
      client.disconnect();
    },
  };
}

/** Host and port of a Redis URL, for log lines: never the password. */
function redactedTarget(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "6379"}`;
  } catch {
    return "redis";
  }
}
