// One dataset's editor: its items in order (variables, expected output, tags, note) to add, edit and
// delete — an edit keeps the earlier revision readable, shown under “History” — a CSV or JSON-lines
// import (all rows or none; a refused file names its first bad line), exports in both formats, and the
// dataset's own name and description.
import { type FormEvent, useMemo, useState } from "react";
import { DatasetNameFields, download } from "../components/eval-ui";
import { pageGate } from "../components/page-gate";
import {
  Card,
  ConfirmDanger,
  ErrorNote,
  Field,
  formatDate,
  Loading,
  Notice,
  SmallButton,
  StackTable,
  SubmitButton,
  TextAreaField,
  TextField,
} from "../components/ui";
import { ApiError, fieldMessages, messageOf } from "../lib/api";
import { useAuth } from "../lib/auth";
import { datasetsHref } from "../lib/eval-links";
import { type ItemDraft, importErrorLine, inputOf, itemDraftOf, valueText } from "../lib/eval-logic";
import {
  useAddItems,
  useDataset,
  useDeleteDataset,
  useDeleteItem,
  useExportDataset,
  useImportItems,
  useItemRevisions,
  useUpdateDataset,
  useUpdateItem,
} from "../lib/eval-queries";
import type { DatasetItem, DatasetWithItems, ImportFormat } from "../lib/eval-types";
import { canWrite } from "../lib/project";
import { useProjectScope } from "../lib/queries";
import { Link, navigate, usePageTitle } from "../lib/router";

export default function DatasetPage({ id }: { id: string }) {
  const auth = useAuth();
  const { role, project } = useProjectScope();
  const dataset = useDataset(id);
  usePageTitle(dataset.data ? dataset.data.name : "Dataset");
  const gate = pageGate(auth, "open this dataset", "Dataset", dataset);
  if (gate || !dataset.data) return gate;
  return <DatasetEditor dataset={dataset.data} writer={canWrite(role)} project={project?.slug ?? ""} />;
}

function DatasetEditor({
  dataset,
  writer,
  project,
}: {
  dataset: DatasetWithItems;
  writer: boolean;
  project: string;
}) {
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [history, setHistory] = useState<string | null>(null);
  const [removing, setRemoving] = useState<DatasetItem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const remove = useDeleteDataset(dataset.id);
  const removeItem = useDeleteItem(dataset.id);
  const exporter = useExportDataset(dataset.id);
  // Every variable name any item uses, in first-seen order: the columns of the table and the form.
  const names = useMemo(() => {
    const out: string[] = [];
    for (const it of dataset.items)
      for (const k of Object.keys(it.variables)) if (!out.includes(k)) out.push(k);
    return out;
  }, [dataset.items]);

  const onExport = (format: ImportFormat) =>
    exporter.mutate(format, {
      onSuccess: (text) =>
        download(text, `${dataset.name}.${format}`, format === "csv" ? "text/csv" : "application/x-ndjson"),
    });

  return (
    <>
      <div className="page-head">
        <div>
          <p className="small">
            <Link to={datasetsHref(project)}>Datasets</Link>
          </p>
          <h1 data-testid="dataset-name">{dataset.name}</h1>
          {dataset.description && <p>{dataset.description}</p>}
          <div className="item-meta">
            <span data-testid="dataset-item-count">
              {dataset.items.length} item{dataset.items.length === 1 ? "" : "s"}
            </span>
            <span>updated {formatDate(dataset.updated_at)}</span>
          </div>
        </div>
        <div className="row">
          <button type="button" className="btn" onClick={() => onExport("csv")}>
            Export CSV
          </button>
          <button type="button" className="btn" onClick={() => onExport("jsonl")}>
            Export JSON lines
          </button>
          {writer && (
            <button type="button" className="btn danger" onClick={() => setConfirmDelete(true)}>
              Delete…
            </button>
          )}
        </div>
      </div>
      <ErrorNote error={exporter.error ?? remove.error ?? removeItem.error} />
      {done && <Notice kind="ok">{done}</Notice>}
      <ConfirmDanger
        subject={confirmDelete}
        action="Delete dataset"
        onClose={() => setConfirmDelete(false)}
        onConfirm={() => remove.mutate(undefined, { onSuccess: () => navigate(datasetsHref(project)) })}
      >
        <p>“{dataset.name}” leaves the list. Runs that used it keep showing the items they ran on.</p>
      </ConfirmDanger>
      <ConfirmDanger
        subject={removing}
        action="Delete item"
        onClose={() => setRemoving(null)}
        onConfirm={(it) =>
          removeItem.mutate(it.id, { onSuccess: () => setDone(`Item ${it.position + 1} deleted.`) })
        }
      >
        <p>Runs that used it keep showing it.</p>
      </ConfirmDanger>

      <Card title="Items">
        {dataset.items.length === 0 ? (
          <p className="muted">No items yet: add one below or import a CSV or JSON-lines file.</p>
        ) : (
          <StackTable columns={["#", ...names, "Expected", "Tags", { hidden: "Actions" }]} testId="items">
            {dataset.items.map((it, i) => (
              <ItemRow
                key={it.id}
                item={it}
                index={i}
                names={names}
                writer={writer}
                datasetId={dataset.id}
                editing={editing === it.id}
                showHistory={history === it.id}
                onEdit={() => setEditing(editing === it.id ? null : it.id)}
                onHistory={() => setHistory(history === it.id ? null : it.id)}
                onDelete={() => setRemoving(it)}
                onSaved={() => {
                  setEditing(null);
                  setDone(`Item ${i + 1} saved as a new revision.`);
                }}
              />
            ))}
          </StackTable>
        )}
      </Card>
      {writer && (
        <div className="grid-2">
          <AddItem datasetId={dataset.id} names={names} onAdded={() => setDone("Item added.")} />
          <ImportItems
            datasetId={dataset.id}
            onImported={(n) => setDone(`Imported ${n} item${n === 1 ? "" : "s"}.`)}
          />
        </div>
      )}
      {writer && <DatasetDetails dataset={dataset} />}
    </>
  );
}

