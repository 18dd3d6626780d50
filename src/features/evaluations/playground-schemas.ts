// TypeBox schemas of the playground: the request (a saved version or an unsaved draft, its variables,
// one to four targets) and its results. Limits are named here (PLAYGROUND_LIMITS) and documented in
// docs/evaluations.md ("Playground").
import { type Static, Type } from "typebox";
import { MAX_VERSION } from "../prompts/prompts-schemas.js";
import { LABEL_PATTERN } from "../registry/label-targets.js";
import { TargetSchema } from "./evaluations-schemas.js";

export const PLAYGROUND_LIMITS = {
  targets: 4,
  /** The request body, in bytes (below the server's general body limit). */
  bodyBytes: 256 * 1024,
  /** A draft's content, or all its messages together, in characters. */
  draftChars: 100_000,
  draftMessages: 50,
  /** Output kept per target, in characters: past it the upstream call is stopped and the result marked truncated. */
  outputChars: 100_000,
} as const;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const ChatMessageSchema = Type.Object(
  {
    role: Type.Union([Type.Literal("system"), Type.Literal("user"), Type.Literal("assistant")]),
    content: Type.String({ maxLength: PLAYGROUND_LIMITS.draftChars }),
  },
  { additionalProperties: false },
);

export const PlaygroundBodySchema = Type.Object(
  {
    prompt_id: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: "A saved prompt of the project" }),
    ),
    version: Type.Optional(
      Type.Integer({ minimum: 1, maximum: MAX_VERSION, description: "The version to try (with prompt_id)" }),
    ),
    label: Type.Optional(
      Type.String({ pattern: LABEL_PATTERN, description: "The version a label points at (with prompt_id)" }),
    ),
    content: Type.Optional(
      Type.String({
        maxLength: PLAYGROUND_LIMITS.draftChars,
        description:
          "An unsaved text draft; with prompt_id it is checked against that version's typed variables",
      }),
    ),
    messages: Type.Optional(
      Type.Array(ChatMessageSchema, {
        minItems: 1,
        maxItems: PLAYGROUND_LIMITS.draftMessages,
        description: "An unsaved chat draft",
      }),
    ),
    variables: Type.Optional(
      Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), {
        description: "Values of the variables",
      }),
    ),
    targets: Type.Array(TargetSchema, { minItems: 1, maxItems: PLAYGROUND_LIMITS.targets }),
  },
  { additionalProperties: false },
);
export type PlaygroundBody = Static<typeof PlaygroundBodySchema>;

export const PlaygroundResultSchema = Type.Object({
  target_index: Type.Integer(),
  provider: Type.String(),
  model: Type.String(),
  status: Type.Union([Type.Literal("ok"), Type.Literal("error")]),
  output: Type.String({ description: "The text generated (up to the output cap)" }),
  truncated: Type.Boolean({ description: "The output cap was reached and the call stopped there" }),
  input_tokens: Nullable(Type.Integer()),
  output_tokens: Nullable(Type.Integer()),
  latency_ms: Type.Integer(),
  cost_usd: Nullable(
    Type.Number({ description: "By the LLM_PRICES table; null for a model without a price" }),
  ),
  error: Nullable(Type.Object({ type: Type.String(), message: Type.String() })),
});
export type PlaygroundResult = Static<typeof PlaygroundResultSchema>;

export const PlaygroundResponseSchema = Type.Object({
  rendered: Type.String({ description: "The prompt as sent: text, or the chat messages as JSON" }),
  results: Type.Array(PlaygroundResultSchema),
});
export type PlaygroundResponse = Static<typeof PlaygroundResponseSchema>;
