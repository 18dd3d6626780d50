// The API's documentation: Swagger UI at /docs and the OpenAPI document at /openapi.json, registered
// only when DOCS_ENABLED (off in production by default). Swagger UI styles its elements inline, so its
// pages get a policy of their own in place of the strict one every other answer carries.
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { CONTENT_SECURITY_POLICY } from "./security-headers.js";

const DOCS_CONTENT_SECURITY_POLICY = {
  ...CONTENT_SECURITY_POLICY,
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'", "data:"],
};

export default async function apiDocs(app: FastifyInstance) {
  await app.register(async (docs) => {
    // Read by @fastify/helmet at request time: this route's policy replaces the global one.
    docs.addHook("onRoute", (route) => {
      route.config = {
        ...route.config,
        helmet: { contentSecurityPolicy: { useDefaults: false, directives: DOCS_CONTENT_SECURITY_POLICY } },
      } as typeof route.config;
    });
    await docs.register(swaggerUi, { routePrefix: "/docs" });
  });
  app.get("/openapi.json", { schema: { hide: true }, config: { rateLimit: false } }, async () =>
    app.swagger(),
  );
}
