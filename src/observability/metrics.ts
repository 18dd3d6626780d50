// Every Prometheus metric PromptForge exports, with exactly the monitoring guide's names, defined once
// on a registry of its own (so tests can build many apps in one process). Cross-cutting code (HTTP hooks,
// the Kysely log hook, the LLM provider wrapper) and services' domain counters all go through this object.
import client from "prom-client";
import { getOrInsert } from "../lib/maps.js";
import { counterChild, histogramChild } from "./metric-children.js";

export type Metrics = ReturnType<typeof createMetrics>;

/** The bounded `result` label of invitations_total. */
export const INVITATION_RESULTS = [
  "created",
  "emailed",
  "email_failed",
  "accepted",
  "expired",
  "revoked",
  "refused",
] as const;
export type InvitationResult = (typeof INVITATION_RESULTS)[number];

/** The `event` label of webhook_deliveries_total: the registry's webhook events and the test ping. */
export const WEBHOOK_DELIVERY_EVENTS = [
  "prompt.version.created",
  "prompt.label.moved",
  "promotion.requested",
  "promotion.decided",
  "ping",
] as const;

/**
 * Values read at scrape time (prom-client `collect()`), bound by the app that owns the registry:
 * gauges that mirror state elsewhere are computed when scraped rather than kept up to date by hand.
 */
export interface MetricSources {
  activeConnections?: () => number;
  /** Distinct users active in the last 24 h; may be cached by the source. */
  activeUsers?: () => Promise<number>;
  /** 1 when ready, 0 when not (including while shutting down). */
  ready?: () => number;
  /** Deliveries in the webhook outbox; may be cached by the source. */
  webhookOutboxPending?: () => Promise<number>;
  /** Evaluation items waiting or running, across all runs; may be cached by the source. */
  evaluationQueueDepth?: () => Promise<number>;
  onCollectError?: (metric: string, err: unknown) => void;
}

/** The values of sso_logins_total's `result` label (docs/operations/metrics.md). */
export const SSO_RESULTS = [
  "success",
  "denied",
  "refused",
  "invalid_flow",
  "provider_unavailable",
  "provider_error",
] as const;
export type SsoResult = (typeof SSO_RESULTS)[number];

/** The bounded `result` label of registry_fetches_total. */
export const REGISTRY_FETCH_RESULTS = ["ok", "not_modified", "not_found", "unauthorized"] as const;
export type RegistryFetchResult = (typeof REGISTRY_FETCH_RESULTS)[number];
/** The bounded `decision` label of promotions_total. */
export const PROMOTION_DECISIONS = ["requested", "approved", "rejected", "blocked"] as const;
export type PromotionDecision = (typeof PROMOTION_DECISIONS)[number];

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const DB_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const LLM_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60];
// Core Web Vitals: the "good" thresholds (LCP 2.5 s, FCP 1.8 s, TTFB 0.8 s, INP 0.2 s, CLS 0.1) are bucket edges.
const WEB_VITAL_SECONDS_BUCKETS = [0.05, 0.1, 0.2, 0.5, 0.8, 1, 1.8, 2.5, 3, 4, 6, 10];
const WEB_VITAL_SCORE_BUCKETS = [0.01, 0.05, 0.1, 0.15, 0.25, 0.5, 1];

