// The delivery worker: polls the outbox every WEBHOOK_POLL_INTERVAL_MS, claims due deliveries (a token
// and a lease, so several instances never send the same row at once and a row held by a dead instance is
// taken again once its lease lapses), sends each one signed (webhook-sender.ts) and records the outcome:
// delivered on a 2xx; otherwise retried with exponential backoff and jitter (first retry within 15 s)
// until MAX_ATTEMPTS attempts or 24 hours after the event, then failed. A target the SSRF check refuses
// fails at once: retrying would not change the answer. Everything lives in the database, so a restart
// resumes where the last process stopped. Once an hour it also deletes finished deliveries older than
// WEBHOOK_DELIVERY_RETENTION_DAYS, so the delivery log does not grow for ever. buildApp starts it when
// ready and stops it before closing; stopping aborts the attempts in flight and gives their rows back.
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Config } from "../../config.js";
import type { Db } from "../../db/repository.js";
import { abortableSleep, createBackgroundLoop } from "../../lib/background-loop.js";
import { iso } from "../../lib/time.js";
import type { Metrics } from "../../observability/metrics.js";
import { DELIVERY_EVENTS, PING_EVENT } from "./webhook-events.js";
import { DELIVERY_TIMEOUT_MS, type SendOutcome, sendDelivery } from "./webhook-sender.js";
import { type Resolver, systemResolver } from "./webhook-targets.js";
import {
  type ClaimedDelivery,
  createWebhooksRepository,
  type DeliveryRow,
  type NewDelivery,
} from "./webhooks-repository.js";

/** Attempts of one delivery before it is marked failed (a ping gets one). */
export const MAX_ATTEMPTS = 18;
/** No attempt is scheduled later than this after the event. */
export const RETRY_WINDOW_MS = 24 * 3600_000;
/** The first retry waits 5–10 s; each later one twice as long (with jitter), never more than 4 h. */
const FIRST_RETRY_MS = 10_000;
const MAX_RETRY_MS = 4 * 3600_000;
/** Deliveries one poll claims and sends concurrently. */
export const BATCH_SIZE = 10;
/** Finished deliveries older than WEBHOOK_DELIVERY_RETENTION_DAYS are deleted this often, this many a statement. */
export const PRUNE_INTERVAL_MS = 3600_000;
const PRUNE_BATCH = 1000;

/** The wait before the attempt after attempt `attempt` (1-based): exponential, halved at most by jitter. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const nominal = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(nominal * (0.5 + 0.5 * random()));
}

export type WorkerSettings = Pick<
  Config,
  | "WEBHOOK_WORKER_ENABLED"
  | "WEBHOOK_POLL_INTERVAL_MS"
  | "WEBHOOK_ALLOW_PRIVATE_TARGETS"
  | "WEBHOOK_DELIVERY_RETENTION_DAYS"
  | "version"
>;

/** Knobs tests turn: a resolver, a short time-out, a deterministic jitter. */
export interface WebhookWorkerOverrides {
  resolve?: Resolver;
  timeoutMs?: number;
  random?: () => number;
}

export interface WebhookWorkerDeps extends WebhookWorkerOverrides {
  db: Db;
  clock: () => number;
  metrics: Pick<Metrics, "webhookDeliveriesTotal" | "webhookDeliveryDuration">;
  logger: Pick<Logger, "info" | "warn" | "error">;
  config: WorkerSettings;
}

export type WebhookWorker = ReturnType<typeof createWebhookWorker>;

/** The outcome recorded for one attempt, and the metric's `result`. */
type Result = "delivered" | "retry" | "failed";

