// The web app's data layer: every read of the API is a TanStack Query hook with a key from
// `keys`, and every write a mutation that puts the answer into the cache and invalidates what it made
// stale — so pages hold no fetch state of their own, and a prompt saved here shows as saved everywhere.
// The cache belongs to one account: it is emptied whenever the session starts or ends.
import { QueryClient, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, onSessionChange, qs, SESSION_KEY, storeTokens } from "./api";
import { useAuth } from "./auth";
import type {
  ApiKey,
  AuditList,
  AuditVerify,
  CreatedApiKey,
  ExportDocument,
  ProjectList,
  Prompt,
  PromptDiff,
  PromptList,
  PromptVersion,
  SignInMethods,
  Stats,
  Template,
  TemplateList,
  TemplateUseResult,
  TokenPair,
  User,
} from "./types";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // An answer (a 404, a 403) is shown at once, as before; nothing is fetched again just because
      // the window got focus, which could pull a newer version under an edit in progress.
      retry: false,
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});

// Another account's data must never show: a new session or a signed-out one starts from nothing,
// whether this tab signed in or out or another tab did (seen here as a storage event).
onSessionChange((_session, reason) => {
  if (reason !== "refreshed") queryClient.clear();
});
if (typeof window !== "undefined") {
  window.addEventListener("storage", (e) => {
    if (e.key === SESSION_KEY && (!e.oldValue || !e.newValue)) queryClient.clear();
  });
}

/**
 * A list keeps showing its last page while the next filters load, but never across accounts: the
 * last answer lends its data only while the cache still holds it (clear() at a session change drops it).
 */
function keepPreviousWhileCached<T>(previous: T | undefined, query: { queryHash: string } | undefined) {
  return query && queryClient.getQueryCache().get(query.queryHash) === query ? previous : undefined;
}

const enc = encodeURIComponent;

export const keys = {
  prompts: ["prompts"] as const,
  promptList: (filters: PromptFilters) => ["prompts", "list", filters] as const,
  prompt: (id: string) => ["prompts", "detail", id] as const,
  promptVersions: (id: string) => ["prompts", "detail", id, "versions"] as const,
  promptDiff: (id: string, from: number, to: number) => ["prompts", "detail", id, "diff", from, to] as const,
  templates: ["templates"] as const,
  templateList: (filters: TemplateFilters) => ["templates", "list", filters] as const,
  template: (id: string) => ["templates", "detail", id] as const,
  apiKeys: ["account", "api-keys"] as const,
  stats: ["account", "stats"] as const,
  health: ["status", "health"] as const,
  meta: ["status", "meta"] as const,
  projects: ["projects"] as const,
  audit: (filters: AuditFilters) => ["audit", filters] as const,
};

/** Queries that need an account wait until one is signed in. */
function useSignedIn(): boolean {
  return useAuth().status === "signed-in";
}

// ---- prompts

export interface PromptFilters {
  q: string;
  category: string;
  tag: string;
  target_llm: string;
  sort: string;
  order: string;
}

const PROMPT_PAGE = 20;

