// Templates: browse public ones and your own, search, filter by category; create a new one.
import { useEffect, useState } from "react";
import { CategorySelect } from "../components/choice-select";
import { ErrorNote, Field, Loading, SignInToContinue } from "../components/ui";
import { api, qs } from "../lib/api";
import { useAuth } from "../lib/auth";
import { Link, usePageTitle } from "../lib/router";
import type { ListPage, Template } from "../lib/types";

const SCOPES = [
  ["all", "All I can use"],
  ["mine", "Mine"],
  ["public", "Public"],
] as const;

export default function TemplatesPage() {
  usePageTitle("Templates");
  const auth = useAuth();
  const [scope, setScope] = useState<string>("all");
  const [q, setQ] = useState("");
  const [category, setCategory] = useState("");
  const [items, setItems] = useState<Template[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (auth.status !== "signed-in") return;
    let stale = false;
    setLoading(true);
    setError(null);
    const t = setTimeout(() => {
      api
        .get<ListPage<Template>>(`/templates${qs({ scope, q: q.trim(), category, limit: 24 })}`)
        .then((page) => {
          if (stale) return;
          setItems(page.items);
          setCursor(page.next_cursor);
          setTotal(page.total);
        })
        .catch((e) => !stale && setError(e))
        .finally(() => !stale && setLoading(false));
    }, 250);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [scope, q, category, auth.status]);

  if (auth.status === "loading") return <Loading />;
  if (auth.status !== "signed-in") return <SignInToContinue what="use templates" />;

  const more = async () => {
    if (!cursor) return;
    try {
      const page = await api.get<ListPage<Template>>(
        `/templates${qs({ scope, q: q.trim(), category, limit: 24, cursor })}`,
      );
      setItems((xs) => [...xs, ...page.items]);
      setCursor(page.next_cursor);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <div className="page-head">
        <h1>Templates</h1>
        <Link to="/templates/new" className="btn primary">
          New template
        </Link>
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
                  onChange={() => setScope(value)}
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
                onChange={(e) => setQ(e.target.value)}
                placeholder="Name or text"
              />
            )}
          </Field>
          <CategorySelect empty="Any" value={category} onChange={setCategory} />
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
          <p>
            No templates here yet. <Link to="/templates/new">Create one</Link>.
          </p>
        </div>
      )}
      {cursor && (
        <p style={{ marginTop: "1rem" }}>
          <button type="button" className="btn" onClick={more}>
            Load more
          </button>
        </p>
      )}
    </>
  );
}
