// The dependency checks behind the health endpoints and the promptforge_database_up gauge: a database
// round-trip bounded by a timeout, and the shapes of the LLM checks, which the analysis feature builds
// (features/analysis/providers/health-probes.ts) and buildApp hands to the health routes.
import type { DatabaseHandle } from "../db/database.js";

export type CheckStatus = "healthy" | "unhealthy" | "not_configured";

export interface CheckResult {
  status: CheckStatus;
  /** Round-trip time of the check; null when nothing was called. */
  response_time_ms: number | null;
}

/** Readiness and database_up give up on the database after this long. */
export const DATABASE_CHECK_TIMEOUT_MS = 2000;

/** Milliseconds rounded to two decimals, as checks report them. */
export const round2 = (ms: number) => Math.round(ms * 100) / 100;

export interface LlmCheckResult extends CheckResult {
  /** The analysis provider in use: gemini, openai, or local (the offline engine alone). */
  provider: "gemini" | "openai" | "local";
  model: string | null;
}

/** The LLM checks of /health/detailed: `checks.gemini_api` and `checks.llm`. */
export interface LlmProbes {
  checkGemini: () => Promise<CheckResult>;
  checkLlm: () => Promise<LlmCheckResult>;
}

/** Redis (REDIS_URL) for checks.redis: optional, so its outage degrades the answer and never fails it. */
export type RedisProbe = () => Promise<CheckResult>;

/** Pings the database; "unhealthy" when it fails or does not answer within `timeoutMs`. */
export async function checkDatabase(
  db: Pick<DatabaseHandle, "ping">,
  timeoutMs = DATABASE_CHECK_TIMEOUT_MS,
): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
    timer.unref();
  });
  try {
    const outcome = await Promise.race([db.ping().then(() => "ok" as const), timeout]);
    return {
      status: outcome === "ok" ? "healthy" : "unhealthy",
      response_time_ms: round2(performance.now() - started),
    };
  } catch {
    return { status: "unhealthy", response_time_ms: round2(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}
