// The one error mapper: every failure becomes {"error": {code, message, details?}, "request_id"}.
// Domain errors carry their status; Fastify's own errors (validation, body size, bad JSON, media type)
// map through one table; anything else is a 500 whose internals never reach the client. What Fastify's
// router refuses (`frameworkErrors`) and what Node's HTTP parser refuses before there is a request at
// all (`clientErrorHandler`) get the same shape, so no answer of this service looks different.
import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from "fastify";
import fp from "fastify-plugin";
import { SOCKET_ERROR_CODES } from "../lib/network-errors.js";
import { AppError, type ErrorBody, type FieldIssue } from "./errors.js";
import { RULE_KEYWORD, SHAPE_KEYWORDS } from "./validation-rules.js";

declare module "fastify" {
  interface FastifyInstance {
    /** Called for every unexpected (5xx) error: Sentry, metrics and logging hook in here. */
    onUnexpectedError: Set<(err: Error, req: FastifyRequest) => void>;
  }
}

const FASTIFY_CODES: Record<string, { status: number; code: string; message?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: "payload_too_large" },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: "unsupported_media_type" },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: "bad_request" },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: "bad_request", message: "Request body is empty" },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: "invalid_json",
    message: "Request body is not valid JSON",
  },
  // Never the URL itself: it is the client's own garbage, and echoing it invites reflected content.
  FST_ERR_BAD_URL: {
    status: 400,
    code: "bad_request",
    message: "Malformed URL: bad percent-encoding in the path",
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: "uri_too_long",
    message: "A path segment is longer than 200 characters",
  },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: "bad_request" },
};

export function errorBody(req: FastifyRequest, code: string, message: string, details?: unknown): ErrorBody {
  return {
    error: details === undefined ? { code, message } : { code, message, details },
    request_id: String(req.id),
  };
}

interface AjvIssue {
  instancePath?: string;
  schemaPath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** The sub-schema an AJV issue's schemaPath ("#/properties/email/pattern") points into, if any. */
function schemaAt(root: unknown, schemaPath: string | undefined): Record<string, unknown> | undefined {
  if (!root || !schemaPath?.startsWith("#/")) return undefined;
  const segments = schemaPath.slice(2).split("/").slice(0, -1);
  let node: unknown = root;
  for (const raw of segments) {
    if (!node || typeof node !== "object") return undefined;
    const key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    node = (node as Record<string, unknown>)[key];
  }
  return node && typeof node === "object" ? (node as Record<string, unknown>) : undefined;
}

function fieldIssues(validation: AjvIssue[], context?: string, schema?: unknown): FieldIssue[] {
  const out: FieldIssue[] = [];
  const ruled = new Set<string>();
  for (const v of validation) {
    const missing = v.params?.missingProperty;
    const path = (v.instancePath ?? "").replace(/^\//, "").replaceAll("/", ".");
    const field =
      [path, typeof missing === "string" ? missing : ""].filter(Boolean).join(".") || (context ?? "body");
    let message = v.message ?? "is invalid";
    if (v.keyword === "additionalProperties" && typeof v.params?.additionalProperty === "string") {
      out.push({ field: String(v.params.additionalProperty), message: "is not an accepted field" });
      continue;
    }
    if (v.keyword === "enum" && Array.isArray(v.params?.allowedValues)) {
      message = `must be one of: ${(v.params.allowedValues as unknown[]).join(", ")}`;
    }
    if (v.keyword !== undefined && SHAPE_KEYWORDS.has(v.keyword)) {
      // A field that states its rule in words gets that one message however many checks failed.
      const rule = schemaAt(schema, v.schemaPath)?.[RULE_KEYWORD];
      if (typeof rule === "string") {
        if (!ruled.has(field)) out.push({ field, message: rule });
        ruled.add(field);
        continue;
      }
      // A regular expression means nothing to most readers (and is the server's business).
      if (v.keyword === "pattern") message = "is not in the accepted form";
    }
    out.push({ field, message });
  }
  return out;
}

// Network errors and PostgreSQL's connection/operator-intervention classes (08, 57P, 53300), and a
// locked SQLite file: the database cannot serve the request right now.
const DB_UNAVAILABLE_CODES = new Set([
  ...SOCKET_ERROR_CODES,
  "53300",
  "57P01",
  "57P02",
  "57P03",
  // query_canceled: statement_timeout (DATABASE_STATEMENT_TIMEOUT_SECONDS) passed.
  "57014",
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
]);
const DB_UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|Query read timeout/i;

export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && (DB_UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return true;
  return DB_UNAVAILABLE_MESSAGE.test(err.message);
}

/** Fastify's `frameworkErrors`: a URL the router cannot take (bad encoding, an overlong parameter). */
export const frameworkErrors: NonNullable<FastifyServerOptions["frameworkErrors"]> = (err, req, rawReply) => {
  // The option's reply type is generic over every route's schemas; this one answers no route.
  const reply = rawReply as unknown as FastifyReply;
  const known = (err.code ? FASTIFY_CODES[err.code] : undefined) ?? {
    status: 400,
    code: "bad_request",
    message: "Malformed request",
  };
  req.log.info({ code: err.code, status: known.status }, "Request refused before routing");
  reply
    .status(known.status)
    .header("x-request-id", String(req.id))
    // Answered before any hook runs, so security-headers.ts has not marked it.
    .header("x-content-type-options", "nosniff")
    .send(errorBody(req, known.code, known.message ?? "Malformed request"));
};

const CLIENT_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: "headers_too_large",
    message: "Request headers are larger than the limit of 16 KB",
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: "request_timeout", message: "The request took too long" },
};

