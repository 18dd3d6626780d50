// HTTP routes of /api/v1/templates: schema, authentication and one service call each.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { AuthUser } from "../../http/auth-guard.js";
import { ErrorResponseSchema } from "../prompts/prompts-schemas.js";
import { createPromptsService } from "../prompts/prompts-service.js";
import {
  TemplateBodySchema,
  TemplateIdParamsSchema,
  TemplateListQuerySchema,
  TemplateListResponseSchema,
  TemplateSchema,
  TemplateUseBodySchema,
  TemplateUseResponseSchema,
} from "./templates-schemas.js";
import { type Caller, createTemplatesService } from "./templates-service.js";

const tags = ["templates"];
const security: Record<string, string[]>[] = [{ bearer: [] }, { apiKey: [] }];
const errors = { 401: ErrorResponseSchema, 404: ErrorResponseSchema, 422: ErrorResponseSchema };

function callerOf(req: FastifyRequest): Caller {
  // requireUser has run (onRequest), so the user is set.
  const user = req.user as AuthUser;
  return { id: user.id, username: user.username };
}

const templatesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock, metrics } = app.deps;
  const templates = createTemplatesService({
    db: db.db,
    clock,
    metrics,
    prompts: createPromptsService({ db: db.db, clock }),
  });

  app.post(
    "/",
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        security,
        summary: "Create a template",
        description:
          "Placeholders used but not declared, declared but not used, or malformed braces: 422 naming each.",
        body: TemplateBodySchema,
        response: { 201: TemplateSchema, ...errors },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return templates.create(callerOf(req), req.body);
    },
  );

  app.get(
    "/",
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        security,
        summary: "List my templates and public ones, newest first",
        querystring: TemplateListQuerySchema,
        response: { 200: TemplateListResponseSchema, ...errors },
      },
    },
    async (req) => templates.list(callerOf(req), req.query),
  );

  app.get(
    "/:id",
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        security,
        summary: "Get a template (mine or public)",
        params: TemplateIdParamsSchema,
        response: { 200: TemplateSchema, ...errors },
      },
    },
    async (req) => templates.get(callerOf(req), req.params.id),
  );

  app.put(
    "/:id",
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        security,
        summary: "Replace a template (owner only)",
        description: "Someone else's private template: 404; someone else's public template: 403.",
        params: TemplateIdParamsSchema,
        body: TemplateBodySchema,
        response: { 200: TemplateSchema, ...errors, 403: ErrorResponseSchema },
      },
    },
    async (req) => templates.replace(callerOf(req), req.params.id, req.body),
  );

  app.delete(
    "/:id",
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        security,
        summary: "Delete a template (owner only)",
        description: "Someone else's private template: 404; someone else's public template: 403.",
        params: TemplateIdParamsSchema,
        response: { 204: Type.Null(), ...errors, 403: ErrorResponseSchema },
      },
    },
    async (req, reply) => {
      await templates.remove(callerOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/:id/use",
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        security,
        summary: "Render a template with values; optionally save the text as a prompt",
        params: TemplateIdParamsSchema,
        body: TemplateUseBodySchema,
        response: { 200: TemplateUseResponseSchema, ...errors },
      },
    },
    async (req) => templates.use(callerOf(req), req.params.id, req.body),
  );

  app.post(
    "/:id/clone",
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        security,
        summary: "Copy a public (or my own) template into a private one of mine",
        params: TemplateIdParamsSchema,
        response: { 201: TemplateSchema, ...errors },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return templates.clone(callerOf(req), req.params.id);
    },
  );
};

export default templatesRoutes;
