// Sentence cleaning for the enhancer: strips request wrappers, filler and hedges from a sentence while
// keeping every word of intent, and the small token helpers that cleaning needs.

import { STOPWORDS, TASK_VERBS } from "../lexicon.js";
import { isContentWord, type Signals } from "../signals.js";
import type { Doc, Sentence } from "../text.js";
import type { Span } from "../types.js";

const REQUEST_WRAPPER =
  /^(?:(?:can|could|would|will) you (?:please |kindly |possibly |maybe |also |just )*|(?:please|kindly|just) (?=\w)|i (?:need|want|would like|'d like) you to |i'd like you to )/i;

/**
 * Deletes filler phrases and contradiction cues from a sentence, and turns a polite request into an
 * imperative ("Could you write …?" → "Write …."). Only deletes: the result is a subsequence of the input.
 */
export function cleanSentence(
  doc: Doc,
  s: Sentence,
  filler: Span[],
  cues: Span[],
  sig: Signals,
  si: number,
): { text: string; removed: string[] } {
  const { text } = doc;
  const removed: string[] = [];
  const cuts: Span[] = [];
  for (const f of filler)
    if (f.start >= s.start && f.end <= s.end && !mentioned(text, s.start, f.start)) cuts.push(f);
  const isTask = sig.tasks.some((t) => t.sentence === si && t.strength > 0);
  for (const c of cues) {
    if (c.start < s.start || c.end > s.end) continue;
    // the sentence exists only to state the cue: drop it whole (its words are quoted in the choice)
    if (!isTask && contentWordsOutside(doc, s, c) <= 2) return { text: "", removed };
    cuts.push(c);
  }
  let out = "";
  let pos = s.start;
  cuts.sort((a, b) => a.start - b.start);
  for (const c of cuts) {
    if (c.start < pos) continue;
    let from = c.start;
    // "a short intro" → "intro", not "a intro"
    if (
      !filler.includes(c) &&
      /\ban?\s+$/i.test(text.slice(Math.max(pos, c.start - 3), c.start)) &&
      /^\s*[aeiouAEIOU]/.test(text.slice(c.end, c.end + 2))
    )
      from =
        c.start -
        (text
          .slice(c.start - 3, c.start)
          .toLowerCase()
          .endsWith("an ")
          ? 3
          : 2);
    out += text.slice(pos, from);
    if (filler.includes(c)) removed.push(text.slice(c.start, c.end));
    pos = c.end;
  }
  out += text.slice(pos, s.end);
  // tidy what deletion left behind: doubled spaces, orphaned commas and connectives (only after a
  // deletion: an untouched sentence keeps its spacing, "pip install -e ." included)
  if (cuts.length > 0)
    out = out
      .replace(/[ \t]{2,}/g, " ")
      .replace(/\s+([,.;:!?])/g, "$1")
      .replace(/([,;:])(?:\s*[,;:])+/g, "$1")
      .replace(/^[\s,;:]+/, "")
      .replace(/(?:,|\b(?:and|but|also|yet|or|so))\s*([.!?])$/i, "$1")
      .replace(/\b(and|but|also|yet)\s+(?:and|but|also|yet)\b/gi, "$1")
      .replace(/,\s*(?:but|and|also)?\s*([.!?])$/i, "$1")
      .replace(/\s+(?:in|within|as|of|to|with|using|at)\s*([.!?])$/i, "$1")
      .replace(/,?\s+please([.!?])$/i, "$1");
  out = out.trim();
  const wrapped = REQUEST_WRAPPER.exec(out);
  if (wrapped && isTask) {
    out = out.slice(wrapped[0].length);
    if (out.endsWith("?")) out = `${out.slice(0, -1)}.`;
  }
  out = out.replace(/^(?:[-*•][ \t]+)+/, "").replace(/^[\s,;:.!?]+/, "");
  if (!/[\p{L}\p{N}{]/u.test(out)) return { text: "", removed };
  // nothing but pleasantries left ("Thanks again!")
  if (countContent(out) === 0 && !/\{\{/.test(out))
    return { text: "", removed: [...removed, text.slice(s.start, s.end)] };
  return { text: out.charAt(0).toUpperCase() + out.slice(1), removed };
}

/** A word inside parentheses or quotation marks is mentioned, not used: "(hi, hello, thanks)". */
function mentioned(text: string, from: number, at: number): boolean {
  const before = text.slice(from, at);
  let depth = 0;
  for (const ch of before) depth += ch === "(" ? 1 : ch === ")" ? -1 : 0;
  return depth > 0 || (before.match(/["“”]/g) ?? []).length % 2 === 1;
}

const LEFTOVER = new Set(
  "hi hello hey there thanks thank you so much again really appreciate it very grateful advance dear".split(
    " ",
  ),
);

function countContent(s: string): number {
  let n = 0;
  for (const w of s.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [])
    if (!LEFTOVER.has(w) && !STOPWORDS.has(w) && w.length > 1) n++;
  return n;
}

const CUE_WORDS =
  /^(?:make|keep|it|should|be|also|the|summary|answer|response|text|output|very|long|longer|short|shorter|brief|concise|detailed|comprehensive|thorough|least|most|words?|sentences?|paragraphs?|pages?|lines?|characters?|tone|style|format|use|using|list|lists|bullets?|bullet|points?|formal|casual|informal|funny|serious|rhyme|language|only|english|write|written|respond|answer|reply|covers?|everything|every|point|details?)$/;

export function contentWordsOutside(doc: Doc, s: Sentence, c: Span): number {
  let n = 0;
  for (let i = s.t0; i < s.t1; i++) {
    const t = doc.tokens[i]!;
    if (t.start >= c.start && t.end <= c.end) continue;
    if (isContentWord(t) && !CUE_WORDS.test(t.lower)) n++;
  }
  return n;
}

const phraseCache = new Map<readonly string[], RegExp>();
export function phraseRe(phrases: readonly string[]): RegExp {
  let re = phraseCache.get(phrases);
  if (!re) {
    const alts = [...phrases]
      .sort((a, b) => b.length - a.length)
      .map((p) =>
        p
          .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
          .replace(/'/g, "['’]")
          .replace(/ /g, "\\s+"),
      );
    // swallow one trailing comma or exclamation mark with the phrase
    re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join("|")})(?![\\p{L}\\p{N}])[,!]?`, "giu");
    phraseCache.set(phrases, re);
  }
  return re;
}

// ── run-on instructions ──────────────────────────────────────────────────────────────────────────

/** Verbs that, after "and", start a new instruction whatever follows them ("… and list solutions"). */
const CLEAR_IMPERATIVES = new Set(
  "explain describe summarize summarise write translate give provide make add include use keep avoid list identify compare suggest create generate rewrite find tell show highlight mention end start".split(
    " ",
  ),
);
/** Words that open the object of an imperative ("and add a few examples", "and help me out"). */
const OBJECT_START =
  /^(?:the|a|an|it|them|this|that|these|those|my|our|your|their|each|every|all|one|two|three|four|five|\d+|some|any|me|us|him|her|up|out|sure|how|what|why|which|who|whether)\b/i;
const CONNECTIVE = /(?:,\s*|\s+)(?:and(?:\s+then|\s+also)?|then|also)\s+|;\s*(?:and\s+|then\s+)?/gi;
const YOU_COULD = /^(?:you (?:could|can|would|will) (?:please |kindly |also |just )*)/i;
/** Sentences whose opening scopes every clause ("Always …", "When the user …"): never split. */
const SCOPED =
  /^(?:always|never|when|whenever|if|unless|only|do not|don't|before|after|once|while|until|for each)\b/i;

const SCOPE_INSIDE = /\b(?:if|when|whenever|unless|once|until|while|in case)\b/i;

function startsImperative(rest: string): number {
  const you = YOU_COULD.exec(rest);
  const skip = you ? you[0].length : 0;
  const m = /^([a-z]+)\s+(\S+)/i.exec(rest.slice(skip));
  if (!m) return -1;
  const verb = m[1]!.toLowerCase();
  if (CLEAR_IMPERATIVES.has(verb)) return skip;
  return TASK_VERBS.has(verb) && OBJECT_START.test(m[2]!) ? skip : -1;
}

const words = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/**
 * Splits a run-on instruction ("Write an article about X and make it long and add a few examples") at
 * the connectives that start a new imperative, into one sentence per instruction. Only deletes the
 * connectives (and a leading "you could"): every piece is a word-subsequence of the input sentence.
 */
export function splitRunOn(sentence: string): string[] {
  let text = sentence;
  const lead = startsImperative(text);
  if (lead > 0) text = text.slice(lead);
  // a run-on instruction is a sentence, not a page: longer text is left whole (and the scan stays linear)
  if (SCOPED.test(text) || words(text) < 10 || text.length > 600) return [capitalise(text)];
  const pieces: string[] = [];
  let from = 0;
  CONNECTIVE.lastIndex = 0;
  for (const m of text.matchAll(CONNECTIVE)) {
    const before = text.slice(from, m.index);
    const after = text.slice(m.index + m[0].length);
    const skip = startsImperative(after);
    // a condition before the connective scopes what follows it: "if a page asks, refuse, and tell …"
    if (SCOPE_INSIDE.test(text.slice(0, m.index))) break;
    if (skip < 0 || words(before) < 3 || words(after) < 2) continue;
    // never inside a quotation, code or a variable
    if ((before.match(/"/g) ?? []).length % 2 === 1 || /[`{}[\]()]/.test(before.slice(-40))) continue;
    pieces.push(before);
    from = m.index + m[0].length + skip;
  }
  if (pieces.length === 0) return [capitalise(text)];
  pieces.push(text.slice(from));
  // every piece but the last ends as a sentence; the last keeps the original ending (a colon before
  // material included)
  return pieces.map((p, i) => {
    if (i === pieces.length - 1) return capitalise(p.trim());
    const t = capitalise(p.trim().replace(/[,;:]$/, ""));
    return /[.!?]$/.test(t) ? t : `${t}.`;
  });
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
