// HTTP routes of the audit log. Instance level, for instance administrators: GET /api/v1/admin/audit
// (listing, or the whole filtered log with ?format=jsonl|csv) and GET /api/v1/admin/audit/verify.
// Routes only read the log: entries are written by the services whose changes they record.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply } from "fastify";
import { errorResponses, instanceAdmin } from "../../http/route-kit.js";
import { iso } from "../../lib/time.js";
import { AuditListSchema, type AuditQuery, AuditQuerySchema, AuditVerifySchema } from "./audit-schemas.js";
import type { AuditService } from "./audit-service.js";

const tags = ["audit"];

export const LIST_DESCRIPTION =
  "Newest first, filtered by actor, action, target and time range, a page at a time (`next_cursor`). With `format=jsonl` or `format=csv` the answer is every matching entry, oldest first, as a download (at most AUDIT_EXPORT_MAX_ROWS entries, else 422); CSV cells that would start a spreadsheet formula are prefixed with `'`.";
export const VERIFY_DESCRIPTION =
  "Recomputes every entry's SHA-256 from its anchor to its head and checks each links to the one before. `first_broken_id` names the first entry that does not hold (an edited entry, or the one after a deleted entry).";

/** The listing as a page of JSON, or the whole filtered log as a JSON-lines or CSV download. */
export async function sendAuditLog(
  reply: FastifyReply,
  audit: Pick<AuditService, "list" | "export">,
  projectId: string | null,
  scope: string,
  query: AuditQuery,
  now: number,
) {
  if (query.format !== "jsonl" && query.format !== "csv") return audit.list(projectId, query);
  const out = await audit.export(projectId, query);
  const day = iso(now).slice(0, 10);
  return reply
    .type(out.contentType)
    .header("content-disposition", `attachment; filename="audit-${scope}-${day}.${out.extension}"`)
    .send(out.body);
}

export interface AdminAuditRoutesOptions {
  audit: Pick<AuditService, "list" | "export" | "verify">;
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
    async (req, reply) => sendAuditLog(reply, audit, null, "instance", req.query, app.deps.clock()),
  );

  app.get(
    "/audit/verify",
    instanceAdmin(app, {
      tags,
      summary: "Verify the instance-level audit chain",
      description: VERIFY_DESCRIPTION,
      response: { 200: AuditVerifySchema, ...errorResponses(401, 403) },
    }),
    async () => audit.verify(null),
  );
};
