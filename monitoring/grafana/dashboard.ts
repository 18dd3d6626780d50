// The PromptForge Grafana dashboard as typed code (Grafana Foundation SDK). `npm run monitoring:build`
// writes what renderDashboard() returns to monitoring/grafana/dashboards/promptforge.json, the file
// Grafana provisions; test/monitoring/dashboard.test.ts fails when the committed file and this code
// disagree. A new capability adds one function returning its row, and one line in ROWS.
//
// Every query of PromptForge's own series is narrowed to the chosen instances (`instance=~"$instance"`);
// service-wide recording rules (`job:…`) and ALERTS are not.

import type * as cog from "@grafana/grafana-foundation-sdk/cog";
import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import {
  histogramBarsPanel,
  labelsTablePanel,
  PROMETHEUS,
  type Query,
  type Step,
  statPanel,
  timeseriesPanel,
} from "./panels.js";

/** A row of the dashboard: its title and its panels, left to right, wrapping at 24 columns. */
export interface DashboardRow {
  title: string;
  panels: cog.Builder<dashboard.Panel>[];
}

/** The rows, top to bottom. */
export const ROWS: (() => DashboardRow)[] = [
  overviewRow,
  httpRow,
  llmProvidersRow,
  databaseRow,
  redisRow,
  usersRow,
  teamsRow,
  promptsRow,
  registryRow,
  evaluationsRow,
  rescoreRow,
  auditRow,
  webAppRow,
  runtimeRow,
  alertsRow,
  playgroundRow,
];

/** Where the generated dashboard lives, relative to the repository root. */
export const DASHBOARD_FILE = "monitoring/grafana/dashboards/promptforge.json";

export function buildDashboard(): dashboard.Dashboard {
  const builder = new dashboard.DashboardBuilder("PromptForge")
    .uid("promptforge")
    .description(
      "PromptForge service: traffic, errors, latency, LLM providers, database, users, prompts, runtime and alerts.",
    )
    .tags(["promptforge"])
    .timezone("browser")
    .editable()
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .version(1)
    .refresh("30s")
    .time({ from: "now-6h", to: "now" })
    .annotation(
      new dashboard.AnnotationQueryBuilder()
        .name("Annotations & Alerts")
        .datasource({ type: "grafana", uid: "-- Grafana --" })
        .builtIn(1)
        .type("dashboard")
        .enable(true)
        .hide(true)
        .iconColor("rgba(0, 211, 255, 1)"),
    )
    .withVariable(labelValuesVariable("environment", "Environment", "promptforge_build_info", "environment"))
    .withVariable(
      labelValuesVariable(
        "instance",
        "Instance",
        'promptforge_build_info{environment=~"$environment"}',
        "instance",
      ),
    );
  for (const row of ROWS.map((makeRow) => makeRow())) {
    // An empty, expanded row with its panels after it: the SDK's RowBuilder.withPanel would collapse the
    // row (Grafana only keeps panels nested in a collapsed row).
    builder.withRow(new dashboard.RowBuilder(row.title));
    for (const panel of row.panels) builder.withPanel(panel);
  }
  // Identity first, so the file reads like the dashboard it is; the SDK's defaults follow.
  const { uid, title, description, tags, ...rest } = builder.build();
  return numberPanels({ uid, title, description, tags, ...rest });
}

/** The dashboard file's exact content: two-space JSON and a final newline. */
export function renderDashboard(): string {
  return `${JSON.stringify(buildDashboard(), null, 2)}\n`;
}

/** A multi-select variable listing the values of one label of a series, "All" by default. */
function labelValuesVariable(name: string, label: string, series: string, labelName: string) {
  const query = `label_values(${series}, ${labelName})`;
  return new dashboard.QueryVariableBuilder(name)
    .label(label)
    .datasource(PROMETHEUS)
    .query({ query, refId: `${name}-query`, qryType: 1 })
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .includeAll(true)
    .multi(true)
    .sort(dashboard.VariableSort.AlphabeticalAsc)
    .current({ selected: true, text: ["All"], value: ["$__all"] })
    .options([])
    .hide(dashboard.VariableHide.DontHide)
    .regex("");
}

