// Ambiguous references (PF102): a pronoun or demonstrative that points at nothing stated earlier.

import {
  W_BUZZ,
  W_META,
  W_NON_NOUN,
  W_PRONOUN,
  W_STOP,
  W_TASK,
  W_VAGUE_ADJ,
  W_VAGUE_Q,
  WORD_FLAGS,
  wordSet,
} from "../lexicon.js";
import { stem } from "../signals.js";
import { type Doc, MASK_CONTENT, MASK_INSTRUCTION, TOKEN_PUNCT, TOKEN_VAR, TOKEN_WORD } from "../text.js";
import type { Finding, Span } from "../types.js";
import { finding, quote } from "./catalogue.js";
import type { RuleContext } from "./context.js";

/** Nouns a demonstrative can point at in time or discourse rather than at material ("this week"). */
const DEICTIC_NOUNS = wordSet(
  "week month year season quarter time morning afternoon evening weekend semester term moment way case point one kind sort type step stage part",
);
/** Nouns that name material the prompt would have to include ("this article", "these files"). */
const MATERIAL_NOUNS = wordSet(
  "article paper text code email essay document report paragraph sentence story poem post letter contract clause file files data list table spreadsheet script function query transcript draft review reviews message resume cv page chapter section image photo video passage snippet bug error log logs recipe menu notes",
);

/**
 * "this article" / "these files" at the start of the prompt's content, naming material that is neither
 * mentioned before nor attached anywhere: the reader is pointed at something they cannot see.
 */
function isMissingMaterial(doc: Doc, i: number, lastAttached: number): boolean {
  const { tokens } = doc;
  const t = tokens[i]!;
  const noun = tokens[i + 1]!;
  if (noun.type !== TOKEN_WORD || !MATERIAL_NOUNS.has(noun.lower) || DEICTIC_NOUNS.has(noun.lower))
    return false;
  if (lastAttached > t.start || doc.blocks.length > 0 || doc.vars.length > 0) return false;
  // cataphora in the same sentence: "Explain this concept: recursion."
  for (let k = i + 2; k < tokens.length && tokens[k]!.sentence === t.sentence; k++)
    if (tokens[k]!.lower === ":") return false;
  return true;
}

function mentionedBefore(doc: Doc, i: number, noun: string): boolean {
  const st = stem(noun);
  for (let k = 0; k < i; k++) if (stem(doc.tokens[k]!.lower) === st) return true;
  return false;
}

const NOT_ANTECEDENT = W_STOP | W_NON_NOUN | W_TASK | W_META | W_VAGUE_ADJ | W_VAGUE_Q | W_BUZZ;

const PRONOUN_FOLLOWERS = new Set(
  "is was are were should must needs need will would can could has have does did looks seems sounds means into to for in on about with so and but better shorter longer up more less again please one too as by from now faster nicer cleaner work works doesn't isn't".split(
    " ",
  ),
);
const EXPLETIVE_AFTER_IT =
  /^(?:is|'s|was|would be|will be|seems|looks|should be noted)\s+(?:important|necessary|essential|crucial|better|best|ok|okay|fine|possible|likely|clear|helpful|great|nice|really|very|vital|recommended|worth|true|raining)\b/;

export function ambiguousReferences({ doc, fluff, hedges }: RuleContext, out: Finding[]): void {
  const { tokens, text } = doc;
  let antecedent = false;
  let lastAttached = -1;
  for (const b of doc.blocks) lastAttached = Math.max(lastAttached, b.start);
  for (const v of doc.vars) lastAttached = Math.max(lastAttached, v.start);
  for (const s of doc.slots) lastAttached = Math.max(lastAttached, s.start);
  const inSpans = (pos: number, spans: Span[]) => spans.some((f) => pos >= f.start && pos < f.end);
  const flagged: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.mask !== MASK_INSTRUCTION || t.type !== TOKEN_WORD) {
      if (t.type === TOKEN_VAR || t.mask === MASK_CONTENT) antecedent = true;
      continue;
    }
    const l = t.lower;
    const flags = WORD_FLAGS.get(l) ?? 0;
    if (!(flags & W_PRONOUN) || l === "its") {
      if (l.length >= 3 && (flags & NOT_ANTECEDENT) === 0 && !l.endsWith("ly")) antecedent = true;
      continue;
    }
    const next = tokens[i + 1];
    // "this article" checks its own noun, not any earlier noun: "Fix the bug in this code." with no code
    if (
      (l === "this" || l === "these" || l === "those") &&
      next &&
      next.type === TOKEN_WORD &&
      MATERIAL_NOUNS.has(next.lower)
    ) {
      if (isMissingMaterial(doc, i, lastAttached) && !mentionedBefore(doc, i, next.lower))
        flagged.push({ start: t.start, end: next.end });
      continue;
    }
    if (antecedent) continue;
    const nextLower = next?.lower ?? "";
    const nextIsEnd = !next || next.type === TOKEN_PUNCT || next.newline;
    if (l === "this" || l === "that" || l === "these" || l === "those") {
      // a determiner ("this contract") or a complementiser ("explaining that her order…") is not a pronoun,
      // but "Summarize this article." with no article anywhere still points at nothing
      if (!nextIsEnd && !PRONOUN_FOLLOWERS.has(nextLower)) continue;
      if (l === "that" && i > 0 && tokens[i - 1]!.sentence === t.sentence && !nextIsEnd) continue;
      // "this:" introduces the attached material
      if (nextLower === ":") continue;
    }
    if (l === "it") {
      const rest = doc.instructionLower.slice(t.end, t.end + 40).trimStart();
      if (EXPLETIVE_AFTER_IT.test(rest)) continue;
    }
    if (inSpans(t.start, fluff) || inSpans(t.start, hedges)) continue;
    // material attached after the reference ("Summarize this.\n\n<article>…") resolves it
    if (lastAttached > t.start) continue;
    // "this is a list of …" followed by pasted material is handled above; plain text after a colon too
    if (/^[:\n]/.test(text.slice(t.end).trimStart().charAt(0)) && lastAttached > t.start) continue;
    flagged.push({ start: t.start, end: t.end });
  }
  for (const sp of flagged.slice(0, 5)) {
    out.push(
      finding(
        "PF102",
        `"${quote(doc, sp)}" does not refer to anything stated earlier in the prompt.`,
        "Name the thing directly, or paste it below the instruction inside delimiters (e.g. <text>…</text>).",
        [sp],
      ),
    );
  }
}
