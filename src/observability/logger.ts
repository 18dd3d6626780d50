// The structured logger (pino). JSON lines carry the guide's fields: timestamp, level (DEBUG, INFO,
// WARNING, ERROR, CRITICAL), service, version, environment, message. LOG_FORMAT=text renders the same
// records as one readable line each, without a worker thread. Secrets are redacted at the source by
// scrubSecrets: by field name (Authorization, cookies, passwords, tokens, API keys, DSNs) at any depth,
// and in the query string of any logged URL or path (`?token=…` → `?token=[REDACTED]`).
import { Writable } from "node:stream";
import pino, { type Logger } from "pino";
import type { Config } from "../config.js";
import { REDACTED, redactUrl, scrubSecrets } from "./redact.js";

const TO_PINO = { DEBUG: "debug", INFO: "info", WARNING: "warn", ERROR: "error", CRITICAL: "fatal" } as const;
const FROM_PINO: Record<string, string> = {
  trace: "DEBUG",
  debug: "DEBUG",
  info: "INFO",
  warn: "WARNING",
  error: "ERROR",
  fatal: "CRITICAL",
};

/** Field names whose values are secrets wherever they appear in a log record. */
export const SECRET_KEYS = [
  "password",
  "new_password",
  "current_password",
  "old_password",
  "token",
  "access_token",
  "refresh_token",
  "api_key",
  "apiKey",
  "secret",
  "authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "jwt",
  "dsn",
];

// Only fixed paths: wildcard paths made pino walk every record (about 6 % of CPU on an authenticated
// read), and scrubSecrets below already replaces secret-named fields at any depth.
const REDACT_PATHS = [
  ...SECRET_KEYS.map((k) => `req.headers["${k}"]`),
  ...SECRET_KEYS.map((k) => `res.headers["${k}"]`),
];

let lastMillis = -1;
let lastTimestamp = "";
/** pino's timestamp fragment; formatted once per millisecond, as lines of one request share most of theirs. */
function isoTimestamp(): string {
  const now = Date.now();
  if (now !== lastMillis) {
    lastMillis = now;
    lastTimestamp = `,"timestamp":"${new Date(now).toISOString()}"`;
  }
  return lastTimestamp;
}

export interface LoggerOptions {
  /** Where lines go (default stdout, a turn's lines in one write); tests pass a collecting stream. */
  destination?: NodeJS.WritableStream;
}

/** What log lines are written to. */
interface LineSink {
  write(text: string): unknown;
  flush?(cb?: (err?: Error) => void): void;
}

/** How much text may wait before it is written without waiting for the end of the turn. */
const MAX_BATCH_CHARS = 64 * 1024;

/**
 * Log lines gathered over one turn of the event loop and written to `out` together. A write per line was
 * a system call per request on a busy server (about 2 µs of a 3 µs request line to a file or a pipe,
 * where Node writes stdout synchronously); under load the lines of many requests now share one. A line
 * waits at most until the end of the turn (or until 64 KiB are waiting); flush() writes at once, and the
 * process's exit flushes, so a normal or crashing exit loses nothing — only a kill -9 or an abort in the
 * middle of a turn loses that turn's lines.
 */
export class TurnBatchedLines {
  #out: LineSink;
  #waiting = "";
  #scheduled = false;
  readonly #flushLater = () => {
    this.#scheduled = false;
    this.flushSync();
  };

  constructor(out: LineSink) {
    this.#out = out;
  }

  write(chunk: string): boolean {
    this.#waiting += chunk;
    if (this.#waiting.length >= MAX_BATCH_CHARS) this.flushSync();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.#flushLater);
    }
    return true;
  }

  flushSync(): void {
    if (!this.#waiting) return;
    const text = this.#waiting;
    this.#waiting = "";
    this.#out.write(text);
  }

  /** What pino's logger.flush(cb) calls. */
  flush(cb?: (err?: Error) => void): void {
    this.flushSync();
    cb?.();
  }
}

let stdoutLines: TurnBatchedLines | undefined;
/** The one batcher in front of stdout, flushed when the process exits. */
function batchedStdout(): TurnBatchedLines {
  if (!stdoutLines) {
    const lines = new TurnBatchedLines(process.stdout);
    process.once("exit", () => lines.flushSync());
    stdoutLines = lines;
  }
  return stdoutLines;
}

