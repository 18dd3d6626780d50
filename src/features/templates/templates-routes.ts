// HTTP routes of /api/v1/templates and /api/v1/projects/:project/templates: schema, authentication and one service call each.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { Type } from "typebox";
import { currentUser, ErrorResponseSchema, errorResponses } from "../../http/route-kit.js";
import { projectAccess, useProjectRoutes } from "../projects/project-context.js";
import type { ProjectsService } from "../projects/projects-service.js";
import {
  TemplateBodySchema,
  TemplateIdParamsSchema,
  TemplateListQuerySchema,
  TemplateListResponseSchema,
  TemplateSchema,
  TemplateUseBodySchema,
  TemplateUseResponseSchema,
} from "./templates-schemas.js";
import type { Caller, TemplatesService } from "./templates-service.js";

const tags = ["templates"];
const errors = errorResponses(401, 404, 422);

function callerOf(req: FastifyRequest): Caller {
  return { ...projectAccess(req), username: currentUser(req).username };
}

export interface TemplatesRoutesOptions {
  templates: TemplatesService;
  projects: Pick<ProjectsService, "accessFor">;
}

const templatesRoutes: FastifyPluginAsyncTypebox<TemplatesRoutesOptions> = async (
  app,
  { templates, projects },
) => {
  // Mounted at /api/v1/templates (the personal project, or the API key's) and
  // /api/v1/projects/:project/templates.
  const inProject = useProjectRoutes(app, projects);

  app.post(
    "/",
    inProject({
      tags,
      summary: "Create a template",
      description:
        "Placeholders used but not declared, declared but not used, or malformed braces: 422 naming each.",
      body: TemplateBodySchema,
      response: { 201: TemplateSchema, ...errors },
    }),
    async (req, reply) => {
      reply.status(201);
      return templates.create(callerOf(req), req.body);
    },
  );

  app.get(
    "/",
    inProject({
      tags,
      summary: "List my templates and public ones, newest first",
      querystring: TemplateListQuerySchema,
      response: { 200: TemplateListResponseSchema, ...errors },
    }),
    async (req) => templates.list(callerOf(req), req.query),
  );

  app.get(
    "/:id",
    inProject({
      tags,
      summary: "Get a template (mine or public)",
      params: TemplateIdParamsSchema,
      response: { 200: TemplateSchema, ...errors },
    }),
    async (req) => templates.get(callerOf(req), req.params.id),
  );

  app.put(
    "/:id",
    inProject({
      tags,
      summary: "Replace a template (owner only)",
      description: "Someone else's private template: 404; someone else's public template: 403.",
      params: TemplateIdParamsSchema,
      body: TemplateBodySchema,
      response: { 200: TemplateSchema, ...errors, 403: ErrorResponseSchema },
    }),
    async (req) => templates.replace(callerOf(req), req.params.id, req.body),
  );

  app.delete(
    "/:id",
    inProject({
      tags,
      summary: "Delete a template (owner only)",
      description: "Someone else's private template: 404; someone else's public template: 403.",
      params: TemplateIdParamsSchema,
      response: { 204: Type.Null(), ...errors, 403: ErrorResponseSchema },
    }),
    async (req, reply) => {
      await templates.remove(callerOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/:id/use",
    inProject({
      tags,
      summary: "Render a template with values; optionally save the text as a prompt",
      params: TemplateIdParamsSchema,
      body: TemplateUseBodySchema,
      response: { 200: TemplateUseResponseSchema, ...errors },
    }),
    async (req) => templates.use(callerOf(req), req.params.id, req.body),
  );

  app.post(
    "/:id/clone",
    inProject({
      tags,
      summary: "Copy a public (or my own) template into a private one of mine",
      params: TemplateIdParamsSchema,
      response: { 201: TemplateSchema, ...errors },
    }),
    async (req, reply) => {
      reply.status(201);
      return templates.clone(callerOf(req), req.params.id);
    },
  );
};

export default templatesRoutes;
