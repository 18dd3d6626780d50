// Every setting PromptForge reads, declared once: name, parser, default and description.
// The Config type is derived from this table; `loadConfig(env)` is the only place that reads
// the environment, validates everything once and fails with one line naming the bad setting.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";

export class ConfigError extends Error {
  override name = "ConfigError";
}

interface Setting<T> {
  doc: string;
  /** Default used when the variable is absent or empty; a function sees the partially parsed config. */
  default: T | ((partial: Record<string, unknown>) => T);
  parse: (raw: string) => T;
  /** Human-readable description of allowed values, used in error messages. */
  allowed: string;
  /** Values that must never be printed (used by `.env.example` generation and logs). */
  secret?: boolean;
}

function fail(allowed: string): never {
  throw new ConfigError(allowed);
}

/** `raw` (trimmed) as a URL; a value that is not one fails with `allowed`. */
function urlOr(raw: string, allowed: string): URL {
  try {
    return new URL(raw.trim());
  } catch {
    return fail(allowed);
  }
}

const str = (
  doc: string,
  def: string,
  opts: { secret?: boolean; allowed?: string } = {},
): Setting<string> => ({
  doc,
  default: def,
  parse: (raw) => raw,
  allowed: opts.allowed ?? "any string",
  secret: opts.secret,
});

const optStr = (doc: string, opts: { secret?: boolean } = {}): Setting<string | undefined> => ({
  doc,
  default: undefined,
  parse: (raw) => raw,
  allowed: "any string",
  secret: opts.secret,
});

const int = (doc: string, def: number, min: number, max: number): Setting<number> => ({
  doc,
  default: def,
  allowed: `an integer from ${min} to ${max}`,
  parse: (raw) => {
    if (!/^-?\d+$/.test(raw.trim())) fail(`an integer from ${min} to ${max}`);
    const n = Number(raw);
    if (n < min || n > max) fail(`an integer from ${min} to ${max}`);
    return n;
  },
});

const optInt = (doc: string, min: number, max: number): Setting<number | undefined> => ({
  doc,
  default: undefined,
  allowed: `an integer from ${min} to ${max}`,
  parse: (raw) => int(doc, min, min, max).parse(raw),
});

const num = (doc: string, def: number, min: number, max: number): Setting<number> => ({
  doc,
  default: def,
  allowed: `a number from ${min} to ${max}`,
  parse: (raw) => {
    const n = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(n) || n < min || n > max)
      fail(`a number from ${min} to ${max}`);
    return n;
  },
});

const bool = (
  doc: string,
  def: boolean | ((partial: Record<string, unknown>) => boolean),
): Setting<boolean> => ({
  doc,
  default: def,
  allowed: "true or false",
  parse: (raw) => {
    const v = raw.trim().toLowerCase();
    if (["true", "1", "yes", "on"].includes(v)) return true;
    if (["false", "0", "no", "off"].includes(v)) return false;
    return fail("true or false");
  },
});

function oneOf<const T extends readonly string[]>(
  doc: string,
  values: T,
  def: T[number] | ((p: Record<string, unknown>) => T[number]),
  opts: { caseInsensitive?: boolean } = {},
): Setting<T[number]> {
  const allowed = `one of ${values.join(", ")}`;
  return {
    doc,
    default: def,
    allowed,
    parse: (raw) => {
      const v = opts.caseInsensitive ? raw.trim().toUpperCase() : raw.trim();
      const hit = values.find((x) => (opts.caseInsensitive ? x.toUpperCase() : x) === v);
      return hit ?? fail(allowed);
    },
  };
}

/** Durations: plain seconds ("1800") or a number with s/m/h/d ("30m", "14d"). Parsed to seconds. */
const duration = (doc: string, def: number): Setting<number> => ({
  doc,
  default: def,
  allowed: "seconds, or a number followed by s, m, h or d (e.g. 30m)",
  parse: (raw) => {
    const m = /^(\d+)\s*([smhd]?)$/.exec(raw.trim());
    if (!m) fail("seconds, or a number followed by s, m, h or d (e.g. 30m)");
    const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as "" | "s" | "m" | "h" | "d"];
    const v = Number(m[1]) * unit;
    if (v <= 0) fail("a positive duration");
    return v;
  },
});

