// A fetched prompt as the application sees it: the registry's answer, checked, plus a synchronous
// compile() that renders it locally with the same renderer module the PromptForge server uses.
import { PromptCompileError, PromptForgeError } from "./errors.js";
import {
  checkVariables,
  parseTemplate,
  render,
  renderMessages,
  TemplateRenderError,
  TemplateSyntaxError,
  type VariableSpec,
} from "./render.js";

export type { VariableSpec, VariableType } from "./render.js";

export type ChatRole = "system" | "user" | "assistant";
export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** One prompt version the composition included, as the server lists it. */
export interface ResolvedFrom {
  name: string;
  version: number;
  label?: string;
}

/** What GET /api/v1/registry/:project/:name answers (docs/registry.md), as kept in cache and snapshot. */
export interface PromptData {
  name: string;
  type: "text" | "chat";
  version: number;
  labels: string[];
  content?: string;
  messages?: ChatMessage[];
  variables: VariableSpec[];
  config: Record<string, unknown>;
  resolved_from: ResolvedFrom[];
}

/** Where the prompt object came from: the server now, the in-memory cache, the snapshot file, or your fallback. */
export type PromptSource = "server" | "cache" | "snapshot" | "fallback";

interface PromptBase {
  name: string;
  /** The version served; 0 for a fallback. */
  version: number;
  labels: string[];
  variables: VariableSpec[];
  config: Record<string, unknown>;
  resolvedFrom: ResolvedFrom[];
  source: PromptSource;
  /** true when this is the fallback you passed to getPrompt, because nothing better was available. */
  isFallback: boolean;
}

export interface TextPrompt extends PromptBase {
  type: "text";
  content: string;
  /** Renders the content with these variables; throws PromptCompileError naming each bad variable. */
  compile(variables?: Record<string, unknown>): string;
}

export interface ChatPrompt extends PromptBase {
  type: "chat";
  messages: ChatMessage[];
  /** Renders every message with these variables; throws PromptCompileError naming each bad variable. */
  compile(variables?: Record<string, unknown>): ChatMessage[];
}

export type Prompt = TextPrompt | ChatPrompt;

/** What a caller may pass as `fallback`: a text, a list of chat messages, or a prompt's parts. */
export type PromptFallback =
  | string
  | ChatMessage[]
  | {
      content?: string;
      messages?: ChatMessage[];
      variables?: VariableSpec[];
      config?: Record<string, unknown>;
    };

const ROLES = new Set(["system", "user", "assistant"]);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function isMessages(v: unknown): v is ChatMessage[] {
  return (
    Array.isArray(v) &&
    v.every(
      (m) => isObject(m) && typeof m.role === "string" && ROLES.has(m.role) && typeof m.content === "string",
    )
  );
}

/**
 * The registry's JSON, checked to be a prompt this SDK can serve (a proxy's error page or a truncated
 * body must not replace a good cached copy); null when it is not.
 */
export function readPromptData(body: unknown): PromptData | null {
  if (!isObject(body)) return null;
  const { name, type, version, labels, content, messages, variables, config, resolved_from } = body;
  if (typeof name !== "string" || !Number.isInteger(version) || (version as number) < 1) return null;
  if (type !== "text" && type !== "chat") return null;
  if (type === "text" && typeof content !== "string") return null;
  if (type === "chat" && !isMessages(messages)) return null;
  if (variables !== undefined && !Array.isArray(variables)) return null;
  if (config !== undefined && config !== null && !isObject(config)) return null;
  const data: PromptData = {
    name,
    type,
    version: version as number,
    labels: Array.isArray(labels) ? labels.filter((l): l is string => typeof l === "string") : [],
    variables: ((variables as unknown[] | undefined) ?? []).filter(
      (v): v is VariableSpec => isObject(v) && typeof v.name === "string" && typeof v.type === "string",
    ),
    config: (config as Record<string, unknown> | null | undefined) ?? {},
    resolved_from: Array.isArray(resolved_from) ? (resolved_from as ResolvedFrom[]) : [],
  };
  if (type === "text") data.content = content as string;
  else data.messages = messages as ChatMessage[];
  return data;
}

