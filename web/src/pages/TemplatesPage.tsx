// Templates: browse public ones and your own, search, filter by category; create a new one.
import { useState } from "react";
import { CategorySelect } from "../components/choice-select";
import { ErrorNote, Field, Loading, SignInToContinue } from "../components/ui";
import { useAuth } from "../lib/auth";
import { useDebounced } from "../lib/debounce";
import { canWrite } from "../lib/project";
import { type TemplateFilters, useProjectScope, useTemplateList } from "../lib/queries";
import { Link, usePageTitle } from "../lib/router";

const SCOPES = [
  ["all", "All I can use"],
  ["mine", "Mine"],
  ["public", "Public"],
] as const;

export default function TemplatesPage() {
  usePageTitle("Templates");
  const auth = useAuth();
  const writer = canWrite(useProjectScope().role);
  const [filters, setFilters] = useState<TemplateFilters>({ scope: "all", q: "", category: "" });
  const settled = useDebounced(filters, 250);
  const list = useTemplateList(settled);
  const set = (patch: Partial<TemplateFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const { scope, q, category } = filters;

  if (auth.status === "loading") return <Loading />;
  if (auth.status !== "signed-in") return <SignInToContinue what="use templates" />;

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;
  // Filters still changing count as loading; the last list stays on screen meanwhile.
  const loading = list.isPending || list.isPlaceholderData || settled !== filters;
  const error = list.error;

  return (
    <>
      <div className="page-head">
        <h1>Templates</h1>
        {writer && (
          <Link to="/templates/new" className="btn primary">
            New template
          </Link>
        )}
      </div>
      <form className="card" aria-label="Filter templates" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>Show</legend>
          <div className="row">
            {SCOPES.map(([value, label]) => (
              <label key={value} className="choice" style={{ marginRight: "1rem" }}>
                <input
                  type="radio"
                  name="scope"
                  value={value}
                  checked={scope === value}
                  onChange={() => set({ scope: value })}
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="inline-fields">
          <Field label="Search">
            {(p) => (
              <input
                {...p}
                type="search"
                value={q}
                onChange={(e) => set({ q: e.target.value })}
                placeholder="Name or text"
              />
            )}
          </Field>
          <CategorySelect empty="Any" value={category} onChange={(c) => set({ category: c })} />
        </div>
      </form>
      <ErrorNote error={error} />
      <p className="muted" role="status" aria-live="polite">
        {loading ? "Loading…" : `${total} template${total === 1 ? "" : "s"}`}
      </p>
      <ul className="item-list" data-testid="template-list">
        {items.map((t) => (
          <li key={t.id}>
            <Link to={`/templates/${t.id}`} className="item-title">
              {t.name}
            </Link>
            <div className="item-meta">
              <span className={`badge ${t.visibility === "public" ? "info" : ""}`}>{t.visibility}</span>
              <span className="badge">{t.category}</span>
              <span>by {t.is_owner ? "you" : t.owner.username}</span>
              <span>
                used {t.use_count} time{t.use_count === 1 ? "" : "s"}
              </span>
              <span>
                {t.variables.length} variable{t.variables.length === 1 ? "" : "s"}
              </span>
            </div>
            {t.description && <p className="excerpt">{t.description}</p>}
            <div className="row" style={{ marginTop: "0.5rem" }}>
              <Link to={`/templates/${t.id}/use`} className="btn small primary" aria-label={`Use ${t.name}`}>
                Use
              </Link>
            </div>
          </li>
        ))}
      </ul>
      {!loading && items.length === 0 && !error && (
        <div className="card">
          <p>No templates here yet. {writer && <Link to="/templates/new">Create one</Link>}</p>
        </div>
      )}
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
