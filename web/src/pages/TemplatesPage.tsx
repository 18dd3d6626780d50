// Templates: browse public ones and your own, search, filter by category; create a new one.
import { CategorySelect } from "../components/choice-select";
import { ItemList, ListCount, LoadMore, useFilteredList } from "../components/lists";
import { pageGate } from "../components/page-gate";
import { ErrorNote, TextField } from "../components/ui";
import { useAuth } from "../lib/auth";
import { canWrite } from "../lib/project";
import { useProjectScope, useTemplateList } from "../lib/queries";
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
  const { filters, set, list, items, total, totalExact, loading, error } = useFilteredList(
    { scope: "all", q: "", category: "" },
    useTemplateList,
  );
  const { scope, q, category } = filters;

  const gate = pageGate(auth, "use templates");
  if (gate) return gate;

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
          <TextField
            label="Search"
            type="search"
            value={q}
            onValue={(text) => set({ q: text })}
            placeholder="Name or text"
          />
          <CategorySelect empty="Any" value={category} onChange={(c) => set({ category: c })} />
        </div>
      </form>
      <ErrorNote error={error} />
      <ListCount loading={loading} total={total} exact={totalExact} noun="template" />
      <ItemList testId="template-list" items={items} href={(t) => `/templates/${t.id}`} title={(t) => t.name}>
        {(t) => (
          <>
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
          </>
        )}
      </ItemList>
      {!loading && items.length === 0 && !error && (
        <div className="card">
          <p>No templates here yet. {writer && <Link to="/templates/new">Create one</Link>}</p>
        </div>
      )}
      <LoadMore list={list} />
    </>
  );
}
