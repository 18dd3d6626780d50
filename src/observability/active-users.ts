// active_users: distinct users whose last authenticated request (users.last_active_at, written by the
// auth guard at most once a minute per user, and by login) falls in the last 24 hours. Counted from the
// database when Prometheus scrapes, but at most once per minute, so frequent scrapes stay cheap.
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";

export const ACTIVE_WINDOW_MS = 24 * 60 * 60 * 1000;
export const ACTIVE_USERS_CACHE_MS = 60_000;

export function countActiveUsers(db: Kysely<Database>, now: number): Promise<number> {
  const since = new Date(now - ACTIVE_WINDOW_MS).toISOString();
  return db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("last_active_at", ">=", since)
    .executeTakeFirstOrThrow()
    .then((row) => Number(row.n));
}

/** A counter that answers from a cache younger than `ttlMs`, and shares one query among concurrent scrapes. */
export function createActiveUsersSource(
  db: Kysely<Database>,
  clock: () => number,
  ttlMs = ACTIVE_USERS_CACHE_MS,
): () => Promise<number> {
  let cached: { value: number; at: number } | undefined;
  let inflight: Promise<number> | undefined;
  return () => {
    const now = clock();
    if (cached && now - cached.at < ttlMs) return Promise.resolve(cached.value);
    inflight ??= countActiveUsers(db, now)
      .then((value) => {
        cached = { value, at: now };
        return value;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };
}
