// SQL for prompts, their tags and versions, always within one project: createPromptsRepository(db),
// whose transaction(fn) lets the service decide where transactions begin and end. Queries are written to
// run unchanged on SQLite and PostgreSQL.

import { type RawBuilder, type Selectable, sql } from "kysely";
import { uniqueName } from "../../db/migrations/0007-registry.js";
import {
  type Bound,
  byKey,
  countUpTo,
  type Db,
  isUniqueViolation,
  preparedRowNow,
  repositoryOf,
} from "../../db/repository.js";
import type { PromptsTable, PromptVersionsTable } from "../../db/schema.js";
import { hasTag } from "../../db/text-filters.js";
import {
  INDEX_CANDIDATE_LIMIT,
  isPostgres,
  matchesText,
  newestMatches,
  RELEVANCE_CANDIDATES,
  relevanceOf,
  type SearchTarget,
} from "../../db/text-search.js";
import { parseLabelList } from "../registry/label-targets.js";
import type { PromptSort } from "./prompts-schemas.js";

/** The repository's queries (what a transaction's callback receives), and the repository. */
export type PromptsQueries = Bound<typeof queries>;
export type PromptsRepository = ReturnType<typeof createPromptsRepository>;

export type PromptRow = Selectable<PromptsTable>;
export type PromptVersionRow = Selectable<PromptVersionsTable>;
/** A prompt with its current version's registry fields (JSON text; null only if that version is missing). */
export type CurrentPromptRow = PromptRow & {
  v_messages: string | null;
  v_variables: string | null;
  v_config: string | null;
  /** How well the prompt answers q (db/text-search.ts), in a listing sorted by relevance. */
  relevance?: number;
  /**
   * In a listing sorted by relevance: the matches counted while finding the candidates, up to
   * RELEVANCE_CANDIDATES + 1 (more than the bound); a number on SQLite, a numeric string on PostgreSQL.
   * Like newest_rank (the candidate's place, newest first), never part of an answer (toPrompt).
   */
  matches_counted?: number | string;
  newest_rank?: number | string;
};

/** Prompts joined to their current version, for the fields a prompt response carries from it. */
function withCurrentVersion(query: ReturnType<typeof promptsFrom>) {
  return query
    .leftJoin("prompt_versions as cv", (j) =>
      j.onRef("cv.prompt_id", "=", "prompts.id").onRef("cv.version", "=", "prompts.current_version"),
    )
    .selectAll("prompts")
    .select(["cv.messages as v_messages", "cv.variables as v_variables", "cv.config as v_config"]);
}
const promptsFrom = (db: Db) => db.selectFrom("prompts");

/** Multi-row inserts are chunked to stay well below SQLite's and PostgreSQL's bound-parameter limits. */
const INSERT_CHUNK = 200;

async function insertPrompt(db: Db, row: PromptRow): Promise<void> {
  await db.insertInto("prompts").values(row).execute();
}

async function insertVersions(db: Db, rows: PromptVersionRow[]): Promise<void> {
  await byKey.insert(db, "prompt_versions", rows, INSERT_CHUNK);
}

async function replaceTags(db: Db, promptId: string, tags: string[], fresh = false): Promise<void> {
  const rows = tags.map((tag) => ({ prompt_id: promptId, tag }));
  await byKey.replace(db, "prompt_tags", { prompt_id: promptId }, rows, fresh);
}

// Every read of one prompt (and every authenticated GET of one) runs this: compiled once (preparedQuery),
// and on SQLite outside a transaction the row itself rather than a promise (preparedRowNow).
const findPrompt = preparedRowNow((db: Db, projectId: string, id: string) =>
  withCurrentVersion(promptsFrom(db))
    .where("prompts.id", "=", id)
    .where("prompts.project_id", "=", projectId),
);

/** The id of the project's prompt called `name`, if any. */
async function findIdByName(db: Db, projectId: string, name: string): Promise<string | undefined> {
  return (await byKey.find(db, "prompts", { project_id: projectId, name }, ["id"]))?.id;
}

/** Every prompt name of a project (for its folder tree). */
async function listNames(db: Db, projectId: string): Promise<string[]> {
  const rows = await byKey.list(db, "prompts", { project_id: projectId }, { columns: ["name"] });
  return rows.map((r) => r.name);
}

export type PromptChanges = Partial<
  Pick<
    PromptRow,
    | "title"
    | "name"
    | "type"
    | "content"
    | "category"
    | "tags"
    | "target_llm"
    | "current_version"
    | "score"
    | "score_engine_version"
  >
> & { updated_at: string };

