// Request and response schemas of the prompts API (docs/api.md, "Prompts"), the enumerations and
// field limits they share with the service, and tag normalisation (also used by templates).
import { type Static, type TSchema, Type } from "typebox";
import { ValidationError } from "../../http/errors.js";
import { pageQueryFields } from "../../http/pagination.js";
import { PathRefSchema } from "../../http/route-kit.js";
import { TARGET_LLMS } from "../analysis/engine/types.js";
import { VARIABLE_NAME_PATTERN } from "../templates/render.js";
import { PromptConfigSchema } from "./prompt-config.js";
import { CATEGORIES } from "./prompt-enums.js";
import {
  MESSAGE_LIMITS,
  MESSAGE_ROLES,
  NAME_LIMITS,
  NAME_PATTERN,
  NAME_RULE,
  PROMPT_TYPES,
  VARIABLE_LIMITS,
  VARIABLE_TYPES,
} from "./prompt-shape.js";

export { TARGET_LLMS, type TargetLlm } from "../analysis/engine/types.js";
export { CATEGORIES, type Category } from "./prompt-enums.js";

/** The largest version number: PostgreSQL's integer column holds no more. */
export const MAX_VERSION = 2_147_483_647;

/** A version number as requests give it, in a path, a query or a body. */
const VersionNumber = (description?: string) =>
  Type.Integer({ minimum: 1, maximum: MAX_VERSION, ...(description ? { description } : {}) });

export const LIMITS = {
  title: 200,
  content: 50_000,
  tags: 20,
  tag: 50,
  changeNote: 500,
  /** Import caps: prompts per document, versions per prompt. */
  importPrompts: 1000,
  importVersions: 100,
} as const;

/** Length in characters (code points), the way JSON Schema's maxLength counts. */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const CategorySchema = Type.Enum(CATEGORIES);
export const TargetLlmSchema = Type.Enum(TARGET_LLMS);
export const TagsSchema = Type.Array(Type.String({ minLength: 1, maxLength: LIMITS.tag }), {
  maxItems: LIMITS.tags,
  description: `At most ${LIMITS.tags} tags of 1–${LIMITS.tag} characters; trimmed, stored lower-case, duplicates dropped`,
});
export const TitleSchema = Type.String({ minLength: 1, maxLength: LIMITS.title });
/** Content as requests give it: required for text prompts; for chat prompts left out (or equal to the joined messages). */
const RequestContent = Type.String({
  minLength: 1,
  maxLength: LIMITS.content,
  description:
    "The prompt text. Required for a text prompt; for a chat prompt leave it out (it is the messages joined) or send exactly the joined messages",
});
const ChangeNote = Nullable(Type.String({ maxLength: LIMITS.changeNote }));
const Timestamp = Type.String({ description: "ISO-8601 UTC timestamp" });

export const PromptNameSchema = Type.String({
  minLength: 1,
  maxLength: NAME_LIMITS.name,
  pattern: NAME_PATTERN,
  "x-rule": NAME_RULE,
  description:
    "Registry name, unique in the project: lower-case segments separated by '/', which act as folders (support/triage/classify)",
});
export const PromptTypeSchema = Type.Enum(PROMPT_TYPES, {
  description: "text: one text; chat: an ordered list of messages",
});
export const ChatMessageSchema = Type.Object({
  role: Type.Enum(MESSAGE_ROLES),
  content: Type.String({
    minLength: 1,
    maxLength: MESSAGE_LIMITS.content,
    description: "May hold {{variables}}",
  }),
});
export const MessagesSchema = Type.Array(ChatMessageSchema, {
  minItems: 1,
  maxItems: MESSAGE_LIMITS.messages,
  description: `A chat prompt's messages in order (1–${MESSAGE_LIMITS.messages}); stored content is them joined as "[role]\\n<content>" blocks separated by a blank line`,
});
export const VariableSpecSchema = Type.Object({
  name: Type.String({
    pattern: VARIABLE_NAME_PATTERN,
    maxLength: 64,
    "x-rule": "must be letters, digits and _, not starting with a digit, at most 64 characters",
  }),
  type: Type.Enum(VARIABLE_TYPES),
  description: Type.Optional(Type.String({ maxLength: VARIABLE_LIMITS.description })),
  required: Type.Optional(Type.Boolean({ description: "Default false" })),
  default: Type.Optional(
    Type.Unknown({ description: "A value of the variable's type (for enum: one of enum_values)" }),
  ),
  enum_values: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: VARIABLE_LIMITS.enumValue }), {
      maxItems: VARIABLE_LIMITS.enumValues,
      description: "Required for (and only for) type enum",
    }),
  ),
});
export const VariablesSchema = Type.Array(VariableSpecSchema, {
  maxItems: VARIABLE_LIMITS.variables,
  description:
    "Typed variables of the version; names unique. Names the content uses without a declaration are allowed (treated as strings) and listed in undeclared_variables",
});
export { PromptConfigSchema };
/** Types the web app shares with the server (one source: these schemas). */
export type ChatMessageBody = Static<typeof ChatMessageSchema>;
export type VariableSpecBody = Static<typeof VariableSpecSchema>;
export type { PromptConfig } from "./prompt-config.js";

