// The playground through the real API and the real streaming transport, against a loopback
// OpenAI-compatible server that streams, on SQLite and PostgreSQL: server-sent events in order per target,
// two targets side by side, one failing while the other succeeds, a client that goes away (the upstream
// call is aborted), the JSON answer, variables checked against the version's typed variables (422s),
// permissions and API-key scopes, the limits (targets 1–4, body size, output cap, the provider's
// concurrency cap shared with evaluation runs) and the metrics counted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";
import { type FakeStreamServer, startFakeStreamServer } from "../helpers/fake-llm-stream.js";
import { metricValue } from "../helpers/metrics.js";
import { projectKey } from "../projects/project-helpers.js";
import { call, promptWithVersions, setVersion, type Team, team } from "../registry/registry-helpers.js";

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

function parseSse(text: string): SseEvent[] {
  return text
    .split("\n\n")
    .filter((block) => block.trim() && !block.startsWith(":"))
    .map((block) => {
      const lines = block.split("\n");
      const event = lines.find((l) => l.startsWith("event: "))?.slice(7) ?? "message";
      const data = lines.find((l) => l.startsWith("data: "))?.slice(6) ?? "{}";
      return { event, data: JSON.parse(data) };
    });
}

const until = async (cond: () => boolean | Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
};

const openai = (model: string, params?: Record<string, unknown>) => ({
  provider: "openai",
  model,
  ...(params ? { params } : {}),
});

