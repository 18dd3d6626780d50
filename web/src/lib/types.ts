// The API's objects as the web app sees them (docs/api.md). Analysis shapes come from the engine's
// own types so the UI and the engine cannot drift apart.
export type {
  AnalysisResult,
  ChecklistEntry,
  EnhanceVariant,
  Finding,
  Scores,
  Severity,
  Span,
  Strategy,
  TargetLlm,
} from "../../../src/features/analysis/engine/types.js";
export { STRATEGIES, TARGET_LLMS } from "../../../src/features/analysis/engine/types.js";

export { CATEGORIES, type Category } from "../../../src/features/prompts/prompt-enums.js";

export const TARGET_LABELS: Record<string, string> = {
  chatgpt: "ChatGPT",
  claude: "Claude",
  gemini: "Gemini",
  grok: "Grok",
  deepseek: "DeepSeek",
  generic: "Any model",
};

export interface User {
  id: string;
  username: string;
  email: string;
  full_name: string | null;
  role: "user" | "admin";
  created_at: string;
}

export interface Prompt {
  id: string;
  title: string;
  content: string;
  category: string;
  tags: string[];
  target_llm: string;
  version: number;
  score: number | null;
  created_at: string;
  updated_at: string;
}

export interface PromptVersion {
  version: number;
  content: string;
  change_note: string | null;
  created_at: string;
}

export interface DiffLine {
  op: "equal" | "add" | "remove";
  text: string;
  old_line: number | null;
  new_line: number | null;
}

export interface DiffResult {
  from?: number;
  to?: number;
  added: number;
  removed: number;
  lines: DiffLine[];
}

export interface TemplateVariable {
  name: string;
  description: string;
  default?: string;
  required: boolean;
}

export interface Template {
  id: string;
  name: string;
  description: string;
  content: string;
  variables: TemplateVariable[];
  category: string;
  tags: string[];
  visibility: "private" | "public";
  use_count: number;
  owner: { id: string; username: string };
  is_owner: boolean;
  cloned_from: string | null;
  created_at: string;
  updated_at: string;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  key?: string;
}

export interface Stats {
  prompts: number;
  versions: number;
  templates_created: number;
  templates_used: number;
  analyses?: number;
  enhancements?: number;
  average_score?: number | null;
}

export interface ListPage<T> {
  items: T[];
  total: number;
  limit: number;
  next_cursor: string | null;
  page?: number;
}
