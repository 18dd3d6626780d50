// HTTP routes of /api/v1/analysis, plus GET /api/v1/prompts/:id/analyses (a prompt's score history,
// kept here because it reads the analysis feature's table). Each route is schema + auth + one service
// call. Registered once under /api/v1, with the one analysis service built in services.ts.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { ErrorResponseSchema, errorResponses } from "../../http/route-kit.js";
import { projectAccess, useProjectRoutes } from "../projects/project-context.js";
import type { ProjectsService } from "../projects/projects-service.js";
import {
  AmbiguitiesResponseSchema,
  AnalysisHistorySchema,
  AnalysisResultSchema,
  AnalyzeBodySchema,
  BatchBodySchema,
  BatchResponseSchema,
  BestPracticesResponseSchema,
  EnhanceBodySchema,
  EnhanceResponseSchema,
  ModelsResponseSchema,
  PromptIdParamsSchema,
  TextBodySchema,
  VersionsBodySchema,
  VersionsParamsSchema,
} from "./analysis-schemas.js";
import type { AnalysisService } from "./analysis-service.js";

export interface AnalysisRoutesOptions {
  analysis: AnalysisService;
  projects: Pick<ProjectsService, "accessFor">;
  /**
   * Mounted again under /api/v1/projects/:project: the score-history route stays out of the OpenAPI
   * document there (docs/api.md says every route also answers under a project), so the analysis
   * operations the document lists remain the ones under /api/v1.
   */
  underProject?: boolean;
}

const tags = ["analysis"];
const errors = errorResponses(401, 404, 422);

const analysisRoutes: FastifyPluginAsyncTypebox<AnalysisRoutesOptions> = async (
  app,
  { analysis: service, projects, underProject = false },
) => {
  // Analyses act in the caller's personal project, or the API key's project (stored prompts, history).
  const inProject = useProjectRoutes(app, projects);

  app.get(
    "/prompts/:id/analyses",
    inProject({
      tags,
      summary: "Score history of a prompt across its versions, oldest first",
      hide: underProject,
      params: PromptIdParamsSchema,
      response: { 200: AnalysisHistorySchema, ...errors },
    }),
    async (req) => service.history(projectAccess(req), req.params.id),
  );

  app.post(
    "/analysis/analyze",
    inProject({
      tags,
      summary: "Analyse text or a saved prompt (stored against the prompt's current version)",
      body: AnalyzeBodySchema,
      response: { 200: AnalysisResultSchema, ...errors },
    }),
    async (req) => service.analyze(projectAccess(req), req.body, req.id),
  );

  app.post(
    "/analysis/enhance",
    inProject({
      tags,
      summary: "Enhance text or a saved prompt; with save the chosen text becomes a new version",
      body: EnhanceBodySchema,
      response: { 200: EnhanceResponseSchema, 409: ErrorResponseSchema, ...errors },
    }),
    async (req) => service.enhance(projectAccess(req), req.body, req.id),
  );

  app.post(
    "/analysis/versions/:prompt_id",
    inProject({
      tags,
      summary: "Three enhanced variants of a saved prompt, one per strategy",
      params: VersionsParamsSchema,
      body: VersionsBodySchema,
      response: { 200: EnhanceResponseSchema, ...errors },
    }),
    async (req) => service.versions(projectAccess(req), req.params.prompt_id, req.body?.target_llm, req.id),
  );

  app.post(
    "/analysis/batch",
    inProject({
      tags,
      summary: "Analyse up to 50 texts; each item succeeds or fails on its own",
      body: BatchBodySchema,
      response: { 200: BatchResponseSchema, 401: ErrorResponseSchema, 422: ErrorResponseSchema },
    }),
    async (req) => service.batch(projectAccess(req), req.body, req.id),
  );

  app.post(
    "/analysis/ambiguities",
    inProject({
      tags,
      summary: "Ambiguous references, vague quantifiers and contradictions in a text",
      body: TextBodySchema,
      response: { 200: AmbiguitiesResponseSchema, 401: ErrorResponseSchema, 422: ErrorResponseSchema },
    }),
    async (req) => service.ambiguities(projectAccess(req), req.body.text, req.body.target_llm, req.id),
  );

  app.post(
    "/analysis/best-practices",
    inProject({
      tags,
      summary: "Best-practice checklist and advice for the target model",
      body: TextBodySchema,
      response: { 200: BestPracticesResponseSchema, 401: ErrorResponseSchema, 422: ErrorResponseSchema },
    }),
    async (req) => service.bestPractices(projectAccess(req), req.body.text, req.body.target_llm),
  );

  app.get(
    "/analysis/models",
    inProject({
      tags,
      summary: "Analysis providers and models, which is active and whether it answers",
      response: { 200: ModelsResponseSchema, 401: ErrorResponseSchema },
    }),
    async (req) => service.models(projectAccess(req), req.id),
  );
};

export default analysisRoutes;
