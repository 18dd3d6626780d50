// The one shape of a repository: createXRepository(db) returns plain query methods bound to `db`, plus
// transaction(fn), which runs fn with the same methods bound to one transaction. Services decide where a
// transaction begins and ends; the SQL stays in the repository.
import type { Compilable, CompiledQuery } from "kysely";
import {
  type DeleteResult,
  type Insertable,
  type Kysely,
  PostgresAdapter,
  type RawBuilder,
  type Selectable,
  type SelectQueryBuilder,
  sql,
  type Updateable,
  type UpdateResult,
} from "kysely";
import { directReaderOf } from "./direct-reads.js";
import type { Database } from "./schema.js";

/** The database or an open transaction: what a query runs on. */
export type Db = Kysely<Database>;

export type Transactional<Q> = Q & {
  /**
   * Runs fn with this repository's queries bound to one transaction: all of fn's writes, or none.
   * `db` is the transaction itself, for another feature's repository to join it.
   */
  transaction<T>(fn: (tx: Q, db: Db) => Promise<T>): Promise<T>;
};

/** Query functions that take the executor first, as the repository modules write them. */
type QueryFunctions = Record<string, (db: Db, ...args: never[]) => unknown>;

/** The same functions with the executor bound. */
export type Bound<F extends QueryFunctions> = {
  [K in keyof F]: F[K] extends (db: Db, ...args: infer A) => infer R ? (...args: A) => R : never;
};

/** Binds every function of `queries` to `db`. */
export function bindQueries<F extends QueryFunctions>(queries: F, db: Db): Bound<F> {
  const bound: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(queries)) {
    bound[name] = (...args: never[]) => fn(db, ...args);
  }
  return bound as Bound<F>;
}

/** A repository of the queries `build(db)` makes, with transaction(fn) running them on one transaction. */
export function repository<Q extends object>(db: Db, build: (db: Db) => Q): Transactional<Q> {
  return Object.assign(build(db), {
    transaction: <T>(fn: (tx: Q, trx: Db) => Promise<T>) =>
      db.transaction().execute((trx) => fn(build(trx), trx)),
  });
}

/**
 * createXRepository for a module that writes its queries as a table of functions taking the executor
 * first: each bound to the database, or, inside transaction(fn), to that transaction.
 */
export function repositoryOf<F extends QueryFunctions>(queries: F): (db: Db) => Transactional<Bound<F>> {
  return (db) => repository(db, (d) => bindQueries(queries, d));
}

/**
 * `query` locking the rows it reads until the transaction ends, on PostgreSQL; with `skipLocked`, passing
 * over rows another transaction holds, so concurrent claimers take different rows. On SQLite `query` as it
 * is: it has no FOR UPDATE and needs none, one writer at a time.
 */
export function forUpdate<DB, TB extends keyof DB, O>(
  db: Db,
  query: SelectQueryBuilder<DB, TB, O>,
  skipLocked = false,
): SelectQueryBuilder<DB, TB, O> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return query;
  return skipLocked ? query.forUpdate().skipLocked() : query.forUpdate();
}

/** A unique (or other constraint) violation on either database: what a racing insert of the same key gets. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "23505" || (typeof code === "string" && code.startsWith("SQLITE_CONSTRAINT"));
}

/**
 * Rows after `b` in a newest-first list ordered by (created_at, id) descending: the keyset step of a
 * "before" cursor. A row-value comparison, which SQLite and PostgreSQL both read with the same index.
 */
export function createdBefore(b: Cursor, table?: string): RawBuilder<boolean> {
  if (!table) return sql<boolean>`(created_at, id) < (${b.created_at}, ${b.id})`;
  return sql<boolean>`(${sql.ref(`${table}.created_at`)}, ${sql.ref(`${table}.id`)}) < (${b.created_at}, ${b.id})`;
}

/** Marks the place of argument i in a prepared query's parameters (no caller's value looks like it). */
const placeholder = (i: number) => `\u0000promptforge-argument-${i}\u0000`;

/**
 * A read on a hot path, built and compiled once per database, then run with each call's arguments:
 * building and compiling a Kysely query cost about as much as running it on SQLite. `build` receives
 * placeholders in place of its arguments and must only pass them on as values (`where(col, "=", arg)`),
 * never branch on them or change them. The compiled query keeps its operation node, so logging and the
 * database metrics see the same query as before. On a database with Kysely plugins installed (tests that
 * record queries) it is built and compiled on every call, so each plugin still sees every query. On
 * SQLite outside a transaction the compiled read runs on the connection synchronously (direct-reads.ts).
 */
