// Editing one prompt: the form (with live analysis), kept as a local draft until the server accepts
// it, a restored draft offered back, and a clear choice when someone else saved first. On a server with
// the registry, also the prompt's name, its type (text, or chat messages with roles), typed variables
// and config (checked against the published schema as it is typed).
import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { ApiError } from "../lib/api";
import { checkMessages, joinMessages, nameProblem } from "../lib/chat";
import { clearDraft, loadDraft, saveDraft } from "../lib/drafts";
import { parseConfigText } from "../lib/json-schema";
import { keys, useProjectScope, usePromptWritten, useSavePrompt } from "../lib/queries";
import { usePromptConfigSchema } from "../lib/registry-queries";
import type { ChatMessage, PromptType, RegistryFields } from "../lib/registry-types";
import type { Prompt, TargetLlm } from "../lib/types";
import { useLiveAnalysis } from "../lib/useAnalysis";
import { checkVariableDrafts, draftOf, specsOf, type VariableDraft } from "../lib/variables";
import { HighlightEditor } from "./analysis";
import { CategorySelect, TargetModelSelect } from "./choice-select";
import { ConfigEditor, MessagesEditor, VariablesEditor } from "./registry-fields";
import { Card, ErrorNote, Field, Notice, parseTags, TextField } from "./ui";

export interface PromptForm {
  title: string;
  content: string;
  category: string;
  tags: string;
  target_llm: TargetLlm;
  change_note: string;
  /** The version this edit started from; sent as If-Match. */
  base_version: number;
  /** The registry fields, when the server has them. */
  registry?: RegistryForm;
}

export interface RegistryForm {
  name: string;
  type: PromptType;
  messages: ChatMessage[];
  variables: VariableDraft[];
  /** The config as JSON text ("" for none). */
  config: string;
}

function registryFormOf(p: Prompt & RegistryFields): RegistryForm | undefined {
  if (p.type === undefined) return undefined;
  return {
    name: p.name ?? "",
    type: p.type,
    messages: p.messages ?? [],
    variables: (p.variables ?? []).map(draftOf),
    config: p.config && Object.keys(p.config).length > 0 ? JSON.stringify(p.config, null, 2) : "",
  };
}

/** The registry form as what the server stores, to compare an edit with the saved prompt. */
function registryValue(r: RegistryForm | undefined): string {
  if (!r) return "";
  let config: unknown = r.config;
  try {
    config = r.config.trim() ? JSON.parse(r.config) : {};
  } catch {
    // Not JSON yet: compared as text, so it counts as a change.
  }
  return JSON.stringify([
    r.name,
    r.type,
    r.type === "chat" ? r.messages : null,
    specsOf(r.variables),
    config,
  ]);
}

function formOf(p: Prompt): PromptForm {
  return {
    registry: registryFormOf(p),
    title: p.title,
    content: p.content,
    category: p.category,
    tags: p.tags.join(", "),
    target_llm: p.target_llm,
    change_note: "",
    base_version: p.version,
  };
}

export function isDirty(f: PromptForm, p: Prompt): boolean {
  return (
    f.title !== p.title ||
    f.content !== p.content ||
    f.category !== p.category ||
    parseTags(f.tags).join(",") !== p.tags.join(",") ||
    f.target_llm !== p.target_llm ||
    (f.registry !== undefined && registryValue(f.registry) !== registryValue(registryFormOf(p)))
  );
}

/** What keeps the registry fields from being saved, by field. */
export function registryProblems(r: RegistryForm | undefined, schema: Parameters<typeof parseConfigText>[1]) {
  if (!r) return null;
  const name = nameProblem(r.name.trim());
  const messages = r.type === "chat" ? checkMessages(r.messages) : [];
  const variables = checkVariableDrafts(r.variables);
  const config = parseConfigText(r.config, schema);
  return {
    name,
    messages,
    variables,
    config,
    any: name !== null || messages.length > 0 || variables.length > 0 || config.issues.length > 0,
  };
}

/** The server's 422 messages for one body field and below ("config.temperature: …"). */
function serverMessages(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return undefined;
  const out: string[] = [];
  for (const d of error.details as { field?: unknown; message?: unknown }[]) {
    if (typeof d.field !== "string" || typeof d.message !== "string") continue;
    if (d.field === field) out.push(d.message);
    else if (d.field.startsWith(`${field}.`)) out.push(`${d.field.slice(field.length + 1)}: ${d.message}`);
  }
  return out.length ? out.join("; ") : undefined;
}

export const promptDraftKey = (id: string) => `prompt:${id}`;

