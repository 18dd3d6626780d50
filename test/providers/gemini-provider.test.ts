import { beforeEach, describe, expect, it } from "vitest";
import { createGeminiTransport } from "../../src/features/analysis/providers/gemini-transport.js";
import { LlmCallError } from "../../src/features/analysis/providers/llm-errors.js";
import type { JsonSchema } from "../../src/features/analysis/providers/llm-transport.js";
import type { ResilientLlmOptions } from "../../src/features/analysis/providers/resilient-llm.js";
import { errorAnswer, geminiAnswer } from "../helpers/fake-llm.js";
import { metricValue } from "../helpers/metrics.js";
import { failureOf, resilientLlm, useProviderFixture } from "./provider-fixture.js";

const SCHEMA: JsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["verdict", "score"],
  properties: {
    verdict: { type: "string", enum: ["good", "bad"] },
    score: { type: "integer", minimum: 0, maximum: 100 },
  },
};
const PROMPT = { system: "Judge it.", user: "<prompt>Hi</prompt>", schema: SCHEMA, schemaName: "verdict" };
const validate = (v: unknown) => {
  const o = v as { verdict?: unknown; score?: unknown };
  return (o.verdict === "good" || o.verdict === "bad") && typeof o.score === "number"
    ? (o as { verdict: string; score: number })
    : undefined;
};

