// Aggregates of an evaluation run, per target: pass rate with its Wilson interval, mean judge score,
// latency percentiles, tokens, cost and flakiness (repeats that disagree). Pure functions over result
// rows, so the worker can recompute a run's summary after every result and the tests can check them
// on small tables.

/**
 * Wilson score interval for a binomial proportion (95 % with the default z). Unlike the normal
 * approximation it stays inside [0, 1] and is sensible for small n and for 0 or n successes.
 * With n = 0 nothing is known: [0, 1].
 */
export function wilsonInterval(passed: number, n: number, z = 1.96): [number, number] {
  if (!(n > 0)) return [0, 1];
  const p = Math.min(Math.max(passed / n, 0), 1);
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Rounding can push the bounds a hair past 0 or 1 (or past p at the extremes).
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * The p-th percentile (p from 0 to 100) by linear interpolation between the closest ranks (the
 * common "type 7" definition: p50 of [1, 2, 3, 4] is 2.5). Non-finite values are ignored; no values → null.
 */
export function percentile(values: number[], p: number): number | null {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const clamped = Math.min(Math.max(p, 0), 100);
  const rank = (clamped / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const lo = sorted[lower] as number;
  const hi = sorted[upper] as number;
  return lo + (hi - lo) * (rank - lower);
}

export type ResultStatus = "passed" | "failed" | "error" | "cancelled" | "pending" | "running";

export interface ResultRow {
  itemId: string;
  targetIndex: number;
  repeatIndex: number;
  status: ResultStatus;
  judgeScore: number | null;
  latencyMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
}

export interface TargetSummary {
  target_index: number;
  provider: string;
  model: string;
  /** Every result row of the target (item × repeat), whatever its status. */
  total: number;
  passed: number;
  failed: number;
  errors: number;
  /** passed / (passed + failed + errors); null until one result is settled. */
  pass_rate: number | null;
  /** 95 % Wilson interval of pass_rate. */
  pass_rate_ci: [number, number] | null;
  mean_judge_score: number | null;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  /** Items whose settled repeats disagree (some passed, some did not). */
  flaky_items: number;
  /** flaky_items / items with at least two settled repeats; null when no item has two (repeat = 1). */
  flakiness: number | null;
}

/** A result is settled once it has a verdict: passed, failed, or an error (which counts as not passed). */
export function isSettled(status: ResultStatus): status is "passed" | "failed" | "error" {
  return status === "passed" || status === "failed" || status === "error";
}

function sumOf(values: (number | null)[]): number {
  let total = 0;
  for (const v of values) if (v !== null && Number.isFinite(v)) total += v;
  return total;
}

/** One summary per target, in the targets' order; rows naming another target index are ignored. */
export function summarize(
  targets: { provider: string; model: string }[],
  rows: ResultRow[],
): TargetSummary[] {
  return targets.map((target, index) => {
    const own = rows.filter((r) => r.targetIndex === index);
    const passed = own.filter((r) => r.status === "passed").length;
    const failed = own.filter((r) => r.status === "failed").length;
    const errors = own.filter((r) => r.status === "error").length;
    const settled = passed + failed + errors;

    const judgeScores = own
      .filter((r) => isSettled(r.status))
      .map((r) => r.judgeScore)
      .filter((s): s is number => s !== null && Number.isFinite(s));
    const latencies = own.map((r) => r.latencyMs).filter((l): l is number => l !== null);

    // Flakiness: per item, do its settled repeats agree on passed vs not passed?
    const verdictsByItem = new Map<string, { pass: number; fail: number }>();
    for (const r of own) {
      if (!isSettled(r.status)) continue;
      const v = verdictsByItem.get(r.itemId) ?? { pass: 0, fail: 0 };
      if (r.status === "passed") v.pass++;
      else v.fail++;
      verdictsByItem.set(r.itemId, v);
    }
    let repeated = 0;
    let flaky = 0;
    for (const v of verdictsByItem.values()) {
      if (v.pass + v.fail < 2) continue;
      repeated++;
      if (v.pass > 0 && v.fail > 0) flaky++;
    }

    return {
      target_index: index,
      provider: target.provider,
      model: target.model,
      total: own.length,
      passed,
      failed,
      errors,
      pass_rate: settled > 0 ? passed / settled : null,
      pass_rate_ci: settled > 0 ? wilsonInterval(passed, settled) : null,
      mean_judge_score: judgeScores.length > 0 ? sumOf(judgeScores) / judgeScores.length : null,
      latency_p50_ms: percentile(latencies, 50),
      latency_p95_ms: percentile(latencies, 95),
      input_tokens: sumOf(own.map((r) => r.inputTokens)),
      output_tokens: sumOf(own.map((r) => r.outputTokens)),
      cost_usd: sumOf(own.map((r) => r.costUsd)),
      flaky_items: flaky,
      flakiness: repeated > 0 ? flaky / repeated : null,
    };
  });
}
