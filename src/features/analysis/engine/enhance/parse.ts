// Parsing for the enhancer: the author's sentences grouped by section (headings, material blocks,
// placeholders, classified instructions), with filler, repeats, injected instructions and the sides of
// contradictions taken out and reported.

import { HEDGES, META_VERBS, SOFT_FLUFF, STRONG_FLUFF, TASK_VERBS } from "../lexicon.js";
import type { Signals } from "../signals.js";
import {
  type Doc,
  MASK_INSTRUCTION,
  MASK_MARKUP,
  MASK_SLOT,
  type Sentence,
  TOKEN_NUMBER,
  TOKEN_VAR,
  TOKEN_WORD,
  tokenAt,
} from "../text.js";
import type { Finding, Span } from "../types.js";
import { cleanSentence, contentWordsOutside, phraseRe, splitRunOn } from "./clean.js";
import { choicePlaceholder, type Section } from "./render.js";

export interface Unit {
  section: Section;
  text: string;
  /** Verbatim material block (kept exactly, including its label and delimiters). */
  block: boolean;
  /** The block is already delimited (fence, triple quotes, tags) and needs no wrapper. */
  delimited: boolean;
  order: number;
}

const SECTION_BY_NAME: Record<string, Section> = {
  role: "role",
  persona: "role",
  task: "task",
  tasks: "task",
  instructions: "task",
  instruction: "task",
  goal: "task",
  context: "context",
  background: "context",
  audience: "context",
  input: "input",
  document: "input",
  documents: "input",
  constraints: "constraints",
  requirements: "constraints",
  rules: "constraints",
  guidelines: "constraints",
  "output format": "format",
  output_format: "format",
  format: "format",
  examples: "examples",
  example: "examples",
  "success criteria": "success",
  success_criteria: "success",
};

