// GET /api/v1/schemas/prompt-config.json: the JSON Schema a prompt version's `config` follows, public so
// editors and applications can validate configs before sending them.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { publishedConfigSchema } from "./prompt-config.js";

const promptConfigRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const body = JSON.stringify(publishedConfigSchema());
  app.get(
    "/api/v1/schemas/prompt-config.json",
    {
      schema: {
        tags: ["prompts"],
        summary: "The JSON Schema of a prompt version's config (public)",
        response: { 200: Type.Unknown({ description: "A JSON Schema (draft 2020-12)" }) },
      },
    },
    async (_req, reply) => {
      reply.header("cache-control", "public, max-age=3600");
      reply.type("application/schema+json; charset=utf-8");
      return reply.send(body);
    },
  );
};

export default promptConfigRoutes;
