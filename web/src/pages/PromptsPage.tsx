// My prompts: search, filter by category, tag and target model, browse the folders prompt names make,
// sort, page through; export all as one JSON document and import such a document back (all or nothing).
import { useMemo, useRef, useState } from "react";
import { CategorySelect, TargetModelSelect } from "../components/choice-select";
import { FolderTree } from "../components/folder-tree";
import { ItemList, ListCount, LoadMore, useFilteredList } from "../components/lists";
import { pageGate } from "../components/page-gate";
import { ErrorNote, Field, formatDate, Notice, PageHead, ScoreBadge, TextField } from "../components/ui";
import { useAuth } from "../lib/auth";
import { folderTrail, treeFromFolders } from "../lib/folders";
import { canWrite } from "../lib/project";
import {
  exportPrompts,
  useImportPrompts,
  useProjectScope,
  usePromptFolders,
  usePromptList,
} from "../lib/queries";
import { Link, usePageTitle } from "../lib/router";
import { TARGET_LABELS } from "../lib/types";

const SORTS: [string, string][] = [
  ["updated:desc", "Recently updated"],
  ["created:desc", "Newest first"],
  ["created:asc", "Oldest first"],
  ["title:asc", "Title A–Z"],
  ["score:desc", "Highest score"],
  ["score:asc", "Lowest score"],
];

export default function PromptsPage() {
  const auth = useAuth();
  const scope = useProjectScope();
  const shared = scope.slug !== "";
  const heading = shared ? `Prompts of ${scope.project?.name ?? scope.slug}` : "My prompts";
  usePageTitle(heading);
  const writer = canWrite(scope.role);
  // Links into a shared project name it, so they open there for a teammate too.
  const linkSuffix = shared ? `?project=${encodeURIComponent(scope.slug)}` : "";
  const { filters, set, list, items, total, totalExact, loading, error } = useFilteredList(
    { q: "", category: "", tag: "", target_llm: "", sort: "updated", order: "desc", folder: "" },
    usePromptList,
  );
  const folders = usePromptFolders();
  const tree = useMemo(
    () => treeFromFolders(folders.data?.items ?? [], folders.data?.root_prompts ?? 0),
    [folders.data],
  );
  const folder = filters.folder ?? "";
  const importer = useImportPrompts();
  const [importMsg, setImportMsg] = useState<string | null>(null);
  const [importError, setImportError] = useState<unknown>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const gate = pageGate(auth, "see your prompts");
  if (gate) return gate;

  const exportAll = async () => {
    setImportError(null);
    try {
      const doc = await exportPrompts(scope.base);
      const blob = new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" });
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = `promptforge-export-${new Date().toISOString().slice(0, 10)}.json`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    } catch (e) {
      setImportError(e);
    }
  };

  const importFile = async (file: File) => {
    setImportMsg(null);
    setImportError(null);
    let doc: unknown;
    try {
      doc = JSON.parse(await file.text());
    } catch {
      setImportError(new Error(`${file.name} is not a JSON file. Choose a file made by “Export all”.`));
      return;
    }
    try {
      const res = await importer.mutateAsync(doc);
      setImportMsg(`Imported ${res.imported} prompt${res.imported === 1 ? "" : "s"} from ${file.name}.`);
    } catch (e) {
      setImportError(e);
    } finally {
      if (fileRef.current) fileRef.current.value = "";
    }
  };

  return (
    <>
      <PageHead
        title={heading}
        actions={
          <>
            {writer && (
              <Link to="/" className="btn primary">
                New prompt
              </Link>
            )}
            <button type="button" className="btn" onClick={exportAll}>
              Export all
            </button>
            {writer && (
              <>
                <label className="btn" htmlFor="import-file" style={{ margin: 0, fontWeight: 600 }}>
                  Import…
                </label>
                <input
                  id="import-file"
                  ref={fileRef}
                  type="file"
                  accept="application/json,.json"
                  className="visually-hidden"
                  onChange={(e) => {
                    const f = e.target.files?.[0];
                    if (f) void importFile(f);
                  }}
                />
              </>
            )}
          </>
        }
      >
        {shared && scope.role && (
          <p className="muted small" data-testid="project-role">
            Shared project · your role: {scope.role}
            {writer ? "" : " (read only)"}
          </p>
        )}
      </PageHead>
      {importMsg && <Notice kind="ok">{importMsg}</Notice>}
      <ErrorNote error={importError} />
      <form className="card" aria-label="Filter prompts" onSubmit={(e) => e.preventDefault()}>
        <div className="inline-fields">
          <TextField
            label="Search"
            type="search"
            value={filters.q}
            onValue={(text) => set({ q: text })}
            placeholder="Title or text"
          />
          <CategorySelect empty="Any" value={filters.category} onChange={(category) => set({ category })} />
          <TextField
            label="Tag"
            value={filters.tag}
            onValue={(text) => set({ tag: text.trim().toLowerCase() })}
          />
          <TargetModelSelect
            empty="Any"
            value={filters.target_llm}
            onChange={(target_llm) => set({ target_llm })}
          />
          <Field label="Sort">
            {(p) => (
              <select
                {...p}
                value={`${filters.sort}:${filters.order}`}
                onChange={(e) => {
                  const [sort, order] = e.target.value.split(":");
                  set({ sort: sort ?? "updated", order: order ?? "desc" });
                }}
              >
                {SORTS.map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </form>
      <FolderTree tree={tree} chosen={folder} onChoose={(f) => set({ folder: f })} />
      {folder && (
        <p className="small" data-testid="folder-trail">
          In{" "}
          {folderTrail(folder).map((f, i) => (
            <span key={f}>
              {i > 0 && " / "}
              <button type="button" className="link-button" onClick={() => set({ folder: f })}>
                {f.slice(f.lastIndexOf("/") + 1)}
              </button>
            </span>
          ))}{" "}
          ·{" "}
          <button type="button" className="link-button" onClick={() => set({ folder: "" })}>
            all prompts
          </button>
        </p>
      )}
      <ErrorNote error={error} />
      <ListCount loading={loading} total={total} exact={totalExact} noun="prompt" />
      {!loading && items.length === 0 && !error && (
        <div className="card">
          <p>
            No prompts{" "}
            {filters.q || filters.category || filters.tag || filters.target_llm || folder
              ? "match these filters"
              : "yet"}
            .{" "}
            {writer && (
              <>
                <Link to="/">Write one in the analyser</Link> or{" "}
                <Link to="/templates">start from a template</Link>.
              </>
            )}
          </p>
        </div>
      )}
      <ItemList
        testId="prompt-list"
        items={items}
        href={(p) => `/prompts/${p.id}${linkSuffix}`}
        title={(p) => p.title}
      >
        {(p) => (
          <>
            <div className="item-meta">
              {"name" in p && typeof p.name === "string" && <code data-testid="prompt-name">{p.name}</code>}
              <ScoreBadge score={p.score} />
              <span className="badge">{p.category}</span>
              <span>{TARGET_LABELS[p.target_llm] ?? p.target_llm}</span>
              <span>v{p.version}</span>
              {p.tags.map((t) => (
                <span key={t} className="badge">
                  #{t}
                </span>
              ))}
              <span>updated {formatDate(p.updated_at)}</span>
            </div>
            <p className="excerpt">{p.content}</p>
          </>
        )}
      </ItemList>
      <LoadMore list={list} />
    </>
  );
}