export function createMetrics(opts: {
  version: string;
  commit: string;
  environment: string;
  collectDefaults?: boolean;
}) {
  const registry = new client.Registry();
  const sources: MetricSources = {};
  if (opts.collectDefaults !== false) client.collectDefaultMetrics({ register: registry });
  const r = [registry];
  // One call a metric: its name, help text, then (for histograms) its buckets, then its labels.
  const counter = <L extends string = string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new client.Counter<L>({ name, help, labelNames, registers: r });
  const histogram = <L extends string = string>(
    name: string,
    help: string,
    buckets: number[],
    labelNames: readonly L[] = [],
  ) => new client.Histogram<L>({ name, help, labelNames, buckets, registers: r });
  /** `collect` runs at scrape time, for gauges that mirror state kept elsewhere. */
  const gauge = <L extends string = string>(
    name: string,
    help: string,
    labelNames: readonly L[] = [],
    collect?: (this: client.Gauge<L>) => void | Promise<void>,
  ) => new client.Gauge<L>({ name, help, labelNames, registers: r, ...(collect ? { collect } : {}) });
  /**
   * A gauge read at scrape time from an asynchronous source. A failed read keeps the last value and is
   * reported through onCollectError under the metric's name: one failed count must not fail the scrape.
   */
  const sourcedGauge = (
    name: string,
    help: string,
    source: "activeUsers" | "webhookOutboxPending" | "evaluationQueueDepth",
  ) =>
    gauge(name, help, [], async function () {
      const read = sources[source];
      if (!read) return;
      try {
        this.set(await read());
      } catch (e) {
        sources.onCollectError?.(name, e);
      }
    });

  const m = {
    registry,
    sources,
    httpRequestsTotal: counter("http_requests_total", "Total HTTP requests", [
      "method",
      "endpoint",
      "status_code",
    ]),
    httpRequestDuration: histogram(
      "http_request_duration_seconds",
      "HTTP request latency in seconds",
      LATENCY_BUCKETS,
      ["method", "endpoint"],
    ),
    httpRequestsInProgress: gauge("http_requests_in_progress", "HTTP requests currently being processed", [
      "method",
      "endpoint",
    ]),
    slowRequestsTotal: counter("slow_requests_total", "Requests slower than SLOW_REQUEST_THRESHOLD", [
      "endpoint",
    ]),
    geminiRequestsTotal: counter("gemini_api_requests_total", "Total Gemini API requests", [
      "operation",
      "status",
    ]),
    geminiDuration: histogram("gemini_api_duration_seconds", "Gemini API latency in seconds", LLM_BUCKETS, [
      "operation",
    ]),
    geminiErrorsTotal: counter("gemini_api_errors_total", "Gemini API errors", ["operation", "error_type"]),
    llmRequestsTotal: counter("llm_requests_total", "LLM provider requests", [
      "provider",
      "operation",
      "status",
    ]),
    llmDuration: histogram(
      "llm_request_duration_seconds",
      "LLM provider request latency in seconds",
      LLM_BUCKETS,
      ["provider", "operation"],
    ),
    llmTokensTotal: counter(
      "llm_tokens_total",
      "Tokens used by LLM provider calls, by direction (input: the prompt, output: the answer); models outside LLM_PRICES and the configured ones are labelled other",
      ["provider", "model", "direction"],
    ),
    llmCostUsdTotal: counter(
      "llm_cost_usd_total",
      "What LLM generations cost in USD by the LLM_PRICES table (models without a price add nothing)",
      ["provider", "model"],
    ),
    analysisFallbacksTotal: counter(
      "analysis_engine_fallbacks_total",
      "Analyses answered by the offline engine because the LLM provider failed",
      ["reason"],
    ),
    databaseQueriesTotal: counter("database_queries_total", "Total database queries", ["operation"]),
    databaseQueryDuration: histogram(
      "database_query_duration_seconds",
      "Database query latency in seconds",
      DB_BUCKETS,
      ["operation"],
    ),
    databaseConnectionsActive: gauge(
      "database_connections_active",
      "Active database connections",
      [],
      function () {
        if (sources.activeConnections) this.set(sources.activeConnections());
      },
    ),
    databaseUp: gauge(
      "promptforge_database_up",
      "1 when the latest database check (background ping or health check) succeeded, else 0",
    ),
    ready: gauge(
      "promptforge_ready",
      "1 when the instance is ready for traffic (latest readiness answer), 0 otherwise and while shutting down",
      [],
      function () {
        if (sources.ready) this.set(sources.ready());
      },
    ),
    userRegistrationsTotal: counter("user_registrations_total", "Total user registrations"),
    userLoginsTotal: counter("user_logins_total", "Total login attempts", ["status"]),
    activeUsers: sourcedGauge("active_users", "Distinct users active in the last 24 hours", "activeUsers"),
    ssoLoginsTotal: counter("sso_logins_total", "Single sign-on attempts by result", ["result"]),
    promptsAnalyzedTotal: counter("prompts_analyzed_total", "Total prompts analyzed"),
    promptsEnhancedTotal: counter("prompts_enhanced_total", "Total prompts enhanced"),
    promptQualityScore: histogram(
      "prompt_quality_score",
      "Overall quality score of analyzed prompts (0-100)",
      [10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
    ),
    analysisRescoredVersionsTotal: counter(
      "analysis_rescored_versions_total",
      "Stored version scores recomputed in place after an analysis engine upgrade",
    ),
    analysisRescoreSkippedTotal: counter(
      "analysis_rescore_skipped_total",
      "Claimed version scores the rescore job left as they were, by reason",
      ["reason"],
    ),
    analysisRescorePendingVersions: gauge(
      "analysis_rescore_pending_versions",
      "Stored version scores computed by another analysis engine version, awaiting rescoring",
    ),
    analysisRescoreBatchDuration: histogram(
      "analysis_rescore_batch_duration_seconds",
      "Duration of one rescore batch: claim, recompute (yielding between versions) and write",
      [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    ),
    analysisRescoreErrorsTotal: counter(
      "analysis_rescore_errors_total",
      "Rescore passes that stopped on an error (retried at the next interval)",
    ),
    templatesCreatedTotal: counter("templates_created_total", "Templates created"),
    templatesUsedTotal: counter("templates_used_total", "Template uses"),
    apiKeyAuthenticationsTotal: counter(
      "api_key_authentications_total",
      "Requests authenticated with an API key, by kind (user, project, unknown) and result (success, invalid, expired)",
      ["kind", "result"],
    ),
    invitationsTotal: counter(
      "invitations_total",
      "Project invitations by outcome: created, emailed, email_failed, accepted, expired, revoked, refused",
      ["result"],
    ),
    auditEventsTotal: counter("audit_events_total", "Audit-log entries appended, by action", ["action"]),
    auditVerificationsTotal: counter(
      "audit_verifications_total",
      "Audit-chain verifications, by scope (project, instance) and result (ok, broken)",
      ["scope", "result"],
    ),
    auditRetentionRunsTotal: counter(
      "audit_retention_runs_total",
      "Audit-log retention runs, by result (success, error, chain_broken)",
      ["result"],
    ),
    auditRetentionDeletedTotal: counter(
      "audit_retention_deleted_total",
      "Audit-log entries deleted by retention",
    ),
    webhookDeliveriesTotal: counter(
      "webhook_deliveries_total",
      "Webhook delivery attempts, by event and result (delivered, retry: failed and rescheduled, failed: given up)",
      ["event", "result"],
    ),
    webhookDeliveryDuration: histogram(
      "webhook_delivery_duration_seconds",
      "Duration of one webhook delivery attempt, until the receiver's status line (or the 10 s time-out)",
      [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    ),
    webhookOutboxPending: sourcedGauge(
      "webhook_outbox_pending",
      "Webhook deliveries not yet delivered nor given up (pending or in flight), across all projects",
      "webhookOutboxPending",
    ),
    evaluationRunsTotal: counter(
      "evaluation_runs_total",
      "Evaluation runs ended, by result: completed, failed (no item could be evaluated), cancelled",
      ["result"],
    ),
    evaluationItemsTotal: counter(
      "evaluation_items_total",
      "Evaluation items settled (one item × target × repeat), by result: passed, failed, error",
      ["result"],
    ),
    evaluationQueueDepth: sourcedGauge(
      "evaluation_queue_depth",
      "Evaluation items waiting or running, across all runs and instances",
      "evaluationQueueDepth",
    ),
    playgroundTargetsTotal: counter(
      "playground_targets_total",
      "Playground generations (one per target of a request), by provider and result: success, error, cancelled (the client went away), truncated (the output cap was reached)",
      ["provider", "result"],
    ),
    exceptionsTotal: counter("exceptions_total", "Unhandled exceptions", ["exception_type", "endpoint"]),
    webVitalsSeconds: histogram(
      "web_vitals_seconds",
      "Core Web Vitals timings from real browsers (LCP, FCP, TTFB, INP) in seconds",
      WEB_VITAL_SECONDS_BUCKETS,
      ["name", "page"],
    ),
    webVitalsScore: histogram(
      "web_vitals_score",
      "Unitless Core Web Vitals from real browsers (CLS)",
      WEB_VITAL_SCORE_BUCKETS,
      ["name", "page"],
    ),
    buildInfo: gauge("promptforge_build_info", "PromptForge build information", [
      "version",
      "commit",
      "environment",
    ]),
    registryFetchesTotal: counter(
      "registry_fetches_total",
      "Registry fetches (GET /api/v1/registry/:project/:name) by result: ok, not_modified, not_found, unauthorized",
      ["result"],
    ),
    registryFetchDuration: histogram(
      "registry_fetch_duration_seconds",
      "Registry fetch latency in seconds, from request to response",
      LATENCY_BUCKETS,
    ),
    redisUp: gauge(
      "promptforge_redis_up",
      "1 while the connection to REDIS_URL is ready; 0 while it is not, and always 0 without REDIS_URL",
    ),
    redisConfigured: gauge(
      "promptforge_redis_configured",
      "1 when this instance was given REDIS_URL, 0 without it (tells 'Redis down' from 'no Redis')",
    ),
    redisErrorsTotal: counter(
      "promptforge_redis_errors_total",
      "Redis commands that failed, by operation: rate_limit (the request was counted on this instance alone), publish (an auth-cache invalidation other instances did not hear)",
      ["operation"],
    ),
    promotionsTotal: counter(
      "promotions_total",
      "Promotion requests and decisions: requested, blocked (by the quality gate), approved, rejected",
      ["decision"],
    ),
    datasetImportsTotal: counter(
      "dataset_imports_total",
      "Dataset imports (CSV or JSON lines), by format and result: imported, refused (a bad row; nothing imported)",
      ["format", "result"],
    ),
    datasetItemsImportedTotal: counter(
      "dataset_items_imported_total",
      "Dataset items written by imports, by format (csv, jsonl)",
      ["format"],
    ),
  };
  m.buildInfo.labels(opts.version, opts.commit, opts.environment).set(1);
  for (const reason of ["claim_lost", "version_missing"]) m.analysisRescoreSkippedTotal.labels(reason).inc(0);
  // Counters of fixed outcomes start at 0 for every outcome, so rate() and increase() answer 0 (not
  // "no data") before the first verification or retention run, and a first failure counts as an increase.
  for (const scope of ["project", "instance"])
    for (const result of ["ok", "broken"]) m.auditVerificationsTotal.labels(scope, result).inc(0);
  for (const result of ["success", "error", "chain_broken"]) m.auditRetentionRunsTotal.labels(result).inc(0);
  // Every result starts at 0, so rate() and the SSO alert see the first failure as an increase.
  for (const result of SSO_RESULTS) m.ssoLoginsTotal.labels(result).inc(0);
  // Every outcome exists from the start, so rates and alerts see zeros rather than no series.
  for (const result of INVITATION_RESULTS) m.invitationsTotal.labels(result).inc(0);
  m.apiKeyAuthenticationsTotal.labels("unknown", "invalid").inc(0);
  for (const result of REGISTRY_FETCH_RESULTS) m.registryFetchesTotal.labels(result).inc(0);
  for (const decision of PROMOTION_DECISIONS) m.promotionsTotal.labels(decision).inc(0);
  for (const operation of ["rate_limit", "publish"]) m.redisErrorsTotal.labels(operation).inc(0);
  m.redisConfigured.set(0);
  for (const kind of ["user", "project"] as const)
    for (const result of ["success", "expired"] as const)
      m.apiKeyAuthenticationsTotal.labels(kind, result).inc(0);
  // Every event × result starts at 0, so the webhook failure-ratio alert sees the first failure.
  for (const event of WEBHOOK_DELIVERY_EVENTS)
    for (const result of ["delivered", "retry", "failed"])
      m.webhookDeliveriesTotal.labels(event, result).inc(0);
  // Every result starts at 0, so rates and alerts see the first failure as an increase.
  for (const result of ["completed", "failed", "cancelled"]) m.evaluationRunsTotal.labels(result).inc(0);
  for (const result of ["passed", "failed", "error"]) m.evaluationItemsTotal.labels(result).inc(0);
  for (const provider of ["openai", "gemini"])
    for (const result of ["success", "error", "cancelled", "truncated"])
      m.playgroundTargetsTotal.labels(provider, result).inc(0);
  // Every format × result exists from the start, so a first refused import counts as an increase.
  for (const format of ["csv", "jsonl"]) {
    m.datasetItemsImportedTotal.labels(format).inc(0);
    for (const result of ["imported", "refused"]) m.datasetImportsTotal.labels(format, result).inc(0);
  }
  return m;
}

/** The guide's helper: record one database query. */
/** The labelled children of each registry's database metrics, by operation (a handful of verbs). */
const databaseSeries = new WeakMap<
  Metrics,
  Map<string, { total: { inc(): void }; duration: { observe(v: number): void } }>
>();

export function trackDatabaseQuery(metrics: Metrics, operation: string, seconds: number): void {
  // Every query passes here: prom-client's labels() hashes the values on each call, so keep the children.
  const byOperation = getOrInsert(databaseSeries, metrics, () => new Map());
  const series = getOrInsert(byOperation, operation, () => ({
    total: counterChild(metrics.databaseQueriesTotal, operation),
    duration: histogramChild(metrics.databaseQueryDuration, operation),
  }));
  series.total.inc();
  series.duration.observe(seconds);
}

/** The guide's helper: record one Gemini API call. */
export function trackGeminiRequest(
  metrics: Metrics,
  operation: string,
  seconds: number,
  status: string,
): void {
  metrics.geminiRequestsTotal.labels(operation, status).inc();
  metrics.geminiDuration.labels(operation).observe(seconds);
}
