// Whether a prompt that refers to material ("the article below", "this code") actually holds it: blocks,
// placeholders, text after or before the reference that is not more of the request. The missing-material
// rule in material.ts asks this once per reference.
import { stem } from "../signals.js";
import { MASK_CONTENT, matchesOf } from "../text.js";
import type { Span } from "../types.js";
import type { Rule } from "./rule.js";

// A reference only counts when the prompt stops short: how much text after (or before) the reference's
// own line would be enough to be the material.
export const ENOUGH = 60;

export function hasMaterial(ctx: Parameters<Rule["check"]>[0], at: Span, lower: string): boolean {
  const { doc } = ctx;
  // a {{variable}} is the material, unless the reference says where its material is and every variable
  // names something else inside a sentence ("You will receive the customer's message in
  // {{customer_message}}. … using the return-policy table shown above")
  const placed = /\b(?:below|above|following|attached|enclosed|pasted|included)\b/.test(lower);
  const varsHold = doc.vars.some((v) => !placed || varHolds(doc.text, v, lower));
  if (varsHold || doc.slots.length > 0 || hasRealBlock(doc)) return true;
  const specRef = SPEC_WORD_RE.test(lower);
  // (the sentences that introduce those variables are not the material either)
  const text =
    doc.vars.length > 0 ? doc.text.replace(/^[^\n]*\{\{[^\n]*$/gm, (l) => " ".repeat(l.length)) : doc.text;
  // {single} placeholders, [paste here], <text> markers also stand for material
  if (hasPlaceholder(text)) return true;
  const lineEnd = text.indexOf("\n", at.end);
  // bounded windows: a long prompt may hold many references, and each is judged here
  const sentenceEnd = /[.!?:](?:\s|$)/.exec(text.slice(at.end, at.end + 2000));
  // material "below" starts on a later line, or after a colon: more sentences of the reference's own
  // paragraph ("… the document below, step by step. For every step, record …") are more of the request
  const below = /\b(?:below|following)\b/.test(lower);
  const lineRest = sentenceEnd
    ? text.slice(at.end + sentenceEnd.index + 1, lineEnd < 0 ? text.length : lineEnd)
    : "";
  const sentenceStop =
    sentenceEnd && (!below || text[at.end + sentenceEnd.index] === ":" || !isMoreInstructions(lineRest, true))
      ? sentenceEnd.index + 1
      : text.length;
  const afterFrom = Math.min(lineEnd < 0 ? text.length : lineEnd, at.end + sentenceStop);
  const after = text.slice(afterFrom, afterFrom + 4000);
  // the rest of the reference's own line, all instructions ("…below for the programme: 80 words, third
  // person"), is the request's spec, not the material
  const afterStart = afterFrom;
  const sameLine = after.split("\n")[0]!;
  const spec =
    sameLine.trim() !== "" &&
    after.slice(sameLine.length).trim() === "" &&
    isInstructionOnly(doc.mask, afterStart, afterStart + after.length);
  const beforeEnd = text.lastIndexOf("\n", at.start) + 1;
  const before = text.slice(Math.max(0, beforeEnd - 1000), beforeEnd);
  // "Translate the following into Spanish: Good morning …", "What does this error mean: "…"?": the
  // material stands on the reference's own line (a position word points elsewhere: that is the spec)
  if (!/\b(?:below|above|attached|uploaded|enclosed|end of)\b/.test(lower)) {
    const lineStop = Math.min(lineEnd < 0 ? text.length : lineEnd, at.end + 2000);
    const rest = text.slice(at.end, lineStop);
    if (
      /^[^\n.!?]*?:\s*\S[^\n]{8,}/.test(rest) ||
      !isInstructionOnly(doc.mask, at.end, Math.min(lineStop, at.end + 3))
    )
      return true;
  }
  // "… I've included at the end of this prompt": the prompt's last paragraph must be that material
  if (/\bend of\b/.test(lower)) {
    const last =
      text
        .slice(-4000)
        .trimEnd()
        .split(/\n[ \t]*\n/)
        .pop() ?? "";
    return last.trim().length >= ENOUGH && !isMoreInstructions(last);
  }
  // options or a list after the question or request ("Which of these is a mammal? A) shark B) dolphin")
  {
    // a bounded window: this runs once per reference, and a long prompt may hold many
    // (a list under a heading of the answer's shape or the rules, "Answer format:", is more of the request)
    // and only the paragraph the reference ends or the next one: a list further on is another part of the brief
    const rest = text
      .slice(at.end, at.end + 1500)
      .split(/\n[ \t]*\n/)
      .slice(0, 2)
      .join("\n\n")
      .replace(specRef ? /$^/ : SPEC_LIST_RE, "");
    if ((rest.match(/(?:^|\s)[A-Da-d][).]\s+\S/g) ?? []).length >= 2) return true;
    if ((rest.match(/^[ \t]*(?:[-*•]|\d+[.)])[ \t]+\S/gm) ?? []).length >= 2 && !/\babove\b/.test(lower))
      return true;
  }
  // "… in our standard format:" then short heading lines: that is the answer's shape, not the material
  const ownLineEnd = lineEnd < 0 ? text.length : lineEnd;
  const ownLine = text.slice(Math.max(text.lastIndexOf("\n", at.start) + 1, ownLineEnd - 300), ownLineEnd);
  if (
    /\b(?:format|template|structure|sections|headings|layout|outline|columns|fields)\s*:\s*$/i.test(
      ownLine,
    ) &&
    after
      .split("\n")
      .filter((l) => l.trim())
      .every((l) => l.trim().split(/\s+/).length <= 6 && !/[.!?]$/.test(l.trim()))
  )
    return false;
  // "Email 1: Hi, my order … Draft a reply to this email": a line labelled with the reference's noun
  const labelNoun = /^th(?:is|ese|ose) (?:[a-z-]+ )*?([a-z]{3,}?)(?:es|s)?$/.exec(lower)?.[1];
  if (
    labelNoun &&
    new RegExp(`^[ \\t]*(?:[-*•][ \\t]*)?${labelNoun}(?:e?s)?\\b[^:\\n]{0,20}:[ \\t]*\\S`, "im").test(before)
  )
    return true;
  // "Notes: - … - … Turn these into action items": a list just before a demonstrative is what it means
  if (/^th(?:is|ese|ose)\b/.test(lower) && (before.slice(-1500).match(LIST_LINE_RE) ?? []).length >= 2)
    return true;
  // "above" points back: only text before the reference can be the material
  if (/\babove\b/.test(lower)) return before.trim().length >= ENOUGH;
  // a few lines of code after "Review the code below." are the material, however short
  if (after.trim().length >= 12 && CODE_LINE_RE.test(after.slice(0, 1500))) return true;
  // what follows a reference is its material only if it is not more of the request: the rest of a
  // system prompt's rules, or the question the context should answer ("Question: … ?")
  // (unless the reference is to that very list: "the criteria below")
  // a line wrapped whole in quotation marks right after is the material, however short ("Translate the
  // sentence below: / "Your parcel arrives tomorrow."")
  if (QUOTED_LINE_RE.test(after.slice(0, 600))) return true;
  const material = after.replace(REQUEST_FIELD_RE, "").replace(specRef ? /$^/ : SPEC_LIST_RE, "");
  // material that is itself instructions ("Improve the system prompt below", "the recipe below") reads
  // like more of the request: for such a reference, text enough after it is its material
  const follows =
    material.trim().length >= ENOUGH &&
    (blockChars(doc, afterFrom, afterFrom + after.length) - (after.length - material.length) >= ENOUGH ||
      INSTRUCTIONS_AS_MATERIAL_RE.test(lower) ||
      !isMoreInstructions(material));
  // (an attachment is not the next request: "the file I attached … Also, separate question: …?")
  if (/\b(?:attached|uploaded|enclosed)\b/.test(lower))
    return follows && !/^\s*(?:also|and|separately|another|other|separate|p\.?s\.?)\b[^\n]*\?/i.test(after);
  // "this X" or "the X below": the material comes after; a long prompt may also have shown it before
  return (!spec && follows) || (lower.startsWith("this") && before.trim().length >= ENOUGH * 3);
}

