// Single-pass tokenisation for the offline analysis engine. It finds pasted or quoted material (code fences,
// triple quotes, content tags, labelled inputs), placeholders ({{variables}} and [fill in: …] slots), then
// words and sentences over the whole text. Every offset is a UTF-16 index into the original text, so
// rule spans can be sliced straight out of it.

import { markCommandLists } from "./command-lists.js";
import { findFences } from "./fences.js";
import { INSTRUCTION_SECTION_NAMES } from "./lexicon.js";
import { markParagraphInputs, markRuledBlocks } from "./material-blocks.js";
import { type Block, fill, MASK_CONTENT, MASK_INSTRUCTION, MASK_MARKUP, MASK_SLOT } from "./text-mask.js";

export {
  type Block,
  type BlockKind,
  fill,
  MASK_CONTENT,
  MASK_INSTRUCTION,
  MASK_MARKUP,
  MASK_SLOT,
} from "./text-mask.js";

export const TOKEN_WORD = 0;
export const TOKEN_NUMBER = 1;
export const TOKEN_PUNCT = 2;
export const TOKEN_VAR = 3;

export interface Token {
  start: number;
  end: number;
  lower: string;
  type: number;
  mask: number;
  /** Index of the sentence the token belongs to. */
  sentence: number;
  /** A line break separates this token from the previous one. */
  newline: boolean;
}

export interface Sentence {
  start: number;
  end: number;
  /** Token index range [t0, t1). */
  t0: number;
  t1: number;
  /** True when the sentence is the author's instruction text (not pasted material). */
  instruction: boolean;
  /** Index of the first instruction word token after list markers and a short "Label:" prefix, or -1. */
  head: number;
  /** Lower-cased label before a leading colon ("task" in "Task: write …"), when present. */
  label: string;
}

export interface Doc {
  text: string;
  mask: Uint8Array;
  tokens: Token[];
  sentences: Sentence[];
  blocks: Block[];
  /** `{{…}}` spans (balanced, single line). */
  vars: Array<{ start: number; end: number }>;
  /** Bracketed placeholders such as `[fill in: audience]` or `[CLIENT NAME]`. */
  slots: Array<{ start: number; end: number }>;
  /** Instruction-tag and heading spans (section markup). */
  markup: Array<{ start: number; end: number; name: string }>;
  /** Text with everything but instructions replaced by spaces: same length, same offsets. */
  instructionText: string;
  /** Lower-cased instructionText. */
  instructionLower: string;
  /** Lower-cased original text (all regions). */
  lower: string;
}

