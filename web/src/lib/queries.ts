// The web app's data layer: every read of the API is a TanStack Query hook with a key from
// `keys`, and every write a mutation that puts the answer into the cache and invalidates what it made
// stale — so pages hold no fetch state of their own, and a prompt saved here shows as saved everywhere.
// The cache belongs to one account: it is emptied whenever the session starts or ends.
import {
  QueryClient,
  type QueryKey,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { ApiError, api, onSessionChange, qs, SESSION_KEY, storeTokens } from "./api";
import { useAuth } from "./auth";
import { type Project, projectBase, type Role, resolveProject, useChosenSlug } from "./project";
import { useItemsQuery, useRefreshingMutation } from "./query-kit";
import type { FolderList, RegistryFields, VariableSpec } from "./registry-types";
import type {
  ApiKey,
  AuditList,
  AuditVerify,
  CreatedApiKey,
  CreatedInvitation,
  CreatedProjectApiKey,
  ExportDocument,
  Invitation,
  Member,
  ProjectApiKey,
  ProjectList,
  Prompt,
  PromptDiff,
  PromptList,
  PromptVersion,
  Scope,
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

// Prompts and templates are keyed by project ("" is the personal one), so switching projects never shows
// one project's list under another's name.
export const keys = {
  prompts: ["prompts"] as const,
  promptLists: (project: string) => ["prompts", project, "list"] as const,
  promptList: (project: string, filters: PromptFilters) => ["prompts", project, "list", filters] as const,
  prompt: (project: string, id: string) => ["prompts", project, "detail", id] as const,
  promptVersions: (project: string, id: string) => ["prompts", project, "detail", id, "versions"] as const,
  promptDiff: (project: string, id: string, from: number, to: number) =>
    ["prompts", project, "detail", id, "diff", from, to] as const,
  templates: ["templates"] as const,
  templateLists: (project: string) => ["templates", project, "list"] as const,
  templateList: (project: string, filters: TemplateFilters) =>
    ["templates", project, "list", filters] as const,
  template: (project: string, id: string) => ["templates", project, "detail", id] as const,
  apiKeys: ["account", "api-keys"] as const,
  stats: ["account", "stats"] as const,
  health: ["status", "health"] as const,
  meta: ["status", "meta"] as const,
  projects: ["projects"] as const,
  members: (project: string) => ["projects", project, "members"] as const,
  invitations: (project: string) => ["projects", project, "invitations"] as const,
  projectKeys: (project: string) => ["projects", project, "api-keys"] as const,
  audit: (filters: AuditFilters) => ["audit", filters] as const,
};

/** Queries that need an account wait until one is signed in. */
export function useSignedIn(): boolean {
  return useAuth().status === "signed-in";
}

// ---- the current project

export interface ProjectScope {
  /** The chosen project's slug; "" for the personal project. */
  slug: string;
  /** Where its prompt and template routes start ("" or "/projects/<slug>"). */
  base: string;
  /** The project as the server lists it, once the list is known. */
  project: Project | undefined;
  /** My role in it, as the server reports it (undefined while the list loads). */
  role: Role | undefined;
}

/** The project the prompt and template pages work in (see ./project). */
export function useProjectScope(): ProjectScope {
  const stored = useChosenSlug();
  const projects = useMyProjects();
  const { slug, project } = resolveProject(stored, projects.data?.items);
  // The personal project is always mine to write in, even before the list arrives.
  const role = project?.role ?? (slug === "" ? "owner" : undefined);
  return { slug, base: projectBase(slug), project, role };
}

// ---- prompts

export interface PromptFilters {
  q: string;
  category: string;
  tag: string;
  target_llm: string;
  sort: string;
  order: string;
  /** A folder ("support/triage"): that folder and below; "" for all. */
  folder?: string;
}

const PROMPT_PAGE = 20;

/**
 * A list a page at a time (`fetchNextPage` follows the cursor); the last list stays on screen while
 * filters change.
 */
function usePagedList<Page extends { next_cursor: string | null }>(
  queryKey: readonly unknown[],
  path: string,
  params: Record<string, string>,
  limit: number,
) {
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) =>
      api.get<Page>(`${path}${qs({ ...params, limit, cursor: pageParam })}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousWhileCached,
    enabled: useSignedIn(),
  });
}

/** The current project's prompts, a page at a time. */
export function usePromptList(filters: PromptFilters) {
  const { slug, base } = useProjectScope();
  return usePagedList<PromptList>(
    keys.promptList(slug, filters),
    `${base}/prompts`,
    { ...filters },
    PROMPT_PAGE,
  );
}

/** The current project's folders with their prompt counts; null on a server without folders. */
export function usePromptFolders() {
  const { slug, base } = useProjectScope();
  return useQuery({
    queryKey: [...keys.promptLists(slug), "folders"] as const,
    queryFn: async ({ signal }) => {
      try {
        return await api.get<FolderList>(`${base}/prompts/folders`, { signal });
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    enabled: useSignedIn(),
  });
}

/** One prompt or template of the current project, cached under `key`; nothing is fetched without an id. */
function useProjectItem<T>(
  kind: "prompts" | "templates",
  key: (project: string, id: string) => QueryKey,
  id: string | null | undefined,
) {
  const { slug, base } = useProjectScope();
  return useQuery({
    queryKey: key(slug, id ?? ""),
    queryFn: ({ signal }) => api.get<T>(`${base}/${kind}/${enc(id ?? "")}`, { signal }),
    enabled: useSignedIn() && id != null,
  });
}

export function usePrompt(id: string | null) {
  return useProjectItem<Prompt>("prompts", keys.prompt, id);
}

export function usePromptVersions(id: string) {
  const { slug, base } = useProjectScope();
  return useItemsQuery<PromptVersion>(
    keys.promptVersions(slug, id),
    `${base}/prompts/${enc(id)}/versions`,
    useSignedIn(),
  );
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
  const { slug, base } = useProjectScope();
  return useQuery({
    queryKey: keys.promptDiff(slug, id, pair?.from ?? 0, pair?.to ?? 0),
    queryFn: async ({ signal }): Promise<PromptDiff> => {
      const { from, to } = pair ?? { from: 0, to: 0 };
      try {
        return await api.get<PromptDiff>(`${base}/prompts/${enc(id)}/diff${qs({ from, to })}`, { signal });
      } catch (e) {
        const a = versions.find((v) => v.version === from);
        const b = versions.find((v) => v.version === to);
        if (e instanceof ApiError && e.status === 404 && a && b) {
          // Loaded only here, so the first page does not carry the diff code.
          const { diffLines } = await import("./diff");
          const shape = (v: PromptVersion) => ({
            type: v.type,
            messages: v.messages,
            variables: v.variables,
            config: v.config,
          });
          const changed = (["type", "messages", "variables", "config"] as const).filter(
            (k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]),
          );
          return {
            from,
            to,
            ...diffLines(a.content, b.content),
            changed: [...changed],
            versions: { from: shape(a), to: shape(b) },
          };
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
  const { slug } = useProjectScope();
  return (p: Prompt) => {
    client.setQueryData(keys.prompt(slug, p.id), p);
    void client.invalidateQueries({ queryKey: keys.promptVersions(slug, p.id) });
    void client.invalidateQueries({ queryKey: keys.promptLists(slug) });
  };
}

export type PromptPutBody = Pick<Prompt, "title" | "content" | "category" | "tags" | "target_llm"> & {
  change_note: string | null;
} & Partial<Omit<RegistryFields, "variables">> & { variables?: VariableSpec[] };

/** A write of one prompt of the current project (`write` gets its API base); the answer is cached as written. */
function usePromptWrite<V>(write: (base: string, variables: V) => Promise<Prompt>) {
  const written = usePromptWritten();
  const { base } = useProjectScope();
  return useMutation({ mutationFn: (variables: V) => write(base, variables), onSuccess: written });
}

/** The If-Match header that makes a write apply only on top of `version` (else a 409 version_conflict). */
function ifMatch(version: number) {
  return { headers: { "if-match": `"${version}"` } };
}

/** PUT with If-Match: the edit's base version; a version_conflict ApiError when someone saved first. */
export function useSavePrompt(id: string) {
  return usePromptWrite((base, { body, baseVersion }: { body: PromptPutBody; baseVersion: number }) =>
    api.put<Prompt>(`${base}/prompts/${enc(id)}`, body, ifMatch(baseVersion)),
  );
}

/** PATCH with If-Match (an enhancement kept as the next version). */
export function usePatchPrompt() {
  type Patch = { id: string; body: { content: string; change_note: string | null }; baseVersion: number };
  return usePromptWrite((base, { id, body, baseVersion }: Patch) =>
    api.patch<Prompt>(`${base}/prompts/${enc(id)}`, body, ifMatch(baseVersion)),
  );
}

export function useCreatePrompt() {
  type NewPrompt = { title: string; content: string; target_llm?: string; change_note?: string | null };
  return usePromptWrite((base, body: NewPrompt) => api.post<Prompt>(`${base}/prompts`, body));
}

export function useRestoreVersion(id: string) {
  return usePromptWrite((base, version: number) =>
    api.post<Prompt>(`${base}/prompts/${enc(id)}/versions/${version}/restore`, {}),
  );
}

/** Copies a prompt or a template (an empty POST to `path`) and caches the copy as written. */
function useCopyMutation<T>(path: string, written: (copy: T) => void) {
  return useMutation({ mutationFn: () => api.post<T>(path, {}), onSuccess: written });
}

export function useDuplicatePrompt(id: string) {
  const { base } = useProjectScope();
  return useCopyMutation(`${base}/prompts/${enc(id)}/duplicate`, usePromptWritten());
}

/** Deletes a prompt or a template of the current project: its cached copy goes and its lists refetch. */
function useDeleteItem(kind: "prompts" | "templates", id: string) {
  const client = useQueryClient();
  const { slug, base } = useProjectScope();
  return useMutation({
    mutationFn: () => api.del(`${base}/${kind}/${enc(id)}`),
    onSuccess: () => {
      client.removeQueries({ queryKey: [kind, slug, "detail", id] });
      void client.invalidateQueries({ queryKey: [kind, slug, "list"] });
    },
  });
}

export function useDeletePrompt(id: string) {
  return useDeleteItem("prompts", id);
}

/** Every prompt of a project with its versions, as one document (a download, so not kept in the cache). */
export function exportPrompts(base: string): Promise<ExportDocument> {
  return api.get<ExportDocument>(`${base}/prompts/export`);
}

export function useImportPrompts() {
  const { slug, base } = useProjectScope();
  return useRefreshingMutation(["prompts", slug], (doc: unknown) =>
    api.post<{ imported: number }>(`${base}/prompts/import`, doc),
  );
}

// ---- templates

export interface TemplateFilters {
  scope: string;
  q: string;
  category: string;
}

const TEMPLATE_PAGE = 24;

export function useTemplateList(filters: TemplateFilters) {
  const { slug, base } = useProjectScope();
  const params = { ...filters, q: filters.q.trim() };
  return usePagedList<TemplateList>(
    keys.templateList(slug, filters),
    `${base}/templates`,
    params,
    TEMPLATE_PAGE,
  );
}

export function useTemplate(id: string | undefined) {
  return useProjectItem<Template>("templates", keys.template, id);
}

function useTemplateWritten() {
  const client = useQueryClient();
  const { slug } = useProjectScope();
  return (t: Template) => {
    client.setQueryData(keys.template(slug, t.id), t);
    void client.invalidateQueries({ queryKey: keys.templateLists(slug) });
  };
}

/** Creates a template (no id) or replaces one. */
export function useSaveTemplate(id: string | undefined) {
  const written = useTemplateWritten();
  const { base } = useProjectScope();
  return useMutation({
    mutationFn: (body: unknown) =>
      id
        ? api.put<Template>(`${base}/templates/${enc(id)}`, body)
        : api.post<Template>(`${base}/templates`, body),
    onSuccess: written,
  });
}

export function useCloneTemplate(id: string) {
  const { base } = useProjectScope();
  return useCopyMutation(`${base}/templates/${enc(id)}/clone`, useTemplateWritten());
}

export function useDeleteTemplate(id: string) {
  return useDeleteItem("templates", id);
}

/** Renders a template and saves the text as a new prompt; the template's use count changes too. */
export function useUseTemplate(id: string) {
  const client = useQueryClient();
  const promptWritten = usePromptWritten();
  const { base } = useProjectScope();
  return useMutation({
    mutationFn: (body: unknown) => api.post<TemplateUseResult>(`${base}/templates/${enc(id)}/use`, body),
    onSuccess: (res) => {
      if (res.prompt) promptWritten(res.prompt);
      void client.invalidateQueries({ queryKey: keys.templates });
      void client.invalidateQueries({ queryKey: keys.stats });
    },
  });
}

// ---- account

export function useApiKeys() {
  return useItemsQuery<ApiKey>(keys.apiKeys, "/auth/api-keys", useSignedIn());
}

export function useCreateApiKey() {
  return useRefreshingMutation(keys.apiKeys, (name: string) =>
    api.post<CreatedApiKey>("/auth/api-keys", { name }),
  );
}

export function useRevokeApiKey() {
  return useRefreshingMutation(keys.apiKeys, (id: string) => api.del(`/auth/api-keys/${enc(id)}`));
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
  /** checks.search only: index (trigram indexes) or scan. */
  mode?: string | null;
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

// ---- projects, members, invitations, project API keys

/** A project I just made or joined is in my list at once, so choosing it never waits for a refetch. */
function addProject(client: QueryClient, p: Project) {
  client.setQueryData<ProjectList>(keys.projects, (old) =>
    old && !old.items.some((x) => x.id === p.id) ? { items: [...old.items, p] } : old,
  );
}

export function useCreateProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; slug: string }) => api.post<Project>("/projects", body),
    onSuccess: (p) => {
      addProject(client, p);
      void client.invalidateQueries({ queryKey: keys.projects });
    },
  });
}

/** One project as the server sees it for me (my role included); 404 when I am not a member. */
export function useProject(slug: string) {
  return useQuery({
    queryKey: ["projects", slug, "detail"] as const,
    queryFn: ({ signal }) => api.get<Project>(`/projects/${enc(slug)}`, { signal }),
    enabled: useSignedIn() && slug !== "",
  });
}

/**
 * A list of project `slug` (`/projects/<slug>/<list>`, answered as `{ items }`); it runs only while
 * `enabled`, for the lists only some roles may read.
 */
export function useProjectList<T>(queryKey: QueryKey, slug: string, list: string, enabled = true) {
  return useItemsQuery<T>(
    queryKey,
    `/projects/${enc(slug)}/${list}`,
    useSignedIn() && slug !== "" && enabled,
  );
}

export function useMembers(slug: string) {
  return useProjectList<Member>(keys.members(slug), slug, "members");
}

export function useChangeRole(slug: string) {
  return useRefreshingMutation(["projects"], ({ userId, role }: { userId: string; role: Role }) =>
    api.patch<Member>(`/projects/${enc(slug)}/members/${enc(userId)}`, { role }),
  );
}

/** Removes a member, or with my own id leaves the project. */
export function useRemoveMember(slug: string) {
  return useRefreshingMutation(["projects"], (userId: string) =>
    api.del(`/projects/${enc(slug)}/members/${enc(userId)}`),
  );
}

/** Open invitations: only owners and admins may list them. */
export function useInvitations(slug: string, enabled: boolean) {
  return useProjectList<Invitation>(keys.invitations(slug), slug, "invitations", enabled);
}

export function useInvite(slug: string) {
  return useRefreshingMutation(keys.invitations(slug), (body: { email: string; role: Role }) =>
    api.post<CreatedInvitation>(`/projects/${enc(slug)}/invitations`, body),
  );
}

export function useRevokeInvitation(slug: string) {
  return useRefreshingMutation(keys.invitations(slug), (id: string) =>
    api.del(`/projects/${enc(slug)}/invitations/${enc(id)}`),
  );
}

/** Joins the project an invitation link names; my project list changes. */
export function useAcceptInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api.post<Project>(`/invitations/${enc(token)}/accept`, {}),
    onSuccess: (p) => {
      addProject(client, p);
      void client.invalidateQueries({ queryKey: keys.projects });
    },
  });
}

export function useProjectApiKeys(slug: string, enabled: boolean) {
  return useProjectList<ProjectApiKey>(keys.projectKeys(slug), slug, "api-keys", enabled);
}

export function useCreateProjectApiKey(slug: string) {
  return useRefreshingMutation(
    keys.projectKeys(slug),
    (body: { name: string; scopes: Scope[]; expires_at?: string }) =>
      api.post<CreatedProjectApiKey>(`/projects/${enc(slug)}/api-keys`, body),
  );
}

export function useRevokeProjectApiKey(slug: string) {
  return useRefreshingMutation(keys.projectKeys(slug), (id: string) =>
    api.del(`/projects/${enc(slug)}/api-keys/${enc(id)}`),
  );
}
