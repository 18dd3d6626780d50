// Vague quantifiers and judgements (PF103, PF104) in the sentences that direct the model.

import { CRITERION_WORDS, META_VERBS, TASK_VERBS, VAGUE_ADJECTIVES, VAGUE_QUANTIFIERS } from "../lexicon.js";
import type { Signals } from "../signals.js";
import { type Doc, MASK_CONTENT, MASK_INSTRUCTION, TOKEN_NUMBER, TOKEN_WORD, tokenAt } from "../text.js";
import type { Finding, Span } from "../types.js";
import { finding, quote } from "./catalogue.js";
import type { RuleContext } from "./context.js";
import { exampleTurn } from "./duplicates.js";

function isDirective(doc: Doc, sentenceIndex: number, sig: Signals): boolean {
  const s = doc.sentences[sentenceIndex];
  // a turn of a pasted chat or a field of an example is material, not the author's instruction
  if (!s?.instruction || exampleTurn(s)) return false;
  if (sig.tasks.some((t) => t.sentence === sentenceIndex)) return true;
  const head = s.head >= 0 ? doc.tokens[s.head]!.lower : "";
  if (META_VERBS.has(head) || TASK_VERBS.has(head)) return true;
  const lower = doc.instructionLower.slice(s.start, s.end);
  return (
    /\b(should|must|make|want|need|needs|like|give|can you|could you|it'd|would be|please)\b/.test(lower) ||
    lower.endsWith("?")
  );
}

function hasCriterionAfter(doc: Doc, i: number): boolean {
  const { tokens } = doc;
  const sentence = tokens[i]!.sentence;
  for (let k = i + 1; k < Math.min(tokens.length, i + 10); k++) {
    const t = tokens[k]!;
    if (t.sentence !== sentence) return false;
    if (t.type === TOKEN_NUMBER || t.mask === MASK_CONTENT) return true;
    if (CRITERION_WORDS.has(t.lower)) return true;
    if (k <= i + 3 && (t.lower === "(" || t.lower === ":" || t.lower === "—" || t.lower === "–")) return true;
  }
  return false;
}

/** Indefinite pronouns: vague as the thing to make ("Write something about …"), not as what a user brings. */
const INDEFINITES = new Set(["something", "anything", "things"]);
const CONDITION_WORDS = new Set("if when whenever whether unless how what where once".split(" "));

/**
 * True when the word sits in a condition or an indirect question of its sentence ("If the user writes
 * something in brackets", "whether something is deductible", "how to do something"): it stands for what
 * the user brings, not for a part of the answer the author left undefined.
 */
function inCondition(doc: Doc, i: number): boolean {
  const s = doc.sentences[doc.tokens[i]!.sentence]!;
  for (let k = i - 1; k >= Math.max(s.t0, i - 8); k--)
    if (CONDITION_WORDS.has(doc.tokens[k]!.lower)) return true;
  return false;
}

/**
 * True when the amount is of questions the model may ask ("ask a few clarifying questions if needed"): the
 * labelling guide's case of a number that does not matter.
 */
function askedQuestions(doc: Doc, i: number): boolean {
  if (doc.tokens[i - 1]?.lower !== "ask" && doc.tokens[i - 2]?.lower !== "ask") return false;
  for (let k = i + 1; k < Math.min(doc.tokens.length, i + 5); k++)
    if (/^questions?$/.test(doc.tokens[k]!.lower)) return true;
  return false;
}

const BE_HAVE = new Set("are is were was have has tend think feel".split(" "));

/**
 * True when the amount opens a clause that states a fact ("…; many visitors are upset"): background, not a
 * demand ("Make sure some examples are included" is a demand).
 */
function statesFact(doc: Doc, i: number): boolean {
  const s = doc.tokens[i]!.sentence;
  const before = doc.tokens[i - 1];
  if (i > doc.sentences[s]!.t0 && before && !/^[;,:—–]$/.test(before.lower)) return false;
  const a = doc.tokens[i + 1];
  const b = doc.tokens[i + 2];
  return a?.sentence === s && b?.sentence === s && a.type === TOKEN_WORD && BE_HAVE.has(b.lower);
}

/** True when a number counts the things two words before ("three specific things"). */
function countedBefore(doc: Doc, i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 2); k--) {
    const t = doc.tokens[k]!;
    if (t.type === TOKEN_NUMBER || NUMBER_WORDS.has(t.lower)) return true;
  }
  return false;
}
const NUMBER_WORDS = new Set("one two three four five six seven eight nine ten twelve".split(" "));

