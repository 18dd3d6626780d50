// GET /metrics in Prometheus text format, from the app's own registry. Optionally closed with a bearer
// token (METRICS_TOKEN, compared in constant time) or moved to a port of its own (METRICS_PORT): then the
// main port answers 404 and server.ts listens with `buildMetricsServer`. Scrape-time gauges
// (database_connections_active, active_users) are bound here: the pool size from the database handle, the
// active-users count from the function buildApp passes (the users service's), at most once a minute, and
// the webhook outbox size (the webhooks service's count) likewise.
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Fastify from "fastify";
import fp from "fastify-plugin";
import { errorBody } from "../http/error-handler.js";
import { cachedFor } from "../lib/cache.js";

/** active_users is recomputed at most this often, so frequent scrapes stay cheap. */
export const ACTIVE_USERS_CACHE_MS = 60_000;
/** webhook_outbox_pending is counted at most this often, like active_users: scrapes stay cheap. */
export const OUTBOX_CACHE_MS = 60_000;
/** evaluation_queue_depth is counted at most this often: fresh enough for the backlog alert. */
export const EVALUATION_QUEUE_CACHE_MS = 10_000;

export interface MetricsRoutesOptions {
  /** Distinct users active in the 24 hours before `now` (ms since the epoch). */
  countActiveUsers: (now: number) => Promise<number>;
  /** Deliveries in the webhook outbox (pending or in flight). */
  countWebhookOutbox?: () => Promise<number>;
  /** Evaluation items waiting or running, across all runs. */
  countEvaluationQueue?: () => Promise<number>;
}

const digest = (s: string) => createHash("sha256").update(s).digest();

/** True when the request carries `Authorization: Bearer <token>`; digests make the compare constant-time. */
export function hasMetricsToken(req: FastifyRequest, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  return m !== null && timingSafeEqual(digest(m[1] as string), digest(token));
}

function metricsHandler(app: FastifyInstance) {
  const { config, metrics } = app.deps;
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (config.METRICS_TOKEN && !hasMetricsToken(req, config.METRICS_TOKEN)) {
      return reply
        .status(401)
        .header("www-authenticate", 'Bearer realm="metrics"')
        .send(errorBody(req, "unauthorized", "A valid metrics token is required"));
    }
    const body = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(body);
  };
}

async function metricsRoutes(app: FastifyInstance, opts: MetricsRoutesOptions) {
  const { db, metrics, clock, logger } = app.deps;
  metrics.sources.activeConnections = () => db.activeConnections();
  metrics.sources.activeUsers = cachedFor(ACTIVE_USERS_CACHE_MS, clock, () => opts.countActiveUsers(clock()));
  const countOutbox = opts.countWebhookOutbox;
  if (countOutbox)
    metrics.sources.webhookOutboxPending = cachedFor(OUTBOX_CACHE_MS, clock, () => countOutbox());
  const countQueue = opts.countEvaluationQueue;
  if (countQueue)
    metrics.sources.evaluationQueueDepth = cachedFor(EVALUATION_QUEUE_CACHE_MS, clock, () => countQueue());
  metrics.sources.onCollectError = (metric, err) =>
    logger.error({ err, metric }, "Could not compute a metric at scrape time");

  if (app.deps.config.METRICS_PORT) return;
  app.get(
    "/metrics",
    { config: { rateLimit: false }, schema: { hide: true }, exposeHeadRoute: false },
    metricsHandler(app),
  );
}

/** A small server answering only GET /metrics, for METRICS_PORT; the caller listens and closes it. */
export async function buildMetricsServer(app: FastifyInstance): Promise<FastifyInstance> {
  const server = Fastify({ logger: false });
  server.decorate("deps", app.deps);
  server.get("/metrics", metricsHandler(server));
  server.setNotFoundHandler((req, reply) => {
    reply.status(404).send(errorBody(req, "not_found", "Only GET /metrics is served on this port"));
  });
  await server.ready();
  return server;
}

export default fp(metricsRoutes, { name: "metrics-routes", dependencies: ["request-hooks"] });
