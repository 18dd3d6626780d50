// Per-request observability, in hooks so no handler has to think about it: the X-Request-Id echo, the
// request context (AsyncLocalStorage), the guide's "HTTP request processed" line, slow-request warnings,
// the HTTP SLI metrics and exceptions_total. Probes (/health*) and /metrics are logged at DEBUG and kept
// out of the SLI series, so a scraper or a kubelet never moves an error ratio or a latency percentile.
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { RequestLogger } from "./logger.js";
import { counterChild, gaugeChild, histogramChild } from "./metric-children.js";
import type { Metrics } from "./metrics.js";
import { requestContext } from "./request-context.js";

export interface RequestHooksOptions {
  /** Random source for LOG_SAMPLE_RATE (default Math.random); tests pass a deterministic one. */
  random?: () => number;
}

/** The one `endpoint` label value of every request no route matched, so URL scans add no series. */
export const UNMATCHED_ENDPOINT = "<unmatched>";

/** The one `endpoint` label value of the web app's pages and files (index.html, /assets/…). */
export const WEB_APP_ENDPOINT = "<web-app>";

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * A catch-all route (the web app's `/*`) names a bounded `endpoint` label per request instead of its
     * template, which would mix page loads with paths nothing serves. A 404 it answers counts as
     * `<unmatched>` whatever it returns.
     */
    endpointLabel?: (req: FastifyRequest) => string;
  }
}

/** The route template of a request (`/api/v1/prompts/:id`), never the raw path. */
export function endpointOf(req: FastifyRequest): string {
  // Fastify builds a new routeOptions object on every read of req.routeOptions: read it once.
  const route = req.routeOptions;
  const template = route?.url;
  if (!template) return UNMATCHED_ENDPOINT;
  const label = route.config?.endpointLabel;
  return label ? label(req) : template;
}

/** The label a finished request is counted under: a catch-all's 404 found nothing, like no route. */
function finalEndpoint(req: FastifyRequest, labelled: string, status: number): string {
  return status === 404 && req.routeOptions?.config?.endpointLabel ? UNMATCHED_ENDPOINT : labelled;
}

/** Health probes and the metrics scrape: logged at DEBUG, not part of the request SLI series. */
export function isProbeEndpoint(endpoint: string): boolean {
  return endpoint === "/metrics" || endpoint === "/health" || endpoint.startsWith("/health/");
}

/**
 * Most (method, endpoint) pairs whose labelled metric children are kept (see seriesCache). Endpoints are
 * route templates and a few fixed labels, methods what the HTTP parser accepts: far fewer in practice.
 */
export const MAX_CACHED_SERIES = 2000;

/** The labelled children of one (method, endpoint): looked up once, not hashed again on every request. */
interface EndpointSeries {
  probe: boolean;
  inProgress: { inc(): void; dec(): void };
  duration: { observe(value: number): void };
  /** By status code. */
  total: Map<number, { inc(): void }>;
}

type SeriesMetrics = Pick<Metrics, "httpRequestsInProgress" | "httpRequestDuration" | "httpRequestsTotal">;

/**
 * The series of each (method, endpoint), made on first use. prom-client's labels() joins and hashes the
 * label values on every call (about 2 % of a cheap request for the three metrics); the children it
 * returns stay valid for the life of the registry. Bounded by MAX_CACHED_SERIES: when full it starts
 * over, which costs only the look-ups again.
 */
export function seriesCache(metrics: SeriesMetrics, max = MAX_CACHED_SERIES) {
  const byEndpoint = new Map<string, Map<string, EndpointSeries>>();
  let size = 0;
  return {
    get(method: string, endpoint: string): EndpointSeries {
      let byMethod = byEndpoint.get(endpoint);
      let series = byMethod?.get(method);
      if (series) return series;
      if (size >= max) {
        byEndpoint.clear();
        byMethod = undefined;
        size = 0;
      }
      if (!byMethod) {
        byMethod = new Map();
        byEndpoint.set(endpoint, byMethod);
      }
      series = {
        probe: isProbeEndpoint(endpoint),
        inProgress: gaugeChild(metrics.httpRequestsInProgress, method, endpoint),
        duration: histogramChild(metrics.httpRequestDuration, method, endpoint),
        total: new Map(),
      };
      byMethod.set(method, series);
      size++;
      return series;
    },
    /** The counter child of one status code. */
    total(series: EndpointSeries, method: string, endpoint: string, status: number) {
      let child = series.total.get(status);
      if (!child) {
        child = counterChild(metrics.httpRequestsTotal, method, endpoint, String(status));
        series.total.set(status, child);
      }
      return child;
    },
    get size() {
      return size;
    },
  };
}

interface RequestState {
  endpoint: string;
  series: EndpointSeries;
  probe: boolean;
  sampled: boolean;
  /** The request's own logger (a child carrying request_id), before sampling may have quietened req.log. */
  log: FastifyBaseLogger;
}

declare module "fastify" {
  interface FastifyRequest {
    observability: RequestState | null;
  }
}

const MAX_EXCEPTION_TYPE = 64;

