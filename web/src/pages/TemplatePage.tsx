// One template: what it says (placeholders marked), its variables, and what you can do with it —
// use it, edit or delete it (yours), clone it (someone else's public one, or your own).
import { useEffect, useState } from "react";
import { PlaceholderText } from "../components/text";
import {
  ConfirmDialog,
  ErrorNote,
  formatDate,
  LoadFailure,
  Loading,
  SignInToContinue,
} from "../components/ui";
import { api } from "../lib/api";
import { useAuth } from "../lib/auth";
import { Link, navigate, usePageTitle } from "../lib/router";
import type { Template } from "../lib/types";

export default function TemplatePage({ id }: { id: string }) {
  const auth = useAuth();
  const [t, setT] = useState<Template | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [confirm, setConfirm] = useState(false);
  usePageTitle(t ? t.name : "Template");

  useEffect(() => {
    if (auth.status !== "signed-in") return;
    api
      .get<Template>(`/templates/${encodeURIComponent(id)}`)
      .then(setT)
      .catch(setError);
  }, [id, auth.status]);

  if (auth.status === "loading") return <Loading />;
  if (auth.status !== "signed-in") return <SignInToContinue what="see this template" />;
  if (error)
    return (
      <LoadFailure error={error} what="Template" back={{ to: "/templates", label: "Back to templates" }} />
    );
  if (!t) return <Loading what="Loading the template" />;

  const clone = async () => {
    setActionError(null);
    try {
      const c = await api.post<Template>(`/templates/${encodeURIComponent(id)}/clone`, {});
      navigate(`/templates/${c.id}`);
    } catch (e) {
      setActionError(e);
    }
  };
  const remove = async () => {
    setConfirm(false);
    try {
      await api.del(`/templates/${encodeURIComponent(id)}`);
      navigate("/templates");
    } catch (e) {
      setActionError(e);
    }
  };

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t.name}</h1>
          <div className="item-meta">
            <span className={`badge ${t.visibility === "public" ? "info" : ""}`}>{t.visibility}</span>
            <span className="badge">{t.category}</span>
            <span>by {t.is_owner ? "you" : t.owner.username}</span>
            <span>used {t.use_count} times</span>
            <span>updated {formatDate(t.updated_at)}</span>
          </div>
        </div>
        <div className="row">
          <Link to={`/templates/${t.id}/use`} className="btn primary">
            Use
          </Link>
          {t.is_owner && (
            <Link to={`/templates/${t.id}/edit`} className="btn">
              Edit
            </Link>
          )}
          <button type="button" className="btn" onClick={clone}>
            Clone
          </button>
          {t.is_owner && (
            <button type="button" className="btn danger" onClick={() => setConfirm(true)}>
              Delete…
            </button>
          )}
        </div>
      </div>
      <ErrorNote error={actionError} />
      <ConfirmDialog
        open={confirm}
        title="Delete this template?"
        confirmLabel="Delete template"
        danger
        onConfirm={remove}
        onCancel={() => setConfirm(false)}
      >
        <p>“{t.name}” will be deleted. Prompts made from it stay.</p>
      </ConfirmDialog>
      {t.description && <p>{t.description}</p>}
      <div className="grid-2">
        <section className="card" aria-labelledby="content-heading">
          <h2 id="content-heading">Text</h2>
          <PlaceholderText text={t.content} label="Template text" />
        </section>
        <section className="card" aria-labelledby="vars-heading">
          <h2 id="vars-heading">Variables</h2>
          {t.variables.length === 0 ? (
            <p className="muted">This template has no variables.</p>
          ) : (
            <div className="table-wrap">
              <table className="stack">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Description</th>
                    <th scope="col">Default</th>
                    <th scope="col">Required</th>
                  </tr>
                </thead>
                <tbody>
                  {t.variables.map((v) => (
                    <tr key={v.name}>
                      <td data-label="Name">
                        <code>{v.name}</code>
                      </td>
                      <td data-label="Description">{v.description}</td>
                      <td data-label="Default">{v.default ?? <span className="muted">none</span>}</td>
                      <td data-label="Required">{v.required ? "Yes" : "No"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
