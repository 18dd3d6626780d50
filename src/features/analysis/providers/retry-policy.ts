// Backoff arithmetic for LLM calls: exponential backoff with jitter, and `Retry-After` parsing.
// Pure functions (randomness and the clock are passed in) so the policy is testable without waiting.

export interface BackoffOptions {
  /** First delay before jitter, in milliseconds. */
  baseMs: number;
  /** Largest delay, also the cap on a server's Retry-After. */
  capMs: number;
  /** A source of [0, 1) numbers; Math.random in production. */
  random: () => number;
}

export const DEFAULT_BACKOFF = { baseMs: 500, capMs: 10_000 } as const;

/**
 * Delay before retry number `retry` (0 for the first retry): base·2^retry, capped, with "equal jitter"
 * (half fixed, half random) so synchronised clients spread out but never retry immediately.
 */
export function backoffDelay(retry: number, opts: BackoffOptions): number {
  const exp = Math.min(opts.capMs, opts.baseMs * 2 ** retry);
  return Math.round(exp / 2 + opts.random() * (exp / 2));
}

/**
 * `Retry-After` in milliseconds: either delay-seconds or an HTTP date. Undefined when absent or
 * unparseable; never negative.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** The wait before the next attempt: the server's Retry-After when given (capped), else backoff. */
export function retryDelay(retry: number, retryAfterMs: number | undefined, opts: BackoffOptions): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, opts.capMs);
  return backoffDelay(retry, opts);
}
