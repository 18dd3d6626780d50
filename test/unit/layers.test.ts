// The shape of the import graph, checked on every test run: infrastructure (src/observability, src/http,
// src/db) never imports a feature or the composition root (src/app.ts), and no module of the server
// (src/) or the web app (web/src/) takes part in an import cycle, type-only imports included.
//
// The graph is read from the source text, not from a bundler or the TypeScript API: TypeScript 7 ships
// no stable compiler API yet, and the usual graph tools pin TypeScript 5. Biome keeps every import in
// one of the forms matched below, so a small reader is enough.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

// `import … from "x"`, `export … from "x"`, `import "x"` (type-only forms included) and `import("x")`.
const IMPORT =
  /(?:^|[;\n])\s*(?:import|export)\s+(?:type\s+)?(?:[\w$*{}\s,]+?\s+from\s+)?["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)/g;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/** Line and block comments removed, so an example import in a comment is not read as one. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/[^\n]*/g, "$1");
}

/** The file a relative specifier names (`./x.js` is `./x.ts` in the source), or null for a package. */
function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(js|jsx|mjs)$/, "");
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, join(base, "index.ts"), join(base, "index.tsx")];
  return candidates.find((c) => /\.tsx?$/.test(c) && existsSync(c)) ?? null;
}

/** Every module of the given folders and the project modules each one imports. */
function importGraph(folders: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const folder of folders) {
    for (const file of sourceFiles(join(ROOT, folder))) {
      const text = withoutComments(readFileSync(file, "utf8"));
      const targets = new Set<string>();
      for (const m of text.matchAll(IMPORT)) {
        const target = resolveImport(file, (m[1] ?? m[2]) as string);
        if (target) targets.add(target);
      }
      graph.set(file, [...targets]);
    }
  }
  return graph;
}

/** Each cycle once, as the list of modules around it (Tarjan's strongly connected components). */
function importCycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop() as string;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.reverse());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

const rel = (p: string) => relative(ROOT, p).replaceAll("\\", "/");

describe("import layers", () => {
  const graph = importGraph(["src", "web/src"]);

  it("reads the import graph (a sanity check of the reader)", () => {
    const app = graph.get(join(ROOT, "src/app.ts"))?.map(rel) ?? [];
    expect(app).toContain("src/services.ts");
    expect(app).toContain("src/config.ts");
    expect(graph.size).toBeGreaterThan(100);
  });

  it("keeps src/observability, src/http and src/db free of imports from features and app.ts", () => {
    const infrastructure = /^src\/(observability|http|db)\//;
    const forbidden = /^src\/(features\/|app\.ts$)/;
    const offending: string[] = [];
    for (const [file, targets] of graph) {
      if (!infrastructure.test(rel(file))) continue;
      for (const target of targets) {
        if (forbidden.test(rel(target))) offending.push(`${rel(file)} imports ${rel(target)}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it("has no import cycle in src or web/src, type-only imports included", () => {
    expect(importCycles(graph).map((cycle) => cycle.map(rel).join(" -> "))).toEqual([]);
  });

  it("finds a cycle and a cross-layer import when there is one (the check can fail)", () => {
    const a = join(ROOT, "src/http/a.ts");
    const b = join(ROOT, "src/features/b.ts");
    expect(
      importCycles(
        new Map([
          [a, [b]],
          [b, [a]],
        ]),
      ).map((c) => c.map(rel)),
    ).toEqual([["src/http/a.ts", "src/features/b.ts"]]);
  });
});
