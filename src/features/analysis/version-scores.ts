// The offline score of a prompt version, taken in the request that writes the version: API clients get
// it in the response, the prompt's stored score and sorting by score are never stale, and it is kept as
// an analysis of that version, the source of the score history and of the user's stats. Scoring is
// pure CPU work, so callers do it before they open a transaction. Each score carries the engine version
// that computed it; after an engine upgrade the rescore job (rescore-job.ts) recomputes stale ones.
// The engine is loaded on the first score (engine-loader.ts), hence the promise.
import { newId } from "../../db/ids.js";
import type { Db } from "../../db/repository.js";
import { iso } from "../../lib/time.js";
import { type AnalysisRow, createAnalysisRepository } from "./analysis-repository.js";
import type { AnalysisResult, TargetLlm } from "./engine/types.js";
import { loadEngine } from "./engine-loader.js";

const INSERT_CHUNK = 200;

export interface VersionScore {
  overall: number;
  /** The analysis engine version that computed `overall` (stored beside it). */
  engineVersion: string;
  result: AnalysisResult;
}

export interface ScoredVersion {
  promptId: string;
  version: number;
  score: VersionScore;
}

export async function scoreVersionText(content: string, targetLlm: string): Promise<VersionScore> {
  const { analyze } = await loadEngine();
  const result = analyze(content, { targetLlm: targetLlm as TargetLlm });
  return { overall: result.scores.overall, engineVersion: result.engine_version, result };
}

/** Stores each score as an analysis of its version, on the caller's transaction. */
export async function recordVersionScores(
  db: Db,
  clock: () => number,
  userId: string,
  scored: ScoredVersion[],
): Promise<void> {
  const createdAt = iso(clock());
  const analyses = createAnalysisRepository(db);
  const rows = scored.map(
    (s): AnalysisRow => ({
      id: newId(clock()),
      user_id: userId,
      prompt_id: s.promptId,
      prompt_version: s.version,
      kind: "analyze",
      engine: s.score.result.engine,
      overall_score: s.score.overall,
      result: JSON.stringify(s.score.result),
      created_at: createdAt,
      engine_version: s.score.result.engine_version,
    }),
  );
  // In chunks, to stay well below the databases' bound-parameter limits on a large import.
  for (let i = 0; i < rows.length; i += INSERT_CHUNK)
    await analyses.insertAnalyses(rows.slice(i, i + INSERT_CHUNK));
}

/** The stored score of each analysed version of a prompt, and the engine version that computed it. */
export function storedVersionScores(
  db: Db,
  promptId: string,
): Promise<Map<number, { score: number; engineVersion: string | null }>> {
  return createAnalysisRepository(db).listVersionScores(promptId);
}
