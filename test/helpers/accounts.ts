// Accounts made and signed in through the real API (registration and login), for the tests of those
// flows; feature tests that only need a signed-in user use createTestUser (users.ts) instead.
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";

/** Registers `username` (e-mail `<username>@example.com`) through POST /api/v1/auth/register; expects 201. */
export async function registerAccount(
  app: FastifyInstance,
  username: string,
  password: string,
): Promise<void> {
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/auth/register",
    payload: { username, email: `${username}@example.com`, password },
  });
  expect(res.statusCode).toBe(201);
}

/** POST /api/v1/auth/login, from `remoteAddress` when given; the response is the caller's to check. */
export function signIn(app: FastifyInstance, username: string, password: string, remoteAddress?: string) {
  return app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { username, password },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
}

/** Creates a user-level API key named `name` with `auth` (POST /api/v1/auth/api-keys); expects 201, returns the key. */
export async function createAccountKey(
  app: FastifyInstance,
  auth: { authorization: string },
  name: string,
): Promise<string> {
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/auth/api-keys",
    headers: auth,
    payload: { name },
  });
  expect(res.statusCode).toBe(201);
  return res.json().key as string;
}
