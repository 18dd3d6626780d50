// Every assertion kind, true and false; effectiveAssertions; the item pass rule; and the checks run
// when assertions are declared (a bad regex or JSON Schema is refused then, not at run time).
import { describe, expect, it } from "vitest";
import {
  type Assertion,
  checkAssertions,
  validateAssertions,
} from "../../src/features/evaluations/assertion-schemas.js";
import {
  type AssertionContext,
  effectiveAssertions,
  evaluateAssertions,
  itemPassed,
  itemScore,
  type JudgeFn,
  judgeScoreOf,
  REGEX_TIME_LIMIT_MS,
  type Verdict,
} from "../../src/features/evaluations/assertions.js";
import { ValidationError } from "../../src/http/errors.js";

const ctx = (over: Partial<AssertionContext> = {}): AssertionContext => ({
  output: "The capital of France is Paris.",
  expected: "The capital of France is Paris.",
  latencyMs: 120,
  costUsd: 0.0004,
  rendered: "What is the capital of France?",
  ...over,
});
const signal = () => new AbortController().signal;

async function one(
  a: Assertion,
  c: AssertionContext = ctx(),
  judge: JudgeFn | null = null,
): Promise<Verdict> {
  const [v] = await evaluateAssertions([a], c, judge, signal());
  if (!v) throw new Error("no verdict");
  return v;
}

