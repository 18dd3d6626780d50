// HTTP routes of /api/v1/projects: the projects themselves. Members, invitations and API keys are in
// members-routes.ts; prompts and templates of a project are the prompts and templates route plugins
// mounted again under /api/v1/projects/:project. Each route is schema + auth + one service call.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { NoContentSchema, routeTable } from "../../http/route-kit.js";
import { callerOf } from "./project-context.js";
import {
  CreateProjectBodySchema,
  ProjectListSchema,
  ProjectParamsSchema,
  ProjectSchema,
  UpdateProjectBodySchema,
} from "./projects-schemas.js";
import type { ProjectsService } from "./projects-service.js";

export interface ProjectsRoutesOptions {
  projects: ProjectsService;
}

const projectsRoutes: FastifyPluginAsyncTypebox<ProjectsRoutesOptions> = async (app, { projects }) => {
  // Creating and listing projects takes an account; a project API key may act on its own project.
  const mine = routeTable(app, {
    tags: ["projects"],
    errors: [401, 403],
    auth: "account",
    context: callerOf,
  });
  const project = routeTable(app, {
    tags: ["projects"],
    errors: [401, 403, 404],
    auth: "project",
    context: callerOf,
  });

  mine.post("/", {
    summary: "Create a project; you become its owner",
    body: CreateProjectBodySchema,
    response: { 201: ProjectSchema },
    errors: [409, 422],
    handler: (req, caller) => projects.create(caller, req.body),
  });

  mine.get("/", {
    summary: "The projects I am a member of, personal first",
    response: { 200: ProjectListSchema },
    handler: (_req, caller) => projects.list(caller),
  });

  project.get("/:project", {
    summary: "A project (by slug or id) and my role in it",
    params: ProjectParamsSchema,
    response: { 200: ProjectSchema },
    handler: (req, caller) => projects.get(caller, req.params.project),
  });

  project.patch("/:project", {
    summary: "Rename a project or change its slug (admin, owner)",
    params: ProjectParamsSchema,
    body: UpdateProjectBodySchema,
    response: { 200: ProjectSchema },
    errors: [409, 422],
    handler: (req, caller) => projects.update(caller, req.params.project, req.body),
  });

  project.delete("/:project", {
    summary: "Delete a project and everything in it (owner)",
    description: "A personal project cannot be deleted (409).",
    params: ProjectParamsSchema,
    response: { 204: NoContentSchema },
    errors: [409],
    handler: (req, caller) => projects.remove(caller, req.params.project),
  });
};

export default projectsRoutes;