/** Sizes: bytes or a number with kb/mb (binary units). */
const size = (doc: string, def: number): Setting<number> => ({
  doc,
  default: def,
  allowed: "bytes, or a number followed by KB or MB (e.g. 1MB)",
  parse: (raw) => {
    const m = /^(\d+)\s*(b|kb|kib|mb|mib)?$/i.exec(raw.trim());
    if (!m) fail("bytes, or a number followed by KB or MB (e.g. 1MB)");
    const unit = (m[2] ?? "b").toLowerCase();
    const mult = unit.startsWith("k") ? 1024 : unit.startsWith("m") ? 1024 * 1024 : 1;
    const v = Number(m[1]) * mult;
    if (v < 1024 || v > 64 * 1024 * 1024) fail("between 1KB and 64MB");
    return v;
  },
});

const list = (doc: string, def: string[]): Setting<string[]> => ({
  doc,
  default: def,
  allowed: "a comma-separated list",
  parse: (raw) =>
    raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
});

const url = (
  doc: string,
  protocols: string[],
  opts: { secret?: boolean } = {},
): Setting<string | undefined> => ({
  doc,
  default: undefined,
  allowed: `a URL (${protocols.join(", ")})`,
  secret: opts.secret,
  parse: (raw) => {
    try {
      const u = new URL(raw);
      if (!protocols.includes(u.protocol.replace(/:$/, ""))) fail(`a URL (${protocols.join(", ")})`);
      return raw;
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      return fail(`a URL (${protocols.join(", ")})`);
    }
  },
});

/** TRUST_PROXY: false, true, a hop count, or a comma-separated list of addresses/CIDRs (Fastify semantics). */
const trustProxy: Setting<boolean | number | string[]> = {
  doc: "Trust X-Forwarded-* headers: false, true, a hop count, or a comma-separated list of proxy addresses/CIDRs. Behind a reverse proxy or load balancer set it (1 = one proxy), or every client shares the proxy's address in the logs, the rate limit and the login throttle",
  default: false,
  allowed: "false, true, a hop count, or a comma-separated list of addresses",
  parse: (raw) => {
    const v = raw.trim().toLowerCase();
    if (v === "true") return true;
    if (v === "false" || v === "") return false;
    if (/^\d+$/.test(v)) return Number(v);
    const items = v.split(",").map((s) => s.trim());
    if (items.every((s) => /^[0-9a-f.:/]+$/.test(s) || ["loopback", "linklocal", "uniquelocal"].includes(s)))
      return items;
    return fail("false, true, a hop count, or a comma-separated list of addresses");
  },
};

/** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465; a secret: it may hold a password. */
const smtpUrl: Setting<string | undefined> = {
  doc: "SMTP server for invitation e-mails (smtp://user:password@host:587 or smtps://…:465); empty = links are returned to the inviter",
  default: undefined,
  allowed: "an smtp:// or smtps:// URL",
  secret: true,
  parse: (raw) => {
    const u = urlOr(raw, "an smtp:// or smtps:// URL");
    if ((u.protocol !== "smtp:" && u.protocol !== "smtps:") || !u.hostname)
      fail("an smtp:// or smtps:// URL");
    return raw.trim();
  },
};

/** Where a group of OIDC_ROLE_MAP leads: the instance admin role, or a role in one project. */
export type SsoRoleTarget =
  | { kind: "instance"; role: "admin" }
  | { kind: "project"; project: string; role: (typeof SSO_PROJECT_ROLES)[number] };
export interface SsoRoleMapping {
  group: string;
  target: SsoRoleTarget;
}
export const SSO_PROJECT_ROLES = ["viewer", "editor", "admin", "owner"] as const;
const ROLE_MAP_FORM =
  "comma-separated group=instance:admin or group=project:<slug>:<role> entries (role: viewer, editor, admin or owner)";

