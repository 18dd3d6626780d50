// Every setting PromptForge reads, declared once: name, parser, default and description.
// The Config type is derived from this table; `loadConfig(env)` is the only place that reads
// the environment, validates everything once and fails with one line naming the bad setting.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { authSettings, ssoSettings } from "./config/auth-settings.js";
import { analysisSettings, evaluationSettings } from "./config/llm-settings.js";
import { emailSettings, webhookSettings } from "./config/messaging-settings.js";
import {
  auditSettings,
  loggingSettings,
  metricsSettings,
  sentrySettings,
} from "./config/observability-settings.js";
import { serverSettings, storageSettings } from "./config/server-settings.js";
import { ConfigError, type Setting } from "./config/setting-kinds.js";

// What other modules import from the configuration, wherever the schema keeps it.
export {
  isLoopbackHttp,
  SSO_PROJECT_ROLES,
  type SsoRoleMapping,
  type SsoRoleTarget,
} from "./config/auth-settings.js";
export { DEFAULT_LLM_PRICES, type ModelPrice } from "./config/llm-settings.js";
export { LOG_LEVELS } from "./config/observability-settings.js";
export { ENVIRONMENTS } from "./config/server-settings.js";
export { ConfigError } from "./config/setting-kinds.js";

/**
 * The one schema, concern by concern. The order is that of `.env.example`, and a default computed from
 * other settings (DOCS_ENABLED, LOG_FORMAT) sees only those before it.
 */
export const settings = {
  ...serverSettings,
  ...storageSettings,
  ...authSettings,
  ...ssoSettings,
  ...auditSettings,
  ...loggingSettings,
  ...sentrySettings,
  ...metricsSettings,
  ...analysisSettings,
  ...webhookSettings,
  ...evaluationSettings,
  ...emailSettings,
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
