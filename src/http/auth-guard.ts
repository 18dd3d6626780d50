// Authentication for routes: `app.requireUser` (401 without valid credentials) and `app.optionalUser`.
// Accepts `Authorization: Bearer <jwt>`, `Authorization: Bearer pf_…` (API key) or `X-API-Key: pf_…`.
// Routes opt in by listing the hook, so which routes are public is visible where the route is declared.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { hashSecret, looksLikeApiKey, type TokenSigner } from "../features/auth/tokens.js";
import { ForbiddenError, UnauthorizedError } from "./errors.js";

export interface AuthUser {
  id: string;
  username: string;
  role: "user" | "admin";
  via: "token" | "api_key";
}

declare module "fastify" {
  interface FastifyRequest {
    user?: AuthUser;
  }
  interface FastifyInstance {
    requireUser: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
    optionalUser: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
    requireAdmin: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

export interface AuthGuardOptions {
  db: Kysely<Database>;
  signer: TokenSigner;
  clock: () => number;
}

const ACTIVITY_WRITE_INTERVAL_MS = 60_000;

function credentialOf(req: FastifyRequest): { kind: "jwt" | "api_key"; value: string } | null {
  const header = req.headers.authorization;
  if (typeof header === "string") {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) throw new UnauthorizedError("Malformed Authorization header: expected 'Bearer <token>'");
    const value = m[1] as string;
    return { kind: looksLikeApiKey(value) ? "api_key" : "jwt", value };
  }
  const key = req.headers["x-api-key"];
  if (typeof key === "string" && key.length > 0) return { kind: "api_key", value: key };
  return null;
}

async function authGuard(app: FastifyInstance, opts: AuthGuardOptions) {
  const { db, signer, clock } = opts;
  // Recent activity writes per user, so a busy client costs one UPDATE a minute, not one per request.
  const lastWrite = new Map<string, number>();

  async function touch(userId: string) {
    const now = clock();
    if (now - (lastWrite.get(userId) ?? 0) < ACTIVITY_WRITE_INTERVAL_MS) return;
    lastWrite.set(userId, now);
    if (lastWrite.size > 10_000) lastWrite.clear();
    await db
      .updateTable("users")
      .set({ last_active_at: new Date(now).toISOString() })
      .where("id", "=", userId)
      .execute();
  }

  async function resolve(req: FastifyRequest): Promise<AuthUser | null> {
    const cred = credentialOf(req);
    if (!cred) return null;
    if (cred.kind === "api_key") {
      if (!looksLikeApiKey(cred.value)) throw new UnauthorizedError("Invalid API key", "invalid_api_key");
      const row = await db
        .selectFrom("api_keys")
        .innerJoin("users", "users.id", "api_keys.user_id")
        .select(["api_keys.id as key_id", "users.id", "users.username", "users.role"])
        .where("api_keys.key_hash", "=", hashSecret(cred.value))
        .executeTakeFirst();
      if (!row) throw new UnauthorizedError("Invalid API key", "invalid_api_key");
      await db
        .updateTable("api_keys")
        .set({ last_used_at: new Date(clock()).toISOString() })
        .where("id", "=", row.key_id)
        .execute();
      return { id: row.id, username: row.username, role: row.role, via: "api_key" };
    }
    const claims = await signer.verify(cred.value);
    if (!claims) throw new UnauthorizedError("Invalid or expired access token", "invalid_token");
    // The user row is the source of truth: a deleted user or a changed role takes effect at once.
    const row = await db
      .selectFrom("users")
      .select(["id", "username", "role", "sessions_valid_after"])
      .where("id", "=", claims.sub)
      .executeTakeFirst();
    if (!row) throw new UnauthorizedError("Invalid or expired access token", "invalid_token");
    // Milliseconds: a token from earlier in the same second is refused; the one issued together with
    // the cut-off (same instant or later) stays valid.
    if (row.sessions_valid_after && (claims.issuedAtMs ?? 0) < Date.parse(row.sessions_valid_after)) {
      throw new UnauthorizedError("Session ended: sign in again", "invalid_token");
    }
    return { id: row.id, username: row.username, role: row.role, via: "token" };
  }

  app.decorateRequest("user", undefined);
  app.decorate("optionalUser", async (req: FastifyRequest) => {
    const user = await resolve(req);
    if (user) {
      req.user = user;
      await touch(user.id);
    }
  });
  app.decorate("requireUser", async (req: FastifyRequest) => {
    const user = await resolve(req);
    if (!user) throw new UnauthorizedError();
    req.user = user;
    await touch(user.id);
  });
  app.decorate("requireAdmin", async (req: FastifyRequest, reply: FastifyReply) => {
    await app.requireUser(req, reply);
    if (req.user?.role !== "admin") throw new ForbiddenError("Administrator role required");
  });
}

export default fp(authGuard, { name: "auth-guard" });