const IN_PROGRESS = Symbol("inProgress");
type InFlightResponse = FastifyReply["raw"] & { [IN_PROGRESS]?: { dec(): void } };

/** The 'close' listener of a counted response: the in-progress gauge goes down once per request. */
function decrementInProgress(this: InFlightResponse): void {
  this[IN_PROGRESS]?.dec();
}

/** Whether a DEBUG line would be written (pino's levels: trace and debug are the two at or below it). */
function debugEnabled(log: FastifyBaseLogger): boolean {
  return log.level === "debug" || log.level === "trace";
}

/** The summary line, through the request's logger without making its pino child when it has none. */
function writeLine(
  log: FastifyBaseLogger,
  level: "debug" | "info" | "warn" | "error",
  line: Record<string, unknown>,
) {
  if (log instanceof RequestLogger) log.record(level, line, "HTTP request processed");
  else log[level](line, "HTTP request processed");
}

async function requestHooks(app: FastifyInstance, opts: RequestHooksOptions) {
  const { config, metrics } = app.deps;
  const random = opts.random ?? Math.random;
  const sampleRate = config.LOG_SAMPLE_RATE;
  const slowSeconds = config.SLOW_REQUEST_THRESHOLD;

  const series = seriesCache(metrics);
  app.decorateRequest("observability", null);

  app.addHook("onRequest", (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    reply.header("x-request-id", req.id);
    // While draining, every answer closes its connection, so keep-alive clients reconnect (and find the
    // next instance) instead of reusing a socket the server is about to drop mid-request.
    if (app.deps.shuttingDown) reply.header("connection", "close");
    const endpoint = endpointOf(req);
    const endpointSeries = series.get(req.method, endpoint);
    const probe = endpointSeries.probe;
    // One decision per request: an unsampled request loses its INFO/DEBUG lines, never its warnings or
    // errors, and its summary line is still written if it turns out slow or failed.
    const sampled = sampleRate >= 1 || random() < sampleRate;
    const state: RequestState = { endpoint, series: endpointSeries, probe, sampled, log: req.log };
    req.observability = state;
    if (!sampled) req.log = req.log.child({}, { level: "warn" });

    if (!probe) {
      const inProgress = endpointSeries.inProgress;
      inProgress.inc();
      // 'close' fires exactly once whether the response finished or the client went away; one shared
      // listener (no closure or once-wrapper per request) finds the gauge on the response.
      (reply.raw as InFlightResponse)[IN_PROGRESS] = inProgress;
      reply.raw.on("close", decrementInProgress);
    }
    requestContext.run({ requestId: String(req.id), method: req.method, endpoint }, done);
  });

  // A callback hook, not an async one: no promise per request.
  app.addHook("onResponse", (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const state = req.observability;
    if (state) summarise(req, reply, state);
    done();
  });

  function summarise(req: FastifyRequest, reply: FastifyReply, state: RequestState): void {
    const seconds = reply.elapsedTime / 1000;
    const status = reply.statusCode;
    const slow = seconds > slowSeconds;
    const endpoint = finalEndpoint(req, state.endpoint, status);
    if (endpoint !== state.endpoint) {
      state.endpoint = endpoint;
      state.series = series.get(req.method, endpoint);
    }

    if (!state.probe) {
      series.total(state.series, req.method, endpoint, status).inc();
      state.series.duration.observe(seconds);
      if (slow) metrics.slowRequestsTotal.labels(endpoint).inc();
    }

    // A probe's line is written only when slow or at DEBUG: most are not built at all.
    if (state.probe && !slow && !(state.sampled && debugEnabled(state.log))) return;
    // Likewise a fast, sampled-out, successful request (LOG_SAMPLE_RATE below 1).
    if (!state.probe && status < 400 && !slow && !state.sampled) return;

    const line: Record<string, unknown> = {
      method: req.method,
      path: req.url.split("?", 1)[0],
      status_code: status,
      process_time_seconds: Math.round(seconds * 1e6) / 1e6,
      client_ip: req.ip,
    };
    if (req.user) line.user_id = req.user.id;

    if (slow) {
      line.slow_request = true;
      line.slow_request_threshold_seconds = slowSeconds;
    }
    if (state.probe) {
      // Probes answer 503 on purpose (readiness while draining or while the database is away): that is
      // a signal for the orchestrator, not a failed request, so it stays at DEBUG unless slow.
      if (slow) writeLine(state.log, "warn", line);
      else if (state.sampled) writeLine(state.log, "debug", line);
    } else if (status >= 500) {
      // A 5xx is ERROR whatever its duration: `level == "ERROR"` must find every failed request.
      writeLine(state.log, "error", line);
    } else if (slow) {
      writeLine(state.log, "warn", line);
    } else if (status >= 400 || state.sampled) {
      writeLine(state.log, "info", line);
    }
  }

  app.onUnexpectedError.add((err, req) => {
    const type = (err.name || err.constructor?.name || "Error").slice(0, MAX_EXCEPTION_TYPE);
    metrics.exceptionsTotal.labels(type, endpointOf(req)).inc();
  });
}

export default fp(requestHooks, { name: "request-hooks", dependencies: ["error-handler"] });
