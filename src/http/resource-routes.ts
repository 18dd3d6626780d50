// The standard routes of a resource (create, list, get, update, remove and an item's other actions) and
// of a document an item holds (get, put, clear), declared in a route table from what each operation
// documents: every route calls the service's method of the operation's name with the route table's
// context, the path's parameters in order, and the body or query — so feature routes state only what
// differs (summaries, schemas, error statuses).
import type { FastifyRequest } from "fastify";
import type { Static, TObject, TSchema, TString } from "typebox";
import { IdParamsSchema, NoContentSchema, type RouteTable } from "./route-kit.js";

/** What one operation of a resource documents: its summary, description and error statuses of its own. */
interface OperationDoc {
  summary: string;
  description?: string;
  /** Error statuses beyond those every route of the table declares. */
  errors?: readonly number[];
}

/** An operation of one item beyond the standard ones, at `path/:key/<name>` (a template's `use`). */
export interface ActionSpec extends OperationDoc {
  method: "get" | "post";
  body?: TSchema;
  querystring?: TSchema;
  response: TSchema;
  /** The success status (200 unless given). */
  status?: 200 | 201;
}

/**
 * The operations of a resource, each optional, and what each takes and answers: create (POST, 201, or 202
 * when it only queues the work), list (GET), get (GET /:key), update (PATCH, or PUT, /:key), remove
 * (DELETE /:key, 204) and the item's actions. The item's path parameter is `id` unless `key` names another.
 */
export interface ResourceSpec {
  /** The params of the item routes (`IdParamsSchema` unless given). */
  params?: TSchema;
  /** The item's path parameter: item routes are at `path/:key` (`id` unless given). */
  key?: string;
  /** The params of the collection routes, where the path or the mount's prefix holds some. */
  collectionParams?: TSchema;
  /** One item's schema: what create, get and update answer unless they name their own `response`. */
  item?: TSchema;
  create?: OperationDoc & { body: TSchema; response?: TSchema; status?: 201 | 202 };
  list?: OperationDoc & { querystring?: TSchema; response: TSchema };
  get?: OperationDoc & { response?: TSchema };
  update?: OperationDoc & { method?: "patch" | "put"; body: TSchema; response?: TSchema };
  remove?: OperationDoc;
  /** The item's other operations, each at `path/:key/<name>`, a call of the service's method `<name>`. */
  actions?: Record<string, ActionSpec>;
}

/** The values of a URL's path parameters, in order (`/prompts/:id/labels/:label`: two strings). */
type PathArgs<U extends string> = string extends U
  ? string[]
  : U extends `${string}:${string}/${infer Rest}`
    ? [string, ...PathArgs<`/${Rest}`>]
    : U extends `${string}:${string}`
      ? [string]
      : [];

/** What an operation answers: its own response, else the resource's item. */
type Answer<S, O> = O extends { response: infer R extends TSchema }
  ? Static<R>
  : S extends { item: infer I extends TSchema }
    ? Static<I>
    : never;

/** What an operation takes after the path's values: its body, else its query, else nothing. */
type Input<O> = O extends { body: infer B extends TSchema }
  ? [Static<B>]
  : O extends { querystring: infer Q extends TSchema }
    ? [Static<Q>]
    : [];

type Method<C, A extends unknown[], R> = (context: C, ...args: A) => Promise<R>;

/**
 * The service behind a resource's routes, one method of each operation's name: it takes the route
 * table's context, then the values of the collection path's parameters (`path`'s, in order), then for an
 * item the item's key, and last the body or the query when the operation has one.
 */
export type ResourceService<C, U extends string, S extends ResourceSpec> = (S extends { create: infer O }
  ? { create: Method<C, [...PathArgs<U>, ...Input<O>], Answer<S, O>> }
  : unknown) &
  (S extends { list: infer O } ? { list: Method<C, [...PathArgs<U>, ...Input<O>], Answer<S, O>> } : unknown) &
  (S extends { get: infer O } ? { get: Method<C, [...PathArgs<U>, string], Answer<S, O>> } : unknown) &
  (S extends { update: infer O }
    ? { update: Method<C, [...PathArgs<U>, string, ...Input<O>], Answer<S, O>> }
    : unknown) &
  (S extends { remove: OperationDoc } ? { remove: Method<C, [...PathArgs<U>, string], void> } : unknown) &
  (S extends { actions: infer A }
    ? { [N in keyof A]: Method<C, [...PathArgs<U>, string, ...Input<A[N]>], Answer<S, A[N]>> }
    : unknown);

/** A service method as the routes call it: the context, then the path's values and the input. */
type Call<C> = (context: C, ...args: unknown[]) => Promise<unknown>;

/** What one route documents and takes, for declareCall. */
type CallDoc = OperationDoc & {
  body?: TSchema;
  querystring?: TSchema;
  params?: TSchema;
  preValidation?: (req: FastifyRequest) => Promise<void>;
};