/**
 * OIDC_ROLE_MAP: `pf-admins=instance:admin,team-a=project:team-a:editor`. The target follows the last
 * "=", so a group name may itself hold "=" (an LDAP DN without commas) but not ",".
 */
const roleMap: Setting<SsoRoleMapping[]> = {
  doc: "Groups of OIDC_ROLE_CLAIM mapped to roles: group=instance:admin makes instance admins, group=project:<slug>:<role> grants a project role (viewer, editor, admin, owner); comma-separated",
  default: [],
  allowed: ROLE_MAP_FORM,
  parse: (raw) =>
    raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .map((entry): SsoRoleMapping => {
        const at = entry.lastIndexOf("=");
        const group = entry.slice(0, at).trim();
        const target = entry.slice(at + 1).trim();
        if (at <= 0 || !group) fail(ROLE_MAP_FORM);
        if (target === "instance:admin") return { group, target: { kind: "instance", role: "admin" } };
        const m = /^project:([A-Za-z0-9][A-Za-z0-9_-]{0,63}):([a-z]+)$/.exec(target);
        const role = SSO_PROJECT_ROLES.find((r) => r === m?.[2]);
        if (!m || !role) return fail(ROLE_MAP_FORM);
        return { group, target: { kind: "project", project: (m[1] as string).toLowerCase(), role } };
      }),
};

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** True for an http:// URL on a loopback host: the only plain-HTTP provider PromptForge talks to. */
export function isLoopbackHttp(u: URL): boolean {
  return u.protocol === "http:" && LOOPBACK_HOSTS.has(u.hostname);
}

const oidcIssuer: Setting<string | undefined> = {
  doc: "Issuer URL of the OpenID Connect provider (its discovery document is <issuer>/.well-known/openid-configuration); empty = single sign-on off",
  default: undefined,
  allowed: "an https:// URL (http:// only on a loopback address)",
  parse: (raw) => {
    const u = urlOr(raw, "an https:// URL (http:// only on a loopback address)");
    if (u.protocol !== "https:" && !isLoopbackHttp(u))
      fail("an https:// URL (http:// only on a loopback address)");
    if (u.search || u.hash) fail("an issuer URL without query or fragment");
    return raw.trim().replace(/\/+$/, "");
  },
};

/** USD per million tokens of one model, as LLM_PRICES holds it. */
export interface ModelPrice {
  input: number;
  output: number;
}

/**
 * Published list prices (USD per million tokens, standard tier) of common models, mid-2025: a
 * starting point only; set LLM_PRICES to what your provider charges you.
 */
export const DEFAULT_LLM_PRICES: Readonly<Record<string, ModelPrice>> = {
  "gpt-4o": { input: 2.5, output: 10 },
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  "gpt-4.1": { input: 2, output: 8 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "gemini-2.5-pro": { input: 1.25, output: 10 },
  "gemini-2.5-flash": { input: 0.3, output: 2.5 },
  "gemini-2.5-flash-lite": { input: 0.1, output: 0.4 },
};

const PRICES_FORM = 'a JSON object of model → {"input": USD, "output": USD} per million tokens';

/** LLM_PRICES: `{"gpt-4o-mini": {"input": 0.15, "output": 0.6}}`, replacing the built-in table. */
const llmPrices: Setting<Readonly<Record<string, ModelPrice>>> = {
  doc: 'Per-model prices in USD per million tokens, as JSON {"model": {"input": 0.15, "output": 0.6}}, replacing the built-in table (docs/evaluations.md#cost); evaluation results are costed with it and llm_cost_usd_total counts it; models not listed have no cost and are labelled other in the LLM metrics',
  default: DEFAULT_LLM_PRICES,
  allowed: PRICES_FORM,
  parse: (raw) => {
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch {
      return fail(PRICES_FORM);
    }
    if (v === null || typeof v !== "object" || Array.isArray(v)) fail(PRICES_FORM);
    const out: Record<string, ModelPrice> = {};
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length > 200) fail(`${PRICES_FORM}, at most 200 models`);
    for (const [model, price] of entries) {
      const p = price as Partial<ModelPrice> | null;
      const ok = (n: unknown) => typeof n === "number" && Number.isFinite(n) && n >= 0 && n <= 10_000;
      if (!model || model.length > 200 || !p || !ok(p.input) || !ok(p.output)) fail(PRICES_FORM);
      out[model] = { input: p.input as number, output: p.output as number };
    }
    return Object.freeze(out);
  },
};

