// Evaluation runs through the real API on SQLite and PostgreSQL, against the loopback OpenAI-compatible
// fake through the real client: a run over items × targets × repeats with several assertion kinds and
// the judge (results, verdicts, summary, cost, metrics), the default equals check, chat prompts sent as
// messages, versions from labels, validation, permissions, cancel, and comparison of two runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEvaluationsRepository } from "../../src/features/evaluations/evaluations-repository.js";
import { DB_TARGETS, databaseOf, type TestApp } from "../helpers/app.js";
import { type FakeEvalLlm, startFakeEvalLlm } from "../helpers/fake-openai-eval.js";
import { metricValue } from "../helpers/metrics.js";
import { call, pointLabel, setVersion } from "../registry/registry-helpers.js";
import {
  type EvalFixture,
  evalApp,
  evalFixture,
  type Json,
  makeDataset,
  startRun,
  waitForRun,
} from "./runs-helpers.js";

const PROMPT = "Reply to {{question}}.\nsay:{{answer}}";

describe.each(DB_TARGETS)("evaluation runs on %s", (target) => {
  let fake: FakeEvalLlm;
  let t: TestApp;
  let f: EvalFixture;

  beforeAll(async () => {
    fake = await startFakeEvalLlm();
    t = await evalApp(fake, target);
    f = await evalFixture(t.app, [PROMPT, `${PROMPT}\nBe brief.`]);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it("runs every item × target × repeat with several assertion kinds and the judge, and summarises per target", async () => {
    const m = (name: string, labels: Record<string, string>) => metricValue(t.app, name, labels);
    const before = {
      passed: await m("evaluation_items_total", { result: "passed" }),
      failed: await m("evaluation_items_total", { result: "failed" }),
      error: await m("evaluation_items_total", { result: "error" }),
      completed: await m("evaluation_runs_total", { result: "completed" }),
      cost: await m("llm_cost_usd_total", { provider: "openai", model: "fake-model" }),
      other: await m("llm_tokens_total", { provider: "openai", model: "other", direction: "output" }),
    };
    const dataset = await makeDataset(t.app, f.w, [
      { variables: { question: "q1", answer: "a good answer" } },
      { variables: { question: "q2", answer: "a bad answer" } },
      { variables: { question: "q3", answer: "SHOUTING GOOD BUT FAR TOO LONG FOR THE LIMIT" } },
      { variables: { question: "q4 #fail=500", answer: "never seen" } },
    ]);
    const run = await startRun(t.app, f.w.editor.auth, f.runs, {
      version: 1,
      dataset_id: dataset,
      targets: [
        { provider: "openai", model: "fake-model", params: { temperature: 0 } },
        { provider: "openai", model: "unpriced-model" },
      ],
      repeat: 2,
      concurrency: 3,
      assertions: [
        { type: "contains", value: "good" },
        { type: "regex", value: "^[a-z ]+$" },
        { type: "max-length", threshold: 30 },
        { type: "cost-below", threshold: 1 },
        { type: "latency-below", threshold: 60_000 },
        { type: "judge", rubric: "Is the answer good?" },
      ],
    });
    expect(run).toMatchObject({ status: "queued", version: 1, progress: { total: 16, done: 0 }, repeat: 2 });

    const done = await waitForRun(t.app, f.w.viewer.auth, f.runs, run.id);
    expect(done.status).toBe("completed");
    expect(done.progress).toEqual({ total: 16, done: 16 });
    expect(done.started_at).not.toBeNull();
    expect(done.finished_at).not.toBeNull();
    const results: Json[] = done.results;
    expect(results).toHaveLength(16);
    const byQuestion = (q: string) => results.filter((r) => r.variables.question === q);
    for (const r of byQuestion("q1")) {
      // No price for the second target's model: its cost is unknown, so cost-below cannot pass there.
      const failed = r.verdicts.filter((v: Json) => !v.passed).map((v: Json) => v.type);
      expect(r.status).toBe(r.target_index === 0 ? "passed" : "failed");
      expect(failed).toEqual(r.target_index === 0 ? [] : ["cost-below"]);
      expect(r.output).toBe("a good answer");
      expect(r.rendered).toBe("Reply to q1.\nsay:a good answer");
      expect(r.verdicts.map((v: Json) => v.type)).toEqual([
        "contains",
        "regex",
        "max-length",
        "cost-below",
        "latency-below",
        "judge",
      ]);
      expect(r.judge_score).toBeCloseTo(0.9);
      expect(r.input_tokens).toBe(6);
      expect(r.output_tokens).toBe(3);
    }
    // The price table: 6 input tokens at $1/M and 3 output at $2/M; no price, no cost.
    expect(byQuestion("q1").find((r) => r.target_index === 0).cost_usd).toBeCloseTo(12e-6, 10);
    expect(byQuestion("q1").find((r) => r.target_index === 1).cost_usd).toBeNull();
    for (const r of byQuestion("q2")) {
      expect(r.status).toBe("failed");
      const failed = r.verdicts.filter((v: Json) => !v.passed).map((v: Json) => v.type);
      expect(failed).toEqual(
        r.target_index === 0 ? ["contains", "judge"] : ["contains", "cost-below", "judge"],
      );
      expect(r.judge_score).toBeCloseTo(0.2);
    }
    for (const r of byQuestion("q3")) {
      expect(r.status).toBe("failed");
      expect(
        r.verdicts.filter((v: Json) => !v.passed && v.type !== "cost-below").map((v: Json) => v.type),
      ).toEqual(["contains", "regex", "max-length", "judge"]);
    }
    for (const r of byQuestion("q4 #fail=500")) {
      expect(r.status).toBe("error");
      expect(r.error).toMatch(/server_error/);
      expect(r.output).toBeNull();
    }
    expect(done.summary).toHaveLength(2);
    expect(done.summary[0]).toMatchObject({ total: 8, passed: 2, failed: 4, errors: 2, pass_rate: 0.25 });
    expect(done.summary[0].pass_rate_ci[0]).toBeLessThan(0.25);
    expect(done.summary[0].pass_rate_ci[1]).toBeGreaterThan(0.25);
    expect(done.summary[1]).toMatchObject({ total: 8, passed: 0, failed: 6, errors: 2, pass_rate: 0 });
    expect(done.summary[0].mean_judge_score).toBeGreaterThan(0);
    expect(done.summary[0].cost_usd).toBeGreaterThan(0);
    expect(done.summary[1].cost_usd).toBe(0);

    // Each generation ran once per target × repeat; the failing one with its two retries.
    expect(fake.callsByInput.get("Reply to q1.\nsay:a good answer")).toBe(4);
    expect(fake.callsByInput.get("Reply to q4 #fail=500.\nsay:never seen")).toBe(12);
    expect(fake.callsByInput.get("judge:a good answer")).toBe(4);

    expect(await m("evaluation_items_total", { result: "passed" })).toBe(before.passed + 2);
    expect(await m("evaluation_items_total", { result: "failed" })).toBe(before.failed + 10);
    expect(await m("evaluation_items_total", { result: "error" })).toBe(before.error + 4);
    expect(await m("evaluation_runs_total", { result: "completed" })).toBe(before.completed + 1);
    expect(await m("llm_cost_usd_total", { provider: "openai", model: "fake-model" })).toBeGreaterThan(
      before.cost,
    );
    // A model outside the price table is labelled other, so runs cannot mint label values.
    expect(
      await m("llm_tokens_total", { provider: "openai", model: "other", direction: "output" }),
    ).toBeGreaterThan(before.other);

    const list = await call(t.app, f.w.viewer.auth, "GET", f.runs);
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({ id: run.id, status: "completed" });
    expect(list.json().items[0].results).toBeUndefined();
    const byId = await call(t.app, f.w.viewer.auth, "GET", `${f.w.base}/evaluations/${run.id}?results=false`);
    expect(byId.statusCode).toBe(200);
    expect(byId.json()).toMatchObject({ id: run.id, status: "completed", summary: done.summary });
    expect(byId.json().results).toBeUndefined();
  });

  it("checks an item that has expected with equals when no assertion is declared, and snapshots the declared ones", async () => {
    const dataset = await makeDataset(t.app, f.w, [
      { variables: { question: "e1", answer: "Paris" }, expected: "Paris" },
      { variables: { question: "e2", answer: "Lyon" }, expected: "Paris" },
      { variables: { question: "e3", answer: "anything" } },
    ]);
    const run = await startRun(t.app, f.w.editor.auth, f.runs, {
      dataset_id: dataset,
      targets: [{ provider: "openai", model: "fake-model" }],
    });
    expect(run.version).toBe(2);
    expect(run.label).toBe("latest");
    expect(run.assertions).toEqual([]);
    const done = await waitForRun(t.app, f.w.viewer.auth, f.runs, run.id);
    const status = Object.fromEntries(done.results.map((r: Json) => [r.variables.question, r.status]));
    expect(status).toEqual({ e1: "passed", e2: "failed", e3: "passed" });
    expect(done.results.find((r: Json) => r.variables.question === "e2").verdicts[0]).toMatchObject({
      type: "equals",
      passed: false,
    });
  });

  it("sends a chat version as messages, evaluates a label's version, and renders declared and used variables only", async () => {
    const g = await evalFixture(t.app, ["placeholder {{x}}"]);
    await setVersion(t.app, g.promptId, 1, {
      type: "chat",
      messages: [
        { role: "system", content: "You are terse." },
        { role: "user", content: "Question {{x}} of {{y}}" },
      ],
      // y is used but not declared: the registry allows it as a string, and a dataset column fills it.
      variables: [{ name: "x", type: "string", required: true }],
    });
    await pointLabel(t.app, g.w.project.id, g.promptId, "staging", 1);
    const dataset = await makeDataset(t.app, g.w, [
      { variables: { x: "one", y: 7, unused_column: "ignored" } },
    ]);
    const run = await startRun(t.app, g.w.editor.auth, g.runs, {
      label: "staging",
      dataset_id: dataset,
      targets: [{ provider: "openai", model: "fake-model" }],
    });
    expect(run).toMatchObject({ version: 1, label: "staging" });
    const done = await waitForRun(t.app, g.w.viewer.auth, g.runs, run.id);
    const r = done.results[0];
    expect(r.status).toBe("passed");
    expect(JSON.parse(r.rendered)).toEqual([
      { role: "system", content: "You are terse." },
      { role: "user", content: "Question one of 7" },
    ]);
    expect(r.output).toBe("echo: Question one of 7");
  });

  it("records a malformed or empty answer as an error of that item, not a crash", async () => {
    const dataset = await makeDataset(t.app, f.w, [
      { variables: { question: "m1 #malformed", answer: "x" } },
      { variables: { question: "m2 #empty", answer: "x" } },
    ]);
    const run = await startRun(t.app, f.w.editor.auth, f.runs, {
      dataset_id: dataset,
      targets: [{ provider: "openai", model: "fake-model" }],
    });
    const done = await waitForRun(t.app, f.w.viewer.auth, f.runs, run.id);
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/malformed_output/);
    expect(done.results.map((r: Json) => r.status)).toEqual(["error", "error"]);
  });

  it("refuses bad starts with 422 naming the field, and lets only editors start runs", async () => {
    const dataset = await makeDataset(t.app, f.w, [{ variables: { question: "v", answer: "v" } }]);
    const ok = { dataset_id: dataset, targets: [{ provider: "openai", model: "fake-model" }] };
    const bad = async (body: object, field: RegExp) => {
      const res = await call(t.app, f.w.editor.auth, "POST", f.runs, body);
      expect(res.statusCode, res.body).toBe(422);
      expect(JSON.stringify(res.json().error)).toMatch(field);
    };
    await bad({ ...ok, targets: [{ provider: "gemini", model: "g" }] }, /targets\.0\.provider/);
    await bad({ ...ok, version: 1, label: "production" }, /version/);
    await bad({ ...ok, version: 9 }, /version/);
    await bad({ ...ok, label: "nowhere" }, /label/);
    await bad({ ...ok, dataset_id: "no-such-dataset" }, /dataset_id/);
    await bad({ ...ok, repeat: 6 }, /repeat/);
    await bad({ ...ok, concurrency: 33 }, /concurrency/);
    await bad({ ...ok, targets: [] }, /targets/);
    await bad({ ...ok, assertions: [{ type: "regex", value: "(" }] }, /assertions/);
    const viewer = await call(t.app, f.w.viewer.auth, "POST", f.runs, ok);
    expect(viewer.statusCode).toBe(403);
    const missing = await call(
      t.app,
      f.w.viewer.auth,
      "GET",
      `${f.runs}/00000000-0000-7000-8000-000000000000`,
    );
    expect(missing.statusCode).toBe(404);
  });

  it("cancels a running run: in-flight and pending items end cancelled and nothing more is sent", async () => {
    const items = Array.from({ length: 12 }, (_, i) => ({
      variables: { question: `c${i} #slow=150`, answer: "ok" },
    }));
    const dataset = await makeDataset(t.app, f.w, items);
    const run = await startRun(t.app, f.w.editor.auth, f.runs, {
      dataset_id: dataset,
      targets: [{ provider: "openai", model: "fake-model" }],
      concurrency: 2,
    });
    await waitForRun(t.app, f.w.viewer.auth, f.runs, run.id, [], 10_000, (r) => r.progress.done >= 2);
    const before = await metricValue(t.app, "evaluation_runs_total", { result: "cancelled" });
    const res = await call(t.app, f.w.editor.auth, "DELETE", `${f.runs}/${run.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe("cancelled");
    expect(await metricValue(t.app, "evaluation_runs_total", { result: "cancelled" })).toBe(before + 1);
    const sentTo = () => [...fake.callsByInput.keys()].filter((k) => k.startsWith("Reply to c")).length;
    await new Promise((r) => setTimeout(r, 300));
    const sent = sentTo();
    const after: Json = (
      await call(t.app, f.w.viewer.auth, "GET", `${f.runs}/${run.id}?results=true`)
    ).json();
    expect(after.status).toBe("cancelled");
    const statuses: string[] = after.results.map((r: Json) => r.status);
    expect(statuses.every((s) => ["passed", "cancelled"].includes(s))).toBe(true);
    const passed = statuses.filter((s) => s === "passed").length;
    // Sent: the items settled before the cancel, and at most the two in flight then (concurrency 2).
    expect(sent).toBeLessThanOrEqual(passed + 2);
    expect(statuses.filter((s) => s === "cancelled").length).toBeGreaterThanOrEqual(12 - passed - 2);
    await new Promise((r) => setTimeout(r, 400));
    expect(sentTo()).toBe(sent);
    const again = await call(t.app, f.w.editor.auth, "DELETE", `${f.runs}/${run.id}`);
    expect(again.statusCode).toBe(200);
  });

  it("compares two runs item by item, regressions first, with both summaries", async () => {
    const g = await evalFixture(t.app, ["say:{{a}}", "say:{{b}}"]);
    const dataset = await makeDataset(t.app, g.w, [
      { variables: { a: "yes", b: "no" }, expected: "yes" },
      { variables: { a: "no", b: "yes" }, expected: "yes" },
      { variables: { a: "yes", b: "yes" }, expected: "yes" },
    ]);
    const one = await startRun(t.app, g.w.editor.auth, g.runs, {
      version: 1,
      dataset_id: dataset,
      targets: [{ provider: "openai", model: "fake-model" }],
    });
    const two = await startRun(t.app, g.w.editor.auth, g.runs, {
      version: 2,
      dataset_id: dataset,
      targets: [{ provider: "openai", model: "fake-model" }],
    });
    await waitForRun(t.app, g.w.viewer.auth, g.runs, one.id);
    await waitForRun(t.app, g.w.viewer.auth, g.runs, two.id);
    const res = await call(t.app, g.w.viewer.auth, "GET", `${g.runs}/compare?base=${one.id}&head=${two.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const cmp = res.json();
    expect(cmp.items.map((i: Json) => i.change)).toEqual(["regressed", "fixed", "still_passing"]);
    expect(cmp.summary.base[0].pass_rate).toBeCloseTo(2 / 3);
    expect(cmp.summary.head[0].pass_rate).toBeCloseTo(2 / 3);
    expect(cmp.base).toMatchObject({ id: one.id, version: 1 });
    const done = await call(t.app, g.w.editor.auth, "DELETE", `${g.runs}/${one.id}`);
    expect(done.statusCode).toBe(409);
  });
  it("ends a run whose rows are all settled but whose counter missed one (the poll's sweep)", async () => {
    const dataset = await makeDataset(t.app, f.w, [
      { variables: { question: "s1", answer: "a" }, expected: "a" },
      { variables: { question: "s2", answer: "b" }, expected: "b" },
    ]);
    const run = await startRun(t.app, f.w.editor.auth, f.runs, {
      dataset_id: dataset,
      targets: [{ provider: "openai", model: "fake-model" }],
    });
    await waitForRun(t.app, f.w.viewer.auth, f.runs, run.id);
    // As if the last item settled but the run's update after it failed: still running, one uncounted.
    await databaseOf(t.app)
      .updateTable("evaluation_runs")
      .set({ status: "running", done: 1, summary: null, finished_at: null })
      .where("id", "=", run.id)
      .execute();
    const ended = await waitForRun(t.app, f.w.viewer.auth, f.runs, run.id, ["completed"], 10_000);
    expect(ended.progress).toEqual({ total: 2, done: 2 });
    expect(ended.finished_at).not.toBeNull();
    const stored = await databaseOf(t.app)
      .selectFrom("evaluation_runs")
      .select("summary")
      .where("id", "=", run.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.summary ?? "[]")[0]).toMatchObject({ pass_rate: 1 });
    // An item's late summary write cannot replace an ended run's summary.
    await createEvaluationsRepository(databaseOf(t.app)).writeSummary(run.id, "[]");
    const after = await databaseOf(t.app)
      .selectFrom("evaluation_runs")
      .select("summary")
      .where("id", "=", run.id)
      .executeTakeFirstOrThrow();
    expect(after.summary).toBe(stored.summary);
  });
  it("lists a comparison's items of one kind in dataset order (item position)", async () => {
    const g = await evalFixture(t.app, ["say:{{a}}"]);
    const dataset = await makeDataset(
      t.app,
      g.w,
      ["p", "q", "r"].map((a) => ({ variables: { a }, expected: a })),
    );
    const targets = [{ provider: "openai", model: "fake-model" }];
    const one = await startRun(t.app, g.w.editor.auth, g.runs, { dataset_id: dataset, targets });
    const two = await startRun(t.app, g.w.editor.auth, g.runs, { dataset_id: dataset, targets });
    const done = await waitForRun(t.app, g.w.viewer.auth, g.runs, one.id);
    await waitForRun(t.app, g.w.viewer.auth, g.runs, two.id);
    const idOf = Object.fromEntries(done.results.map((r: Json) => [r.variables.a, r.item_id]));
    // Reverse the items' order: the comparison follows the positions, not the rows' insertion order.
    const db = databaseOf(t.app);
    for (const [a, position] of [
      ["p", 2],
      ["q", 1],
      ["r", 0],
    ] as const)
      await db.updateTable("dataset_items").set({ position }).where("item_id", "=", idOf[a]).execute();
    const res = await call(t.app, g.w.viewer.auth, "GET", `${g.runs}/compare?base=${one.id}&head=${two.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: Json) => i.item_id)).toEqual([idOf.r, idOf.q, idOf.p]);
  });
  it("leaves results out by default and pages them on request, in item, target and repeat order", async () => {
    const g = await evalFixture(t.app, ["say:{{a}}"]);
    const dataset = await makeDataset(
      t.app,
      g.w,
      ["p", "q", "r"].map((a) => ({ variables: { a }, expected: a })),
    );
    const run = await startRun(t.app, g.w.editor.auth, g.runs, {
      dataset_id: dataset,
      targets: [{ provider: "openai", model: "fake-model" }],
      repeat: 2,
    });
    const all = (await waitForRun(t.app, g.w.viewer.auth, g.runs, run.id)).results as Json[];
    expect(all.map((r) => [r.variables.a, r.repeat_index])).toEqual([
      ["p", 0],
      ["p", 1],
      ["q", 0],
      ["q", 1],
      ["r", 0],
      ["r", 1],
    ]);
    const plain = await call(t.app, g.w.viewer.auth, "GET", `${g.runs}/${run.id}`);
    expect(plain.json().results).toBeUndefined();
    expect(plain.json().summary[0].pass_rate).toBe(1);
    const seen: Json[] = [];
    let url = `${g.runs}/${run.id}?results=true&limit=4`;
    for (let pages = 0; ; pages++) {
      const res = await call(t.app, g.w.viewer.auth, "GET", url);
      expect(res.statusCode, res.body).toBe(200);
      seen.push(...res.json().results);
      if (!res.json().next_cursor) {
        expect(pages).toBe(1);
        break;
      }
      url = `${g.runs}/${run.id}?results=true&limit=4&cursor=${res.json().next_cursor}`;
    }
    expect(seen.map((r) => [r.item_id, r.repeat_index])).toEqual(all.map((r) => [r.item_id, r.repeat_index]));
    const tooMany = await call(t.app, g.w.viewer.auth, "GET", `${g.runs}/${run.id}?results=true&limit=501`);
    expect(tooMany.statusCode).toBe(422);
    const bad = await call(t.app, g.w.viewer.auth, "GET", `${g.runs}/${run.id}?results=true&cursor=nope!`);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details[0].field).toBe("cursor");
  });
});
