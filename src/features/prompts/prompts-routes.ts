// HTTP routes of /api/v1/prompts and /api/v1/projects/:project/prompts: schema, authentication and one service call each. The only HTTP
// logic here is reading the edited-from version (If-Match or base_version) and writing the ETag.
import type { FastifyReply } from "fastify";
import { Type } from "typebox";
import { thenMaybe } from "../../db/repository.js";
import { ValidationError } from "../../http/errors.js";
import type { RouteRequest } from "../../http/route-kit.js";
import { IdParamsSchema, NoContentSchema } from "../../http/route-kit.js";
import type { ProjectAccess } from "../projects/permissions.js";
import { projectRoutes } from "../projects/project-context.js";
import {
  DiffQuerySchema,
  DiffResponseSchema,
  ExportDocumentSchema,
  FolderListResponseSchema,
  ImportBodySchema,
  ImportResponseSchema,
  MAX_VERSION,
  type Prompt,
  PromptCreateBodySchema,
  PromptListQuerySchema,
  PromptListResponseSchema,
  type PromptPatchBody,
  PromptPatchBodySchema,
  PromptPutBodySchema,
  PromptSchema,
  PromptVersionParamsSchema,
  ScoredPromptVersionSchema,
  VersionListResponseSchema,
} from "./prompts-schemas.js";
import type { PromptsService } from "./prompts-service.js";

const IfMatchHeaders = Type.Object({
  "if-match": Type.Optional(
    Type.String({ description: 'Version the edit was made from: "3" (W/"3" and 3 are accepted too)' }),
  ),
});

const IF_MATCH = /^\s*(?:W\/)?"?([1-9][0-9]{0,9})"?\s*$/;

/** The version an edit was made from, from If-Match and/or base_version; undefined when neither is sent. */
export function editedFromVersion(
  ifMatch: string | undefined,
  baseVersion: number | undefined,
): number | undefined {
  let fromHeader: number | undefined;
  if (ifMatch !== undefined) {
    const m = IF_MATCH.exec(ifMatch);
    if (!m || Number(m[1]) > MAX_VERSION) {
      throw new ValidationError('Invalid If-Match: expected a version such as "3"', [
        { field: "If-Match", message: 'must be one version, like "3"' },
      ]);
    }
    fromHeader = Number(m[1]);
  }
  if (fromHeader !== undefined && baseVersion !== undefined && fromHeader !== baseVersion) {
    throw new ValidationError("If-Match and base_version disagree", [
      { field: "base_version", message: `is ${baseVersion} but If-Match says ${fromHeader}` },
    ]);
  }
  return fromHeader ?? baseVersion;
}

function withEtag(reply: FastifyReply, prompt: Prompt): Prompt {
  reply.header("etag", `"${prompt.version}"`);
  return prompt;
}

