// Template syntax and rendering for the templates feature: `{{name}}` placeholders (whitespace inside
// the braces allowed), names `[A-Za-z_][A-Za-z0-9_]{0,63}`. A thin layer over PromptForge's one renderer
// (packages/sdk/src/render.ts) in its variables-only dialect, so templates, prompts and the SDK share
// one parser and one renderer; the web app imports this same file so a preview in the browser follows
// exactly the rules the server enforces.
//
// Only doubled braces are syntax: a single `{` or `}` is plain text (JSON, code), while every `{{` must
// open a well-formed placeholder closed by `}}`, and a `}}` that closes nothing is an error.
import { parseTemplate, RENDER_LIMITS, render } from "../../../packages/sdk/src/render.js";

export const VARIABLE_NAME_PATTERN = "^[A-Za-z_][A-Za-z0-9_]{0,63}$";
const VARIABLE_NAME = new RegExp(VARIABLE_NAME_PATTERN);

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

/** Parsing stops collecting errors past this many: one is enough to reject, a few help fix. */
export const MAX_SYNTAX_ERRORS = RENDER_LIMITS.maxErrors;

/** Finds every placeholder and every syntax error in a template's content. */
export function parsePlaceholders(content: string): ParsedTemplate {
  const parsed = parseTemplate(content, { variablesOnly: true });
  return {
    names: parsed.variables,
    placeholders: parsed.tags.map((t) => ({ name: t.name, start: t.start, end: t.end })),
    errors: parsed.errors,
  };
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
  // The shared renderer has its own ceiling; whichever is lower is this render's limit.
  const maxLength = Math.min(opts.maxLength ?? Number.POSITIVE_INFINITY, RENDER_LIMITS.maxOutput);
  const missing = new Set<string>();
  let kept = false;
  let length = content.length;
  for (const p of parsed.placeholders) {
    const value = Object.hasOwn(values, p.name) ? values[p.name] : undefined;
    if (value === undefined) {
      if (opts.missing === "keep") kept = true;
      else missing.add(p.name);
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
  if (!kept) return render(content, values);
  // A preview with gaps: placeholders without a value stay exactly as written, which the shared
  // renderer (where a name without a value renders empty) does not do.
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
