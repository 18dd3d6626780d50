// More ways a short prompt works on material it never includes, read by the missing-material rule in
// material.ts once its references have found nothing: a file, a picture, a recording or a link the
// request handles ("see the screenshot", "summarise the video", "using the CSV"), a part of a text named by
// its place ("fix the error on line 12", "rewrite the second paragraph"), and a label with nothing under
// it ("Input:" followed by the request).
import { type Doc, MASK_INSTRUCTION, MASK_MARKUP } from "../text.js";
import type { Span } from "../types.js";
import { opensWithRequest } from "../understand.js";
import { FOREIGN_WORKED_RE } from "./material-foreign.js";
import { hasMaterial } from "./material-present.js";
import type { Rule } from "./rule.js";

/**
 * A request that reads, watches or handles a file, picture, recording or link: "look at the image",
 * "what's wrong in this screenshot", "summarise the video", "using the CSV", "open the link". Group 1 is
 * the object's noun.
 */
const HANDLED_OBJECT_RE =
  /\b(?:see|look at|looking at|check|open|read|describe|analy[sz]e|review|summari[sz]e|sum up|transcribe|watch|listen to|go through|based on|using|from|according to|what(?:'s| is) (?:in|on|wrong with)|(?:feedback|thoughts) on)\s+(?:the|this|my|our|that)\s+(?:(?!(?:the|a|an|and|or|to|of|in|for|with|that|is|are)\b)[a-z-]+\s+)?(screenshots?|screen ?grabs?|images?|photos?|pictures?|pics?|scans?|screen recording|recording|video|videos|clip|audio|voice note|voicemail|podcast episode|attachments?|attached files?|pdf|csv|excel file|xlsx|spreadsheet|link|url|webpage|web page)(?=\s*(?:[.,;:!?)\u2014\u2013]|$)|\s+(?:(?:i|we)(?! (?:would|will|should|could|might|plan|want|need|am|are)\b)|and|or|to|for|in|into|on|at|with|from|so|then|but|please|about|is|are|was|has|have|shows?|says?|below|above|attached|here|again|now|first|carefully|more|quickly|briefly|properly)\b)/gi;
/** A question about handling such a thing ("How do I open the attachment …?"), not a request to handle it. */
const HOW_TO_RE =
  /^\s*(?:how|why|where|when|is there|are there|can i|can we|should i|what app|which app|what tool|which tool)\b/i;
/** "this video" as the subject of a question, or anywhere after "attached": "Is this screenshot …". */
const NAMED_LATER_RE = /^\s*(?:of|from|by|about|called|titled|named|at|on)\b|^\s*["“'‘]|^\s*\(?https?:/i;

/**
 * A part of a text named by its place, which only the text would show: "the error on line 12", "rewrite
 * paragraph 3", "the second sentence", "slide 4". Read only where the prompt makes nothing the part could
 * belong to.
 */
const PLACED_PART_RE =
  /\b(?:(?:on|in|at) line \d+|(?:paragraph|para|sentence|slide|stanza|verse|bullet) (?:\d+|one|two|three|four|five)\b|(?:the|that) (?:first|second|third|fourth|fifth|last|final|opening|closing|middle) (?:paragraph|sentence|line|slide|stanza|verse|bullet point|bullet)s?)\b/gi;
const MAKES_SOMETHING_RE =
  /\b(?:write|draft|create|compose|generate|produce|design|build|give me|come up with|prepare|plan|outline)\b|\bmake (?:a|an|me|some|up|one|two|three|\d)\b/i;

/** Words of a sentence that works on a part of a text or asks about it. */
const EDITED_RE =
  /\b(?:fix|rewrite|redo|shorten|lengthen|edit|change|reword|rephrase|improve|tighten|polish|check|explain|translate|proofread|cut|delete|remove|simplify|expand|correct|debug|error|bug|wrong|mean|means|typo|grammar|broken|fails|crash|crashes|throws)\b/i;

/**
 * "like the ones in that spreadsheet", "use the figures from those slides": a distal demonstrative that
 * points at material the writer has in front of them. After a preposition or a verb of reading only, as
 * "that" also joins clauses ("make sure that data is encrypted").
 */
const THAT_THING_RE =
  /\b(?:in|from|on|at|with|like|using|into|of|check|open|see|use|read|fix|review|update|edit|per)\s+(that|those)\s+(?:(?!(?:is|are|was|were|the|a|an|and|or|to|of)\b)[a-z-]+\s+)?(?:spreadsheet|sheet|file|document|doc|pdf|csv|list|table|email|e-mail|thread|deck|slides|screenshot|report|draft|memo|doc|notes|transcript|article|link|attachment|recording|video)s?\b(?!\s+(?:of|about|on|for|called|titled|named)\b)/gi;

/** A distal demonstrative on material in a short prompt that holds none: "that spreadsheet". */
export function distalMaterial(doc: Doc): Span | null {
  if (doc.text.length >= 600 || !noMaterial(doc)) return null;
  THAT_THING_RE.lastIndex = 0;
  for (const m of doc.text.matchAll(THAT_THING_RE)) {
    const at = m.index + m[0].toLowerCase().lastIndexOf(m[1]!.toLowerCase());
    if (doc.mask[at] !== MASK_INSTRUCTION) continue;
    const text = doc.text;
    const sentenceStart =
      Math.max(text.lastIndexOf("\n", m.index), text.slice(0, m.index).search(/[.!?][^.!?]*$/)) + 1;
    if (HOW_TO_RE.test(text.slice(sentenceStart, m.index))) continue;
    return { start: at, end: m.index + m[0].length };
  }
  return null;
}

/** Labels of material: "Text:", "Input:", "Email:", "Transcript:" … */
const MATERIAL_LABEL_RE =
  /(?:^|\n)[ \t]*(?:#+[ \t]*)?(?:the |my |your )?(?:input|text|article|email|e-mail|code|data|transcript|document|notes|passage|review|reviews|message|essay|paragraph|story|poem|content|source text|excerpt|letter|post|abstract|snippet|ticket|conversation|chat|log|logs|table|resume|cv|draft|contract|clause|report|feedback|sentence|sentences|original|paste|material)[ \t]*:[ \t]*(?=\n|$)/gi;
/** Another label of the request's shape or rules: "Output format:", "Task:", "Rules:". */
const REQUEST_LABEL_RE =
  /^[ \t]*(?:#+[ \t]*)?[\w ]{0,20}\b(?:output|format|task|instructions?|rules|question|answer|requirements|constraints|tone|length|audience|goal|style)\b[\w ]{0,20}:/i;

function noMaterial(doc: Doc): boolean {
  return doc.blocks.length === 0 && doc.vars.length === 0 && doc.slots.length === 0;
}

/** The first file, picture, recording, link or placed part a short prompt handles without including it. */
export function unseenObject(doc: Doc): Span | null {
  const { text } = doc;
  if (text.length >= 400 || !noMaterial(doc)) return null;
  HANDLED_OBJECT_RE.lastIndex = 0;
  for (const m of text.matchAll(HANDLED_OBJECT_RE)) {
    if (doc.mask[m.index] !== MASK_INSTRUCTION) continue;
    const end = m.index + m[0].length;
    const sentenceStart =
      Math.max(text.lastIndexOf("\n", m.index), text.slice(0, m.index).search(/[.!?][^.!?]*$/)) + 1;
    if (HOW_TO_RE.test(text.slice(sentenceStart, m.index))) continue;
    // "the video of the keynote on YouTube", "the link https://…": named or given where it stands
    if (NAMED_LATER_RE.test(text.slice(end, end + 12)) || /https?:\/\/|www\./i.test(text)) continue;
    // "make a video", "in the video we will shoot": the thing is the deliverable
    if (
      MAKES_SOMETHING_RE.test(text.slice(0, m.index)) &&
      !/\b(?:see|look at|check|open|read|watch|listen to|based on|using|according to)\b/i.test(m[0])
    )
      continue;
    return { start: end - m[1]!.length, end };
  }
  if (MAKES_SOMETHING_RE.test(text)) return null;
  PLACED_PART_RE.lastIndex = 0;
  for (const m of text.matchAll(PLACED_PART_RE)) {
    if (doc.mask[m.index] !== MASK_INSTRUCTION) continue;
    // the part is worked on or asked about ("fix the error on line 12"), not where the answer goes
    // ("show the score on the last line")
    const sentenceStart =
      Math.max(text.lastIndexOf("\n", m.index), text.slice(0, m.index).search(/[.!?][^.!?]*$/)) + 1;
    if (!EDITED_RE.test(text.slice(sentenceStart, m.index))) continue;
    return { start: m.index, end: m.index + m[0].length };
  }
  return null;
}

/**
 * "Input:" / "Text:" on a line of its own with nothing under it but the request or other labels of the
 * request ("Output format: …"): the material the label promises is missing.
 */
export function emptyLabel(doc: Doc): Span | null {
  const { text } = doc;
  if (text.length >= 1500 || doc.vars.length > 0 || doc.slots.length > 0) return null;
  MATERIAL_LABEL_RE.lastIndex = 0;
  for (const m of text.matchAll(MATERIAL_LABEL_RE)) {
    const lead = /^\s*/.exec(m[0])![0].length;
    const at = { start: m.index + lead, end: m.index + m[0].length };
    if (doc.mask[at.start] !== MASK_INSTRUCTION && doc.mask[at.start] !== MASK_MARKUP) continue;
    const after = text.slice(at.end);
    // up to the next blank line: the lines the label heads
    const lines = after
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "");
    // nothing under it but labels of the request and the request itself
    const first = lines[0] ?? "";
    if (first !== "" && !REQUEST_LABEL_RE.test(first) && !opensWithRequest(first)) continue;
    const rest = lines.filter((l) => !REQUEST_LABEL_RE.test(l) && !opensWithRequest(l));
    if (rest.join(" ").length >= 60) continue;
    // "# INPUT" then "INPUT:" closing the prompt: the template's input section, filled when it runs
    if (lines.length === 0 && inputSection(text, at)) continue;
    // "Summarise the essay below." then "ESSAY:" closing the prompt: its input section, as above
    if (
      lines.length === 0 &&
      labelHeadsSection(text, text.slice(at.start, at.end)) &&
      announcedBefore(text.slice(0, at.start), labelName(text, at))
    )
      continue;
    // a block after it is material, unless it is only the request read as one ("Text:\n\nSummarise …")
    if (doc.blocks.some((b) => b.start >= at.end && !isRequestBlock(text.slice(b.start, b.end)))) continue;
    return at;
  }
  return null;
}

/** True when the prompt closes on an empty input label under its own heading ("# INPUT" then "INPUT:"). */
export function inputSlotAtEnd(text: string): boolean {
  const tail = text.slice(-240).trimEnd();
  // an input heading or label closing a sectioned system prompt or template, with nothing under it but an
  // ellipsis ("# INPUT:", "INPUT\n\nINPUT:", "# INPUT\n\n…"): where the input is appended when it runs
  const closing = CLOSING_INPUT_RE.exec(tail);
  if (closing && text.length >= 300 && (closing[1] !== undefined || SECTIONED_RE.test(text))) return true;
  const m = /\n[ \t]*([\p{L} ]{2,20}):[ \t]*$/u.exec(tail);
  if (!m) return false;
  const end = text.trimEnd().length;
  return inputSection(text, { start: end - m[0].length + 1, end });
}

/** A closing input heading ("# INPUT", "## Input:") or label ("INPUT:"), bare or over an ellipsis. */
const CLOSING_INPUT_RE =
  /(?:^|\n)[ \t]*(?:(#{1,6})[ \t]*)?(?:user |the )?input(?: text| data)?[ \t]*:?[ \t]*(?:\n\s*(?:…|\.\.\.))?$/i;
/** A prompt laid out in sections: a markdown heading, or a line in capitals of its own ("OUTPUT INSTRUCTIONS"). */
const SECTIONED_RE = /(?:^|\n)[ \t]*(?:#{1,6}[ \t]+\S|[A-Z][A-Z &/-]{3,40}:?[ \t]*\n)/;

/** True when the label closes the prompt right under a markdown heading of its own name. */
function inputSection(text: string, at: Span): boolean {
  const name = text
    .slice(at.start, at.end)
    .replace(/[#:\s]+/g, " ")
    .trim()
    .toLowerCase();
  const above = text.slice(Math.max(0, at.start - 200), at.start).trimEnd();
  const heading = /(?:^|\n)[ \t]*#{1,6}[ \t]+([^\n]+)$/.exec(above)?.[1];
  return (
    heading !== undefined &&
    heading
      .replace(/[:*_]+/g, " ")
      .trim()
      .toLowerCase() === name
  );
}

/** One short paragraph that asks or requests. */
function isRequestBlock(body: string): boolean {
  const t = body.trim();
  return t.length < 300 && !t.includes("\n") && (/\?$/.test(t) || opensWithRequest(t));
}

/** "Analiza los datos de ventas del último trimestre": a short foreign request on material it never includes. */
export function foreignWorked(ctx: Parameters<Rule["check"]>[0]): Span | null {
  const { doc } = ctx;
  if (doc.text.length >= 300) return null;
  const m = FOREIGN_WORKED_RE.exec(doc.text);
  if (!m || doc.mask[m.index + m[0].search(/\S/)] !== MASK_INSTRUCTION) return null;
  // material after a colon or in quotes on the request's own line
  if (/[：:]\s*\S{4,}|[「“"«][^」”"»]{4,}/u.test(doc.text.slice(m.index + m[0].length))) return null;
  const at = { start: m.index + m[0].search(/\S/), end: m.index + m[0].length };
  return hasMaterial(ctx, at, "this") ? null : at;
}

/** A heading or a label alone on its line: "# ESSAY", "## Essay", "**Essay:**", "ESSAY:", "ESSAY". */
const HEADING_LINE_RE =
  /^[ \t]*(?:#{1,6}[ \t]*([^\n#]{1,40}?)|(?:\*\*|__)?([A-Za-z][A-Za-z' ]{1,30}?)(?:\*\*|__)?[ \t]*:(?:\*\*|__)?|([A-Z][A-Z' ]{2,30}))[ \t]*:?[ \t]*$/gm;
/** A heading's name that says the input goes under it, whatever the prompt calls the material. */
const INPUT_NAME_RE = /^(?:(?:the |user )?input(?: text| data)?|content)$/;

/**
 * "Summarise the essay below. … # ESSAY": the last heading after a reference, named for its noun (or for
 * the input), is where that material goes — filled below it, or appended there when the prompt runs, like
 * a slot.
 */
export function closingSectionFor(text: string, from: number, noun: string): boolean {
  if (noun === "") return false;
  const stem = noun.replace(/s$/, "");
  HEADING_LINE_RE.lastIndex = from;
  let last: string | null = null;
  let end = 0;
  let label = "";
  for (let m = HEADING_LINE_RE.exec(text); m !== null; m = HEADING_LINE_RE.exec(text)) {
    if (m.index < from) continue;
    last = (m[1] ?? m[2] ?? m[3] ?? "")
      .replace(/[*_:]+/g, " ")
      .trim()
      .toLowerCase();
    end = m.index + m[0].length;
    label = m[2] ?? "";
  }
  if (last === null || (label !== "" && !labelHeadsSection(text, label))) return false;
  // under it: nothing (the input is appended there), or text that is neither a request nor more labelled
  // parts ("Context:" over empty rules, then "Question: …", leaves the context out)
  const under = text
    .slice(end)
    .replace(/^[\s.…"'`-]*$/gm, "")
    .trim();
  if (under !== "" && (opensWithRequest(under) || /^[ \t]*[A-Za-z][\w ]{0,30}:[ \t]*\S/m.test(under)))
    return false;
  // "# ESSAY", "## The essay", "COVER LETTER:" for "the letter below", "Essay text:"
  const words = last
    .replace(/^(?:the|my|your|our|user's|user)\s+/, "")
    .replace(/\s+text$/, "")
    .split(/\s+/);
  return (
    INPUT_NAME_RE.test(last) || (words.length <= 3 && words[words.length - 1]!.replace(/s$/, "") === stem)
  );
}

/**
 * Whether a closing label ("ESSAY:", "Article:") heads a section of a template: written in capitals, or in
 * a prompt laid out in sections or of some length. "Summarise the article below.\n\nArticle:" in a short
 * request still leaves the article out.
 */
function labelHeadsSection(text: string, label: string): boolean {
  const name = label.replace(/[#:*_\s]+/g, "");
  return (name !== "" && name === name.toUpperCase()) || text.length >= 300 || SECTIONED_RE.test(text);
}

/** "the essay below" / "the following essay" before a label: the label is where that material goes. */
function announcedBefore(before: string, label: string): boolean {
  const stem = label.replace(/s$/, "");
  if (!/^[a-z-]{3,}$/.test(stem)) return false;
  return new RegExp(
    `\\b(?:the|this|these|my|your|our) ${stem}s? (?:below|following)\\b|\\bthe following ${stem}s?\\b`,
    "i",
  ).test(before);
}

/** A label's name, lower-cased: "ESSAY:" → "essay". */
function labelName(text: string, at: Span): string {
  return text
    .slice(at.start, at.end)
    .replace(/[#:\s]+/g, " ")
    .trim()
    .toLowerCase()
    .replace(/^(?:the|my|your) /, "");
}
