// Which tables a database handle writes to, as they are written: a Kysely dialect wrapper that reads each
// statement's SQL on its way to the driver and tells the listeners the table an INSERT, UPDATE or DELETE
// names. In-process caches of rows (the auth look-ups) subscribe to drop what a write may have changed,
// whichever feature's repository made it, so no write path has to remember to invalidate them.
// Inside a transaction the listeners hear the write twice: when the statement runs, and again once the
// transaction commits (a reader that refilled a cache in between read the old row).
import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from "kysely";

/** Called with the name of a table a statement wrote to. */
export type WriteListener = (table: string) => void;

export interface WriteWatch {
  /** Registers a listener; returns the function that removes it. */
  onWrite(listener: WriteListener): () => void;
}

// An INSERT/UPDATE/DELETE (after an optional WITH … clause) and the table it names, quoted or not.
const WRITE =
  /^\s*(?:with\b[\s\S]*?\)\s*)?(insert\s+(?:or\s+\w+\s+)?into|update|delete\s+from)\s+(?:"?\w+"?\.)?"?(\w+)"?/i;
const SET_COLUMNS = /\bset\s+([\s\S]*?)(?:\bwhere\b|\bfrom\b|\breturning\b|$)/i;
const SET_COLUMN = /"?(\w+)"?\s*=/g;

/**
 * Columns whose updates no cache cares about: the once-a-minute activity stamps. An UPDATE that sets only
 * these is not reported, so recording activity does not empty the caches it feeds.
 */
const IGNORED_UPDATE_COLUMNS = new Set(["last_active_at", "last_used_at"]);

/** The table a statement writes to (null for reads and for writes of ignored columns only); memoised. */
const writtenTable = (() => {
  const memo = new Map<string, string | null>();
  return (sql: string): string | null => {
    const known = memo.get(sql);
    if (known !== undefined) return known;
    let table: string | null = null;
    const m = WRITE.exec(sql);
    if (m) {
      table = (m[2] as string).toLowerCase();
      if (/^update/i.test(m[1] as string)) {
        const set = SET_COLUMNS.exec(sql.slice(m.index + m[0].length))?.[1] ?? "";
        const columns = [...set.matchAll(SET_COLUMN)].map((c) => (c[1] as string).toLowerCase());
        if (columns.length > 0 && columns.every((c) => IGNORED_UPDATE_COLUMNS.has(c))) table = null;
      }
    }
    // Query texts are a fixed set the code builds; the bound only guards against raw SQL built per call.
    if (memo.size > 5000) memo.clear();
    memo.set(sql, table);
    return table;
  };
})();

export { writtenTable };

/** Wraps `dialect` so that every write it runs is reported to the returned watch's listeners. */
export function watchWrites(dialect: Dialect): { dialect: Dialect; watch: WriteWatch } {
  const listeners = new Set<WriteListener>();
  const emit = (table: string) => {
    for (const l of listeners) l(table);
  };
  const watch: WriteWatch = {
    onWrite(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const wrapped: Dialect = {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: (): QueryCompiler => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: () => new WatchingDriver(dialect.createDriver(), emit),
  };
  return { dialect: wrapped, watch };
}

/** A driver connection together with the tables written in its open transaction. */
class WatchedConnection implements DatabaseConnection {
  pending: Set<string> | null = null;
  constructor(
    readonly inner: DatabaseConnection,
    private readonly emit: (table: string) => void,
  ) {}

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const table = writtenTable(compiled.sql);
    if (table === null) return this.inner.executeQuery<R>(compiled);
    return this.inner.executeQuery<R>(compiled).finally(() => {
      this.emit(table);
      this.pending?.add(table);
    });
  }

  streamQuery<R>(compiled: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(compiled, chunkSize);
  }
}

type SavepointFn = (connection: DatabaseConnection, name: string, compile: never) => Promise<void>;

class WatchingDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly emit: (table: string) => void,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new WatchedConnection(await this.inner.acquireConnection(), this.emit);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const c = connection as WatchedConnection;
    await this.inner.beginTransaction(c.inner, settings);
    c.pending = new Set();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as WatchedConnection;
    const written = c.pending;
    c.pending = null;
    try {
      await this.inner.commitTransaction(c.inner);
    } finally {
      for (const table of written ?? []) this.emit(table);
    }
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as WatchedConnection;
    c.pending = null;
    await this.inner.rollbackTransaction(c.inner);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection((connection as WatchedConnection).inner);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }

  savepoint(connection: DatabaseConnection, name: string, compile: never): Promise<void> {
    return this.savepointCall("savepoint", connection, name, compile);
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: never): Promise<void> {
    return this.savepointCall("rollbackToSavepoint", connection, name, compile);
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: never): Promise<void> {
    return this.savepointCall("releaseSavepoint", connection, name, compile);
  }

  private savepointCall(
    method: "savepoint" | "rollbackToSavepoint" | "releaseSavepoint",
    connection: DatabaseConnection,
    name: string,
    compile: never,
  ): Promise<void> {
    const fn = this.inner[method] as SavepointFn | undefined;
    if (!fn) throw new Error(`The database driver does not support ${method}`);
    return fn.call(this.inner, (connection as WatchedConnection).inner, name, compile);
  }
}
