// The judge: the messages it sends, and how it reads answers, well-formed or not.
import { describe, expect, it } from "vitest";
import { render } from "../../packages/sdk/src/render.js";
import {
  buildJudgeMessage,
  createJudge,
  DEFAULT_JUDGE_SYSTEM,
  JUDGE_LIMITS,
  parseJudgeVerdict,
  renderJudgePrompt,
} from "../../src/features/evaluations/judge.js";

describe("createJudge", () => {
  it("sends the built-in system prompt and the rubric and case in tagged sections", async () => {
    const calls: { system: string; user: string }[] = [];
    const judge = createJudge(async (system, user) => {
      calls.push({ system, user });
      return '{"passed": true, "score": 0.9, "reason": "Polite and correct"}';
    });
    const verdict = await judge({
      rubric: "Is it polite?",
      input: "Say hi",
      output: "Hello there",
      expected: "Hi",
      signal: new AbortController().signal,
    });
    expect(verdict).toEqual({ passed: true, score: 0.9, reason: "Polite and correct" });
    expect(calls[0]?.system).toBe(DEFAULT_JUDGE_SYSTEM);
    expect(calls[0]?.user).toContain("<rubric>\nIs it polite?\n</rubric>");
    expect(calls[0]?.user).toContain("<input>\nSay hi\n</input>");
    expect(calls[0]?.user).toContain("<output>\nHello there\n</output>");
    expect(calls[0]?.user).toContain("<expected>\nHi\n</expected>");
  });

  it("uses a judge prompt from the registry as the system message and leaves out a missing expected", async () => {
    const calls: { system: string; user: string }[] = [];
    const judge = createJudge(
      async (system, user) => {
        calls.push({ system, user });
        return "not json at all";
      },
      { system: "You grade tone." },
    );
    const verdict = await judge({
      rubric: "r",
      input: "i",
      output: "o",
      expected: null,
      signal: new AbortController().signal,
    });
    expect(calls[0]?.system).toBe("You grade tone.");
    expect(calls[0]?.user).not.toContain("<expected>");
    expect(verdict.passed).toBe(false);
    expect(verdict.score).toBe(0);
    expect(verdict.reason).toMatch(/^Malformed judge answer/);
  });

  it("passes the abort signal and lets a failed completion reject", async () => {
    const controller = new AbortController();
    let got: AbortSignal | undefined;
    const judge = createJudge(async (_s, _u, signal) => {
      got = signal;
      throw new Error("upstream 503");
    });
    await expect(
      judge({ rubric: "r", input: "i", output: "o", expected: null, signal: controller.signal }),
    ).rejects.toThrow("upstream 503");
    expect(got).toBe(controller.signal);
  });

  it("cuts very long fields", () => {
    const message = buildJudgeMessage({
      rubric: "r",
      input: "x".repeat(JUDGE_LIMITS.fieldChars + 500),
      output: "o",
      expected: null,
    });
    expect(message).toContain("[… 500 more characters not shown]");
    expect(message.length).toBeLessThan(JUDGE_LIMITS.fieldChars + 500);
  });

  it("cuts the fields a registry judge prompt renders into its system message", () => {
    const system = renderJudgePrompt(
      "Judge {{rubric}}. In: {{input}} Out: {{output}} Exp: {{expected}}",
      {
        rubric: "polite",
        input: "i".repeat(JUDGE_LIMITS.fieldChars + 10),
        output: "o".repeat(100_000),
        expected: "e",
      },
      render,
    );
    expect(system).toContain("[… 10 more characters not shown]");
    expect(system).toContain(`[… ${100_000 - JUDGE_LIMITS.fieldChars} more characters not shown]`);
    expect(system).toContain("Judge polite.");
    expect(system.length).toBeLessThan(2 * JUDGE_LIMITS.fieldChars + 200);
  });
});

describe("parseJudgeVerdict", () => {
  it.each([
    ['{"passed": false, "score": 0.2, "reason": "Rude"}', { passed: false, score: 0.2, reason: "Rude" }],
    ['```json\n{"passed": true, "score": 1, "reason": "ok"}\n```', { passed: true, score: 1, reason: "ok" }],
    [
      'Let me think. The answer is fine.\n{"passed": true, "score": 0.75, "reason": "Uses {braces} and \\"quotes\\""}\nDone.',
      { passed: true, score: 0.75, reason: 'Uses {braces} and "quotes"' },
    ],
    [
      '{"passed": "yes", "score": "0.6", "reason": "strings"}',
      { passed: true, score: 0.6, reason: "strings" },
    ],
    ['{"score": 0.4, "reason": "score only"}', { passed: false, score: 0.4, reason: "score only" }],
    ['{"passed": true}', { passed: true, score: 1, reason: "(the judge gave no reason)" }],
    // a broken object first, a good one later
    [
      '{"passed": tru, {"passed": false, "score": 0, "reason": "second"}',
      { passed: false, score: 0, reason: "second" },
    ],
    [
      '{"note": {"x": 1}} then {"passed": true, "score": 0.5, "reason": "later"}',
      { passed: true, score: 0.5, reason: "later" },
    ],
  ])("reads %j", (answer, expected) => {
    expect(parseJudgeVerdict(answer)).toEqual(expected);
  });

  it.each([
    ["", /no JSON object found.*\(empty\)/],
    ["I think it passes.", /no JSON object found/],
    ['{"passed": true, "score": 7, "reason": "out of ten"}', /score 7 is outside 0\.\.1/],
    ['{"verdict": "good"}', /neither `passed` nor `score`/],
    ["[1, 2, 3]", /not a JSON object|no JSON object/],
    ['{"passed": true, "score": 0.9', /no JSON object found/],
  ])("turns %j into a failed verdict with a reason", (answer, reason) => {
    const verdict = parseJudgeVerdict(answer);
    expect(verdict.passed).toBe(false);
    expect(verdict.score).toBe(0);
    expect(verdict.reason).toMatch(/^Malformed judge answer/);
    expect(verdict.reason).toMatch(reason);
  });

  it("stays fast on a hostile answer (a megabyte of unclosed braces and quotes)", () => {
    const started = performance.now();
    const verdict = parseJudgeVerdict(`${'{"a":"'.repeat(50_000)}${"{".repeat(500_000)}`);
    expect(verdict.passed).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("ignores a verdict beyond the searched prefix", () => {
    const answer = `${" ".repeat(JUDGE_LIMITS.answerChars)}{"passed": true, "score": 1, "reason": "late"}`;
    expect(parseJudgeVerdict(answer).passed).toBe(false);
  });
});