export function preparedQuery<A extends unknown[], R>(
  build: (db: Db, ...args: A) => Compilable<R>,
): (db: Db, ...args: A) => Promise<R[]> {
  const run = preparedQueryNow(build);
  return async (db, ...args) => run(db, ...args);
}

/** What a query gives: the value itself when it was at hand at once, else its promise. */
export type Maybe<T> = T | Promise<T>;

/** `f(value)`, at once when `value` is not a promise (no promise made), else when it settles. */
export function thenMaybe<T, U>(value: Maybe<T>, f: (value: T) => Maybe<U>): Maybe<U> {
  return value instanceof Promise ? value.then(f) : f(value);
}

/**
 * preparedQuery without its promise when none is needed: the rows themselves when the read ran straight
 * on SQLite (direct-reads.ts), else the promise of Kysely's answer. For a hot path whose every step can
 * pass a value through (the registry fetch); a failure of the direct read is thrown, not rejected.
 */
export function preparedQueryNow<A extends unknown[], R>(
  build: (db: Db, ...args: A) => Compilable<R>,
): (db: Db, ...args: A) => Maybe<R[]> {
  // By the database's adapter, which a transaction shares with its database: one SQL text per dialect.
  const byAdapter = new WeakMap<object, { compiled: CompiledQuery<R>; slots: unknown[]; argAt: number[] }>();
  return (db, ...args) => {
    const executor = db.getExecutor();
    // A plugin transforms each query as it is compiled: with one installed, build and compile every time.
    if (executor.plugins.length > 0) return db.executeQuery<R>(build(db, ...args)).then((r) => r.rows);
    const adapter = executor.adapter;
    let prepared = byAdapter.get(adapter);
    if (!prepared) {
      const holders = args.map((_, i) => placeholder(i)) as A;
      const compiled = build(db, ...holders).compile();
      const argAt = compiled.parameters.map((p) => holders.indexOf(p as A[number]));
      prepared = { compiled, slots: [...compiled.parameters], argAt };
      byAdapter.set(adapter, prepared);
    }
    const { compiled, slots, argAt } = prepared;
    const parameters = slots.map((value, i) => {
      const at = argAt[i] as number;
      return at < 0 ? value : args[at];
    });
    // On SQLite with no transaction open, straight on the connection (direct-reads.ts); else through Kysely.
    const rows = directReaderOf(db)?.read<R>(compiled.sql, parameters);
    if (rows) return rows;
    return db.executeQuery<R>({ ...compiled, parameters }).then((result) => result.rows);
  };
}

/** A prepared read (preparedQuery) of at most one row: that row, or undefined when none matches. */
export function preparedRow<A extends unknown[], R>(
  build: (db: Db, ...args: A) => Compilable<R>,
): (db: Db, ...args: A) => Promise<R | undefined> {
  const rows = preparedQuery(build);
  return async (db, ...args) => (await rows(db, ...args))[0];
}

/** preparedRow without its promise when none is needed (preparedQueryNow): the row, undefined, or their promise. */
export function preparedRowNow<A extends unknown[], R>(
  build: (db: Db, ...args: A) => Compilable<R>,
): (db: Db, ...args: A) => Maybe<R | undefined> {
  const rows = preparedQueryNow(build);
  return (db, ...args) => thenMaybe(rows(db, ...args), firstRow);
}

const firstRow = <R>(rows: R[]): R | undefined => rows[0];

/** Where a newest-first list stopped: the last row's (created_at, id). */
export interface Cursor {
  created_at: string;
  id: string;
}

interface Orderable {
  where(condition: RawBuilder<boolean>): Orderable;
  orderBy(column: string, direction: "desc"): Orderable;
  limit(n: number): Orderable;
}

/**
 * The newest-first order every list shares — (created_at, id) descending, of `table` when the query joins
 * others — with the rows after the `before` cursor and at most `limit` of them, each when given.
 */
export function newestFirst<Q>(query: Q, page: { before?: Cursor; limit?: number; table?: string }): Q {
  const col = (name: string) => (page.table ? `${page.table}.${name}` : name);
  let q = (query as unknown as Orderable).orderBy(col("created_at"), "desc").orderBy(col("id"), "desc");
  if (page.limit !== undefined) q = q.limit(page.limit);
  if (page.before) q = q.where(createdBefore(page.before, page.table));
  return q as unknown as Q;
}