/** My prompts, a page at a time (`fetchNextPage` follows the cursor); the last list stays on screen while filters change. */
export function usePromptList(filters: PromptFilters) {
  return useInfiniteQuery({
    queryKey: keys.promptList(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<PromptList>(`/prompts${qs({ ...filters, limit: PROMPT_PAGE, cursor: pageParam })}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousWhileCached,
    enabled: useSignedIn(),
  });
}

export function usePrompt(id: string | null) {
  return useQuery({
    queryKey: keys.prompt(id ?? ""),
    queryFn: ({ signal }) => api.get<Prompt>(`/prompts/${enc(id ?? "")}`, { signal }),
    enabled: useSignedIn() && id !== null,
  });
}

export function usePromptVersions(id: string) {
  return useQuery({
    queryKey: keys.promptVersions(id),
    queryFn: async ({ signal }) =>
      (await api.get<{ items: PromptVersion[] }>(`/prompts/${enc(id)}/versions`, { signal })).items,
    enabled: useSignedIn(),
  });
}

/**
 * The diff between two versions, once `pair` is given. A server without the diff route (404) gets
 * the same diff computed here from the versions' texts, when they are known.
 */
export function usePromptDiff(
  id: string,
  pair: { from: number; to: number } | null,
  versions: readonly PromptVersion[],
) {
  return useQuery({
    queryKey: keys.promptDiff(id, pair?.from ?? 0, pair?.to ?? 0),
    queryFn: async ({ signal }): Promise<PromptDiff> => {
      const { from, to } = pair ?? { from: 0, to: 0 };
      try {
        return await api.get<PromptDiff>(`/prompts/${enc(id)}/diff${qs({ from, to })}`, { signal });
      } catch (e) {
        const a = versions.find((v) => v.version === from);
        const b = versions.find((v) => v.version === to);
        if (e instanceof ApiError && e.status === 404 && a && b) {
          // Loaded only here, so the first page does not carry the diff code.
          const { diffLines } = await import("./diff");
          return { from, to, ...diffLines(a.content, b.content) };
        }
        throw e;
      }
    },
    enabled: pair !== null,
  });
}

/** After a write that returns the prompt: the cache holds the new prompt; its versions and every list refetch. */
export function usePromptWritten() {
  const client = useQueryClient();
  return (p: Prompt) => {
    client.setQueryData(keys.prompt(p.id), p);
    void client.invalidateQueries({ queryKey: keys.promptVersions(p.id) });
    void client.invalidateQueries({ queryKey: ["prompts", "list"] });
  };
}

export type PromptPutBody = Pick<Prompt, "title" | "content" | "category" | "tags" | "target_llm"> & {
  change_note: string | null;
};

/** PUT with If-Match: the edit's base version; a version_conflict ApiError when someone saved first. */
export function useSavePrompt(id: string) {
  const written = usePromptWritten();
  return useMutation({
    mutationFn: ({ body, baseVersion }: { body: PromptPutBody; baseVersion: number }) =>
      api.put<Prompt>(`/prompts/${enc(id)}`, body, { headers: { "if-match": `"${baseVersion}"` } }),
    onSuccess: written,
  });
}

/** PATCH with If-Match (an enhancement kept as the next version). */
export function usePatchPrompt() {
  const written = usePromptWritten();
  return useMutation({
    mutationFn: ({
      id,
      body,
      baseVersion,
    }: {
      id: string;
      body: { content: string; change_note: string | null };
      baseVersion: number;
    }) => api.patch<Prompt>(`/prompts/${enc(id)}`, body, { headers: { "if-match": `"${baseVersion}"` } }),
    onSuccess: written,
  });
}

export function useCreatePrompt() {
  const written = usePromptWritten();
  return useMutation({
    mutationFn: (body: {
      title: string;
      content: string;
      target_llm?: string;
      change_note?: string | null;
    }) => api.post<Prompt>("/prompts", body),
    onSuccess: written,
  });
}

export function useRestoreVersion(id: string) {
  const written = usePromptWritten();
  return useMutation({
    mutationFn: (version: number) => api.post<Prompt>(`/prompts/${enc(id)}/versions/${version}/restore`, {}),
    onSuccess: written,
  });
}

export function useDuplicatePrompt(id: string) {
  const written = usePromptWritten();
  return useMutation({
    mutationFn: () => api.post<Prompt>(`/prompts/${enc(id)}/duplicate`, {}),
    onSuccess: written,
  });
}

export function useDeletePrompt(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.del(`/prompts/${enc(id)}`),
    onSuccess: () => {
      client.removeQueries({ queryKey: keys.prompt(id) });
      void client.invalidateQueries({ queryKey: ["prompts", "list"] });
    },
  });
}

/** Every prompt with its versions, as one document (a download, so not kept in the cache). */
export function exportPrompts(): Promise<ExportDocument> {
  return api.get<ExportDocument>("/prompts/export");
}

export function useImportPrompts() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (doc: unknown) => api.post<{ imported: number }>("/prompts/import", doc),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.prompts }),
  });
}

// ---- templates

export interface TemplateFilters {
  scope: string;
  q: string;
  category: string;
}

const TEMPLATE_PAGE = 24;

export function useTemplateList(filters: TemplateFilters) {
  return useInfiniteQuery({
    queryKey: keys.templateList(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<TemplateList>(
        `/templates${qs({ ...filters, q: filters.q.trim(), limit: TEMPLATE_PAGE, cursor: pageParam })}`,
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousWhileCached,
    enabled: useSignedIn(),
  });
}

export function useTemplate(id: string | undefined) {
  return useQuery({
    queryKey: keys.template(id ?? ""),
    queryFn: ({ signal }) => api.get<Template>(`/templates/${enc(id ?? "")}`, { signal }),
    enabled: useSignedIn() && id !== undefined,
  });
}

function useTemplateWritten() {
  const client = useQueryClient();
  return (t: Template) => {
    client.setQueryData(keys.template(t.id), t);
    void client.invalidateQueries({ queryKey: ["templates", "list"] });
  };
}

/** Creates a template (no id) or replaces one. */
export function useSaveTemplate(id: string | undefined) {
  const written = useTemplateWritten();
  return useMutation({
    mutationFn: (body: unknown) =>
      id ? api.put<Template>(`/templates/${enc(id)}`, body) : api.post<Template>("/templates", body),
    onSuccess: written,
  });
}

export function useCloneTemplate(id: string) {
  const written = useTemplateWritten();
  return useMutation({
    mutationFn: () => api.post<Template>(`/templates/${enc(id)}/clone`, {}),
    onSuccess: written,
  });
}

export function useDeleteTemplate(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.del(`/templates/${enc(id)}`),
    onSuccess: () => {
      client.removeQueries({ queryKey: keys.template(id) });
      void client.invalidateQueries({ queryKey: ["templates", "list"] });
    },
  });
}

/** Renders a template and saves the text as a new prompt; the template's use count changes too. */
export function useUseTemplate(id: string) {
  const client = useQueryClient();
  const promptWritten = usePromptWritten();
  return useMutation({
    mutationFn: (body: unknown) => api.post<TemplateUseResult>(`/templates/${enc(id)}/use`, body),
    onSuccess: (res) => {
      if (res.prompt) promptWritten(res.prompt);
      void client.invalidateQueries({ queryKey: keys.templates });
      void client.invalidateQueries({ queryKey: keys.stats });
    },
  });
}

// ---- account

export function useApiKeys() {
  return useQuery({
    queryKey: keys.apiKeys,
    queryFn: async ({ signal }) => (await api.get<{ items: ApiKey[] }>("/auth/api-keys", { signal })).items,
    enabled: useSignedIn(),
  });
}

export function useCreateApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<CreatedApiKey>("/auth/api-keys", { name }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del(`/auth/api-keys/${enc(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}

export function useStats() {
  return useQuery({
    queryKey: keys.stats,
    queryFn: ({ signal }) => api.get<Stats>("/users/me/stats", { signal }),
    enabled: useSignedIn(),
  });
}

/** Saves the profile; the signed-in user everywhere becomes the answer. */
export function useUpdateProfile() {
  const auth = useAuth();
  return useMutation({
    mutationFn: (body: { full_name: string; email: string }) => api.patch<User>("/auth/me", body),
    onSuccess: (u) => auth.setUser(u),
  });
}

/** Changes the password; the server ends every other session and answers with a fresh one for this tab. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { current_password: string; new_password: string }) =>
      api.post<TokenPair>("/auth/change-password", body),
    onSuccess: (pair) => {
      storeTokens(pair, "refreshed");
    },
  });
}

// ---- status (administrators)

/** /health/detailed as the status page reads it: looser than the schema, for older servers too. */
export interface HealthCheck {
  status: string;
  response_time_ms?: number | null;
  [k: string]: unknown;
}
export interface DetailedHealth {
  status: string;
  version?: string;
  environment?: string;
  /** ISO string, or seconds since the epoch. */
  timestamp?: string | number;
  uptime_seconds?: number;
  checks?: Record<string, HealthCheck>;
}

export function useHealth(enabled: boolean) {
  return useQuery({
    queryKey: keys.health,
    queryFn: async ({ signal }) => {
      try {
        return await api.get<DetailedHealth>("/health/detailed", { signal });
      } catch (e) {
        // An unhealthy service answers 503 with the same body: show it rather than a bare error.
        if (e instanceof ApiError && e.status === 503) {
          try {
            const res = await fetch("/health/detailed", { signal });
            return (await res.json()) as DetailedHealth;
          } catch {
            // fall through to the first error
          }
        }
        throw e;
      }
    },
    enabled,
  });
}

/** The Grafana address the server advertises, when it is an http(s) URL. */
export function useGrafanaUrl(enabled: boolean) {
  return useQuery({
    queryKey: keys.meta,
    queryFn: async ({ signal }) => {
      try {
        const m = await api.get<{ grafana_url: string | null }>("/meta", { signal });
        return m.grafana_url && /^https?:\/\//i.test(m.grafana_url) ? m.grafana_url : null;
      } catch {
        return null;
      }
    },
    enabled,
  });
}

/** How this server lets people sign in: password, single sign-on, or both (public, cached for the visit). */
export function useSignInMethods() {
  return useQuery({
    queryKey: ["auth", "methods"] as const,
    queryFn: ({ signal }) => api.get<SignInMethods>("/auth/methods", { signal, auth: false }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

// ---- audit log

/** Which log (a project's slug, or "instance" for the instance administrators') and its filters. */
export interface AuditFilters {
  scope: string;
  action: string;
  actor: string;
  target: string;
  /** ISO instants, or "". */
  from: string;
  to: string;
}

const AUDIT_PAGE = 50;

function auditPath(scope: string): string {
  return scope === "instance" ? "/admin/audit" : `/projects/${enc(scope)}/audit`;
}

function auditQuery(f: AuditFilters) {
  return { action: f.action, actor: f.actor, target: f.target, from: f.from, to: f.to };
}

/** The projects I am a member of, with my role in each. */
export function useMyProjects() {
  return useQuery({
    queryKey: keys.projects,
    queryFn: ({ signal }) => api.get<ProjectList>("/projects", { signal }),
    enabled: useSignedIn(),
  });
}

/** One audit log, newest first, a page at a time. */
export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: keys.audit(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<AuditList>(
        `${auditPath(filters.scope)}${qs({ ...auditQuery(filters), limit: AUDIT_PAGE, cursor: pageParam })}`,
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: useSignedIn() && filters.scope !== "",
  });
}

/** Recomputes the chain of one log on the server. */
export function useVerifyAudit() {
  return useMutation({
    mutationFn: (scope: string) => api.get<AuditVerify>(`${auditPath(scope)}/verify`),
  });
}

/** The whole filtered log as JSON lines or CSV text, for a download. */
export function useExportAudit() {
  return useMutation({
    mutationFn: ({ filters, format }: { filters: AuditFilters; format: "jsonl" | "csv" }) =>
      api.get<string>(`${auditPath(filters.scope)}${qs({ ...auditQuery(filters), format })}`, { text: true }),
  });
}
