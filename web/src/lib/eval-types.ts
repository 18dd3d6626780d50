// Evaluations as the web app reads them: datasets and their items (with revisions), a prompt's
// assertions, runs with their per-target summaries and results, and the comparison of two runs. The
// shapes follow the evaluations API (docs/evaluations.md); the value lists the forms offer are written
// out here so the first bundle carries no server code. Where the server's module is pure (assertions,
// statistics, comparison), its types are imported as types only, so the two cannot drift apart.
import type { Static } from "typebox";
import type { Assertion as ServerAssertion } from "../../../src/features/evaluations/assertion-schemas.js";
import type { Verdict as ServerVerdict } from "../../../src/features/evaluations/assertions.js";
import type {
  DatasetSchema,
  DatasetWithItemsSchema,
  ExportQuerySchema,
  ItemInputSchema,
  ItemRevisionSchema,
  ItemSchema,
} from "../../../src/features/evaluations/datasets-schemas.js";
import type { TargetSummary as ServerTargetSummary } from "../../../src/features/evaluations/evaluation-stats.js";
import type {
  CompareChange,
  CompareItem,
  RunComparison as ServerRunComparison,
} from "../../../src/features/evaluations/run-compare.js";

/** A variable's value: text, a number, a boolean, null, or any JSON. */
export type JsonValue = unknown;

export type Dataset = Static<typeof DatasetSchema>;
export type DatasetItem = Static<typeof ItemSchema>;
export type ItemRevision = Static<typeof ItemRevisionSchema>;
export type DatasetWithItems = Static<typeof DatasetWithItemsSchema>;
export type ItemInput = Static<typeof ItemInputSchema>;
export type ImportFormat = Static<typeof ExportQuerySchema>["format"];

export type Assertion = ServerAssertion;
export type AssertionType = Assertion["type"];
/** The server's list (assertion-schemas.ts), written out; test/e2e/web-eval-logic.test.ts checks they agree. */
export const ASSERTION_TYPES = [
  "equals",
  "contains",
  "not-contains",
  "regex",
  "is-json",
  "json-schema",
  "max-length",
  "min-length",
  "similar-to",
  "latency-below",
  "cost-below",
  "judge",
] as const satisfies readonly AssertionType[];

export const RUN_STATUSES = ["queued", "running", "completed", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type ResultStatus = "passed" | "failed" | "error" | "cancelled" | "pending" | "running";

export const PROVIDERS = ["openai", "gemini"] as const;
export type Provider = (typeof PROVIDERS)[number];

export interface Target {
  provider: Provider;
  model: string;
  params?: Record<string, JsonValue>;
}

export type TargetSummary = ServerTargetSummary;

export type Verdict = ServerVerdict;

export interface EvaluationResult {
  item_id: string;
  item_revision_id: string;
  variables: Record<string, JsonValue>;
  expected: string | null;
  target_index: number;
  repeat_index: number;
  status: ResultStatus;
  rendered: string | null;
  output: string | null;
  verdicts: Verdict[] | null;
  judge_score: number | null;
  latency_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cost_usd: number | null;
  error: string | null;
}

export interface EvaluationRun {
  id: string;
  project_id: string;
  prompt_id: string;
  version: number;
  label: string | null;
  dataset_id: string;
  targets: Target[];
  assertions: Assertion[];
  repeat: number;
  concurrency: number;
  status: RunStatus;
  progress: { total: number; done: number };
  summary: TargetSummary[] | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  results?: EvaluationResult[];
}

export type ItemChange = CompareChange;
export type ComparedItem = CompareItem;
export type RunComparison = ServerRunComparison;

/** A run still moving: its page polls it until it ends. */
export function isActive(status: RunStatus): boolean {
  return status === "queued" || status === "running";
}
