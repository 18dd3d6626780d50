// The evaluation pages' pure logic, without a browser: every assertion the form builds is one the
// server's own validator accepts (and the form's type list is the server's), a missing or out-of-range
// field is named before anything is sent, a dataset item's draft round-trips to the API's item,
// results group by item and target, the pass-rate trend takes the newest completed run per version,
// and a refused import's line number is found in the error's details.
import { describe, expect, it } from "vitest";
import {
  checkAssertions,
  ASSERTION_TYPES as SERVER_ASSERTION_TYPES,
} from "../../src/features/evaluations/assertion-schemas.js";
import { ApiError } from "../../web/src/lib/api.js";
import {
  type AssertionDraft,
  assertionOf,
  draftOf,
  groupByItem,
  importErrorLine,
  inputOf,
  itemDraftOf,
  KIND,
  passRatePoints,
} from "../../web/src/lib/eval-logic.js";
import {
  ASSERTION_TYPES,
  type Assertion,
  type DatasetItem,
  type EvaluationResult,
  type EvaluationRun,
  type TargetSummary,
} from "../../web/src/lib/eval-types.js";

/** A draft of `type` with every field the form shows for it filled with a valid value. */
function filled(type: Assertion["type"]): AssertionDraft {
  const d = { ...draftOf({ type }), weight: "2" };
  const kind = KIND[type];
  if (kind.value) d.value = type === "regex" ? "^ok" : "ok";
  if (kind.threshold) d.threshold = kind.threshold.fraction ? "0.5" : "100";
  if (type === "judge") d.rubric = "Polite and correct";
  if (type === "json-schema") d.schema = '{"type": "object"}';
  if (kind.caseOption) d.case_sensitive = false;
  return d;
}

describe("assertions form", () => {
  it("offers exactly the server's assertion types", () => {
    expect([...ASSERTION_TYPES]).toEqual([...SERVER_ASSERTION_TYPES]);
  });

  it("builds, for every type, an assertion the server's validator accepts", () => {
    const built = ASSERTION_TYPES.map((t, i) => assertionOf(filled(t), i + 1));
    for (const b of built) expect(typeof b).toBe("object");
    expect(checkAssertions(built as Assertion[])).toEqual([]);
    // And back: a saved assertion's draft builds the same assertion again.
    for (const b of built as Assertion[]) expect(assertionOf(draftOf(b), 1)).toEqual(b);
  });

  it("sends only the fields a type uses (the server refuses the others)", () => {
    const d: AssertionDraft = { ...filled("contains"), threshold: "3", rubric: "x", schema: "{}" };
    expect(assertionOf(d, 1)).toEqual({ type: "contains", value: "ok", case_sensitive: false, weight: 2 });
  });

  it("names a missing or out-of-range field before anything is sent", () => {
    expect(assertionOf({ ...filled("contains"), value: "" }, 3)).toBe(
      "Assertion 3 (contains): the text is required.",
    );
    expect(assertionOf({ ...filled("max-length"), threshold: "" }, 1)).toMatch(/at most is required/);
    expect(assertionOf({ ...filled("similar-to"), threshold: "1.5" }, 1)).toMatch(/from 0 to 1/);
    expect(assertionOf({ ...filled("judge"), rubric: " " }, 2)).toBe(
      "Assertion 2 (judge): the rubric is required.",
    );
    expect(assertionOf({ ...filled("json-schema"), schema: "{nope" }, 1)).toMatch(/not valid JSON/);
    expect(assertionOf({ ...filled("equals"), weight: "0" }, 1)).toMatch(/weight must be a number above 0/);
    // Optional ones may stay empty.
    expect(assertionOf({ ...draftOf({ type: "equals" }) }, 1)).toEqual({ type: "equals" });
    expect(assertionOf({ ...draftOf({ type: "similar-to" }) }, 1)).toEqual({
      type: "similar-to",
      method: "token-f1",
    });
  });
});

describe("dataset item drafts", () => {
  const item: DatasetItem = {
    id: "i1",
    revision: 2,
    revision_id: "r2",
    position: 0,
    variables: { city: "Paris", count: 3, meta: { a: 1 } },
    expected: "Bonjour",
    tags: ["fr", "greeting"],
    note: "n",
    created_at: "2026-01-01T00:00:00.000Z",
  };

  it("round-trips an item, keeping numbers and objects as JSON values", () => {
    const names = ["city", "count", "meta"];
    expect(inputOf(itemDraftOf(item, names), item)).toEqual({
      variables: { city: "Paris", count: 3, meta: { a: 1 } },
      expected: "Bonjour",
      tags: ["fr", "greeting"],
      note: "n",
    });
  });

  it("reads an edited value as text when it no longer parses, and empty expected as none", () => {
    const d = itemDraftOf(item, ["city", "count"]);
    d.values.count = "three";
    d.expected = "";
    d.tags = " a, b , a,";
    expect(inputOf(d, item)).toMatchObject({
      variables: { city: "Paris", count: "three" },
      expected: null,
      tags: ["a", "b"],
    });
  });

  it("leaves out a new item's empty variables", () => {
    const d = itemDraftOf(null, ["city", "country"]);
    d.values.city = "Lyon";
    expect(inputOf(d, null).variables).toEqual({ city: "Lyon" });
  });
});

