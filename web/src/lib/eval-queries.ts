// The evaluations' data layer, in the same manner as ./queries: a TanStack Query hook per read, keyed
// by project, and mutations that refresh what they made stale. Evaluation routes always live under
// /projects/:slug (the personal project's own slug included), like the registry's. A run that is still
// queued or running is polled about once a second until it ends; a finished one is read once.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, qs } from "./api";
import { useAuth } from "./auth";
import type {
  Assertion,
  Dataset,
  DatasetItem,
  DatasetWithItems,
  EvaluationResult,
  EvaluationRun,
  ImportFormat,
  ItemInput,
  RunComparison,
  Target,
} from "./eval-types";
import { isActive } from "./eval-types";
import { getItems, useItemsQuery } from "./query-kit";
import { useRegistryBase } from "./registry-queries";

const enc = encodeURIComponent;
/** How often a live run is read again. */
export const POLL_MS = 1000;

export const evalKeys = {
  datasets: (project: string) => ["datasets", project] as const,
  dataset: (project: string, id: string) => ["datasets", project, id] as const,
  revisions: (project: string, dataset: string, item: string) =>
    ["datasets", project, dataset, "revisions", item] as const,
  assertions: (project: string, prompt: string) =>
    ["prompts", project, "detail", prompt, "assertions"] as const,
  runs: (project: string, prompt: string) => ["evaluations", project, "prompt", prompt] as const,
  run: (project: string, id: string) => ["evaluations", project, "run", id] as const,
  compare: (project: string, base: string, head: string) =>
    ["evaluations", project, "compare", base, head] as const,
};

function useSignedIn(): boolean {
  return useAuth().status === "signed-in";
}

// ---- datasets

export function useDatasets() {
  const { slug, base } = useRegistryBase();
  return useItemsQuery<Dataset>(
    evalKeys.datasets(slug),
    `${base}/datasets${qs({ limit: 100 })}`,
    useSignedIn() && base !== "",
  );
}

export function useDataset(id: string) {
  const { slug, base } = useRegistryBase();
  return useQuery({
    queryKey: evalKeys.dataset(slug, id),
    queryFn: ({ signal }) => api.get<DatasetWithItems>(`${base}/datasets/${enc(id)}`, { signal }),
    enabled: useSignedIn() && base !== "",
  });
}

/** After any change to a dataset: its page and the list read again. */
function useDatasetChanged() {
  const client = useQueryClient();
  const { slug } = useRegistryBase();
  return (id?: string) => {
    if (id) void client.invalidateQueries({ queryKey: evalKeys.dataset(slug, id) });
    void client.invalidateQueries({ queryKey: evalKeys.datasets(slug), exact: true });
  };
}

export function useCreateDataset() {
  const changed = useDatasetChanged();
  const { base } = useRegistryBase();
  return useMutation({
    mutationFn: (body: { name: string; description?: string }) => api.post<Dataset>(`${base}/datasets`, body),
    onSuccess: (d) => changed(d.id),
  });
}

export function useUpdateDataset(id: string) {
  const changed = useDatasetChanged();
  const { base } = useRegistryBase();
  return useMutation({
    mutationFn: (body: { name?: string; description?: string }) =>
      api.patch<Dataset>(`${base}/datasets/${enc(id)}`, body),
    onSuccess: () => changed(id),
  });
}

export function useDeleteDataset(id: string) {
  const client = useQueryClient();
  const { slug, base } = useRegistryBase();
  return useMutation({
    mutationFn: () => api.del(`${base}/datasets/${enc(id)}`),
    onSuccess: () => {
      client.removeQueries({ queryKey: evalKeys.dataset(slug, id) });
      void client.invalidateQueries({ queryKey: evalKeys.datasets(slug), exact: true });
    },
  });
}

