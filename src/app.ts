// buildApp(deps): composes PromptForge from its plugins and feature modules, in order. It never reads
// the environment and never listens; server.ts does the production wiring, tests pass their own deps.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import cors from "@fastify/cors";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyPluginOptions,
  type FastifyServerOptions,
  LogController,
  type RawServerDefault,
} from "fastify";
import type { Logger } from "pino";
import type { AppContext } from "./app-context.js";
import type { Config } from "./config.js";
import { createDatabase, type DatabaseHandle, databaseOptions, migrateToLatest } from "./db/database.js";
import { searchMode } from "./db/text-search.js";
import { waitForDatabase } from "./db/wait-for-database.js";
import analysisRoutes from "./features/analysis/analysis-routes.js";
import type { LlmOverrides } from "./features/analysis/providers/index.js";
import type { AuditRetentionOptions } from "./features/audit/audit-retention.js";
import { adminAuditRoutes, projectAuditRoutes } from "./features/audit/audit-routes.js";
import authRoutes from "./features/auth/auth-routes.js";
import assertionsRoutes from "./features/evaluations/assertions-routes.js";
import datasetsRoutes from "./features/evaluations/datasets-routes.js";
import evaluationsRoutes from "./features/evaluations/evaluations-routes.js";
import playgroundRoutes from "./features/evaluations/playground-routes.js";
import membersRoutes from "./features/projects/members-routes.js";
import projectContext from "./features/projects/project-context.js";
import projectsRoutes from "./features/projects/projects-routes.js";
import promptConfigRoutes from "./features/prompts/prompt-config-routes.js";
import promptsRoutes from "./features/prompts/prompts-routes.js";
import registryFetchRoutes from "./features/registry/registry-fetch-routes.js";
import registryRoutes from "./features/registry/registry-routes.js";
import rumRoutes from "./features/rum/rum-routes.js";
import ssoRoutes from "./features/sso/sso-routes.js";
import templatesRoutes from "./features/templates/templates-routes.js";
import usersRoutes from "./features/users/users-routes.js";
import type { WebhookWorkerOverrides } from "./features/webhooks/webhook-worker.js";
import webhooksRoutes from "./features/webhooks/webhooks-routes.js";
import apiDocs from "./http/api-docs.js";
import authGuard from "./http/auth-guard.js";
import errorHandler, { clientErrorHandler, frameworkErrors } from "./http/error-handler.js";
import inputGuard from "./http/input-guard.js";
import { lazyCompilersFactory } from "./http/lazy-compilers.js";
import { sharedRateLimitStore } from "./http/rate-limit-store.js";
import securityHeaders from "./http/security-headers.js";
import { ruleKeyword } from "./http/validation-rules.js";
import webStatic from "./http/web-static.js";
import { createSharedRedis } from "./lib/redis.js";
import healthRoutes, { type HealthOptions } from "./observability/health-routes.js";
import { createLogger, requestLoggerFactory } from "./observability/logger.js";
import { createMetrics, type Metrics, trackDatabaseQuery } from "./observability/metrics.js";
import metricsRoutes from "./observability/metrics-routes.js";
import proxyHeaderWarning from "./observability/proxy-header-warning.js";
import requestHooks, { type RequestHooksOptions } from "./observability/request-hooks.js";
import sentry from "./observability/sentry.js";
import testErrorRoute from "./observability/test-error-route.js";
import { createServices } from "./services.js";

export interface AppDeps {
  config: Config;
  /** An open database; when absent one is created from the config (and closed with the app). */
  db?: DatabaseHandle;
  logger?: Logger;
  metrics?: Metrics;
  /** Milliseconds since the epoch; tests pass a fake clock. */
  clock?: () => number;
  /** LLM provider knobs for tests: a fake clock, a recording sleep, a short timeout. */
  llm?: LlmOverrides;
  /** Git commit for promptforge_build_info (default: GIT_COMMIT, else "unknown"). */
  commit?: string;
  /** Log sampling random source, database ping period and check time-out: tests make them deterministic. */
  observability?: RequestHooksOptions & HealthOptions;
  /** The built web app served at / when SERVE_WEB is on (default: web/dist); tests pass a folder. */
  webRoot?: string;
  /** Audit retention timing (tests run it every few milliseconds); default hourly. */
  auditRetention?: AuditRetentionOptions;
  /** Webhook delivery knobs for tests: a resolver, a short time-out, a fixed jitter. */
  webhooks?: WebhookWorkerOverrides;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(req: { headers: Record<string, string | string[] | undefined> }): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
}

type FastifyTypebox = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/**
 * A route plugin and the options it is registered with, checked against the plugin's own options type,
 * so the table of API routes below stays as typed as one `register` call each.
 */