describe.each(DB_TARGETS)("playground on %s", (target) => {
  let fake: FakeStreamServer;
  let t: TestApp;
  let w: Team;
  let url: string;
  let prompt: { id: string; name: string };

  beforeAll(async () => {
    fake = await startFakeStreamServer();
    t = await buildTestApp({
      target,
      env: {
        OPENAI_BASE_URL: `${fake.url}/v1`,
        OPENAI_API_KEY: "sk-playground-secret",
        LLM_PRICES: JSON.stringify({ echo: { input: 1, output: 2 } }),
      },
    });
    w = await team(t.app);
    url = `${w.base}/playground`;
    prompt = await promptWithVersions(w, ["Greet {{name}} {{times}} times please"]);
    await setVersion(t.app, prompt.id, 1, {
      variables: [
        { name: "name", type: "string", required: true },
        { name: "times", type: "number", default: 2 },
      ],
    });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const body = (targets: unknown[], extra: Record<string, unknown> = {}) => ({
    prompt_id: prompt.id,
    variables: { name: "Ada", times: 3 },
    targets,
    ...extra,
  });

  it("streams one target's deltas in order, then its result, then done", async () => {
    const before = fake.requests.length;
    const res = await call(t.app, w.editor.auth, "POST", url, body([openai("echo")]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/event-stream/);
    const events = parseSse(res.body);
    expect(events[0]).toEqual({
      event: "start",
      data: {
        rendered: "Greet Ada 3 times please",
        targets: [{ target: 0, provider: "openai", model: "echo" }],
      },
    });
    const deltas = events.filter((e) => e.event === "delta");
    expect(deltas.map((e) => e.data.text)).toEqual(["Greet ", "Ada ", "3 ", "times ", "please"]);
    expect(events.map((e) => e.event)).toEqual(["start", ...deltas.map(() => "delta"), "result", "done"]);
    const result = events.at(-2)?.data;
    expect(result).toMatchObject({
      target: 0,
      target_index: 0,
      status: "ok",
      output: "Greet Ada 3 times please",
      truncated: false,
      input_tokens: 5,
      output_tokens: 5,
      cost_usd: (5 * 1 + 5 * 2) / 1e6,
      error: null,
    });
    expect(result?.latency_ms).toEqual(expect.any(Number));
    expect(events.at(-1)).toEqual({ event: "done", data: { ok: 1, errors: 0 } });
    // Through the real streaming transport: stream on, usage asked for, the key sent, not echoed.
    const sent = fake.requests[before];
    expect(sent?.body).toMatchObject({
      model: "echo",
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(sent?.authorization).toBe("Bearer sk-playground-secret");
    expect(res.body).not.toContain("sk-playground-secret");
  });

  it("runs two targets side by side, each in order, with their own params", async () => {
    const before = fake.requests.length;
    const res = await call(
      t.app,
      w.editor.auth,
      "POST",
      url,
      body([openai("echo", { temperature: 0.1, max_tokens: 50 }), openai("echo-b", { seed: 7 })]),
    );
    expect(res.statusCode, res.body).toBe(200);
    const events = parseSse(res.body);
    for (const i of [0, 1]) {
      const own = events.filter((e) => e.data.target === i);
      expect(own.map((e) => e.event).at(-1)).toBe("result");
      expect(own.slice(0, -1).every((e) => e.event === "delta")).toBe(true);
      expect(
        own
          .slice(0, -1)
          .map((e) => e.data.text)
          .join(""),
      ).toBe("Greet Ada 3 times please");
      expect(own.at(-1)?.data).toMatchObject({ status: "ok", output: "Greet Ada 3 times please" });
    }
    // Priced model costs; the other has no price.
    expect(events.find((e) => e.event === "result" && e.data.target === 1)?.data.cost_usd).toBeNull();
    // Side by side: the two streams interleave (both called before either ended).
    const order = events.filter((e) => e.event === "delta").map((e) => e.data.target);
    expect(order.indexOf(1)).toBeLessThan(order.lastIndexOf(0));
    expect(events.at(-1)).toEqual({ event: "done", data: { ok: 2, errors: 0 } });
    const sent = fake.requests.slice(before).sort((a, b) => a.model.localeCompare(b.model));
    expect(sent[0]?.body).toMatchObject({ temperature: 0.1, max_tokens: 50 });
    expect(sent[1]?.body).toMatchObject({ seed: 7 });
  });

  it("reports one target's failure as its result while the other succeeds", async () => {
    const res = await call(t.app, w.editor.auth, "POST", url, body([openai("broken"), openai("echo")]));
    expect(res.statusCode, res.body).toBe(200);
    const events = parseSse(res.body);
    const results = events.filter((e) => e.event === "result").map((e) => e.data);
    expect(results.find((r) => r.target === 0)).toMatchObject({
      status: "error",
      output: "",
      input_tokens: null,
      cost_usd: null,
      error: { type: "server_error", message: expect.stringContaining("HTTP 500") },
    });
    expect(results.find((r) => r.target === 1)).toMatchObject({ status: "ok" });
    expect(events.at(-1)).toEqual({ event: "done", data: { ok: 1, errors: 1 } });
  });

  it("answers every result at once with Accept: application/json, and tries an unsaved draft", async () => {
    const res = await call(
      t.app,
      w.editor.auth,
      "POST",
      url,
      {
        content: "Draft for {{who}}",
        variables: { who: "Grace" },
        targets: [openai("echo"), openai("broken")],
      },
      { accept: "application/json" },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      rendered: "Draft for Grace",
      results: [
        { target_index: 0, status: "ok", output: "Draft for Grace", output_tokens: 3 },
        { target_index: 1, status: "error", error: { type: "server_error" } },
      ],
    });
    // A chat draft checked against the saved version's typed variables.
    const chat = await call(
      t.app,
      w.editor.auth,
      "POST",
      url,
      {
        prompt_id: prompt.id,
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: "Hello {{name}}" },
        ],
        variables: { name: "Lin" },
        targets: [openai("echo")],
      },
      { accept: "application/json" },
    );
    expect(chat.statusCode, chat.body).toBe(200);
    expect(chat.json().results[0].output).toBe("Hello Lin");
    expect(JSON.parse(chat.json().rendered)).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Hello Lin" },
    ]);
  });

  it("checks the variables against the version's typed variables: clear 422s before any call", async () => {
    const before = fake.requests.length;
    const missing = await call(t.app, w.editor.auth, "POST", url, body([openai("echo")], { variables: {} }));
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error).toMatchObject({
      code: "validation_error",
      details: [{ field: "variables.name", message: "is required" }],
    });
    const wrong = await call(
      t.app,
      w.editor.auth,
      "POST",
      url,
      body([openai("echo")], { variables: { name: "Ada", times: "many", extra: 1 } }),
    );
    expect(wrong.statusCode).toBe(422);
    const fields = (wrong.json().error.details as { field: string }[]).map((d) => d.field).sort();
    expect(fields).toEqual(["variables.extra", "variables.times"]);
    const bad = [
      [{ targets: [openai("echo")] }, "prompt_id"],
      [{ content: "x", messages: [{ role: "user", content: "y" }], targets: [openai("echo")] }, "content"],
      [{ content: "x", version: 1, targets: [openai("echo")] }, "version"],
      [body([openai("echo")], { version: 1, label: "production" }), "version"],
      [body([{ provider: "gemini", model: "gemini-2.5-flash" }]), "targets.0.provider"],
      [body([openai("echo")], { label: "no-such-label" }), "label"],
      [body([openai("echo")], { version: 9 }), "version"],
      [{ content: "{{#open}}never closed", targets: [openai("echo")] }, "content"],
    ] as const;
    for (const [payload, field] of bad) {
      const res = await call(t.app, w.editor.auth, "POST", url, payload);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(422);
      expect(res.json().error.details?.[0]?.field ?? "", res.body).toBe(field);
    }
    const unknown = await call(
      t.app,
      w.editor.auth,
      "POST",
      url,
      body([openai("echo")], { prompt_id: "nope" }),
    );
    expect(unknown.statusCode).toBe(404);
    expect(fake.requests.length).toBe(before);
  });

  it("needs evaluations:run: editors and keys with that scope, not viewers or other keys", async () => {
    const json = { accept: "application/json" };
    expect((await call(t.app, {}, "POST", url, body([openai("echo")]), json)).statusCode).toBe(401);
    const viewer = await call(t.app, w.viewer.auth, "POST", url, body([openai("echo")]), json);
    expect(viewer.statusCode).toBe(403);
    expect(viewer.json().error.code).toBe("forbidden");
    const runKey = await projectKey(t.app, w.owner, w.project.slug, ["evaluations:run"]);
    const ok = await call(t.app, { "x-api-key": runKey }, "POST", url, body([openai("echo")]), json);
    expect(ok.statusCode, ok.body).toBe(200);
    const readKey = await projectKey(t.app, w.owner, w.project.slug, ["prompts:read", "registry:read"]);
    const no = await call(t.app, { "x-api-key": readKey }, "POST", url, body([openai("echo")]), json);
    expect(no.statusCode).toBe(403);
  });

  it("takes one to four targets and a body of at most 256 KiB", async () => {
    expect((await call(t.app, w.editor.auth, "POST", url, body([]))).statusCode).toBe(422);
    const five = Array.from({ length: 5 }, () => openai("echo"));
    expect((await call(t.app, w.editor.auth, "POST", url, body(five))).statusCode).toBe(422);
    const four = Array.from({ length: 4 }, () => openai("echo"));
    const ok = await call(t.app, w.editor.auth, "POST", url, body(four), { accept: "application/json" });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().results).toHaveLength(4);
    const huge = await call(t.app, w.editor.auth, "POST", url, {
      content: "x",
      variables: { big: "y".repeat(300 * 1024) },
      targets: [openai("echo")],
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe("payload_too_large");
  });

  it("stops a target at the output cap (100,000 characters): truncated, upstream call aborted", async () => {
    const res = await call(t.app, w.editor.auth, "POST", url, body([openai("flood")]));
    expect(res.statusCode).toBe(200);
    const events = parseSse(res.body);
    const result = events.find((e) => e.event === "result")?.data;
    expect(result).toMatchObject({ status: "ok", truncated: true, output_tokens: null });
    expect(String(result?.output ?? "").length).toBe(100_000);
    const streamed = events.filter((e) => e.event === "delta").map((e) => e.data.text as string);
    expect(streamed.join("").length).toBe(100_000);
    await until(() => fake.abortedCount("flood") === 1);
    expect(
      await metricValue(t.app, "playground_targets_total", { provider: "openai", result: "truncated" }),
    ).toBe(1);
  });

  it("counts tokens, cost, requests and results in the same metrics as evaluations", async () => {
    const m = (name: string, labels: Record<string, string>) => metricValue(t.app, name, labels);
    const tokensIn = await m("llm_tokens_total", { provider: "openai", model: "echo", direction: "input" });
    const tokensOut = await m("llm_tokens_total", { provider: "openai", model: "echo", direction: "output" });
    const otherOut = await m("llm_tokens_total", { provider: "openai", model: "other", direction: "output" });
    const cost = await m("llm_cost_usd_total", { provider: "openai", model: "echo" });
    const ok = await m("playground_targets_total", { provider: "openai", result: "success" });
    const failed = await m("playground_targets_total", { provider: "openai", result: "error" });
    const requests = await m("llm_requests_total", {
      provider: "openai",
      operation: "generate",
      status: "error",
    });
    const res = await call(
      t.app,
      w.editor.auth,
      "POST",
      url,
      body([openai("echo"), openai("echo-b"), openai("broken")]),
    );
    expect(res.statusCode).toBe(200);
    expect(await m("llm_tokens_total", { provider: "openai", model: "echo", direction: "input" })).toBe(
      tokensIn + 5,
    );
    expect(await m("llm_tokens_total", { provider: "openai", model: "echo", direction: "output" })).toBe(
      tokensOut + 5,
    );
    // A model outside the price table is labelled other: labels stay bounded.
    expect(await m("llm_tokens_total", { provider: "openai", model: "other", direction: "output" })).toBe(
      otherOut + 5,
    );
    expect(await m("llm_cost_usd_total", { provider: "openai", model: "echo" })).toBeCloseTo(
      cost + 15 / 1e6,
      12,
    );
    expect(await m("playground_targets_total", { provider: "openai", result: "success" })).toBe(ok + 2);
    expect(await m("playground_targets_total", { provider: "openai", result: "error" })).toBe(failed + 1);
    expect(
      await m("llm_requests_total", { provider: "openai", operation: "generate", status: "error" }),
    ).toBe(requests + 1);
  });
});

