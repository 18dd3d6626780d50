// TypeBox schemas of evaluation runs: the start body (version or label, dataset, targets with their
// params, repeat, concurrency, an assertions override), the run and its results as the API returns them,
// the list and the comparison. Limits are named here (RUN_LIMITS) and documented in docs/evaluations.md.
import { type Static, Type } from "typebox";
import { MAX_VERSION } from "../prompts/prompts-schemas.js";
import { LABEL_PATTERN } from "../registry/label-targets.js";
import { AssertionListSchema } from "./assertion-schemas.js";
import { TARGET_PROVIDERS } from "./evaluation-targets.js";

export const RUN_LIMITS = {
  targets: 4,
  repeat: 5,
  concurrency: 32,
  /** Items × targets × repeat of one run. */
  results: 50_000,
  /** Results in one page of GET …/evaluations/:run?results=true. */
  resultsPage: 500,
  model: 200,
  stopSequences: 4,
  stopLength: 100,
  maxTokens: 100_000,
  /** Runs one list answers, newest first. */
  list: 100,
} as const;

const Timestamp = Type.String({ format: "date-time" });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const TargetParamsSchema = Type.Object(
  {
    temperature: Type.Optional(Type.Number({ minimum: 0, maximum: 2 })),
    top_p: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    max_tokens: Type.Optional(Type.Integer({ minimum: 1, maximum: RUN_LIMITS.maxTokens })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2_147_483_647 })),
    stop: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: RUN_LIMITS.stopLength }), {
        maxItems: RUN_LIMITS.stopSequences,
      }),
    ),
  },
  {
    additionalProperties: false,
    description: "Sampling parameters; absent ones are the provider's defaults",
  },
);

export const TargetSchema = Type.Object(
  {
    provider: Type.Enum(TARGET_PROVIDERS, {
      description: "openai: the OpenAI-compatible server of OPENAI_BASE_URL; gemini: Gemini (GEMINI_API_KEY)",
    }),
    model: Type.String({ minLength: 1, maxLength: RUN_LIMITS.model, pattern: "^[^\\s]+$" }),
    params: Type.Optional(TargetParamsSchema),
  },
  { additionalProperties: false },
);

export const StartRunBodySchema = Type.Object(
  {
    version: Type.Optional(
      Type.Integer({ minimum: 1, maximum: MAX_VERSION, description: "The version to evaluate" }),
    ),
    label: Type.Optional(
      Type.String({
        pattern: LABEL_PATTERN,
        description: "Evaluate the version this label points at now (latest: the newest); default latest",
      }),
    ),
    dataset_id: Type.String({ minLength: 1, maxLength: 200, description: "The dataset's id, or its name" }),
    targets: Type.Array(TargetSchema, { minItems: 1, maxItems: RUN_LIMITS.targets }),
    repeat: Type.Optional(Type.Integer({ minimum: 1, maximum: RUN_LIMITS.repeat, default: 1 })),
    concurrency: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: RUN_LIMITS.concurrency,
        default: 4,
        description: "Items of this run in flight at once, across instances",
      }),
    ),
    assertions: Type.Optional(AssertionListSchema),
  },
  { additionalProperties: false },
);
export type StartRunBody = Static<typeof StartRunBodySchema>;

const VerdictSchema = Type.Object({
  type: Type.String(),
  passed: Type.Boolean(),
  score: Nullable(Type.Number()),
  reason: Type.String(),
  weight: Type.Number(),
});

export const ResultSchema = Type.Object({
  item_id: Type.String(),
  item_revision_id: Type.String(),
  variables: Type.Record(Type.String(), Type.Unknown()),
  expected: Nullable(Type.String()),
  target_index: Type.Integer(),
  repeat_index: Type.Integer(),
  status: Type.String({ description: "pending, running, passed, failed, error or cancelled" }),
  rendered: Nullable(
    Type.String({ description: "The prompt as sent (a chat prompt: its messages as JSON)" }),
  ),
  output: Nullable(Type.String()),
  verdicts: Nullable(Type.Array(VerdictSchema)),
  judge_score: Nullable(Type.Number()),
  latency_ms: Nullable(Type.Integer()),
  input_tokens: Nullable(Type.Integer()),
  output_tokens: Nullable(Type.Integer()),
  cost_usd: Nullable(Type.Number()),
  error: Nullable(Type.String()),
});
export type Result = Static<typeof ResultSchema>;

