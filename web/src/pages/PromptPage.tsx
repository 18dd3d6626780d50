// One prompt: edit it (with live analysis, kept as a local draft until the server accepts it, and a
// clear choice when someone else saved first), its version timeline, a chart of the score across
// versions, a diff between any two versions, restore, enhance, duplicate and delete.
import { useCallback, useEffect, useMemo, useState } from "react";
import { HighlightEditor } from "../components/analysis";
import { ScoreChart } from "../components/chart";
import { CategorySelect, TargetModelSelect } from "../components/choice-select";
import { DiffView } from "../components/text";
import {
  ConfirmDialog,
  ErrorNote,
  Field,
  formatDate,
  LoadFailure,
  Loading,
  Notice,
  parseTags,
  ScoreBadge,
  SignInToContinue,
} from "../components/ui";
import { ApiError, api, qs } from "../lib/api";
import { useAuth } from "../lib/auth";
import { diffLines } from "../lib/diff";
import { clearDraft, loadDraft, saveDraft } from "../lib/drafts";
import { analyseLocally } from "../lib/engine";
import { Link, navigate, usePageTitle } from "../lib/router";
import {
  type DiffResult,
  type Prompt,
  type PromptVersion,
  TARGET_LABELS,
  type TargetLlm,
} from "../lib/types";
import { useLiveAnalysis } from "../lib/useAnalysis";

interface PromptForm {
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
    target_llm: p.target_llm as TargetLlm,
    change_note: "",
    base_version: p.version,
  };
}

function isDirty(f: PromptForm, p: Prompt): boolean {
  return (
    f.title !== p.title ||
    f.content !== p.content ||
    f.category !== p.category ||
    parseTags(f.tags).join(",") !== p.tags.join(",") ||
    f.target_llm !== p.target_llm
  );
}