describe.each(DB_TARGETS)("playground over a real connection on %s", (target) => {
  let fake: FakeStreamServer;
  let t: TestApp;
  let w: Team;
  let base: string;

  beforeAll(async () => {
    fake = await startFakeStreamServer();
    t = await buildTestApp({
      target,
      // One call at a time per provider: the playground waits for a slot like evaluation runs do.
      env: { OPENAI_BASE_URL: `${fake.url}/v1`, EVALUATION_PROVIDER_CONCURRENCY: "1" },
    });
    w = await team(t.app);
    const address = await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `${address}${w.base}/playground`;
  });
  afterAll(async () => {
    // The test's own fetch keeps its connections alive; close them so the server can stop.
    t.app.server.closeAllConnections();
    await t.close();
    await fake.close();
  });

  const post = (targets: unknown[], signal?: AbortSignal) =>
    fetch(base, {
      method: "POST",
      headers: { ...w.editor.auth, "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ content: "Hello there", targets }),
      signal,
    });

  it("aborts the upstream call when the client goes away, freeing the provider's slot", async () => {
    const client = new AbortController();
    const res = await post([openai("hang")], client.signal);
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let seen = "";
    while (!seen.includes("event: delta")) {
      const { value } = await reader.read();
      seen += new TextDecoder().decode(value);
    }
    expect(seen).toContain('"text":"thinking"');

    // The one slot is taken: a second request waits and reaches no provider meanwhile.
    const second = post([openai("echo")]);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.requests.filter((r) => r.model === "echo")).toHaveLength(0);

    client.abort();
    await until(() => fake.abortedCount("hang") === 1);
    await until(
      async () =>
        (await metricValue(t.app, "playground_targets_total", {
          provider: "openai",
          result: "cancelled",
        })) === 1,
    );
    // Its slot freed, the waiting request runs.
    const events = parseSse(await (await second).text());
    expect(events.find((e) => e.event === "result")?.data).toMatchObject({
      status: "ok",
      output: "Hello there",
    });
  });
});
