// What a prompt already provides, so the enhancer never asks for it again: the engine's signals and
// checklist, a {{variable}} whose name means the thing ({{audience}}, {{output_format}}, {{tone}}), a
// labelled line or heading ("Audience: …", "## Output format"), or a placeholder already standing there.

import type { Signals } from "../signals.js";
import type { Doc } from "../text.js";
import type { ChecklistEntry } from "../types.js";

/** What a placeholder or a technique line would stand for. */
export type Need = "role" | "audience" | "format" | "constraints" | "examples" | "success" | "input";

// A variable's name (words split on _ - . and case) says what it supplies.
const VAR_MEANING: Array<[Need, RegExp]> = [
  [
    "audience",
    /\b(?:audience|readers?|readership|recipients?|target (?:group|market|users?|customers?)|customer segment|age group|grade(?: level)?|reading level|persona of)\b/,
  ],
  [
    "format",
    /\b(?:format|output|structure|template|schema|layout|word count|length|max words|word limit|sections?)\b/,
  ],
  [
    "constraints",
    /\b(?:constraints?|rules?|limits?|tone|length|word count|max words|word limit|style|guidelines?|requirements?|polic(?:y|ies)|dos and donts|restrictions?)\b/,
  ],
  ["role", /\b(?:role|persona|expert(?:ise)?|assistant name|bot name|character|job title)\b/],
  ["examples", /\b(?:examples?|samples?|shots?|demonstrations?)\b/],
  ["success", /\b(?:criteria|criterion|success|rubric|acceptance|definition of done|goals?)\b/],
];

// "Audience: …", "- Output format:", "## Success criteria", "<output_format>": the author already has it.
const LABEL_MEANING: Array<[Need, RegExp]> = [
  ["audience", /^(?:target )?(?:audience|readers?|readership|who (?:it is|this is) for)$/],
  [
    "format",
    /^(?:(?:desired |expected )?(?:output|response|answer) ?(?:format|structure|template|shape)?|format|structure|template|schema|length)$/,
  ],
  [
    "constraints",
    /^(?:constraints|rules|requirements|guidelines|restrictions|limits|tone|style|dos and don'?ts|policy|policies|system instructions)$/,
  ],
  ["role", /^(?:role|persona|identity|who you are)$/],
  ["examples", /^(?:examples?|samples?|few[- ]shot examples?)$/],
  [
    "success",
    /^(?:success criteria|acceptance criteria|criteria|evaluation criteria|definition of done|rubric)$/,
  ],
];

const LABEL_LINE =
  /^[ \t]*(?:[-*•][ \t]+)?(?:#{1,6}[ \t]*)?<?\/?([A-Za-z][A-Za-z _'-]{1,40}?)>?[ \t]*(?::|$)/gm;

function varWords(raw: string): string {
  return raw
    .replace(/^\{\{|\}\}$/g, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_.\-#/]+/g, " ")
    .toLowerCase()
    .trim();
}

/** The needs the author's prompt (and the cleaned, sectioned version of it) already meets. */
export function providedNeeds(
  docs: readonly Doc[],
  sigs: readonly Signals[],
  checklists: readonly ChecklistEntry[][],
): Set<Need> {
  const out = new Set<Need>();
  for (const sig of sigs) {
    if (sig.role || sig.slotFor.has("role")) out.add("role");
    if (sig.audience || sig.slotFor.has("audience")) out.add("audience");
    if (sig.format || sig.length || sig.slotFor.has("format")) out.add("format");
    if (sig.constraints.length > 0 || sig.slotFor.has("constraints")) out.add("constraints");
    if (sig.examples || sig.slotFor.has("examples")) out.add("examples");
    if (sig.success || sig.slotFor.has("success")) out.add("success");
    if (sig.input || sig.slotFor.has("input")) out.add("input");
  }
  for (const list of checklists)
    for (const c of list) {
      if (!c.present) continue;
      if (c.item === "role_persona") out.add("role");
      else if (c.item === "output_format" || c.item === "format_template") out.add("format");
      else if (c.item === "examples") out.add("examples");
      else if (c.item === "success_criteria") out.add("success");
      else if (c.item === "constraints") out.add("constraints");
    }
  for (const doc of docs) scanDoc(doc, out);
  return out;
}

// "You are Forge, a coding assistant …": a role, whatever the engine's stricter role signal says
const ROLE_LINE = /(?:^|\n)[ \t]*(?:[-*•][ \t]+)?(?:you are|you're|act as|your role is|you will act as)\b/i;

function scanDoc(doc: Doc, out: Set<Need>): void {
  if (ROLE_LINE.test(doc.instructionText)) out.add("role");
  for (const v of doc.vars) {
    const name = varWords(doc.text.slice(v.start, v.end));
    let meant = false;
    for (const [need, re] of VAR_MEANING)
      if (re.test(name)) {
        out.add(need);
        meant = true;
      }
    // any other variable ({{document}}, {{ticket_text}}) is the material the prompt works on
    if (!meant) out.add("input");
  }
  LABEL_LINE.lastIndex = 0;
  for (const m of doc.text.matchAll(LABEL_LINE)) {
    const label = (m[1] ?? "").toLowerCase().replace(/_/g, " ").trim();
    for (const [need, re] of LABEL_MEANING) if (re.test(label)) out.add(need);
  }
}

const ROLE_OPENING =
  /^\s*(?:#[^\n]*\n+\s*)?(?:you are|you're|act as|your role is|as an? [a-z]+ (?:assistant|agent|bot))\b/i;
const RULE_SENTENCE =
  /(?:^|[.!?]\s+|\n(?<!\n[^\S\n]*\n)\s*(?:(?:[-*•]|\d+[.)])\s*)?)(?:always|never|when(?:ever)?\s|if\s|do not|don't|only|you (?:must|should|will|may|can't|cannot)|unless)\b/gi;

/**
 * A behaviour specification (a system prompt: "You are … Always … Never … When the user …"): every
 * line of it is a rule the author chose, so the enhancer keeps it as written and only adds to it.
 */
export function isBehaviourSpec(doc: Doc, taskForm: string | null): boolean {
  if (taskForm === "behaviour") return true;
  if (!ROLE_OPENING.test(doc.text.slice(0, 400))) return false;
  RULE_SENTENCE.lastIndex = 0;
  let rules = 0;
  for (const _ of doc.instructionText.matchAll(RULE_SENTENCE)) if (++rules >= 2) return true;
  return false;
}