describe("assertion kinds", () => {
  it("equals: against value or expected, trimmed, with a case option", async () => {
    expect(
      (await one({ type: "equals" }, ctx({ output: "  The capital of France is Paris.\r\n" }))).passed,
    ).toBe(true);
    expect((await one({ type: "equals" }, ctx({ output: "Paris." }))).passed).toBe(false);
    expect((await one({ type: "equals", value: "paris" }, ctx({ output: "Paris" }))).passed).toBe(false);
    expect(
      (await one({ type: "equals", value: "paris", case_sensitive: false }, ctx({ output: "Paris" }))).passed,
    ).toBe(true);
    const none = await one({ type: "equals" }, ctx({ expected: null }));
    expect(none.passed).toBe(false);
    expect(none.reason).toMatch(/no expected/);
  });

  it("contains and not-contains, with a case option", async () => {
    expect((await one({ type: "contains", value: "Paris" })).passed).toBe(true);
    expect((await one({ type: "contains", value: "paris" })).passed).toBe(false);
    expect((await one({ type: "contains", value: "paris", case_sensitive: false })).passed).toBe(true);
    expect((await one({ type: "not-contains", value: "London" })).passed).toBe(true);
    expect((await one({ type: "not-contains", value: "Paris" })).passed).toBe(false);
    expect((await one({ type: "not-contains", value: "PARIS", case_sensitive: false })).passed).toBe(false);
    expect((await one({ type: "not-contains", value: "PARIS" })).passed).toBe(true);
  });

  it("regex, with a case option", async () => {
    expect((await one({ type: "regex", value: "capital of \\w+ is Paris\\.$" })).passed).toBe(true);
    expect((await one({ type: "regex", value: "^Paris" })).passed).toBe(false);
    expect((await one({ type: "regex", value: "^the capital" })).passed).toBe(false);
    expect((await one({ type: "regex", value: "^the capital", case_sensitive: false })).passed).toBe(true);
  });

  it("regex: a catastrophically backtracking pattern fails within the time limit", async () => {
    const started = performance.now();
    const v = await one({ type: "regex", value: "^(a+)+$" }, ctx({ output: `${"a".repeat(40)}!` }));
    expect(v.passed).toBe(false);
    expect(v.reason).toMatch(/longer than/);
    expect(performance.now() - started).toBeLessThan(REGEX_TIME_LIMIT_MS * 10);
  });

  it("is-json, also inside one code fence", async () => {
    expect((await one({ type: "is-json" }, ctx({ output: '{"a": 1}' }))).passed).toBe(true);
    expect((await one({ type: "is-json" }, ctx({ output: '```json\n{"a": 1}\n```' }))).passed).toBe(true);
    expect((await one({ type: "is-json" }, ctx({ output: "[1, 2" }))).passed).toBe(false);
    expect(await one({ type: "is-json" })).toMatchObject({
      passed: false,
      reason: expect.stringMatching(/not valid JSON/),
    });
  });

  it("json-schema: an inline schema, or the version's response_format schema by default", async () => {
    const schema = {
      type: "object",
      required: ["city"],
      properties: { city: { type: "string" } },
      additionalProperties: false,
    };
    expect((await one({ type: "json-schema", schema }, ctx({ output: '{"city": "Paris"}' }))).passed).toBe(
      true,
    );
    const wrong = await one({ type: "json-schema", schema }, ctx({ output: '{"city": 3}' }));
    expect(wrong.passed).toBe(false);
    expect(wrong.reason).toMatch(/\/city must be string/);
    expect((await one({ type: "json-schema", schema }, ctx({ output: "Paris" }))).passed).toBe(false);
    expect(
      (await one({ type: "json-schema" }, ctx({ output: '{"city": "Paris"}', responseFormatSchema: schema })))
        .passed,
    ).toBe(true);
    expect(
      (await one({ type: "json-schema" }, ctx({ output: '{"town": "Paris"}', responseFormatSchema: schema })))
        .passed,
    ).toBe(false);
    const none = await one({ type: "json-schema" }, ctx({ output: "{}" }));
    expect(none.passed).toBe(false);
    expect(none.reason).toMatch(/No schema/);
  });

  it("json-schema: draft-07 when the schema says so, and a backtracking pattern keyword is bounded", async () => {
    const draft07 = {
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "array",
      items: [{ type: "number" }],
    };
    expect((await one({ type: "json-schema", schema: draft07 }, ctx({ output: "[1]" }))).passed).toBe(true);
    expect((await one({ type: "json-schema", schema: draft07 }, ctx({ output: '["x"]' }))).passed).toBe(
      false,
    );
    const evil = { type: "string", pattern: "^(a+)+$" };
    const v = await one(
      { type: "json-schema", schema: evil },
      ctx({ output: JSON.stringify(`${"a".repeat(40)}!`) }),
    );
    expect(v.passed).toBe(false);
    expect(v.reason).toMatch(/longer than/);
  });

  it("max-length and min-length, in characters (code points) or words", async () => {
    const c = ctx({ output: "héllo wörld 👋" }); // 13 code points, 3 words
    expect((await one({ type: "max-length", threshold: 13 }, c)).passed).toBe(true);
    expect((await one({ type: "max-length", threshold: 12 }, c)).passed).toBe(false);
    expect((await one({ type: "min-length", threshold: 13 }, c)).passed).toBe(true);
    expect((await one({ type: "min-length", threshold: 14 }, c)).passed).toBe(false);
    expect((await one({ type: "max-length", threshold: 3, unit: "words" }, c)).passed).toBe(true);
    expect(await one({ type: "max-length", threshold: 2, unit: "words" }, c)).toMatchObject({
      passed: false,
      reason: "Output is 3 words; at most 2 required",
    });
    expect((await one({ type: "min-length", threshold: 4, unit: "words" }, c)).passed).toBe(false);
    expect(
      (await one({ type: "min-length", threshold: 1, unit: "words" }, ctx({ output: " \n\t" }))).passed,
    ).toBe(false);
  });

  it("similar-to: token F1 by default at 0.7, ROUGE-L on request, against value or expected", async () => {
    const c = ctx({ output: "the cat sat on the mat", expected: "the cat is on the mat" });
    const f1 = await one({ type: "similar-to" }, c);
    expect(f1.passed).toBe(true);
    expect(f1.score).toBeCloseTo(5 / 6, 12);
    expect((await one({ type: "similar-to", threshold: 0.9 }, c)).passed).toBe(false);
    const rouge = await one({ type: "similar-to", method: "rouge-l", value: "mat the on sat cat the" }, c);
    expect(rouge.passed).toBe(false);
    expect(rouge.score).toBeLessThan(0.7);
    expect(
      (await one({ type: "similar-to", method: "token-f1", value: "mat the on sat cat the" }, c)).score,
    ).toBe(1);
    expect((await one({ type: "similar-to" }, ctx({ expected: null }))).passed).toBe(false);
  });

  it("latency-below and cost-below (unknown cost fails)", async () => {
    expect((await one({ type: "latency-below", threshold: 121 })).passed).toBe(true);
    expect((await one({ type: "latency-below", threshold: 120 })).passed).toBe(false);
    expect((await one({ type: "cost-below", threshold: 0.001 })).passed).toBe(true);
    expect((await one({ type: "cost-below", threshold: 0.0004 })).passed).toBe(false);
    const unknown = await one({ type: "cost-below", threshold: 1 }, ctx({ costUsd: null }));
    expect(unknown.passed).toBe(false);
    expect(unknown.reason).toMatch(/unknown/);
  });

  it("judge: the judge's verdict, or its score against a threshold; no judge fails", async () => {
    const seen: Parameters<JudgeFn>[0][] = [];
    const judge: JudgeFn = async (req) => {
      seen.push(req);
      return {
        passed: req.output.includes("Paris"),
        score: req.output.includes("Paris") ? 0.8 : 0.1,
        reason: "checked",
      };
    };
    const good = await one({ type: "judge", rubric: "Names the capital" }, ctx(), judge);
    expect(good).toEqual({ type: "judge", passed: true, score: 0.8, reason: "checked", weight: 1 });
    expect(seen[0]).toMatchObject({
      rubric: "Names the capital",
      input: "What is the capital of France?",
      output: "The capital of France is Paris.",
      expected: "The capital of France is Paris.",
    });
    expect((await one({ type: "judge", rubric: "r" }, ctx({ output: "Lyon" }), judge)).passed).toBe(false);
    expect((await one({ type: "judge", rubric: "r", threshold: 0.9 }, ctx(), judge)).passed).toBe(false);
    expect(
      (await one({ type: "judge", rubric: "r", threshold: 0.05 }, ctx({ output: "Lyon" }), judge)).passed,
    ).toBe(true);
    const none = await one({ type: "judge", rubric: "r" }, ctx(), null);
    expect(none.passed).toBe(false);
    expect(none.reason).toMatch(/No judge/);
  });

  it("a failing judge call rejects (the item becomes an error), and so does an aborted signal", async () => {
    const broken: JudgeFn = async () => {
      throw new Error("provider down");
    };
    await expect(
      evaluateAssertions([{ type: "judge", rubric: "r" }], ctx(), broken, signal()),
    ).rejects.toThrow("provider down");
    const controller = new AbortController();
    controller.abort(new Error("cancelled"));
    await expect(evaluateAssertions([{ type: "equals" }], ctx(), null, controller.signal)).rejects.toThrow(
      "cancelled",
    );
  });

  it("keeps order, type and weight in the verdicts", async () => {
    const verdicts = await evaluateAssertions(
      [
        { type: "contains", value: "Paris", weight: 3 },
        { type: "contains", value: "Berlin" },
      ],
      ctx(),
      null,
      signal(),
    );
    expect(verdicts.map((v) => [v.type, v.passed, v.weight, v.score])).toEqual([
      ["contains", true, 3, null],
      ["contains", false, 1, null],
    ]);
  });
});

