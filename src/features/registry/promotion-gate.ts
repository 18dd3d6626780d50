// The quality gate of a promotion: the prompt's own gate when set, else the project's, else none. It
// checks the offline analysis of the version to promote — a minimum overall score, and no error-severity
// finding that the currently labelled version does not have — and returns a verdict with every check,
// so the requester sees why a request is blocked — and, when the gate asks for it, a minimum pass rate
// of the version's latest completed evaluation run on a dataset (no such run fails the check, saying
// so). Pure; the promotions service looks the run up and stores the verdict.
import type { AnalysisResult } from "../analysis/engine/types.js";

export interface GateSettings {
  min_score?: number;
  block_new_errors?: boolean;
  /** The version's latest completed evaluation run on `dataset` (id or name) must pass at least this share. */
  min_eval_pass_rate?: { dataset: string; pass_rate: number };
}

/** What the promotions service found for min_eval_pass_rate: the run, or why there is none. */
export type EvalGateFinding =
  | { found: true; run_id: string; pass_rate: number | null; dataset_id: string }
  | { found: false; reason: string };

export type GateCheck =
  | { check: "min_score"; passed: boolean; required: number; actual: number }
  | {
      check: "block_new_errors";
      passed: boolean;
      new_errors: { rule: string; kind: string; message: string }[];
    }
  | {
      check: "min_eval_pass_rate";
      passed: boolean;
      required: number;
      /** The run's pass rate (its lowest target's); null without a run. */
      actual: number | null;
      dataset: string;
      run_id: string | null;
      reason?: string;
    };

export interface GateVerdict {
  passed: boolean;
  /** Whose gate applied: the prompt's override, the project's, or none at all. */
  source: "prompt" | "project" | "none";
  settings: GateSettings | null;
  checks: GateCheck[];
}

export function parseGate(json: string | null | undefined): GateSettings | null {
  if (!json) return null;
  const v = JSON.parse(json) as unknown;
  if (v === null || typeof v !== "object") return null;
  const g = v as Record<string, unknown>;
  const out: GateSettings = {};
  if (typeof g.min_score === "number") out.min_score = g.min_score;
  if (typeof g.block_new_errors === "boolean") out.block_new_errors = g.block_new_errors;
  const e = g.min_eval_pass_rate as { dataset?: unknown; pass_rate?: unknown } | null | undefined;
  if (e && typeof e.dataset === "string" && typeof e.pass_rate === "number")
    out.min_eval_pass_rate = { dataset: e.dataset, pass_rate: e.pass_rate };
  return out;
}

/** The gate that applies: the prompt's override when it has one, else the project's. */
export function effectiveGate(
  promptGate: string | null | undefined,
  projectGate: string | null | undefined,
): { source: GateVerdict["source"]; settings: GateSettings | null } {
  const own = parseGate(promptGate);
  if (own) return { source: "prompt", settings: own };
  const project = parseGate(projectGate);
  if (project) return { source: "project", settings: project };
  return { source: "none", settings: null };
}

/** A finding's identity across versions: the same rule on the same kind of problem. */
function errorKeys(result: AnalysisResult | null): Set<string> {
  return new Set(
    (result?.findings ?? []).filter((f) => f.severity === "error").map((f) => `${f.rule}:${f.kind}`),
  );
}

export function evaluateGate(
  gate: { source: GateVerdict["source"]; settings: GateSettings | null },
  from: AnalysisResult | null,
  to: AnalysisResult,
  evaluation?: EvalGateFinding,
): GateVerdict {
  const checks: GateCheck[] = [];
  const s = gate.settings;
  if (s?.min_score !== undefined) {
    const actual = to.scores.overall;
    checks.push({ check: "min_score", passed: actual >= s.min_score, required: s.min_score, actual });
  }
  if (s?.block_new_errors) {
    const before = errorKeys(from);
    const added = to.findings
      .filter((f) => f.severity === "error" && !before.has(`${f.rule}:${f.kind}`))
      .map((f) => ({ rule: f.rule, kind: f.kind, message: f.message }));
    checks.push({ check: "block_new_errors", passed: added.length === 0, new_errors: added });
  }
  if (s?.min_eval_pass_rate) {
    const want = s.min_eval_pass_rate;
    const found = evaluation ?? { found: false as const, reason: "No evaluation result was looked up" };
    if (!found.found)
      checks.push({
        check: "min_eval_pass_rate",
        passed: false,
        required: want.pass_rate,
        actual: null,
        dataset: want.dataset,
        run_id: null,
        reason: found.reason,
      });
    else {
      const passed = found.pass_rate !== null && found.pass_rate >= want.pass_rate;
      checks.push({
        check: "min_eval_pass_rate",
        passed,
        required: want.pass_rate,
        actual: found.pass_rate,
        dataset: want.dataset,
        run_id: found.run_id,
        ...(passed
          ? {}
          : {
              reason:
                found.pass_rate === null
                  ? "The latest run settled no item"
                  : `The latest run passed ${found.pass_rate} of items; at least ${want.pass_rate} required`,
            }),
      });
    }
  }
  return { passed: checks.every((c) => c.passed), source: gate.source, settings: s, checks };
}
