// The catalogue of the core rules (ids, kinds, severities, descriptions: docs and SARIF) and the small
// helpers every rule file shares to build findings.
import type { Doc } from "../text.js";
import type { Finding, FindingKind, Severity, Span } from "../types.js";

export interface RuleInfo {
  id: string;
  kind: FindingKind;
  severity: Severity;
  description: string;
}

export const RULES: readonly RuleInfo[] = [
  {
    id: "PF101",
    kind: "no_task",
    severity: "warning",
    description: "No clear instruction: no imperative, request or question names a concrete deliverable.",
  },
  {
    id: "PF102",
    kind: "ambiguous_reference",
    severity: "warning",
    description:
      "A pronoun (it, this, that, they, them) has no antecedent earlier in the prompt and no attached material after it.",
  },
  {
    id: "PF103",
    kind: "vague_quantifier",
    severity: "info",
    description:
      "A vague quantity or placeholder noun (some, a few, various, several, etc., stuff, things) in an instruction.",
  },
  {
    id: "PF104",
    kind: "vague_quantifier",
    severity: "info",
    description:
      "A vague quality word (good, nice, better, interesting, appropriate, proper) with no criterion after it.",
  },
  {
    id: "PF107",
    kind: "vague_quantifier",
    severity: "info",
    description:
      "A vague amount or judgement (algunos, quelques, ein paar, いくつか, 좋은 …) in a short request written in another language.",
  },
  {
    id: "PF201",
    kind: "missing_output_format",
    severity: "warning",
    description:
      "An open-ended task with no stated output form: no length, structure, file type or conventional genre.",
  },
  {
    id: "PF202",
    kind: "missing_audience_or_context",
    severity: "info",
    description: "A reader-dependent task with no audience and no background, purpose or attached material.",
  },
  {
    id: "PF203",
    kind: "missing_examples_for_format_heavy_task",
    severity: "info",
    description:
      "A format-heavy task (regex, style imitation, custom schema or many labels) with no example.",
  },

  {
    id: "PF401",
    kind: "excessive_length_or_filler",
    severity: "info",
    description: "Politeness fluff and hedges that add length but no instruction.",
  },
  {
    id: "PF402",
    kind: "excessive_length_or_filler",
    severity: "info",
    description:
      "Buzzword padding (expert, world-class, best practices, comprehensive…) standing in for concrete requirements.",
  },
  {
    id: "PF403",
    kind: "duplicated_instruction",
    severity: "info",
    description: "The same or a near-identical instruction appears more than once.",
  },
  {
    id: "PF501",
    kind: "multiple_unrelated_tasks",
    severity: "warning",
    description: "Several tasks on unrelated subjects in one prompt.",
  },
  {
    id: "PF601",
    kind: "unsafe_injection_pattern",
    severity: "error",
    description:
      "Prompt-injection or jailbreak phrasing (ignore previous instructions, reveal your system prompt, you are now DAN).",
  },
  {
    id: "PF602",
    kind: "unsafe_injection_pattern",
    severity: "error",
    description:
      "Prompt-injection phrasing inside pasted material: a note to the AI reading it, a forged turn, an override of the task.",
  },
  {
    id: "PF701",
    kind: "template_variable",
    severity: "error",
    description: "Unbalanced or empty template variable braces.",
  },
  {
    id: "PF702",
    kind: "template_variable",
    severity: "warning",
    description: "Template variable name that is not a valid identifier.",
  },
  {
    id: "PF703",
    kind: "template_variable",
    severity: "warning",
    description: "A {single-brace} placeholder in a prompt that otherwise uses {{double-brace}} variables.",
  },
];

const RULE_BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function finding(id: string, message: string, suggestion: string, spans: Span[]): Finding {
  const r = RULE_BY_ID.get(id)!;
  return { rule: id, kind: r.kind, severity: r.severity, message, suggestion, spans };
}

export const quote = (doc: Doc, s: Span) => doc.text.slice(s.start, s.end);
