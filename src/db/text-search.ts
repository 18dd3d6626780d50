// `q`, the case-insensitive substring search of the prompt and template listings, answered from the
// trigram indexes of migration 0011 while keeping the exact comparison it always made (containsText):
// - SQLite: the FTS5 trigram table names the candidate rows, the comparison then decides. Its case folding
//   covers all of Unicode while lower() folds ASCII only, so the candidates are a superset and the answer
//   is the same as a scan's.
// - PostgreSQL: the comparison itself, lower(column) LIKE …, is what the GIN trigram indexes serve.
// A q shorter than a trigram has nothing to look up: it is answered by reading the listing's rows.
// Relevance is computed from the row and q alone (never from corpus statistics), so a cursor taken on
// one page stays valid for the next whatever is written meanwhile.
import { PostgresAdapter, type RawBuilder, type SelectQueryBuilder, sql } from "kysely";
import type { Db } from "./repository.js";
import type { Database } from "./schema.js";
import { containsText } from "./text-filters.js";

/** Characters in a trigram: a shorter q cannot use the index. */
export const TRIGRAM_LENGTH = 3;

/**
 * sort=relevance ranks this many matches, the newest (docs/api.md), not every one: scoring every match of
 * a common word read and scored all of them in a large project (1.4 s at 100,000 prompts in one project).
 * The newest come first from the listing's (created_at, id) index, which the filter walks until it has
 * them; the same bound as a search's exact total, which says "1000+" past it.
 */
export const RELEVANCE_CANDIDATES = 1000;

/**
 * What sort=relevance ranks in a listing of `table`: the newest RELEVANCE_CANDIDATES rows `matches`
 * selects, whole rows of the table (the listing reads them from a derived table under the table's name).
 */
export function newestMatches<T extends "prompts" | "templates", J extends keyof Database>(
  matches: SelectQueryBuilder<Database, T | J, object>,
  table: T,
) {
  return matches
    .selectAll(table)
    .orderBy(sql.ref(`${table}.created_at`), "desc")
    .orderBy(sql.ref(`${table}.id`), "desc")
    .limit(RELEVANCE_CANDIDATES);
}

/** Content occurrences counted towards relevance; more add nothing. */
export const RELEVANCE_OCCURRENCES_CAP = 9;

export interface SearchTarget {
  /** The index of migration 0011: the FTS5 table on SQLite (and its document table, `<index>_docs`). */
  index: "prompt_search" | "template_search";
  /** The document table's column holding the searched row's id. */
  owner: "prompt_id" | "template_id";
  /** The searched row's id, e.g. "prompts.id". */
  idRef: string;
  /**
   * SQL expressions the repository writes (never user input), as migration 0011 indexes them: the
   * heading, the secondary heading and the body. They rank in this order for relevance.
   */
  columns: readonly [string, string, string];
}

export const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/** True when `q` is long enough for the trigram index. */
export function indexable(q: string): boolean {
  return [...q].length >= TRIGRAM_LENGTH;
}

/** `q` as one FTS5 phrase: its characters taken literally, double quotes doubled. */
export function ftsPhrase(q: string): string {
  return `"${q.replaceAll('"', '""')}"`;
}

/**
 * The index is worth reading when q matches at most this many documents across all projects: its cost
 * grows with those, while reading a project's own rows costs what the project holds. Past this, q is
 * common enough that the rows are read.
 */
export const INDEX_CANDIDATE_LIMIT = 2000;

/**
 * containsText in the form `db` runs best: without lower() on SQLite (the same rows, see containsText),
 * with it on PostgreSQL, whose trigram indexes serve lower(column). Decided here, from the handle, so no
 * caller can pick the SQLite form for PostgreSQL, where it would be case-sensitive.
 */
function exactMatch(db: Db, columns: readonly string[], q: string): RawBuilder<boolean> {
  return containsText(columns, q, !isPostgres(db));
}

/**
 * True where any searched column of `target` contains `q`, case-insensitively (docs/api.md). On SQLite,
 * narrowed to the rows the FTS5 index names when those are few: a first look-up stops at
 * INDEX_CANDIDATE_LIMIT + 1 matches, so a common q costs little before the rows are read instead.
 * `scopeRows`, when given, counts the rows the listing reads without q (it need not count past
 * INDEX_CANDIDATE_LIMIT + 1): a scope that small is read directly, without asking the index at all.
 */
export async function matchesText(
  db: Db,
  target: SearchTarget,
  q: string,
  scopeRows?: () => Promise<number>,
): Promise<RawBuilder<boolean>> {
  const exact = exactMatch(db, target.columns, q);
  if (isPostgres(db) || !indexable(q)) return exact;
  if (scopeRows && (await scopeRows()) <= INDEX_CANDIDATE_LIMIT) return exact;
  const fts = sql.table(target.index);
  const matching = sql`select rowid from ${fts} where ${fts} match ${ftsPhrase(q)}`;
  const { rows } = await sql`${matching} limit ${INDEX_CANDIDATE_LIMIT + 1}`.execute(db);
  if (rows.length > INDEX_CANDIDATE_LIMIT) return exact;
  const docs = sql.table(`${target.index}_docs`);
  return sql<boolean>`(${sql.ref(target.idRef)} in (select ${sql.ref(target.owner)} from ${docs} where doc in (${matching})) and ${exact})`;
}

/**
 * How well a matching row answers `q`: 100 if the heading contains it, 10 if the secondary heading does,
 * plus the occurrences in the body (at most RELEVANCE_OCCURRENCES_CAP). An integer, for the cursor.
 */
export function relevanceOf(db: Db, target: SearchTarget, q: string): RawBuilder<number> {
  const [heading, secondary, bodyColumn] = target.columns;
  const body = sql.raw(bodyColumn);
  const hit = (column: string, points: number) =>
    sql`case when ${exactMatch(db, [column], q)} then ${sql.lit(points)} else 0 end`;
  // Occurrences: how much shorter the body gets without them, in lengths of q. lower() keeps lengths on
  // both databases, and replace() is literal on both, so % and _ in q count as themselves.
  const occurrences = sql`(length(lower(${body})) - length(replace(lower(${body}), lower(${q}), ''))) / length(lower(${q}))`;
  const capped = isPostgres(db)
    ? sql`least(${occurrences}, ${sql.lit(RELEVANCE_OCCURRENCES_CAP)})`
    : sql`min(${occurrences}, ${sql.lit(RELEVANCE_OCCURRENCES_CAP)})`;
  return sql<number>`(${hit(heading, 100)} + ${hit(secondary, 10)} + ${capped})`;
}

export type SearchMode = "index" | "scan";

/**
 * Whether a search of 3 characters or more uses the trigram indexes here: "scan" on a PostgreSQL where
 * migration 0011 could not enable pg_trgm (or before it ran).
 */
export async function searchMode(db: Db): Promise<SearchMode> {
  if (isPostgres(db)) {
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from pg_indexes
      where schemaname = current_schema() and indexname = 'prompts_content_trgm_idx'`.execute(db);
    return Number(rows[0]?.n) > 0 ? "index" : "scan";
  }
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from sqlite_master where type = 'table' and name = 'prompt_search'`.execute(db);
  return Number(rows[0]?.n) > 0 ? "index" : "scan";
}
