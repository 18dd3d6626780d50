// Duplicated instructions (PF403): the same or a near-identical instruction stated twice. The unit compared
// is a clause of an instruction sentence (a sentence split at ";"), reduced to what it demands: its content
// words, stemmed, with a negation kept as one mark, repeat markers ("remember", "again") dropped and the
// three verbs of answering read as one. So "Do not add information that isn't in the document. …
// Remember: do not add any information that is not in the document." and "Answer with one word only. …
// Reply with a single word." are one demand said twice.

import { STOPWORDS } from "../lexicon.js";
import { stem } from "../signals.js";
import {
  type Doc,
  MASK_INSTRUCTION,
  MASK_MARKUP,
  MASK_SLOT,
  type Sentence,
  TOKEN_NUMBER,
  TOKEN_PUNCT,
} from "../text.js";
import type { Finding } from "../types.js";
import { finding } from "./catalogue.js";
import type { RuleContext } from "./context.js";
import {
  commentLine,
  elsewhere,
  fieldLabelAbove,
  headingLine,
  materialLine,
  naming,
  parallelSections,
} from "./duplicates-places.js";
import {
  addsCompleteness,
  namesOf,
  otherTarget,
  pointsBackAtOther,
  swappedTarget,
} from "./duplicates-targets.js";

/** Words that say a repeat is one, or press a demand, without adding to what it demands. */
const EMPHASIS = new Set(
  "always remember reminder again once more repeat important importantly note please make sure ensure be keep use".split(
    " ",
  ),
);
/** Negations, read as one mark: "do not" and "never", "isn't" and "is not" demand the same. */
const NEGATIONS = new Set(
  "not no never don't doesn't didn't isn't aren't wasn't won't can't cannot shouldn't mustn't without nothing none don doesn isn aren".split(
    " ",
  ),
);
/** Words that name one act or amount ("reply" and "respond" ask what "answer" asks; "single" is "one"). */
const SAME_AS: Record<string, string> = {
  reply: "answer",
  replies: "answer",
  respond: "answer",
  response: "answer",
  single: "one",
  delete: "remove",
  erase: "remove",
  brief: "short",
  concise: "short",
};
const NEGATION = "¬";
/** Function words that change the demand ("call the tool before answering" is not "… after answering"). */
const BEARING = new Set(
  "before after until more less most least above below over under up down off out".split(" "),
);

/** Past this much text a repeat closing the prompt is a deliberate reminder (the labelling guide's call). */
const REMINDER_SCOPE_CHARS = 1500;
/**
 * Past this much text a prompt is a set of sections each scoped on its own (modes, tools and their
 * schemas, per-screen specs), and a line said again usually belongs to a different one.
 */
const SCOPE_CHARS = 3000;

interface Unit {
  start: number;
  end: number;
  /** The label of the sentence ("tone" in "Tone: friendly."), or "". */
  label: string;
  /** The sorted, de-duplicated demand words. */
  words: string[];
  /** The demand words in the order they are said. */
  seq: string[];
  /** The demand words written as names ("COVERT GOALS", "Risk"). */
  names: Set<string>;
}

/** Labels of a turn in a transcript or a field of an example: what follows is the example's, not the author's. */
const TURN_LABELS = new Set(
  "user assistant human ai bot customer agent client q a input output example question answer".split(" "),
);

/** True when a sentence is a turn of a transcript or a field of an example ("User: …", "Output: …"). */
export function exampleTurn(s: Sentence): boolean {
  return TURN_LABELS.has(s.label);
}

