// The analysis figures that count: per-kind precision and recall, no_task on prompts that have a task,
// and pair accuracy (overall and per tag) on the labelled corpus, blind and dev side by side; and, when
// given a JSON-lines file of real prompts ({"prompt": …} per line), how often each kind fires on them.
// Run: npx tsx bench/analysis-corpus.ts [--errors] [--real path/to/prompts.jsonl]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadCorpus, type Split } from "../src/features/analysis/calibration/corpus.js";
import {
  evaluatePairs,
  evaluatePrompts,
  formatPairFigures,
  formatPromptFigures,
} from "../src/features/analysis/calibration/evaluate.js";
import { analyze } from "../src/features/analysis/engine/index.js";

const { values } = parseArgs({
  options: {
    errors: { type: "boolean", default: false },
    real: { type: "string" },
    split: { type: "string" },
  },
});
const corpus = loadCorpus();
const splits: Split[] = values.split ? [values.split as Split] : ["blind", "dev"];
for (const split of splits) {
  const prompts = corpus.prompts.filter((p) => p.split === split);
  const pairs = corpus.pairs.filter((p) => p.split === split);
  const pf = evaluatePrompts(prompts);
  const pa = evaluatePairs(pairs);
  console.log(formatPromptFigures(`${split} prompts`, pf));
  console.log(formatPairFigures(`${split} pairs`, pa));
  // Blind errors are not printed unless asked: reading them to tune would make them dev items.
  if (values.errors) {
    for (const e of pf.errors)
      console.log(`  ${e.id}: missed ${e.missed.join(",")} extra ${e.extra.join(",")}`);
    for (const w of pa.wrong) console.log(`  pair ${w.id}: ${w.better} vs ${w.worse}`);
  }
  console.log("");
}
if (values.real) {
  const rows = readFileSync(values.real, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id?: string; prompt?: string; text?: string });
  const counts: Record<string, number> = {};
  const noTask: string[] = [];
  for (const r of rows) {
    const result = analyze(r.prompt ?? r.text ?? "");
    for (const k of new Set(result.findings.filter((f) => f.severity !== "hint").map((f) => f.kind)))
      counts[k] = (counts[k] ?? 0) + 1;
    if (result.findings.some((f) => f.kind === "no_task")) noTask.push(r.id ?? "?");
  }
  console.log(
    `real prompts: ${rows.length}; no_task on ${noTask.length} (${((100 * noTask.length) / rows.length).toFixed(1)}%) ${noTask.join(" ")}`,
  );
  console.log(`prompts with each scored kind: ${JSON.stringify(counts)}`);
}
