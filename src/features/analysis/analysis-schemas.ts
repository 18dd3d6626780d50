// TypeBox schemas of /api/v1/analysis and GET /prompts/:id/analyses: request validation, response
// serialisation and the OpenAPI document. The result shapes mirror engine/types.ts field for field.
import { type Static, Type } from "typebox";
import { ID_PATTERN } from "../../db/ids.js";
import { CHECKLIST_ITEMS, FINDING_KINDS, STRATEGIES, TARGET_LLMS } from "./engine/types.js";

/** Longest text analysed in one call (characters). */
export const MAX_TEXT = 50_000;
export const MAX_BATCH = 50;

export const TargetLlmSchema = Type.Enum(TARGET_LLMS, { description: "Model the prompt is written for" });
export const StrategySchema = Type.Enum(STRATEGIES);
const Text = Type.String({
  minLength: 1,
  maxLength: MAX_TEXT,
  description: `The prompt, 1–${MAX_TEXT} characters`,
});
const PromptId = Type.String({
  pattern: ID_PATTERN,
  description: "Analyse the current version of this saved prompt",
});

const SpanSchema = Type.Object({ start: Type.Integer(), end: Type.Integer() });
const Score = Type.Number({ minimum: 0, maximum: 100 });

export const FindingSchema = Type.Object({
  rule: Type.String(),
  kind: Type.Enum(FINDING_KINDS),
  severity: Type.Enum(["hint", "info", "warning", "error"]),
  message: Type.String(),
  suggestion: Type.String(),
  spans: Type.Array(SpanSchema),
});

export const AnalysisResultSchema = Type.Object({
  scores: Type.Object({
    overall: Score,
    clarity: Score,
    specificity: Score,
    structure: Score,
    context: Score,
    best_practices: Score,
  }),
  findings: Type.Array(FindingSchema),
  checklist: Type.Array(
    Type.Object({
      item: Type.Enum(CHECKLIST_ITEMS),
      label: Type.String(),
      present: Type.Boolean(),
      applicable: Type.Optional(
        Type.Boolean({
          description: "False when the item does not apply to this prompt (e.g. no material to delimit)",
        }),
      ),
      evidence: Type.Union([SpanSchema, Type.Null()]),
    }),
  ),
  strengths: Type.Array(Type.String()),
  weaknesses: Type.Array(Type.String()),
  suggestions: Type.Array(Type.String()),
  llm_advice: Type.Object({ target: TargetLlmSchema, tips: Type.Array(Type.String()) }),
  stats: Type.Object({
    characters: Type.Integer(),
    words: Type.Integer(),
    sentences: Type.Integer(),
    estimated_tokens: Type.Integer(),
    reading_level: Type.Number(),
  }),
  engine: Type.String({ description: '"local", "gemini" or "openai"' }),
  engine_version: Type.String(),
  language: Type.Optional(
    Type.String({
      description: 'ISO 639-1 code of the instructions\' language; "und" when too short to tell',
    }),
  ),
  coverage: Type.Optional(
    Type.Enum(["full", "partial"], {
      description: '"partial" when the rules do not cover the language and only language-neutral rules ran',
    }),
  ),
  fallback_reason: Type.Optional(
    Type.String({ description: "Why the offline engine answered although an LLM is configured" }),
  ),
});

export const EnhanceVariantSchema = Type.Object({
  strategy: StrategySchema,
  enhanced_text: Type.String(),
  analysis: AnalysisResultSchema,
  before_score: Score,
  after_score: Score,
  improvement_percent: Type.Number(),
  changes: Type.Array(Type.String()),
});

export const EnhanceResponseSchema = Type.Object({
  ...EnhanceVariantSchema.properties,
  variants: Type.Array(EnhanceVariantSchema),
  engine: Type.String(),
  fallback_reason: Type.Optional(Type.String()),
  saved_version: Type.Optional(Type.Integer({ description: "The new prompt version, when save was asked" })),
});

