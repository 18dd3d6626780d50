// Error tracking with @sentry/node. Without SENTRY_DSN nothing is created and no hook is added, so Sentry
// costs nothing. With a DSN each app gets a client of its own (`new NodeClient` + a Scope) rather than the
// process-global `Sentry.init`: buildApp runs many times in one test process, each app may have its own
// DSN, and a per-app client is closed (and flushed) with its app. The price is that Sentry's automatic
// OpenTelemetry instrumentation is not installed; each sampled request becomes one `http.server`
// transaction started and ended by our hooks, which is what the guide's performance monitoring needs.
//
// Only unexpected errors (the 500s of the error handler) are captured, never 4xx. Events carry the
// stack, release, environment, request method and route, the request id tag and the user {id, username};
// e-mail and IP address only with SENTRY_SEND_PII=true. beforeSend scrubs secrets from every event.
import { randomBytes } from "node:crypto";
// Types only at module level: the SDK (~0.5 s and ~40 MB to load) is imported only when a DSN is set.
import type * as SentryT from "@sentry/node";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { REDACTED, redactQueryString, redactUrl, scrubSecrets } from "./redact.js";
import { endpointOf } from "./request-hooks.js";

export interface ErrorReporter {
  readonly enabled: boolean;
  /** Reports an unexpected error, with the request's context when given. */
  captureException(err: unknown, req?: FastifyRequest): void;
  /** Waits until queued events are sent (true) or the timeout passes (false). */
  flush(timeoutMs?: number): Promise<boolean>;
}

declare module "fastify" {
  interface FastifyInstance {
    sentry: ErrorReporter;
  }
}

const disabled: ErrorReporter = {
  enabled: false,
  captureException: () => {},
  flush: async () => true,
};

/** Headers worth having on an event; everything else (cookies, credentials, forwarding chains) stays out. */
const EVENT_HEADERS = ["user-agent", "content-type", "content-length", "accept", "host", "x-request-id"];

/** Scrubs an event before it leaves the process: secret-named fields anywhere, secret query values. */
export function scrubEvent<E extends SentryT.Event>(event: E): E {
  const out = scrubSecrets(event, 10);
  const request = out.request;
  if (request) {
    if (typeof request.query_string === "string")
      request.query_string = redactQueryString(request.query_string);
    if (request.url) request.url = redactUrl(request.url);
    if (request.cookies) request.cookies = { cookies: REDACTED };
  }
  return out;
}

interface RequestTrace {
  scope: SentryT.Scope;
  span?: SentryT.Span;
}

export interface SentryOptions {
  /** A user's e-mail address, attached to events only when SENTRY_SEND_PII is on. */
  emailOf: (userId: string) => Promise<string | undefined>;
}

