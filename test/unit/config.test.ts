import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ConfigError,
  loadConfig,
  parseDotEnv,
  readEnvironment,
  renderEnvExample,
  settings,
} from "../../src/config.js";
import { withJwtSecret } from "../../src/startup.js";

const tmp = () => mkdtempSync(join(tmpdir(), "promptforge-config-"));

describe("loadConfig", () => {
  it("starts with zero configuration: port 8000, SQLite under ./data, text logs in development", () => {
    const dir = tmp();
    const c = loadConfig({ DATA_DIR: dir });
    expect(c.PORT).toBe(8000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.ENVIRONMENT).toBe("development");
    expect(c.LOG_FORMAT).toBe("text");
    expect(c.LOG_LEVEL).toBe("INFO");
    expect(c.SLOW_REQUEST_THRESHOLD).toBe(1);
    expect(c.BODY_LIMIT).toBe(1024 * 1024);
    expect(c.ACCESS_TOKEN_TTL).toBe(1800);
    expect(c.SENTRY_ENVIRONMENT).toBe("development");
    expect(c.SENTRY_RELEASE).toMatch(/^promptforge@\d+\.\d+\.\d+/);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it("generates a development JWT secret once at start-up and keeps it in DATA_DIR", () => {
    const dir = tmp();
    const a = withJwtSecret(loadConfig({ DATA_DIR: dir }));
    const b = withJwtSecret(loadConfig({ DATA_DIR: dir }));
    expect(a.jwtSecretGenerated).toBe(true);
    expect(a.jwtSecret).toBe(b.jwtSecret);
    expect(readFileSync(join(dir, "jwt-secret"), "utf8").trim()).toBe(a.jwtSecret);
  });

  it("defaults to JSON logs in production", () => {
    const c = loadConfig({ ENVIRONMENT: "production", JWT_SECRET: "x".repeat(32) });
    expect(c.LOG_FORMAT).toBe("json");
  });

  it("refuses to start in production without a strong JWT_SECRET", () => {
    expect(() => loadConfig({ ENVIRONMENT: "production" })).toThrow(/Missing JWT_SECRET/);
    expect(() => loadConfig({ ENVIRONMENT: "production", JWT_SECRET: "short" })).toThrow(
      "Invalid JWT_SECRET=(hidden): expected at least 32 bytes",
    );
  });

  it("turns the API docs off in production by default and keeps /health/detailed public", () => {
    const dev = loadConfig({ DATA_DIR: tmp() });
    expect(dev.DOCS_ENABLED).toBe(true);
    expect(dev.HEALTH_DETAILED_ACCESS).toBe("public");
    const prod = loadConfig({ ENVIRONMENT: "production", JWT_SECRET: "x".repeat(32) });
    expect(prod.DOCS_ENABLED).toBe(false);
    expect(prod.HEALTH_DETAILED_ACCESS).toBe("public");
    expect(
      loadConfig({ ENVIRONMENT: "production", JWT_SECRET: "x".repeat(32), DOCS_ENABLED: "true" })
        .DOCS_ENABLED,
    ).toBe(true);
  });

  it("refuses HEALTH_DETAILED_ACCESS=metrics_token without a METRICS_TOKEN", () => {
    expect(() => loadConfig({ DATA_DIR: tmp(), HEALTH_DETAILED_ACCESS: "metrics_token" })).toThrow(
      "Missing METRICS_TOKEN: required with HEALTH_DETAILED_ACCESS=metrics_token",
    );
    expect(
      loadConfig({ DATA_DIR: tmp(), HEALTH_DETAILED_ACCESS: "metrics_token", METRICS_TOKEN: "t0ken" })
        .HEALTH_DETAILED_ACCESS,
    ).toBe("metrics_token");
  });

  it("bounds the rescore job's settings: batch size, pause, interval and claim time", () => {
    const c = loadConfig({ DATA_DIR: tmp() });
    expect([
      c.RESCORE_ENABLED,
      c.RESCORE_BATCH_SIZE,
      c.RESCORE_PAUSE_MS,
      c.RESCORE_INTERVAL,
      c.RESCORE_CLAIM_TTL,
    ]).toEqual([true, 50, 250, 600, 300]);
    expect(loadConfig({ DATA_DIR: tmp(), RESCORE_INTERVAL: "15m", RESCORE_ENABLED: "false" })).toMatchObject({
      RESCORE_INTERVAL: 900,
      RESCORE_ENABLED: false,
    });
    expect(() => loadConfig({ DATA_DIR: tmp(), RESCORE_BATCH_SIZE: "0" })).toThrow(
      'Invalid RESCORE_BATCH_SIZE="0": expected an integer from 1 to 1000',
    );
    expect(() => loadConfig({ DATA_DIR: tmp(), RESCORE_BATCH_SIZE: "1001" })).toThrow(
      'Invalid RESCORE_BATCH_SIZE="1001": expected an integer from 1 to 1000',
    );
    expect(() => loadConfig({ DATA_DIR: tmp(), RESCORE_PAUSE_MS: "60001" })).toThrow(
      'Invalid RESCORE_PAUSE_MS="60001": expected an integer from 0 to 60000',
    );
    expect(() => loadConfig({ DATA_DIR: tmp(), RESCORE_CLAIM_TTL: "0" })).toThrow(
      "Invalid RESCORE_CLAIM_TTL",
    );
  });

  it("names the variable, the value and what is allowed in one line", () => {
    expect(() => loadConfig({ LOG_LEVEL: "verbose", DATA_DIR: tmp() })).toThrow(
      'Invalid LOG_LEVEL="verbose": expected one of DEBUG, INFO, WARNING, ERROR, CRITICAL',
    );
    expect(() => loadConfig({ PORT: "80000", DATA_DIR: tmp() })).toThrow(
      'Invalid PORT="80000": expected an integer from 1 to 65535',
    );
    expect(() => loadConfig({ ENVIRONMENT: "prod", DATA_DIR: tmp() })).toThrow(
      'Invalid ENVIRONMENT="prod": expected one of development, staging, production',
    );
    expect(() => loadConfig({ DATABASE_URL: "mysql://x", DATA_DIR: tmp() })).toThrow(
      "Invalid DATABASE_URL=(hidden): expected a URL (postgres, postgresql)",
    );
    for (const bad of [
      { SLOW_REQUEST_THRESHOLD: "fast" },
      { ACCESS_TOKEN_TTL: "-5" },
      { BODY_LIMIT: "10" },
    ]) {
      expect(() => loadConfig({ ...bad, DATA_DIR: tmp() })).toThrow(ConfigError);
    }
  });

  it("accepts log levels in any case and durations and sizes with units", () => {
    const c = loadConfig({
      LOG_LEVEL: "warning",
      ACCESS_TOKEN_TTL: "15m",
      REFRESH_TOKEN_TTL: "7d",
      BODY_LIMIT: "2MB",
      TRUST_PROXY: "10.0.0.0/8,127.0.0.1",
      CORS_ORIGINS: "https://a.example, https://b.example",
      DATA_DIR: tmp(),
    });
    expect(c.LOG_LEVEL).toBe("WARNING");
    expect(c.ACCESS_TOKEN_TTL).toBe(900);
    expect(c.REFRESH_TOKEN_TTL).toBe(7 * 86400);
    expect(c.BODY_LIMIT).toBe(2 * 1024 * 1024);
    expect(c.TRUST_PROXY).toEqual(["10.0.0.0/8", "127.0.0.1"]);
    expect(c.CORS_ORIGINS).toEqual(["https://a.example", "https://b.example"]);
  });

  it("reads .env with real environment variables taking precedence", () => {
    const dir = tmp();
    writeFileSync(join(dir, ".env"), '# comment\nPORT=9000\nLOG_LEVEL="DEBUG"\nHOST=127.0.0.1 # trailing\n');
    const env = readEnvironment({ PORT: "9100" }, dir);
    expect(env.PORT).toBe("9100");
    expect(env.LOG_LEVEL).toBe("DEBUG");
    expect(env.HOST).toBe("127.0.0.1");
    expect(parseDotEnv("export A='b c'\n")).toEqual({ A: "b c" });
  });

  it("reads a value over several lines from .env when it is double-quoted", () => {
    const dir = tmp();
    writeFileSync(join(dir, ".env"), 'SENTRY_DSN="line one\nline two"\nPORT=9000\n');
    const env = readEnvironment({}, dir);
    expect(env.SENTRY_DSN).toBe("line one\nline two");
    expect(env.PORT).toBe("9000");
  });

  it("is pure: loading a development config writes nothing to DATA_DIR", () => {
    const dir = tmp();
    const c = loadConfig({ DATA_DIR: dir });
    expect(c.jwtSecret).toBeNull();
    expect(existsSync(join(dir, "jwt-secret"))).toBe(false);
  });

  it("refuses ANALYSIS_PROVIDER=gemini without GEMINI_API_KEY", () => {
    expect(() => loadConfig({ DATA_DIR: tmp(), ANALYSIS_PROVIDER: "gemini" })).toThrow(
      "Missing GEMINI_API_KEY: required with ANALYSIS_PROVIDER=gemini",
    );
  });

  it("keeps .env.example in step with the schema", () => {
    const example = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");
    expect(example).toBe(renderEnvExample());
    for (const name of Object.keys(settings)) expect(example).toContain(`${name}=`);
  });
});
