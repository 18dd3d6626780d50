// Kinds whose precision is below 0.90 on the dev corpus or on the hand-judged sample of real prompts
// are reported as hints: they stay in `findings` with their kind, and move no score, until their rules
// earn the precision back. One table, so promoting a kind back is one deleted line. Figures: dev
// precision / real-prompt precision (findings judged true / findings), measured at engine 2.0.0.
// Promoted back since: unsafe_injection_pattern (headings, defences, attack classifiers and content-policy
// scopes no longer fire: dev 10/10, real 1/1 over all 150 prompts, the one a jailbreak) and
// template_variable (JSON in doubled braces, stray "}}" without any "{{": dev 10/10, real 0 findings),
// contradiction (rebuilt on subjects and negation, rules/contradictions.ts: dev 4/4, real 0 findings),
// multiple_unrelated_tasks (PF501 only on short prompts without a role, PF502 for a switch to a request
// sharing nothing with the first: blind 7/7, dev 5/5, no finding on 300 real prompts); at 2.2.0 no_task
// (blind 0.95, dev 1.00, none on the 150 shared real prompts) and ambiguous_reference through PF106 (blind
// 3/3, dev 12/12), with the bare-pronoun rule PF102 kept a hint by rule; at 2.6.0
// excessive_length_or_filler (blind 17/17, dev 22/22; real: no finding on the 150 shared prompts).
// Kept as hints at 2.6.0 although dev promoted them: missing_audience_or_context, duplicated_instruction and
// missing_examples_for_format_heavy_task (blind split of 683 prompts, with 150 new ones, batch g, written and
// labelled by a session that had not read the rules). On that blind split contradiction (0.81),
// multiple_unrelated_tasks (0.79) and missing_referenced_material (0.84) also fall below 0.90; they still
// count at 2.6.0 and are the next to be made precise on new material or demoted (docs/analysis.md).
// After the batch-g work (rules read the demand behind a repeat, whether a format is custom and shown, and
// leave alone the vague words the labelling guide does): duplicated_instruction and the format-heavy kind
// are 1.00 on batch g but 0.88 and 0.85 on the blind aggregate, and the audience kind 1.00 blind but 0.80
// on batch g, so all three stay hints (the bar is 0.90 on both).
// Demoted at 2.7.0: multiple_unrelated_tasks, 0.79 on the blind split of 683 prompts (23 true, 6 false) after a
// fresh blind batch (i) replaced batch g, while dev reads 1.00: telling one job told in different words from two
// jobs needs to know which topics belong together, which the word-overlap reading cannot supply.
// Promoted at 2.7.0: duplicated_instruction (blind 20/22 = 0.91 once repeats are also read in other languages;
// batch g 6/6; dev 22/22; real: 2 findings on the 150 shared prompts, both true).
// Promoted at 2.8.0: vague_quantifier (read only where the vague word leaves open what is asked for: blind
// 20/20, dev 1.00; real: 3 findings on 2 of the 150 shared prompts, all true, from 114 before),
// missing_output_format (only an analysis, plan, report or explanation handed back in no stated form: blind
// 8/8, dev 1.00; real: none) and missing_audience_or_context (blind 8/8, dev 10/11; real: none). Their recall
// is low (blind 0.56, 0.28, 0.29): they count because what they report is right, and they miss much.
// Promoted at 2.9.0: missing_examples_for_format_heavy_task (a format already shown inline, named by a
// standard or followed by a sample no longer asks for one: blind 18/19 = 0.95, dev 1.00; real: none) and
// multiple_unrelated_tasks (two requests count as unrelated only when their subjects are known and
// unrelated, or the author says so: blind 14/14, dev 68/68; real: none). Both read less than they miss
// (blind recall 0.72 and 0.41).
// Demoted at 2.9.0, on a blind split of 803 prompts that now includes a fresh batch (l, 120 prompts written
// and labelled from the labelling guide alone before any engine ran on them): missing_referenced_material
// (36 true, 6 false: 0.86; on batch l alone 2.8.0 was 6 true, 3 false) and duplicated_instruction (26 true,
// 3 false: 0.897). Both read 1.00 on dev; the false findings are in blind items nobody has read, so the next
// step is to read them (moving them to dev), fix the readings and write fresh blind items in their place.
// Vague words in short requests in other languages (PF107, new at 2.9.0) stay a hint by rule: blind 12/17.
// At 2.11 the 17 blind prompts these three readings fired on falsely were read and moved to dev: two labels
// were wrong by the guide, and the readings no longer take answer options, fields of few-shot records, a
// prompt that asks for nothing, "this message finds you", a quoted line below, tagged blocks of a named
// assistant's brief, a register after "a bit more", a sized or tonal length word or "최근에" for their
// findings (dev with hints: duplicated_instruction 49/49, missing_referenced_material 112/113, PF107's
// vague_quantifier 76/77). Then a fresh blind batch (s, 60 prompts on these three readings and their
// look-alikes, written and labelled from the labelling guide alone) was measured once: missing material 10
// true, 1 false (0.91, recall 0.83), repeats 6 true, 0 false (recall 0.75), vague words 6 true, 4 false.
// On real prompts they fall far short: every firing on 1,772 prompts of three public collections and the 150
// shared real prompts was judged by the labelling guide: missing material 6 true in 15 (a reference back to
// the output the prompt asks for, "this conversation", a list that does follow), repeats 8 true in 27 (a
// heading, outline item or variable's description matched against the instruction it labels; repeats inside
// examples and quoted transcripts). All three stay hints at 2.11.0.
// At 2.12.0 both readings were made exact on the real prompts they were tuned on (repeats: the same sentence
// frame applied to different targets, code, tables and template lines, headings, transcript turns and examples
// no longer count; missing material: a reference back to the requested output, "this conversation", a list
// that follows, an empty closing input heading), but on 300 held-out GPT instructions they were right 3 times
// in 9 and once in 6, and the repeats lost two blind true findings (recall 0.651 -> 0.619): still hints.
// At 2.13.0, on 386 held-out GPT instructions from three libraries: repeats 8 true in 20, missing material 1 in 6
// (the same as 2.12.0 on the same prompts): still hints.
// Demoted at 2.14.0, on the first real sample judged finding by finding for every kind: 1,000 prompts users
// published on a prompt-sharing site, never read by anyone tuning, every scored finding of 2.13.0 and
// 2.14.0 judged by the labelling guide by sessions that had not read the rules (a sample of 30 where a kind
// fired more often; verdicts kept outside the repository). The blind corpus reads these kinds at 0.93–1.00,
// the real prompts at 0.00–0.55: what real users write (role-play, persona sheets, pasted material with
// no delimiters, judgement words settled by a whole genre) is not what the labelled prompts look like.
// Still counting: unsafe_injection_pattern (37 of 40 judged true), template_variable (38 of 40), and three
// kinds that fired once each in the 1,000 (missing audience, format-heavy examples, unrelated tasks: each
// judged false, too few to measure; the next to judge on a larger sample). Contradictions counted only in
// prompts of up to 200 words (6 of the 7 false ones were in longer prompts).
// Demoted at 2.15.0, on a larger real sample judged the same way: 6,694 prompts from three public
// collections (users' published prompts beyond those sampled before, questions people put to chat
// assistants, a prompt library's submissions), deduplicated against every earlier sample. Every counting
// finding of the four rarer kinds was judged by two sessions that had read only the labelling guide:
// missing audience 10 and 6 of 18 true, format-heavy examples 2 and 2 of 12, contradictions in prompts of
// up to 200 words 2 and 2 of 5, unrelated tasks 0 and 0 of 4. All four are hints from 2.15.0; the length
// threshold for contradictions went with it. Injections split in two: the author's own jailbreak phrasing
// (PF601) was right 68 times in 75 and counts; an injection read inside pasted material (PF602: a note to
// the model, a forged turn) 22 in 40 — mostly speaker labels of the author's example dialogues, headings
// such as "Instructions for the AI", and descriptions of a chatbot — and is a hint (DEMOTED_RULES). The
// blind corpus reads all of these at 0.97-1.00: the labelled prompts state one request plainly, and real
// ones rarely do. A prompt with the author's jailbreak and a planted attack gets one finding of each rule.
import type { FindingKind } from "../types.js";

