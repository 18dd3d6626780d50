// Accounts: registration, login with throttling, rotating refresh tokens, profile, password change and
// API keys. Decisions live here; SQL in auth-repository.ts, HTTP in auth-routes.ts.
import { randomBytes } from "node:crypto";
import type { Config } from "../../config.js";
import { newId } from "../../db/ids.js";
import type { Db } from "../../db/repository.js";
import type { AuthUser, Credential } from "../../http/auth-guard.js";
import {
  AppError,
  ConflictError,
  type FieldIssue,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
} from "../../http/errors.js";
import type { RequestOrigin } from "../../http/route-kit.js";
import { iso } from "../../lib/time.js";
import { counterChild } from "../../observability/metric-children.js";
import type { Metrics } from "../../observability/metrics.js";
import type { AuditRecorder } from "../audit/audit-service.js";
import type { ProjectsService } from "../projects/projects-service.js";
import { newUserRow } from "./accounts.js";
import { type AuthCache, createAuthCache } from "./auth-cache.js";
import { type AuthQueries, createAuthRepository, type UserRow, uniqueViolation } from "./auth-repository.js";
import type {
  ApiKey,
  ChangePasswordBody,
  CreatedApiKey,
  LoginBody,
  RegisterBody,
  TokenPair,
  UpdateMeBody,
  User,
} from "./auth-schemas.js";
import {
  hashPassword,
  loadCommonPasswords,
  needsRehash,
  passwordIssues,
  verifyPassword,
} from "./passwords.js";
import {
  type AccessClaims,
  hashSecret,
  looksLikeApiKey,
  newApiKey,
  newRefreshToken,
  type TokenSigner,
} from "./tokens.js";

export const MAX_API_KEYS_PER_USER = 25;
export const API_KEY_PREFIX_LENGTH = 10;

export interface AuthServiceDeps {
  db: Db;
  config: Pick<
    Config,
    | "LOGIN_RATE_LIMIT_WINDOW"
    | "LOGIN_RATE_LIMIT_MAX"
    | "LOGIN_ACCOUNT_RATE_LIMIT_MAX"
    | "LOGIN_ADDRESS_RATE_LIMIT_MAX"
    | "REFRESH_TOKEN_TTL"
    | "PASSWORD_LOGIN"
  >;
  clock: () => number;
  signer: Pick<TokenSigner, "sign" | "verify" | "expiresIn">;
  metrics: Pick<Metrics, "userRegistrationsTotal" | "userLoginsTotal" | "apiKeyAuthenticationsTotal">;
  /** Sign-ins, failed sign-ins, password changes and personal API keys go to the instance audit log. */
  audit: AuditRecorder;
  /** Every account gets its personal project at registration. */
  projects: Pick<ProjectsService, "personalProject">;
  /** The look-ups of signed-in requests, kept briefly (auth-cache.ts); absent = looked up every time. */
  cache?: AuthCache;
}

/**
 * Recent activity (a user's last_active_at, an API key's last_used_at) is written at most this often per
 * user or key, so a busy client costs one UPDATE a minute.
 */
const ACTIVITY_WRITE_INTERVAL_MS = 60_000;
export type AuthService = ReturnType<typeof createAuthService>;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    full_name: row.full_name,
    role: row.role,
    created_at: row.created_at,
  };
}

function invalid(issues: FieldIssue[], where = "body"): ValidationError {
  return new ValidationError(
    `Invalid ${where}: ${issues.map((i) => `${i.field} ${i.message}`).join("; ")}`,
    issues,
  );
}

const usernameTaken = () => new ConflictError("That username is already taken", undefined, "username_taken");
const emailTaken = () =>
  new ConflictError("An account with that e-mail address already exists", undefined, "email_taken");
const invalidCredentials = () => new UnauthorizedError("Invalid username or password", "invalid_credentials");
/** Registration and password sign-in with PASSWORD_LOGIN=false: single sign-on is the way in. */
export const passwordLoginDisabled = () =>
  new AppError(
    403,
    "password_login_disabled",
    "Password sign-in is turned off on this server: sign in with single sign-on instead",
  );
