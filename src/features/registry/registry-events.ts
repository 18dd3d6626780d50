// The registry's hook for outgoing notifications (webhooks): services call `record` inside the same
// transaction as the change, so a notification exists exactly when the change committed. Optional: with
// no recorder wired, changes happen without notifications.
import type { Db } from "../../db/repository.js";

/** Every event the registry announces (the events a webhook may subscribe to). */
export const REGISTRY_EVENT_TYPES = [
  "prompt.version.created",
  "prompt.label.moved",
  "promotion.requested",
  "promotion.decided",
] as const;
export type RegistryEventType = (typeof REGISTRY_EVENT_TYPES)[number];

export interface RegistryEvent {
  projectId: string;
  type: RegistryEventType;
  data: Record<string, unknown>;
}

export interface RegistryEventRecorder {
  /** Stores the event on `db`, the caller's transaction. */
  record(db: Db, e: RegistryEvent): Promise<void>;
}
