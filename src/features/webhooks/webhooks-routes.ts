// HTTP routes of a project's webhooks, mounted at /api/v1/projects/:project/webhooks. Each route is
// schema + auth + one service call; the service checks webhooks:manage.
import { resourceRoutes } from "../../http/resource-routes.js";
import { projectRoutes } from "../projects/project-context.js";
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

export default projectRoutes<{ webhooks: WebhooksService }>({ tags: ["webhooks"] }, (route, { webhooks }) => {
  resourceRoutes(route, "", webhooks, {
    params: WebhookParamsSchema,
    collectionParams: ProjectOnlyParamsSchema,
    item: WebhookSchema,
    create: {
      summary: "Create a webhook (the signing secret is shown once)",
      description:
        'Deliveries are POSTed as JSON with PromptForge-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>"> and a PromptForge-Delivery id (docs/webhooks.md).',
      body: CreateWebhookBodySchema,
      response: CreatedWebhookSchema,
      errors: [422, 503],
    },
    list: { summary: "The project's webhooks (never their secrets)", response: WebhookListSchema },
    get: { summary: "One webhook" },
    update: {
      summary: "Change a webhook's URL, events, secret or active flag (only the fields given)",
      body: UpdateWebhookBodySchema,
      errors: [422, 503],
    },
    remove: { summary: "Delete a webhook and its delivery log (queued deliveries are dropped)" },
    actions: {
      deliveries: {
        method: "get",
        summary: "The webhook's delivery log, newest first",
        querystring: DeliveriesQuerySchema,
        response: DeliveryListSchema,
        errors: [422],
      },
      test: {
        method: "post",
        summary: "Send a ping now (one attempt, no retries) and return its delivery",
        response: DeliverySchema,
      },
    },
  });
});