/**
 * The HTTP server's `clientError`: bytes that are not a request Node can parse (a malformed
 * Content-Length or Transfer-Encoding, oversized headers, a timed-out request). There is no request
 * object, so the answer is written to the socket by hand, with a fresh request id, and it closes.
 */
export function clientErrorHandler(this: FastifyInstance, err: Error & { code?: string }, socket: Socket) {
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const known = (err.code ? CLIENT_ERRORS[err.code] : undefined) ?? {
    status: 400,
    code: "bad_request",
    message: "Malformed HTTP request",
  };
  const requestId = randomUUID();
  this.log.debug({ code: err.code, status: known.status, request_id: requestId }, "Unparseable request");
  if (socket.writable) {
    const body = JSON.stringify({
      error: { code: known.code, message: known.message },
      request_id: requestId,
    });
    socket.write(
      `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\n` +
        "Content-Type: application/json; charset=utf-8\r\n" +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${requestId}\r\n` +
        "X-Content-Type-Options: nosniff\r\n" +
        "Connection: close\r\n\r\n" +
        body,
    );
  }
  socket.destroy(err);
}

async function errorHandler(app: FastifyInstance) {
  app.decorate("onUnexpectedError", new Set<(err: Error, req: FastifyRequest) => void>());

  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      return reply.status(err.status).send(errorBody(req, err.code, err.message, err.details));
    }
    if (err.validation) {
      const where = err.validationContext ?? "body";
      const schemas = req.routeOptions.schema as Record<string, unknown> | undefined;
      const part = where === "querystring" ? (schemas?.querystring ?? schemas?.query) : schemas?.[where];
      const details = fieldIssues(err.validation as AjvIssue[], where, part);
      const summary = details.map((d) => `${d.field} ${d.message}`).join("; ");
      return reply
        .status(422)
        .send(errorBody(req, "validation_error", `Invalid ${where}: ${summary}`, details));
    }
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) {
      return reply.status(known.status).send(errorBody(req, known.code, known.message ?? err.message));
    }
    // @fastify/rate-limit and other plugins throw errors that carry a 4xx status of their own.
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = status === 429 ? "rate_limited" : status === 404 ? "not_found" : "bad_request";
      return reply.status(status).send(errorBody(req, code, err.message));
    }
    for (const hook of app.onUnexpectedError) hook(err, req);
    if (isDatabaseUnavailable(err)) {
      // An outage, not a bug: the client may retry; readiness and DatabaseDown tell the operator.
      req.log.error({ err }, "Database unavailable");
      reply.header("Retry-After", "5");
      return reply
        .status(503)
        .send(errorBody(req, "service_unavailable", "The database is unavailable; try again shortly"));
    }
    req.log.error({ err }, "Unhandled error");
    return reply.status(500).send(errorBody(req, "internal_error", "An internal error occurred"));
  });

  app.setNotFoundHandler((req, reply) => {
    reply
      .status(404)
      .send(errorBody(req, "not_found", `Route ${req.method} ${req.url.split("?")[0]} not found`));
  });
}

export default fp(errorHandler, { name: "error-handler" });
