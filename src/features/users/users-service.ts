// A user's own statistics (GET /users/me/stats): how much they have written, versioned, templated,
// analysed and enhanced, and their average analysis score.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { countUserActivity } from "./users-repository.js";

export interface UserStats {
  prompts: number;
  versions: number;
  templates_created: number;
  templates_used: number;
  analyses: number;
  enhancements: number;
  /** Mean overall score of the user's analyses (kind "analyze"), one decimal; null when there are none. */
  average_score: number | null;
}

export function createUsersService(deps: { db: Kysely<Database> }) {
  return {
    async stats(userId: string): Promise<UserStats> {
      const c = await countUserActivity(deps.db, userId);
      return {
        prompts: c.prompts,
        versions: c.versions,
        templates_created: c.templatesCreated,
        templates_used: c.templatesUsed,
        analyses: c.analyses,
        enhancements: c.enhancements,
        average_score: c.averageScore === null ? null : Math.round(c.averageScore * 10) / 10,
      };
    },
  };
}
