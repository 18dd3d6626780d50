// The rescore job: after an analysis engine upgrade, stored scores of saved versions computed by another
// engine version are recomputed in the background, so sorting by score, the score history and the
// user's stats compare like with like. It runs a pass at start-up and then every RESCORE_INTERVAL:
// claim at most RESCORE_BATCH_SIZE stale rows, recompute them one at a time (yielding to the event loop
// between versions, so no request waits behind more than one analysis), write them back one by one,
// pause RESCORE_PAUSE_MS, repeat until nothing is left to claim.
//
// A rescore replaces the stored score of that version in place (and sets rescored_at) rather than
// adding an analysis row: the history then shows every version as the current engine judges it, so
// a step between two versions is always the edit's doing, never the engine's; the row's engine_version
// and rescored_at say that the number was recomputed and by which engine. Adding rows would make an
// upgrade look like a burst of analyses the user never ran, and count twice in their stats.
//
// Several instances may run it at once: a row is claimed (a token and a lease, RESCORE_CLAIM_TTL) by a
// conditional update before it is recomputed, and written back only while the claim holds, so no two
// instances recompute the same row and a claim left by a stopped instance lapses. stop() ends it
// promptly: the sleep is aborted, the batch stops after the version in hand and gives its rows back.
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Config } from "../../config.js";
import type { Db } from "../../db/repository.js";
import { abortableSleep, createBackgroundLoop } from "../../lib/background-loop.js";
import { iso } from "../../lib/time.js";
import type { Metrics } from "../../observability/metrics.js";
import { createAnalysisRepository } from "./analysis-repository.js";
import { ENGINE_VERSION } from "./engine/version.js";
import { scoreVersionText } from "./version-scores.js";

export type RescoreSettings = Pick<
  Config,
  "RESCORE_ENABLED" | "RESCORE_BATCH_SIZE" | "RESCORE_PAUSE_MS" | "RESCORE_INTERVAL" | "RESCORE_CLAIM_TTL"
>;

export interface RescoreJobDeps {
  db: Db;
  /** Milliseconds since the epoch: claim leases and rescored_at come from it. */
  clock: () => number;
  metrics: Pick<
    Metrics,
    | "analysisRescoredVersionsTotal"
    | "analysisRescoreSkippedTotal"
    | "analysisRescorePendingVersions"
    | "analysisRescoreBatchDuration"
    | "analysisRescoreErrorsTotal"
  >;
  logger: Pick<Logger, "info" | "warn" | "error">;
  config: RescoreSettings;
  /** The engine version stored scores should carry; the running engine's unless a test says otherwise. */
  engineVersion?: string;
  /** Waits `ms` or until `signal` aborts, whichever is first (tests pass an instant one). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface BatchOutcome {
  /** Rows this batch claimed (0: nothing left that another instance does not hold). */
  claimed: number;
  rescored: number;
  skipped: number;
}

export interface PassOutcome {
  batches: number;
  rescored: number;
  /** Stale scores left when the pass ended (held by another instance, or the job was stopped). */
  pending: number;
}

