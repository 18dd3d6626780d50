// The one PromptForge template renderer: prompt content, chat messages, templates and the SDK's local
// `compile()` all go through this file, so a prompt renders the same on the server, in the browser and
// in an application. Pure TypeScript with no imports: the server (NodeNext), the web app (Vite) and the
// SDK's own build each compile it as is.
//
// Syntax is Mustache's: `{{name}}`, dotted names, sections `{{#x}}…{{/x}}` (skipped when falsy or an
// empty list, repeated per list item, entered for an object), inverted sections `{{^x}}…{{/x}}`,
// comments `{{! … }}` and partials `{{> name}}` / `{{> name@label}}` taken from `opts.partials`.
// Deliberate differences, because prompts are not HTML and values come from callers we do not trust:
// - nothing is ever HTML-escaped (`{{{x}}}` and `{{& x}}` mean the same as `{{x}}`);
// - names are looked up in own data properties only (`{{constructor}}`, `{{__proto__}}` find nothing),
//   getters and functions are never called, and no value is ever parsed as a template;
// - every `{{` must open a well-formed tag (an unclosed one is an error with line and column), so a
//   typo cannot silently become text; single braces and a `}}` that closes nothing are plain text;
// - nesting, partial depth, work and output size are bounded (RENDER_LIMITS).
// Templates written before sections existed (only `{{ name }}` placeholders) render exactly as before.

export type VariableType = "string" | "number" | "boolean" | "enum" | "json";

export interface VariableSpec {
  name: string;
  type: VariableType;
  description?: string;
  required?: boolean;
  default?: unknown;
  enum_values?: string[];
}

/** One problem with the values given for a render; shaped for a 422's details. */
export interface RenderIssue {
  variable?: string;
  message: string;
}

export interface TemplateIssue {
  /** Ends with "at line L, column C". */
  message: string;
  /** Offset in the source (UTF-16 code units). */
  index: number;
  /** 1-based line and column of `index`. */
  line: number;
  column: number;
}

export type TagKind = "variable" | "section" | "inverted" | "close" | "comment" | "partial";

export interface TemplateTag {
  kind: TagKind;
  /** The variable or section name, the partial reference ("name" or "name@label"), or "" for a comment. */
  name: string;
  /** Offsets of the whole tag in the source, end exclusive. */
  start: number;
  end: number;
}

export interface ParsedTemplate {
  /** Empty when the source is well-formed. */
  errors: TemplateIssue[];
  /**
   * Root variables the template certainly reads, in order of first use: the first segment of every
   * name outside a section (and inside inverted sections, which keep the same context), section
   * names included.
   */
  variables: string[];
  /**
   * First segments of names used inside a section and not already in `variables`: each is looked up on
   * the section's item first, then on the root values, so it may or may not be a root variable.
   */
  nestedNames: string[];
  /** Partials in order of first use, each once. */
  partials: { name: string; label?: string }[];
  /** Every tag with its position (editors mark them). */
  tags: TemplateTag[];
}

export interface ParseOptions {
  /**
   * The templates feature's original dialect: only `{{ name }}` placeholders with simple names, and a
   * `}}` that closes nothing is an error. Anything else is reported as a malformed placeholder.
   */
  variablesOnly?: boolean;
}

export interface RenderOptions {
  /** Partial sources by the exact reference written in the tag: "name" or "name@label". */
  partials?: Readonly<Record<string, string>>;
}

export const RENDER_LIMITS = {
  /** Sections open at once inside one template. */
  maxNesting: 32,
  /** Partials included inside partials. */
  maxPartialDepth: 10,
  /** Rendered output, in UTF-16 code units (for renderMessages, all messages together). */
  maxOutput: 1_000_000,
  /** Tags and text pieces visited: bounds nested list loops whose output stays small. */
  maxSteps: 1_000_000,
  /** Objects and arrays nested inside one value rendered as JSON. */
  maxValueDepth: 64,
  /** Syntax errors collected before parsing stops: one is enough to reject, a few help fix. */
  maxErrors: 20,
} as const;

