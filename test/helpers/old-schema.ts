// For tests of a migration on data an older PromptForge wrote: a fresh test database per describe block,
// brought up to an older migration only, with the one user such tests own (u1, "old"), and an untyped
// query builder to write rows in that older shape.
import { afterAll, beforeAll, expect } from "vitest";
import type { Config } from "../../src/config.js";
import { type DatabaseHandle, migrateUpTo } from "../../src/db/database.js";
import { type DbTarget, openTestDatabase, testConfig } from "./app.js";

/** 2026-01-01 10:MM as stored timestamps: rows ordered by the minute given. */
export const minuteAt = (minute: number) => `2026-01-01T10:${String(minute).padStart(2, "0")}:00.000Z`;

// biome-ignore lint/suspicious/noExplicitAny: the tables as they were before the migration, not today's types
export type OldDatabase = any;

/**
 * A fresh, empty test database on `target` for the tests of one describe block: opened before them,
 * dropped after. Read `db` inside a test (it is set once the block starts).
 */
export function useEmptyDatabase(target: DbTarget): { db: DatabaseHandle; config: Config } {
  const fx = { config: testConfig() } as { db: DatabaseHandle; config: Config };
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const opened = await openTestDatabase(target, fx.config);
    fx.db = opened.db;
    drop = opened.drop;
  });
  afterAll(async () => drop?.());
  return fx;
}

/**
 * Migrates a fresh test database up to and including `migration` and inserts user u1; returns the query
 * builder for the older tables. The test then writes its rows and runs migrateToLatest.
 */
export async function databaseAt(db: DatabaseHandle, migration: string): Promise<OldDatabase> {
  expect(await migrateUpTo(db, migration)).toContain(migration);
  const old: OldDatabase = db.kysely;
  await old
    .insertInto("users")
    .values({
      id: "u1",
      username: "old",
      username_key: "old",
      email: "old@example.test",
      password_hash: "x",
      role: "user",
      created_at: minuteAt(0),
      updated_at: minuteAt(0),
    })
    .execute();
  return old;
}
