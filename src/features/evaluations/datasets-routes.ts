// HTTP routes of datasets inside a project (/api/v1/projects/:project/datasets…): the datasets, their
// items and item revisions, CSV and JSON-lines import and export. Schema + auth + one service call.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { AppError } from "../../http/errors.js";
import { errorResponses } from "../../http/route-kit.js";
import { projectAccess, useProjectRoutes } from "../projects/project-context.js";
import type { ProjectsService } from "../projects/projects-service.js";
import {
  DATASET_LIMITS,
  DatasetCreateBodySchema,
  DatasetListQuerySchema,
  DatasetListSchema,
  DatasetParamsSchema,
  DatasetPatchBodySchema,
  DatasetSchema,
  DatasetWithItemsSchema,
  ExportQuerySchema,
  type ImportFormat,
  ImportResultSchema,
  ItemListSchema,
  ItemParamsSchema,
  ItemPatchSchema,
  ItemRevisionListSchema,
  ItemSchema,
  ItemsBodySchema,
} from "./datasets-schemas.js";
import type { DatasetsService } from "./datasets-service.js";

const tags = ["datasets"];

/** The import body's media types and the format each means. */
const IMPORT_TYPES: Record<string, ImportFormat> = {
  "text/csv": "csv",
  "application/x-ndjson": "jsonl",
  "application/jsonl": "jsonl",
};

export interface DatasetsRoutesOptions {
  datasets: DatasetsService;
  projects: Pick<ProjectsService, "accessFor">;
}

const datasetsRoutes: FastifyPluginAsyncTypebox<DatasetsRoutesOptions> = async (
  app,
  { datasets, projects },
) => {
  const inProject = useProjectRoutes(app, projects);

  // Import bodies arrive as bytes (the service refuses what is not UTF-8, naming the line), up to their
  // own limit; this plugin's other routes keep the server's JSON parser and body limit.
  app.addContentTypeParser(
    Object.keys(IMPORT_TYPES),
    { parseAs: "buffer", bodyLimit: DATASET_LIMITS.importBytes },
    (_req, body, done) => done(null, body),
  );

  app.post(
    "/datasets",
    inProject({
      tags,
      summary: "Create a dataset, optionally with its first items",
      description: `Names are unique among the project's live datasets (409 dataset_name_taken). At most ${DATASET_LIMITS.itemsPerRequest} items in the body; larger sets go through import.`,
      body: DatasetCreateBodySchema,
      response: { 201: DatasetWithItemsSchema, ...errorResponses(401, 403, 404, 409, 422) },
    }),
    async (req, reply) => reply.status(201).send(await datasets.create(projectAccess(req), req.body)),
  );

  app.get(
    "/datasets",
    inProject({
      tags,
      summary: "The project's live datasets, newest first, a page at a time",
      querystring: DatasetListQuerySchema,
      response: { 200: DatasetListSchema, ...errorResponses(401, 403, 404, 422) },
    }),
    async (req) => datasets.list(projectAccess(req), req.query),
  );

  app.get(
    "/datasets/:id",
    inProject({
      tags,
      summary: "A dataset with its current items, in order",
      params: DatasetParamsSchema,
      response: { 200: DatasetWithItemsSchema, ...errorResponses(401, 403, 404) },
    }),
    async (req) => datasets.get(projectAccess(req), req.params.id),
  );

  app.patch(
    "/datasets/:id",
    inProject({
      tags,
      summary: "Rename a dataset or change its description",
      params: DatasetParamsSchema,
      body: DatasetPatchBodySchema,
      response: { 200: DatasetSchema, ...errorResponses(401, 403, 404, 409, 422) },
    }),
    async (req) => datasets.update(projectAccess(req), req.params.id, req.body),
  );

  app.delete(
    "/datasets/:id",
    inProject({
      tags,
      summary: "Delete a dataset (runs that used it keep showing its items; its name is free again)",
      params: DatasetParamsSchema,
      response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
    }),
    async (req, reply) => {
      await datasets.remove(projectAccess(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/datasets/:id/items",
    inProject({
      tags,
      summary: "Add one item or a list of items at the end of a dataset",
      description: `At most ${DATASET_LIMITS.itemsPerDataset} current items per dataset and ${DATASET_LIMITS.itemBytes} bytes of JSON per item; all or nothing.`,
      params: DatasetParamsSchema,
      body: ItemsBodySchema,
      response: { 201: ItemListSchema, ...errorResponses(401, 403, 404, 422) },
    }),
    async (req, reply) =>
      reply.status(201).send(await datasets.addItems(projectAccess(req), req.params.id, req.body)),
  );

  app.patch(
    "/datasets/:id/items/:item",
    inProject({
      tags,
      summary: "Edit an item: a new revision; the old one stays readable",
      params: ItemParamsSchema,
      body: ItemPatchSchema,
      response: { 200: ItemSchema, ...errorResponses(401, 403, 404, 409, 422) },
    }),
    async (req) => datasets.updateItem(projectAccess(req), req.params.id, req.params.item, req.body),
  );

  app.delete(
    "/datasets/:id/items/:item",
    inProject({
      tags,
      summary: "Delete an item (its revisions stay readable for the runs that used them)",
      params: ItemParamsSchema,
      response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
    }),
    async (req, reply) => {
      await datasets.removeItem(projectAccess(req), req.params.id, req.params.item);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/datasets/:id/items/:item/revisions",
    inProject({
      tags,
      summary: "Every revision of an item, oldest first (deleted items included)",
      params: ItemParamsSchema,
      response: { 200: ItemRevisionListSchema, ...errorResponses(401, 403, 404) },
    }),
    async (req) => datasets.revisions(projectAccess(req), req.params.id, req.params.item),
  );

  app.post(
    "/datasets/:id/import",
    {
      ...inProject({
        tags,
        summary: "Import a CSV or JSON-lines file into a dataset, all or nothing",
        description: `Body: text/csv (header row = variable names; columns expected and tags are special; tags separated by ; or |) or application/x-ndjson / application/jsonl (one {variables, expected?, tags?, note?} object per line), UTF-8, at most ${DATASET_LIMITS.importBytes} bytes. A bad row is a 422 whose details name its line; nothing is imported then.`,
        params: DatasetParamsSchema,
        response: { 201: ImportResultSchema, ...errorResponses(401, 403, 404, 413, 415, 422) },
      }),
      bodyLimit: DATASET_LIMITS.importBytes,
    },
    async (req, reply) => {
      const mediaType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      const format = IMPORT_TYPES[mediaType];
      if (!format || !Buffer.isBuffer(req.body))
        throw new AppError(
          415,
          "unsupported_media_type",
          "Import takes a text/csv, application/x-ndjson or application/jsonl body",
        );
      const result = await datasets.importItems(projectAccess(req), req.params.id, format, req.body);
      return reply.status(201).send(result);
    },
  );

  app.get(
    "/datasets/:id/export",
    inProject({
      tags,
      summary: "Export a dataset's current items as CSV or JSON lines (what import takes back)",
      params: DatasetParamsSchema,
      querystring: ExportQuerySchema,
      response: {
        200: Type.String({ description: "The file (text/csv or application/x-ndjson), as a download" }),
        ...errorResponses(401, 403, 404, 422),
      },
    }),
    async (req, reply) => {
      const file = await datasets.exportItems(projectAccess(req), req.params.id, req.query.format);
      return reply
        .type(file.contentType)
        .header("content-disposition", `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );
};

export default datasetsRoutes;
