// POST /api/v1/test-error: raises a deliberate error so an operator can watch it arrive in Sentry (and in
// exceptions_total and the ERROR log). Open in development and staging; in production only an admin may
// call it, or anyone when ENABLE_TEST_ERROR_ENDPOINT=true — strangers must not spend the Sentry quota.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { ForbiddenError, NotFoundError } from "../http/errors.js";
import { maybeSignedIn, SECURED } from "../http/route-kit.js";

export class DeliberateTestError extends Error {
  override name = "DeliberateTestError";
  constructor() {
    super("Deliberate error raised by POST /api/v1/test-error to verify error tracking");
  }
}

async function testErrorRoute(app: FastifyInstance) {
  const { config } = app.deps;
  const open = config.ENVIRONMENT !== "production" || config.ENABLE_TEST_ERROR_ENDPOINT;
  app.post(
    "/api/v1/test-error",
    {
      schema: {
        tags: ["monitoring"],
        summary: "Raise a deliberate error (verifies Sentry)",
        security: [...SECURED, {}],
      },
      ...maybeSignedIn(app),
    },
    async (req) => {
      if (!open) {
        // Anonymous callers learn nothing; signed-in non-admins are told it is not for them.
        if (!req.user) throw new NotFoundError("Route POST /api/v1/test-error");
        if (req.user.role !== "admin") throw new ForbiddenError("Administrator role required");
      }
      throw new DeliberateTestError();
    },
  );
}

export default fp(testErrorRoute, { name: "test-error-route", dependencies: ["auth-guard", "sentry"] });
