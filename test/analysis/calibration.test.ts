// The overall score's weights are fitted, never hand-edited: refitting on the committed corpus must
// reproduce the committed weights file byte for byte.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { calibrate } from "../../src/features/analysis/calibration/calibrate.js";
import { corpusDir, loadCorpus } from "../../src/features/analysis/calibration/corpus.js";
import { crossValidate, fitPairwise, pairAccuracy } from "../../src/features/analysis/calibration/fit.js";

describe("score calibration", () => {
  it("reproduces the committed score-weights.ts from the dev corpus (npm run analysis:calibrate)", () => {
    const committed = readFileSync(
      new URL("../../src/features/analysis/engine/score-weights.ts", import.meta.url),
      "utf8",
    );
    expect(calibrate(loadCorpus(corpusDir())).file).toBe(committed);
  }, 120_000);

  it("fits a pairwise model that ranks separable pairs and cross-validates them", () => {
    // feature 0 decides which prompt is better; feature 1 is noise
    const diffs = Array.from({ length: 40 }, (_, i) => [1 + (i % 3), i % 2 === 0 ? 1 : -1]);
    const w = fitPairwise(diffs);
    expect(w[0]!).toBeGreaterThan(0);
    expect(Math.abs(w[1]!)).toBeLessThan(w[0]!);
    expect(pairAccuracy(w, diffs)).toBe(1);
    expect(crossValidate(diffs, 5)).toBe(1);
  });
});
