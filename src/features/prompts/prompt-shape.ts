// The registry shape of a prompt, checked in one place for every path that writes one (create, edit,
// restore, duplicate, import): its name (folders), its type with chat messages and their joined text,
// and the typed variables of a version. Pure functions returning field issues; the service throws.
// Variables follow the shared renderer (packages/sdk/src/render.ts): its parser finds the names a
// content uses, and its value check decides whether a default fits its variable's type.
import {
  checkVariables as checkValues,
  parseTemplate,
  type VariableSpec,
  type VariableType,
} from "../../../packages/sdk/src/render.js";
import { VARIABLE_NAME_PATTERN } from "../templates/render.js";

export type { VariableSpec, VariableType };

export interface FieldIssue {
  field: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------- names

export const NAME_LIMITS = { name: 200, segment: 64 } as const;
/** Lower-case slug segments separated by `/`; each segment 1–64 characters starting with a letter or digit. */
export const NAME_PATTERN = "^[a-z0-9][a-z0-9._-]{0,63}(/[a-z0-9][a-z0-9._-]{0,63})*$";
const NAME_RE = new RegExp(NAME_PATTERN);
export const NAME_RULE = `must be lower-case segments of letters, digits, '.', '_' and '-' separated by '/' (each segment 1–${NAME_LIMITS.segment} characters starting with a letter or digit), at most ${NAME_LIMITS.name} characters`;

export function checkName(name: string, field = "name"): FieldIssue[] {
  return name.length <= NAME_LIMITS.name && NAME_RE.test(name) ? [] : [{ field, message: NAME_RULE }];
}

/** The folders a name sits in, outermost first: "a/b/c" → ["a", "a/b"]. */
export function foldersOf(name: string): string[] {
  const parts = name.split("/");
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join("/"));
  return out;
}

// ------------------------------------------------------------------------------------ type, messages

export const PROMPT_TYPES = ["text", "chat"] as const;
export type PromptKind = (typeof PROMPT_TYPES)[number];
export const MESSAGE_ROLES = ["system", "user", "assistant"] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];
export interface ChatMessage {
  role: MessageRole;
  content: string;
}

export const MESSAGE_LIMITS = { messages: 50, content: 50_000 } as const;

/**
 * The one text of a chat prompt, what analysis, diff and search read: each message as a `[role]` line
 * followed by its content, messages separated by a blank line.
 */
