// HTTP routes of /api/v1/analysis, plus GET /api/v1/prompts/:id/analyses (a prompt's score history,
// kept here because it reads the analysis feature's table). Each route is schema + auth + one service
// call. Registered twice by buildApp with different prefixes; `scope` says which routes each gets.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { createPromptsService } from "../prompts/prompts-service.js";
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
  ErrorResponseSchema,
  ModelsResponseSchema,
  PromptIdParamsSchema,
  TextBodySchema,
  VersionsBodySchema,
  VersionsParamsSchema,
} from "./analysis-schemas.js";
import { type AnalysisService, createAnalysisService } from "./analysis-service.js";

export interface AnalysisRoutesOptions {
  /** "analysis" under /api/v1/analysis; "prompt-history" under /api/v1/prompts. */
  scope: "analysis" | "prompt-history";
}

const tags = ["analysis"];
const security: { [name: string]: string[] }[] = [{ bearer: [] }, { apiKey: [] }];
const errors = { 401: ErrorResponseSchema, 404: ErrorResponseSchema, 422: ErrorResponseSchema };

function userIdOf(req: FastifyRequest): string {
  // requireUser ran in onRequest, so the user is set.
  return (req.user as { id: string }).id;
}

/** One service per app, shared by both registrations (the models cache and circuit live with it). */
const services = new WeakMap<object, AnalysisService>();

const analysisRoutes: FastifyPluginAsyncTypebox<AnalysisRoutesOptions> = async (app, opts) => {
  const deps = app.deps;
  let analysis = services.get(deps);
  if (!analysis) {
    analysis = createAnalysisService({
      db: deps.db.db,
      clock: deps.clock,
      metrics: deps.metrics,
      llm: deps.llm,
      prompts: createPromptsService({ db: deps.db.db, clock: deps.clock }),
      config: deps.config,
    });
    services.set(deps, analysis);
  }
  const service = analysis;

  if (opts.scope === "prompt-history") {
    app.get(
      "/:id/analyses",
      {
        onRequest: app.requireUser,
        schema: {
          tags,
          security,
          summary: "Score history of a prompt across its versions, oldest first",
          params: PromptIdParamsSchema,
          response: { 200: AnalysisHistorySchema, ...errors },
        },
      },
      async (req) => service.history(userIdOf(req), req.params.id),
    );
    return;
  }

  app.post(
    "/analyze",
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        security,
        summary: "Analyse text or a saved prompt (stored against the prompt's current version)",
        body: AnalyzeBodySchema,
        response: { 200: AnalysisResultSchema, ...errors },
      },
    },
    async (req) => service.analyze(userIdOf(req), req.body, req.id),
  );

  app.post(
    "/enhance",
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        security,
        summary: "Enhance text or a saved prompt; with save the chosen text becomes a new version",
        body: EnhanceBodySchema,
        response: { 200: EnhanceResponseSchema, 409: ErrorResponseSchema, ...errors },
      },
    },
    async (req) => service.enhance(userIdOf(req), req.body, req.id),
  );

  app.post(
    "/versions/:prompt_id",
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        security,
        summary: "Three enhanced variants of a saved prompt, one per strategy",
        params: VersionsParamsSchema,
        body: VersionsBodySchema,
        response: { 200: EnhanceResponseSchema, ...errors },
      },
    },
    async (req) => service.versions(userIdOf(req), req.params.prompt_id, req.body?.target_llm, req.id),
  );

  app.post(
    "/batch",
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        security,
        summary: "Analyse up to 50 texts; each item succeeds or fails on its own",
        body: BatchBodySchema,
        response: { 200: BatchResponseSchema, 401: ErrorResponseSchema, 422: ErrorResponseSchema },
      },
    },
    async (req) => service.batch(userIdOf(req), req.body, req.id),
  );

  app.post(
    "/ambiguities",
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        security,
        summary: "Ambiguous references, vague quantifiers and contradictions in a text",
        body: TextBodySchema,
        response: { 200: AmbiguitiesResponseSchema, 401: ErrorResponseSchema, 422: ErrorResponseSchema },
      },
    },
    async (req) => service.ambiguities(req.body.text, req.body.target_llm, req.id),
  );

  app.post(
    "/best-practices",
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        security,
        summary: "Best-practice checklist and advice for the target model",
        body: TextBodySchema,
        response: { 200: BestPracticesResponseSchema, 401: ErrorResponseSchema, 422: ErrorResponseSchema },
      },
    },
    async (req) => service.bestPractices(req.body.text, req.body.target_llm),
  );

  app.get(
    "/models",
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        security,
        summary: "Analysis providers and models, which is active and whether it answers",
        response: { 200: ModelsResponseSchema, 401: ErrorResponseSchema },
      },
    },
    async (req) => service.models(req.id),
  );
};

export default analysisRoutes;
