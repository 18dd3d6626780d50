// Request and response schemas of the templates API (docs/api.md, "Templates") and their limits.
import { type Static, Type } from "typebox";
import { pageQueryFields } from "../../http/pagination.js";
import {
  CategorySchema,
  Nullable,
  LIMITS as PROMPT_LIMITS,
  PromptSchema,
  pagedListFields,
  promptFilingFields,
  TagsSchema,
  TitleSchema,
  totalExactField,
} from "../prompts/prompts-schemas.js";
import { VARIABLE_NAME_PATTERN } from "./render.js";

export const TEMPLATE_LIMITS = {
  name: 200,
  description: 2000,
  content: PROMPT_LIMITS.content,
  variables: 50,
  variableDescription: 500,
  /** Longest value of one variable, and of a variable's default. */
  value: 10_000,
  /** Longest rendered text; repeated placeholders could otherwise multiply a value many times over. */
  rendered: 500_000,
} as const;

const Timestamp = Type.String({ description: "ISO-8601 UTC timestamp" });

export const TemplateVariableSchema = Type.Object({
  name: Type.String({
    pattern: VARIABLE_NAME_PATTERN,
    "x-rule": "must be 1–64 letters, digits or _, not starting with a digit",
    description: "Letters, digits and _, not starting with a digit, ≤ 64",
  }),
  description: Type.String({ maxLength: TEMPLATE_LIMITS.variableDescription, default: "" }),
  default: Type.Optional(Type.String({ maxLength: TEMPLATE_LIMITS.value })),
  required: Type.Boolean({ default: true, description: "Defaults to true" }),
});
export type TemplateVariableInput = Static<typeof TemplateVariableSchema>;

export const VisibilitySchema = Type.Enum(["private", "public"]);

export const TemplateBodySchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: TEMPLATE_LIMITS.name }),
  description: Type.Optional(Type.String({ maxLength: TEMPLATE_LIMITS.description })),
  content: Type.String({
    minLength: 1,
    maxLength: TEMPLATE_LIMITS.content,
    description:
      "Text with {{variable}} placeholders; every placeholder must be declared in variables and vice versa",
  }),
  variables: Type.Array(TemplateVariableSchema, { maxItems: TEMPLATE_LIMITS.variables, default: [] }),
  category: Type.Optional(CategorySchema),
  tags: Type.Optional(TagsSchema),
  visibility: Type.Optional(VisibilitySchema),
});
export type TemplateBody = Static<typeof TemplateBodySchema>;

export const TemplateSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  content: Type.String(),
  variables: Type.Array(
    Type.Object({
      name: Type.String(),
      description: Type.String(),
      default: Type.Optional(Type.String()),
      required: Type.Boolean(),
    }),
  ),
  category: CategorySchema,
  tags: Type.Array(Type.String()),
  visibility: VisibilitySchema,
  use_count: Type.Integer(),
  owner: Type.Object({ id: Type.String(), username: Type.String() }),
  is_owner: Type.Boolean(),
  cloned_from: Nullable(Type.String()),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Template = Static<typeof TemplateSchema>;

export const TemplateListQuerySchema = Type.Object({
  scope: Type.Enum(["all", "mine", "public"], { default: "all", description: "all = mine + public" }),
  category: Type.Optional(CategorySchema),
  tag: Type.Optional(Type.String({ minLength: 1, maxLength: PROMPT_LIMITS.tag })),
  q: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: "Case-insensitive substring search in name, description and content",
    }),
  ),
  sort: Type.Enum(["created", "relevance"], {
    default: "created",
    description: "created: newest first; relevance: best match for q first (needs q)",
  }),
  ...pageQueryFields,
});
export type TemplateListQuery = Static<typeof TemplateListQuerySchema>;

export const TemplateListResponseSchema = Type.Object({
  ...pagedListFields(TemplateSchema),
  ...totalExactField("templates"),
});
export type TemplateList = Static<typeof TemplateListResponseSchema>;

export const TemplateUseBodySchema = Type.Object({
  variables: Type.Record(Type.String(), Type.String({ maxLength: TEMPLATE_LIMITS.value }), {
    default: {},
    maxProperties: 200,
  }),
  save_as_prompt: Type.Optional(Type.Object({ title: TitleSchema, ...promptFilingFields })),
});
export type TemplateUseBody = Static<typeof TemplateUseBodySchema>;

export const TemplateUseResponseSchema = Type.Object({
  text: Type.String(),
  prompt: Type.Optional(PromptSchema),
});
export type TemplateUseResult = Static<typeof TemplateUseResponseSchema>;