/** The instruction clauses of the prompt with their demand words; a table row repeats its columns by design. */
function unitsOf(doc: Doc): Unit[] {
  const units: Unit[] = [];
  for (const s of doc.sentences) {
    if (!s.instruction || doc.text[s.start] === "|" || TURN_LABELS.has(s.label)) continue;
    let start = -1;
    let end = s.start;
    let t0 = s.t0;
    let words: string[] = [];
    const close = () => {
      // a line ending in a colon introduces what follows ("Expects a JSON string matching this schema:"):
      // said again, it introduces something else
      if (start >= 0 && doc.text[end - 1] !== ":")
        units.push({
          start,
          end,
          label: s.label,
          seq: words.slice(),
          words: sortedSet(words),
          names: namesOf(doc, t0, end, demandWord),
        });
      start = -1;
      words = [];
    };
    for (let i = s.t0; i < s.t1; i++) {
      const t = doc.tokens[i]!;
      if (t.type === TOKEN_PUNCT && t.lower === ";") {
        close();
        continue;
      }
      if (start < 0 && t.type !== TOKEN_PUNCT) {
        start = t.start;
        t0 = i;
      }
      end = t.end;
      // quoted names and inline code count: "Find `exec()` calls" and "Find `header()` calls" differ
      if (t.type === TOKEN_PUNCT || t.mask === MASK_MARKUP) continue;
      const w = t.type === TOKEN_NUMBER ? t.lower : demandWord(t.lower);
      if (w !== "") words.push(w);
    }
    close();
  }
  return units;
}

/**
 * True when two sentences make the same demand by PF403's reading (the same demand words, or nearly):
 * the rules that find a demand restated in other words leave such a pair to PF403.
 */
export function sameDemand(doc: Doc, a: Sentence, b: Sentence): boolean {
  const x = sentenceWords(doc, a);
  const y = sentenceWords(doc, b);
  if (x.length < 3 || y.length < 3) return x.length > 0 && x.join(" ") === y.join(" ");
  return nearlySame(x, y);
}

/**
 * Two demand-word sets sharing four fifths of their words, with the same polarity: "do X" and "do not X"
 * are opposite demands (or complementary cases), never one demand said twice.
 */
function nearlySame(x: string[], y: string[]): boolean {
  if (x.includes(NEGATION) !== y.includes(NEGATION)) return false;
  const common = overlap(x, y);
  return common / (x.length + y.length - common) >= 0.8;
}

/** Each sentence's demand words, read once per document: the restatement rules compare every pair. */
const WORDS_MEMO = new WeakMap<Doc, Map<Sentence, string[]>>();

function sentenceWords(doc: Doc, s: Sentence): string[] {
  let memo = WORDS_MEMO.get(doc);
  if (!memo) {
    memo = new Map();
    WORDS_MEMO.set(doc, memo);
  }
  let words = memo.get(s);
  if (!words) {
    words = readSentenceWords(doc, s);
    memo.set(s, words);
  }
  return words;
}

function readSentenceWords(doc: Doc, s: Sentence): string[] {
  const words: string[] = [];
  for (let i = s.t0; i < s.t1; i++) {
    const t = doc.tokens[i]!;
    if (t.type === TOKEN_PUNCT || t.mask === MASK_MARKUP) continue;
    const w = t.type === TOKEN_NUMBER ? t.lower : demandWord(t.lower);
    if (w !== "") words.push(w);
  }
  return sortedSet(words);
}

function demandWord(lower: string): string {
  if (NEGATIONS.has(lower) || lower === "avoid") return NEGATION;
  if (BEARING.has(lower)) return lower;
  if (STOPWORDS.has(lower) || EMPHASIS.has(lower) || lower.length < 2) return "";
  return SAME_AS[lower] ?? stem(lower);
}

function sortedSet(words: string[]): string[] {
  words.sort();
  let u = 0;
  for (let i = 0; i < words.length; i++) if (i === 0 || words[i] !== words[u - 1]) words[u++] = words[i]!;
  words.length = u;
  return words;
}