// Mounted twice: /api/v1/prompts (the personal project, or the API key's) and
// /api/v1/projects/:project/prompts. Either way the project is resolved before the handler runs.
export default projectRoutes<{ prompts: PromptsService }>(
  { tags: ["prompts"], errors: [401, 404, 422] },
  (route, { prompts }) => {
    route.post("/", {
      summary: "Create a prompt (version 1)",
      description:
        "`name` is derived from the title when left out (409 name_taken when a given name exists in the project). A text prompt needs `content`; a chat prompt (`type: chat`) needs `messages` and its content is them joined. `variables` and `config` are checked (422 naming each field); config follows GET /api/v1/schemas/prompt-config.json.",
      body: PromptCreateBodySchema,
      response: { 201: PromptSchema },
      errors: [409],
      handler: async (req, access, reply) => withEtag(reply, await prompts.create(access, req.body)),
    });

    route.get("/", {
      summary: "List my prompts: filters (folder, category, tag, model), search, sort, cursor or page",
      querystring: PromptListQuerySchema,
      response: { 200: PromptListResponseSchema },
      handler: (req, access) => prompts.list(access, req.query),
    });

    route.get("/folders", {
      summary: "The folder tree of the project's prompt names, with prompt counts",
      response: { 200: FolderListResponseSchema },
      handler: (_req, access) => prompts.folders(access),
    });

    route.get("/export", {
      summary: "Export all my prompts with every version",
      response: { 200: ExportDocumentSchema },
      onlyErrors: [401],
      handler: (_req, access) => prompts.exportAll(access),
    });

    route.post("/import", {
      summary: "Import an export document: all prompts or none",
      description:
        "Names given are kept (a name given twice: 422; a name the project has: 409 name_taken naming prompts.<i>.name); missing names are derived from titles.",
      body: ImportBodySchema,
      response: { 201: ImportResponseSchema },
      errors: [409],
      handler: (req, access) => prompts.importAll(access, req.body),
    });

    route.get("/:id", {
      summary: "Get a prompt",
      params: IdParamsSchema,
      response: { 200: PromptSchema },
      // Not async: the prompt may come back as a value (prompts.get), and then no promise is made.
      handler: (req, access, reply) =>
        thenMaybe(prompts.get(access, req.params.id), (p) => withEtag(reply, p)),
    });

    // PUT replaces the prompt and PATCH changes some of its fields: the same edit, made from a known version.
    const edit = async <B extends typeof PromptPutBodySchema | typeof PromptPatchBodySchema>(
      req: RouteRequest<typeof IdParamsSchema, undefined, B, typeof IfMatchHeaders>,
      access: ProjectAccess,
      reply: FastifyReply,
    ) => {
      const { base_version, ...changes } = req.body as PromptPatchBody;
      const base = editedFromVersion(req.headers["if-match"], base_version);
      return withEtag(reply, await prompts.update(access, req.params.id, changes, base));
    };
    const editRoute = <B extends typeof PromptPutBodySchema | typeof PromptPatchBodySchema>(
      summary: string,
      body: B,
    ) => ({
      summary,
      description:
        "A change to content, type, messages, variables or config makes a new version; what the edit leaves out is kept from the current version. Title, name (a rename; 409 name_taken if another prompt has it), category, tags and model change the prompt without a new version. Without If-Match or base_version: 428; from a stale version: 409 version_conflict.",
      params: IdParamsSchema,
      headers: IfMatchHeaders,
      body,
      response: { 200: PromptSchema },
      errors: [409, 428],
      handler: edit,
    });
    route.put("/:id", editRoute("Replace a prompt (If-Match or base_version required)", PromptPutBodySchema));
    route.patch(
      "/:id",
      editRoute("Change some fields of a prompt (If-Match or base_version required)", PromptPatchBodySchema),
    );

    route.delete("/:id", {
      summary: "Delete a prompt and all its versions",
      params: IdParamsSchema,
      response: { 204: NoContentSchema },
      handler: (req, access) => prompts.remove(access, req.params.id),
    });

    route.get("/:id/versions", {
      summary: "List a prompt's versions, newest first",
      params: IdParamsSchema,
      response: { 200: VersionListResponseSchema },
      handler: async (req, access) => ({ items: await prompts.listVersions(access, req.params.id) }),
    });

    route.get("/:id/versions/:n", {
      summary: "Get one version of a prompt",
      params: PromptVersionParamsSchema,
      response: { 200: ScoredPromptVersionSchema },
      handler: (req, access) => prompts.getVersion(access, req.params.id, req.params.n),
    });

    route.get("/:id/diff", {
      summary: "Line diff between two versions, and which of type, messages, variables, config differ",
      params: IdParamsSchema,
      querystring: DiffQuerySchema,
      response: { 200: DiffResponseSchema },
      handler: (req, access) => prompts.diff(access, req.params.id, req.query.from, req.query.to),
    });

    route.post("/:id/versions/:n/restore", {
      summary: "Make a new version with the content, type, messages, variables and config of version n",
      description: 'Optional If-Match: "<version>" makes the restore fail with 409 if the prompt moved on.',
      params: PromptVersionParamsSchema,
      headers: IfMatchHeaders,
      response: { 200: PromptSchema },
      errors: [409],
      handler: async (req, access, reply) => {
        const base = editedFromVersion(req.headers["if-match"], undefined);
        return withEtag(reply, await prompts.restore(access, req.params.id, req.params.n, base));
      },
    });

    route.post("/:id/duplicate", {
      summary:
        'Copy a prompt (its current version, with type, messages, variables and config) into a new one titled "<title> (copy)", version 1, with a name derived from that title',
      params: IdParamsSchema,
      response: { 201: PromptSchema },
      handler: async (req, access, reply) => withEtag(reply, await prompts.duplicate(access, req.params.id)),
    });
  },
);