/** The prompt object for stored data: frozen data plus compile(). */
export function toPrompt(data: PromptData, source: PromptSource, isFallback = false): Prompt {
  const base = {
    name: data.name,
    version: data.version,
    labels: [...data.labels],
    variables: data.variables,
    config: data.config,
    resolvedFrom: data.resolved_from,
    source,
    isFallback,
  };
  if (data.type === "chat") {
    const messages = (data.messages ?? []).map((m) => ({ role: m.role, content: m.content }));
    return {
      ...base,
      type: "chat",
      messages,
      compile: (variables = {}) =>
        guardRender(() => renderMessages(messages, checked(data, variables)) as ChatMessage[]),
    };
  }
  const content = data.content ?? "";
  return {
    ...base,
    type: "text",
    content,
    compile: (variables = {}) => guardRender(() => render(content, checked(data, variables))),
  };
}

/** The variables with defaults applied, or a PromptCompileError naming every problem. */
function checked(data: PromptData, given: Record<string, unknown>): Record<string, unknown> {
  if (!isObject(given)) {
    throw new PromptCompileError("invalid_variables", "compile() takes an object of variables", []);
  }
  const { values, issues } = checkVariables(specsOf(data), given);
  if (issues.length > 0) {
    throw new PromptCompileError(
      "invalid_variables",
      `Cannot compile ${data.name} v${data.version}: ${issues.map((i) => `${i.variable ?? "?"} ${i.message}`).join("; ")}`,
      issues,
    );
  }
  return values;
}

/**
 * The variables compile checks, as the server's compile does: the declared ones; for a version that
 * declares none (every version stored before typed variables), each variable its template reads is
 * required, with any JSON value, and names read inside sections are allowed.
 */
function specsOf(data: PromptData): VariableSpec[] {
  if (data.variables.length > 0) return data.variables;
  const specs = new Map<string, VariableSpec>();
  const sources = data.type === "chat" ? (data.messages ?? []).map((m) => m.content) : [data.content ?? ""];
  for (const src of sources) {
    const parsed = parseTemplate(src);
    for (const name of parsed.variables)
      if (!specs.has(name)) specs.set(name, { name, type: "json", required: true });
    for (const name of parsed.nestedNames) {
      if (!specs.has(name)) specs.set(name, { name, type: "json", required: false });
    }
  }
  return [...specs.values()];
}

function guardRender<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof TemplateSyntaxError || e instanceof TemplateRenderError) {
      throw new PromptCompileError("template_error", e.message, [{ message: e.message }], e);
    }
    throw e;
  }
}

/** The prompt object for a caller's fallback, or an error when the fallback is not usable. */
export function fallbackPrompt(name: string, fallback: PromptFallback): Prompt {
  let parts: Exclude<PromptFallback, string | ChatMessage[]>;
  if (typeof fallback === "string") parts = { content: fallback };
  else if (Array.isArray(fallback)) parts = { messages: fallback };
  else parts = fallback;
  const messages = parts.messages;
  if (messages !== undefined && !isMessages(messages)) {
    throw new PromptForgeError(
      "invalid_options",
      "fallback.messages must be [{role, content}] with role system, user or assistant",
    );
  }
  if (messages === undefined && typeof parts.content !== "string") {
    throw new PromptForgeError(
      "invalid_options",
      "fallback must be a string, chat messages, or {content | messages}",
    );
  }
  const data: PromptData = {
    name,
    type: messages ? "chat" : "text",
    version: 0,
    labels: [],
    variables: parts.variables ?? [],
    config: parts.config ?? {},
    resolved_from: [],
  };
  if (messages) data.messages = messages;
  else data.content = parts.content as string;
  return toPrompt(data, "fallback", true);
}
