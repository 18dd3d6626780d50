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
import type {
  CreatedWebhookSchema,
  DeliverySchema,
  WebhookSchema,
} from "../../../src/features/webhooks/webhooks-schemas.js";
import type { Project } from "./types.js";

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

/** A project's registry settings, as the project's own schema carries them (every field present). */
export type RegistrySettings = Required<
  Pick<Project, "protected_labels" | "promotion_gate" | "allow_self_approval">
>;

export const WEBHOOK_EVENTS = [
  "prompt.version.created",
  "prompt.label.moved",
  "promotion.requested",
  "promotion.decided",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export type Webhook = Static<typeof WebhookSchema>;
export type CreatedWebhook = Static<typeof CreatedWebhookSchema>;
export type WebhookDelivery = Static<typeof DeliverySchema>;

export type FolderList = Static<typeof FolderListResponseSchema>;
