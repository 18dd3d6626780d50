// The one-table steps of db/repository.ts (byKey, countOf, rowsChanged) on both databases: a key picks
// exactly its rows (a list value any of its values, null IS NULL), a key that would pick more than meant
// (an undefined value, an empty list) is refused before any SQL runs, and lists keep the order asked for.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/database.js";
import { migrateToLatest } from "../../src/db/database.js";
import { byKey, countOf, type Db, rowsChanged, withUsername } from "../../src/db/repository.js";
import { DB_TARGETS, openTestDatabase, testConfig } from "../helpers/app.js";

describe.each(DB_TARGETS)("byKey (%s)", (target) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let db: Db;
  const attempt = (key: string, failures: number) => ({ key, failures, window_started_at: `t${failures}` });

  beforeAll(async () => {
    ({ db: handle, drop } = await openTestDatabase(target, testConfig()));
    await migrateToLatest(handle);
    db = handle.kysely;
  });
  afterAll(async () => {
    await drop();
  });
  beforeEach(async () => {
    await db.deleteFrom("login_attempts").execute();
    await byKey.insert(db, "login_attempts", [
      attempt("a", 1),
      attempt("b", 2),
      attempt("c", 3),
      attempt("d", 2),
    ]);
  });

  it("finds the row a key picks, only the columns named when some are", async () => {
    expect(await byKey.find(db, "login_attempts", { key: "b" })).toEqual(attempt("b", 2));
    expect(await byKey.find(db, "login_attempts", { key: "b" }, ["failures"])).toEqual({ failures: 2 });
    expect(await byKey.find(db, "login_attempts", { key: "b", failures: 3 })).toBeUndefined();
  });

  it("reads a list value as any of its values, in find, count, list, update and delete", async () => {
    expect(await byKey.count(db, "login_attempts", { failures: [2, 3] })).toBe(3);
    const keys = await byKey.list(
      db,
      "login_attempts",
      { key: ["a", "c"] },
      { columns: ["key"], orderBy: ["key"] },
    );
    expect(keys).toEqual([{ key: "a" }, { key: "c" }]);
    expect(await byKey.update(db, "login_attempts", { key: ["a", "d"] }, { failures: 9 })).toBe(2);
    expect(await byKey.delete(db, "login_attempts", { failures: [9] })).toBe(2);
    expect(await byKey.count(db, "login_attempts", {})).toBe(2);
  });

  it("refuses an undefined value or an empty list and changes nothing", async () => {
    const missing = { key: undefined as unknown as string };
    await expect(byKey.delete(db, "login_attempts", missing)).rejects.toThrow(TypeError);
    await expect(byKey.update(db, "login_attempts", { key: [] }, { failures: 0 })).rejects.toThrow(TypeError);
    await expect(byKey.count(db, "login_attempts", { key: [] })).rejects.toThrow(TypeError);
    expect(await byKey.count(db, "login_attempts", {})).toBe(4);
  });

  it("lists in the order asked for, descending where said, at most the limit", async () => {
    const rows = await byKey.list(
      db,
      "login_attempts",
      {},
      { columns: ["key"], orderBy: [["failures", "desc"], "key"], limit: 3 },
    );
    expect(rows.map((r) => r.key)).toEqual(["c", "b", "d"]);
  });

  it("inserts in chunks, and replaces the rows a key picks (all of them, unless fresh)", async () => {
    const many = Array.from({ length: 7 }, (_, i) => attempt(`m${i}`, 5));
    await byKey.insert(db, "login_attempts", many, 3);
    expect(await byKey.count(db, "login_attempts", { failures: 5 })).toBe(7);
    await byKey.replace(db, "login_attempts", { failures: 2 }, [attempt("e", 2)]);
    const twos = await byKey.list(db, "login_attempts", { failures: 2 }, { columns: ["key"] });
    expect(twos).toEqual([{ key: "e" }]);
    await byKey.replace(db, "login_attempts", { failures: 2 }, [attempt("f", 2)], true);
    expect(await byKey.count(db, "login_attempts", { failures: 2 })).toBe(2);
  });

  it("says whether exactly one row was updated or deleted", async () => {
    expect(await byKey.updateOne(db, "login_attempts", { key: "a" }, { failures: 4 })).toBe(true);
    expect(await byKey.updateOne(db, "login_attempts", { failures: 2 }, { failures: 4 })).toBe(false);
    expect(await byKey.deleteOne(db, "login_attempts", { key: "zz" })).toBe(false);
    expect(await byKey.deleteOne(db, "login_attempts", { key: "a" })).toBe(true);
  });

  it("counts a filtered query and the rows an update or delete changed", async () => {
    expect(await countOf(db.selectFrom("login_attempts").where("failures", ">=", 2))).toBe(3);
    const raised = db.updateTable("login_attempts").set({ failures: 0 }).where("failures", "<", 3);
    expect(await rowsChanged(raised)).toBe(3);
    expect(await rowsChanged(db.deleteFrom("login_attempts").where("failures", "=", 0))).toBe(3);
  });

  it("joins a row's user by name with the SQL the repositories wrote by hand, left or inner", () => {
    const left = withUsername(db, "prompt_assertions", "updated_by", "updated_by_username");
    expect(left.compile().sql).toBe(
      'select "prompt_assertions".*, "users"."username" as "updated_by_username" from "prompt_assertions" ' +
        'left join "users" on "users"."id" = "prompt_assertions"."updated_by"',
    );
    const inner = withUsername(db, "api_keys", "user_id", "username", "inner");
    expect(inner.compile().sql).toBe(
      'select "api_keys".*, "users"."username" as "username" from "api_keys" ' +
        'inner join "users" on "users"."id" = "api_keys"."user_id"',
    );
  });
});
