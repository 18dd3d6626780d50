// What every API route declares the same way: the one error-response schema, the one security
// declaration, the one hook phase for authentication, and currentUser(req) for the signed-in caller.
// Feature routes import these instead of writing their own, so the OpenAPI document and the checks agree.
import type { FastifyInstance, FastifyRequest, FastifySchema } from "fastify";
import { Type } from "typebox";
import type { AuthUser } from "./auth-guard.js";
import { UnauthorizedError } from "./errors.js";

/** The one JSON error shape (docs/api.md, Errors), for every error status a route declares. */
export const ErrorResponseSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
    request_id: Type.String(),
  },
  { description: "The one error shape (docs/api.md, Errors)" },
);

/** `{ 401: ErrorResponseSchema, 404: … }` for the statuses given. */
export function errorResponses<const S extends number>(
  ...statuses: S[]
): Record<S, typeof ErrorResponseSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorResponseSchema])) as Record<
    S,
    typeof ErrorResponseSchema
  >;
}

/** The OpenAPI security of a route that needs a user: an access token or an API key. */
export const SECURED: { [scheme: string]: string[] }[] = [{ bearer: [] }, { apiKey: [] }];

// Authentication runs in one hook phase for every route: onRequest, before the body is read or
// validated, so an anonymous caller learns nothing about the body's rules and costs no parsing.

/**
 * Route options of a route that needs a user: authentication in onRequest (401 without valid
 * credentials) and the one security declaration added to the schema given. Project API keys are
 * refused (403) unless `opts.projectKeys` says the route acts inside a project (the project's service
 * then checks the key's scopes).
 */
export function signedIn<S extends FastifySchema>(
  app: FastifyInstance,
  schema: S,
  opts: { projectKeys?: boolean } = {},
): { onRequest: FastifyInstance["requireUser"]; schema: S & { security: typeof SECURED } } {
  return {
    onRequest: opts.projectKeys ? app.requireUser : app.requireAccount,
    schema: { ...schema, security: SECURED },
  };
}

/**
 * Route options of a route for instance administrators (users with role `admin`): 401 without valid
 * credentials, 403 for other users; the security declaration is added to the schema given.
 */
export function instanceAdmin<S extends FastifySchema>(
  app: FastifyInstance,
  schema: S,
): { onRequest: FastifyInstance["requireAdmin"]; schema: S & { security: typeof SECURED } } {
  return { onRequest: app.requireAdmin, schema: { ...schema, security: SECURED } };
}

/** Route options of a route open to all that reads the user when credentials are sent. */
export function maybeSignedIn(app: FastifyInstance): { onRequest: FastifyInstance["optionalUser"] } {
  return { onRequest: app.optionalUser };
}

/** The signed-in caller; 401 when the route's hook found none. */
export function currentUser(req: FastifyRequest): AuthUser {
  if (!req.user) throw new UnauthorizedError();
  return req.user;
}

/** Who made a request and from where: what the audit log records with each change. */
export interface RequestOrigin {
  /** The signed-in user, or the API key used; null for an anonymous request. */
  actor: { type: "user" | "api_key"; id: string } | null;
  /** Client address (behind a proxy, as TRUST_PROXY resolves it). */
  ip: string;
  requestId: string;
}

/** The request's origin, for services that record who changed what. */
export function originOf(req: FastifyRequest): RequestOrigin {
  const u = req.user;
  const actor = !u
    ? null
    : u.apiKey
      ? { type: "api_key" as const, id: u.apiKey.id }
      : { type: "user" as const, id: u.id };
  return { actor, ip: req.ip, requestId: String(req.id) };
}
