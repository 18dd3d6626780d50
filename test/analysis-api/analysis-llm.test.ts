import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import { mergeAnalysis } from "../../src/features/analysis/providers/llm-analysis.js";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";
import { errorAnswer, type FakeLlm, geminiAnswer, openAiAnswer, startFakeLlm } from "../helpers/fake-llm.js";
import { metricValue } from "../helpers/metrics.js";
import { createTestUser, type TestUser } from "../helpers/users.js";

const VAGUE = "Write something about it. Make it good and add some stuff.";
const TEMPLATE = "Write a blog post about {{topic}}.";
const GOOD_REWRITE =
  "You are a senior technology editor.\n\n" +
  "Task: Write a 600-word blog post about {{topic}} for small-business owners who are new to the subject.\n\n" +
  "Constraints: include three practical examples and end with a one-sentence takeaway.\n\n" +
  "Output format: Markdown with an H1 title and H2 section headings.";

const JUDGED = {
  scores: { overall: 40, clarity: 30, specificity: 20, structure: 50, context: 40, best_practices: 30 },
  findings: [
    {
      kind: "multiple_unrelated_tasks",
      severity: "error",
      message: "Two unrelated asks.",
      suggestion: "Split them.",
      quote: "add some stuff",
    },
  ],
  strengths: ["It is short."],
  weaknesses: ["No audience."],
  suggestions: ["Name the audience and the length."],
};

