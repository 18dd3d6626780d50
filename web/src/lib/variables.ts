// The typed-variables editor's model: what a person types in the form (a default is text, enum values a
// comma-separated line) and the VariableSpec the API stores, both ways, and the checks that keep a bad
// declaration from reaching the server — each problem named by row and field so the form shows it there.
// The checks are the server's own (src/features/prompts/prompt-shape.ts, pure), run on what would be
// sent, plus the two only a form can get wrong: an empty name and a default that does not parse.
import {
  checkVariables,
  VARIABLE_LIMITS,
  VARIABLE_TYPES,
  type VariableSpec,
  type VariableType,
} from "../../../src/features/prompts/prompt-shape.js";
import { humanise } from "./api.js";

export { VARIABLE_TYPES, type VariableSpec, type VariableType };

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
  field: "name" | "type" | "description" | "default" | "enum_values";
  message: string;
}

/** At most this many variables per prompt (the server's limit). */
export const MAX_VARIABLES = VARIABLE_LIMITS.variables;

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
  const own: VariableIssue[] = [];
  rows.forEach((r, row) => {
    if (r.name.trim() === "") own.push({ row, field: "name", message: "Give the variable a name." });
    if (r.default !== "") {
      const parsed = parseDefault(r.type, r.default, enumValuesOf(r.enum_values));
      if ("error" in parsed) own.push({ row, field: "default", message: parsed.error });
    }
  });
  const seen = new Set(own.map((i) => `${i.row}:${i.field}`));
  const server: VariableIssue[] = [];
  for (const issue of checkVariables(specsOf(rows))) {
    const m = /^variables\.(\d+)\.(name|type|description|default|enum_values)$/.exec(issue.field);
    const found = m
      ? { row: Number(m[1]), field: m[2] as VariableIssue["field"] }
      : { row: -1, field: "name" as const };
    if (seen.has(`${found.row}:${found.field}`)) continue;
    seen.add(`${found.row}:${found.field}`);
    const message = humanise(
      issue.message.replace(
        /duplicates variables\.(\d+)\.name/,
        (_, n) => `is already declared in row ${Number(n) + 1}`,
      ),
    );
    server.push({ ...found, message });
  }
  return [...own, ...server].sort((a, b) => a.row - b.row);
}

/** The rows as the API takes them. Call after checkVariableDrafts found nothing. */
export function specsOf(rows: readonly VariableDraft[]): VariableSpec[] {
  return rows.map((r) => {
    const spec: VariableSpec = { name: r.name.trim(), type: r.type, required: r.required };
    // The server refuses enum_values on any other type; a row switched away from enum keeps its text only.
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

/** A new list with item `i` changed by `patch`: editing one message, row or target in place. */
export function patchAt<T>(list: readonly T[], i: number, patch: Partial<T>): T[] {
  return list.map((item, j) => (j === i ? { ...item, ...patch } : item));
}

/** A new list without item `i`. */
export function removeAt<T>(list: readonly T[], i: number): T[] {
  return list.filter((_, j) => j !== i);
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