export type RescoreJob = ReturnType<typeof createRescoreJob>;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createRescoreJob(deps: RescoreJobDeps) {
  const { clock, metrics, logger, config } = deps;
  const repo = createAnalysisRepository(deps.db);
  const engineVersion = deps.engineVersion ?? ENGINE_VERSION;
  const sleep = deps.sleep ?? abortableSleep;

  async function countPending(): Promise<number> {
    const n = await repo.countStaleVersionScores(engineVersion);
    metrics.analysisRescorePendingVersions.set(n);
    return n;
  }

  /** One bounded batch: claims at most RESCORE_BATCH_SIZE stale scores, recomputes and replaces them. */
  async function runBatch(signal: AbortSignal = background.signal): Promise<BatchOutcome> {
    const started = clock();
    const claim = randomUUID();
    const claimed = await repo.claimStaleVersionScores(
      engineVersion,
      claim,
      iso(started),
      iso(started + config.RESCORE_CLAIM_TTL * 1000),
      config.RESCORE_BATCH_SIZE,
    );
    if (claimed === 0) return { claimed, rescored: 0, skipped: 0 };
    const rows = await repo.listClaimed(claim);
    const rescoredAt = iso(clock());
    const handled = new Set<string>();
    let rescored = 0;
    let skipped = 0;
    // One version at a time: recompute, then write in a transaction of its own (the score and, where it
    // follows, the prompt's), yielding to the event loop before each step. On SQLite a write holds the
    // one connection, so a batch-wide transaction would keep every request waiting for the whole batch.
    for (const row of rows) {
      if (signal.aborted) break;
      handled.add(row.id);
      if (row.content === null) {
        // Cannot happen while versions go only with their prompt (and its analyses); the claim is kept
        // until it lapses so the pass moves on instead of claiming the row again at once.
        skipped++;
        metrics.analysisRescoreSkippedTotal.labels("version_missing").inc();
        logger.warn({ analysis_id: row.id }, "Rescore: the analysed version is gone; score left as it was");
        continue;
      }
      await yieldToEventLoop();
      const score = await scoreVersionText(row.content, row.target_llm ?? "generic");
      await yieldToEventLoop();
      const written = await repo.transaction(async (tx) => {
        const ok = await tx.replaceClaimedScore(claim, {
          id: row.id,
          overall: score.overall,
          result: JSON.stringify(score.result),
          engineVersion: score.engineVersion,
          rescoredAt,
        });
        if (ok) await tx.setPromptScoreFromAnalysis(row, score.overall, score.engineVersion);
        return ok;
      });
      if (written) {
        rescored++;
        metrics.analysisRescoredVersionsTotal.inc();
      } else {
        // No longer ours: the claim lapsed and another instance took the row (its write is the one
        // kept), or the prompt was deleted meanwhile.
        skipped++;
        metrics.analysisRescoreSkippedTotal.labels("claim_lost").inc();
      }
    }
    // Rows left because the job is stopping are given back at once.
    await repo.releaseClaim(
      claim,
      rows.filter((r) => !handled.has(r.id)).map((r) => r.id),
    );
    metrics.analysisRescoreBatchDuration.observe(Math.max(0, clock() - started) / 1000);
    return { claimed, rescored, skipped };
  }

  /** Batches until nothing is left to claim (or stop() is called), pausing RESCORE_PAUSE_MS between them. */
  async function runPass(signal: AbortSignal = background.signal): Promise<PassOutcome> {
    let pending = await countPending();
    let batches = 0;
    let rescored = 0;
    while (pending > 0 && !signal.aborted) {
      const b = await runBatch(signal);
      if (b.claimed === 0) break;
      batches++;
      rescored += b.rescored;
      pending = Math.max(0, pending - b.rescored);
      metrics.analysisRescorePendingVersions.set(pending);
      await sleep(config.RESCORE_PAUSE_MS, signal);
    }
    if (!signal.aborted) pending = await countPending();
    if (rescored > 0)
      logger.info(
        { rescored, batches, pending, engine_version: engineVersion },
        "Rescored stored version scores",
      );
    return { batches, rescored, pending };
  }

  async function runPassSafely(signal: AbortSignal): Promise<void> {
    try {
      await runPass(signal);
    } catch (err) {
      if (signal.aborted) return;
      metrics.analysisRescoreErrorsTotal.inc();
      logger.error({ err }, "Rescore pass failed; retrying at the next interval");
    }
  }

  const background = createBackgroundLoop(async (signal) => {
    await runPassSafely(signal);
    await sleep(config.RESCORE_INTERVAL * 1000, signal);
  });

  return {
    engineVersion,
    countPending,
    runBatch,
    runPass,

    /** Starts the background loop (a no-op when RESCORE_ENABLED is off or it already runs). */
    start(): void {
      if (config.RESCORE_ENABLED) background.start();
    },

    /** Stops the loop and waits for the batch in hand to give its rows back; idempotent. */
    stop: background.stop,
  };
}