/** The first line holding text, wrapped whole in quotation marks. */
const QUOTED_LINE_RE =
  /^\s*(?:"[^"\n]{8,}"|“[^”\n]{8,}”|«[^»\n]{8,}»|„[^“”\n]{8,}[“”]|「[^」\n]{8,}」)[ \t]*(?:\n|$)/;

const INSTRUCTIONS_AS_MATERIAL_RE =
  /\b(?:prompt|prompts|instructions|steps|recipe|recipes|procedure|process|workflow|directions|playbook|rules|guidelines|checklist|script|sop)\b/;
const SPEC_WORD_RE =
  /\b(?:format|template|structure|sections|headings|layout|outline|columns|fields|rules|steps|requirements|guidelines|criteria|instructions|checklist)\b/;
/** A list under a heading that shapes the answer or states rules ("Answer format:", "Rules:"), to its blank line. */
const SPEC_LIST_RE =
  /^[ \t]*[\w ]{0,30}\b(?:format|template|structure|sections|headings|layout|outline|columns|fields|rules|steps|requirements|guidelines|criteria|instructions|checklist)[ \t]*:[ \t]*\n(?:[ \t]*\S[^\n]*\n?)+/gim;

/** Variable names that stand for any material: "{{input}}", "{{text}}", "{{document}}". */
const GENERIC_VAR_WORDS = new Set(
  "input text content body data document doc docs material context source sources payload paste pasted value values attachment file files details info information".split(
    " ",
  ),
);

