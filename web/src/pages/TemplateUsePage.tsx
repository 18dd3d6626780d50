// Use a template: a form generated from its variables (required ones marked, defaults filled in), a
// live preview of the text as you type, copy, and saving the result as a new prompt.
import { CategorySelect, TargetModelSelect } from "../components/choice-select";
import { pageGate } from "../components/page-gate";
import { Card, CopyButton, ErrorNote, Field, FormCard, SubmitButton, TextField } from "../components/ui";
import { ApiError, fieldMessages } from "../lib/api";
import { useAuth } from "../lib/auth";
import { clearDraft, useDraft } from "../lib/drafts";
import { renderPreview } from "../lib/placeholders";
import { canWrite } from "../lib/project";
import { useProjectScope, useTemplate, useUseTemplate } from "../lib/queries";
import { Link, navigate, usePageTitle } from "../lib/router";

interface UseDraft {
  values: Record<string, string>;
  title: string;
  category: string;
  target_llm: string;
}

export default function TemplateUsePage({ id }: { id: string }) {
  const auth = useAuth();
  // Saving the render as a prompt is a write: readers copy the text instead.
  const writer = canWrite(useProjectScope().role);
  const query = useTemplate(id);
  const t = query.data;
  const loadError = query.error;
  const use = useUseTemplate(id);
  const draftKey = `template-use:${id}`;
  const [draft, setDraft] = useDraft<UseDraft>(draftKey, {
    values: {},
    title: "",
    category: "",
    target_llm: "generic",
  });
  const error = use.error;
  const saving = use.isPending;
  usePageTitle(t ? `Use “${t.name}”` : "Use a template");

  const gate = pageGate(auth, "use this template", "Template", { error: loadError, data: t });
  if (gate || !t) return gate;

  const effective: Record<string, string> = {};
  for (const v of t.variables) {
    const given = draft.values[v.name];
    effective[v.name] = given !== undefined && given !== "" ? given : (v.default ?? "");
  }
  const preview = renderPreview(t.content, effective);
  const missing = t.variables.filter((v) => v.required && !effective[v.name]).map((v) => v.name);
  const fieldErrors = fieldMessages(error);
  const detailNames =
    error instanceof ApiError && Array.isArray(error.details)
      ? new Set(
          (error.details as { field?: string }[]).map((d) =>
            String(d.field ?? "").replace(/^variables\./, ""),
          ),
        )
      : new Set<string>();

  const values = () => {
    // Only what the user typed is sent; the server applies defaults itself.
    const out: Record<string, string> = {};
    for (const v of t.variables) {
      const given = draft.values[v.name];
      if (given !== undefined && given !== "") out[v.name] = given;
    }
    return out;
  };

  const saveAsPrompt = () =>
    use.mutate(
      {
        variables: values(),
        save_as_prompt: {
          title: draft.title.trim() || t.name,
          ...(draft.category ? { category: draft.category } : {}),
          target_llm: draft.target_llm,
        },
      },
      {
        onSuccess: (res) => {
          clearDraft(draftKey);
          if (res.prompt) navigate(`/prompts/${res.prompt.id}`);
        },
      },
    );

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Use “{t.name}”</h1>
          {t.description && <p>{t.description}</p>}
        </div>
        <Link to={`/templates/${t.id}`}>About this template</Link>
      </div>
      <div className="grid-2">
        <Card title="Values">
          {t.variables.length === 0 && (
            <p className="muted">This template has no variables: the text is used as it is.</p>
          )}
          {t.variables.map((v) => (
            <Field
              key={v.name}
              label={`${v.name}${v.required ? " (required)" : ""}`}
              hint={
                [v.description, v.default ? `Default: ${v.default}` : ""].filter(Boolean).join(" · ") ||
                undefined
              }
              error={fieldErrors[v.name] ?? (detailNames.has(v.name) ? "Give a value for this." : undefined)}
            >
              {(p) => (
                <textarea
                  {...p}
                  rows={2}
                  value={draft.values[v.name] ?? ""}
                  placeholder={v.default ?? ""}
                  aria-required={v.required}
                  onChange={(e) =>
                    setDraft((d) => ({ ...d, values: { ...d.values, [v.name]: e.target.value } }))
                  }
                />
              )}
            </Field>
          ))}
          {missing.length > 0 && (
            <p className="hint" aria-live="polite">
              Still needed: {missing.join(", ")}
            </p>
          )}
        </Card>
        <Card title="Preview">
          <div className="text-block" data-testid="template-preview" aria-live="polite">
            {preview}
          </div>
          <div className="row">
            <CopyButton text={preview} label="Copy text" />
          </div>
        </Card>
      </div>
      {writer && (
        <FormCard
          title="Save as a prompt"
          onSubmit={() => {
            void saveAsPrompt();
          }}
        >
          <div className="inline-fields">
            <TextField
              label="Prompt title"
              hint={`Leave empty to use “${t.name}”.`}
              maxLength={200}
              value={draft.title}
              onValue={(text) => setDraft((d) => ({ ...d, title: text }))}
            />
            <CategorySelect
              empty={`Same as the template (${t.category})`}
              value={draft.category}
              onChange={(category) => setDraft((d) => ({ ...d, category }))}
            />
            <TargetModelSelect
              value={draft.target_llm}
              onChange={(target_llm) => setDraft((d) => ({ ...d, target_llm }))}
            />
          </div>
          <ErrorNote error={error} />
          <SubmitButton busy={saving} busyLabel="Saving…">
            Save as a prompt
          </SubmitButton>
        </FormCard>
      )}
    </>
  );
}