function ItemRow({
  item,
  index,
  names,
  writer,
  datasetId,
  editing,
  showHistory,
  onEdit,
  onHistory,
  onDelete,
  onSaved,
}: {
  item: DatasetItem;
  index: number;
  names: string[];
  writer: boolean;
  datasetId: string;
  editing: boolean;
  showHistory: boolean;
  onEdit: () => void;
  onHistory: () => void;
  onDelete: () => void;
  onSaved: () => void;
}) {
  const span = names.length + 4;
  return (
    <>
      <tr data-item={item.id}>
        <td data-label="#">
          {index + 1}
          {item.revision > 1 && <span className="muted small"> (rev. {item.revision})</span>}
        </td>
        {names.map((n) => (
          <td key={n} data-label={n} className="cell-text">
            {valueText(item.variables[n])}
          </td>
        ))}
        <td data-label="Expected" className="cell-text">
          {item.expected ?? <span className="muted">—</span>}
        </td>
        <td data-label="Tags">{item.tags.join(", ")}</td>
        <td>
          <div className="row">
            {writer && (
              <SmallButton aria-expanded={editing} onClick={onEdit}>
                Edit<span className="visually-hidden"> item {index + 1}</span>
              </SmallButton>
            )}
            <SmallButton aria-expanded={showHistory} onClick={onHistory}>
              History<span className="visually-hidden"> of item {index + 1}</span>
            </SmallButton>
            {writer && (
              <SmallButton tone="danger" onClick={onDelete}>
                Delete<span className="visually-hidden"> item {index + 1}</span>
              </SmallButton>
            )}
          </div>
        </td>
      </tr>
      {editing && (
        <tr>
          <td colSpan={span}>
            <EditItem datasetId={datasetId} item={item} names={names} onSaved={onSaved} />
          </td>
        </tr>
      )}
      {showHistory && (
        <tr>
          <td colSpan={span}>
            <Revisions datasetId={datasetId} itemId={item.id} />
          </td>
        </tr>
      )}
    </>
  );
}