export function useAddItems(id: string) {
  const changed = useDatasetChanged();
  const { base } = useRegistryBase();
  return useMutation({
    mutationFn: (items: ItemInput | ItemInput[]) =>
      api.post<{ items: DatasetItem[] }>(`${base}/datasets/${enc(id)}/items`, items),
    onSuccess: () => changed(id),
  });
}

export function useUpdateItem(id: string) {
  const changed = useDatasetChanged();
  const client = useQueryClient();
  const { slug, base } = useRegistryBase();
  return useMutation({
    mutationFn: ({ item, body }: { item: string; body: Partial<ItemInput> }) =>
      api.patch<DatasetItem>(`${base}/datasets/${enc(id)}/items/${enc(item)}`, body),
    onSuccess: (_d, { item }) => {
      changed(id);
      void client.invalidateQueries({ queryKey: evalKeys.revisions(slug, id, item) });
    },
  });
}

export function useDeleteItem(id: string) {
  const changed = useDatasetChanged();
  const { base } = useRegistryBase();
  return useMutation({
    mutationFn: (item: string) => api.del(`${base}/datasets/${enc(id)}/items/${enc(item)}`),
    onSuccess: () => changed(id),
  });
}

export function useItemRevisions(id: string, item: string | null) {
  const { slug, base } = useRegistryBase();
  return useItemsQuery<DatasetItem>(
    evalKeys.revisions(slug, id, item ?? ""),
    `${base}/datasets/${enc(id)}/items/${enc(item ?? "")}/revisions`,
    useSignedIn() && base !== "" && item !== null,
  );
}

const IMPORT_TYPES: Record<ImportFormat, string> = { csv: "text/csv", jsonl: "application/x-ndjson" };

/** Sends a CSV or JSON-lines text as it is; all rows go in or none (a 422 names the first bad line). */
export function useImportItems(id: string) {
  const changed = useDatasetChanged();
  const { base } = useRegistryBase();
  return useMutation({
    mutationFn: ({ text, format }: { text: string; format: ImportFormat }) =>
      api.post<{ imported: number }>(`${base}/datasets/${enc(id)}/import`, undefined, {
        raw: { body: text, contentType: IMPORT_TYPES[format] },
      }),
    onSuccess: () => changed(id),
  });
}

/** The dataset as CSV or JSON lines (a download, so not kept in the cache). */
export function useExportDataset(id: string) {
  const { base } = useRegistryBase();
  return useMutation({
    mutationFn: (format: ImportFormat) =>
      api.get<string>(`${base}/datasets/${enc(id)}/export${qs({ format })}`, { text: true }),
  });
}

// ---- assertions

export function useAssertions(promptId: string) {
  const { slug, base } = useRegistryBase();
  return useQuery({
    queryKey: evalKeys.assertions(slug, promptId),
    queryFn: async ({ signal }) =>
      (await api.get<{ assertions: Assertion[] }>(`${base}/prompts/${enc(promptId)}/assertions`, { signal }))
        .assertions,
    enabled: useSignedIn() && base !== "",
  });
}

export function useSaveAssertions(promptId: string) {
  const client = useQueryClient();
  const { slug, base } = useRegistryBase();
  return useMutation({
    mutationFn: (assertions: Assertion[]) =>
      api.put<{ assertions: Assertion[] }>(`${base}/prompts/${enc(promptId)}/assertions`, assertions),
    onSuccess: (r) => client.setQueryData(evalKeys.assertions(slug, promptId), r.assertions),
  });
}

// ---- runs

export interface RunRequest {
  version?: number;
  label?: string;
  dataset_id: string;
  targets: Target[];
  repeat: number;
  concurrency: number;
}

export function usePromptRuns(promptId: string) {
  const { slug, base } = useRegistryBase();
  return useQuery({
    queryKey: evalKeys.runs(slug, promptId),
    queryFn: ({ signal }) =>
      getItems<EvaluationRun>(`${base}/prompts/${enc(promptId)}/evaluations${qs({ limit: 100 })}`, signal),
    enabled: useSignedIn() && base !== "",
    // A list with a live run keeps itself current, so its status and pass rate change on their own.
    refetchInterval: (q) => (q.state.data?.some((r) => isActive(r.status)) ? POLL_MS * 2 : false),
  });
}

