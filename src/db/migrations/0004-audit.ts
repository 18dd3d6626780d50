// The audit log: audit_events holds one row per recorded change, each linked to the one before it in
// its chain (one chain per project, one for the instance) by SHA-256; audit_chains holds each chain's
// head (the last entry appended) and anchor (the last entry retention deleted), and its row is the lock
// that serialises appends to that chain. No foreign keys: the log outlives the projects and users it
// names, until retention removes it.
import * as kit from "./schema-kit.js";

export async function up(db: kit.Db): Promise<void> {
  await db.schema
    .createTable("audit_chains")
    .addColumn("chain", "text", (c) => c.primaryKey())
    .$call(kit.optionalText("project_id"))
    .$call(kit.requiredInteger("head_seq"))
    .$call(kit.requiredText("head_hash"))
    .$call(kit.requiredInteger("anchor_seq"))
    .$call(kit.requiredText("anchor_hash", "updated_at"))
    .execute();

  await db.schema
    .createTable("audit_events")
    .$call(kit.id)
    .$call(kit.requiredText("chain"))
    .$call(kit.requiredInteger("seq"))
    .$call(kit.optionalText("project_id"))
    .$call(kit.requiredText("actor_type"))
    .$call(kit.optionalText("actor_id"))
    .$call(kit.requiredText("action", "target_type"))
    .$call(kit.optionalText("target_id"))
    .$call(kit.requiredText("created_at"))
    .$call(kit.optionalText("client_ip", "request_id"))
    .$call(kit.requiredText("summary", "prev_hash", "hash"))
    // Two appenders that both read the same head cannot both write the next link: the chain cannot fork.
    .addUniqueConstraint("audit_events_chain_seq_uq", ["chain", "seq"])
    .execute();
  await kit.createIndex(db, "audit_events_chain_action_idx", "audit_events", ["chain", "action", "seq"]);
  await kit.createIndex(db, "audit_events_chain_actor_idx", "audit_events", ["chain", "actor_id", "seq"]);
  await kit.createIndex(db, "audit_events_chain_target_idx", "audit_events", [
    "chain",
    "target_type",
    "target_id",
    "seq",
  ]);
  await kit.createIndex(db, "audit_events_chain_time_idx", "audit_events", ["chain", "created_at"]);
  // Retention finds the chains holding expired entries without scanning every chain.
  await kit.createIndex(db, "audit_events_time_idx", "audit_events", ["created_at"]);
}

export async function down(db: kit.Db): Promise<void> {
  await kit.dropTables(db, "audit_events", "audit_chains");
}
