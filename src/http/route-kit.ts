// What every API route declares the same way: the one error-response schema, the `:id` params and the
// 204 answer, the one security declaration, the one hook phase for authentication, currentUser(req)
// for the signed-in caller, and routeTable(app, …) that declares a plugin's routes alike (tags, auth,
// error statuses, success status); resource-routes.ts declares the standard operations of a resource in it.
// Feature routes import these instead of writing their own, so the OpenAPI document and the checks agree.
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, RouteOptions } from "fastify";
import { type Static, type TSchema, Type } from "typebox";
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

/** A path parameter naming a stored thing by id or name (a prompt, template, dataset…); unknown ones are 404. */
export const PathRefSchema = Type.String({ minLength: 1, maxLength: 100 });

/** The params of a route under `/:id`. */
export const IdParamsSchema = Type.Object({ id: PathRefSchema });

/** The answer of a route that answers 204: no body. */
export const NoContentSchema = Type.Null({ description: "No content." });

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

type Infer<S> = S extends TSchema ? Static<S> : unknown;

/** A route handler's request, typed by the schemas its route declares. */
export type RouteRequest<P, Q, B, H> = FastifyRequest<{
  Params: Infer<P>;
  Querystring: Infer<Q>;
  Body: Infer<B>;
  Headers: Infer<H>;
}>;

/** The one success status of a route and its schema, e.g. `{ 201: PromotionSchema }`. */
type Success = { [status: number]: TSchema };

/** What a handler answers: nothing for 204, else a value of the success schema (or the reply it sent). */
type Answer<R extends Success> = 204 extends keyof R
  ? // biome-ignore lint/suspicious/noConfusingVoidType: a 204 handler is the service call that returns Promise<void>
    void
  : (R[keyof R] extends infer S extends TSchema ? Static<S> : never) | FastifyReply;

/** One route of a route table: its documentation, request schemas, answer, extra error statuses and handler. */
export interface RouteSpec<P, Q, B, H, R extends Success, C> {
  summary: string;
  description?: string;
  /** The table's tags unless given. */
  tags?: string[];
  /** Left out of the OpenAPI document (a second mount of the same route). */
  hide?: boolean;
  params?: P;
  querystring?: Q;
  body?: B;
  headers?: H;
  /** The success status and its schema: the status the route answers with (204 sends no body). */
  response: R;
  /** Error statuses beyond those every route of the table declares. */
  errors?: readonly number[];
  /** The route's error statuses in place of the table's (a route that answers fewer). */
  onlyErrors?: readonly number[];
  /** A body limit of the route's own (imports, the playground). */
  bodyLimit?: number;
  /** A check of the raw request after the table's hooks, before the schema is applied. */
  preValidation?: (req: FastifyRequest) => Promise<void>;
  handler: (req: RouteRequest<P, Q, B, H>, context: C, reply: FastifyReply) => Promise<Answer<R>> | Answer<R>;
}

type Declare<C> = <
  R extends Success,
  P extends TSchema | undefined = undefined,
  Q extends TSchema | undefined = undefined,
  B extends TSchema | undefined = undefined,
  H extends TSchema | undefined = undefined,
>(
  url: string,
  spec: RouteSpec<P, Q, B, H, R, C>,
) => void;

/** Declares routes the same way: get/post/put/patch/delete(url, spec). */
export interface RouteTable<C> {
  get: Declare<C>;
  post: Declare<C>;
  put: Declare<C>;
  patch: Declare<C>;
  delete: Declare<C>;
}

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  typeof (v as { then?: unknown } | null)?.then === "function";

/**
 * The routes of one plugin, declared alike: every route has the table's tags, its authentication
 * (`signedIn` for `account`, with project keys for `project`, `instanceAdmin` for `admin`), the error
 * statuses the table names plus its own, and answers with the one success status it declares (201 and
 * 202 set, 204 sent without a body). The handler gets what `context(req)` resolves for it: the caller,
 * or the project it acts in.
 */
export function routeTable<C>(
  app: FastifyInstance,
  table: {
    tags: string[];
    errors: readonly number[];
    auth: "account" | "project" | "admin";
    context: (req: FastifyRequest) => C;
  },
): RouteTable<C> {
  const declare =
    (method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"): Declare<C> =>
    (url, spec) => {
      const { handler, errors = [], onlyErrors, bodyLimit, preValidation, response, ...docs } = spec;
      const [status] = Object.keys(response).map(Number);
      const schema = {
        tags: table.tags,
        ...docs,
        response: { ...response, ...errorResponses(...(onlyErrors ?? table.errors), ...errors) },
      };
      const guarded =
        table.auth === "admin"
          ? instanceAdmin(app, schema)
          : signedIn(app, schema, { projectKeys: table.auth === "project" });
      const options: RouteOptions = {
        method,
        url,
        ...guarded,
        ...(bodyLimit === undefined ? {} : { bodyLimit }),
        ...(preValidation ? { preValidation } : {}),
        // Not async: a handler that answers with a value (not a promise) is finished at once, with no
        // promise made; a thrown error goes to Fastify's error handler as a rejection does. An undefined
        // answer still goes back as a promise, whose settling Fastify treats as "send what there is".
        handler: (req: FastifyRequest, reply: FastifyReply): unknown => {
          const finish = (out: unknown) => {
            if (status === 204) return reply.status(204).send(null);
            if (status !== 200 && !reply.sent) reply.status(status as number);
            return out;
          };
          const out: unknown = handler(
            req as RouteRequest<never, never, never, never>,
            table.context(req),
            reply,
          );
          // Promise.resolve: a reply returned by a handler is a thenable whose then() returns nothing.
          if (isThenable(out)) return Promise.resolve(out).then(finish);
          const done = finish(out);
          return done === undefined ? Promise.resolve(done) : done;
        },
      };
      app.route(options);
    };
  return {
    get: declare("GET"),
    post: declare("POST"),
    put: declare("PUT"),
    patch: declare("PATCH"),
    delete: declare("DELETE"),
  };
}
