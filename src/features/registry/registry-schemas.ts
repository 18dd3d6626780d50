// Request and response schemas of the registry: labels, promotions, the prompt-level promotion gate,
// and the fetch and compile routes applications call.
import { type Static, Type } from "typebox";
import { ID_PATTERN } from "../../db/ids.js";
import { PathRefSchema } from "../../http/route-kit.js";
import { MAX_VERSION } from "../prompts/prompts-schemas.js";
import { LABEL_PATTERN, SPLIT_LIMITS } from "./label-targets.js";
import { PROMOTION_LIMITS } from "./promotions-service.js";

const Timestamp = Type.String({ format: "date-time" });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Version = Type.Integer({ minimum: 1, maximum: MAX_VERSION });
const Id = Type.String({ pattern: ID_PATTERN });

export const LabelParamsSchema = Type.Object({
  id: PathRefSchema,
  label: Type.String({ minLength: 1, maxLength: 100, description: "[a-z0-9._-]{1,40}; not latest" }),
});
export const PromotionParamsSchema = Type.Object({ id: Id });

const SplitEntrySchema = Type.Object(
  { version: Version, weight: Type.Integer({ minimum: 1, maximum: 100 }) },
  { additionalProperties: false },
);
const TargetSchema = Type.Union([
  Type.Object({ version: Type.Integer() }),
  Type.Object({ split: Type.Array(Type.Object({ version: Type.Integer(), weight: Type.Integer() })) }),
]);

export const LabelMoveBodySchema = Type.Object(
  {
    version: Type.Optional(Version),
    split: Type.Optional(
      Type.Array(SplitEntrySchema, {
        minItems: 1,
        maxItems: SPLIT_LIMITS.entries,
        description: "Weighted versions; integer weights summing to 100",
      }),
    ),
  },
  { additionalProperties: false, description: "Exactly one of version and split" },
);
export type LabelMoveBody = Static<typeof LabelMoveBodySchema>;

export const LabelSchema = Type.Object({
  label: Type.String(),
  version: Nullable(Type.Integer()),
  split: Nullable(Type.Array(Type.Object({ version: Type.Integer(), weight: Type.Integer() }))),
  protected: Type.Boolean(),
  computed: Type.Boolean({ description: "true for latest: the newest version, never stored or moved" }),
  updated_by: Nullable(Type.String()),
  updated_at: Nullable(Timestamp),
});

export const LabelEventSchema = Type.Object({
  id: Type.String(),
  label: Type.String(),
  from: Nullable(TargetSchema),
  to: Nullable(TargetSchema),
  actor: Nullable(Type.Object({ id: Type.String(), username: Nullable(Type.String()) })),
  promotion_id: Nullable(Type.String()),
  created_at: Timestamp,
});

export const LabelListSchema = Type.Object({
  items: Type.Array(LabelSchema),
  history: Type.Array(LabelEventSchema, { description: "Moves and removals, newest first (at most 200)" }),
});

export const GateSettingsSchema = Type.Object(
  {
    min_score: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: "Minimum overall score" })),
    block_new_errors: Type.Optional(
      Type.Boolean({ description: "Block an error-severity finding the labelled version does not have" }),
    ),
    min_eval_pass_rate: Type.Optional(
      Type.Object(
        {
          dataset: Type.String({ minLength: 1, maxLength: 200, description: "The dataset's id or name" }),
          pass_rate: Type.Number({ minimum: 0, maximum: 1 }),
        },
        {
          additionalProperties: false,
          description:
            "The version's latest completed evaluation run on the dataset must pass at least this share of items (its lowest target's pass_rate); no run fails the check",
        },
      ),
    ),
  },
  { additionalProperties: false },
);

const GateCheckSchema = Type.Object({
  check: Type.String(),
  passed: Type.Boolean(),
  required: Type.Optional(Type.Number()),
  actual: Type.Optional(Nullable(Type.Number())),
  dataset: Type.Optional(Type.String()),
  run_id: Type.Optional(Nullable(Type.String())),
  reason: Type.Optional(Type.String()),
  new_errors: Type.Optional(
    Type.Array(Type.Object({ rule: Type.String(), kind: Type.String(), message: Type.String() })),
  ),
});
const GateVerdictSchema = Type.Object({
  passed: Type.Boolean(),
  source: Type.String({ description: "prompt, project or none" }),
  settings: Nullable(GateSettingsSchema),
  checks: Type.Array(GateCheckSchema),
});

const UserRef = Nullable(Type.Object({ id: Type.String(), username: Nullable(Type.String()) }));

export const PromotionSummarySchema = Type.Object({
  id: Type.String(),
  prompt_id: Type.String(),
  prompt_name: Type.String(),
  label: Type.String(),
  status: Type.String({ description: "pending, blocked, approved, rejected or superseded" }),
  from_version: Nullable(Type.Integer()),
  version: Type.Integer(),
  note: Nullable(Type.String()),
  gate: Nullable(GateVerdictSchema),
  requested_by: UserRef,
  created_at: Timestamp,
  decided_by: UserRef,
  decided_at: Nullable(Timestamp),
  decision_comment: Nullable(Type.String()),
});

