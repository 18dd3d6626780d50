// The offline enhancer: restructures a prompt into labelled sections (role, task, context, input,
// constraints, output format, examples, success criteria) in the target model's preferred form. It keeps
// every sentence of the author's intent and every {{variable}}, deletes filler and repeats, turns a
// contradiction into an explicit choice, and inserts [fill in: …] placeholders for what only the author
// knows. It never writes new facts: every output sentence is an input sentence (possibly with words
// deleted) or one of the fixed SCAFFOLD strings below.

import { analyzeInternal } from "./analyze.js";
import { cleanSentence, contentWordsOutside, phraseRe } from "./enhance-clean.js";

import { HEDGES, META_VERBS, SOFT_FLUFF, STRONG_FLUFF, TASK_VERBS } from "./lexicon.js";
import type { Signals } from "./signals.js";
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
} from "./text.js";
import type { EnhanceOptions, EnhanceVariant, Finding, Span, Strategy, TargetLlm } from "./types.js";
import { STRATEGIES } from "./types.js";

type Section = "role" | "task" | "context" | "input" | "constraints" | "format" | "examples" | "success";
const ORDER: Section[] = ["role", "task", "context", "input", "constraints", "format", "examples", "success"];

const HEADINGS: Record<Section, string> = {
  role: "Role",
  task: "Task",
  context: "Context",
  input: "Input",
  constraints: "Constraints",
  format: "Output format",
  examples: "Examples",
  success: "Success criteria",
};
const TAGS: Record<Section, string> = {
  role: "role",
  task: "task",
  context: "context",
  input: "input",
  constraints: "constraints",
  format: "output_format",
  examples: "examples",
  success: "success_criteria",
};

/** Placeholders the enhancer inserts. Fixed strings: the enhancer never composes new prose. */
export const PLACEHOLDERS = {
  role: "[fill in: the role or expertise the model should adopt]",
  audience: "Audience: [fill in: the audience — who will read the output and what they already know]",
  input: "[fill in: the text or item the instructions refer to]",
  constraints: "[fill in: constraints — limits on length, tone, scope, what to include or avoid]",
  format:
    "[fill in: the output format — length, structure (paragraphs, bullets, table, JSON) and any required fields]",
  examples: "[fill in: one or two examples of an input and the output you expect]",
  success: "[fill in: success criteria — what a good answer must contain or achieve]",
} as const;

const SYSTEM_INSTRUCTIONS = "System instructions:";
const QUOTE_FENCE = '"""';

/** Every fixed line the enhancer may emit (headings, tags, placeholders, delimiters). */
export const SCAFFOLD: readonly string[] = [
  ...ORDER.map((s) => `## ${HEADINGS[s]}`),
  ...ORDER.flatMap((s) => [`<${TAGS[s]}>`, `</${TAGS[s]}>`]),
  SYSTEM_INSTRUCTIONS,
  QUOTE_FENCE,
  ...Object.values(PLACEHOLDERS),
];

/** Parametrised scaffold: a choice between two requirements quoted verbatim from the input. */
export const SCAFFOLD_PATTERNS: readonly RegExp[] = [
  /^\[fill in: choose between "([^"\n]*)" and "([^"\n]*)"\]$/,
  /^\[fill in: what "([^"\n]*)" should mean here, as a measurable criterion\]$/,
];

function criterionPlaceholder(word: string): string {
  return `[fill in: what "${word.replace(/"/g, "'")}" should mean here, as a measurable criterion]`;
}

function choicePlaceholder(a: string, b: string): string {
  return `[fill in: choose between "${a.replace(/"/g, "'")}" and "${b.replace(/"/g, "'")}"]`;
}

