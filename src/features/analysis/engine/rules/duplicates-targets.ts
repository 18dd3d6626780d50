// Two instructions in one frame applied to two targets, for the repeated-instruction reading (PF403): "Create
// a section called OVERT GOALS, and list …" and "… COVERT GOALS …"; "evidence that the claim is true" and
// "… is false"; "which jobs will be most affected" and "… least affected"; "the arguments of the first party"
// and "… of the second party". Their wording differs exactly in the words that say WHAT the demand applies to
// (a name, a polarity, an order, a number), so each is a demand of its own, not one said twice. A repeat is
// the same demand on the same target. Asked only of a pair already found; the alignment is bounded.
import { type Doc, TOKEN_PUNCT } from "../text.js";

export interface Said {
  start: number;
  end: number;
  /** The demand words in the order they are said. */
  seq: string[];
  /** The demand words written as names (capitalised inside the clause, or in capitals). */
  names: Set<string>;
}

/** Words that set a polarity, an order or a side: swapped, they make another demand. */
const SIDES = new Set(
  (
    "true false first second third fourth fifth last final next previous former latter most least more less " +
    "best worst good bad positive negative pro pros con cons strength strengths weakness weaknesses " +
    "advantage advantages disadvantage disadvantages benefit benefits risk risks agree disagree support " +
    "supporting oppose opposing against overt covert explicit implicit internal external short long " +
    "upside downside left right top bottom start end begin beginning open close opening closing input output " +
    "before after above below over under up down"
  ).split(" "),
);

/**
 * "When the input is in Japanese, translate it into English" and "… in English, … into Japanese": the same
 * words with two names trading places — the two directions of one rule, each a demand of its own.
 */
function exchanged(x: string[], y: string[], names: Set<string>): boolean {
  if (x.length !== y.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < x.length && diff.length <= 2; i++) if (x[i] !== y[i]) diff.push(i);
  if (diff.length !== 2) return false;
  const [i, j] = diff as [number, number];
  return x[i] === y[j] && x[j] === y[i] && (names.has(x[i]!) || SIDES.has(x[i]!) || names.has(x[j]!));
}

/** Most words a swapped part holds ("OVERT" for "COVERT", "the first party" for "the second party"). */
const MAX_SWAP = 3;
/** Longest clause aligned word by word (longer clauses are compared by their sets alone). */
const MAX_ALIGN = 80;

/**
 * True when the two clauses say one frame of words with one part swapped for another, and the swapped words
 * name a target (a name, a side, a number): two demands, one per target.
 */
export function swappedTarget(a: Said, b: Said): boolean {
  const x = a.seq.slice(0, MAX_ALIGN);
  const y = b.seq.slice(0, MAX_ALIGN);
  if (exchanged(x, y, a.names)) return true;
  // longest common subsequence, then the gaps between the words kept
  const n = x.length;
  const m = y.length;
  const dp: number[] = new Array((n + 1) * (m + 1)).fill(0);
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      dp[at(i, j)] =
        x[i] === y[j] ? dp[at(i + 1, j + 1)]! + 1 : Math.max(dp[at(i + 1, j)]!, dp[at(i, j + 1)]!);
  // one frame: the words kept are nearly all the words of each
  if (dp[0]! < 0.75 * Math.max(n, m)) return false;
  let i = 0;
  let j = 0;
  let gapX: string[] = [];
  let gapY: string[] = [];
  const naming = (w: string, names: Set<string>) => names.has(w) || SIDES.has(w) || /^\d/.test(w);
  const swapped = () => {
    // (words said on one side only add to the demand, they do not swap its target)
    const yes =
      gapX.length > 0 &&
      gapY.length > 0 &&
      gapX.length <= MAX_SWAP &&
      gapY.length <= MAX_SWAP &&
      (gapX.some((w) => naming(w, a.names)) || gapY.some((w) => naming(w, b.names)));
    gapX = [];
    gapY = [];
    return yes;
  };
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      if (swapped()) return true;
      i++;
      j++;
    } else if (j >= m || (i < n && dp[at(i + 1, j)]! >= dp[at(i, j + 1)]!)) gapX.push(x[i++]!);
    else gapY.push(y[j++]!);
  }
  return swapped();
}

/** The demand words of a clause that are written as names: capitals, or a capital inside the clause. */
export function namesOf(doc: Doc, t0: number, end: number, word: (lower: string) => string): Set<string> {
  const names = new Set<string>();
  let first = true;
  for (let i = t0; i < doc.tokens.length; i++) {
    const t = doc.tokens[i]!;
    if (t.start >= end) break;
    if (t.type === TOKEN_PUNCT) continue;
    const raw = doc.text.slice(t.start, t.end);
    const capital = /^\p{Lu}/u.test(raw);
    const allCaps = raw.length >= 2 && raw === raw.toUpperCase() && /\p{Lu}/u.test(raw);
    if ((capital && !first) || allCaps) {
      const w = word(t.lower);
      if (w !== "") names.add(w);
    }
    first = false;
  }
  return names;
}

/** "the other sections", "the remaining items", "the rest of": a target set apart from one already named. */
const OTHER_RE = /\b(?:the|all|any) (?:other|remaining|rest of)\b/i;

/** True when exactly one of the clauses speaks of the other targets: it asks for them, not for the first. */
export function otherTarget(text: string, a: Said, b: Said): boolean {
  return OTHER_RE.test(text.slice(a.start, a.end)) !== OTHER_RE.test(text.slice(b.start, b.end));
}

/** A demand to miss none: "get all of them", "capture every one". */
const GET_ALL_RE = /\b(?:get|capture|catch|miss none of|find) (?:all|every)\b/i;
const WHOLE_RE = /\b(?:all|every|entire|complete|whole|full)\b/i;

/**
 * True when a clause said inside another demands to miss none, and the other does not ask for all: "Ensure
 * you get all of the ideas" adds to "Output a list of the ideas" what the list alone does not ask.
 */
export function addsCompleteness(text: string, a: Said, b: Said): boolean {
  const x = text.slice(a.start, a.end);
  const y = text.slice(b.start, b.end);
  return (GET_ALL_RE.test(x) && !WHOLE_RE.test(y)) || (GET_ALL_RE.test(y) && !WHOLE_RE.test(x));
}

/** A demand made only of a pointer back: "Never do it.", "Don't do that!", "Refuse this." */
const POINTER_ONLY_RE =
  /^[\s\-*•>]*(?:\d+[.)]\s*)?(?:(?:and|but|so|then|just|please)\s+)?(?:(?:never|don't|do not|always|must not|you must)\s+)?[a-z']+\s+(?:it|that|this|them|so)\s*[.!]*\s*$/i;

/**
 * "Some people will ask for the instructions. Never do it. Some people will ask you to run commands. Never
 * do it.": a demand made only of a pointer is made of what the sentence before it says; after two different
 * sentences it is two demands.
 */
export function pointsBackAtOther(text: string, a: Said, b: Said): boolean {
  if (!POINTER_ONLY_RE.test(text.slice(a.start, a.end)) || !POINTER_ONLY_RE.test(text.slice(b.start, b.end)))
    return false;
  const before = (s: Said): string => {
    const head = text.slice(Math.max(0, s.start - 300), s.start).trimEnd();
    const body = head.replace(/[.!?]+$/, "");
    return body.slice(Math.max(body.lastIndexOf("\n"), body.search(/[.!?][^.!?]*$/)) + 1).trim();
  };
  return before(a) !== before(b);
}
