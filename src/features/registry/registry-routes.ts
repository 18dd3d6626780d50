// HTTP routes of the registry inside a project (/api/v1/projects/:project/…): a prompt's labels, its
// promotion requests and their decisions, and its own promotion gate. Schema + auth + one service call.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { errorResponses } from "../../http/route-kit.js";
import { projectAccess, useProjectRoutes } from "../projects/project-context.js";
import type { ProjectsService } from "../projects/projects-service.js";
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
  PromptParamsSchema,
} from "./registry-schemas.js";

const tags = ["registry"];

export interface RegistryRoutesOptions {
  labels: LabelsService;
  promotions: PromotionsService;
  projects: Pick<ProjectsService, "accessFor">;
}

const registryRoutes: FastifyPluginAsyncTypebox<RegistryRoutesOptions> = async (
  app,
  { labels, promotions, projects },
) => {
  const inProject = useProjectRoutes(app, projects);

  app.get(
    "/prompts/:id/labels",
    inProject({
      tags,
      summary: "A prompt's labels (latest included) and their history",
      params: PromptParamsSchema,
      response: { 200: LabelListSchema, ...errorResponses(401, 403, 404) },
    }),
    async (req) => labels.list(projectAccess(req), req.params.id),
  );

  app.put(
    "/prompts/:id/labels/:label",
    inProject({
      tags,
      summary: "Point a label at a version or a weighted split",
      description:
        "A protected label cannot be moved directly: 409 protected_label naming the promotion route (403 with an API key).",
      params: LabelParamsSchema,
      body: LabelMoveBodySchema,
      response: { 200: LabelSchema, ...errorResponses(401, 403, 404, 409, 422) },
    }),
    async (req) => labels.move(projectAccess(req), req.params.id, req.params.label, req.body),
  );

  app.delete(
    "/prompts/:id/labels/:label",
    inProject({
      tags,
      summary: "Remove a label",
      params: LabelParamsSchema,
      response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409, 422) },
    }),
    async (req, reply) => {
      await labels.remove(projectAccess(req), req.params.id, req.params.label);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/prompts/:id/promotions",
    inProject({
      tags,
      summary: "Request a promotion: diff, both versions' analyses and the quality gate's verdict",
      description: "A request the gate fails is stored with status blocked (201, gate.passed false).",
      params: PromptParamsSchema,
      body: PromotionRequestBodySchema,
      response: { 201: PromotionSchema, ...errorResponses(401, 403, 404, 422) },
    }),
    async (req, reply) =>
      reply.status(201).send(await promotions.request(projectAccess(req), req.params.id, req.body)),
  );

  app.get(
    "/prompts/:id/promotions",
    inProject({
      tags,
      summary: "A prompt's promotion requests, newest first (at most 100)",
      params: PromptParamsSchema,
      response: { 200: PromotionListSchema, ...errorResponses(401, 403, 404) },
    }),
    async (req) => promotions.list(projectAccess(req), req.params.id),
  );

  app.get(
    "/promotions",
    inProject({
      tags,
      summary: "The project's promotion requests, newest first (at most 100); ?status=pending for review",
      querystring: PromotionListQuerySchema,
      response: { 200: PromotionListSchema, ...errorResponses(401, 403, 404) },
    }),
    async (req) => promotions.listProject(projectAccess(req), req.query.status),
  );

  app.get(
    "/promotions/:id",
    inProject({
      tags,
      summary: "A promotion request with its diff, analyses and gate",
      params: PromotionParamsSchema,
      response: { 200: PromotionSchema, ...errorResponses(401, 403, 404) },
    }),
    async (req) => promotions.get(projectAccess(req), req.params.id),
  );

  for (const decision of ["approve", "reject"] as const) {
    app.post(
      `/promotions/:id/${decision}`,
      inProject({
        tags,
        summary:
          decision === "approve"
            ? "Approve a pending promotion: the label moves (admins; not the requester; never an API key)"
            : "Reject a pending promotion (admins; never an API key)",
        params: PromotionParamsSchema,
        body: Type.Optional(DecisionBodySchema),
        response: { 200: PromotionSchema, ...errorResponses(401, 403, 404, 409) },
      }),
      async (req) => promotions[decision](projectAccess(req), req.params.id, req.body?.comment),
    );
  }

  app.get(
    "/prompts/:id/promotion-gate",
    inProject({
      tags,
      summary: "The promotion gate of a prompt: its own, the project's and the one that applies",
      params: PromptParamsSchema,
      response: { 200: PromptGateSchema, ...errorResponses(401, 403, 404) },
    }),
    async (req) => promotions.getGate(projectAccess(req), req.params.id),
  );

  app.put(
    "/prompts/:id/promotion-gate",
    inProject({
      tags,
      summary: "Set the prompt's own promotion gate, overriding the project's (admins; never an API key)",
      params: PromptParamsSchema,
      body: GateSettingsSchema,
      response: { 200: PromptGateSchema, ...errorResponses(401, 403, 404, 422) },
    }),
    async (req) => promotions.setGate(projectAccess(req), req.params.id, req.body),
  );

  app.delete(
    "/prompts/:id/promotion-gate",
    inProject({
      tags,
      summary: "Remove the prompt's own gate: the project's applies again",
      params: PromptParamsSchema,
      response: { 200: PromptGateSchema, ...errorResponses(401, 403, 404) },
    }),
    async (req) => promotions.setGate(projectAccess(req), req.params.id, null),
  );
};

export default registryRoutes;
