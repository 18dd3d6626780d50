// Webhooks: a project's subscriptions (a target URL, the registry events it wants, the signing secret)
// and their outbox. A delivery row is written in the same transaction as the change it reports, so an
// event is never lost and never announced for a change that rolled back; the delivery worker sends it
// after commit, retries it with backoff, and keeps its last outcome for the delivery log.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable("webhooks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("url", "text", (c) => c.notNull())
    // JSON array of event types, e.g. ["prompt.label.moved"]
    .addColumn("events", "text", (c) => c.notNull())
    // The HMAC key deliveries are signed with: kept as given (signing needs it), never returned after creation.
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("webhooks_project_idx").on("webhooks").columns(["project_id"]).execute();

  await db.schema
    .createTable("webhook_deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("webhook_id", "text", (c) => c.notNull().references("webhooks.id").onDelete("cascade"))
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("event", "text", (c) => c.notNull())
    // The exact JSON body sent (and signed) on every attempt.
    .addColumn("payload", "text", (c) => c.notNull())
    // pending | delivering | delivered | failed
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    // The worker's claim while it sends: a token and a lease; a lapsed lease is claimed again.
    .addColumn("claim", "text")
    .addColumn("claimed_until", "text")
    .addColumn("last_attempt_at", "text")
    .addColumn("last_response_code", "integer")
    .addColumn("last_response_ms", "integer")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("delivered_at", "text")
    .execute();
  // The worker's poll: due rows by status and time.
  await db.schema
    .createIndex("webhook_deliveries_due_idx")
    .on("webhook_deliveries")
    .columns(["status", "next_attempt_at"])
    .execute();
  // The delivery log of one webhook, newest first.
  await db.schema
    .createIndex("webhook_deliveries_webhook_idx")
    .on("webhook_deliveries")
    .columns(["webhook_id", "created_at"])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable("webhook_deliveries").ifExists().execute();
  await db.schema.dropTable("webhooks").ifExists().execute();
}
