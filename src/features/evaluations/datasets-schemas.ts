// Request and response schemas of the datasets API (docs/evaluations.md, "Datasets") and the limits they
// share with the service. The schemas check shapes; the service checks the rest (variable names, bytes per
// item, tags) with one function that imports go through too, so a JSON item and an imported row obey the
// same rules and fail with the same messages.
import { type Static, type TSchema, Type } from "typebox";
import { pageQueryFields } from "../../http/pagination.js";
import { PathRefSchema } from "../../http/route-kit.js";

/** Every limit of datasets, in one place (documented in docs/evaluations.md and tested). */
export const DATASET_LIMITS = {
  /** Dataset name, in characters after trimming. */
  nameMax: 100,
  descriptionMax: 2_000,
  /** Current (live) items one dataset may hold. */
  itemsPerDataset: 10_000,
  /** One item's {variables, expected, tags, note} as JSON, in UTF-8 bytes. */
  itemBytes: 64 * 1024,
  tagsPerItem: 20,
  tagChars: 50,
  /** Largest import body (CSV or JSON lines), in bytes; JSON bodies keep the server's BODY_LIMIT. */
  importBytes: 10 * 1024 * 1024,
  /** Items one JSON request (create or add) may carry; larger sets go through import. */
  itemsPerRequest: 1_000,
} as const;

/** Listing page sizes. */
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/**
 * A string or null in a request. One JSON-Schema type list rather than a union: the server's type
 * coercion would turn null into "" for the union's string branch (or "" into null with null first).
 */
const NullableText = (opts: { maxLength?: number; description?: string } = {}) =>
  Type.Unsafe<string | null>({ type: ["string", "null"], ...opts });
const Timestamp = Type.String({ format: "date-time" });

export const ItemParamsSchema = Type.Object({ id: PathRefSchema, item: PathRefSchema });

/** A variable's value: text, a number, a boolean, null, or any JSON object or array. */
const VariablesSchema = Type.Record(Type.String(), Type.Unknown(), {
  description:
    "Variable name ([A-Za-z_][A-Za-z0-9_]{0,63}) → value: a string, number, boolean, null, object or array",
});

const itemFields = {
  variables: VariablesSchema,
  expected: Type.Optional(
    NullableText({ description: "What a correct output is (null: none); checked by the run's assertions" }),
  ),
  tags: Type.Optional(
    Type.Array(Type.String(), {
      maxItems: DATASET_LIMITS.tagsPerItem,
      description: `At most ${DATASET_LIMITS.tagsPerItem} tags of 1–${DATASET_LIMITS.tagChars} characters, without ; or |; trimmed, stored lower-case, duplicates dropped`,
    }),
  ),
  note: Type.Optional(Type.String({ description: "Free text for people; not sent to a model" })),
};

export const ItemInputSchema = Type.Object(itemFields, {
  description: `One item; at most ${DATASET_LIMITS.itemBytes} bytes as JSON`,
});
export type ItemInput = Static<typeof ItemInputSchema>;

export const ItemPatchSchema = Type.Partial(Type.Object(itemFields), {
  description: "The fields to change (variables is replaced whole); a changed item gets a new revision",
});
export type ItemPatch = Static<typeof ItemPatchSchema>;

export const ItemsBodySchema = Type.Union([
  ItemInputSchema,
  Type.Array(ItemInputSchema, { minItems: 1, maxItems: DATASET_LIMITS.itemsPerRequest }),
]);
export type ItemsBody = Static<typeof ItemsBodySchema>;

export const ItemSchema = Type.Object({
  id: Type.String({ description: "The item's stable id, the same across its revisions" }),
  revision: Type.Integer({ description: "1 for the item as first added, +1 for each edit" }),
  revision_id: Type.String({ description: "This revision's own id (what a run's results name)" }),
  position: Type.Integer({ description: "The item's place in the dataset (kept across edits)" }),
  variables: Type.Record(Type.String(), Type.Unknown()),
  expected: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  note: Type.String(),
  created_at: Timestamp,
});
export type Item = Static<typeof ItemSchema>;

export const ItemRevisionSchema = Type.Object({
  ...ItemSchema.properties,
  superseded_at: Nullable(Timestamp),
  deleted_at: Nullable(Timestamp),
});
export type ItemRevision = Static<typeof ItemRevisionSchema>;

export const ItemListSchema = Type.Object({ items: Type.Array(ItemSchema) });
export const ItemRevisionListSchema = Type.Object({
  items: Type.Array(ItemRevisionSchema, { description: "Oldest revision first" }),
});

const Name = Type.String({ minLength: 1, maxLength: DATASET_LIMITS.nameMax });
const Description = NullableText({ maxLength: DATASET_LIMITS.descriptionMax });

export const DatasetCreateBodySchema = Type.Object({
  name: Name,
  description: Type.Optional(Description),
  items: Type.Optional(Type.Array(ItemInputSchema, { maxItems: DATASET_LIMITS.itemsPerRequest })),
});
export type DatasetCreateBody = Static<typeof DatasetCreateBodySchema>;

export const DatasetPatchBodySchema = Type.Object({
  name: Type.Optional(Name),
  description: Type.Optional(Description),
});
export type DatasetPatchBody = Static<typeof DatasetPatchBodySchema>;

export const DatasetSchema = Type.Object({
  id: Type.String(),
  project_id: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  item_count: Type.Integer({ description: "Current items (not deleted)" }),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Dataset = Static<typeof DatasetSchema>;

export const DatasetWithItemsSchema = Type.Object({
  ...DatasetSchema.properties,
  items: Type.Array(ItemSchema, { description: "The current items, in order" }),
});
export type DatasetWithItems = Static<typeof DatasetWithItemsSchema>;

export const DatasetListQuerySchema = Type.Object(pageQueryFields);
export type DatasetListQuery = Static<typeof DatasetListQuerySchema>;

export const DatasetListSchema = Type.Object({
  items: Type.Array(DatasetSchema, { description: "Live datasets, newest first" }),
  next_cursor: Nullable(Type.String()),
});
export type DatasetList = Static<typeof DatasetListSchema>;

export const IMPORT_FORMATS = ["csv", "jsonl"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const ImportResultSchema = Type.Object({ imported: Type.Integer() });

export const ExportQuerySchema = Type.Object({
  format: Type.Enum(IMPORT_FORMATS, { default: "jsonl", description: "csv or jsonl (default)" }),
});