export const ENVIRONMENTS = ["development", "staging", "production"] as const;
export const LOG_LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] as const;

export const settings = {
  // Server
  PORT: int("TCP port the HTTP server listens on", 8000, 1, 65535),
  HOST: str("Address to bind", "0.0.0.0"),
  ENVIRONMENT: oneOf("Deployment environment", ENVIRONMENTS, "development"),
  PUBLIC_URL: optStr("Public base URL of this service, used in links (e.g. https://promptforge.example.com)"),
  CORS_ORIGINS: list(
    "Origins allowed to call the API from a browser (comma-separated; empty = same origin only)",
    [],
  ),
  TRUST_PROXY: trustProxy,
  BODY_LIMIT: size("Largest accepted request body", 1024 * 1024),
  SHUTDOWN_TIMEOUT_SECONDS: num("Longest graceful shutdown before the process exits anyway", 10, 1, 120),
  SERVE_WEB: bool("Serve the web app at / from web/dist", true),
  DOCS_ENABLED: bool(
    "Serve Swagger UI at /docs and the OpenAPI document at /openapi.json (default: on, off when ENVIRONMENT=production)",
    (p) => p.ENVIRONMENT !== "production",
  ),
  REQUEST_TIMEOUT_SECONDS: num(
    "Longest time a client may take to send one whole request (headers and body); 0 = no limit",
    30,
    0,
    3600,
  ),
  CONNECTION_TIMEOUT_SECONDS: num(
    "A connection with no traffic for this long is closed; longer than the slowest answer (LLM_TIMEOUT_SECONDS × (LLM_MAX_RETRIES + 1)); 0 = never",
    120,
    0,
    3600,
  ),

  // Storage
  DATABASE_URL: url(
    "PostgreSQL URL (postgres://…); empty = embedded SQLite under DATA_DIR",
    ["postgres", "postgresql"],
    { secret: true },
  ),
  DATA_DIR: str("Directory for the embedded SQLite database and generated development secrets", "./data"),
  DATABASE_POOL_SIZE: int("Largest number of PostgreSQL connections per instance", 10, 1, 200),
  DATABASE_STATEMENT_TIMEOUT_SECONDS: num(
    "PostgreSQL cancels a statement running longer than this (statement_timeout; never for migrations); 0 = never",
    10,
    0,
    3600,
  ),
  DATABASE_QUERY_TIMEOUT_SECONDS: num(
    "PostgreSQL: stop waiting for an answer after this long (a silent network partition), discard the connection and answer 503; 0 = wait for ever",
    15,
    0,
    3600,
  ),
  DATABASE_KEEPALIVE_SECONDS: num(
    "PostgreSQL: TCP keep-alive idle time of each connection, so a database gone silently is noticed; 0 = off",
    30,
    0,
    7200,
  ),
  DATABASE_BUSY_TIMEOUT_SECONDS: num(
    "SQLite: how long a write waits for another writer's lock before answering 503",
    5,
    0,
    600,
  ),
  DATABASE_STARTUP_TIMEOUT_SECONDS: num(
    "How long start-up keeps retrying a database that does not answer before exiting 1 (0 = try once)",
    60,
    0,
    3600,
  ),

  // Auth
  JWT_SECRET: optStr("Secret that signs access tokens; ≥ 32 bytes, required in production", { secret: true }),
  ACCESS_TOKEN_TTL: duration("Lifetime of an access token", 30 * 60),
  REFRESH_TOKEN_TTL: duration("Lifetime of a refresh token", 14 * 86400),
  AUTH_CACHE_SECONDS: int(
    "How long a signed-in request may reuse the user or API-key look-up of an earlier one (0 = off); a change " +
      "made on this instance applies at once, on other instances within this bound (docs/performance.md)",
    5,
    0,
    300,
  ),
  RATE_LIMIT_ENABLED: bool("Apply the API rate limit", true),
  RATE_LIMIT_MAX: int("Requests per client per RATE_LIMIT_WINDOW across the API", 300, 1, 1_000_000),
  RATE_LIMIT_WINDOW: duration("Window of the API rate limit", 60),
  REDIS_URL: url(
    "Redis shared by several instances (redis://…): the API rate limit is counted there and auth-cache invalidations are published there; empty = each instance on its own (docs/scaling.md)",
    ["redis", "rediss"],
    { secret: true },
  ),
  REDIS_KEY_PREFIX: str(
    "Prefix of every Redis key and channel PromptForge uses, so several deployments can share one Redis",
    "promptforge:",
  ),
  LOGIN_RATE_LIMIT_MAX: int(
    "Failed sign-ins allowed for one account from one client address per window",
    10,
    1,
    10_000,
  ),
  LOGIN_ACCOUNT_RATE_LIMIT_MAX: int(
    "Failed sign-ins allowed for one account from all addresses together per window",
    50,
    1,
    100_000,
  ),
  LOGIN_ADDRESS_RATE_LIMIT_MAX: int(
    "Distinct accounts that may fail to sign in from one client address per window (users behind one proxy or NAT share it)",
    100,
    1,
    100_000,
  ),
  LOGIN_RATE_LIMIT_WINDOW: duration("Window of the login throttle", 15 * 60),
  PASSWORD_LOGIN: bool(
    "Allow registration and sign-in with a password; false = single sign-on only (registration and password sign-in answer 403 password_login_disabled; API keys and existing sessions keep working)",
    true,
  ),

  // Single sign-on (OpenID Connect; docs/teams.md#single-sign-on)
  OIDC_ISSUER: oidcIssuer,
  OIDC_CLIENT_ID: optStr("Client id PromptForge is registered under at the OpenID provider"),
  OIDC_CLIENT_SECRET: optStr(
    "Client secret of that registration; empty (and no OIDC_CLIENT_SECRET_FILE) = a public client that proves itself with PKCE alone",
    { secret: true },
  ),
  OIDC_CLIENT_SECRET_FILE: optStr(
    "File holding the client secret (a mounted Docker or Kubernetes secret), read once at start-up instead of OIDC_CLIENT_SECRET",
  ),
  OIDC_DISPLAY_NAME: str('Provider name on the sign-in button ("Sign in with …")', "single sign-on"),
  OIDC_SCOPES: str(
    "Scopes asked of the provider (space-separated; openid is always included)",
    "openid email profile",
  ),
  OIDC_ALLOWED_DOMAINS: list(
    "E-mail domains allowed to sign in through the provider (comma-separated, e.g. example.com,example.org); empty = any domain",
    [],
  ),
  OIDC_REQUIRE_VERIFIED_EMAIL: bool(
    "Refuse a sign-in whose e-mail address the provider does not mark email_verified=true (turn off only for providers that vouch for their addresses without the claim, such as Entra ID)",
    true,
  ),
  OIDC_ROLE_CLAIM: str("Claim of the ID token or userinfo that lists the user's groups", "groups"),
  OIDC_ROLE_MAP: roleMap,
  OIDC_TIMEOUT_SECONDS: num("Longest wait for one answer of the OpenID provider", 10, 1, 120),
  OIDC_FLOW_TTL: duration("How long a started sign-in may take at the provider before it expires", 10 * 60),

  // Audit log
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

  // Logging (monitoring guide)
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

  // Sentry
  SENTRY_DSN: optStr("Sentry DSN; empty = Sentry off", { secret: true }),
  SENTRY_ENVIRONMENT: str("Sentry environment (defaults to ENVIRONMENT)", ""),
  SENTRY_TRACES_SAMPLE_RATE: num("Share of transactions traced (0–1)", 0.1, 0, 1),
  SENTRY_RELEASE: str("Sentry release (defaults to promptforge@<version>)", ""),
  SENTRY_SEND_PII: bool("Send user e-mail and IP address to Sentry", false),
  ENABLE_TEST_ERROR_ENDPOINT: bool("Let anyone call POST /api/v1/test-error in production", false),

  // Metrics
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

  // Analysis providers
  ANALYSIS_PROVIDER: oneOf(
    "auto, local, gemini or openai",
    ["auto", "local", "gemini", "openai"] as const,
    "auto",
  ),
  GEMINI_API_KEY: optStr("Gemini API key; enables the Gemini provider", { secret: true }),
  GEMINI_MODEL: str("Gemini model", "gemini-2.5-flash"),
  GEMINI_BASE_URL: optStr("Gemini API base URL override (proxies, tests)"),
  OPENAI_BASE_URL: optStr("OpenAI-compatible base URL (…/v1) for OpenAI, Ollama, vLLM, llama.cpp"),
  OPENAI_API_KEY: optStr("API key for the OpenAI-compatible server", { secret: true }),
  OPENAI_MODEL: str("Model for the OpenAI-compatible server", "gpt-4o-mini"),
  LLM_TIMEOUT_SECONDS: num("Timeout of one LLM call", 30, 1, 600),
  LLM_MAX_RETRIES: int("Retries of an LLM call on 429/5xx", 2, 0, 5),
  LLM_CIRCUIT_FAILURES: int("Consecutive LLM failures that open the circuit breaker", 5, 1, 100),
  LLM_CIRCUIT_RESET_SECONDS: num("How long the circuit stays open before a trial call", 30, 1, 3600),
  RESCORE_ENABLED: bool(
    "Recompute stored version scores in the background when the analysis engine version changes",
    true,
  ),
  RESCORE_BATCH_SIZE: int(
    "Stored version scores the rescore job claims and recomputes per batch (one transaction)",
    50,
    1,
    1000,
  ),
  RESCORE_PAUSE_MS: int(
    "Pause between two rescore batches in milliseconds: leaves the CPU and the database to requests",
    250,
    0,
    60_000,
  ),
  RESCORE_INTERVAL: duration("How often the rescore job looks for stale scores after its start-up pass", 600),
  RESCORE_CLAIM_TTL: duration(
    "How long a rescore batch's claim holds its rows; rows a stopped instance held are free again after it",
    300,
  ),
  GRAFANA_URL: optStr("Grafana dashboard URL shown on the admin status page"),

  // Webhooks
  WEBHOOK_ALLOW_PRIVATE_TARGETS: bool(
    "Let webhooks target private, loopback and link-local addresses (SSRF protection off: only for tests and trusted private networks)",
    false,
  ),
  WEBHOOK_WORKER_ENABLED: bool("Send queued webhook deliveries from this instance", true),
  WEBHOOK_DELIVERY_RETENTION_DAYS: int(
    "Days a finished webhook delivery (delivered or failed) stays in the delivery log; older ones are deleted hourly",
    30,
    1,
    3650,
  ),
  WEBHOOK_POLL_INTERVAL_MS: int(
    "How often the webhook worker looks for due deliveries, in milliseconds",
    1000,
    50,
    60_000,
  ),

  // Evaluations (docs/evaluations.md#runs)
  LLM_PRICES: llmPrices,
  EVALUATION_WORKER_ENABLED: bool("Run queued evaluation items on this instance", true),
  EVALUATION_QUEUE: oneOf(
    "Which queue carries evaluation items: auto (pg-boss on PostgreSQL, the embedded worker on SQLite), pg-boss, or embedded (a poll over the result rows, also on PostgreSQL)",
    ["auto", "pg-boss", "embedded"] as const,
    "auto",
  ),
  EVALUATION_PGBOSS_SCHEMA: str(
    "PostgreSQL schema pg-boss keeps its jobs in (created on first start); with a database schema of PromptForge's own, <schema>_pgboss",
    "pgboss",
  ),
  EVALUATION_WORKER_CONCURRENCY: int(
    "Evaluation items one instance runs at once, all runs together",
    16,
    1,
    256,
  ),
  EVALUATION_PROVIDER_CONCURRENCY: int(
    "Calls one instance makes at once to each LLM provider (openai, gemini) for evaluations, judges included",
    8,
    1,
    256,
  ),
  EVALUATION_POLL_INTERVAL_MS: int(
    "How often the evaluation worker looks for items to run when it has free slots, in milliseconds",
    500,
    20,
    60_000,
  ),
  EVALUATION_ITEM_TIMEOUT_SECONDS: num(
    "Longest time one evaluation item (generation with retries, then its assertions and judge) may take; it is then an error. An instance's claim on an item lapses 30 s after this, and another instance takes the item again",
    300,
    5,
    3600,
  ),
  EVALUATION_DRAIN_SECONDS: num(
    "On shutdown, how long items in flight may finish before they are aborted and given back to the queue",
    5,
    0,
    120,
  ),
  EVALUATION_JUDGE_PROVIDER: oneOf(
    "Provider of the judge assertion: auto (the analysis provider (ANALYSIS_PROVIDER) when it is openai or gemini and configured, else Gemini when GEMINI_API_KEY is set, else OPENAI_BASE_URL), openai or gemini",
    ["auto", "openai", "gemini"] as const,
    "auto",
  ),
  EVALUATION_JUDGE_MODEL: optStr(
    "Model of the judge; empty = the provider's configured model (OPENAI_MODEL or GEMINI_MODEL)",
  ),

  // E-mail (project invitations)
  SMTP_URL: smtpUrl,
  SMTP_FROM: optStr(
    'Sender of PromptForge e-mails, e.g. "PromptForge <promptforge@example.com>"; needed with SMTP_URL',
  ),
  INVITATION_TTL: duration("How long a project invitation link stays valid", 7 * 86400),
} satisfies Record<string, Setting<unknown>>;

