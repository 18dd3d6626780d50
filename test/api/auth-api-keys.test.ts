// API keys end to end: created once with their secret, listed without it, accepted by the auth guard in
// both header forms (recording last use), capped per account, and deletable only by their owner.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_API_KEYS_PER_USER } from "../../src/features/auth/auth-service.js";
import { registerAccount, signIn } from "../helpers/accounts.js";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";

const PASSWORD = "amber-falcon-orchard-19";
const START = Date.parse("2026-04-01T09:00:00.000Z");

describe.each(DB_TARGETS)("API keys (%s)", (target) => {
  let t: TestApp;
  let now = START;
  let alice: string;
  let bob: string;

  const req = (method: "GET" | "POST" | "DELETE", url: string, token: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1/auth${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });

  async function signUp(username: string): Promise<string> {
    await registerAccount(t.app, username, PASSWORD);
    return (await signIn(t.app, username, PASSWORD)).json().access_token;
  }

  beforeAll(async () => {
    t = await buildTestApp({ target, clock: () => now });
    alice = await signUp("alice");
    bob = await signUp("bob");
  });
  afterAll(async () => t.close());

  it("creates a key with its secret shown once, and lists it without the secret", async () => {
    const res = await req("POST", "/api-keys", alice, { name: " CI pipeline " });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.key).toMatch(/^pf_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({
      name: "CI pipeline",
      prefix: created.key.slice(0, 10),
      created_at: new Date(START).toISOString(),
      last_used_at: null,
    });

    const list = await req("GET", "/api-keys", alice);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({
      items: [
        {
          id: created.id,
          name: "CI pipeline",
          prefix: created.prefix,
          created_at: created.created_at,
          last_used_at: null,
        },
      ],
    });
    expect(list.body).not.toContain(created.key);
    const row = await t.db.kysely
      .selectFrom("api_keys")
      .selectAll()
      .where("id", "=", created.id)
      .executeTakeFirstOrThrow();
    expect(row.key_hash).not.toContain(created.key.slice(3));
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("authenticates with the key as a Bearer token and as X-API-Key, recording when it was last used", async () => {
    const { key, id } = (await req("POST", "/api-keys", alice, { name: "scripts" })).json();

    for (const [via, headers, at] of [
      ["Bearer", { authorization: `Bearer ${key}` }, START + 60_000],
      ["X-API-Key", { "x-api-key": key }, START + 120_000],
    ] as const) {
      now = at;
      const res = await t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers });
      expect(res.statusCode, via).toBe(200);
      expect(res.json().username, via).toBe("alice");
      const after = (await req("GET", "/api-keys", alice))
        .json()
        .items.find((k: { id: string }) => k.id === id);
      expect(after.last_used_at, via).toBe(new Date(at).toISOString());
    }
  });

  it("rejects an unknown key with 401 invalid_api_key", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/v1/auth/me",
      headers: { "x-api-key": `pf_${"A".repeat(43)}` },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("invalid_api_key");
  });

  it("deletes a key with 204, after which it no longer authenticates and a second delete is 404", async () => {
    const { key, id } = (await req("POST", "/api-keys", alice, { name: "temporary" })).json();
    const del = await req("DELETE", `/api-keys/${id}`, alice);
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe("");
    const use = await t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { "x-api-key": key } });
    expect(use.statusCode).toBe(401);
    expect(use.json().error.code).toBe("invalid_api_key");
    expect((await req("DELETE", `/api-keys/${id}`, alice)).statusCode).toBe(404);
  });

  it("answers 404 for another user's key, neither listing nor deleting it", async () => {
    const { key, id } = (await req("POST", "/api-keys", bob, { name: "bob's key" })).json();
    const del = await req("DELETE", `/api-keys/${id}`, alice);
    expect(del.statusCode).toBe(404);
    expect(del.json().error.code).toBe("not_found");
    const aliceIds = (await req("GET", "/api-keys", alice)).json().items.map((k: { id: string }) => k.id);
    expect(aliceIds).not.toContain(id);
    // Bob's key survived.
    const use = await t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { "x-api-key": key } });
    expect(use.json().username).toBe("bob");
  });

  it("validates the key name and the id", async () => {
    for (const name of ["", "   ", "n".repeat(101)]) {
      const res = await req("POST", "/api-keys", alice, { name });
      expect(res.statusCode, JSON.stringify(name)).toBe(422);
      expect(res.json().error.details[0].field).toBe("name");
    }
    expect((await req("POST", "/api-keys", alice, {})).statusCode).toBe(422);
    const badId = await req("DELETE", "/api-keys/not-an-id", alice);
    expect(badId.statusCode).toBe(422);
    expect(badId.json().error.details[0].field).toBe("id");
  });

  it("requires authentication for every key route", async () => {
    for (const [method, url] of [
      ["GET", "/api-keys"],
      ["POST", "/api-keys"],
      ["DELETE", "/api-keys/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"],
    ] as const) {
      const res = await t.app.inject({ method, url: `/api/v1/auth${url}`, payload: { name: "x" } });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it(`caps an account at ${MAX_API_KEYS_PER_USER} keys with 422`, async () => {
    const carol = await signUp("carol");
    for (let i = 0; i < MAX_API_KEYS_PER_USER; i++) {
      expect((await req("POST", "/api-keys", carol, { name: `key ${i}` })).statusCode).toBe(201);
    }
    const over = await req("POST", "/api-keys", carol, { name: "one too many" });
    expect(over.statusCode).toBe(422);
    expect(over.json().error.code).toBe("validation_error");
    expect(over.json().error.message).toContain(`at most ${MAX_API_KEYS_PER_USER} API keys`);
    expect((await req("GET", "/api-keys", carol)).json().items).toHaveLength(MAX_API_KEYS_PER_USER);
  });
});
