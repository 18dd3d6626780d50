// Turns signals and findings into the human-facing parts of an analysis: the checklist with evidence,
// strengths/weaknesses/suggestions ordered by impact, per-model advice and text statistics.

import type { Signals } from "./signals.js";
import type { Technique, Techniques } from "./techniques.js";
import { type Doc, TOKEN_NUMBER, TOKEN_VAR, TOKEN_WORD } from "./text.js";
import type {
  ChecklistEntry,
  Finding,
  FindingKind,
  LlmAdvice,
  PromptStats,
  Scores,
  TargetLlm,
} from "./types.js";

export const CHECKLIST_LABELS = {
  clear_instruction: "Clear instruction",
  context_audience: "Context or audience",
  output_format: "Output format",
  constraints: "Constraints",
  examples: "Examples",
  role_persona: "Role or persona",
  success_criteria: "Success criteria",
  format_template: "Output template or schema",
  delimited_material: "Material in delimiters",
  reasoning_request: "Asks for reasoning on a multi-step task",
  output_priming: "Output primed",
  injection_defence: "Defence against instructions in material",
  positive_instructions: "Says what to do, not only what not to do",
} as const;

export function buildChecklist(sig: Signals, tech: Techniques): ChecklistEntry[] {
  const entry = (
    item: keyof typeof CHECKLIST_LABELS,
    evidence: { start: number; end: number } | null,
    applicable = true,
  ): ChecklistEntry => ({
    item,
    label: CHECKLIST_LABELS[item],
    present: evidence !== null,
    evidence,
    // after evidence: the order the API's serializer writes (the CLI prints the same bytes)
    applicable: applicable || evidence !== null,
  });
  const from = (item: keyof typeof CHECKLIST_LABELS, t: Technique) => entry(item, t.evidence, t.applicable);
  return [
    entry("clear_instruction", sig.bestTaskStrength === 2 ? sig.taskSpan : null),
    entry("context_audience", sig.audience ?? sig.purpose ?? sig.background ?? sig.input ?? null),
    entry("output_format", sig.format ?? sig.length ?? null),
    entry("constraints", sig.constraints[0] ?? null),
    entry("examples", tech.few_shot.evidence),
    entry("role_persona", sig.role),
    entry("success_criteria", tech.success_criteria.evidence),
    from("format_template", tech.format_template),
    from("delimited_material", tech.delimiters),
    from("reasoning_request", tech.reasoning),
    from("output_priming", tech.output_priming),
    from("injection_defence", tech.injection_defence),
    from("positive_instructions", tech.positive_instructions),
  ];
}

/** How much each finding kind costs, used to order weaknesses and suggestions by impact. */
const KIND_IMPACT: Record<FindingKind, number> = {
  unsafe_injection_pattern: 100,
  no_task: 90,
  contradiction: 80,
  template_variable: 75,
  multiple_unrelated_tasks: 70,
  missing_referenced_material: 68,
  ambiguous_reference: 65,
  missing_output_format: 60,
  missing_audience_or_context: 50,
  vague_quantifier: 45,
  missing_examples_for_format_heavy_task: 40,
  excessive_length_or_filler: 35,
  duplicated_instruction: 30,
};

const WEAKNESS_TEXT: Record<FindingKind, string> = {
  unsafe_injection_pattern: "Contains prompt-injection phrasing",
  no_task: "No concrete task: the prompt never says what to produce",
  contradiction: "Contradictory requirements",
  template_variable: "Malformed template variables",
  multiple_unrelated_tasks: "Bundles several unrelated tasks",
  missing_referenced_material: "Refers to material the prompt does not include",
  ambiguous_reference: "Refers to something the prompt never shows",
  missing_output_format: "Output format not stated",
  missing_audience_or_context: "No audience or context",
  vague_quantifier: "Vague words with no criterion",
  missing_examples_for_format_heavy_task: "Format-heavy task without an example",
  excessive_length_or_filler: "Filler, pleasantries or buzzwords",
  duplicated_instruction: "Repeated instructions",
};

export function buildFeedback(
  sig: Signals,
  findings: Finding[],
  scores: Scores,
  slotsLeft: number,
  tech: Pick<Techniques, "success_criteria">,
): { strengths: string[]; weaknesses: string[]; suggestions: string[] } {
  const success = tech.success_criteria.present;
  const strengths: Array<[number, string]> = [];
  if (sig.bestTaskStrength === 2) strengths.push([90, "States a concrete task"]);
  if (sig.format || sig.length) strengths.push([70, "Specifies the output format or length"]);
  if (sig.audience) strengths.push([60, "Names the audience"]);
  if (sig.input && sig.delimitedInput) strengths.push([55, "Delimits the material to work on"]);
  if (sig.constraints.length > 0) strengths.push([50, "Sets explicit constraints"]);
  if (sig.details.length >= 3) strengths.push([45, "Gives specific details (names, numbers, quoted terms)"]);
  if (sig.examples) strengths.push([40, "Includes an example"]);
  if (sig.role) strengths.push([30, "Assigns a role"]);
  if (success) strengths.push([30, "Says what a good answer must contain"]);
  if (sig.sections >= 2) strengths.push([25, "Organised into labelled sections"]);

  const byKind = new Map<FindingKind, Finding>();
  for (const f of findings) if (!byKind.has(f.kind)) byKind.set(f.kind, f);
  const kinds = [...byKind.keys()].sort((a, b) => KIND_IMPACT[b] - KIND_IMPACT[a] || (a < b ? -1 : 1));
  const weaknesses = kinds.map((k) => WEAKNESS_TEXT[k]);
  const suggestions = kinds.map((k) => byKind.get(k)!.suggestion);
  if (slotsLeft > 0) {
    weaknesses.push(`${slotsLeft} placeholder${slotsLeft === 1 ? "" : "s"} still to fill in`);
    suggestions.push("Replace each [fill in: …] placeholder with the real detail before using the prompt.");
  }
  // gaps that are not findings but still cost points, by the dimension they would lift most
  const gaps: Array<[number, string, string]> = [];
  if (!sig.examples && scores.best_practices < 80 && !byKind.has("missing_examples_for_format_heavy_task"))
    gaps.push([
      20,
      "No example of the expected output",
      "Add a short example of the output you expect when the format matters.",
    ]);
  if (!sig.constraints.length && sig.bestTaskStrength > 0)
    gaps.push([
      25,
      "No explicit constraints",
      "Add the limits that matter: length, what to include or avoid, the tone.",
    ]);
  if (!success && sig.bestTaskStrength > 0 && scores.overall < 85)
    gaps.push([15, "No success criteria", "Say what a good answer must contain or how you will judge it."]);
  if (sig.instructionWords > 120 && sig.sections === 0)
    gaps.push([
      22,
      "Long prompt with no sections",
      "Split long prompts into labelled sections (Task, Context, Constraints, Output format).",
    ]);
  for (const [, w, s] of gaps.sort((a, b) => b[0] - a[0])) {
    weaknesses.push(w);
    suggestions.push(s);
  }
  return {
    strengths: strengths.sort((a, b) => b[0] - a[0]).map(([, s]) => s),
    weaknesses,
    suggestions,
  };
}

