// The operator docs stay findable: docs/monitoring.md is a short index of the pages under docs/operations/,
// a setting, an alert and the notes on the original monitoring guide each have one page that lists them
// all, and every relative link in the Markdown docs lands on a file and heading that exist.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { settings } from "../../src/config.js";

const ROOT = resolve(import.meta.dirname, "../..");
const OPS = join(ROOT, "docs/operations");
const read = (p: string) => readFileSync(p, "utf8");

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return markdownFiles(p);
    return e.name.endsWith(".md") ? [p] : [];
  });
}

const DOCS = [join(ROOT, "README.md"), join(ROOT, "bench/README.md"), ...markdownFiles(join(ROOT, "docs"))];
const opsPages = () => (existsSync(OPS) ? markdownFiles(OPS) : []);

/** The text outside fenced code blocks. */
const prose = (md: string) => md.replace(/^```[\s\S]*?^```/gm, "");

/** GitHub's anchors for a Markdown file's headings, repeated headings numbered -1, -2 … */
function anchors(md: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const [, heading] of prose(md).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const base = (heading as string)
      .toLowerCase()
      .replace(/[^\p{L}\p{N}_\- ]/gu, "")
      .replace(/ /g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Targets of the inline links in a Markdown text (code blocks and code spans left out). */
function links(md: string): string[] {
  const text = prose(md).replace(/`[^`\n]*`/g, "code");
  return [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1] as string);
}

/** Backticked names in the first cell of each table row. */
function firstCellNames(md: string): string[] {
  return [...md.matchAll(/^\|([^|\n]*)\|/gm)].flatMap((m) =>
    [...(m[1] as string).matchAll(/`([^`]+)`/g)].map((n) => n[1] as string),
  );
}

describe("the operator docs", () => {
  it("has a working target for every relative link in the Markdown docs", () => {
    const broken: string[] = [];
    for (const file of DOCS) {
      const md = read(file);
      for (const target of links(md)) {
        if (/^[a-z][a-z+.-]*:/i.test(target)) continue; // https:, mailto: …
        const [path = "", anchor] = target.split("#");
        const to = path === "" ? file : resolve(dirname(file), decodeURIComponent(path));
        const where = `${relative(ROOT, file)} → ${target}`;
        if (!existsSync(to)) {
          broken.push(`${where} (no such file)`);
          continue;
        }
        if (anchor && to.endsWith(".md") && !anchors(read(to)).has(anchor))
          broken.push(`${where} (no such heading)`);
        if (anchor && statSync(to).isDirectory()) broken.push(`${where} (anchor on a folder)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("keeps docs/monitoring.md a short index that links every operations page", () => {
    const index = read(join(ROOT, "docs/monitoring.md"));
    expect(index.split("\n").length).toBeLessThanOrEqual(60);
    const pages = opsPages().map((p) => relative(join(ROOT, "docs"), p));
    expect(pages.length).toBeGreaterThanOrEqual(5);
    const linked = new Set(links(index).map((l) => l.split("#")[0]));
    for (const page of pages) expect(linked, `docs/monitoring.md links ${page}`).toContain(page);
  });

  it("lists on the settings page every setting the operations pages mention, and only real ones", () => {
    const page = read(join(OPS, "settings.md"));
    const listed = new Set(firstCellNames(page));
    expect([...listed].filter((n) => !(n in settings))).toEqual([]);
    const mentioned = new Set<string>();
    for (const file of [...opsPages(), join(ROOT, "docs/monitoring.md")]) {
      for (const [, name] of read(file).matchAll(/`([A-Z][A-Z0-9_]+)(?:=[^`]*)?`/g)) {
        if ((name as string) in settings) mentioned.add(name as string);
      }
    }
    expect([...mentioned].filter((n) => !listed.has(n)).sort()).toEqual([]);
  });

  it("has a row for every alert of monitoring/alerts.yml on the alerts page, linked to its runbook", () => {
    const rules = parseYaml(read(join(ROOT, "monitoring/alerts.yml"))) as {
      groups: { rules: { alert?: string }[] }[];
    };
    const alerts = new Set(rules.groups.flatMap((g) => g.rules.flatMap((r) => (r.alert ? [r.alert] : []))));
    expect(alerts.size).toBeGreaterThan(5);
    const page = read(join(OPS, "alerts.md"));
    for (const alert of alerts) {
      const row = new RegExp(
        `^\\| \\[\`${alert}\`\\]\\(\\.\\./runbooks\\.md#${alert.toLowerCase()}\\) \\|`,
        "m",
      );
      expect(page, `${alert} has a row linking its runbook`).toMatch(row);
    }
    const rows = [...page.matchAll(/^\| \[`(\w+)`\]\(\.\.\/runbooks\.md#/gm)].map((m) => m[1] as string);
    expect(rows.filter((n) => !alerts.has(n))).toEqual([]);
  });

  it("keeps the notes on the original monitoring guide together on one page", () => {
    const notes = join(OPS, "guide-compatibility.md");
    expect(read(notes)).toMatch(/^# /);
    // Elsewhere a paragraph may speak of the guide only while pointing at that page.
    const stray: string[] = [];
    for (const file of opsPages().filter((p) => p !== notes)) {
      for (const paragraph of prose(read(file)).split(/\n\s*\n/)) {
        if (/\bguide\b/i.test(paragraph) && !paragraph.includes("guide-compatibility.md"))
          stray.push(`${relative(ROOT, file)}: ${paragraph.trim().slice(0, 80)}`);
      }
    }
    expect(stray).toEqual([]);
  });
});
