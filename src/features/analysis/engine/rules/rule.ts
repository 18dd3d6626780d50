// The shape of a rule in the registry: metadata for the catalogue (docs, SARIF) and a check that reads
// the shared rule context and returns findings. New rules are added here as one object each, in a
// file per concern, and run as one list.

import type { Finding, FindingKind, Severity, Span } from "../types.js";
import type { RuleContext } from "./context.js";

export interface Rule {
  id: string;
  kind: FindingKind;
  severity: Severity;
  description: string;
  check(ctx: RuleContext): Finding[];
}

export function findingOf(rule: Rule, message: string, suggestion: string, spans: Span[]): Finding {
  return { rule: rule.id, kind: rule.kind, severity: rule.severity, message, suggestion, spans };
}
