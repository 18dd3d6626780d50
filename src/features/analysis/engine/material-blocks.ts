// Paragraph-level reading of pasted material for the tokeniser: material introduced by a line that
// announces it ("…the recipe below:"), blocks set off by rule lines or "=== Label ===" banners, data
// paragraphs and quoted lines. Split from text.ts, which marks fences, tags, quotes and labels first.

import { INSTRUCTION_SECTION_NAMES, META_VERBS, TASK_VERBS } from "./lexicon.js";
import { type Block, fill, MASK_CONTENT, MASK_INSTRUCTION } from "./text-mask.js";

const INTRO_WORDS =
  /\b(below|following|this|these|here|text|data|code|recipe|query|email|clause|list|numbers|values|sentence|paragraph|passage|snippet|article|message|review|document|input|csv|json|yaml|transcript)\b/i;
/** A short line that is only a transform verb and a colon ("Summarize:", "Translate into French:"). */
const INTRO_VERB_LINE =
  /^[ \t]*(?:please\s+)?(?:summari[sz]e|translate|proofread|rewrite|fix|classify|analy[sz]e|review|edit|explain|convert|correct|shorten|paraphrase|simplify|improve|critique|check)\b[^:\n]{0,60}:$/i;
const RULE_WORDS =
  /\b(rules?|steps?|requirements?|constraints?|guidelines?|criteria|instructions?|format|sections?|structure|follow|should|must|headings?|columns?)\b/i;

/**
 * Paragraphs that follow a line ending in ":" which introduces material ("…the recipe below:"), and later
 * paragraphs that are mostly data (numbers, code punctuation), are pasted input, not instructions.
 */
export function markParagraphInputs(text: string, mask: Uint8Array, blocks: Block[]): void {
  const n = text.length;
  let lineStart = 0;
  let introducing = false;
  let introStart = -1;
  let paragraphIndex = 0;
  let paraStart = 0;
  // an instruction paragraph that points "below" makes the next plain paragraph its material
  let pointsBelow = false;
  let belowArmed = false;
  // the line that pointed ends in a colon: a line straight under it is the material it pointed at
  let pointedWithColon = false;
  // a prompt quoted whole ("> Dear ChatGPT, …" on every line) is the author's own text set off for display
  const quotedWhole = !/^(?![ \t]*>)[ \t]*\S/m.test(text);
  let introLine = "";
  const closeIntro = (end: number) => {
    end = trailingRequestStart(text, introStart, end);
    if (introStart >= 0 && end > introStart && !ordersUnderIntro(introLine, text.slice(introStart, end))) {
      fill(mask, introStart, end, MASK_CONTENT, true);
      blocks.push({ start: introStart, end, kind: "introduced", name: "" });
    }
    introStart = -1;
  };
  while (lineStart <= n) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = n;
    const line = text.slice(lineStart, lineEnd);
    const blank = line.trim() === "";
    if (blank) {
      if (introStart >= 0 && lineStart > introStart) {
        // a blank line ends an introduced list unless the intro was followed by a blank line first
        const body = text.slice(introStart, lineStart).trim();
        if (body !== "") {
          closeIntro(lineStart);
          introducing = false;
        }
      }
      if (lineStart > paraStart) paragraphIndex++;
      if (pointsBelow) belowArmed = true;
      pointsBelow = false;
      paraStart = lineEnd + 1;
    } else if (mask[lineStart + line.search(/\S/)] === MASK_INSTRUCTION) {
      if (
        belowArmed &&
        lineStart === paraStart &&
        !introducing &&
        !STARTS_WITH_VERB.test(line) &&
        !/^[ \t]*(#|<)/.test(line) &&
        !line.trimEnd().endsWith(":")
      ) {
        let end = text.indexOf("\n\n", lineStart);
        if (end < 0) end = n;
        fill(mask, lineStart, end, MASK_CONTENT, true);
        blocks.push({ start: lineStart, end, kind: "introduced", name: "" });
        belowArmed = false;
        lineStart = end;
        continue;
      }
      belowArmed = false;
      // "…with the following columns:\nPlace, Company, month" : what the line above pointed at came right
      // under it, so the paragraph after this one is not that material
      if (pointedWithColon && !introducing) pointsBelow = false;
      pointedWithColon = false;
      // "below 1.0", "below the limit", "below average" compare; they point at nothing
      if (/\b(?:below(?!\s+(?:[\d$€£-]|the\b|a\b|an\b|average\b|zero\b))|following)\b/i.test(line)) {
        pointsBelow = true;
        pointedWithColon = line.trimEnd().endsWith(":");
      }
      if (introducing && introStart < 0) introStart = lineStart;
      else if (
        !introducing &&
        paragraphIndex > 0 &&
        lineStart === paraStart &&
        isDataParagraph(text, lineStart)
      ) {
        let end = text.indexOf("\n\n", lineStart);
        if (end < 0) end = n;
        fill(mask, lineStart, end, MASK_CONTENT, true);
        blocks.push({ start: lineStart, end, kind: "data", name: "" });
      } else if (!quotedWhole && /^[ \t]*>/.test(line)) {
        fill(mask, lineStart, lineEnd, MASK_CONTENT, true);
        blocks.push({ start: lineStart, end: lineEnd, kind: "quote-line", name: "" });
      }
      const trimmed = line.trimEnd();
      if (
        !introducing &&
        trimmed.endsWith(":") &&
        !PER_ITEM_HEADER.test(trimmed) &&
        ((INTRO_WORDS.test(trimmed) && !RULE_WORDS.test(trimmed)) || INTRO_VERB_LINE.test(trimmed))
      ) {
        introducing = true;
        introLine = trimmed;
      }
    } else {
      // the material the instruction pointed at is already here, fenced or tagged: the paragraph after
      // it (a closing question or request) is the author's again
      if (mask[lineStart + line.search(/\S/)] === MASK_CONTENT) belowArmed = false;
      // the introduced material is already quoted or tagged
      if (introducing && introStart < 0) introducing = false;
    }
    if (lineEnd === n) break;
    lineStart = lineEnd + 1;
  }
  if (introducing) closeIntro(n);
}

