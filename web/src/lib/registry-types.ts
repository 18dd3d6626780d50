// The registry's objects as the web app reads them: labels, promotion requests, project registry
// settings, webhooks and their deliveries, chat messages and the prompt's registry fields.
// PROVISIONAL: written from the "Routes at a glance" and the registry contract while the server
// parts are being built; once feat/prompt-shape, feat/registry and feat/webhooks are on main these
// become `Static<>` types of their schemas (as ./types does for the rest), so the UI cannot drift.
import type { PromptDiff, Scores } from "./types.js";
import type { VariableSpec } from "./variables.js";

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
  username: string | null;
}

export interface SplitEntry {
  version: number;
  weight: number;
}

/** One target of a label: a version, or a weighted split. */
export type LabelTarget = { version: number } | { split: SplitEntry[] };

export interface LabelEvent {
  id: string;
  label: string;
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
  /** true for `latest`: the newest version, never stored or moved. */
  computed?: boolean;
  /** The id of who moved it last. */
  updated_by: string | null;
  updated_at: string | null;
}

export interface LabelList {
  items: PromptLabel[];
  /** Moves and removals, newest first. */
  history: LabelEvent[];
}

export type PromotionStatus = "pending" | "approved" | "rejected" | "blocked" | "superseded";

export type GateCheck =
  | { check: "min_score"; passed: boolean; required: number; actual: number }
  | {
      check: "block_new_errors";
      passed: boolean;
      new_errors: { rule: string; kind: string; message: string }[];
    };

export interface PromotionGate {
  min_score?: number;
  block_new_errors?: boolean;
}

export interface GateResult {
  passed: boolean;
  /** Whose gate applied: the prompt's own, the project's, or none. */
  source: string;
  settings: PromotionGate | null;
  checks: GateCheck[];
}

/** A version's offline analysis as a promotion shows it. */
export interface VersionAnalysis {
  version: number;
  scores: Scores;
  findings: { rule: string; kind: string; severity: string; message: string }[];
  engine_version: string;
}

export interface PromotionSummary {
  id: string;
  prompt_id: string;
  prompt_name: string;
  label: string;
  status: string;
  from_version: number | null;
  version: number;
  note: string | null;
  gate: GateResult | null;
  requested_by: UserRef | null;
  created_at: string;
  decided_by: UserRef | null;
  decided_at: string | null;
  decision_comment: string | null;
}

export interface Promotion extends PromotionSummary {
  diff: Pick<PromptDiff, "lines" | "added" | "removed">;
  analyses: { from: VersionAnalysis | null; to: VersionAnalysis };
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

/** GET …/prompts/folders: every folder, parents first, with prompts directly in it and below it. */
export interface FolderList {
  items: {
    path: string;
    name: string;
    parent: string | null;
    depth: number;
    prompts: number;
    total: number;
  }[];
  root_prompts: number;
}