/** Whether a variable can be what a reference points at: named for it, generic, or on a line of its own. */
function varHolds(text: string, v: Span, lower: string): boolean {
  const words = text
    .slice(v.start + 2, v.end - 2)
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length >= 3);
  const named = new Set(lower.split(/[^a-z]+/).map(stem));
  if (words.length === 0 || words.some((w) => GENERIC_VAR_WORDS.has(w) || named.has(stem(w)))) return true;
  const lineStart = text.lastIndexOf("\n", v.start) + 1;
  const lineEnd = text.indexOf("\n", v.end);
  const rest = text.slice(lineStart, v.start) + text.slice(v.end, lineEnd < 0 ? text.length : lineEnd);
  return /^\s*(?:[\w ]{0,30}:|<\/?[\w-]+>|["'`]{1,3}|\s)*$/.test(rest);
}

/** A line of code: a statement opener, a call, a block brace or semicolon at its end, an arrow. */
const CODE_LINE_RE =
  /^[ \t]*(?:(?:import|from [\w.]+ import|def|class|function|const|let|var|return|for|while|public|private|package|func|fn|#include|SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE TABLE)\b[^\n]*|[^\n]*(?:[;{}][ \t]*|\):[ \t]*|=>[^\n]*)$|[\w.]+\([^()\n]*\)[ \t]*$)/m;

/** A labelled part of the request itself ("Question: …", "Task: …") standing after a reference. */
const REQUEST_FIELD_RE =
  /^[ \t]*(?:(?:customer|user|client|caller|student|patient|member|visitor|their|the|my|your)(?:'s)?[ \t]+)?(?:question|task|instructions?|output|format|answer|query)[ \t]*:[^\n]*$/gim;
/** A sentence that directs the reader: an imperative, a rule, a condition on what to do. */
const DIRECTIVE_SENTENCE_RE =
  /^[\s\-*•\d.)|#]*(?:please\s+)?(?:(?:for (?:each|every)|at the (?:end|start|top|bottom)|in (?:each|every)|after that|finally|then|first|next)\b[^,.!?]{0,30},\s*)?(?:(?:if|when|for each|after|before|always|never|do not|don't|only|keep|use|write|give|add|quote|say|produce|check|list|include|make|stick|start|end|return|answer|reply|respond|mark|rate|score|suggest|flag|note|avoid|ask|tell|explain|summari[sz]e|stay|be|treat|refer|cite|report|record|output|retry|run|repeat|log|print|show|put|label|tag|classify|extract|convert|translate|follow|focus|cover|mention|highlight|emphasi[sz]e|skip|omit|exclude|sort|group|number|limit|aim)\b|[^.!?]*\b(?:(?:under|at most|no more than|max(?:imum)?|exactly)\s+\d+\s+(?:words|lines|sentences|characters|bullets|items|cards|paragraphs)|one per (?:line|card|item|row))\b|[^.!?]*\b(?:you|your)\b[^.!?]*\b(?:must|should|need to|are to)\b|[^.!?]*\b(?:must|should)\s+(?:be|not|name|include|say)\b)/i;

const HEADINGS_RE = /^[ \t]*(?:#+[ \t]*)?[A-Z][A-Z &/-]{2,40}:?[ \t]*$/gm;
const HEADING_LINE_RE = /^[ \t]*(?:#+[ \t]*)?[A-Z][A-Z &/-]{2,40}:?[ \t]*$/;

/** Whether a text that follows a reference is more of the request rather than the material. */
function isMoreInstructions(after: string, anyDirective = false): boolean {
  const sentences = after
    .slice(0, 3000)
    .split(/(?<=[.!?]["”’')]?)\s+|\n+/)
    // a heading ("WHAT TO REVIEW") heads sentences; it is neither a rule nor material
    .filter((x) => x.trim().split(/\s+/).length >= 3 && !HEADING_LINE_RE.test(x));
  if (sentences.length === 0) return false;
  // a rule ("If a step fails, retry once") or an imperative, after a fronted phrase too ("For every step, record …")
  const directives = sentences.filter((x) => DIRECTIVE_SENTENCE_RE.test(x)).length;
  // a prompt in sections: headings after the reference ("HOW TO REPORT", "RULES") carry on the brief when
  // some of what they head directs the reader; labels over plain facts ("JOB AD:", "MY CV:") head material
  if ((after.match(HEADINGS_RE) ?? []).length >= 2 && directives / sentences.length >= 0.25) return true;
  // (for the rest of a reference's own line, one rule in it is enough: material starts on a new line)
  return anyDirective ? directives > 0 : directives / sentences.length >= 0.6;
}

/**
 * "… in our standard format:" followed by short heading lines ("Attendees / Decisions / Action items"):
 * the block is the answer's shape, not the material the reference points at.
 */
function isFormatTemplate(text: string, block: { start: number; end: number }): boolean {
  // the line before the block (a bounded look back: this runs once per block)
  const window = text.slice(Math.max(0, block.start - 300), block.start).trimEnd();
  const intro = window.slice(window.lastIndexOf("\n") + 1).trim();
  if (!/\b(?:format|template|structure|sections|headings|layout|outline|columns|fields)\s*:$/i.test(intro))
    return false;
  return text
    .slice(block.start, block.end)
    .split("\n")
    .filter((l) => l.trim())
    .every((l) => l.trim().split(/\s+/).length <= 6 && !/[.!?]$/.test(l.trim()));
}

/** {single} placeholders, [paste here], <text> markers: computed once per prompt. */
const PLACEHOLDER = new Map<string, boolean>();
function hasPlaceholder(text: string): boolean {
  let known = PLACEHOLDER.get(text);
  if (known === undefined) {
    known = /\{[a-z_]+\}|\[[^\]\n]{2,40}\]|<[a-z_]+>|\$\{[^}]+\}/i.test(text);
    if (PLACEHOLDER.size > 64) PLACEHOLDER.clear();
    PLACEHOLDER.set(text, known);
  }
  return known;
}

/** Whether some block is material rather than a format template; computed once per prompt. */
const REAL_BLOCK = new WeakMap<object, boolean>();
/** "Question:", "Customer question:", "Task:" opening a block: the request, not material. */
const QUESTION_FIELD_RE =
  /^\s*(?:(?:customer|user|client|caller|student|patient|member|visitor)(?:'s)?\s+)?(?:question|task|instructions?|query)\s*:/i;

export function hasRealBlock(doc: {
  text: string;
  blocks: Array<{ start: number; end: number; name: string; kind: string }>;
}): boolean {
  let known = REAL_BLOCK.get(doc);
  if (known === undefined) {
    // a labelled question or task after the reference is the request, not its material
    // and a block that only carries on the brief ("… check at least these clauses: liability, …") is
    // instructions the tokenizer took for material
    known = doc.blocks.some(
      (b) =>
        !isFormatTemplate(doc.text, b) &&
        !(b.kind === "introduced" && isMoreInstructions(doc.text.slice(b.start, b.end))) &&
        !QUESTION_FIELD_RE.test(doc.text.slice(b.start, b.start + 60)) &&
        !/^(?:(?:customer|user|client|caller|student|patient|member|visitor)(?:'s)? )?(?:question|task|instructions?|query)$/i.test(
          b.name,
        ),
    );
    REAL_BLOCK.set(doc, known);
  }
  return known;
}

/**
 * How much of a range lies in blocks of material: a quoted phrase inside a rule ('reply exactly: "Not in
 * the documents."') is part of the instruction, not the material a reference points at.
 */
function blockChars(
  doc: { blocks: Array<{ start: number; end: number }> },
  start: number,
  end: number,
): number {
  // blocks may nest ("Question:" labelled inside an introduced block): count each character once
  let n = 0;
  let covered = start;
  for (const b of [...doc.blocks].sort((x, y) => x.start - y.start)) {
    const from = Math.max(covered, b.start);
    const to = Math.min(end, b.end);
    if (to > from) {
      n += to - from;
      covered = to;
    }
  }
  return n;
}

export function isInstructionOnly(mask: ArrayLike<number>, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (mask[i] === MASK_CONTENT) return false;
  return true;
}

const LIST_LINE_RE = /^[ \t]*(?:[-*•]|\d+[.)])[ \t]+\S/gm;
/** "the following job titles": what an earlier reference pointing forward names. */
const FOLLOWING_RE =
  /\bthe following (?:(?!(?:in|into|to|as|for|with|from|by|on|at|and|or|using)\b)[a-z-]+ ){0,2}?([a-z-]+)\b(?= (?:in|into|to|as|for|with|from|by|on|at|and|or|using)\b|[.,;:!?]|$)/gm;

/** A label line opening a paragraph of material: "Addresses to convert:". */
const SEGMENT_LABEL_RE = /^([^\n:]{2,40}):[ \t]*(?:\n|$)/;

/**
 * One piece of material answers one reference. "Convert the following addresses … as in the examples
 * below" followed by one list of addresses, or "… the examples below" followed only by "Addresses to
 * convert:" and its list: the material after the reference is claimed by another thing the request
 * names (an earlier reference pointing forward, or a label naming something the instruction speaks of),
 * so the examples are missing. `earlier` holds the nouns of the references before this one that point
 * forward; `noun` is this reference's.
 */
export function claimedByAnother(
  doc: { text: string; instructionLower: string },
  at: Span,
  noun: string,
  earlier: string[],
): boolean {
  const { text } = doc;
  const lineEnd = text.indexOf("\n", at.end);
  if (lineEnd < 0) return false;
  const own = stem(noun);
  // a bare "the following" ending its line with a colon, a list or a fenced block right under it (a blank
  // line between at most): that is what it points at
  if (
    (noun === "the" || noun === "following") &&
    /^:[ \t]*\n(?:[ \t]*\n)?[ \t]*(?:(?:[-*•]|\d+[.)])[ \t]+\S|```)/.test(
      text.slice(lineEnd - 1, lineEnd + 40),
    )
  )
    return false;
  const instruction = doc.instructionLower.slice(0, at.start);
  const named = [...earlier, ...[...matchesOf(instruction, FOLLOWING_RE)].map((m) => m[1]!)];
  const others = [...new Set(named.map(stem))].filter((n) => n !== own);
  const material = text
    .slice(lineEnd, lineEnd + 4000)
    .split(/\n[ \t]*\n/)
    .map((s) => s.trim())
    .filter((s) => s !== "" && !isMoreInstructions(s));
  if (material.length === 0) return false;
  let claimed = 0;
  let unlabelled = 0;
  for (const segment of material) {
    // a line labelled with the reference's own noun ("User profile: [...]") is its material
    if (own.length >= 3 && new RegExp(`^[ \\t]*[^\\n:]{0,30}\\b${own}\\w*[ \\t]*:`, "im").test(segment))
      return false;
    const label = SEGMENT_LABEL_RE.exec(segment)?.[1]?.toLowerCase();
    if (!label) {
      unlabelled++;
      continue;
    }
    const words = label.split(/[^a-z]+/).filter((w) => w.length >= 4);
    if (words.some((w) => stem(w) === own)) return false;
    // a label naming what the instruction speaks of ("the postal addresses I give you")
    if (words.some((w) => new RegExp(`\\b${w}\\b`).test(instruction))) claimed++;
  }
  return claimed + Math.min(unlabelled, others.length) >= material.length;
}
