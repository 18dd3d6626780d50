// The features the overall score is fitted on: the five dimension scores, the task, the vendors'
// techniques, each scored finding kind, length and language coverage — all on comparable small scales.
// The weights come from `npm run analysis:calibrate` (score-weights.ts), never from hand edits.

import { W_STOP, WORD_FLAGS } from "./lexicon.js";
import { type Signals, stem } from "./signals.js";
import type { TechniqueCoverage } from "./technique-coverage.js";
import type { Techniques } from "./techniques.js";
import { type Doc, MASK_INSTRUCTION, MASK_SLOT, matchesOf, TOKEN_NUMBER, TOKEN_WORD } from "./text.js";
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
  "edge_cases",
  "log_words",
  "partial_coverage",
  "padding",
  "repetition",
  "restatement",
  "chatter",
  "broken_detail",
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
    name === "broken_detail" ||
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

/** The fitted model score-weights.ts holds (written by `npm run analysis:calibrate`). */
export interface ScoreModel {
  features: readonly string[];
  weights: readonly number[];
  /** overall = 100·σ((w·x − offset) / scale) */
  offset: number;
  scale: number;
  cv_accuracy: number;
  pairs: number;
}

/** What the overall score is computed from: the prompt's signals, findings and techniques. */
export interface ScoreInputs {
  sig: Signals;
  findings: readonly Finding[];
  tech: Techniques;
  understanding: Pick<Understanding, "coverage">;
  /** paddingShare(): politeness, hedges and hype as a share of the instructions. */
  padding?: number;
  /** repetitionShare(): near-copies of earlier instruction sentences. */
  repetition?: number;
  prose?: ProseShares;
  /** The instruction words and sentences the techniques account for (techniqueCoverage()). */
  coverage?: TechniqueCoverage;
  /** placeholderWords(): the words inside [fill in: …] slots, which the author is to replace. */
  placeholders?: number;
  /** Which characters are pasted material rather than instructions (Doc.mask), for the injection cap. */
  mask?: Uint8Array;
}

/**
 * Kinds that make a prompt unusable as written, however much detail surrounds them: it asks two things
 * that cannot both hold, points at material it does not include, carries an instruction aimed at the
 * model, leaves a template slot unfilled, asks nothing, or mixes unrelated jobs.
 */
const BROKEN_KINDS: ReadonlySet<string> = new Set([
  "contradiction",
  "missing_referenced_material",
  "unsafe_injection_pattern",
  "template_variable",
  "no_task",
  "multiple_unrelated_tasks",
]);

export function scoreFeatures(dims: Omit<Scores, "overall">, input: ScoreInputs): number[] {
  const { sig, tech, understanding } = input;
  const prose = input.prose ?? NO_PROSE;
  const b = (x: unknown) => (x ? 1 : 0);
  const kinds = new Set(input.findings.filter((f) => f.severity !== "hint").map((f) => f.kind));
  const broken = [...kinds].some((k) => BROKEN_KINDS.has(k));
  // the words the techniques account for (examples, a reasoning request, a defence) are what the guides
  // recommend, not sprawl, and a placeholder's words are the author's to replace: only the rest of the
  // prompt counts as its length
  const bulkWords = Math.max(0, sig.words - (input.coverage?.words ?? 0) - (input.placeholders ?? 0));
  const positives =
    b(tech.role.present) +
    b(tech.success_criteria.present) +
    b(sig.audience ?? sig.purpose ?? sig.background) +
    b(sig.formatExplicit) +
    b(sig.length) +
    Math.min(4, sig.constraints.length) / 4 +
    b(tech.few_shot.present && !tech.few_shot.oneSided && !tech.few_shot.offForm) +
    b(tech.format_template.present) +
    b(tech.delimiters.present) +
    b(tech.output_priming.present) +
    b(tech.positive_instructions.present || !tech.positive_instructions.applicable) +
    b(tech.edge_cases.present);
  return [
    dims.clarity / 100,
    dims.specificity / 100,
    dims.structure / 100,
    dims.context / 100,
    dims.best_practices / 100,
    sig.bestTaskStrength / 2,
    b(tech.role.present),
    b(tech.success_criteria.present),
    b(sig.audience ?? sig.purpose ?? sig.background),
    b(sig.formatExplicit),
    b(sig.length),
    Math.min(4, sig.constraints.length) / 4,
    b(tech.few_shot.present && !tech.few_shot.oneSided && !tech.few_shot.offForm),
    b(tech.format_template.present),
    b(tech.delimiters.present),
    b(tech.reasoning.present && tech.reasoning.applicable),
    b(!tech.reasoning.present && tech.reasoning.applicable),
    b(tech.output_priming.present),
    b(tech.injection_defence.present && tech.injection_defence.applicable),
    b(!tech.injection_defence.present && tech.injection_defence.applicable),
    // not mostly prohibitions: a prompt with no "don't" at all (a question, an image description) follows
    // the advice as well as one that balances its prohibitions with what to do instead
    b(tech.positive_instructions.present || !tech.positive_instructions.applicable),
    b(tech.edge_cases.present),
    Math.log10(1 + bulkWords) / 4,
    b(understanding.coverage === "partial"),
    // courtesy in the languages the English phrase lists do not read counts as padding too
    Math.min(1, (input.padding ?? 0) + prose.courtesy),
    input.repetition ?? 0,
    prose.restatement,
    prose.chatter,
    // the techniques a broken prompt shows earn nothing: a long brief with a role, a format and examples
    // that contradicts itself or points at missing material is not better for its detail
    broken ? positives / 8 : 0,
    ...FINDING_KINDS.map((k) => b(kinds.has(k))),
  ];
}