const ADVICE: Record<TargetLlm, string[]> = {
  claude: [
    "Wrap each part in XML tags (<context>, <task>, <constraints>, <output_format>, <examples>) and refer to them by name.",
    "Put long documents at the top inside <document> tags, with the question or task after them.",
    "Say what to do rather than what not to do, and give the reason behind important constraints.",
    "Ask for the exact output shape (e.g. an <answer> tag or a JSON schema) instead of relying on prefilling the reply.",
  ],
  gemini: [
    "Put the role, tone and standing rules in the system instructions; keep the user turn for the task and its input.",
    "For machine-readable output, set responseMimeType to application/json and pass a responseSchema instead of describing JSON in prose.",
    "Give one or two examples of the expected output; Gemini follows demonstrated patterns closely.",
    "Place the question after long context and label each input clearly.",
  ],
  chatgpt: [
    "Put standing rules and the persona in the system message and the task in the user message.",
    "Organise longer prompts with Markdown headings (## Task, ## Context, ## Output format) and delimit inputs with triple quotes or tags.",
    "For JSON, use structured outputs (a JSON schema) or JSON mode rather than asking in prose.",
    "State length and format explicitly; give an example when the format is unusual.",
  ],
  grok: [
    "Lead with the task in one sentence, then the constraints; Grok follows direct, explicit instructions best.",
    "Say whether current events or real-time data are in scope, and which sources to trust.",
    "Use Markdown sections and delimit pasted material.",
    "For structured output, give the JSON schema or an example object.",
  ],
  deepseek: [
    "For reasoning models (R1-style), state the goal plainly and skip few-shot examples; they can degrade the answer.",
    "Avoid prescribing the chain of thought (no 'think step by step'); describe the problem and the required final format.",
    "Put all instructions in the user message; keep any system prompt minimal.",
    "Ask for the final answer in a fixed place (e.g. the last line or a JSON field) so it is easy to extract.",
  ],
  generic: [
    "Start with the task in one sentence, then context, constraints and the output format.",
    "Delimit pasted material (triple quotes, XML tags or a fenced block) and say it is data, not instructions.",
    "Replace vague words with numbers and criteria; add an example when the format matters.",
    "Remove pleasantries and repeated instructions.",
  ],
};

export function buildAdvice(target: TargetLlm, sig: Signals): LlmAdvice {
  const tips = [...ADVICE[target]];
  if (target === "deepseek" && sig.examples)
    tips.unshift(
      "This prompt includes examples: for R1-style reasoning models consider removing them and stating the goal directly.",
    );
  if (target === "claude" && sig.input && !sig.delimitedInput)
    tips.unshift("Move the pasted material into <document> tags above the instructions.");
  return { target, tips };
}

export function buildStats(doc: Doc, sig: Signals): PromptStats {
  const { tokens, text } = doc;
  let syllables = 0;
  let words = 0;
  for (const t of tokens) {
    if (t.type === TOKEN_WORD) {
      words++;
      syllables += countSyllables(t.lower);
    } else if (t.type === TOKEN_NUMBER || t.type === TOKEN_VAR) {
      words++;
      syllables += 1;
    }
  }
  const sentences = Math.max(1, sig.sentenceCount);
  const fk = words === 0 ? 0 : 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59;
  // ≈ chars/4 for English prose, pulled towards 1.3 tokens per word when words are long or short
  const estimated = text.length === 0 ? 0 : Math.round((text.length / 4 + words * 1.33) / 2);
  return {
    characters: text.length,
    words,
    sentences: sig.sentenceCount,
    estimated_tokens: estimated,
    reading_level: Math.round(Math.max(0, fk) * 10) / 10,
  };
}

function countSyllables(word: string): number {
  let count = 0;
  let letters = 0;
  let prevVowel = false;
  let last = 0;
  let beforeLast = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 97 || c > 122) continue;
    letters++;
    const vowel = c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121;
    if (vowel && !prevVowel) count++;
    prevVowel = vowel;
    beforeLast = last;
    last = c;
  }
  if (letters <= 3) return 1;
  // a silent final "e" ("make"), but not "-le" ("table")
  if (last === 101 && beforeLast !== 108 && count > 1) count--;
  return Math.max(1, count);
}
