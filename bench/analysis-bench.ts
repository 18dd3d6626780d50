// Offline analysis micro-benchmark: throughput and per-analysis latency (p50/p99) for 50-, 300- and
// 2,000-word prompts and one of 100,000 characters in one process, and the per-word cost at 2,000 words
// relative to 50 (linearity); then the 300-word prompt again with typographic quotes (two-byte text).
// Run: node --no-regexp-tier-up --import tsx bench/analysis-bench.ts   (the flag the server runs with; add
// --json for machine-readable output; BENCH_SECONDS per size)
import { analyze } from "../src/features/analysis/engine/index.js";

// Sentence parts combined by a fixed-seed generator: realistic prompts without repeated sentences (a
// repeated sentence is a finding of its own and would make the benchmark unrepresentative).
const SUBJECTS = [
  "support reply",
  "release note",
  "onboarding email",
  "incident summary",
  "product description",
  "FAQ entry",
  "status update",
  "migration guide",
  "API changelog",
  "survey invitation",
  "pricing page",
  "help-centre article",
];
const AUDIENCES = [
  "customers on the Team plan",
  "non-technical store owners",
  "new hires in their first week",
  "the finance team",
  "developers integrating our API",
  "school administrators",
  "clinic receptionists",
  "volunteers at the food bank",
];
const TOPICS = [
  "the sync outage on 3 March",
  "the new CSV export",
  "the 30-day refund policy",
  "two-factor login",
  "the Berlin data centre",
  "the price change in July",
  "offline mode on Android",
  "bulk invoice downloads",
  "the accessibility audit",
  "shared folder permissions",
];
const LIMITS = [
  "under 120 words",
  "in three bullet points",
  "in at most two short paragraphs",
  "as a table with columns Step and Owner",
  "in five numbered steps",
  "under 80 words with one link",
];
const TONES = ["warm and direct", "plain and factual", "friendly but brief", "formal and precise"];
const MATERIAL = [
  "my laptop stopped syncing yesterday afternoon and I could not open the quarterly budget spreadsheet",
  "when it came back some folders showed older versions and edits from Tuesday seemed to be missing",
  "two colleagues saw the same warning icon on the shared Projects folder during the outage",
  "we were charged twice for the annual plan and the second invoice has a different VAT number",
  "the export finished but the dates are in US format and our accountant needs ISO dates",
  "I cannot find where to turn on two-factor login for the other members of my team",
];

/** Deterministic pseudo-random choices (LCG), so every run measures the same prompts. */
function chooser(seed: number) {
  let x = seed >>> 0;
  return <T>(list: readonly T[]): T => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return list[x % list.length]!;
  };
}

function makeSentence(pick: ReturnType<typeof chooser>, i: number): string {
  switch (i % 6) {
    case 0:
      return `Write a ${pick(SUBJECTS)} for ${pick(AUDIENCES)} about ${pick(TOPICS)}, ${pick(LIMITS)}.`;
    case 1:
      return `Mention ${pick(TOPICS)} and explain what changes for ${pick(AUDIENCES)}.`;
    case 2:
      return `Keep the tone ${pick(TONES)} and do not promise dates for ${pick(TOPICS)}.`;
    case 3:
      return `Our team supports ${pick(AUDIENCES)} who mostly ask about ${pick(TOPICS)} and ${pick(TOPICS)}.`;
    case 4:
      return `Return the ${pick(SUBJECTS)} ${pick(LIMITS)}, then list the facts you relied on.`;
    default:
      return `If the message mentions ${pick(TOPICS)}, answer that first and link to the ${pick(SUBJECTS)}.`;
  }
}

