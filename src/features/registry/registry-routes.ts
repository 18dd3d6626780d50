// HTTP routes of the registry inside a project (/api/v1/projects/:project/…): a prompt's labels, its
// promotion requests and their decisions, and its own promotion gate. Schema + auth + one service call.
import { Type } from "typebox";
import { documentRoutes, IdParamsSchema, NoContentSchema } from "../../http/route-kit.js";
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
    route.get("/prompts/:id/labels", {
      summary: "A prompt's labels (latest included) and their history",
      params: IdParamsSchema,
      response: { 200: LabelListSchema },
      handler: (req, access) => labels.list(access, req.params.id),
    });

    route.put("/prompts/:id/labels/:label", {
      summary: "Point a label at a version or a weighted split",
      description:
        "A protected label cannot be moved directly: 409 protected_label naming the promotion route (403 with an API key).",
      params: LabelParamsSchema,
      body: LabelMoveBodySchema,
      response: { 200: LabelSchema },
      errors: [409, 422],
      handler: (req, access) => labels.move(access, req.params.id, req.params.label, req.body),
    });

    route.delete("/prompts/:id/labels/:label", {
      summary: "Remove a label",
      params: LabelParamsSchema,
      response: { 204: NoContentSchema },
      errors: [409, 422],
      handler: (req, access) => labels.remove(access, req.params.id, req.params.label),
    });

    route.post("/prompts/:id/promotions", {
      summary: "Request a promotion: diff, both versions' analyses and the quality gate's verdict",
      description: "A request the gate fails is stored with status blocked (201, gate.passed false).",
      params: IdParamsSchema,
      body: PromotionRequestBodySchema,
      response: { 201: PromotionSchema },
      errors: [422],
      handler: (req, access) => promotions.request(access, req.params.id, req.body),
    });

    route.get("/prompts/:id/promotions", {
      summary: "A prompt's promotion requests, newest first (at most 100)",
      params: IdParamsSchema,
      response: { 200: PromotionListSchema },
      handler: (req, access) => promotions.list(access, req.params.id),
    });

    route.get("/promotions", {
      summary: "The project's promotion requests, newest first (at most 100); ?status=pending for review",
      querystring: PromotionListQuerySchema,
      response: { 200: PromotionListSchema },
      handler: (req, access) => promotions.listProject(access, req.query.status),
    });

    route.get("/promotions/:id", {
      summary: "A promotion request with its diff, analyses and gate",
      params: PromotionParamsSchema,
      response: { 200: PromotionSchema },
      handler: (req, access) => promotions.get(access, req.params.id),
    });

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
