// The audit log's use cases: record an entry (appended to its chain under the chain's lock, inside the
// caller's transaction when given one), list with filters and a cursor, export as JSON lines or CSV, and
// verify a chain. Other services receive only `AuditRecorder` (record); routes never write entries.
import { Readable } from "node:stream";
import type { Config } from "../../config.js";
import { newId } from "../../db/ids.js";
import type { Db, Transactional } from "../../db/repository.js";
import { ValidationError } from "../../http/errors.js";
import { decodeCursor, pageOf } from "../../http/pagination.js";
import type { RequestOrigin } from "../../http/route-kit.js";
import { iso } from "../../lib/time.js";
import type { Metrics } from "../../observability/metrics.js";
import { authorize, type ProjectAccess } from "../projects/permissions.js";
import { type AuditSummary, canonicalSummary, checkChain, GENESIS_HASH, hashEntry } from "./audit-chain.js";
import { csvHeader, csvRow, jsonLine } from "./audit-export.js";
import {
  type AuditEventRow,
  type AuditFilter,
  type AuditQueries,
  createAuditRepository,
} from "./audit-repository.js";
import {
  type ActorType,
  AUDIT_LIMITS,
  type AuditAction,
  type AuditEvent,
  type AuditList,
  type AuditQuery,
  type AuditVerify,
  chainOf,
  type TargetType,
} from "./audit-schemas.js";

export interface AuditEntry {
  /** null: an instance-level event. */
  projectId: string | null;
  action: AuditAction;
  target: { type: TargetType; id: string | null };
  /** What changed: names, roles, version numbers, content hashes (contentHash) — never secrets or texts. */
  summary?: AuditSummary;
  /** Who acted, when not the request's caller (an anonymous failed sign-in, the operator's CLI). */
  actor?: { type: ActorType; id: string | null };
}

/** The narrow dependency other services receive. */
export interface AuditRecorder {
  /**
   * Appends an entry. With `db` (a transaction the caller holds), the entry commits or rolls back with
   * the caller's change; without, it is written in a transaction of its own.
   */
  record(entry: AuditEntry, origin: RequestOrigin | undefined, db?: Db): Promise<void>;
}

/** Who acts in a project, as a use case holds it (a ProjectAccess, a Caller in a project). */
export interface ProjectActor {
  projectId: string;
  origin?: RequestOrigin;
}

/**
 * What most use cases record: an entry about one kind of target, in the acting project's log, on the
 * caller's transaction, e.g. `const recordPrompt = recorderFor(audit, "prompt")`, then
 * `recordPrompt(access, "prompt.update", id, summary, trx)`.
 */
export function recorderFor(audit: AuditRecorder, type: TargetType) {
  return (actor: ProjectActor, action: AuditAction, id: string, summary: AuditSummary, trx: Db) =>
    audit.record({ projectId: actor.projectId, action, target: { type, id }, summary }, actor.origin, trx);
}

/**
 * A change and its audit entry, stored together or not at all: `write` with `repo`'s queries on one
 * transaction, then `record` (a recorderFor call, usually) on that same transaction.
 */
export async function writeAudited<Q>(
  repo: Pick<Transactional<Q>, "transaction">,
  write: (tx: Q) => Promise<unknown>,
  record: (trx: Db) => Promise<void>,
): Promise<void> {
  await repo.transaction(async (tx, trx) => {
    await write(tx);
    await record(trx);
  });
}

export interface AuditServiceDeps {
  db: Db;
  clock: () => number;
  /** Absent in the operator CLI, which exports no metrics. */
  metrics?: Pick<Metrics, "auditEventsTotal" | "auditVerificationsTotal">;
  config: Pick<Config, "AUDIT_EXPORT_MAX_ROWS">;
}

export type AuditService = ReturnType<typeof createAuditService>;

const SORT_KEY = "seq:desc";
/** Rows read per query when verifying or exporting. */
const BATCH = 500;

