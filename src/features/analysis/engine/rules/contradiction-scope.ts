// Where a contradiction rule's directive applies: a case stated in its sentence or its section's heading,
// the part of the output its line's label names, or the chat turn it sits in. Two limits on different
// cases, parts or turns do not conflict.

import { matchesOf } from "../text.js";

export const CASE_WORD_RE =
  /\b(?:if|when|whenever|unless|in case|only for|for (?:a|an|any|each) \w+ (?:that|who|which))\b/i;
export const CASE_AFTER_RE =
  /(?<!\b(?:as|even) )\b(?:if|when|whenever|unless|only if|where (?:needed|necessary|relevant))\b/;
const CASE_HEADING_RE = /^#{1,6}\s*(?:how to (?:handle|respond|deal)|handling|when|if|for|in case|on)\b/i;

/** Offsets where a heading that names a case ("## When the user asks for a refund") starts a section. */
export function caseHeadings(text: string): Array<{ start: number; isCase: boolean }> {
  const out: Array<{ start: number; isCase: boolean }> = [];
  for (const m of matchesOf(text, /^#{1,6}[ \t][^\n]*/gm))
    out.push({ start: m.index, isCase: CASE_HEADING_RE.test(m[0]) });
  return out;
}

/** True when the clause at `offset` sits in a stated case: the sentence's lead-in or its section's heading. */
export function caseBefore(
  text: string,
  offset: number,
  headings: Array<{ start: number; isCase: boolean }>,
) {
  if (CASE_WORD_RE.test(leadIn(text.slice(Math.max(0, offset - 240), offset)))) return true;
  let section: { isCase: boolean } | undefined;
  for (const h of headings) {
    if (h.start > offset) break;
    section = h;
  }
  return section?.isCase ?? false;
}

const SENTENCE_END_RE = /[.!?](?:\s|$)|\n[ \t]*\n/g;

/**
 * What follows the last sentence end or blank line in `before` (`before.split(SENTENCE_END).pop()`):
 * one scan for the ends instead of split's attempt at every position.
 */
function leadIn(before: string): string {
  let end = 0;
  for (const m of matchesOf(before, SENTENCE_END_RE)) end = m.index + m[0].length;
  return before.slice(end);
}

/** Under this many characters a prompt's labelled lines are not sections with limits of their own. */
export const SECTIONED_PROMPT_CHARS = 600;

/** A bound written into its noun: "a 300-word version", "a one-sentence hook". */
// ("a 400 word essay": digits and a singular unit, the hyphen left out)
export const ATTRIBUTIVE_RE =
  /-(?:words?|sentences?|lines?|paragraphs?|pages?|characters?|chars?|stanzas?)$|^\d[\d,]*k? (?:word|sentence|line|paragraph|page|character|stanza)$/;
/** A line led by a label naming a part: "- Product descriptions: …", "2. **Appendix** — …". */
const LINE_LABEL_RE =
  /^[ \t]*(?:[-*•][ \t]+|\d+[.)][ \t]+)?(?:\*\*|__)?([A-Za-z][A-Za-z' -]{1,40}?)(?:\*\*|__)?[ \t]*(?::|—|–| - )/;
/** Labels that name a setting of the whole answer or address the reader, not a part of the output. */
const GENERIC_LABEL_RE =
  /^(?:(?:output |answer |response )?(?:length|format|formatting|style|tone|voice|output|rules?|constraints?|notes?|requirements?|guidelines?|instructions?|task|answer|response|reply|important|conventions?|house style|limits?|size|important note)|.*\b(?:you|your|i|we|please|each|every)\b.*)$/;

/** The line last looked up by lineStart: bounds on one long line would otherwise each scan back to its start. */
const lastLine = { text: "", start: 0, end: -1 };

/** `text.lastIndexOf("\n", at - 1) + 1`, remembering the line for the next position on it. */
function lineStart(text: string, at: number): number {
  if (at > 0 && lastLine.text === text && lastLine.start <= at && at - 1 < lastLine.end)
    return lastLine.start;
  const start = text.lastIndexOf("\n", at - 1) + 1;
  const end = text.indexOf("\n", start);
  lastLine.text = text;
  lastLine.start = start;
  lastLine.end = end < 0 ? text.length : end;
  return start;
}

export function lineLabel(text: string, at: number): string | null {
  const start = lineStart(text, at);
  const m = LINE_LABEL_RE.exec(text.slice(start, at));
  if (!m) return null;
  const label = m[1]!.trim().toLowerCase();
  return GENERIC_LABEL_RE.test(label) ? null : `label:${label}`;
}

/** A part named right before its bound inside a sentence: "… for that channel: product page = 80–120 words". */
const INLINE_LABEL_RE = /(?:^|[^a-z' -])\s*((?:[a-z][a-z'-]*\s+){0,2}[a-z][a-z'-]*)\s*(?:=|:|—|–)\s*$/;
/** Words that make a label a judgement of the answer ("keep it short:") rather than the name of a part. */
const NOT_A_PART_RE =
  /\b(?:it|short|brief|long|concise|max|maximum|minimum|limit|count|budget|total|overall)\b/;

/** The part a bound's own label names within its clause, as `label:<name>`; null when none or generic. */
export function inlineLabel(lower: string, at: number): string | null {
  const m = INLINE_LABEL_RE.exec(lower.slice(Math.max(0, at - 60), at));
  if (!m) return null;
  const label = m[1]!.trim();
  return GENERIC_LABEL_RE.test(label) || NOT_A_PART_RE.test(label) ? null : `label:${label}`;
}

/** Where each user turn of a chat transcript starts; empty unless both sides speak. */
export function userTurns(text: string): number[] {
  // the unanchored screen first: a multiline "^" is tried at every position of a long prompt
  if (!/(?:assistant|ai|bot|model|chatbot)[ \t]*:/i.test(text)) return [];
  if (!/^[ \t]*(?:assistant|ai|bot|model|chatbot)[ \t]*:/im.test(text)) return [];
  const starts = [...matchesOf(text, /^[ \t]*(?:user|human|me|customer)[ \t]*:/gim)].map((m) => m.index!);
  return starts.length >= 2 ? starts : [];
}

export function turnAt(turns: number[], at: number): number {
  let n = 0;
  while (n < turns.length && turns[n]! <= at) n++;
  return n;
}

/** "even if the customer asks": a concessive makes a demand hold in every case rather than state one. */
export const CONCESSIVE_RE = /\beven (?:if|when|though)\b/gi;
/** A translation asked for: its source and target are two languages by design. "So that nobody has to
 * translate your answer" names no target and is no translation. */
export const TRANSLATION_RE =
  /\btranslat\w*\b[^.;]{0,80}?\b(?:into|to|from)\b|\btranslations?\b|\btranslate\w*\s*$/;
/** Inside a condition still open at the end of the text ("if the user writes with emojis, …"). */
export const INSIDE_CONDITION_RE = /\b(?:if|when|whenever|unless)\b(?![^,:;]*(?:[,:;]|\bthen\b))[^,:;]*$/;
/** Inside what a user may ask for ("if asked to provide, show, display instructions", "when they request
 * you to share …"): the verbs name the request the case is about, not a demand on the answer. */
export const REQUESTED_CASE_RE =
  /\b(?:if|when|whenever)\s+(?:[\w'-]+\s+){0,3}?(?:ask(?:s|ed)?|request(?:s|ed)?|want(?:s|ed)?|tr(?:y|ies|ied)|attempts?|demands?)\s+(?:you\s+)?(?:to\s+)(?:[\w-]+,?\s+(?:or\s+|and\s+)?){0,4}$/;
/** A picture's demand after the user's request that sets its case ("…, but if user requests colour, it
 * should be colourful"), however the condition is spelled. */
export const USER_ASKS_RE =
  /\b(?:but|if|when|whenever|is|once)\s+(?:the\s+)?users?\s+(?:requests?|asks?\s+for|wants?)\b[^,;]*,[^,;]*$/;
/** A question that offers the user a choice of looks ("what size would you prefer, 1:1 …, 16:9 …"): no demand. */
export const VISUAL_OFFERED_RE =
  /\b(?:would you (?:like|prefer)|do you (?:want|prefer)|which (?:one|size|format|style|ratio)|what (?:size|format|style|aspect|ratio|kind of))\b|\bchoose (?:from|between|one of)\b/;
/** A picture's negative prompt ("--no", "反向提示") or a negation before a visual demand. */
export const VISUAL_NEGATED_RE =
  /(?:--no\b|\bnegative prompt\b|反向提示|负面提示|負面提示|ネガティブプロンプト|\b(?:no|not|avoid|without|never|don't)\b)[^.;\n]*$/;
