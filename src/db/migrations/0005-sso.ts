// Single sign-on: which provider identity (issuer + subject) belongs to which user, the sign-ins under
// way at the provider (state, nonce and PKCE verifier kept server-side until the callback), and the
// one-time codes that hand a finished sign-in to the web app.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable("user_identities")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("issuer", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_login_at", "text", (c) => c.notNull())
    .addUniqueConstraint("user_identities_issuer_subject_key", ["issuer", "subject"])
    .execute();
  await db.schema.createIndex("user_identities_user_idx").on("user_identities").column("user_id").execute();

  await db.schema
    .createTable("sso_flows")
    .addColumn("state_hash", "text", (c) => c.primaryKey())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("code_verifier", "text", (c) => c.notNull())
    .addColumn("return_to", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sso_flows_expires_idx").on("sso_flows").column("expires_at").execute();

  await db.schema
    .createTable("sso_handoffs")
    .addColumn("code_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sso_handoffs_expires_idx").on("sso_handoffs").column("expires_at").execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable("sso_handoffs").execute();
  await db.schema.dropTable("sso_flows").execute();
  await db.schema.dropTable("user_identities").execute();
}
