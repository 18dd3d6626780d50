// Settings of what PromptForge records about itself: the audit log, logs, Sentry and metrics
// (src/config.ts assembles them).
import { bool, int, num, oneOf, optInt, optStr, type Setting, str } from "./setting-kinds.js";

export const LOG_LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] as const;

/** How long the audit log keeps entries and how much one export may hold. */
export const auditSettings = {
  AUDIT_RETENTION_DAYS: int(
    "Days an audit-log entry is kept; older entries are deleted hourly and the chain re-anchored (0 = keep for ever)",
    365,
    0,
    36_500,
  ),
  AUDIT_EXPORT_MAX_ROWS: int(
    "Most audit-log entries one export (format=jsonl or csv) may hold; a larger one is refused with 422",
    100_000,
    1,
    10_000_000,
  ),
} satisfies Record<string, Setting<unknown>>;

/** Logging (monitoring guide). */
export const loggingSettings = {
  LOG_LEVEL: oneOf("Lowest level logged", LOG_LEVELS, "INFO", { caseInsensitive: true }),
  LOG_FORMAT: oneOf(
    "json (one JSON object per line) or text (human-readable)",
    ["json", "text"] as const,
    (p) => (p.ENVIRONMENT === "production" ? "json" : "text"),
  ),
  LOG_SAMPLE_RATE: num("Share of successful fast requests whose INFO line is logged (0–1)", 1, 0, 1),
  SLOW_REQUEST_THRESHOLD: num(
    "Requests slower than this many seconds log a WARNING and count as slow",
    1,
    0.001,
    600,
  ),
} satisfies Record<string, Setting<unknown>>;

/** Error reporting to Sentry. */
export const sentrySettings = {
  SENTRY_DSN: optStr("Sentry DSN; empty = Sentry off", { secret: true }),
  SENTRY_ENVIRONMENT: str("Sentry environment (defaults to ENVIRONMENT)", ""),
  SENTRY_TRACES_SAMPLE_RATE: num("Share of transactions traced (0–1)", 0.1, 0, 1),
  SENTRY_RELEASE: str("Sentry release (defaults to promptforge@<version>)", ""),
  SENTRY_SEND_PII: bool("Send user e-mail and IP address to Sentry", false),
  ENABLE_TEST_ERROR_ENDPOINT: bool("Let anyone call POST /api/v1/test-error in production", false),
} satisfies Record<string, Setting<unknown>>;

/** Prometheus metrics, health details and build info. */
export const metricsSettings = {
  METRICS_TOKEN: optStr("Bearer token required to read /metrics; empty = open", { secret: true }),
  HEALTH_DETAILED_ACCESS: oneOf(
    "Who may read /health/detailed: public (anyone, as the monitoring guide shows) or metrics_token (Authorization: Bearer METRICS_TOKEN); /health, /health/ready and /health/live stay open",
    ["public", "metrics_token"] as const,
    "public",
  ),
  METRICS_PORT: optInt("Serve /metrics on this separate port instead of the main one", 1, 65535),
  GIT_COMMIT: optStr(
    "Git commit of this build for promptforge_build_info (e.g. set from SOURCE_COMMIT); empty = read .git/HEAD, else unknown",
  ),
} satisfies Record<string, Setting<unknown>>;
