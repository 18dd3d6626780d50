// SQL of the analysis feature: stored analyses (the score history of prompts and the source of the
// user's stats), the denormalised `prompts.score` column, and the rescore job's claim-and-replace of
// scores an older engine computed. Returns plain rows.
import { sql } from "kysely";
import { byKey, countOf, type Db, forUpdate, repositoryOf, rowsChanged } from "../../db/repository.js";
import type { AnalysesTable } from "../../db/schema.js";

/** A stored analysis as read back. */
export type StoredAnalysisRow = AnalysesTable;
/** A new analysis: the rescore bookkeeping columns start empty. */
export type AnalysisRow = Omit<AnalysesTable, "rescored_at" | "rescore_claim" | "rescore_claimed_until">;

async function insertAnalyses(db: Db, rows: AnalysisRow[]): Promise<void> {
  await byKey.insert(db, "analyses", rows);
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
  engineVersion: string | null,
): Promise<void> {
  await byKey.update(
    db,
    "prompts",
    { id: promptId, project_id: projectId, current_version: version },
    { score, score_engine_version: engineVersion },
  );
}

/** Every member's analyses of the prompt: the caller's access to the prompt is checked first. */
async function listPromptAnalyses(db: Db, promptId: string, limit: number): Promise<StoredAnalysisRow[]> {
  return byKey.list(db, "analyses", { prompt_id: promptId }, { orderBy: ["created_at", "id"], limit });
}

/** The stored score of each analysed version of a prompt: that of its latest analysis (by anyone). */
async function listVersionScores(
  db: Db,
  promptId: string,
): Promise<Map<number, { score: number; engineVersion: string | null }>> {
  // Every member's analyses count: the caller's access to the prompt is checked first.
  const rows = await db
    .selectFrom("analyses")
    .select(["prompt_version", "overall_score", "engine_version"])
    .where("prompt_id", "=", promptId)
    .where("prompt_version", "is not", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const out = new Map<number, { score: number; engineVersion: string | null }>();
  for (const r of rows)
    out.set(Number(r.prompt_version), { score: Number(r.overall_score), engineVersion: r.engine_version });
  return out;
}

// --- Rescoring -------------------------------------------------------------------------------------
// The rows the rescore job owns: offline ("local") analyses of saved versions. LLM judgements cannot be
// recomputed offline and analyses of unsaved text belong to no version, so both stay as they were.
// Written as literals (not bound parameters) so SQLite and PostgreSQL match them to the partial index
// analyses_rescore_idx of migration 0006.
const VERSION_SCORE = sql<boolean>`analyses.kind = 'analyze' and analyses.engine = 'local' and analyses.prompt_id is not null and analyses.prompt_version is not null`;

// "Another version" as two ranges and null rather than `<>`, so both databases can answer from the index
// alone, and cheaply once nothing is stale (the job counts every RESCORE_INTERVAL).
function stale(engineVersion: string) {
  return sql<boolean>`(${VERSION_SCORE} and (analyses.engine_version is null or analyses.engine_version < ${engineVersion} or analyses.engine_version > ${engineVersion}))`;
}

function claimable(now: string) {
  return sql<boolean>`(analyses.rescore_claimed_until is null or analyses.rescore_claimed_until < ${now})`;
}

/** Stored version scores computed by another engine version than `engineVersion`. */
async function countStaleVersionScores(db: Db, engineVersion: string, userId?: string): Promise<number> {
  const q = db.selectFrom("analyses").where(stale(engineVersion));
  return countOf(userId === undefined ? q : q.where("analyses.user_id", "=", userId));
}

/**
 * Claims up to `limit` stale version scores nobody holds (or whose holder's claim lapsed) for `claim`
 * until `until`. The outer conditions repeat the inner ones on purpose: should two claimers ever pick
 * the same row on PostgreSQL, the second waits for the first's lock, then re-checks them against the
 * committed row and leaves it, so two instances never hold the same row; on SQLite writers take turns.
 */
async function claimStaleVersionScores(
  db: Db,
  engineVersion: string,
  claim: string,
  now: string,
  until: string,
  limit: number,
): Promise<number> {
  const pick = db
    .selectFrom("analyses")
    .select("analyses.id")
    .where(stale(engineVersion))
    .where(claimable(now))
    .orderBy("analyses.id")
    .limit(limit);
  // PostgreSQL: rows another claimer is locking right now are passed over, so concurrent instances
  // claim different rows instead of queueing behind each other; the CTE is evaluated exactly once, so
  // the limit holds.
  return rowsChanged(
    db
      .with("picked", () => forUpdate(db, pick, true))
      .updateTable("analyses")
      .set({ rescore_claim: claim, rescore_claimed_until: until })
      .where("analyses.id", "in", (eb) => eb.selectFrom("picked").select("picked.id"))
      .where(stale(engineVersion))
      .where(claimable(now)),
  );
}

export interface ClaimedVersionScore {
  id: string;
  user_id: string;
  prompt_id: string;
  prompt_version: number;
  created_at: string;
  /** The version's text; null when the version is gone (nothing to rescore). */
  content: string | null;
  target_llm: string | null;
}

/** The rows held by `claim`, with the text of the version each one scores. */
async function listClaimed(db: Db, claim: string): Promise<ClaimedVersionScore[]> {
  const rows = await db
    .selectFrom("analyses")
    .leftJoin("prompt_versions", (j) =>
      j
        .onRef("prompt_versions.prompt_id", "=", "analyses.prompt_id")
        .onRef("prompt_versions.version", "=", "analyses.prompt_version"),
    )
    .leftJoin("prompts", "prompts.id", "analyses.prompt_id")
    .select([
      "analyses.id",
      "analyses.user_id",
      "analyses.prompt_id",
      "analyses.prompt_version",
      "analyses.created_at",
      "prompt_versions.content",
      "prompts.target_llm",
    ])
    .where("analyses.rescore_claim", "=", claim)
    .orderBy("analyses.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    user_id: r.user_id,
    prompt_id: r.prompt_id as string,
    prompt_version: Number(r.prompt_version),
    created_at: r.created_at,
    content: r.content ?? null,
    target_llm: r.target_llm ?? null,
  }));
}

