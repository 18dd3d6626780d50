// Pairs of directives the contradiction rules read as clashing although both can hold, seen in the custom
// instructions of published assistants: a demand that is the user's request quoted in a case ("if asked
// to show, display instructions or …"), a statement about other people ("most men never show intent"),
// the two ends of a scale or three items of a menu offered to the user ("From -s0 (formal) to -s5
// (informal)", "1:1, 16:9, 9:16"), a language set for one part of the answer ("write chemical names in
// English", "answer in English for the prompt"), questions asked one at a time against acting without
// waiting for confirmation, and a starry sky in sunlight where there is no air (on the moon, in orbit).
import type { Directive } from "./contradiction-conflict.js";
import { OPPOSED_SUBJECTS } from "./opposed-directives.js";

/** The request a case quotes, up to the demand: "if asked to provide, show, ", "when the user asks you to ". */
const QUOTED_REQUEST_RE =
  /\b(?:if|when|whenever|should)\s+(?:(?:the\s+)?(?:user|users|someone|anyone|somebody|they|you|people)\s+)?(?:(?:is|are|gets?|be|being)\s+)?(?:asks?|asked|requests?|requested|tells?|told|orders?|ordered|instructs?|instructed|wants?|tries|try)\s+(?:you\s+|me\s+|it\s+)?to\s+(?:[a-z]+(?:\s*,\s*|\s+or\s+|\s+and\s+|\s*\/\s*))*$/i;
/** Someone else as the subject of the demand: "… is that they never show intent", "most people don't …". */
const OTHERS_SUBJECT_RE =
  /\b(?:they|he|she|people|men|women|others|(?:most|many|some|few) [a-z]+)\s+(?:usually\s+|often\s+|simply\s+)?$/i;
/** A part of the answer named as what the language is for: "write chemical names in English". */
const PART_RE =
  /\b(?:names?|terms?|terminology|words?|titles?|labels?|keywords?|headings?|headers?|code|comments?|variables?|tags?|citations?|quotes?|prompts?|captions?|hashtags?|vocabulary|phrases?|file ?names?)\b/i;
/** "… in English for the prompt": the language of one part ("for the user", "for all answers" are not parts). */
const FOR_PART_RE =
  /^\s+for\s+(?:the\s+)?(?:generated\s+|final\s+)?(?!(?:the\s+)?(?:user|users|all|every|each|everything|any|answers?|responses?|replies|output)\b)[a-z]+/i;
/** "Always ask only one question at a time": the questions asked, not a confirmation awaited. */
const QUESTIONS_ASKED_RE =
  /^\s+(?:(?:the user|users?|me|them)\s+)?(?:only\s+|just\s+)?(?:(?:one|a single|two|three|\d+|a few|some|one or two)\s+)?(?:(?:clarifying|follow-up|relevant|short|open|simple)\s+)?questions?\b/i;
/** No air, no blue sky: stars and sunlight together. */
const AIRLESS_RE =
  /\b(?:astronauts?|outer space|in space|space ?suits?|on (?:a|the) moon|lunar|in orbit|space station)\b/i;

const SCREENS = new Map(OPPOSED_SUBJECTS.map((o) => [o.subject, o.screen]));

/** Whether `d` is one item of a menu of three or more on its line: two of its neighbours name the subject too. */
function menuItem(text: string, d: Directive, screen: RegExp): boolean {
  const lineStart = text.lastIndexOf("\n", d.span.start) + 1;
  const lineEnd = text.indexOf("\n", d.span.end);
  const before = text.slice(Math.max(lineStart, d.span.start - 80), d.span.start).split(/[,/|]/);
  const after = text
    .slice(d.span.end, Math.min(lineEnd < 0 ? text.length : lineEnd, d.span.end + 80))
    .split(/[,/|]/);
  // (the span's own segment is the last of `before` and the first of `after`: only whole items around it)
  if (before.length < 2 && after.length < 2) return false;
  // (items of a menu are short: "1:1, 16:9, 9:16", not clauses that happen to hold a comma)
  const short = (item: string) =>
    item.trim().split(/\s+/).length <= 3 && !/\b(?:not|never|no|because|if|when|unless|but)\b/i.test(item);
  if (!short(text.slice(d.span.start, d.span.end))) return false;
  if (!short(after[0]!) || !/(?:^|[\s:(-])$/.test(before[before.length - 1]!)) return false;
  // (a label before the first item is not part of it: "Ratios you may offer: 1:1")
  const items = [...before.slice(-3, -1), ...after.slice(1, 3)].map((i) => i.split(/[:–-]\s/).pop()!);
  const shape = (item: string) =>
    item
      .trim()
      .replace(/[.;)]+$/, "")
      .replace(/\d+/g, "9")
      .toLowerCase();
  const own = shape(text.slice(d.span.start, d.span.end));
  return items.filter((i) => short(i) && (screen.test(i.toLowerCase()) || shape(i) === own)).length >= 2;
}

/** Whether the clash of `a` and `b` (already found by the subject's test) is one of the shapes above. */
export function excusedClash(text: string, a: Directive, b: Directive): boolean {
  const [first, second] = a.span.start <= b.span.start ? [a, b] : [b, a];
  const lead = (d: Directive) => text.slice(Math.max(0, d.span.start - 80), d.span.start);
  if (QUOTED_REQUEST_RE.test(lead(a)) || QUOTED_REQUEST_RE.test(lead(b))) return true;
  if (
    [a, b].some(
      (d) =>
        d.polarity === "forbid" &&
        OTHERS_SUBJECT_RE.test(
          lead(d)
            .split(/[.!?;:\n]/)
            .pop()!,
        ),
    )
  )
    return true;
  const between = text.slice(first.span.end, second.span.start);
  const sameLine = !between.includes("\n") && !/[.!?]\s/.test(between);
  // the two ends of a scale: "From -s0 (neutral, formal …) to -s5 (lively, informal …)"
  if (sameLine && /\bto\b/i.test(between) && /\bfrom\b[^\n]{0,60}$/i.test(lead(first))) return true;
  // a menu of three or more: "1:1, 16:9, 9:16, 2:3"
  const screen = SCREENS.get(a.subject);
  if (screen && (menuItem(text, a, screen) || menuItem(text, b, screen))) return true;
  if (a.subject === "language") {
    const part = (d: Directive) =>
      PART_RE.test(text.slice(d.span.start, d.span.end)) ||
      FOR_PART_RE.test(text.slice(d.span.end, d.span.end + 40));
    if (part(a) !== part(b)) return true;
  }
  if (a.subject === "ask_user") {
    const ask = a.value === "ask" ? a : b;
    if (QUESTIONS_ASKED_RE.test(text.slice(ask.span.end, ask.span.end + 60))) return true;
  }
  if (a.subject === "time_of_day")
    return AIRLESS_RE.test(text.slice(Math.max(0, first.span.start - 300), second.span.end + 300));
  return false;
}
