// Response headers that protect browsers and API clients, on every answer: helmet's set (nosniff,
// frame and referrer policies, a strict Content-Security-Policy for the web app and the API alike), and
// Cache-Control: no-store on any answer to a request that carried credentials, so no shared or browser
// cache keeps someone's prompts or tokens. A route that sets its own Cache-Control keeps it.
import helmet from "@fastify/helmet";
import type { FastifyInstance, FastifyRequest } from "fastify";
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

function carriesCredentials(req: FastifyRequest): boolean {
  return (
    req.user !== undefined ||
    req.headers.authorization !== undefined ||
    req.headers["x-api-key"] !== undefined
  );
}

async function securityHeaders(app: FastifyInstance) {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: "same-origin" },
  });
  app.addHook("onSend", async (req, reply, payload) => {
    if (carriesCredentials(req) && !reply.hasHeader("cache-control"))
      reply.header("cache-control", "no-store");
    return payload;
  });
}

export default fp(securityHeaders, { name: "security-headers" });
