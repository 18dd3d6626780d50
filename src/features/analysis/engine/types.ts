// The shapes the offline engine produces and the API returns. Shared by the engine, the providers
// (whose output is merged into these), the routes, the CLI and the web app.

export const TARGET_LLMS = ["chatgpt", "claude", "gemini", "grok", "deepseek", "generic"] as const;
export type TargetLlm = (typeof TARGET_LLMS)[number];

export const STRATEGIES = ["clarity", "specificity", "comprehensive"] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const FINDING_KINDS = [
  "ambiguous_reference",
  "vague_quantifier",
  "missing_output_format",
  "missing_audience_or_context",
  "contradiction",
  "no_task",
  "excessive_length_or_filler",
  "multiple_unrelated_tasks",
  "missing_examples_for_format_heavy_task",
  "unsafe_injection_pattern",
  "duplicated_instruction",
  "template_variable",
  "missing_referenced_material",
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** "hint" marks a kind whose precision on real prompts is too low to move scores: shown, never counted. */
export type Severity = "hint" | "info" | "warning" | "error";

export interface Span {
  /** UTF-16 code-unit offsets into the analysed text: text.slice(start, end). */
  start: number;
  end: number;
}

export interface Finding {
  /** Stable rule id, e.g. "PF101". */
  rule: string;
  kind: FindingKind;
  severity: Severity;
  message: string;
  suggestion: string;
  spans: Span[];
}

export interface Scores {
  overall: number;
  clarity: number;
  specificity: number;
  structure: number;
  context: number;
  best_practices: number;
}

export const CHECKLIST_ITEMS = [
  "clear_instruction",
  "context_audience",
  "output_format",
  "constraints",
  "examples",
  "role_persona",
  "success_criteria",
  "format_template",
  "delimited_material",
  "reasoning_request",
  "output_priming",
  "injection_defence",
  "positive_instructions",
] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export interface ChecklistEntry {
  item: ChecklistItem;
  label: string;
  present: boolean;
  /** False when the item does not apply to this prompt (no material to delimit, a one-step task). */
  applicable: boolean;
  /** Where the evidence is, when present. */
  evidence: Span | null;
}

export interface LlmAdvice {
  target: TargetLlm;
  tips: string[];
}

export interface PromptStats {
  characters: number;
  words: number;
  sentences: number;
  estimated_tokens: number;
  /** Flesch–Kincaid grade level, rounded to one decimal. */
  reading_level: number;
}

export interface AnalysisResult {
  scores: Scores;
  findings: Finding[];
  checklist: ChecklistEntry[];
  strengths: string[];
  weaknesses: string[];
  suggestions: string[];
  llm_advice: LlmAdvice;
  stats: PromptStats;
  /** "local" for the offline engine; "gemini" or "openai" when an LLM judged it. */
  engine: string;
  engine_version: string;
  /** ISO 639-1 code of the language the instructions are written in ("und" when too short to tell). */
  language: string;
  /** "full" when the rules cover the prompt's language; "partial" when only language-neutral rules ran. */
  coverage: "full" | "partial";
  /** Set when an LLM was configured but the answer came from the offline engine. */
  fallback_reason?: string;
}

export interface EnhanceVariant {
  strategy: Strategy;
  enhanced_text: string;
  analysis: AnalysisResult;
  before_score: number;
  after_score: number;
  /** (after - before) / before × 100, rounded to one decimal; 0 when before is 0 and after is 0. */
  improvement_percent: number;
  changes: string[];
}

export interface AnalyzeOptions {
  targetLlm?: TargetLlm;
}

export interface EnhanceOptions {
  strategy?: Strategy;
  targetLlm?: TargetLlm;
}
