// Programs some tests drive that npm does not install: Prometheus' promtool, prometheus and amtool, and
// Chromium. Without one, its tests are skipped with one line saying what to install — or, with
// PROMPTFORGE_REQUIRE_TEST_TOOLS=1 (as .ci/run sets), the file fails with that line, so CI cannot pass
// by skipping. Either way the answer comes at once, never as a time-out.
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

export interface Tool {
  /** What the tests call it, for the message. */
  name: string;
  /** Absolute path, or "" when missing (tests that use it are then skipped). */
  path: string;
  /** How to get it, e.g. "apt-get install prometheus". */
  install: string;
}

/** The first of `names` found on PATH. */
export function toolOnPath(names: string[], install: string): Tool {
  for (const name of names) {
    for (const dir of (process.env.PATH ?? "").split(delimiter)) {
      const p = join(dir, name);
      if (dir && existsSync(p)) return { name: names.join(" or "), path: p, install };
    }
  }
  return { name: names.join(" or "), path: "", install };
}

/** A program at a fixed path (Chromium: Debian's, or the one PROMPTFORGE_TEST_CHROMIUM names). */
export function toolAt(name: string, path: string, install: string): Tool {
  return { name, path: existsSync(path) ? path : "", install };
}

const reported = new Set<string>();

/**
 * Whether any of `tools` is missing; says so in one line per tool (once per test file). With
 * PROMPTFORGE_REQUIRE_TEST_TOOLS=1 a missing tool throws that line instead, failing the file.
 */
export function missing(...tools: Tool[]): boolean {
  const absent = tools.filter((t) => !t.path);
  for (const t of absent) {
    if (process.env.PROMPTFORGE_REQUIRE_TEST_TOOLS === "1") {
      throw new Error(
        `${t.name} not found: ${t.install} (PROMPTFORGE_REQUIRE_TEST_TOOLS=1: missing tools fail the suite)`,
      );
    }
    if (!reported.has(t.name)) {
      reported.add(t.name);
      console.warn(`skipping the tests that need ${t.name}, which is not found: ${t.install}`);
    }
  }
  return absent.length > 0;
}

export const PROMETHEUS_INSTALL = "apt-get install prometheus prometheus-alertmanager (as .ci/run does)";

export const findPromtool = () => toolOnPath(["promtool"], PROMETHEUS_INSTALL);
export const findAmtool = () => toolOnPath(["amtool"], PROMETHEUS_INSTALL);
export const findPrometheus = () => toolOnPath(["prometheus"], PROMETHEUS_INSTALL);
export const findAlertmanager = () =>
  toolOnPath(["prometheus-alertmanager", "alertmanager"], PROMETHEUS_INSTALL);
export const findChromium = () =>
  toolAt(
    "chromium",
    process.env.PROMPTFORGE_TEST_CHROMIUM || "/usr/bin/chromium",
    "apt-get install chromium (as .ci/run does), or set PROMPTFORGE_TEST_CHROMIUM to a Chromium binary",
  );