/** Panel ids 1, 2, 3… from top to bottom, rows included, written first in each panel. */
function numberPanels(built: dashboard.Dashboard): dashboard.Dashboard {
  let next = 1;
  // The SDK gives rows the id 0; every id is replaced.
  const number = <P extends dashboard.Panel | dashboard.RowPanel>({ id: _unset, ...panel }: P): P =>
    ({ id: next++, ...panel }) as P;
  built.panels = built.panels?.map((panel) =>
    panel.type === "row"
      ? { ...number(panel), panels: (panel as dashboard.RowPanel).panels.map(number) }
      : number(panel),
  );
  return built;
}

/** The overview's tiles are all 4 × 4. */
const tile = (spec: Omit<Parameters<typeof statPanel>[0], "w" | "h">) => statPanel({ ...spec, w: 4, h: 4 });
/** Red at 0, green from 1: a count of things that should be there. */
const RED_UNTIL_ONE: Step[] = [
  { color: "red", value: null },
  { color: "green", value: 1 },
];
/** A 0/1 health gauge (1 = healthy) shown as UP or DOWN. */
const upDownTile = (title: string, description: string, query: Query) =>
  tile({ title, description, unit: "short", thresholds: RED_UNTIL_ONE, upDown: true, query });

/** At a glance: is the service up, which version, is it meeting its SLOs, are its dependencies there. */
export function overviewRow(): DashboardRow {
  return {
    title: "Overview",
    panels: [
      tile({
        title: "Instances up",
        description: "Instances Prometheus can scrape.",
        unit: "short",
        thresholds: RED_UNTIL_ONE,
        query: { expr: 'sum(up{job="promptforge", instance=~"$instance"})', legend: "up" },
      }),
      tile({
        title: "Version",
        description: "Running versions (promptforge_build_info).",
        unit: "short",
        thresholds: [{ color: "green", value: null }],
        showName: true,
        query: {
          expr: 'count by (version, commit) (promptforge_build_info{instance=~"$instance"})',
          legend: "{{version}} ({{commit}})",
        },
      }),
      tile({
        title: "Availability (1 h)",
        description: "Share of requests not answered with a 5xx over the last hour (SLO 99.9 %).",
        unit: "percentunit",
        decimals: 3,
        thresholds: [
          { color: "red", value: null },
          { color: "orange", value: 0.99 },
          { color: "green", value: 0.999 },
        ],
        query: {
          expr: '1 - ((sum(rate(http_requests_total{instance=~"$instance", status_code=~"5.."}[1h])) or vector(0)) / sum(rate(http_requests_total{instance=~"$instance"}[1h])))',
          legend: "availability",
        },
      }),
      tile({
        title: "Under 1 s (1 h)",
        description: "Share of requests answered in under 1 s over the last hour (SLO 95 %).",
        unit: "percentunit",
        decimals: 2,
        thresholds: [
          { color: "red", value: null },
          { color: "orange", value: 0.9 },
          { color: "green", value: 0.95 },
        ],
        query: {
          expr: 'sum(rate(http_request_duration_seconds_bucket{instance=~"$instance", le=~"1|1.0"}[1h])) / sum(rate(http_request_duration_seconds_count{instance=~"$instance"}[1h]))',
          legend: "fast",
        },
      }),
      upDownTile(
        "Database",
        "Whether every selected instance reaches its database (promptforge_database_up).",
        { expr: 'min(promptforge_database_up{instance=~"$instance"})', legend: "database" },
      ),
      upDownTile("Ready", "Whether every selected instance answers /health/ready with 200.", {
        expr: 'min(promptforge_ready{instance=~"$instance"})',
        legend: "ready",
      }),
    ],
  };
}

