// Webhooks: a project's subscriptions (a target URL, the registry events it wants, the signing secret)
// and their outbox. A delivery row is written in the same transaction as the change it reports, so an
// event is never lost and never announced for a change that rolled back; the delivery worker sends it
// after commit, retries it with backoff, and keeps its last outcome for the delivery log.
import * as kit from "./schema-kit.js";

export async function up(db: kit.Db): Promise<void> {
  // events: JSON array of event types, e.g. ["prompt.label.moved"]; secret: the HMAC key deliveries are
  // signed with, kept as given (signing needs it), never returned after creation.
  await kit
    .createChildTable(db, "webhooks", kit.projectId)
    .$call(kit.requiredText("url", "events", "secret"))
    .$call(kit.integerDefault("active", 1))
    .$call(kit.byUser("created_by"))
    .$call(kit.timestamps)
    .execute();
  await kit.createIndex(db, "webhooks_project_idx", "webhooks", ["project_id"]);

  // payload: the exact JSON body sent (and signed) on every attempt; status: pending | delivering |
  // delivered | failed; claim and claimed_until: the worker's claim while it sends.
  await kit
    .createChildTable(db, "webhook_deliveries", kit.belongsTo("webhook_id", "webhooks"))
    .$call(kit.projectId)
    .$call(kit.requiredText("event", "payload", "status"))
    .$call(kit.integerDefault("attempts", 0))
    .$call(kit.requiredText("next_attempt_at"))
    .$call(kit.claimLease)
    .$call(kit.optionalText("last_attempt_at"))
    .$call(kit.optionalInteger("last_response_code", "last_response_ms"))
    .$call(kit.optionalText("last_error"))
    .$call(kit.requiredText("created_at"))
    .$call(kit.optionalText("delivered_at"))
    .execute();
  // The worker's poll: due rows by status and time.
  await kit.createIndex(db, "webhook_deliveries_due_idx", "webhook_deliveries", [
    "status",
    "next_attempt_at",
  ]);
  // The delivery log of one webhook, newest first.
  await kit.createIndex(db, "webhook_deliveries_webhook_idx", "webhook_deliveries", [
    "webhook_id",
    "created_at",
  ]);
}

export async function down(db: kit.Db): Promise<void> {
  await kit.dropTables(db, "webhook_deliveries", "webhooks");
}