type Settings = typeof settings;
export type Config = {
  readonly [K in keyof Settings]: Settings[K] extends Setting<infer T> ? T : never;
} & {
  readonly version: string;
  /**
   * JWT_SECRET; null in development without one, until start-up (src/startup.ts) fills in the secret it
   * keeps in DATA_DIR.
   */
  readonly jwtSecret: string | null;
  readonly jwtSecretGenerated: boolean;
};

export type Env = Record<string, string | undefined>;

/** The process environment: read here and nowhere else; entry points pass it on to what needs it. */
export function processEnvironment(): Env {
  return process.env;
}

/**
 * Parses a `.env` file's text with Node's own parser: KEY=VALUE lines, # comments, `export`, quotes, and
 * values over several lines inside double quotes (a PEM key, for instance).
 */
export function parseDotEnv(text: string): Env {
  return parseEnv(text);
}

/** The environment merged over `.env` in `cwd` (real variables win). */
export function readEnvironment(processEnv: Env, cwd = process.cwd()): Env {
  const file = join(cwd, ".env");
  const fromFile = existsSync(file) ? parseDotEnv(readFileSync(file, "utf8")) : {};
  return { ...fromFile, ...processEnv };
}

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      version?: string;
    };
    if (pkg.version) return pkg.version;
  } catch {
    // fall through: running from src/ rather than dist/src/
  }
  try {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version?: string;
    };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

