// The routes applications call at run time: GET /api/v1/registry/:project/:name (the name may contain
// `/`, so the route ends in a wildcard) with a strong ETag and 304 on If-None-Match, and
// POST /api/v1/registry/:project/:name/compile. Authentication is the usual guard (a project API key
// with registry:read, or a user); the fetch's counters and latency are recorded by this plugin's
// onResponse hook, so every outcome — including a 401 from the guard — is counted once.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { NotFoundError } from "../../http/errors.js";
import { currentUser, errorResponses, originOf, signedIn } from "../../http/route-kit.js";
import { counterChild, histogramChild } from "../../observability/metric-children.js";
import type { Metrics, RegistryFetchResult } from "../../observability/metrics.js";
import {
  CompileBodySchema,
  CompiledPromptSchema,
  FetchedPromptSchema,
  FetchQuerySchema,
  RegistryParamsSchema,
} from "./registry-schemas.js";
import { type EncodedFetch, matchesIfNoneMatch, type RegistryService } from "./registry-service.js";

const tags = ["registry"];
const COMPILE_SUFFIX = "/compile";
export const REGISTRY_CACHE_CONTROL = "private, max-age=0, must-revalidate";
const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

export interface RegistryFetchRoutesOptions {
  registry: RegistryService;
  metrics: Pick<Metrics, "registryFetchesTotal" | "registryFetchDuration">;
}

function resultOf(status: number): RegistryFetchResult | null {
  if (status === 304) return "not_modified";
  if (status >= 200 && status < 300) return "ok";
  if (status === 404) return "not_found";
  if (status === 401 || status === 403) return "unauthorized";
  return null;
}

/** The prompt name from the wildcard: decoded once more in case a client encoded its slashes. */
function nameOf(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new NotFoundError(`Prompt ${raw}`);
  }
}

/** A fetch's answer: 304 when the client holds this ETag, else the kept JSON text. */
function sendFetched(req: FastifyRequest, reply: FastifyReply, { etag, payload }: EncodedFetch): void {
  reply.header("etag", etag).header("cache-control", REGISTRY_CACHE_CONTROL);
  // Nothing is sent at all: a `null` payload left "Content-Length: 4" on the bodiless 304, and clients
  // that trust it on a kept-alive connection waited for four bytes that never came.
  if (matchesIfNoneMatch(req.headers["if-none-match"] as string | undefined, etag)) reply.status(304).send();
  // Already serialised: a string with a JSON content type is sent as it is.
  else reply.header("content-type", JSON_CONTENT_TYPE).send(payload);
}

const registryFetchRoutes: FastifyPluginAsyncTypebox<RegistryFetchRoutesOptions> = async (
  app,
  { registry, metrics },
) => {
  // A callback hook (no promise per fetch), with each result's counter child looked up once.
  const fetches = new Map<string, { inc(): void }>();
  const duration = histogramChild(metrics.registryFetchDuration);
  app.addHook("onResponse", (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (req.method === "GET" || req.method === "HEAD") {
      duration.observe(reply.elapsedTime / 1000);
      const result = resultOf(reply.statusCode);
      if (result) {
        let counter = fetches.get(result);
        if (!counter) {
          counter = counterChild(metrics.registryFetchesTotal, result);
          fetches.set(result, counter);
        }
        counter.inc();
      }
    }
    done();
  });

  app.get(
    "/:project/*",
    signedIn(
      app,
      {
        tags,
        summary:
          "Fetch a prompt by name: label (default production; latest allowed), version, or split bucket",
        description:
          "Strong ETag; If-None-Match answers 304 with no body. Cache-Control: private, max-age=0, must-revalidate. resolve=true inlines included prompts.",
        params: RegistryParamsSchema,
        querystring: FetchQuerySchema,
        headers: Type.Object({ "if-none-match": Type.Optional(Type.String({ maxLength: 2000 })) }),
        response: {
          200: FetchedPromptSchema,
          304: Type.Null({ description: "Not modified" }),
          ...errorResponses(401, 403, 404, 422),
        },
      },
      { projectKeys: true },
    ),
    // Not an async handler: when the head row is read straight on SQLite and the answer is kept encoded,
    // the fetch is answered without a promise (a failure then is thrown, and Fastify sends it through the
    // error handler as it does a rejection).
    (req, reply) => {
      const answer = registry.fetchEncoded(
        { user: currentUser(req), origin: originOf(req) },
        req.params.project,
        nameOf(req.params["*"]),
        req.query,
        // The route's own response serialiser (compiled from its schema; it returns text), so the bytes
        // are those Fastify would have sent.
        (body) => String(reply.serialize(body)),
      );
      if (answer instanceof Promise)
        return answer.then((a) => {
          sendFetched(req, reply, a);
        });
      sendFetched(req, reply, answer);
    },
  );

  app.post(
    "/:project/*",
    signedIn(
      app,
      {
        tags,
        summary: "Compile a prompt: POST /api/v1/registry/:project/:name/compile",
        description:
          "Renders the labelled (or given) version with the variables; missing, unknown or mistyped variables are a 422 naming each.",
        params: RegistryParamsSchema,
        body: CompileBodySchema,
        response: { 200: CompiledPromptSchema, ...errorResponses(401, 403, 404, 422) },
      },
      { projectKeys: true },
    ),
    async (req) => {
      const path = req.params["*"];
      if (!path.endsWith(COMPILE_SUFFIX)) throw new NotFoundError("Route");
      const { variables, ...q } = req.body;
      return registry.compile(
        { user: currentUser(req), origin: originOf(req) },
        req.params.project,
        nameOf(path.slice(0, -COMPILE_SUFFIX.length)),
        { ...q, variables: variables ?? {} },
      );
    },
  );
};

export default registryFetchRoutes;
