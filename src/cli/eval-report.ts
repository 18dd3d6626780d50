// The reports `promptforge eval` writes on stdout: JUnit XML (one test suite per target, one test case
// per item and repeat, failures carrying each failed assertion's reason) for CI test tabs, and SARIF
// 2.1.0 (one result per failed or errored item) for code-scanning tools.

import type { TargetSummary } from "../features/evaluations/evaluation-stats.js";
import { sarifLog } from "./sarif-log.js";

/** What the command needs of a run as the server shows it (docs/evaluations.md has the whole shape). */
export interface RunView {
  id: string;
  status: string;
  version: number;
  label: string | null;
  progress: { total: number; done: number };
  summary: Array<
    Pick<
      TargetSummary,
      | "target_index"
      | "provider"
      | "model"
      | "total"
      | "passed"
      | "failed"
      | "errors"
      | "pass_rate"
      | "pass_rate_ci"
      | "latency_p50_ms"
      | "cost_usd"
    >
  > | null;
  error: string | null;
  /** With results: the cursor of the next page, null on the last. */
  next_cursor?: string | null;
  results?: Array<{
    item_id: string;
    target_index: number;
    repeat_index: number;
    status: string;
    latency_ms: number | null;
    error: string | null;
    verdicts: Array<{ type: string; passed: boolean; reason: string }> | null;
  }>;
}

export interface EvalReport {
  project: string;
  prompt: string;
  run: RunView;
  minPassRate: number;
  passed: boolean;
}

/** XML text and attribute escaping, and characters XML 1.0 cannot hold at all are dropped. */
export function xmlEscape(s: string): string {
  return (
    s
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML forbids
      .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
  );
}

type Result = NonNullable<RunView["results"]>[number];

function failureText(r: Result): string {
  const failed = (r.verdicts ?? []).filter((v) => !v.passed);
  return failed.map((v) => `${v.type}: ${v.reason}`).join("\n") || "the item did not pass";
}

export function toJunit(report: EvalReport): string {
  const { run } = report;
  const results = run.results ?? [];
  const suites = (run.summary ?? []).map((t) => {
    const rows = results.filter((r) => r.target_index === t.target_index);
    const time = rows.reduce((s, r) => s + (r.latency_ms ?? 0), 0) / 1000;
    const suiteName = `${report.prompt} v${run.version} · ${t.provider}:${t.model}`;
    const cases = rows.map((r) => {
      const attrs = `classname="${xmlEscape(`${report.prompt}.${t.provider}:${t.model}`)}" name="${xmlEscape(
        `item ${r.item_id}${r.repeat_index > 0 ? ` (repeat ${r.repeat_index + 1})` : ""}`,
      )}" time="${((r.latency_ms ?? 0) / 1000).toFixed(3)}"`;
      if (r.status === "passed") return `    <testcase ${attrs}/>`;
      if (r.status === "failed") {
        const text = failureText(r);
        return `    <testcase ${attrs}>\n      <failure message="${xmlEscape(text.split("\n")[0] ?? "")}">${xmlEscape(text)}</failure>\n    </testcase>`;
      }
      if (r.status === "error")
        return `    <testcase ${attrs}>\n      <error message="${xmlEscape(r.error ?? "error")}"/>\n    </testcase>`;
      return `    <testcase ${attrs}>\n      <skipped message="${xmlEscape(r.status)}"/>\n    </testcase>`;
    });
    const skipped = rows.filter((r) => !["passed", "failed", "error"].includes(r.status)).length;
    return [
      `  <testsuite name="${xmlEscape(suiteName)}" tests="${rows.length}" failures="${t.failed}" errors="${t.errors}" skipped="${skipped}" time="${time.toFixed(3)}">`,
      "    <properties>",
      `      <property name="pass_rate" value="${t.pass_rate ?? ""}"/>`,
      `      <property name="min_pass_rate" value="${report.minPassRate}"/>`,
      `      <property name="run" value="${xmlEscape(run.id)}"/>`,
      "    </properties>",
      ...cases,
      "  </testsuite>",
    ].join("\n");
  });
  const total = (run.summary ?? []).reduce(
    (a, t) => ({ tests: a.tests + t.total, failures: a.failures + t.failed, errors: a.errors + t.errors }),
    { tests: 0, failures: 0, errors: 0 },
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="promptforge eval ${xmlEscape(report.project)}/${xmlEscape(report.prompt)}" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}">`,
    ...suites,
    "</testsuites>",
  ].join("\n");
}

export function toSarifReport(report: EvalReport): object {
  const { run } = report;
  const targets = new Map((run.summary ?? []).map((t) => [t.target_index, `${t.provider}:${t.model}`]));
  const rules = [
    {
      id: "PF-EVAL-FAILED",
      name: "evaluation_item_failed",
      shortDescription: { text: "An evaluation item failed its assertions" },
    },
    {
      id: "PF-EVAL-ERROR",
      name: "evaluation_item_error",
      shortDescription: { text: "An evaluation item could not be run" },
    },
    {
      id: "PF-EVAL-PASS-RATE",
      name: "evaluation_pass_rate",
      shortDescription: { text: "A target's pass rate is below the required minimum (--min-pass-rate)" },
    },
  ];
  const location = {
    logicalLocations: [
      { name: report.prompt, fullyQualifiedName: `${report.project}/${report.prompt}@v${run.version}` },
    ],
  };
  const results: object[] = [];
  for (const r of run.results ?? []) {
    if (r.status !== "failed" && r.status !== "error") continue;
    const target = targets.get(r.target_index) ?? String(r.target_index);
    results.push({
      ruleId: r.status === "failed" ? "PF-EVAL-FAILED" : "PF-EVAL-ERROR",
      ruleIndex: r.status === "failed" ? 0 : 1,
      level: r.status === "failed" ? "warning" : "error",
      message: {
        text: `item ${r.item_id} on ${target}: ${r.status === "failed" ? failureText(r).replace(/\n/g, "; ") : (r.error ?? "error")}`,
      },
      locations: [location],
      properties: { item_id: r.item_id, target, repeat: r.repeat_index },
    });
  }
  for (const t of run.summary ?? []) {
    if (t.pass_rate !== null && t.pass_rate >= report.minPassRate) continue;
    results.push({
      ruleId: "PF-EVAL-PASS-RATE",
      ruleIndex: 2,
      level: "error",
      message: {
        text: `${t.provider}:${t.model} passed ${t.pass_rate === null ? "no" : `${(t.pass_rate * 100).toFixed(1)}% of`} items; the minimum is ${(report.minPassRate * 100).toFixed(1)}%`,
      },
      locations: [location],
    });
  }
  return sarifLog(
    "PromptForge eval",
    { rules },
    { results, properties: { run: run.id, status: run.status } },
  );
}
