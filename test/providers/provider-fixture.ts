// What the provider tests share: a fake LLM server on loopback (reset before each test), fresh metrics
// and a record of the retry waits per test, the resilient wrapper over a transport with the tests'
// settings (no real sleeping, no jitter), and a way to read the error a call fails with.
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { LlmCallError } from "../../src/features/analysis/providers/llm-errors.js";
import type { LlmTransport } from "../../src/features/analysis/providers/llm-transport.js";
import {
  ResilientLlm,
  type ResilientLlmOptions,
} from "../../src/features/analysis/providers/resilient-llm.js";
import type { Metrics } from "../../src/observability/metrics.js";
import { type FakeLlm, startFakeLlm } from "../helpers/fake-llm.js";
import { freshMetrics } from "../helpers/metrics.js";

export interface ProviderFixture {
  server: FakeLlm;
  metrics: Metrics;
  /** The waits the wrapper asked for between retries, in order. */
  sleeps: number[];
}

/** Registers the hooks of the surrounding describe; read the fields inside tests. */
export function useProviderFixture(): ProviderFixture {
  const fx = { sleeps: [] as number[] } as ProviderFixture;
  beforeAll(async () => {
    fx.server = await startFakeLlm();
  });
  afterAll(async () => fx.server.close());
  beforeEach(() => {
    fx.server.reset();
    fx.metrics = freshMetrics();
    fx.sleeps = [];
  });
  return fx;
}

export function resilientLlm(
  fx: ProviderFixture,
  transport: LlmTransport,
  options: Partial<ResilientLlmOptions> & Pick<ResilientLlmOptions, "circuitFailures">,
): ResilientLlm {
  return new ResilientLlm(transport, {
    metrics: fx.metrics,
    timeoutMs: 2000,
    maxRetries: 2,
    circuitResetMs: 30_000,
    random: () => 0,
    sleep: async (ms) => {
      fx.sleeps.push(ms);
    },
    ...options,
  });
}

/** The error a call fails with (a call that succeeds gives its value, which fails the test's checks). */
export async function failureOf(call: Promise<unknown>): Promise<LlmCallError> {
  return (await call.catch((e: unknown) => e)) as LlmCallError;
}