/** A deterministic prompt of about `words` words: instructions followed by pasted material. */
function makePrompt(words: number): string {
  const pick = chooser(words);
  const instructions: string[] = [];
  const material: string[] = [];
  let count = 0;
  let i = 0;
  while (count < words) {
    // about a third of a longer prompt is pasted material, as in real prompts with a message attached
    const useMaterial = words > 100 && i % 3 === 2;
    const s = useMaterial ? `${pick(MATERIAL)}, and ${pick(MATERIAL)}.` : makeSentence(pick, i);
    (useMaterial ? material : instructions).push(s.charAt(0).toUpperCase() + s.slice(1));
    count += s.split(/\s+/).length;
    i++;
  }
  const body = instructions.join(" ");
  return material.length ? `${body}\n\nCustomer message:\n"""\n${material.join(" ")}\n"""` : body;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Row {
  words: number;
  runs: number;
  /** Analyses per wall-clock second. */
  throughput: number;
  /** Analyses per second of CPU time used by this process (one core; unaffected by other load). */
  throughput_cpu: number;
  p50_us: number;
  p99_us: number;
  per_word_ns: number;
}

/** A prompt of exactly `chars` characters: the generator's longer prompt, cut at that length. */
function makeLongPrompt(chars: number): string {
  let words = Math.ceil(chars / 6);
  let text = makePrompt(words);
  while (text.length < chars) {
    words *= 2;
    text = makePrompt(words);
  }
  return text.slice(0, chars);
}

function measure(text: string, seconds: number): Row {
  const actualWords = text.split(/\s+/).filter(Boolean).length;
  // warm-up: JIT and regex caches (200 runs, or about a second for a long prompt)
  const warmUntil = process.hrtime.bigint() + 1_000_000_000n;
  for (let i = 0; i < 200 && (i < 5 || process.hrtime.bigint() < warmUntil); i++) analyze(text);
  const samples: number[] = [];
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < deadline) {
    const t0 = process.hrtime.bigint();
    analyze(text);
    now = process.hrtime.bigint();
    samples.push(Number(now - t0));
  }
  const total = Number(now - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  samples.sort((a, b) => a - b);
  const p50 = percentile(samples, 50);
  return {
    words: actualWords,
    runs: samples.length,
    throughput: Math.round(samples.length / total),
    throughput_cpu: Math.round(samples.length / cpuSeconds),
    p50_us: Math.round(p50 / 100) / 10,
    p99_us: Math.round(percentile(samples, 99) / 100) / 10,
    per_word_ns: Math.round(p50 / actualWords),
  };
}

/**
 * The same prompt with typographic quotes and a dash, as pasted text often has: V8 then holds it as a
 * two-byte string, and each regular expression keeps separate code for each width (docs/performance.md,
 * "Regular expressions"). Measured after the plain rows, as a server sees both kinds of text.
 */
function typographic(text: string): string {
  return text.replace(/"/g, "\u201d").replace(/'/g, "\u2019").replace(". ", " \u2014 ");
}

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const rows = [50, 300, 2000].map((w) => measure(makePrompt(w), seconds));
const typo = measure(typographic(makePrompt(300)), seconds);
const long = measure(makeLongPrompt(100_000), seconds);
const ratio = rows[2]!.per_word_ns / rows[0]!.per_word_ns;
if (process.argv.includes("--json")) {
  console.log(
    JSON.stringify({
      node: process.version,
      seconds,
      rows,
      typographic_300: typo,
      chars_100000: long,
      per_word_ratio_2000_vs_50: Math.round(ratio * 100) / 100,
    }),
  );
} else {
  console.log(`offline analysis, node ${process.version}, ${seconds}s per size, one core`);
  console.log("words   runs   analyses/s (wall)   analyses/s (CPU)   p50 (µs)   p99 (µs)   ns/word (p50)");
  for (const r of rows)
    console.log(
      `${String(r.words).padStart(5)}  ${String(r.runs).padStart(6)}  ${String(r.throughput).padStart(18)}  ${String(r.throughput_cpu).padStart(17)}  ${String(r.p50_us).padStart(9)}  ${String(r.p99_us).padStart(9)}  ${String(r.per_word_ns).padStart(14)}`,
    );
  console.log(
    `${String(typo.words).padStart(5)}  ${String(typo.runs).padStart(6)}  ${String(typo.throughput).padStart(18)}  ${String(typo.throughput_cpu).padStart(17)}  ${String(typo.p50_us).padStart(9)}  ${String(typo.p99_us).padStart(9)}  ${String(typo.per_word_ns).padStart(14)}   (typographic quotes: two-byte text)`,
  );
  console.log(`per-word time, 2000 vs 50 words: ${ratio.toFixed(2)}× (≤ 1 means no worse than linear)`);
  console.log(
    `100,000 characters (${long.words} words): ${long.runs} runs, ${long.throughput_cpu} analyses/s (CPU), p50 ${(long.p50_us / 1000).toFixed(1)} ms, p99 ${(long.p99_us / 1000).toFixed(1)} ms`,
  );
}