function result(
  item: string,
  target: number,
  repeat: number,
  status: EvaluationResult["status"],
): EvaluationResult {
  return {
    item_id: item,
    item_revision_id: `${item}-r1`,
    variables: { q: item },
    expected: null,
    target_index: target,
    repeat_index: repeat,
    status,
    rendered: null,
    output: null,
    verdicts: null,
    judge_score: null,
    latency_ms: null,
    input_tokens: null,
    output_tokens: null,
    cost_usd: null,
    error: null,
  };
}

function summary(model: string, rate: number | null): TargetSummary {
  return {
    target_index: 0,
    provider: "openai",
    model,
    total: 10,
    passed: 0,
    failed: 0,
    errors: 0,
    pass_rate: rate,
    pass_rate_ci: null,
    mean_judge_score: null,
    latency_p50_ms: null,
    latency_p95_ms: null,
    input_tokens: 0,
    output_tokens: 0,
    cost_usd: 0,
    flaky_items: 0,
    flakiness: null,
  };
}

function run(over: Partial<EvaluationRun>): EvaluationRun {
  return {
    id: "r",
    project_id: "p",
    prompt_id: "pr",
    version: 1,
    label: null,
    dataset_id: "d1",
    targets: [{ provider: "openai", model: "m" }],
    assertions: [],
    repeat: 1,
    concurrency: 1,
    status: "completed",
    progress: { total: 1, done: 1 },
    summary: [summary("m", 0.5)],
    error: null,
    created_at: "2026-01-01T00:00:00.000Z",
    started_at: null,
    finished_at: null,
    ...over,
  };
}

describe("results", () => {
  it("groups results by item in arrival order, a cell per target with its repeats in order", () => {
    const rows = groupByItem({
      targets: [
        { provider: "openai", model: "a" },
        { provider: "gemini", model: "b" },
      ],
      results: [
        result("x", 1, 1, "failed"),
        result("y", 0, 0, "passed"),
        result("x", 1, 0, "passed"),
        result("x", 0, 0, "error"),
      ],
    });
    expect(rows.map((r) => r.itemId)).toEqual(["x", "y"]);
    expect(rows[0]?.cells.map((c) => c.map((r) => `${r.repeat_index}:${r.status}`))).toEqual([
      ["0:error"],
      ["0:passed", "1:failed"],
    ]);
    expect(rows[1]?.cells[1]).toEqual([]);
  });

  it("charts per version the newest completed run on the dataset for the model", () => {
    const runs = [
      run({ id: "a", version: 1, summary: [summary("m", 0.4)], created_at: "2026-01-01T00:00:00Z" }),
      run({ id: "b", version: 1, summary: [summary("m", 0.6)], created_at: "2026-01-02T00:00:00Z" }),
      run({ id: "c", version: 2, summary: [summary("m", 0.9)] }),
      run({ id: "d", version: 3, status: "running", summary: [summary("m", 0.1)] }),
      run({ id: "e", version: 3, dataset_id: "other", summary: [summary("m", 0.2)] }),
      run({ id: "f", version: 4, summary: [summary("other-model", 0.3)] }),
    ];
    expect(passRatePoints(runs, "d1", "openai/m")).toEqual([
      { version: 1, value: 60, text: "60 %" },
      { version: 2, value: 90, text: "90 %" },
    ]);
  });
});

describe("import errors", () => {
  it("finds the line number wherever the details carry it", () => {
    expect(importErrorLine(new ApiError(422, "invalid_import", "bad", { line: 7 }))).toBe(7);
    expect(importErrorLine(new ApiError(422, "validation_error", "bad", [{ field: "x", line: 3 }]))).toBe(3);
    expect(importErrorLine(new ApiError(422, "x", "bad", { row: { line: 12 } }))).toBe(12);
    expect(importErrorLine(new ApiError(422, "x", "bad", [{ field: "name", message: "m" }]))).toBeNull();
    expect(importErrorLine(new Error("x"))).toBeNull();
  });
});
