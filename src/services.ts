// createServices(infra): every feature service built once, in dependency order, from the infrastructure
// and the other services it needs. buildApp calls it and hands each route plugin the services it uses;
// each service declares its own narrow dependencies, so nothing here is passed wholesale.
import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import type { Config } from "./config.js";
import type { DatabaseHandle } from "./db/database.js";
import { createAnalysisService } from "./features/analysis/analysis-service.js";
import { createLlmProbes } from "./features/analysis/providers/health-probes.js";
import { createAnalysisLlm, type LlmOverrides } from "./features/analysis/providers/index.js";
import { createRescoreJob } from "./features/analysis/rescore-job.js";
import { type AuditRetentionOptions, createAuditRetention } from "./features/audit/audit-retention.js";
import { createAuditService } from "./features/audit/audit-service.js";
import { AUTH_TABLES, createAuthCache } from "./features/auth/auth-cache.js";
import { createAuthService } from "./features/auth/auth-service.js";
import { TokenSigner } from "./features/auth/tokens.js";
import { createDatasetsService } from "./features/evaluations/datasets-service.js";
import {
  createEmbeddedSource,
  createPgBossSource,
  type ItemSource,
} from "./features/evaluations/evaluation-queue.js";
import { createTextGenerator, llmPricing } from "./features/evaluations/evaluation-targets.js";
import { createEvaluationWorker, LEASE_MARGIN_MS } from "./features/evaluations/evaluation-worker.js";
import { createEvaluationsRepository } from "./features/evaluations/evaluations-repository.js";
import { createEvaluationsService } from "./features/evaluations/evaluations-service.js";
import { createPlaygroundService } from "./features/evaluations/playground-service.js";
import { createPromptAssertionsService } from "./features/evaluations/prompt-assertions-service.js";
import { createInvitationsService } from "./features/projects/invitations-service.js";
import { createMembersService } from "./features/projects/members-service.js";
import { createProjectKeysService } from "./features/projects/project-keys-service.js";
import { createProjectsService } from "./features/projects/projects-service.js";
import { createPromptsService } from "./features/prompts/prompts-service.js";
import { createLabelsService } from "./features/registry/labels-service.js";
import { createPromotionsService } from "./features/registry/promotions-service.js";
import { createRegistryService } from "./features/registry/registry-service.js";
import { createProjectGrants } from "./features/sso/project-grants.js";
import { createSsoService } from "./features/sso/sso-service.js";
import { createTemplatesService } from "./features/templates/templates-service.js";
import { createUsersService } from "./features/users/users-service.js";
import { createWebhookEvents } from "./features/webhooks/webhook-events.js";
import { createWebhookWorker, type WebhookWorkerOverrides } from "./features/webhooks/webhook-worker.js";
import { createWebhooksService } from "./features/webhooks/webhooks-service.js";
import { createMailer, type Mailer } from "./lib/mailer.js";
import type { SharedRedis } from "./lib/redis.js";
import type { Metrics } from "./observability/metrics.js";

export interface Infrastructure {
  config: Config;
  db: Pick<DatabaseHandle, "kysely"> & Partial<Pick<DatabaseHandle, "writes" | "kind" | "schema">>;
  metrics: Metrics;
  clock: () => number;
  logger: Logger;
  /** LLM provider knobs for tests: a fake clock, a recording sleep, a short timeout. */
  llm?: LlmOverrides;
  /** Audit retention timing for tests: a short interval and first delay, small batches. */
  auditRetention?: AuditRetentionOptions;
  /** The mailer to use instead of the one SMTP_URL configures (null: none). */
  mailer?: Mailer | null;
  /** Webhook delivery knobs for tests: a resolver, a short time-out, a fixed jitter. */
  webhooks?: WebhookWorkerOverrides;
  /** Other instances' caches (Redis pub/sub when REDIS_URL is set): told and heard of auth writes. */
  authInvalidation?: Pick<SharedRedis, "publishAuthInvalidation" | "onAuthInvalidation">;
}

export type Services = ReturnType<typeof createServices>;