/** A line shaped as an item of a list or schedule: "- …", "2. …", "09:30 Keynote", "Price: 12 €". */
const ITEM_LINE_RE =
  /^(?:[ \t]*(?:[-*•+][ \t]|\d+[.):][ \t]|\(?[a-z\d]\)[ \t]|\d{1,2}[:.h]\d{2}\b|\|)|[ \t]+\S|[^\s:][^:\n]{0,30}:[ \t]*\S)/;
/** A sentence that asks: a listed task verb opening it, a request frame, or a question mark closing it. */
const ASKS_RE = /^(?:please\s+)?(?:(?:can|could|would) you\b|([a-z]+)\b)|\?$/i;

/** An introduction that points at something someone already has: "my to-do list:", "our notes:". */
const OWNED_RE = /\b(?:my|our|your|his|her|their)\b/i;
/** The first word of a list item, after its marker. */
const ITEM_WORD_RE = /^[ \t]*(?:[-*•+]|\d+[.)]|\(?[a-z\d]\))[ \t]+(?:please\s+)?([A-Za-z]+)/;

/**
 * "Here is how to handle refunds:\n1. Check the order date.\n2. Refund in full …": under an introduction
 * that owns nothing, a list whose items open with orders is the author's instructions, not material.
 */
function ordersUnderIntro(intro: string, block: string): boolean {
  if (OWNED_RE.test(intro)) return false;
  let items = 0;
  let orders = 0;
  for (const line of block.split("\n")) {
    const m = ITEM_WORD_RE.exec(line);
    if (!m) continue;
    items++;
    const word = m[1]!.toLowerCase();
    if (TASK_VERBS.has(word) || META_VERBS.has(word) || STARTS_WITH_VERB.test(line)) orders++;
  }
  return items >= 2 && orders * 2 >= items;
}

/**
 * Where the request written straight after an introduced list starts ("…:\n09:30 Keynote\n…\nSwap the
 * second talk with the last. Give me the new order."): the lines after two or more list-shaped lines that
 * stop being list-shaped and ask for something are the author's again. `end` when there are none.
 */
function trailingRequestStart(text: string, start: number, end: number): number {
  if (start < 0) return end;
  const lines = text.slice(start, end).split("\n");
  let items = 0;
  while (items < lines.length && ITEM_LINE_RE.test(lines[items]!)) items++;
  if (items < 2 || items === lines.length) return end;
  const tail = lines.slice(items);
  if (tail.some((l) => ITEM_LINE_RE.test(l) && l.trim() !== "")) return end;
  const asks = tail
    .join("\n")
    .split(/(?<=[.!?])\s+|\n/)
    .some((sentence) => {
      const m = ASKS_RE.exec(sentence.trim());
      return m !== null && (m[1] === undefined || TASK_VERBS.has(m[1].toLowerCase()));
    });
  return asks ? start + lines.slice(0, items).join("\n").length + 1 : end;
}

/**
 * "For each email in the batch:" heads the steps done per item; the list under it is instructions even
 * though it names the material.
 */
const PER_ITEM_HEADER = /^[ \t]*(?:[-*]\s+|\d+[.)]\s+)?(?:for (?:each|every|all)|on each|with each|per)\b/i;

