// Authentication for routes: `app.requireUser` (401 without valid credentials), `app.optionalUser` and
// `app.requireAdmin`. Reads the credential from `Authorization: Bearer <jwt>`, `Authorization: Bearer pf_…`
// (API key) or `X-API-Key: pf_…`, and asks the `authenticate` function it is given (the auth service's)
// whose it is. Routes opt in through the route kit, so which routes are public is visible where the
// route is declared.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { ForbiddenError, UnauthorizedError } from "./errors.js";

export interface AuthUser {
  id: string;
  username: string;
  role: "user" | "admin";
  via: "token" | "api_key";
  /**
   * The API key used, when one was: `projectId` null is a user-level key (the owner's personal project,
   * the owner's rights); otherwise a project key, limited to `scopes` and to that project's routes.
   */
  apiKey?: { id: string; projectId: string | null; scopes: string[] | null };
}

/** A credential as sent: the bearer value of Authorization, or the X-API-Key header. */
export interface Credential {
  from: "bearer" | "x-api-key";
  value: string;
}

declare module "fastify" {
  interface FastifyRequest {
    user?: AuthUser;
  }
  interface FastifyInstance {
    requireUser: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
    optionalUser: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
    requireAdmin: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
    requireAccount: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

export interface AuthGuardOptions {
  /**
   * The user a credential belongs to; throws (or rejects with) UnauthorizedError for a bad one. A plain
   * value when it needed no look-up, so the usual signed-in request makes no promise for it.
   */
  authenticate: (credential: Credential) => AuthUser | Promise<AuthUser>;
}

function credentialOf(req: FastifyRequest): Credential | null {
  const header = req.headers.authorization;
  if (typeof header === "string") {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) throw new UnauthorizedError("Malformed Authorization header: expected 'Bearer <token>'");
    return { from: "bearer", value: m[1] as string };
  }
  const key = req.headers["x-api-key"];
  if (typeof key === "string" && key.length > 0) return { from: "x-api-key", value: key };
  return null;
}

async function authGuard(app: FastifyInstance, { authenticate }: AuthGuardOptions) {
  app.decorateRequest("user", undefined);
  app.decorate("optionalUser", async (req: FastifyRequest) => {
    const credential = credentialOf(req);
    if (credential) req.user = await authenticate(credential);
  });
  app.decorate("requireUser", async (req: FastifyRequest) => {
    const credential = credentialOf(req);
    if (!credential) throw new UnauthorizedError();
    req.user = await authenticate(credential);
  });
  // Account routes (profile, password, user-level keys, the project list…) are not a project's to open:
  // a project API key there would reach beyond its project and scopes.
  app.decorate("requireAccount", async (req: FastifyRequest, reply: FastifyReply) => {
    await app.requireUser(req, reply);
    if (req.user?.apiKey?.projectId)
      throw new ForbiddenError("A project API key works only on its project's routes");
  });
  app.decorate("requireAdmin", async (req: FastifyRequest, reply: FastifyReply) => {
    await app.requireAccount(req, reply);
    if (req.user?.role !== "admin") throw new ForbiddenError("Administrator role required");
  });
}

export default fp(authGuard, { name: "auth-guard" });