export function joinMessages(messages: readonly ChatMessage[]): string {
  return messages.map((m) => `[${m.role}]\n${m.content}`).join("\n\n");
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Checks a chat prompt's messages; `contentLimit` caps their joined text (the prompt content limit). */
export function checkMessages(messages: readonly ChatMessage[], contentLimit: number, field = "messages") {
  const issues: FieldIssue[] = [];
  if (messages.length < 1 || messages.length > MESSAGE_LIMITS.messages) {
    issues.push({
      field,
      message: `must have 1–${MESSAGE_LIMITS.messages} messages (got ${messages.length})`,
    });
  }
  messages.slice(0, MESSAGE_LIMITS.messages).forEach((m, i) => {
    if (!(MESSAGE_ROLES as readonly string[]).includes(m.role))
      issues.push({ field: `${field}.${i}.role`, message: `must be one of: ${MESSAGE_ROLES.join(", ")}` });
    const n = typeof m.content === "string" ? codePoints(m.content) : -1;
    if (n < 1 || n > MESSAGE_LIMITS.content)
      issues.push({
        field: `${field}.${i}.content`,
        message: `must be 1–${MESSAGE_LIMITS.content} characters (got ${Math.max(n, 0)})`,
      });
  });
  if (!issues.length) {
    const joined = codePoints(joinMessages(messages));
    if (joined > contentLimit)
      issues.push({
        field,
        message: `must fit in ${contentLimit} characters once joined into the prompt's content (got ${joined})`,
      });
  }
  return issues;
}

// ---------------------------------------------------------------------------------------- variables

export const VARIABLE_TYPES = [
  "string",
  "number",
  "boolean",
  "enum",
  "json",
] as const satisfies readonly VariableType[];

export const VARIABLE_LIMITS = {
  variables: 100,
  description: 500,
  enumValues: 100,
  enumValue: 200,
  /** A default's size as JSON, in characters. */
  defaultJson: 10_000,
} as const;
const VARIABLE_NAME = new RegExp(VARIABLE_NAME_PATTERN);

/** Whether a default is a value of its variable's type, by the renderer's own check of given values. */
function defaultIssue(v: VariableSpec): string | null {
  const { issues } = checkValues([{ ...v, required: false }], { [v.name]: v.default });
  return issues[0] ? `${issues[0].message} (the variable's type is ${v.type})` : null;
}

/** Checks a version's variable declarations: names well-formed and unique, types, enums and defaults. */
export function checkVariables(variables: readonly VariableSpec[], field = "variables"): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (variables.length > VARIABLE_LIMITS.variables) {
    return [{ field, message: `must have at most ${VARIABLE_LIMITS.variables} variables` }];
  }
  const firstAt = new Map<string, number>();
  variables.forEach((v, i) => {
    const at = `${field}.${i}`;
    if (typeof v.name !== "string" || !VARIABLE_NAME.test(v.name)) {
      issues.push({
        field: `${at}.name`,
        message: "must be letters, digits and _, not starting with a digit, at most 64 characters",
      });
    } else if (firstAt.has(v.name)) {
      issues.push({ field: `${at}.name`, message: `duplicates ${field}.${firstAt.get(v.name)}.name` });
    } else {
      firstAt.set(v.name, i);
    }
    if (!(VARIABLE_TYPES as readonly string[]).includes(v.type)) {
      issues.push({ field: `${at}.type`, message: `must be one of: ${VARIABLE_TYPES.join(", ")}` });
      return;
    }
    if (v.description !== undefined && codePoints(v.description) > VARIABLE_LIMITS.description)
      issues.push({
        field: `${at}.description`,
        message: `must be at most ${VARIABLE_LIMITS.description} characters`,
      });
    if (v.type === "enum") {
      const values = v.enum_values ?? [];
      if (values.length < 1 || values.length > VARIABLE_LIMITS.enumValues)
        issues.push({
          field: `${at}.enum_values`,
          message: `must list 1–${VARIABLE_LIMITS.enumValues} values for an enum variable`,
        });
      else if (new Set(values).size !== values.length)
        issues.push({ field: `${at}.enum_values`, message: "must not repeat a value" });
      else if (values.some((x) => x.length < 1 || codePoints(x) > VARIABLE_LIMITS.enumValue))
        issues.push({
          field: `${at}.enum_values`,
          message: `values must be 1–${VARIABLE_LIMITS.enumValue} characters`,
        });
    } else if (v.enum_values !== undefined) {
      issues.push({ field: `${at}.enum_values`, message: "is only for variables of type enum" });
    }
    if (v.default !== undefined) {
      const json = JSON.stringify(v.default);
      if (json !== undefined && json.length > VARIABLE_LIMITS.defaultJson) {
        issues.push({
          field: `${at}.default`,
          message: `must be at most ${VARIABLE_LIMITS.defaultJson} characters as JSON`,
        });
      } else {
        const problem = defaultIssue(v);
        if (problem) issues.push({ field: `${at}.default`, message: problem });
      }
    }
  });
  return issues;
}

/** A declaration as stored and returned: every field present, defaults filled in. */
export function normalizeVariable(v: VariableSpec): VariableSpec {
  const out: VariableSpec = {
    name: v.name,
    type: v.type,
    description: v.description ?? "",
    required: v.required ?? false,
  };
  if (v.default !== undefined) out.default = v.default;
  if (v.type === "enum") out.enum_values = v.enum_values ?? [];
  return out;
}

/**
 * Root variable names the content certainly uses (section names included), as the renderer parses it.
 * Names used only inside a section may be the section item's own fields, so they are not counted.
 */
export function usedVariables(content: string): readonly string[] {
  let names = usedByContent.get(content);
  if (names === undefined) {
    names = Object.freeze(parseTemplate(content).variables);
    if (
      usedByContent.size >= USED_VARIABLES_MEMO.entries ||
      memoChars + content.length > USED_VARIABLES_MEMO.chars
    ) {
      usedByContent.clear();
      memoChars = 0;
    }
    usedByContent.set(content, names);
    memoChars += content.length;
  }
  return names;
}

/**
 * The variables of recent contents, kept so a prompt read (every response lists `undeclared_variables`)
 * does not parse the same template again: a pure function of the text. At most this many contents and
 * characters in all; full, it starts over.
 */
export const USED_VARIABLES_MEMO = { entries: 1000, chars: 4_000_000 };
const usedByContent = new Map<string, readonly string[]>();
let memoChars = 0;

/** Names the content uses that the version does not declare (they render as strings). */
export function undeclaredVariables(content: string, variables: readonly VariableSpec[]): string[] {
  const declared = new Set(variables.map((v) => v.name));
  return usedVariables(content).filter((n) => !declared.has(n));
}

// ------------------------------------------------------------------------------------------ helpers

/** JSON with object keys sorted at every depth: equal values give equal text, whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}
