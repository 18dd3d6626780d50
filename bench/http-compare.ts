// Two builds of PromptForge under `bench:http`, side by side: runs dist/bench/http.js (one round each,
// BENCH_ROUNDS=1) in each checkout in turn, alternating which goes first (A B, B A, A B, …), and prints,
// per build and path, the medians over the runs: bare Fastify's and PromptForge's req/s, their ratio, the
// CPU per request of each server and the kernel's share of it, and the p99 at half capacity. Every
// run starts its own bare Fastify, so each build is compared with the yardstick it ran beside.
//
//   node dist/bench/http-compare.js BEFORE_CHECKOUT AFTER_CHECKOUT [runs, default 3]
//
// Each checkout must be built (npx tsc -p tsconfig.build.json) and have this bench/http.ts (for its JSON
// summary and kernel share); the other BENCH_* settings pass through. The raw runs go to stderr as they
// end.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

interface PathSummary {
  path: string;
  bare_median: number;
  promptforge_median: number;
  bare_cpu_us: number;
  promptforge_cpu_us: number;
  bare_kernel_share: number;
  promptforge_kernel_share: number;
  promptforge_p99_half_ms: number;
  half_rate: number;
}
interface BenchRun {
  summary: PathSummary[];
  rss_mib: number;
  load: string;
}

const [before, after] = process.argv.slice(2, 4);
if (!before || !after) throw new Error("usage: http-compare.js BEFORE_CHECKOUT AFTER_CHECKOUT [runs]");
const runCount = Number(process.argv[4] ?? 3);
const median = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const pct = (x: number) => `${Math.round(x * 100)} %`;

const runs = new Map<string, BenchRun[]>([
  [before, []],
  [after, []],
]);
for (let r = 0; r < runCount; r++) {
  for (const dir of r % 2 === 0 ? [before, after] : [after, before]) {
    const load = readFileSync("/proc/loadavg", "utf8").split(" ")[0] ?? "?";
    const out = execFileSync(process.execPath, ["dist/bench/http.js"], {
      cwd: dir,
      env: { ...process.env, BENCH_ROUNDS: "1", BENCH_JSON: "1" },
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 16 * 1024 * 1024,
    }).toString();
    const run = { ...(JSON.parse(out.trim().split("\n").pop() as string) as BenchRun), load };
    runs.get(dir)?.push(run);
    process.stderr.write(
      `${new Date().toISOString()} load ${load} ${dir}: ${run.summary
        .map(
          (s) =>
            `${s.path}: ${s.bare_median}/${s.promptforge_median} req/s, ${s.bare_cpu_us}/${s.promptforge_cpu_us} µs`,
        )
        .join("; ")}\n`,
    );
  }
}

for (const [dir, list] of runs) {
  console.log(`\n${dir}, ${list.length} runs`);
  console.log(
    "| path | bare Fastify req/s, median (runs) | PromptForge req/s, median (runs) | ratio of medians | CPU µs/request bare, PromptForge (ratio) | kernel share bare, PromptForge | p99 at half capacity (runs) |",
  );
  console.log("|---|---|---|---:|---|---|---|");
  for (const { path } of list[0]?.summary ?? []) {
    const rows = list.map((run) => run.summary.find((s) => s.path === path) as PathSummary);
    const bare = rows.map((x) => x.bare_median);
    const pf = rows.map((x) => x.promptforge_median);
    const bareCpu = median(rows.map((x) => x.bare_cpu_us));
    const pfCpu = median(rows.map((x) => x.promptforge_cpu_us));
    console.log(
      `| ${path} | ${median(bare)} (${bare.join(", ")}) | ${median(pf)} (${pf.join(", ")}) | **${pct(median(pf) / median(bare))}** | ` +
        `${bareCpu}, ${pfCpu} (${pct(bareCpu / pfCpu)}) | ${pct(median(rows.map((x) => x.bare_kernel_share)))}, ` +
        `${pct(median(rows.map((x) => x.promptforge_kernel_share)))} | ${rows.map((x) => `${x.promptforge_p99_half_ms} ms at ${x.half_rate}/s`).join("; ")} |`,
    );
  }
  console.log(
    `RSS after the traffic: ${list.map((x) => x.rss_mib.toFixed(1)).join(", ")} MiB; load average at the start of each run: ${list.map((x) => x.load).join(", ")}`,
  );
}
