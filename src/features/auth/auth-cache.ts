// A short-lived in-process cache of what authenticating a request reads from the database: the user
// behind an access token (role, name, sessions cut-off) and the owner of an API key; and what resolving
// its project reads: the caller's personal project, a project by id, the caller's membership (role).
// Every signed-in request did these look-ups; with the cache a busy client costs one per AUTH_CACHE_SECONDS.
//
// Staleness is bounded and explained in docs/performance.md:
// - On this instance a change takes effect at once: any write to the users, api_keys, projects or
//   project_members table, whichever feature makes it, empties the cache (the database handle reports
//   writes, write-watch.ts), and a look-up that was running while such a write happened does not store
//   its answer.
// - On other instances a change takes effect when they hear of it (Redis pub/sub when REDIS_URL is set),
//   and at the latest after AUTH_CACHE_SECONDS, when the entry expires.
// - Only positive answers are kept: an unknown key or a deleted user is looked up every time.

/**
 * The tables whose rows authentication and project access (projects-service accessFor) read; a write to
 * any of them empties the cache.
 */
export const AUTH_TABLES = new Set(["users", "api_keys", "projects", "project_members"]);

export interface AuthCacheOptions {
  /** How long an entry is trusted, in milliseconds; 0 turns the cache off. */
  ttlMs: number;
  /** Entries kept at most; when full, the cache starts over (simpler than LRU, and as cheap). */
  maxEntries: number;
  clock: () => number;
}

export interface AuthCache {
  /**
   * The cached value when one is in force, without a promise: the signed-in request's usual case, so
   * it costs no promise (and no async-hook bookkeeping) per look-up. Undefined means ask `get`.
   */
  peek<T extends object>(key: string): T | undefined;
  /** The cached value, or loads it (storing it only if nothing was invalidated meanwhile). */
  get<T extends object>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined>;
  /** `peek`, and `get` only when it finds nothing: a value while one is in force, else the load's promise. */
  lookup<T extends object>(key: string, load: () => Promise<T | undefined>): T | Promise<T | undefined>;
  /** Drops every entry, and makes look-ups in flight discard their answers. */
  clear(): void;
  readonly size: number;
}

export function createAuthCache(opts: AuthCacheOptions): AuthCache {
  const entries = new Map<string, { value: object; expiresAt: number }>();
  let generation = 0;
  const peek = <T extends object>(key: string): T | undefined => {
    const hit = entries.get(key);
    return hit && hit.expiresAt > opts.clock() ? (hit.value as T) : undefined;
  };
  const get = async <T extends object>(key: string, load: () => Promise<T | undefined>) => {
    if (opts.ttlMs <= 0) return load();
    const hit = peek<T>(key);
    if (hit) return hit;
    const now = opts.clock();
    const started = generation;
    const value = await load();
    if (value !== undefined && started === generation) {
      if (entries.size >= opts.maxEntries) entries.clear();
      entries.set(key, { value, expiresAt: now + opts.ttlMs });
    }
    return value;
  };
  return {
    peek,
    get,
    lookup: <T extends object>(key: string, load: () => Promise<T | undefined>) =>
      peek<T>(key) ?? get(key, load),
    clear() {
      generation++;
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
