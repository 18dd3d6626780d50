// One template: what it says (placeholders marked), its variables, and what you can do with it —
// use it, edit or delete it (yours), clone it (someone else's public one, or your own).
import { useState } from "react";
import { pageGate } from "../components/page-gate";
import { PlaceholderText } from "../components/text";
import { Card, ConfirmDanger, ErrorNote, formatDate, PageHead, StackTable } from "../components/ui";
import { useActionError } from "../lib/action-error";
import { useAuth } from "../lib/auth";
import { canWrite } from "../lib/project";
import { useCloneTemplate, useDeleteTemplate, useProjectScope, useTemplate } from "../lib/queries";
import { Link, navigate, usePageTitle } from "../lib/router";

export default function TemplatePage({ id }: { id: string }) {
  const auth = useAuth();
  const writer = canWrite(useProjectScope().role);
  const query = useTemplate(id);
  const t = query.data;
  const clone = useCloneTemplate(id);
  const remove = useDeleteTemplate(id);
  const [confirm, setConfirm] = useState(false);
  usePageTitle(t ? t.name : "Template");
  const { error: actionError, mark: markAction } = useActionError({ clone, remove });

  const gate = pageGate(auth, "see this template", "Template", { error: query.error, data: t });
  if (gate || !t) return gate;

  const onClone = () => {
    markAction("clone");
    clone.mutate(undefined, { onSuccess: (c) => navigate(`/templates/${c.id}`) });
  };
  const onRemove = () => {
    markAction("remove");
    remove.mutate(undefined, { onSuccess: () => navigate("/templates") });
  };

  return (
    <>
      <PageHead
        title={t.name}
        actions={
          <>
            <Link to={`/templates/${t.id}/use`} className="btn primary">
              Use
            </Link>
            {t.is_owner && writer && (
              <Link to={`/templates/${t.id}/edit`} className="btn">
                Edit
              </Link>
            )}
            {writer && (
              <button type="button" className="btn" onClick={onClone}>
                Clone
              </button>
            )}
            {t.is_owner && writer && (
              <button type="button" className="btn danger" onClick={() => setConfirm(true)}>
                Delete…
              </button>
            )}
          </>
        }
      >
        <div className="item-meta">
          <span className={`badge ${t.visibility === "public" ? "info" : ""}`}>{t.visibility}</span>
          <span className="badge">{t.category}</span>
          <span>by {t.is_owner ? "you" : t.owner.username}</span>
          <span>used {t.use_count} times</span>
          <span>updated {formatDate(t.updated_at)}</span>
        </div>
      </PageHead>
      <ErrorNote error={actionError} />
      <ConfirmDanger
        subject={confirm}
        action="Delete template"
        onClose={() => setConfirm(false)}
        onConfirm={onRemove}
      >
        <p>“{t.name}” will be deleted. Prompts made from it stay.</p>
      </ConfirmDanger>
      {t.description && <p>{t.description}</p>}
      <div className="grid-2">
        <Card title="Text">
          <PlaceholderText text={t.content} label="Template text" />
        </Card>
        <Card title="Variables">
          {t.variables.length === 0 ? (
            <p className="muted">This template has no variables.</p>
          ) : (
            <StackTable columns={["Name", "Description", "Default", "Required"]}>
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
            </StackTable>
          )}
        </Card>
      </div>
    </>
  );
}
