// The audit log: audit_events holds one row per recorded change, each linked to the one before it in
// its chain (one chain per project, one for the instance) by SHA-256; audit_chains holds each chain's
// head (the last entry appended) and anchor (the last entry retention deleted), and its row is the lock
// that serialises appends to that chain. No foreign keys: the log outlives the projects and users it
// names, until retention removes it.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable("audit_chains")
    .addColumn("chain", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text")
    .addColumn("head_seq", "integer", (c) => c.notNull())
    .addColumn("head_hash", "text", (c) => c.notNull())
    .addColumn("anchor_seq", "integer", (c) => c.notNull())
    .addColumn("anchor_hash", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("audit_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("chain", "text", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("project_id", "text")
    .addColumn("actor_type", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target_type", "text", (c) => c.notNull())
    .addColumn("target_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("client_ip", "text")
    .addColumn("request_id", "text")
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    // Two appenders that both read the same head cannot both write the next link: the chain cannot fork.
    .addUniqueConstraint("audit_events_chain_seq_uq", ["chain", "seq"])
    .execute();
  await db.schema
    .createIndex("audit_events_chain_action_idx")
    .on("audit_events")
    .columns(["chain", "action", "seq"])
    .execute();
  await db.schema
    .createIndex("audit_events_chain_actor_idx")
    .on("audit_events")
    .columns(["chain", "actor_id", "seq"])
    .execute();
  await db.schema
    .createIndex("audit_events_chain_target_idx")
    .on("audit_events")
    .columns(["chain", "target_type", "target_id", "seq"])
    .execute();
  await db.schema
    .createIndex("audit_events_chain_time_idx")
    .on("audit_events")
    .columns(["chain", "created_at"])
    .execute();
  // Retention finds the chains holding expired entries without scanning every chain.
  await db.schema.createIndex("audit_events_time_idx").on("audit_events").column("created_at").execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable("audit_events").ifExists().execute();
  await db.schema.dropTable("audit_chains").ifExists().execute();
}