/** Single rules of a counting kind that stay hints: a bare pronoun (PF102) is too often resolved by context. */
export const HINT_RULES: ReadonlyMap<string, string> = new Map<string, string>([
  ["PF102", "ambiguous_reference from a bare pronoun: dev 0.50, blind 0.25"],
  [
    "PF107",
    "vague_quantifier in a short request in another language: blind 12/17 (0.71) at 2.9.0; fresh batch s at 2.11.0, vague words 6 true, 4 false",
  ],
]);

/**
 * Single rules of a counting kind demoted on real prompts: a test of what they read holds whatever their
 * severity (unlike HINT_RULES, which stay hints by design).
 */
export const DEMOTED_RULES: ReadonlyMap<string, string> = new Map<string, string>([
  [
    "PF602",
    "unsafe_injection_pattern planted in pasted material: real 22 of 40 judged true on 6,694 public real prompts at 2.14.0 (the author's own phrasing, PF601: 68 of 75)",
  ],
]);

export const HINT_KINDS: ReadonlyMap<FindingKind, string> = new Map<FindingKind, string>([
  [
    "missing_audience_or_context",
    "real: 10 and 6 of 18 judged true by two judges on 6,694 public real prompts at 2.14.0 (blind 44/44)",
  ],
  [
    "missing_examples_for_format_heavy_task",
    "real: 2 of 12 judged true (both judges) on 6,694 public real prompts at 2.14.0 (blind 34/35)",
  ],
  [
    "contradiction",
    "real: 2 of 5 in prompts of up to 200 words on 6,694 public real prompts at 2.14.0, 1 of 2 on 1,000 before (blind 39/39)",
  ],
  [
    "multiple_unrelated_tasks",
    "real: 0 of 4 judged true (both judges) on 6,694 public real prompts at 2.14.0 (blind 34/35)",
  ],
  [
    "missing_referenced_material",
    "blind 36/42 (0.86) at 2.9.0; fresh batch s 10/11 at 2.11.0, but 6/15 on public real prompts",
  ],
  [
    "no_task",
    "real: 14 of 33 judged true on 1,000 held-out user-written prompts at 2.14.0, 15 of 40 on 4,113 more at 2.15.0 (blind 0.97)",
  ],
  [
    "vague_quantifier",
    "real: 9 of 57 judged (of 58) true on 1,000 held-out user-written prompts at 2.14.0 (blind 41/42)",
  ],
  [
    "missing_output_format",
    "real: 6 of 11 judged true on 1,000 held-out user-written prompts at 2.14.0 (blind 27/28)",
  ],
  [
    "excessive_length_or_filler",
    "real: 1 of 4 judged true on 1,000 held-out user-written prompts at 2.14.0 (blind 34/34)",
  ],
  [
    "ambiguous_reference",
    "real: 0 of 2 on 1,000 held-out user-written prompts at 2.14.0 and 0 of 3 on 386 GPT instructions at 2.13.0",
  ],
  [
    "duplicated_instruction",
    "blind 26/29 (0.90) at 2.9.0; fresh batch s 6/6 at 2.11.0, but 8/27 on public real prompts",
  ],
]);
