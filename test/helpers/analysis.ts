// Helpers for analysis tests: which finding kinds a prompt's rules report (hints of a rule kept a hint left out).
import { analyze } from "../../src/features/analysis/engine/index.js";
import { DEMOTED_RULES, HINT_KINDS, HINT_RULES } from "../../src/features/analysis/engine/rules/demotions.js";
import type { Finding, FindingKind } from "../../src/features/analysis/engine/types.js";

/**
 * Whether a finding is a full reading of its kind: scored, or a hint only because its whole kind is
 * demoted (rules/demotions.ts HINT_KINDS), so a test of what a rule reads holds whatever the kind's
 * severity, and so is a single rule demoted on real prompts (DEMOTED_RULES: injections in pasted material).
 * A rule kept a hint by design (HINT_RULES: a bare pronoun, vague words in other languages) is not.
 */
export const reads = (f: Finding): boolean =>
  f.severity !== "hint" || (HINT_KINDS.has(f.kind) && !HINT_RULES.has(f.rule)) || DEMOTED_RULES.has(f.rule);

/** The kinds of the prompt's findings that are full readings (scored, or hints of a demoted kind). */
export const scoredKinds = (text: string): Set<FindingKind> =>
  new Set(
    analyze(text)
      .findings.filter(reads)
      .map((f) => f.kind),
  );

/** Whether the prompt gets a scored finding of `kind`. */
export const hasScored = (text: string, kind: FindingKind): boolean => scoredKinds(text).has(kind);

/** Whether the prompt gets any finding of `kind`, hints included. */
export const hasFinding = (text: string, kind: FindingKind): boolean =>
  analyze(text).findings.some((f) => f.kind === kind);

/** Whether the prompt gets an injection finding (PF601, or PF602 in pasted material), hints included. */
export const flagged = (text: string): boolean => hasFinding(text, "unsafe_injection_pattern");
