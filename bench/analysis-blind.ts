// Blind evaluation of the offline analysis engine on fixtures written without reading its rules.
// Run: npx tsx bench/analysis-blind.ts
import { readFileSync } from "node:fs";
import { analyze } from "../src/features/analysis/engine/index.js";
import { FINDING_KINDS, type FindingKind } from "../src/features/analysis/engine/types.js";

interface BlindPair {
  id: string;
  domain: string;
  better: string;
  worse: string;
  why: string;
}

interface BlindFlagged {
  id: string;
  text: string;
  must: FindingKind[];
  must_not: FindingKind[];
}

const dir = new URL("../test/fixtures/analysis/", import.meta.url);
const pairs = JSON.parse(readFileSync(new URL("pairs-blind.json", dir), "utf8")) as BlindPair[];
const flagged = JSON.parse(readFileSync(new URL("flagged-blind.json", dir), "utf8")) as BlindFlagged[];

const failures: string[] = [];
const pct = (n: number, d: number): string => (d === 0 ? "n/a" : `${((100 * n) / d).toFixed(1)}%`);

// Pairwise: the better prompt must score strictly higher overall.
let correct = 0;
let longerTotal = 0;
let longerCorrect = 0;
for (const pair of pairs) {
  const b = analyze(pair.better).scores.overall;
  const w = analyze(pair.worse).scores.overall;
  const ok = b > w;
  const longerIsWorse = pair.worse.length > pair.better.length;
  if (ok) correct++;
  if (longerIsWorse) {
    longerTotal++;
    if (ok) longerCorrect++;
  }
  if (!ok) {
    failures.push(
      `pair ${pair.id} (${pair.domain}${longerIsWorse ? ", longer-is-worse" : ""}): better=${b} worse=${w}`,
    );
  }
}

console.log(`Pairs: ${pairs.length}`);
console.log(`Pairwise accuracy (overall): ${correct}/${pairs.length} = ${pct(correct, pairs.length)}`);
console.log(
  `Pairwise accuracy (longer-is-worse): ${longerCorrect}/${longerTotal} = ${pct(longerCorrect, longerTotal)}`,
);

// Flagged: per-kind tp/fn/fp.
const counts = new Map<FindingKind, { tp: number; fn: number; fp: number }>();
for (const kind of FINDING_KINDS) counts.set(kind, { tp: 0, fn: 0, fp: 0 });
let wellFormedClean = 0;
let wellFormedTotal = 0;
for (const item of flagged) {
  const reported = new Set(analyze(item.text).findings.map((f) => f.kind));
  const problems: string[] = [];
  for (const kind of item.must) {
    const c = counts.get(kind);
    if (!c) throw new Error(`unknown kind ${kind} in ${item.id}`);
    if (reported.has(kind)) c.tp++;
    else {
      c.fn++;
      problems.push(`missed ${kind}`);
    }
  }
  for (const kind of item.must_not) {
    const c = counts.get(kind);
    if (!c) throw new Error(`unknown kind ${kind} in ${item.id}`);
    if (reported.has(kind)) {
      c.fp++;
      problems.push(`false alarm ${kind}`);
    }
  }
  if (item.must.length === 0) {
    wellFormedTotal++;
    if (problems.length === 0) wellFormedClean++;
  }
  if (problems.length > 0) {
    failures.push(
      `flagged ${item.id}: ${problems.join(", ")} (reported: ${[...reported].join(", ") || "none"})`,
    );
  }
}

console.log(
  `\nFlagged prompts: ${flagged.length} (well-formed: ${wellFormedTotal}, clean: ${wellFormedClean})`,
);
console.log("kind                                    tp  fn  fp  precision  recall");
let tpAll = 0;
let fnAll = 0;
let fpAll = 0;
for (const [kind, c] of counts) {
  tpAll += c.tp;
  fnAll += c.fn;
  fpAll += c.fp;
  if (c.tp + c.fn + c.fp === 0) continue;
  console.log(
    `${kind.padEnd(40)}${String(c.tp).padStart(2)}  ${String(c.fn).padStart(2)}  ${String(c.fp).padStart(2)}  ${pct(c.tp, c.tp + c.fp).padStart(9)}  ${pct(c.tp, c.tp + c.fn).padStart(6)}`,
  );
}
console.log(
  `${"ALL (micro)".padEnd(40)}${String(tpAll).padStart(2)}  ${String(fnAll).padStart(2)}  ${String(fpAll).padStart(2)}  ${pct(tpAll, tpAll + fpAll).padStart(9)}  ${pct(tpAll, tpAll + fnAll).padStart(6)}`,
);

console.log(`\nFailures (${failures.length}):`);
for (const line of failures) console.log(`- ${line}`);
