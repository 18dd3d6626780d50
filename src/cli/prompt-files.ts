// The prompt file format of `promptforge pull` and `push` (docs/git-sync.md): YAML front matter between
// two `---` lines, then the content. A text prompt's body is its content followed by one newline (so an
// editor that ends files with a newline changes nothing); a chat prompt keeps its messages in the
// front matter and has an empty body. Lossless: parse(format(p)) gives p back for any content.
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";

export const PROMPT_FILE_SUFFIX = ".prompt.md";
const NAME_RULE = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;
const ROLES = ["system", "user", "assistant"] as const;
export type ChatRole = (typeof ROLES)[number];

export interface PromptFileData {
  /** The project's slug or id, as pull wrote it; push sends the file there. */
  project?: string;
  name: string;
  /** Only used when push creates the prompt (default: the name). */
  title?: string;
  type: "text" | "chat";
  /** The version the file was pulled at; absent for a prompt push should create. */
  version?: number;
  /** Which labels pointed at that version when it was pulled; informational, push ignores them. */
  labels: string[];
  variables: unknown[];
  config: Record<string, unknown>;
  content?: string;
  messages?: { role: ChatRole; content: string }[];
}

export class PromptFileError extends Error {
  override name = "PromptFileError";
}

const KEYS = ["project", "name", "title", "type", "version", "labels", "variables", "config", "messages"];

/** Whether `name` is a registry name (lower-case slug segments separated by `/`). */
export function isPromptName(name: string): boolean {
  return NAME_RULE.test(name) && name.length <= 200 && name.split("/").every((s) => s.length <= 64);
}

/** The file's path under the output folder: its folders as directories. */
export function promptFilePath(name: string): string {
  return `${name}${PROMPT_FILE_SUFFIX}`;
}

export function formatPromptFile(p: PromptFileData): string {
  const head: Record<string, unknown> = {};
  if (p.project !== undefined) head.project = p.project;
  head.name = p.name;
  if (p.title !== undefined) head.title = p.title;
  head.type = p.type;
  if (p.version !== undefined) head.version = p.version;
  head.labels = p.labels;
  head.variables = p.variables;
  head.config = p.config;
  if (p.type === "chat") head.messages = p.messages ?? [];
  // lineWidth 0: never fold a long line (folding is lossless but makes diffs noisy).
  const yaml = stringifyYaml(head, { lineWidth: 0, blockQuote: "literal" });
  const body = p.type === "text" ? `${p.content ?? ""}\n` : "";
  return `---\n${yaml}---\n${body}`;
}

/** Reads a prompt file; PromptFileError says what is wrong, in words for the person who edited it. */
export function parsePromptFile(text: string): PromptFileData {
  if (!text.startsWith("---\n")) {
    throw new PromptFileError("does not start with a '---' line (the front matter)");
  }
  const rest = text.slice(4);
  // The first line that is exactly `---` closes the front matter; YAML never writes one inside it.
  let end: number;
  let bodyStart: number;
  if (rest.startsWith("---\n") || rest === "---") {
    end = 0;
    bodyStart = 4;
  } else {
    const at = rest.indexOf("\n---\n");
    if (at >= 0) {
      end = at + 1;
      bodyStart = at + 5;
    } else if (rest.endsWith("\n---")) {
      end = rest.length - 3;
      bodyStart = rest.length;
    } else {
      throw new PromptFileError("has no '---' line closing the front matter");
    }
  }
  let head: unknown;
  try {
    head = parseYaml(rest.slice(0, end));
  } catch (e) {
    throw new PromptFileError(`front matter is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  if (typeof head !== "object" || head === null || Array.isArray(head)) {
    throw new PromptFileError("front matter must be a mapping of keys (name, type, version, …)");
  }
  const h = head as Record<string, unknown>;
  const unknown = Object.keys(h).filter((k) => !KEYS.includes(k));
  if (unknown.length) {
    throw new PromptFileError(
      `unknown front matter key(s): ${unknown.join(", ")} (known: ${KEYS.join(", ")})`,
    );
  }
  const body = rest.slice(bodyStart);

  if (typeof h.name !== "string" || !isPromptName(h.name)) {
    throw new PromptFileError(
      "name must be lower-case letters, digits, '.', '_' or '-', in segments separated by '/' (support/triage)",
    );
  }
  const type = h.type ?? "text";
  if (type !== "text" && type !== "chat") throw new PromptFileError("type must be text or chat");
  if (h.version !== undefined && (!Number.isInteger(h.version) || (h.version as number) < 1)) {
    throw new PromptFileError("version must be a whole number ≥ 1 (or absent for a new prompt)");
  }
  if (h.project !== undefined && (typeof h.project !== "string" || h.project === "")) {
    throw new PromptFileError("project must be the project's slug");
  }
  if (h.title !== undefined && (typeof h.title !== "string" || h.title.trim() === "")) {
    throw new PromptFileError("title must be a non-empty text");
  }
  const labels = h.labels ?? [];
  if (!Array.isArray(labels) || !labels.every((l) => typeof l === "string")) {
    throw new PromptFileError("labels must be a list of label names");
  }
  const variables = h.variables ?? [];
  if (!Array.isArray(variables)) throw new PromptFileError("variables must be a list");
  const config = h.config ?? {};
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new PromptFileError("config must be a mapping");
  }
  const data: PromptFileData = {
    name: h.name,
    type,
    labels: labels as string[],
    variables,
    config: config as Record<string, unknown>,
  };
  if (h.project !== undefined) data.project = h.project as string;
  if (h.title !== undefined) data.title = h.title as string;
  if (h.version !== undefined) data.version = h.version as number;

  if (type === "chat") {
    if (body.trim() !== "") {
      throw new PromptFileError(
        "a chat prompt keeps its messages in the front matter; the body must be empty",
      );
    }
    const messages = h.messages;
    if (
      !Array.isArray(messages) ||
      !messages.every(
        (m) =>
          typeof m === "object" &&
          m !== null &&
          ROLES.includes((m as { role: ChatRole }).role) &&
          typeof (m as { content: unknown }).content === "string" &&
          Object.keys(m).every((k) => k === "role" || k === "content"),
      )
    ) {
      throw new PromptFileError("messages must be a list of {role: system | user | assistant, content}");
    }
    data.messages = (messages as { role: ChatRole; content: string }[]).map((m) => ({
      role: m.role,
      content: m.content,
    }));
  } else {
    if (h.messages !== undefined) throw new PromptFileError("messages belong to chat prompts (type: chat)");
    // The body is the content and the one newline format() adds.
    data.content = body.endsWith("\n") ? body.slice(0, -1) : body;
  }
  return data;
}
