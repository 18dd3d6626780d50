// The overall score's weights are fitted, never hand-edited: refitting on the committed corpus must
// reproduce the committed weights file byte for byte.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { calibrate } from "../../src/features/analysis/calibration/calibrate.js";
import { corpusDir, loadCorpus } from "../../src/features/analysis/calibration/corpus.js";
import {
  crossValidate,
  crossValidateGroups,
  DEFAULT_FIT,
  fitPairwise,
  pairAccuracy,
  utility,
} from "../../src/features/analysis/calibration/fit.js";
import { analyzeInternal } from "../../src/features/analysis/engine/analyze.js";
import {
  FEATURE_NAMES,
  FEATURE_SIGNS,
  proseShares,
} from "../../src/features/analysis/engine/score-features.js";

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

  it("fits each feature on its own scale: rescaling a feature rescales its weight and leaves every utility", () => {
    // feature 1 is rare (differs in 3 of 40 pairs) but decides those pairs against feature 0
    const diffs = Array.from({ length: 40 }, (_, i) => (i % 13 === 0 ? [0.5, -1] : [1, 0]));
    const w = fitPairwise(diffs);
    expect(w[1]!).toBeLessThan(0);
    const scaled = diffs.map(([a, b]) => [a!, b! * 100]);
    const w2 = fitPairwise(scaled);
    expect(w2[1]!).toBeCloseTo(w[1]! / 100, 6);
    for (let i = 0; i < diffs.length; i++)
      expect(utility(w2, scaled[i]!)).toBeCloseTo(utility(w, diffs[i]!), 6);
    // unstandardised, the same data leaves the rare feature's weight far smaller against the common one
    const raw = fitPairwise(diffs, { ...DEFAULT_FIT, standardise: false });
    expect(Math.abs(raw[1]!) / raw[0]!).toBeLessThan(Math.abs(w[1]!) / w[0]!);
  });

  it("scores each group with weights fitted on the other groups", () => {
    // group "b" is decided by feature 1, which the other groups never vary: held out, it cannot be learnt
    const diffs = [...Array.from({ length: 10 }, () => [1, 0]), ...Array.from({ length: 10 }, () => [0, 1])];
    const groups = diffs.map((_, i) => (i < 10 ? "a" : "b"));
    const held = crossValidateGroups(diffs, groups);
    expect(held.byGroup).toEqual({ a: { pairs: 10, correct: 0 }, b: { pairs: 10, correct: 0 } });
    expect(
      crossValidateGroups(
        diffs,
        diffs.map((_, i) => (i % 2 ? "x" : "y")),
      ).accuracy,
    ).toBe(1);
  });

  it("scores each long, well-structured production system prompt of the dev corpus above its one-line role prompt", () => {
    const pairs = loadCorpus(corpusDir()).pairs.filter((p) => p.id === "dq079" || p.id === "dq082");
    expect(pairs).toHaveLength(2);
    for (const p of pairs)
      expect(analyzeInternal(p.better).result.scores.overall, p.id).toBeGreaterThan(
        analyzeInternal(p.worse).result.scores.overall,
      );
  });

  it("declares that length, restatement, chatter and a broken prompt's detail can only lower the score", () => {
    for (const name of ["log_words", "restatement", "chatter", "padding", "repetition", "broken_detail"])
      expect(FEATURE_SIGNS[FEATURE_NAMES.indexOf(name as (typeof FEATURE_NAMES)[number])]).toBe(-1);
  });
});

describe("restatement and chatter", () => {
  const shares = (text: string) => {
    const { doc, sig } = analyzeInternal(text);
    return proseShares(doc, sig);
  };

  it("counts a sentence that only restates earlier ones in other words", () => {
    const base = "Suggest three team names for a company charity run. Puns welcome, max three words each.";
    expect(shares(base).restatement).toBe(0);
    const padded = `${base} Three team names please, puns welcome.`;
    expect(shares(padded).restatement).toBeCloseTo(1 / 3, 6);
    // a sentence that adds a requirement is not a restatement
    expect(shares(`${base} Avoid any reference to running injuries.`).restatement).toBe(0);
  });

  it("counts thanks, apologies and hedges in languages other than English as courtesy", () => {
    expect(shares("次の文を英語に翻訳してください：「会議は延期されました。」").courtesy).toBe(0);
    const ja = shares(
      "お忙しいところ大変申し訳ございません。次の文を英語に翻訳していただけますと大変ありがたく存じます。何卒よろしくお願い申し上げます。「会議は延期されました。」",
    );
    expect(ja.courtesy).toBeGreaterThan(0.3);
    expect(shares("Fasse den Absatz in einem Satz zusammen.").courtesy).toBe(0);
    expect(
      shares(
        "Hallo, entschuldige bitte die Störung! Wenn es dir nichts ausmacht, fasse den Absatz in einem Satz zusammen. Vielen, vielen Dank schon mal!",
      ).courtesy,
    ).toBeGreaterThan(0.3);
  });

  it("counts first-person sentences that ask for nothing, not requests", () => {
    expect(shares("I need you to write a haiku about rain.").chatter).toBe(0);
    const s = shares(
      "I've been stuck on this all week and my manager keeps asking. Write a haiku about rain for our newsletter.",
    );
    expect(s.chatter).toBeCloseTo(1 / 2, 6);
  });

  it("lowers the score of a prompt that restates itself", () => {
    const base = "Write a limerick about a cat who is afraid of cucumbers.";
    const padded = `${base} It must be a limerick about a cat who is afraid of cucumbers. Again: a limerick about a cat afraid of cucumbers.`;
    expect(analyzeInternal(base).result.scores.overall).toBeGreaterThan(
      analyzeInternal(padded).result.scores.overall,
    );
  });
});