const invalidRefreshToken = (why = "Invalid or expired refresh token") =>
  new UnauthorizedError(why, "invalid_token");

export function createAuthService(deps: AuthServiceDeps) {
  const { config, clock, signer, metrics, audit } = deps;
  const repo = createAuthRepository(deps.db);
  const cache = deps.cache ?? createAuthCache({ ttlMs: 0, maxEntries: 0, clock });
  const windowMs = config.LOGIN_RATE_LIMIT_WINDOW * 1000;
  // Read the list now so a broken build fails at start, not at the first registration.
  loadCommonPasswords();

  // Unknown users are checked against this hash so they cost the same time as a wrong password.
  // Made at start so the first unknown name is not slower than the rest.
  const dummyHash = hashPassword(randomBytes(18).toString("base64"));
  dummyHash.catch(() => {}); // awaited (and any failure surfaced) at the first unknown-user login

  let lastSweep = 0;

  // Three counters per sign-in, so one address guessing one account locks out neither the account's owner
  // elsewhere nor everyone else behind that address (a proxy without TRUST_PROXY, an office NAT):
  // - the account from this address: LOGIN_RATE_LIMIT_MAX failures;
  // - the account from anywhere: LOGIN_ACCOUNT_RATE_LIMIT_MAX failures (guessing spread over addresses);
  // - the address: LOGIN_ADDRESS_RATE_LIMIT_MAX distinct accounts failed (one address trying many).
  interface ThrottleKeys {
    account: string;
    pair?: string;
    address?: string;
  }
  const throttleKeys = (account: string, address?: string): ThrottleKeys => ({
    account: `user:${account}`,
    ...(address === undefined ? {} : { pair: `pair:${address}|${account}`, address: `addr:${address}` }),
  });

  /**
   * Throws 429 when any counter has reached its ceiling in the current window; otherwise returns the keys
   * whose counters are running in this window (a failure's address count depends on it).
   */
  async function assertNotThrottled(keys: ThrottleKeys, now: number): Promise<Set<string>> {
    const ceilings = new Map<string, number>([[keys.account, config.LOGIN_ACCOUNT_RATE_LIMIT_MAX]]);
    if (keys.pair) ceilings.set(keys.pair, config.LOGIN_RATE_LIMIT_MAX);
    if (keys.address) ceilings.set(keys.address, config.LOGIN_ADDRESS_RATE_LIMIT_MAX);
    const windowStart = iso(now - windowMs);
    const running = new Set<string>();
    let retryAfterMs = 0;
    for (const row of await repo.getLoginAttempts([...ceilings.keys()])) {
      if (row.window_started_at <= windowStart) continue;
      running.add(row.key);
      if (row.failures >= (ceilings.get(row.key) ?? Number.POSITIVE_INFINITY)) {
        retryAfterMs = Math.max(retryAfterMs, Date.parse(row.window_started_at) + windowMs - now);
      }
    }
    if (retryAfterMs > 0) {
      throw new TooManyRequestsError(
        retryAfterMs / 1000,
        "Too many failed sign-in attempts; try again later",
      );
    }
    return running;
  }

  async function recordFailure(keys: ThrottleKeys, running: Set<string>, now: number): Promise<void> {
    const windowStart = iso(now - windowMs);
    if (now - lastSweep >= windowMs) {
      lastSweep = now;
      await repo.deleteStaleLoginAttempts(windowStart);
    }
    const counted = [keys.account];
    if (keys.pair) counted.push(keys.pair);
    // The address counts accounts, not failures: only this account's first failure here in the window.
    if (keys.address && keys.pair && !running.has(keys.pair)) counted.push(keys.address);
    for (const key of counted) await repo.recordLoginFailure(key, iso(now), windowStart);
  }

  async function clearFailures(keys: ThrottleKeys): Promise<void> {
    await repo.clearLoginAttempts(keys.account);
    if (keys.pair) await repo.clearLoginAttempts(keys.pair);
  }

  /** A new session (or the next token of an existing family) for `user`, written through `r`. */
  async function issueSession(
    r: Pick<AuthQueries, "insertRefreshToken">,
    user: UserRow,
    familyId?: string,
  ): Promise<TokenPair> {
    const now = clock();
    const refreshToken = newRefreshToken();
    await r.insertRefreshToken({
      id: newId(now),
      user_id: user.id,
      family_id: familyId ?? newId(now),
      token_hash: hashSecret(refreshToken),
      created_at: iso(now),
      expires_at: iso(now + config.REFRESH_TOKEN_TTL * 1000),
      used_at: null,
      revoked_at: null,
    });
    const accessToken = await signer.sign({ sub: user.id, username: user.username, role: user.role });
    return {
      access_token: accessToken,
      token_type: "bearer",
      expires_in: signer.expiresIn,
      refresh_token: refreshToken,
    };
  }

  async function userOrThrow(userId: string): Promise<UserRow> {
    const user = await repo.findUserById(userId);
    // The guard found this user a moment ago; gone now means deleted in between.
    if (!user) throw new UnauthorizedError("Account no longer exists", "invalid_token");
    return user;
  }

  // Recent activity writes per user (users.last_active_at, behind active_users) and per API key.
  const lastActivityWrite = new Map<string, number>();

  /** True when `id` had no activity written in the last interval (and marks it written now). */
  function activityDue(id: string, now: number): boolean {
    if (now - (lastActivityWrite.get(id) ?? Number.NEGATIVE_INFINITY) < ACTIVITY_WRITE_INTERVAL_MS)
      return false;
    if (lastActivityWrite.size >= 20_000) lastActivityWrite.clear();
    lastActivityWrite.set(id, now);
    return true;
  }

  /** `user`, once its activity is written when due (at most once a minute): no promise when not due. */
  function withActivity(user: AuthUser): AuthUser | Promise<AuthUser> {
    const now = clock();
    if (!activityDue(`user:${user.id}`, now)) return user;
    return repo.updateUser(user.id, { last_active_at: iso(now) }).then(() => user);
  }

  type KeyOwner = NonNullable<Awaited<ReturnType<typeof repo.findApiKeyOwner>>>;
  type SessionUser = NonNullable<Awaited<ReturnType<typeof repo.findSessionUser>>>;

  // Every request signed with an API key counts one success: the two series' children are kept, not
  // looked up by their label values each time (metric-children.ts).
  const keySuccess = {
    user: counterChild(metrics.apiKeyAuthenticationsTotal, "user", "success"),
    project: counterChild(metrics.apiKeyAuthenticationsTotal, "project", "success"),
  };

  /** The user behind an API key's row (undefined: unknown key), checked for expiry, its use recorded. */
  function keyUser(row: KeyOwner | undefined): AuthUser | Promise<AuthUser> {
    if (!row) {
      metrics.apiKeyAuthenticationsTotal.labels("unknown", "invalid").inc();
      throw new UnauthorizedError("Invalid API key", "invalid_api_key");
    }
    const kind = row.project_id === null ? "user" : "project";
    const nowMs = clock();
    // The ISO text only when there is an expiry to compare or a stamp to write (no Date per request).
    if (row.expires_at !== null && row.expires_at <= iso(nowMs)) {
      metrics.apiKeyAuthenticationsTotal.labels(kind, "expired").inc();
      throw new UnauthorizedError("API key expired", "api_key_expired");
    }
    keySuccess[kind].inc();
    const user: AuthUser = {
      id: row.id,
      username: row.username,
      role: row.role,
      via: "api_key",
      apiKey: {
        id: row.key_id,
        projectId: row.project_id,
        scopes: row.scopes === null ? null : (JSON.parse(row.scopes) as string[]),
      },
    };
    if (!activityDue(`key:${row.key_id}`, nowMs)) return user;
    return repo.markApiKeyUsed(row.key_id, iso(nowMs)).then(() => user);
  }

  /** The user behind a verified access token's subject (undefined: no such user), sessions cut-off checked. */
  function tokenUser(claims: AccessClaims, row: SessionUser | undefined): AuthUser {
    if (!row) throw new UnauthorizedError("Invalid or expired access token", "invalid_token");
    // Milliseconds: a token from earlier in the same second is refused; the one issued together with
    // the cut-off (same instant or later) stays valid.
    if (row.sessions_valid_after && (claims.issuedAtMs ?? 0) < Date.parse(row.sessions_valid_after)) {
      throw new UnauthorizedError("Session ended: sign in again", "invalid_token");
    }
    return { id: row.id, username: row.username, role: row.role, via: "token" };
  }

  /**
   * The user a credential belongs to. Synchronous while the look-up cache holds the row (every signed-in
   * request of a busy client): no promise is made on that path; a miss returns the look-up's promise.
   */
  function identify(credential: Credential): AuthUser | Promise<AuthUser> {
    if (credential.from === "x-api-key" || looksLikeApiKey(credential.value)) {
      if (!looksLikeApiKey(credential.value)) return keyUser(undefined);
      const keyHash = hashSecret(credential.value);
      const owner = cache.lookup(`key:${keyHash}`, () => repo.findApiKeyOwner(keyHash));
      return owner instanceof Promise ? owner.then(keyUser) : keyUser(owner);
    }
    const claims = signer.verify(credential.value);
    if (!claims) throw new UnauthorizedError("Invalid or expired access token", "invalid_token");
    // The user row is the source of truth: a deleted user or a changed role takes effect at once (on this
    // instance; on others within AUTH_CACHE_SECONDS, see auth-cache.ts).
    const row = cache.lookup(`user:${claims.sub}`, () => repo.findSessionUser(claims.sub));
    return row instanceof Promise ? row.then((r) => tokenUser(claims, r)) : tokenUser(claims, row);
  }

  return {
    /**
     * The user a credential (access token or API key) belongs to, for the auth guard; 401 when it is
     * invalid, expired or of a deleted account (thrown, or the promise rejected). Records the user as
     * active (at most once a minute). A value, not a promise, when nothing had to be read or written.
     */
    authenticate(credential: Credential): AuthUser | Promise<AuthUser> {
      const user = identify(credential);
      return user instanceof Promise ? user.then(withActivity) : withActivity(user);
    },

    async register(input: RegisterBody, origin?: RequestOrigin): Promise<User> {
      if (!config.PASSWORD_LOGIN) throw passwordLoginDisabled();
      const username = input.username;
      const usernameKey = username.toLowerCase();
      const email = input.email.toLowerCase();
      const issues = passwordIssues(input.password, username);
      if (issues.length) throw invalid(issues);
      if (await repo.findUserByUsernameKey(usernameKey)) throw usernameTaken();
      if (await repo.findUserByEmail(email)) throw emailTaken();

      const now = iso(clock());
      const row = newUserRow(
        {
          id: newId(clock()),
          username,
          email,
          password_hash: await hashPassword(input.password),
          full_name: input.full_name?.trim() || null,
        },
        now,
      );
      try {
        await repo.insertUser(row);
      } catch (e) {
        // Two registrations racing for the same name: the unique index decides.
        const column = uniqueViolation(e);
        if (column === "username") throw usernameTaken();
        if (column === "email") throw emailTaken();
        throw e;
      }
      // Made now so the account is complete; should this fail, the project is made at first use instead.
      await deps.projects.personalProject(row);
      metrics.userRegistrationsTotal.inc();
      await audit.record(
        {
          projectId: null,
          action: "user.register",
          target: { type: "user", id: row.id },
          actor: { type: "user", id: row.id },
          summary: { username: row.username },
        },
        origin,
      );
      return toUser(row);
    },

    async login(input: LoginBody, origin: RequestOrigin): Promise<TokenPair> {
      if (!config.PASSWORD_LOGIN) throw passwordLoginDisabled();
      const clientIp = origin.ip;
      const identifier = (input.username ?? input.email ?? "").trim().toLowerCase();
      if (!identifier) throw invalid([{ field: "username", message: "is required (or give email)" }]);
      const user = identifier.includes("@")
        ? await repo.findUserByEmail(identifier)
        : await repo.findUserByUsernameKey(identifier);
      // Unknown names are throttled too, under the name tried, so throttling reveals nothing.
      const keys = throttleKeys(user ? user.username_key : identifier, clientIp);
      const now = clock();
      let running: Set<string>;
      try {
        running = await assertNotThrottled(keys, now);
      } catch (e) {
        metrics.userLoginsTotal.labels("throttled").inc();
        throw e;
      }

      const ok = await verifyPassword(user?.password_hash ?? (await dummyHash), input.password);
      if (!user || !ok) {
        await recordFailure(keys, running, now);
        metrics.userLoginsTotal.labels("failure").inc();
        // The name tried is not kept when no account has it: people type passwords into that field.
        await audit.record(
          {
            projectId: null,
            action: "auth.login_failed",
            target: { type: "user", id: user?.id ?? null },
            actor: { type: "anonymous", id: null },
            summary: { reason: user ? "wrong_password" : "unknown_account", method: "password" },
          },
          origin,
        );
        throw invalidCredentials();
      }
      await clearFailures(keys);
      await repo.deleteExpiredRefreshTokens(user.id, iso(now));
      // A login is activity too (active_users); rehash old-parameter hashes while we have the password.
      await repo.updateUser(user.id, {
        last_active_at: iso(now),
        ...(needsRehash(user.password_hash) ? { password_hash: await hashPassword(input.password) } : {}),
      });
      const pair = await issueSession(repo, user);
      metrics.userLoginsTotal.labels("success").inc();
      await audit.record(
        {
          projectId: null,
          action: "auth.login",
          target: { type: "user", id: user.id },
          actor: { type: "user", id: user.id },
          summary: { method: "password" },
        },
        origin,
      );
      return pair;
    },

    /**
     * A new session for a user whose identity was proven elsewhere (single sign-on): the same token pair
     * a password sign-in answers, and the sign-in counts as activity.
     */
    async startSession(userId: string): Promise<TokenPair> {
      const user = await userOrThrow(userId);
      const now = clock();
      await repo.deleteExpiredRefreshTokens(user.id, iso(now));
      await repo.updateUser(user.id, { last_active_at: iso(now) });
      return issueSession(repo, user);
    },

    /** Rotates a refresh token. A token presented twice means it leaked: its whole family is revoked. */
    async refresh(refreshToken: string): Promise<TokenPair> {
      const now = clock();
      const row = await repo.findRefreshTokenByHash(hashSecret(refreshToken));
      if (!row || row.revoked_at) throw invalidRefreshToken();
      if (row.used_at) {
        await repo.revokeRefreshFamily(row.family_id, iso(now));
        throw invalidRefreshToken("Refresh token was already used; the session has been ended");
      }
      if (row.expires_at <= iso(now)) throw invalidRefreshToken();
      const user = await repo.findUserById(row.user_id);
      if (!user) throw invalidRefreshToken();

      const pair = await repo.transaction(async (tx) => {
        // Lost a race with another request spending the same token: that is reuse as well.
        if (!(await tx.markRefreshTokenUsed(row.id, iso(now)))) return null;
        return issueSession(tx, user, row.family_id);
      });
      if (!pair) {
        await repo.revokeRefreshFamily(row.family_id, iso(now));
        throw invalidRefreshToken("Refresh token was already used; the session has been ended");
      }
      return pair;
    },

    /** Ends the session the refresh token belongs to. Unknown tokens are ignored: logout is idempotent. */
    async logout(refreshToken: string): Promise<void> {
      const row = await repo.findRefreshTokenByHash(hashSecret(refreshToken));
      if (row) await repo.revokeRefreshFamily(row.family_id, iso(clock()));
    },

    async getMe(userId: string): Promise<User> {
      return toUser(await userOrThrow(userId));
    },

    async updateMe(userId: string, patch: UpdateMeBody): Promise<User> {
      const user = await userOrThrow(userId);
      const changes: { email?: string; full_name?: string | null } = {};
      if (patch.email !== undefined) {
        const email = patch.email.toLowerCase();
        if (email !== user.email) {
          if (await repo.findUserByEmail(email)) throw emailTaken();
          changes.email = email;
        }
      }
      if (patch.full_name !== undefined) changes.full_name = patch.full_name?.trim() || null;
      if (Object.keys(changes).length === 0) return toUser(user);
      const updatedAt = iso(clock());
      try {
        await repo.updateUser(user.id, { ...changes, updated_at: updatedAt });
      } catch (e) {
        if (uniqueViolation(e) === "email") throw emailTaken();
        throw e;
      }
      return toUser({ ...user, ...changes, updated_at: updatedAt });
    },

    /**
     * Sets a new password after checking the current one. A wrong current password is a 422 on
     * `current_password` (not 401: the caller's session is fine, and clients treat 401 as "sign in
     * again"); it counts against the account's login throttle so a stolen session cannot guess it.
     * Every existing session ends; the answer is a fresh one.
     */
    async changePassword(
      userId: string,
      input: ChangePasswordBody,
      origin?: RequestOrigin,
    ): Promise<TokenPair> {
      const clientIp = origin?.ip;
      const user = await userOrThrow(userId);
      const keys = throttleKeys(user.username_key, clientIp);
      const now = clock();
      const running = await assertNotThrottled(keys, now);
      if (!(await verifyPassword(user.password_hash, input.current_password))) {
        await recordFailure(keys, running, now);
        throw invalid([{ field: "current_password", message: "is incorrect" }]);
      }
      const issues = passwordIssues(input.new_password, user.username, "new_password");
      if (issues.length) throw invalid(issues);
      const passwordHash = await hashPassword(input.new_password);
      const pair = await repo.transaction(async (tx, trx) => {
        await tx.updateUser(user.id, {
          password_hash: passwordHash,
          updated_at: iso(now),
          sessions_valid_after: iso(now),
        });
        await tx.revokeUserRefreshTokens(user.id, iso(now));
        await audit.record(
          {
            projectId: null,
            action: "auth.password_change",
            target: { type: "user", id: user.id },
            summary: { sessions_ended: true },
          },
          origin,
          trx,
        );
        return issueSession(tx, user);
      });
      await clearFailures(keys);
      return pair;
    },

    async createApiKey(userId: string, name: string, origin?: RequestOrigin): Promise<CreatedApiKey> {
      if ((await repo.countApiKeys(userId)) >= MAX_API_KEYS_PER_USER) {
        throw invalid([
          {
            field: "name",
            message: `cannot be added: an account may hold at most ${MAX_API_KEYS_PER_USER} API keys; delete one first`,
          },
        ]);
      }
      const now = clock();
      const key = newApiKey();
      const row = {
        id: newId(now),
        user_id: userId,
        name: name.trim(),
        prefix: key.slice(0, API_KEY_PREFIX_LENGTH),
        key_hash: hashSecret(key),
        created_at: iso(now),
        last_used_at: null,
        project_id: null,
        scopes: null,
        expires_at: null,
      };
      await repo.transaction(async (tx, trx) => {
        await tx.insertApiKey(row);
        await audit.record(
          {
            projectId: null,
            action: "api_key.create",
            target: { type: "api_key", id: row.id },
            summary: { key_name: row.name, owner_id: userId, scope: "personal" },
          },
          origin,
          trx,
        );
      });
      return {
        id: row.id,
        name: row.name,
        prefix: row.prefix,
        created_at: row.created_at,
        last_used_at: null,
        key,
      };
    },

    listApiKeys(userId: string): Promise<ApiKey[]> {
      return repo.listApiKeys(userId);
    },

    /** Deletes one of the caller's keys; someone else's key is "not found", like a missing one. */
    async deleteApiKey(userId: string, keyId: string, origin?: RequestOrigin): Promise<void> {
      await repo.transaction(async (tx, trx) => {
        if (!(await tx.deleteApiKey(keyId, userId))) throw new NotFoundError("API key");
        await audit.record(
          {
            projectId: null,
            action: "api_key.revoke",
            target: { type: "api_key", id: keyId },
            summary: { owner_id: userId, scope: "personal" },
          },
          origin,
          trx,
        );
      });
    },
  };
}
