// The health endpoints in the monitoring guide's shapes (/health, /health/detailed, /health/ready,
// /health/live) and the database watch behind promptforge_database_up and promptforge_ready: a background
// ping every 15 s (2 s timeout, unref'd timer) plus every readiness or detailed check. Probes need no
// credentials and are exempt from the rate limit; /health/live never touches a dependency.
// /health/detailed is public too unless HEALTH_DETAILED_ACCESS=metrics_token.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply } from "fastify";
import fp from "fastify-plugin";
import { Type } from "typebox";
import type { SearchMode } from "../db/text-search.js";
import { errorBody } from "../http/error-handler.js";
import { type CheckResult, checkDatabase, type LlmProbes, type RedisProbe } from "./health-checks.js";
import { hasMetricsToken } from "./metrics-routes.js";

export interface HealthOptions {
  /** Background database ping period (default 15 s). */
  databasePingIntervalMs?: number;
  /** How long a database check waits for the ping (default DATABASE_CHECK_TIMEOUT_MS, 2 s). */
  databaseCheckTimeoutMs?: number;
}

export interface HealthRoutesOptions extends HealthOptions, LlmProbes {
  /** checks.redis of /health/detailed; absent = not_configured (no REDIS_URL). */
  checkRedis?: RedisProbe;
  /** checks.search of /health/detailed: whether q uses the trigram indexes (db/text-search.ts). */
  searchMode?: () => Promise<SearchMode>;
}

export const DATABASE_PING_INTERVAL_MS = 15_000;

const CheckSchema = Type.Object({
  status: Type.Union([Type.Literal("healthy"), Type.Literal("unhealthy"), Type.Literal("not_configured")]),
  response_time_ms: Type.Union([Type.Number(), Type.Null()]),
});

const LlmCheckSchema = Type.Object({
  ...CheckSchema.properties,
  provider: Type.Union([Type.Literal("gemini"), Type.Literal("openai"), Type.Literal("local")]),
  model: Type.Union([Type.String(), Type.Null()]),
});

const HealthSchema = Type.Object({
  status: Type.Literal("healthy"),
  version: Type.String(),
  environment: Type.String(),
});

const DetailedSchema = Type.Object({
  status: Type.Union([Type.Literal("healthy"), Type.Literal("degraded"), Type.Literal("unhealthy")]),
  version: Type.String(),
  environment: Type.String(),
  timestamp: Type.Number({ description: "Seconds since the epoch, with fraction" }),
  uptime_seconds: Type.Number(),
  checks: Type.Object({
    database: CheckSchema,
    gemini_api: CheckSchema,
    llm: LlmCheckSchema,
    redis: CheckSchema,
    search: Type.Object({
      ...CheckSchema.properties,
      mode: Type.Union([Type.Literal("index"), Type.Literal("scan"), Type.Null()], {
        description:
          "index: q of 3+ characters uses the trigram indexes; scan: it reads every row (PostgreSQL without pg_trgm); null: not known yet (database down)",
      }),
    }),
  }),
});

const ReadySchema = Type.Object({
  ready: Type.Boolean(),
  checks: Type.Object({
    database: Type.Object({ status: Type.Union([Type.Literal("healthy"), Type.Literal("unhealthy")]) }),
  }),
  timestamp: Type.Number(),
});

const LiveSchema = Type.Object({
  alive: Type.Literal(true),
  timestamp: Type.Number(),
  uptime_seconds: Type.Number(),
});