const ROLE_START =
  /^(?:you are (?:[\w-]+(?: [\w-]+)?, )?(?:a|an|the|my|our)\b|you're (?:a|an)\b|act as\b|acting as\b|your role is\b|as an? (?:experienced|senior|expert|professional)\b|imagine you are\b|pretend to be\b|(?:assume|take on|play|adopt) the (?:role|persona|part) of\b)/i;
const FORMAT_START =
  /^(?:return|output|present|format|structure|respond (?:in|with|only)|answer (?:in|with|only)|reply (?:in|with|only)|use (?:headings|bullet|a table|markdown|json|the format|sections|numbered)|the (?:output|answer|response) (?:should|must) be (?:in|a|formatted|json|a table)|give (?:each|the answer|your answer) (?:as|in)|(?:put|list) (?:each|the final))/i;
const CONSTRAINT_START =
  /^(?:keep|avoid|don't|do not|never|always|only|make sure|ensure|limit|include|exclude|mention|cite|end with|start with|begin with|use|be|stay|preserve|maintain|no\b|must|should|treat|stick|focus|write in|tone\b|length\b|max)/i;

/** Imperatives that state requirements on the result rather than the task ("Raise ValueError on …"). */
const REQUIREMENT_START =
  /^(?:raise|throw|handle|support|accept|log|emit|print|validate|sort|round|cite|quote|sign|address|mention|highlight|thank|apologi[sz]e|offer|confirm|link|tell the user|say|state|note|add|assume|prefer|skip|omit|ignore|leave|wrap|separate|number|label|bold|capitali[sz]e)\b/i;

/** The author's sentences grouped by section, with filler, repeats and contradictions resolved. */
export interface Parsed {
  units: Unit[];
  changes: string[];
  removedFiller: string[];
  choices: string[];
  hasSections: boolean;
}

export function parse(doc: Doc, sig: Signals, findings: Finding[]): Parsed {
  const { text, sentences, tokens } = doc;
  const changes: string[] = [];
  const removedFiller: string[] = [];
  const units: Unit[] = [];
  let order = 0;

  // 1. material blocks, extended back over a "Label:" line that introduces them
  const ranges: Array<{ start: number; end: number; name: string; delimited: boolean }> = [];
  for (const b of doc.blocks) {
    let start = b.start;
    const lineStart = text.lastIndexOf("\n", start - 1) + 1;
    const before = text.slice(lineStart, start);
    if (
      /^[ \t]*(?:[-*] )?[\p{L}][\p{L} _-]{0,40}:[ \t]*$/u.test(before) ||
      (b.kind === "labelled" && before.trim() === "")
    )
      start = lineStart;
    else if (before.trim() === "") {
      // a "Label:" alone on the previous line
      const prevEnd = lineStart - 1;
      if (prevEnd > 0) {
        const prevStart = text.lastIndexOf("\n", prevEnd - 1) + 1;
        const prev = text.slice(prevStart, prevEnd);
        if (
          /^[ \t]*[\p{L}][\p{L} _-]{0,40}:[ \t]*$/u.test(prev) &&
          doc.mask[prevStart + prev.search(/\S/)] === MASK_INSTRUCTION &&
          !isHeadingLine(prev)
        )
          start = prevStart;
      }
    }
    if (b.kind === "labelled") {
      const lineOfLabel = text.lastIndexOf("\n", b.start - 1) + 1;
      start = Math.min(start, lineOfLabel);
    }
    // a block that sits inside an instruction sentence (inline quote) stays with its sentence
    if (b.kind === "tag" || b.kind === "fence" || b.kind === "triple-quote") {
      const ls = text.lastIndexOf("\n", b.start - 1) + 1;
      const pre = text.slice(ls, b.start);
      if (pre.trim() !== "" && !/^[ \t]*[\p{L}][\p{L} _-]{0,40}:[ \t]*$/u.test(pre)) continue;
    }
    ranges.push({ start, end: b.end, name: b.name, delimited: b.kind !== "introduced" && b.kind !== "data" });
  }
  ranges.sort((a, b) => a.start - b.start);
  const merged: typeof ranges = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start < last.end) {
      last.end = Math.max(last.end, r.end);
      last.delimited ||= r.delimited;
      last.name ||= r.name;
    } else merged.push({ ...r });
  }

  // 2. spans to delete: filler phrases, repeated sentences, the sides of contradictions
  const lower = doc.instructionLower;
  const fillerSpans: Span[] = [];
  for (const phrases of [STRONG_FLUFF, SOFT_FLUFF, HEDGES]) {
    const re = phraseRe(phrases);
    for (const m of lower.matchAll(re)) fillerSpans.push({ start: m.index, end: m.index + m[0].length });
  }
  const fillerFound = findings.some((f) => f.kind === "excessive_length_or_filler" && f.rule === "PF401");
  const dropSentences = new Set<number>();
  for (const f of findings) {
    if (f.kind !== "duplicated_instruction" || f.spans.length < 2) continue;
    const later = f.spans[f.spans.length - 1]!;
    const si = tokens[tokenAt(doc, later.start, true)]?.sentence;
    const first = tokens[tokenAt(doc, f.spans[0]!.start, true)]?.sentence;
    // only a sentence that says nothing the first did not: a restatement in other words ("Stay in
    // character" / "Never break character") is the author's rule and stays
    if (si === undefined || first === undefined || si === first) continue;
    if (!saysNothingNew(doc, sentences[first]!, sentences[si]!)) continue;
    if (!dropSentences.has(si)) {
      dropSentences.add(si);
      changes.push(`Removed a repeated instruction: "${text.slice(later.start, later.end)}"`);
    }
  }
  const cueSpans: Span[] = [];
  const choices: string[] = [];
  const side = (c: Span): string => {
    const si = tokens[tokenAt(doc, c.start, true)]!.sentence;
    const s = sentences[si]!;
    const isTask = sig.tasks.some((t) => t.sentence === si && t.strength > 0);
    // a sentence that exists only to state this requirement is quoted whole, so nothing in it is lost
    if (!isTask && contentWordsOutside(doc, s, c) <= 2)
      return text
        .slice(s.start, s.end)
        .replace(/^(?:[-*•]\s+)/, "")
        .replace(/[.!?]+$/, "");
    return text.slice(c.start, c.end);
  };
  for (const f of findings) {
    if (f.kind !== "contradiction" || f.spans.length < 2) continue;
    const [a, b] = f.spans as [Span, Span];
    choices.push(choicePlaceholder(side(a), side(b)));
    cueSpans.push(a, b);
    changes.push(
      `Turned contradictory requirements ("${text.slice(a.start, a.end)}" vs "${text.slice(b.start, b.end)}") into a choice for you to make`,
    );
  }

  // injected instructions inside pasted material are cut out (and reported), never passed on
  const injected = findings.filter((f) => f.kind === "unsafe_injection_pattern").flatMap((f) => f.spans);
  const injectedSentences = new Set<number>();
  for (const sp of injected) {
    const si = tokens[tokenAt(doc, sp.start, true)]?.sentence;
    if (si === undefined) continue;
    injectedSentences.add(si);
  }
  const cutFromBlock = (start: number, end: number): string => {
    let out = "";
    let pos = start;
    for (const si of [...injectedSentences].sort((a, b) => a - b)) {
      const s = sentences[si]!;
      if (s.start < pos || s.end > end) continue;
      const { from, to } = sentenceCut(text, s);
      if (to <= from) continue;
      out += text.slice(pos, from);
      changes.push(`Removed an injected instruction from the pasted material: "${text.slice(from, to)}"`);
      pos = to;
    }
    return (out + text.slice(pos, end)).replace(/[ \t]{2,}/g, " ");
  };

  // 3. walk the sentences in order
  let current: Section | null = null;
  let r = 0;
  let hasSections = false;
  const seenKeys = new Set<string>();
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si]!;
    while (r < merged.length && merged[r]!.end <= s.start) r++;
    const range = merged[r];
    if (range && s.start >= range.start && s.start < range.end) {
      // emit the block once, when its first sentence is reached
      if (!units.some((u) => u.block && u.order === -range.start - 1)) {
        const raw = cutFromBlock(range.start, range.end).replace(/^\n+|\s+$/g, "");
        const section: Section =
          /^(examples?|samples?)$/.test(range.name) || (current === "examples" && range.name !== "input")
            ? "examples"
            : "input";
        units.push({
          section,
          text: unwrapSectionTag(raw),
          block: true,
          delimited: range.delimited || /^<(input|examples|document)>/.test(raw),
          order: -range.start - 1,
        });
      }
      continue;
    }
    const heading = headingSection(doc, s);
    if (heading !== undefined) {
      hasSections = true;
      current = heading;
      continue;
    }
    if (markupOnly(doc, s)) continue;
    if (dropSentences.has(si)) continue;
    if (injectedSentences.has(si)) {
      changes.push(`Removed jailbreak phrasing: "${text.slice(s.start, s.end)}"`);
      continue;
    }
    if (!s.instruction) {
      // variables or slots on their own line: material or a placeholder kept where it stood
      const raw = text.slice(s.start, s.end);
      if (slotOnly(doc, s)) {
        const line = raw.replace(/^(?:[-*•][ \t]+)+/, "");
        units.push({
          section: slotSection(line) ?? current ?? "context",
          text: line,
          block: false,
          delimited: true,
          order: order++,
        });
      } else
        units.push({
          section: current === "examples" ? "examples" : "input",
          text: raw,
          block: true,
          delimited: false,
          order: order++,
        });
      continue;
    }
    const cleaned = cleanSentence(doc, s, fillerFound ? fillerSpans : [], cueSpans, sig, si);
    if (cleaned.removed.length) removedFiller.push(...cleaned.removed);
    if (cleaned.text === "") continue;
    // a run-on instruction becomes one sentence per instruction, except in a section the author
    // already named other than the task, and in list items (a rule line stays one line)
    const listItem = /^[ \t]*(?:[-*•]|\d+[.)])\s/.test(
      text.slice(text.lastIndexOf("\n", s.start - 1) + 1, s.end),
    );
    const pieces =
      listItem || (current !== null && current !== "task" && current !== "context")
        ? [cleaned.text]
        : splitRunOn(cleaned.text);
    if (pieces.length > 1) changes.push(`Split a run-on instruction into ${pieces.length} sentences`);
    pieces.forEach((piece, k) => {
      // filler removal can reveal repeats ("Please summarize Hamlet." / "Summarize Hamlet please.")
      // the same words in another order, or a short sentence repeated word for word ("Be concise.")
      const key =
        dedupeKey(piece) ||
        `=${piece
          .toLowerCase()
          .replace(/[^\p{L}\p{N}]+/gu, " ")
          .trim()}`;
      if (key !== "=" && seenKeys.has(key)) {
        changes.push(`Removed a repeated instruction: "${piece}"`);
        return;
      }
      seenKeys.add(key);
      const section =
        current && current !== "input"
          ? classifyUnder(current, piece)
          : k === 0
            ? classify(doc, sig, s, si, piece)
            : classifyPiece(piece);
      units.push({ section, text: piece, block: false, delimited: false, order: order++ });
    });
  }
  if (removedFiller.length) {
    const uniq = [...new Set(removedFiller.map((x) => x.toLowerCase()))];
    changes.push(
      `Removed filler: ${uniq
        .slice(0, 5)
        .map((x) => `"${x}"`)
        .join(", ")}${uniq.length > 5 ? ", …" : ""}`,
    );
  }
  return { units, changes, removedFiller, choices, hasSections };
}

