// The pieces every list page shares: its filters and what they show, the list of items (a title linking to the item, then what the page
// says about it), the "Load more" button under a paged list, and the one row whose details are open.
import { type ReactNode, useState } from "react";
import { useDebounced } from "../lib/debounce";
import { Link } from "../lib/router";

interface PagedQuery<Page> {
  data?: { pages: Page[] };
  isPending: boolean;
  isPlaceholderData: boolean;
  error: unknown;
  hasNextPage: boolean;
  fetchNextPage: () => unknown;
}

/**
 * A list page's filters and what they show. The list follows the filters 250 ms after their last
 * change; filters still changing count as loading, and the last list stays on screen meanwhile.
 */
export function useFilteredList<F, Page extends { items: unknown[]; total: number; total_exact?: boolean }>(
  initial: F,
  useList: (filters: F) => PagedQuery<Page>,
) {
  const [filters, setFilters] = useState<F>(initial);
  const settled = useDebounced(filters, 250);
  const list = useList(settled);
  return {
    filters,
    set: (patch: Partial<F>) => setFilters((f) => ({ ...f, ...patch })),
    list,
    items: (list.data?.pages.flatMap((p) => p.items) ?? []) as Page["items"],
    total: list.data?.pages[0]?.total ?? 0,
    /** False when the listing stopped counting: there are at least `total` (past 10,000; 1,000 with q or tag). */
    totalExact: list.data?.pages[0]?.total_exact ?? true,
    loading: list.isPending || list.isPlaceholderData || settled !== filters,
    error: list.error,
  };
}

export function ItemList<T extends { id: string }>({
  testId,
  items,
  href,
  title,
  children,
}: {
  testId: string;
  items: readonly T[];
  href: (item: T) => string;
  title: (item: T) => ReactNode;
  children: (item: T) => ReactNode;
}) {
  return (
    <ul className="item-list" data-testid={testId}>
      {items.map((item) => (
        <li key={item.id}>
          <Link to={href(item)} className="item-title">
            {title(item)}
          </Link>
          {children(item)}
        </li>
      ))}
    </ul>
  );
}

/** How many items the filters match, announced politely to screen readers as it changes. */
export function ListCount({
  loading,
  total,
  exact = true,
  noun,
}: {
  loading: boolean;
  total: number;
  /** False when `total` is a lower bound: shown as "10000+ prompts". */
  exact?: boolean;
  noun: string;
}) {
  return (
    <p className="muted" role="status" aria-live="polite">
      {loading ? "Loading…" : `${total}${exact ? "" : "+"} ${noun}${total === 1 && exact ? "" : "s"}`}
    </p>
  );
}

/** The "Load more" button under a paged list (a TanStack infinite query). */
export function LoadMore({ list }: { list: Pick<PagedQuery<unknown>, "hasNextPage" | "fetchNextPage"> }) {
  if (!list.hasNextPage) return null;
  return (
    <p style={{ marginTop: "1rem" }}>
      <button type="button" className="btn" onClick={() => void list.fetchNextPage()}>
        Load more
      </button>
    </p>
  );
}

/** A list where at most one row shows its details: which one (`open`), and a toggle per row. */
export function useOpenRow<K>() {
  const [open, setOpen] = useState<K | null>(null);
  return { open, setOpen, toggle: (row: K) => setOpen((o) => (o === row ? null : row)) };
}
