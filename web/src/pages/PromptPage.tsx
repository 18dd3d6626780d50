// One prompt: its editor, its version history (score chart, timeline, diff between any two versions)
// and what can be done with it as a whole — restore a version, enhance, duplicate, delete — and its
// evaluations (assertions, runs, the pass rate across versions).
import { lazy, Suspense, useState } from "react";
import { isDirty, PromptEditor, promptDraftKey, usePromptForm } from "../components/prompt-editor";
import { VersionChart, VersionDiff, VersionTimeline } from "../components/prompt-history";
import { LabelBadges, LabelManager, labelsByVersion } from "../components/prompt-labels";
import {
  Card,
  ConfirmDanger,
  ErrorNote,
  formatDate,
  LoadFailure,
  Loading,
  Notice,
  ScoreBadge,
  SignInToContinue,
} from "../components/ui";
import { useActionError } from "../lib/action-error";
import { useAuth } from "../lib/auth";
import { loadDraft } from "../lib/drafts";
import { canWrite } from "../lib/project";
import {
  useDeletePrompt,
  useDuplicatePrompt,
  useProjectScope,
  usePrompt,
  usePromptVersions,
  useRestoreVersion,
} from "../lib/queries";
import { usePromptLabels } from "../lib/registry-queries";
import type { RegistryFields } from "../lib/registry-types";
import { Link, navigate, usePageTitle } from "../lib/router";
import { TARGET_LABELS } from "../lib/types";

// Loaded when the page shows, in its own chunk: most visits to a prompt never look at its evaluations.
const PromptEvaluations = lazy(() => import("../components/prompt-evaluations"));

export default function PromptPage({ id }: { id: string }) {
  const auth = useAuth();
  // Viewers read: the server refuses their writes, so no control offers one.
  const { role, project } = useProjectScope();
  const writer = canWrite(role);
  const labelsQuery = usePromptLabels(id);
  const promptQuery = usePrompt(id);
  const versionsQuery = usePromptVersions(id);
  const prompt = promptQuery.data;
  const versions = versionsQuery.data ?? [];
  const editing = usePromptForm(id, prompt);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const restore = useRestoreVersion(id);
  const duplicate = useDuplicatePrompt(id);
  const remove = useDeletePrompt(id);
  usePageTitle(prompt ? prompt.title : "Prompt");
  // Whichever action ran last says what went wrong with it.
  const { error: actionError, mark: markAction } = useActionError({ restore, duplicate, remove });

  if (auth.status === "loading") return <Loading />;
  if (auth.status !== "signed-in") {
    return (
      <>
        {loadDraft(promptDraftKey(id)) && (
          <Notice kind="info">
            <p>Your unsaved changes to this prompt are kept on this device and come back when you sign in.</p>
          </Notice>
        )}
        <SignInToContinue what="open this prompt" />
      </>
    );
  }
  const loadError = promptQuery.error ?? versionsQuery.error;
  if (loadError) return <LoadFailure error={loadError} what="Prompt" />;
  const { form } = editing;
  if (!prompt || !form || !versionsQuery.data) return <Loading what="Loading the prompt" />;
  const dirty = isDirty(form, prompt);
  const byVersion = labelsByVersion(labelsQuery.data?.items ?? []);
  const shape = prompt as typeof prompt & RegistryFields;

  const onRestore = (n: number) => {
    markAction("restore");
    restore.mutate(n, {
      onSuccess: (p) => {
        editing.reset(p);
        setSaved(`Restored version ${n} as version ${p.version}.`);
      },
    });
  };
  const onDuplicate = () => {
    markAction("duplicate");
    duplicate.mutate(undefined, { onSuccess: (p) => navigate(`/prompts/${p.id}`) });
  };
  const onDelete = () => {
    markAction("remove");
    remove.mutate(undefined, {
      onSuccess: () => {
        editing.reset(prompt);
        navigate("/prompts");
      },
    });
  };

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
        {writer && (
          <div className="row" data-testid="prompt-actions">
            <Link to={`/enhance?prompt=${encodeURIComponent(prompt.id)}`} className="btn primary">
              Enhance
            </Link>
            <Link to={`/prompts/${encodeURIComponent(prompt.id)}/playground`} className="btn">
              Playground
            </Link>
            <button type="button" className="btn" onClick={onDuplicate}>
              Duplicate
            </button>
            <button type="button" className="btn danger" onClick={() => setConfirmDelete(true)}>
              Delete…
            </button>
          </div>
        )}
      </div>
      <ErrorNote error={actionError} />
      {saved && <Notice kind="ok">{saved}</Notice>}
      <ConfirmDanger
        subject={confirmDelete}
        action="Delete prompt and all versions"
        title="Delete this prompt?"
        onClose={() => setConfirmDelete(false)}
        onConfirm={onDelete}
      >
        <p>
          “{prompt.title}” and its {versions.length} version{versions.length === 1 ? "" : "s"} will be
          deleted. This cannot be undone; export it first if you may want it back.
        </p>
      </ConfirmDanger>

      <div className="grid-2">
        {writer ? (
          <PromptEditor prompt={prompt} state={{ ...editing, form }} onSaved={setSaved} />
        ) : (
          <Card title="Text" testId="read-only">
            <p className="muted small">You can read this project's prompts; your role does not edit them.</p>
            {shape.type === "chat" && shape.messages ? (
              <ol className="message-list" data-testid="prompt-messages">
                {shape.messages.map((m, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: messages have no identity beyond their place
                  <li key={i} className="card message">
                    <span className="badge">{m.role}</span>
                    <div className="text-block">{m.content}</div>
                  </li>
                ))}
              </ol>
            ) : (
              <div className="text-block" data-testid="prompt-text">
                {prompt.content}
              </div>
            )}
            {shape.variables && shape.variables.length > 0 && (
              <p className="small">
                Variables:{" "}
                {shape.variables
                  .map((v) => `${v.name} (${v.type}${v.required ? ", required" : ""})`)
                  .join(", ")}
              </p>
            )}
            {prompt.tags.length > 0 && <p className="small">Tags: {prompt.tags.join(", ")}</p>}
          </Card>
        )}
        <div>
          <Card title="Score across versions">
            <VersionChart versions={versions} target={prompt.target_llm} />
          </Card>
          <Card title="Versions">
            <VersionTimeline
              versions={versions}
              current={prompt.version}
              canRestore={!dirty}
              onRestore={writer ? onRestore : undefined}
              badges={(v) => <LabelBadges labels={byVersion.get(v) ?? []} latest={v === prompt.version} />}
            />
            <LabelManager
              promptId={prompt.id}
              versions={versions.map((v) => v.version)}
              current={prompt.version}
              role={role}
              protectedNames={project?.protected_labels ?? ["production"]}
            />
          </Card>
        </div>
      </div>
      <Card title="Compare versions">
        <VersionDiff promptId={prompt.id} versions={versions} current={prompt.version} />
      </Card>
      <Suspense fallback={<Loading what="Loading evaluations" />}>
        <PromptEvaluations
          promptId={prompt.id}
          versions={versions.map((v) => v.version)}
          current={prompt.version}
          writer={writer}
          content={
            shape.type === "chat" && shape.messages
              ? shape.messages.map((m) => m.content).join("\n")
              : prompt.content
          }
          declared={(shape.variables ?? []).map((v) => v.name)}
        />
      </Suspense>
    </>
  );
}
