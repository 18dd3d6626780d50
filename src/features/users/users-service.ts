// A user's own statistics (GET /users/me/stats): how much they have written, versioned, templated,
// analysed and enhanced, and their average analysis score; and what monitoring asks about users (the
// active-users count, the e-mail Sentry attaches when SENTRY_SEND_PII is on).
import type { Db } from "../../db/repository.js";
import { createUsersRepository } from "./users-repository.js";

/** A user is active when their last authenticated request falls within this window. */
export const ACTIVE_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface UserStats {
  prompts: number;
  versions: number;
  templates_created: number;
  templates_used: number;
  analyses: number;
  enhancements: number;
  /** Mean overall score of the user's analyses (kind "analyze"), one decimal; null when there are none. */
  average_score: number | null;
  /** The analyses averaged in average_score, counted by the analysis engine version that scored them. */
  score_engine_versions: { engine_version: string | null; analyses: number }[];
}

export interface UsersServiceDeps {
  db: Db;
}

export type UsersService = ReturnType<typeof createUsersService>;

export function createUsersService(deps: UsersServiceDeps) {
  const repo = createUsersRepository(deps.db);
  return {
    /** Distinct users whose last authenticated request (or sign-in) falls in the 24 hours before `now`. */
    countActive(now: number): Promise<number> {
      return repo.countActiveSince(new Date(now - ACTIVE_WINDOW_MS).toISOString());
    },

    /** The user's e-mail address, or undefined for an unknown user. */
    emailOf(userId: string): Promise<string | undefined> {
      return repo.findEmail(userId);
    },

    async stats(userId: string): Promise<UserStats> {
      const c = await repo.countUserActivity(userId);
      return {
        prompts: c.prompts,
        versions: c.versions,
        templates_created: c.templatesCreated,
        templates_used: c.templatesUsed,
        analyses: c.analyses,
        enhancements: c.enhancements,
        average_score: c.averageScore === null ? null : Math.round(c.averageScore * 10) / 10,
        score_engine_versions: c.scoreEngineVersions.map((v) => ({
          engine_version: v.engineVersion,
          analyses: v.analyses,
        })),
      };
    },
  };
}
