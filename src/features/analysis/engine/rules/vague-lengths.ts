// Lengths left to a guess in words other than "short" and "brief" (which vague.ts reads word by word):
// "not too long", "a bit shorter", "of reasonable length", "reasonably short", "shortish". Said of the
// answer in a sentence that directs the model, with no length in numbers anywhere, they leave the length
// open as "Keep it short." does in the labelling guide. Not inside a condition ("if it's not too long,
// keep it as is"), in a pasted chat turn or an example field, or in quoted material (masked before this).
import { type Doc, MASK_INSTRUCTION, tokenAt } from "../text.js";
import type { Span } from "../types.js";
import { exampleTurn } from "./duplicates.js";

const OPEN_LENGTH_RE =
  /\b(?:not (?:too|overly|very|super|that|excessively) (?:long|short|wordy|lengthy|brief)(?: (?:or|and|nor|but not) (?:not )?(?:too )?(?:long|short|wordy|lengthy|brief))?|(?:a (?:bit|little|tad)|slightly|somewhat) (?:shorter|longer|more concise|more detailed|less wordy)|(?:of |at )?(?:a )?(?:reasonable|moderate|decent|medium|normal|sensible|the right|an appropriate) length|reasonably (?:short|brief|long|concise)|short-?ish|long-?ish)\b/g;
/** Words that open a condition or an indirect question the phrase sits in: "if it's not too long". */
const CONDITION_BEFORE_RE = /\b(?:if|when|whenever|unless|whether|as long as)\b[^.!?;\n]*$/;
/** A short genre the replies are modelled on, named in the sentences before: its size is the length. */
const SHORT_GENRE_BEFORE_RE =
  /\b(?:in the style of|like|as)\s+(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,3}?(?:quotes?|quotations?|one-liners?|quips?|proverbs?|sayings?|aphorisms?|mottos?|slogans?|taglines?|haikus?|tweets?|fortune cookies?)\b/;
/** Cheap screen: every phrase above holds one of these. */
const SCREEN = ["long", "short", "length", "wordy", "brief", "concise", "detailed"];

/** Spans of open-length phrases in the author's instruction sentences, in text order. */
export function openLengthPhrases(doc: Doc): Span[] {
  const lower = doc.instructionLower;
  if (!SCREEN.some((w) => lower.includes(w))) return [];
  const out: Span[] = [];
  OPEN_LENGTH_RE.lastIndex = 0;
  for (let m = OPEN_LENGTH_RE.exec(lower); m !== null; m = OPEN_LENGTH_RE.exec(lower)) {
    if (doc.mask[m.index] !== MASK_INSTRUCTION) continue;
    const ti = tokenAt(doc, m.index);
    const s = ti >= 0 ? doc.sentences[doc.tokens[ti]!.sentence] : undefined;
    if (!s?.instruction || exampleTurn(s)) continue;
    if (CONDITION_BEFORE_RE.test(lower.slice(s.start, m.index))) continue;
    // "… responds with a brief encouragement in the style of a film's quotes. Keep them not very long.":
    // the genre imitated just before sizes them
    if (SHORT_GENRE_BEFORE_RE.test(lower.slice(Math.max(0, s.start - 300), s.start))) continue;
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}
