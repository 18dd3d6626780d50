// SQL of the audit log: chain heads and anchors (audit_chains), entries (audit_events), the filtered
// listing, and what retention reads and deletes. Portable SQL for SQLite and PostgreSQL alike.
import {
  type Bound,
  byKey,
  countOf,
  type Db,
  type Row,
  repositoryOf,
  rowsChanged,
} from "../../db/repository.js";
import { GENESIS_HASH } from "./audit-chain.js";

/** The repository's queries (what a transaction's callback receives). */
export type AuditQueries = Bound<typeof auditQueries>;

export type AuditEventRow = Row<"audit_events">;
export type AuditChainRow = Row<"audit_chains">;

export interface AuditFilter {
  actorId?: string;
  actorType?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  /** Inclusive lower bound of created_at. */
  from?: string;
  /** Exclusive upper bound of created_at. */
  to?: string;
}

/**
 * Takes the chain's append lock and returns its head. The chain row is created if missing, then written
 * to before it is read: the write takes PostgreSQL's row lock (a second appender waits here until the
 * first commits, then reads the new head) and SQLite's write lock (one writer at a time), so two
 * appends never read the same head. Must run inside a transaction.
 */
async function lockChain(
  db: Db,
  chain: string,
  projectId: string | null,
  now: string,
): Promise<AuditChainRow> {
  await db
    .insertInto("audit_chains")
    .values({
      chain,
      project_id: projectId,
      head_seq: 0,
      head_hash: GENESIS_HASH,
      anchor_seq: 0,
      anchor_hash: GENESIS_HASH,
      updated_at: now,
    })
    .onConflict((oc) => oc.column("chain").doNothing())
    .execute();
  await byKey.update(db, "audit_chains", { chain }, { updated_at: now });
  return db.selectFrom("audit_chains").selectAll().where("chain", "=", chain).executeTakeFirstOrThrow();
}

async function findChain(db: Db, chain: string): Promise<AuditChainRow | undefined> {
  return byKey.find(db, "audit_chains", { chain });
}

async function insertEvent(db: Db, row: AuditEventRow): Promise<void> {
  await db.insertInto("audit_events").values(row).execute();
}

async function setHead(db: Db, chain: string, seq: number, hash: string): Promise<void> {
  await byKey.update(db, "audit_chains", { chain }, { head_seq: seq, head_hash: hash });
}

async function setAnchor(db: Db, chain: string, seq: number, hash: string): Promise<void> {
  await byKey.update(db, "audit_chains", { chain }, { anchor_seq: seq, anchor_hash: hash });
}

function filtered(db: Db, chain: string, f: AuditFilter) {
  let q = db.selectFrom("audit_events").where("chain", "=", chain);
  if (f.actorId !== undefined) q = q.where("actor_id", "=", f.actorId);
  if (f.actorType !== undefined) q = q.where("actor_type", "=", f.actorType);
  if (f.action !== undefined) q = q.where("action", "=", f.action);
  if (f.targetType !== undefined) q = q.where("target_type", "=", f.targetType);
  if (f.targetId !== undefined) q = q.where("target_id", "=", f.targetId);
  if (f.from !== undefined) q = q.where("created_at", ">=", f.from);
  if (f.to !== undefined) q = q.where("created_at", "<", f.to);
  return q;
}

/** A page of matching entries, newest first, below `beforeSeq` when given. */
async function listEvents(
  db: Db,
  chain: string,
  f: AuditFilter,
  beforeSeq: number | undefined,
  limit: number,
): Promise<AuditEventRow[]> {
  let q = filtered(db, chain, f).selectAll();
  if (beforeSeq !== undefined) q = q.where("seq", "<", beforeSeq);
  return q.orderBy("seq", "desc").limit(limit).execute();
}

/** Matching entries, oldest first, above `afterSeq`: the export's batches. */
async function eventsAfter(
  db: Db,
  chain: string,
  f: AuditFilter,
  afterSeq: number,
  limit: number,
): Promise<AuditEventRow[]> {
  return filtered(db, chain, f).selectAll().where("seq", ">", afterSeq).orderBy("seq").limit(limit).execute();
}

async function countEvents(db: Db, chain: string, f: AuditFilter): Promise<number> {
  return countOf(filtered(db, chain, f));
}

/** Entries of the chain with seq in (afterSeq, uptoSeq], oldest first: verify's batches. */
async function chainSegment(
  db: Db,
  chain: string,
  afterSeq: number,
  uptoSeq: number,
  limit: number,
): Promise<AuditEventRow[]> {
  return db
    .selectFrom("audit_events")
    .selectAll()
    .where("chain", "=", chain)
    .where("seq", ">", afterSeq)
    .where("seq", "<=", uptoSeq)
    .orderBy("seq")
    .limit(limit)
    .execute();
}

/** Up to `limit` chains holding entries older than `before`. */
async function chainsWithEntriesBefore(db: Db, before: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("audit_events")
    .select("chain")
    .distinct()
    .where("created_at", "<", before)
    .orderBy("chain")
    .limit(limit)
    .execute();
  return rows.map((r) => r.chain);
}

/** The chain's oldest `limit` entries. */
async function oldestEvents(db: Db, chain: string, limit: number): Promise<AuditEventRow[]> {
  return byKey.list(db, "audit_events", { chain }, { orderBy: ["seq"], limit });
}

async function deleteEventsUpTo(db: Db, chain: string, seq: number): Promise<number> {
  return rowsChanged(db.deleteFrom("audit_events").where("chain", "=", chain).where("seq", "<=", seq));
}

const auditQueries = {
  lockChain,
  findChain,
  insertEvent,
  setHead,
  setAnchor,
  listEvents,
  eventsAfter,
  countEvents,
  chainSegment,
  chainsWithEntriesBefore,
  oldestEvents,
  deleteEventsUpTo,
};

export const createAuditRepository = repositoryOf(auditQueries);
