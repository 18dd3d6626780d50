// Prints the offline engine's quality report on the labelled fixtures: pairwise accuracy and per-kind
// precision/recall. Run: npx tsx bench/analysis-quality.ts
import { existsSync, readFileSync } from "node:fs";
import {
  evaluateQuality,
  type FlaggedPrompt,
  formatQualityReport,
  type LabelledPair,
} from "../src/features/analysis/engine/quality.js";

// The fixtures sit in the repository's test/ folder, both from bench/ (tsx) and from dist/bench/ (built).
const dir = [
  new URL("../test/fixtures/analysis/", import.meta.url),
  new URL("../../test/fixtures/analysis/", import.meta.url),
].find((u) => existsSync(u)) as URL;
const pairs = JSON.parse(readFileSync(new URL("pairs.json", dir), "utf8")) as LabelledPair[];
const flagged = JSON.parse(readFileSync(new URL("flagged.json", dir), "utf8")) as FlaggedPrompt[];
console.log(formatQualityReport(evaluateQuality(pairs, flagged)));
// pairs written after the rules, never used to tune them
const unseen = JSON.parse(readFileSync(new URL("pairs-unseen.json", dir), "utf8")) as LabelledPair[];
const u = evaluateQuality(unseen, []);
console.log(`\nunseen pairs: ${u.pairsCorrect}/${u.pairs} = ${(u.pairwiseAccuracy * 100).toFixed(1)}%`);
