// The promotion gate's minimum evaluation pass rate through the real API: with no completed run of the
// candidate version on the dataset the request is blocked saying so; the latest completed run's pass
// rate decides otherwise (named by dataset name or id), and the verdict names the run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_TARGETS, databaseOf, type TestApp } from "../helpers/app.js";
import { type FakeEvalLlm, startFakeEvalLlm } from "../helpers/fake-openai-eval.js";
import { call } from "../registry/registry-helpers.js";
import { evalApp, evalFixture, type Json, makeDataset, startRun, waitForRun } from "./runs-helpers.js";

describe.each(DB_TARGETS)("the evaluation gate on %s", (target) => {
  let fake: FakeEvalLlm;
  let t: TestApp;
  beforeAll(async () => {
    fake = await startFakeEvalLlm();
    t = await evalApp(fake, target);
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it("blocks a promotion without a passing run of the candidate version on the dataset", async () => {
    const f = await evalFixture(t.app, ["say:{{wrong}}", "say:{{right}}"]);
    const name = `gate-${Math.random().toString(36).slice(2, 8)}`;
    const dataset = await makeDataset(
      t.app,
      f.w,
      [
        { variables: { wrong: "no", right: "yes" }, expected: "yes" },
        { variables: { wrong: "yes", right: "yes" }, expected: "yes" },
      ],
      name,
    );
    const gate = await call(
      t.app,
      f.w.owner.auth,
      "PUT",
      `${f.w.base}/prompts/${f.promptId}/promotion-gate`,
      {
        min_eval_pass_rate: { dataset: name, pass_rate: 0.9 },
      },
    );
    expect(gate.statusCode, gate.body).toBe(200);
    expect(gate.json().effective).toEqual({ min_eval_pass_rate: { dataset: name, pass_rate: 0.9 } });
    const promote = async (version: number): Promise<Json> => {
      const res = await call(t.app, f.w.editor.auth, "POST", `${f.w.base}/prompts/${f.promptId}/promotions`, {
        label: "production",
        version,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };

    const none = await promote(2);
    expect(none.status).toBe("blocked");
    expect(none.gate.checks).toEqual([
      {
        check: "min_eval_pass_rate",
        passed: false,
        required: 0.9,
        actual: null,
        dataset: name,
        run_id: null,
        reason: `Version 2 has no completed evaluation run on dataset ${name} with the prompt's declared assertions`,
      },
    ]);

    const targets = [{ provider: "openai", model: "fake-model" }];
    const good = await startRun(t.app, f.w.editor.auth, f.runs, { version: 2, dataset_id: dataset, targets });
    expect((await waitForRun(t.app, f.w.viewer.auth, f.runs, good.id)).summary[0].pass_rate).toBe(1);
    const passing = await promote(2);
    expect(passing.status).toBe("pending");
    expect(passing.gate.checks[0]).toMatchObject({ passed: true, actual: 1, run_id: good.id });

    // A run of version 1 with its own trivial assertion passes every item, but the gate does not count it.
    const trivial = await startRun(t.app, f.w.editor.auth, f.runs, {
      version: 1,
      dataset_id: dataset,
      targets,
      assertions: [{ type: "max-length", threshold: 100000 }],
    });
    expect((await waitForRun(t.app, f.w.viewer.auth, f.runs, trivial.id)).summary[0].pass_rate).toBe(1);
    expect((await promote(1)).gate.checks[0]).toMatchObject({ passed: false, run_id: null });

    const bad = await startRun(t.app, f.w.editor.auth, f.runs, { version: 1, dataset_id: dataset, targets });
    await waitForRun(t.app, f.w.viewer.auth, f.runs, bad.id);
    // A stale stored summary (pass rate 1) does not decide: the gate reads the run's result rows.
    await databaseOf(t.app)
      .updateTable("evaluation_runs")
      .set({ summary: JSON.stringify([{ target_index: 0, pass_rate: 1 }]) })
      .where("id", "=", bad.id)
      .execute();
    const failing = await promote(1);
    expect(failing.status).toBe("blocked");
    expect(failing.gate.checks[0]).toMatchObject({ passed: false, actual: 0.5, run_id: bad.id });
    expect(failing.gate.checks[0].reason).toMatch(/0\.5/);

    // By id as well; an unknown dataset fails the check with its own reason.
    await call(t.app, f.w.owner.auth, "PUT", `${f.w.base}/prompts/${f.promptId}/promotion-gate`, {
      min_eval_pass_rate: { dataset: "no-such-dataset", pass_rate: 0.5 },
    });
    const unknown = await promote(2);
    expect(unknown.gate.checks[0]).toMatchObject({
      passed: false,
      reason: "No dataset no-such-dataset in this project",
    });
    await call(t.app, f.w.owner.auth, "PUT", `${f.w.base}/prompts/${f.promptId}/promotion-gate`, {
      min_eval_pass_rate: { dataset, pass_rate: 0.5 },
    });
    expect((await promote(1)).status).toBe("pending");
  });

  it("does not count a run in which no assertion checked any item", async () => {
    const f = await evalFixture(t.app, ["say:{{a}}"]);
    const dataset = await makeDataset(t.app, f.w, [{ variables: { a: "x" } }, { variables: { a: "y" } }]);
    await call(t.app, f.w.owner.auth, "PUT", `${f.w.base}/prompts/${f.promptId}/promotion-gate`, {
      min_eval_pass_rate: { dataset, pass_rate: 0.5 },
    });
    const run = await startRun(t.app, f.w.editor.auth, f.runs, {
      dataset_id: dataset,
      targets: [{ provider: "openai", model: "fake-model" }],
    });
    expect((await waitForRun(t.app, f.w.viewer.auth, f.runs, run.id)).summary[0].pass_rate).toBe(1);
    const res = await call(t.app, f.w.editor.auth, "POST", `${f.w.base}/prompts/${f.promptId}/promotions`, {
      label: "production",
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe("blocked");
    expect(res.json().gate.checks[0]).toMatchObject({ passed: false });
    expect(res.json().gate.checks[0].reason).toMatch(/checked no item/);
  });

  it("refuses a gate pass rate outside 0–1", async () => {
    const f = await evalFixture(t.app, ["x"]);
    const res = await call(t.app, f.w.owner.auth, "PUT", `${f.w.base}/prompts/${f.promptId}/promotion-gate`, {
      min_eval_pass_rate: { dataset: "d", pass_rate: 1.5 },
    });
    expect(res.statusCode).toBe(422);
  });
});
