// The column sets and index steps the migrations repeat, written once: `createTable(…).$call(part)`.
// Every helper emits exactly what the hand-written chain did (same names, types, constraints, order), so a
// fresh database and an upgraded one get the same schema on SQLite and PostgreSQL. A migration is history:
// never change what a helper here emits once a migration uses it; add a new helper instead.
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
export type Db = Kysely<any>;

// biome-ignore lint/suspicious/noExplicitAny: table and column names are plain strings in a migration
type Table = CreateTableBuilder<any, any>;

type Build = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

interface ColumnDefinition {
  name: string;
  type: "text" | "integer" | "real";
  build?: Build;
}

/**
 * Columns, in order: added to a table being created with `.$call(part)`, or to an existing table with
 * `addColumns(db, table, …parts)`.
 */
export interface Columns {
  (t: Table): Table;
  readonly definitions: readonly ColumnDefinition[];
}

/** Columns of one type and one definition, in the order named. */
function columns(type: ColumnDefinition["type"], names: string[], build?: Build): Columns {
  const definitions = names.map((name) => ({ name, type, build }));
  const add = (t: Table) => definitions.reduce((table, c) => table.addColumn(c.name, c.type, c.build), t);
  return Object.assign(add, { definitions });
}

const notNull: Build = (c) => c.notNull();

/** `text not null` columns. */
export const requiredText = (...names: string[]): Columns => columns("text", names, notNull);
/** Nullable `text` columns. */
export const optionalText = (...names: string[]): Columns => columns("text", names);
/** `text not null unique` columns. */
export const uniqueText = (...names: string[]): Columns =>
  columns("text", names, (c) => c.notNull().unique());
/** `integer not null` columns. */
export const requiredInteger = (...names: string[]): Columns => columns("integer", names, notNull);
/** Nullable `integer` columns. */
export const optionalInteger = (...names: string[]): Columns => columns("integer", names);
/** An `integer not null` column with a default (a flag, a counter). */
export const integerDefault = (name: string, value: number): Columns =>
  columns("integer", [name], (c) => c.notNull().defaultTo(value));
/** A `text not null` column with a default (a JSON list or object, an enum's first value). */
export const textDefault = (name: string, value: string): Columns =>
  columns("text", [name], (c) => c.notNull().defaultTo(value));

/** The row id: `id text primary key`. */
export const id: Columns = columns("text", ["id"], (c) => c.primaryKey());

/** created_at and updated_at, both `text not null` (ISO-8601 times). */
export const timestamps: Columns = requiredText("created_at", "updated_at");

/** A required reference to `table`.id; the row is deleted with the row it names. */
export const belongsTo = (column: string, table: string): Columns =>
  columns("text", [column], (c) => c.notNull().references(`${table}.id`).onDelete("cascade"));

/** An optional reference to `table`.id (null: none); the row is deleted with the row it names. */
export const optionalBelongsTo = (column: string, table: string): Columns =>
  columns("text", [column], (c) => c.references(`${table}.id`).onDelete("cascade"));

/** project_id: the project the row belongs to, deleted with it. */
export const projectId: Columns = belongsTo("project_id", "projects");

/**
 * Starts a table whose rows each belong to one row elsewhere: `id`, then `parent` (a `belongsTo` column),
 * before the table's own columns.
 */
export const createChildTable = (db: Db, table: string, parent: Columns): Table =>
  db.schema.createTable(table).$call(id).$call(parent);

/** References to users that outlive them (created_by, decided_by, …): set null when the user is deleted. */
export const byUser = (...names: string[]): Columns =>
  columns("text", names, (c) => c.references("users.id").onDelete("set null"));

/** A worker's claim on a row: a token and a lease; a lapsed lease is claimed again. */
export const claimLease: Columns = optionalText("claim", "claimed_until");

/** Creates index `name` on `table` (`columns` in order), unique when asked. */
export async function createIndex(
  db: Db,
  name: string,
  table: string,
  cols: string[],
  unique?: "unique",
): Promise<void> {
  const index = db.schema.createIndex(name).on(table).columns(cols);
  await (unique ? index.unique() : index).execute();
}

/** Adds columns to an existing table, one statement each: SQLite alters a table one column at a time. */
export async function addColumns(db: Db, table: string, ...parts: Columns[]): Promise<void> {
  for (const c of parts.flatMap((part) => part.definitions)) {
    await db.schema.alterTable(table).addColumn(c.name, c.type, c.build).execute();
  }
}

/** Drops columns of a table, in order, one statement each. */
export async function dropColumns(db: Db, table: string, ...names: string[]): Promise<void> {
  for (const name of names) await db.schema.alterTable(table).dropColumn(name).execute();
}

/** Drops the tables named, in order, where they exist. */
export async function dropTables(db: Db, ...tables: string[]): Promise<void> {
  for (const table of tables) await db.schema.dropTable(table).ifExists().execute();
}