const CONTENT_LABELS =
  /^[ \t]*(?:[-*] )?((?:customer |user |original |source |input |pasted )?(?:text|input|article|email|e-mail|message|review|reviews|tweet|tweets|transcript|document|data|code|clause|contract|invoice|ticket|tickets|menu|results|intro|paragraph|passage|question|essay|paper|report|query|snippet|excerpt|log|logs|diff|notes|faq|content|description|examples?|sample|samples|input \d+|output \d+|story|draft|post|recipe|transactions|comments|feedback|chat|chat log|conversation|spec sheet|specs|letter|memo)(?:[ \t]+#?\d{1,3})?)[ \t]*:/gim;
const TRIPLE_QUOTE_RE = /"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)/g;
// tag names in any script ("<网页>" delimits as well as "<page>")
const TAG_RE = /<(\/?)(\p{L}[\p{L}\p{N}_-]{0,40})(?:\s[^<>\n]{0,200})?>/gu;
const VAR_RE = /\{\{[^{}\n]{0,200}\}\}/g;
const SLOT_RE =
  /\[(?:fill in|fill-in|insert|todo|add|your|placeholder|tbd)\b[^\]\n]{0,300}\]|\[[A-Z][A-Z0-9 _/-]{2,40}\]/gi;
const DQUOTE_RE = /"[^"\n]{1,300}"|“[^”\n]{1,300}”/g;
const SQUOTE_RE = /(^|[\s(:])('[^'\n]{1,120}')(?=[\s.,;:!?)]|$)|‘[^’\n]{1,120}’/g;
const BACKTICK_RE = /`[^`\n]{1,300}`/g;
const HEADING_RE = /^[ \t]*(?:#{1,6}[ \t]+([^\n]{1,60})|([A-Z][A-Za-z /]{1,30}):[ \t]*$)/gm;

function isFree(mask: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (mask[i] !== MASK_INSTRUCTION) return false;
  return true;
}

/** Tokenises a prompt and marks its regions. Linear in the length of the text. */
export function tokenize(text: string): Doc {
  const n = text.length;
  const mask = new Uint8Array(n);
  const blocks: Block[] = [];
  const vars: Doc["vars"] = [];
  const slots: Doc["slots"] = [];
  const markup: Doc["markup"] = [];

  const hasFence = text.includes("```") || text.includes("~~~");
  // (fences.ts: "Put diffs in a ```diff block." names a fence in a sentence and opens none)
  for (const f of hasFence ? findFences(text) : []) {
    fill(mask, f.start, f.end, MASK_CONTENT);
    blocks.push({ start: f.start, end: f.end, kind: "fence", name: "" });
  }
  for (const m of text.includes('"""') || text.includes("'''") ? matchesOf(text, TRIPLE_QUOTE_RE) : []) {
    const s = m.index;
    if (!isFree(mask, s, s + 3)) continue;
    fill(mask, s, s + m[0].length, MASK_CONTENT);
    blocks.push({ start: s, end: s + m[0].length, kind: "triple-quote", name: "" });
  }

  // Tags are paired with a stack per name (linear, unlike a backtracking regex over unclosed tags).
  const open = new Map<string, number[]>();
  for (const m of text.includes("<") ? matchesOf(text, TAG_RE) : []) {
    const s = m.index;
    if (mask[s] !== MASK_INSTRUCTION) continue;
    const name = (m[2] ?? "").toLowerCase();
    if (m[1] !== "/") {
      const list = open.get(name);
      if (list) list.push(s);
      else open.set(name, [s]);
      continue;
    }
    const startAt = open.get(name)?.pop();
    if (startAt === undefined) continue;
    const openEnd = text.indexOf(">", startAt) + 1;
    const end = s + m[0].length;
    if (INSTRUCTION_SECTION_NAMES.has(name)) {
      fill(mask, startAt, openEnd, MASK_MARKUP);
      fill(mask, s, end, MASK_MARKUP);
      markup.push({ start: startAt, end: openEnd, name }, { start: s, end, name });
    } else {
      fill(mask, startAt, end, MASK_CONTENT, true);
      blocks.push({ start: startAt, end, kind: "tag", name });
    }
  }

  for (const m of text.includes("{{") ? matchesOf(text, VAR_RE) : []) {
    vars.push({ start: m.index, end: m.index + m[0].length });
    if (mask[m.index] === MASK_INSTRUCTION) fill(mask, m.index, m.index + m[0].length, MASK_SLOT);
  }
  for (const m of text.includes("[") ? matchesOf(text, SLOT_RE) : []) {
    if (mask[m.index] !== MASK_INSTRUCTION) continue;
    slots.push({ start: m.index, end: m.index + m[0].length });
    fill(mask, m.index, m.index + m[0].length, MASK_SLOT);
  }
  for (const m of matchesOf(text, HEADING_RE)) {
    if (mask[m.index] !== MASK_INSTRUCTION) continue;
    const name = (m[1] ?? m[2] ?? "").trim().toLowerCase();
    if (
      m[2] !== undefined &&
      !/^(role|task|context|background|audience|constraints|requirements|rules|output format|format|examples?|input|success criteria|instructions|system instructions|notes|goal|tone|style)$/.test(
        name,
      )
    )
      continue;
    markup.push({ start: m.index, end: m.index + m[0].length, name });
    fill(mask, m.index, m.index + m[0].length, MASK_MARKUP);
  }

  markRuledBlocks(text, mask, blocks);
  // Labelled inputs ("Email:", "Tickets:") run to the end of their paragraph.
  for (const m of matchesOf(text, CONTENT_LABELS)) {
    const labelEnd = m.index + m[0].length;
    if (mask[m.index + m[0].length - 1] !== MASK_INSTRUCTION) continue;
    let end = text.indexOf("\n\n", labelEnd);
    if (end < 0) end = n;
    if (end <= labelEnd) continue;
    const name = (m[1] ?? "").toLowerCase();
    fill(mask, labelEnd, end, MASK_CONTENT, true);
    blocks.push({ start: labelEnd, end, kind: "labelled", name });
  }

  // Inline quotations and code.
  for (const re of [BACKTICK_RE, DQUOTE_RE]) {
    if (re === BACKTICK_RE ? !text.includes("`") : !text.includes('"') && !text.includes("“")) continue;
    for (const m of matchesOf(text, re)) {
      if (isFree(mask, m.index, m.index + m[0].length))
        fill(mask, m.index, m.index + m[0].length, MASK_CONTENT);
    }
  }
  for (const m of text.includes("'") || text.includes("‘") ? matchesOf(text, SQUOTE_RE) : []) {
    const q = m[2] ?? m[0];
    const s = m.index + m[0].length - q.length;
    if (isFree(mask, s, s + q.length)) fill(mask, s, s + q.length, MASK_CONTENT);
  }

  markCommandLists(text, mask);
  markParagraphInputs(text, mask, blocks);
  blocks.sort((a, b) => a.start - b.start || a.end - b.end);

  const parts: string[] = [];
  let runStart = 0;
  while (runStart < n) {
    const inInstruction = mask[runStart] === MASK_INSTRUCTION;
    let j = runStart + 1;
    while (j < n && (mask[j] === MASK_INSTRUCTION) === inInstruction) j++;
    // masked text becomes spaces (line breaks kept) so offsets stay the same; written line by line
    // without copying the run itself
    if (inInstruction) parts.push(text.slice(runStart, j));
    else {
      let from = runStart;
      for (let k = runStart; k < j; k++) {
        if (text.charCodeAt(k) !== 10) continue;
        if (k > from) parts.push(spaces(k - from));
        parts.push("\n");
        from = k + 1;
      }
      if (j > from) parts.push(spaces(j - from));
    }
    runStart = j;
  }
  const instructionText = parts.join("");
  const tokens = lex(text, mask);
  const sentences = splitSentences(text, tokens);
  return {
    text,
    mask,
    tokens,
    sentences,
    blocks,
    vars,
    slots,
    markup,
    instructionText,
    instructionLower: instructionText.toLowerCase(),
    lower: text.toLowerCase(),
  };
}

