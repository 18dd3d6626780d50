// The one shape of a repository: createXRepository(db) returns plain query methods bound to `db`, plus
// transaction(fn), which runs fn with the same methods bound to one transaction. Services decide where a
// transaction begins and ends; the SQL stays in the repository.
import type { Compilable, CompiledQuery, Kysely, RawBuilder } from "kysely";
import { sql } from "kysely";
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

/** Marks the place of argument i in a prepared query's parameters (no caller's value looks like it). */
const placeholder = (i: number) => `\u0000promptforge-argument-${i}\u0000`;

/**
 * A read on a hot path, built and compiled once per database, then run with each call's arguments:
 * building and compiling a Kysely query cost about as much as running it on SQLite. `build` receives
 * placeholders in place of its arguments and must only pass them on as values (`where(col, "=", arg)`),
 * never branch on them or change them. The compiled query keeps its operation node, so logging and the
 * database metrics see the same query as before. On a database with Kysely plugins installed (tests that
 * record queries) it is built and compiled on every call, so each plugin still sees every query.
 */
export function preparedQuery<A extends unknown[], R>(
  build: (db: Db, ...args: A) => Compilable<R>,
): (db: Db, ...args: A) => Promise<R[]> {
  // By the database's adapter, which a transaction shares with its database: one SQL text per dialect.
  const byAdapter = new WeakMap<object, { compiled: CompiledQuery<R>; slots: unknown[]; argAt: number[] }>();
  return async (db, ...args) => {
    const executor = db.getExecutor();
    // A plugin transforms each query as it is compiled: with one installed, build and compile every time.
    if (executor.plugins.length > 0) return (await db.executeQuery<R>(build(db, ...args))).rows;
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
    const result = await db.executeQuery<R>({ ...compiled, parameters });
    return result.rows;
  };
}
