// Comparison of two evaluation runs (typically the same dataset on two versions of a prompt): per
// item and target, what changed — fixed, regressed, still failing — with regressions listed first,
// and the two runs' aggregates side by side.
//
// With repeats, a cell (item × target) passes only when every settled repeat passed: a flaky item
// counts as failing, so a comparison never calls a coin flip "fixed". A cell with no settled result in
// a run (not run yet, or cancelled) counts as absent from that run: `new` or `removed`.
import { isSettled, type ResultRow, type TargetSummary } from "./evaluation-stats.js";

export const COMPARE_CHANGES = [
  "regressed",
  "fixed",
  "still_failing",
  "new",
  "removed",
  "still_passing",
] as const;
export type CompareChange = (typeof COMPARE_CHANGES)[number];

export interface CompareCell {
  /** passed when every settled repeat passed; error when every settled repeat was an error; else failed. */
  status: "passed" | "failed" | "error";
  /** Settled repeats that passed, and settled repeats in all. */
  passed: number;
  total: number;
}

export interface CompareItem {
  item_id: string;
  target_index: number;
  base: CompareCell | null;
  head: CompareCell | null;
  change: CompareChange;
}

export interface CompareSide {
  summary: TargetSummary[];
  rows: ResultRow[];
}

export interface RunComparison {
  items: CompareItem[];
  summary: { base: TargetSummary[]; head: TargetSummary[] };
  /** How many cells fall under each change. */
  counts: Record<CompareChange, number>;
}

function cells(rows: ResultRow[]): Map<string, { itemId: string; targetIndex: number; cell: CompareCell }> {
  const out = new Map<string, { itemId: string; targetIndex: number; cell: CompareCell }>();
  const errors = new Map<string, number>();
  for (const r of rows) {
    if (!isSettled(r.status)) continue;
    const key = JSON.stringify([r.itemId, r.targetIndex]);
    const entry = out.get(key) ?? {
      itemId: r.itemId,
      targetIndex: r.targetIndex,
      cell: { status: "passed", passed: 0, total: 0 },
    };
    entry.cell.total++;
    if (r.status === "passed") entry.cell.passed++;
    if (r.status === "error") errors.set(key, (errors.get(key) ?? 0) + 1);
    out.set(key, entry);
  }
  for (const [key, { cell }] of out) {
    if (cell.passed === cell.total) cell.status = "passed";
    else if ((errors.get(key) ?? 0) === cell.total) cell.status = "error";
    else cell.status = "failed";
  }
  return out;
}

function changeOf(base: CompareCell | null, head: CompareCell | null): CompareChange {
  if (!base) return "new";
  if (!head) return "removed";
  const b = base.status === "passed";
  const h = head.status === "passed";
  if (b && h) return "still_passing";
  if (b) return "regressed";
  if (h) return "fixed";
  return "still_failing";
}

/**
 * Per cell changes, ordered regressed, fixed, still failing, new, removed, still passing; within a
 * group, in the head run's row order (then the base's for removed cells), which is dataset order.
 */
export function compareRuns(base: CompareSide, head: CompareSide): RunComparison {
  const baseCells = cells(base.rows);
  const headCells = cells(head.rows);
  const keys = [...headCells.keys(), ...[...baseCells.keys()].filter((k) => !headCells.has(k))];
  const items: CompareItem[] = keys.map((key) => {
    const b = baseCells.get(key);
    const h = headCells.get(key);
    const who = (h ?? b) as { itemId: string; targetIndex: number };
    const baseCell = b?.cell ?? null;
    const headCell = h?.cell ?? null;
    return {
      item_id: who.itemId,
      target_index: who.targetIndex,
      base: baseCell,
      head: headCell,
      change: changeOf(baseCell, headCell),
    };
  });
  const rank = (c: CompareChange) => COMPARE_CHANGES.indexOf(c);
  // Array.prototype.sort is stable, so the row order survives within a group.
  items.sort((x, y) => rank(x.change) - rank(y.change));
  const counts = Object.fromEntries(COMPARE_CHANGES.map((c) => [c, 0])) as Record<CompareChange, number>;
  for (const item of items) counts[item.change]++;
  return { items, summary: { base: base.summary, head: head.summary }, counts };
}