function Revisions({ datasetId, itemId }: { datasetId: string; itemId: string }) {
  const revisions = useItemRevisions(datasetId, itemId);
  if (revisions.error) return <ErrorNote error={revisions.error} />;
  if (!revisions.data) return <Loading what="Loading revisions" />;
  return (
    <ol className="timeline" data-testid="revisions">
      {[...revisions.data]
        .sort((a, b) => b.revision - a.revision)
        .map((r) => (
          <li key={r.revision_id} data-revision={r.revision}>
            <div className="row">
              <strong>Revision {r.revision}</strong>
              <span className="muted small">{formatDate(r.created_at)}</span>
            </div>
            <div className="text-block mono small">
              {JSON.stringify(
                { variables: r.variables, expected: r.expected, tags: r.tags, note: r.note },
                null,
                2,
              )}
            </div>
          </li>
        ))}
    </ol>
  );
}

function ItemForm({
  draft,
  setDraft,
  onSubmit,
  busy,
  error,
  submitLabel,
  idPrefix,
}: {
  draft: ItemDraft;
  setDraft: (d: ItemDraft) => void;
  onSubmit: () => void;
  busy: boolean;
  error: unknown;
  submitLabel: string;
  idPrefix: string;
}) {
  const [newName, setNewName] = useState("");
  const names = Object.keys(draft.values);
  const addName = () => {
    const n = newName.trim();
    if (!n || n in draft.values) return;
    setDraft({ ...draft, values: { ...draft.values, [n]: "" } });
    setNewName("");
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} data-testid={`${idPrefix}-form`}>
      {names.map((n) => (
        <Field key={n} label={n}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={draft.values[n] ?? ""}
              onChange={(e) => setDraft({ ...draft, values: { ...draft.values, [n]: e.target.value } })}
            />
          )}
        </Field>
      ))}
      <div className="inline-fields">
        <TextField
          label="New variable"
          hint="A name the prompt uses, like {{name}}."
          value={newName}
          onValue={setNewName}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              addName();
            }
          }}
        />
        <div className="field">
          <button type="button" className="btn" onClick={addName}>
            Add variable
          </button>
        </div>
      </div>
      <TextAreaField
        label="Expected output"
        hint="Optional; with no assertions, the output must equal it."
        rows={2}
        value={draft.expected}
        onValue={(v) => setDraft({ ...draft, expected: v })}
      />
      <div className="inline-fields">
        <TextField
          label="Tags"
          hint="Separated by commas."
          value={draft.tags}
          onValue={(v) => setDraft({ ...draft, tags: v })}
        />
        <TextField label="Note" value={draft.note} onValue={(v) => setDraft({ ...draft, note: v })} />
      </div>
      <ErrorNote error={error} />
      <SubmitButton busy={busy} busyLabel="Saving…">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}

function AddItem({ datasetId, names, onAdded }: { datasetId: string; names: string[]; onAdded: () => void }) {
  const add = useAddItems(datasetId);
  const [draft, setDraft] = useState<ItemDraft>(() => itemDraftOf(null, names));
  // Names that appeared since (an import) join the form.
  const missing = names.filter((n) => !(n in draft.values));
  const shown = missing.length
    ? { ...draft, values: { ...draft.values, ...Object.fromEntries(missing.map((n) => [n, ""])) } }
    : draft;
  return (
    <Card title="Add an item">
      <ItemForm
        idPrefix="add-item"
        draft={shown}
        setDraft={setDraft}
        busy={add.isPending}
        error={add.error}
        submitLabel="Add item"
        onSubmit={() =>
          add.mutate(inputOf(shown, null), {
            onSuccess: () => {
              setDraft(itemDraftOf(null, Object.keys(shown.values)));
              onAdded();
            },
          })
        }
      />
    </Card>
  );
}

