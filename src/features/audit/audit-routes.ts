// HTTP routes of the audit log. Project level, under /api/v1/projects/:project: GET /audit (listing, or the
// whole filtered log with ?format=jsonl|csv) and GET /audit/verify, for the project's owners and admins (the
// service asks the permission table). Instance level, for instance administrators: the same two under
// /api/v1/admin. Routes only read the log: entries are written by the services whose changes they record.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply } from "fastify";
import { errorResponses, instanceAdmin, signedIn } from "../../http/route-kit.js";
import { iso } from "../../lib/time.js";
import { projectAccess, useProjectAccess } from "../projects/project-context.js";
import { ProjectParamsSchema } from "../projects/projects-schemas.js";
import type { ProjectsService } from "../projects/projects-service.js";
import {
  type AuditList,
  AuditListSchema,
  type AuditQuery,
  AuditQuerySchema,
  AuditVerifySchema,
} from "./audit-schemas.js";
import type { AuditService } from "./audit-service.js";

const tags = ["audit"];

export const LIST_DESCRIPTION =
  "Newest first, filtered by actor, action, target and time range, a page at a time (`next_cursor`). With `format=jsonl` or `format=csv` the answer is every matching entry, oldest first, as a download (at most AUDIT_EXPORT_MAX_ROWS entries, else 422); CSV cells that would start a spreadsheet formula are prefixed with `'`.";
export const VERIFY_DESCRIPTION =
  "Recomputes every entry's SHA-256 from its anchor to its head and checks each links to the one before. `first_broken_id` names the first entry that does not hold (an edited entry, or the one after a deleted entry).";

/** The listing as a page of JSON, or the whole filtered log as a JSON-lines or CSV download. */
export async function sendAuditLog(
  reply: FastifyReply,
  scope: string,
  query: AuditQuery,
  now: number,
  read: { list: () => Promise<AuditList>; export: () => ReturnType<AuditService["log"]["export"]> },
) {
  if (query.format !== "jsonl" && query.format !== "csv") return read.list();
  const out = await read.export();
  const day = iso(now).slice(0, 10);
  return reply
    .type(out.contentType)
    .header("content-disposition", `attachment; filename="audit-${scope}-${day}.${out.extension}"`)
    .send(out.body);
}

export interface AdminAuditRoutesOptions {
  audit: Pick<AuditService, "log">;
}

export const adminAuditRoutes: FastifyPluginAsyncTypebox<AdminAuditRoutesOptions> = async (
  app,
  { audit },
) => {
  app.get(
    "/audit",
    instanceAdmin(app, {
      tags,
      summary: "The instance-level audit log (sign-ins, personal API keys, role changes, SSO)",
      description: LIST_DESCRIPTION,
      querystring: AuditQuerySchema,
      response: { 200: AuditListSchema, ...errorResponses(401, 403, 422) },
    }),
    async (req, reply) =>
      sendAuditLog(reply, "instance", req.query, app.deps.clock(), {
        list: () => audit.log.list(null, req.query),
        export: () => audit.log.export(null, req.query),
      }),
  );

  app.get(
    "/audit/verify",
    instanceAdmin(app, {
      tags,
      summary: "Verify the instance-level audit chain",
      description: VERIFY_DESCRIPTION,
      response: { 200: AuditVerifySchema, ...errorResponses(401, 403) },
    }),
    async () => audit.log.verify(null),
  );
};

export interface ProjectAuditRoutesOptions {
  audit: Pick<AuditService, "project">;
  projects: Pick<ProjectsService, "accessFor">;
}

/** Mounted at /api/v1/projects/:project. */
export const projectAuditRoutes: FastifyPluginAsyncTypebox<ProjectAuditRoutesOptions> = async (
  app,
  { audit, projects },
) => {
  useProjectAccess(app, projects);

  app.get(
    "/audit",
    signedIn(
      app,
      {
        tags,
        summary: "The project's audit log (owners and admins)",
        description: LIST_DESCRIPTION,
        params: ProjectParamsSchema,
        querystring: AuditQuerySchema,
        response: { 200: AuditListSchema, ...errorResponses(401, 403, 404, 422) },
      },
      { projectKeys: true },
    ),
    async (req, reply) => {
      const access = projectAccess(req);
      return sendAuditLog(reply, `project-${access.projectId}`, req.query, app.deps.clock(), {
        list: () => audit.project.list(access, req.query),
        export: () => audit.project.export(access, req.query),
      });
    },
  );

  app.get(
    "/audit/verify",
    signedIn(
      app,
      {
        tags,
        summary: "Verify the project's audit chain (owners and admins)",
        description: VERIFY_DESCRIPTION,
        params: ProjectParamsSchema,
        response: { 200: AuditVerifySchema, ...errorResponses(401, 403, 404) },
      },
      { projectKeys: true },
    ),
    async (req) => audit.project.verify(projectAccess(req)),
  );
};