/** How many rows `query` — a select with its tables and conditions but no select list — finds. */
export async function countOf<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
): Promise<number> {
  const row = await query
    .select((eb) => eb.fn.countAll().as("n"))
    // Only n is read, and the generic O hides it from TypeScript.
    .$castTo<{ n: string | number | bigint }>()
    .executeTakeFirstOrThrow();
  // PostgreSQL returns count(*) as a bigint string.
  return Number(row.n);
}

/**
 * How many rows `query` (as for countOf) finds, counting no further than `upTo` + 1: the answer is exact
 * up to `upTo`, and `upTo` + 1 means "more". A count over a large set then costs at most that many rows.
 */
export async function countUpTo<DB, TB extends keyof DB, O>(
  db: Db,
  query: SelectQueryBuilder<DB, TB, O>,
  upTo: number,
): Promise<number> {
  // A derived table of constants: each database stops reading at the limit and counts what it got.
  const matching = query
    .select(sql.lit(1).as("one"))
    .limit(upTo + 1)
    .as("matching");
  return countOf(untyped(db).selectFrom(matching));
}

/** Runs an update or delete; how many rows it changed. */
export async function rowsChanged(query: {
  executeTakeFirst(): Promise<UpdateResult | DeleteResult>;
}): Promise<number> {
  const res = await query.executeTakeFirst();
  return Number("numUpdatedRows" in res ? res.numUpdatedRows : res.numDeletedRows);
}

// The one-table steps every repository repeats — find, list, page, count, insert, update or delete the rows
// a key picks — written once. The key's columns are ANDed in the order written, each `=` (IS NULL for null,
// IN for a list), as the hand-written chains did; an undefined value or an empty list is refused rather
// than dropped, so a missing id can never widen a delete or update to a whole table.

type TableName = keyof Database & string;
/** A row of `T` as a query returns it. */
export type Row<T extends TableName> = Selectable<Database[T]>;
/** A column of `T`. */
type Column<T extends TableName> = keyof Row<T> & string;
/** Column values that pick rows of `T`: every one must match; a list matches any of its values. */
export type RowKey<T extends TableName> = {
  readonly [C in keyof Row<T>]?: Row<T>[C] | readonly Row<T>[C][];
};
/** The order of a list: columns, each ascending or with its direction. */
type Order<T extends TableName> = readonly (Column<T> | readonly [Column<T>, "asc" | "desc"])[];

interface Filterable {
  where(column: string, op: "=" | "is" | "in", value: unknown): Filterable;
}

function matching<Q>(query: Q, key: object): Q {
  let q = query as unknown as Filterable;
  for (const [column, value] of Object.entries(key)) {
    if (value === undefined) throw new TypeError(`row key ${column} is undefined`);
    if (Array.isArray(value)) {
      if (value.length === 0) throw new TypeError(`row key ${column} is an empty list`);
      q = q.where(column, "in", value);
    } else q = q.where(column, value === null ? "is" : "=", value);
  }
  return q as unknown as Q;
}

// biome-ignore lint/suspicious/noExplicitAny: the table is the caller's choice; Row<T> types what comes back
const untyped = (db: Db) => db as unknown as Kysely<any>;

/** The `columns` (every column when none are named) of the rows of `table` that `key` picks. */
function selecting(db: Db, table: TableName, key: object, columns?: readonly string[]) {
  const from = untyped(db).selectFrom(table as string);
  return matching(columns ? from.select(columns) : from.selectAll(), key);
}

/** The row of `table` that `key` picks — only `columns` of it when named — or undefined. */
async function findRow<T extends TableName, C extends Column<T> = Column<T>>(
  db: Db,
  table: T,
  key: RowKey<T>,
  columns?: readonly C[],
): Promise<Pick<Row<T>, C> | undefined> {
  return selecting(db, table, key, columns).executeTakeFirst() as Promise<Pick<Row<T>, C> | undefined>;
}

