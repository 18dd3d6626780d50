// The outbox writer: the `events` dependency the registry's services call inside the transaction of a
// change (prompts, labels, promotions). It writes one delivery row per active webhook of the project
// subscribed to the event, on the caller's transaction, so the notice commits or rolls back with the
// change; the delivery worker sends it after commit. Event types are a fixed list (a bounded metric label).
import { randomUUID } from "node:crypto";
import { newId } from "../../db/ids.js";
import { iso } from "../../lib/time.js";
import {
  REGISTRY_EVENT_TYPES,
  type RegistryEventRecorder,
  type RegistryEventType,
} from "../registry/registry-events.js";
import { createWebhooksRepository } from "./webhooks-repository.js";

/** The events a webhook may subscribe to: every event the registry announces. */
export const WEBHOOK_EVENTS = REGISTRY_EVENT_TYPES;
export type WebhookEvent = RegistryEventType;

/** The test delivery's event: sent by POST …/webhooks/:id/test only, never subscribed to. */
export const PING_EVENT = "ping";
/** Every value of the `event` label of webhook_deliveries_total. */
export const DELIVERY_EVENTS = [...WEBHOOK_EVENTS, PING_EVENT] as const;

/** Largest JSON body a delivery may carry; an event's data is a summary (ids, versions, labels), never a prompt. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

/** The body every delivery of one event carries (the same on each attempt, so the signature is stable). */
export function eventBody(
  eventId: string,
  type: string,
  projectId: string,
  createdAt: string,
  data: unknown,
): string {
  return JSON.stringify({ event_id: eventId, type, created_at: createdAt, project_id: projectId, data });
}

export function parseEvents(json: string): string[] {
  const v = JSON.parse(json) as unknown;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** What the registry's services receive as their `events` (registry contract, "Events"). */
export function createWebhookEvents(deps: { clock: () => number }): RegistryEventRecorder {
  const { clock } = deps;
  return {
    async record(db, e) {
      if (!(WEBHOOK_EVENTS as readonly string[]).includes(e.type))
        throw new Error(`Unknown webhook event type: ${String(e.type)}`);
      const repo = createWebhooksRepository(db);
      const hooks = (await repo.listActiveWebhooks(e.projectId)).filter((h) =>
        parseEvents(h.events).includes(e.type),
      );
      if (hooks.length === 0) return;
      const now = clock();
      const createdAt = iso(now);
      const body = eventBody(randomUUID(), e.type, e.projectId, createdAt, e.data);
      if (Buffer.byteLength(body) > MAX_PAYLOAD_BYTES)
        throw new Error(`Webhook event ${e.type} is larger than ${MAX_PAYLOAD_BYTES} bytes`);
      await repo.insertDeliveries(
        hooks.map((h) => ({
          id: newId(now),
          webhook_id: h.id,
          project_id: e.projectId,
          event: e.type,
          payload: body,
          status: "pending" as const,
          attempts: 0,
          next_attempt_at: createdAt,
          created_at: createdAt,
        })),
      );
    },
  };
}
