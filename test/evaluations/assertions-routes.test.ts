// The assertions a prompt declares, through the real API on SQLite and PostgreSQL: an empty list at
// first, a PUT that replaces the list (and answers it), what a reader gets back, the 422s of the
// declaration checks (bad regex, bad JSON Schema, unknown type, missing field, over 50), 404s, each role
// and key scope, and the audit entry naming the list by hash.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Assertion } from "../../src/features/evaluations/assertion-schemas.js";
import { buildTestApp, DB_TARGETS, databaseOf, type TestApp } from "../helpers/app.js";
import { projectKey } from "../projects/project-helpers.js";
import { call, promptWithVersions, type Team, team } from "../registry/registry-helpers.js";

const declared: Assertion[] = [
  { type: "contains", value: "Paris", case_sensitive: false },
  { type: "regex", value: "^The\\b" },
  { type: "json-schema", schema: { type: "object", required: ["city"] }, weight: 2 },
  { type: "max-length", threshold: 50, unit: "words" },
  { type: "similar-to", method: "rouge-l", threshold: 0.6 },
  { type: "latency-below", threshold: 3000 },
  { type: "cost-below", threshold: 0.01 },
  { type: "judge", rubric: "Answers the question asked", judge_prompt: "judges/strict@production" },
];

describe.each(DB_TARGETS)("prompt assertions on %s", (target) => {
  let t: TestApp;
  let w: Team;
  let prompt: { id: string; name: string };
  let url: string;

  beforeAll(async () => {
    t = await buildTestApp({ target });
    w = await team(t.app);
    prompt = await promptWithVersions(w, ["What is the capital of {{country}}?"]);
    url = `${w.base}/prompts/${prompt.id}/assertions`;
  });
  afterAll(async () => t.close());

  it("answers an empty list before any is declared", async () => {
    const res = await call(t.app, w.viewer.auth, "GET", url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ assertions: [], updated_by: null, updated_at: null });
  });

  it("replaces the list with PUT and reads it back as given", async () => {
    const put = await call(t.app, w.editor.auth, "PUT", url, declared);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({
      assertions: declared,
      updated_by: { id: w.editor.id, username: w.editor.username },
      updated_at: expect.any(String),
    });
    const got = await call(t.app, w.viewer.auth, "GET", url);
    expect(got.json().assertions).toEqual(declared);

    const replaced = await call(t.app, w.editor.auth, "PUT", url, [{ type: "is-json" }]);
    expect(replaced.json().assertions).toEqual([{ type: "is-json" }]);
    const row = await databaseOf(t.app)
      .selectFrom("prompt_assertions")
      .selectAll()
      .where("prompt_id", "=", prompt.id)
      .execute();
    expect(row).toHaveLength(1);
    expect(JSON.parse(row[0]?.assertions ?? "null")).toEqual([{ type: "is-json" }]);

    const cleared = await call(t.app, w.editor.auth, "PUT", url, []);
    expect(cleared.statusCode).toBe(200);
    expect((await call(t.app, w.viewer.auth, "GET", url)).json().assertions).toEqual([]);
  });

  it.each([
    ["a regex that does not compile", [{ type: "regex", value: "([a-z]" }], "0.value", /regular expression/],
    [
      "an invalid JSON Schema",
      [{ type: "is-json" }, { type: "json-schema", schema: { type: 12 } }],
      "1.schema.type",
      /JSON Schema/,
    ],
    ["a missing rubric", [{ type: "judge" }], "0.rubric", /required for judge/],
    ["a field the type does not use", [{ type: "equals", unit: "words" }], "0.unit", /not used by equals/],
    ["a similarity threshold above 1", [{ type: "similar-to", threshold: 2 }], "0.threshold", /from 0 to 1/],
    ["a misspelt field", [{ type: "similar-to", treshold: 0.9 }], "0.treshold", /not an assertion field/],
    [
      "a bad judge prompt reference",
      [{ type: "judge", rubric: "r", judge_prompt: "nolabel" }],
      "0.judge_prompt",
      /name@label/,
    ],
  ])("refuses %s with 422 naming the field", async (_what, body, field, message) => {
    const res = await call(t.app, w.editor.auth, "PUT", url, body);
    expect(res.statusCode, res.body).toBe(422);
    const json = res.json();
    expect(json.error.code).toBe("validation_error");
    expect(json.request_id).toEqual(expect.any(String));
    expect(json.error.details).toEqual(
      expect.arrayContaining([{ field, message: expect.stringMatching(message) }]),
    );
  });

  it("refuses what the schema refuses: an unknown type, a zero weight, an unknown key, more than 50, not a list", async () => {
    for (const body of [
      [{ type: "spellcheck" }],
      [{ type: "is-json", weight: 0 }],
      [{ type: "is-json", colour: "red" }],
      Array.from({ length: 51 }, () => ({ type: "is-json" })),
      { type: "is-json" },
    ]) {
      const res = await call(t.app, w.editor.auth, "PUT", url, body);
      expect(res.statusCode, `${JSON.stringify(body).slice(0, 60)}: ${res.body}`).toBe(422);
      expect(res.json().error.code).toBe("validation_error");
    }
    const fifty = await call(
      t.app,
      w.editor.auth,
      "PUT",
      url,
      Array.from({ length: 50 }, () => ({ type: "is-json" })),
    );
    expect(fifty.statusCode, fifty.body).toBe(200);
    // Nothing refused was stored.
    expect((await call(t.app, w.viewer.auth, "GET", url)).json().assertions).toHaveLength(50);
  });

  it("answers 404 for a prompt that is not in the project", async () => {
    const other = await team(t.app);
    const elsewhere = await promptWithVersions(other, ["Another project's prompt."]);
    for (const method of ["GET", "PUT"] as const) {
      const res = await call(
        t.app,
        w.owner.auth,
        method,
        `${w.base}/prompts/${elsewhere.id}/assertions`,
        method === "PUT" ? [] : undefined,
      );
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().error.code).toBe("not_found");
    }
    // And a project the caller is not a member of.
    const res = await call(t.app, w.owner.auth, "GET", `${other.base}/prompts/${elsewhere.id}/assertions`);
    expect(res.statusCode).toBe(404);
  });

  it("lets viewers read but not write, and keys only with the matching scope", async () => {
    const denied = await call(t.app, w.viewer.auth, "PUT", url, [{ type: "is-json" }]);
    expect(denied.statusCode, denied.body).toBe(403);
    expect(denied.json().error.code).toBe("forbidden");
    expect((await call(t.app, {}, "GET", url)).statusCode).toBe(401);

    const reader = await projectKey(t.app, w.owner, w.project.slug, ["prompts:read"]);
    const writer = await projectKey(t.app, w.owner, w.project.slug, ["prompts:write"]);
    expect((await call(t.app, { "x-api-key": reader }, "GET", url)).statusCode).toBe(200);
    expect((await call(t.app, { "x-api-key": reader }, "PUT", url, [])).statusCode).toBe(403);
    const byKey = await call(t.app, { "x-api-key": writer }, "PUT", url, [{ type: "contains", value: "x" }]);
    expect(byKey.statusCode, byKey.body).toBe(200);
    expect(byKey.json().updated_by).toEqual({ id: w.owner.id, username: w.owner.username });
  });

  it("records each replacement in the audit log by hash, never the assertions' text", async () => {
    const secretish = "Quote from the prompt that the log must not hold";
    const res = await call(t.app, w.admin.auth, "PUT", url, [
      { type: "contains", value: secretish },
      { type: "contains", value: "b" },
      { type: "is-json" },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const log = await call(t.app, w.owner.auth, "GET", `${w.base}/audit?action=prompt.update`);
    expect(log.statusCode, log.body).toBe(200);
    const entry = log.json().items[0];
    expect(entry).toMatchObject({
      action: "prompt.update",
      actor: { type: "user", id: w.admin.id },
      target: { type: "prompt", id: prompt.id },
      summary: {
        name: prompt.name,
        assertions: 3,
        assertion_types: ["contains", "is-json"],
        assertions_hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
        assertions_hash_from: expect.stringMatching(/^sha256:/),
      },
    });
    expect(JSON.stringify(entry)).not.toContain(secretish);
  });
});