export interface PromptFormState {
  form: PromptForm | null;
  /** The form came back from a draft of an earlier visit. */
  restored: boolean;
  setForm: (patch: Partial<PromptForm>) => void;
  /** The form becomes `p` as saved, and its draft goes. */
  reset: (p: Prompt) => void;
}

/**
 * The edit in progress of prompt `id`: filled from a draft that differs from `prompt`, else from
 * `prompt`, the first time the prompt is known; every change is written to the draft at once.
 */
export function usePromptForm(id: string, prompt: Prompt | undefined): PromptFormState {
  const draftKey = promptDraftKey(id);
  const [state, setState] = useState<{ form: PromptForm; restored: boolean } | null>(null);
  if (prompt && state === null) {
    const draft = loadDraft<PromptForm>(draftKey);
    // Setting state while rendering, once: the form starts with the first prompt this page sees.
    setState(
      draft && isDirty(draft, prompt)
        ? { form: draft, restored: true }
        : { form: formOf(prompt), restored: false },
    );
  }
  return {
    form: state?.form ?? null,
    restored: state?.restored ?? false,
    setForm: (patch) =>
      setState((s) => {
        if (!s) return s;
        const form = { ...s.form, ...patch };
        saveDraft(draftKey, form);
        return { ...s, form };
      }),
    reset: (p) => {
      clearDraft(draftKey);
      setState({ form: formOf(p), restored: false });
    },
  };
}

export function PromptEditor({
  prompt,
  state,
  onSaved,
}: {
  prompt: Prompt;
  state: PromptFormState & { form: PromptForm };
  /** What to tell the user after a save; null when a new save starts. */
  onSaved: (message: string | null) => void;
}) {
  const { form, setForm, reset, restored } = state;
  const save = useSavePrompt(prompt.id);
  const written = usePromptWritten();
  const client = useQueryClient();
  const { slug } = useProjectScope();
  const [conflict, setConflict] = useState<{ current: number; theirs: Prompt | null } | null>(null);
  const dirty = isDirty(form, prompt);
  const schema = usePromptConfigSchema().data ?? null;
  const problems = registryProblems(form.registry, schema);

  const submit = (baseVersion?: number) => {
    if (problems?.any) return;
    const r = form.registry;
    const base = baseVersion ?? form.base_version;
    const before = prompt.version;
    onSaved(null);
    save.mutate(
      {
        baseVersion: base,
        body: {
          title: form.title.trim(),
          content: form.content,
          category: form.category as Prompt["category"],
          tags: parseTags(form.tags),
          target_llm: form.target_llm,
          change_note: form.change_note.trim() || null,
          ...(r && problems
            ? {
                name: r.name.trim(),
                type: r.type,
                ...(r.type === "chat" ? { messages: r.messages, content: joinMessages(r.messages) } : {}),
                variables: specsOf(r.variables),
                config: problems.config.value,
              }
            : {}),
        },
      },
      {
        onSuccess: (p) => {
          reset(p);
          setConflict(null);
          onSaved(p.version > before ? `Saved as version ${p.version}.` : "Saved.");
        },
        onError: (e) => {
          if (e instanceof ApiError && e.code === "version_conflict") {
            const d = (e.details ?? {}) as { current_version?: number; prompt?: Prompt };
            setConflict({ current: d.current_version ?? base + 1, theirs: d.prompt ?? null });
          }
        },
      },
    );
  };
  const saveError =
    save.error instanceof ApiError && save.error.code === "version_conflict" ? null : save.error;

  return (
    <Card title="Edit">
      {restored && (
        <Notice kind="info">
          <p>
            Your unsaved changes from earlier were restored.{" "}
            <button type="button" className="link-button" onClick={() => reset(prompt)}>
              Discard them
            </button>
          </p>
        </Notice>
      )}
      <EditFields
        form={form}
        setForm={setForm}
        chat={form.registry?.type === "chat"}
        registry={(part) =>
          form.registry &&
          problems && (
            <RegistryEditFields
              part={part}
              registry={form.registry}
              problems={problems}
              schemaKnown={schema !== null}
              serverError={save.error}
              onChange={(patch) => {
                const registry = { ...(form.registry as RegistryForm), ...patch };
                // A chat prompt's text is its messages: analysis and the diff read it.
                setForm(
                  registry.type === "chat"
                    ? { registry, content: joinMessages(registry.messages) }
                    : { registry },
                );
              }}
            />
          )
        }
      />
      {conflict && (
        <div className="notice warning" role="alert">
          <p>
            <strong>Someone saved this prompt first</strong> (it is now version {conflict.current}). Your text
            is still here and kept on this device.
          </p>
          <div className="row">
            <button type="button" className="btn" onClick={() => submit(conflict.current)}>
              Save mine as version {conflict.current + 1}
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => {
                save.reset();
                setConflict(null);
                if (conflict.theirs) {
                  written(conflict.theirs);
                  reset(conflict.theirs);
                } else {
                  clearDraft(promptDraftKey(prompt.id));
                  void client.invalidateQueries({ queryKey: keys.prompt(slug, prompt.id) });
                }
              }}
            >
              Discard mine, load theirs
            </button>
          </div>
        </div>
      )}
      <ErrorNote error={saveError} />
      <div className="row">
        <button
          type="button"
          className="btn primary"
          disabled={save.isPending || !dirty || problems?.any === true}
          onClick={() => submit()}
        >
          {save.isPending
            ? "Saving…"
            : form.content !== prompt.content
              ? `Save as version ${prompt.version + 1}`
              : "Save"}
        </button>
        {dirty && (
          <span className="muted small" data-testid="unsaved">
            Unsaved changes (kept on this device)
          </span>
        )}
      </div>
    </Card>
  );
}

