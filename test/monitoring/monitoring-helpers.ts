// Shared helpers of the monitoring tests: reading the YAML/TOML files we ship (with the `yaml` and
// `smol-toml` packages, so no python3 is needed), running promtool/amtool, pulling metric names out of
// PromQL, and asking the real service which metrics it exports.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseToml } from "smol-toml";
import { parseAllDocuments, stringify } from "yaml";
import { buildTestApp } from "../helpers/app.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const repoPath = (...parts: string[]) => join(ROOT, ...parts);

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], opts: { cwd?: string; input?: string } = {}): RunResult {
  const r = spawnSync(cmd, args, {
    cwd: opts.cwd ?? ROOT,
    input: opts.input,
    encoding: "utf8",
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every document of a YAML file, as plain JSON values (anchors and merge keys resolved, as Compose does). */
export function readYamlAll<T = unknown>(file: string): T[] {
  return parseAllDocuments(readFileSync(file, "utf8"), { merge: true }).map((doc) => {
    const problem = doc.errors[0];
    if (problem) throw new Error(`${file}: ${problem.message}`);
    return doc.toJS() as T;
  });
}

export function readYaml<T = unknown>(file: string): T {
  const docs = readYamlAll<T>(file);
  if (docs.length !== 1) throw new Error(`${file}: expected one YAML document, found ${docs.length}`);
  return docs[0] as T;
}

export function readToml<T = unknown>(file: string): T {
  return parseToml(readFileSync(file, "utf8")) as T;
}

/** YAML text for a JSON value (test copies of the configs). */
export function toYaml(value: unknown): string {
  return stringify(value, { aliasDuplicateObjects: false });
}

const PROMQL_KEYWORDS = new Set([
  "by",
  "without",
  "on",
  "ignoring",
  "group_left",
  "group_right",
  "and",
  "or",
  "unless",
  "bool",
  "offset",
  "inf",
  "nan",
  "atan2",
]);

/**
 * The metric names a PromQL expression selects: identifiers that are not functions, keywords, label
 * names (inside `{…}` or `by (…)`-style lists), strings or durations.
 */
export function promqlMetricNames(expr: string): string[] {
  const s = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, "{}")
    .replace(/\[[^\]]*\]/g, "[]")
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, " ");
  const names = new Set<string>();
  for (const m of s.matchAll(/[a-zA-Z_:][\w:]*/g)) {
    const before = m.index > 0 ? (s[m.index - 1] as string) : "";
    if (/[\w:.$]/.test(before)) continue; // part of a number (1e9), a duration (5m) or a variable
    const name = m[0];
    if (PROMQL_KEYWORDS.has(name.toLowerCase())) continue;
    if (/^\s*\(/.test(s.slice(m.index + name.length))) continue; // a function call
    names.add(name);
  }
  return [...names];
}

/** Series Prometheus itself creates, usable in rules and dashboards next to the service's own. */
export const PROMETHEUS_SERIES = new Set(["up", "ALERTS", "ALERTS_FOR_STATE"]);

/**
 * Every series name the real service exposes on GET /metrics (histograms expanded to _bucket, _sum and
 * _count), from a freshly built app.
 */
export async function exportedSeriesNames(): Promise<Set<string>> {
  const t = await buildTestApp();
  try {
    const res = await t.app.inject({ method: "GET", url: "/metrics" });
    if (res.statusCode !== 200) throw new Error(`GET /metrics answered ${res.statusCode}`);
    const names = new Set<string>();
    for (const m of res.body.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
      const [, name, type] = m as unknown as [string, string, string];
      if (type === "histogram") for (const suffix of ["_bucket", "_sum", "_count"]) names.add(name + suffix);
      else if (type === "summary") for (const suffix of ["", "_sum", "_count"]) names.add(name + suffix);
      else names.add(name);
    }
    return names;
  } finally {
    await t.close();
  }
}

/** GitHub's anchor for a Markdown heading. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\w\- ]/g, "")
    .replace(/ /g, "-");
}

/** The anchors of every heading in a Markdown text. */
export function markdownAnchors(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => headingAnchor(m[1] as string)));
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

export interface AlertRule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface RuleFile {
  groups: { name: string; rules: AlertRule[] }[];
}

export function loadRules(file = repoPath("monitoring/alerts.yml")): AlertRule[] {
  return readYaml<RuleFile>(file).groups.flatMap((g) => g.rules);
}

export interface DashboardTarget {
  expr: string;
  refId: string;
  instant?: boolean;
  datasource?: { type?: string; uid?: string };
}

export interface DashboardPanel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { type?: string; uid?: string };
  targets?: DashboardTarget[];
  panels?: DashboardPanel[];
}

export interface Dashboard {
  uid: string;
  title: string;
  panels: DashboardPanel[];
  templating: {
    list: { name: string; type: string; query: { query: string } | string; datasource?: { uid?: string } }[];
  };
}

/** Every panel, including those nested in collapsed rows. */
export function allPanels(d: Dashboard): DashboardPanel[] {
  return d.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
}

/** Grafana's variables as Prometheus sees them after interpolation. */
export function interpolate(expr: string, vars: Record<string, string>): string {
  return expr.replace(/\$\{?(\w+)\}?/g, (whole, name: string) => vars[name] ?? whole);
}
