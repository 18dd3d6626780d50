// `promptforge eval` against the real app listening on loopback, its evaluation worker running items on
// a loopback OpenAI-compatible fake through the real client, on SQLite and PostgreSQL: exit 0 at or
// above the bar, 1 below it with a JUnit report naming the failed item, 2 when it cannot run; the API
// key never reaches the output.
import { Writable } from "node:stream";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { evalEnv } from "../evaluations/runs-helpers.js";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";
import { type FakeEvalLlm, startFakeEvalLlm } from "../helpers/fake-openai-eval.js";
import { apiAs, createTestUser, type TestUser } from "../helpers/users.js";

describe.each(DB_TARGETS)("promptforge eval (%s)", (target) => {
  let t: TestApp;
  let fake: FakeEvalLlm;
  let owner: TestUser;
  let base: string;
  let key: string;

  const cli = async (...argv: string[]) => {
    const chunks = { out: "", err: "" };
    const sink = (k: "out" | "err") =>
      new Writable({
        write: (c, _e, cb) => {
          chunks[k] += String(c);
          cb();
        },
      });
    const code = await run(["eval", ...argv], {
      stdout: sink("out"),
      stderr: sink("err"),
      cwd: process.cwd(),
      env: { PROMPTFORGE_URL: base, PROMPTFORGE_API_KEY: key },
    });
    return { code, stdout: chunks.out, stderr: chunks.err };
  };
  const common = ["--project", "eval-cli", "--prompt", "support/answer", "--version", "1"];

  beforeAll(async () => {
    fake = await startFakeEvalLlm();
    t = await buildTestApp({ target, env: evalEnv(fake), llm: { sleep: async () => {} } });
    owner = await createTestUser(t.app);
    expect(
      (await apiAs(t.app, owner, "POST", "/projects", { name: "Eval CLI", slug: "eval-cli" })).statusCode,
    ).toBe(201);
    const prompt = await apiAs(t.app, owner, "POST", "/projects/eval-cli/prompts", {
      title: "Answer",
      name: "support/answer",
      content: "Reply to the customer.\n{{question}}",
      variables: [{ name: "question", type: "string", required: true }],
    });
    expect(prompt.statusCode, prompt.body).toBe(201);
    // The fake answers `say:<text>` with <text>: two items answer as expected, the third does not.
    const ds = await apiAs(t.app, owner, "POST", "/projects/eval-cli/datasets", {
      name: "smoke",
      items: [
        { variables: { question: "say:refund approved" }, expected: "refund approved" },
        { variables: { question: "say:on its way" }, expected: "on its way" },
        { variables: { question: "say:no idea" }, expected: "escalated to a human" },
      ],
    });
    expect(ds.statusCode, ds.body).toBe(201);
    const k = await apiAs(t.app, owner, "POST", "/projects/eval-cli/api-keys", {
      name: "ci",
      scopes: ["prompts:read", "evaluations:run"],
    });
    expect(k.statusCode, k.body).toBe(201);
    key = k.json().key;
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it("exits 0 when every target reaches the bar, with the summary on stderr", async () => {
    const r = await cli(
      ...common,
      "--dataset",
      "smoke",
      "--target",
      "openai:fake-model",
      "--min-pass-rate",
      "0.6",
    );
    expect(r.stderr).toMatch(/openai:fake-model: pass rate 66\.7%/);
    expect(r.stdout.trim()).toBe("passed");
    expect(r.code).toBe(0);
    expect(r.stderr + r.stdout).not.toContain(key);
  });

  it("exits 1 below the bar, with a JUnit report naming the failed item and its reason", async () => {
    const r = await cli(
      ...common,
      "--dataset",
      "smoke",
      "--target",
      "openai:fake-model",
      "--min-pass-rate",
      "0.9",
      "--format",
      "junit",
    );
    expect(r.code).toBe(1);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === "testcase" }).parse(r.stdout);
    const suite = doc.testsuites.testsuite;
    expect(suite["@_tests"]).toBe("3");
    expect(suite["@_failures"]).toBe("1");
    const failed = suite.testcase.filter((c: Record<string, unknown>) => c.failure);
    expect(failed).toHaveLength(1);
    expect(String(failed[0].failure["#text"])).toMatch(/^equals/);
  });

  it("writes the run as JSON with --format json", async () => {
    const r = await cli(
      ...common,
      "--dataset",
      "smoke",
      "--target",
      "openai:fake-model",
      "--min-pass-rate",
      "0.5",
      "--format",
      "json",
    );
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body.passed).toBe(true);
    expect(body.run.status).toBe("completed");
    expect(body.run.results).toHaveLength(3);
  });

  it("exits 2 when it cannot run: an unknown dataset, a bad target, no server", async () => {
    const noDataset = await cli(...common, "--dataset", "nope", "--target", "openai:fake-model");
    expect(noDataset.code).toBe(2);
    expect(noDataset.stderr).toContain("no dataset named nope");
    const badTarget = await cli(...common, "--dataset", "smoke", "--target", "llama:7b");
    expect(badTarget.code).toBe(2);
    const saved = base;
    base = "http://127.0.0.1:9";
    try {
      const down = await cli(...common, "--dataset", "smoke", "--target", "openai:fake-model");
      expect(down.code).toBe(2);
      expect(down.stderr).toContain("cannot reach PromptForge");
    } finally {
      base = saved;
    }
  });
});
