// HTTP routes of a project's webhooks, mounted at /api/v1/projects/:project/webhooks. Each route is
// schema + auth + one service call; the service checks webhooks:manage.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { errorResponses } from "../../http/route-kit.js";
import { projectAccess, useProjectRoutes } from "../projects/project-context.js";
import type { ProjectsService } from "../projects/projects-service.js";
import {
  CreatedWebhookSchema,
  CreateWebhookBodySchema,
  DeliveriesQuerySchema,
  DeliveryListSchema,
  DeliverySchema,
  ProjectOnlyParamsSchema,
  UpdateWebhookBodySchema,
  WebhookListSchema,
  WebhookParamsSchema,
  WebhookSchema,
} from "./webhooks-schemas.js";
import type { WebhooksService } from "./webhooks-service.js";

export interface WebhooksRoutesOptions {
  webhooks: WebhooksService;
  projects: Pick<ProjectsService, "accessFor">;
}

const tags = ["webhooks"];
const NoContent = Type.Null({ description: "No content." });

const webhooksRoutes: FastifyPluginAsyncTypebox<WebhooksRoutesOptions> = async (
  app,
  { webhooks, projects },
) => {
  const route = useProjectRoutes(app, projects);

  app.post(
    "/",
    route({
      tags,
      summary: "Create a webhook (the signing secret is shown once)",
      description:
        'Deliveries are POSTed as JSON with PromptForge-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>"> and a PromptForge-Delivery id (docs/webhooks.md).',
      params: ProjectOnlyParamsSchema,
      body: CreateWebhookBodySchema,
      response: { 201: CreatedWebhookSchema, ...errorResponses(401, 403, 404, 422, 503) },
    }),
    async (req, reply) => reply.status(201).send(await webhooks.create(projectAccess(req), req.body)),
  );

  app.get(
    "/",
    route({
      tags,
      summary: "The project's webhooks (never their secrets)",
      params: ProjectOnlyParamsSchema,
      response: { 200: WebhookListSchema, ...errorResponses(401, 403, 404) },
    }),
    async (req) => webhooks.list(projectAccess(req)),
  );

  app.get(
    "/:id",
    route({
      tags,
      summary: "One webhook",
      params: WebhookParamsSchema,
      response: { 200: WebhookSchema, ...errorResponses(401, 403, 404) },
    }),
    async (req) => webhooks.get(projectAccess(req), req.params.id),
  );

  app.patch(
    "/:id",
    route({
      tags,
      summary: "Change a webhook's URL, events, secret or active flag (only the fields given)",
      params: WebhookParamsSchema,
      body: UpdateWebhookBodySchema,
      response: { 200: WebhookSchema, ...errorResponses(401, 403, 404, 422, 503) },
    }),
    async (req) => webhooks.update(projectAccess(req), req.params.id, req.body),
  );

  app.delete(
    "/:id",
    route({
      tags,
      summary: "Delete a webhook and its delivery log (queued deliveries are dropped)",
      params: WebhookParamsSchema,
      response: { 204: NoContent, ...errorResponses(401, 403, 404) },
    }),
    async (req, reply) => {
      await webhooks.remove(projectAccess(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/:id/deliveries",
    route({
      tags,
      summary: "The webhook's delivery log, newest first",
      params: WebhookParamsSchema,
      querystring: DeliveriesQuerySchema,
      response: { 200: DeliveryListSchema, ...errorResponses(401, 403, 404, 422) },
    }),
    async (req) => webhooks.deliveries(projectAccess(req), req.params.id, req.query),
  );

  app.post(
    "/:id/test",
    route({
      tags,
      summary: "Send a ping now (one attempt, no retries) and return its delivery",
      params: WebhookParamsSchema,
      response: { 200: DeliverySchema, ...errorResponses(401, 403, 404) },
    }),
    async (req) => webhooks.test(projectAccess(req), req.params.id),
  );
};

export default webhooksRoutes;
