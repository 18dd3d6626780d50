// Quality on the labelled fixtures: pairwise accuracy (which of two prompts is better) and per-kind
// precision/recall of findings. Prints the same report as `npx tsx bench/analysis-quality.ts`.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  evaluateQuality,
  type FlaggedPrompt,
  formatQualityReport,
  type LabelledPair,
} from "../../src/features/analysis/engine/quality.js";

const dir = new URL("../fixtures/analysis/", import.meta.url);
const pairs = JSON.parse(readFileSync(new URL("pairs.json", dir), "utf8")) as LabelledPair[];
const flagged = JSON.parse(readFileSync(new URL("flagged.json", dir), "utf8")) as FlaggedPrompt[];

describe("analysis quality on labelled prompts", () => {
  const report = evaluateQuality(pairs, flagged);
  console.log(formatQualityReport(report));

  it("has fixtures of the required breadth", () => {
    expect(pairs.length).toBeGreaterThanOrEqual(60);
    expect(new Set(pairs.map((p) => (p as LabelledPair).domain)).size).toBeGreaterThanOrEqual(12);
    expect(report.longerWorsePairs * 3).toBeGreaterThanOrEqual(pairs.length);
    expect(flagged.length).toBeGreaterThanOrEqual(40);
    expect(flagged.filter((f) => f.must.length === 0).length).toBeGreaterThanOrEqual(10);
  });

  it("ranks the better prompt of a pair higher at least 85% of the time", () => {
    expect(report.pairwiseAccuracy).toBeGreaterThanOrEqual(0.85);
    expect(report.longerWorseCorrect / report.longerWorsePairs).toBeGreaterThanOrEqual(0.85);
  });

  it("keeps every finding kind above precision and recall floors", () => {
    for (const k of report.kinds) {
      expect(k.precision, `${k.kind} precision`).toBeGreaterThanOrEqual(0.75);
      expect(k.recall, `${k.kind} recall`).toBeGreaterThanOrEqual(0.75);
    }
    const tp = report.kinds.reduce((n, k) => n + k.tp, 0);
    const fp = report.kinds.reduce((n, k) => n + k.fp, 0);
    const fn = report.kinds.reduce((n, k) => n + k.fn, 0);
    expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.9);
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.9);
  });

  it("ranks pairs written after the rules (never used to tune them) at least 85% right", () => {
    const unseen = JSON.parse(readFileSync(new URL("pairs-unseen.json", dir), "utf8")) as LabelledPair[];
    expect(evaluateQuality(unseen, []).pairwiseAccuracy).toBeGreaterThanOrEqual(0.85);
  });

  it("reports nothing at all on the well-formed prompts", () => {
    const wellFormed = flagged.filter((f) => f.must.length === 0 && f.must_not.length === 12);
    const noisy = report.flaggedMisses.filter((m) => wellFormed.some((w) => w.id === m.id));
    expect(noisy).toEqual([]);
  });
});
