// SQL about users beyond accounts: a user's own statistics (one aggregate per table, each an index lookup
// by user_id), the active-users count behind the active_users gauge, and the e-mail Sentry may attach.
import { byKey, countOf, type Db, repositoryOf } from "../../db/repository.js";

export interface UserCounts {
  prompts: number;
  versions: number;
  templatesCreated: number;
  templatesUsed: number;
  analyses: number;
  enhancements: number;
  averageScore: number | null;
  /** The analyses (kind "analyze") behind averageScore, counted by the engine version that scored them. */
  scoreEngineVersions: { engineVersion: string | null; analyses: number }[];
}

// PostgreSQL returns count(*) as a bigint string and avg() may come back as a string too: convert.
const num = (v: unknown) => Number(v ?? 0);

async function countUserActivity(db: Db, userId: string): Promise<UserCounts> {
  const [prompts, versions, templates, uses, analyses] = await Promise.all([
    byKey.count(db, "prompts", { user_id: userId }),
    countOf(
      db
        .selectFrom("prompt_versions")
        .innerJoin("prompts", "prompts.id", "prompt_versions.prompt_id")
        .where("prompts.user_id", "=", userId),
    ),
    byKey.count(db, "templates", { user_id: userId }),
    byKey.count(db, "template_uses", { user_id: userId }),
    db
      .selectFrom("analyses")
      .select((eb) => [
        "kind",
        "engine_version",
        eb.fn.countAll().as("n"),
        eb.fn.sum<number | string>("overall_score").as("total"),
      ])
      .where("user_id", "=", userId)
      .where("kind", "in", ["analyze", "enhance"])
      .groupBy(["kind", "engine_version"])
      .execute(),
  ]);
  const analyze = analyses.filter((r) => r.kind === "analyze");
  const analyzed = analyze.reduce((n, r) => n + num(r.n), 0);
  const scoreSum = analyze.reduce((n, r) => n + num(r.total), 0);
  const enhancements = analyses.filter((r) => r.kind === "enhance").reduce((n, r) => n + num(r.n), 0);
  return {
    prompts,
    versions,
    templatesCreated: templates,
    templatesUsed: uses,
    analyses: analyzed,
    enhancements,
    averageScore: analyzed > 0 ? scoreSum / analyzed : null,
    scoreEngineVersions: analyze
      .map((r) => ({ engineVersion: r.engine_version, analyses: num(r.n) }))
      .sort((a, b) => (a.engineVersion ?? "").localeCompare(b.engineVersion ?? "")),
  };
}

/** Users whose last authenticated request (users.last_active_at) is at or after `since`. */
async function countActiveSince(db: Db, since: string): Promise<number> {
  return countOf(db.selectFrom("users").where("last_active_at", ">=", since));
}

async function findEmail(db: Db, userId: string): Promise<string | undefined> {
  return (await byKey.find(db, "users", { id: userId }, ["email"]))?.email;
}

const queries = { countUserActivity, countActiveSince, findEmail };

export const createUsersRepository = repositoryOf(queries);
