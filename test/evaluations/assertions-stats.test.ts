// Wilson interval against published values, percentiles, and per-target summaries of small tables.
import { describe, expect, it } from "vitest";
import {
  percentile,
  type ResultRow,
  summarize,
  wilsonInterval,
} from "../../src/features/evaluations/evaluation-stats.js";

describe("wilsonInterval", () => {
  it.each([
    [8, 10, 0.490157, 0.943319],
    [0, 10, 0, 0.27754],
    [10, 10, 0.72246, 1],
    [50, 100, 0.40383, 0.59617],
    [45, 50, 0.786395, 0.956525],
    [1, 1, 0.206543, 1],
  ])("%i of %i → [%f, %f]", (passed, n, lo, hi) => {
    const [l, h] = wilsonInterval(passed, n);
    expect(l).toBeCloseTo(lo, 5);
    expect(h).toBeCloseTo(hi, 5);
  });

  it("widens with z (99 %: z = 2.576)", () => {
    const [l, h] = wilsonInterval(8, 10, 2.576);
    expect(l).toBeCloseTo(0.400796, 5);
    expect(h).toBeCloseTo(0.959872, 5);
  });

  it("knows nothing without trials", () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
});

describe("percentile", () => {
  it("interpolates between the closest ranks", () => {
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
    const oneToTwenty = Array.from({ length: 20 }, (_, i) => i + 1);
    // rank 0.95 × 19 = 18.05 → 19 + 0.05 × (20 − 19)
    expect(percentile(oneToTwenty, 95)).toBeCloseTo(19.05, 10);
    expect(percentile(oneToTwenty, 0)).toBe(1);
    expect(percentile(oneToTwenty, 100)).toBe(20);
  });

  it("is null without values and the value itself for one", () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([Number.NaN, 3], 50)).toBe(3);
  });
});

const row = (
  itemId: string,
  targetIndex: number,
  repeatIndex: number,
  status: ResultRow["status"],
  extra: Partial<ResultRow> = {},
): ResultRow => ({
  itemId,
  targetIndex,
  repeatIndex,
  status,
  judgeScore: null,
  latencyMs: null,
  inputTokens: null,
  outputTokens: null,
  costUsd: null,
  ...extra,
});

describe("summarize", () => {
  const targets = [
    { provider: "openai", model: "gpt-a" },
    { provider: "gemini", model: "gem-b" },
  ];

  it("counts, rates and sums per target", () => {
    const rows: ResultRow[] = [
      row("i1", 0, 0, "passed", {
        latencyMs: 100,
        inputTokens: 10,
        outputTokens: 5,
        costUsd: 0.001,
        judgeScore: 0.9,
      }),
      row("i2", 0, 0, "passed", {
        latencyMs: 200,
        inputTokens: 12,
        outputTokens: 6,
        costUsd: 0.002,
        judgeScore: 0.7,
      }),
      row("i3", 0, 0, "failed", {
        latencyMs: 300,
        inputTokens: 8,
        outputTokens: 4,
        costUsd: null,
        judgeScore: 0.2,
      }),
      row("i4", 0, 0, "error", { latencyMs: 400 }),
      row("i5", 0, 0, "pending"),
      row("i1", 1, 0, "failed", { latencyMs: 50 }),
    ];
    const [a, b] = summarize(targets, rows);
    expect(a).toMatchObject({
      target_index: 0,
      provider: "openai",
      model: "gpt-a",
      total: 5,
      passed: 2,
      failed: 1,
      errors: 1,
      input_tokens: 30,
      output_tokens: 15,
      flaky_items: 0,
      flakiness: null,
    });
    // errors count against the rate: 2 / (2 + 1 + 1)
    expect(a?.pass_rate).toBe(0.5);
    const [lo, hi] = wilsonInterval(2, 4);
    expect(a?.pass_rate_ci).toEqual([lo, hi]);
    expect(a?.mean_judge_score).toBeCloseTo(0.6, 12);
    expect(a?.latency_p50_ms).toBe(250);
    // rank 0.95 × 3 = 2.85 → 300 + 0.85 × 100
    expect(a?.latency_p95_ms).toBeCloseTo(385, 10);
    expect(a?.cost_usd).toBeCloseTo(0.003, 12);
    expect(b).toMatchObject({
      target_index: 1,
      total: 1,
      passed: 0,
      failed: 1,
      pass_rate: 0,
      mean_judge_score: null,
    });
  });

  it("has no rate before any result is settled", () => {
    const [a] = summarize(
      [targets[0] as (typeof targets)[0]],
      [row("i1", 0, 0, "running"), row("i2", 0, 0, "cancelled")],
    );
    expect(a).toMatchObject({
      total: 2,
      pass_rate: null,
      pass_rate_ci: null,
      latency_p50_ms: null,
      cost_usd: 0,
    });
  });

  it("measures flakiness as the share of repeated items whose verdicts differ", () => {
    const rows: ResultRow[] = [
      // i1: pass, pass, pass → stable
      row("i1", 0, 0, "passed"),
      row("i1", 0, 1, "passed"),
      row("i1", 0, 2, "passed"),
      // i2: pass, fail → flaky
      row("i2", 0, 0, "passed"),
      row("i2", 0, 1, "failed"),
      // i3: fail, error → stable (neither passed)
      row("i3", 0, 0, "failed"),
      row("i3", 0, 1, "error"),
      // i4: error, pass → flaky
      row("i4", 0, 0, "error"),
      row("i4", 0, 1, "passed"),
      // i5: one settled repeat only → not counted
      row("i5", 0, 0, "passed"),
      row("i5", 0, 1, "pending"),
      // other target: ignored here
      row("i2", 1, 0, "passed"),
      row("i2", 1, 1, "failed"),
      // unknown target index: ignored
      row("i9", 7, 0, "passed"),
    ];
    const [a, b] = summarize(targets, rows);
    expect(a?.flaky_items).toBe(2);
    expect(a?.flakiness).toBe(0.5);
    expect(b?.flaky_items).toBe(1);
    expect(b?.flakiness).toBe(1);
  });

  it("returns nothing for no targets", () => {
    expect(summarize([], [row("i1", 0, 0, "passed")])).toEqual([]);
  });
});