function EditItem({
  datasetId,
  item,
  names,
  onSaved,
}: {
  datasetId: string;
  item: DatasetItem;
  names: string[];
  onSaved: () => void;
}) {
  const update = useUpdateItem(datasetId);
  const [draft, setDraft] = useState<ItemDraft>(() => itemDraftOf(item, names));
  return (
    <ItemForm
      idPrefix="edit-item"
      draft={draft}
      setDraft={setDraft}
      busy={update.isPending}
      error={update.error}
      submitLabel="Save item"
      onSubmit={() => update.mutate({ item: item.id, body: inputOf(draft, item) }, { onSuccess: onSaved })}
    />
  );
}

const FORMAT_OF_NAME: [RegExp, ImportFormat][] = [
  [/\.csv$/i, "csv"],
  [/\.(jsonl|ndjson)$/i, "jsonl"],
];

function ImportItems({ datasetId, onImported }: { datasetId: string; onImported: (n: number) => void }) {
  const importer = useImportItems(datasetId);
  const [format, setFormat] = useState<ImportFormat>("csv");
  const [text, setText] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);
  const line = importErrorLine(importer.error);
  return (
    <Card title="Import items">
      <p className="small muted">
        CSV: the first row names the variables; the columns <code>expected</code> and <code>tags</code>{" "}
        (separated by <code>;</code> or <code>|</code>) are special. JSON lines: one item per line,{" "}
        <code>{'{"variables": {…}, "expected": "…"}'}</code>. A file with a bad row imports nothing.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          importer.mutate(
            { text, format },
            {
              onSuccess: (r) => {
                setText("");
                onImported(r.imported);
              },
            },
          );
        }}
      >
        <div className="inline-fields">
          <Field label="Format">
            {(p) => (
              <select {...p} value={format} onChange={(e) => setFormat(e.target.value as ImportFormat)}>
                <option value="csv">CSV</option>
                <option value="jsonl">JSON lines</option>
              </select>
            )}
          </Field>
          <Field label="File" error={fileError ?? undefined}>
            {(p) => (
              <input
                {...p}
                type="file"
                accept=".csv,.jsonl,.ndjson,.txt,text/csv,application/x-ndjson"
                onChange={async (e) => {
                  const file = e.target.files?.[0];
                  setFileError(null);
                  if (!file) return;
                  const known = FORMAT_OF_NAME.find(([re]) => re.test(file.name));
                  if (known) setFormat(known[1]);
                  try {
                    setText(await file.text());
                  } catch (err) {
                    setFileError(`Could not read the file: ${messageOf(err)}`);
                  }
                }}
              />
            )}
          </Field>
        </div>
        <Field label="Rows to import" hint="Pick a file above, or paste its text here.">
          {(p) => (
            <textarea
              {...p}
              rows={6}
              className="mono"
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          )}
        </Field>
        {importer.error instanceof ApiError && importer.error.status === 422 ? (
          <div className="notice error" role="alert" data-testid="import-error">
            <p>
              <strong>
                Nothing was imported
                {line !== null && (
                  <>
                    {" "}
                    — see <span data-testid="import-error-line">line {line}</span> of the file
                  </>
                )}
                .
              </strong>
            </p>
            <p className="small">{importer.error.message}</p>
          </div>
        ) : (
          <ErrorNote error={importer.error} />
        )}
        <SubmitButton busy={importer.isPending} busyLabel="Importing…" disabled={text.trim() === ""}>
          Import
        </SubmitButton>
      </form>
    </Card>
  );
}

function DatasetDetails({ dataset }: { dataset: DatasetWithItems }) {
  const update = useUpdateDataset(dataset.id);
  const [name, setName] = useState(dataset.name);
  const [description, setDescription] = useState(dataset.description ?? "");
  const fields = fieldMessages(update.error);
  return (
    <details className="card">
      <summary>Name and description</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ name: name.trim(), description: description.trim() });
        }}
      >
        <DatasetNameFields
          name={[name, setName]}
          description={[description, setDescription]}
          errors={fields}
        />
        {!fields.name && !fields.description && <ErrorNote error={update.error} />}
        {update.isSuccess && <Notice kind="ok">Saved.</Notice>}
        <SubmitButton className="btn" disabled={update.isPending}>
          Save
        </SubmitButton>
      </form>
    </details>
  );
}
