// Where a repeated line sits, for the repeated-instruction readings (PF403, PF404): places whose lines
// repeat by design and are not the author's instruction said twice. A turn of a transcript under a
// "## Q(user)" heading, a template variable's description ("- ${topic} - The topic of the post"), an
// example (under "Examples:", or "For example, …"), the same line under two parallel headings ("Track 1:",
// "Track 2:"), and a heading or outline item that only names the instruction it labels ("2. Market entry
// strategy" over "Develop a market entry strategy for …"). Each is asked only of a pair already found, and
// reads back at most a bounded window, so the readings stay linear.
import { META_VERBS, TASK_VERBS } from "../lexicon.js";
import { countBelow, type Doc, TOKEN_PUNCT } from "../text.js";

/** How far back a heading is looked for: the repeat readings only run on prompts shorter than this. */
const LOOK_BACK = 3000;

/** A markdown heading, or a short line of its own ending in a colon ("Track 2:", "**Examples:**"). */
const HEADING_RE = /^[ \t]*(?:#{1,6}[ \t]+(\S[^\n]*)|(?:\*\*|__)?([^\n:]{1,60}):(?:\*\*|__)?[ \t]*)$/;

/** The lines of one text and, per line, the nearest heading at or above it (any, and markdown only). */
interface HeadingIndex {
  text: string;
  /** Where each line starts. */
  starts: Int32Array;
  /** Per line, the index of the nearest line at or above it that is a heading, or -1. */
  nearest: Int32Array;
  nearestMarked: Int32Array;
  /** Per line, its heading's name lower-cased without its markup ("" when not a heading). */
  names: string[];
}

// the index of the text last asked about: the readings ask of one text many times in a row, so each line
// is matched once per text instead of once per question (a walk back per question was quadratic on
// thousands of short lines)
let lastIndex: HeadingIndex | undefined;

function headingIndex(text: string): HeadingIndex {
  if (lastIndex?.text === text) return lastIndex;
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const starts = Int32Array.from(lineStarts);
  const nearest = new Int32Array(starts.length);
  const nearestMarked = new Int32Array(starts.length);
  const names: string[] = [];
  let any = -1;
  let marked = -1;
  for (let k = 0; k < starts.length; k++) {
    const end = k + 1 < starts.length ? starts[k + 1]! - 1 : text.length;
    const m = HEADING_RE.exec(text.slice(starts[k]!, end));
    names.push(
      m
        ? (m[1] ?? m[2] ?? "")
            .replace(/[*_#:]+/g, " ")
            .trim()
            .toLowerCase()
        : "",
    );
    if (m) any = k;
    if (m?.[1] !== undefined) marked = k;
    nearest[k] = any;
    nearestMarked[k] = marked;
  }
  lastIndex = { text, starts, nearest, nearestMarked, names };
  return lastIndex;
}

/**
 * The nearest heading above the line holding `at` (within LOOK_BACK characters), lower-cased without its
 * markup, or "". With `marked`, only a markdown heading counts (a bare "A:" closing few-shot records is a
 * field, not a heading).
 */
export function headingAbove(text: string, at: number, marked = false): string {
  const index = headingIndex(text);
  const { starts } = index;
  // the line holding `at`: the last one starting at or before it
  const line = countBelow(starts, at + 1) - 1;
  if (line <= 0) return "";
  const found = (marked ? index.nearestMarked : index.nearest)[line - 1]!;
  // the heading's line must end (at its newline) inside the window
  if (found < 0 || starts[found + 1]! - 1 <= Math.max(0, at - LOOK_BACK)) return "";
  return index.names[found]!;
}

/** Turn names in a transcript's markdown headings: "## Q(user)", "## A(Sonnet)", "### Human". */
const TURN_HEADING_RE = /^(?:q|a|user|assistant|human|ai|bot|model|system|customer|agent)\b(?:\s*\(|$)/;

/** True when the line sits under a heading that names a turn of a quoted exchange. */
export function inTranscript(text: string, at: number): boolean {
  return TURN_HEADING_RE.test(headingAbove(text, at, true));
}

/** A line that opens, after a list marker or a label, with a template variable: its definition. */
const VARIABLE_LINE_RE =
  /^[ \t]*(?:[-*•][ \t]*|\d+[.)][ \t]*)?(?:[\p{L}][\p{L}\p{N}' _-]{0,30}:[ \t]*)?(?:\$\{|\{\{|\{[\w-]+\})/u;

/** True when the line holding `at` defines or describes a template variable ("- ${brand} - The brand"). */
export function variableLine(text: string, at: number): boolean {
  const start = text.lastIndexOf("\n", at - 1) + 1;
  return VARIABLE_LINE_RE.test(text.slice(start, start + 80));
}

/** "For example, …", "e.g. …" opening a line or sentence (misspelt "exemple" too). */
const EXAMPLE_OPENER_RE = /^[\s*\-•>]*(?:for (?:example|exemple|instance)|e\.g\.|example\b|sample\b)/i;
const EXAMPLE_HEADING_RE = /^(?:examples?|samples?|sample (?:input|output)s?|few-shot|demonstrations?)\b/;

/** True when the unit is an example: opened as one, or under an "Examples" heading. */
export function inExample(text: string, start: number): boolean {
  const line = text.lastIndexOf("\n", start - 1) + 1;
  if (EXAMPLE_OPENER_RE.test(text.slice(start, start + 20))) return true;
  if (EXAMPLE_OPENER_RE.test(text.slice(line, line + 24))) return true;
  return EXAMPLE_HEADING_RE.test(headingAbove(text, start));
}

/** True when the line holding `at` is a markdown heading or a wholly bold line: it names a section. */
export function headingLine(text: string, at: number): boolean {
  const start = text.lastIndexOf("\n", at - 1) + 1;
  const end = text.indexOf("\n", at);
  const line = text.slice(start, end < 0 ? text.length : end).trim();
  return /^#{1,6}\s/.test(line) || /^(?:\*\*|__)[^*_]+(?:\*\*|__):?$/.test(line);
}

/** True when the line at `at` is a transcript's turn, a variable's definition or an example. */
export function elsewhere(text: string, at: number): boolean {
  return inTranscript(text, at) || variableLine(text, at) || inExample(text, at);
}

/**
 * True when the two lines sit under two headings that differ only by a number or a letter ("Track 1",
 * "Track 2"; "Variant A", "Variant B"): each section specifies its own piece, and says so in full.
 */
export function parallelSections(text: string, a: number, b: number): boolean {
  const x = headingAbove(text, a);
  const y = headingAbove(text, b);
  if (x === "" || x === y) return false;
  const strip = (h: string) => h.replace(/\b(?:\d+|[a-z])\b/g, "#").replace(/\s+/g, " ");
  return strip(x) === strip(y) && /\b(?:\d+|[a-z])\b/.test(x);
}

/** Words that may precede a directive verb without being one ("Always keep …", "You must use …"). */
const LEADS = new Set(
  "always never only please you must should shall will need to also then first and just do don't not".split(
    " ",
  ),
);

/**
 * True when the unit names rather than directs: a heading or outline item with no directive verb
 * ("Market Entry Strategy", "Clarifying questions (if needed)", "750ml red wine"). A directive opens with
 * a verb of the task or of its manner, after any of the words that lead one in ("Always keep it short").
 */
export function naming(doc: Doc, t0: number, end: number): boolean {
  for (let i = t0; i < doc.tokens.length; i++) {
    const t = doc.tokens[i]!;
    if (t.start >= end) return true;
    if (t.type === TOKEN_PUNCT || /^\d+$/.test(t.lower)) continue;
    if (LEADS.has(t.lower)) continue;
    return !TASK_VERBS.has(t.lower) && !META_VERBS.has(t.lower) && t.lower !== "no";
  }
  return true;
}

/**
 * True when the line holding `at` is material rather than the author's sentence: a line of code or a
 * template row holding a variable or placeholder ("dig txt $DOMAIN # default", "- Next one $MORE$"), or a
 * table row of cells ("Acme | a maker of tools | https://…"). Rows and scripts repeat their wording by design.
 */
export function materialLine(text: string, at: number): boolean {
  const start = text.lastIndexOf("\n", at - 1) + 1;
  let end = text.indexOf("\n", at);
  if (end < 0) end = text.length;
  const line = text.slice(start, end);
  return /\$\{?[A-Za-z_][\w-]*/.test(line) || (line.match(/ \| /g)?.length ?? 0) >= 2;
}

/** True when the line holding `at` is a "//" comment: a note naming the step under it, not a step. */
export function commentLine(text: string, at: number): boolean {
  const start = text.lastIndexOf("\n", at - 1) + 1;
  return /^[ \t]*\/\//.test(text.slice(start, at + 1));
}

/** Labels that head rules rather than a field: the same rule under "Rules:" and "Reminder:" is one rule. */
const RULE_LABEL_RE =
  /^(?:rules?|reminders?|notes?|important|instructions?|constraints?|guidelines?|remember)$/;

/**
 * The field label on the line right above the one holding `at` ("TEACHINGS:" over "5 bullets on …"), lower-
 * cased, or "" (markdown headings and labels of rules are not fields). A template's fields each specify their
 * own piece: the same spec under two field labels is two specs.
 */
export function fieldLabelAbove(text: string, at: number): string {
  const line = text.lastIndexOf("\n", at - 1);
  if (line < 0) return "";
  let end = line;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  const start = text.lastIndexOf("\n", end - 1) + 1;
  const m = /^[ \t]*(?:\*\*|__)?([^\n:#*_][^\n:]{0,58}):(?:\*\*|__)?[ \t]*$/.exec(text.slice(start, end));
  const label = m?.[1]?.trim().toLowerCase() ?? "";
  return RULE_LABEL_RE.test(label) ? "" : label;
}
