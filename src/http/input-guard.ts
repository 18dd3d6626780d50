// Refuses, for every route, request values no database can store, after schema validation and before
// the handler: a NUL character in any string or key (PostgreSQL text cannot hold one; SQLite would,
// so both refuse alike) and a non-finite number. JSON cannot carry one, but AJV's type coercion turns
// "Infinity" or "1e400" in a query string, path or body into Infinity and then skips the range checks.
// Either is a 422 naming the field, in the shape schema validation uses. So is a value nested deeper than
// MAX_DEPTH levels: JSON.parse accepts any depth, but serialising or validating such a value later (a
// prompt's config, a variable's default) would overflow the stack.
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { type FieldIssue, ValidationError } from "./errors.js";

const PARTS = [
  ["params", "params"],
  ["querystring", "query"],
  ["body", "body"],
] as const;

const MAX_ISSUES = 20;
/** Deepest nesting of arrays and objects a request may carry. */
export const MAX_DEPTH = 64;

// `path` is one array pushed and popped along the walk, joined only when an issue is found: every
// request's params and query pass here, and a copy of the path per value was garbage on every request.
function scan(value: unknown, path: string[], issues: FieldIssue[], depth = 0): void {
  if (issues.length >= MAX_ISSUES) return;
  if (depth > MAX_DEPTH) {
    if (value !== null && typeof value === "object")
      issues.push({
        field: path.slice(0, 2).join("."),
        message: `is nested deeper than ${MAX_DEPTH} levels`,
      });
    return;
  }
  // Raw bodies (a CSV import's bytes) are the feature's to check: walking a Buffer index by index would
  // take minutes for a few megabytes.
  if (Buffer.isBuffer(value)) return;
  if (typeof value === "string") {
    if (value.includes("\u0000"))
      issues.push({ field: path.join("."), message: "must not contain NUL characters" });
  } else if (typeof value === "number") {
    if (!Number.isFinite(value)) issues.push({ field: path.join("."), message: "must be a finite number" });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(String(i));
      scan(value[i], path, issues, depth + 1);
      path.pop();
    }
  } else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      if (key.includes("\u0000")) {
        issues.push({
          field: [...path, key.replaceAll("\u0000", "\\0")].join("."),
          message: "must not contain NUL characters in its name",
        });
      } else {
        path.push(key);
        scan(record[key], path, issues, depth + 1);
        path.pop();
      }
    }
  }
}

/** The 422 for the first request part holding a value no database stores, or null when all is well. */
export function unstorableInput(
  req: Pick<FastifyRequest, "params" | "query" | "body">,
): ValidationError | null {
  // One issues list and one path for the three parts: a walk leaves the path empty, and issues are only
  // ever found once (the first part holding one answers).
  const issues: FieldIssue[] = [];
  const path: string[] = [];
  for (const [where, prop] of PARTS) {
    scan(req[prop], path, issues);
    if (issues.length) {
      for (const issue of issues) issue.field ||= where;
      const summary = issues.map((d) => `${d.field} ${d.message}`).join("; ");
      return new ValidationError(`Invalid ${where}: ${summary}`, issues);
    }
  }
  return null;
}

async function inputGuard(app: FastifyInstance) {
  // With Sentry on, an async hook on purpose: as a callback hook, the handler that follows ran outside the
  // request's Sentry scope, and its error events lost the request's trace id
  // (test/observability/sentry.test.ts). Without SENTRY_DSN there is no scope to keep, and a callback hook
  // makes no promise per request; the checks and the 422 are the same.
  if (app.deps.config.SENTRY_DSN) {
    app.addHook("preHandler", async (req) => {
      const error = guard(req);
      if (error) throw error;
    });
    return;
  }
  app.addHook("preHandler", (req, _reply, done) => done(guard(req) ?? undefined));
}

/** The guard's answer for one request: unmatched paths answer 404 whatever they hold. */
function guard(req: FastifyRequest): ValidationError | null {
  // is404, not routeOptions.url: Fastify builds a routeOptions object on every read.
  if (req.is404) return null;
  return unstorableInput(req);
}

export default fp(inputGuard, { name: "input-guard", dependencies: ["error-handler"] });
