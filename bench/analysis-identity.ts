// Output identity check for speed work on the offline engine: hashes what analyzeInternal() returns (the
// result, the techniques and the score features) for every corpus text (both splits and both sides of every
// pair; blind texts are only hashed, never printed), the labelled fixtures, any JSONL files given (a
// "prompt" or "text" field per line), 100,000-character joins of those, half and two-thirds cuts and edge
// cases. Run it in two checkouts and compare the outputs: `cmp` prints nothing when every output is the same.
//   npx tsx bench/analysis-identity.ts OUT.tsv [more.jsonl …]     (one "id<TAB>sha1" line per text)
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { analyzeInternal } from "../src/features/analysis/engine/analyze.js";

const [out, ...extra] = process.argv.slice(2);
if (!out) throw new Error("usage: analysis-identity.ts OUT.tsv [more.jsonl …]");
const inputs: Array<{ id: string; text: string }> = [];
const dir = "test/fixtures/analysis";
const fields = ["text", "better", "worse", "prompt"] as const;
const add = (id: string, d: Record<string, unknown>) => {
  for (const k of fields)
    if (typeof d[k] === "string") inputs.push({ id: `${id}:${k}`, text: d[k] as string });
};
for (const f of readdirSync(`${dir}/corpus`).sort())
  if (f.endsWith(".jsonl"))
    for (const line of readFileSync(`${dir}/corpus/${f}`, "utf8").split("\n"))
      if (line.trim()) add(`${f}:${JSON.parse(line).id}`, JSON.parse(line));
for (const f of readdirSync(dir).sort())
  if (f.endsWith(".json"))
    for (const d of JSON.parse(readFileSync(`${dir}/${f}`, "utf8"))) add(`${f}:${d.id}`, d);
const real: string[] = [];
for (const f of extra)
  for (const [i, line] of readFileSync(f, "utf8").split("\n").entries())
    if (line.trim()) {
      const d = JSON.parse(line);
      add(`${f}:${d.id ?? i}`, d);
      real.push(d.prompt ?? d.text ?? "");
    }
const joined = real.join("\n\n");
for (let at = 0; at < Math.min(joined.length, 300_000); at += 100_000)
  inputs.push({ id: `join:${at}`, text: joined.slice(at, at + 100_000) });
for (const [i, t] of real.entries())
  if (i % 7 === 0)
    for (const share of [1 / 2, 2 / 3])
      inputs.push({ id: `cut:${i}:${share.toFixed(2)}`, text: t.slice(0, Math.floor(t.length * share)) });
for (const t of ["", " ", "\n\n", "?", "```", '"""', "<task>", "Hi.", "a".repeat(5000), "word ".repeat(3000)])
  inputs.push({ id: `edge:${t.length}:${JSON.stringify(t.slice(0, 8))}`, text: t });

const lines = inputs.map(({ id, text }) => {
  const r = analyzeInternal(text);
  const json = JSON.stringify({ result: r.result, techniques: r.techniques, features: r.features });
  return `${id}\t${createHash("sha1").update(json).digest("hex")}`;
});
writeFileSync(out, `${lines.join("\n")}\n`);
console.log(`${inputs.length} texts hashed into ${out}`);
