import { describe, expect, it } from "vitest";
import { LlmCallError } from "../../src/features/analysis/providers/llm-errors.js";
import type { JsonSchema } from "../../src/features/analysis/providers/llm-transport.js";
import { createOpenAiTransport } from "../../src/features/analysis/providers/openai-transport.js";
import {
  ResilientLlm,
  type ResilientLlmOptions,
} from "../../src/features/analysis/providers/resilient-llm.js";
import { errorAnswer, openAiAnswer } from "../helpers/fake-llm.js";
import { metricValue } from "../helpers/metrics.js";
import { failureOf, resilientLlm, useProviderFixture } from "./provider-fixture.js";

const SCHEMA: JsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["score"],
  properties: { score: { type: "integer", minimum: 0, maximum: 100 } },
};
const PROMPT = { system: "Score it.", user: "<prompt>Hi</prompt>", schema: SCHEMA, schemaName: "score" };
const validate = (v: unknown) => {
  const o = v as { score?: unknown };
  return typeof o?.score === "number" ? { score: o.score } : undefined;
};

describe("OpenAI-compatible chat completions with the resilient wrapper", () => {
  const fx = useProviderFixture();

  const llm = (overrides: Partial<ResilientLlmOptions> = {}, apiKey: string | null = "sk-test") =>
    resilientLlm(
      fx,
      createOpenAiTransport({
        baseUrl: `${fx.server.url}/v1/`,
        apiKey: apiKey ?? undefined,
        model: "llama3.1:8b",
      }),
      { circuitFailures: 5, ...overrides },
    );
  /** Failed calls to this provider for the analyze operation, as the metrics count them. */
  const analyzeErrors = () =>
    metricValue(fx.metrics.llmRequestsTotal, { provider: "openai", operation: "analyze", status: "error" });

  it("posts to /chat/completions with a bearer key, the request id and a strict json_schema", async () => {
    fx.server.enqueue(openAiAnswer({ score: 64 }, { prompt: 90, completion: 12 }));
    expect(await llm().completeJson("enhance", PROMPT, validate, "req-xyz")).toEqual({ score: 64 });
    const call = fx.server.calls[0]!;
    expect(call.path).toBe("/v1/chat/completions");
    expect(call.headers.authorization).toBe("Bearer sk-test");
    expect(call.headers["x-request-id"]).toBe("req-xyz");
    expect(call.body).toMatchObject({
      model: "llama3.1:8b",
      messages: [
        { role: "system", content: "Score it." },
        { role: "user", content: "<prompt>Hi</prompt>" },
      ],
      response_format: { type: "json_schema", json_schema: { name: "score", schema: SCHEMA, strict: true } },
    });
    expect(
      await metricValue(fx.metrics.llmRequestsTotal, {
        provider: "openai",
        operation: "enhance",
        status: "success",
      }),
    ).toBe(1);
    expect(
      await metricValue(fx.metrics.llmTokensTotal, {
        provider: "openai",
        model: "llama3.1:8b",
        direction: "input",
      }),
    ).toBe(90);
    expect(
      await metricValue(fx.metrics.llmTokensTotal, {
        provider: "openai",
        model: "llama3.1:8b",
        direction: "output",
      }),
    ).toBe(12);
    // Gemini's own series stay untouched by other providers.
    expect(
      await metricValue(fx.metrics.geminiRequestsTotal, { operation: "enhance", status: "success" }),
    ).toBe(0);
  });

  it("sends no Authorization header when no key is configured (local Ollama)", async () => {
    fx.server.enqueue(openAiAnswer({ score: 1 }));
    await llm({}, null).completeJson("analyze", PROMPT, validate);
    expect(fx.server.calls[0]?.headers.authorization).toBeUndefined();
  });

  it("falls back to json_object, with the schema in the system message, when json_schema is rejected", async () => {
    fx.server.enqueue(
      { status: 400, body: { error: { message: "response_format json_schema is not supported" } } },
      openAiAnswer({ score: 33 }),
      openAiAnswer({ score: 34 }),
    );
    const client = llm();
    expect(await client.completeJson("analyze", PROMPT, validate)).toEqual({ score: 33 });
    const second = fx.server.calls[1]?.body as { response_format: unknown; messages: { content: string }[] };
    expect(second.response_format).toEqual({ type: "json_object" });
    expect(second.messages[0]?.content).toContain('"required":["score"]');
    // remembered: the next call goes straight to json_object
    expect(await client.completeJson("analyze", PROMPT, validate)).toEqual({ score: 34 });
    expect(fx.server.calls).toHaveLength(3);
    expect((fx.server.calls[2]!.body as { response_format: unknown }).response_format).toEqual({
      type: "json_object",
    });
  });

  it("retries a 503 with an HTTP-date Retry-After and then succeeds", async () => {
    const at = new Date(Date.now() + 2000).toUTCString();
    fx.server.enqueue(errorAnswer(503, { "retry-after": at }), openAiAnswer({ score: 50 }));
    expect(await llm().completeJson("analyze", PROMPT, validate)).toEqual({ score: 50 });
    expect(fx.sleeps).toHaveLength(1);
    expect(fx.sleeps[0]).toBeGreaterThan(0);
    expect(fx.sleeps[0]).toBeLessThanOrEqual(2000);
    expect(await analyzeErrors()).toBe(1);
  });

  it("treats 401 as auth_error without retrying", async () => {
    fx.server.enqueue(errorAnswer(401));
    const e = await failureOf(llm().completeJson("analyze", PROMPT, validate));
    expect(e).toBeInstanceOf(LlmCallError);
    expect(e.type).toBe("auth_error");
    expect(fx.server.calls).toHaveLength(1);
  });

  it("does not count a client error (a misspelt model) of a generation against the shared circuit", async () => {
    const shared = llm({ circuitFailures: 2 });
    const gen = (model: string) =>
      shared.generate(
        "generate",
        { model, messages: [{ role: "user", content: "hi" }] },
        new AbortController().signal,
      );
    fx.server.enqueue(errorAnswer(404), errorAnswer(400), errorAnswer(404), openAiAnswer("hello"));
    for (let i = 0; i < 3; i++) expect((await failureOf(gen("no-such-model"))).type).toBe("client_error");
    expect(shared.circuitState).toBe("closed");
    expect((await gen("llama3.1:8b")).text).toBe("hello");
    expect(fx.server.calls).toHaveLength(4);
  });

  it("retries a message that is not JSON once", async () => {
    fx.server.enqueue(
      openAiAnswer("Sure! Here is the score: 40"),
      openAiAnswer('```json\n{"score": 40}\n```'),
    );
    expect(await llm().completeJson("analyze", PROMPT, validate)).toEqual({ score: 40 });
    expect(fx.server.calls).toHaveLength(2);
  });

  it("reports network errors when nothing listens, after retrying", async () => {
    const dead = new ResilientLlm(createOpenAiTransport({ baseUrl: "http://127.0.0.1:9/v1", model: "m" }), {
      metrics: fx.metrics,
      timeoutMs: 2000,
      maxRetries: 1,
      circuitFailures: 5,
      circuitResetMs: 1000,
      sleep: async () => {},
    });
    const e = await failureOf(dead.completeJson("analyze", PROMPT, validate));
    expect(e.type).toBe("network_error");
    expect(await analyzeErrors()).toBe(2);
  });

  it("lists the server's models in a probe", async () => {
    fx.server.enqueue({ body: { object: "list", data: [{ id: "llama3.1:8b" }, { id: "qwen2.5:7b" }] } });
    expect(await llm().probe()).toEqual({ ok: true, models: ["llama3.1:8b", "qwen2.5:7b"] });
    expect(fx.server.calls[0]?.path).toBe("/v1/models");
  });
});