export const AnalyzeBodySchema = Type.Object(
  {
    text: Type.Optional(Text),
    prompt_id: Type.Optional(PromptId),
    target_llm: Type.Optional(TargetLlmSchema),
  },
  { description: "Exactly one of text and prompt_id" },
);
export type AnalyzeBody = Static<typeof AnalyzeBodySchema>;

export const EnhanceBodySchema = Type.Object(
  {
    text: Type.Optional(Text),
    prompt_id: Type.Optional(PromptId),
    strategy: Type.Optional(StrategySchema),
    variants: Type.Optional(Type.Enum([1, 3], { description: "1 (default) or 3: one per strategy" })),
    target_llm: Type.Optional(TargetLlmSchema),
    save: Type.Optional(
      Type.Boolean({ description: "With prompt_id: store the chosen text as a new version of the prompt" }),
    ),
  },
  { description: "Exactly one of text and prompt_id" },
);
export type EnhanceBody = Static<typeof EnhanceBodySchema>;

export const VersionsParamsSchema = Type.Object({ prompt_id: Type.String({ pattern: ID_PATTERN }) });
export const VersionsBodySchema = Type.Optional(Type.Object({ target_llm: Type.Optional(TargetLlmSchema) }));

export const BatchBodySchema = Type.Object({
  items: Type.Array(
    Type.Object({
      // Length is checked per item so one bad item fails alone, not the whole batch.
      text: Type.String({ description: `1–${MAX_TEXT} characters` }),
      target_llm: Type.Optional(TargetLlmSchema),
    }),
    { minItems: 1, maxItems: MAX_BATCH },
  ),
});
export type BatchBody = Static<typeof BatchBodySchema>;

export const BatchResponseSchema = Type.Object({
  results: Type.Array(
    Type.Object({
      ok: Type.Boolean(),
      result: Type.Optional(AnalysisResultSchema),
      error: Type.Optional(
        Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
      ),
    }),
  ),
});

export const TextBodySchema = Type.Object({ text: Text, target_llm: Type.Optional(TargetLlmSchema) });

export const AmbiguitiesResponseSchema = Type.Object({
  findings: Type.Array(FindingSchema),
  engine: Type.String(),
  fallback_reason: Type.Optional(Type.String()),
});

export const BestPracticesResponseSchema = Type.Object({
  checklist: AnalysisResultSchema.properties.checklist,
  llm_advice: AnalysisResultSchema.properties.llm_advice,
});

export const ModelsResponseSchema = Type.Object({
  active: Type.Enum(["local", "gemini", "openai"]),
  providers: Type.Array(
    Type.Object({
      name: Type.Enum(["local", "gemini", "openai"]),
      configured: Type.Boolean(),
      active: Type.Boolean(),
      models: Type.Array(Type.String()),
      available: Type.Boolean({ description: "Whether it answered a probe just now (cached briefly)" }),
      error: Type.Optional(Type.String()),
      circuit: Type.Optional(Type.Enum(["closed", "open", "half_open"])),
    }),
  ),
  engine_version: Type.String(),
  checked_at: Type.String(),
});
export type ModelsResponse = Static<typeof ModelsResponseSchema>;

export const PromptIdParamsSchema = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });

export const AnalysisHistoryItemSchema = Type.Object({
  id: Type.String(),
  kind: Type.Enum(["analyze", "enhance"]),
  version: Type.Union([Type.Integer(), Type.Null()], {
    description: "Prompt version analysed (for an unsaved enhancement: null)",
  }),
  engine: Type.String(),
  engine_version: Type.Union([Type.String(), Type.Null()], {
    description: "Analysis engine version that computed this score (null: stored before versions were kept)",
  }),
  overall_score: Type.Number(),
  scores: AnalysisResultSchema.properties.scores,
  created_at: Type.String(),
  rescored_at: Type.Union([Type.String(), Type.Null()], {
    description:
      "When an engine upgrade recomputed this score in place (null: as computed at created_at); the change is the engine's, not the prompt's",
  }),
});
export type AnalysisHistoryItem = Static<typeof AnalysisHistoryItemSchema>;

export const AnalysisHistorySchema = Type.Object({ items: Type.Array(AnalysisHistoryItemSchema) });