/**
 * Applies changes only if the prompt is still at `baseVersion`; returns false when another writer got
 * there first. The condition makes the version check and the write one atomic step: on PostgreSQL a
 * concurrent writer blocks on the row lock, then re-checks the condition against the committed row.
 */
async function updatePromptIfVersion(
  db: Db,
  projectId: string,
  id: string,
  baseVersion: number,
  changes: PromptChanges,
): Promise<boolean> {
  return byKey.updateOne(db, "prompts", { id, project_id: projectId, current_version: baseVersion }, changes);
}

async function deletePrompt(db: Db, projectId: string, id: string): Promise<boolean> {
  return byKey.deleteOne(db, "prompts", { id, project_id: projectId });
}

async function listVersions(db: Db, promptId: string): Promise<PromptVersionRow[]> {
  return byKey.list(db, "prompt_versions", { prompt_id: promptId }, { orderBy: [["version", "desc"]] });
}

async function findVersion(db: Db, promptId: string, version: number): Promise<PromptVersionRow | undefined> {
  return byKey.find(db, "prompt_versions", { prompt_id: promptId, version });
}

/** Every version of every prompt of a project, oldest first within each prompt. */
async function listProjectVersions(db: Db, projectId: string): Promise<PromptVersionRow[]> {
  return db
    .selectFrom("prompt_versions")
    .innerJoin("prompts", "prompts.id", "prompt_versions.prompt_id")
    .selectAll("prompt_versions")
    .where("prompts.project_id", "=", projectId)
    .orderBy("prompt_versions.prompt_id")
    .orderBy("prompt_versions.version")
    .execute();
}

async function listProjectPrompts(db: Db, projectId: string): Promise<CurrentPromptRow[]> {
  return withCurrentVersion(promptsFrom(db))
    .where("prompts.project_id", "=", projectId)
    .orderBy("prompts.created_at")
    .orderBy("prompts.id")
    .execute();
}

export interface PromptFilter {
  /** A folder path: names under `folder/` (whole segments). */
  folder?: string;
  category?: string;
  tag?: string;
  targetLlm?: string;
  q?: string;
  /** q's predicate, from searchFor: resolved once per listing, for its count and its page alike. */
  search?: RawBuilder<boolean>;
}

export interface PromptPageRequest extends PromptFilter {
  /** More than WALK_SORT_INDEX_PAST prompts match (the listing's count): see equals(). */
  manyMatches?: boolean;
  sort: PromptSort;
  order: "asc" | "desc";
  limit: number;
  after?: { value: string | number | null; id: string };
  offset?: number;
}

/** What q searches: title, then name, then content (the order relevance weighs them in). */
const SEARCH: SearchTarget = {
  index: "prompt_search",
  owner: "prompt_id",
  idRef: "prompts.id",
  columns: ["prompts.title", "prompts.name", "prompts.content"],
};

const SORT_COLUMN = {
  created: "created_at",
  updated: "updated_at",
  title: "title",
  score: "score",
} as const satisfies Record<Exclude<PromptSort, "relevance">, keyof PromptRow>;

/**
 * The sort expression; unscored prompts sort as -1 so keyset comparisons never meet NULL. Relevance needs
 * q (the service refuses it without).
 */
function sortExpression(db: Db, sort: PromptSort, q: string | undefined) {
  if (sort === "relevance") return relevanceOf(db, SEARCH, q ?? "");
  return sort === "score"
    ? sql<number>`coalesce(prompts.score, -1)`
    : sql.ref(`prompts.${SORT_COLUMN[sort]}`);
}

/** The value of the sort expression for a row, as the cursor stores it. */
export function sortValueOf(row: CurrentPromptRow, sort: PromptSort): string | number {
  if (sort === "relevance") return row.relevance ?? 0;
  return sort === "score" ? (row.score ?? -1) : row[SORT_COLUMN[sort]];
}

/**
 * The search predicate for q in one project (none without q): a small project is read without asking the
 * index. A listing resolves it once and hands it to its count and its page (PromptFilter.search): each
 * resolving it again repeated the project-size probe, and on SQLite the index look-up, per page.
 */
async function searchFor(db: Db, projectId: string, q: string | undefined) {
  if (q === undefined) return undefined;
  // Only "at most INDEX_CANDIDATE_LIMIT or more?" matters: counting a 100,000-prompt project whole took
  // 8–12 ms.
  return matchesText(db, SEARCH, q, () =>
    countUpTo(db, db.selectFrom("prompts").where("project_id", "=", projectId), INDEX_CANDIDATE_LIMIT),
  );
}

