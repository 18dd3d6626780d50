// compareRuns on small tables: every change, repeats, absent cells, and regressions first.
import { describe, expect, it } from "vitest";
import { type ResultRow, summarize } from "../../src/features/evaluations/evaluation-stats.js";
import { compareRuns } from "../../src/features/evaluations/run-compare.js";

const targets = [{ provider: "openai", model: "m" }];
const row = (itemId: string, status: ResultRow["status"], repeatIndex = 0, targetIndex = 0): ResultRow => ({
  itemId,
  targetIndex,
  repeatIndex,
  status,
  judgeScore: null,
  latencyMs: null,
  inputTokens: null,
  outputTokens: null,
  costUsd: null,
});
const side = (rows: ResultRow[]) => ({ summary: summarize(targets, rows), rows });

describe("compareRuns", () => {
  it("classifies each cell and lists regressions first, then fixed, still failing, new, removed, still passing", () => {
    const base = side([
      row("keep", "passed"),
      row("fix", "failed"),
      row("break", "passed"),
      row("stuck", "failed"),
      row("gone", "passed"),
      row("break2", "passed"),
    ]);
    const head = side([
      row("keep", "passed"),
      row("fix", "passed"),
      row("break", "failed"),
      row("stuck", "error"),
      row("fresh", "failed"),
      row("break2", "error"),
    ]);
    const result = compareRuns(base, head);
    expect(result.items.map((i) => [i.item_id, i.change])).toEqual([
      ["break", "regressed"],
      ["break2", "regressed"],
      ["fix", "fixed"],
      ["stuck", "still_failing"],
      ["fresh", "new"],
      ["gone", "removed"],
      ["keep", "still_passing"],
    ]);
    expect(result.counts).toEqual({
      regressed: 2,
      fixed: 1,
      still_failing: 1,
      new: 1,
      removed: 1,
      still_passing: 1,
    });
    const stuck = result.items.find((i) => i.item_id === "stuck");
    expect(stuck?.base).toEqual({ status: "failed", passed: 0, total: 1 });
    expect(stuck?.head).toEqual({ status: "error", passed: 0, total: 1 });
    expect(result.items.find((i) => i.item_id === "fresh")?.base).toBeNull();
    expect(result.items.find((i) => i.item_id === "gone")?.head).toBeNull();
    expect(result.summary.base[0]?.passed).toBe(4);
    expect(result.summary.head[0]?.passed).toBe(2);
  });

  it("passes a cell only when every settled repeat passed", () => {
    const base = side([
      row("a", "passed", 0),
      row("a", "passed", 1),
      row("b", "passed", 0),
      row("b", "failed", 1),
    ]);
    const head = side([
      row("a", "passed", 0),
      row("a", "failed", 1),
      row("b", "passed", 0),
      row("b", "passed", 1),
    ]);
    const result = compareRuns(base, head);
    expect(result.items.map((i) => [i.item_id, i.change])).toEqual([
      ["a", "regressed"],
      ["b", "fixed"],
    ]);
    expect(result.items[0]?.head).toEqual({ status: "failed", passed: 1, total: 2 });
  });

  it("keeps targets apart and treats a cell with nothing settled as absent", () => {
    const base = side([row("a", "passed", 0, 0), row("a", "failed", 0, 1), row("b", "passed")]);
    const head = side([row("a", "passed", 0, 0), row("a", "passed", 0, 1), row("b", "pending")]);
    const result = compareRuns(base, head);
    expect(result.items.map((i) => [i.item_id, i.target_index, i.change])).toEqual([
      ["a", 1, "fixed"],
      ["b", 0, "removed"],
      ["a", 0, "still_passing"],
    ]);
  });

  it("compares empty runs", () => {
    expect(compareRuns(side([]), side([])).items).toEqual([]);
  });
});
