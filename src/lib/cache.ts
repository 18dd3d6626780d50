// A value computed at most once per time window: the active-users count, the LLM health probes and
// the analysis models list each answer from it, so frequent scrapes, probes and page loads stay cheap.

/**
 * Wraps `load` so it answers from the last result while that is younger than `ttlMs` (by `clock`), and
 * concurrent callers share one load. A failed load is not kept: the next call tries again. The
 * arguments of the call that starts a load are the ones it uses.
 */
export function cachedFor<T, A extends unknown[]>(
  ttlMs: number,
  clock: () => number,
  load: (...args: A) => Promise<T>,
): (...args: A) => Promise<T> {
  let cached: { value: T; at: number } | undefined;
  let inflight: Promise<T> | undefined;
  return (...args) => {
    const now = clock();
    if (cached && now - cached.at < ttlMs) return Promise.resolve(cached.value);
    inflight ??= load(...args)
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
