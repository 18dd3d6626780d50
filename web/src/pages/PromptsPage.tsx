// My prompts: search, filter by category, tag and target model, sort, page through; export all as one
// JSON document and import such a document back (all or nothing).
import { useRef, useState } from "react";
import { CategorySelect, TargetModelSelect } from "../components/choice-select";
import {
  ErrorNote,
  Field,
  formatDate,
  Loading,
  Notice,
  ScoreBadge,
  SignInToContinue,
} from "../components/ui";
import { useAuth } from "../lib/auth";
import { useDebounced } from "../lib/debounce";
import { canWrite } from "../lib/project";
import {
  exportPrompts,
  type PromptFilters,
  useImportPrompts,
  useProjectScope,
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
  const [filters, setFilters] = useState<PromptFilters>({
    q: "",
    category: "",
    tag: "",
    target_llm: "",
    sort: "updated",
    order: "desc",
  });
  const settled = useDebounced(filters, 250);
  const list = usePromptList(settled);
  const importer = useImportPrompts();
  const [importMsg, setImportMsg] = useState<string | null>(null);
  const [importError, setImportError] = useState<unknown>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  if (auth.status === "loading") return <Loading />;
  if (auth.status !== "signed-in") return <SignInToContinue what="see your prompts" />;

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;
  // Filters still changing count as loading; the last list stays on screen meanwhile.
  const loading = list.isPending || list.isPlaceholderData || settled !== filters;
  const error = list.error;

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

  const set = (patch: Partial<PromptFilters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{heading}</h1>
          {shared && scope.role && (
            <p className="muted small" data-testid="project-role">
              Shared project · your role: {scope.role}
              {writer ? "" : " (read only)"}
            </p>
          )}
        </div>
        <div className="row">
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
        </div>
      </div>
      {importMsg && <Notice kind="ok">{importMsg}</Notice>}
      <ErrorNote error={importError} />
      <form className="card" aria-label="Filter prompts" onSubmit={(e) => e.preventDefault()}>
        <div className="inline-fields">
          <Field label="Search">
            {(p) => (
              <input
                {...p}
                type="search"
                value={filters.q}
                onChange={(e) => set({ q: e.target.value })}
                placeholder="Title or text"
              />
            )}
          </Field>
          <CategorySelect empty="Any" value={filters.category} onChange={(category) => set({ category })} />
          <Field label="Tag">
            {(p) => (
              <input
                {...p}
                type="text"
                value={filters.tag}
                onChange={(e) => set({ tag: e.target.value.trim().toLowerCase() })}
              />
            )}
          </Field>
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
      <ErrorNote error={error} />
      <p className="muted" role="status" aria-live="polite">
        {loading ? "Loading…" : `${total} prompt${total === 1 ? "" : "s"}`}
      </p>
      {!loading && items.length === 0 && !error && (
        <div className="card">
          <p>
            No prompts{" "}
            {filters.q || filters.category || filters.tag || filters.target_llm
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
      <ul className="item-list" data-testid="prompt-list">
        {items.map((p) => (
          <li key={p.id}>
            <Link to={`/prompts/${p.id}${linkSuffix}`} className="item-title">
              {p.title}
            </Link>
            <div className="item-meta">
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
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <p style={{ marginTop: "1rem" }}>
          <button type="button" className="btn" onClick={() => void list.fetchNextPage()}>
            Load more
          </button>
        </p>
      )}
    </>
  );
}
