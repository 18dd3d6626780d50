// The shape of a rule in the registry: metadata for the catalogue (docs, SARIF) and a check that reads
// the shared rule context and returns findings. New rules are added here as one object each, in a
// file per concern, and run as one list. The contradiction rules share their shape here too: a pair of
// demands quoted side by side, and a rule that reports the first pair its finder returns.

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

/** What a contradiction says after "The prompt": what it asks both ways, and how to settle it. */
export type ClashMessage = readonly [what: string, fix: string];

/** Two demands that cannot both hold, quoted side by side: `The prompt …: "first" and "second".` */
export function clashFinding(
  rule: Rule,
  text: string,
  [what, fix]: ClashMessage,
  first: Span,
  second: Span,
): Finding {
  const q = (sp: Span) => text.slice(sp.start, sp.end);
  return findingOf(rule, `The prompt ${what}: "${q(first)}" and "${q(second)}".`, fix, [first, second]);
}

/** The first pair of a rule's demands that cannot both hold, and what to say of it. */
export interface Clash {
  first: Span;
  second: Span;
  message: ClashMessage;
}

/**
 * A contradiction rule that reports the first clash `find` finds, on prompts the engine reads whole (a
 * partial reading leaves too little of the instructions to pair).
 */
export function clashRule(id: string, description: string, find: (ctx: RuleContext) => Clash | null): Rule {
  return contradictionRule(id, description, (ctx, rule) => {
    const c = ctx.partial ? null : find(ctx);
    return c ? [clashFinding(rule, ctx.doc.text, c.message, c.first, c.second)] : [];
  });
}

/** A rule of kind "contradiction" (a warning); `check` is handed the rule for the findings it makes. */
export function contradictionRule(
  id: string,
  description: string,
  check: (ctx: RuleContext, rule: Rule) => Finding[],
): Rule {
  const rule: Rule = {
    id,
    kind: "contradiction",
    severity: "warning",
    description,
    check: (ctx) => check(ctx, rule),
  };
  return rule;
}