describe("Gemini through @google/genai with the resilient wrapper", () => {
  const fx = useProviderFixture();
  let now: number;
  beforeEach(() => {
    now = 1_000_000;
  });

  const llm = (overrides: Partial<ResilientLlmOptions> = {}) =>
    resilientLlm(
      fx,
      createGeminiTransport({ apiKey: "test-key", model: "gemini-test-flash", baseUrl: fx.server.url }),
      { circuitFailures: 3, clock: () => now, ...overrides },
    );

  it("calls generateContent on the model's path with the key header, JSON mode and the response schema", async () => {
    fx.server.enqueue(geminiAnswer({ verdict: "good", score: 81 }, { prompt: 120, completion: 40 }));
    const value = await llm().completeJson("analyze", PROMPT, validate, "req-abc-1");
    expect(value).toEqual({ verdict: "good", score: 81 });
    expect(fx.server.calls).toHaveLength(1);
    const call = fx.server.calls[0]!;
    expect(call.method).toBe("POST");
    expect(call.path).toBe("/v1beta/models/gemini-test-flash:generateContent");
    expect(call.headers["x-goog-api-key"]).toBe("test-key");
    expect(call.headers["x-request-id"]).toBe("req-abc-1");
    const body = call.body as {
      generationConfig: { responseMimeType: string; responseSchema: Record<string, unknown> };
      systemInstruction: { parts: { text: string }[] };
    };
    expect(body.generationConfig.responseMimeType).toBe("application/json");
    expect(body.generationConfig.responseSchema).toMatchObject({
      type: "OBJECT",
      required: ["verdict", "score"],
      properties: { verdict: { type: "STRING", enum: ["good", "bad"] }, score: { type: "INTEGER" } },
    });
    expect(body.systemInstruction.parts[0]?.text).toBe("Judge it.");

    expect(
      await metricValue(fx.metrics.geminiRequestsTotal, { operation: "analyze", status: "success" }),
    ).toBe(1);
    expect(
      await metricValue(fx.metrics.llmRequestsTotal, {
        provider: "gemini",
        operation: "analyze",
        status: "success",
      }),
    ).toBe(1);
    expect(
      await metricValue(fx.metrics.llmTokensTotal, {
        provider: "gemini",
        model: "gemini-test-flash",
        direction: "input",
      }),
    ).toBe(120);
    expect(
      await metricValue(fx.metrics.llmTokensTotal, {
        provider: "gemini",
        model: "gemini-test-flash",
        direction: "output",
      }),
    ).toBe(40);
    expect(await metricValue(fx.metrics.geminiDuration, { operation: "analyze" }, "count")).toBe(1);
  });

  it("counts a thinking model's thought tokens as output tokens of a generation", async () => {
    fx.server.enqueue(geminiAnswer("fine", { prompt: 10, completion: 5, thoughts: 20 }));
    const gen = await llm().generate(
      "generate",
      { model: "gemini-test-flash", messages: [{ role: "user", content: "hi" }] },
      new AbortController().signal,
    );
    expect(gen.usage).toEqual({ promptTokens: 10, completionTokens: 25 });
    expect(
      await metricValue(fx.metrics.llmTokensTotal, {
        provider: "gemini",
        model: "gemini-test-flash",
        direction: "output",
      }),
    ).toBe(25);
  });

  it("waits what Retry-After says after a 429, then succeeds", async () => {
    fx.server.enqueue(errorAnswer(429, { "retry-after": "3" }), geminiAnswer({ verdict: "bad", score: 20 }));
    const value = await llm().completeJson("analyze", PROMPT, validate);
    expect(value.score).toBe(20);
    expect(fx.server.calls).toHaveLength(2);
    expect(fx.sleeps).toEqual([3000]);
    expect(await metricValue(fx.metrics.geminiRequestsTotal, { operation: "analyze", status: "error" })).toBe(
      1,
    );
    expect(
      await metricValue(fx.metrics.geminiRequestsTotal, { operation: "analyze", status: "success" }),
    ).toBe(1);
    expect(
      await metricValue(fx.metrics.geminiErrorsTotal, { operation: "analyze", error_type: "rate_limited" }),
    ).toBe(1);
  });

  it("caps a long Retry-After at the backoff ceiling", async () => {
    fx.server.enqueue(
      errorAnswer(429, { "retry-after": "3600" }),
      geminiAnswer({ verdict: "bad", score: 20 }),
    );
    await llm({ backoff: { baseMs: 100, capMs: 5000 } }).completeJson("analyze", PROMPT, validate);
    expect(fx.sleeps).toEqual([5000]);
  });

  it("retries 5xx at most LLM_MAX_RETRIES times with growing backoff, then gives up as server_error", async () => {
    fx.server.enqueue(
      errorAnswer(500),
      errorAnswer(503),
      errorAnswer(502),
      geminiAnswer({ verdict: "good", score: 1 }),
    );
    const err = await llm({ backoff: { baseMs: 400, capMs: 10_000 } })
      .completeJson("analyze", PROMPT, validate)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmCallError);
    expect((err as LlmCallError).type).toBe("server_error");
    expect(fx.server.calls).toHaveLength(3);
    // equal jitter with random() = 0: half of 400·2^n
    expect(fx.sleeps).toEqual([200, 400]);
    expect(
      await metricValue(fx.metrics.geminiErrorsTotal, { operation: "analyze", error_type: "server_error" }),
    ).toBe(3);
  });

  it("does not retry a 400: a bad request stays bad", async () => {
    fx.server.enqueue(errorAnswer(400));
    const err = await failureOf(llm().completeJson("analyze", PROMPT, validate));
    expect(err.type).toBe("client_error");
    expect(fx.server.calls).toHaveLength(1);
  });

  it("times out a slow answer with an AbortSignal and does not wait for it again", async () => {
    fx.server.enqueue({ ...geminiAnswer({ verdict: "good", score: 5 }), delayMs: 1500 });
    const started = Date.now();
    const err = await failureOf(llm({ timeoutMs: 200 }).completeJson("analyze", PROMPT, validate));
    expect(err.type).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(1200);
    expect(fx.server.calls).toHaveLength(1);
    expect(
      await metricValue(fx.metrics.geminiErrorsTotal, { operation: "analyze", error_type: "timeout" }),
    ).toBe(1);
  });

  it("asks once more when the answer is not valid JSON, and accepts the second answer", async () => {
    fx.server.enqueue(geminiAnswer("{ not json"), geminiAnswer({ verdict: "good", score: 70 }));
    const value = await llm().completeJson("analyze", PROMPT, validate);
    expect(value.score).toBe(70);
    expect(fx.server.calls).toHaveLength(2);
    expect(
      await metricValue(fx.metrics.geminiErrorsTotal, {
        operation: "analyze",
        error_type: "malformed_output",
      }),
    ).toBe(1);
  });

  it("gives up with malformed_output after two answers that do not fit the schema", async () => {
    fx.server.enqueue(
      geminiAnswer({ verdict: "maybe" }),
      geminiAnswer("[]"),
      geminiAnswer({ verdict: "good", score: 1 }),
    );
    const err = await failureOf(llm().completeJson("analyze", PROMPT, validate));
    expect(err.type).toBe("malformed_output");
    expect(fx.server.calls).toHaveLength(2);
  });

  it("opens the circuit after N failed calls, makes no outbound call while open, and closes after a good trial", async () => {
    const client = llm({ maxRetries: 0, circuitFailures: 3, circuitResetMs: 30_000 });
    fx.server.enqueue(errorAnswer(500), errorAnswer(500), errorAnswer(500));
    for (let i = 0; i < 3; i++) {
      const e = await failureOf(client.completeJson("analyze", PROMPT, validate));
      expect(e.type).toBe("server_error");
    }
    expect(client.circuitState).toBe("open");
    expect(fx.server.calls).toHaveLength(3);

    const refused = await failureOf(client.completeJson("analyze", PROMPT, validate));
    expect(refused.type).toBe("circuit_open");
    expect(fx.server.calls).toHaveLength(3);

    now += 29_999;
    expect(client.circuitState).toBe("open");
    now += 1;
    expect(client.circuitState).toBe("half_open");
    fx.server.enqueue(geminiAnswer({ verdict: "good", score: 90 }));
    expect((await client.completeJson("analyze", PROMPT, validate)).score).toBe(90);
    expect(client.circuitState).toBe("closed");
    expect(fx.server.calls).toHaveLength(4);
  });

  it("re-opens the circuit for a full period when the half-open trial fails", async () => {
    const client = llm({ maxRetries: 2, circuitFailures: 1, circuitResetMs: 10_000 });
    fx.server.enqueue(errorAnswer(503), errorAnswer(503), errorAnswer(503));
    await client.completeJson("analyze", PROMPT, validate).catch(() => {});
    expect(client.circuitState).toBe("open");
    now += 10_000;
    fx.server.enqueue(errorAnswer(503), geminiAnswer({ verdict: "good", score: 2 }));
    const e = await failureOf(client.completeJson("analyze", PROMPT, validate));
    expect(e.type).toBe("server_error");
    // the trial is a single attempt: 3 calls before, 1 trial
    expect(fx.server.calls).toHaveLength(4);
    expect(client.circuitState).toBe("open");
    now += 9_999;
    expect(client.circuitState).toBe("open");
  });

  it("reports whether the model answers through a probe", async () => {
    fx.server.enqueue({ body: { name: "models/gemini-test-flash", displayName: "Test" } });
    const ok = await llm().probe("req-probe");
    expect(ok).toEqual({ ok: true, models: ["gemini-test-flash"] });
    expect(fx.server.calls[0]?.path).toBe("/v1beta/models/gemini-test-flash");
    expect(fx.server.calls[0]?.headers["x-request-id"]).toBe("req-probe");
    fx.server.enqueue(errorAnswer(403));
    expect(await llm().probe()).toEqual({ ok: false, models: ["gemini-test-flash"], error: "auth_error" });
  });
});