/** Content that cannot be parsed. `line`/`column`/`index` are those of the first error. */
export class TemplateSyntaxError extends Error {
  readonly line: number;
  readonly column: number;
  readonly index: number;
  constructor(
    readonly errors: TemplateIssue[],
    /** The partial whose source is malformed, when it is not the main template. */
    readonly partial?: string,
  ) {
    const where = partial === undefined ? "" : ` in partial '${partial}'`;
    super(`Template syntax error${where}: ${errors.map((e) => e.message).join("; ")}`);
    this.name = "TemplateSyntaxError";
    const first = errors[0];
    this.line = first?.line ?? 1;
    this.column = first?.column ?? 1;
    this.index = first?.index ?? 0;
  }
}

/** A well-formed template that cannot be rendered with these values and partials. */
export class TemplateRenderError extends Error {
  constructor(
    readonly kind: "missing_partial" | "too_long" | "too_deep" | "too_complex",
    message: string,
    /** The partial reference, for "missing_partial". */
    readonly partial?: string,
  ) {
    super(message);
    this.name = "TemplateRenderError";
  }
}

// ---------------------------------------------------------------------------------------------------
// Parsing

type Node =
  | { t: "text"; s: string }
  | { t: "var"; path: string[] }
  | { t: "section"; path: string[]; inverted: boolean; nodes: Node[] }
  | { t: "partial"; ref: string; indent: string };

interface Compiled {
  nodes: Node[];
  parsed: ParsedTemplate;
}

const SEGMENT = "[A-Za-z_][A-Za-z0-9_]{0,63}";
const SIMPLE_NAME = new RegExp(`^${SEGMENT}$`);
// A segment after a dot may also be a list index (`{{items.0}}`).
const DOTTED_NAME = new RegExp(`^(?:\\.|${SEGMENT}(?:\\.(?:${SEGMENT}|[0-9]{1,9}))*)$`);
const PROMPT_NAME_SEGMENT = "[A-Za-z0-9_][A-Za-z0-9._-]{0,63}";
const PARTIAL_REF = new RegExp(
  `^(${PROMPT_NAME_SEGMENT}(?:/${PROMPT_NAME_SEGMENT}){0,15})(?:@([a-z0-9._-]{1,40}))?$`,
);

