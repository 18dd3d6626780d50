// What a label points at — one version or a weighted split — and the rules around it: label names,
// the computed `latest`, split validation, and the stable bucket choice a fetch with `bucket=<key>`
// makes. Pure functions, shared by the labels, promotions and fetch services.
import { createHash } from "node:crypto";
import type { FieldIssue } from "../../http/errors.js";

export const LABEL_PATTERN = "^[a-z0-9._-]{1,40}$";
const LABEL = new RegExp(LABEL_PATTERN);
/** Always the newest version; computed, never stored, never moved. */
export const LATEST = "latest";
export const DEFAULT_FETCH_LABEL = "production";

export const SPLIT_LIMITS = { entries: 10, weightTotal: 100 } as const;
/** Protected labels a project may name. */
export const MAX_PROTECTED_LABELS = 20;

export interface SplitEntry {
  version: number;
  weight: number;
}

/** A label's target as stored in prompt_label_events and returned by the API. */
export type LabelTarget = { version: number } | { split: SplitEntry[] };

export function isLabelName(label: string): boolean {
  return LABEL.test(label);
}

export function targetOf(row: { version: number | null; split: string | null }): LabelTarget | null {
  if (row.split !== null) return { split: JSON.parse(row.split) as SplitEntry[] };
  if (row.version !== null) return { version: Number(row.version) };
  return null;
}

/** Every version a target can serve. */
export function versionsOf(target: LabelTarget): number[] {
  return "version" in target ? [target.version] : target.split.map((e) => e.version);
}

/** Problems with a split's shape (entries, weights); version existence is checked by the caller. */
export function splitIssues(split: SplitEntry[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (split.length < 1 || split.length > SPLIT_LIMITS.entries)
    issues.push({ field: "split", message: `must have 1–${SPLIT_LIMITS.entries} entries` });
  const seen = new Set<number>();
  let total = 0;
  split.forEach((e, i) => {
    if (!Number.isInteger(e.weight) || e.weight < 1 || e.weight > 100)
      issues.push({ field: `split[${i}].weight`, message: "must be an integer from 1 to 100" });
    if (seen.has(e.version))
      issues.push({ field: `split[${i}].version`, message: `version ${e.version} is listed twice` });
    seen.add(e.version);
    total += e.weight;
  });
  if (issues.length === 0 && total !== SPLIT_LIMITS.weightTotal)
    issues.push({ field: "split", message: `weights must sum to 100 (they sum to ${total})` });
  return issues;
}

/** A number in [0, 100) fixed by the bucket key and the prompt: the same key always lands the same. */
export function bucketPoint(key: string, promptId: string): number {
  const digest = createHash("sha256").update(key).update("\u0000").update(promptId).digest();
  return digest.readUInt32BE(0) % 100;
}

/**
 * The version a split serves: with a bucket key, the entry whose cumulative weight range holds the
 * key's point; without one, the heaviest entry (first on ties), so an unbucketed fetch is stable too.
 */
export function pickFromSplit(split: SplitEntry[], promptId: string, bucket: string | undefined): number {
  if (bucket === undefined) {
    let best = split[0] as SplitEntry;
    for (const e of split) if (e.weight > best.weight) best = e;
    return best.version;
  }
  const point = bucketPoint(bucket, promptId);
  let upTo = 0;
  for (const e of split) {
    upTo += e.weight;
    if (point < upTo) return e.version;
  }
  return (split[split.length - 1] as SplitEntry).version;
}

/** A label list as stored in projects.protected_labels. */
export function parseLabelList(json: string | null | undefined): string[] {
  if (!json) return [];
  const v = JSON.parse(json) as unknown;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}
