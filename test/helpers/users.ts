// createTestUser(app): a user row written straight into the database, with a signed access token,
// so feature tests do not depend on the registration and login flows.
import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll } from "vitest";
import { newId } from "../../src/db/ids.js";
import { newUserRow } from "../../src/features/auth/accounts.js";
import { TokenSigner } from "../../src/features/auth/tokens.js";
import { buildTestApp, type DbTarget, databaseOf, type TestApp } from "./app.js";

export interface TestUser {
  id: string;
  username: string;
  token: string;
  auth: { authorization: string };
}

export async function createTestUser(
  app: FastifyInstance,
  opts: { username?: string; role?: "user" | "admin" } = {},
): Promise<TestUser> {
  const username = opts.username ?? `user_${randomBytes(5).toString("hex")}`;
  const role = opts.role ?? "user";
  const now = new Date(app.deps.clock()).toISOString();
  const id = newId();
  await databaseOf(app)
    .insertInto("users")
    .values({
      ...newUserRow(
        {
          id,
          username,
          email: `${username.toLowerCase()}@example.test`,
          password_hash: "not-a-real-hash",
          full_name: null,
        },
        now,
      ),
      role,
    })
    .execute();
  const { config, clock } = app.deps;
  if (!config.jwtSecret) throw new Error("Test apps sign with the JWT_SECRET testConfig sets");
  const signer = new TokenSigner(config.jwtSecret, config.ACCESS_TOKEN_TTL, clock);
  const token = await signer.sign({ sub: id, username, role });
  return { id, username, token, auth: { authorization: `Bearer ${token}` } };
}

/** A test app on `target` with two fresh accounts, alice and bob (created in that order). */
export async function appWithTwoUsers(
  target: DbTarget,
): Promise<{ t: TestApp; alice: TestUser; bob: TestUser }> {
  const t = await buildTestApp({ target });
  const alice = await createTestUser(t.app);
  const bob = await createTestUser(t.app);
  return { t, alice, bob };
}

/**
 * The same, built before the surrounding describe's tests and closed after them; read its fields inside
 * the tests (they are set once the app is up).
 */
export function useAppWithTwoUsers(target: DbTarget): { t: TestApp; alice: TestUser; bob: TestUser } {
  const fx = {} as { t: TestApp; alice: TestUser; bob: TestUser };
  beforeAll(async () => {
    Object.assign(fx, await appWithTwoUsers(target));
  });
  afterAll(async () => fx.t.close());
  return fx;
}

/** A request to /api/v1<url> as `user`; `headers` go on top of the user's authorization. */
export function apiAs(
  app: FastifyInstance,
  user: Pick<TestUser, "auth">,
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method,
    url: `/api/v1${url}`,
    ...(payload ? { payload } : {}),
    headers: { ...user.auth, ...headers },
  });
}

/** Fresh test users under the given names (keys only; usernames are random), created in that order. */
export async function createTestUsers<K extends string>(
  app: FastifyInstance,
  ...names: K[]
): Promise<Record<K, TestUser>> {
  const users = {} as Record<K, TestUser>;
  for (const name of names) users[name] = await createTestUser(app);
  return users;
}

/**
 * A test app on `target` with accounts under the given usernames (created in that order), built before
 * the surrounding describe's tests and closed after them; `set` hands them to the test's variables.
 */
export function useAppWithUsers<K extends string>(
  target: DbTarget,
  usernames: K[],
  set: (fx: { t: TestApp } & Record<K, TestUser>) => void,
): void {
  let t: TestApp | undefined;
  beforeAll(async () => {
    t = await buildTestApp({ target });
    const users = {} as Record<K, TestUser>;
    for (const username of usernames) users[username] = await createTestUser(t.app, { username });
    set({ t, ...users });
  });
  afterAll(async () => t?.close());
}

/**
 * `call(user, method, url, payload?, headers?)`: a request to `<base><url>` as `user` (anonymous when
 * null) on the app `app()` returns when called, for tests whose app is built in a beforeAll.
 */
export function apiCall(app: () => FastifyInstance, base: string) {
  return (
    user: Pick<TestUser, "auth"> | null,
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app().inject({
      method,
      url: `${base}${url}`,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: { ...(user ? user.auth : {}), ...headers },
    });
}
