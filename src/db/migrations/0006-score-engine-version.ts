// Stored scores carry the analysis engine version that computed them, so an upgraded engine can find
// and recompute stale ones (the rescore job, src/features/analysis/rescore-job.ts):
// - analyses.engine_version, back-filled from the stored result JSON (`engine_version`, or that of the
//   chosen variant's analysis for an enhancement); analyses.rescored_at, set when a score is recomputed
//   in place; analyses.rescore_claim / rescore_claimed_until, the job's lease on a row, so several
//   instances never rescore the same row at once;
// - prompts.score_engine_version, back-filled from the latest analysis of the prompt's current version;
// - a partial index over the rows the job scans (offline analyses of saved versions).
import { PostgresAdapter, sql } from "kysely";
import * as kit from "./schema-kit.js";

export async function up(db: kit.Db): Promise<void> {
  await kit.addColumns(
    db,
    "analyses",
    kit.optionalText("engine_version", "rescored_at", "rescore_claim", "rescore_claimed_until"),
  );
  await kit.addColumns(db, "prompts", kit.optionalText("score_engine_version"));

  // Every stored result was written by JSON.stringify; SQLite still checks json_valid, so one damaged
  // row stays unversioned (and is rescored) instead of failing the upgrade.
  const fromResult =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? // read as text, not cast to jsonb: JSON.stringify writes a lone surrogate as "\ud800", which
        // PostgreSQL's jsonb refuses, and one such row would stop the upgrade
        sql`(regexp_match(result, ${'"engine_version":"([^"]+)"'}))[1]`
      : sql`case when json_valid(result) then coalesce(json_extract(result, '$.engine_version'), json_extract(result, '$.analysis.engine_version')) end`;
  await sql`update analyses set engine_version = ${fromResult}`.execute(db);

  await sql`
    update prompts set score_engine_version = (
      select a.engine_version from analyses a
      where a.prompt_id = prompts.id and a.prompt_version = prompts.current_version
      order by a.created_at desc, a.id desc
      limit 1
    )
    where score is not null`.execute(db);

  await sql`
    create index analyses_rescore_idx on analyses (engine_version, id)
    where kind = 'analyze' and engine = 'local' and prompt_id is not null and prompt_version is not null`.execute(
    db,
  );
}

export async function down(db: kit.Db): Promise<void> {
  await db.schema.dropIndex("analyses_rescore_idx").ifExists().execute();
  await kit.dropColumns(db, "prompts", "score_engine_version");
  await kit.dropColumns(
    db,
    "analyses",
    "rescore_claimed_until",
    "rescore_claim",
    "rescored_at",
    "engine_version",
  );
}
