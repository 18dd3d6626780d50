// HTTP routes of /api/v1/projects: the projects themselves. Members, invitations and API keys are in
// members-routes.ts; prompts and templates of a project are the prompts and templates route plugins
// mounted again under /api/v1/projects/:project. Each route is schema + auth + one service call.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { errorResponses, NoContentSchema, signedIn } from "../../http/route-kit.js";
import { callerOf } from "./project-context.js";
import {
  CreateProjectBodySchema,
  ProjectListSchema,
  ProjectParamsSchema,
  ProjectSchema,
  UpdateProjectBodySchema,
} from "./projects-schemas.js";
import type { ProjectsService } from "./projects-service.js";

const tags = ["projects"];

export interface ProjectsRoutesOptions {
  projects: ProjectsService;
}

const projectsRoutes: FastifyPluginAsyncTypebox<ProjectsRoutesOptions> = async (app, { projects }) => {
  app.post(
    "/",
    signedIn(app, {
      tags,
      summary: "Create a project; you become its owner",
      body: CreateProjectBodySchema,
      response: { 201: ProjectSchema, ...errorResponses(401, 403, 409, 422) },
    }),
    async (req, reply) => reply.status(201).send(await projects.create(callerOf(req), req.body)),
  );

  app.get(
    "/",
    signedIn(app, {
      tags,
      summary: "The projects I am a member of, personal first",
      response: { 200: ProjectListSchema, ...errorResponses(401, 403) },
    }),
    async (req) => projects.list(callerOf(req)),
  );

  app.get(
    "/:project",
    signedIn(
      app,
      {
        tags,
        summary: "A project (by slug or id) and my role in it",
        params: ProjectParamsSchema,
        response: { 200: ProjectSchema, ...errorResponses(401, 403, 404) },
      },
      { projectKeys: true },
    ),
    async (req) => projects.get(callerOf(req), req.params.project),
  );

  app.patch(
    "/:project",
    signedIn(
      app,
      {
        tags,
        summary: "Rename a project or change its slug (admin, owner)",
        params: ProjectParamsSchema,
        body: UpdateProjectBodySchema,
        response: { 200: ProjectSchema, ...errorResponses(401, 403, 404, 409, 422) },
      },
      { projectKeys: true },
    ),
    async (req) => projects.update(callerOf(req), req.params.project, req.body),
  );

  app.delete(
    "/:project",
    signedIn(
      app,
      {
        tags,
        summary: "Delete a project and everything in it (owner)",
        description: "A personal project cannot be deleted (409).",
        params: ProjectParamsSchema,
        response: { 204: NoContentSchema, ...errorResponses(401, 403, 404, 409) },
      },
      { projectKeys: true },
    ),
    async (req, reply) => {
      await projects.remove(callerOf(req), req.params.project);
      return reply.status(204).send(null);
    },
  );
};

export default projectsRoutes;