async function sentryPlugin(app: FastifyInstance, opts: SentryOptions) {
  const { config } = app.deps;
  if (!config.SENTRY_DSN) {
    app.decorate("sentry", disabled);
    return;
  }
  const Sentry = await import("@sentry/node");

  const client = new Sentry.NodeClient({
    dsn: config.SENTRY_DSN,
    environment: config.SENTRY_ENVIRONMENT,
    release: config.SENTRY_RELEASE,
    tracesSampleRate: config.SENTRY_TRACES_SAMPLE_RATE,
    // One transaction event per request, which beforeSendTransaction can scrub (streamed spans bypass it).
    traceLifecycle: "static",
    // SDK 11 replaced `sendDefaultPii` with `dataCollection`; our hooks set user and request fields
    // themselves, so the SDK is told to collect nothing on its own beyond what SENTRY_SEND_PII allows.
    dataCollection: {
      userInfo: config.SENTRY_SEND_PII,
      cookies: false,
      httpBodies: [],
      httpHeaders: { request: { allow: EVENT_HEADERS }, response: false },
    },
    transport: Sentry.makeNodeTransport,
    stackParser: Sentry.defaultStackParser,
    integrations: [
      Sentry.eventFiltersIntegration(),
      Sentry.functionToStringIntegration(),
      Sentry.linkedErrorsIntegration(),
      Sentry.dedupeIntegration(),
      Sentry.contextLinesIntegration(),
      Sentry.nodeContextIntegration(),
    ],
    // No diagnostics-channel auto-instrumentation: this client only reports what our hooks hand it.
    enableRuntimeChannelInjection: false,
    beforeSend: (event) => scrubEvent(event),
    beforeSendTransaction: (event) => scrubEvent(event),
    beforeBreadcrumb: (crumb) => scrubSecrets(crumb),
  });
  const baseScope = new Sentry.Scope();
  baseScope.setClient(client);
  client.init();

  const traces = new WeakMap<FastifyRequest, RequestTrace>();
  const pending = new Set<Promise<void>>();
  const tracing = config.SENTRY_TRACES_SAMPLE_RATE > 0;

  app.addHook("onRequest", async (req) => {
    // A fresh scope per request: its propagation context gives the transaction and the request's error
    // events one trace id.
    const scope = baseScope.clone();
    scope.setPropagationContext({ traceId: randomBytes(16).toString("hex"), sampleRand: Math.random() });
    scope.setTag("request_id", String(req.id));
    const endpoint = endpointOf(req);
    scope.setTransactionName(`${req.method} ${endpoint}`);
    const span = tracing
      ? Sentry.startInactiveSpan({
          name: `${req.method} ${endpoint}`,
          op: "http.server",
          scope,
          forceTransaction: true,
          attributes: {
            "http.request.method": req.method,
            "http.route": endpoint,
            "sentry.source": "route",
          },
        })
      : undefined;
    traces.set(req, { scope, span });
  });

  app.addHook("onResponse", async (req, reply) => {
    const span = traces.get(req)?.span;
    if (span) {
      Sentry.setHttpStatus(span, reply.statusCode);
      span.end();
    }
  });

  function send(err: unknown, scope: SentryT.Scope) {
    client.captureException(
      err,
      { originalException: err, mechanism: { type: "fastify", handled: false } },
      scope,
    );
  }

  function captureException(err: unknown, req?: FastifyRequest) {
    const scope = (req && traces.get(req)?.scope.clone()) || baseScope.clone();
    if (!req) {
      send(err, scope);
      return;
    }
    const endpoint = endpointOf(req);
    scope.setTag("route", endpoint);
    scope.setTag("method", req.method);
    const query = req.url.includes("?") ? req.url.slice(req.url.indexOf("?") + 1) : undefined;
    const headers: Record<string, string> = {};
    for (const name of EVENT_HEADERS) {
      const v = req.headers[name];
      if (typeof v === "string") headers[name] = v;
    }
    scope.addEventProcessor((event) => {
      event.request = {
        method: req.method,
        url: `${req.protocol}://${req.host}${redactUrl(req.url)}`,
        ...(query ? { query_string: redactQueryString(query) } : {}),
        headers,
      };
      return event;
    });
    const user = req.user;
    if (!user) {
      if (config.SENTRY_SEND_PII) scope.setUser({ ip_address: req.ip });
      send(err, scope);
      return;
    }
    if (!config.SENTRY_SEND_PII) {
      scope.setUser({ id: user.id, username: user.username });
      send(err, scope);
      return;
    }
    // E-mail is not on the request; fetch it only when the operator asked for PII.
    const job = opts
      .emailOf(user.id)
      .catch(() => undefined)
      .then((email) => {
        scope.setUser({ id: user.id, username: user.username, email, ip_address: req.ip });
        send(err, scope);
      })
      .finally(() => pending.delete(job));
    pending.add(job);
  }

  const reporter: ErrorReporter = {
    enabled: true,
    captureException,
    flush: async (timeoutMs = 2000) => {
      await Promise.all(pending);
      return client.flush(timeoutMs);
    },
  };
  app.decorate("sentry", reporter);
  app.onUnexpectedError.add((err, req) => captureException(err, req));
  app.addHook("onClose", async () => {
    await Promise.all(pending);
    await client.close(2000);
  });
}

export default fp(sentryPlugin, { name: "sentry", dependencies: ["error-handler"] });
