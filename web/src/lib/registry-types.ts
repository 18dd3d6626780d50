// The registry's objects as the web app reads them: labels, promotion requests, project registry
// settings, webhooks and their deliveries, chat messages and the prompt's registry fields.
// PROVISIONAL: written from the "Routes at a glance" and the registry contract while the server
// parts are being built; once feat/prompt-shape, feat/registry and feat/webhooks are on main these
// become `Static<>` types of their schemas (as ./types does for the rest), so the UI cannot drift.
import type { AnalysisResult, PromptDiff } from "./types";
import type { VariableSpec } from "./variables";

export type { VariableSpec };

export const MESSAGE_ROLES = ["system", "user", "assistant"] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];
export interface ChatMessage {
  role: MessageRole;
  content: string;
}
export type PromptType = "text" | "chat";

/** What feat/prompt-shape adds to a prompt and each version. Optional: an older server leaves them out. */
export interface RegistryFields {
  name?: string;
  type?: PromptType;
  messages?: ChatMessage[] | null;
  variables?: VariableSpec[];
  config?: Record<string, unknown>;
}

export interface UserRef {
  id: string;
  username: string;
}

export interface SplitEntry {
  version: number;
  weight: number;
}

/** One target of a label: a version, or a weighted split. */
export interface LabelTarget {
  version?: number | null;
  split?: SplitEntry[] | null;
}

export interface LabelEvent {
  from: LabelTarget | null;
  to: LabelTarget | null;
  actor: UserRef | null;
  promotion_id: string | null;
  created_at: string;
}

export interface PromptLabel {
  label: string;
  version: number | null;
  split: SplitEntry[] | null;
  protected: boolean;
  updated_at: string;
  updated_by: UserRef | null;
  history?: LabelEvent[];
}

export interface LabelList {
  items: PromptLabel[];
  /** The project's protected labels, when the server says so here. */
  protected_labels?: string[];
}

export type PromotionStatus = "pending" | "approved" | "rejected" | "blocked" | "superseded";

export interface GateCheck {
  name: string;
  passed: boolean;
  message: string;
}
export interface GateResult {
  passed: boolean;
  checks: GateCheck[];
}

/** A version's offline analysis as a promotion shows it. */
export type VersionAnalysis = Pick<AnalysisResult, "scores" | "findings"> & Partial<AnalysisResult>;

export interface Promotion {
  id: string;
  prompt_id: string;
  prompt_name?: string;
  prompt_title?: string;
  label: string;
  from_version: number | null;
  version: number;
  note: string | null;
  status: PromotionStatus;
  diff: Pick<PromptDiff, "lines" | "added" | "removed">;
  analyses: { from: VersionAnalysis | null; to: VersionAnalysis };
  gate: GateResult | null;
  requested_by: UserRef | null;
  created_at: string;
  decided_by: UserRef | null;
  decided_at: string | null;
  decision_comment: string | null;
}

export interface PromotionGate {
  min_score?: number | null;
  block_new_errors?: boolean;
}

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

export interface Webhook {
  id: string;
  url: string;
  events: WebhookEvent[];
  created_at: string;
  updated_at?: string;
}
export interface CreatedWebhook extends Webhook {
  secret: string;
}

export interface WebhookDelivery {
  id: string;
  event: string;
  status: string;
  attempts: number;
  response_status: number | null;
  response_ms: number | null;
  last_error: string | null;
  created_at: string;
  next_attempt_at?: string | null;
}
