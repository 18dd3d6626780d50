// The loop of a background worker (the rescore job, the webhook delivery worker): one round after
// another until stopped. stop() aborts the signal every round receives, so a sleep on it ends at once
// and the work in hand can give back what it holds, then waits for that round to return.
import { setTimeout as delay } from "node:timers/promises";

/** Waits `ms` or until `signal` aborts, whichever is first; the timer never keeps the process alive. */
export async function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal, ref: false });
  } catch (e) {
    if (!signal.aborted) throw e;
  }
}

export type BackgroundLoop = ReturnType<typeof createBackgroundLoop>;

/** A loop running `round` (which does its own waiting) until stop(); rounds never overlap. */
export function createBackgroundLoop(round: (signal: AbortSignal) => Promise<void>) {
  const controller = new AbortController();
  let loop: Promise<void> | undefined;
  return {
    /** Aborted by stop(): work the owner runs outside the loop listens to it too. */
    signal: controller.signal,
    /** Starts the loop (a no-op when it already runs or has been stopped). */
    start(): void {
      if (loop || controller.signal.aborted) return;
      const signal = controller.signal;
      loop = (async () => {
        while (!signal.aborted) await round(signal);
      })();
    },
    /** Aborts the signal and waits for the round in hand to return; idempotent. */
    async stop(): Promise<void> {
      controller.abort();
      await loop;
    },
  };
}
