// Single sign-on: which provider identity (issuer + subject) belongs to which user, the sign-ins under
// way at the provider (state, nonce and PKCE verifier kept server-side until the callback), and the
// one-time codes that hand a finished sign-in to the web app.
import * as kit from "./schema-kit.js";

export async function up(db: kit.Db): Promise<void> {
  await kit
    .createChildTable(db, "user_identities", kit.belongsTo("user_id", "users"))
    .$call(kit.requiredText("issuer", "subject", "email", "created_at", "last_login_at"))
    .addUniqueConstraint("user_identities_issuer_subject_key", ["issuer", "subject"])
    .execute();
  await kit.createIndex(db, "user_identities_user_idx", "user_identities", ["user_id"]);

  await db.schema
    .createTable("sso_flows")
    .addColumn("state_hash", "text", (c) => c.primaryKey())
    .$call(kit.requiredText("nonce", "code_verifier", "return_to", "created_at", "expires_at"))
    .execute();
  await kit.createIndex(db, "sso_flows_expires_idx", "sso_flows", ["expires_at"]);

  await db.schema
    .createTable("sso_handoffs")
    .addColumn("code_hash", "text", (c) => c.primaryKey())
    .$call(kit.belongsTo("user_id", "users"))
    .$call(kit.requiredText("created_at", "expires_at"))
    .execute();
  await kit.createIndex(db, "sso_handoffs_expires_idx", "sso_handoffs", ["expires_at"]);
}

export async function down(db: kit.Db): Promise<void> {
  await db.schema.dropTable("sso_handoffs").execute();
  await db.schema.dropTable("sso_flows").execute();
  await db.schema.dropTable("user_identities").execute();
}
