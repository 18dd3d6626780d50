// The one shape of a repository: createXRepository(db) returns plain query methods bound to `db`, plus
// transaction(fn), which runs fn with the same methods bound to one transaction. Services decide where a
// transaction begins and ends; the SQL stays in the repository.
import { type Kysely, type RawBuilder, sql } from "kysely";
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

/** A unique (or other constraint) violation on either database: what a racing insert of the same key gets. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "23505" || (typeof code === "string" && code.startsWith("SQLITE_CONSTRAINT"));
}

/**
 * Rows after `b` in a newest-first list ordered by (created_at, id) descending: the keyset step of a
 * "before" cursor. A row-value comparison, which SQLite and PostgreSQL both read with the same index.
 */
export function createdBefore(b: { created_at: string; id: string }): RawBuilder<boolean> {
  return sql<boolean>`(created_at, id) < (${b.created_at}, ${b.id})`;
}
