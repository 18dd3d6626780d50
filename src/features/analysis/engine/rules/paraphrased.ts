// One instruction said again in other words (PF403): "Do not speculate about any individual colleague's
// salary, bonus or performance rating. … Do not speculate about what any specific colleague earns or how
// they were rated.", "Use the customer's first name {{first_name}} in the greeting. … Address the customer by
// {{first_name}} in the greeting." The demand-word comparison of duplicates.ts wants four fifths of the words
// shared; a paraphrase shares fewer, but what it shares is particular to the pair: words said in these two
// sentences and nowhere else in the prompt (the act, "speculate"; the object, "greeting"). Two sentences of
// the same polarity sharing at least three words, most of the shorter one's, two of them found only in the
// pair, say one thing twice. Also a sentence that only gathers what two earlier ones said ("Write a LinkedIn
// post about our new product. Professional tone. … The post must be on LinkedIn, about our new product,
// professional in tone.").

import { META_VERBS, STOPWORDS, TASK_VERBS } from "../lexicon.js";
import {
  type Doc,
  MASK_CONTENT,
  MASK_MARKUP,
  type Sentence,
  TOKEN_NUMBER,
  TOKEN_PUNCT,
  TOKEN_VAR,
  TOKEN_WORD,
} from "../text.js";
import type { Span } from "../types.js";

/** Words that press, comply or only carry a demand: they say nothing of what is demanded. */
const CARRIERS = new Set(
  `always remember reminder again once more repeat important importantly note please make sure ensure be keep use
  using follow need needs want should must also every each any all throughout everything anything`.split(
    /\s+/,
  ),
);
const NEGATIONS = new Set(
  "not no never don't doesn't didn't isn't aren't won't can't cannot shouldn't mustn't without nothing none avoid".split(
    " ",
  ),
);
/** Words that open a demand made for one case ("If the user is logged in, …"): complementary cases differ. */
const CASE_OPENERS = new Set("if when whenever unless otherwise once after before for".split(" "));

const DIRECTIVE_OPENERS = new Set("never always don't do not no only address call greet refer".split(" "));