const TargetSummarySchema = Type.Object({
  target_index: Type.Integer(),
  provider: Type.String(),
  model: Type.String(),
  total: Type.Integer(),
  passed: Type.Integer(),
  failed: Type.Integer(),
  errors: Type.Integer(),
  pass_rate: Nullable(Type.Number()),
  pass_rate_ci: Nullable(Type.Array(Type.Number())),
  mean_judge_score: Nullable(Type.Number()),
  latency_p50_ms: Nullable(Type.Number()),
  latency_p95_ms: Nullable(Type.Number()),
  input_tokens: Type.Integer(),
  output_tokens: Type.Integer(),
  cost_usd: Type.Number(),
  flaky_items: Type.Integer(),
  flakiness: Nullable(Type.Number()),
});

export const RunSchema = Type.Object({
  id: Type.String(),
  project_id: Type.String(),
  prompt_id: Type.String(),
  version: Type.Integer(),
  label: Nullable(Type.String()),
  dataset_id: Type.String(),
  targets: Type.Array(TargetSchema),
  assertions: Type.Array(Type.Unknown(), { description: "The assertions in force, snapshotted at start" }),
  repeat: Type.Integer(),
  concurrency: Type.Integer(),
  status: Type.String({ description: "queued, running, completed, failed or cancelled" }),
  progress: Type.Object({ total: Type.Integer(), done: Type.Integer() }),
  summary: Type.Array(TargetSummarySchema),
  error: Nullable(Type.String()),
  created_at: Timestamp,
  started_at: Nullable(Timestamp),
  finished_at: Nullable(Timestamp),
  results: Type.Optional(Type.Array(ResultSchema)),
  /** With results: the cursor of the next page, null on the last. */
  next_cursor: Type.Optional(Nullable(Type.String())),
});
export type Run = Static<typeof RunSchema>;

export const RunListSchema = Type.Object({ items: Type.Array(RunSchema) });

export const PromptRunParamsSchema = Type.Object({ id: Type.String(), run: Type.String() });
export const RunParamsSchema = Type.Object({ run: Type.String() });
export const PromptParamsSchema = Type.Object({ id: Type.String() });
export const RunQuerySchema = Type.Object({
  results: Type.Optional(
    Type.Boolean({
      default: false,
      description: `Include a page of results (default false), in item order, then target and repeat; at most ${RUN_LIMITS.resultsPage} per page`,
    }),
  ),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: RUN_LIMITS.resultsPage, default: RUN_LIMITS.resultsPage }),
  ),
  cursor: Type.Optional(
    Type.String({ minLength: 1, maxLength: 500, description: "next_cursor of the previous page" }),
  ),
});
export const CompareQuerySchema = Type.Object({
  base: Type.String({ minLength: 1 }),
  head: Type.String({ minLength: 1 }),
});

const CompareCellSchema = Nullable(
  Type.Object({ status: Type.String(), passed: Type.Integer(), total: Type.Integer() }),
);
export const ComparisonSchema = Type.Object({
  base: Type.Object({ id: Type.String(), version: Type.Integer(), status: Type.String() }),
  head: Type.Object({ id: Type.String(), version: Type.Integer(), status: Type.String() }),
  items: Type.Array(
    Type.Object({
      item_id: Type.String(),
      target_index: Type.Integer(),
      base: CompareCellSchema,
      head: CompareCellSchema,
      change: Type.String({ description: "regressed, fixed, still_failing, still_passing, new or removed" }),
    }),
    { description: "Regressions first" },
  ),
  summary: Type.Object({ base: Type.Array(TargetSummarySchema), head: Type.Array(TargetSummarySchema) }),
  counts: Type.Record(Type.String(), Type.Integer()),
});