export function vagueWords(ctx: RuleContext, out: Finding[]): void {
  const { doc, sig } = ctx;
  const { tokens } = doc;
  const quant: Span[] = [];
  const adj: Span[] = [];
  for (const sp of ctx.vague) {
    const ti = tokenAt(doc, sp.start);
    if (ti < 0 || !isDirective(doc, tokens[ti]!.sentence, sig)) continue;
    const phrase = doc.instructionLower.slice(sp.start, sp.end);
    if ((phrase === "a few" || phrase === "a couple") && hasCriterionAfter(doc, ti + 1)) continue;
    if (askedQuestions(doc, ti)) continue;
    quant.push(sp);
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.mask !== MASK_INSTRUCTION || t.type !== TOKEN_WORD) continue;
    const l = t.lower;
    const isQuant = VAGUE_QUANTIFIERS.has(l);
    const isAdj = VAGUE_ADJECTIVES.has(l);
    if (!isQuant && !isAdj) continue;
    if (!isDirective(doc, t.sentence, sig)) continue;
    const prev = tokens[i - 1]?.lower ?? "";
    const next = tokens[i + 1]?.lower ?? "";
    // part of a name ("the Oddly Good house voice"): capitalised inside its sentence
    if (i > doc.sentences[t.sentence]!.t0 && prev !== "-" && /\p{Lu}/u.test(doc.text[t.start]!)) continue;
    if (isAdj) {
      if (
        (l === "great" && /^(detail|deal)$/.test(next)) ||
        (l === "good" && /^(morning|afternoon|evening|faith|luck)$/.test(next))
      )
        continue;
      if (prev === "as" || prev === "not" || (l === "proper" && next === "nouns")) continue;
      if ((l === "suitable" || l === "appropriate") && next === "for") continue;
      if (hasCriterionAfter(doc, i)) continue;
      adj.push({ start: t.start, end: t.end });
    } else {
      if (l === "some" && next === "of") continue;
      // "how many nights", "however many there are", "as many as": a question or a bound, not an amount left open
      if (prev === "how" || prev === "however" || prev === "as") continue;
      // "whatever happens", "whatever you can manage": leaves a choice open on purpose
      if (l === "whatever") continue;
      // "etc." closing a list of examples ("e.g. être, avoir, aller, etc.")
      if ((l === "etc" || l === "etc.") && prev === ",") continue;
      if (askedQuestions(doc, i) || statesFact(doc, i)) continue;
      if (INDEFINITES.has(l) && (inCondition(doc, i) || countedBefore(doc, i))) continue;
      if ((l === "many" || l === "several" || l === "some") && hasCriterionAfter(doc, i)) continue;
      quant.push({ start: t.start, end: t.end });
    }
  }
  quant.sort((a, b) => a.start - b.start);
  for (const sp of quant.slice(0, 8)) {
    out.push(
      finding(
        "PF103",
        `"${quote(doc, sp)}" leaves the amount or the thing undefined.`,
        'Replace it with a number or a concrete list ("3 examples", "price, size and colour").',
        [sp],
      ),
    );
  }
  for (const sp of adj.slice(0, 8)) {
    out.push(
      finding(
        "PF104",
        `"${quote(doc, sp)}" is a judgement with no criterion: the model has to guess what it means to you.`,
        `Say what makes it ${quote(doc, sp).toLowerCase()}: a measurable property, a limit, or an example of what you consider ${quote(doc, sp).toLowerCase()}.`,
        [sp],
      ),
    );
  }
}
