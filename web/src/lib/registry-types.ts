// The registry's objects as the web app reads them: labels, promotion requests, project registry
// settings, webhooks and their deliveries, folders, chat messages and the prompt's registry fields.
// Every shape is the server's own `Static<>` type of the schema its routes serialise with, imported as
// types only (no server code reaches the bundle), so the UI and the API cannot drift apart. The few
// value lists the forms need are written out and checked against the server's by
// test/e2e/web-registry-logic.test.ts (their server modules pull in Node code).
import type { Static } from "typebox";
import type {
  ChatMessageSchema,
  FolderListResponseSchema,
  PromptSchema,
  VariableSpecSchema,
} from "../../../src/features/prompts/prompts-schemas.js";
import type {
  GateSettingsSchema,
  LabelEventSchema,
  LabelListSchema,
  LabelSchema,
  PromotionSchema,
  PromotionSummarySchema,
} from "../../../src/features/registry/registry-schemas.js";

export type ChatMessage = Static<typeof ChatMessageSchema>;
export type MessageRole = ChatMessage["role"];
export const MESSAGE_ROLES = ["system", "user", "assistant"] as const satisfies readonly MessageRole[];
export type VariableSpec = Static<typeof VariableSpecSchema>;
export type PromptType = Static<typeof PromptSchema>["type"];
/** The registry fields of a prompt. */
export type RegistryFields = Pick<
  Static<typeof PromptSchema>,
  "name" | "type" | "messages" | "variables" | "config"
>;

export type PromptLabel = Static<typeof LabelSchema>;
export type LabelEvent = Static<typeof LabelEventSchema>;
export type LabelTarget = NonNullable<LabelEvent["from"]>;
export type LabelList = Static<typeof LabelListSchema>;

export type PromotionGate = Static<typeof GateSettingsSchema>;
export type PromotionSummary = Static<typeof PromotionSummarySchema>;
export type Promotion = Static<typeof PromotionSchema>;
export type GateResult = NonNullable<Promotion["gate"]>;
export type GateCheck = GateResult["checks"][number];
export type VersionAnalysis = Promotion["analyses"]["to"];

export interface RegistrySettings {
  protected_labels: string[];
  promotion_gate: PromotionGate | null;
  allow_self_approval: boolean;
}

export const WEBHOOK_EVENTS = [
  "prompt.version.created",
  "prompt.label.moved",
  "promotion.requested",
  "promotion.decided",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
// PROVISIONAL until feat/webhooks is on main: written from its schemas (webhooks-schemas.ts); then
// the Static<> types of WebhookSchema, CreatedWebhookSchema and DeliverySchema.
export interface Webhook {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  created_at: string;
  updated_at: string;
}
export interface CreatedWebhook extends Webhook {
  secret: string;
}
export interface WebhookDelivery {
  id: string;
  event: string;
  status: "pending" | "delivering" | "delivered" | "failed";
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_response_code: number | null;
  last_response_ms: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export type FolderList = Static<typeof FolderListResponseSchema>;
