// HTTP routes of /api/v1/projects: the projects themselves. Members, invitations and API keys are in
// members-routes.ts; prompts and templates of a project are the prompts and templates route plugins
// mounted again under /api/v1/projects/:project. Each route is schema + auth + one service call.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { resourceRoutes } from "../../http/resource-routes.js";
import { routeTable } from "../../http/route-kit.js";
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

  resourceRoutes({ collection: mine, item: project }, "", projects, {
    key: "project",
    params: ProjectParamsSchema,
    item: ProjectSchema,
    create: {
      summary: "Create a project; you become its owner",
      body: CreateProjectBodySchema,
      errors: [409, 422],
    },
    list: { summary: "The projects I am a member of, personal first", response: ProjectListSchema },
    get: { summary: "A project (by slug or id) and my role in it" },
    update: {
      summary: "Rename a project or change its slug (admin, owner)",
      body: UpdateProjectBodySchema,
      errors: [409, 422],
    },
    remove: {
      summary: "Delete a project and everything in it (owner)",
      description: "A personal project cannot be deleted (409).",
      errors: [409],
    },
  });
};

export default projectsRoutes;