export function duplicates({ doc }: RuleContext, out: Finding[]): void {
  // a prompt that asks for nothing (a pasted traceback or e-mail thread) has no instruction to repeat
  if (doc.text.length > SCOPE_CHARS || out.some((f) => f.kind === "no_task")) return;
  const units = unitsOf(doc);
  const closing = closingStart(doc);
  const seen = new Map<string, number>();
  const postings = new Map<string, number[]>();
  const shared = new Set<number>();
  const seenShort = new Map<string, number>();
  // one repeated block is one finding: only the first repeat found is reported
  const report = (first: number, second: number): boolean => {
    const a = units[first]!;
    const b = units[second]!;
    if (b.start >= closing) return false;
    // two fields under different labels ("User outfit: …", "User: …") are two fields
    if (a.label !== "" && b.label !== "" && a.label !== b.label) return false;
    // checked only for a pair found: the paragraph scan is linear in the text
    if (inQuotedParagraph(doc.text, a.start) || inQuotedParagraph(doc.text, b.start)) return false;
    if (perSection(doc, a, b)) return false;
    if (recordLine(doc.text, a.start) || recordLine(doc.text, b.start)) return false;
    // turns of a quoted exchange, a variable's description, an example, parallel sections ("Track 1:",
    // "Track 2:") repeat by design
    if (elsewhere(doc.text, a.start) || elsewhere(doc.text, b.start)) return false;
    if (parallelSections(doc.text, a.start, b.start)) return false;
    // a script's or a template's rows, a table's cells, a "//" note naming the step under it
    if (materialLine(doc.text, a.start) || materialLine(doc.text, b.start)) return false;
    if (commentLine(doc.text, a.start) || commentLine(doc.text, b.start)) return false;
    // one frame applied to two targets ("… OVERT GOALS …", "… COVERT GOALS …"; "the other sections")
    if (swappedTarget(a, b) || otherTarget(doc.text, a, b)) return false;
    // "… Never do it." after two different sentences: each "it" is what its sentence before says
    if (pointsBackAtOther(doc.text, a, b)) return false;
    // the spec of a template's field, under two fields ("TEACHINGS:", "ADVICE/TEACHINGS:") or under one field
    // of two templates (one for a person, one for a school of thought): each fills its own slot
    if (fieldLabelAbove(doc.text, a.start) !== "" && fieldLabelAbove(doc.text, b.start) !== "") return false;
    out.push(dupFinding(doc, a, b));
    return true;
  };
  for (let ui = 0; ui < units.length; ui++) {
    const words = units[ui]!.words;
    const u = words.length;
    // short lines ("For example:", a tag, a label) repeat by design; a short directive said again
    // ("Keep it short. … Again — keep it short!", "Answer in English. … Always reply in English.") does not
    if (u < 3) {
      const said = u > 0 ? shortDirective(doc, units[ui]!) : "";
      if (said === "") continue;
      const prior = seenShort.get(said);
      if (prior === undefined) seenShort.set(said, ui);
      else if (report(prior, ui)) return;
      continue;
    }
    const key = words.join(" ");
    const prior = seen.get(key);
    if (prior !== undefined) {
      if (report(prior, ui)) return;
      continue;
    }
    seen.set(key, ui);
    if (u < 4) continue;
    // Near-duplicates (Jaccard ≥ 0.8) by prefix filtering: two such sets must share a word among the first
    // u − ⌈0.8·u⌉ + 1 of their sorted words, so only those are indexed and probed (linear time).
    const prefix = u - Math.ceil(0.8 * u) + 1;
    shared.clear();
    for (let i = 0; i < prefix; i++) {
      const list = postings.get(words[i]!);
      if (list) for (const other of list) shared.add(other);
    }
    for (const other of shared) {
      const o = units[other]!.words;
      if (nearlySame(words, o) && report(other, ui)) return;
    }
    for (let i = 0; i < prefix; i++) {
      const w = words[i]!;
      const list = postings.get(w);
      if (!list) postings.set(w, [ui]);
      else if (list.length < 24) list.push(ui);
    }
  }
  const pair = restatedWithin(doc, units);
  if (pair && report(pair[0], pair[1])) {
    const sentenceOf = (u: Unit) => doc.tokens[tokenIndexAt(doc, u.start)]!.sentence;
    RESTATED_WITHIN.set(doc, `${sentenceOf(units[pair[0]]!)}:${sentenceOf(units[pair[1]]!)}`);
  }
}

/** The two sentences of the restatement PF403 reported for a document, as "first:second". */
const RESTATED_WITHIN = new WeakMap<Doc, string>();

/**
 * True when PF403 already reported sentence `b` as restating `a` inside it: the rules that find a demand
 * restated in other words leave the pair alone (one repeated block is one finding).
 */
export function reportedWithin(doc: Doc, a: Sentence, b: Sentence): boolean {
  const pair = RESTATED_WITHIN.get(doc);
  return pair !== undefined && pair === `${doc.sentences.indexOf(a)}:${doc.sentences.indexOf(b)}`;
}

/**
 * Words that say where or how a demand applies to the whole answer, or that only say "comply": "Don't use
 * emojis in any message" demands what "Never use emojis" does, "Follow our house style for alt text" what
 * "Write alt text … in our house style" already asked.
 */
