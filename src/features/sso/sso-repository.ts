// SQL for single sign-on: linked provider identities, sign-ins under way (sso_flows) and the one-time
// hand-off codes. Plain rows in and out; the same queries run on SQLite and PostgreSQL.
import { byKey, type Db, type Row, repository, type Transactional } from "../../db/repository.js";

export type UserIdentityRow = Row<"user_identities">;
export type SsoFlowRow = Row<"sso_flows">;
export type SsoHandoffRow = Row<"sso_handoffs">;

export type SsoQueries = ReturnType<typeof ssoQueries>;
export type SsoRepository = Transactional<SsoQueries>;

export function createSsoRepository(db: Db): SsoRepository {
  return repository(db, ssoQueries);
}

function ssoQueries(db: Db) {
  return {
    // Identities

    findIdentity(issuer: string, subject: string): Promise<UserIdentityRow | undefined> {
      return byKey.find(db, "user_identities", { issuer, subject });
    },

    async insertIdentity(row: UserIdentityRow): Promise<void> {
      await db.insertInto("user_identities").values(row).execute();
    },

    async touchIdentity(id: string, email: string, now: string): Promise<void> {
      await db
        .updateTable("user_identities")
        .set({ email, last_login_at: now })
        .where("id", "=", id)
        .execute();
    },

    // Sign-ins under way

    async insertFlow(row: SsoFlowRow): Promise<void> {
      await db.insertInto("sso_flows").values(row).execute();
    },

    /** Removes the flow and returns it: each state is good for one callback only. */
    async takeFlow(stateHash: string): Promise<SsoFlowRow | undefined> {
      return db.deleteFrom("sso_flows").where("state_hash", "=", stateHash).returningAll().executeTakeFirst();
    },

    async deleteExpiredFlows(now: string): Promise<void> {
      await db.deleteFrom("sso_flows").where("expires_at", "<=", now).execute();
    },

    // Hand-off codes

    async insertHandoff(row: SsoHandoffRow): Promise<void> {
      await db.insertInto("sso_handoffs").values(row).execute();
    },

    async takeHandoff(codeHash: string): Promise<SsoHandoffRow | undefined> {
      return db
        .deleteFrom("sso_handoffs")
        .where("code_hash", "=", codeHash)
        .returningAll()
        .executeTakeFirst();
    },

    async deleteExpiredHandoffs(now: string): Promise<void> {
      await db.deleteFrom("sso_handoffs").where("expires_at", "<=", now).execute();
    },
  };
}