/** Traffic, errors and latency per route template, and the SLO burn rates. */
export function httpRow(): DashboardRow {
  return {
    title: "HTTP",
    panels: [
      timeseriesPanel({
        title: "Request rate by endpoint",
        description: "Requests per second by route template (health probes and /metrics are not counted).",
        unit: "reqps",
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'sum by (method, endpoint) (rate(http_requests_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{method}} {{endpoint}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "Error ratio by endpoint (5xx)",
        description: "Share of each endpoint's requests answered with a 5xx.",
        unit: "percentunit",
        min: 0,
        w: 8,
        h: 8,
        queries: [
          {
            expr: '(sum by (endpoint) (rate(http_requests_total{instance=~"$instance", status_code=~"5.."}[$__rate_interval])) or sum by (endpoint) (rate(http_requests_total{instance=~"$instance"}[$__rate_interval])) * 0) / sum by (endpoint) (rate(http_requests_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{endpoint}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "Responses by status code",
        unit: "reqps",
        stacked: true,
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'sum by (status_code) (rate(http_requests_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{status_code}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "Latency p50 / p95 / p99 by endpoint",
        description: "Latency quantiles estimated from http_request_duration_seconds buckets.",
        unit: "s",
        w: 12,
        h: 8,
        queries: [
          {
            expr: 'histogram_quantile(0.5, sum by (le, endpoint) (rate(http_request_duration_seconds_bucket{instance=~"$instance"}[$__rate_interval])))',
            legend: "p50 {{endpoint}}",
          },
          {
            expr: 'histogram_quantile(0.95, sum by (le, endpoint) (rate(http_request_duration_seconds_bucket{instance=~"$instance"}[$__rate_interval])))',
            legend: "p95 {{endpoint}}",
          },
          {
            expr: 'histogram_quantile(0.99, sum by (le, endpoint) (rate(http_request_duration_seconds_bucket{instance=~"$instance"}[$__rate_interval])))',
            legend: "p99 {{endpoint}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "Requests in progress",
        unit: "short",
        stacked: true,
        w: 6,
        h: 8,
        queries: [
          {
            expr: 'sum by (endpoint) (http_requests_in_progress{instance=~"$instance"})',
            legend: "{{endpoint}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "Slow requests",
        description: "Requests slower than SLOW_REQUEST_THRESHOLD, per second.",
        unit: "reqps",
        w: 6,
        h: 8,
        queries: [
          {
            expr: 'sum by (endpoint) (rate(slow_requests_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{endpoint}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "SLO error-budget burn rate",
        description:
          "How many times faster than sustainable each 30-day error budget is being spent (1 = exactly on budget; pages at 14.4 over 1 h and 6 over 6 h). Whole service, from the recording rules in alerts.yml.",
        unit: "short",
        min: 0,
        w: 16,
        h: 7,
        queries: [
          {
            expr: '(job:http_errors:ratio_rate1h{job="promptforge"} or job:http_requests:rate1h{job="promptforge"} * 0) / 0.001',
            legend: "availability, 1 h",
          },
          {
            expr: '(job:http_errors:ratio_rate6h{job="promptforge"} or job:http_requests:rate6h{job="promptforge"} * 0) / 0.001',
            legend: "availability, 6 h",
          },
          { expr: 'job:http_slow:ratio_rate1h{job="promptforge"} / 0.05', legend: "latency, 1 h" },
          { expr: 'job:http_slow:ratio_rate6h{job="promptforge"} / 0.05', legend: "latency, 6 h" },
        ],
      }),
      timeseriesPanel({
        title: "Unhandled exceptions",
        description:
          "Unexpected errors answered with a 500 (each one is also in Sentry and in the log with its request_id).",
        unit: "short",
        w: 8,
        h: 7,
        queries: [
          {
            expr: 'sum by (exception_type, endpoint) (increase(exceptions_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{exception_type}} {{endpoint}}",
          },
        ],
      }),
    ],
  };
}

/** Calls to Gemini and the other LLM providers, their latency, errors and tokens, and offline fallbacks. */
export function llmProvidersRow(): DashboardRow {
  return {
    title: "Gemini and LLM providers",
    panels: [
      timeseriesPanel({
        title: "Gemini calls",
        unit: "reqps",
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'sum by (operation, status) (rate(gemini_api_requests_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{operation}} {{status}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "Gemini latency p50 / p95",
        unit: "s",
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'histogram_quantile(0.5, sum by (le, operation) (rate(gemini_api_duration_seconds_bucket{instance=~"$instance"}[$__rate_interval])))',
            legend: "p50 {{operation}}",
          },
          {
            expr: 'histogram_quantile(0.95, sum by (le, operation) (rate(gemini_api_duration_seconds_bucket{instance=~"$instance"}[$__rate_interval])))',
            legend: "p95 {{operation}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "Gemini errors",
        unit: "reqps",
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'sum by (operation, error_type) (rate(gemini_api_errors_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{operation}} {{error_type}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "LLM calls by provider",
        unit: "reqps",
        w: 6,
        h: 8,
        queries: [
          {
            expr: 'sum by (provider, operation, status) (rate(llm_requests_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{provider}} {{operation}} {{status}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "LLM latency p50 / p95",
        unit: "s",
        w: 6,
        h: 8,
        queries: [
          {
            expr: 'histogram_quantile(0.5, sum by (le, provider) (rate(llm_request_duration_seconds_bucket{instance=~"$instance"}[$__rate_interval])))',
            legend: "p50 {{provider}}",
          },
          {
            expr: 'histogram_quantile(0.95, sum by (le, provider) (rate(llm_request_duration_seconds_bucket{instance=~"$instance"}[$__rate_interval])))',
            legend: "p95 {{provider}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "LLM tokens",
        description: "Tokens per second by provider, model and direction (input/output).",
        unit: "short",
        w: 6,
        h: 8,
        queries: [
          {
            expr: 'sum by (provider, model, direction) (rate(llm_tokens_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{provider}} {{model}} {{direction}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "Offline-engine fallbacks",
        description: "Analyses answered by the offline engine because the LLM provider failed.",
        unit: "reqps",
        w: 6,
        h: 8,
        queries: [
          {
            expr: 'sum by (reason) (rate(analysis_engine_fallbacks_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{reason}}",
          },
        ],
      }),
    ],
  };
}

/** Queries by operation, their latency, and the connection pool. */
export function databaseRow(): DashboardRow {
  return {
    title: "Database",
    panels: [
      timeseriesPanel({
        title: "Query rate by operation",
        unit: "ops",
        stacked: true,
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'sum by (operation) (rate(database_queries_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{operation}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "Query latency p50 / p95 / p99",
        unit: "s",
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'histogram_quantile(0.5, sum by (le) (rate(database_query_duration_seconds_bucket{instance=~"$instance"}[$__rate_interval])))',
            legend: "p50",
          },
          {
            expr: 'histogram_quantile(0.95, sum by (le, operation) (rate(database_query_duration_seconds_bucket{instance=~"$instance"}[$__rate_interval])))',
            legend: "p95 {{operation}}",
          },
          {
            expr: 'histogram_quantile(0.99, sum by (le) (rate(database_query_duration_seconds_bucket{instance=~"$instance"}[$__rate_interval])))',
            legend: "p99",
          },
        ],
      }),
      timeseriesPanel({
        title: "Active connections",
        unit: "short",
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'sum by (instance) (database_connections_active{instance=~"$instance"})',
            legend: "{{instance}}",
          },
        ],
      }),
    ],
  };
}

/** Registrations, logins and active users. */
export function usersRow(): DashboardRow {
  return {
    title: "Users",
    panels: [
      timeseriesPanel({
        title: "Registrations",
        unit: "short",
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'sum(increase(user_registrations_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "registrations",
          },
        ],
      }),
      timeseriesPanel({
        title: "Logins by status",
        description: "Login attempts: success, failure (bad credentials) and throttled.",
        unit: "short",
        stacked: true,
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'sum by (status) (increase(user_logins_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{status}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "Active users (24 h)",
        unit: "short",
        w: 8,
        h: 8,
        queries: [{ expr: 'max(active_users{instance=~"$instance"})', legend: "active users" }],
      }),
      timeseriesPanel({
        title: "Single sign-on by result",
        description:
          "Sign-ins through the OpenID provider: success, denied (the person declined at the provider), refused (e-mail domain not allowed, address missing or unverified), invalid_flow (state, nonce, expired or replayed), provider_unavailable, provider_error. Failures other than denied feed the SsoLoginFailuresHigh alert.",
        unit: "short",
        stacked: true,
        w: 24,
        h: 8,
        queries: [
          {
            expr: 'sum by (result) (increase(sso_logins_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{result}}",
          },
        ],
      }),
    ],
  };
}

/** Stored version scores recomputed after an analysis engine upgrade (the rescore job). */
export function rescoreRow(): DashboardRow {
  return {
    title: "Score rescoring after engine upgrades",
    panels: [
      timeseriesPanel({
        title: "Version scores awaiting rescoring",
        description:
          "Stored version scores computed by another engine version. Every instance counts the same rows, so the panel shows the largest count; it should fall to 0 within hours of an upgrade.",
        unit: "short",
        min: 0,
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'max(analysis_rescore_pending_versions{instance=~"$instance"})',
            legend: "pending",
          },
        ],
      }),
      timeseriesPanel({
        title: "Versions rescored, skipped and failed passes",
        unit: "short",
        min: 0,
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'sum(increase(analysis_rescored_versions_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "rescored",
          },
          {
            expr: 'sum by (reason) (increase(analysis_rescore_skipped_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "skipped: {{reason}}",
          },
          {
            expr: 'sum(increase(analysis_rescore_errors_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "failed passes",
          },
        ],
      }),
      timeseriesPanel({
        title: "Rescore batch duration p50 / p95",
        unit: "s",
        min: 0,
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'histogram_quantile(0.5, sum by (le) (rate(analysis_rescore_batch_duration_seconds_bucket{instance=~"$instance"}[$__rate_interval])))',
            legend: "p50",
          },
          {
            expr: 'histogram_quantile(0.95, sum by (le) (rate(analysis_rescore_batch_duration_seconds_bucket{instance=~"$instance"}[$__rate_interval])))',
            legend: "p95",
          },
        ],
      }),
    ],
  };
}

/** Projects and their people: invitations (the audit log and single sign-on add their panels here). */
export function teamsRow(): DashboardRow {
  return {
    title: "Teams",
    panels: [
      timeseriesPanel({
        title: "Invitations by result",
        description:
          "Project invitations: created, emailed, email_failed (mail server refused or unreachable; the inviter got 503), accepted, expired, revoked, refused.",
        unit: "short",
        stacked: true,
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'sum by (result) (increase(invitations_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{result}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "API-key requests by result",
        description:
          "Requests authenticated with an API key: user-level or project keys; invalid (unknown or revoked) and expired keys are refused with 401. A rise in expired means clients still use keys past their expiry.",
        unit: "short",
        stacked: true,
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'sum by (kind, result) (increase(api_key_authentications_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{kind}} {{result}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "Invitation e-mails failing",
        description:
          "Share of invitation e-mails the mail server did not take (alert InvitationEmailsFailing above 50 %).",
        unit: "percentunit",
        min: 0,
        max: 1,
        w: 8,
        h: 8,
        queries: [
          {
            // clamp_min: no e-mails at all reads 0 % failing, not NaN (no data).
            expr: 'sum(increase(invitations_total{instance=~"$instance", result="email_failed"}[$__rate_interval])) / clamp_min(sum(increase(invitations_total{instance=~"$instance", result=~"email_failed|emailed"}[$__rate_interval])), 1e-9)',
            legend: "failing",
          },
        ],
      }),
    ],
  };
}

/** What users do with prompts and templates, and how good the analysed prompts are. */
export function promptsRow(): DashboardRow {
  return {
    title: "Prompts and templates",
    panels: [
      timeseriesPanel({
        title: "Prompts analysed and enhanced",
        unit: "short",
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'sum(increase(prompts_analyzed_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "analysed",
          },
          {
            expr: 'sum(increase(prompts_enhanced_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "enhanced",
          },
        ],
      }),
      histogramBarsPanel({
        title: "Quality-score distribution",
        description: "How many analysed prompts scored in each band during the selected time range.",
        unit: "short",
        min: 0,
        w: 8,
        h: 8,
        query: {
          expr: 'sum by (le) (increase(prompt_quality_score_bucket{instance=~"$instance"}[$__range]))',
          legend: "{{le}}",
        },
      }),
      timeseriesPanel({
        title: "Average quality score",
        unit: "short",
        min: 0,
        max: 100,
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'sum(rate(prompt_quality_score_sum{instance=~"$instance"}[$__rate_interval])) / sum(rate(prompt_quality_score_count{instance=~"$instance"}[$__rate_interval]))',
            legend: "average score",
          },
        ],
      }),
      timeseriesPanel({
        title: "Templates created and used",
        unit: "short",
        w: 24,
        h: 7,
        queries: [
          {
            expr: 'sum(increase(templates_created_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "created",
          },
          {
            expr: 'sum(increase(templates_used_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "used",
          },
        ],
      }),
    ],
  };
}

