// The reports of `promptforge eval`: JUnit that CI systems can read (well-formed, counts right, reasons
// kept, hostile text escaped) and SARIF with a result per failed item and per target below the bar.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { meetsBar, parseTargets, summaryLines } from "../../src/cli/eval-command.js";
import { type RunView, toJunit, toSarifReport, xmlEscape } from "../../src/cli/eval-report.js";

function run(overrides: Partial<RunView> = {}): RunView {
  return {
    id: "run_1",
    status: "completed",
    version: 3,
    label: "staging",
    progress: { total: 3, done: 3 },
    summary: [
      {
        target_index: 0,
        provider: "openai",
        model: "gpt-4o-mini",
        total: 3,
        passed: 1,
        failed: 1,
        errors: 1,
        pass_rate: 1 / 3,
        pass_rate_ci: [0.06, 0.79],
        latency_p50_ms: 120,
        cost_usd: 0.0012,
      },
    ],
    error: null,
    results: [
      {
        item_id: "a",
        target_index: 0,
        repeat_index: 0,
        status: "passed",
        latency_ms: 100,
        error: null,
        verdicts: [],
      },
      {
        item_id: "b<&>",
        target_index: 0,
        repeat_index: 0,
        status: "failed",
        latency_ms: 120,
        error: null,
        verdicts: [
          { type: "contains", passed: false, reason: 'output lacks "refund" <b>\u0001' },
          { type: "max-length", passed: true, reason: "ok" },
        ],
      },
      {
        item_id: "c",
        target_index: 0,
        repeat_index: 0,
        status: "error",
        latency_ms: null,
        error: "HTTP 500",
        verdicts: null,
      },
    ],
    ...overrides,
  };
}

const report = (r: RunView, minPassRate = 0.9) => ({
  project: "acme",
  prompt: "support/triage",
  run: r,
  minPassRate,
  passed: meetsBar(r, minPassRate),
});

describe("promptforge eval reports", () => {
  it("writes well-formed JUnit with one case per result, failures carrying the failed assertions' reasons", () => {
    const xml = toJunit(report(run()));
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === "testcase" }).parse(xml);
    const suite = doc.testsuites.testsuite;
    expect(suite["@_tests"]).toBe("3");
    expect(suite["@_failures"]).toBe("1");
    expect(suite["@_errors"]).toBe("1");
    const cases = suite.testcase;
    expect(cases).toHaveLength(3);
    expect(cases[1]["@_name"]).toBe("item b<&>");
    expect(cases[1].failure["#text"]).toContain('contains: output lacks "refund" <b>');
    expect(cases[1].failure["#text"]).not.toContain("max-length");
    expect(cases[2].error["@_message"]).toBe("HTTP 500");
  });

  it("escapes markup and drops characters XML cannot hold", () => {
    expect(xmlEscape(`a<b>&"c'\u0000d`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;d");
  });

  it("writes SARIF with a result per failed or errored item and one for a target below the bar", () => {
    const sarif = toSarifReport(report(run())) as { runs: Array<{ results: Array<{ ruleId: string }> }> };
    expect(sarif.runs[0]?.results.map((r) => r.ruleId)).toEqual([
      "PF-EVAL-FAILED",
      "PF-EVAL-ERROR",
      "PF-EVAL-PASS-RATE",
    ]);
  });

  it("passes only a completed run whose every target reaches the bar", () => {
    expect(meetsBar(run(), 0.3)).toBe(true);
    expect(meetsBar(run(), 0.9)).toBe(false);
    expect(meetsBar(run({ status: "cancelled" }), 0)).toBe(false);
    expect(meetsBar(run({ summary: [] }), 0)).toBe(false);
    expect(summaryLines(run(), 0.9).join("\n")).toMatch(
      /openai:gpt-4o-mini: pass rate 33\.3% \(95% CI 6\.0%–79\.0%\).*below 90\.0%/,
    );
  });

  it("reads targets as PROVIDER:MODEL, at most four", () => {
    expect(parseTargets("openai:gpt-4o-mini,gemini:gemini-2.5-flash")).toEqual([
      { provider: "openai", model: "gpt-4o-mini" },
      { provider: "gemini", model: "gemini-2.5-flash" },
    ]);
    expect(() => parseTargets("anthropic:claude")).toThrow(/provider openai or gemini/);
    expect(() => parseTargets(undefined)).toThrow(/--target is needed/);
    expect(() => parseTargets("openai:a,openai:b,openai:c,openai:d,openai:e")).toThrow(/at most 4/);
  });
});
