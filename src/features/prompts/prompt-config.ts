// The config a prompt version carries for the application that runs it (model, sampling, output format,
// tools), the JSON Schema PromptForge publishes for it (GET /api/v1/schemas/prompt-config.json and the
// OpenAPI document), and its validation. Known keys are checked; other keys are allowed and kept as
// given, because providers add settings faster than PromptForge can list them (top_p, seed, stop…).
// A JSON Schema inside the config (response_format.json_schema, a tool's parameters) must itself be a
// valid JSON Schema (draft 2020-12 by default, draft-07 when its $schema says so).
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import { type Static, Type } from "typebox";
import type { FieldIssue } from "./prompt-shape.js";

export const CONFIG_LIMITS = {
  /** The whole config as JSON, in characters. */
  json: 65_536,
  model: 200,
  maxTokens: 10_000_000,
  tools: 128,
} as const;

export const RESPONSE_FORMATS = ["text", "json_object", "json_schema"] as const;

const FreeObject = (description: string) => Type.Object({}, { additionalProperties: true, description });

export const PromptConfigSchema = Type.Object(
  {
    model: Type.Optional(
      Type.String({ minLength: 1, maxLength: CONFIG_LIMITS.model, description: "Model identifier" }),
    ),
    temperature: Type.Optional(Type.Number({ minimum: 0, maximum: 2, description: "Sampling temperature" })),
    max_tokens: Type.Optional(
      Type.Integer({ minimum: 1, maximum: CONFIG_LIMITS.maxTokens, description: "Largest completion" }),
    ),
    response_format: Type.Optional(
      Type.Object(
        {
          type: Type.Enum(RESPONSE_FORMATS),
          json_schema: Type.Optional(
            FreeObject("The JSON Schema the output must follow; required when type is json_schema"),
          ),
        },
        {
          additionalProperties: true,
          description: "Other keys (a provider's name or strict flag) are kept as given",
        },
      ),
    ),
    tools: Type.Optional(
      Type.Array(
        FreeObject(
          "A tool the model may call, in the provider's shape; a `function.parameters` object must be a valid JSON Schema",
        ),
        { maxItems: CONFIG_LIMITS.tools },
      ),
    ),
  },
  {
    additionalProperties: true,
    title: "PromptForge prompt config",
    description: `What an application needs to run a prompt version. Known keys are checked; other keys are kept as given. At most ${CONFIG_LIMITS.json} characters as JSON.`,
  },
);
export type PromptConfig = Static<typeof PromptConfigSchema>;

/** The published document: the schema with its identity. */
export function publishedConfigSchema(baseUrl = ""): Record<string, unknown> {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `${baseUrl}/api/v1/schemas/prompt-config.json`,
    ...JSON.parse(JSON.stringify(PromptConfigSchema)),
  };
}

// Separate validator instances from Fastify's: no coercion, no defaults, every error reported.
const ajv = new Ajv2020({ allErrors: true, strict: false });
const ajv07 = new Ajv({ allErrors: true, strict: false });
let validateShape: ValidateFunction | undefined;

const DRAFT_2020 = /^https?:\/\/json-schema\.org\/draft\/2020-12\/schema#?$/;
const DRAFT_07 = /^https?:\/\/json-schema\.org\/draft-07\/schema#?$/;

function issuesOf(errors: ErrorObject[] | null | undefined, field: string): FieldIssue[] {
  return (errors ?? []).slice(0, 20).map((e) => {
    const path = e.instancePath.replace(/^\//, "").replaceAll("/", ".");
    const missing = (e.params as { missingProperty?: unknown }).missingProperty;
    const name = [field, path, typeof missing === "string" ? missing : ""].filter(Boolean).join(".");
    let message = e.message ?? "is invalid";
    const allowed = (e.params as { allowedValues?: unknown }).allowedValues;
    if (e.keyword === "enum" && Array.isArray(allowed)) message = `must be one of: ${allowed.join(", ")}`;
    return { field: name, message };
  });
}

/** Whether `schema` is a valid JSON Schema; issues name `field` and the place inside the schema. */
export function checkJsonSchema(schema: unknown, field: string): FieldIssue[] {
  if (typeof schema === "boolean") return [];
  if (!schema || typeof schema !== "object" || Array.isArray(schema))
    return [{ field, message: "must be a JSON Schema (an object)" }];
  const declared = (schema as { $schema?: unknown }).$schema;
  let validator: Ajv | Ajv2020 = ajv;
  if (declared !== undefined) {
    if (typeof declared === "string" && DRAFT_07.test(declared)) validator = ajv07;
    else if (typeof declared !== "string" || !DRAFT_2020.test(declared))
      return [
        {
          field: `${field}.$schema`,
          message: "must name JSON Schema draft 2020-12 or draft-07 (or be left out: 2020-12)",
        },
      ];
  }
  if (validator.validateSchema(schema) === true) return [];
  const issues = issuesOf(validator.errors, field);
  return issues.length
    ? issues.map((i) => ({ ...i, message: `${i.message} (not a valid JSON Schema)` }))
    : [{ field, message: "is not a valid JSON Schema" }];
}

/** Checks a version's config against the published schema and the JSON Schemas it holds. */
export function checkConfig(config: unknown, field = "config"): FieldIssue[] {
  if (!config || typeof config !== "object" || Array.isArray(config))
    return [{ field, message: "must be an object" }];
  const size = JSON.stringify(config).length;
  if (size > CONFIG_LIMITS.json)
    return [{ field, message: `must be at most ${CONFIG_LIMITS.json} characters as JSON (got ${size})` }];
  validateShape ??= ajv.compile(PromptConfigSchema);
  if (!validateShape(config)) return issuesOf(validateShape.errors, field);
  const c = config as PromptConfig;
  const issues: FieldIssue[] = [];
  const format = c.response_format;
  if (format?.type === "json_schema") {
    if (format.json_schema === undefined)
      issues.push({
        field: `${field}.response_format.json_schema`,
        message: "is required when type is json_schema",
      });
    else issues.push(...checkJsonSchema(format.json_schema, `${field}.response_format.json_schema`));
  } else if (format?.json_schema !== undefined) {
    issues.push({
      field: `${field}.response_format.json_schema`,
      message: "is only for type json_schema",
    });
  }
  (c.tools ?? []).forEach((tool, i) => {
    const fn = (tool as { function?: unknown }).function;
    const params = fn && typeof fn === "object" ? (fn as { parameters?: unknown }).parameters : undefined;
    if (params !== undefined)
      issues.push(...checkJsonSchema(params, `${field}.tools.${i}.function.parameters`));
  });
  return issues;
}
