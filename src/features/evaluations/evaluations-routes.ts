// HTTP routes of evaluation runs inside a project (/api/v1/projects/:project/…): start a run on a prompt
// (202: the work is queued), list a prompt's runs, read one (progress, summary, results), cancel it,
// compare two; and the project-level read of a run by id for the CLI and the web app. Schema + auth +
// one service call.
import type { Static } from "typebox";
import { resourceRoutes } from "../../http/resource-routes.js";
import { projectRoutes } from "../projects/project-context.js";
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

/** The page of results a run read asks for (only these fields: the query may hold others). */
function resultsPage(query: Static<typeof RunQuerySchema>) {
  return { results: query.results, limit: query.limit, cursor: query.cursor };
}

export default projectRoutes<{ evaluations: EvaluationsService }>(
  { tags: ["evaluations"] },
  (route, { evaluations }) => {
    resourceRoutes(
      route,
      "/prompts/:id/evaluations",
      { create: evaluations.start, list: evaluations.list },
      {
        collectionParams: PromptParamsSchema,
        create: {
          summary: "Start an evaluation run: every dataset item × target × repeat, queued",
          description:
            "Answers 202 with the run (status queued); poll GET …/evaluations/:run for progress and results.",
          status: 202,
          body: StartRunBodySchema,
          response: RunSchema,
          errors: [422],
        },
        list: {
          summary: "A prompt's evaluation runs, newest first (at most 100; without results)",
          response: RunListSchema,
        },
      },
    );

    route.get("/prompts/:id/evaluations/compare", {
      summary:
        "Compare two runs: per item and target what changed (regressions first), summaries side by side",
      params: PromptParamsSchema,
      querystring: CompareQuerySchema,
      response: { 200: ComparisonSchema },
      handler: (req, access) => evaluations.compare(access, req.params.id, req.query.base, req.query.head),
    });

    // A run is read and cancelled the same way under its prompt and by its id alone (the CLI, the web
    // app): under its prompt, a run of another prompt is 404.
    const runMounts = [
      {
        url: "/prompts/:id/evaluations/:run",
        params: PromptRunParamsSchema,
        read: "An evaluation run: status, progress, per-target summary, and a page of results with ?results=true",
        cancel: {
          summary: "Cancel a queued or running run (its unsettled items are cancelled)",
          description: "Answers the run (without results); a run that already ended is 409 run_finished.",
        },
      },
      {
        url: "/evaluations/:run",
        params: RunParamsSchema,
        read: "An evaluation run by id, whatever its prompt (for the CLI and the web app)",
        cancel: { summary: "Cancel a run by id" },
      },
    ];
    const promptOf = (p: { run: string; id?: string }) => p.id;
    for (const { url, params, read, cancel } of runMounts) {
      route.get(url, {
        summary: read,
        params,
        querystring: RunQuerySchema,
        response: { 200: RunSchema },
        handler: (req, access) =>
          evaluations.get(access, req.params.run, {
            promptId: promptOf(req.params),
            ...resultsPage(req.query),
          }),
      });
      route.delete(url, {
        ...cancel,
        params,
        response: { 200: RunSchema },
        errors: [409],
        handler: (req, access) => evaluations.cancel(access, req.params.run, promptOf(req.params)),
      });
    }
  },
);
