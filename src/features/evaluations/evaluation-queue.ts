// Where the evaluation worker finds items to run. Two sources with the same semantics, because the
// result rows stay the truth either way (an item is run only under a claim on its row, and a settled
// row is never claimed again):
// - embedded (SQLite, or EVALUATION_QUEUE=embedded): a poll over the result rows of active runs, taking
//   no more of each run than its free concurrency; a row whose holder died is due again once its lease
//   lapses, so a restart resumes where the last process stopped.
// - pg-boss (PostgreSQL): one job per result row, so several instances share a run; a job an instance
//   fetched and never finished (it crashed) expires and is retried by pg-boss on whichever instance asks
//   next. Jobs live in pg-boss's own schema and go through our connection pool (pg-boss's `db` option).
import { CompiledQuery } from "kysely";
import type { Logger } from "pino";
import type { Db } from "../../db/repository.js";
import { iso } from "../../lib/time.js";
import type { EvaluationsRepository } from "./evaluations-repository.js";

/** What running one item came to, as the source needs to know it. */
export type ItemOutcome =
  /** Settled, cancelled, or nothing to do: the job is finished. */
  | { kind: "done" }
  /** The run is at its concurrency: try again shortly. */
  | { kind: "busy" }
  /** Another live claim holds it until `until` (ISO): try again after that. */
  | { kind: "held"; until: string }
  /** Given back on shutdown: run it again soon, here or elsewhere. */
  | { kind: "released" };

/** One item taken from the queue; `ack` tells the source how it went. */
export interface QueuedItem {
  resultId: string;
  ack: (outcome: ItemOutcome) => Promise<void>;
}

export interface ItemSource {
  readonly kind: "embedded" | "pg-boss";
  start(): Promise<void>;
  /** Up to `n` items to run now. */
  take(n: number): Promise<QueuedItem[]>;
  /**
   * Announces a new run's items (pg-boss: one job each, written on `trx` so they commit with the run;
   * embedded: nothing, the poll finds the rows).
   */
  enqueue(resultIds: string[], trx?: Db): Promise<void>;
  stop(): Promise<void>;
}

const noAck = async () => {};

/** The embedded source: due rows of active runs, each run's share bounded by its free concurrency. */
export function createEmbeddedSource(deps: {
  repo: Pick<EvaluationsRepository, "activeRuns" | "dueItems">;
  clock: () => number;
}): ItemSource {
  return {
    kind: "embedded",
    async start() {},
    async take(n) {
      const now = iso(deps.clock());
      const out: QueuedItem[] = [];
      for (const run of await deps.repo.activeRuns(now)) {
        if (out.length >= n) break;
        const free = Math.min(run.concurrency - run.in_flight, n - out.length);
        if (free <= 0) continue;
        for (const resultId of await deps.repo.dueItems(run.id, now, free))
          out.push({ resultId, ack: noAck });
      }
      return out;
    },
    async enqueue() {},
    async stop() {},
  };
}

export const PGBOSS_QUEUE = "evaluation-item";

interface PgBossJob {
  id: string;
  data: { result_id?: unknown };
}

/** The subset of pg-boss 10 this source uses. */
interface PgBossLike {
  on(event: "error", fn: (e: unknown) => void): unknown;
  start(): Promise<unknown>;
  stop(opts: { graceful?: boolean; wait?: boolean; close?: boolean }): Promise<void>;
  createQueue(name: string, opts?: object): Promise<void>;
  getQueue(name: string): Promise<unknown>;
  insert(jobs: object[], opts?: object): Promise<void>;
  send(name: string, data: object, opts?: object): Promise<string | null>;
  fetch(name: string, opts: { batchSize: number }): Promise<PgBossJob[] | null>;
  complete(name: string, id: string): Promise<void>;
}

/** Runs pg-boss's SQL on our own pool: one set of connections, settings and metrics for both. */
function kyselyExecutor(db: Db) {
  return {
    async executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> {
      const res = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: res.rows as unknown[] };
    },
  };
}

