// The auth look-up cache (src/features/auth/auth-cache.ts) and its staleness bound: on the instance that
// made a change it applies at once, whichever feature wrote it; another instance on the same database
// keeps trusting what it looked up for at most AUTH_CACHE_SECONDS. Time is a fake clock: nothing here
// waits, and nothing here measures speed (that is bench/http.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/database.js";
import { writtenTable } from "../../src/db/write-watch.js";
import { createAuthCache } from "../../src/features/auth/auth-cache.js";
import { createAccountKey, registerAccount, signIn } from "../helpers/accounts.js";
import {
  buildTestApp,
  DB_TARGETS,
  openSharedTestDatabase,
  type TestApp,
  testConfig,
} from "../helpers/app.js";
import { createTestUser } from "../helpers/users.js";
import { projectWithMembers } from "../projects/project-helpers.js";

const PASSWORD = "amber-falcon-orchard-19";
const START = Date.parse("2026-04-01T09:00:00.000Z");
const TTL_SECONDS = 5;

describe("writtenTable: which table a statement writes", () => {
  it("names the table of an insert, update or delete, quoted or not, and nothing for reads", () => {
    expect(writtenTable('insert into "api_keys" ("id") values (?)')).toBe("api_keys");
    expect(writtenTable('update "users" set "role" = ? where "id" = ?')).toBe("users");
    expect(writtenTable('delete from "api_keys" where "id" = ? and "user_id" = ?')).toBe("api_keys");
    expect(writtenTable("DELETE FROM projects WHERE id = $1")).toBe("projects");
    expect(writtenTable('insert or ignore into "users" ("id") values (?)')).toBe("users");
    expect(writtenTable('select * from "users" where "id" = ?')).toBeNull();
    expect(writtenTable('with x as (select 1) update "users" set "role" = ?')).toBe("users");
  });

  it("does not report updates of the activity stamps alone, but does when other columns change too", () => {
    expect(writtenTable('update "users" set "last_active_at" = ? where "id" = ?')).toBeNull();
    expect(writtenTable('update "api_keys" set "last_used_at" = ? where "id" = ?')).toBeNull();
    expect(writtenTable('update "users" set "last_active_at" = ?, "password_hash" = ? where "id" = ?')).toBe(
      "users",
    );
  });
});

describe("createAuthCache", () => {
  it("serves an entry until it expires, then looks it up again", async () => {
    let now = START;
    const cache = createAuthCache({ ttlMs: 5000, maxEntries: 10, clock: () => now });
    let loads = 0;
    const load = async () => ({ n: ++loads });
    expect(await cache.get("a", load)).toEqual({ n: 1 });
    now += 4999;
    expect(await cache.get("a", load)).toEqual({ n: 1 });
    now += 1;
    expect(await cache.get("a", load)).toEqual({ n: 2 });
  });

  it("peeks at an entry without a promise while it is in force, and not after it expires or a clear", async () => {
    let now = START;
    const cache = createAuthCache({ ttlMs: 5000, maxEntries: 10, clock: () => now });
    expect(cache.peek("a")).toBeUndefined();
    await cache.get("a", async () => ({ n: 1 }));
    expect(cache.peek("a")).toEqual({ n: 1 });
    now += 5000;
    expect(cache.peek("a")).toBeUndefined();
    await cache.get("a", async () => ({ n: 2 }));
    cache.clear();
    expect(cache.peek("a")).toBeUndefined();
  });

  it("does not keep an answer whose look-up overlapped a clear, nor a missing one", async () => {
    const cache = createAuthCache({ ttlMs: 5000, maxEntries: 10, clock: () => START });
    let release: () => void = () => {};
    const slow = cache.get("a", () => new Promise<{ v: string }>((r) => (release = () => r({ v: "old" }))));
    cache.clear(); // a write lands while the look-up is in flight
    release();
    expect(await slow).toEqual({ v: "old" });
    expect(cache.size).toBe(0);
    await cache.get("b", async () => undefined);
    expect(cache.size).toBe(0);
  });

  it("keeps at most maxEntries, and with a zero lifetime keeps nothing", async () => {
    const cache = createAuthCache({ ttlMs: 5000, maxEntries: 3, clock: () => START });
    for (const k of ["a", "b", "c", "d"]) await cache.get(k, async () => ({ k }));
    expect(cache.size).toBeLessThanOrEqual(3);
    const off = createAuthCache({ ttlMs: 0, maxEntries: 3, clock: () => START });
    await off.get("a", async () => ({}));
    expect(off.size).toBe(0);
  });
});

