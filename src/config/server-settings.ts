// Settings of the HTTP server and of the database it stores everything in (src/config.ts assembles them).
import { bool, fail, int, list, num, oneOf, optStr, type Setting, size, str, url } from "./setting-kinds.js";

export const ENVIRONMENTS = ["development", "staging", "production"] as const;

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

/** The HTTP server. */
export const serverSettings = {
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
} satisfies Record<string, Setting<unknown>>;

/** The database. */
export const storageSettings = {
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
} satisfies Record<string, Setting<unknown>>;
