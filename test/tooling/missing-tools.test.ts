// `npm test` on a machine without Prometheus' tools, Chromium or python3: the suite runs the files that
// need them in a child Vitest whose PATH holds only node, and checks that each missing tool is skipped
// with one line saying what to install (or, with PROMPTFORGE_REQUIRE_TEST_TOOLS=1 as in CI, fails with
// that line) — never a time-out, and no file failing because YAML or TOML could not be read.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const VITEST = join(ROOT, "node_modules/vitest/vitest.mjs");
const FILES = [
  "test/monitoring/prometheus-config.test.ts",
  "test/monitoring/stack.e2e.test.ts",
  "test/e2e/web-app.test.ts",
];
const PROMETHEUS = "apt-get install prometheus prometheus-alertmanager";
const MISSING: [tool: string, install: string][] = [
  ["promtool", PROMETHEUS],
  ["amtool", PROMETHEUS],
  ["prometheus", PROMETHEUS],
  ["chromium", "apt-get install chromium"],
];

const bin = mkdtempSync(join(tmpdir(), "promptforge-bare-path-"));
symlinkSync(process.execPath, join(bin, "node"));
afterAll(() => rmSync(bin, { recursive: true, force: true }));

interface Outcome {
  code: number | null;
  output: string;
  seconds: number;
}

/** Vitest on FILES in a child process whose PATH has node and nothing else. */
function vitestWithoutTools(extraEnv: Record<string, string> = {}): Promise<Outcome> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [VITEST, "run", ...FILES], {
      cwd: ROOT,
      env: {
        PATH: bin,
        HOME: process.env.HOME ?? tmpdir(),
        NO_COLOR: "1",
        PROMPTFORGE_TEST_CHROMIUM: join(bin, "chromium"),
        ...extraEnv,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.once("exit", (code) => done({ code, output, seconds: (Date.now() - started) / 1000 }));
  });
}

describe("the suite on a machine without Prometheus, Chromium or python3", () => {
  it("skips what needs a missing tool with one line saying what to install, and passes the rest", async () => {
    const run = await vitestWithoutTools();
    for (const [tool, install] of MISSING)
      expect(run.output).toContain(`skipping the tests that need ${tool}, which is not found: ${install}`);
    expect(run.output).not.toMatch(/timed out/i);
    expect(run.output).not.toMatch(/python3|PyYAML/);
    expect(run.output).toMatch(/Test Files\s+2 passed \| 1 skipped \(3\)/);
    expect(run.code, run.output).toBe(0);
    expect(run.seconds).toBeLessThan(90);
  }, 150_000);

  it("fails with those lines instead when PROMPTFORGE_REQUIRE_TEST_TOOLS=1, as in CI", async () => {
    const run = await vitestWithoutTools({ PROMPTFORGE_REQUIRE_TEST_TOOLS: "1" });
    // A file stops at its first missing tool: amtool's line is not reached.
    for (const [tool, install] of MISSING.filter(([t]) => t !== "amtool"))
      expect(run.output).toContain(`${tool} not found: ${install}`);
    expect(run.output).not.toMatch(/timed out/i);
    expect(run.output).toMatch(/Test Files\s+3 failed \(3\)/);
    expect(run.code).toBe(1);
  }, 150_000);
});
