// Filters the listings share (prompts, templates): a tag held in a tag table, and a case-insensitive
// substring search over some columns. Portable SQL for SQLite and PostgreSQL alike, and a form of the
// search for SQLite alone (text-search.ts picks it from the database handle).
import { type RawBuilder, sql } from "kysely";

/** `%` and `_` in user input are literals, not wildcards. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * True where any of `columns` (SQL expressions the repository writes, never user input) contains `q`.
 * lower() on both sides plus an explicit ESCAPE: LIKE is case-sensitive on PostgreSQL and has no default
 * escape character on SQLite.
 *
 * `sqliteLike`: the same comparison written for SQLite alone, without lower(). There LIKE already ignores
 * the case of ASCII letters and no other (case_sensitive_like is never set), and lower() folds ASCII
 * letters and no other (no ICU), so `column like pattern` matches exactly the rows the portable form does,
 * without copying every compared text to lower it: a search that reads a large project's rows (a word too
 * common for the index) compares them in about four fifths of the time (docs/performance.md). The columns
 * must hold text: SQLite's LIKE never matches a BLOB, while lower() turns one into text (every searched
 * column is written as text).
 */
export function containsText(columns: readonly string[], q: string, sqliteLike = false): RawBuilder<boolean> {
  const pattern = likePattern(q);
  const matches = columns.map((column) =>
    sqliteLike
      ? sql`${sql.raw(column)} like ${pattern} escape '\\'`
      : sql`lower(${sql.raw(column)}) like lower(${pattern}) escape '\\'`,
  );
  return sql<boolean>`(${sql.join(matches, sql` or `)})`;
}

/** True where the row `ownerRef` (e.g. "prompts.id") has `tag` in `table`, whose `ownerColumn` points at it. */
export function hasTag(
  table: "prompt_tags" | "template_tags",
  ownerColumn: string,
  ownerRef: string,
  tag: string,
): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 as one from ${sql.table(table)} where ${sql.ref(`${table}.${ownerColumn}`)} = ${sql.ref(ownerRef)} and ${sql.ref(`${table}.tag`)} = ${tag})`;
}
