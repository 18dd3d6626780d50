// Start-up's wait for a database that does not answer yet. Orchestrators (Compose, Kubernetes) start
// PostgreSQL and PromptForge together, so the first connections may be refused for a while: ping with
// backoff until the database answers or DATABASE_STARTUP_TIMEOUT_SECONDS pass, logging each failure as a
// WARNING that names DATABASE_URL with its password hidden, then give up with DatabaseUnreachableError.
import type { Logger } from "pino";
import { redactQueryString } from "../observability/redact.js";
import type { DatabaseHandle } from "./database.js";

/** DATABASE_URL as it may appear in a log line: the password (and secret query values) replaced. */
export function displayDatabaseUrl(databaseUrl: string | undefined): string {
  if (!databaseUrl) return "(embedded SQLite)";
  try {
    const u = new URL(databaseUrl);
    if (u.password) u.password = "***";
    const shown = u.toString();
    const q = shown.indexOf("?");
    return q === -1 ? shown : shown.slice(0, q) + redactQueryString(shown.slice(q));
  } catch {
    return "(unparseable URL)";
  }
}

export class DatabaseUnreachableError extends Error {
  override name = "DatabaseUnreachableError";
  constructor(
    readonly databaseUrl: string,
    readonly waitedSeconds: number,
    readonly lastError: string,
  ) {
    super(
      `Database unreachable after ${waitedSeconds} s: check DATABASE_URL (${databaseUrl}) and that the database is running`,
    );
  }
}

export interface WaitForDatabaseOptions {
  /** How long to keep trying; 0 = one attempt. */
  timeoutSeconds: number;
  logger: Pick<Logger, "warn" | "info">;
  databaseUrl?: string;
  /** Milliseconds since the epoch (tests: a fake clock). */
  now?: () => number;
}

const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 5000;

function reason(e: unknown): string {
  if (e instanceof Error) return e.message || (e as { code?: string }).code || e.name;
  return String(e);
}

/** Resolves once `db` answers a ping; throws DatabaseUnreachableError when the time is up. */
export async function waitForDatabase(db: DatabaseHandle, opts: WaitForDatabaseOptions): Promise<void> {
  const now = opts.now ?? Date.now;
  const shown = displayDatabaseUrl(opts.databaseUrl);
  const started = now();
  const deadline = started + opts.timeoutSeconds * 1000;
  let delay = FIRST_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    let timer: NodeJS.Timeout | undefined;
    try {
      // One attempt may not outlast the deadline by more than a second (a black-holed host never answers).
      const budget = Math.max(deadline - now(), 1000);
      await Promise.race([
        db.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${budget} ms`)), budget);
        }),
      ]);
      if (attempt > 1) opts.logger.info({ attempts: attempt, database_url: shown }, "Database reachable");
      return;
    } catch (e) {
      const left = deadline - now();
      if (left <= 0) {
        throw new DatabaseUnreachableError(shown, Math.round((now() - started) / 100) / 10, reason(e));
      }
      const wait = Math.min(delay, left);
      opts.logger.warn(
        {
          setting: "DATABASE_URL",
          database_url: shown,
          error: reason(e),
          attempt,
          retry_in_seconds: wait / 1000,
          gives_up_in_seconds: Math.ceil(left / 1000),
        },
        "Database unreachable at start-up; retrying (DATABASE_URL, DATABASE_STARTUP_TIMEOUT_SECONDS)",
      );
      await new Promise((r) => setTimeout(r, wait));
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    } finally {
      clearTimeout(timer);
    }
  }
}