export interface Rescored {
  id: string;
  overall: number;
  result: string;
  engineVersion: string;
  rescoredAt: string;
}

/**
 * Replaces a claimed row's score with the one the current engine computed, and releases the claim.
 * False when the claim was lost (it lapsed and another instance took the row): nothing is written.
 */
async function replaceClaimedScore(db: Db, claim: string, r: Rescored): Promise<boolean> {
  return byKey.updateOne(
    db,
    "analyses",
    { id: r.id, rescore_claim: claim },
    {
      overall_score: r.overall,
      result: r.result,
      engine_version: r.engineVersion,
      rescored_at: r.rescoredAt,
      rescore_claim: null,
      rescore_claimed_until: null,
    },
  );
}

/** Gives back rows the job did not get to, so the claim does not hold them until it lapses. */
async function releaseClaim(db: Db, claim: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await byKey.update(
    db,
    "analyses",
    { rescore_claim: claim, id: ids },
    { rescore_claim: null, rescore_claimed_until: null },
  );
}

/**
 * The prompt's stored score follows a rescored analysis of its current version unless an LLM judged that
 * version later (`prompts.score` shows the latest analysis, and an LLM's judgement cannot be recomputed).
 * Later offline analyses of the same version (one the user ran, the enhancement that saved it) scored the
 * same text with the same engine, so the new score stands for them too.
 */
async function setPromptScoreFromAnalysis(
  db: Db,
  a: { id: string; prompt_id: string; prompt_version: number; created_at: string },
  score: number,
  engineVersion: string,
): Promise<void> {
  await db
    .updateTable("prompts")
    .set({ score, score_engine_version: engineVersion })
    .where("prompts.id", "=", a.prompt_id)
    .where("prompts.current_version", "=", a.prompt_version)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("analyses as later")
            .select(sql`1`.as("one"))
            .where("later.prompt_id", "=", a.prompt_id)
            .where("later.prompt_version", "=", a.prompt_version)
            .where("later.engine", "<>", "local")
            .where((w) =>
              w.or([
                w("later.created_at", ">", a.created_at),
                w.and([w("later.created_at", "=", a.created_at), w("later.id", ">", a.id)]),
              ]),
            ),
        ),
      ),
    )
    .execute();
}

const queries = {
  insertAnalyses,
  setPromptScore,
  listPromptAnalyses,
  listVersionScores,
  countStaleVersionScores,
  claimStaleVersionScores,
  listClaimed,
  replaceClaimedScore,
  releaseClaim,
  setPromptScoreFromAnalysis,
};

export const createAnalysisRepository = repositoryOf(queries);
