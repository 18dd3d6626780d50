// HTTP routes of /api/v1/users: the caller's own statistics.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { currentUser, ErrorResponseSchema, signedIn } from "../../http/route-kit.js";
import { Nullable } from "../prompts/prompts-schemas.js";
import type { UsersService } from "./users-service.js";

export const UserStatsSchema = Type.Object({
  prompts: Type.Integer(),
  versions: Type.Integer(),
  templates_created: Type.Integer({ description: "Templates I own (created or cloned)" }),
  templates_used: Type.Integer({ description: "Times I used a template" }),
  analyses: Type.Integer(),
  enhancements: Type.Integer(),
  average_score: Nullable(Type.Number({ description: "Mean overall score of my analyses; null when none" })),
  score_engine_versions: Type.Array(
    Type.Object({
      engine_version: Nullable(Type.String()),
      analyses: Type.Integer(),
    }),
    {
      description:
        "The analyses averaged in average_score, counted by the analysis engine version that computed them (more than one while scores from before an engine upgrade are being recomputed)",
    },
  ),
});

export interface UsersRoutesOptions {
  users: UsersService;
}

const usersRoutes: FastifyPluginAsyncTypebox<UsersRoutesOptions> = async (app, { users }) => {
  app.get(
    "/me/stats",
    signedIn(app, {
      tags: ["users"],
      summary: "My statistics",
      response: { 200: UserStatsSchema, 401: ErrorResponseSchema },
    }),
    async (req) => users.stats(currentUser(req).id),
  );
};

export default usersRoutes;