const SPACES = " ".repeat(256);

/** `count` spaces: a slice of one long run for the usual short gap, a repeat for a longer one. */
function spaces(count: number): string {
  return count <= SPACES.length ? SPACES.slice(0, count) : " ".repeat(count);
}

const ABBREVIATIONS = new Set("ms mr mrs dr st vs no approx fig jr sr inc ltd co e.g i.e".split(" "));

const LETTER_RE = /[\p{L}\p{M}]/u;
const DIGIT_RE = /\p{N}/u;

function isLetter(c: number, text: string, i: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return LETTER_RE.test(text.charAt(i));
}
function isDigit(c: number, text: string, i: number): boolean {
  if (c < 128) return c >= 48 && c <= 57;
  return DIGIT_RE.test(text.charAt(i));
}

/**
 * Hand-written scanner (a regex with capture groups costs several times more per token): words with
 * inner apostrophes and hyphens, numbers with separators and a unit suffix ("30%", "3pm", "2,000"),
 * {{variables}} on one line, "e.g."/"i.e."/"etc." as words, and every other character on its own.
 */
function lex(text: string, mask: Uint8Array): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  let newline = false;
  let upper = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13 || c === 160) {
      i++;
      continue;
    }
    if (c === 10) {
      newline = true;
      i++;
      continue;
    }
    const start = i;
    let type = TOKEN_PUNCT;
    if (c === 123 && text.charCodeAt(i + 1) === 123) {
      // {{variable}}: closed on the same line, no braces inside
      let j = i + 2;
      const limit = Math.min(n, i + 204);
      while (j < limit) {
        const d = text.charCodeAt(j);
        if (d === 123 || d === 10) break;
        if (d === 125) break;
        j++;
      }
      if (j < n && text.charCodeAt(j) === 125 && text.charCodeAt(j + 1) === 125) {
        type = TOKEN_VAR;
        i = j + 2;
      } else i++;
    } else if (isLetter(c, text, i)) {
      type = TOKEN_WORD;
      upper = (c >= 65 && c <= 90) || c > 127;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if ((d >= 97 && d <= 122) || (d >= 48 && d <= 57) || d === 39 || d === 95 || d === 45) i++;
        else if (d >= 65 && d <= 90) {
          upper = true;
          i++;
        } else if (d === 8217 || (d > 127 && (isLetter(d, text, i) || isDigit(d, text, i)))) {
          // non-ASCII letters and the typographic apostrophe: fold case and apostrophe below
          upper = true;
          i++;
        } else break;
      }
      // e.g. / i.e. / etc. stay one word
      const len = i - start;
      if (len === 1 && text.charCodeAt(i) === 46) {
        const a = text.charCodeAt(start) | 32;
        const b = text.charCodeAt(i + 1) | 32;
        if (text.charCodeAt(i + 2) === 46 && ((a === 101 && b === 103) || (a === 105 && b === 101))) i += 3;
      } else if (len === 3 && text.charCodeAt(i) === 46 && text.slice(start, i).toLowerCase() === "etc") i++;
    } else if (isDigit(c, text, i)) {
      type = TOKEN_NUMBER;
      i++;
      while (i < n && isDigit(text.charCodeAt(i), text, i)) i++;
      while (i + 1 < n) {
        const d = text.charCodeAt(i);
        if ((d === 46 || d === 44 || d === 58) && isDigit(text.charCodeAt(i + 1), text, i + 1)) {
          i += 2;
          while (i < n && isDigit(text.charCodeAt(i), text, i)) i++;
        } else break;
      }
      if (text.charCodeAt(i) === 37) i++;
      else
        while (i < n) {
          const d = text.charCodeAt(i) | 32;
          if (d >= 97 && d <= 122) i++;
          else break;
        }
    } else {
      // one character; keep surrogate pairs (emoji) whole
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    }
    let lower = i - start === 1 ? text.charAt(start) : text.slice(start, i);
    if (type === TOKEN_WORD && upper) {
      lower = lower.toLowerCase();
      if (lower.includes("’")) lower = lower.replace(/’/g, "'");
    }
    upper = false;
    tokens.push({ start, end: i, lower, type, mask: mask[start] ?? 0, sentence: 0, newline });
    newline = false;
  }
  return tokens;
}

