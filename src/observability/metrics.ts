// Every Prometheus metric PromptForge exports, with exactly the monitoring guide's names, defined once
// on a registry of its own (so tests can build many apps in one process). Cross-cutting code (HTTP hooks,
// the Kysely log hook, the LLM provider wrapper) and services' domain counters all go through this object.
import client from "prom-client";

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

  const m = {
    registry,
    sources,
    httpRequestsTotal: new client.Counter({
      name: "http_requests_total",
      help: "Total HTTP requests",
      labelNames: ["method", "endpoint", "status_code"] as const,
      registers: r,
    }),
    httpRequestDuration: new client.Histogram({
      name: "http_request_duration_seconds",
      help: "HTTP request latency in seconds",
      labelNames: ["method", "endpoint"] as const,
      buckets: LATENCY_BUCKETS,
      registers: r,
    }),
    httpRequestsInProgress: new client.Gauge({
      name: "http_requests_in_progress",
      help: "HTTP requests currently being processed",
      labelNames: ["method", "endpoint"] as const,
      registers: r,
    }),
    slowRequestsTotal: new client.Counter({
      name: "slow_requests_total",
      help: "Requests slower than SLOW_REQUEST_THRESHOLD",
      labelNames: ["endpoint"] as const,
      registers: r,
    }),
    geminiRequestsTotal: new client.Counter({
      name: "gemini_api_requests_total",
      help: "Total Gemini API requests",
      labelNames: ["operation", "status"] as const,
      registers: r,
    }),
    geminiDuration: new client.Histogram({
      name: "gemini_api_duration_seconds",
      help: "Gemini API latency in seconds",
      labelNames: ["operation"] as const,
      buckets: LLM_BUCKETS,
      registers: r,
    }),
    geminiErrorsTotal: new client.Counter({
      name: "gemini_api_errors_total",
      help: "Gemini API errors",
      labelNames: ["operation", "error_type"] as const,
      registers: r,
    }),
    llmRequestsTotal: new client.Counter({
      name: "llm_requests_total",
      help: "LLM provider requests",
      labelNames: ["provider", "operation", "status"] as const,
      registers: r,
    }),
    llmDuration: new client.Histogram({
      name: "llm_request_duration_seconds",
      help: "LLM provider request latency in seconds",
      labelNames: ["provider", "operation"] as const,
      buckets: LLM_BUCKETS,
      registers: r,
    }),
    llmTokensTotal: new client.Counter({
      name: "llm_tokens_total",
      help: "Tokens used by LLM provider calls",
      labelNames: ["provider", "model", "type"] as const,
      registers: r,
    }),
    analysisFallbacksTotal: new client.Counter({
      name: "analysis_engine_fallbacks_total",
      help: "Analyses answered by the offline engine because the LLM provider failed",
      labelNames: ["reason"] as const,
      registers: r,
    }),
    databaseQueriesTotal: new client.Counter({
      name: "database_queries_total",
      help: "Total database queries",
      labelNames: ["operation"] as const,
      registers: r,
    }),
    databaseQueryDuration: new client.Histogram({
      name: "database_query_duration_seconds",
      help: "Database query latency in seconds",
      labelNames: ["operation"] as const,
      buckets: DB_BUCKETS,
      registers: r,
    }),
    databaseConnectionsActive: new client.Gauge({
      name: "database_connections_active",
      help: "Active database connections",
      registers: r,
      collect() {
        if (sources.activeConnections) this.set(sources.activeConnections());
      },
    }),
    databaseUp: new client.Gauge({
      name: "promptforge_database_up",
      help: "1 when the latest database check (background ping or health check) succeeded, else 0",
      registers: r,
    }),
    ready: new client.Gauge({
      name: "promptforge_ready",
      help: "1 when the instance is ready for traffic (latest readiness answer), 0 otherwise and while shutting down",
      registers: r,
      collect() {
        if (sources.ready) this.set(sources.ready());
      },
    }),
    userRegistrationsTotal: new client.Counter({
      name: "user_registrations_total",
      help: "Total user registrations",
      registers: r,
    }),
    userLoginsTotal: new client.Counter({
      name: "user_logins_total",
      help: "Total login attempts",
      labelNames: ["status"] as const,
      registers: r,
    }),
    ssoLoginsTotal: new client.Counter({
      name: "sso_logins_total",
      help: "Single sign-on attempts by result",
      labelNames: ["result"] as const,
      registers: r,
    }),
    activeUsers: new client.Gauge({
      name: "active_users",
      help: "Distinct users active in the last 24 hours",
      registers: r,
      async collect() {
        if (!sources.activeUsers) return;
        try {
          this.set(await sources.activeUsers());
        } catch (e) {
          // Keep the last value: a failed count must not fail the whole scrape.
          sources.onCollectError?.("active_users", e);
        }
      },
    }),
    promptsAnalyzedTotal: new client.Counter({
      name: "prompts_analyzed_total",
      help: "Total prompts analyzed",
      registers: r,
    }),
    promptsEnhancedTotal: new client.Counter({
      name: "prompts_enhanced_total",
      help: "Total prompts enhanced",
      registers: r,
    }),
    promptQualityScore: new client.Histogram({
      name: "prompt_quality_score",
      help: "Overall quality score of analyzed prompts (0-100)",
      buckets: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
      registers: r,
    }),
    templatesCreatedTotal: new client.Counter({
      name: "templates_created_total",
      help: "Templates created",
      registers: r,
    }),
    templatesUsedTotal: new client.Counter({
      name: "templates_used_total",
      help: "Template uses",
      registers: r,
    }),
    auditEventsTotal: new client.Counter({
      name: "audit_events_total",
      help: "Audit-log entries appended, by action",
      labelNames: ["action"] as const,
      registers: r,
    }),
    auditVerificationsTotal: new client.Counter({
      name: "audit_verifications_total",
      help: "Audit-chain verifications, by scope (project, instance) and result (ok, broken)",
      labelNames: ["scope", "result"] as const,
      registers: r,
    }),
    auditRetentionRunsTotal: new client.Counter({
      name: "audit_retention_runs_total",
      help: "Audit-log retention runs, by result (success, error, chain_broken)",
      labelNames: ["result"] as const,
      registers: r,
    }),
    auditRetentionDeletedTotal: new client.Counter({
      name: "audit_retention_deleted_total",
      help: "Audit-log entries deleted by retention",
      registers: r,
    }),
    apiKeyAuthenticationsTotal: new client.Counter({
      name: "api_key_authentications_total",
      help: "Requests authenticated with an API key, by kind (user, project, unknown) and result (success, invalid, expired)",
      labelNames: ["kind", "result"] as const,
      registers: r,
    }),
    invitationsTotal: new client.Counter({
      name: "invitations_total",
      help: "Project invitations by outcome: created, emailed, email_failed, accepted, expired, revoked, refused",
      labelNames: ["result"] as const,
      registers: r,
    }),
    exceptionsTotal: new client.Counter({
      name: "exceptions_total",
      help: "Unhandled exceptions",
      labelNames: ["exception_type", "endpoint"] as const,
      registers: r,
    }),
    webVitalsSeconds: new client.Histogram({
      name: "web_vitals_seconds",
      help: "Core Web Vitals timings from real browsers (LCP, FCP, TTFB, INP) in seconds",
      labelNames: ["name", "page"] as const,
      buckets: WEB_VITAL_SECONDS_BUCKETS,
      registers: r,
    }),
    webVitalsScore: new client.Histogram({
      name: "web_vitals_score",
      help: "Unitless Core Web Vitals from real browsers (CLS)",
      labelNames: ["name", "page"] as const,
      buckets: WEB_VITAL_SCORE_BUCKETS,
      registers: r,
    }),
    buildInfo: new client.Gauge({
      name: "promptforge_build_info",
      help: "PromptForge build information",
      labelNames: ["version", "commit", "environment"] as const,
      registers: r,
    }),
  };
  m.buildInfo.labels(opts.version, opts.commit, opts.environment).set(1);
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
  for (const kind of ["user", "project"] as const)
    for (const result of ["success", "expired"] as const)
      m.apiKeyAuthenticationsTotal.labels(kind, result).inc(0);
  return m;
}

/** The guide's helper: record one database query. */
export function trackDatabaseQuery(metrics: Metrics, operation: string, seconds: number): void {
  metrics.databaseQueriesTotal.labels(operation).inc();
  metrics.databaseQueryDuration.labels(operation).observe(seconds);
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
