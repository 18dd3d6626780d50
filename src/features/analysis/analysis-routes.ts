// HTTP routes of /api/v1/analysis, plus GET /api/v1/prompts/:id/analyses (a prompt's score history,
// kept here because it reads the analysis feature's table). Each route is schema + auth + one service
// call. Registered once under /api/v1, with the one analysis service built in services.ts.
import { projectRoutes } from "../projects/project-context.js";
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

// Analyses act in the caller's personal project, or the API key's project (stored prompts, history).
export default projectRoutes<{
  analysis: AnalysisService;
  /**
   * Mounted again under /api/v1/projects/:project: the score-history route stays out of the OpenAPI
   * document there (docs/api.md says every route also answers under a project), so the analysis
   * operations the document lists remain the ones under /api/v1.
   */
  underProject?: boolean;
}>({ tags: ["analysis"], errors: [401] }, (route, { analysis: service, underProject = false }) => {
  route.get("/prompts/:id/analyses", {
    summary: "Score history of a prompt across its versions, oldest first",
    hide: underProject,
    params: PromptIdParamsSchema,
    response: { 200: AnalysisHistorySchema },
    errors: [404, 422],
    handler: (req, access) => service.history(access, req.params.id),
  });

  route.post("/analysis/analyze", {
    summary: "Analyse text or a saved prompt (stored against the prompt's current version)",
    body: AnalyzeBodySchema,
    response: { 200: AnalysisResultSchema },
    errors: [404, 422],
    handler: (req, access) => service.analyze(access, req.body, req.id),
  });

  route.post("/analysis/enhance", {
    summary: "Enhance text or a saved prompt; with save the chosen text becomes a new version",
    body: EnhanceBodySchema,
    response: { 200: EnhanceResponseSchema },
    errors: [404, 409, 422],
    handler: (req, access) => service.enhance(access, req.body, req.id),
  });

  route.post("/analysis/versions/:prompt_id", {
    summary: "Three enhanced variants of a saved prompt, one per strategy",
    params: VersionsParamsSchema,
    body: VersionsBodySchema,
    response: { 200: EnhanceResponseSchema },
    errors: [404, 422],
    handler: (req, access) => service.versions(access, req.params.prompt_id, req.body?.target_llm, req.id),
  });

  route.post("/analysis/batch", {
    summary: "Analyse up to 50 texts; each item succeeds or fails on its own",
    body: BatchBodySchema,
    response: { 200: BatchResponseSchema },
    errors: [422],
    handler: (req, access) => service.batch(access, req.body, req.id),
  });

  route.post("/analysis/ambiguities", {
    summary: "Ambiguous references, vague quantifiers and contradictions in a text",
    body: TextBodySchema,
    response: { 200: AmbiguitiesResponseSchema },
    errors: [422],
    handler: (req, access) => service.ambiguities(access, req.body.text, req.body.target_llm, req.id),
  });

  route.post("/analysis/best-practices", {
    summary: "Best-practice checklist and advice for the target model",
    body: TextBodySchema,
    response: { 200: BestPracticesResponseSchema },
    errors: [422],
    handler: (req, access) => service.bestPractices(access, req.body.text, req.body.target_llm),
  });

  route.get("/analysis/models", {
    summary: "Analysis providers and models, which is active and whether it answers",
    response: { 200: ModelsResponseSchema },
    handler: (req, access) => service.models(access, req.id),
  });
});