interface Unit {
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
  /^(?:you are (?:a|an|the|my|our)\b|you're (?:a|an)\b|act as\b|acting as\b|your role is\b|as an? (?:experienced|senior|expert|professional)\b|imagine you are\b|pretend to be\b)/i;
const FORMAT_START =
  /^(?:return|output|present|format|structure|respond (?:in|with|only)|answer (?:in|with|only)|reply (?:in|with|only)|use (?:headings|bullet|a table|markdown|json|the format|sections|numbered)|the (?:output|answer|response) (?:should|must) be (?:in|a|formatted|json|a table)|give (?:each|the answer|your answer) (?:as|in)|(?:put|list) (?:each|the final))/i;
const CONSTRAINT_START =
  /^(?:keep|avoid|don't|do not|never|always|only|make sure|ensure|limit|include|exclude|mention|cite|end with|start with|begin with|use|be|stay|preserve|maintain|no\b|must|should|treat|stick|focus|write in|tone\b|length\b|max)/i;

/** Imperatives that state requirements on the result rather than the task ("Raise ValueError on …"). */
const REQUIREMENT_START =
  /^(?:raise|throw|handle|support|accept|log|emit|print|validate|sort|round|cite|quote|sign|address|mention|highlight|thank|apologi[sz]e|offer|confirm|link|tell the user|say|state|note|add|assume|prefer|skip|omit|ignore|leave|wrap|separate|number|label|bold|capitali[sz]e)\b/i;

/** The author's sentences grouped by section, with filler, repeats and contradictions resolved. */
interface Parsed {
  units: Unit[];
  changes: string[];
  removedFiller: string[];
  choices: string[];
  hasSections: boolean;
}

function parse(doc: Doc, sig: Signals, findings: Finding[]): Parsed {
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
    if (f.kind !== "duplicated_instruction") continue;
    const later = f.spans[f.spans.length - 1]!;
    const si = tokens[tokenAt(doc, later.start, true)]?.sentence;
    if (si !== undefined && !dropSentences.has(si)) {
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
      // keep the block's own delimiters (triple quotes, tags) around the cut
      const raw = text.slice(s.start, s.end);
      const from = s.start + (/^(?:\s|"""|'''|<[^<>\n]+>|["'“‘])*/.exec(raw)?.[0].length ?? 0);
      const tail = /[.!?]?["'”`]*(?:<\/[\w-]+>)?\s*$/.exec(raw);
      const to = s.end - (tail ? tail[0].length - (/^[.!?]/.test(tail[0]) ? 1 : 0) : 0);
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
    // filler removal can reveal repeats ("Please summarize Hamlet." / "Summarize Hamlet please.")
    const key = dedupeKey(cleaned.text);
    if (key !== "" && seenKeys.has(key)) {
      changes.push(`Removed a repeated instruction: "${cleaned.text}"`);
      continue;
    }
    seenKeys.add(key);
    const section =
      current && current !== "input"
        ? classifyUnder(current, cleaned.text)
        : classify(doc, sig, s, si, cleaned.text);
    units.push({ section, text: cleaned.text, block: false, delimited: false, order: order++ });
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

const DEDUPE_STOP = new Set(
  "be keep make sure please always your the a an it that this to and of is are should must".split(" "),
);

function dedupeKey(sentence: string): string {
  const words = sentence.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  const kept = [
    ...new Set(
      words
        .filter((w) => !DEDUPE_STOP.has(w))
        .map((w) => (w.length > 3 && w.endsWith("s") ? w.slice(0, -1) : w)),
    ),
  ].sort();
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

function classifyUnder(current: Section, text: string): Section {
  if (current === "role" && !ROLE_START.test(text))
    return CONSTRAINT_START.test(text) ? "constraints" : "role";
  return current;
}

// ── rendering ────────────────────────────────────────────────────────────────────────────────────

type Sections = Record<Section, string[]>;

function emptySections(): Sections {
  return {
    role: [],
    task: [],
    context: [],
    input: [],
    constraints: [],
    format: [],
    examples: [],
    success: [],
  };
}

function render(raw: Sections, target: TargetLlm, inputFirst: boolean): string {
  // constraints read best as a list
  const sections = { ...raw, constraints: raw.constraints.map((l) => `- ${l}`) };
  const order = inputFirst
    ? (["role", "input", "context", "task", "constraints", "format", "examples", "success"] as Section[])
    : ORDER;
  const parts: string[] = [];
  if (target === "claude") {
    for (const s of order) {
      if (sections[s].length === 0) continue;
      parts.push(`<${TAGS[s]}>\n${sections[s].join("\n")}\n</${TAGS[s]}>`);
    }
    return parts.join("\n\n");
  }
  if (target === "gemini") {
    const system = [...sections.role, ...sections.constraints];
    if (system.length) parts.push(`${SYSTEM_INSTRUCTIONS}\n${system.join("\n")}`);
    for (const s of order) {
      if (s === "role" || s === "constraints" || sections[s].length === 0) continue;
      parts.push(`## ${HEADINGS[s]}\n${sections[s].join("\n")}`);
    }
    return parts.join("\n\n");
  }
  for (const s of order) {
    if (sections[s].length === 0) continue;
    parts.push(`## ${HEADINGS[s]}\n${sections[s].join("\n")}`);
  }
  return parts.join("\n\n");
}

function materialText(u: Unit, target: TargetLlm): string {
  if (target === "claude" || u.delimited) return u.text;
  // undelimited material (a pasted list, a data paragraph) gets triple quotes so it reads as data
  return `${QUOTE_FENCE}\n${u.text}\n${QUOTE_FENCE}`;
}

function build(
  parsed: Parsed,
  sigIn: Signals,
  findings: Finding[],
  strategy: Strategy,
  target: TargetLlm,
): { text: string; added: string[] } {
  let sig = sigIn;
  const sections = emptySections();
  for (const u of [...parsed.units].sort((a, b) => a.order - b.order || 0)) {
    if (u.block) sections[u.section].push(materialText(u, target));
    else sections[u.section].push(u.text);
  }
  // choices come first in Constraints: they block everything else
  if (parsed.choices.length) sections.constraints.unshift(...parsed.choices);
  const added: string[] = [];
  // decide what is missing from the cleaned, sectioned prompt, not from the original (filler removed)
  const baseText = render(sections, target, false);
  const base = analyzeInternal(baseText);
  sig = base.sig;
  const baseFindings = base.result.findings;
  const has = (k: Finding["kind"]) =>
    baseFindings.some((f) => f.kind === k) ||
    (k === "ambiguous_reference" && findings.some((f) => f.kind === k));
  const slot = (sec: Section, line: string, what: string) => {
    if (sections[sec].some((l) => l.includes(line))) return;
    sections[sec].push(line);
    added.push(what);
  };
  if (has("ambiguous_reference") && sections.input.length === 0 && !sig.slotFor.has("input"))
    slot("input", PLACEHOLDERS.input, "the material the prompt refers to");
  if (strategy !== "clarity") {
    if (
      !sig.audience &&
      !sig.slotFor.has("audience") &&
      (sig.audienceSensitive || strategy === "comprehensive" || has("missing_audience_or_context"))
    )
      slot("context", PLACEHOLDERS.audience, "audience");
    if (!sig.format && !sig.length && !sig.slotFor.has("format"))
      slot("format", PLACEHOLDERS.format, "output format");
    if (sig.constraints.length === 0 && !sig.slotFor.has("constraints") && parsed.choices.length === 0)
      slot("constraints", PLACEHOLDERS.constraints, "constraints");
    if (has("missing_examples_for_format_heavy_task") && !sig.slotFor.has("examples"))
      slot("examples", PLACEHOLDERS.examples, "examples");
  }
  if (strategy !== "clarity") {
    // a judgement word with no criterion ("better", "good"): ask for the criterion, once per word
    const seen = new Set<string>();
    for (const f of baseFindings) {
      if (f.rule !== "PF104" || seen.size >= 3) continue;
      const sp = f.spans[0]!;
      const word = baseText.slice(sp.start, sp.end).toLowerCase();
      if (seen.has(word)) continue;
      seen.add(word);
      slot("success", criterionPlaceholder(word), `a criterion for "${word}"`);
    }
  }
  if (strategy === "comprehensive") {
    if (!sig.role && !sig.slotFor.has("role")) slot("role", PLACEHOLDERS.role, "role");
    // reasoning models do worse with few-shot examples: no examples slot for DeepSeek
    if (
      !sig.examples &&
      !sig.slotFor.has("examples") &&
      target !== "deepseek" &&
      sections.examples.length === 0
    )
      slot("examples", PLACEHOLDERS.examples, "examples");
    if (!sig.success && !sig.slotFor.has("success"))
      slot("success", PLACEHOLDERS.success, "success criteria");
  }
  const inputWords = sections.input.join(" ").split(/\s+/).length;
  return { text: render(sections, target, target === "claude" && inputWords > 300), added };
}

function variant(
  strategy: Strategy,
  enhanced: string,
  before: number,
  changes: string[],
  target: TargetLlm,
): EnhanceVariant {
  const analysis = analyzeInternal(enhanced, { targetLlm: target }).result;
  const after = analysis.scores.overall;
  const improvement =
    before === 0 ? (after === 0 ? 0 : 100) : Math.round(((after - before) / before) * 1000) / 10;
  return {
    strategy,
    enhanced_text: enhanced,
    analysis,
    before_score: before,
    after_score: after,
    improvement_percent: improvement,
    changes,
  };
}

const STRONGER: Record<Strategy, Strategy[]> = {
  clarity: ["clarity", "specificity", "comprehensive"],
  specificity: ["specificity", "comprehensive"],
  comprehensive: ["comprehensive"],
};

/** Rewrites a prompt with one strategy. Never returns a prompt that scores lower than the original. */
export function enhance(text: string, opts: EnhanceOptions = {}): EnhanceVariant {
  const strategy = opts.strategy ?? "comprehensive";
  const target = opts.targetLlm ?? "generic";
  const original = analyzeInternal(text, { targetLlm: target });
  const before = original.result.scores.overall;
  const parsed = parse(original.doc, original.sig, original.result.findings);
  const alreadySectioned = parsed.hasSections || original.sig.sections >= 2;
  if (!parsed.units.some((u) => !u.text.startsWith("[fill in:"))) {
    // nothing of the author's is left to structure (e.g. the prompt was only jailbreak phrasing)
    return variant(
      strategy,
      text,
      before,
      ["No changes: nothing in the prompt could be kept as an instruction."],
      target,
    );
  }

  let best: { text: string; added: string[]; score: number; used: Strategy } | null = null;
  // when the chosen strategy does not lift the score, the next stronger one adds the missing slots
  const ladder = alreadySectioned ? [strategy] : STRONGER[strategy];
  for (const s of ladder) {
    const built = build(parsed, original.sig, original.result.findings, s, target);
    const score = analyzeInternal(built.text, { targetLlm: target }).result.scores.overall;
    if (!best || score > best.score) best = { ...built, score, used: s };
    if (score > before || before >= 80) break;
  }
  if (!best || best.score < before || best.text.trim() === "") {
    return variant(
      strategy,
      text,
      before,
      ["No changes: restructuring would not improve this prompt."],
      target,
    );
  }
  const changes = [...parsed.changes];
  const unitsSections = [...new Set(parsed.units.map((u) => u.section))];
  if (!alreadySectioned)
    changes.unshift(
      `Organised the prompt into labelled sections (${ORDER.filter((s) => unitsSections.includes(s))
        .map((s) => HEADINGS[s])
        .join(", ")})`,
    );
  if (parsed.units.some((u) => u.block)) changes.push("Kept the pasted material verbatim in its own section");
  if (best.added.length) changes.push(`Added placeholders to fill in: ${best.added.join(", ")}`);
  if (target === "claude") changes.push("Used XML tags for the sections, as Claude prefers");
  else if (target === "gemini")
    changes.push("Put the role and standing rules under system instructions, as Gemini prefers");
  return variant(strategy, best.text, before, changes, target);
}

/** One variant per strategy (clarity, specificity, comprehensive). */
export function enhanceAll(text: string, opts: EnhanceOptions = {}): EnhanceVariant[] {
  return STRATEGIES.map((strategy) => enhance(text, { ...opts, strategy }));
}
