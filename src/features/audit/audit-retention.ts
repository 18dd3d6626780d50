// Audit-log retention: a periodic in-process job that deletes entries older than AUDIT_RETENTION_DAYS,
// oldest first and a bounded batch at a time, and re-anchors each chain on the last entry it deleted
// (audit_chains.anchor_*), so verify keeps passing. Before deleting, it checks the links of what it is
// about to delete: a broken chain is left as it is (and reported) rather than laundered by retention.
// Runs on the app's clock; stop() waits for the batch in flight, so shutdown never cuts one in half.
import type { Logger } from "pino";
import type { Config } from "../../config.js";
import type { Db } from "../../db/repository.js";
import { iso } from "../../lib/time.js";
import type { Metrics } from "../../observability/metrics.js";
import { type ChainCheck, checkChain } from "./audit-chain.js";
import { type AuditEventRow, createAuditRepository } from "./audit-repository.js";
import { INSTANCE_CHAIN } from "./audit-schemas.js";

export interface AuditRetentionOptions {
  /** Time between runs (default one hour). */
  intervalMs?: number;
  /** Time from start() to the first run (default one minute). */
  firstRunDelayMs?: number;
  /** Entries deleted per transaction (default 500). */
  batchSize?: number;
  /** Batches per run at most (default 100); the next run goes on where this one stopped. */
  maxBatchesPerRun?: number;
}

export interface AuditRetentionDeps extends AuditRetentionOptions {
  db: Db;
  clock: () => number;
  logger: Pick<Logger, "info" | "error">;
  metrics: Pick<
    Metrics,
    "auditRetentionRunsTotal" | "auditRetentionDeletedTotal" | "auditVerificationsTotal"
  >;
  config: Pick<Config, "AUDIT_RETENTION_DAYS">;
}

export interface RetentionReport {
  result: "success" | "error" | "chain_broken" | "disabled";
  deleted: number;
  chains: { chain: string; deleted: number; anchor_seq: number }[];
  broken: { chain: string; first_broken_id: string | null; reason: string | null }[];
}

/** Chains looked at per run at most. */
const CHAINS_PER_RUN = 100;
const DAY_MS = 86_400_000;

class BrokenChain extends Error {
  constructor(readonly check: ChainCheck) {
    super("audit chain broken");
  }
}

async function* each<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

export type AuditRetention = ReturnType<typeof createAuditRetention>;

export function createAuditRetention(deps: AuditRetentionDeps) {
  const { clock, logger, metrics, config } = deps;
  const repo = createAuditRepository(deps.db);
  const intervalMs = deps.intervalMs ?? 3_600_000;
  const firstRunDelayMs = deps.firstRunDelayMs ?? 60_000;
  const batchSize = deps.batchSize ?? 500;
  const maxBatches = deps.maxBatchesPerRun ?? 100;
  // started: the timer runs; halted: stop() was called, so a run in progress ends after its batch.
  let started = false;
  let halted = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<RetentionReport> | undefined;

  /** Deletes one batch of the chain's expired entries; how many it deleted and the new anchor. */
  async function deleteBatch(chain: string, cutoff: string): Promise<{ deleted: number; anchorSeq: number }> {
    return repo.transaction(async (tx) => {
      const ends = await tx.lockChain(chain, null, iso(clock()));
      const rows = await tx.oldestEvents(chain, batchSize);
      const expired: AuditEventRow[] = [];
      for (const r of rows) {
        if (r.created_at >= cutoff) break;
        expired.push(r);
      }
      const last = expired[expired.length - 1];
      if (!last) return { deleted: 0, anchorSeq: ends.anchor_seq };
      const check = await checkChain(
        { anchorSeq: ends.anchor_seq, anchorHash: ends.anchor_hash, headSeq: last.seq, headHash: last.hash },
        each(expired),
      );
      if (!check.ok) throw new BrokenChain(check);
      const deleted = await tx.deleteEventsUpTo(chain, last.seq);
      await tx.setAnchor(chain, last.seq, last.hash);
      return { deleted, anchorSeq: last.seq };
    });
  }

  async function run(): Promise<RetentionReport> {
    const report: RetentionReport = { result: "success", deleted: 0, chains: [], broken: [] };
    if (config.AUDIT_RETENTION_DAYS === 0) return { ...report, result: "disabled" };
    const cutoff = iso(clock() - config.AUDIT_RETENTION_DAYS * DAY_MS);
    let batches = 0;
    try {
      for (const chain of await repo.chainsWithEntriesBefore(cutoff, CHAINS_PER_RUN)) {
        const done = { chain, deleted: 0, anchor_seq: 0 };
        try {
          while (!halted && batches < maxBatches) {
            batches++;
            const { deleted, anchorSeq } = await deleteBatch(chain, cutoff);
            done.deleted += deleted;
            done.anchor_seq = anchorSeq;
            if (deleted < batchSize) break;
          }
        } catch (e) {
          if (!(e instanceof BrokenChain)) throw e;
          report.result = "chain_broken";
          report.broken.push({ chain, first_broken_id: e.check.firstBrokenId, reason: e.check.reason });
          metrics.auditVerificationsTotal
            .labels(chain === INSTANCE_CHAIN ? "instance" : "project", "broken")
            .inc();
          logger.error(
            { chain, first_broken_id: e.check.firstBrokenId, reason: e.check.reason },
            "Audit retention left a chain alone: its expired entries do not verify",
          );
        }
        if (done.deleted > 0) {
          report.chains.push(done);
          report.deleted += done.deleted;
          metrics.auditRetentionDeletedTotal.inc(done.deleted);
          logger.info(
            { chain, deleted: done.deleted, anchor_seq: done.anchor_seq, cutoff },
            "Audit retention deleted expired entries and re-anchored the chain",
          );
        }
        if (halted || batches >= maxBatches) break;
      }
    } catch (e) {
      report.result = "error";
      logger.error({ err: e, deleted: report.deleted }, "Audit retention run failed");
    }
    metrics.auditRetentionRunsTotal.labels(report.result).inc();
    logger.info(
      { result: report.result, deleted: report.deleted, chains: report.chains.length, cutoff },
      "Audit retention run finished",
    );
    return report;
  }

  function schedule(delay: number) {
    timer = setTimeout(() => {
      running = run().finally(() => {
        running = undefined;
        if (!halted) schedule(intervalMs);
      });
    }, delay);
    timer.unref();
  }

  return {
    /** One run now (tests, and the timer): deletes what has expired, in bounded batches. */
    async runOnce(): Promise<RetentionReport> {
      if (running) await running.catch(() => {});
      const mine = run();
      running = mine;
      try {
        return await mine;
      } finally {
        if (running === mine) running = undefined;
      }
    },
    start(): void {
      if (started || halted) return;
      started = true;
      schedule(firstRunDelayMs);
    },
    /** Stops the timer and waits for the batch in flight; the run ends after it. */
    async stop(): Promise<void> {
      halted = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (running) await running.catch(() => {});
    },
  };
}