describe.each(DB_TARGETS)("analysis with an LLM provider (%s)", (target) => {
  let server: FakeLlm;
  let t: TestApp;
  let user: TestUser;
  let now = Date.now();
  const apps: TestApp[] = [];

  async function appWith(env: Record<string, string>): Promise<TestApp> {
    const a = await buildTestApp({
      target,
      env: {
        GEMINI_API_KEY: "test-gemini-key",
        GEMINI_BASE_URL: server.url,
        GEMINI_MODEL: "gemini-test",
        ...env,
      },
      llm: { sleep: async () => {}, timeoutMs: 300, clock: () => now, random: () => 0 },
    });
    apps.push(a);
    return a;
  }

  beforeAll(async () => {
    server = await startFakeLlm();
    t = await appWith({});
    user = await createTestUser(t.app);
  });
  afterEach(() => server.reset());
  afterAll(async () => {
    for (const a of apps) await a.close();
    await server.close();
  });

  const post = (
    app: TestApp,
    url: string,
    payload: object,
    headers: Record<string, string> = {},
    as: TestUser = user,
  ) => app.app.inject({ method: "POST", url, headers: { ...as.auth, ...headers }, payload });

  it("merges Gemini's judgement with the offline rules and forwards the request id", async () => {
    server.enqueue(geminiAnswer(JUDGED, { prompt: 300, completion: 80 }));
    const res = await post(t, "/api/v1/analysis/analyze", { text: VAGUE }, { "x-request-id": "req-llm-1" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const local = analyze(VAGUE, { targetLlm: "generic" });
    expect(body).toEqual(JSON.parse(JSON.stringify(mergeAnalysis(VAGUE, local, JUDGED as never, "gemini"))));
    expect(body.engine).toBe("gemini");
    expect(body.scores.overall).toBe(Math.round((local.scores.overall + 40) / 2));
    const extra = body.findings.find((f: { rule: string }) => f.rule === "LLM-multiple_unrelated_tasks");
    expect(extra?.severity).toBe("warning");
    expect(extra?.spans).toEqual([
      { start: VAGUE.indexOf("add some stuff"), end: VAGUE.indexOf("add some stuff") + 14 },
    ]);

    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]?.path).toBe("/v1beta/models/gemini-test:generateContent");
    expect(server.calls[0]?.headers["x-goog-api-key"]).toBe("test-gemini-key");
    expect(server.calls[0]?.headers["x-request-id"]).toBe("req-llm-1");
    const sent = server.calls[0]?.body as { contents: { parts: { text: string }[] }[] };
    expect(sent.contents[0]?.parts[0]?.text).toContain(`<prompt>\n${VAGUE}\n</prompt>`);
    const m = t.app.deps.metrics;
    expect(
      await metricValue(m.llmTokensTotal, { provider: "gemini", model: "gemini-test", direction: "input" }),
    ).toBeGreaterThanOrEqual(300);
  });

  it("falls back to the offline engine after 500s, saying why", async () => {
    const m = t.app.deps.metrics;
    const fallbacks = await metricValue(m.analysisFallbacksTotal, { reason: "server_error" });
    const errors = await metricValue(m.geminiRequestsTotal, { operation: "analyze", status: "error" });
    server.enqueue(errorAnswer(500), errorAnswer(500), errorAnswer(500));
    const res = await post(t, "/api/v1/analysis/analyze", { text: VAGUE });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.engine).toBe("local");
    expect(body.fallback_reason).toBe("server_error");
    const { fallback_reason: _, ...rest } = body;
    expect(rest).toEqual(JSON.parse(JSON.stringify(analyze(VAGUE, { targetLlm: "generic" }))));
    expect(server.calls).toHaveLength(3);
    expect(await metricValue(m.analysisFallbacksTotal, { reason: "server_error" })).toBe(fallbacks + 1);
    expect(await metricValue(m.geminiRequestsTotal, { operation: "analyze", status: "error" })).toBe(
      errors + 3,
    );
  });

  it("falls back with fallback_reason timeout when the provider is too slow", async () => {
    server.enqueue({ ...geminiAnswer(JUDGED), delayMs: 1500 });
    const res = await post(t, "/api/v1/analysis/analyze", { text: VAGUE });
    expect(res.json()).toMatchObject({ engine: "local", fallback_reason: "timeout" });
    expect(server.calls).toHaveLength(1);
  });

  it("asks again once after malformed JSON, then falls back", async () => {
    server.enqueue(geminiAnswer("{ nope"), geminiAnswer({ scores: { overall: "high" } }));
    const res = await post(t, "/api/v1/analysis/analyze", { text: VAGUE });
    expect(res.json()).toMatchObject({ engine: "local", fallback_reason: "malformed_output" });
    expect(server.calls).toHaveLength(2);
  });

  it("accepts an LLM rewrite that keeps every {{variable}} and scores it with the offline rules", async () => {
    server.enqueue(
      geminiAnswer({
        variants: [{ strategy: "comprehensive", enhanced_text: GOOD_REWRITE, changes: ["Added a role."] }],
      }),
    );
    const res = await post(t, "/api/v1/analysis/enhance", { text: TEMPLATE });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.engine).toBe("gemini");
    expect(body.enhanced_text).toBe(GOOD_REWRITE);
    expect(body.changes).toEqual(["Added a role."]);
    expect(body.after_score).toBe(analyze(GOOD_REWRITE, { targetLlm: "generic" }).scores.overall);
    expect(body.before_score).toBe(analyze(TEMPLATE, { targetLlm: "generic" }).scores.overall);
    const sent = server.calls[0]?.body as { generationConfig: { responseSchema: { properties: object } } };
    expect(Object.keys(sent.generationConfig.responseSchema.properties)).toEqual(["variants"]);
  });

  it("rejects a rewrite that drops a {{variable}}: one more try, then the offline enhancer", async () => {
    const dropped = GOOD_REWRITE.replace("{{topic}}", "cloud storage");
    const answer = geminiAnswer({
      variants: [{ strategy: "comprehensive", enhanced_text: dropped, changes: [] }],
    });
    server.enqueue(answer, answer);
    const res = await post(t, "/api/v1/analysis/enhance", { text: TEMPLATE });
    const body = res.json();
    expect(body).toMatchObject({ engine: "local", fallback_reason: "malformed_output" });
    expect(body.enhanced_text).toContain("{{topic}}");
    expect(server.calls).toHaveLength(2);
  });

  it("opens the circuit after repeated failures (no outbound calls), and closes it after the reset time", async () => {
    const app = await appWith({
      LLM_CIRCUIT_FAILURES: "2",
      LLM_MAX_RETRIES: "0",
      LLM_CIRCUIT_RESET_SECONDS: "60",
    });
    const m = app.app.deps.metrics;
    const carol = await createTestUser(app.app);
    const analyzeOnce = () => post(app, "/api/v1/analysis/analyze", { text: VAGUE }, {}, carol);
    server.enqueue(errorAnswer(503), errorAnswer(503));
    for (let i = 0; i < 2; i++) {
      expect((await analyzeOnce()).json().fallback_reason).toBe("server_error");
    }
    const refused = await analyzeOnce();
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ engine: "local", fallback_reason: "circuit_open" });
    expect(server.calls).toHaveLength(2);
    expect(await metricValue(m.analysisFallbacksTotal, { reason: "circuit_open" })).toBe(1);
    expect(
      await metricValue(m.llmRequestsTotal, { provider: "gemini", operation: "analyze", status: "error" }),
    ).toBe(2);

    now += 60_000;
    server.enqueue(geminiAnswer(JUDGED));
    expect((await analyzeOnce()).json().engine).toBe("gemini");
    expect(server.calls).toHaveLength(3);
  });

  it("stores an LLM-judged analysis with its engine", async () => {
    const created = await post(t, "/api/v1/prompts", { title: "t", content: VAGUE });
    const id = created.json().id as string;
    server.enqueue(geminiAnswer(JUDGED));
    await post(t, "/api/v1/analysis/analyze", { prompt_id: id });
    const history = await t.app.inject({
      method: "GET",
      url: `/api/v1/prompts/${id}/analyses`,
      headers: user.auth,
    });
    // After the offline score taken when version 1 was saved.
    expect(history.json().items).toEqual([
      expect.objectContaining({ engine: "local", version: 1 }),
      expect.objectContaining({ engine: "gemini", version: 1 }),
    ]);
  });

  it("reports Gemini as active and answering in /models, probing at most once while cached", async () => {
    const app = await appWith({});
    const dave = await createTestUser(app.app);
    server.enqueue({ body: { name: "models/gemini-test" } });
    const get = () => app.app.inject({ method: "GET", url: "/api/v1/analysis/models", headers: dave.auth });
    const body = (await get()).json();
    expect(body.active).toBe("gemini");
    expect(body.providers.find((p: { name: string }) => p.name === "gemini")).toMatchObject({
      configured: true,
      active: true,
      available: true,
      models: ["gemini-test"],
      circuit: "closed",
    });
    expect((await get()).json()).toEqual(body);
    expect(server.calls).toHaveLength(1);
  });

  it("uses an OpenAI-compatible server when only OPENAI_BASE_URL is set", async () => {
    const app = await buildTestApp({
      target,
      env: { OPENAI_BASE_URL: `${server.url}/v1`, OPENAI_MODEL: "llama3.1:8b" },
      llm: { sleep: async () => {}, timeoutMs: 300 },
    });
    apps.push(app);
    const other = await createTestUser(app.app);
    server.enqueue(openAiAnswer(JUDGED, { prompt: 70, completion: 20 }));
    const res = await app.app.inject({
      method: "POST",
      url: "/api/v1/analysis/analyze",
      headers: other.auth,
      payload: { text: VAGUE },
    });
    expect(res.json().engine).toBe("openai");
    expect(server.calls[0]?.path).toBe("/v1/chat/completions");
    const m = app.app.deps.metrics;
    expect(
      await metricValue(m.llmRequestsTotal, { provider: "openai", operation: "analyze", status: "success" }),
    ).toBe(1);
    expect(
      await metricValue(m.llmTokensTotal, { provider: "openai", model: "llama3.1:8b", direction: "output" }),
    ).toBe(20);
    expect(await metricValue(m.geminiRequestsTotal, { operation: "analyze", status: "success" })).toBe(0);
  });
});
