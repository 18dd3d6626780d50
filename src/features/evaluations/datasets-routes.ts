// HTTP routes of datasets inside a project (/api/v1/projects/:project/datasets…): the datasets, their
// items and item revisions, CSV and JSON-lines import and export. Schema + auth + one service call.
import { Type } from "typebox";
import { AppError } from "../../http/errors.js";
import { resourceRoutes } from "../../http/resource-routes.js";
import { IdParamsSchema } from "../../http/route-kit.js";
import { projectRoutes } from "../projects/project-context.js";
import {
  DATASET_LIMITS,
  DatasetCreateBodySchema,
  DatasetListQuerySchema,
  DatasetListSchema,
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

/** The import body's media types and the format each means. */
const IMPORT_TYPES: Record<string, ImportFormat> = {
  "text/csv": "csv",
  "application/x-ndjson": "jsonl",
  "application/jsonl": "jsonl",
};

export default projectRoutes<{ datasets: DatasetsService }>(
  { tags: ["datasets"] },
  (route, { datasets }, app) => {
    // Import bodies arrive as bytes (the service refuses what is not UTF-8, naming the line), up to their
    // own limit; this plugin's other routes keep the server's JSON parser and body limit.
    app.addContentTypeParser(
      Object.keys(IMPORT_TYPES),
      { parseAs: "buffer", bodyLimit: DATASET_LIMITS.importBytes },
      (_req, body, done) => done(null, body),
    );

    resourceRoutes(route, "/datasets", datasets, {
      item: DatasetWithItemsSchema,
      create: {
        summary: "Create a dataset, optionally with its first items",
        description: `Names are unique among the project's live datasets (409 dataset_name_taken). At most ${DATASET_LIMITS.itemsPerRequest} items in the body; larger sets go through import.`,
        body: DatasetCreateBodySchema,
        errors: [409, 422],
      },
      list: {
        summary: "The project's live datasets, newest first, a page at a time",
        querystring: DatasetListQuerySchema,
        response: DatasetListSchema,
        errors: [422],
      },
      get: { summary: "A dataset with its current items, in order" },
      update: {
        summary: "Rename a dataset or change its description",
        body: DatasetPatchBodySchema,
        response: DatasetSchema,
        errors: [409, 422],
      },
      remove: {
        summary: "Delete a dataset (runs that used it keep showing its items; its name is free again)",
      },
    });

    const items = {
      create: datasets.addItems,
      update: datasets.updateItem,
      remove: datasets.removeItem,
      revisions: datasets.revisions,
    };
    resourceRoutes(route, "/datasets/:id/items", items, {
      key: "item",
      params: ItemParamsSchema,
      collectionParams: IdParamsSchema,
      create: {
        summary: "Add one item or a list of items at the end of a dataset",
        description: `At most ${DATASET_LIMITS.itemsPerDataset} current items per dataset and ${DATASET_LIMITS.itemBytes} bytes of JSON per item; all or nothing.`,
        body: ItemsBodySchema,
        response: ItemListSchema,
        errors: [422],
      },
      update: {
        summary: "Edit an item: a new revision; the old one stays readable",
        body: ItemPatchSchema,
        response: ItemSchema,
        errors: [409, 422],
      },
      remove: { summary: "Delete an item (its revisions stay readable for the runs that used them)" },
      actions: {
        revisions: {
          method: "get",
          summary: "Every revision of an item, oldest first (deleted items included)",
          response: ItemRevisionListSchema,
        },
      },
    });

    route.post("/datasets/:id/import", {
      summary: "Import a CSV or JSON-lines file into a dataset, all or nothing",
      description: `Body: text/csv (header row = variable names; columns expected and tags are special; tags separated by ; or |) or application/x-ndjson / application/jsonl (one {variables, expected?, tags?, note?} object per line), UTF-8, at most ${DATASET_LIMITS.importBytes} bytes. A bad row is a 422 whose details name its line; nothing is imported then.`,
      params: IdParamsSchema,
      response: { 201: ImportResultSchema },
      errors: [413, 415, 422],
      bodyLimit: DATASET_LIMITS.importBytes,
      handler: async (req, access) => {
        const mediaType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
        const format = IMPORT_TYPES[mediaType];
        if (!format || !Buffer.isBuffer(req.body))
          throw new AppError(
            415,
            "unsupported_media_type",
            "Import takes a text/csv, application/x-ndjson or application/jsonl body",
          );
        return datasets.importItems(access, req.params.id, format, req.body);
      },
    });

    route.get("/datasets/:id/export", {
      summary: "Export a dataset's current items as CSV or JSON lines (what import takes back)",
      params: IdParamsSchema,
      querystring: ExportQuerySchema,
      response: {
        200: Type.String({ description: "The file (text/csv or application/x-ndjson), as a download" }),
      },
      errors: [422],
      handler: async (req, access, reply) => {
        const file = await datasets.exportItems(access, req.params.id, req.query.format);
        return reply
          .type(file.contentType)
          .header("content-disposition", `attachment; filename="${file.filename}"`)
          .send(file.body);
      },
    });
  },
);
