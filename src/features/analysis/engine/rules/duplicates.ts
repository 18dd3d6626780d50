// Duplicated instructions (PF403): the same or a near-identical sentence stated twice.

import { stem } from "../signals.js";
import { type Doc, MASK_INSTRUCTION, MASK_SLOT, TOKEN_PUNCT } from "../text.js";
import type { Finding } from "../types.js";
import { finding } from "./catalogue.js";
import type { RuleContext } from "./context.js";

const DUP_STOP = new Set(
  "be keep make sure please always your the a an it that this to and of is are should must".split(" "),
);

// A prompt pasted twice should not produce hundreds of findings: one repeated block is one finding, so
// only the first repeat is reported.

/** Past this much instruction text, a repeat is usually a deliberate reminder or a per-tool schema line. */
const DUPLICATE_SCOPE_CHARS = 1500;

export function duplicates({ doc, sig }: RuleContext, out: Finding[]): void {
  const { tokens, sentences } = doc;
  if (sig.instructionWords * 6 > DUPLICATE_SCOPE_CHARS) return;
  const seen = new Map<string, number>();
  const keys: string[][] = [];
  const postings = new Map<string, number[]>();
  const reported = new Set<number>();
  const shared = new Map<number, number>();
  const seenShort = new Map<string, number>();
  const before = out.length;
  const report = (first: number, second: number) => {
    if (reported.has(second) || out.length !== before) return;
    reported.add(second);
    // checked only for a pair found: the paragraph scan is linear in the text
    const quoted =
      inQuotedParagraph(doc.text, sentences[first]!.start) ||
      inQuotedParagraph(doc.text, sentences[second]!.start);
    if (!quoted) out.push(dupFinding(doc, first, second));
  };
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si]!;
    const words: string[] = [];
    // a table row ("| Tool | Description |") repeats its columns by design
    if (s.instruction && doc.text[s.start] !== "|") {
      for (let i = s.t0; i < s.t1; i++) {
        const t = tokens[i]!;
        if (t.type === TOKEN_PUNCT || (t.mask !== MASK_INSTRUCTION && t.mask !== MASK_SLOT)) continue;
        if (DUP_STOP.has(t.lower)) continue;
        words.push(stem(t.lower));
      }
    }
    words.sort();
    let u = 0;
    for (let i = 0; i < words.length; i++) if (i === 0 || words[i] !== words[u - 1]) words[u++] = words[i]!;
    words.length = u;
    keys.push(words);
    // short lines ("For example:", a tag, a label) repeat by design; a short directive said again word for
    // word ("Keep it short. … Again — keep it short!") does not
    if (u < 3) {
      const said = u > 0 ? shortDirective(doc, s) : "";
      if (said === "") continue;
      const prior = seenShort.get(said);
      if (prior === undefined) seenShort.set(said, si);
      else report(prior, si);
      continue;
    }
    const key = words.join(" ");
    const prior = seen.get(key);
    if (prior !== undefined) {
      report(prior, si);
      continue;
    }
    seen.set(key, si);
    if (u < 4) continue;
    // Near-duplicates (Jaccard ≥ 0.8) by prefix filtering: two such sets must share a word among the first
    // u − ⌈0.8·u⌉ + 1 of their sorted words, so only those are indexed and probed (linear time).
    const prefix = u - Math.ceil(0.8 * u) + 1;
    shared.clear();
    for (let i = 0; i < prefix; i++) {
      const list = postings.get(words[i]!);
      if (list) for (const other of list) shared.set(other, 1);
    }
    for (const other of shared.keys()) {
      const o = keys[other]!;
      const common = overlap(words, o);
      if (common / (o.length + u - common) >= 0.8) report(other, si);
    }
    for (let i = 0; i < prefix; i++) {
      const w = words[i]!;
      const list = postings.get(w);
      if (!list) postings.set(w, [si]);
      else if (list.length < 24) list.push(si);
    }
  }
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

/** Words that mark a repeat as a repeat ("again", "once more", "I repeat"): not part of what is said. */
const REPEAT_MARKERS = new Set("again once more repeat i please remember".split(" "));

/**
 * A short instruction sentence as the words it says (repeat markers dropped), or "" when it is a label
 * or a labelled field, too short to be a directive, or opens with no verb-like word a directive starts with.
 */
function shortDirective(doc: Doc, s: Doc["sentences"][number]): string {
  // a label line ("Output:") or a labelled field ("Output: a list.") belongs to a template or an example
  if (s.label !== "" || /:\s*$/.test(doc.text.slice(s.start, s.end))) return "";
  const words: string[] = [];
  for (let i = s.t0; i < s.t1; i++) {
    const t = doc.tokens[i]!;
    if (t.type === TOKEN_PUNCT) continue;
    if (t.mask !== MASK_INSTRUCTION && t.mask !== MASK_SLOT) return "";
    if (!REPEAT_MARKERS.has(t.lower)) words.push(t.lower);
  }
  return words.length >= 3 && DIRECTIVE_OPENERS.has(words[0]!) ? words.join(" ") : "";
}

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

function dupFinding(doc: Doc, first: number, second: number): Finding {
  const a = doc.sentences[first]!;
  const b = doc.sentences[second]!;
  return finding(
    "PF403",
    `"${doc.text.slice(b.start, b.end)}" repeats an earlier instruction.`,
    "State each instruction once; repetition adds length and can read as two different requirements.",
    [
      { start: b.start, end: b.end },
      { start: a.start, end: a.end },
    ].sort((x, y) => x.start - y.start),
  );
}
