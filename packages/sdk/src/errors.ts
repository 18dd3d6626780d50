// The errors the SDK throws or reports in `error` events: one base class with a machine-readable code,
// and a subclass per kind a caller may want to catch on its own.

export type PromptForgeErrorCode =
  /** The server could not be reached, timed out, or answered 5xx or 429. */
  | "unavailable"
  /** No such project, prompt, label or version (404). */
  | "not_found"
  /** The API key was refused (401) or lacks `registry:read` on the project (403). */
  | "unauthorized"
  | "forbidden"
  /** Any other answer the SDK cannot use: an unexpected status or a body that is not a prompt. */
  | "invalid_response"
  /** The snapshot file could not be read as a snapshot (ignored), or could not be written. */
  | "snapshot_invalid"
  | "snapshot_write_failed"
  /** compile(): missing, unknown or mistyped variables, or a template syntax error. */
  | "invalid_variables"
  | "template_error"
  /** The options given to the constructor or to getPrompt are not usable. */
  | "invalid_options";

export class PromptForgeError extends Error {
  override name = "PromptForgeError";
  readonly code: PromptForgeErrorCode;
  /** The HTTP status, when the server answered. */
  readonly status?: number;

  constructor(code: PromptForgeErrorCode, message: string, opts: { status?: number; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    if (opts.status !== undefined) this.status = opts.status;
  }
}

/** The server could not be reached, and neither a cached copy, a snapshot nor a fallback was there. */
export class PromptForgeUnavailableError extends PromptForgeError {
  override name = "PromptForgeUnavailableError";
}

/** The server says the prompt, label or version does not exist. */
export class PromptNotFoundError extends PromptForgeError {
  override name = "PromptNotFoundError";
}

/** The server refused the API key (401), or the key may not read this project's registry (403). */
export class PromptForgeAuthError extends PromptForgeError {
  override name = "PromptForgeAuthError";
}

/** compile() was given variables the prompt does not accept, or its template does not parse. */
export class PromptCompileError extends PromptForgeError {
  override name = "PromptCompileError";
  /** One entry per problem, naming the variable when there is one. */
  readonly issues: { variable?: string; message: string }[];

  constructor(
    code: "invalid_variables" | "template_error",
    message: string,
    issues: { variable?: string; message: string }[],
    cause?: unknown,
  ) {
    super(code, message, { cause });
    this.issues = issues;
  }
}

/** The snapshot file was unreadable or not a snapshot (then ignored), or could not be written. */
export class PromptForgeSnapshotError extends PromptForgeError {
  override name = "PromptForgeSnapshotError";
}
