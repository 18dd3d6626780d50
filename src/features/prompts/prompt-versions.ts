// A prompt version's registry shape and the rules every write checks, outside the service's closure so
// they can be read (and tested) on their own: rows to API objects, the shape a new version carries
// forward, field checks with their issues, and the plan of an import (the whole document checked before
// anything is written). prompts-service.ts uses them inside its transactions.
import { newId } from "../../db/ids.js";
import { AppError, ConflictError, ValidationError } from "../../http/errors.js";
import { iso } from "../../lib/time.js";
import type { ProjectAccess } from "../projects/permissions.js";
import { checkConfig } from "./prompt-config.js";
import {
  type ChatMessage,
  canonicalJson,
  checkMessages,
  checkName,
  checkVariables,
  joinMessages,
  normalizeVariable,
  type PromptKind,
  undeclaredVariables,
  type VariableSpec,
} from "./prompt-shape.js";
import type { CurrentPromptRow, PromptRow, PromptVersionRow } from "./prompts-repository.js";
import {
  CATEGORIES,
  type Category,
  charCount,
  type ImportBody,
  LIMITS,
  normalizeTags,
  type Prompt,
  type PromptVersion,
  TARGET_LLMS,
  type TargetLlm,
} from "./prompts-schemas.js";

export class PreconditionRequiredError extends AppError {
  constructor() {
    super(
      428,
      "precondition_required",
      'State the version you edited: send If-Match: "<version>" or base_version in the body',
      [{ field: "base_version", message: "is required (or the If-Match header)" }],
    );
  }
}

/** The registry fields a create or an edit may give (an edit keeps what it leaves out). */
export interface ShapeInput {
  type?: PromptKind;
  /** null: none (a text prompt); left out: the previous version's. */
  messages?: ChatMessage[] | null;
  variables?: VariableSpec[];
  config?: Record<string, unknown>;
}

export interface NewPrompt extends ShapeInput {
  title: string;
  name?: string;
  /** Required for a text prompt; a chat prompt's content is its messages joined. */
  content?: string;
  category?: string;
  tags?: string[];
  target_llm?: string;
  change_note?: string | null;
}

/** An edit: any field a new prompt gives; what it leaves out stays as the previous version had it. */
export type PromptUpdate = Partial<NewPrompt>;

/** What a version is, besides its number and note: the registry shape and the content it implies. */
export interface VersionShape {
  type: PromptKind;
  messages: ChatMessage[] | null;
  variables: VariableSpec[];
  config: Record<string, unknown>;
  content: string;
}

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  return text ? (JSON.parse(text) as T) : fallback;
}

/** The current version's shape of a prompt row (its version columns are read as v_messages, …). */
export function shapeOfRow(row: CurrentPromptRow): VersionShape {
  return shapeOfVersion({
    type: row.type,
    messages: row.v_messages,
    variables: row.v_variables,
    config: row.v_config,
    content: row.content,
  });
}

/** A version's shape as stored: its type, content and JSON columns (null: nothing stored, the default). */
type StoredShape = Pick<PromptVersionRow, "type" | "content"> &
  Record<"messages" | "variables" | "config", string | null>;

export function shapeOfVersion(row: StoredShape): VersionShape {
  return {
    type: row.type,
    messages: parseJson<ChatMessage[] | null>(row.messages, null),
    variables: parseJson<VariableSpec[]>(row.variables, []),
    config: parseJson<Record<string, unknown>>(row.config, {}),
    content: row.content,
  };
}

/** The shape's fields as responses show them. */
export function shapeFields(s: VersionShape) {
  return {
    type: s.type,
    messages: s.messages,
    variables: s.variables,
    config: s.config,
    undeclared_variables: undeclaredVariables(s.content, s.variables),
  };
}

/** The shape's columns as a version row stores them. */
export function shapeColumns(s: VersionShape) {
  return {
    type: s.type,
    messages: s.messages ? JSON.stringify(s.messages) : null,
    variables: JSON.stringify(s.variables),
    config: JSON.stringify(s.config),
  };
}

