// createTestUser(app): a user row written straight into the database, with a signed access token,
// so feature tests do not depend on the registration and login flows.
import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll } from "vitest";
import { newId } from "../../src/db/ids.js";
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
      id,
      username,
      username_key: username.toLowerCase(),
      email: `${username.toLowerCase()}@example.test`,
      password_hash: "not-a-real-hash",
      full_name: null,
      role,
      created_at: now,
      updated_at: now,
      last_active_at: null,
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
