// The fitted score's hint features: a kind shown only as a hint (a missing output format, unrelated jobs
// mixed in, no audience or context) is a feature of the score with a side that can only lower it.
import { describe, expect, it } from "vitest";
import { analyzeInternal } from "../../src/features/analysis/engine/analyze.js";
import { FEATURE_NAMES, FEATURE_SIGNS } from "../../src/features/analysis/engine/score-features.js";

const feature = (text: string, name: string) =>
  analyzeInternal(text).features[FEATURE_NAMES.indexOf(name as never)];

describe("hint features of the fitted score", () => {
  it("declares every hint feature as one that can only lower the score", () => {
    const hints = FEATURE_NAMES.filter((n) => n.startsWith("hint:"));
    expect(hints.length).toBeGreaterThan(0);
    for (const n of hints) expect(FEATURE_SIGNS[FEATURE_NAMES.indexOf(n)]).toBe(-1);
  });

  it("reads a hinted kind as 1 and its absence as 0", () => {
    const text =
      "Fix the grammar in my cover letter below and tell me if it sounds confident.\n\nLetter: {{letter}}\n\nAlso, what's a good recipe for banana bread, and who won the 1998 World Cup?";
    const r = analyzeInternal(text);
    const hinted = r.result.findings.some(
      (f) => f.kind === "multiple_unrelated_tasks" && f.severity === "hint",
    );
    expect(hinted).toBe(true);
    expect(feature(text, "hint:multiple_unrelated_tasks")).toBe(1);
    expect(
      feature(
        "Fix the grammar in my cover letter below.\n\nLetter: {{letter}}",
        "hint:multiple_unrelated_tasks",
      ),
    ).toBe(0);
  });
});