export function createWebhookWorker(deps: WebhookWorkerDeps) {
  const { clock, metrics, logger, config } = deps;
  const repo = createWebhooksRepository(deps.db);
  const random = deps.random ?? Math.random;
  const policy = {
    allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    resolve: deps.resolve ?? systemResolver,
  };
  const timeoutMs = deps.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const leaseMs = timeoutMs + 50_000;
  const userAgent = `PromptForge-Webhooks/${config.version}`;

  /** The row's next state after `outcome`. */
  function nextState(d: ClaimedDelivery, outcome: Exclude<SendOutcome, { kind: "aborted" }>, at: number) {
    const attempts = d.attempts + 1;
    const base = {
      attempts,
      last_attempt_at: iso(at),
      last_response_code: outcome.kind === "response" ? outcome.status : null,
      last_response_ms: outcome.ms,
    };
    if (outcome.kind === "response" && outcome.status >= 200 && outcome.status < 300)
      return {
        result: "delivered" as Result,
        row: {
          ...base,
          status: "delivered" as const,
          next_attempt_at: d.next_attempt_at,
          last_error: null,
          delivered_at: iso(clock()),
        },
      };
    const error =
      outcome.kind === "response"
        ? outcome.status >= 300 && outcome.status < 400
          ? `answered ${outcome.status} (redirects are not followed)`
          : `answered ${outcome.status}`
        : outcome.error;
    const maxAttempts = d.event === PING_EVENT ? 1 : MAX_ATTEMPTS;
    const next = at + retryDelayMs(attempts, random);
    const giveUp =
      outcome.kind === "refused" ||
      attempts >= maxAttempts ||
      next > Date.parse(d.created_at) + RETRY_WINDOW_MS;
    return {
      result: (giveUp ? "failed" : "retry") as Result,
      row: {
        ...base,
        status: giveUp ? ("failed" as const) : ("pending" as const),
        next_attempt_at: giveUp ? d.next_attempt_at : iso(next),
        last_error: error,
        delivered_at: null,
      },
    };
  }

  async function deliver(
    d: ClaimedDelivery,
    claim: string,
    signal: AbortSignal,
  ): Promise<Result | "released"> {
    const outcome = await sendDelivery(
      {
        url: d.url,
        body: d.payload,
        secret: d.secret,
        deliveryId: d.id,
        event: d.event,
        timestamp: Math.floor(clock() / 1000),
        userAgent,
      },
      { policy, timeoutMs },
      signal,
    );
    if (outcome.kind === "aborted") {
      await repo.releaseClaim(d.id, claim);
      return "released";
    }
    const { result, row } = nextState(d, outcome, clock());
    const kept = await repo.recordAttempt(d.id, claim, row);
    const event = (DELIVERY_EVENTS as readonly string[]).includes(d.event) ? d.event : "other";
    metrics.webhookDeliveriesTotal.labels(event, result).inc();
    metrics.webhookDeliveryDuration.observe(outcome.ms / 1000);
    if (!kept) return result; // the lease lapsed and another instance took the row: its record wins
    if (result !== "delivered")
      // Never the URL (its path or query may carry a token) and never the secret.
      logger.warn(
        {
          webhook_id: d.webhook_id,
          delivery_id: d.id,
          event: d.event,
          attempt: row.attempts,
          status_code: row.last_response_code,
          error: row.last_error,
          result,
        },
        result === "failed" ? "Webhook delivery failed for good" : "Webhook delivery failed; will retry",
      );
    return result;
  }

  /** One poll: claims up to BATCH_SIZE due deliveries and sends them; how many were claimed. */
  async function runOnce(
    signal: AbortSignal = background.signal,
  ): Promise<{ claimed: number; delivered: number }> {
    const now = clock();
    const claim = randomUUID();
    const claimed = await repo.claimDue(claim, iso(now), iso(now + leaseMs), BATCH_SIZE);
    if (claimed === 0) return { claimed, delivered: 0 };
    const rows = await repo.listClaimed(claim);
    const results = await Promise.all(rows.map((d) => deliver(d, claim, signal)));
    return { claimed, delivered: results.filter((r) => r === "delivered").length };
  }

  /** Queues one delivery already claimed and sends it now (the test ping): one attempt, then recorded. */
  async function deliverNow(delivery: NewDelivery): Promise<void> {
    const claim = randomUUID();
    await repo.insertClaimed(delivery, claim, iso(clock() + leaseMs));
    const [row] = await repo.listClaimed(claim);
    if (row) await deliver(row, claim, background.signal);
  }

  /**
   * Deletes finished deliveries past WEBHOOK_DELIVERY_RETENTION_DAYS, in small statements so no write holds
   * the database long; how many. Several instances may prune at once: a row is deleted once either way.
   */
  async function prune(signal: AbortSignal = background.signal): Promise<number> {
    const before = iso(clock() - config.WEBHOOK_DELIVERY_RETENTION_DAYS * 86400_000);
    let total = 0;
    for (;;) {
      const n = await repo.deleteFinishedBefore(before, PRUNE_BATCH);
      total += n;
      if (n < PRUNE_BATCH || signal.aborted) return total;
    }
  }

  let prunedAt = Number.NEGATIVE_INFINITY;
  const background = createBackgroundLoop(async (signal) => {
    let claimed = 0;
    try {
      ({ claimed } = await runOnce(signal));
      if (clock() - prunedAt >= PRUNE_INTERVAL_MS) {
        prunedAt = clock();
        const pruned = await prune(signal);
        if (pruned > 0) logger.info({ pruned }, "Deleted finished webhook deliveries past retention");
      }
    } catch (err) {
      if (signal.aborted) return;
      logger.error({ err }, "Webhook delivery poll failed; retrying at the next interval");
    }
    // A full batch suggests more are due: poll again at once.
    if (claimed < BATCH_SIZE) await abortableSleep(config.WEBHOOK_POLL_INTERVAL_MS, signal);
  });

  return {
    runOnce,
    deliverNow,
    prune,
    /** Starts polling (a no-op when WEBHOOK_WORKER_ENABLED is off or it already runs). */
    start(): void {
      if (config.WEBHOOK_WORKER_ENABLED) background.start();
    },
    /** Stops polling, aborts attempts in flight (their rows go back to pending); idempotent. */
    stop: background.stop,
  };
}

export type { DeliveryRow };
