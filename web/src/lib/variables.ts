// The typed-variables editor's model: what a person types in the form (a default is text, enum values a
// comma-separated line) and the VariableSpec the API stores, both ways, and the checks that keep a bad
// declaration from reaching the server — each problem named by row and field so the form shows it there.
// Imports the server's variable-name pattern (the templates' one), so both sides accept the same names.
import { VARIABLE_NAME_PATTERN } from "../../../src/features/templates/render.js";

export const VARIABLE_TYPES = ["string", "number", "boolean", "enum", "json"] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

/** A declared variable as the API stores it (the renderer contract's VariableSpec). */
export interface VariableSpec {
  name: string;
  type: VariableType;
  description?: string;
  required?: boolean;
  default?: unknown;
  enum_values?: string[];
}

/** One row of the form. `default` is "" for none. */
export interface VariableDraft {
  name: string;
  type: VariableType;
  description: string;
  required: boolean;
  default: string;
  enum_values: string;
}

export interface VariableIssue {
  /** Row index; -1 for the list as a whole. */
  row: number;
  field: "name" | "default" | "enum_values";
  message: string;
}

/** At most this many variables per prompt, as the server's limit. */
export const MAX_VARIABLES = 50;
const NAME = new RegExp(VARIABLE_NAME_PATTERN);

export function emptyVariable(): VariableDraft {
  return { name: "", type: "string", description: "", required: false, default: "", enum_values: "" };
}

export function enumValuesOf(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** The text a stored default shows as in the form. */
function defaultText(spec: VariableSpec): string {
  if (spec.default === undefined) return "";
  // A JSON default may be null itself; it must not read back as "no default".
  if (spec.type === "json") return JSON.stringify(spec.default);
  if (spec.default === null) return "";
  return String(spec.default);
}

export function draftOf(spec: VariableSpec): VariableDraft {
  return {
    name: spec.name,
    type: spec.type,
    description: spec.description ?? "",
    required: spec.required ?? false,
    default: defaultText(spec),
    enum_values: (spec.enum_values ?? []).join(", "),
  };
}

/** A default typed as text → its value for `type`, or an error message. */
export function parseDefault(
  type: VariableType,
  text: string,
  enumValues: readonly string[],
): { value: unknown } | { error: string } {
  switch (type) {
    case "string":
      return { value: text };
    case "number": {
      const n = Number(text.trim());
      return text.trim() !== "" && Number.isFinite(n) ? { value: n } : { error: "Must be a number." };
    }
    case "boolean":
      if (text.trim() === "true") return { value: true };
      if (text.trim() === "false") return { value: false };
      return { error: "Must be true or false." };
    case "enum":
      return enumValues.includes(text) ? { value: text } : { error: "Must be one of the allowed values." };
    case "json":
      try {
        return { value: JSON.parse(text) };
      } catch {
        return { error: "Must be valid JSON." };
      }
  }
}

/** Every problem in the rows, in row order; none means `specsOf` gives what the server accepts. */
export function checkVariableDrafts(rows: readonly VariableDraft[]): VariableIssue[] {
  const issues: VariableIssue[] = [];
  const seen = new Map<string, number>();
  if (rows.length > MAX_VARIABLES)
    issues.push({ row: -1, field: "name", message: `At most ${MAX_VARIABLES} variables.` });
  rows.forEach((r, row) => {
    const name = r.name.trim();
    if (name === "") issues.push({ row, field: "name", message: "Give the variable a name." });
    else if (!NAME.test(name))
      issues.push({
        row,
        field: "name",
        message: "Letters, digits and _ only, not starting with a digit, at most 64.",
      });
    else if (seen.has(name))
      issues.push({ row, field: "name", message: `“${name}” is already declared above.` });
    else seen.set(name, row);
    const values = enumValuesOf(r.enum_values);
    if (r.type === "enum") {
      if (values.length === 0)
        issues.push({ row, field: "enum_values", message: "List the allowed values, separated by commas." });
      else if (new Set(values).size !== values.length)
        issues.push({ row, field: "enum_values", message: "Each allowed value once." });
    }
    // An empty default is "no default" for every type but string, where "" is no default either.
    if (r.default !== "") {
      const parsed = parseDefault(r.type, r.default, values);
      if ("error" in parsed) issues.push({ row, field: "default", message: parsed.error });
    }
  });
  return issues;
}

/** The rows as the API takes them. Call after checkVariableDrafts found nothing. */
export function specsOf(rows: readonly VariableDraft[]): VariableSpec[] {
  return rows.map((r) => {
    const spec: VariableSpec = { name: r.name.trim(), type: r.type, required: r.required };
    if (r.description.trim()) spec.description = r.description.trim();
    const values = enumValuesOf(r.enum_values);
    if (r.type === "enum") spec.enum_values = values;
    if (r.default !== "") {
      const parsed = parseDefault(r.type, r.default, values);
      if ("value" in parsed) spec.default = parsed.value;
    }
    return spec;
  });
}

/** Moves item `from` of a list to `to` (both clamped), returning a new list: reorder for messages and rows. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length) return out;
  const target = Math.max(0, Math.min(out.length - 1, to));
  const [item] = out.splice(from, 1);
  out.splice(target, 0, item as T);
  return out;
}
