// Row types of every table, shared by the repositories. Timestamps are ISO-8601 UTC strings
// ("2026-01-15T10:30:45.123Z") on both SQLite and PostgreSQL, so they sort and compare as text
// and round-trip identically through both drivers. Ids are UUIDv7 strings (see ids.ts).
import type { Generated } from "kysely";

export interface UsersTable {
  id: string;
  username: string;
  /** Lower-cased username: the unique key, so "Alice" and "alice" cannot both exist. */
  username_key: string;
  email: string;
  password_hash: string;
  full_name: string | null;
  role: "user" | "admin";
  created_at: string;
  updated_at: string;
  /** Last authenticated request (updated at most once a minute): feeds active_users. */
  last_active_at: string | null;
  /** Access tokens issued (iat) before this instant are refused: set when the password changes. */
  sessions_valid_after: string | null;
}

export interface RefreshTokensTable {
  id: string;
  user_id: string;
  /** All tokens descending from one login share a family; reuse of a spent token revokes it. */
  family_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

export interface ApiKeysTable {
  id: string;
  /** The account that created the key; the key never does more than this user's role allows. */
  user_id: string;
  /** Null: a user-level key, acting on its owner's personal project with the owner's rights. */
  project_id: string | null;
  /** JSON array of scopes (features/projects/permissions.ts); null for user-level keys. */
  scopes: string | null;
  expires_at: string | null;
  name: string;
  /** First characters of the key, shown in lists so users can tell keys apart. */
  prefix: string;
  key_hash: string;
  created_at: string;
  last_used_at: string | null;
}

export interface LoginAttemptsTable {
  /** "user:<username_key>" or "ip:<address>". */
  key: string;
  failures: number;
  window_started_at: string;
}

export interface PromptsTable {
  id: string;
  /** The author; the project owns the prompt. */
  user_id: string;
  project_id: string;
  title: string;
  /** Registry name, unique in the project: lower-case slug segments separated by `/` (folders). */
  name: string;
  /** The current version's type. */
  type: Generated<PromptType>;
  /** JSON {min_score?, block_new_errors?}: overrides the project's promotion gate; null: the project's. */
  promotion_gate: Generated<string | null>;
  content: string;
  category: string;
  /** JSON array of strings; prompt_tags holds the same tags for indexed filtering. */
  tags: string;
  target_llm: string;
  current_version: number;
  /** Overall score of the latest analysis of the current version, for sorting by score. */
  score: number | null;
  /** Analysis engine version that computed `score` (null for no score or one stored before 0006). */
  score_engine_version: string | null;
  created_at: string;
  updated_at: string;
}

export interface PromptTagsTable {
  prompt_id: string;
  tag: string;
}

export type PromptType = "text" | "chat";

export interface PromptVersionsTable {
  id: string;
  prompt_id: string;
  version: number;
  /** For a chat version, the messages as one text (what analysis and diff read). */
  content: string;
  change_note: string | null;
  created_at: string;
  type: Generated<PromptType>;
  /** JSON array of {role: system | user | assistant, content} for chat versions; null for text. */
  messages: Generated<string | null>;
  /** JSON array of {name, type, description, required, default?, enum_values?}. */
  variables: Generated<string>;
  /** JSON object validated against the published config schema (model, temperature, …). */
  config: Generated<string>;
  /** Who created the version (null for versions stored before the registry). */
  created_by: Generated<string | null>;
}

export interface PromptLabelsTable {
  prompt_id: string;
  /** `[a-z0-9._-]{1,40}`; never `latest` (always the newest version, computed). */
  label: string;
  project_id: string;
  /** The version the label points at; null when it points at a split. */
  version: number | null;
  /** JSON [{version, weight}] with weights summing to 100; null for a single version. */
  split: string | null;
  updated_by: string | null;
  updated_at: string;
}

export interface PromptLabelEventsTable {
  id: string;
  project_id: string;
  prompt_id: string;
  label: string;
  /** JSON {version} | {split}; null: the label did not exist before. */
  from_target: string | null;
  /** JSON {version} | {split}; null: the label was removed. */
  to_target: string | null;
  actor_id: string | null;
  /** The approved promotion that moved it, if any. */
  promotion_id: string | null;
  created_at: string;
}

export type PromotionStatus = "pending" | "approved" | "rejected" | "blocked" | "superseded";

export interface PromotionsTable {
  id: string;
  project_id: string;
  prompt_id: string;
  label: string;
  /** The version the label pointed at when requested (null: nowhere yet). */
  from_version: number | null;
  version: number;
  note: string | null;
  status: PromotionStatus;
  /** JSON: the quality gate's verdict at request time. */
  gate: string | null;
  requested_by: string | null;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string | null;
}

export interface TemplatesTable {
  id: string;
  /** The author; the project owns the template (public ones are readable by everyone). */
  user_id: string;
  project_id: string;
  name: string;
  description: string | null;
  content: string;
  /** JSON array of {name, description, default?, required}. */
  variables: string;
  category: string;
  tags: string;
  visibility: "private" | "public";
  use_count: number;
  cloned_from: string | null;
  created_at: string;
  updated_at: string;
}

export interface TemplateTagsTable {
  template_id: string;
  tag: string;
}

export interface TemplateUsesTable {
  id: string;
  template_id: string;
  user_id: string;
  created_at: string;
}

export interface AnalysesTable {
  id: string;
  user_id: string;
  prompt_id: string | null;
  prompt_version: number | null;
  /** "analyze" or "enhance". */
  kind: string;
  engine: string;
  overall_score: number;
  /** Full JSON result as returned by the API. */
  result: string;
  created_at: string;
  /** Analysis engine version that computed the stored score (`engine_version` of the result). */
  engine_version: string | null;
  /** When a newer engine recomputed this score in place (the rescore job); null if never. */
  rescored_at: string | null;
  /** The rescore job's claim on this row: a token of one batch, and when the claim lapses. */
  rescore_claim: string | null;
  rescore_claimed_until: string | null;
}

/** A provider identity (issuer + subject) linked to a user: later sign-ins find the user by it. */
export interface UserIdentitiesTable {
  id: string;
  user_id: string;
  issuer: string;
  subject: string;
  /** The e-mail address the provider gave at the last sign-in. */
  email: string;
  created_at: string;
  last_login_at: string;
}

/** A sign-in under way at the OpenID provider; single-use, deleted by the callback. */
export interface SsoFlowsTable {
  /** SHA-256 of the state, which only the browser's cookie and the provider's redirect carry. */
  state_hash: string;
  nonce: string;
  code_verifier: string;
  /** Path in the web app to return to afterwards. */
  return_to: string;
  created_at: string;
  expires_at: string;
}

/** A one-time code that hands a finished sign-in to the web app (exchanged for a token pair). */
export interface SsoHandoffsTable {
  code_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export type ProjectRole = "owner" | "admin" | "editor" | "viewer";

export interface ProjectsTable {
  id: string;
  name: string;
  /** Unique per instance. Personal projects are "~<username_key>", a form no other project can take. */
  slug: string;
  /** 1 for a user's personal project (created at registration, never shared away from its owner). */
  personal: number;
  created_by: string | null;
  /** JSON array of label names moved only by promotion (default ["production"]). */
  protected_labels: Generated<string>;
  /** JSON {min_score?, block_new_errors?} or null: no gate. */
  promotion_gate: Generated<string | null>;
  /** 1: a requester may approve their own promotion (one-person projects). */
  allow_self_approval: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ProjectMembersTable {
  project_id: string;
  user_id: string;
  role: ProjectRole;
  created_at: string;
  updated_at: string;
}

export interface ProjectInvitationsTable {
  id: string;
  project_id: string;
  /** Lower-cased; the accepting account's e-mail must match. */
  email: string;
  role: ProjectRole;
  /** SHA-256 of the single-use token; the token itself is never stored. */
  token_hash: string;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
}

export interface AuditChainsTable {
  /** "instance", or "project:<project id>". */
  chain: string;
  project_id: string | null;
  /** seq and hash of the last entry appended (0 and the genesis hash while empty). */
  head_seq: number;
  head_hash: string;
  /** seq and hash of the last entry retention deleted: the first kept entry links to it. */
  anchor_seq: number;
  anchor_hash: string;
  updated_at: string;
}

export interface AuditEventsTable {
  id: string;
  chain: string;
  /** Position in the chain, from 1, without gaps. */
  seq: number;
  /** null for instance-level events. */
  project_id: string | null;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  created_at: string;
  client_ip: string | null;
  request_id: string | null;
  /** JSON object with sorted keys: what changed, never secrets or full prompt text. */
  summary: string;
  prev_hash: string;
  /** SHA-256 (hex) of this entry's canonical content, prev_hash included. */
  hash: string;
}

export type WebhookDeliveryStatus = "pending" | "delivering" | "delivered" | "failed";

/** A project's subscription to registry events. */
export interface WebhooksTable {
  id: string;
  project_id: string;
  url: string;
  /** JSON array of event types. */
  events: string;
  /** HMAC-SHA256 key of the signatures; shown once at creation, never returned again, never logged. */
  secret: string;
  /** 1: events are delivered; 0: paused (nothing is queued for it). */
  active: Generated<number>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** The outbox: one row per event and webhook, written in the transaction of the change it reports. */
export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  project_id: string;
  /** An event type, or "ping" for a test delivery. */
  event: string;
  /** The exact JSON body sent and signed on every attempt. */
  payload: string;
  status: WebhookDeliveryStatus;
  attempts: Generated<number>;
  next_attempt_at: string;
  claim: string | null;
  claimed_until: string | null;
  last_attempt_at: string | null;
  last_response_code: number | null;
  last_response_ms: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export type EvaluationRunStatus = "queued" | "running" | "completed" | "failed" | "cancelled";
export type EvaluationResultStatus = "pending" | "running" | "passed" | "failed" | "error" | "cancelled";

/** A project's dataset of evaluation inputs. */
export interface DatasetsTable {
  id: string;
  project_id: string;
  /** Unique among the project's live datasets. */
  name: string;
  description: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** Deleted datasets stay for the runs that used them. */
  deleted_at: string | null;
}

/** One revision of a dataset item; the current revision has superseded_at and deleted_at null. */
export interface DatasetItemsTable {
  id: string;
  /** Stable across revisions. */
  item_id: string;
  dataset_id: string;
  revision: number;
  position: number;
  /** JSON object: variable name → value. */
  variables: string;
  expected: string | null;
  /** JSON array of strings. */
  tags: Generated<string>;
  note: Generated<string>;
  created_by: string | null;
  created_at: string;
  superseded_at: string | null;
  deleted_at: string | null;
}

/** The assertions declared for a prompt (JSON array). */
export interface PromptAssertionsTable {
  prompt_id: string;
  assertions: string;
  updated_by: string | null;
  updated_at: string;
}

export interface EvaluationRunsTable {
  id: string;
  project_id: string;
  prompt_id: string;
  version: number;
  label: string | null;
  dataset_id: string;
  /** JSON [{provider, model, params}]. */
  targets: string;
  /** JSON: the assertions in force, snapshotted at start. */
  assertions: string;
  /** 1 when `assertions` are the prompt's declared ones, 0 when the start request gave its own. */
  declared_assertions: Generated<number>;
  repeat: number;
  concurrency: number;
  status: EvaluationRunStatus;
  total: number;
  done: Generated<number>;
  /** JSON per-target aggregates. */
  summary: string | null;
  error: string | null;
  created_by: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** One item × target × repeat of a run; also the embedded worker's queue row. */
export interface EvaluationResultsTable {
  id: string;
  run_id: string;
  item_revision_id: string;
  item_id: string;
  target_index: number;
  repeat_index: number;
  status: EvaluationResultStatus;
  rendered: string | null;
  output: string | null;
  /** JSON [{type, passed, score?, reason, weight}]. */
  verdicts: string | null;
  judge_score: number | null;
  latency_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cost_usd: number | null;
  error: string | null;
  attempts: Generated<number>;
  claim: string | null;
  claimed_until: string | null;
  started_at: string | null;
  finished_at: string | null;
}

export interface Database {
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  project_invitations: ProjectInvitationsTable;
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
  api_keys: ApiKeysTable;
  login_attempts: LoginAttemptsTable;
  prompts: PromptsTable;
  prompt_tags: PromptTagsTable;
  prompt_versions: PromptVersionsTable;
  prompt_labels: PromptLabelsTable;
  prompt_label_events: PromptLabelEventsTable;
  promotions: PromotionsTable;
  templates: TemplatesTable;
  template_tags: TemplateTagsTable;
  template_uses: TemplateUsesTable;
  analyses: AnalysesTable;
  audit_chains: AuditChainsTable;
  audit_events: AuditEventsTable;
  user_identities: UserIdentitiesTable;
  sso_flows: SsoFlowsTable;
  sso_handoffs: SsoHandoffsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  datasets: DatasetsTable;
  dataset_items: DatasetItemsTable;
  prompt_assertions: PromptAssertionsTable;
  evaluation_runs: EvaluationRunsTable;
  evaluation_results: EvaluationResultsTable;
}