/** Words that open an instruction, not a label, before a colon ("Proofread this: …"). */
const LABEL_BLOCKERS = new Set(
  "write draft create make proofread translate summarize summarise explain fix rewrite classify extract convert answer list give describe review edit check compare analyze analyse generate please".split(
    " ",
  ),
);

const LIST_MARKERS = new Set(["-", "*", "•", ")", ".", "#"]);

function splitSentences(text: string, tokens: Token[]): Sentence[] {
  const sentences: Sentence[] = [];
  let t0 = 0;
  const close = (t1: number) => {
    if (t1 <= t0) return;
    const first = tokens[t0]!;
    const last = tokens[t1 - 1]!;
    sentences.push({ start: first.start, end: last.end, t0, t1, instruction: false, head: -1, label: "" });
    t0 = t1;
  };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (i > t0 && tok.newline) close(i);
    if (
      tok.type === TOKEN_PUNCT &&
      tok.mask !== MASK_SLOT &&
      (tok.lower === "." || tok.lower === "!" || tok.lower === "?" || tok.lower === "…")
    ) {
      const prev = tokens[i - 1];
      const next = tokens[i + 1];
      if (tok.lower === "." && prev && ABBREVIATIONS.has(prev.lower) && next && !next.newline) {
        const nc = text[next.start] ?? "";
        if (nc === nc.toLowerCase() || prev.lower.length <= 2) continue;
      }
      // "plt.show()", "config.yaml", "example.com": a dot between two words with no space is a name's
      if (
        tok.lower === "." &&
        prev?.end === tok.start &&
        next?.start === tok.end &&
        next.type === TOKEN_WORD &&
        /[a-z_]/.test(text[next.start] ?? "")
      )
        continue;
      // group "?!" and "..." with the sentence they end
      let j = i;
      while (
        tokens[j + 1]?.type === TOKEN_PUNCT &&
        /^[.!?…"”')\]]$/.test(tokens[j + 1]!.lower) &&
        !tokens[j + 1]!.newline
      )
        j++;
      i = j;
      close(j + 1);
    } else if (tok.lower === "etc." && tokens[i + 1] && /\p{Lu}/u.test(text[tokens[i + 1]!.start] ?? "")) {
      close(i + 1);
    }
  }
  close(tokens.length);

  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si]!;
    for (let i = s.t0; i < s.t1; i++) tokens[i]!.sentence = si;
    // skip list markers ("-", "1.", "2)") and a short "Label:" prefix
    let h = s.t0;
    while (
      h < s.t1 &&
      (LIST_MARKERS.has(tokens[h]!.lower) ||
        (tokens[h]!.type === TOKEN_NUMBER && LIST_MARKERS.has(tokens[h + 1]?.lower ?? "")))
    )
      h += tokens[h]!.type === TOKEN_NUMBER ? 2 : 1;
    for (let k = h; k < Math.min(s.t1, h + 4); k++) {
      if (tokens[k]!.lower === ":" && k > h && k + 1 < s.t1 && !LABEL_BLOCKERS.has(tokens[h]!.lower)) {
        s.label = text.slice(tokens[h]!.start, tokens[k - 1]!.end).toLowerCase();
        h = k + 1;
        break;
      }
    }
    // An opening section tag on the same line ("<task>Write …") is markup, not the clause's first word.
    while (h < s.t1 && (tokens[h]!.type === TOKEN_PUNCT || tokens[h]!.mask === MASK_MARKUP)) h++;
    const headTok = tokens[h];
    s.head = headTok && headTok.mask === MASK_INSTRUCTION && headTok.type === TOKEN_WORD ? h : -1;
    let instrWords = 0;
    let words = 0;
    for (let i = s.t0; i < s.t1; i++) {
      const t = tokens[i]!;
      if (t.type === TOKEN_WORD || t.type === TOKEN_NUMBER) {
        words++;
        if (t.mask === MASK_INSTRUCTION) instrWords++;
      }
    }
    s.instruction = instrWords > 0 && (s.head >= 0 || instrWords * 2 >= words);
  }
  return sentences;
}