const healthRoutes: FastifyPluginAsyncTypebox<HealthRoutesOptions> = async (app, opts) => {
  const deps = app.deps;
  const { config, metrics, clock } = deps;
  const { checkGemini, checkLlm } = opts;
  let databaseHealthy = false;

  const seconds = (ms: number) => ms / 1000;
  const uptime = () => Math.round(seconds(clock() - deps.startedAt) * 1000) / 1000;

  async function databaseCheck(): Promise<CheckResult> {
    const result = await checkDatabase(deps.db, opts.databaseCheckTimeoutMs);
    databaseHealthy = result.status === "healthy";
    metrics.databaseUp.set(databaseHealthy ? 1 : 0);
    return result;
  }

  // promptforge_ready is the answer /health/ready would give now: latest database check, not shutting down.
  metrics.sources.ready = () => (databaseHealthy && !deps.shuttingDown ? 1 : 0);

  // Fixed once the migrations ran, so asked once; a database down at that moment is asked again later.
  let search: SearchMode | undefined;
  // The shape of every other check (status, response_time_ms), so a client reading checks alike — the web
  // app's status page does — reads this one too; index and scan both answer correctly, scan more slowly.
  async function searchCheck(): Promise<{
    status: "healthy" | "unhealthy";
    response_time_ms: null;
    mode: SearchMode | null;
  }> {
    try {
      search ??= await opts.searchMode?.();
    } catch {
      // the database check reports the outage
    }
    const mode = search ?? null;
    return { status: mode === null ? "unhealthy" : "healthy", response_time_ms: null, mode };
  }

  let timer: NodeJS.Timeout | undefined;
  app.addHook("onReady", async () => {
    await databaseCheck();
    timer = setInterval(() => {
      if (!deps.shuttingDown) void databaseCheck();
    }, opts.databasePingIntervalMs ?? DATABASE_PING_INTERVAL_MS);
    timer.unref();
  });
  app.addHook("onClose", async () => clearInterval(timer));

  const probe = { rateLimit: false } as const;

  app.get(
    "/health",
    { config: probe, schema: { tags: ["health"], response: { 200: HealthSchema } } },
    async () => ({ status: "healthy" as const, version: config.version, environment: config.ENVIRONMENT }),
  );

  app.get(
    "/health/detailed",
    {
      config: probe,
      schema: { tags: ["health"], response: { 200: DetailedSchema, 503: DetailedSchema } },
      // HEALTH_DETAILED_ACCESS=metrics_token: the monitoring system's token, the one /metrics takes.
      onRequest: async (req, reply) => {
        const token = config.METRICS_TOKEN;
        if (config.HEALTH_DETAILED_ACCESS !== "metrics_token" || !token || hasMetricsToken(req, token))
          return;
        // Typed for the check's own answers; this refusal is the error shape every 401 has.
        return (reply as unknown as FastifyReply)
          .status(401)
          .header("www-authenticate", 'Bearer realm="metrics"')
          .send(errorBody(req, "unauthorized", "A valid metrics token is required"));
      },
    },
    async (_req, reply) => {
      const [database, gemini, llm, redis, search] = await Promise.all([
        databaseCheck(),
        checkGemini(),
        checkLlm(),
        opts.checkRedis?.() ?? { status: "not_configured" as const, response_time_ms: null },
        searchCheck(),
      ]);
      const optionalDown = [gemini, llm, redis].some((c) => c.status === "unhealthy");
      const status = database.status !== "healthy" ? "unhealthy" : optionalDown ? "degraded" : "healthy";
      return reply.status(status === "unhealthy" ? 503 : 200).send({
        status,
        version: config.version,
        environment: config.ENVIRONMENT,
        timestamp: seconds(clock()),
        uptime_seconds: uptime(),
        checks: { database, gemini_api: gemini, llm, redis, search },
      });
    },
  );

  app.get(
    "/health/ready",
    { config: probe, schema: { tags: ["health"], response: { 200: ReadySchema, 503: ReadySchema } } },
    async (_req, reply) => {
      // While shutting down the answer is "no" at once; the database may already be closing.
      const database = deps.shuttingDown
        ? { status: databaseHealthy ? ("healthy" as const) : ("unhealthy" as const) }
        : { status: (await databaseCheck()).status as "healthy" | "unhealthy" };
      const ready = !deps.shuttingDown && database.status === "healthy";
      return reply
        .status(ready ? 200 : 503)
        .send({ ready, checks: { database }, timestamp: seconds(clock()) });
    },
  );

  app.get(
    "/health/live",
    { config: probe, schema: { tags: ["health"], response: { 200: LiveSchema } } },
    // Sent, not returned from an async function: the liveness probe is the most frequent request of all,
    // and an async handler costs a promise and a microtask turn per answer.
    (_req, reply) => {
      reply.send({ alive: true as const, timestamp: seconds(clock()), uptime_seconds: uptime() });
    },
  );
};

export default fp(healthRoutes, { name: "health-routes", dependencies: ["request-hooks"] });
