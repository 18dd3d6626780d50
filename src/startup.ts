// What start-up does around the pure config before building the app: in development without
// JWT_SECRET, the signing secret is read from DATA_DIR/jwt-secret, or generated and kept there, so
// sessions survive a restart; secrets given as files (OIDC_CLIENT_SECRET_FILE) are read. server.ts calls
// it; loadConfig itself touches no file.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Config, ConfigError } from "./config.js";

/**
 * The config with OIDC_CLIENT_SECRET read from OIDC_CLIENT_SECRET_FILE when that is set (trailing line
 * breaks dropped). A missing, unreadable or empty file fails start-up with one line naming the setting,
 * never the secret.
 */
export function withSecretFiles(config: Config): Config {
  const file = config.OIDC_CLIENT_SECRET_FILE;
  if (!file) return config;
  let secret: string;
  try {
    secret = readFileSync(file, "utf8").replace(/[\r\n]+$/, "");
  } catch (e) {
    const why = (e as { code?: string }).code ?? "unreadable";
    throw new ConfigError(`Invalid OIDC_CLIENT_SECRET_FILE=${JSON.stringify(file)}: cannot read it (${why})`);
  }
  if (!secret.trim())
    throw new ConfigError(`Invalid OIDC_CLIENT_SECRET_FILE=${JSON.stringify(file)}: the file is empty`);
  return Object.freeze({ ...config, OIDC_CLIENT_SECRET: secret });
}

/** The config with its JWT secret resolved: as given, or the development secret kept in DATA_DIR. */
export function withJwtSecret(config: Config): Config {
  if (config.jwtSecret) return config;
  return Object.freeze({ ...config, jwtSecret: developmentSecret(config.DATA_DIR) });
}

function developmentSecret(dataDir: string): string {
  const dir = resolve(dataDir);
  const file = join(dir, "jwt-secret");
  if (existsSync(file)) {
    const s = readFileSync(file, "utf8").trim();
    if (Buffer.byteLength(s) >= 32) return s;
  }
  mkdirSync(dir, { recursive: true });
  const s = randomBytes(32).toString("hex");
  writeFileSync(file, `${s}\n`, { mode: 0o600 });
  return s;
}