export function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    seq: row.seq,
    project_id: row.project_id,
    actor: { type: row.actor_type as ActorType, id: row.actor_id },
    action: row.action as AuditAction,
    target: { type: row.target_type as TargetType, id: row.target_id },
    created_at: row.created_at,
    client_ip: row.client_ip,
    request_id: row.request_id,
    summary: JSON.parse(row.summary) as Record<string, unknown>,
    prev_hash: row.prev_hash,
    hash: row.hash,
  };
}

function filterOf(q: AuditQuery): AuditFilter {
  // the schema's date-time format admits a leap second ("23:59:60") that Date cannot represent
  for (const field of ["from", "to"] as const) {
    const v = q[field];
    if (v !== undefined && !Number.isFinite(Date.parse(v)))
      throw new ValidationError(`Invalid query: ${field} is not a time PromptForge can read`, [
        { field, message: "must be an ISO 8601 date-time between years 0 and 9999, without a leap second" },
      ]);
  }
  if (q.from !== undefined && q.to !== undefined && Date.parse(q.from) >= Date.parse(q.to)) {
    throw new ValidationError("Invalid query: from must be before to", [
      { field: "from", message: "must be before to" },
    ]);
  }
  const instant = (s: string | undefined) => (s === undefined ? undefined : iso(Date.parse(s)));
  return {
    actorId: q.actor,
    actorType: q.actor_type,
    action: q.action,
    targetType: q.target_type,
    targetId: q.target,
    from: instant(q.from),
    to: instant(q.to),
  };
}