/**
 * The prompt registry applications fetch from: fetches and their latency, promotions, and the webhooks
 * that tell applications about changes (attempts, failures, duration, the outbox waiting to be sent).
 */
export function registryRow(): DashboardRow {
  return {
    title: "Registry",
    panels: [
      timeseriesPanel({
        title: "Registry fetches by result",
        description:
          "GET /api/v1/registry/:project/:name per second: ok, not_modified (an If-None-Match revalidation answered 304), not_found, unauthorized. SDKs revalidate after their cache TTL, so not_modified should dominate a steady fleet.",
        unit: "reqps",
        stacked: true,
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'sum by (result) (rate(registry_fetches_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{result}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "Registry fetch latency p50 / p95 / p99",
        description:
          "The hottest path of the product: applications wait on it at start-up and after each cache TTL.",
        unit: "s",
        min: 0,
        w: 8,
        h: 8,
        queries: [0.5, 0.95, 0.99].map((q) => ({
          expr: `histogram_quantile(${q}, sum by (le) (rate(registry_fetch_duration_seconds_bucket{instance=~"$instance"}[$__rate_interval])))`,
          legend: `p${Math.round(q * 100)}`,
        })),
      }),
      timeseriesPanel({
        title: "Promotions by decision",
        description:
          "Requests to move a protected label: requested, blocked (by the quality gate), approved, rejected.",
        unit: "short",
        stacked: true,
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'sum by (decision) (increase(promotions_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{decision}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "Webhook delivery attempts by result",
        description:
          "delivered (2xx), retry (failed, rescheduled with backoff), failed (given up: 24 hours or the attempt limit, or a target the SSRF check refuses), by event; ping is the test delivery.",
        unit: "short",
        stacked: true,
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'sum by (event, result) (increase(webhook_deliveries_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{event}} {{result}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "Webhook deliveries failing",
        description:
          "Share of delivery attempts that failed, test pings left out (alert WebhookDeliveriesFailing above 50 % over 30 minutes).",
        unit: "percentunit",
        min: 0,
        max: 1,
        w: 8,
        h: 8,
        queries: [
          {
            // clamp_min: no attempts at all reads 0 % failing, not NaN (no data).
            expr: 'sum(increase(webhook_deliveries_total{instance=~"$instance", event!="ping", result=~"retry|failed"}[$__rate_interval])) / clamp_min(sum(increase(webhook_deliveries_total{instance=~"$instance", event!="ping"}[$__rate_interval])), 1e-9)',
            legend: "failing",
          },
        ],
      }),
      timeseriesPanel({
        title: "Webhook delivery duration p50 / p95",
        description: "One attempt, until the receiver's status line; 10 s is the time-out.",
        unit: "s",
        min: 0,
        w: 8,
        h: 8,
        queries: [0.5, 0.95].map((q) => ({
          expr: `histogram_quantile(${q}, sum by (le) (rate(webhook_delivery_duration_seconds_bucket{instance=~"$instance"}[$__rate_interval])))`,
          legend: `p${Math.round(q * 100)}`,
        })),
      }),
      timeseriesPanel({
        title: "Webhook outbox",
        description:
          "Deliveries pending or in flight, across all projects. Every instance counts the same rows, so the panel shows the largest count; a line that keeps rising means events are queued faster than they are sent (alert WebhookOutboxGrowing).",
        unit: "short",
        min: 0,
        w: 24,
        h: 6,
        queries: [{ expr: 'max(webhook_outbox_pending{instance=~"$instance"})', legend: "pending" }],
      }),
    ],
  };
}