describe.each(DB_TARGETS)("auth cache across instances on one database (%s)", (target) => {
  let now = START;
  let a: TestApp;
  let b: TestApp;
  let bDb: DatabaseHandle;

  let aDb: DatabaseHandle;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const env = { AUTH_CACHE_SECONDS: String(TTL_SECONDS) };
    const config = testConfig(env);
    // Two instances, each with its own database handle (its own pool or SQLite connection), on one database.
    ({ a: aDb, b: bDb, drop } = await openSharedTestDatabase(target, config));
    a = await buildTestApp({ target, clock: () => now, db: aDb, env });
    b = await buildTestApp({ target, clock: () => now, db: bDb, env });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await bDb?.close();
    await drop?.();
  });

  const me = (t: TestApp, headers: Record<string, string>) =>
    t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers });

  async function account(name: string) {
    await registerAccount(a.app, name, PASSWORD);
    const token = (await signIn(a.app, name, PASSWORD)).json().access_token as string;
    return { authorization: `Bearer ${token}` };
  }

  it("refuses a revoked key at once on the instance that revoked it, on the other within the bound", async () => {
    const owner = await account("keyowner");
    const key = await createAccountKey(a.app, owner, "scripts");
    const id = (await a.app.inject({ method: "GET", url: "/api/v1/auth/api-keys", headers: owner })).json()
      .items[0].id;
    // Both instances have looked the key up (and keep the answer).
    expect((await me(a, { "x-api-key": key })).statusCode).toBe(200);
    expect((await me(b, { "x-api-key": key })).statusCode).toBe(200);

    const del = await a.app.inject({ method: "DELETE", url: `/api/v1/auth/api-keys/${id}`, headers: owner });
    expect(del.statusCode).toBe(204);
    expect((await me(a, { "x-api-key": key })).statusCode).toBe(401);
    // B heard nothing (no Redis here): it trusts its look-up until the bound, and not past it.
    now += TTL_SECONDS * 1000 - 1;
    expect((await me(b, { "x-api-key": key })).statusCode).toBe(200);
    now += 1;
    expect((await me(b, { "x-api-key": key })).statusCode).toBe(401);
  });

  it("ends sessions at once on the instance where the password changed, on the other within the bound", async () => {
    const old = await account("changer");
    expect((await me(a, old)).statusCode).toBe(200);
    expect((await me(b, old)).statusCode).toBe(200);
    now += 1000;
    const changed = await a.app.inject({
      method: "POST",
      url: "/api/v1/auth/change-password",
      headers: old,
      payload: { current_password: PASSWORD, new_password: "violet-harbour-lantern-77" },
    });
    expect(changed.statusCode).toBe(200);
    expect((await me(a, old)).statusCode).toBe(401);
    now += TTL_SECONDS * 1000;
    expect((await me(b, old)).statusCode).toBe(401);
    const fresh = { authorization: `Bearer ${changed.json().access_token}` };
    expect((await me(a, fresh)).statusCode).toBe(200);
    expect((await me(b, fresh)).statusCode).toBe(200);
  });

  it("applies a change written by any code through the instance's database handle at once", async () => {
    const headers = await account("promoted");
    expect((await me(a, headers)).json().role).toBe("user");
    // Not through the auth service: a plain write on A's handle (as another feature's repository would).
    const username = "promoted";
    await a.db.kysely.updateTable("users").set({ role: "admin" }).where("username", "=", username).execute();
    expect((await me(a, headers)).json().role).toBe("admin");
  });

  it("applies a role change or a removal from a project at once on the instance that made it, on the other within the bound", async () => {
    const owner = await createTestUser(a.app);
    const member = await createTestUser(a.app);
    const project = await projectWithMembers(a.app, owner, [{ user: member, role: "viewer" }]);
    const prompts = `/api/v1/projects/${project.id}/prompts`;
    const list = (t: TestApp) => t.app.inject({ method: "GET", url: prompts, headers: member.auth });
    const create = (t: TestApp, title: string) =>
      t.app.inject({
        method: "POST",
        url: prompts,
        headers: member.auth,
        payload: { title, content: "Summarise the text below in one sentence." },
      });
    const membership = `/api/v1/projects/${project.id}/members/${member.id}`;
    // Both instances have resolved the membership (and keep it).
    expect((await list(a)).statusCode).toBe(200);
    expect((await list(b)).statusCode).toBe(200);
    expect((await create(a, "as viewer")).statusCode).toBe(403);

    const promoted = await a.app.inject({
      method: "PATCH",
      url: membership,
      headers: owner.auth,
      payload: { role: "editor" },
    });
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect((await create(a, "as editor")).statusCode).toBe(201);

    const removed = await a.app.inject({ method: "DELETE", url: membership, headers: owner.auth });
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await list(a)).statusCode).toBe(404);
    // B heard nothing: the viewer it looked up stays trusted until the bound, and not past it.
    now += TTL_SECONDS * 1000 - 1;
    expect((await list(b)).statusCode).toBe(200);
    expect((await create(b, "stale viewer")).statusCode).toBe(403);
    now += 1;
    expect((await list(b)).statusCode).toBe(404);
  });

  it("with AUTH_CACHE_SECONDS=0 looks every request up", async () => {
    const c = await buildTestApp({ target, clock: () => now, db: bDb, env: { AUTH_CACHE_SECONDS: "0" } });
    try {
      const owner = await account("nocache");
      const key = await createAccountKey(a.app, owner, "k");
      expect((await me(c, { "x-api-key": key })).statusCode).toBe(200);
      const id = (await a.app.inject({ method: "GET", url: "/api/v1/auth/api-keys", headers: owner })).json()
        .items[0].id;
      await a.app.inject({ method: "DELETE", url: `/api/v1/auth/api-keys/${id}`, headers: owner });
      expect((await me(c, { "x-api-key": key })).statusCode).toBe(401);
    } finally {
      await c.app.close();
    }
  });
});
