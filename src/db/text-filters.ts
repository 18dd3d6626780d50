// Filters the listings share (prompts, templates): a tag held in a tag table, and a case-insensitive
// substring search over some columns. Portable SQL for SQLite and PostgreSQL alike.
import { type RawBuilder, sql } from "kysely";

/** `%` and `_` in user input are literals, not wildcards. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * True where any of `columns` (SQL expressions the repository writes, never user input) contains `q`.
 * lower() on both sides plus an explicit ESCAPE: LIKE is case-sensitive on PostgreSQL and has no default
 * escape character on SQLite.
 */
export function containsText(columns: readonly string[], q: string): RawBuilder<boolean> {
  const pattern = likePattern(q);
  const matches = columns.map((column) => sql`lower(${sql.raw(column)}) like lower(${pattern}) escape '\\'`);
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