/** Evaluation runs: the queue, items and runs by result, and what generations cost in tokens and USD. */
export function evaluationsRow(): DashboardRow {
  return {
    title: "Evaluations",
    panels: [
      timeseriesPanel({
        title: "Evaluation queue",
        description:
          "Evaluation items queued or running, across all runs. Every instance counts the same rows, so the panel shows the largest count; a line that stays up while no item is settled means the queue is backed up (alert EvaluationQueueBackedUp).",
        unit: "short",
        min: 0,
        w: 8,
        h: 8,
        queries: [
          { expr: 'max(evaluation_queue_depth{instance=~"$instance"})', legend: "waiting or running" },
        ],
      }),
      timeseriesPanel({
        title: "Evaluation items by result",
        description:
          "Items settled per second (one item × target × repeat): passed, failed (an assertion failed), error (the generation, its rendering or the judge failed).",
        unit: "short",
        stacked: true,
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'sum by (result) (rate(evaluation_items_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{result}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "Evaluation runs by result",
        description: "Runs ended: completed, failed (no item could be evaluated), cancelled.",
        unit: "short",
        stacked: true,
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'sum by (result) (increase(evaluation_runs_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{result}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "Dataset imports by result",
        description:
          "CSV and JSON-lines imports into datasets: imported, or refused whole (a bad row). The items lines count the rows imported.",
        unit: "short",
        stacked: true,
        w: 24,
        h: 6,
        queries: [
          {
            expr: 'sum by (format, result) (increase(dataset_imports_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{format}} {{result}}",
          },
          {
            expr: 'sum by (format) (increase(dataset_items_imported_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{format}} items",
          },
        ],
      }),
      timeseriesPanel({
        title: "LLM cost (USD per hour)",
        description:
          "What generations cost by the LLM_PRICES table, by provider and model (models without a price add nothing; other is every model outside the table and the configured ones).",
        unit: "currencyUSD",
        min: 0,
        w: 12,
        h: 8,
        queries: [
          {
            expr: 'sum by (provider, model) (rate(llm_cost_usd_total{instance=~"$instance"}[$__rate_interval])) * 3600',
            legend: "{{provider}} {{model}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "LLM generation latency p50 / p95",
        description:
          "One generation or judge call of an evaluation (or the playground), retries not included.",
        unit: "s",
        min: 0,
        w: 12,
        h: 8,
        queries: [0.5, 0.95].map((q) => ({
          expr: `histogram_quantile(${q}, sum by (le, operation) (rate(llm_request_duration_seconds_bucket{instance=~"$instance", operation=~"generate|judge"}[$__rate_interval])))`,
          legend: `{{operation}} p${Math.round(q * 100)}`,
        })),
      }),
    ],
  };
}

/** Redis (REDIS_URL), shared by the instances: connected or not, and what fell back to one instance. */
function redisRow(): DashboardRow {
  return {
    title: "Redis (several instances)",
    panels: [
      timeseriesPanel({
        title: "Redis connected",
        description:
          "connected: 1 while an instance's connection to REDIS_URL is ready (always 0 without REDIS_URL); configured: 1 when the instance was given REDIS_URL. Configured but not connected for 5 minutes fires RedisUnreachable. Redis is optional: while not connected the rate limit is counted per instance and other instances' auth caches follow within AUTH_CACHE_SECONDS (docs/scaling.md).",
        unit: "short",
        min: 0,
        max: 1,
        w: 12,
        h: 6,
        queries: [
          {
            expr: 'min by (instance) (promptforge_redis_up{instance=~"$instance"})',
            legend: "{{instance}} connected",
          },
          {
            expr: 'max by (instance) (promptforge_redis_configured{instance=~"$instance"})',
            legend: "{{instance}} configured",
          },
        ],
      }),
      timeseriesPanel({
        title: "Redis failures",
        description:
          "Commands that failed: rate_limit (a request counted on its instance alone), publish (an auth-cache invalidation the other instances did not hear).",
        unit: "short",
        min: 0,
        w: 12,
        h: 6,
        queries: [
          {
            expr: 'sum by (operation) (increase(promptforge_redis_errors_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{operation}}",
          },
        ],
      }),
    ],
  };
}

/** The audit log: what is being recorded, chain verifications, and retention at work. */
export function auditRow(): DashboardRow {
  return {
    title: "Audit log",
    panels: [
      timeseriesPanel({
        title: "Audit events by action",
        description: "Entries appended to the audit log (project and instance chains), by action.",
        unit: "short",
        stacked: true,
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'sum by (action) (increase(audit_events_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{action}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "Audit chain verifications",
        description:
          "Verifications asked for through the API (and by retention before it deletes), by scope and result. Any `broken` means an entry was changed or removed outside PromptForge: see the AuditChainBroken runbook.",
        unit: "short",
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'sum by (scope, result) (increase(audit_verifications_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{scope}} {{result}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "Audit retention",
        description:
          "Entries older than AUDIT_RETENTION_DAYS deleted, and retention runs by result (hourly).",
        unit: "short",
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'sum(increase(audit_retention_deleted_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "entries deleted",
          },
          {
            expr: 'sum by (result) (increase(audit_retention_runs_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "runs: {{result}}",
          },
        ],
      }),
    ],
  };
}

