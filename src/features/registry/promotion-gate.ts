// The quality gate of a promotion: the prompt's own gate when set, else the project's, else none. It
// checks the offline analysis of the version to promote — a minimum overall score, and no error-severity
// finding that the currently labelled version does not have — and returns a verdict with every check,
// so the requester sees why a request is blocked. Pure; the promotions service stores the verdict.
import type { AnalysisResult } from "../analysis/engine/types.js";

export interface GateSettings {
  min_score?: number;
  block_new_errors?: boolean;
}

export type GateCheck =
  | { check: "min_score"; passed: boolean; required: number; actual: number }
  | {
      check: "block_new_errors";
      passed: boolean;
      new_errors: { rule: string; kind: string; message: string }[];
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
  return { passed: checks.every((c) => c.passed), source: gate.source, settings: s, checks };
}
