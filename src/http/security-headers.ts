// Response headers that protect browsers and API clients, on every answer: helmet's set (nosniff,
// frame and referrer policies, a strict Content-Security-Policy for the web app and the API alike), and
// Cache-Control: no-store on any answer to a request that carried credentials or that writes (neither
// GET, HEAD nor OPTIONS): a sign-in, a token refresh or a single sign-on hand-off carries no credential
// header but answers with tokens, which no cache may keep (RFC 6749, 5.1). So no shared or browser cache
// keeps someone's prompts or tokens. A route that sets its own Cache-Control keeps it: no-store is set
// when the request arrives and a route's own value, set later, replaces it (an error answer keeps it,
// as Fastify keeps every header but the body's type and length).
import helmet, { type FastifyHelmetOptions } from "@fastify/helmet";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import fp from "fastify-plugin";

// Everything the web app loads comes from this origin; inline scripts are never needed, so none run.
export const CONTENT_SECURITY_POLICY = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "style-src": ["'self'"],
  "img-src": ["'self'", "data:"],
  "font-src": ["'self'"],
  "connect-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
};

/**
 * Whether a request carries credentials. The headers are the only way in (auth-guard.ts sets req.user
 * from them alone), so this is known before any route runs.
 */
function carriesCredentials(req: FastifyRequest): boolean {
  return req.headers.authorization !== undefined || req.headers["x-api-key"] !== undefined;
}

/** Whether no cache may keep the answer: the request carried credentials, or it writes. */
function mustNotStore(req: FastifyRequest): boolean {
  const method = req.method;
  return carriesCredentials(req) || (method !== "GET" && method !== "HEAD" && method !== "OPTIONS");
}

const HELMET_OPTIONS: FastifyHelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
  referrerPolicy: { policy: "same-origin" },
};

/**
 * The headers helmet sets with `options`, read once from a throwaway instance. Applied per request,
 * helmet rebuilt its middleware (parsing the policy again) on every answer, about 5 % of a request; and
 * even registered for no route it ran two hooks (one async) on every request.
 */
async function helmetHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const probe = Fastify();
  await probe.register(helmet, { ...options, global: true });
  probe.get("/", async () => "");
  const res = await probe.inject({ method: "GET", url: "/" });
  await probe.close();
  const bare = Fastify();
  const plain = await bare.inject({ method: "GET", url: "/" });
  await bare.close();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (name in plain.headers || typeof value !== "string") continue;
    headers[name] = value;
  }
  return headers;
}

/** A route's own helmet settings (`config.helmet`, as @fastify/helmet reads them): false skips helmet. */
type RouteHelmet = ({ skipRoute?: boolean } & Record<string, unknown>) | false;

async function securityHeaders(app: FastifyInstance) {
  const headers = await helmetHeaders(HELMET_OPTIONS);
  // Routes with a policy of their own (the API docs) get helmet's headers for their settings merged over
  // ours, as @fastify/helmet did; computed on their first request, then kept with the route's config.
  const routeHeaders = new WeakMap<object, Promise<Record<string, string>>>();
  const headersFor = (config: object, own: RouteHelmet): Promise<Record<string, string>> => {
    let found = routeHeaders.get(config);
    if (!found) {
      if (own === false || own.skipRoute === true) found = Promise.resolve({});
      else {
        const { skipRoute: _skip, ...settings } = own;
        found = helmetHeaders({ ...HELMET_OPTIONS, ...settings } as FastifyHelmetOptions);
      }
      routeHeaders.set(config, found);
    }
    return found;
  };
  // Names and values as two arrays: reply.headers(object) listed the object's keys on every request.
  const names = Object.keys(headers);
  const values = names.map((name) => headers[name] as string);
  // One onRequest hook and no onSend hook: with none, Fastify sends each answer without running a hook
  // chain over its payload.
  app.addHook("onRequest", (req, reply, done) => {
    if (mustNotStore(req)) reply.header("cache-control", "no-store");
    const config = req.routeOptions.config as { helmet?: RouteHelmet };
    if (config.helmet === undefined) {
      for (let i = 0; i < names.length; i++) reply.header(names[i] as string, values[i]);
      done();
      return;
    }
    headersFor(config, config.helmet).then((own) => {
      reply.headers(own);
      done();
    }, done);
  });
}

export default fp(securityHeaders, { name: "security-headers" });
