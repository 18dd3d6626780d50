// SQL of the analysis feature: stored analyses (the score history of prompts and the source of the
// user's stats) and the denormalised `prompts.score` column. Returns plain rows.
import { type Bound, bindQueries, type Db, repository, type Transactional } from "../../db/repository.js";
import type { AnalysesTable } from "../../db/schema.js";

export type AnalysisRow = AnalysesTable;

async function insertAnalyses(db: Db, rows: AnalysisRow[]): Promise<void> {
  if (rows.length) await db.insertInto("analyses").values(rows).execute();
}

/**
 * Sets the prompt's score only while `version` is still its current version: an analysis that
 * finishes after a newer version was saved must not label that version with an old score.
 */
async function setPromptScore(
  db: Db,
  projectId: string,
  promptId: string,
  version: number,
  score: number,
): Promise<void> {
  await db
    .updateTable("prompts")
    .set({ score })
    .where("id", "=", promptId)
    .where("project_id", "=", projectId)
    .where("current_version", "=", version)
    .execute();
}

/** Every member's analyses of the prompt: the caller's access to the prompt is checked first. */
async function listPromptAnalyses(db: Db, promptId: string, limit: number): Promise<AnalysisRow[]> {
  return db
    .selectFrom("analyses")
    .selectAll()
    .where("prompt_id", "=", promptId)
    .orderBy("created_at", "asc")
    .orderBy("id", "asc")
    .limit(limit)
    .execute();
}

const queries = { insertAnalyses, setPromptScore, listPromptAnalyses };

export type AnalysisQueries = Bound<typeof queries>;
export type AnalysisRepository = Transactional<AnalysisQueries>;

export function createAnalysisRepository(db: Db): AnalysisRepository {
  return repository(db, (db) => bindQueries(queries, db));
}
