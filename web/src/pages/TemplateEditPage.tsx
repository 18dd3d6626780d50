// Create or edit a template: its text with {{placeholders}} and the variables they stand for. As you
// type, the editor lists placeholders that are used but not declared, declared but not used, or
// malformed — the same rules the server applies on save. The form is kept as a local draft.
import { useState } from "react";
import { CategorySelect } from "../components/choice-select";
import { pageGate } from "../components/page-gate";
import {
  Card,
  ErrorNote,
  Field,
  NameFields,
  Notice,
  parseTags,
  RemoveButton,
  SmallButton,
  SubmitButton,
  TextField,
} from "../components/ui";
import { fieldMessages } from "../lib/api";
import { useAuth } from "../lib/auth";
import { clearDraft, loadDraft, saveDraft } from "../lib/drafts";
import { checkVariables } from "../lib/placeholders";
import { useSaveTemplate, useTemplate } from "../lib/queries";
import { navigate, usePageTitle } from "../lib/router";
import type { Template, TemplateVariable } from "../lib/types";

interface TemplateForm {
  name: string;
  description: string;
  category: string;
  tags: string;
  visibility: "private" | "public";
  content: string;
  variables: TemplateVariable[];
}

const EMPTY: TemplateForm = {
  name: "",
  description: "",
  category: "other",
  tags: "",
  visibility: "private",
  content: "",
  variables: [],
};

const VISIBILITIES = [
  ["private", "Only me (private)"],
  ["public", "Everyone (public)"],
] as const;

function formOf(t: Template): TemplateForm {
  return {
    name: t.name,
    description: t.description ?? "",
    category: t.category,
    tags: t.tags.join(", "),
    visibility: t.visibility,
    content: t.content,
    variables: t.variables.map((v) => ({ ...v })),
  };
}

