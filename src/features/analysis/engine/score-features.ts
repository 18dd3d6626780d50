// The features the overall score is fitted on: the five dimension scores, the task, the vendors'
// techniques, each scored finding kind, length and language coverage — all on comparable small scales.
// The weights come from `npm run analysis:calibrate` (score-weights.ts), never from hand edits.

import { W_STOP, WORD_FLAGS } from "./lexicon.js";
import { type Signals, stem } from "./signals.js";
import type { Techniques } from "./techniques.js";
import { type Doc, MASK_INSTRUCTION, TOKEN_WORD } from "./text.js";
import { FINDING_KINDS, type Finding, type Scores, type Span } from "./types.js";
import type { Understanding } from "./understand.js";

export const FEATURE_NAMES = [
  "clarity",
  "specificity",
  "structure",
  "context",
  "best_practices",
  "task_strength",
  "role",
  "success_criteria",
  "audience",
  "format_stated",
  "length_stated",
  "constraints",
  "few_shot",
  "format_template",
  "delimiters",
  "reasoning",
  "reasoning_missing",
  "output_priming",
  "injection_defence",
  "injection_defence_missing",
  "positive_instructions",
  "log_words",
  "partial_coverage",
  "padding",
  "repetition",
  "restatement",
  "chatter",
  ...FINDING_KINDS.map((k) => `finding:${k}`),
] as const;

/**
 * The direction each feature may move the score, for the fit: +1 a recommended technique or a dimension
 * (its weight is never negative, so adding a role or examples never lowers a score), −1 a weakness (a
 * scored finding, a reasoning request or an injection defence missing where one is due, padding,
 * restatement, chatter, length), 0 free (language coverage).
 * Without these, correlated features (a role also raises the context dimension) took opposite signs
 * and the score moved against the guidance it explains.
 */
export const FEATURE_SIGNS: readonly number[] = FEATURE_NAMES.map((name) => {
  if (
    name.startsWith("finding:") ||
    name.endsWith("_missing") ||
    name === "padding" ||
    name === "repetition" ||
    name === "restatement" ||
    name === "chatter" ||
    // length never earns points by itself: what a longer prompt adds earns them through the
    // dimensions and techniques, and a longer prompt that adds nothing may cost
    name === "log_words"
  )
    return -1;
  if (name === "partial_coverage") return 0;
  return 1;
});

export function scoreFeatures(
  dims: Omit<Scores, "overall">,
  sig: Signals,
  findings: readonly Finding[],
  tech: Techniques,
  understanding: Pick<Understanding, "coverage">,
  padding = 0,
  repetition = 0,
  prose: ProseShares = NO_PROSE,
): number[] {
  const b = (x: unknown) => (x ? 1 : 0);
  const kinds = new Set(findings.filter((f) => f.severity !== "hint").map((f) => f.kind));
  return [
    dims.clarity / 100,
    dims.specificity / 100,
    dims.structure / 100,
    dims.context / 100,
    dims.best_practices / 100,
    sig.bestTaskStrength / 2,
    b(tech.role.present),
    b(sig.success),
    b(sig.audience ?? sig.purpose ?? sig.background),
    b(sig.formatExplicit),
    b(sig.length),
    Math.min(4, sig.constraints.length) / 4,
    b(tech.few_shot.present),
    b(tech.format_template.present),
    b(tech.delimiters.present),
    b(tech.reasoning.present && tech.reasoning.applicable),
    b(!tech.reasoning.present && tech.reasoning.applicable),
    b(tech.output_priming.present),
    b(tech.injection_defence.present && tech.injection_defence.applicable),
    b(!tech.injection_defence.present && tech.injection_defence.applicable),
    b(tech.positive_instructions.present),
    Math.log10(1 + sig.words) / 4,
    b(understanding.coverage === "partial"),
    padding,
    repetition,
    prose.restatement,
    prose.chatter,
    ...FINDING_KINDS.map((k) => b(kinds.has(k))),
  ];
}

/**
 * The share of the instructions spent on politeness, hedges and hype ("I would be so grateful if you could
 * possibly…", "world-class, cutting-edge"): words a model cannot act on. A continuous feature of the
 * fitted score; the filler finding stays a hint (its per-instance precision on real prompts is too low).
 */