function RegistryEditFields({
  part,
  registry,
  problems,
  schemaKnown,
  serverError,
  onChange,
}: {
  /** "head": name, type and messages, after the title; "tail": variables and config, after the text. */
  part: "head" | "tail";
  registry: RegistryForm;
  problems: NonNullable<ReturnType<typeof registryProblems>>;
  schemaKnown: boolean;
  serverError: unknown;
  onChange: (patch: Partial<RegistryForm>) => void;
}) {
  if (part === "tail")
    return (
      <>
        <VariablesEditor
          rows={registry.variables}
          onChange={(variables) => onChange({ variables })}
          issues={problems.variables}
        />
        <ConfigEditor
          text={registry.config}
          onChange={(config) => onChange({ config })}
          issues={problems.config.issues}
          schemaKnown={schemaKnown}
          serverError={serverMessages(serverError, "config")}
        />
      </>
    );
  return (
    <>
      <div className="inline-fields">
        <TextField
          label="Name"
          hint="How applications fetch it; / makes folders (support/triage/classify)."
          maxLength={200}
          value={registry.name}
          onValue={(name) => onChange({ name: name.toLowerCase() })}
          error={(registry.name.trim() ? problems.name : null) ?? serverMessages(serverError, "name")}
        />
        <Field label="Type">
          {(p) => (
            <select
              {...p}
              value={registry.type}
              onChange={(e) => {
                const type = e.target.value as PromptType;
                // Switching to chat starts from a single user message holding the text so far.
                onChange(
                  type === "chat" && registry.messages.length === 0
                    ? { type, messages: [{ role: "user", content: "" }] }
                    : { type },
                );
              }}
            >
              <option value="text">Text</option>
              <option value="chat">Chat (messages with roles)</option>
            </select>
          )}
        </Field>
      </div>
      {registry.type === "chat" && (
        <MessagesEditor
          messages={registry.messages}
          onChange={(messages) => onChange({ messages })}
          problems={problems.messages}
        />
      )}
    </>
  );
}

function EditFields({
  form,
  setForm,
  chat,
  registry,
}: {
  form: PromptForm;
  setForm: (p: Partial<PromptForm>) => void;
  chat: boolean;
  /** The registry fields' parts, on a server that has them. */
  registry: (part: "head" | "tail") => ReactNode;
}) {
  const live = useLiveAnalysis(form.content, form.target_llm);
  const current = live.text === form.content && live.target === form.target_llm;
  return (
    <>
      <TextField
        label="Title"
        maxLength={200}
        value={form.title}
        onValue={(text) => setForm({ title: text })}
      />
      {registry("head")}
      <span className="label" id="content-label">
        {chat ? "Messages as analysed" : "Prompt text"}{" "}
        {live.result && (
          <span className="muted small">
            score now {Math.round(live.result.scores.overall)} · {live.result.findings.length} finding
            {live.result.findings.length === 1 ? "" : "s"}
          </span>
        )}
      </span>
      {!chat && (
        <HighlightEditor
          label="Prompt text"
          compact
          value={form.content}
          onChange={(content) => setForm({ content })}
          findings={current && live.result ? live.result.findings : null}
        />
      )}
      {registry("tail")}
      <div className="inline-fields">
        <CategorySelect value={form.category} onChange={(category) => setForm({ category })} />
        <TargetModelSelect
          value={form.target_llm}
          onChange={(t) => setForm({ target_llm: t as TargetLlm })}
        />
      </div>
      <TextField
        label="Tags"
        hint="Separate tags with commas."
        value={form.tags}
        onValue={(text) => setForm({ tags: text })}
      />
      <TextField
        label="Change note"
        hint="Optional: what this version changes."
        maxLength={500}
        value={form.change_note}
        onValue={(text) => setForm({ change_note: text })}
      />
    </>
  );
}