export default function PromptPage({ id }: { id: string }) {
  const auth = useAuth();
  const draftKey = `prompt:${id}`;
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const [versions, setVersions] = useState<PromptVersion[]>([]);
  const [form, setFormState] = useState<PromptForm | null>(null);
  const [restoredDraft, setRestoredDraft] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<{ current: number; theirs: Prompt | null } | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  usePageTitle(prompt ? prompt.title : "Prompt");

  const setForm = (patch: Partial<PromptForm>) =>
    setFormState((f) => {
      if (!f) return f;
      const next = { ...f, ...patch };
      saveDraft(draftKey, next);
      return next;
    });

  const loadVersions = useCallback(async () => {
    const res = await api.get<{ items: PromptVersion[] }>(`/prompts/${encodeURIComponent(id)}/versions`);
    setVersions(res.items);
  }, [id]);

  useEffect(() => {
    if (auth.status !== "signed-in") return;
    let stale = false;
    Promise.all([api.get<Prompt>(`/prompts/${encodeURIComponent(id)}`), loadVersions()])
      .then(([p]) => {
        if (stale) return;
        setPrompt(p);
        const draft = loadDraft<PromptForm>(draftKey);
        if (draft && isDirty(draft, p)) {
          setFormState(draft);
          setRestoredDraft(true);
        } else {
          setFormState(formOf(p));
        }
      })
      .catch((e) => !stale && setLoadError(e));
    return () => {
      stale = true;
    };
  }, [id, auth.status, draftKey, loadVersions]);

  const save = async (baseVersion?: number) => {
    if (!form || !prompt) return;
    setSaveError(null);
    setSaved(null);
    setSaving(true);
    const base = baseVersion ?? form.base_version;
    try {
      const p = await api.put<Prompt>(
        `/prompts/${encodeURIComponent(id)}`,
        {
          title: form.title.trim(),
          content: form.content,
          category: form.category,
          tags: parseTags(form.tags),
          target_llm: form.target_llm,
          change_note: form.change_note.trim() || null,
        },
        { headers: { "if-match": `"${base}"` } },
      );
      clearDraft(draftKey);
      setPrompt(p);
      setFormState(formOf(p));
      setRestoredDraft(false);
      setConflict(null);
      setSaved(p.version > prompt.version ? `Saved as version ${p.version}.` : "Saved.");
      await loadVersions();
    } catch (e) {
      if (e instanceof ApiError && e.code === "version_conflict") {
        const d = (e.details ?? {}) as { current_version?: number; prompt?: Prompt };
        setConflict({ current: d.current_version ?? base + 1, theirs: d.prompt ?? null });
      } else setSaveError(e);
    } finally {
      setSaving(false);
    }
  };

  const restore = async (n: number) => {
    setActionError(null);
    try {
      const p = await api.post<Prompt>(`/prompts/${encodeURIComponent(id)}/versions/${n}/restore`, {});
      setPrompt(p);
      setFormState(formOf(p));
      clearDraft(draftKey);
      setSaved(`Restored version ${n} as version ${p.version}.`);
      await loadVersions();
    } catch (e) {
      setActionError(e);
    }
  };

  const duplicate = async () => {
    setActionError(null);
    try {
      const p = await api.post<Prompt>(`/prompts/${encodeURIComponent(id)}/duplicate`, {});
      navigate(`/prompts/${p.id}`);
    } catch (e) {
      setActionError(e);
    }
  };

  const remove = async () => {
    setConfirmDelete(false);
    setActionError(null);
    try {
      await api.del(`/prompts/${encodeURIComponent(id)}`);
      clearDraft(draftKey);
      navigate("/prompts");
    } catch (e) {
      setActionError(e);
    }
  };

  if (auth.status === "loading") return <Loading />;
  if (auth.status !== "signed-in") {
    return (
      <>
        {loadDraft(draftKey) && (
          <Notice kind="info">
            <p>Your unsaved changes to this prompt are kept on this device and come back when you sign in.</p>
          </Notice>
        )}
        <SignInToContinue what="open this prompt" />
      </>
    );
  }
  if (loadError)
    return (
      <LoadFailure error={loadError} what="Prompt" back={{ to: "/prompts", label: "Back to my prompts" }} />
    );
  if (!prompt || !form) return <Loading what="Loading the prompt" />;
  const dirty = isDirty(form, prompt);

  return (
    <>
      <div className="page-head">
        <div>
          <h1 data-testid="prompt-title">{prompt.title}</h1>
          <div className="item-meta">
            <ScoreBadge score={prompt.score} testId="prompt-score" />
            <span className="badge">{prompt.category}</span>
            <span>{TARGET_LABELS[prompt.target_llm] ?? prompt.target_llm}</span>
            <span data-testid="prompt-version">Version {prompt.version}</span>
            <span>updated {formatDate(prompt.updated_at)}</span>
          </div>
        </div>
        <div className="row">
          <Link to={`/enhance?prompt=${encodeURIComponent(prompt.id)}`} className="btn primary">
            Enhance
          </Link>
          <button type="button" className="btn" onClick={duplicate}>
            Duplicate
          </button>
          <button type="button" className="btn danger" onClick={() => setConfirmDelete(true)}>
            Delete…
          </button>
        </div>
      </div>
      <ErrorNote error={actionError} />
      {saved && <Notice kind="ok">{saved}</Notice>}
      <ConfirmDialog
        open={confirmDelete}
        title="Delete this prompt?"
        confirmLabel="Delete prompt and all versions"
        danger
        onConfirm={remove}
        onCancel={() => setConfirmDelete(false)}
      >
        <p>
          “{prompt.title}” and its {versions.length} version{versions.length === 1 ? "" : "s"} will be
          deleted. This cannot be undone; export it first if you may want it back.
        </p>
      </ConfirmDialog>

      <div className="grid-2">
        <section className="card" aria-labelledby="edit-heading">
          <h2 id="edit-heading">Edit</h2>
          {restoredDraft && (
            <Notice kind="info">
              <p>
                Your unsaved changes from earlier were restored.{" "}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    clearDraft(draftKey);
                    setFormState(formOf(prompt));
                    setRestoredDraft(false);
                  }}
                >
                  Discard them
                </button>
              </p>
            </Notice>
          )}
          <EditForm form={form} setForm={setForm} />
          {conflict && (
            <div className="notice warning" role="alert">
              <p>
                <strong>Someone saved this prompt first</strong> (it is now version {conflict.current}). Your
                text is still here and kept on this device.
              </p>
              <div className="row">
                <button type="button" className="btn" onClick={() => save(conflict.current)}>
                  Save mine as version {conflict.current + 1}
                </button>
                <button
                  type="button"
                  className="btn"
                  onClick={() => {
                    if (conflict.theirs) {
                      setPrompt(conflict.theirs);
                      setFormState(formOf(conflict.theirs));
                    }
                    clearDraft(draftKey);
                    setConflict(null);
                    void loadVersions();
                  }}
                >
                  Discard mine, load theirs
                </button>
              </div>
            </div>
          )}
          <ErrorNote error={saveError} />
          <div className="row">
            <button type="button" className="btn primary" disabled={saving || !dirty} onClick={() => save()}>
              {saving
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
        <div>
          <section className="card" aria-labelledby="chart-heading">
            <h2 id="chart-heading">Score across versions</h2>
            <VersionChart versions={versions} target={prompt.target_llm as TargetLlm} />
          </section>
          <section className="card" aria-labelledby="versions-heading">
            <h2 id="versions-heading">Versions</h2>
            <Timeline versions={versions} current={prompt.version} canRestore={!dirty} onRestore={restore} />
          </section>
        </div>
      </div>
      <section className="card" aria-labelledby="diff-heading">
        <h2 id="diff-heading">Compare versions</h2>
        <VersionDiff promptId={prompt.id} versions={versions} current={prompt.version} />
      </section>
    </>
  );
}