/** Whether two shapes differ in anything applications get (content, type, messages, variables, config). */
export function shapeChanged(a: VersionShape, b: VersionShape): boolean {
  return (
    a.content !== b.content ||
    a.type !== b.type ||
    canonicalJson(a.messages) !== canonicalJson(b.messages) ||
    canonicalJson(a.variables) !== canonicalJson(b.variables) ||
    canonicalJson(a.config) !== canonicalJson(b.config)
  );
}

/**
 * Which registry fields changed from `a` to `b` (from nothing: which differ from a plain text version),
 * for audit entries: the type, the message count, variable names and config keys, never their text.
 */
export function shapeDelta(a: VersionShape | null, b: VersionShape) {
  const base: VersionShape = a ?? { type: "text", messages: null, variables: [], config: {}, content: "" };
  const changed = (f: "type" | "messages" | "variables" | "config") =>
    canonicalJson(base[f]) !== canonicalJson(b[f]);
  return {
    type: changed("type") ? b.type : undefined,
    messages: b.messages && changed("messages") ? b.messages.length : undefined,
    variables: changed("variables") ? b.variables.map((v) => v.name) : undefined,
    config_fields: changed("config") ? Object.keys(b.config).sort() : undefined,
  };
}

/**
 * The shape a create (previous null) or an edit gives a version: what the input gives, else the
 * previous version's. Every issue names its field under `prefix`.
 */
export function resolveShape(
  input: ShapeInput & { content?: string },
  previous: VersionShape | null,
  prefix = "",
): { shape?: VersionShape; issues: Issue[] } {
  const f = (name: string) => `${prefix}${name}`;
  const issues: Issue[] = [];
  const type: PromptKind = input.type ?? previous?.type ?? (input.messages ? "chat" : "text");
  const variables = input.variables ?? previous?.variables ?? [];
  if (input.variables !== undefined) issues.push(...checkVariables(input.variables, f("variables")));
  const config = input.config ?? previous?.config ?? {};
  if (input.config !== undefined) issues.push(...checkConfig(input.config, f("config")));
  let messages: ChatMessage[] | null = null;
  let content: string | undefined;
  if (type === "chat") {
    // null given means none; left out, a chat prompt's messages are the previous version's.
    const carried = previous?.type === "chat" ? (previous.messages ?? undefined) : undefined;
    const given = input.messages === undefined ? carried : (input.messages ?? undefined);
    if (given === undefined) {
      issues.push({ field: f("messages"), message: "is required when type is chat" });
    } else {
      const own = input.messages ? checkMessages(given, LIMITS.content, f("messages")) : [];
      issues.push(...own);
      if (!own.length) {
        messages = given.map((m) => ({ role: m.role, content: m.content }));
        content = joinMessages(messages);
        if (input.content !== undefined && input.content !== content)
          issues.push({
            field: f("content"),
            message:
              "must be left out for a chat prompt (its content is the messages joined) or equal the joined messages",
          });
      }
    }
  } else {
    if (input.messages)
      issues.push({ field: f("messages"), message: 'is only for chat prompts (send type: "chat")' });
    // Turning a chat prompt into a text prompt keeps its joined text unless new content is given.
    content = input.content ?? previous?.content;
    if (content === undefined) issues.push({ field: f("content"), message: "is required for a text prompt" });
  }
  if (issues.length || content === undefined) return { issues };
  return {
    issues,
    shape: { type, messages, variables: variables.map(normalizeVariable), config, content },
  };
}

