// HTTP routes of /api/v1/users: the caller's own statistics.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import type { AuthUser } from "../../http/auth-guard.js";
import { ErrorResponseSchema, Nullable } from "../prompts/prompts-schemas.js";
import { createUsersService } from "./users-service.js";

export const UserStatsSchema = Type.Object({
  prompts: Type.Integer(),
  versions: Type.Integer(),
  templates_created: Type.Integer({ description: "Templates I own (created or cloned)" }),
  templates_used: Type.Integer({ description: "Times I used a template" }),
  analyses: Type.Integer(),
  enhancements: Type.Integer(),
  average_score: Nullable(Type.Number({ description: "Mean overall score of my analyses; null when none" })),
});

const usersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const users = createUsersService({ db: app.deps.db.db });

  app.get(
    "/me/stats",
    {
      onRequest: app.requireUser,
      schema: {
        tags: ["users"],
        security: [{ bearer: [] as string[] }, { apiKey: [] as string[] }],
        summary: "My statistics",
        response: { 200: UserStatsSchema, 401: ErrorResponseSchema },
      },
    },
    async (req) => users.stats((req.user as AuthUser).id),
  );
};

export default usersRoutes;