export function useStartRun(promptId: string) {
  const client = useQueryClient();
  const { slug, base } = useRegistryBase();
  return useMutation({
    mutationFn: (body: RunRequest) =>
      api.post<EvaluationRun>(`${base}/prompts/${enc(promptId)}/evaluations`, body),
    onSuccess: (run) => {
      client.setQueryData(evalKeys.run(slug, run.id), run);
      void client.invalidateQueries({ queryKey: evalKeys.runs(slug, promptId) });
    },
  });
}

/** One run without its results (status, progress, summary), read about once a second while it is queued or running. */
export function useRun(id: string) {
  const { slug, base } = useRegistryBase();
  return useQuery({
    queryKey: evalKeys.run(slug, id),
    queryFn: ({ signal }) => api.get<EvaluationRun>(`${base}/evaluations/${enc(id)}`, { signal }),
    enabled: useSignedIn() && base !== "" && id !== "",
    refetchInterval: (q) => (q.state.data && isActive(q.state.data.status) ? POLL_MS : false),
  });
}

/** Results per page the server gives at most. */
const RESULTS_PAGE = 500;

/**
 * Every result of a run, read page by page (the server gives at most 500 at a time). A live run's
 * results are read again every few seconds (its progress polls on its own, without them); the key holds
 * the run's status, so the results are read once more when it ends.
 */
export function useRunResults(id: string, status: EvaluationRun["status"] | undefined) {
  const { slug, base } = useRegistryBase();
  return useQuery({
    queryKey: [...evalKeys.run(slug, id), "results", status ?? ""] as const,
    queryFn: async ({ signal }) => {
      const results: EvaluationResult[] = [];
      let cursor: string | null | undefined;
      do {
        const page = await api.get<EvaluationRun & { next_cursor?: string | null }>(
          `${base}/evaluations/${enc(id)}${qs({ results: "true", limit: RESULTS_PAGE, cursor })}`,
          { signal },
        );
        results.push(...(page.results ?? []));
        cursor = page.next_cursor;
      } while (cursor);
      return results;
    },
    enabled: useSignedIn() && base !== "" && id !== "" && status !== undefined,
    placeholderData: (previous) => previous,
    refetchInterval: status && isActive(status) ? POLL_MS * 5 : false,
  });
}

/** A run (polled without results) with its results read page by page: what the run and compare pages show. */
export function useRunWithResults(id: string) {
  const run = useRun(id);
  const results = useRunResults(id, run.data?.status);
  const data: EvaluationRun | undefined =
    run.data && results.data ? { ...run.data, results: results.data } : undefined;
  return { data, error: run.error ?? results.error };
}

export function useCancelRun(run: EvaluationRun) {
  const client = useQueryClient();
  const { slug, base } = useRegistryBase();
  return useMutation({
    mutationFn: () => api.del(`${base}/prompts/${enc(run.prompt_id)}/evaluations/${enc(run.id)}`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: evalKeys.run(slug, run.id) });
      void client.invalidateQueries({ queryKey: evalKeys.runs(slug, run.prompt_id) });
    },
  });
}

export function useCompare(promptId: string | undefined, baseRun: string, headRun: string) {
  const { slug, base } = useRegistryBase();
  return useQuery({
    queryKey: evalKeys.compare(slug, baseRun, headRun),
    queryFn: ({ signal }) =>
      api.get<RunComparison>(
        `${base}/prompts/${enc(promptId ?? "")}/evaluations/compare${qs({ base: baseRun, head: headRun })}`,
        { signal },
      ),
    enabled: useSignedIn() && base !== "" && !!promptId && baseRun !== "" && headRun !== "",
  });
}
