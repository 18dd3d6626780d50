// Sentence cleaning for the enhancer: strips request wrappers, filler and hedges from a sentence while
// keeping every word of intent, and the small token helpers that cleaning needs.

import { STOPWORDS } from "../lexicon.js";
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
  for (const f of filler) if (f.start >= s.start && f.end <= s.end) cuts.push(f);
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
  // tidy what deletion left behind: doubled spaces, orphaned commas and connectives
  out = out
    .replace(/[ \t]{2,}/g, " ")
    .replace(/\s+([,.;:!?])/g, "$1")
    .replace(/([,;:])(?:\s*[,;:])+/g, "$1")
    .replace(/^[\s,;:]+/, "")
    .replace(/(?:,|\b(?:and|but|also|yet|or|so))\s*([.!?])$/i, "$1")
    .replace(/\b(and|but|also|yet)\s+(?:and|but|also|yet)\b/gi, "$1")
    .replace(/,\s*(?:but|and|also)?\s*([.!?])$/i, "$1")
    .replace(/\s+(?:in|within|as|of|to|with|using|at)\s*([.!?])$/i, "$1")
    .replace(/,?\s+please([.!?])$/i, "$1")
    .trim();
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
