// HTTP routes of evaluation runs inside a project (/api/v1/projects/:project/…): start a run on a prompt
// (202: the work is queued), list a prompt's runs, read one (progress, summary, results), cancel it,
// compare two; and the project-level read of a run by id for the CLI and the web app. Schema + auth +
// one service call.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { errorResponses } from "../../http/route-kit.js";
import { projectAccess, useProjectRoutes } from "../projects/project-context.js";
import type { ProjectsService } from "../projects/projects-service.js";
import {
  CompareQuerySchema,
  ComparisonSchema,
  PromptParamsSchema,
  PromptRunParamsSchema,
  RunListSchema,
  RunParamsSchema,
  RunQuerySchema,
  RunSchema,
  StartRunBodySchema,
} from "./evaluations-schemas.js";
import type { EvaluationsService } from "./evaluations-service.js";

const tags = ["evaluations"];

export interface EvaluationsRoutesOptions {
  evaluations: EvaluationsService;
  projects: Pick<ProjectsService, "accessFor">;
}

const evaluationsRoutes: FastifyPluginAsyncTypebox<EvaluationsRoutesOptions> = async (
  app,
  { evaluations, projects },
) => {
  const inProject = useProjectRoutes(app, projects);

  app.post(
    "/prompts/:id/evaluations",
    inProject({
      tags,
      summary: "Start an evaluation run: every dataset item × target × repeat, queued",
      description:
        "Answers 202 with the run (status queued); poll GET …/evaluations/:run for progress and results.",
      params: PromptParamsSchema,
      body: StartRunBodySchema,
      response: { 202: RunSchema, ...errorResponses(401, 403, 404, 422) },
    }),
    async (req, reply) =>
      reply.status(202).send(await evaluations.start(projectAccess(req), req.params.id, req.body)),
  );

  app.get(
    "/prompts/:id/evaluations",
    inProject({
      tags,
      summary: "A prompt's evaluation runs, newest first (at most 100; without results)",
      params: PromptParamsSchema,
      response: { 200: RunListSchema, ...errorResponses(401, 403, 404) },
    }),
    async (req) => evaluations.list(projectAccess(req), req.params.id),
  );

  app.get(
    "/prompts/:id/evaluations/compare",
    inProject({
      tags,
      summary:
        "Compare two runs: per item and target what changed (regressions first), summaries side by side",
      params: PromptParamsSchema,
      querystring: CompareQuerySchema,
      response: { 200: ComparisonSchema, ...errorResponses(401, 403, 404) },
    }),
    async (req) => evaluations.compare(projectAccess(req), req.params.id, req.query.base, req.query.head),
  );

  app.get(
    "/prompts/:id/evaluations/:run",
    inProject({
      tags,
      summary:
        "An evaluation run: status, progress, per-target summary, and a page of results with ?results=true",
      params: PromptRunParamsSchema,
      querystring: RunQuerySchema,
      response: { 200: RunSchema, ...errorResponses(401, 403, 404) },
    }),
    async (req) =>
      evaluations.get(projectAccess(req), req.params.run, {
        promptId: req.params.id,
        results: req.query.results,
        limit: req.query.limit,
        cursor: req.query.cursor,
      }),
  );

  app.delete(
    "/prompts/:id/evaluations/:run",
    inProject({
      tags,
      summary: "Cancel a queued or running run (its unsettled items are cancelled)",
      description: "Answers the run (without results); a run that already ended is 409 run_finished.",
      params: PromptRunParamsSchema,
      response: { 200: RunSchema, ...errorResponses(401, 403, 404, 409) },
    }),
    async (req) => evaluations.cancel(projectAccess(req), req.params.run, req.params.id),
  );

  app.get(
    "/evaluations/:run",
    inProject({
      tags,
      summary: "An evaluation run by id, whatever its prompt (for the CLI and the web app)",
      params: RunParamsSchema,
      querystring: RunQuerySchema,
      response: { 200: RunSchema, ...errorResponses(401, 403, 404) },
    }),
    async (req) =>
      evaluations.get(projectAccess(req), req.params.run, {
        results: req.query.results,
        limit: req.query.limit,
        cursor: req.query.cursor,
      }),
  );

  app.delete(
    "/evaluations/:run",
    inProject({
      tags,
      summary: "Cancel a run by id",
      params: RunParamsSchema,
      response: { 200: RunSchema, ...errorResponses(401, 403, 404, 409) },
    }),
    async (req) => evaluations.cancel(projectAccess(req), req.params.run),
  );
};

export default evaluationsRoutes;