describe("effectiveAssertions", () => {
  it("uses the declared ones, else equals against expected when the item has one, else none", () => {
    const declared: Assertion[] = [{ type: "is-json" }];
    expect(effectiveAssertions(declared, true)).toBe(declared);
    expect(effectiveAssertions(null, true)).toEqual([{ type: "equals" }]);
    expect(effectiveAssertions([], true)).toEqual([{ type: "equals" }]);
    expect(effectiveAssertions(null, false)).toEqual([]);
    expect(effectiveAssertions([], false)).toEqual([]);
  });
});

describe("itemPassed", () => {
  const v = (passed: boolean, weight = 1, type = "contains"): Verdict => ({
    type,
    passed,
    score: null,
    reason: "",
    weight,
  });

  it("passes only when every assertion passes by default, whatever the weights", () => {
    expect(itemPassed([v(true), v(true)])).toBe(true);
    expect(itemPassed([v(true, 9), v(false, 1)])).toBe(false);
  });

  it("with a pass share below 1, compares the weighted share of passed assertions", () => {
    expect(itemScore([v(true, 3), v(false, 1)])).toBe(0.75);
    expect(itemPassed([v(true, 3), v(false, 1)], 0.75)).toBe(true);
    expect(itemPassed([v(true, 1), v(false, 3)], 0.75)).toBe(false);
    // 0.1 + 0.2 style sums still reach their share
    expect(itemPassed([v(true, 0.1), v(true, 0.2), v(false, 0.1)], 0.75)).toBe(true);
  });

  it("passes with no verdicts (an output error is recorded by the caller)", () => {
    expect(itemPassed([])).toBe(true);
    expect(itemScore([])).toBeNull();
  });

  it("averages judge scores only", () => {
    expect(
      judgeScoreOf([
        { ...v(true, 1, "judge"), score: 0.5 },
        { ...v(true, 1, "judge"), score: 1 },
        { ...v(true), score: 0.1 },
      ]),
    ).toBe(0.75);
    expect(judgeScoreOf([v(true)])).toBeNull();
  });
});

