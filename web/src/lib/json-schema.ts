// Checks a prompt's config against the JSON Schema the server publishes (GET
// /api/v1/schemas/prompt-config.json) as it is typed, so a bad temperature is named next to the field
// before saving. Only the keywords such a schema uses are understood (type, properties, required,
// additionalProperties, enum, const, bounds, lengths, pattern, items, anyOf/oneOf, $ref to local
// definitions); an unknown keyword is ignored, and the server's own check on save stays the authority.

export type JsonSchema = { [k: string]: unknown };

export interface SchemaIssue {
  /** Dotted path of the value ("temperature", "tools.0.name"); "" for the whole document. */
  path: string;
  message: string;
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function matchesType(v: unknown, t: string): boolean {
  const actual = typeOf(v);
  return actual === t || (t === "number" && actual === "integer");
}

const join = (path: string, key: string | number) => (path === "" ? String(key) : `${path}.${key}`);

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/")) return schema;
  let at: unknown = root;
  for (const part of ref.slice(2).split("/")) {
    at =
      at && typeof at === "object"
        ? (at as JsonSchema)[part.replace(/~1/g, "/").replace(/~0/g, "~")]
        : undefined;
  }
  return at && typeof at === "object" ? (at as JsonSchema) : {};
}

function check(
  value: unknown,
  raw: JsonSchema,
  root: JsonSchema,
  path: string,
  out: SchemaIssue[],
  depth: number,
) {
  if (depth > 32) return;
  const schema = resolve(raw, root);
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length > 0 && !types.some((t) => matchesType(value, String(t)))) {
    out.push({
      path,
      message: `Must be ${types.map((t) => (t === "integer" ? "a whole number" : `a ${t}`)).join(" or ")}.`,
    });
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value)))
    out.push({ path, message: `Must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}.` });
  if ("const" in schema && JSON.stringify(schema.const) !== JSON.stringify(value))
    out.push({ path, message: `Must be ${JSON.stringify(schema.const)}.` });
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum)
      out.push({ path, message: `Must be at least ${schema.minimum}.` });
    if (typeof schema.maximum === "number" && value > schema.maximum)
      out.push({ path, message: `Must be at most ${schema.maximum}.` });
    if (typeof schema.exclusiveMinimum === "number" && value <= schema.exclusiveMinimum)
      out.push({ path, message: `Must be more than ${schema.exclusiveMinimum}.` });
    if (typeof schema.exclusiveMaximum === "number" && value >= schema.exclusiveMaximum)
      out.push({ path, message: `Must be less than ${schema.exclusiveMaximum}.` });
  }
  if (typeof value === "string") {
    const length = [...value].length;
    if (typeof schema.minLength === "number" && length < schema.minLength)
      out.push({ path, message: `Must be at least ${schema.minLength} characters.` });
    if (typeof schema.maxLength === "number" && length > schema.maxLength)
      out.push({ path, message: `Must be at most ${schema.maxLength} characters.` });
    if (typeof schema.pattern === "string") {
      try {
        if (!new RegExp(schema.pattern, "u").test(value))
          out.push({ path, message: "Is not in the accepted form." });
      } catch {
        // A pattern this browser cannot compile: the server decides.
      }
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems)
      out.push({ path, message: `Needs at least ${schema.minItems} items.` });
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems)
      out.push({ path, message: `May have at most ${schema.maxItems} items.` });
    if (schema.items && typeof schema.items === "object" && !Array.isArray(schema.items))
      for (const [i, item] of value.entries())
        check(item, schema.items as JsonSchema, root, join(path, i), out, depth + 1);
  }
  if (typeOf(value) === "object") {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
    if (Array.isArray(schema.required))
      for (const key of schema.required)
        if (typeof key === "string" && !(key in obj))
          out.push({ path: join(path, key), message: "Is required." });
    for (const [key, v] of Object.entries(obj)) {
      const sub = Object.hasOwn(props, key) ? props[key] : undefined;
      if (sub) check(v, sub, root, join(path, key), out, depth + 1);
      else if (schema.additionalProperties === false)
        out.push({
          path: join(path, key),
          message: `Is not a known setting${Object.keys(props).length ? ` (known: ${Object.keys(props).join(", ")})` : ""}.`,
        });
      else if (schema.additionalProperties && typeof schema.additionalProperties === "object")
        check(v, schema.additionalProperties as JsonSchema, root, join(path, key), out, depth + 1);
    }
  }
  for (const key of ["anyOf", "oneOf"] as const) {
    const options = schema[key];
    if (!Array.isArray(options) || options.length === 0) continue;
    const passing = options.filter((o) => {
      const sub: SchemaIssue[] = [];
      check(value, o as JsonSchema, root, path, sub, depth + 1);
      return sub.length === 0;
    }).length;
    if (passing === 0 || (key === "oneOf" && passing > 1))
      out.push({
        path,
        message: passing === 0 ? "Does not match any accepted shape." : "Matches more than one shape.",
      });
  }
  if (Array.isArray(schema.allOf))
    for (const s of schema.allOf) check(value, s as JsonSchema, root, path, out, depth + 1);
}

/** Every problem of `value` against `schema`, outermost first. */
export function validateAgainstSchema(value: unknown, schema: JsonSchema): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  check(value, schema, schema, "", out, 0);
  return out;
}

/**
 * The config editor's text → the object to send, or the problems to show: not JSON, not an object, or
 * (when the schema is known) what the schema refuses. An empty text is the empty config.
 */
export function parseConfigText(
  text: string,
  schema: JsonSchema | null,
): { value: Record<string, unknown>; issues: SchemaIssue[] } {
  if (text.trim() === "") return { value: {}, issues: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { value: {}, issues: [{ path: "", message: `Not valid JSON: ${(e as Error).message}` }] };
  }
  if (typeOf(value) !== "object")
    return { value: {}, issues: [{ path: "", message: "Must be a JSON object ({ … })." }] };
  return {
    value: value as Record<string, unknown>,
    issues: schema ? validateAgainstSchema(value, schema) : [],
  };
}