/** Core Web Vitals reported by real users' browsers. */
export function webAppRow(): DashboardRow {
  return {
    title: "Web app (real users)",
    panels: [
      timeseriesPanel({
        title: "Web vitals p75",
        description:
          "75th percentile of LCP, FCP, TTFB and INP reported by visitors' browsers (good: LCP < 2.5 s, INP < 200 ms).",
        unit: "s",
        w: 16,
        h: 8,
        queries: [
          {
            expr: 'histogram_quantile(0.75, sum by (le, name) (rate(web_vitals_seconds_bucket{instance=~"$instance"}[$__rate_interval])))',
            legend: "{{name}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "Layout shift p75 (CLS)",
        description: "75th percentile cumulative layout shift (good: < 0.1).",
        unit: "short",
        w: 8,
        h: 8,
        queries: [
          {
            expr: 'histogram_quantile(0.75, sum by (le) (rate(web_vitals_score_bucket{instance=~"$instance"}[$__rate_interval])))',
            legend: "CLS",
          },
        ],
      }),
    ],
  };
}

/** The Node.js process: memory, CPU, event loop and garbage collection. */
export function runtimeRow(): DashboardRow {
  return {
    title: "Runtime",
    panels: [
      timeseriesPanel({
        title: "Memory",
        description: "Resident memory (HighMemoryUsage fires above 1 GB for 10 minutes) and V8 heap in use.",
        unit: "bytes",
        w: 6,
        h: 8,
        queries: [
          { expr: 'process_resident_memory_bytes{instance=~"$instance"}', legend: "RSS {{instance}}" },
          { expr: 'nodejs_heap_size_used_bytes{instance=~"$instance"}', legend: "heap used {{instance}}" },
        ],
      }),
      timeseriesPanel({
        title: "CPU",
        description: "CPU time per second (1 = one core).",
        unit: "percentunit",
        w: 6,
        h: 8,
        queries: [
          {
            expr: 'rate(process_cpu_seconds_total{instance=~"$instance"}[$__rate_interval])',
            legend: "{{instance}}",
          },
        ],
      }),
      timeseriesPanel({
        title: "Event-loop lag",
        description: "Event-loop delay (EventLoopLag fires when p99 stays above 200 ms).",
        unit: "s",
        w: 6,
        h: 8,
        queries: [
          { expr: 'nodejs_eventloop_lag_p99_seconds{instance=~"$instance"}', legend: "p99 {{instance}}" },
          { expr: 'nodejs_eventloop_lag_p50_seconds{instance=~"$instance"}', legend: "p50 {{instance}}" },
        ],
      }),
      timeseriesPanel({
        title: "Garbage collection",
        description: "Share of time spent in GC, by kind.",
        unit: "percentunit",
        w: 6,
        h: 8,
        stacked: true,
        queries: [
          {
            expr: 'sum by (kind) (rate(nodejs_gc_duration_seconds_sum{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{kind}}",
          },
        ],
      }),
    ],
  };
}

/** What monitoring/alerts.yml says is wrong right now. */
export function alertsRow(): DashboardRow {
  return {
    title: "Alerts",
    panels: [
      labelsTablePanel({
        title: "Firing alerts",
        description: "Alerts from monitoring/alerts.yml firing now (Prometheus' ALERTS series).",
        w: 24,
        h: 6,
        query: {
          expr: 'sum by (alertname, severity, instance) (ALERTS{job="promptforge", alertstate="firing"})',
          legend: "__auto",
        },
      }),
    ],
  };
}

/** The playground: targets run by hand from a prompt's page, by provider and result. */
export function playgroundRow(): DashboardRow {
  return {
    title: "Playground",
    panels: [
      timeseriesPanel({
        title: "Playground targets by result",
        description:
          "Targets run from the playground: success, error (the provider failed or timed out), cancelled (the user left or stopped), truncated (the 100,000-character output cap). Their tokens and cost are in the LLM providers row.",
        unit: "short",
        min: 0,
        w: 12,
        h: 8,
        queries: [
          {
            expr: 'sum by (provider, result) (increase(playground_targets_total{instance=~"$instance"}[$__rate_interval]))',
            legend: "{{provider}} {{result}}",
          },
        ],
      }),
    ],
  };
}
