// The audit log's vocabulary and HTTP schemas (docs/api.md, "Audit log"): the fixed set of action names
// (also the bounded label of audit_events_total), actor and target kinds, the entry as the API returns
// it, the listing filters and the verify answer.
import { type Static, Type } from "typebox";
import { ACTOR_TYPES, AUDIT_ACTIONS, TARGET_TYPES } from "./audit-actions.js";

export {
  ACTOR_TYPES,
  type ActorType,
  AUDIT_ACTIONS,
  type AuditAction,
  TARGET_TYPES,
  type TargetType,
} from "./audit-actions.js";

/** The chain of instance-level events; a project's chain is `project:<id>`. */
export const INSTANCE_CHAIN = "instance";
export const chainOf = (projectId: string | null): string =>
  projectId === null ? INSTANCE_CHAIN : `project:${projectId}`;

export const AUDIT_LIMITS = {
  /** Entries per page of the listing. */
  pageMax: 200,
  pageDefault: 50,
  /** Keys of one summary, and characters of one summary string (longer ones are cut with "…"). */
  summaryKeys: 30,
  summaryString: 200,
  /** Characters of an id or filter value. */
  filterValue: 200,
} as const;

const Timestamp = Type.String({ format: "date-time", description: "ISO-8601 UTC timestamp" });
const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);

export const AuditEventSchema = Type.Object({
  id: Type.String(),
  seq: Type.Integer({ description: "Position in its chain, from 1, without gaps" }),
  project_id: Nullable(Type.String()),
  actor: Type.Object({
    type: Type.Enum(ACTOR_TYPES),
    id: Nullable(Type.String({ description: "User id or API key id; null for anonymous" })),
  }),
  action: Type.Enum(AUDIT_ACTIONS),
  target: Type.Object({ type: Type.Enum(TARGET_TYPES), id: Nullable(Type.String()) }),
  created_at: Type.String(),
  client_ip: Nullable(Type.String()),
  request_id: Nullable(Type.String()),
  summary: Type.Record(Type.String(), Type.Unknown(), {
    description:
      "What changed: names, roles, version numbers and content hashes; never secrets or prompt text",
  }),
  prev_hash: Type.String({ description: "hash of the previous entry of the chain" }),
  hash: Type.String({ description: "SHA-256 (hex) of this entry's canonical content" }),
});
export type AuditEvent = Static<typeof AuditEventSchema>;

export const AuditListSchema = Type.Object({
  items: Type.Array(AuditEventSchema),
  next_cursor: Type.Union([Type.String(), Type.Null()], {
    description: "Pass as `cursor` for the next (older) page; null on the last page",
  }),
});
export type AuditList = Static<typeof AuditListSchema>;

const FilterValue = Type.String({ minLength: 1, maxLength: AUDIT_LIMITS.filterValue });

export const AuditQuerySchema = Type.Object({
  actor: Type.Optional({ ...FilterValue, description: "Actor id (user id or API key id)" }),
  actor_type: Type.Optional(Type.Enum(ACTOR_TYPES)),
  action: Type.Optional(Type.Enum(AUDIT_ACTIONS)),
  target_type: Type.Optional(Type.Enum(TARGET_TYPES)),
  target: Type.Optional({ ...FilterValue, description: "Target id" }),
  from: Type.Optional({ ...Timestamp, description: "Entries at or after this instant" }),
  to: Type.Optional({ ...Timestamp, description: "Entries before this instant" }),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: AUDIT_LIMITS.pageMax, default: AUDIT_LIMITS.pageDefault }),
  ),
  format: Type.Optional(
    Type.Enum(["json", "jsonl", "csv"], {
      description:
        "json (default): one page; jsonl or csv: every matching entry as a download (oldest first, no cursor)",
    }),
  ),
});
export type AuditQuery = Static<typeof AuditQuerySchema>;

export const AuditVerifySchema = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer({ description: "Entries whose hash and link were checked" }),
  first_broken_id: Type.Union([Type.String(), Type.Null()], {
    description:
      "The first entry whose own hash or link to the previous entry does not hold (after a deleted entry: the one following the gap); null when ok, or when only the end of the chain is missing",
  }),
  reason: Type.Union(
    [Type.Enum(["hash_mismatch", "link_broken", "entries_missing", "head_mismatch"]), Type.Null()],
    { description: "Why the chain is broken; null when ok" },
  ),
  head: Type.Object(
    { seq: Type.Integer(), hash: Type.String() },
    { description: "The chain's last entry: keep it outside PromptForge to detect a rewritten chain later" },
  ),
  anchor: Type.Object(
    { seq: Type.Integer(), hash: Type.String() },
    { description: "The last entry retention deleted (seq 0 and the genesis hash if none)" },
  ),
});
export type AuditVerify = Static<typeof AuditVerifySchema>;
