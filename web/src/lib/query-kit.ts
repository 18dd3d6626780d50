// Shapes the data layer's hooks (queries.ts, registry-queries.ts, eval-queries.ts) share: reading a
// list the API wraps as `{ items }`, and a write after which one part of the cache is fetched again.
import { type QueryKey, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./api";

/** GET a list the API answers as `{ items: [...] }`; resolves to the items. */
export async function getItems<T>(path: string, signal: AbortSignal): Promise<T[]> {
  return (await api.get<{ items: T[] }>(path, { signal })).items;
}

/** The query of a list the API answers as `{ items }` at `path`; it runs only while `enabled`. */
export function useItemsQuery<T>(queryKey: QueryKey, path: string, enabled: boolean) {
  return useQuery({ queryKey, queryFn: ({ signal }) => getItems<T>(path, signal), enabled });
}

/**
 * A mutation whose success makes the queries under `staleKey` stale; they are fetched again before the
 * mutation counts as settled, so a form's busy state lasts until the list shows the change.
 */
export function useRefreshingMutation<TData, TVariables = void>(
  staleKey: QueryKey,
  mutationFn: (variables: TVariables) => Promise<TData>,
) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: staleKey }) });
}