/** The words inside placeholders ([fill in: …] slots): the author replaces them, so they are not the prompt's length. */
export function placeholderWords(doc: Doc): number {
  let n = 0;
  for (const t of doc.tokens)
    if (t.mask === MASK_SLOT && (t.type === TOKEN_WORD || t.type === TOKEN_NUMBER)) n++;
  return n;
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
  /**
   * Share of the instruction characters spent on thanks, apologies and hedges in the languages the
   * English phrase lists do not read (Spanish, German, French, Italian, Portuguese, Japanese, Chinese, Korean).
   */
  courtesy: number;
}
const NO_PROSE: ProseShares = { restatement: 0, chatter: 0, courtesy: 0 };

// Politeness formulas a model cannot act on, by language; whole formulas, so a "bitte" or "por favor"
// in front of a request costs a few characters and a paragraph of apologies costs its length.
const COURTESY_RE = new RegExp(
  [
    // Spanish / Portuguese / Italian
    String.raw`(?<![\p{L}\p{N}])(?:por favor|muchas gracias|muchísimas gracias|mil gracias|gracias(?: de antemano)?|te lo agradecería(?: muchísimo| mucho)?(?:,? de verdad)?|perdona(?: la molestia)?|disculpa(?: la molestia)?|si no es mucho pedir|sé que es una tontería|espero que estés (?:muy )?bien|hola|buenos días|obrigad[oa]|desculpe?(?: o incômodo)?|se não for incômodo|per favore|grazie(?: mille)?|scusa(?: il disturbo)?|se non ti dispiace)(?![\p{L}\p{N}])`,
    // German / French
    String.raw`(?<![\p{L}\p{N}])(?:bitte|vielen,? vielen dank|vielen dank(?: schon mal)?|danke(?: schön| sehr)?|entschuldig(?:e|en sie|ung)(?: bitte)?(?: die störung)?|wenn es dir nichts ausmacht|wenn es keine umstände macht|nur wenn es keine umstände macht|ehrlich gesagt|vielleicht könntest du(?: eventuell)?|du bist die beste|hallo|s'il (?:vous|te) pla[iî]t|merci(?: beaucoup| d'avance)?|désolée?|excusez-moi|si ça ne (?:vous|te) dérange pas|je (?:vous|te) serais (?:très )?reconnaissante?|bonjour)(?![\p{L}\p{N}])`,
    // Japanese
    "(?:お忙しいところ|いつも)?(?:大変|本当に|誠に)?(?:申し訳(?:ございません|ありません|ない)(?:のですが|ですが)?|恐縮(?:です|なのですが|ですが)?|恐れ入りますが|お世話になっております|ありがたく存じます|(?:何卒|どうぞ)?よろしくお願い(?:いたします|申し上げます|します)|ありがとう(?:ございます)?|助かります|お手数(?:ですが|でなければ|をおかけしますが)|(?:もし)?(?:よろしければ|お時間(?:が)?(?:ございましたら|あれば)[^。]{0,12})|ご迷惑(?:でなければ|をおかけ[^。]{0,12})|こんにちは)",
    // Chinese / Korean
    "(?:你好|您好|(?:真的)*(?:非常)?(?:感谢|谢谢)(?:你|您)?|麻烦(?:你|您)了?|打扰(?:你|您)?了?|不好意思|如果(?:你|您)方便的话|如果不会太打扰(?:你|您)的话|希望(?:你|您)今天一切都好|(?:你|您)太棒了|감사합니다|고맙습니다|죄송합니다|부탁드립니다|안녕하세요)",
  ].join("|"),
  "giu",
);
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
  let courtesyChars = 0;
  let instructionChars = 0;
  // over the first 20,000 characters: the share is the same on a long prompt, and the cost stays bounded
  const text = doc.instructionText.slice(0, 20_000);
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 32) instructionChars++;
  for (const m of matchesOf(text, COURTESY_RE)) courtesyChars += m[0].length;
  const courtesy = instructionChars === 0 ? 0 : Math.min(1, courtesyChars / instructionChars);
  return sentences === 0
    ? { ...NO_PROSE, courtesy }
    : { restatement: restated / sentences, chatter: chatter / sentences, courtesy };
}