/**
 * Index of the token that contains `offset`, by binary search over token starts; -1 when none does.
 * With `nearest`, the closest token instead (the first one after a gap, clamped to the last).
 */
export function tokenAt(doc: Doc, offset: number, nearest = false): number {
  const { tokens } = doc;
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid]!;
    if (t.end <= offset) lo = mid + 1;
    else if (t.start > offset) hi = mid - 1;
    else return mid;
  }
  return nearest ? Math.max(0, Math.min(tokens.length - 1, lo)) : -1;
}

/** Sorted positions of one character in a document's text, found once per document and character. */
const POSITIONS = new WeakMap<Doc, Map<string, Int32Array>>();

function positionsOf(doc: Doc, ch: string): Int32Array {
  let byChar = POSITIONS.get(doc);
  if (!byChar) {
    byChar = new Map();
    POSITIONS.set(doc, byChar);
  }
  const known = byChar.get(ch);
  if (known) return known;
  const at: number[] = [];
  for (let i = doc.text.indexOf(ch); i !== -1; i = doc.text.indexOf(ch, i + 1)) at.push(i);
  const found = Int32Array.from(at);
  byChar.set(ch, found);
  return found;
}

/** How many of the sorted positions lie below `at`. */
export function countBelow(positions: Int32Array, at: number): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (positions[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `doc.text.lastIndexOf(ch, from)` by binary search: a loop over the demands of a long line would otherwise
 * scan back over the whole line for each one.
 */
export function lastIndexIn(doc: Doc, ch: string, from: number): number {
  const positions = positionsOf(doc, ch);
  const below = countBelow(positions, Math.max(0, from) + 1);
  return below === 0 ? -1 : positions[below - 1]!;
}

/** `doc.text.slice(start, end).includes(ch)` (for 0 ≤ start) by binary search. */
export function includesIn(doc: Doc, ch: string, start: number, end: number): boolean {
  const positions = positionsOf(doc, ch);
  const below = countBelow(positions, start);
  return below < positions.length && positions[below]! < end;
}

const SPACE_RE = /\s/;

/** /\s/ on one UTF-16 unit. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return SPACE_RE.test(String.fromCharCode(c));
}

/** /\w/ on one unit. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** A one-class pattern without u/v matches per UTF-16 unit: answers kept per unit (0 unasked, 1 yes, 2 no). */
const CLASS_ANSWERS = new WeakMap<RegExp, Uint8Array>();
const SINGLE_CLASS_RE = /^\[(?:[^\]\\]|\\.)*\]$/;

function classAnswers(re: RegExp): Uint8Array | null {
  let answers = CLASS_ANSWERS.get(re);
  if (answers) return answers;
  if (!SINGLE_CLASS_RE.test(re.source) || re.unicode || re.flags.includes("v")) return null;
  answers = new Uint8Array(65536);
  CLASS_ANSWERS.set(re, answers);
  return answers;
}

/** Where `breaks.exec` from `from` would match, or -1. */
function nextBreak(breaks: RegExp, answers: Uint8Array | null, text: string, from: number): number {
  if (!answers) {
    breaks.lastIndex = from;
    return breaks.exec(text)?.index ?? -1;
  }
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let a = answers[c]!;
    if (a === 0) {
      // a fresh pattern: the caller's lastIndex stays as it is
      a = new RegExp(breaks.source, breaks.flags.replace(/[gy]/g, "")).test(text.charAt(i)) ? 1 : 2;
      answers[c] = a;
    }
    if (a === 1) return i;
  }
  return -1;
}