/**
 * Messages or null (a text prompt has none). Written with OpenAPI's `nullable` rather than a union, so
 * a bad message is reported once, under its own field, instead of once per branch of the union.
 */
const NullableMessagesSchema = Type.Unsafe<Static<typeof MessagesSchema> | null>({
  ...MessagesSchema,
  nullable: true,
});
/** The registry fields of a version, as responses carry them. */
const versionShapeFields = {
  type: PromptTypeSchema,
  messages: Nullable(Type.Array(ChatMessageSchema, { description: "The messages of a chat version" })),
  variables: Type.Array(VariableSpecSchema),
  config: PromptConfigSchema,
  undeclared_variables: Type.Array(Type.String(), {
    description: "Variable names the content uses without declaring them (rendered as strings)",
  }),
};
const VersionFieldsSchema = Type.Object({
  type: PromptTypeSchema,
  messages: Nullable(Type.Array(ChatMessageSchema)),
  variables: Type.Array(VariableSpecSchema),
  config: PromptConfigSchema,
});
/** The registry fields a create or an edit may give; what an edit leaves out is kept from the current version. */
const shapeInputFields = {
  type: Type.Optional(PromptTypeSchema),
  messages: Type.Optional(NullableMessagesSchema),
  variables: Type.Optional(VariablesSchema),
  config: Type.Optional(PromptConfigSchema),
};

/**
 * Trims, drops case-insensitive duplicates (first spelling's position wins) and lower-cases tags.
 * `field` names the list in error details (e.g. "tags" or "prompts.3.tags").
 */
export function normalizeTags(tags: readonly string[], field = "tags"): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const issues: { field: string; message: string }[] = [];
  tags.forEach((raw, i) => {
    const tag = raw.trim().toLowerCase();
    if (tag.length < 1 || charCount(tag) > LIMITS.tag) {
      issues.push({ field: `${field}.${i}`, message: `must be 1–${LIMITS.tag} characters after trimming` });
      return;
    }
    if (!seen.has(tag)) {
      seen.add(tag);
      out.push(tag);
    }
  });
  if (tags.length > LIMITS.tags) {
    issues.push({ field, message: `must have at most ${LIMITS.tags} tags` });
  }
  if (issues.length) {
    throw new ValidationError(
      `Invalid ${field}: ${issues.map((x) => `${x.field} ${x.message}`).join("; ")}`,
      issues,
    );
  }
  return out;
}

