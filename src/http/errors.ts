// Domain errors and the single table that maps them to HTTP status codes and error codes; found() for
// a lookup that is a 404 when it finds nothing. Services throw these; the error handler (error-handler.ts)
// turns them into the one JSON shape.

export interface FieldIssue {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown;
  readonly headers?: Record<string, string>;
  constructor(
    status: number,
    code: string,
    message: string,
    details?: unknown,
    headers?: Record<string, string>,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: unknown) {
    super(422, "validation_error", message, details);
  }
}
export class BadRequestError extends AppError {
  constructor(message: string, details?: unknown) {
    super(400, "bad_request", message, details);
  }
}
export class NotFoundError extends AppError {
  constructor(what = "Resource") {
    super(404, "not_found", `${what} not found`);
  }
}
/** What a lookup found, or a 404 naming `what` when it found nothing. */
export function found<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw new NotFoundError(what);
  return row;
}
export class ConflictError extends AppError {
  constructor(message: string, details?: unknown, code = "conflict") {
    super(409, code, message, details);
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = "Authentication required", code = "unauthorized") {
    super(401, code, message, undefined, { "WWW-Authenticate": 'Bearer realm="promptforge"' });
  }
}
export class ForbiddenError extends AppError {
  constructor(message = "You are not allowed to do this") {
    super(403, "forbidden", message);
  }
}
export class TooManyRequestsError extends AppError {
  constructor(retryAfterSeconds: number, message = "Too many requests") {
    const s = Math.max(1, Math.ceil(retryAfterSeconds));
    super(429, "rate_limited", message, { retry_after_seconds: s }, { "Retry-After": String(s) });
  }
}
export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(413, "payload_too_large", `Request body is larger than the limit of ${limitBytes} bytes`);
  }
}
export class ProviderUnavailableError extends AppError {
  constructor(message = "The analysis provider is unavailable") {
    super(503, "provider_unavailable", message);
  }
}
export class ServiceUnavailableError extends AppError {
  constructor(message = "Service unavailable") {
    super(503, "service_unavailable", message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
  request_id: string;
}