function mount<O extends FastifyPluginOptions>(
  plugin: FastifyPluginAsync<O, RawServerDefault, TypeBoxTypeProvider>,
  options: O & { prefix: string },
): (app: FastifyTypebox) => Promise<unknown> {
  return async (app) => app.register(plugin, options);
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const clock = deps.clock ?? Date.now;
  const logger = deps.logger ?? createLogger(config);
  const metrics =
    deps.metrics ??
    createMetrics({
      version: config.version,
      commit: deps.commit ?? config.GIT_COMMIT ?? "unknown",
      environment: config.ENVIRONMENT,
    });
  const ownsDb = !deps.db;
  const db =
    deps.db ??
    createDatabase({
      ...databaseOptions(config),
      onQuery: (e) => trackDatabaseQuery(metrics, e.operation, e.seconds),
    });
  if (ownsDb) {
    try {
      await waitForDatabase(db, {
        timeoutSeconds: config.DATABASE_STARTUP_TIMEOUT_SECONDS,
        logger,
        databaseUrl: config.DATABASE_URL,
      });
    } catch (e) {
      await db.close().catch(() => {});
      throw e;
    }
  }
  await migrateToLatest(db);

  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: config.BODY_LIMIT,
    requestTimeout: config.REQUEST_TIMEOUT_SECONDS * 1000,
    connectionTimeout: config.CONNECTION_TIMEOUT_SECONDS * 1000,
    // Fastify accepts a hop count too; its option type lists only the other forms.
    trustProxy: config.TRUST_PROXY as boolean | string[],
    genReqId: (req) => requestIdOf(req),
    // Request lines are written by the observability hooks in the guide's shape, not by Fastify.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: "request_id" }),
    // req.log is made only when something logs through it (observability/logger.ts).
    childLoggerFactory: requestLoggerFactory as unknown as FastifyServerOptions["childLoggerFactory"],
    routerOptions: { maxParamLength: 200 },
    frameworkErrors,
    clientErrorHandler,
    schemaController: { compilersFactory: lazyCompilersFactory },
    ajv: {
      customOptions: { removeAdditional: true, coerceTypes: "array", useDefaults: true, allErrors: true },
      plugins: [ruleKeyword],
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Several instances share the rate limit and auth-cache invalidations through Redis when REDIS_URL is set.
  const redis = config.REDIS_URL
    ? createSharedRedis({ url: config.REDIS_URL, prefix: config.REDIS_KEY_PREFIX, logger, metrics })
    : undefined;
  const context: AppContext = { config, db, metrics, clock, logger, startedAt: clock(), shuttingDown: false };
  app.decorate("deps", context);
  const services = createServices({
    config,
    db,
    metrics,
    clock,
    logger,
    llm: deps.llm,
    auditRetention: deps.auditRetention,
    webhooks: deps.webhooks,
    authInvalidation: redis,
  });
  // The rescore job starts once the app is ready and stops before anything closes (the database last).
  app.addHook("onReady", async () => services.rescore.start());
  app.addHook("preClose", async () => services.rescore.stop());
  // The webhook worker likewise: attempts in flight are aborted and their rows given back on shutdown.
  app.addHook("onReady", async () => services.webhookWorker.start());
  app.addHook("preClose", async () => services.webhookWorker.stop());
  // The evaluation worker likewise: items in flight may finish for EVALUATION_DRAIN_SECONDS, then are
  // aborted and their rows given back to the queue.
  app.addHook("onReady", async () => services.evaluationWorker.start());
  app.addHook("preClose", async () => services.evaluationWorker.stop());
  if (ownsDb) app.addHook("onClose", async () => db.close());
  // Retention runs in the background from the moment the app is ready; shutdown waits for its batch.
  app.addHook("onReady", async () => services.auditRetention.start());
  app.addHook("preClose", async () => services.auditRetention.stop());
  app.addHook("onClose", async () => services.mailer?.close());
  app.addHook("onClose", async () => services.unwatchAuthWrites());
  if (redis) app.addHook("onClose", async () => redis.close());

  await app.register(errorHandler);
  await app.register(inputGuard);
  await app.register(securityHeaders);
  // Request id echo, request logging, HTTP metrics and Sentry wrap every route registered after them.
  await app.register(requestHooks, { random: deps.observability?.random });
  await app.register(proxyHeaderWarning);
  await app.register(sentry, { emailOf: services.users.emailOf });
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "PromptForge API",
        version: config.version,
        description: "Write, score, enhance, version and share prompts for large language models.",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", description: "Access token or API key (pf_…)" },
          apiKey: { type: "apiKey", in: "header", name: "X-API-Key" },
        },
      },
    },
  });
  if (config.DOCS_ENABLED) await app.register(apiDocs);

  // Without CORS_ORIGINS no origin is allowed, and @fastify/cors would still run a hook on every request
  // (copying its options each time) only to add nothing: it is registered only when there is an origin.
  // A preflight then finds no route and answers 404, as the plugin's own route did with CORS off.
  if (config.CORS_ORIGINS.length)
    await app.register(cors, {
      origin: config.CORS_ORIGINS,
      credentials: true,
      exposedHeaders: ["x-request-id", "retry-after", "etag"],
    });
  if (config.RATE_LIMIT_ENABLED) {
    await app.register(rateLimit, {
      global: true,
      max: config.RATE_LIMIT_MAX,
      timeWindow: config.RATE_LIMIT_WINDOW * 1000,
      ...(redis
        ? {
            store: sharedRateLimitStore({
              redis: redis.client,
              prefix: redis.prefix,
              logger,
              metrics,
              clock,
            }),
          }
        : {}),
      errorResponseBuilder: (_req, ctx) => {
        const err = new Error(`Rate limit exceeded: retry in ${Math.ceil(ctx.ttl / 1000)} s`) as Error & {
          statusCode: number;
        };
        err.statusCode = 429;
        return err;
      },
    });
  }
  await app.register(authGuard, { authenticate: services.auth.authenticate });
  await app.register(healthRoutes, {
    databasePingIntervalMs: deps.observability?.databasePingIntervalMs,
    databaseCheckTimeoutMs: deps.observability?.databaseCheckTimeoutMs,
    ...services.llmProbes,
    checkRedis: redis?.check,
    searchMode: () => searchMode(db.kysely),
  });
  await app.register(metricsRoutes, {
    countActiveUsers: services.users.countActive,
    countWebhookOutbox: services.webhooks.countOutbox,
    countEvaluationQueue: services.evaluations.countQueue,
  });
  await app.register(testErrorRoute);
  await app.register(promptConfigRoutes);
  const { projects } = services;
  await app.register(projectContext);
  const inProject = "/api/v1/projects/:project";
  const secureCookie = config.PUBLIC_URL?.startsWith("https:") ?? false;
  // Every API route plugin with its prefix and what it uses, in the order the OpenAPI document lists
  // them. The older routes act on the caller's personal project (or the API key's); the same plugins are
  // mounted again under /api/v1/projects/:project for any project the caller is a member of.
  const apiRoutes = [
    mount(promptsRoutes, { prefix: "/api/v1/prompts", prompts: services.prompts, projects }),
    mount(analysisRoutes, { prefix: "/api/v1", analysis: services.analysis, projects }),
    mount(templatesRoutes, { prefix: "/api/v1/templates", templates: services.templates, projects }),
    mount(projectsRoutes, { prefix: "/api/v1/projects", projects }),
    mount(membersRoutes, {
      prefix: "/api/v1",
      members: services.members,
      invitations: services.invitations,
      keys: services.projectKeys,
    }),
    mount(promptsRoutes, { prefix: `${inProject}/prompts`, prompts: services.prompts, projects }),
    mount(analysisRoutes, { prefix: inProject, analysis: services.analysis, projects, underProject: true }),
    mount(templatesRoutes, { prefix: `${inProject}/templates`, templates: services.templates, projects }),
    mount(registryRoutes, {
      prefix: inProject,
      labels: services.labels,
      promotions: services.promotions,
      projects,
    }),
    mount(registryFetchRoutes, { prefix: "/api/v1/registry", registry: services.registry, metrics }),
    mount(usersRoutes, { prefix: "/api/v1/users", users: services.users }),
    mount(authRoutes, { prefix: "/api/v1/auth", auth: services.auth }),
    mount(ssoRoutes, { prefix: "/api/v1/auth", sso: services.sso, secureCookie }),
    mount(adminAuditRoutes, { prefix: "/api/v1/admin", audit: services.audit }),
    mount(projectAuditRoutes, { prefix: inProject, audit: services.audit, projects }),
    mount(webhooksRoutes, { prefix: `${inProject}/webhooks`, webhooks: services.webhooks, projects }),
    mount(assertionsRoutes, { prefix: inProject, assertions: services.promptAssertions, projects }),
    mount(datasetsRoutes, { prefix: inProject, datasets: services.datasets, projects }),
    mount(evaluationsRoutes, { prefix: inProject, evaluations: services.evaluations, projects }),
    mount(playgroundRoutes, { prefix: inProject, playground: services.playground, projects }),
  ];
  for (const register of apiRoutes) await register(app);

  // The browser app last: its catch-all GET answers only the paths no API route claims.
  await app.register(rumRoutes);
  await app.register(webStatic, { root: deps.webRoot });

  return app as unknown as FastifyInstance;
}