const STARTS_WITH_VERB =
  /^[ \t]*(?:[-*]\s+|\d+[.)]\s+)?(?:please\s+)?(?:write|draft|create|make|use|keep|do|don't|never|always|return|output|answer|respond|reply|summari[sz]e|explain|list|give|include|avoid|ensure|format|translate|convert|add|remove|then|also|finally|be|note|if|when|for each|each|the (?:answer|output|summary|response))\b/i;

function isDataParagraph(text: string, start: number): boolean {
  let end = text.indexOf("\n\n", start);
  if (end < 0) end = text.length;
  const stop = Math.min(end, start + 400);
  // counted by hand as /\p{L}{3,}/gu and /[\d;{}=<>()[\]|,]/g count them in text.slice(start, stop)
  let letters = 0;
  let symbols = 0;
  let run = 0;
  for (let i = start; i < stop; ) {
    const c = text.charCodeAt(i);
    let letter: boolean;
    if (c < 128) {
      letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
      if (!letter && ((c >= 48 && c <= 57) || DATA_SYMBOLS.has(c))) symbols++;
      i++;
    } else {
      // a surrogate pair is one code point, unless the cut at `stop` splits it
      const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < stop;
      const cp = pair ? text.codePointAt(i)! : c;
      letter = LETTER_ONLY_RE.test(String.fromCodePoint(cp));
      i += pair && cp > 0xffff ? 2 : 1;
    }
    if (letter) run++;
    else {
      if (run >= 3) letters++;
      run = 0;
    }
  }
  if (run >= 3) letters++;
  return symbols > 3 * Math.max(1, letters);
}

/** ; { } = < > ( ) [ ] | , as character codes. */
const DATA_SYMBOLS = new Set([59, 123, 125, 61, 60, 62, 40, 41, 91, 93, 124, 44]);
const LETTER_ONLY_RE = /^\p{L}$/u;

const BANNER_RE = /^[ \t]*={3,}[ \t]*([^=\n]{1,60}?)[ \t]*={3,}[ \t]*$/gm;
const RULE_LINE_RE = /^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$/gm;
const POINTS_AT_MATERIAL = /\b(?:below|following)\b|:[ \t]*$/i;

/**
 * Material set off by rule lines: a "=== Retrieved passages ===" banner holds material up to the next
 * banner (or to a closing request in its own last paragraph), unless the banner names an instruction
 * section; a "---" line right after a line that points at material opens a block that the next "---"
 * line closes. Both can run over several paragraphs, which the paragraph pass below cannot.
 */
export function markRuledBlocks(text: string, mask: Uint8Array, blocks: Block[]): void {
  if (text.includes("===")) {
    const banners = [...text.matchAll(BANNER_RE)];
    for (let i = 0; i < banners.length; i++) {
      const b = banners[i]!;
      const name = (b[1] ?? "").trim().toLowerCase();
      if (
        mask[b.index] !== MASK_INSTRUCTION ||
        name === "" ||
        INSTRUCTION_SECTION_NAMES.has(name.replace(/ /g, "_"))
      )
        continue;
      if (/^end\b/.test(name)) continue;
      let end = banners[i + 1]?.index ?? text.length;
      if (i + 1 >= banners.length) {
        // the prompt's own closing request after the last banner's material stays an instruction
        const last = text.lastIndexOf("\n\n", end);
        if (last > b.index + b[0].length && isClosingRequest(text.slice(last + 2, end))) end = last;
      }
      while (end > b.index && /\s/.test(text.charAt(end - 1))) end--;
      const start = b.index + b[0].length;
      if (end <= start) continue;
      fill(mask, b.index, end, MASK_CONTENT, true);
      blocks.push({ start: b.index, end, kind: "tag", name });
    }
  }
  if (!text.includes("---") && !text.includes("***") && !text.includes("___")) return;
  const rules = [...text.matchAll(RULE_LINE_RE)];
  for (let i = 0; i + 1 < rules.length; i++) {
    const open = rules[i]!;
    if (mask[open.index] !== MASK_INSTRUCTION) continue;
    const before = text.slice(0, open.index).trimEnd();
    const prevLine = before.slice(before.lastIndexOf("\n") + 1);
    if (prevLine === "" || !POINTS_AT_MATERIAL.test(prevLine)) continue;
    const close = rules[i + 1]!;
    // an empty pair ("---\n\n---") is a slot left unfilled, not material
    if (text.slice(open.index + open[0].length, close.index).trim() === "") continue;
    const end = close.index + close[0].length;
    fill(mask, open.index, end, MASK_CONTENT, true);
    blocks.push({ start: open.index, end, kind: "tag", name: "" });
    i++;
  }
}

function isClosingRequest(paragraph: string): boolean {
  const t = paragraph.trim();
  return t.length < 300 && (t.endsWith("?") || STARTS_WITH_VERB.test(t));
}
