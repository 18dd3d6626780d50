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

/**
 * A route's authentication hook (onRequest): a callback hook, so a request whose credential needs no
 * look-up (the auth cache holds its rows) is checked without a promise.
 */
export type AuthHook = (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => void;

declare module "fastify" {
  interface FastifyRequest {
    user?: AuthUser;
  }
  interface FastifyInstance {
    requireUser: AuthHook;
    optionalUser: AuthHook;
    requireAdmin: AuthHook;
    requireAccount: AuthHook;
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

/**
 * A callback hook running `check`: done at once when it returned nothing (no promise for the request),
 * else when its promise settles; `what` names a look-up that rejected without an error.
 */
export function hookOf(
  check: (req: FastifyRequest) => void | Promise<void>,
  what = "authentication",
): AuthHook {
  return (req, _reply, done) => {
    let pending: void | Promise<void>;
    try {
      pending = check(req);
    } catch (e) {
      done(e as Error);
      return;
    }
    if (pending)
      pending.then(
        () => done(),
        (e: unknown) => done(e instanceof Error ? e : new Error(`${what} look-up failed`)),
      );
    else done();
  };
}

async function authGuard(app: FastifyInstance, { authenticate }: AuthGuardOptions) {
  app.decorateRequest("user", undefined);
  /** Sets req.user from the credential; a promise only when authenticate had to look something up. */
  const signIn = (req: FastifyRequest, credential: Credential): void | Promise<void> => {
    const user = authenticate(credential);
    if (!(user instanceof Promise)) {
      req.user = user;
      return;
    }
    return user.then((found) => {
      req.user = found;
    });
  };
  const requireUser = (req: FastifyRequest): void | Promise<void> => {
    const credential = credentialOf(req);
    if (!credential) throw new UnauthorizedError();
    return signIn(req, credential);
  };
  // Account routes (profile, password, user-level keys, the project list…) are not a project's to open:
  // a project API key there would reach beyond its project and scopes.
  const accountOnly = (req: FastifyRequest): void => {
    if (req.user?.apiKey?.projectId)
      throw new ForbiddenError("A project API key works only on its project's routes");
  };
  const requireAccount = (req: FastifyRequest): void | Promise<void> => {
    const pending = requireUser(req);
    if (pending) return pending.then(() => accountOnly(req));
    accountOnly(req);
  };
  const adminOnly = (req: FastifyRequest): void => {
    if (req.user?.role !== "admin") throw new ForbiddenError("Administrator role required");
  };
  app.decorate(
    "optionalUser",
    hookOf((req) => {
      const credential = credentialOf(req);
      if (credential) return signIn(req, credential);
    }),
  );
  app.decorate("requireUser", hookOf(requireUser));
  app.decorate("requireAccount", hookOf(requireAccount));
  app.decorate(
    "requireAdmin",
    hookOf((req) => {
      const pending = requireAccount(req);
      if (pending) return pending.then(() => adminOnly(req));
      adminOnly(req);
    }),
  );
}

export default fp(authGuard, { name: "auth-guard" });
