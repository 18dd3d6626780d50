// HTTP routes of /api/v1/templates and /api/v1/projects/:project/templates: schema, authentication and one service call each.

import { resourceRoutes } from "../../http/resource-routes.js";
import { currentUser } from "../../http/route-kit.js";
import { projectRoutes } from "../projects/project-context.js";
import {
  TemplateBodySchema,
  TemplateListQuerySchema,
  TemplateListResponseSchema,
  TemplateSchema,
  TemplateUseBodySchema,
  TemplateUseResponseSchema,
} from "./templates-schemas.js";
import type { Caller, TemplatesService } from "./templates-service.js";

const OWNER_ONLY = "Someone else's private template: 404; someone else's public template: 403.";

// Mounted at /api/v1/templates (the personal project, or the API key's) and
// /api/v1/projects/:project/templates. Handlers receive the caller: the project access and the username
// templates record as their owner's.
export default projectRoutes<{ templates: TemplatesService }, Caller>(
  {
    tags: ["templates"],
    errors: [401, 404, 422],
    context: (req, access) => ({ ...access, username: currentUser(req).username }),
  },
  (route, { templates }) => {
    // A template's update replaces it whole (PUT).
    resourceRoutes(
      route,
      "",
      { ...templates, update: templates.replace },
      {
        item: TemplateSchema,
        create: {
          summary: "Create a template",
          description:
            "Placeholders used but not declared, declared but not used, or malformed braces: 422 naming each.",
          body: TemplateBodySchema,
        },
        list: {
          summary: "List my templates and public ones, newest first",
          querystring: TemplateListQuerySchema,
          response: TemplateListResponseSchema,
        },
        get: { summary: "Get a template (mine or public)" },
        update: {
          method: "put",
          summary: "Replace a template (owner only)",
          description: OWNER_ONLY,
          body: TemplateBodySchema,
          errors: [403],
        },
        remove: { summary: "Delete a template (owner only)", description: OWNER_ONLY, errors: [403] },
        actions: {
          use: {
            method: "post",
            summary: "Render a template with values; optionally save the text as a prompt",
            body: TemplateUseBodySchema,
            response: TemplateUseResponseSchema,
          },
          clone: {
            method: "post",
            summary: "Copy a public (or my own) template into a private one of mine",
            response: TemplateSchema,
            status: 201,
          },
        },
      },
    );
  },
);
