// HTTP routes of the registry inside a project (/api/v1/projects/:project/…): a prompt's labels, its
// promotion requests and their decisions, and its own promotion gate. Schema + auth + one service call.
import { Type } from "typebox";
import { documentRoutes, resourceRoutes } from "../../http/resource-routes.js";
import { IdParamsSchema } from "../../http/route-kit.js";
import { projectRoutes } from "../projects/project-context.js";
import type { LabelsService } from "./labels-service.js";
import type { PromotionsService } from "./promotions-service.js";
import {
  DecisionBodySchema,
  GateSettingsSchema,
  LabelListSchema,
  LabelMoveBodySchema,
  LabelParamsSchema,
  LabelSchema,
  PromotionListQuerySchema,
  PromotionListSchema,
  PromotionParamsSchema,
  PromotionRequestBodySchema,
  PromotionSchema,
  PromptGateSchema,
} from "./registry-schemas.js";

export default projectRoutes<{ labels: LabelsService; promotions: PromotionsService }>(
  { tags: ["registry"] },
  (route, { labels, promotions }) => {
    resourceRoutes(
      route,
      "/prompts/:id/labels",
      { ...labels, update: labels.move },
      {
        key: "label",
        params: LabelParamsSchema,
        collectionParams: IdParamsSchema,
        list: { summary: "A prompt's labels (latest included) and their history", response: LabelListSchema },
        update: {
          method: "put",
          summary: "Point a label at a version or a weighted split",
          description:
            "A protected label cannot be moved directly: 409 protected_label naming the promotion route (403 with an API key).",
          body: LabelMoveBodySchema,
          response: LabelSchema,
          errors: [409, 422],
        },
        remove: { summary: "Remove a label", errors: [409, 422] },
      },
    );

    resourceRoutes(
      route,
      "/prompts/:id/promotions",
      { create: promotions.request, list: promotions.list },
      {
        collectionParams: IdParamsSchema,
        create: {
          summary: "Request a promotion: diff, both versions' analyses and the quality gate's verdict",
          description: "A request the gate fails is stored with status blocked (201, gate.passed false).",
          body: PromotionRequestBodySchema,
          response: PromotionSchema,
          errors: [422],
        },
        list: {
          summary: "A prompt's promotion requests, newest first (at most 100)",
          response: PromotionListSchema,
        },
      },
    );

    resourceRoutes(
      route,
      "/promotions",
      { list: (access, query) => promotions.listProject(access, query.status), get: promotions.get },
      {
        params: PromotionParamsSchema,
        list: {
          summary: "The project's promotion requests, newest first (at most 100); ?status=pending for review",
          querystring: PromotionListQuerySchema,
          response: PromotionListSchema,
        },
        get: { summary: "A promotion request with its diff, analyses and gate", response: PromotionSchema },
      },
    );

    for (const decision of ["approve", "reject"] as const) {
      route.post(`/promotions/:id/${decision}`, {
        summary:
          decision === "approve"
            ? "Approve a pending promotion: the label moves (admins; not the requester; never an API key)"
            : "Reject a pending promotion (admins; never an API key)",
        params: PromotionParamsSchema,
        body: Type.Optional(DecisionBodySchema),
        response: { 200: PromotionSchema },
        errors: [409],
        handler: (req, access) => promotions[decision](access, req.params.id, req.body?.comment),
      });
    }

    // The prompt's own gate; removing it makes the project's apply again.
    documentRoutes(
      route,
      "/prompts/:id/promotion-gate",
      {
        get: promotions.getGate,
        put: promotions.setGate,
        clear: (access, id) => promotions.setGate(access, id, null),
      },
      {
        response: PromptGateSchema,
        get: { summary: "The promotion gate of a prompt: its own, the project's and the one that applies" },
        put: {
          summary: "Set the prompt's own promotion gate, overriding the project's (admins; never an API key)",
          body: GateSettingsSchema,
          errors: [422],
        },
        clear: { summary: "Remove the prompt's own gate: the project's applies again" },
      },
    );
  },
);