/** A crude root: "rating", "rated", "rates" → "rat"; enough to match one word in two forms. */
function root(w: string): string {
  let x = w.replace(/['’]s$/, "");
  for (const suffix of ["ings", "ing", "ies", "ied", "ed", "es", "s", "ly", "e"]) {
    if (x.length - suffix.length >= 3 && x.endsWith(suffix)) {
      x = x.slice(0, -suffix.length);
      break;
    }
  }
  return x;
}

interface Said {
  sentence: Sentence;
  words: string[];
  negated: boolean;
}

function saidOf(doc: Doc, s: Sentence, isTurn: (s: Sentence) => boolean): Said | null {
  if (!s.instruction || isTurn(s) || doc.mask[s.start] === MASK_CONTENT) return null;
  const first = doc.tokens[s.head >= 0 ? s.head : s.t0];
  if (!first || CASE_OPENERS.has(first.lower)) return null;
  // a directive: an imperative, a prohibition, or a "must"/"should" (a statement or a line of a draft is not)
  const lower = doc.instructionLower.slice(s.start, s.end);
  if (
    !TASK_VERBS.has(first.lower) &&
    !META_VERBS.has(first.lower) &&
    !DIRECTIVE_OPENERS.has(first.lower) &&
    !/\b(?:must|should|needs? to|has to|have to)\b/.test(lower)
  )
    return null;
  const line = doc.text.slice(s.start, s.end).trimEnd();
  if (line.endsWith(":") || line.startsWith("|")) return null;
  const words = new Set<string>();
  let negated = false;
  for (let i = s.t0; i < s.t1; i++) {
    const t = doc.tokens[i]!;
    if (t.type === TOKEN_PUNCT) continue;
    if (NEGATIONS.has(t.lower)) {
      negated = true;
      continue;
    }
    // a number, a variable or inline code names an item: kept whole
    if (t.type === TOKEN_VAR || t.type === TOKEN_NUMBER || t.mask === MASK_MARKUP) words.add(`{${t.lower}`);
    else if (t.type === TOKEN_WORD && !STOPWORDS.has(t.lower) && !CARRIERS.has(t.lower) && t.lower.length > 2)
      words.add(root(t.lower));
  }
  return { sentence: s, words: [...words], negated };
}

/**
 * The earlier sentences (one or two) that a later sentence only gathers: every one of its words, five or
 * more, was said in them, in the same section. Returns the index of the first of them, or -1.
 */
export function gatheredFrom(words: string[][], sections: number[], j: number): number {
  const b = words[j]!;
  if (b.length < 5) return -1;
  let best = -1;
  let bestShared = 0;
  for (let i = 0; i < j; i++) {
    if (sections[i] !== sections[j]) continue;
    const have = new Set(words[i]);
    const shared = b.filter((w) => have.has(w)).length;
    if (shared > bestShared) [best, bestShared] = [i, shared];
  }
  // most of it from one sentence, the rest from one other
  if (best < 0 || bestShared < 3 || bestShared === b.length) return -1;
  const first = new Set(words[best]);
  const rest = b.filter((w) => !first.has(w));
  for (let i = 0; i < j; i++) {
    if (i === best || sections[i] !== sections[j]) continue;
    const have = new Set(words[i]);
    if (rest.every((w) => have.has(w))) return best;
  }
  return -1;
}

/**
 * The first pair of instruction sentences (earlier, later) that say one demand in other words, by the
 * reading above; `skip` leaves out pairs another reading already judged.
 */
export function paraphrasedPair(
  doc: Doc,
  before: number,
  isTurn: (s: Sentence) => boolean,
): [Span, Span] | null {
  const said: Said[] = [];
  for (const s of doc.sentences) {
    if (s.start >= before) break;
    const x = saidOf(doc, s, isTurn);
    if (x && x.words.length >= 3) said.push(x);
  }
  // in how many sentences each word is said
  const df = new Map<string, number>();
  for (const x of said) for (const w of x.words) df.set(w, (df.get(w) ?? 0) + 1);
  const n = Math.min(said.length, 80);
  const section = said.map((x) => doc.markup.filter((m) => m.start < x.sentence.start).length);
  const words = said.map((x) => x.words);
  for (let j = 2; j < n; j++) {
    if (said[j]!.negated) continue;
    const i = gatheredFrom(words, section, j);
    if (i >= 0)
      return [
        { start: said[i]!.sentence.start, end: said[i]!.sentence.end },
        { start: said[j]!.sentence.start, end: said[j]!.sentence.end },
      ];
  }
  for (let j = 1; j < n; j++) {
    const b = said[j]!;
    const own = new Set(b.words);
    for (let i = 0; i < j; i++) {
      const a = said[i]!;
      if (a.negated !== b.negated) continue;
      // under two headings, words in common are an overview and its section, not one demand said twice
      if (doc.markup.some((m) => m.start > a.sentence.end && m.start < b.sentence.start)) continue;
      if (a.sentence.label !== "" && b.sentence.label !== "" && a.sentence.label !== b.sentence.label)
        continue;
      let shared = 0;
      let particular = 0;
      for (const w of a.words)
        if (own.has(w)) {
          shared++;
          if (df.get(w) === 2) particular++;
        }
      const shorter = Math.min(a.words.length, b.words.length);
      // the later one adds at most two words, and no number or name of its own (another item)
      if (
        b.words.length - shared > (b.negated ? 2 : 1) ||
        b.words.some((w) => !a.words.includes(w) && /^[\d{]/.test(w))
      )
        continue;
      // (and the two are mostly the same words: a detail added to a longer task sentence shares a few of its
      // words, "Write a query that returns the ten customers with the highest total … Show each customer's name")
      if (
        shared >= 3 &&
        particular >= 2 &&
        shared >= 0.6 * shorter &&
        2 * shared >= 0.5 * (a.words.length + b.words.length)
      )
        return [
          { start: a.sentence.start, end: a.sentence.end },
          { start: b.sentence.start, end: b.sentence.end },
        ];
    }
  }
  return null;
}
