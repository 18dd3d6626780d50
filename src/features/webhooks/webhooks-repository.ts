// SQL of webhooks: the project's subscriptions, the outbox rows written inside the transaction of the
// change they report, the worker's claim of due rows (FOR UPDATE SKIP LOCKED on PostgreSQL, so several
// instances take different rows; SQLite has one writer at a time), and the delivery log.
import { sql } from "kysely";
import {
  byKey,
  type Cursor,
  type Db,
  forUpdate,
  type Row,
  repositoryOf,
  rowsChanged,
} from "../../db/repository.js";

export type WebhookRow = Row<"webhooks">;
export type DeliveryRow = Row<"webhook_deliveries">;
/** A delivery in the log: everything but the body. */
export type DeliveryLogRow = Omit<DeliveryRow, "payload" | "claim" | "claimed_until" | "project_id">;
/** A claimed delivery with what sending it needs. */
export interface ClaimedDelivery extends DeliveryRow {
  url: string;
  secret: string;
}

async function insertWebhook(db: Db, row: WebhookRow): Promise<void> {
  await db.insertInto("webhooks").values(row).execute();
}

async function findWebhook(db: Db, projectId: string, id: string): Promise<WebhookRow | undefined> {
  return byKey.find(db, "webhooks", { project_id: projectId, id });
}

async function listWebhooks(db: Db, projectId: string): Promise<WebhookRow[]> {
  return byKey.list(db, "webhooks", { project_id: projectId }, { orderBy: ["created_at", "id"] });
}

async function countWebhooks(db: Db, projectId: string): Promise<number> {
  return byKey.count(db, "webhooks", { project_id: projectId });
}

async function updateWebhook(
  db: Db,
  projectId: string,
  id: string,
  patch: Partial<Pick<WebhookRow, "url" | "events" | "active" | "secret" | "updated_at">>,
): Promise<boolean> {
  return byKey.updateOne(db, "webhooks", { project_id: projectId, id }, patch);
}

async function deleteWebhook(db: Db, projectId: string, id: string): Promise<boolean> {
  return byKey.deleteOne(db, "webhooks", { project_id: projectId, id });
}

/** Active webhooks of the project; the caller keeps those subscribed to the event. */
async function listActiveWebhooks(db: Db, projectId: string): Promise<Pick<WebhookRow, "id" | "events">[]> {
  return byKey.list(db, "webhooks", { project_id: projectId, active: 1 }, { columns: ["id", "events"] });
}

/** A delivery as the outbox writer queues it. */
export type NewDelivery = Omit<
  DeliveryRow,
  | "claim"
  | "claimed_until"
  | "last_attempt_at"
  | "last_response_code"
  | "last_response_ms"
  | "last_error"
  | "delivered_at"
>;

async function insertDeliveries(db: Db, rows: NewDelivery[]): Promise<void> {
  await byKey.insert(db, "webhook_deliveries", rows);
}

/** Deliveries still to send: waiting, or in flight. */
const UNSENT = ["pending", "delivering"] as const;

/** Due: pending and its time has come, or being delivered by a claim that lapsed (its holder died). */
function due(now: string) {
  return sql<boolean>`((webhook_deliveries.status = 'pending' and webhook_deliveries.next_attempt_at <= ${now}) or (webhook_deliveries.status = 'delivering' and webhook_deliveries.claimed_until < ${now}))`;
}

/**
 * Claims up to `limit` due deliveries for `claim` until `until`, oldest due first. The outer condition
 * repeats the inner one: should two claimers pick the same row on PostgreSQL, the second re-checks it
 * after the first commits and leaves it.
 */
async function claimDue(db: Db, claim: string, now: string, until: string, limit: number): Promise<number> {
  const pick = db
    .selectFrom("webhook_deliveries")
    .select("webhook_deliveries.id")
    .where(due(now))
    .orderBy("webhook_deliveries.next_attempt_at")
    .orderBy("webhook_deliveries.id")
    .limit(limit);
  return rowsChanged(
    db
      .with("picked", () => forUpdate(db, pick, true))
      .updateTable("webhook_deliveries")
      .set({ status: "delivering", claim, claimed_until: until })
      .where("webhook_deliveries.id", "in", (eb) => eb.selectFrom("picked").select("picked.id"))
      .where(due(now)),
  );
}

