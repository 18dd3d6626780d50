// Evaluations as the web app reads them: datasets and their items (with revisions), a prompt's
// assertions, runs with their per-target summaries and results, and the comparison of two runs. The
// shapes follow the evaluations API (docs/evaluations.md), and the server's types are imported as types
// only, so the two cannot drift apart. The value lists the forms offer are written out here so the first
// bundle carries no server code, except the assertion kinds: their server module holds only the list.
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
import type { ResultSchema, RunSchema } from "../../../src/features/evaluations/evaluations-schemas.js";
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
/** The server's own list (the form offers them in its order). */
export { ASSERTION_TYPES } from "../../../src/features/evaluations/assertion-types.js";

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

/** A result as the API sends it; the web app narrows its status and verdicts. */
export type EvaluationResult = Omit<Static<typeof ResultSchema>, "status" | "verdicts"> & {
  status: ResultStatus;
  verdicts: Verdict[] | null;
};

/** A run as the API sends it; the web app narrows its targets, assertions, status and results. */
export type EvaluationRun = Omit<
  Static<typeof RunSchema>,
  "targets" | "assertions" | "status" | "summary" | "results"
> & {
  targets: Target[];
  assertions: Assertion[];
  status: RunStatus;
  summary: TargetSummary[] | null;
  results?: EvaluationResult[];
};

export type ItemChange = CompareChange;
export type ComparedItem = CompareItem;
export type RunComparison = ServerRunComparison;

/** A run still moving: its page polls it until it ends. */
export function isActive(status: RunStatus): boolean {
  return status === "queued" || status === "running";
}
