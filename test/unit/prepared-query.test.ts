// preparedQuery compiles a hot-path read once per database and runs it with each call's arguments: it
// must return what the query built afresh returns, for every argument, in and out of transactions, keep
// the query's constants, and leave the database metrics' operation label as it was.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/database.js";
import { migrateToLatest } from "../../src/db/database.js";
import {
  type Db,
  preparedQuery,
  preparedQueryNow,
  preparedRow,
  preparedRowNow,
  thenMaybe,
} from "../../src/db/repository.js";
import { DB_TARGETS, openTestDatabase, testConfig } from "../helpers/app.js";

describe.each(DB_TARGETS)("preparedQuery (%s)", (target) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  const operations: string[] = [];
  beforeAll(async () => {
    ({ db: handle, drop } = await openTestDatabase(target, testConfig(), (e) =>
      operations.push(e.operation),
    ));
    await migrateToLatest(handle);
    const now = new Date(0).toISOString();
    for (const [id, name, personal] of [
      ["u1", "alice", 1],
      ["u2", "bob", 0],
      ["u3", "carol", 1],
    ] as const) {
      await handle.kysely
        .insertInto("users")
        .values({
          id,
          username: name,
          username_key: name,
          email: `${name}@example.com`,
          password_hash: "x",
          full_name: null,
          role: "user",
          created_at: now,
          updated_at: now,
        } as never)
        .execute();
      await handle.kysely
        .insertInto("projects")
        .values({
          id: `p-${id}`,
          name,
          slug: `s-${name}`,
          personal,
          created_by: id,
          created_at: now,
          updated_at: now,
        } as never)
        .execute();
    }
  });
  afterAll(async () => drop());

  const build = (db: Db, userId: string, slug: string) =>
    db
      .selectFrom("projects")
      .select(["id", "slug"])
      .where("created_by", "=", userId)
      .where("personal", "=", 1)
      .where("slug", "<>", slug)
      .orderBy("id");
  const prepared = preparedQuery(build);

  it("returns what the freshly built query returns, whatever the arguments", async () => {
    const db = handle.kysely;
    for (const [user, slug] of [
      ["u1", "nope"],
      ["u2", "nope"],
      ["u3", "s-carol"],
      ["u3", "other"],
      ["nobody", ""],
    ] as const) {
      expect(await prepared(db, user, slug)).toEqual(await build(db, user, slug).execute());
    }
    expect(await prepared(db, "u1", "x")).toEqual([{ id: "p-u1", slug: "s-alice" }]);
    // The constant (personal = 1) stays in place: bob's project is not personal.
    expect(await prepared(db, "u2", "x")).toEqual([]);
  });

  it("runs inside a transaction, seeing its uncommitted rows", async () => {
    await handle.kysely
      .transaction()
      .execute(async (trx) => {
        await sql`update projects set personal = 1 where id = 'p-u2'`.execute(trx);
        expect(await prepared(trx, "u2", "x")).toEqual([{ id: "p-u2", slug: "s-bob" }]);
        throw new Error("roll back");
      })
      .catch(() => {});
    expect(await prepared(handle.kysely, "u2", "x")).toEqual([]);
  });

  it("builds afresh on a database with a plugin, so the plugin sees every query", async () => {
    const seen: string[] = [];
    const recording = handle.kysely.withPlugin({
      transformQuery: (a) => {
        seen.push(a.node.kind);
        return a.node;
      },
      transformResult: async (a) => a.result,
    });
    expect(await prepared(recording, "u1", "x")).toEqual([{ id: "p-u1", slug: "s-alice" }]);
    expect(await prepared(recording, "u3", "x")).toEqual([{ id: "p-u3", slug: "s-carol" }]);
    expect(seen).toEqual(["SelectQueryNode", "SelectQueryNode"]);
  });

  it("answers the one row of a single-row read, or undefined when none matches (preparedRow)", async () => {
    const row = preparedRow(build);
    expect(await row(handle.kysely, "u1", "x")).toEqual({ id: "p-u1", slug: "s-alice" });
    expect(await row(handle.kysely, "u2", "x")).toBeUndefined();
  });

  it("passes the rows through without a promise when read straight on SQLite, else a promise of the same rows (preparedQueryNow)", async () => {
    const now = preparedQueryNow(build);
    const direct = now(handle.kysely, "u1", "x");
    // Only SQLite reads straight on the connection (direct-reads.ts); PostgreSQL answers through Kysely.
    expect(direct instanceof Promise).toBe(target !== "sqlite");
    expect(await direct).toEqual([{ id: "p-u1", slug: "s-alice" }]);
    // Inside a transaction it goes through Kysely, and sees the transaction's rows.
    await handle.kysely
      .transaction()
      .execute(async (trx) => {
        await sql`update projects set personal = 1 where id = 'p-u2'`.execute(trx);
        const rows = now(trx, "u2", "x");
        expect(rows).toBeInstanceOf(Promise);
        expect(await rows).toEqual([{ id: "p-u2", slug: "s-bob" }]);
        throw new Error("roll back");
      })
      .catch(() => {});
    // thenMaybe keeps a value a value and a promise a promise.
    expect(thenMaybe(direct, (rows) => rows.length) instanceof Promise).toBe(target !== "sqlite");
    expect(await thenMaybe(now(handle.kysely, "u3", "x"), (rows) => rows.length)).toBe(1);
  });

  it("answers a single-row read's row, or undefined, without a promise when read straight on SQLite (preparedRowNow)", async () => {
    const row = preparedRowNow(build);
    const found = row(handle.kysely, "u1", "x");
    const missing = row(handle.kysely, "u2", "x");
    expect(found instanceof Promise).toBe(target !== "sqlite");
    expect(missing instanceof Promise).toBe(target !== "sqlite");
    expect(await found).toEqual({ id: "p-u1", slug: "s-alice" });
    expect(await missing).toBeUndefined();
    await handle.kysely.transaction().execute(async (trx) => {
      const inside = row(trx, "u3", "x");
      expect(inside).toBeInstanceOf(Promise);
      expect(await inside).toEqual({ id: "p-u3", slug: "s-carol" });
    });
  });

  it("is reported as the select it is", async () => {
    operations.length = 0;
    await prepared(handle.kysely, "u1", "x");
    expect(operations).toEqual(["select"]);
  });
});