/**
 * Declares one route in `table` that answers `status` with `response` and calls `call` with the table's
 * context, the values of the URL's path parameters in order, and the body (else the query) when the route
 * takes one. The one place the resource and document routes turn a request into a service call.
 */
function declareCall<C>(
  table: RouteTable<C>,
  method: "get" | "post" | "put" | "patch" | "delete",
  url: string,
  route: { doc: CallDoc; status: number; response: TSchema; call: Call<C> },
): void {
  const { doc, status, response, call } = route;
  const keys = [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string);
  const input = (req: FastifyRequest) => (doc.body ? [req.body] : doc.querystring ? [req.query] : []);
  table[method](url, {
    ...doc,
    // One success status; the table sends 204 without a body whatever the call answers.
    response: { [status]: response } as { 200: TSchema },
    handler: (req, context) =>
      call(context, ...keys.map((k) => (req.params as Record<string, string>)[k]), ...input(req)),
  });
}

/** Where a group of routes is declared: its table, URL and params. */
interface Mount<C> {
  table: RouteTable<C>;
  url: string;
  params: TSchema | undefined;
}

/**
 * Declares the operations `spec` names in `route` (or, given two tables, the collection's in one and the
 * items' in the other) at `path` (the collection) and `path/:key` (an item), each a call of the service's
 * method of the operation's name (ResourceService); the resource's other routes are declared beside it.
 */
export function resourceRoutes<C, U extends string, S extends ResourceSpec>(
  route: RouteTable<C> | { collection: RouteTable<C>; item: RouteTable<C> },
  path: U,
  service: ResourceService<C, U, S>,
  spec: S,
): void {
  const tables = "collection" in route ? route : { collection: route, item: route };
  const calls = service as unknown as Record<string, Call<C>>;
  const collection: Mount<C> = { table: tables.collection, url: path || "/", params: spec.collectionParams };
  const item: Mount<C> = {
    table: tables.item,
    url: `${path}/:${spec.key ?? "id"}`,
    params: spec.params ?? IdParamsSchema,
  };

  const declare = (
    at: Mount<C>,
    method: "get" | "post" | "put" | "patch" | "delete",
    name: string,
    op: CallDoc & { response?: TSchema; status?: number },
    defaultStatus: number,
  ): void => {
    const { status = defaultStatus, response = spec.item, ...doc } = op;
    const call = calls[name]?.bind(calls);
    if (!response || !call)
      throw new Error(`resourceRoutes: ${name} at ${at.url} lacks its schema or method`);
    const params = at.params ? { params: at.params } : {};
    declareCall(at.table, method, at.url, { doc: { ...doc, ...params }, status, response, call });
  };

  const { create, list, get, update, remove, actions = {} } = spec;
  if (create) declare(collection, "post", "create", create, 201);
  if (list) declare(collection, "get", "list", list, 200);
  if (get) declare(item, "get", "get", get, 200);
  if (update) {
    const { method = "patch", ...op } = update;
    declare(item, method, "update", op, 200);
  }
  if (remove) declare(item, "delete", "remove", { ...remove, response: NoContentSchema }, 204);
  for (const [name, { method, ...op }] of Object.entries(actions)) {
    declare({ ...item, url: `${item.url}/${name}` }, method, name, op, 200);
  }
}

/**
 * A document one item holds (a prompt's assertions, its promotion gate): `get` reads it, `put` replaces
 * it and, when given, `clear` removes it (DELETE); each answers the document as it is then.
 */
export interface DocumentSpec {
  /** The params of the routes (`IdParamsSchema` unless given). */
  params?: TObject<{ id: TString }>;
  response: TSchema;
  get: OperationDoc;
  put: OperationDoc & {
    body: TSchema;
    /** A check of the raw body before the schema is applied. */
    preValidation?: (req: FastifyRequest) => Promise<void>;
  };
  clear?: OperationDoc;
}

/** The service behind a document's routes (each takes the route table's context first). */
export interface DocumentService<C, S extends DocumentSpec> {
  get(context: C, id: string): Promise<Static<S["response"]>>;
  put(context: C, id: string, body: Static<S["put"]["body"]>): Promise<Static<S["response"]>>;
  clear?(context: C, id: string): Promise<Static<S["response"]>>;
}

/** Declares the routes of a document at `url` in `route`, each a call of the service's method of its name. */
export function documentRoutes<C, S extends DocumentSpec>(
  route: RouteTable<C>,
  url: string,
  service: DocumentService<C, S>,
  spec: S,
): void {
  const params = spec.params ?? IdParamsSchema;
  const declare = (method: "get" | "put" | "delete", doc: CallDoc, call: Call<C>) =>
    declareCall(route, method, url, { doc: { ...doc, params }, status: 200, response: spec.response, call });
  declare("get", spec.get, service.get.bind(service) as Call<C>);
  declare("put", spec.put, service.put.bind(service) as Call<C>);
  if (spec.clear && service.clear) declare("delete", spec.clear, service.clear.bind(service) as Call<C>);
}