export function createServices(infra: Infrastructure) {
  const { config, metrics, clock, logger } = infra;
  const db = infra.db.kysely;
  // A config start-up did not complete (tests, tools) signs with a secret of this process alone.
  const secret = config.jwtSecret ?? randomBytes(32).toString("hex");
  const signer = new TokenSigner(secret, config.ACCESS_TOKEN_TTL, clock);
  // The configured analysis LLM (resilience and metrics included), or null: offline engine only.
  const llm = createAnalysisLlm(config, { metrics, clock, logger, ...llmPricing(config), ...infra.llm });

  const audit = createAuditService({ db, clock, metrics, config });
  const auditRetention = createAuditRetention({
    db,
    clock,
    logger,
    metrics,
    config,
    ...infra.auditRetention,
  });
  // Signed-in requests reuse recent user, API-key, project and membership look-ups; any write to those
  // tables through this database handle empties the cache at once (without a write watch there is no cache).
  const authCache = createAuthCache({
    ttlMs: infra.db.writes ? config.AUTH_CACHE_SECONDS * 1000 : 0,
    maxEntries: 10_000,
    clock,
  });
  const unwatchAuthWrites = infra.db.writes?.onWrite((table) => {
    if (!AUTH_TABLES.has(table)) return;
    authCache.clear();
    infra.authInvalidation?.publishAuthInvalidation();
  });
  // Another instance wrote: its look-ups are stale here too (without Redis they expire within the bound).
  if (infra.db.writes) infra.authInvalidation?.onAuthInvalidation(() => authCache.clear());
  const projects = createProjectsService({ db, clock, audit, cache: authCache });
  const members = createMembersService({ db, clock, projects, audit });
  // Invitation e-mails go out through SMTP_URL when set; without it the link is returned to the inviter.
  const mailer = infra.mailer === undefined ? createMailer(config) : infra.mailer;
  const invitations = createInvitationsService({ db, clock, config, metrics, mailer, projects, audit });
  const projectKeys = createProjectKeysService({ db, clock, projects, audit });
  // The outbox writer the registry's services call inside their transactions (registry contract, "Events").
  // The prompts, labels and promotions services take it as their optional `events` dependency.
  const webhookEvents = createWebhookEvents({ clock });
  const prompts = createPromptsService({ db, clock, audit, events: webhookEvents });
  const templates = createTemplatesService({ db, clock, metrics, prompts, audit });
  const analysis = createAnalysisService({ db, clock, metrics, llm, prompts, config });
  const auth = createAuthService({ db, config, clock, signer, metrics, audit, projects, cache: authCache });
  const users = createUsersService({ db });
  const sso = createSsoService({
    db,
    config,
    clock,
    metrics,
    logger,
    auth,
    projects,
    audit,
    grantProjectRoles: createProjectGrants({ db, clock, logger, audit }),
  });
  // Registry: labels and promotions record their events in the webhooks outbox inside each change's
  // transaction.
  const labels = createLabelsService({ db, clock, audit, events: webhookEvents });
  const promotions = createPromotionsService({
    db,
    clock,
    audit,
    metrics,
    labels,
    events: webhookEvents,
    // The gate's min_eval_pass_rate asks the evaluations service (built further down) at request time.
    evaluationGate: (projectId, promptId, version, dataset) =>
      evaluations.latestPassRate(projectId, promptId, version, dataset),
  });
  const registry = createRegistryService({ db });
  const llmProbes = createLlmProbes(config, llm, metrics, clock);
  // Background: recomputes stored version scores after an engine upgrade (buildApp starts and stops it).
  const rescore = createRescoreJob({ db, clock, metrics, logger, config });
  // Background: sends queued webhook deliveries (buildApp starts and stops it).
  const webhookWorker = createWebhookWorker({ db, clock, metrics, logger, config, ...infra.webhooks });
  const webhooks = createWebhooksService({
    db,
    clock,
    audit,
    config,
    deliverNow: webhookWorker.deliverNow,
    resolve: infra.webhooks?.resolve,
    resolveTimeoutMs: infra.webhooks?.timeoutMs,
  });
  // Evaluations: the assertions prompts declare.
  const promptAssertions = createPromptAssertionsService({ db, clock, audit });

  // Evaluations: datasets (getDatasetForRun is what runs and the CLI read them through).
  const datasets = createDatasetsService({ db, clock, audit, metrics });
  // Evaluation runs: text generation on the configured providers (sharing the analysis client's circuit),
  // the queue (pg-boss on PostgreSQL, the embedded poll on SQLite), the worker (buildApp starts and stops
  // it) and the runs service.
  const textGeneration = createTextGenerator({ config, metrics, analysisLlm: llm, overrides: infra.llm });
  const evaluationsRepo = createEvaluationsRepository(db);
  const usePgBoss =
    config.EVALUATION_QUEUE === "pg-boss" ||
    (config.EVALUATION_QUEUE === "auto" && infra.db.kind === "postgres");
  const evaluationQueue: ItemSource = usePgBoss
    ? createPgBossSource({
        db,
        schema: infra.db.schema ? `${infra.db.schema}_pgboss` : config.EVALUATION_PGBOSS_SCHEMA,
        expireInSeconds:
          Math.ceil((config.EVALUATION_ITEM_TIMEOUT_SECONDS * 1000 + LEASE_MARGIN_MS) / 1000) + 30,
        clock,
        logger,
      })
    : createEmbeddedSource({ repo: evaluationsRepo, clock });
  const evaluationWorker = createEvaluationWorker({
    repo: evaluationsRepo,
    source: evaluationQueue,
    generator: textGeneration,
    registry,
    clock,
    metrics,
    logger,
    config,
  });
  const evaluations = createEvaluationsService({
    db,
    clock,
    metrics,
    datasets,
    generator: textGeneration,
    enqueue: (ids, trx) => evaluationQueue.enqueue(ids, trx),
    worker: evaluationWorker,
  });
  // The playground: streamed generations on the same providers, limits and metrics as the runs.
  const playground = createPlaygroundService({ db, registry, generator: textGeneration, config, metrics });

  return {
    signer,
    authCache,
    /** Stops the write watch behind the auth cache (the app's close; the database may outlive it). */
    unwatchAuthWrites: unwatchAuthWrites ?? (() => {}),
    llm,
    audit,
    auditRetention,
    mailer,
    projects,
    members,
    invitations,
    projectKeys,
    prompts,
    templates,
    analysis,
    auth,
    users,
    sso,
    labels,
    promotions,
    registry,
    llmProbes,
    rescore,
    webhookEvents,
    webhookWorker,
    webhooks,
    datasets,
    promptAssertions,
    textGeneration,
    evaluationWorker,
    evaluations,
    playground,
  };
}
