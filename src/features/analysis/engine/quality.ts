// Measures the engine against labelled prompts: pairwise accuracy on "which of two prompts is better"
// and per-kind precision/recall on "which findings must and must not be reported". Used by the quality
// test and by bench/analysis-quality.ts so both print the same report.

import { analyze } from "./analyze.js";
import { FINDING_KINDS, type FindingKind } from "./types.js";

export interface LabelledPair {
  id: string;
  domain: string;
  better: string;
  worse: string;
  note?: string;
}
export interface FlaggedPrompt {
  id: string;
  text: string;
  must: FindingKind[];
  must_not: FindingKind[];
  note?: string;
}
export interface KindStats {
  kind: FindingKind;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}
export interface QualityReport {
  pairs: number;
  pairsCorrect: number;
  pairwiseAccuracy: number;
  longerWorsePairs: number;
  longerWorseCorrect: number;
  failedPairs: Array<{ id: string; better: number; worse: number }>;
  kinds: KindStats[];
  flaggedMisses: Array<{ id: string; missing: FindingKind[]; unexpected: FindingKind[] }>;
}

export function evaluateQuality(pairs: LabelledPair[], flagged: FlaggedPrompt[]): QualityReport {
  let correct = 0;
  let longerWorse = 0;
  let longerWorseCorrect = 0;
  const failedPairs: QualityReport["failedPairs"] = [];
  for (const p of pairs) {
    const b = analyze(p.better).scores.overall;
    const w = analyze(p.worse).scores.overall;
    const ok = b > w;
    if (ok) correct++;
    else failedPairs.push({ id: p.id, better: b, worse: w });
    if (p.worse.length > p.better.length) {
      longerWorse++;
      if (ok) longerWorseCorrect++;
    }
  }
  const stats = new Map<FindingKind, KindStats>(
    FINDING_KINDS.map((k) => [k, { kind: k, tp: 0, fp: 0, fn: 0, precision: 1, recall: 1 }]),
  );
  const flaggedMisses: QualityReport["flaggedMisses"] = [];
  for (const f of flagged) {
    const reported = new Set(analyze(f.text).findings.map((x) => x.kind));
    const missing: FindingKind[] = [];
    const unexpected: FindingKind[] = [];
    for (const k of f.must) {
      const s = stats.get(k)!;
      if (reported.has(k)) s.tp++;
      else {
        s.fn++;
        missing.push(k);
      }
    }
    for (const k of f.must_not) {
      if (reported.has(k)) {
        stats.get(k)!.fp++;
        unexpected.push(k);
      }
    }
    if (missing.length || unexpected.length) flaggedMisses.push({ id: f.id, missing, unexpected });
  }
  for (const s of stats.values()) {
    s.precision = s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
    s.recall = s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn);
  }
  return {
    pairs: pairs.length,
    pairsCorrect: correct,
    pairwiseAccuracy: pairs.length ? correct / pairs.length : 1,
    longerWorsePairs: longerWorse,
    longerWorseCorrect,
    failedPairs,
    kinds: [...stats.values()],
    flaggedMisses,
  };
}

export function formatQualityReport(r: QualityReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `pairwise accuracy: ${r.pairsCorrect}/${r.pairs} = ${pct(r.pairwiseAccuracy)}  (longer-is-worse pairs: ${r.longerWorseCorrect}/${r.longerWorsePairs})`,
    "",
    "kind                                      tp  fp  fn  precision  recall",
  ];
  for (const k of r.kinds) {
    lines.push(
      `${k.kind.padEnd(40)} ${String(k.tp).padStart(3)} ${String(k.fp).padStart(3)} ${String(k.fn).padStart(3)}  ${pct(k.precision).padStart(9)}  ${pct(k.recall).padStart(6)}`,
    );
  }
  const tp = r.kinds.reduce((n, k) => n + k.tp, 0);
  const fp = r.kinds.reduce((n, k) => n + k.fp, 0);
  const fn = r.kinds.reduce((n, k) => n + k.fn, 0);
  lines.push(
    `${"all kinds (micro)".padEnd(40)} ${String(tp).padStart(3)} ${String(fp).padStart(3)} ${String(fn).padStart(3)}  ${pct(tp / Math.max(1, tp + fp)).padStart(9)}  ${pct(tp / Math.max(1, tp + fn)).padStart(6)}`,
  );
  if (r.failedPairs.length)
    lines.push(
      "",
      `pairs ranked wrongly: ${r.failedPairs.map((p) => `${p.id} (${p.better} vs ${p.worse})`).join(", ")}`,
    );
  if (r.flaggedMisses.length)
    lines.push(
      "",
      "flagged prompts with errors:",
      ...r.flaggedMisses.map(
        (m) =>
          `  ${m.id}: ${m.missing.length ? `missing ${m.missing.join(",")}` : ""}${m.unexpected.length ? ` unexpected ${m.unexpected.join(",")}` : ""}`,
      ),
    );
  return lines.join("\n");
}
