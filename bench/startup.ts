// Start-up benchmark: time from spawning `node --max-semi-space-size=8 dist/src/server.js` (what `npm start` runs) to the first
// answered HTTP request, and the resident memory of the idle service a few seconds later. Each run uses
// a fresh DATA_DIR (so migrations run, as on a first start) and a second start on the same directory.
// Run: npm run build && npx tsx bench/startup.ts [runs]
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const runs = Number(process.argv[2] ?? 7);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

async function once(dataDir: string): Promise<{ startMs: number; rss: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    ["--max-semi-space-size=8", "--no-regexp-tier-up", "dist/src/server.js"],
    {
      env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "ERROR" },
      stdio: "ignore",
    },
  );
  let startMs = Number.NaN;
  for (;;) {
    try {
      await fetch(`http://127.0.0.1:${port}/health/live`);
      startMs = performance.now() - t0;
      break;
    } catch {
      if (performance.now() - t0 > 60_000) throw new Error("server did not start within 60 s");
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  await new Promise((r) => setTimeout(r, 3000));
  const rss = rssMiB(child.pid as number);
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  return { startMs, rss };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

const first: number[] = [];
const again: number[] = [];
const rss: number[] = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), "promptforge-bench-"));
  const a = await once(dir);
  const b = await once(dir);
  first.push(a.startMs);
  again.push(b.startMs);
  rss.push(a.rss, b.rss);
}
console.log(`runs: ${runs} (node ${process.version})`);
console.log(
  `start to first answer, fresh data dir (migrations run): median ${median(first).toFixed(0)} ms, max ${Math.max(...first).toFixed(0)} ms`,
);
console.log(
  `start to first answer, existing data dir:              median ${median(again).toFixed(0)} ms, max ${Math.max(...again).toFixed(0)} ms`,
);
console.log(
  `idle RSS 3 s after start:                              median ${median(rss).toFixed(1)} MiB, max ${Math.max(...rss).toFixed(1)} MiB`,
);