export const PromptSchema = Type.Object({
  id: Type.String(),
  name: Type.String({ description: "Registry name, unique in the project; '/' separates folders" }),
  title: Type.String(),
  content: Type.String({ description: "The text; for a chat prompt, its messages joined" }),
  category: CategorySchema,
  tags: Type.Array(Type.String()),
  target_llm: TargetLlmSchema,
  version: Type.Integer({ description: "Current version number" }),
  score: Nullable(
    Type.Number({ description: "Overall score of the latest analysis of the current version" }),
  ),
  score_engine_version: Nullable(
    Type.String({
      description:
        "Analysis engine version that computed `score` (null without a score); after an engine upgrade it changes when the score is recomputed",
    }),
  ),
  ...versionShapeFields,
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Prompt = Static<typeof PromptSchema>;

export const PromptVersionSchema = Type.Object({
  version: Type.Integer(),
  content: Type.String(),
  change_note: Nullable(Type.String()),
  ...versionShapeFields,
  created_at: Timestamp,
});
export type PromptVersion = Static<typeof PromptVersionSchema>;

/** How a new prompt is filed, each field optional: its category, tags and target model. */
export const promptFilingFields = {
  category: Type.Optional(CategorySchema),
  tags: Type.Optional(TagsSchema),
  target_llm: Type.Optional(TargetLlmSchema),
};

/** What a new prompt is given, by a create or an import; every field but the title may be left out. */
const newPromptFields = {
  title: TitleSchema,
  name: Type.Optional(PromptNameSchema),
  content: Type.Optional(RequestContent),
  ...shapeInputFields,
  ...promptFilingFields,
};

export const PromptCreateBodySchema = Type.Object({
  ...newPromptFields,
  change_note: Type.Optional(ChangeNote),
});
export type PromptCreateBody = Static<typeof PromptCreateBodySchema>;

const BaseVersion = VersionNumber('Version the edit was made from; or send If-Match: "<version>"');

export const PromptPutBodySchema = Type.Object({
  title: TitleSchema,
  name: Type.Optional(PromptNameSchema),
  content: Type.Optional(RequestContent),
  ...shapeInputFields,
  category: CategorySchema,
  tags: TagsSchema,
  target_llm: TargetLlmSchema,
  change_note: Type.Optional(ChangeNote),
  base_version: Type.Optional(BaseVersion),
});
export type PromptPutBody = Static<typeof PromptPutBodySchema>;

// A new prompt's fields, the title optional too (it keeps its place first: a key given again keeps its position).
export const PromptPatchBodySchema = Type.Object({
  ...newPromptFields,
  title: Type.Optional(TitleSchema),
  change_note: Type.Optional(ChangeNote),
  base_version: Type.Optional(BaseVersion),
});
export type PromptPatchBody = Static<typeof PromptPatchBodySchema>;

export const PROMPT_SORTS = ["created", "updated", "title", "score", "relevance"] as const;
export type PromptSort = (typeof PROMPT_SORTS)[number];

export const PromptListQuerySchema = Type.Object({
  ...pageQueryFields,
  page: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 1_000_000, description: "1-based page; instead of cursor" }),
  ),
  category: Type.Optional(CategorySchema),
  tag: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.tag })),
  target_llm: Type.Optional(TargetLlmSchema),
  folder: Type.Optional(
    Type.String({
      maxLength: NAME_LIMITS.name,
      pattern: NAME_PATTERN,
      "x-rule": "must be a folder path such as support/triage",
      description: "Only prompts in this folder and its subfolders (whole segments: a/b does not match a/bc)",
    }),
  ),
  q: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: "Case-insensitive substring search in title, name and content",
    }),
  ),
  sort: Type.Enum(PROMPT_SORTS, { default: "created" }),
  order: Type.Enum(["asc", "desc"], { default: "desc" }),
});
export type PromptListQuery = Static<typeof PromptListQuerySchema>;

/** The fields of a paged listing of `item`: the page, the total matching, the page size and the next cursor. */
export const pagedListFields = <T extends TSchema>(item: T) => ({
  items: Type.Array(item),
  total: Type.Integer(),
  limit: Type.Integer(),
  next_cursor: Nullable(Type.String()),
});

/**
 * The prompt and template listings count their matches up to a bound: past it, `total` is the bound and
 * `total_exact` false (at least that many). Counting every match of a large project (or of every user's
 * public templates) cost a pass over all of them on every page. Without q or tag a counted row costs an
 * index entry; with q its text is read and compared, with tag its tags looked up, tens of times more per
 * row, so those stop sooner, as search engines' "1,000+ results" do.
 */
export const LIST_TOTAL_EXACT_UP_TO = { listing: 10_000, search: 1_000 } as const;

/** How far a listing with these filters counts exactly. */
export const listTotalBound = (f: { q?: string; tag?: string }): number =>
  f.q === undefined && f.tag === undefined ? LIST_TOTAL_EXACT_UP_TO.listing : LIST_TOTAL_EXACT_UP_TO.search;

/** `total` and `total_exact` of a listing whose count, `counted` (countUpTo), stopped past `bound`. */
export const boundedTotal = (counted: number, bound: number) => ({
  total: Math.min(counted, bound),
  total_exact: counted <= bound,
});

/** The field that says whether a bounded listing's `total` is exact, for a listing of `noun`s. */
export const totalExactField = (noun: string) => ({
  total_exact: Type.Boolean({
    description: `false when more ${noun} match than are counted (${LIST_TOTAL_EXACT_UP_TO.listing}, or ${LIST_TOTAL_EXACT_UP_TO.search} with q or tag): total is then that bound, a lower bound`,
  }),
});

export const PromptListResponseSchema = Type.Object({
  ...pagedListFields(PromptSchema),
  ...totalExactField("prompts"),
  page: Type.Optional(Type.Integer()),
});
export type PromptList = Static<typeof PromptListResponseSchema>;