const ScoresSchema = Type.Object({
  overall: Type.Number(),
  clarity: Type.Number(),
  specificity: Type.Number(),
  structure: Type.Number(),
  context: Type.Number(),
  best_practices: Type.Number(),
});
const VersionAnalysisSchema = Type.Object({
  version: Type.Integer(),
  scores: ScoresSchema,
  findings: Type.Array(
    Type.Object({
      rule: Type.String(),
      kind: Type.String(),
      severity: Type.String(),
      message: Type.String(),
    }),
  ),
  engine_version: Type.String(),
});

export const PromotionSchema = Type.Object({
  ...PromotionSummarySchema.properties,
  diff: Type.Object({
    lines: Type.Array(
      Type.Object({
        op: Type.String(),
        text: Type.String(),
        old_line: Nullable(Type.Integer()),
        new_line: Nullable(Type.Integer()),
      }),
    ),
    added: Type.Integer(),
    removed: Type.Integer(),
    minimal: Type.Boolean(),
  }),
  analyses: Type.Object({ from: Nullable(VersionAnalysisSchema), to: VersionAnalysisSchema }),
});

export const PromotionListQuerySchema = Type.Object({
  status: Type.Optional(
    Type.Enum(["pending", "blocked", "approved", "rejected", "superseded"], {
      description: "Only requests of this status (pending: what awaits review)",
    }),
  ),
});

export const PromotionListSchema = Type.Object({ items: Type.Array(PromotionSummarySchema) });

export const PromotionRequestBodySchema = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 40, pattern: LABEL_PATTERN }),
    version: Version,
    note: Type.Optional(Type.String({ maxLength: PROMOTION_LIMITS.note })),
  },
  { additionalProperties: false },
);
export const DecisionBodySchema = Type.Object(
  { comment: Type.Optional(Type.String({ maxLength: PROMOTION_LIMITS.comment })) },
  { additionalProperties: false },
);

export const PromptGateSchema = Type.Object({
  prompt: Nullable(GateSettingsSchema),
  project: Nullable(GateSettingsSchema),
  effective: Nullable(GateSettingsSchema),
  source: Type.String({ description: "prompt, project or none" }),
});

// Fetch and compile

export const RegistryParamsSchema = Type.Object({
  project: Type.String({ minLength: 1, maxLength: 100, description: "The project's slug or id" }),
  "*": Type.String({ description: "The prompt's name; may contain /" }),
});

export const FetchQuerySchema = Type.Object({
  label: Type.Optional(Type.String({ minLength: 1, maxLength: 40, pattern: LABEL_PATTERN })),
  version: Type.Optional(Version),
  bucket: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: "A stable key (an end user's id) for split labels",
    }),
  ),
  resolve: Type.Optional(Type.Boolean({ description: "Inline included prompts ({{> name}})" })),
});

const MessageSchema = Type.Object({ role: Type.String(), content: Type.String() });
const ResolvedSchema = Type.Array(
  Type.Object({ name: Type.String(), version: Type.Integer(), label: Type.Optional(Type.String()) }),
);
const ServedSchema = Type.Object({
  version: Type.Integer(),
  label: Type.Optional(Type.String()),
  bucket: Type.Optional(Type.String()),
});

export const FetchedPromptSchema = Type.Object({
  name: Type.String(),
  type: Type.String({ description: "text or chat" }),
  version: Type.Integer(),
  labels: Type.Array(Type.String()),
  content: Type.Optional(Type.String({ description: "text prompts" })),
  messages: Type.Optional(Type.Array(MessageSchema, { description: "chat prompts" })),
  variables: Type.Array(
    Type.Object({
      name: Type.String(),
      type: Type.Union([
        Type.Literal("string"),
        Type.Literal("number"),
        Type.Literal("boolean"),
        Type.Literal("enum"),
        Type.Literal("json"),
      ]),
      description: Type.Optional(Type.String()),
      required: Type.Optional(Type.Boolean()),
      default: Type.Optional(Type.Unknown()),
      enum_values: Type.Optional(Type.Array(Type.String())),
    }),
  ),
  config: Type.Record(Type.String(), Type.Unknown()),
  resolved_from: ResolvedSchema,
  served: ServedSchema,
});

export const CompileBodySchema = Type.Object(
  {
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 40, pattern: LABEL_PATTERN })),
    version: Type.Optional(Version),
    bucket: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    variables: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);

export const CompiledPromptSchema = Type.Object({
  name: Type.String(),
  type: Type.String(),
  version: Type.Integer(),
  content: Type.Optional(Type.String()),
  messages: Type.Optional(Type.Array(MessageSchema)),
  resolved_from: ResolvedSchema,
  served: ServedSchema,
});