export function createAuditService(deps: AuditServiceDeps) {
  const { clock, metrics, config } = deps;
  const repo = createAuditRepository(deps.db);

  async function append(tx: AuditQueries, entry: AuditEntry, origin: RequestOrigin | undefined) {
    const now = clock();
    const chain = chainOf(entry.projectId);
    const head = await tx.lockChain(chain, entry.projectId, iso(now));
    const actor = entry.actor ?? origin?.actor ?? { type: "system" as const, id: null };
    const fields = {
      id: newId(now),
      chain,
      seq: head.head_seq + 1,
      project_id: entry.projectId,
      actor_type: actor.type,
      actor_id: actor.id,
      action: entry.action,
      target_type: entry.target.type,
      target_id: entry.target.id,
      created_at: iso(now),
      client_ip: origin?.ip ?? null,
      request_id: origin?.requestId ?? null,
      summary: canonicalSummary(entry.summary ?? {}),
      prev_hash: head.head_hash,
    };
    const hash = hashEntry(fields);
    await tx.insertEvent({ ...fields, hash });
    await tx.setHead(chain, fields.seq, hash);
  }

  async function* exportBatches(chain: string, filter: AuditFilter): AsyncGenerator<AuditEvent> {
    let after = 0;
    for (;;) {
      const rows = await repo.eventsAfter(chain, filter, after, BATCH);
      for (const row of rows) yield toAuditEvent(row);
      if (rows.length < BATCH) return;
      after = (rows[rows.length - 1] as AuditEventRow).seq;
    }
  }

  async function* segment(chain: string, after: number, upto: number): AsyncGenerator<AuditEventRow> {
    for (;;) {
      const rows = await repo.chainSegment(chain, after, upto, BATCH);
      yield* rows;
      if (rows.length < BATCH) return;
      after = (rows[rows.length - 1] as AuditEventRow).seq;
    }
  }

  const recorder: AuditRecorder = {
    async record(entry, origin, db) {
      if (db?.isTransaction) await append(createAuditRepository(db), entry, origin);
      else {
        const r = db ? createAuditRepository(db) : repo;
        await r.transaction((tx) => append(tx, entry, origin));
      }
      metrics?.auditEventsTotal.labels(entry.action).inc();
    },
  };

  const log = {
    async list(projectId: string | null, query: AuditQuery): Promise<AuditList> {
      const filter = filterOf(query);
      const limit = query.limit ?? AUDIT_LIMITS.pageDefault;
      let beforeSeq: number | undefined;
      if (query.cursor !== undefined) {
        // a sequence number fits the column's 32-bit integer; anything else is a forged cursor
        const pos = decodeCursor(
          SORT_KEY,
          query.cursor,
          (value) => Number.isSafeInteger(value) && Number(value) >= 0 && Number(value) <= 2_147_483_647,
        );
        beforeSeq = Number(pos.value);
      }
      const rows = await repo.listEvents(chainOf(projectId), filter, beforeSeq, limit + 1);
      const { items, next_cursor } = pageOf(rows, limit, SORT_KEY, (row) => row.seq);
      return { items: items.map(toAuditEvent), next_cursor };
    },

    /**
     * Every entry matching the query, oldest first, as a JSON-lines or CSV stream. Refuses (422) more
     * than AUDIT_EXPORT_MAX_ROWS entries rather than cutting the file short.
     */
    async export(
      projectId: string | null,
      query: AuditQuery,
    ): Promise<{ contentType: string; extension: string; body: Readable }> {
      const filter = filterOf(query);
      const chain = chainOf(projectId);
      const count = await repo.countEvents(chain, filter);
      if (count > config.AUDIT_EXPORT_MAX_ROWS) {
        throw new ValidationError(
          `The export would hold ${count} entries, more than the limit of ${config.AUDIT_EXPORT_MAX_ROWS}: narrow it with from and to`,
          [{ field: "to", message: `narrow the range to at most ${config.AUDIT_EXPORT_MAX_ROWS} entries` }],
        );
      }
      const csv = query.format === "csv";
      async function* lines(): AsyncGenerator<string> {
        if (csv) yield csvHeader();
        for await (const e of exportBatches(chain, filter)) yield csv ? csvRow(e) : jsonLine(e);
      }
      return {
        contentType: csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
        extension: csv ? "csv" : "jsonl",
        body: Readable.from(lines()),
      };
    },

    /** Recomputes the chain from its anchor to its head and names the first entry that does not hold. */
    async verify(projectId: string | null): Promise<AuditVerify> {
      const chain = chainOf(projectId);
      const scope = projectId === null ? "instance" : "project";
      // Retention may move the anchor while the walk runs: a break found then is checked again.
      for (let attempt = 0; ; attempt++) {
        const ends = (await repo.findChain(chain)) ?? {
          head_seq: 0,
          head_hash: GENESIS_HASH,
          anchor_seq: 0,
          anchor_hash: GENESIS_HASH,
        };
        const result = await checkChain(
          {
            anchorSeq: ends.anchor_seq,
            anchorHash: ends.anchor_hash,
            headSeq: ends.head_seq,
            headHash: ends.head_hash,
          },
          segment(chain, ends.anchor_seq, ends.head_seq),
        );
        if (!result.ok && attempt < 2) {
          const now = await repo.findChain(chain);
          if (now && now.anchor_seq !== ends.anchor_seq) continue;
        }
        metrics?.auditVerificationsTotal.labels(scope, result.ok ? "ok" : "broken").inc();
        return {
          ok: result.ok,
          checked: result.checked,
          first_broken_id: result.firstBrokenId,
          reason: result.reason,
          head: { seq: ends.head_seq, hash: ends.head_hash },
          anchor: { seq: ends.anchor_seq, hash: ends.anchor_hash },
        };
      }
    },
  };

  return {
    ...recorder,
    /**
     * Any chain by project id (null: the instance chain), without a permission check: for the instance
     * administrators' routes (null only), and tests.
     */
    log,
    /** A project's log: its owners and admins (and project keys with the admin scope) only. */
    project: {
      list(access: ProjectAccess, query: AuditQuery): Promise<AuditList> {
        authorize(access, "audit:read");
        return log.list(access.projectId, query);
      },
      export(access: ProjectAccess, query: AuditQuery) {
        authorize(access, "audit:read");
        return log.export(access.projectId, query);
      },
      verify(access: ProjectAccess): Promise<AuditVerify> {
        authorize(access, "audit:read");
        return log.verify(access.projectId);
      },
    },
  };
}
