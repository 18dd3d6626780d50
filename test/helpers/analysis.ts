// Helpers for analysis tests: which finding kinds a prompt gets that count in its score (hints left out).
import { analyze } from "../../src/features/analysis/engine/index.js";
import type { FindingKind } from "../../src/features/analysis/engine/types.js";

/** The kinds of the prompt's scored findings (severity other than "hint"). */
export const scoredKinds = (text: string): Set<FindingKind> =>
  new Set(
    analyze(text)
      .findings.filter((f) => f.severity !== "hint")
      .map((f) => f.kind),
  );

/** Whether the prompt gets a scored finding of `kind`. */
export const hasScored = (text: string, kind: FindingKind): boolean => scoredKinds(text).has(kind);

/** Whether the prompt gets any finding of `kind`, hints included. */
export const hasFinding = (text: string, kind: FindingKind): boolean =>
  analyze(text).findings.some((f) => f.kind === kind);

/** Whether the prompt gets an injection finding (PF601), hints included. */
export const flagged = (text: string): boolean => hasFinding(text, "unsafe_injection_pattern");