/** A new delivery already claimed by `claim` (the test ping, sent at once: no poll may take it first). */
async function insertClaimed(db: Db, row: NewDelivery, claim: string, until: string): Promise<void> {
  await db
    .insertInto("webhook_deliveries")
    .values({ ...row, status: "delivering", claim, claimed_until: until })
    .execute();
}

async function listClaimed(db: Db, claim: string): Promise<ClaimedDelivery[]> {
  return db
    .selectFrom("webhook_deliveries")
    .innerJoin("webhooks", "webhooks.id", "webhook_deliveries.webhook_id")
    .selectAll("webhook_deliveries")
    .select(["webhooks.url", "webhooks.secret"])
    .where("webhook_deliveries.claim", "=", claim)
    .orderBy("webhook_deliveries.next_attempt_at")
    .execute();
}

/** The outcome of one attempt, written only while `claim` still holds the row. */
async function recordAttempt(
  db: Db,
  id: string,
  claim: string,
  r: Pick<
    DeliveryRow,
    | "status"
    | "attempts"
    | "next_attempt_at"
    | "last_attempt_at"
    | "last_response_code"
    | "last_response_ms"
    | "last_error"
    | "delivered_at"
  >,
): Promise<boolean> {
  return byKey.updateOne(db, "webhook_deliveries", { id, claim }, { ...r, claim: null, claimed_until: null });
}

/**
 * Ends every delivery of a webhook still to send (pending, or claimed by a worker: its claim is taken away,
 * so the attempt in flight records nothing), as failed with `reason`: a deactivated webhook sends no more.
 */
async function failUnsent(db: Db, webhookId: string, at: string, reason: string): Promise<number> {
  return byKey.update(
    db,
    "webhook_deliveries",
    { webhook_id: webhookId, status: UNSENT },
    { status: "failed", claim: null, claimed_until: null, next_attempt_at: at, last_error: reason },
  );
}

/** Gives a claimed row back untouched (the worker is stopping). */
async function releaseClaim(db: Db, id: string, claim: string): Promise<void> {
  await byKey.update(
    db,
    "webhook_deliveries",
    { id, claim },
    { status: "pending", claim: null, claimed_until: null },
  );
}

/**
 * Deletes up to `limit` finished deliveries (delivered or failed) created before `before`; how many. Rows
 * still to send are never touched, however old.
 */
async function deleteFinishedBefore(db: Db, before: string, limit: number): Promise<number> {
  return rowsChanged(
    db
      .deleteFrom("webhook_deliveries")
      .where("id", "in", (eb) =>
        eb
          .selectFrom("webhook_deliveries")
          .select("id")
          .where("status", "in", ["delivered", "failed"])
          .where("created_at", "<", before)
          .limit(limit),
      ),
  );
}

/** Deliveries still to send (pending or in flight), across every project: webhook_outbox_pending. */
async function countOutbox(db: Db): Promise<number> {
  return byKey.count(db, "webhook_deliveries", { status: UNSENT });
}

/** What the delivery log shows of a delivery (never its body or the webhook's secret). */
const DELIVERY_LOG_COLUMNS = [
  "id",
  "webhook_id",
  "event",
  "status",
  "attempts",
  "next_attempt_at",
  "last_attempt_at",
  "last_response_code",
  "last_response_ms",
  "last_error",
  "created_at",
  "delivered_at",
] as const;

/** The webhook's deliveries, newest first, after the (created_at, id) position given. */
async function listDeliveries(
  db: Db,
  webhookId: string,
  before: Cursor | undefined,
  limit: number,
): Promise<DeliveryLogRow[]> {
  return byKey.page(
    db,
    "webhook_deliveries",
    { webhook_id: webhookId },
    { before, limit },
    DELIVERY_LOG_COLUMNS,
  );
}

async function findDelivery(db: Db, webhookId: string, id: string): Promise<DeliveryLogRow | undefined> {
  return byKey.find(db, "webhook_deliveries", { webhook_id: webhookId, id }, DELIVERY_LOG_COLUMNS);
}

const queries = {
  insertWebhook,
  findWebhook,
  listWebhooks,
  countWebhooks,
  updateWebhook,
  deleteWebhook,
  listActiveWebhooks,
  insertDeliveries,
  claimDue,
  insertClaimed,
  listClaimed,
  recordAttempt,
  releaseClaim,
  failUnsent,
  countOutbox,
  deleteFinishedBefore,
  listDeliveries,
  findDelivery,
};

export const createWebhooksRepository = repositoryOf(queries);