const RESTATE_NEUTRAL = new Set(
  "message messages answer output throughout anywhere ever time times conversation follow respect adhere stick apply observe mind".split(
    " ",
  ),
);
/** True when most adjacent word pairs of `b` are adjacent in `a` too (the demand words in order). */
function sameOrder(a: string[], b: string[]): boolean {
  const keep = (w: string) => w !== NEGATION && !RESTATE_NEUTRAL.has(w);
  const x = a.filter(keep);
  const y = b.filter(keep);
  if (y.length < 2) return true;
  const pairs = new Set<string>();
  for (let i = 1; i < x.length; i++) pairs.add(`${x[i - 1]} ${x[i]}`);
  let shared = 0;
  for (let i = 1; i < y.length; i++) if (pairs.has(`${y[i - 1]} ${y[i]}`)) shared++;
  return shared >= 0.6 * (y.length - 1);
}

const RESTRICTIONS = new Set("only just solely exclusively".split(" "));

/** True when the unit restricts its demand ("Return only the edited draft."). */
function restricts(doc: Doc, u: Unit): boolean {
  for (let i = tokenIndexAt(doc, u.start); i < doc.tokens.length && doc.tokens[i]!.start < u.end; i++)
    if (RESTRICTIONS.has(doc.tokens[i]!.lower)) return true;
  return false;
}

/** Words that open a demand made for one case only ("If the user asks …, translate it"). */
const CASE_OPENERS = new Set("if when whenever unless otherwise".split(" "));
/** Words that open a case with the next word ("Each time I ask …", "Every time the user …"). */
const CASE_PAIRS = new Set(["each time", "every time", "any time"]);

/**
 * One instruction restated inside another: a later (or earlier) sentence whose every demand word the other
 * already makes, with the same polarity — "Translate the paragraph into Spanish." after "Translate this
 * paragraph into Spanish: …", "Keep it to 4 bullets." after "Summarise … in 4 bullets", "Always verify the
 * customer with their PIN before a SIM swap." after "For SIM swaps you must verify the customer with their
 * PIN before doing anything." The contained one must say enough to be a demand of its own: three words, or
 * two with a number; or the two say the same once words that only say "comply" or "everywhere" are set aside.
 * Each unit is compared only with the units holding its rarest word.
 */
function restatedWithin(doc: Doc, units: Unit[]): [number, number] | null {
  const reduced = units.map((u) => u.words.filter((w) => !RESTATE_NEUTRAL.has(w)));
  const holders = new Map<string, number[]>();
  reduced.forEach((words, ui) => {
    for (const w of words) {
      const list = holders.get(w);
      if (!list) holders.set(w, [ui]);
      else list.push(ui);
    }
  });
  const sentenceOf = (u: Unit) => doc.tokens[tokenIndexAt(doc, u.start)]!.sentence;
  const opensCase = (u: Unit) => {
    const i = tokenIndexAt(doc, u.start);
    const next = doc.tokens[i + 1];
    return (
      CASE_OPENERS.has(doc.tokens[i]!.lower) ||
      (next !== undefined && CASE_PAIRS.has(`${doc.tokens[i]!.lower} ${next.lower}`))
    );
  };
  for (let bi = 0; bi < units.length; bi++) {
    const b = reduced[bi]!;
    const content = b.filter((w) => w !== NEGATION);
    if (content.length === 0 || opensCase(units[bi]!)) continue;
    // a heading or an outline item that names the instruction it labels ("2. Market entry strategy" over
    // "Develop a market entry strategy for …") directs nothing of its own
    if (naming(doc, tokenIndexAt(doc, units[bi]!.start), units[bi]!.end)) continue;
    if (headingLine(doc.text, units[bi]!.start)) continue;
    // (a link cut at its dots is not a demand)
    if (/:\/\/|^www\./.test(doc.text.slice(units[bi]!.start, units[bi]!.end + 3))) continue;
    const counted = content.some((w) => /^\d/.test(w));
    // said again in full, a short line must be a directive: a prohibition ("Never use emojis"), or two words
    // after a directive's opening word; a heading or a field label ("Your Optimized Prompt:") repeats by design
    const negated = b.includes(NEGATION);
    const directive = DIRECTIVE_OPENERS.has(doc.tokens[tokenIndexAt(doc, units[bi]!.start)]!.lower);
    const sayable = content.length >= 3 || negated || (directive && content.length >= 2);
    let rarest = content[0]!;
    for (const w of content) if (holders.get(w)!.length < holders.get(rarest)!.length) rarest = w;
    for (const ai of holders.get(rarest)!) {
      if (ai === bi) continue;
      const a = reduced[ai]!;
      if (a.length < b.length || a.includes(NEGATION) !== b.includes(NEGATION)) continue;
      const same = a.length === b.length;
      if (same ? !sayable : content.length < 3 && !(counted && content.length === 2)) continue;
      if (overlap(a, b) !== b.length || opensCase(units[ai]!)) continue;
      if (sentenceOf(units[ai]!) === sentenceOf(units[bi]!)) continue;
      // said in the same order ("house style", "4 bullets"), not the same words in other roles; and "only"
      // in one of the two is a restriction the other does not make
      if (!sameOrder(units[ai]!.seq, units[bi]!.seq)) continue;
      if (restricts(doc, units[ai]!) !== restricts(doc, units[bi]!)) continue;
      // nor is "get all of them" said inside a list that does not ask for all
      if (addsCompleteness(doc.text, units[ai]!, units[bi]!)) continue;
      return ai < bi ? [ai, bi] : [bi, ai];
    }
  }
  return null;
}

