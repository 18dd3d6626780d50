// SQL for accounts: users, refresh tokens, API keys and login throttling counters. Plain rows in and
// out, no decisions; the same queries run on SQLite and PostgreSQL.
import { sql } from "kysely";
import { byKey, type Db, type Row, repository, type Transactional } from "../../db/repository.js";

export type UserRow = Row<"users">;
export type RefreshTokenRow = Row<"refresh_tokens">;
export type ApiKeyRow = Row<"api_keys">;
export type LoginAttemptRow = Row<"login_attempts">;
export type SessionUserRow = Pick<UserRow, "id" | "username" | "role" | "sessions_valid_after">;
export type ApiKeySummary = Pick<ApiKeyRow, "id" | "name" | "prefix" | "created_at" | "last_used_at">;

/** The queries of an auth repository (what a transaction's callback receives). */
export type AuthQueries = ReturnType<typeof authQueries>;
export type AuthRepository = Transactional<AuthQueries>;

/** Which unique column an insert or update collided on, or null when `err` is not a uniqueness error. */
export function uniqueViolation(err: unknown): "email" | "username" | "other" | null {
  if (typeof err !== "object" || err === null) return null;
  const e = err as { code?: unknown; constraint?: unknown; detail?: unknown; message?: unknown };
  const sqlite = typeof e.code === "string" && e.code.startsWith("SQLITE_CONSTRAINT_UNIQUE");
  const pg = e.code === "23505";
  if (!sqlite && !pg) return null;
  // SQLite: "UNIQUE constraint failed: users.email"; PostgreSQL: constraint users_email_key.
  const text = `${String(e.constraint ?? "")} ${String(e.detail ?? "")} ${String(e.message ?? "")}`;
  if (/users[._]email/.test(text) || /\(email\)/.test(text)) return "email";
  if (/users[._]username_key/.test(text) || /\(username_key\)/.test(text)) return "username";
  return "other";
}

export function createAuthRepository(db: Db): AuthRepository {
  return repository(db, authQueries);
}

