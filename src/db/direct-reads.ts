// Hot reads on SQLite without Kysely's executor: a compiled read (preparedQuery, repository.ts) runs on
// better-sqlite3 synchronously when no transaction is open. Kysely's path for the same statement is a
// chain of about ten promises (its executor, connection provider and mutex, the runtime driver with its
// log, the write watch, the driver), each also paying the AsyncLocalStorage promise hooks, around one
// synchronous call. What stays the same: the statement (the shared prepared-statement cache), the rows,
// the query metrics and the error. Only reads take this path; writes always go through Kysely and its
// write watch.
import type SqliteDatabase from "better-sqlite3";

/** What a database handle reports per query (database.ts's QueryEvent). */
export interface DirectQueryEvent {
  operation: string;
  seconds: number;
  ok: boolean;
}

export interface DirectReader {
  /**
   * The rows of `sqlText` run with `parameters`, or undefined when it cannot run here and now: a
   * transaction is open on the connection (its uncommitted rows must not be seen, and Kysely's mutex
   * keeps every other query waiting until it ends), the handle is closed, or the statement is not a read.
   * The caller then runs the query through Kysely. (better-sqlite3 runs reads while a streamed read's
   * iterator is open; its own statement, busy, is not shared: database.ts's statement cache.)
   */
  read<R>(sqlText: string, parameters: readonly unknown[]): R[] | undefined;
}

/** The direct reader of each Kysely instance that has one (SQLite handles; never a transaction). */
const readers = new WeakMap<object, DirectReader>();

export function registerDirectReader(kysely: object, reader: DirectReader): void {
  readers.set(kysely, reader);
}

/** The direct reader of `db`, if it is a SQLite handle's Kysely instance (a transaction has none). */
export function directReaderOf(db: object): DirectReader | undefined {
  return readers.get(db);
}

export function sqliteDirectReader(
  sqlite: SqliteDatabase.Database,
  prepare: (sqlText: string) => SqliteDatabase.Statement,
  operationOf: (sqlText: string) => string,
  onQuery?: (e: DirectQueryEvent) => void,
): DirectReader {
  return {
    read<R>(sqlText: string, parameters: readonly unknown[]): R[] | undefined {
      // better-sqlite3 runs one statement at a time and this call is synchronous, so with no transaction
      // open the read sees exactly the committed rows any query queued behind Kysely's mutex would see.
      if (!sqlite.open || sqlite.inTransaction) return undefined;
      const started = performance.now();
      let rows: R[];
      try {
        const statement = prepare(sqlText);
        // a write with RETURNING is a "reader" too: only what cannot write takes this path
        if (!statement.reader || !statement.readonly) return undefined;
        rows = statement.all(parameters as unknown[]) as R[];
      } catch (e) {
        onQuery?.({
          operation: operationOf(sqlText),
          seconds: (performance.now() - started) / 1000,
          ok: false,
        });
        throw e;
      }
      onQuery?.({ operation: operationOf(sqlText), seconds: (performance.now() - started) / 1000, ok: true });
      return rows;
    },
  };
}
