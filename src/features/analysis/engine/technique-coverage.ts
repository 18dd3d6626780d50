// How much of the instructions the recognised techniques account for: the sentences that carry worked
// examples, a format template, a reasoning request, an injection defence, success criteria or priming.
// The structure dimension judges a prompt's bulk without them, so adding one of the vendors' recommended
// sentences to a short prompt does not read as making it long and unorganised. Over the first 400
// instruction sentences, like the techniques themselves.
import type { Signals } from "./signals.js";
import type { Techniques } from "./techniques.js";
import { type Doc, MASK_INSTRUCTION, TOKEN_NUMBER, TOKEN_VAR, TOKEN_WORD } from "./text.js";
import type { Span } from "./types.js";

export interface TechniqueCoverage {
  /** Instruction words in sentences that carry a technique. */
  words: number;
  /** Instruction sentences that carry a technique. */
  sentences: number;
  /** Of those, the ones before the first task sentence (a defence or a reasoning request set first). */
  before: number;
}

const SENTENCE_LIMIT = 400;

export function techniqueCoverage(
  doc: Doc,
  tech: Techniques,
  sig: Pick<Signals, "tasks">,
): TechniqueCoverage {
  const spans: Span[] = [];
  // Only the techniques whose sentences add nothing but the technique. A role, positive instructions and
  // an out for edge cases are how any detailed brief is written, long broken ones included: counting them
  // out lost as many better-shorter pairs as it won technique pairs.
  const list = [
    tech.success_criteria,
    tech.format_template,
    tech.reasoning,
    tech.output_priming,
    tech.few_shot,
  ];
  for (const t of list) if (t.present && t.evidence) spans.push(t.evidence);
  if (tech.injection_defence.present) spans.push(...(tech.injection_defence.spans ?? []));
  // worked examples run on past their first line: every labelled line from there on ("Input: …", "Label: …")
  const examplesFrom = tech.few_shot.present && tech.few_shot.evidence ? tech.few_shot.evidence.start : -1;
  // the sentence the task starts in, as the signals read it (the first with strength, else the first)
  const task = sig.tasks.find((t) => t.strength > 0) ?? sig.tasks[0];
  const taskSentence = task ? task.sentence : -1;
  let words = 0;
  let sentences = 0;
  let before = 0;
  let seen = 0;
  for (let si = 0; si < doc.sentences.length; si++) {
    const s = doc.sentences[si]!;
    if (!s.instruction) continue;
    if (++seen > SENTENCE_LIMIT) break;
    const covered =
      (examplesFrom >= 0 && s.start >= examplesFrom && s.label !== "") ||
      spans.some((x) => s.start < x.end && x.start < s.end);
    if (!covered) continue;
    sentences++;
    if (si < taskSentence) before++;
    for (let i = s.t0; i < s.t1; i++) {
      const t = doc.tokens[i]!;
      if (
        t.mask === MASK_INSTRUCTION &&
        (t.type === TOKEN_WORD || t.type === TOKEN_NUMBER || t.type === TOKEN_VAR)
      )
        words++;
    }
  }
  return { words, sentences, before };
}
