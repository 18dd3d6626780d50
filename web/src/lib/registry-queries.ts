// The registry's part of the web app's data layer (see ./queries): a prompt's labels and promotions, the
// project's registry settings and webhooks, and the published prompt-config schema. Registry routes always
// live under /projects/:slug, the personal project's own slug included.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api } from "./api";
import type { JsonSchema } from "./json-schema";
import type { Project } from "./project";
import { useProjectList, useProjectScope, useSignedIn } from "./queries";
import { useItemsQuery, useRefreshingMutation } from "./query-kit";
import type {
  CreatedWebhook,
  LabelList,
  Promotion,
  PromotionSummary,
  PromptLabel,
  RegistrySettings,
  Webhook,
  WebhookDelivery,
  WebhookEvent,
} from "./registry-types";

const enc = encodeURIComponent;

/** Where the current project's registry routes start, once its slug is known ("" before). */
export function useRegistryBase(): { slug: string; base: string } {
  const { project, slug } = useProjectScope();
  const real = project?.slug ?? slug;
  return { slug, base: real ? `/projects/${enc(real)}` : "" };
}

export const registryKeys = {
  labels: (project: string, id: string) => ["prompts", project, "detail", id, "labels"] as const,
  promotion: (project: string, id: string) => ["promotions", project, id] as const,
  promptPromotions: (project: string, id: string) =>
    ["prompts", project, "detail", id, "promotions"] as const,
  webhooks: (project: string) => ["projects", project, "webhooks"] as const,
  deliveries: (project: string, id: string) => ["projects", project, "webhooks", id, "deliveries"] as const,
  configSchema: ["schemas", "prompt-config"] as const,
};

export function usePromptLabels(id: string) {
  const { slug, base } = useRegistryBase();
  return useQuery({
    queryKey: registryKeys.labels(slug, id),
    queryFn: ({ signal }) => api.get<LabelList>(`${base}/prompts/${enc(id)}/labels`, { signal }),
    enabled: useSignedIn() && base !== "",
  });
}

/** Moves (PUT) a label to a version, or removes it (version null → DELETE). */
export function useSetLabel(id: string) {
  const { slug, base } = useRegistryBase();
  return useRefreshingMutation(
    registryKeys.labels(slug, id),
    async ({ label, version }: { label: string; version: number | null }) => {
      if (version === null) await api.del(`${base}/prompts/${enc(id)}/labels/${enc(label)}`);
      else await api.put<PromptLabel>(`${base}/prompts/${enc(id)}/labels/${enc(label)}`, { version });
    },
  );
}

/** A prompt's promotion requests, newest first. */
export function usePromptPromotions(id: string) {
  const { slug, base } = useRegistryBase();
  return useItemsQuery<PromotionSummary>(
    registryKeys.promptPromotions(slug, id),
    `${base}/prompts/${enc(id)}/promotions`,
    useSignedIn() && base !== "",
  );
}

export function useRequestPromotion(id: string) {
  const client = useQueryClient();
  const { slug, base } = useRegistryBase();
  return useMutation({
    mutationFn: (body: { label: string; version: number; note?: string }) =>
      api.post<Promotion>(`${base}/prompts/${enc(id)}/promotions`, body),
    onSuccess: (p) => {
      client.setQueryData(registryKeys.promotion(slug, p.id), p);
      void client.invalidateQueries({ queryKey: registryKeys.promptPromotions(slug, id) });
    },
  });
}

/** One promotion request of a project named by the address (a link works in any current project). */
export function usePromotion(project: string, id: string) {
  return useQuery({
    queryKey: registryKeys.promotion(project, id),
    queryFn: ({ signal }) =>
      api.get<Promotion>(`/projects/${enc(project)}/promotions/${enc(id)}`, { signal }),
    enabled: useSignedIn(),
  });
}

export function useDecidePromotion(project: string, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ decision, comment }: { decision: "approve" | "reject"; comment: string }) =>
      api.post<Promotion>(`/projects/${enc(project)}/promotions/${enc(id)}/${decision}`, { comment }),
    onSuccess: (p) => {
      client.setQueryData(registryKeys.promotion(project, id), p);
      // The label moved: every prompt's labels of this project may show it.
      void client.invalidateQueries({ queryKey: ["prompts"] });
    },
  });
}

/** Changes only the registry settings given (PATCH /projects/:slug). */
export function useUpdateRegistrySettings(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<RegistrySettings>) => api.patch<Project>(`/projects/${enc(project)}`, body),
    onSuccess: (p) => {
      client.setQueryData(["projects", project, "detail"], p);
      void client.invalidateQueries({ queryKey: ["prompts"] });
    },
  });
}

/** The config JSON Schema the server publishes; null when this server has none (the form then relies on its 422). */
export function usePromptConfigSchema() {
  return useQuery({
    queryKey: registryKeys.configSchema,
    queryFn: async ({ signal }) => {
      try {
        return await api.get<JsonSchema>("/schemas/prompt-config.json", { signal, auth: false });
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useWebhooks(project: string, enabled: boolean) {
  return useProjectList<Webhook>(registryKeys.webhooks(project), project, "webhooks", enabled);
}

export function useCreateWebhook(project: string) {
  return useRefreshingMutation(
    registryKeys.webhooks(project),
    (body: { url: string; events: WebhookEvent[] }) =>
      api.post<CreatedWebhook>(`/projects/${enc(project)}/webhooks`, body),
  );
}

export function useUpdateWebhook(project: string) {
  return useRefreshingMutation(
    registryKeys.webhooks(project),
    ({ id, ...body }: { id: string; url?: string; events?: WebhookEvent[]; active?: boolean }) =>
      api.patch<Webhook>(`/projects/${enc(project)}/webhooks/${enc(id)}`, body),
  );
}

export function useDeleteWebhook(project: string) {
  return useRefreshingMutation(registryKeys.webhooks(project), (id: string) =>
    api.del(`/projects/${enc(project)}/webhooks/${enc(id)}`),
  );
}

export function useWebhookDeliveries(project: string, id: string | null) {
  return useItemsQuery<WebhookDelivery>(
    registryKeys.deliveries(project, id ?? ""),
    `/projects/${enc(project)}/webhooks/${enc(id ?? "")}/deliveries`,
    useSignedIn() && id !== null,
  );
}

export function useTestWebhook(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<unknown>(`/projects/${enc(project)}/webhooks/${enc(id)}/test`, {}),
    onSuccess: (_r, id) => client.invalidateQueries({ queryKey: registryKeys.deliveries(project, id) }),
  });
}