export function createLogger(
  config: Pick<Config, "LOG_LEVEL" | "LOG_FORMAT" | "version" | "ENVIRONMENT">,
  opts: LoggerOptions = {},
): Logger {
  const out: LineSink = opts.destination ?? batchedStdout();
  const dest = config.LOG_FORMAT === "text" ? textStream(out) : out;
  return pino(
    {
      level: TO_PINO[config.LOG_LEVEL],
      messageKey: "message",
      errorKey: "error",
      base: { service: "PromptForge", version: config.version, environment: config.ENVIRONMENT },
      timestamp: isoTimestamp,
      formatters: {
        level: (label) => ({ level: FROM_PINO[label] ?? label.toUpperCase() }),
        // The guarantee: secret-named fields at any depth and secret query values in URLs (redact.ts).
        log: (record) => scrubSecrets(record),
      },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: {
        err: pino.stdSerializers.err,
        // Fastify's default request serializer logs the raw URL; ours redacts its query string.
        req: (req: { method?: string; url?: string; id?: unknown }) => ({
          method: req.method,
          url: req.url === undefined ? undefined : redactUrl(req.url),
          request_id: req.id,
        }),
      },
    },
    dest as pino.DestinationStream,
  );
}

const SKIP_IN_TEXT = new Set(["timestamp", "level", "message", "service", "version", "environment"]);

/** Renders each JSON record as `timestamp LEVEL message key=value …`. */
function textStream(out: LineSink): Writable & { flush(cb?: (err?: Error) => void): void } {
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (!line) continue;
        try {
          const rec = JSON.parse(line) as Record<string, unknown>;
          const extras = Object.entries(rec)
            .filter(([k]) => !SKIP_IN_TEXT.has(k))
            .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
            .join(" ");
          out.write(
            `${rec.timestamp} ${String(rec.level).padEnd(8)} ${rec.message ?? ""}${extras ? ` ${extras}` : ""}\n`,
          );
        } catch {
          out.write(`${line}\n`);
        }
      }
      cb();
    },
  });
  // pino's logger.flush(cb) reaches the batcher through this: the text lines wait there, as JSON ones do
  return Object.assign(stream, {
    flush(cb?: (err?: Error) => void) {
      if (out.flush) out.flush(cb);
      else cb?.();
    },
  });
}

type Level = "fatal" | "error" | "warn" | "info" | "debug" | "trace";
type AnyLogFn = (...args: unknown[]) => void;

/**
 * Each request's logger (req.log and reply.log, carrying request_id), made only when something logs
 * through it: Fastify made a pino child per request (a new object, its formatters rebuilt, the bindings
 * serialised), and most requests never log through it — probes are not logged at INFO, and the summary
 * line goes through `record`, which writes the very same JSON (the bindings first, as a child would)
 * through the parent. Anything else (an error handler's line, a child, a level change) makes the real
 * child first and uses it, so every line is what it was.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: its log methods are declared by the interface below and set on the prototype there
export class RequestLogger {
  #parent: Logger;
  #bindings: Record<string, unknown>;
  #child: Logger | undefined;

  constructor(parent: Logger, bindings: Record<string, unknown>) {
    this.#parent = parent;
    this.#bindings = bindings;
  }

  /** The pino child Fastify would have made, made now. */
  real(): Logger {
    this.#child ??= this.#parent.child(this.#bindings);
    return this.#child;
  }

  get level(): string {
    return (this.#child ?? this.#parent).level;
  }
  set level(level: string) {
    this.real().level = level;
  }

  /** One line at `level` with the request's bindings, without making the child when there is none yet. */
  record(level: Level, obj: Record<string, unknown>, message: string): void {
    if (this.#child) (this.#child[level] as AnyLogFn)(obj, message);
    // Object.assign, not `{ ...bindings, ...obj }`: the same own fields in the same order, but the double
    // spread took about 3 µs a line (V8's slow path for the second spread), Object.assign about 0.1 µs.
    else (this.#parent[level] as AnyLogFn)(Object.assign({}, this.#bindings, obj), message);
  }

  child(bindings: Record<string, unknown>, options?: pino.ChildLoggerOptions): Logger {
    return this.real().child(bindings, options);
  }
  isLevelEnabled(level: string): boolean {
    return (this.#child ?? this.#parent).isLevelEnabled(level);
  }
  bindings(): Record<string, unknown> {
    return this.real().bindings();
  }
  flush(cb?: (err?: Error) => void): void {
    this.real().flush(cb);
  }
}

// The log methods (fatal … trace, silent) make the real child and log through it; each is the same
// forwarding, so they are set on the prototype from one list.
const LOG_METHODS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export interface RequestLogger extends Record<(typeof LOG_METHODS)[number], AnyLogFn> {}
for (const method of LOG_METHODS) {
  RequestLogger.prototype[method] = function (this: RequestLogger, ...args: unknown[]): void {
    (this.real()[method] as AnyLogFn)(...args);
  };
}

/**
 * Fastify's childLoggerFactory: a RequestLogger, or pino's own child when Fastify asks for options (a
 * route's logLevel or serializers, which PromptForge does not set).
 */
export function requestLoggerFactory(
  logger: unknown,
  bindings: Record<string, unknown>,
  options: pino.ChildLoggerOptions,
): unknown {
  const parent = logger as Logger;
  if (options.level !== undefined || options.serializers !== undefined)
    return parent.child(bindings, options);
  return new RequestLogger(parent, bindings);
}