export interface LoadConfigOptions {
  version?: string;
}

/**
 * Validates the environment once and returns a frozen Config, or throws ConfigError with one line.
 * Pure: it reads no file and writes none (the development JWT secret is start-up's job).
 */
export function loadConfig(env: Env, opts: LoadConfigOptions = {}): Config {
  const out: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(settings) as [string, Setting<unknown>][]) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === "") {
      out[name] =
        typeof setting.default === "function"
          ? (setting.default as (p: unknown) => unknown)(out)
          : setting.default;
      continue;
    }
    try {
      out[name] = setting.parse(raw);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      const shown = setting.secret ? "(hidden)" : JSON.stringify(raw);
      throw new ConfigError(`Invalid ${name}=${shown}: expected ${e.message}`);
    }
  }
  if (!out.SENTRY_ENVIRONMENT) out.SENTRY_ENVIRONMENT = out.ENVIRONMENT;
  const version = opts.version ?? packageVersion();
  if (!out.SENTRY_RELEASE) out.SENTRY_RELEASE = `promptforge@${version}`;
  out.version = version;

  if (out.ANALYSIS_PROVIDER === "gemini" && !out.GEMINI_API_KEY) {
    throw new ConfigError("Missing GEMINI_API_KEY: required with ANALYSIS_PROVIDER=gemini");
  }
  if (out.SMTP_URL && !out.SMTP_FROM) {
    throw new ConfigError("Missing SMTP_FROM: required with SMTP_URL (the sender of invitation e-mails)");
  }
  if (out.HEALTH_DETAILED_ACCESS === "metrics_token" && !out.METRICS_TOKEN) {
    throw new ConfigError("Missing METRICS_TOKEN: required with HEALTH_DETAILED_ACCESS=metrics_token");
  }

  if (out.OIDC_ISSUER) {
    if (!out.OIDC_CLIENT_ID) throw new ConfigError("Missing OIDC_CLIENT_ID: required with OIDC_ISSUER");
    if (!out.PUBLIC_URL)
      throw new ConfigError(
        "Missing PUBLIC_URL: required with OIDC_ISSUER (the provider redirects to PUBLIC_URL/api/v1/auth/oidc/callback)",
      );
  }
  if (out.OIDC_CLIENT_SECRET && out.OIDC_CLIENT_SECRET_FILE) {
    throw new ConfigError("Set OIDC_CLIENT_SECRET or OIDC_CLIENT_SECRET_FILE, not both");
  }
  if (out.PASSWORD_LOGIN === false && !out.OIDC_ISSUER) {
    throw new ConfigError("PASSWORD_LOGIN=false needs OIDC_ISSUER: nobody could sign in otherwise");
  }
  if (out.PUBLIC_URL !== undefined) {
    try {
      const u = new URL(out.PUBLIC_URL as string);
      if (!["http:", "https:"].includes(u.protocol)) throw new Error();
    } catch {
      throw new ConfigError(
        `Invalid PUBLIC_URL=${JSON.stringify(out.PUBLIC_URL)}: expected an http:// or https:// URL`,
      );
    }
  }

  const secret = out.JWT_SECRET as string | undefined;
  if (secret !== undefined && Buffer.byteLength(secret) < 32) {
    throw new ConfigError("Invalid JWT_SECRET=(hidden): expected at least 32 bytes");
  }
  if (secret) {
    out.jwtSecret = secret;
    out.jwtSecretGenerated = false;
  } else if (out.ENVIRONMENT === "production") {
    throw new ConfigError("Missing JWT_SECRET: required with ENVIRONMENT=production (at least 32 bytes)");
  } else {
    out.jwtSecret = null;
    out.jwtSecretGenerated = true;
  }
  return Object.freeze(out) as Config;
}

/** Renders `.env.example` from the schema so the two never drift. */
export function renderEnvExample(): string {
  const lines = ["# PromptForge settings. Generated from src/config.ts by `promptforge env-example`.", ""];
  for (const [name, s] of Object.entries(settings) as [string, Setting<unknown>][]) {
    const def = typeof s.default === "function" ? "" : s.default;
    const shown = Array.isArray(def)
      ? def.join(",")
      : def === undefined
        ? ""
        : typeof def === "object" && def !== null
          ? `'${JSON.stringify(def)}'`
          : String(def);
    lines.push(`# ${s.doc}. Allowed: ${s.allowed}.`);
    lines.push(`${shown === "" ? "# " : ""}${name}=${shown}`);
    lines.push("");
  }
  return lines.join("\n");
}
