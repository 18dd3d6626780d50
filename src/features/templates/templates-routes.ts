// HTTP routes of /api/v1/templates and /api/v1/projects/:project/templates: schema, authentication and one service call each.
import type { FastifyRequest } from "fastify";
import { currentUser, IdParamsSchema, NoContentSchema } from "../../http/route-kit.js";
import { projectAccess, projectRoutes } from "../projects/project-context.js";
import {
  TemplateBodySchema,
  TemplateListQuerySchema,
  TemplateListResponseSchema,
  TemplateSchema,
  TemplateUseBodySchema,
  TemplateUseResponseSchema,
} from "./templates-schemas.js";
import type { Caller, TemplatesService } from "./templates-service.js";

function callerOf(req: FastifyRequest): Caller {
  return { ...projectAccess(req), username: currentUser(req).username };
}

const OWNER_ONLY = "Someone else's private template: 404; someone else's public template: 403.";

// Mounted at /api/v1/templates (the personal project, or the API key's) and
// /api/v1/projects/:project/templates.
export default projectRoutes<{ templates: TemplatesService }>(
  { tags: ["templates"], errors: [401, 404, 422] },
  (route, { templates }) => {
    route.post("/", {
      summary: "Create a template",
      description:
        "Placeholders used but not declared, declared but not used, or malformed braces: 422 naming each.",
      body: TemplateBodySchema,
      response: { 201: TemplateSchema },
      handler: (req) => templates.create(callerOf(req), req.body),
    });

    route.get("/", {
      summary: "List my templates and public ones, newest first",
      querystring: TemplateListQuerySchema,
      response: { 200: TemplateListResponseSchema },
      handler: (req) => templates.list(callerOf(req), req.query),
    });

    route.get("/:id", {
      summary: "Get a template (mine or public)",
      params: IdParamsSchema,
      response: { 200: TemplateSchema },
      handler: (req) => templates.get(callerOf(req), req.params.id),
    });

    route.put("/:id", {
      summary: "Replace a template (owner only)",
      description: OWNER_ONLY,
      params: IdParamsSchema,
      body: TemplateBodySchema,
      response: { 200: TemplateSchema },
      errors: [403],
      handler: (req) => templates.replace(callerOf(req), req.params.id, req.body),
    });

    route.delete("/:id", {
      summary: "Delete a template (owner only)",
      description: OWNER_ONLY,
      params: IdParamsSchema,
      response: { 204: NoContentSchema },
      errors: [403],
      handler: (req) => templates.remove(callerOf(req), req.params.id),
    });

    route.post("/:id/use", {
      summary: "Render a template with values; optionally save the text as a prompt",
      params: IdParamsSchema,
      body: TemplateUseBodySchema,
      response: { 200: TemplateUseResponseSchema },
      handler: (req) => templates.use(callerOf(req), req.params.id, req.body),
    });

    route.post("/:id/clone", {
      summary: "Copy a public (or my own) template into a private one of mine",
      params: IdParamsSchema,
      response: { 201: TemplateSchema },
      handler: (req) => templates.clone(callerOf(req), req.params.id),
    });
  },
);
