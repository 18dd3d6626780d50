// The failure vocabulary of LLM provider calls. Every transport maps what went wrong onto one of these
// bounded types, so retries, the circuit breaker, metrics labels and `fallback_reason` all agree.

export const LLM_ERROR_TYPES = [
  "timeout",
  "rate_limited",
  "server_error",
  "network_error",
  "auth_error",
  "client_error",
  "malformed_output",
  "circuit_open",
] as const;
export type LlmErrorType = (typeof LLM_ERROR_TYPES)[number];

export class LlmCallError extends Error {
  override name = "LlmCallError";
  readonly type: LlmErrorType;
  readonly status?: number;
  /** Wait the server asked for (Retry-After), in milliseconds. */
  readonly retryAfterMs?: number;
  constructor(type: LlmErrorType, message: string, opts: { status?: number; retryAfterMs?: number } = {}) {
    super(message);
    this.type = type;
    this.status = opts.status;
    this.retryAfterMs = opts.retryAfterMs;
  }
}

/** Which HTTP statuses mean what: 429 and 5xx are transient, 401/403 are configuration problems. */
export function errorTypeOfStatus(status: number): LlmErrorType {
  if (status === 429) return "rate_limited";
  if (status === 408) return "timeout";
  if (status === 401 || status === 403) return "auth_error";
  if (status >= 500) return "server_error";
  return "client_error";
}

/** Failures worth another attempt: the same request may well succeed a moment later. */
export function isRetryable(type: LlmErrorType): boolean {
  return type === "rate_limited" || type === "server_error" || type === "network_error";
}
