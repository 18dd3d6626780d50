// The Node versions PromptForge promises (package.json "engines", repeated in the README) are versions
// every locked dependency accepts, so `npm install` on a supported Node prints no EBADENGINE warning and
// nothing relies on a newer runtime than the one users were told is enough.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean }>;
};

type Version = [number, number, number];

function parseVersion(text: string): Version {
  const [major = 0, minor = 0, patch = 0] = text
    .replace(/^v/, "")
    .split(".")
    .map((p) => (/^\d+$/.test(p) ? Number(p) : 0));
  return [major, minor, patch];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * Whether `version` satisfies an engines range, for the forms package manifests use for Node:
 * alternatives joined by `||`, each a list of comparators (`>=20.19.0 <22`, `^20.19.0`, `*`, `20.x`).
 * `^` keeps the major version (no manifest here writes `^0.x` for Node).
 */
function satisfies(version: string, range: string): boolean {
  const v = parseVersion(version);
  return range.split("||").some((alternative) => {
    const comparators = alternative
      .trim()
      .replace(/([<>=^~]+)\s+/g, "$1")
      .split(/\s+/)
      .filter(Boolean);
    return comparators.every((c) => {
      const [, op = "", rest = ""] = /^([<>=^~]*)(.*)$/.exec(c) ?? [];
      if (rest === "*" || rest === "x" || rest === "") return true;
      const parts = rest.split(".");
      const wild = parts.findIndex((p) => p === "x" || p === "*");
      const bound = parseVersion(rest);
      if (op === "^" || op === "~" || ((op === "" || op === "=") && (wild >= 0 || parts.length < 3))) {
        // A prefix range: ^20.19.0 is 20.19.0 up to (not including) 21; 20.x is any 20.
        const keep = op === "^" ? 1 : op === "~" ? 2 : wild >= 0 ? wild : parts.length;
        const upper: Version = [...bound];
        upper[keep - 1] = (upper[keep - 1] ?? 0) + 1;
        for (let i = keep; i < 3; i++) upper[i] = 0;
        return compare(v, bound) >= 0 && compare(v, upper) < 0;
      }
      const d = compare(v, bound);
      if (op === ">=") return d >= 0;
      if (op === ">") return d > 0;
      if (op === "<=") return d <= 0;
      if (op === "<") return d < 0;
      return d === 0;
    });
  });
}

/** The oldest version of each line a range allows: `^20.19.0 || ^22.12.0 || >=24` → 20.19.0, 22.12.0, 24.0.0. */
function oldestOfEachLine(range: string): string[] {
  return range.split("||").map((alternative) => {
    const lower = /(?:\^|>=|~)?\s*(\d+(?:\.\d+){0,2})/.exec(alternative.trim());
    if (!lower?.[1]) throw new Error(`engines.node alternative without a lower bound: ${alternative}`);
    return parseVersion(lower[1]).join(".");
  });
}

describe("supported Node versions", () => {
  const promised = oldestOfEachLine(pkg.engines.node);

  it("reads engine ranges the way npm does", () => {
    expect(satisfies("20.20.2", ">=22")).toBe(false);
    expect(satisfies("22.0.0", ">=22")).toBe(true);
    expect(satisfies("20.18.3", "^20.19.0 || >=22.12.0")).toBe(false);
    expect(satisfies("21.0.0", "^20.19.0 || >=22.12.0")).toBe(false);
    expect(satisfies("22.12.0", "^20.19.0 || >=22.12.0")).toBe(true);
    expect(satisfies("23.1.0", ">=20.19.0 <22.0.0 || >=22.12.0 <23.0.0 || >=23.2.0")).toBe(false);
    expect(satisfies("20.5.1", ">= 14.6")).toBe(true);
    expect(satisfies("20.5.1", "20.x")).toBe(true);
    expect(satisfies("22.5.1", "20.x")).toBe(false);
    expect(satisfies("26.0.0", "*")).toBe(true);
  });

  it("are accepted by every locked package, so npm install shows no EBADENGINE on a supported Node", () => {
    const refused: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const range = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
      // Optional packages are platform builds (WebAssembly, other CPUs): npm skips them quietly.
      if (!path || !range || entry.optional) continue;
      for (const node of promised) {
        if (!satisfies(node, range))
          refused.push(`${path}@${entry.version} wants node ${range}, not ${node}`);
      }
    }
    expect(refused, `package.json promises node ${pkg.engines.node}`).toEqual([]);
  });

  it("include the Node running the tests and are the ones the README names", () => {
    expect(satisfies(process.versions.node, pkg.engines.node)).toBe(true);
    const lines = promised.map((v) => `${v.replace(/\.0$/, "").replace(/\.0$/, "")}+`);
    const named = `Node.js ${lines.slice(0, -1).join(", ")}${lines.length > 1 ? " or " : ""}${lines.at(-1)}`;
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme.includes(named), `the README says "${named}"`).toBe(true);
  });
});