export const PromptVersionParamsSchema = Type.Object({
  id: PathRefSchema,
  n: VersionNumber(),
});

/** A version as the versions endpoints return it: with the stored score of that version. */
export const ScoredPromptVersionSchema = Type.Object({
  ...PromptVersionSchema.properties,
  score: Nullable(Type.Number({ description: "Overall score of the latest analysis of this version" })),
  score_engine_version: Nullable(
    Type.String({ description: "Analysis engine version that computed `score` (null without a score)" }),
  ),
});
export type ScoredPromptVersion = Static<typeof ScoredPromptVersionSchema>;

export const VersionListResponseSchema = Type.Object({ items: Type.Array(ScoredPromptVersionSchema) });

export const DiffQuerySchema = Type.Object({
  from: Type.Optional(VersionNumber("Old version (default: the one before `to`)")),
  to: Type.Optional(VersionNumber("New version (default: the current one)")),
});

export const DiffResponseSchema = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  added: Type.Integer(),
  removed: Type.Integer(),
  lines: Type.Array(
    Type.Object({
      op: Type.Enum(["equal", "add", "remove"]),
      text: Type.String(),
      old_line: Nullable(Type.Integer()),
      new_line: Nullable(Type.Integer()),
    }),
  ),
  // Optional in the type only: the server always sends both; the web app's offline fallback (a diff
  // computed from two texts) has neither.
  changed: Type.Optional(
    Type.Array(Type.Enum(["type", "messages", "variables", "config"]), {
      description: "Registry fields that differ between the two versions (content changes are in lines)",
    }),
  ),
  versions: Type.Optional(
    Type.Object(
      {
        from: VersionFieldsSchema,
        to: VersionFieldsSchema,
      },
      { description: "Type, messages, variables and config of both versions, for a side-by-side view" },
    ),
  ),
});
export type PromptDiff = Static<typeof DiffResponseSchema>;

export const RestoreBodySchema = Type.Object({
  base_version: Type.Optional(BaseVersion),
});

export const ExportedPromptSchema = Type.Object({
  ...PromptSchema.properties,
  versions: Type.Array(PromptVersionSchema),
});
export type ExportedPrompt = Static<typeof ExportedPromptSchema>;

export const ExportDocumentSchema = Type.Object({
  format: Type.Literal("promptforge-export"),
  version: Type.Literal(1),
  exported_at: Timestamp,
  prompts: Type.Array(ExportedPromptSchema),
});
export type ExportDocument = Static<typeof ExportDocumentSchema>;

/** What import accepts: an export document; ids, scores and other read-only fields are ignored. */
export const ImportBodySchema = Type.Object({
  format: Type.Literal("promptforge-export"),
  version: Type.Literal(1),
  exported_at: Type.Optional(Type.String()),
  prompts: Type.Array(
    Type.Object({
      ...newPromptFields,
      version: Type.Optional(VersionNumber()),
      created_at: Type.Optional(Type.String({ format: "date-time" })),
      updated_at: Type.Optional(Type.String({ format: "date-time" })),
      versions: Type.Optional(
        Type.Array(
          Type.Object({
            version: VersionNumber(),
            content: Type.Optional(RequestContent),
            ...shapeInputFields,
            change_note: Type.Optional(ChangeNote),
            created_at: Type.Optional(Type.String({ format: "date-time" })),
          }),
          { maxItems: LIMITS.importVersions },
        ),
      ),
    }),
    { maxItems: LIMITS.importPrompts },
  ),
});
export type ImportBody = Static<typeof ImportBodySchema>;

export const ImportResponseSchema = Type.Object({
  imported: Type.Integer(),
  prompts: Type.Array(PromptSchema),
});

export const FolderListResponseSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      path: Type.String({ description: "The folder, e.g. support/triage" }),
      name: Type.String({ description: "Its last segment" }),
      parent: Nullable(Type.String({ description: "The enclosing folder; null at the top" })),
      depth: Type.Integer({ description: "1 for a top-level folder" }),
      prompts: Type.Integer({ description: "Prompts directly in this folder" }),
      total: Type.Integer({ description: "Prompts in this folder and below" }),
    }),
    { description: "Every folder of the project, sorted by path (a parent comes before its children)" },
  ),
  root_prompts: Type.Integer({ description: "Prompts whose name has no folder" }),
  total: Type.Integer({ description: "All prompts of the project" }),
});
export type FolderList = Static<typeof FolderListResponseSchema>;
