// The assertions declared on a prompt (PUT …/prompts/:id/assertions) or given in a run's body: their
// TypeBox schema, limits, and the checks that need more than a schema — a regex must compile, a JSON
// Schema must be valid, a field must belong to the type — so a bad assertion is a 422 when it is
// declared, never a surprise at run time.
import { type Static, Type } from "typebox";
import { type FieldIssue, ValidationError } from "../../http/errors.js";
import { checkJsonSchema } from "../prompts/prompt-config.js";
import { checkName } from "../prompts/prompt-shape.js";
import { LABEL_PATTERN } from "../registry/label-targets.js";
import { ASSERTION_TYPES, type AssertionType } from "./assertion-types.js";
import { SIMILARITY_METHODS } from "./similarity.js";

export { ASSERTION_TYPES, type AssertionType } from "./assertion-types.js";

export const LENGTH_UNITS = ["chars", "words"] as const;

export const ASSERTION_LIMITS = {
  /** Assertions per prompt (and per run override). */
  perPrompt: 50,
  /** `value` (a text to compare, or a regex), in characters. */
  value: 10_000,
  /** A regex pattern, in characters. */
  pattern: 1_000,
  rubric: 4_000,
  /** An inline JSON Schema, as JSON, in characters. */
  schemaJson: 65_536,
  maxWeight: 1_000,
  /** The largest length a max-length / min-length may name. */
  maxLength: 10_000_000,
  /** The whole list as JSON, in characters (what one prompt stores). */
  listJson: 262_144,
  /** The largest threshold of any kind (a length, milliseconds, US dollars); each kind checks its own range too. */
  maxThreshold: 1_000_000_000,
} as const;

/** The default threshold of `similar-to`. */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.7;

export const AssertionSchema = Type.Object(
  {
    type: Type.Enum(ASSERTION_TYPES, { description: "What to check" }),
    value: Type.Optional(
      Type.String({
        maxLength: ASSERTION_LIMITS.value,
        description:
          "equals / similar-to: the text to compare with (default: the item's expected); contains / not-contains: the text; regex: the pattern",
      }),
    ),
    threshold: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: ASSERTION_LIMITS.maxThreshold,
        description:
          "max-length / min-length: the length; similar-to: the minimum similarity 0–1 (default 0.7); latency-below: milliseconds; cost-below: USD; judge: the minimum score 0–1 (default: the judge's own pass/fail)",
      }),
    ),
    weight: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: ASSERTION_LIMITS.maxWeight,
        description: "The assertion's share of the item's score (default 1)",
      }),
    ),
    rubric: Type.Optional(
      Type.String({ minLength: 1, maxLength: ASSERTION_LIMITS.rubric, description: "judge: what to judge" }),
    ),
    case_sensitive: Type.Optional(
      Type.Boolean({ description: "equals, contains, not-contains, regex: default true" }),
    ),
    unit: Type.Optional(Type.Enum(LENGTH_UNITS, { description: "max-length / min-length: default chars" })),
    method: Type.Optional(Type.Enum(SIMILARITY_METHODS, { description: "similar-to: default token-f1" })),
    schema: Type.Optional(
      Type.Object(
        {},
        {
          additionalProperties: true,
          description: "json-schema: the JSON Schema (default: the version's response_format json_schema)",
        },
      ),
    ),
    judge_prompt: Type.Optional(
      Type.String({
        minLength: 3,
        maxLength: 250,
        description: "judge: a prompt of the project as name@label, used as the judge's system prompt",
      }),
    ),
  },
  { additionalProperties: false },
);
export type Assertion = Static<typeof AssertionSchema>;

export const AssertionListSchema = Type.Array(AssertionSchema, {
  maxItems: ASSERTION_LIMITS.perPrompt,
  description: `At most ${ASSERTION_LIMITS.perPrompt} assertions`,
});

type Field = Exclude<keyof Assertion, "type" | "weight">;

// Which optional fields each type reads; any other field is an error, so a typo'd intent shows.
const FIELDS: Record<AssertionType, { allowed: Field[]; required: Field[] }> = {
  equals: { allowed: ["value", "case_sensitive"], required: [] },
  contains: { allowed: ["value", "case_sensitive"], required: ["value"] },
  "not-contains": { allowed: ["value", "case_sensitive"], required: ["value"] },
  regex: { allowed: ["value", "case_sensitive"], required: ["value"] },
  "is-json": { allowed: [], required: [] },
  "json-schema": { allowed: ["schema"], required: [] },
  "max-length": { allowed: ["threshold", "unit"], required: ["threshold"] },
  "min-length": { allowed: ["threshold", "unit"], required: ["threshold"] },
  "similar-to": { allowed: ["value", "threshold", "method"], required: [] },
  "latency-below": { allowed: ["threshold"], required: ["threshold"] },
  "cost-below": { allowed: ["threshold"], required: ["threshold"] },
  judge: { allowed: ["rubric", "threshold", "judge_prompt"], required: ["rubric"] },
};

const LABEL = new RegExp(LABEL_PATTERN);

/** The flags a regex assertion compiles with: Unicode-aware, and case-insensitive on request. */
export function regexFlags(a: Pick<Assertion, "case_sensitive">): string {
  return a.case_sensitive === false ? "iu" : "u";
}

