// Template syntax and rendering: `{{name}}` placeholders (whitespace inside the braces allowed), names
// `[A-Za-z_][A-Za-z0-9_]{0,63}`. Pure and dependency-free on purpose: the web app imports this same file
// so a preview in the browser follows exactly the rules the server enforces.
//
// Only doubled braces are syntax: a single `{` or `}` is plain text (JSON, code), while every `{{` must
// open a well-formed placeholder closed by `}}`, and a `}}` that closes nothing is an error.

export const VARIABLE_NAME_PATTERN = "^[A-Za-z_][A-Za-z0-9_]{0,63}$";
const VARIABLE_NAME = new RegExp(VARIABLE_NAME_PATTERN);
const PLACEHOLDER_INNER = /^\s*([A-Za-z_][A-Za-z0-9_]{0,63})\s*$/;

export interface TemplateSyntaxIssue {
  message: string;
  /** Offset in the content (UTF-16 code units). */
  index: number;
  /** 1-based line and column of `index`. */
  line: number;
  column: number;
}

export interface Placeholder {
  name: string;
  /** Offsets of the whole `{{ … }}` in the content, end exclusive. */
  start: number;
  end: number;
}

export interface ParsedTemplate {
  /** Distinct placeholder names in order of first use. */
  names: string[];
  placeholders: Placeholder[];
  /** Empty when the content is well-formed. */
  errors: TemplateSyntaxIssue[];
}

export interface TemplateVariable {
  name: string;
  description: string;
  default?: string;
  required: boolean;
}

export function isVariableName(name: string): boolean {
  return VARIABLE_NAME.test(name);
}

/** Error positions only move forward, so line and column are found in one pass over the content. */
function lineLocator(content: string) {
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  return (index: number, message: string): TemplateSyntaxIssue => {
    for (let i = content.indexOf("\n", scanned); i !== -1 && i < index; i = content.indexOf("\n", i + 1)) {
      line++;
      lineStart = i + 1;
    }
    scanned = Math.max(scanned, lineStart);
    const column = index - lineStart + 1;
    return { message: `${message} at line ${line}, column ${column}`, index, line, column };
  };
}

/** Parsing stops collecting errors past this many: one is enough to reject, a few help fix. */
export const MAX_SYNTAX_ERRORS = 20;

function excerpt(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** Finds every placeholder and every syntax error in a template's content. */
export function parsePlaceholders(content: string): ParsedTemplate {
  const placeholders: Placeholder[] = [];
  const errors: TemplateSyntaxIssue[] = [];
  const seen = new Set<string>();
  const names: string[] = [];
  const issueAt = lineLocator(content);
  let i = 0;
  while (i < content.length && errors.length < MAX_SYNTAX_ERRORS) {
    const open = content.indexOf("{{", i);
    const close = content.indexOf("}}", i);
    if (close !== -1 && (open === -1 || close < open)) {
      errors.push(issueAt(close, "Unmatched '}}'"));
      i = close + 2;
      continue;
    }
    if (open === -1) break;
    const end = content.indexOf("}}", open + 2);
    if (end === -1) {
      errors.push(issueAt(open, "Unclosed '{{'"));
      break;
    }
    const inner = content.slice(open + 2, end);
    const m = PLACEHOLDER_INNER.exec(inner);
    if (!m) {
      errors.push(
        issueAt(
          open,
          `Malformed placeholder '{{${excerpt(inner)}}}' (names are letters, digits and _, not starting with a digit, at most 64 characters)`,
        ),
      );
    } else {
      const name = m[1] as string;
      placeholders.push({ name, start: open, end: end + 2 });
      if (!seen.has(name)) {
        seen.add(name);
        names.push(name);
      }
    }
    i = end + 2;
  }
  return { names, placeholders, errors };
}

export interface ResolvedValues {
  /** A value for every declared variable that has one (given, else its default, else ""). */
  values: Record<string, string>;
  /** Required variables with neither a non-empty value nor a default. */
  missing: string[];
  /** Given names that the template does not declare. */
  unknown: string[];
}

/** Applies defaults to the given values and reports missing required and unknown variables. */
export function resolveValues(
  variables: readonly TemplateVariable[],
  given: Readonly<Record<string, string>>,
): ResolvedValues {
  const values: Record<string, string> = Object.create(null);
  const declared = new Set(variables.map((v) => v.name));
  const missing: string[] = [];
  for (const v of variables) {
    const value = Object.hasOwn(given, v.name) ? given[v.name] : v.default;
    if (value === undefined || value === "") {
      if (v.required) missing.push(v.name);
      values[v.name] = value ?? "";
    } else {
      values[v.name] = value;
    }
  }
  const unknown = Object.keys(given).filter((k) => !declared.has(k));
  return { values, missing, unknown };
}

export class TemplateRenderError extends Error {
  constructor(
    readonly kind: "syntax" | "missing" | "too_long",
    message: string,
    /** Missing variable names, or the syntax errors' messages. */
    readonly items: string[] = [],
  ) {
    super(message);
    this.name = "TemplateRenderError";
  }
}

export interface RenderOptions {
  /** "error" (default) throws on a placeholder without a value; "keep" leaves it as written. */
  missing?: "error" | "keep";
  /** Largest allowed output, in UTF-16 code units. */
  maxLength?: number;
}

/**
 * Replaces each placeholder with its value. Values are inserted verbatim and never re-parsed, so a
 * value containing `{{x}}` stays literal text.
 */
export function renderTemplate(
  content: string,
  values: Readonly<Record<string, string>>,
  opts: RenderOptions = {},
): string {
  const parsed = parsePlaceholders(content);
  if (parsed.errors.length) {
    const messages = parsed.errors.map((e) => e.message);
    throw new TemplateRenderError("syntax", `Template syntax error: ${messages.join("; ")}`, messages);
  }
  const maxLength = opts.maxLength ?? Number.POSITIVE_INFINITY;
  const missing = new Set<string>();
  let length = content.length;
  for (const p of parsed.placeholders) {
    const value = Object.hasOwn(values, p.name) ? values[p.name] : undefined;
    if (value === undefined) {
      if (opts.missing !== "keep") missing.add(p.name);
    } else {
      length += value.length - (p.end - p.start);
    }
  }
  if (missing.size) {
    const names = [...missing];
    throw new TemplateRenderError("missing", `No value for: ${names.join(", ")}`, names);
  }
  if (length > maxLength) {
    throw new TemplateRenderError(
      "too_long",
      `Rendered text would be ${length} characters, more than the limit of ${maxLength}`,
    );
  }
  const parts: string[] = [];
  let at = 0;
  for (const p of parsed.placeholders) {
    parts.push(content.slice(at, p.start));
    const value = Object.hasOwn(values, p.name) ? values[p.name] : undefined;
    parts.push(value ?? content.slice(p.start, p.end));
    at = p.end;
  }
  parts.push(content.slice(at));
  return parts.join("");
}