export function toPrompt(row: CurrentPromptRow): Prompt {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    content: row.content,
    category: row.category as Category,
    tags: JSON.parse(row.tags) as string[],
    target_llm: row.target_llm as TargetLlm,
    version: row.current_version,
    score: row.score === null ? null : Number(row.score),
    score_engine_version: row.score_engine_version,
    ...shapeFields(shapeOfRow(row)),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function toVersion(row: PromptVersionRow): PromptVersion {
  return {
    version: row.version,
    content: row.content,
    change_note: row.change_note,
    ...shapeFields(shapeOfVersion(row)),
    created_at: row.created_at,
  };
}

/** A prompt row as written, joined with the version written with it. */
export function withShape(row: PromptRow, shape: VersionShape): CurrentPromptRow {
  const cols = shapeColumns(shape);
  return { ...row, v_messages: cols.messages, v_variables: cols.variables, v_config: cols.config };
}

/** A unique index refused a row (not another constraint, nor a trigger): a name taken concurrently. */
export function isDuplicateKey(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE";
}

export function nameTaken(name: string, field = "name"): ConflictError {
  return new ConflictError(
    `A prompt named "${name}" already exists in this project`,
    [{ field, message: "is taken by another prompt in this project" }],
    "name_taken",
  );
}

export interface Issue {
  field: string;
  message: string;
}

export function fail(issues: Issue[]): never {
  throw new ValidationError(
    `Invalid prompt: ${issues.map((i) => `${i.field} ${i.message}`).join("; ")}`,
    issues,
  );
}

/**
 * The service checks every rule itself, not only the HTTP schema, because prompts also arrive from
 * other features (a rendered template saved as a prompt can be longer than its template) and imports.
 */
export function checkFields(p: PromptUpdate, prefix = ""): Issue[] {
  const issues: Issue[] = [];
  const f = (name: string) => `${prefix}${name}`;
  if (p.title !== undefined && (charCount(p.title) < 1 || charCount(p.title) > LIMITS.title))
    issues.push({ field: f("title"), message: `must be 1–${LIMITS.title} characters` });
  if (p.content !== undefined) {
    const n = charCount(p.content);
    if (n < 1 || n > LIMITS.content)
      issues.push({ field: f("content"), message: `must be 1–${LIMITS.content} characters (got ${n})` });
  }
  if (p.category !== undefined && !(CATEGORIES as readonly string[]).includes(p.category))
    issues.push({ field: f("category"), message: `must be one of: ${CATEGORIES.join(", ")}` });
  if (p.target_llm !== undefined && !(TARGET_LLMS as readonly string[]).includes(p.target_llm))
    issues.push({ field: f("target_llm"), message: `must be one of: ${TARGET_LLMS.join(", ")}` });
  if (p.change_note != null && charCount(p.change_note) > LIMITS.changeNote)
    issues.push({ field: f("change_note"), message: `must be at most ${LIMITS.changeNote} characters` });
  return issues;
}

export function tagsOrFail(tags: string[], field: string): string[] {
  return normalizeTags(tags, field);
}

export function noteOf(note: string | null | undefined): string | null {
  return note ? note : null;
}

export interface ImportPlan {
  prompt: PromptRow;
  shape: VersionShape;
  versions: PromptVersionRow[];
  tags: string[];
  /** The name the document gives, or undefined: derived from the title at import. */
  name?: string;
  index: number;
}

/** Checks the whole document before anything is written; every issue names prompts.<index>.<field>. */
/** The columns of a new prompt row that a create and an import fill alike, with the same defaults. */
export function newPromptColumns(
  access: ProjectAccess,
  id: string,
  p: Pick<NewPrompt, "title" | "name" | "category" | "target_llm">,
  shape: VersionShape,
  tags: string[],
) {
  return {
    id,
    user_id: access.userId,
    project_id: access.projectId,
    title: p.title,
    name: p.name ?? "",
    type: shape.type,
    promotion_gate: null,
    content: shape.content,
    category: p.category ?? "other",
    tags: JSON.stringify(tags),
    target_llm: p.target_llm ?? "generic",
  };
}

export function planImport(access: ProjectAccess, doc: ImportBody, clock: () => number): ImportPlan[] {
  const issues: Issue[] = [];
  const now = iso(clock());
  const stamp = (s: string | undefined) => (s === undefined ? now : new Date(s).toISOString());
  const plans: ImportPlan[] = [];
  const nameAt = new Map<string, number>();
  if (doc.prompts.length > LIMITS.importPrompts)
    issues.push({ field: "prompts", message: `must have at most ${LIMITS.importPrompts} prompts` });
  doc.prompts.forEach((p, i) => {
    const at = `prompts.${i}.`;
    const own = checkFields(p, at);
    if (p.name !== undefined) {
      own.push(...checkName(p.name, `${at}name`));
      const first = nameAt.get(p.name);
      if (first !== undefined) own.push({ field: `${at}name`, message: `duplicates prompts.${first}.name` });
      else nameAt.set(p.name, i);
    }
    let tags: string[] = [];
    try {
      tags = normalizeTags(p.tags ?? [], `${at}tags`);
    } catch (e) {
      if (e instanceof ValidationError) own.push(...(e.details as Issue[]));
      else throw e;
    }
    const given = [...(p.versions ?? [])].sort((a, b) => a.version - b.version);
    if (given.length > LIMITS.importVersions)
      own.push({ field: `${at}versions`, message: `must have at most ${LIMITS.importVersions} versions` });
    // Each version keeps the previous one's type, messages, variables and config unless it gives them,
    // as an edit does.
    const shapes: VersionShape[] = [];
    let previous: VersionShape | null = null;
    given.forEach((v, j) => {
      if (j > 0 && given[j - 1]?.version === v.version)
        own.push({ field: `${at}versions`, message: `has version ${v.version} more than once` });
      const vat = `${at}versions.${j}.`;
      own.push(...checkFields({ content: v.content, change_note: v.change_note }, vat));
      const r = resolveShape(v, previous, vat);
      own.push(...r.issues);
      if (r.shape) {
        shapes.push(r.shape);
        previous = r.shape;
      }
    });
    let shape: VersionShape | undefined;
    const latest = given[given.length - 1];
    if (latest) {
      shape = shapes.length === given.length ? shapes[shapes.length - 1] : undefined;
      if (shape) {
        // What the prompt itself says must agree with its latest version.
        const s = shape;
        const differs = (f: keyof ShapeInput) =>
          p[f] !== undefined && canonicalJson(p[f]) !== canonicalJson(s[f]);
        if (p.content !== undefined && p.content !== s.content)
          own.push({
            field: `${at}content`,
            message: `must equal the content of the latest version (${latest.version})`,
          });
        for (const f of ["type", "messages", "variables", "config"] as const) {
          const normalized = f === "variables" && p.variables ? p.variables.map(normalizeVariable) : p[f];
          if (
            f === "variables"
              ? p.variables !== undefined && canonicalJson(normalized) !== canonicalJson(s.variables)
              : differs(f)
          )
            own.push({
              field: `${at}${f}`,
              message: `must equal the ${f} of the latest version (${latest.version})`,
            });
        }
      }
    } else {
      const r = resolveShape(p, null, at);
      own.push(...r.issues);
      shape = r.shape;
    }
    if (latest && p.version !== undefined && p.version !== latest.version)
      own.push({
        field: `${at}version`,
        message: `must equal the latest version number (${latest.version})`,
      });
    issues.push(...own);
    if (own.length || !shape) return;
    const id = newId(clock());
    const entries = given.length
      ? given.map((v, j) => ({ v, s: shapes[j] as VersionShape }))
      : [{ v: { version: 1, change_note: "Imported", created_at: undefined }, s: shape }];
    const versions: PromptVersionRow[] = entries.map(({ v, s }) => ({
      id: newId(clock()),
      prompt_id: id,
      version: v.version,
      content: s.content,
      change_note: noteOf(v.change_note),
      created_at: stamp(v.created_at ?? p.created_at),
      ...shapeColumns(s),
      created_by: access.userId,
    }));
    plans.push({
      tags,
      versions,
      shape,
      name: p.name,
      index: i,
      prompt: {
        ...newPromptColumns(access, id, p, shape, tags),
        current_version: latest?.version ?? 1,
        score: null,
        score_engine_version: null,
        created_at: stamp(p.created_at),
        updated_at: stamp(p.updated_at ?? p.created_at),
      },
    });
  });
  if (issues.length) {
    const shown = issues.slice(0, 20);
    const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : "";
    throw new ValidationError(
      `Invalid import: ${shown.map((x) => `${x.field} ${x.message}`).join("; ")}${more}; nothing was imported`,
      issues.slice(0, 100),
    );
  }
  return plans;
}