/**
 * The pg-boss source. `expireInSeconds` must exceed the item lease, so a retried job finds the dead
 * holder's lease lapsed and claims the row; a job whose row is busy or held is finished and sent again
 * for later (a fresh job, so retries stay for crashes).
 */
export function createPgBossSource(deps: {
  db: Db;
  schema: string;
  expireInSeconds: number;
  clock: () => number;
  logger: Pick<Logger, "error" | "warn">;
  /** Seconds between pg-boss maintenance passes (expiring jobs of dead instances). */
  maintenanceIntervalSeconds?: number;
}): ItemSource {
  let boss: PgBossLike | undefined;
  const jobOptions = { retryLimit: 20, retryDelay: 1, expireInSeconds: deps.expireInSeconds };

  async function resend(resultId: string, afterMs: number): Promise<void> {
    await boss?.send(
      PGBOSS_QUEUE,
      { result_id: resultId },
      { ...jobOptions, startAfter: new Date(deps.clock() + Math.max(0, afterMs)) },
    );
  }

  let starting: Promise<PgBossLike> | undefined;
  /** Starts pg-boss once (installing its schema on first use); an instance that only enqueues starts it too. */
  function ensure(): Promise<PgBossLike> {
    starting ??= (async () => {
      const { default: PgBoss } = await import("pg-boss");
      const instance = new PgBoss({
        db: kyselyExecutor(deps.db),
        schema: deps.schema,
        // Jobs are fetched by our own loop; no cron, and maintenance only to expire dead holders' jobs.
        schedule: false,
        supervise: true,
        migrate: true,
        maintenanceIntervalSeconds: deps.maintenanceIntervalSeconds ?? 30,
      }) as unknown as PgBossLike;
      instance.on("error", (err) => deps.logger.error({ err }, "pg-boss reported an error"));
      await instance.start();
      if (!(await instance.getQueue(PGBOSS_QUEUE)))
        await instance.createQueue(PGBOSS_QUEUE, { ...jobOptions, policy: "standard" }).catch(async (e) => {
          // Another instance created it first.
          if (!(await instance.getQueue(PGBOSS_QUEUE))) throw e;
        });
      boss = instance;
      return instance;
    })();
    starting.catch(() => {
      starting = undefined;
    });
    return starting;
  }

  return {
    kind: "pg-boss",
    start: async () => {
      await ensure();
    },
    async take(n) {
      if (!boss || n <= 0) return [];
      const jobs = (await boss.fetch(PGBOSS_QUEUE, { batchSize: n })) ?? [];
      return jobs.map((job) => {
        const resultId = typeof job.data?.result_id === "string" ? job.data.result_id : "";
        return {
          resultId,
          ack: async (outcome: ItemOutcome) => {
            if (outcome.kind === "busy") await resend(resultId, 500);
            else if (outcome.kind === "held")
              await resend(resultId, Date.parse(outcome.until) - deps.clock() + 1000);
            else if (outcome.kind === "released") await resend(resultId, 0);
            await boss?.complete(PGBOSS_QUEUE, job.id);
          },
        };
      });
    },
    async enqueue(resultIds, trx) {
      const b = await ensure();
      const opts = trx ? { db: kyselyExecutor(trx) } : undefined;
      for (let i = 0; i < resultIds.length; i += 1000)
        await b.insert(
          resultIds
            .slice(i, i + 1000)
            .map((id) => ({ name: PGBOSS_QUEUE, data: { result_id: id }, ...jobOptions })),
          opts,
        );
    },
    async stop() {
      const b = starting ? await starting.catch(() => undefined) : undefined;
      boss = undefined;
      starting = undefined;
      // Our loop has stopped fetching; pg-boss only has its timers to stop. The pool is ours.
      await b?.stop({ graceful: false, wait: true, close: false });
    },
  };
}