export default function TemplateEditPage({ id }: { id?: string }) {
  usePageTitle(id ? "Edit template" : "New template");
  const auth = useAuth();
  const draftKey = `template:${id ?? "new"}`;
  const query = useTemplate(id);
  const saveTemplate = useSaveTemplate(id);
  const [form, setFormState] = useState<TemplateForm | null>(() =>
    id ? null : (loadDraft<TemplateForm>(draftKey) ?? EMPTY),
  );
  const [restored, setRestored] = useState(() => !id && loadDraft(draftKey) !== null);
  if (query.data && form === null) {
    // Setting state while rendering, once: the form starts from a draft, else from the template.
    const draft = loadDraft<TemplateForm>(draftKey);
    setFormState(draft ?? formOf(query.data));
    setRestored(draft !== null);
  }
  const loadError = query.error;
  const error = saveTemplate.error;
  const saving = saveTemplate.isPending;

  const setForm = (patch: Partial<TemplateForm>) =>
    setFormState((f) => {
      const next = { ...(f ?? EMPTY), ...patch };
      saveDraft(draftKey, next);
      return next;
    });

  const gate = pageGate(auth, "write templates", "Template", { error: loadError, data: form });
  if (gate || !form) return gate;

  const check = checkVariables(
    form.content,
    form.variables.map((v) => v.name),
  );
  const fieldErrors = fieldMessages(error);
  const setVar = (i: number, patch: Partial<TemplateVariable>) =>
    setForm({ variables: form.variables.map((v, k) => (k === i ? { ...v, ...patch } : v)) });

  const save = () => {
    const body = {
      name: form.name.trim(),
      description: form.description,
      category: form.category,
      tags: parseTags(form.tags),
      visibility: form.visibility,
      content: form.content,
      variables: form.variables.map((v) => ({
        name: v.name.trim(),
        description: v.description,
        required: v.required,
        ...(v.default !== undefined && v.default !== "" ? { default: v.default } : {}),
      })),
    };
    saveTemplate.mutate(body, {
      onSuccess: (t) => {
        clearDraft(draftKey);
        navigate(`/templates/${t.id}`);
      },
    });
  };

  const problems = check.undeclared.length + check.unused.length + check.syntax.length;

  return (
    <>
      <div className="page-head">
        <h1>{id ? "Edit template" : "New template"}</h1>
        <p>
          Write <code>{"{{name}}"}</code> where a value goes, and declare each name below.
        </p>
      </div>
      {restored && (
        <Notice kind="info">
          <p>
            Your unsaved template from earlier was restored.{" "}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                clearDraft(draftKey);
                setRestored(false);
                setFormState(query.data ? formOf(query.data) : EMPTY);
              }}
            >
              Start over
            </button>
          </p>
        </Notice>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="grid-2">
          <div>
            <Card title="Text">
              <NameFields
                maxLength={200}
                name={[form.name, (text) => setForm({ name: text })]}
                description={[form.description, (text) => setForm({ description: text })]}
                errors={fieldErrors}
              />
              <Field
                label="Template text"
                error={fieldErrors.content}
                hint="Placeholders: {{name}} — letters, digits and _, not starting with a digit."
              >
                {(p) => (
                  <textarea
                    {...p}
                    rows={10}
                    required
                    value={form.content}
                    onChange={(e) => setForm({ content: e.target.value })}
                    aria-invalid={problems > 0 || p["aria-invalid"] ? true : undefined}
                    aria-describedby={[p["aria-describedby"], "placeholder-check"].filter(Boolean).join(" ")}
                  />
                )}
              </Field>
              <div id="placeholder-check" aria-live="polite" data-testid="placeholder-check">
                {problems === 0 ? (
                  <p className="small">
                    <span className="badge ok">✓ OK</span> Every placeholder is declared and every variable is
                    used.
                  </p>
                ) : (
                  <div className="notice warning">
                    {check.syntax.map((s) => (
                      <p key={s}>
                        <strong>Syntax:</strong> {s}
                      </p>
                    ))}
                    {check.undeclared.length > 0 && (
                      <p>
                        <strong>Not declared:</strong> {check.undeclared.join(", ")}{" "}
                        <SmallButton
                          onClick={() =>
                            setForm({
                              variables: [
                                ...form.variables,
                                ...check.undeclared.map((name) => ({
                                  name,
                                  description: "",
                                  required: true,
                                })),
                              ],
                            })
                          }
                        >
                          Declare {check.undeclared.length === 1 ? "it" : "them"}
                        </SmallButton>
                      </p>
                    )}
                    {check.unused.length > 0 && (
                      <p>
                        <strong>Declared but not used:</strong> {check.unused.join(", ")}{" "}
                        <SmallButton
                          onClick={() =>
                            setForm({
                              variables: form.variables.filter((v) => !check.unused.includes(v.name.trim())),
                            })
                          }
                        >
                          Remove {check.unused.length === 1 ? "it" : "them"}
                        </SmallButton>
                      </p>
                    )}
                  </div>
                )}
              </div>
            </Card>
            <Card title="Details">
              <CategorySelect
                error={fieldErrors.category}
                value={form.category}
                onChange={(category) => setForm({ category })}
              />
              <TextField
                label="Tags"
                hint="Separate tags with commas."
                error={fieldErrors.tags}
                value={form.tags}
                onValue={(text) => setForm({ tags: text })}
              />
              <fieldset>
                <legend>Who can use it</legend>
                {VISIBILITIES.map(([visibility, text]) => (
                  <label key={visibility} className="choice">
                    <input
                      type="radio"
                      name="visibility"
                      checked={form.visibility === visibility}
                      onChange={() => setForm({ visibility })}
                    />
                    {text}
                  </label>
                ))}
              </fieldset>
            </Card>
          </div>
          <div>
            <Card title="Variables">
              {fieldErrors.variables && <p className="field-error">{fieldErrors.variables}</p>}
              {form.variables.length === 0 && <p className="muted">No variables yet.</p>}
              {form.variables.map((v, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; a name can change mid-edit
                <fieldset key={i} data-testid="variable-row">
                  <legend>Variable {i + 1}</legend>
                  <div className="inline-fields">
                    <TextField label="Name" value={v.name} onValue={(text) => setVar(i, { name: text })} />
                    <TextField
                      label="Default value"
                      value={v.default ?? ""}
                      onValue={(text) => setVar(i, { default: text })}
                    />
                  </div>
                  <TextField
                    label="Description"
                    value={v.description}
                    onValue={(text) => setVar(i, { description: text })}
                  />
                  <div className="row" style={{ justifyContent: "space-between" }}>
                    <label className="choice">
                      <input
                        type="checkbox"
                        checked={v.required}
                        onChange={(e) => setVar(i, { required: e.target.checked })}
                      />
                      Required
                    </label>
                    <RemoveButton
                      what={`variable ${v.name || i + 1}`}
                      onRemove={() => setForm({ variables: form.variables.filter((_, k) => k !== i) })}
                    />
                  </div>
                </fieldset>
              ))}
              <button
                type="button"
                className="btn"
                onClick={() =>
                  setForm({ variables: [...form.variables, { name: "", description: "", required: true }] })
                }
              >
                Add a variable
              </button>
            </Card>
          </div>
        </div>
        <ErrorNote error={error} />
        <div className="row">
          <SubmitButton busy={saving} busyLabel="Saving…">
            {id ? "Save template" : "Create template"}
          </SubmitButton>
          <button
            type="button"
            className="btn"
            onClick={() => navigate(id ? `/templates/${id}` : "/templates")}
          >
            Cancel
          </button>
          <span className="muted small">Your changes are kept on this device until saved.</span>
        </div>
      </form>
    </>
  );
}
