// Accounts API end to end: registration rules, sign-in, profile, refresh-token rotation, logout and
// password change, on every database target of the run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAccount } from "../helpers/accounts.js";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";

const PASSWORD = "violet-harbour-lantern-42";
const NEW_PASSWORD = "quiet-meadow-compass-77";

interface Tokens {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
}

/**
 * After registering `username` on `app`: a caller of /api/v1/auth (method, path, body, bearer token), a
 * sign-in, and a password change made with `token` that must succeed and returns the fresh tokens.
 */
async function registeredAccount(app: TestApp["app"], username: string) {
  const call = (method: "GET" | "POST", url: string, body?: object, token?: string) =>
    app.inject({
      method,
      url: `/api/v1/auth${url}`,
      payload: body,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  await registerAccount(app, username, PASSWORD);
  const login = async () => (await call("POST", "/login", { username, password: PASSWORD })).json() as Tokens;
  const changePassword = async (token: string) => {
    const changed = await call(
      "POST",
      "/change-password",
      { current_password: PASSWORD, new_password: NEW_PASSWORD },
      token,
    );
    expect(changed.statusCode).toBe(200);
    return changed.json() as Tokens;
  };
  return { call, login, changePassword };
}

describe.each(DB_TARGETS)("accounts API (%s)", (target) => {
  let t: TestApp;
  beforeAll(async () => {
    // Generous throttle: this suite is about behaviour, auth-throttle.test.ts about limits.
    t = await buildTestApp({ target, env: { LOGIN_RATE_LIMIT_MAX: "100" } });
  });
  afterAll(async () => t.close());

  const post = (url: string, payload: unknown, token?: string) =>
    t.app.inject({
      method: "POST",
      url: `/api/v1/auth${url}`,
      payload: payload as object,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const register = (body: Record<string, unknown>) => post("/register", { password: PASSWORD, ...body });
  const login = (username: string, password = PASSWORD) => post("/login", { username, password });
  const me = (token: string) =>
    t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { authorization: `Bearer ${token}` } });
  const patchMe = (token: string, payload: object) =>
    t.app.inject({
      method: "PATCH",
      url: "/api/v1/auth/me",
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
  const counter = async (name: "userLoginsTotal" | "userRegistrationsTotal", status?: string) => {
    const metric = await t.app.deps.metrics[name].get();
    return metric.values
      .filter((v) => status === undefined || v.labels.status === status)
      .reduce((sum, v) => sum + v.value, 0);
  };

  describe("POST /auth/register", () => {
    it("creates a user and answers 201 with the public fields only", async () => {
      const before = await counter("userRegistrationsTotal");
      const res = await register({
        username: "Ada_L",
        email: "Ada@Example.COM",
        full_name: " Ada Lovelace ",
      });
      expect(res.statusCode).toBe(201);
      const user = res.json();
      expect(Object.keys(user).sort()).toEqual([
        "created_at",
        "email",
        "full_name",
        "id",
        "role",
        "username",
      ]);
      expect(user).toMatchObject({
        username: "Ada_L",
        email: "ada@example.com",
        full_name: "Ada Lovelace",
        role: "user",
      });
      expect(user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
      expect(new Date(user.created_at).toISOString()).toBe(user.created_at);
      expect(await counter("userRegistrationsTotal")).toBe(before + 1);

      const row = await t.db.kysely
        .selectFrom("users")
        .selectAll()
        .where("id", "=", user.id)
        .executeTakeFirstOrThrow();
      expect(row.username_key).toBe("ada_l");
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    });

    it("ignores a role or id sent by the client: the account is a plain user", async () => {
      const res = await register({
        username: "mallory",
        email: "mallory@example.com",
        role: "admin",
        id: "00000000-0000-7000-8000-000000000000",
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().role).toBe("user");
      expect(res.json().id).not.toBe("00000000-0000-7000-8000-000000000000");
      const row = await t.db.kysely
        .selectFrom("users")
        .select("role")
        .where("username_key", "=", "mallory")
        .executeTakeFirstOrThrow();
      expect(row.role).toBe("user");
    });

    it("rejects a username that differs from a taken one only in case with 409 username_taken", async () => {
      const res = await register({ username: "ada_l", email: "other-ada@example.com" });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe("username_taken");
    });

    it("rejects a taken e-mail address in any case with 409 email_taken", async () => {
      const res = await register({ username: "ada2", email: "ADA@example.com" });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe("email_taken");
    });

    it("rejects a short password with 422 naming the field", async () => {
      const before = await counter("userRegistrationsTotal");
      const res = await register({ username: "shorty", email: "s@example.com", password: "abc12345" });
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({
        code: "validation_error",
        message: "Invalid body: password must NOT have fewer than 10 characters",
        details: [{ field: "password" }],
      });
      expect(await counter("userRegistrationsTotal")).toBe(before);
    });

    it("rejects common passwords whatever their case", async () => {
      for (const password of ["Password123", "QWERTYUIOP", "iloveyou123", "1q2w3e4r5t"]) {
        const res = await register({ username: "commoner", email: "c@example.com", password });
        expect(res.statusCode, password).toBe(422);
        expect(res.json().error.details).toEqual([
          { field: "password", message: expect.stringContaining("most common passwords") },
        ]);
      }
    });

    it("rejects a password that contains the username, ignoring case", async () => {
      const res = await register({ username: "Grace", email: "g@example.com", password: "xx-gRaCe-2024-yy" });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details).toEqual([
        { field: "password", message: "must not contain the username" },
      ]);
    });

    it("rejects malformed usernames, e-mail addresses and names with 422 naming the field", async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ username: "ab", email: "v@example.com" }, "username"],
        [{ username: "has space", email: "v@example.com" }, "username"],
        [{ username: "a@b", email: "v@example.com" }, "username"],
        [{ username: "x".repeat(33), email: "v@example.com" }, "username"],
        [{ username: "valid", email: "not-an-email" }, "email"],
        [{ username: "valid", email: "a b@example.com" }, "email"],
        [{ username: "valid", email: `${"a".repeat(60)}@${"b".repeat(190)}.com` }, "email"],
        [{ username: "valid", email: "v@example.com", full_name: "n".repeat(101) }, "full_name"],
        [{ username: "valid", email: "v@example.com", password: "p".repeat(257) }, "password"],
        [{ email: "v@example.com" }, "username"],
      ];
      for (const [body, field] of cases) {
        const res = await register(body);
        expect(res.statusCode, JSON.stringify(body)).toBe(422);
        expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
      }
    });
  });

  describe("POST /auth/login", () => {
    beforeAll(async () => {
      expect((await register({ username: "Linus", email: "linus@example.com" })).statusCode).toBe(201);
    });

    it("signs in by username in any case or by e-mail and returns a working token pair", async () => {
      for (const payload of [
        { username: "linus", password: PASSWORD },
        { username: "LINUS", password: PASSWORD },
        { username: "Linus@Example.com", password: PASSWORD },
        { email: "linus@example.com", password: PASSWORD },
      ]) {
        const res = await post("/login", payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(200);
        const pair = res.json() as Tokens;
        expect(pair.token_type).toBe("bearer");
        expect(pair.expires_in).toBe(t.config.ACCESS_TOKEN_TTL);
        expect(pair.refresh_token).toMatch(/^pfr_/);
        const who = await me(pair.access_token);
        expect(who.statusCode).toBe(200);
        expect(who.json().username).toBe("Linus");
      }
    });

    it("answers an unknown user and a wrong password with the same 401 invalid_credentials", async () => {
      const unknown = await login("nobody-here", PASSWORD);
      const wrong = await login("linus", "not-the-right-password");
      expect(unknown.statusCode).toBe(401);
      expect(wrong.statusCode).toBe(401);
      expect(unknown.json().error).toEqual({
        code: "invalid_credentials",
        message: "Invalid username or password",
      });
      expect(wrong.json().error).toEqual(unknown.json().error);
      expect(wrong.headers["www-authenticate"]).toBe(unknown.headers["www-authenticate"]);
    });

    it("asks for a username or e-mail with 422 when neither is given", async () => {
      const res = await post("/login", { password: PASSWORD });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details).toEqual([
        { field: "username", message: "is required (or give email)" },
      ]);
    });

    it("counts each attempt exactly once in user_logins_total by outcome", async () => {
      const [s0, f0, th0] = [
        await counter("userLoginsTotal", "success"),
        await counter("userLoginsTotal", "failure"),
        await counter("userLoginsTotal", "throttled"),
      ];
      await login("linus");
      await login("linus", "wrong-password-here");
      await login("ghost-user");
      await login("linus@example.com");
      expect(await counter("userLoginsTotal", "success")).toBe(s0 + 2);
      expect(await counter("userLoginsTotal", "failure")).toBe(f0 + 2);
      expect(await counter("userLoginsTotal", "throttled")).toBe(th0);
      const text = await t.app.deps.metrics.registry.getSingleMetricAsString("user_logins_total");
      expect(text).toContain(`user_logins_total{status="success"} ${s0 + 2}`);
    });
  });

  describe("GET and PATCH /auth/me", () => {
    let token: string;
    beforeAll(async () => {
      expect((await register({ username: "margaret", email: "margaret@example.com" })).statusCode).toBe(201);
      token = (await login("margaret")).json().access_token;
    });

    it("answers 401 without credentials and with a forged token", async () => {
      const none = await t.app.inject({ method: "GET", url: "/api/v1/auth/me" });
      expect(none.statusCode).toBe(401);
      expect(none.json().error.code).toBe("unauthorized");
      const forged = await me(`${token.slice(0, -4)}AAAA`);
      expect(forged.statusCode).toBe(401);
      expect(forged.json().error.code).toBe("invalid_token");
    });

    it("returns the signed-in user", async () => {
      const res = await me(token);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        username: "margaret",
        email: "margaret@example.com",
        full_name: null,
      });
    });

    it("updates the full name and e-mail address, and ignores fields that cannot be changed", async () => {
      const res = await patchMe(token, {
        full_name: "Margaret Hamilton",
        email: "MH@Example.com",
        role: "admin",
        username: "root",
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        username: "margaret",
        email: "mh@example.com",
        full_name: "Margaret Hamilton",
        role: "user",
      });
      expect((await me(token)).json().email).toBe("mh@example.com");
      // The new address signs in; the old one no longer does.
      expect((await post("/login", { email: "mh@example.com", password: PASSWORD })).statusCode).toBe(200);
      expect((await post("/login", { email: "margaret@example.com", password: PASSWORD })).statusCode).toBe(
        401,
      );
    });

    it("clears the full name with null", async () => {
      const res = await patchMe(token, { full_name: null });
      expect(res.statusCode).toBe(200);
      expect(res.json().full_name).toBeNull();
    });

    it("refuses an e-mail address that belongs to someone else with 409 email_taken", async () => {
      const res = await patchMe(token, { email: "Linus@example.com" });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe("email_taken");
    });

    it("refuses a malformed e-mail address with 422", async () => {
      const res = await patchMe(token, { email: "nope" });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details[0].field).toBe("email");
    });
  });

  describe("refresh tokens and logout", () => {
    beforeAll(async () => {
      expect((await register({ username: "barbara", email: "barbara@example.com" })).statusCode).toBe(201);
    });

    it("rotates: the new refresh token works once, the old one is spent", async () => {
      const first = (await login("barbara")).json() as Tokens;
      const res = await post("/refresh", { refresh_token: first.refresh_token });
      expect(res.statusCode).toBe(200);
      const second = res.json() as Tokens;
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect((await me(second.access_token)).statusCode).toBe(200);

      const rows = await t.db.kysely
        .selectFrom("refresh_tokens")
        .selectAll()
        .innerJoin("users", "users.id", "refresh_tokens.user_id")
        .where("users.username_key", "=", "barbara")
        .orderBy("refresh_tokens.created_at")
        .execute();
      const family = rows.filter((r) => r.family_id === rows.at(-1)?.family_id);
      expect(family).toHaveLength(2);
      expect(family[0]?.used_at).not.toBeNull();
      expect(family[1]?.used_at).toBeNull();
      // Only hashes are stored.
      expect(rows.map((r) => r.token_hash)).not.toContain(first.refresh_token);
    });

    it("revokes the whole family when a spent token is presented again, and leaves other sessions alone", async () => {
      const other = (await login("barbara")).json() as Tokens;
      const first = (await login("barbara")).json() as Tokens;
      const second = (await post("/refresh", { refresh_token: first.refresh_token })).json() as Tokens;

      const reuse = await post("/refresh", { refresh_token: first.refresh_token });
      expect(reuse.statusCode).toBe(401);
      expect(reuse.json().error.code).toBe("invalid_token");
      // The thief's (or the owner's) newer token dies with the family.
      const afterReuse = await post("/refresh", { refresh_token: second.refresh_token });
      expect(afterReuse.statusCode).toBe(401);
      expect((await post("/refresh", { refresh_token: other.refresh_token })).statusCode).toBe(200);
    });

    it("rejects an unknown refresh token with 401", async () => {
      const res = await post("/refresh", { refresh_token: "pfr_not-a-real-token" });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe("invalid_token");
      expect((await post("/refresh", {})).statusCode).toBe(422);
    });

    it("logout ends that session only and answers 204, also for an unknown token", async () => {
      const a = (await login("barbara")).json() as Tokens;
      const b = (await login("barbara")).json() as Tokens;
      const aNext = (await post("/refresh", { refresh_token: a.refresh_token })).json() as Tokens;
      const out = await post("/logout", { refresh_token: a.refresh_token });
      expect(out.statusCode).toBe(204);
      expect(out.body).toBe("");
      // Logging out with a spent token of the family still ends the newest one.
      expect((await post("/refresh", { refresh_token: aNext.refresh_token })).statusCode).toBe(401);
      expect((await post("/refresh", { refresh_token: b.refresh_token })).statusCode).toBe(200);
      expect((await post("/logout", { refresh_token: "pfr_unknown" })).statusCode).toBe(204);
    });
  });

  describe("POST /auth/change-password", () => {
    let session: Tokens;
    let otherSession: Tokens;
    beforeAll(async () => {
      expect((await register({ username: "hedy", email: "hedy@example.com" })).statusCode).toBe(201);
      session = (await login("hedy")).json();
      otherSession = (await login("hedy")).json();
    });

    it("refuses a wrong current password with 422 on current_password", async () => {
      const res = await post(
        "/change-password",
        { current_password: "not-my-password", new_password: NEW_PASSWORD },
        session.access_token,
      );
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details).toEqual([{ field: "current_password", message: "is incorrect" }]);
    });

    it("applies the password rules to the new password", async () => {
      for (const [new_password, message] of [
        ["short", "must NOT have fewer than 10 characters"],
        ["password1234", "most common passwords"],
        ["my-name-is-HEDY", "must not contain the username"],
      ] as const) {
        const res = await post(
          "/change-password",
          { current_password: PASSWORD, new_password },
          session.access_token,
        );
        expect(res.statusCode, new_password).toBe(422);
        expect(res.json().error.details[0]).toMatchObject({ field: "new_password" });
        expect(res.json().error.message).toContain(message);
      }
    });

    it("requires authentication", async () => {
      const res = await post("/change-password", { current_password: PASSWORD, new_password: NEW_PASSWORD });
      expect(res.statusCode).toBe(401);
    });

    it("changes the password, ends every other session and returns a fresh one", async () => {
      const res = await post(
        "/change-password",
        { current_password: PASSWORD, new_password: NEW_PASSWORD },
        session.access_token,
      );
      expect(res.statusCode).toBe(200);
      const fresh = res.json() as Tokens;
      expect(fresh.token_type).toBe("bearer");

      expect((await post("/refresh", { refresh_token: session.refresh_token })).statusCode).toBe(401);
      expect((await post("/refresh", { refresh_token: otherSession.refresh_token })).statusCode).toBe(401);
      expect((await post("/refresh", { refresh_token: fresh.refresh_token })).statusCode).toBe(200);
      expect((await login("hedy", PASSWORD)).statusCode).toBe(401);
      expect((await login("hedy", NEW_PASSWORD)).statusCode).toBe(200);
    });
  });

  it("refuses access tokens issued before a password change, keeping the fresh one", async () => {
    let now = Date.parse("2026-03-01T10:00:00Z");
    const c = await buildTestApp({ target, clock: () => now });
    try {
      const { call, login, changePassword } = await registeredAccount(c.app, "ida");
      const old = await login();
      now += 5_000;
      const fresh = await changePassword(old.access_token);
      expect((await call("GET", "/me", undefined, old.access_token)).statusCode).toBe(401);
      expect((await call("GET", "/me", undefined, fresh.access_token)).statusCode).toBe(200);
    } finally {
      await c.close();
    }
  });

  it("refuses an access token issued in the same second as a password change, but before it", async () => {
    let now = Date.parse("2026-03-01T10:00:00.100Z");
    const c = await buildTestApp({ target, clock: () => now });
    try {
      const { call, login, changePassword } = await registeredAccount(c.app, "joan");
      const other = await login();
      now += 300;
      const mine = await login();
      now += 300; // 10:00:00.700: the same second as both sign-ins
      const fresh = await changePassword(mine.access_token);
      expect((await call("GET", "/me", undefined, other.access_token)).statusCode).toBe(401);
      expect((await call("GET", "/me", undefined, mine.access_token)).statusCode).toBe(401);
      expect((await call("GET", "/me", undefined, fresh.access_token)).statusCode).toBe(200);
      now += 200; // the next second: the fresh token still works
      expect((await call("GET", "/me", undefined, fresh.access_token)).statusCode).toBe(200);
    } finally {
      await c.close();
    }
  });

  it("documents every accounts route in the OpenAPI document under the auth tag", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json() as {
      paths: Record<string, Record<string, { tags?: string[]; summary?: string; security?: unknown }>>;
    };
    const routes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith("/api/v1/auth/"))
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      "delete /api/v1/auth/api-keys/{id}",
      "get /api/v1/auth/api-keys",
      "get /api/v1/auth/me",
      "get /api/v1/auth/methods",
      "get /api/v1/auth/oidc/callback",
      "get /api/v1/auth/oidc/login",
      "patch /api/v1/auth/me",
      "post /api/v1/auth/api-keys",
      "post /api/v1/auth/change-password",
      "post /api/v1/auth/login",
      "post /api/v1/auth/logout",
      "post /api/v1/auth/oidc/session",
      "post /api/v1/auth/refresh",
      "post /api/v1/auth/register",
    ]);
    for (const { op, path } of routes) {
      expect(op.tags).toEqual(["auth"]);
      expect(op.summary).toBeTruthy();
      const isPublic = ["register", "login", "refresh", "logout", "methods", "callback", "session"].some(
        (p) => path.endsWith(p),
      );
      expect(Boolean(op.security), path).toBe(!isPublic);
    }
  });
});