/** The rows of `table` that `key` picks — only `columns` of them when named — in `orderBy` order. */
async function listRows<T extends TableName, C extends Column<T> = Column<T>>(
  db: Db,
  table: T,
  key: RowKey<T>,
  list: { columns?: readonly C[]; orderBy?: Order<T>; limit?: number } = {},
): Promise<Pick<Row<T>, C>[]> {
  let query = selecting(db, table, key, list.columns);
  for (const by of list.orderBy ?? [])
    query = typeof by === "string" ? query.orderBy(by) : query.orderBy(...by);
  if (list.limit !== undefined) query = query.limit(list.limit);
  return query.execute() as Promise<Pick<Row<T>, C>[]>;
}

/** A newest-first page of the rows of `table` that `key` picks (see newestFirst), only `columns` when named. */
async function pageRows<T extends TableName, C extends Column<T> = Column<T>>(
  db: Db,
  table: T,
  key: RowKey<T>,
  page: { before?: Cursor; limit?: number },
  columns?: readonly C[],
): Promise<Pick<Row<T>, C>[]> {
  return newestFirst(selecting(db, table, key, columns), page).execute() as Promise<Pick<Row<T>, C>[]>;
}

/** How many rows of `table` `key` picks. */
async function countRows<T extends TableName>(db: Db, table: T, key: RowKey<T>): Promise<number> {
  return countOf(matching(untyped(db).selectFrom(table as string), key));
}

/** Inserts `rows` into `table`, at most `chunk` a statement (well under either database's limit on bound parameters). */
async function insertRows<T extends TableName>(
  db: Db,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  chunk = 500,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    await untyped(db)
      .insertInto(table as string)
      .values(rows.slice(i, i + chunk))
      .execute();
  }
}

/** Sets `patch` on the rows of `table` that `key` picks; returns how many changed. */
async function updateRows<T extends TableName>(
  db: Db,
  table: T,
  key: RowKey<T>,
  patch: Updateable<Database[T]>,
): Promise<number> {
  return rowsChanged(
    matching(
      untyped(db)
        .updateTable(table as string)
        .set(patch),
      key,
    ),
  );
}

/** Deletes the rows of `table` that `key` picks; returns how many went. */
async function deleteRows<T extends TableName>(db: Db, table: T, key: RowKey<T>): Promise<number> {
  return rowsChanged(matching(untyped(db).deleteFrom(table as string), key));
}

/** `step` (an update or delete by key) answering whether it changed exactly one row. */
function exactlyOne<A extends unknown[]>(
  step: (...args: A) => Promise<number>,
): (...args: A) => Promise<boolean> {
  return async (...args) => (await step(...args)) === 1;
}

/**
 * Puts `rows` in place of the rows of `table` that `key` picks (a prompt's tags, say). With `fresh` the
 * owner was just created and has none: the delete is skipped.
 */
async function replaceRows<T extends TableName>(
  db: Db,
  table: T,
  key: RowKey<T>,
  rows: readonly Insertable<Database[T]>[],
  fresh = false,
): Promise<void> {
  if (!fresh) await deleteRows(db, table, key);
  await insertRows(db, table, rows);
}

/**
 * The rows of `table` with, as `as`, the username of the user whose id its column `by` holds. A left join
 * by default: a row whose user was never set (an actor-less event) still comes, with null. `inner` where
 * every row has its user (a required key the user's deletion cascades to), typed as a string.
 */
export function withUsername<T extends TableName, A extends string, J extends "left" | "inner" = "left">(
  db: Db,
  table: T,
  by: Column<T>,
  as: A,
  join?: J,
) {
  const from = untyped(db).selectFrom(table as string);
  const joined =
    join === "inner"
      ? from.innerJoin("users", "users.id", `${table}.${by}`)
      : from.leftJoin("users", "users.id", `${table}.${by}`);
  type Username = J extends "inner" ? string : string | null;
  return joined.selectAll(table as string).select(`users.username as ${as}`) as unknown as SelectQueryBuilder<
    Database,
    T | "users",
    Row<T> & { [K in A]: Username }
  >;
}

/** The one-table steps by key: `byKey.find(db, "webhooks", { project_id, id })`. */
export const byKey = {
  find: findRow,
  list: listRows,
  page: pageRows,
  count: countRows,
  insert: insertRows,
  update: updateRows,
  /** Sets `patch` on the one row `key` picks; false when no row (or more than one) changed. */
  updateOne: exactlyOne(updateRows),
  delete: deleteRows,
  /** Deletes the one row `key` picks; false when no row (or more than one) went. */
  deleteOne: exactlyOne(deleteRows),
  replace: replaceRows,
};