/**
 * A page of a category or target filter with more matches than this walks the sort index, filtering,
 * rather than reading every match through the filter's index and sorting them (SQLite).
 */
export const WALK_SORT_INDEX_PAST = 2000;

/**
 * `column = value`, kept off its index on SQLite when `walk`: SQLite's statistics average the prompts
 * per (project, category) over every project, so for a project far larger than the rest it reads all
 * the matches through prompts_project_category_idx and sorts them (9,057 in a 100,000-prompt project:
 * 53 ms) where walking the sort index finds a page in 0.15 ms. When the matches are few, the index wins,
 * so the caller decides from the count it made (`manyMatches`).
 */
function equals(db: Db, column: "category" | "target_llm", value: string, walk: boolean) {
  return walk && !isPostgres(db)
    ? sql<boolean>`+${sql.ref(`prompts.${column}`)} = ${value}`
    : sql<boolean>`${sql.ref(`prompts.${column}`)} = ${value}`;
}

/** The rows of the project `f` selects. */
function filtered(db: Db, projectId: string, f: PromptFilter & { manyMatches?: boolean }) {
  // Without its predicate q would silently select everything.
  if (f.q !== undefined && f.search === undefined) throw new Error("a q filter needs its search (searchFor)");
  let query = db.selectFrom("prompts").where("prompts.project_id", "=", projectId);
  const walk = f.manyMatches === true;
  if (f.category) query = query.where(equals(db, "category", f.category, walk));
  if (f.targetLlm) query = query.where(equals(db, "target_llm", f.targetLlm, walk));
  if (f.tag) query = query.where(hasTag("prompt_tags", "prompt_id", "prompts.id", f.tag));
  if (f.search) query = query.where(f.search);
  if (f.folder) {
    // substr rather than LIKE: '_' in a name would be a LIKE wildcard. The trailing '/' keeps whole
    // segments: folder a/b matches a/b/x, never a/bc.
    const prefix = `${f.folder}/`;
    query = query.where(sql<boolean>`substr(prompts.name, 1, ${prefix.length}) = ${prefix}`);
  }
  return query;
}

/** The prompts `f` selects, counted up to `upTo` (countUpTo: upTo + 1 means more than upTo). */
async function countPrompts(db: Db, projectId: string, f: PromptFilter, upTo: number): Promise<number> {
  const matching = filtered(db, projectId, f);
  // A word in most prompts: PostgreSQL counted it with a sequential scan of the whole table that stops at
  // the bound, cheap when the project's rows come early, and some 330 ms at 1,000,000 prompts when the
  // scan started (synchronised with an earlier one) far from them. In the listing's own order it walks the
  // project's index instead, whose cost the project's size bounds; a rare word keeps its trigram plan.
  // Not with a tag: in this order the tag's look-up became a nested loop (tag=, 32 → 71–101 ms).
  if (f.search !== undefined && f.tag === undefined && isPostgres(db))
    return countUpTo(db, matching.orderBy("prompts.created_at", "desc").orderBy("prompts.id", "desc"), upTo);
  return countUpTo(db, matching, upTo);
}

/**
 * The prompts sort=relevance ranks: the newest RELEVANCE_CANDIDATES matches (docs/api.md), whole rows
 * under the name prompts. (Their ids looked up again, PostgreSQL spent 40 ms of 120 on the look-ups.)
 */
function relevanceCandidates(db: Db, projectId: string, f: PromptFilter): ReturnType<typeof filtered> {
  // One match past the candidates says whether more match than the bound: counted here, over at most
  // RELEVANCE_CANDIDATES + 1 rows, the listing needs no count of its own (which read the same matches
  // again: a word in 7.8 % of a 100,000-prompt project, some 13,000 rows, twice). The extra match is
  // never ranked.
  const newest = newestMatches(filtered(db, projectId, f), "prompts").limit(RELEVANCE_CANDIDATES + 1);
  const numbered = db
    .selectFrom(newest.as("prompts"))
    .selectAll("prompts")
    .select([
      sql<number>`count(*) over ()`.as("matches_counted"),
      sql<number>`row_number() over (order by ${sql.ref("prompts.created_at")} desc, ${sql.ref("prompts.id")} desc)`.as(
        "newest_rank",
      ),
    ]);
  // The derived tables have the prompts table's columns under its name, which the type cannot say.
  return (db.selectFrom(numbered.as("prompts")) as unknown as ReturnType<typeof filtered>).where(
    sql<boolean>`${sql.ref("prompts.newest_rank")} <= ${RELEVANCE_CANDIDATES}`,
  );
}