/** The part of a sentence to cut, keeping a block's own delimiters (triple quotes, tags) around it. */
function sentenceCut(text: string, s: Sentence): { from: number; to: number } {
  const raw = text.slice(s.start, s.end);
  const from = s.start + (/^(?:\s|"""|'''|<[^<>\n]+>|["'“‘])*/.exec(raw)?.[0].length ?? 0);
  const tail = /[.!?]?["'”`]*(?:<\/[\w-]+>)?\s*$/.exec(raw);
  const to = s.end - (tail ? tail[0].length - (/^[.!?]/.test(tail[0]) ? 1 : 0) : 0);
  return { from, to };
}

/** The sentences carrying an injection finding, as cuts (in pasted material or the author's own text). */
export function injectionCuts(doc: Doc, findings: Finding[]): Array<Span & { material: boolean }> {
  const seen = new Set<number>();
  const cuts: Array<Span & { material: boolean }> = [];
  for (const f of findings) {
    if (f.kind !== "unsafe_injection_pattern" || f.severity === "hint") continue;
    for (const sp of f.spans) {
      const si = doc.tokens[tokenAt(doc, sp.start, true)]?.sentence;
      if (si === undefined || seen.has(si)) continue;
      seen.add(si);
      const { from, to } = sentenceCut(doc.text, doc.sentences[si]!);
      if (to > from) cuts.push({ start: from, end: to, material: doc.mask[sp.start] !== MASK_INSTRUCTION });
    }
  }
  return cuts.sort((a, b) => a.start - b.start);
}

function sentenceWords(doc: Doc, s: Sentence): Set<string> {
  return new Set(keyWords(doc.text.slice(s.start, s.end)));
}

/** Every content word of the later sentence is in the earlier one. */
function saysNothingNew(doc: Doc, earlier: Sentence, later: Sentence): boolean {
  const a = sentenceWords(doc, earlier);
  const b = sentenceWords(doc, later);
  if (b.size === 0) return false;
  for (const w of b) if (!a.has(w)) return false;
  return true;
}

const DEDUPE_STOP = new Set(
  "be keep make sure please always your the a an it that this to and of is are should must".split(" "),
);

function keyWords(sentence: string): string[] {
  const words = sentence.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  return [
    ...new Set(
      words
        .filter((w) => !DEDUPE_STOP.has(w))
        .map((w) => (w.length > 3 && w.endsWith("s") ? w.slice(0, -1) : w)),
    ),
  ].sort();
}

function dedupeKey(sentence: string): string {
  const kept = keyWords(sentence);
  return kept.length >= 2 ? kept.join(" ") : "";
}

/** Which section a placeholder line asks about, judged by its words. */
function slotSection(raw: string): Section | null {
  const l = raw.toLowerCase();
  if (l.includes("choose between") || /\bconstraints?\b/.test(l)) return "constraints";
  if (/\b(role|expertise|persona)\b/.test(l)) return "role";
  if (/\baudience\b/.test(l)) return "context";
  if (/\boutput format\b|\bformat\b/.test(l)) return "format";
  if (/\bexamples?\b/.test(l)) return "examples";
  if (/\bsuccess\b|\bcriteria\b/.test(l)) return "success";
  if (/\brefer|\bmaterial\b|\binput\b/.test(l)) return "input";
  return null;
}

function unwrapSectionTag(raw: string): string {
  const m = /^<(input|examples)>\n?([\s\S]*?)\n?<\/\1>$/.exec(raw);
  return m ? (m[2] ?? "") : raw;
}

function isHeadingLine(line: string): boolean {
  return /^(?:role|task|context|background|audience|constraints|requirements|rules|output format|format|examples?|input|success criteria|instructions|system instructions)\s*:\s*$/i.test(
    line.trim(),
  );
}

function headingSection(doc: Doc, s: Sentence): Section | null | undefined {
  // a sentence made only of section markup (## Task, <task>, "Constraints:")
  if (!markupOnly(doc, s)) return undefined;
  const raw = doc.text.slice(s.start, s.end).trim().toLowerCase();
  const name = raw
    .replace(/^#+\s*/, "")
    .replace(/^<\/?|>$/g, "")
    .replace(/:$/, "")
    .trim();
  if (raw.startsWith("</")) return undefined;
  if (name === "system instructions") return null;
  return SECTION_BY_NAME[name];
}

function markupOnly(doc: Doc, s: Sentence): boolean {
  for (let i = s.t0; i < s.t1; i++) {
    const t = doc.tokens[i]!;
    if (t.mask !== MASK_MARKUP) return false;
  }
  return true;
}

function slotOnly(doc: Doc, s: Sentence): boolean {
  let slot = false;
  for (let i = s.t0; i < s.t1; i++) {
    const t = doc.tokens[i]!;
    if (t.mask === MASK_SLOT && t.type !== TOKEN_VAR) slot = true;
    else if (
      t.mask === MASK_INSTRUCTION &&
      (t.type === TOKEN_WORD || t.type === TOKEN_NUMBER) &&
      !/^(audience)$/.test(t.lower)
    )
      return false;
    else if (t.type === TOKEN_VAR) return false;
  }
  return slot;
}

function classify(doc: Doc, sig: Signals, s: Sentence, si: number, cleaned: string): Section {
  const lowerText = cleaned.toLowerCase();
  if (ROLE_START.test(lowerText)) return "role";
  if (/^(?:for example|for instance|e\.g\.|example)/i.test(lowerText)) return "examples";
  const isTask = sig.tasks.some((t) => t.sentence === si && t.strength > 0);
  if (isTask) return "task";
  if (FORMAT_START.test(lowerText)) return "format";
  if (
    CONSTRAINT_START.test(lowerText) ||
    REQUIREMENT_START.test(lowerText) ||
    /\b(?:should|must|never|needs? to)\b/.test(lowerText)
  )
    return "constraints";
  const head = s.head >= 0 ? doc.tokens[s.head]!.lower : "";
  if (TASK_VERBS.has(head)) return "task";
  if (META_VERBS.has(head)) return "constraints";
  if (lowerText.endsWith("?")) return "task";
  return "context";
}

/** A sentence split out of a run-on: a requirement on the result, or one more instruction. */
function classifyPiece(text: string): Section {
  if (FORMAT_START.test(text)) return "format";
  if (
    CONSTRAINT_START.test(text) ||
    REQUIREMENT_START.test(text) ||
    /^make (?:it|them|sure|the (?:answer|output|response|text))\b/i.test(text)
  )
    return "constraints";
  const first = /^[\p{L}]+/u.exec(text)?.[0].toLowerCase() ?? "";
  return TASK_VERBS.has(first) ? "task" : "context";
}

function classifyUnder(current: Section, text: string): Section {
  if (current === "role" && !ROLE_START.test(text))
    return CONSTRAINT_START.test(text) ? "constraints" : "role";
  return current;
}
