// On SQLite a compiled hot read (preparedQuery) runs on the connection directly while no transaction is
// open. It must never see another caller's uncommitted rows (it waits for the transaction, as Kysely's
// queue made it), must still answer while a streamed read is open, must report its query to
// the database metrics like any other, and must report and throw a failing read's error.
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle, migrateToLatest } from "../../src/db/database.js";
import { directReaderOf } from "../../src/db/direct-reads.js";
import { type Db, preparedQuery } from "../../src/db/repository.js";

const now = new Date(0).toISOString();

function userRow(id: string) {
  return {
    id,
    username: id,
    username_key: id,
    email: `${id}@example.com`,
    password_hash: "x",
    full_name: null,
    role: "user",
    created_at: now,
    updated_at: now,
  } as never;
}

const userById = preparedQuery((db: Db, id: string) =>
  db.selectFrom("users").select(["id", "email"]).where("id", "=", id),
);

describe("compiled reads straight on the SQLite connection", () => {
  let handle: DatabaseHandle;
  const events: { operation: string; ok: boolean }[] = [];
  beforeEach(async () => {
    events.length = 0;
    handle = createDatabase({ dataDir: ".", sqliteFile: ":memory:", onQuery: (e) => events.push(e) });
    await migrateToLatest(handle);
    await handle.kysely.insertInto("users").values(userRow("u1")).execute();
  });
  afterEach(async () => handle.close());

  it("is used for the database itself, never for a transaction", async () => {
    expect(directReaderOf(handle.kysely)).toBeDefined();
    await handle.kysely.transaction().execute(async (trx) => {
      expect(directReaderOf(trx)).toBeUndefined();
      expect(await userById(trx, "u1")).toEqual([{ id: "u1", email: "u1@example.com" }]);
    });
  });

  it("leaves a write to Kysely even when it returns rows (INSERT … RETURNING)", async () => {
    const reader = directReaderOf(handle.kysely);
    const insert =
      "insert into users (id, username, username_key, email, password_hash, role, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?) returning id";
    expect(reader?.read(insert, ["u3", "u3", "u3", "u3@example.com", "x", "user", now, now])).toBeUndefined();
    expect(await handle.kysely.selectFrom("users").select("id").where("id", "=", "u3").execute()).toEqual([]);
    expect(reader?.read("select id from users where id = ?", ["u1"])).toEqual([{ id: "u1" }]);
  });

  it("reports each read to the query metrics as a select", async () => {
    events.length = 0;
    expect(await userById(handle.kysely, "u1")).toEqual([{ id: "u1", email: "u1@example.com" }]);
    expect(await userById(handle.kysely, "nobody")).toEqual([]);
    expect(events.map((e) => [e.operation, e.ok])).toEqual([
      ["select", true],
      ["select", true],
    ]);
  });

  it("never sees a row another caller's open transaction wrote, and waits for it to end", async () => {
    let inserted!: () => void;
    const insertedNow = new Promise<void>((r) => {
      inserted = r;
    });
    let finish!: () => void;
    const finishNow = new Promise<void>((r) => {
      finish = r;
    });
    const transaction = handle.kysely
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto("users").values(userRow("u2")).execute();
        inserted();
        await finishNow;
        throw new Error("rolled back");
      })
      .catch((e: Error) => e.message);
    await insertedNow;
    let answered = false;
    const read = userById(handle.kysely, "u2").then((rows) => {
      answered = true;
      return rows;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(answered).toBe(false);
    finish();
    expect(await transaction).toBe("rolled back");
    expect(await read).toEqual([]);
  });

  it("sees a committed row at once", async () => {
    await handle.kysely.transaction().execute(async (trx) => {
      await trx.insertInto("users").values(userRow("u3")).execute();
    });
    expect(await userById(handle.kysely, "u3")).toEqual([{ id: "u3", email: "u3@example.com" }]);
  });

  it("answers while a streamed read is open on the connection", async () => {
    for (const id of ["u4", "u5", "u6"])
      await handle.kysely.insertInto("users").values(userRow(id)).execute();
    const stream = handle.kysely.selectFrom("users").select("id").orderBy("id").stream();
    const streamed: string[] = [];
    let read: Promise<unknown> | undefined;
    for await (const row of stream) {
      streamed.push(row.id);
      read ??= userById(handle.kysely, "u5");
    }
    expect(streamed).toEqual(["u1", "u4", "u5", "u6"]);
    expect(await read).toEqual([{ id: "u5", email: "u5@example.com" }]);
  });

  it("reports and throws a failing read's error", async () => {
    await sql`create table scratch (id text primary key)`.execute(handle.kysely);
    const scratchById = preparedQuery((db: Db, id: string) =>
      (db as unknown as Db)
        .selectFrom("scratch" as never)
        .selectAll()
        .where("id" as never, "=", id as never),
    );
    expect(await scratchById(handle.kysely, "a")).toEqual([]);
    await sql`drop table scratch`.execute(handle.kysely);
    events.length = 0;
    await expect(scratchById(handle.kysely, "a")).rejects.toThrow(/no such table/);
    expect(events.map((e) => [e.operation, e.ok])).toEqual([["select", false]]);
  });
});