/**
 * Whether a page sorted `sort` under a total bounded at `bound` counts its own matches: a relevance page
 * does, up to RELEVANCE_CANDIDATES + 1, which is the count the listing's total needs when the bounds agree.
 */
export function pageCountsMatches(sort: PromptSort, bound: number): boolean {
  return sort === "relevance" && bound === RELEVANCE_CANDIDATES;
}

/** The matches such a page counted, or undefined when it has no row to carry them (a page past the end). */
export function matchesCountedBy(rows: readonly CurrentPromptRow[]): number | undefined {
  const counted = rows[0]?.matches_counted;
  return counted === undefined ? undefined : Number(counted);
}

async function pagePrompts(db: Db, projectId: string, req: PromptPageRequest): Promise<CurrentPromptRow[]> {
  const expr = sortExpression(db, req.sort, req.q);
  let page = (
    req.sort === "relevance" ? relevanceCandidates(db, projectId, req) : filtered(db, projectId, req)
  ).selectAll("prompts");
  if (req.sort === "relevance") page = page.select(expr.as("relevance"));
  if (req.after) {
    const { value, id } = req.after;
    const cmp = sql.raw(req.order === "asc" ? ">" : "<");
    page = page.where(sql<boolean>`(${expr}, prompts.id) ${cmp} (${value}, ${id})`);
  }
  page = page.orderBy(expr, req.order).orderBy("prompts.id", req.order).limit(req.limit);
  if (req.offset) page = page.offset(req.offset);
  // The page first, then its rows' current versions: where PostgreSQL sorts the matches (a filter it
  // thinks rare), it joined every match to its version before sorting; now only the page's rows are.
  // (the outer query reads the page under the alias prompts: the same sort expression holds there, but
  // relevance, computed inside, is read from its column)
  const outerSort = req.sort === "relevance" ? sql.ref("prompts.relevance") : expr;
  const rows = await db
    .selectFrom(page.as("prompts"))
    .leftJoin("prompt_versions as cv", (j) =>
      j.onRef("cv.prompt_id", "=", "prompts.id").onRef("cv.version", "=", "prompts.current_version"),
    )
    .selectAll("prompts")
    .select(["cv.messages as v_messages", "cv.variables as v_variables", "cv.config as v_config"])
    .orderBy(outerSort, req.order)
    .orderBy("prompts.id", req.order)
    .execute();
  return rows as CurrentPromptRow[];
}

/** The labels of a prompt that its project protects (moved only by promotion). */
async function protectedLabelsOf(db: Db, projectId: string, promptId: string): Promise<string[]> {
  const [labels, project] = await Promise.all([
    byKey.list(db, "prompt_labels", { prompt_id: promptId }, { columns: ["label"] }),
    byKey.find(db, "projects", { id: projectId }, ["protected_labels"]),
  ]);
  const names = parseLabelList(project?.protected_labels);
  return labels.map((l) => l.label).filter((l) => names.includes(l));
}

/** Names in the project equal to `base` or of the form `base-N`: what a derived name must avoid. */
async function namesLike(db: Db, projectId: string, base: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("prompts")
    .select("name")
    .where("project_id", "=", projectId)
    .where((eb) => eb.or([eb("name", "=", base), eb("name", "like", `${base}-%`)]))
    .execute();
  return new Set(rows.map((r) => r.name));
}

/**
 * Inserts a prompt under the first free name derived from `base` (`base`, `base-2`, …). Runs inside the
 * caller's transaction; a concurrent insert that takes the same name first is retried under a savepoint,
 * so two prompts with the same title created at once both succeed.
 */
async function insertPromptNamed(db: Db, row: PromptRow, base: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    row.name = uniqueName(base, await namesLike(db, row.project_id, base));
    await sql`savepoint prompt_name`.execute(db);
    try {
      await insertPrompt(db, row);
      await sql`release savepoint prompt_name`.execute(db);
      return;
    } catch (e) {
      await sql`rollback to savepoint prompt_name`.execute(db);
      if (!isUniqueViolation(e) || attempt >= 5) throw e;
    }
  }
}

const queries = {
  protectedLabelsOf,
  namesLike,
  findIdByName,
  listNames,
  insertPromptNamed,
  insertPrompt,
  insertVersions,
  replaceTags,
  findPrompt,
  updatePromptIfVersion,
  deletePrompt,
  listVersions,
  findVersion,
  listProjectVersions,
  listProjectPrompts,
  searchFor,
  countPrompts,
  pagePrompts,
};

export const createPromptsRepository = repositoryOf(queries);