function authQueries(db: Db) {
  /** Revokes the refresh tokens of one family or one user that are not revoked yet. */
  async function revokeLiveRefreshTokens(owner: { family_id: string } | { user_id: string }, now: string) {
    await byKey.update(db, "refresh_tokens", { ...owner, revoked_at: null }, { revoked_at: now });
  }

  return {
    // Users

    findUserById(id: string): Promise<UserRow | undefined> {
      return byKey.find(db, "users", { id });
    },

    /** What authenticating an access token needs of its user (no password hash: this is cached). */
    findSessionUser(id: string): Promise<SessionUserRow | undefined> {
      return byKey.find(db, "users", { id }, ["id", "username", "role", "sessions_valid_after"]);
    },

    findUserByUsernameKey(usernameKey: string): Promise<UserRow | undefined> {
      return byKey.find(db, "users", { username_key: usernameKey });
    },

    findUserByEmail(email: string): Promise<UserRow | undefined> {
      return byKey.find(db, "users", { email });
    },

    async insertUser(row: UserRow): Promise<void> {
      await db.insertInto("users").values(row).execute();
    },

    /** The user an API key belongs to, with the key's id; undefined for an unknown key. */
    findApiKeyOwner(keyHash: string): Promise<
      | {
          key_id: string;
          project_id: string | null;
          scopes: string | null;
          expires_at: string | null;
          id: string;
          username: string;
          role: "user" | "admin";
        }
      | undefined
    > {
      return db
        .selectFrom("api_keys")
        .innerJoin("users", "users.id", "api_keys.user_id")
        .select([
          "api_keys.id as key_id",
          "api_keys.project_id",
          "api_keys.scopes",
          "api_keys.expires_at",
          "users.id",
          "users.username",
          "users.role",
        ])
        .where("api_keys.key_hash", "=", keyHash)
        .executeTakeFirst();
    },

    async markApiKeyUsed(id: string, now: string): Promise<void> {
      await byKey.update(db, "api_keys", { id }, { last_used_at: now });
    },

    async updateUser(
      id: string,
      patch: Partial<
        Pick<
          UserRow,
          | "email"
          | "full_name"
          | "password_hash"
          | "role"
          | "updated_at"
          | "last_active_at"
          | "sessions_valid_after"
        >
      >,
    ): Promise<boolean> {
      return (await byKey.update(db, "users", { id }, patch)) > 0;
    },

    // Refresh tokens

    async insertRefreshToken(row: RefreshTokenRow): Promise<void> {
      await db.insertInto("refresh_tokens").values(row).execute();
    },

    findRefreshTokenByHash(tokenHash: string): Promise<RefreshTokenRow | undefined> {
      return byKey.find(db, "refresh_tokens", { token_hash: tokenHash });
    },

    /** Spends a live token; false when another request spent or revoked it first. */
    async markRefreshTokenUsed(id: string, now: string): Promise<boolean> {
      const live = { id, used_at: null, revoked_at: null };
      return (await byKey.update(db, "refresh_tokens", live, { used_at: now })) > 0;
    },

    revokeRefreshFamily(familyId: string, now: string): Promise<void> {
      return revokeLiveRefreshTokens({ family_id: familyId }, now);
    },

    revokeUserRefreshTokens(userId: string, now: string): Promise<void> {
      return revokeLiveRefreshTokens({ user_id: userId }, now);
    },

    /** Expired tokens can no longer be used nor reused, so they are safe to forget. */
    async deleteExpiredRefreshTokens(userId: string, now: string): Promise<void> {
      await db
        .deleteFrom("refresh_tokens")
        .where("user_id", "=", userId)
        .where("expires_at", "<=", now)
        .execute();
    },

    // API keys

    async countApiKeys(userId: string): Promise<number> {
      return byKey.count(db, "api_keys", { user_id: userId, project_id: null });
    },

    async insertApiKey(row: ApiKeyRow): Promise<void> {
      await db.insertInto("api_keys").values(row).execute();
    },

    listApiKeys(userId: string): Promise<ApiKeySummary[]> {
      return byKey.page(db, "api_keys", { user_id: userId, project_id: null }, {}, [
        "id",
        "name",
        "prefix",
        "created_at",
        "last_used_at",
      ]);
    },

    async deleteApiKey(id: string, userId: string): Promise<boolean> {
      return (await byKey.delete(db, "api_keys", { id, user_id: userId, project_id: null })) > 0;
    },

    // Login throttling

    getLoginAttempts(keys: string[]): Promise<LoginAttemptRow[]> {
      return db.selectFrom("login_attempts").selectAll().where("key", "in", keys).execute();
    },

    /**
     * Counts one failure in one statement: a new row, a row whose window ended before `windowStart`
     * (it restarts at 1), or one more failure in the current window. Atomic, so concurrent failures
     * from a guessing script are all counted.
     */
    async recordLoginFailure(key: string, now: string, windowStart: string): Promise<void> {
      const expired = sql<boolean>`${sql.ref("login_attempts.window_started_at")} <= ${windowStart}`;
      await db
        .insertInto("login_attempts")
        .values({ key, failures: 1, window_started_at: now })
        .onConflict((oc) =>
          oc.column("key").doUpdateSet({
            failures: sql<number>`case when ${expired} then 1 else ${sql.ref("login_attempts.failures")} + 1 end`,
            window_started_at: sql<string>`case when ${expired} then ${now} else ${sql.ref("login_attempts.window_started_at")} end`,
          }),
        )
        .execute();
    },

    async clearLoginAttempts(key: string): Promise<void> {
      await byKey.delete(db, "login_attempts", { key });
    },

    async deleteStaleLoginAttempts(windowStart: string): Promise<void> {
      await db.deleteFrom("login_attempts").where("window_started_at", "<=", windowStart).execute();
    },
  };
}