function EditForm({ form, setForm }: { form: PromptForm; setForm: (p: Partial<PromptForm>) => void }) {
  const live = useLiveAnalysis(form.content, form.target_llm);
  const current = live.text === form.content && live.target === form.target_llm;
  return (
    <>
      <Field label="Title">
        {(p) => (
          <input
            {...p}
            type="text"
            maxLength={200}
            value={form.title}
            onChange={(e) => setForm({ title: e.target.value })}
          />
        )}
      </Field>
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
      <Field label="Tags" hint="Separate tags with commas.">
        {(p) => (
          <input {...p} type="text" value={form.tags} onChange={(e) => setForm({ tags: e.target.value })} />
        )}
      </Field>
      <Field label="Change note" hint="Optional: what this version changes.">
        {(p) => (
          <input
            {...p}
            type="text"
            maxLength={500}
            value={form.change_note}
            onChange={(e) => setForm({ change_note: e.target.value })}
          />
        )}
      </Field>
    </>
  );
}

function VersionChart({ versions, target }: { versions: PromptVersion[]; target: TargetLlm }) {
  // Scored in the browser with the same engine, so every version has a point even if it was never
  // analysed on the server.
  const points = useMemo(
    () =>
      [...versions]
        .sort((a, b) => a.version - b.version)
        .map((v) => ({ version: v.version, score: analyseLocally(v.content, target).scores.overall })),
    [versions, target],
  );
  return <ScoreChart points={points} />;
}

function Timeline({
  versions,
  current,
  canRestore,
  onRestore,
}: {
  versions: PromptVersion[];
  current: number;
  canRestore: boolean;
  onRestore: (n: number) => void;
}) {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <>
      {!canRestore && <p className="hint">Save or discard your changes before restoring an older version.</p>}
      <ol className="timeline" data-testid="timeline">
        {versions.map((v) => (
          <li
            key={v.version}
            className={v.version === current ? "current" : undefined}
            data-version={v.version}
          >
            <div className="row">
              <strong>Version {v.version}</strong>
              {v.version === current && <span className="badge ok">Current</span>}
              <span className="muted small">{formatDate(v.created_at)}</span>
            </div>
            {v.change_note && <p className="small">{v.change_note}</p>}
            <div className="row">
              <button
                type="button"
                className="btn small"
                aria-expanded={open === v.version}
                onClick={() => setOpen(open === v.version ? null : v.version)}
              >
                {open === v.version ? "Hide text" : "Show text"}
              </button>
              {v.version !== current && (
                <button
                  type="button"
                  className="btn small"
                  disabled={!canRestore}
                  onClick={() => onRestore(v.version)}
                  aria-label={`Restore version ${v.version}`}
                >
                  Restore
                </button>
              )}
            </div>
            {open === v.version && <div className="text-block">{v.content}</div>}
          </li>
        ))}
      </ol>
    </>
  );
}

function VersionDiff({
  promptId,
  versions,
  current,
}: {
  promptId: string;
  versions: PromptVersion[];
  current: number;
}) {
  const [from, setFrom] = useState(Math.max(1, current - 1));
  const [to, setTo] = useState(current);
  const [diff, setDiff] = useState<DiffResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setFrom(Math.max(1, current - 1));
    setTo(current);
    setDiff(null);
  }, [current]);

  const compare = async () => {
    setError(null);
    try {
      setDiff(await api.get<DiffResult>(`/prompts/${encodeURIComponent(promptId)}/diff${qs({ from, to })}`));
    } catch (e) {
      const a = versions.find((v) => v.version === from);
      const b = versions.find((v) => v.version === to);
      if (e instanceof ApiError && e.status === 404 && a && b)
        setDiff({ from, to, ...diffLines(a.content, b.content) });
      else setError(e);
    }
  };

  if (versions.length < 2) return <p className="muted">There is only one version so far.</p>;
  const options = versions.map((v) => (
    <option key={v.version} value={v.version}>
      Version {v.version}
    </option>
  ));
  return (
    <>
      <form
        className="inline-fields"
        onSubmit={(e) => {
          e.preventDefault();
          void compare();
        }}
      >
        <Field label="From">
          {(p) => (
            <select {...p} value={from} onChange={(e) => setFrom(Number(e.target.value))}>
              {options}
            </select>
          )}
        </Field>
        <Field label="To">
          {(p) => (
            <select {...p} value={to} onChange={(e) => setTo(Number(e.target.value))}>
              {options}
            </select>
          )}
        </Field>
        <div className="field">
          <button type="submit" className="btn">
            Show differences
          </button>
        </div>
      </form>
      <ErrorNote error={error} />
      {diff && (
        <DiffView lines={diff.lines} label={`Version ${diff.from ?? from} → version ${diff.to ?? to}`} />
      )}
    </>
  );
}
