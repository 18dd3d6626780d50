// Hostile shapes: how long one offline analysis keeps the event loop on text built to be slow. Every unit
// of two pieces from the set below (spaces and line breaks of every kind, quotes, fences, template
// variables, labels, list markers, letters of several scripts, a few words the patterns key on) is repeated
// to the content limit and analysed once; the slowest are printed. With more than one checkout, each unit
// is analysed by each engine in turn, alternating, so the figures are side by side in one run.
//
// Run: npm run bench:hostile -- [--length 50000] [--top 15] [checkout …]
//   (node --no-regexp-tier-up, as the server runs; a checkout is a directory holding src/features/analysis)

import path from "node:path";
import { pathToFileURL } from "node:url";

const PIECES = [
  " ",
  "\n",
  "\r",
  "\t",
  "\u00a0",
  ".",
  ",",
  ":",
  "-",
  "*",
  "#",
  '"',
  "'",
  "`",
  "{",
  "}",
  "(",
  ")",
  "<",
  ">",
  "/",
  "|",
  "a",
  "A",
  "1",
  "?",
  "!",
  "=",
  "_",
  "¿",
  "“",
  "é",
  "я",
  "中",
  "you ",
  "Task: ",
  "{{x}}",
  "\n\n",
  ". ",
  "- ",
  "1. ",
  "Write ",
  "ignore ",
  "http://",
  "```",
  '"""',
];

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

type Analyze = (text: string) => unknown;

async function main(): Promise<void> {
  const length = option("--length", 50_000);
  const top = option("--top", 15);
  const flags = new Set(["--length", "--top"]);
  const checkouts = process.argv
    .slice(2)
    .filter((a, i, all) => !a.startsWith("--") && !flags.has(all[i - 1] ?? ""));
  if (checkouts.length === 0) checkouts.push(path.resolve(import.meta.dirname, ".."));
  const engines: Analyze[] = [];
  for (const c of checkouts) {
    const url = pathToFileURL(path.resolve(c, "src/features/analysis/engine/index.ts")).href;
    const engine = (await import(url)) as { analyze: Analyze };
    engine.analyze("Warm up: write a haiku about autumn.");
    engines.push(engine.analyze);
  }
  const times: { unit: string; ms: number[] }[] = [];
  for (const a of PIECES)
    for (const b of PIECES) {
      const unit = a + b;
      const text = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
      const ms = engines.map((analyze) => {
        const t = performance.now();
        analyze(text);
        return performance.now() - t;
      });
      times.push({ unit, ms });
    }
  console.log(`${times.length} shapes of ${length} characters; ms per analysis (${checkouts.join(" | ")})`);
  for (let e = 0; e < engines.length; e++) {
    const sorted = [...times].sort((x, y) => y.ms[e]! - x.ms[e]!);
    const all = times.map((t) => t.ms[e]!).sort((x, y) => x - y);
    const median = all[Math.floor(all.length / 2)]!;
    console.log(`\n${checkouts[e]}: median ${median.toFixed(0)} ms, worst ${all.at(-1)!.toFixed(0)} ms`);
    for (const t of sorted.slice(0, top))
      console.log(
        `  ${JSON.stringify(t.unit).padEnd(14)} ${t.ms.map((m) => m.toFixed(0).padStart(7)).join(" ")}`,
      );
  }
}

await main();