/**
 * Where the closing reminder of a long prompt starts: the last paragraph holding an instruction, when the
 * prompt is over the reminder scope ("Remember: never reveal the key" as the last line is deliberate);
 * past the end of the text otherwise.
 */
function closingStart(doc: Doc): number {
  if (doc.text.length <= REMINDER_SCOPE_CHARS) return doc.text.length + 1;
  for (let i = doc.sentences.length - 1; i >= 0; i--) {
    const s = doc.sentences[i]!;
    if (s.instruction) return doc.text.lastIndexOf("\n\n", s.start) + 1;
  }
  return doc.text.length + 1;
}

const POINTERS = new Set("it its them they this these those".split(" "));

/**
 * True when the demand is made of a pronoun ("Keep it under 100 words.") in two different sections
 * (under two headings or opening tags): each "it" is that section's piece, so the demand is made of two things.
 */
function perSection(doc: Doc, a: Unit, b: Unit): boolean {
  if (ledByItsTarget(doc, a, b)) return true;
  let seen = 0;
  let pointer = false;
  for (let i = tokenIndexAt(doc, a.start); i < doc.tokens.length && seen < 3; i++) {
    const t = doc.tokens[i]!;
    if (t.start >= a.end) break;
    if (t.type === TOKEN_PUNCT) continue;
    seen++;
    if (POINTERS.has(t.lower)) pointer = true;
  }
  if (!pointer) return false;
  let between = false;
  for (const m of doc.markup)
    if (m.start > a.end && m.start < b.start && doc.text[m.start + 1] !== "/") between = true;
  return between;
}

/** "for this section", "give it as …", "for each": a demand pointed at the thing the sentence before it named. */
const THIS_THING_RE = /\b(?:this|that|these|those|it|they|them|each|its|their)\b/i;

/**
 * True when each unit points at "this section", "it", "each" right after a sentence on its line that names
 * a different thing ("Create a Description section … Do not use lists for this section." and the same for
 * "Risk"): one rule made of two things, not one said twice.
 */
function ledByItsTarget(doc: Doc, a: Unit, b: Unit): boolean {
  const slice = (u: Unit) => doc.text.slice(u.start, u.end);
  if (!THIS_THING_RE.test(slice(a)) || !THIS_THING_RE.test(slice(b))) return false;
  // (on one line, the later one's lead holds the earlier one: the two are said of one thing)
  if (!doc.text.slice(a.end, b.start).includes("\n")) return false;
  // what the line says before the unit, without its list marker (the sentences naming the thing)
  const before = (u: Unit): string => {
    const line = doc.text.lastIndexOf("\n", u.start - 1) + 1;
    return doc.text
      .slice(Math.max(line, u.start - 600), u.start)
      .replace(/^[\s\-*•>]*(?:\d+[.)]\s*)?/, "")
      .trim();
  };
  const x = before(a);
  const y = before(b);
  return x !== "" && y !== "" && x !== y;
}