describe("validation when assertions are declared", () => {
  const fields = (list: Assertion[]) => checkAssertions(list).map((i) => i.field);

  it("accepts a valid list of every kind", () => {
    const list: Assertion[] = [
      { type: "equals" },
      { type: "contains", value: "x", case_sensitive: false },
      { type: "not-contains", value: "y" },
      { type: "regex", value: "^\\d+$" },
      { type: "is-json" },
      { type: "json-schema", schema: { type: "object" } },
      { type: "json-schema" },
      { type: "max-length", threshold: 100, unit: "words" },
      { type: "min-length", threshold: 0 },
      { type: "similar-to", method: "rouge-l", threshold: 0.5 },
      { type: "latency-below", threshold: 2000 },
      { type: "cost-below", threshold: 0.01 },
      {
        type: "judge",
        rubric: "Polite",
        threshold: 0.6,
        judge_prompt: "judges/polite@production",
        weight: 2,
      },
    ];
    expect(checkAssertions(list)).toEqual([]);
    expect(validateAssertions(list)).toBe(list);
  });

  it("refuses a regex that does not compile", () => {
    expect(checkAssertions([{ type: "regex", value: "(unclosed" }])).toEqual([
      { field: "assertions.0.value", message: expect.stringMatching(/not a valid regular expression/) },
    ]);
    expect(fields([{ type: "regex", value: "a".repeat(1001) }])).toEqual(["assertions.0.value"]);
  });

  it("refuses an invalid JSON Schema", () => {
    const issues = checkAssertions([{ type: "is-json" }, { type: "json-schema", schema: { type: "strin" } }]);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]?.field).toMatch(/^assertions\.1\.schema/);
    expect(issues[0]?.message).toMatch(/not a valid JSON Schema/);
  });

  it("requires the fields a kind needs and refuses those it does not use", () => {
    expect(fields([{ type: "contains" }])).toEqual(["assertions.0.value"]);
    expect(fields([{ type: "contains", value: "" }])).toEqual(["assertions.0.value"]);
    expect(fields([{ type: "judge" }])).toEqual(["assertions.0.rubric"]);
    expect(fields([{ type: "max-length" }])).toEqual(["assertions.0.threshold"]);
    expect(fields([{ type: "equals", rubric: "x" }])).toEqual(["assertions.0.rubric"]);
    expect(fields([{ type: "is-json", threshold: 1 }])).toEqual(["assertions.0.threshold"]);
  });

  it("checks thresholds per kind", () => {
    expect(fields([{ type: "max-length", threshold: 1.5 }])).toEqual(["assertions.0.threshold"]);
    expect(fields([{ type: "min-length", threshold: -1 }])).toEqual(["assertions.0.threshold"]);
    expect(fields([{ type: "similar-to", threshold: 1.2 }])).toEqual(["assertions.0.threshold"]);
    expect(fields([{ type: "judge", rubric: "r", threshold: -0.1 }])).toEqual(["assertions.0.threshold"]);
    expect(fields([{ type: "latency-below", threshold: 0 }])).toEqual(["assertions.0.threshold"]);
    expect(fields([{ type: "cost-below", threshold: -1 }])).toEqual(["assertions.0.threshold"]);
  });

  it("checks the judge prompt reference", () => {
    expect(fields([{ type: "judge", rubric: "r", judge_prompt: "no-label" }])).toEqual([
      "assertions.0.judge_prompt",
    ]);
    expect(fields([{ type: "judge", rubric: "r", judge_prompt: "Bad Name@prod" }])).toEqual([
      "assertions.0.judge_prompt",
    ]);
    expect(fields([{ type: "judge", rubric: "r", judge_prompt: "ok@latest" }])).toEqual([]);
  });

  it("caps the list at 50 and throws a 422 listing every problem", () => {
    const many = Array.from({ length: 51 }, (): Assertion => ({ type: "is-json" }));
    expect(fields(many)).toEqual(["assertions"]);
    let thrown: unknown;
    try {
      validateAssertions([{ type: "regex", value: "(" }, { type: "judge" }]);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).status).toBe(422);
    expect((thrown as ValidationError).details).toHaveLength(2);
  });
});
