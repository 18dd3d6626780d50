// Shapes of a request that the clause reader (signals.ts) does not read as a task clause, for the fallback
// reading in understand.ts: a thing asked for politely, an order about a named piece of writing, a how-to
// question without its mark, a part taken on after "and", the questions a reader announces after a role.

import { META_VERBS, TASK_VERBS } from "./lexicon.js";

// A thing asked for politely: "I would greatly appreciate your assistance in …", "I kindly request your
// suggestions for …", "I am seeking your expertise in …"
export const POLITE_ASK_RE =
  /\b(?:i|we)(?: would|'d| really| greatly| kindly| truly| am| are|'m|'re){0,3} (?:appreciate|request|seek|seeking|welcome|ask for) (?:your|some|any)(?: [\w-]+){0,2}? (?:help|assistance|guidance|advice|suggestions?|recommendations?|input|expertise|feedback|thoughts|ideas|support|insights?)\b/i;

// An order about a piece of writing named after it: "Highlight our milestone in a LinkedIn post" (a verb
// the task list calls a manner, "highlight", "emphasise", takes its deliverable from the genre).
const ORDER_IN_GENRE_RE =
  /(?:^|[.!?\n]\s*)(?:please\s+)?([A-Za-z]{3,})\s+(?:the|a|an|my|our|your|this|these|those|\w+)\s[^.!?\n]{0,120}?\b(?:in|as|into|through) (?:a|an|one|two|three|\d+) (?:[\w-]+ ){0,2}?(?:post|tweet|thread|e-?mail|letter|poem|haiku|song|story|speech|toast|blog|article|newsletter|caption|slogan|script|ad|announcement)s?\b/;

export function orderInGenre(text: string): RegExpExecArray | null {
  const m = ORDER_IN_GENRE_RE.exec(text);
  const verb = m?.[1]?.toLowerCase() ?? "";
  return m && (TASK_VERBS.has(verb) || META_VERBS.has(verb)) ? m : null;
}

// "How to find a job in Burbank." — a how-to question written as a title, in lower case after "How to"
// (a title in capitals, "How to Train Your Dragon", names a film or a book)
export const HOW_TO_RE = /(?:^|[\n.!:;)]\s*)(?:[Hh]ow to|HOW TO) [a-z]+ [a-z]/;

// A part taken on, also after "and": "… and take the role of a ship's cook", "assume the persona of …"
export const TAKE_ROLE_RE =
  /(?:^|[.!?\n]\s*|\band\s+)(?:please\s+)?(?:take|assume|adopt)(?: on)? the (?:role|part|persona|character) of\s+\S/i;
// After a role, the reader announcing what they will bring: "I will ask you questions about …", "i will
// have some question for u" — the part is to answer them.
export const QUESTIONS_TO_COME_RE =
  /\b(?:i|we)(?: will|'ll| am going to| shall)? (?:ask (?:you|u)\b|have (?:some |a few |many )?(?:questions?|doubts?)\b|send (?:you|u) (?:my|the|a|an|some)\b|give (?:you|u) (?:my|the|a|an|some)\b|describe (?:my|a|the)\b)/i;