const OPEN_QUOTES = '"“«„';
const CLOSE_QUOTES = '"”»“';

/**
 * True when the sentence sits in a paragraph wrapped whole in quotation marks: a quoted prompt or passage
 * (two versions of a prompt set side by side repeat by design), not the author's instruction.
 */
function inQuotedParagraph(text: string, at: number): boolean {
  const start = text.lastIndexOf("\n\n", at) + 1;
  let end = text.indexOf("\n\n", at);
  if (end < 0) end = text.length;
  const para = text.slice(start, end).trim();
  return para.length > 2 && OPEN_QUOTES.includes(para[0]!) && CLOSE_QUOTES.includes(para[para.length - 1]!);
}

/** An answer option ("B) …", "(c) …") or a field of a record ("SMS: …", "Subject: …") opening its line. */
const RECORD_OPENER_RE = /^[ \t]*(?:\(?[A-Ha-h][).]\s|([\p{L}][\p{L}\p{N} _-]{0,30}):)/u;

/**
 * True when the line holding `at` is an answer option of a multiple-choice question or a field of a
 * repeated record (the fields of few-shot examples, the headers of a pasted e-mail thread): options and
 * records repeat their wording by design, and are material, not the author's instruction. A field counts
 * when its label opens another line too and at least one other label repeats the same way.
 */
export function recordLine(text: string, at: number): boolean {
  const start = text.lastIndexOf("\n", at - 1) + 1;
  const m = RECORD_OPENER_RE.exec(text.slice(start, start + 40));
  if (!m) return false;
  if (m[1] === undefined) return true;
  const counts = new Map<string, number>();
  for (const line of text.split("\n")) {
    const l = RECORD_OPENER_RE.exec(line)?.[1]?.toLowerCase();
    if (l !== undefined) counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  if ((counts.get(m[1].toLowerCase()) ?? 0) < 2) return false;
  let repeated = 0;
  for (const n of counts.values()) if (n >= 2) repeated++;
  return repeated >= 2;
}

/**
 * A short instruction clause as the demand words it says, or "" when it is a label or a labelled field,
 * has fewer than three words, or opens with no word a directive starts with.
 */
function shortDirective(doc: Doc, unit: Unit): string {
  const s = doc.sentences[doc.tokens[tokenIndexAt(doc, unit.start)]!.sentence]!;
  // a label line ("Output:") or a labelled field ("Output: a list.") belongs to a template or an example
  if (s.label !== "" || /:\s*$/.test(doc.text.slice(s.start, s.end))) return "";
  let first = "";
  let n = 0;
  for (let i = tokenIndexAt(doc, unit.start); i < doc.tokens.length; i++) {
    const t = doc.tokens[i]!;
    if (t.start >= unit.end) break;
    if (t.type === TOKEN_PUNCT) continue;
    if (t.mask !== MASK_INSTRUCTION && t.mask !== MASK_SLOT) return "";
    if (REPEAT_MARKERS.has(t.lower)) continue;
    if (first === "") first = t.lower;
    n++;
  }
  return n >= 2 && DIRECTIVE_OPENERS.has(first) ? unit.words.join(" ") : "";
}

/** The index of the token starting at `at` (a unit always starts on a token). */
function tokenIndexAt(doc: Doc, at: number): number {
  let lo = 0;
  let hi = doc.tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (doc.tokens[mid]!.start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Words that mark a repeat as a repeat ("again", "once more", "I repeat"): not part of what is said. */
const REPEAT_MARKERS = new Set("again once more repeat i please remember".split(" "));

/** Words a short directive opens with: meta verbs and negations ("Keep it short.", "Do not guess."). */
const DIRECTIVE_OPENERS = new Set(
  "be keep make use stay avoid include write answer respond reply return output do don't never always only no".split(
    " ",
  ),
);

/** Size of the intersection of two sorted, de-duplicated arrays. */
function overlap(a: string[], b: string[]): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return n;
}

function dupFinding(doc: Doc, a: Unit, b: Unit): Finding {
  return finding(
    "PF403",
    `"${doc.text.slice(b.start, b.end)}" repeats an earlier instruction.`,
    "State each instruction once; repetition adds length and can read as two different requirements.",
    [
      { start: a.start, end: a.end },
      { start: b.start, end: b.end },
    ],
  );
}