function excerpt(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** Line and column of any offset, by binary search over the line starts (errors may come out of order). */
function locator(src: string) {
  let starts: number[] | undefined;
  return (index: number, message: string): TemplateIssue => {
    if (!starts) {
      starts = [0];
      for (let i = src.indexOf("\n"); i !== -1; i = src.indexOf("\n", i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= index) lo = mid;
      else hi = mid - 1;
    }
    const line = lo + 1;
    const column = index - (starts[lo] as number) + 1;
    return { message: `${message} at line ${line}, column ${column}`, index, line, column };
  };
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/**
 * Whether the tag at [start, end) stands alone on its line (only spaces or tabs around it). Such a
 * section, comment or partial tag takes its whole line with it, so block-style templates do not leave
 * blank lines behind. Returns where the line starts and where the next line starts, or undefined.
 */
/** The line a tag stands alone on (only blanks around it); undefined when text shares its line. */
export function standaloneLine(
  src: string,
  start: number,
  end: number,
): { lineStart: number; next: number } | undefined {
  let a = start;
  while (a > 0 && isBlank(src.charCodeAt(a - 1))) a--;
  if (a > 0 && src.charCodeAt(a - 1) !== 10) return undefined;
  let b = end;
  while (b < src.length && isBlank(src.charCodeAt(b))) b++;
  if (b === src.length) return { lineStart: a, next: b };
  if (src.charCodeAt(b) === 10) return { lineStart: a, next: b + 1 };
  if (src.charCodeAt(b) === 13 && src.charCodeAt(b + 1) === 10) return { lineStart: a, next: b + 2 };
  return undefined;
}

function splitPath(name: string): string[] {
  return name === "." ? ["."] : name.split(".");
}

function compile(src: string, options: ParseOptions = {}): Compiled {
  const strict = options.variablesOnly === true;
  const issueAt = locator(src);
  const errors: TemplateIssue[] = [];
  const tags: TemplateTag[] = [];
  const root: Node[] = [];
  const open: { name: string; tag: TemplateTag; nodes: Node[] }[] = [];
  const variables: string[] = [];
  const nested: string[] = [];
  const seenVar = new Set<string>();
  const seenNested = new Set<string>();
  const partials: { name: string; label?: string }[] = [];
  const seenPartial = new Set<string>();
  // Depth of positive sections around the current point: names there may belong to the item.
  let scoped = 0;
  const scopedStack: boolean[] = [];

  const current = () => open[open.length - 1]?.nodes ?? root;
  const pushText = (from: number, to: number) => {
    if (to > from) current().push({ t: "text", s: src.slice(from, to) });
  };
  const strayCloses = (from: number, to: number) => {
    if (!strict) return;
    for (let c = src.indexOf("}}", from); c !== -1 && c + 2 <= to; c = src.indexOf("}}", c + 2)) {
      if (errors.length < RENDER_LIMITS.maxErrors) errors.push(issueAt(c, "Unmatched '}}'"));
    }
  };
  const use = (path: string[]) => {
    const first = path[0] as string;
    if (first === ".") return;
    if (scoped === 0) {
      if (!seenVar.has(first)) {
        seenVar.add(first);
        variables.push(first);
      }
    } else if (!seenNested.has(first)) {
      seenNested.add(first);
      nested.push(first);
    }
  };
  const malformedPlaceholder = (inner: string) =>
    `Malformed placeholder '{{${excerpt(inner)}}}' (names are letters, digits and _, not starting with a digit, at most 64 characters)`;

  let pos = 0;
  while (errors.length < RENDER_LIMITS.maxErrors) {
    const at = src.indexOf("{{", pos);
    if (at === -1) break;
    const triple = !strict && src.charCodeAt(at + 2) === 123;
    const closer = triple ? "}}}" : "}}";
    const innerStart = at + (triple ? 3 : 2);
    const close = src.indexOf(closer, innerStart);
    if (close === -1) {
      strayCloses(pos, at);
      pushText(pos, at);
      errors.push(issueAt(at, "Unclosed '{{'"));
      pos = src.length;
      break;
    }
    strayCloses(pos, at);
    const end = close + closer.length;
    const inner = src.slice(innerStart, close);
    const trimmed = inner.trim();
    const sigil = triple ? "" : trimmed.charAt(0);
    // Section, comment and partial tags alone on their line take the whole line with them.
    const line =
      !strict && sigil !== "" && "#^/!>".includes(sigil) ? standaloneLine(src, at, end) : undefined;
    const textEnd = line ? line.lineStart : at;
    const nextPos = line ? line.next : end;

    if (strict) {
      pushText(pos, textEnd);
      if (SIMPLE_NAME.test(trimmed)) {
        tags.push({ kind: "variable", name: trimmed, start: at, end });
        current().push({ t: "var", path: [trimmed] });
        use([trimmed]);
      } else errors.push(issueAt(at, malformedPlaceholder(inner)));
      pos = nextPos;
      continue;
    }

    switch (sigil) {
      case "!": {
        pushText(pos, textEnd);
        tags.push({ kind: "comment", name: "", start: at, end });
        break;
      }
      case "#":
      case "^": {
        const name = trimmed.slice(1).trim();
        pushText(pos, textEnd);
        if (!DOTTED_NAME.test(name) || name === ".") {
          errors.push(issueAt(at, `Malformed section '{{${excerpt(inner)}}}' (expected a variable name)`));
          break;
        }
        const tag: TemplateTag = { kind: sigil === "#" ? "section" : "inverted", name, start: at, end };
        tags.push(tag);
        const path = splitPath(name);
        use(path);
        const node: Node = { t: "section", path, inverted: sigil === "^", nodes: [] };
        // Too deep is an error, but the section is still tracked so its closing tag matches.
        if (open.length >= RENDER_LIMITS.maxNesting) {
          errors.push(issueAt(at, `Sections nested more than ${RENDER_LIMITS.maxNesting} deep`));
        } else current().push(node);
        open.push({ name, tag, nodes: node.nodes });
        scopedStack.push(sigil === "#");
        if (sigil === "#") scoped++;
        break;
      }
      case "/": {
        const name = trimmed.slice(1).trim();
        pushText(pos, textEnd);
        tags.push({ kind: "close", name, start: at, end });
        const top = open[open.length - 1];
        if (!top) {
          errors.push(issueAt(at, `'{{/${excerpt(name)}}}' closes no open section`));
        } else {
          if (top.name !== name) {
            const o = issueAt(top.tag.start, "");
            errors.push(
              issueAt(
                at,
                `'{{/${excerpt(name)}}}' does not close '{{#${top.name}}}' opened at line ${o.line}, column ${o.column}`,
              ),
            );
          }
          // A mismatched close still ends the innermost section: one mistake, one error.
          open.pop();
          if (scopedStack.pop()) scoped--;
        }
        break;
      }
      case ">": {
        const ref = trimmed.slice(1).trim();
        pushText(pos, textEnd);
        const m = PARTIAL_REF.exec(ref);
        if (!m || ref.length > 250) {
          errors.push(
            issueAt(
              at,
              `Malformed partial '{{${excerpt(inner)}}}' (expected a prompt name, optionally @label)`,
            ),
          );
          break;
        }
        tags.push({ kind: "partial", name: ref, start: at, end });
        current().push({ t: "partial", ref, indent: line ? src.slice(line.lineStart, at) : "" });
        if (!seenPartial.has(ref)) {
          seenPartial.add(ref);
          partials.push(
            m[2] === undefined ? { name: m[1] as string } : { name: m[1] as string, label: m[2] },
          );
        }
        break;
      }
      case "=": {
        pushText(pos, textEnd);
        errors.push(issueAt(at, "Changing the delimiters ('{{=…=}}') is not supported"));
        break;
      }
      default: {
        pushText(pos, textEnd);
        const name = sigil === "&" ? trimmed.slice(1).trim() : trimmed;
        if (!DOTTED_NAME.test(name)) {
          errors.push(issueAt(at, malformedPlaceholder(inner)));
          break;
        }
        tags.push({ kind: "variable", name, start: at, end });
        const path = splitPath(name);
        current().push({ t: "var", path });
        use(path);
      }
    }
    pos = nextPos;
  }
  if (errors.length < RENDER_LIMITS.maxErrors) {
    strayCloses(pos, src.length);
    pushText(pos, src.length);
  }
  for (const o of open) errors.push(issueAt(o.tag.start, `Unclosed section '{{#${o.name}}}'`));
  errors.sort((a, b) => a.index - b.index);
  if (errors.length > RENDER_LIMITS.maxErrors) errors.length = RENDER_LIMITS.maxErrors;
  const nestedNames = nested.filter((n) => !seenVar.has(n));
  return { nodes: root, parsed: { errors, variables, nestedNames, partials, tags } };
}

/** Finds every tag, variable, partial and syntax error in a template. Never throws. */
export function parseTemplate(src: string, options?: ParseOptions): ParsedTemplate {
  return compile(src, options).parsed;
}

// ---------------------------------------------------------------------------------------------------
// Variables

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/** Whether `v` is plain JSON data (no functions, no cycles, finite numbers), within the depth limit. */
function isJsonValue(v: unknown, depth = 0): boolean {
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v);
  if (typeof v !== "object" || depth >= RENDER_LIMITS.maxValueDepth) return false;
  if (Array.isArray(v)) return v.every((x) => isJsonValue(x, depth + 1));
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.keys(v).every((k) => isJsonValue(ownValue(v, k), depth + 1));
}

function typeProblem(spec: VariableSpec, v: unknown): string | undefined {
  switch (spec.type) {
    case "string":
      return typeof v === "string" ? undefined : `must be a string, not ${describe(v)}`;
    case "number":
      if (typeof v === "number") return Number.isFinite(v) ? undefined : "must be a finite number";
      return `must be a number, not ${describe(v)}`;
    case "boolean":
      return typeof v === "boolean" ? undefined : `must be true or false, not ${describe(v)}`;
    case "enum": {
      const allowed = spec.enum_values ?? [];
      return typeof v === "string" && allowed.includes(v)
        ? undefined
        : `must be one of: ${allowed.join(", ")}`;
    }
    case "json":
      return isJsonValue(v)
        ? undefined
        : "must be JSON data (objects, lists, strings, finite numbers, booleans, null)";
    default:
      return `has an unknown type '${String(spec.type)}'`;
  }
}

/**
 * Checks the values given for a render against the declared variables: one issue for each missing
 * required variable, each given name that is not declared, and each value of the wrong type. Defaults
 * fill in what was not given (`undefined` counts as not given). `values` holds only declared names.
 */
export function checkVariables(
  specs: readonly VariableSpec[],
  given: Readonly<Record<string, unknown>>,
): { values: Record<string, unknown>; issues: RenderIssue[] } {
  const values: Record<string, unknown> = Object.create(null);
  const issues: RenderIssue[] = [];
  const declared = new Set<string>();
  for (const spec of specs) {
    declared.add(spec.name);
    const v = Object.hasOwn(given, spec.name) ? ownValue(given, spec.name) : undefined;
    if (v === undefined) {
      if (spec.default !== undefined) values[spec.name] = spec.default;
      else if (spec.required) issues.push({ variable: spec.name, message: "is required" });
      continue;
    }
    const problem = typeProblem(spec, v);
    if (problem) issues.push({ variable: spec.name, message: problem });
    else values[spec.name] = v;
  }
  for (const k of Object.keys(given)) {
    if (!declared.has(k)) issues.push({ variable: k, message: "is not a variable of this prompt" });
  }
  return { values, issues };
}

// ---------------------------------------------------------------------------------------------------
// Rendering

interface RenderState {
  length: number;
  steps: number;
  partials: Readonly<Record<string, string>> | undefined;
  cache: Map<string, Node[]>;
  out: string[];
}

/** An own data property's value; getters, inherited and missing properties give undefined. */
function ownValue(obj: object, key: string): unknown {
  const d = Object.getOwnPropertyDescriptor(obj, key);
  return d && "value" in d ? d.value : undefined;
}

const isContainer = (v: unknown): v is object => typeof v === "object" && v !== null;

/** Mustache lookup: the first context (innermost first) that owns the first segment, then down the path. */
function lookup(path: string[], stack: unknown[]): unknown {
  const first = path[0] as string;
  let value: unknown;
  if (first === ".") value = stack[stack.length - 1];
  else {
    for (let i = stack.length - 1; i >= 0; i--) {
      const ctx = stack[i];
      if (isContainer(ctx) && Object.getOwnPropertyDescriptor(ctx, first)) {
        value = ownValue(ctx, first);
        break;
      }
    }
  }
  for (let i = 1; i < path.length && value !== undefined; i++) {
    value = isContainer(value) ? ownValue(value, path[i] as string) : undefined;
  }
  // A function is never called (no lambdas): it is treated as having no value.
  return typeof value === "function" ? undefined : value;
}

function isFalsy(v: unknown): boolean {
  return !v || (Array.isArray(v) && v.length === 0);
}

/** JSON text for objects and lists, written here so no toJSON method or getter is ever run. */
function toJson(v: unknown, depth: number): string | undefined {
  if (v === null) return "null";
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "number":
      return Number.isFinite(v) ? String(v) : "null";
    case "boolean":
      return String(v);
    case "bigint":
      return String(v);
    case "object":
      break;
    default:
      return undefined;
  }
  if (depth >= RENDER_LIMITS.maxValueDepth) {
    throw new TemplateRenderError(
      "too_deep",
      `A value is nested more than ${RENDER_LIMITS.maxValueDepth} levels deep (or refers to itself)`,
    );
  }
  if (v instanceof Date) return JSON.stringify(dateText(v));
  if (Array.isArray(v)) {
    const parts: string[] = [];
    for (let i = 0; i < v.length; i++) parts.push(toJson(ownValue(v, String(i)), depth + 1) ?? "null");
    return `[${parts.join(",")}]`;
  }
  const parts: string[] = [];
  for (const k of Object.keys(v as object)) {
    const s = toJson(ownValue(v as object, k), depth + 1);
    if (s !== undefined) parts.push(`${JSON.stringify(k)}:${s}`);
  }
  return `{${parts.join(",")}}`;
}

function dateText(d: Date): string {
  return Number.isNaN(d.getTime()) ? "" : Date.prototype.toISOString.call(d);
}

function stringify(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (v instanceof Date) return dateText(v);
  if (isContainer(v)) return toJson(v, 0) ?? "";
  return "";
}

function emit(state: RenderState, s: string): void {
  if (!s) return;
  state.length += s.length;
  if (state.length > RENDER_LIMITS.maxOutput) {
    throw new TemplateRenderError(
      "too_long",
      `Rendered text would be longer than the limit of ${RENDER_LIMITS.maxOutput} characters`,
    );
  }
  state.out.push(s);
}

export function indentLines(src: string, indent: string): string {
  if (!indent) return src;
  // Every non-empty line gets the indentation; inserted values are not re-indented.
  return src.replace(/(^|\n)(?=[^\r\n])/g, (m) => m + indent);
}

function partialNodes(state: RenderState, ref: string, indent: string): Node[] {
  const key = `${indent}\u0000${ref}`;
  const cached = state.cache.get(key);
  if (cached) return cached;
  const source =
    state.partials && Object.hasOwn(state.partials, ref) ? ownValue(state.partials, ref) : undefined;
  if (typeof source !== "string") {
    throw new TemplateRenderError("missing_partial", `No partial named '${ref}' was given`, ref);
  }
  // Positions in errors refer to the partial as written, so it is checked before it is indented.
  const plain = compile(source);
  if (plain.parsed.errors.length) throw new TemplateSyntaxError(plain.parsed.errors, ref);
  const nodes = indent ? compile(indentLines(source, indent)).nodes : plain.nodes;
  state.cache.set(key, nodes);
  return nodes;
}

/** One unit of work: a node visited or a list item entered. */
function step(state: RenderState): void {
  if (++state.steps > RENDER_LIMITS.maxSteps) {
    throw new TemplateRenderError(
      "too_complex",
      `Rendering would take more than ${RENDER_LIMITS.maxSteps} steps (lists nested in lists too large)`,
    );
  }
}

function renderNodes(nodes: Node[], stack: unknown[], state: RenderState, partialDepth: number): void {
  for (const node of nodes) {
    step(state);
    switch (node.t) {
      case "text":
        emit(state, node.s);
        break;
      case "var":
        emit(state, stringify(lookup(node.path, stack)));
        break;
      case "section": {
        const v = lookup(node.path, stack);
        if (node.inverted) {
          if (isFalsy(v)) renderNodes(node.nodes, stack, state, partialDepth);
        } else if (!isFalsy(v)) {
          const items = Array.isArray(v) ? v : [v];
          for (let i = 0; i < items.length; i++) {
            if (i > 0) step(state);
            stack.push(Array.isArray(v) ? ownValue(v, String(i)) : v);
            try {
              renderNodes(node.nodes, stack, state, partialDepth);
            } finally {
              stack.pop();
            }
          }
        }
        break;
      }
      case "partial": {
        if (partialDepth >= RENDER_LIMITS.maxPartialDepth) {
          throw new TemplateRenderError(
            "too_deep",
            `Partials are included more than ${RENDER_LIMITS.maxPartialDepth} deep (at '${node.ref}')`,
            node.ref,
          );
        }
        renderNodes(partialNodes(state, node.ref, node.indent), stack, state, partialDepth + 1);
        break;
      }
    }
  }
}

function newState(opts: RenderOptions | undefined): RenderState {
  return { length: 0, steps: 0, partials: opts?.partials, cache: new Map(), out: [] };
}

function renderWith(src: string, values: Readonly<Record<string, unknown>>, state: RenderState): string {
  const compiled = compile(src);
  if (compiled.parsed.errors.length) throw new TemplateSyntaxError(compiled.parsed.errors);
  state.out = [];
  renderNodes(compiled.nodes, [values], state, 0);
  return state.out.join("");
}

/**
 * Renders a template with the given values. Throws TemplateSyntaxError for malformed content and
 * TemplateRenderError for a missing partial or a limit reached. A name with no value renders empty;
 * call checkVariables first to require values.
 */
export function render(src: string, values: Readonly<Record<string, unknown>>, opts?: RenderOptions): string {
  return renderWith(src, values, newState(opts));
}

/** Renders each message's content; the output limit applies to all messages together. */
export function renderMessages<M extends { role: string; content: string }>(
  messages: readonly M[],
  values: Readonly<Record<string, unknown>>,
  opts?: RenderOptions,
): M[] {
  const state = newState(opts);
  return messages.map((m) => ({ ...m, content: renderWith(m.content, values, state) }));
}
