// The playground's Gemini streaming through the real @google/genai client (generateContentStream) against
// a loopback server answering server-sent events: deltas in order, usage from the last chunk, cost by the
// price table; a Gemini error becomes the target's error result.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";
import { type FakeLlm, startFakeLlm } from "../helpers/fake-llm.js";
import { call, type Team, team } from "../registry/registry-helpers.js";

const sse = (chunks: unknown[]) => chunks.map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`).join("");
const part = (text: string, usage?: { p: number; c: number }) => ({
  candidates: [{ content: { role: "model", parts: [{ text }] }, index: 0 }],
  ...(usage ? { usageMetadata: { promptTokenCount: usage.p, candidatesTokenCount: usage.c } } : {}),
});

describe.each(DB_TARGETS)("playground on Gemini on %s", (target) => {
  let fake: FakeLlm;
  let t: TestApp;
  let w: Team;

  beforeAll(async () => {
    fake = await startFakeLlm();
    t = await buildTestApp({
      target,
      env: { GEMINI_API_KEY: "gemini-test-key", GEMINI_BASE_URL: fake.url, LLM_MAX_RETRIES: "0" },
    });
    w = await team(t.app);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it("streams Gemini's chunks as deltas, with the usage of the last chunk and its cost", async () => {
    fake.enqueue({
      headers: { "content-type": "text/event-stream" },
      body: sse([part("Bonjour "), part("le "), part("monde", { p: 4, c: 3 })]),
    });
    const res = await call(t.app, w.editor.auth, "POST", `${w.base}/playground`, {
      messages: [
        { role: "system", content: "Translate to French." },
        { role: "user", content: "Hello {{who}}" },
      ],
      variables: { who: "world" },
      targets: [{ provider: "gemini", model: "gemini-2.5-flash", params: { temperature: 0 } }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const events = res.body
      .split("\n\n")
      .filter(Boolean)
      .map((b) => ({
        event: /^event: (.*)$/m.exec(b)?.[1],
        data: JSON.parse(/^data: (.*)$/m.exec(b)?.[1] ?? "{}"),
      }));
    expect(events.filter((e) => e.event === "delta").map((e) => e.data.text)).toEqual([
      "Bonjour ",
      "le ",
      "monde",
    ]);
    expect(events.find((e) => e.event === "result")?.data).toMatchObject({
      status: "ok",
      output: "Bonjour le monde",
      input_tokens: 4,
      output_tokens: 3,
      cost_usd: (4 * 0.3 + 3 * 2.5) / 1e6,
    });
    const sent = fake.calls.at(-1);
    expect(sent?.path).toContain("gemini-2.5-flash:streamGenerateContent");
    expect(sent?.body).toMatchObject({
      systemInstruction: { parts: [{ text: "Translate to French." }] },
      contents: [{ role: "user", parts: [{ text: "Hello world" }] }],
      generationConfig: { temperature: 0 },
    });
  });

  it("turns a Gemini error into the target's error result", async () => {
    fake.enqueue({
      status: 429,
      headers: { "retry-after": "3" },
      body: { error: { code: 429, message: "slow down" } },
    });
    const res = await call(
      t.app,
      w.editor.auth,
      "POST",
      `${w.base}/playground`,
      { content: "Hi", targets: [{ provider: "gemini", model: "gemini-2.5-flash" }] },
      { accept: "application/json" },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results[0]).toMatchObject({ status: "error", error: { type: "rate_limited" } });
    expect(res.body).not.toContain("gemini-test-key");
  });
});