/**
 * Every match of `re` over `text`, as `text.matchAll` with the global flag would find them, for a pattern
 * that starts either at the text's start or on one of the `breaks` characters followed by whitespace and
 * then a letter ("(?:^|[\n.;:]\s*)(?:use|write)\b"). Instruction text keeps pasted material as spaces
 * and line breaks, and a regex scan tries such a pattern again at every line break inside that blank
 * stretch, rereading the whole stretch each time (quadratic in its length). Here a break that failed
 * rules out the breaks in the whitespace after it (they reach the same letter), so each stretch is read
 * once. `re` must be sticky (flag y); `breaks` a global character class of every character a match can
 * start on: punctuation and line breaks followed by optional whitespace, and the first letters of any
 * word the pattern may start with ("and", "then"), after which nothing is skipped. (Breaks and
 * whitespace are read per character, not by a pattern call per position: the same positions are tried.)
 */
export function matchesAfterBreaks(re: RegExp, breaks: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  const answers = classAnswers(breaks);
  let at = 0;
  let atBreak = text.length > 0 && nextBreak(breaks, answers, text, 0) === 0;
  for (;;) {
    re.lastIndex = at;
    const m = re.exec(text);
    let next = at + 1;
    if (m) {
      out.push(m);
      next = at + Math.max(1, m[0].length);
    } else if (atBreak && !isWordChar(text.charCodeAt(at))) {
      let end = at + 1;
      while (end < text.length && isSpace(text.charCodeAt(end))) end++;
      next = Math.max(next, end);
    }
    at = nextBreak(breaks, answers, text, next);
    if (at < 0) {
      // as a failed exec leaves it
      breaks.lastIndex = 0;
      return out;
    }
    atBreak = true;
  }
}

/** The first of `matchesAfterBreaks(re, breaks, text)` as a span, or null. */
export function firstAfterBreaks(
  re: RegExp,
  breaks: RegExp,
  text: string,
): { start: number; end: number } | null {
  const m = matchesAfterBreaks(re, breaks, text)[0];
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

/**
 * The matches of a global pattern, exactly as `matchesOf(text, re)` yields them, without the copy of the
 * pattern `matchAll` makes on every call: that copy costs more than the search on a short clause (about
 * 10 µs for the engine's long patterns against 1 µs for the search), and the rules make hundreds of such
 * calls per prompt. Starts at `re.lastIndex` and never moves it for anyone else, like `matchAll`, so a
 * pattern also used elsewhere (even inside the loop) is undisturbed.
 */
export function* matchesOf(text: string, re: RegExp): Generator<RegExpExecArray, void, undefined> {
  if (!re.global) throw new TypeError("matchesOf needs a global pattern");
  let at = re.lastIndex;
  for (;;) {
    const outside = re.lastIndex;
    re.lastIndex = at;
    const m = re.exec(text);
    at = re.lastIndex;
    re.lastIndex = outside;
    if (m === null) return;
    // an empty match moves on by one character (one code point in a unicode pattern), as matchAll does
    if (m[0] === "") at += unicodeStep(re, text, at);
    yield m;
  }
}

function unicodeStep(re: RegExp, text: string, at: number): number {
  const unicode = re.unicode || re.flags.includes("v");
  const pair =
    at + 1 < text.length &&
    (text.charCodeAt(at) & 0xfc00) === 0xd800 &&
    (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00;
  return unicode && pair ? 2 : 1;
}

/** The author's instruction sentences with their index and lower-cased text, in order. */
export function* instructionSentences(
  doc: Doc,
): Generator<{ si: number; s: Sentence; lower: string }, void, undefined> {
  for (let si = 0; si < doc.sentences.length; si++) {
    const s = doc.sentences[si]!;
    if (s.instruction) yield { si, s, lower: doc.instructionLower.slice(s.start, s.end) };
  }
}

/**
 * `text.split(/\n\s*\n/).filter((p) => p.trim() !== "").length` without the array and the trimmed copies:
 * such a separator lies wholly inside a run of whitespace and there is one exactly when the run holds
 * two line breaks, so the count is the groups of non-space characters that such runs divide.
 */
export function countParagraphs(text: string): number {
  let count = 0;
  let breaks = 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) breaks++;
    else if (c === 32 || (c >= 9 && c <= 13) || (c >= 128 && SPACE_RE.test(text.charAt(i)))) continue;
    else {
      if (breaks >= 2) count++;
      breaks = 0;
    }
  }
  return count;
}