export function paddingShare(
  phrases: {
    fluff: readonly Span[];
    hedges: readonly Span[];
    buzz: readonly Span[];
    hype?: readonly Span[];
    effusive?: readonly Span[];
  },
  instructionWords: number,
): number {
  let chars = 0;
  for (const list of [phrases.fluff, phrases.hedges, phrases.buzz])
    for (const s of list) chars += s.end - s.start;
  // effusive thanks and apologies, and hype words the buzzword list does not hold ("legendary",
  // "award-winning"), counted where the phrase lists did not already count them
  for (const list of [phrases.effusive ?? [], phrases.hype ?? []])
    for (const x of list)
      if (![phrases.fluff, phrases.buzz].some((l) => l.some((s) => s.start <= x.start && x.start < s.end)))
        chars += x.end - x.start;
  return Math.min(1, chars / (6 * Math.max(1, instructionWords)));
}

/**
 * The share of instruction sentences that restate an earlier one (word sets with Jaccard ≥ 0.6): a prompt
 * that says the same thing three ways is longer, not clearer. A continuous feature like padding; the
 * duplicated-instruction finding itself stays a hint. Compared against the previous 20 sentences, over the first 200.
 */
export function repetitionShare(doc: Doc): number {
  const sets: Array<Set<string>> = [];
  let sentences = 0;
  let repeated = 0;
  for (const s of doc.sentences) {
    if (!s.instruction || sentences >= 200) continue;
    const words = new Set<string>();
    for (let i = s.t0; i < s.t1; i++) {
      const t = doc.tokens[i]!;
      if (t.type === TOKEN_WORD && t.mask === MASK_INSTRUCTION && t.lower.length > 3) words.add(t.lower);
    }
    if (words.size < 3) continue;
    sentences++;
    for (let j = sets.length - 1; j >= 0 && j >= sets.length - 20; j--) {
      const o = sets[j]!;
      let common = 0;
      for (const w of words) if (o.has(w)) common++;
      if (common / (words.size + o.size - common) >= 0.6) {
        repeated++;
        break;
      }
    }
    sets.push(words);
  }
  return sentences === 0 ? 0 : repeated / sentences;
}

export interface ProseShares {
  /** Share of instruction sentences whose content words were nearly all (≥ 70 %) said in the previous six. */
  restatement: number;
  /** Share of instruction sentences about the author ("I", "my", "me") that ask for nothing. */
  chatter: number;
}
const NO_PROSE: ProseShares = { restatement: 0, chatter: 0 };
const RESTATE_WINDOW = 6;
const FIRST_PERSON = new Set(["i", "i'm", "im", "my", "me", "i've", "i'd", "i'll", "myself"]);

/**
 * How much of the instructions adds nothing: sentences that restate what came before in other words
 * ("Make sure there are three. … Three names please.") — the repetition feature only sees near-copies —
 * and chatter about the author that carries no request ("I've been stuck on this all week"). Both are
 * shares, so a long prompt pays for its padding and not for its length. One pass over the tokens, over
 * the first 200 instruction sentences.
 */
export function proseShares(doc: Doc, sig: Pick<Signals, "tasks">): ProseShares {
  // the instruction sentence in which each word was last said: only the last RESTATE_WINDOW count, so a
  // long specification that keeps its vocabulary across sections is not read as restating itself
  const said = new Map<string, number>();
  const taskSentences = new Set<number>();
  for (const t of sig.tasks) taskSentences.add(t.sentence);
  let sentences = 0;
  let restated = 0;
  let chatter = 0;
  const words: string[] = [];
  for (let si = 0; si < doc.sentences.length && sentences < 200; si++) {
    const s = doc.sentences[si]!;
    if (!s.instruction) continue;
    words.length = 0;
    let first = false;
    for (let i = s.t0; i < s.t1; i++) {
      const t = doc.tokens[i]!;
      if (t.type !== TOKEN_WORD || t.mask !== MASK_INSTRUCTION) continue;
      if (FIRST_PERSON.has(t.lower)) first = true;
      if (t.lower.length <= 2 || ((WORD_FLAGS.get(t.lower) ?? 0) & W_STOP) !== 0) continue;
      words.push(stem(t.lower));
    }
    if (words.length === 0) continue;
    sentences++;
    let old = 0;
    for (const w of words) if (sentences - (said.get(w) ?? -RESTATE_WINDOW) <= RESTATE_WINDOW) old++;
    if (words.length >= 2 && old >= 0.7 * words.length) restated++;
    if (first && !taskSentences.has(si)) chatter++;
    for (const w of words) said.set(w, sentences);
  }
  return sentences === 0 ? NO_PROSE : { restatement: restated / sentences, chatter: chatter / sentences };
}
