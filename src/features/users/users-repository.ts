// SQL about users beyond accounts: a user's own statistics (one aggregate per table, each an index lookup
// by user_id), the active-users count behind the active_users gauge, and the e-mail Sentry may attach.
import { type Bound, bindQueries, type Db, repository, type Transactional } from "../../db/repository.js";

export interface UserCounts {
  prompts: number;
  versions: number;
  templatesCreated: number;
  templatesUsed: number;
  analyses: number;
  enhancements: number;
  averageScore: number | null;
}

// PostgreSQL returns count(*) as a bigint string and avg() may come back as a string too: convert.
const num = (v: unknown) => Number(v ?? 0);

async function countUserActivity(db: Db, userId: string): Promise<UserCounts> {
  const [prompts, versions, templates, uses, analyses] = await Promise.all([
    db
      .selectFrom("prompts")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("prompt_versions")
      .innerJoin("prompts", "prompts.id", "prompt_versions.prompt_id")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("prompts.user_id", "=", userId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("templates")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("template_uses")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("analyses")
      .select((eb) => ["kind", eb.fn.countAll().as("n"), eb.fn.avg("overall_score").as("avg")])
      .where("user_id", "=", userId)
      .where("kind", "in", ["analyze", "enhance"])
      .groupBy("kind")
      .execute(),
  ]);
  const analyze = analyses.find((r) => r.kind === "analyze");
  const enhance = analyses.find((r) => r.kind === "enhance");
  return {
    prompts: num(prompts.n),
    versions: num(versions.n),
    templatesCreated: num(templates.n),
    templatesUsed: num(uses.n),
    analyses: num(analyze?.n),
    enhancements: num(enhance?.n),
    averageScore: analyze && analyze.avg !== null ? Number(analyze.avg) : null,
  };
}

/** Users whose last authenticated request (users.last_active_at) is at or after `since`. */
async function countActiveSince(db: Db, since: string): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("last_active_at", ">=", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function findEmail(db: Db, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom("users").select("email").where("id", "=", userId).executeTakeFirst();
  return row?.email;
}

const queries = { countUserActivity, countActiveSince, findEmail };

export type UsersQueries = Bound<typeof queries>;
export type UsersRepository = Transactional<UsersQueries>;

export function createUsersRepository(db: Db): UsersRepository {
  return repository(db, (db) => bindQueries(queries, db));
}