function checkOne(a: Assertion, at: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const spec = FIELDS[a.type];
  for (const key of Object.keys(a) as (keyof Assertion)[]) {
    if (key === "type" || key === "weight") continue;
    if (!spec.allowed.includes(key))
      issues.push({ field: `${at}.${key}`, message: `is not used by ${a.type}` });
  }
  for (const key of spec.required) {
    if (a[key] === undefined) issues.push({ field: `${at}.${key}`, message: `is required for ${a.type}` });
  }
  if (issues.length > 0) return issues;

  const t = a.threshold;
  switch (a.type) {
    case "contains":
    case "not-contains":
      if (a.value === "") issues.push({ field: `${at}.value`, message: "must not be empty" });
      break;
    case "regex": {
      const pattern = a.value as string;
      if (pattern.length > ASSERTION_LIMITS.pattern)
        issues.push({
          field: `${at}.value`,
          message: `must be at most ${ASSERTION_LIMITS.pattern} characters`,
        });
      else
        try {
          new RegExp(pattern, regexFlags(a));
        } catch (err) {
          issues.push({
            field: `${at}.value`,
            message: `is not a valid regular expression: ${(err as Error).message}`,
          });
        }
      break;
    }
    case "json-schema":
      if (a.schema !== undefined) {
        const size = JSON.stringify(a.schema).length;
        if (size > ASSERTION_LIMITS.schemaJson)
          issues.push({
            field: `${at}.schema`,
            message: `must be at most ${ASSERTION_LIMITS.schemaJson} characters as JSON`,
          });
        else issues.push(...checkJsonSchema(a.schema, `${at}.schema`));
      }
      break;
    case "max-length":
    case "min-length":
      if (t !== undefined && (!Number.isInteger(t) || t < 0 || t > ASSERTION_LIMITS.maxLength))
        issues.push({
          field: `${at}.threshold`,
          message: `must be a whole number from 0 to ${ASSERTION_LIMITS.maxLength}`,
        });
      break;
    case "similar-to":
    case "judge":
      if (t !== undefined && !(t >= 0 && t <= 1))
        issues.push({ field: `${at}.threshold`, message: "must be from 0 to 1" });
      break;
    case "latency-below":
    case "cost-below":
      if (t !== undefined && !(t > 0 && Number.isFinite(t)))
        issues.push({ field: `${at}.threshold`, message: "must be greater than 0" });
      break;
  }
  if (a.type === "judge" && a.judge_prompt !== undefined) {
    const at_ = a.judge_prompt.lastIndexOf("@");
    const name = at_ > 0 ? a.judge_prompt.slice(0, at_) : "";
    const label = at_ > 0 ? a.judge_prompt.slice(at_ + 1) : "";
    if (!name || !LABEL.test(label) || checkName(name).length > 0)
      issues.push({
        field: `${at}.judge_prompt`,
        message: "must name a prompt and a label as name@label (for example judges/helpfulness@production)",
      });
  }
  return issues;
}

/**
 * Every problem of a list of assertions that passed the schema, with fields named `<field>.<i>.<key>`
 * (`<i>.<key>` when field is empty: the list is the whole body, as request validation names it).
 */
export function checkAssertions(assertions: Assertion[], field = "assertions"): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (assertions.length > ASSERTION_LIMITS.perPrompt)
    issues.push({
      field: field || "body",
      message: `must hold at most ${ASSERTION_LIMITS.perPrompt} assertions`,
    });
  const size = JSON.stringify(assertions).length;
  if (size > ASSERTION_LIMITS.listJson)
    issues.push({
      field,
      message: `must be at most ${ASSERTION_LIMITS.listJson} characters as JSON (got ${size})`,
    });
  assertions.forEach((a, i) => {
    issues.push(...checkOne(a, field ? `${field}.${i}` : String(i)));
  });
  return issues;
}

/**
 * Keys of raw assertion objects that the schema does not know. Request validation drops unknown keys
 * silently (the API's rule elsewhere); for assertions a misspelt key ("treshold") would silently fall
 * back to a default, so the route checks the raw body with this first.
 */
export function unknownAssertionKeys(body: unknown, field = ""): FieldIssue[] {
  if (!Array.isArray(body)) return [];
  const known = new Set(Object.keys(AssertionSchema.properties));
  const issues: FieldIssue[] = [];
  body.forEach((item, i) => {
    if (!item || typeof item !== "object" || Array.isArray(item)) return;
    for (const key of Object.keys(item))
      if (!known.has(key))
        issues.push({
          field: field ? `${field}.${i}.${key}` : `${i}.${key}`,
          message: "is not an assertion field",
        });
  });
  return issues.slice(0, 20);
}

/** Throws a 422 ValidationError listing every problem; returns the list unchanged when it is valid. */
export function validateAssertions(assertions: Assertion[], field = "assertions"): Assertion[] {
  const issues = checkAssertions(assertions, field);
  if (issues.length > 0)
    throw new ValidationError(
      `Invalid assertions: ${issues.map((i) => `${i.field} ${i.message}`).join("; ")}`,
      issues,
    );
  return assertions;
}
