// Editing one prompt: the form (with live analysis), kept as a local draft until the server accepts
// it, a restored draft offered back, and a clear choice when someone else saved first.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError } from "../lib/api";
import { clearDraft, loadDraft, saveDraft } from "../lib/drafts";
import { keys, useProjectScope, usePromptWritten, useSavePrompt } from "../lib/queries";
import type { Prompt, TargetLlm } from "../lib/types";
import { useLiveAnalysis } from "../lib/useAnalysis";
import { HighlightEditor } from "./analysis";
import { CategorySelect, TargetModelSelect } from "./choice-select";
import { ErrorNote, Notice, parseTags, TextField } from "./ui";

export interface PromptForm {
  title: string;
  content: string;
  category: string;
  tags: string;
  target_llm: TargetLlm;
  change_note: string;
  /** The version this edit started from; sent as If-Match. */
  base_version: number;
}

function formOf(p: Prompt): PromptForm {
  return {
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
    f.target_llm !== p.target_llm
  );
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

  const submit = (baseVersion?: number) => {
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
    <section className="card" aria-labelledby="edit-heading">
      <h2 id="edit-heading">Edit</h2>
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
      <EditFields form={form} setForm={setForm} />
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
          disabled={save.isPending || !dirty}
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
    </section>
  );
}

function EditFields({ form, setForm }: { form: PromptForm; setForm: (p: Partial<PromptForm>) => void }) {
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
      <span className="label" id="content-label">
        Prompt text{" "}
        <span className="muted small">
          score now {Math.round(live.result.scores.overall)} · {live.result.findings.length} finding
          {live.result.findings.length === 1 ? "" : "s"}
        </span>
      </span>
      <HighlightEditor
        label="Prompt text"
        compact
        value={form.content}
        onChange={(content) => setForm({ content })}
        findings={current ? live.result.findings : null}
      />
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
