// Evaluating assertions on one output: every assertion kind, the default when a prompt declares none,
// and the rule that turns verdicts into the item's pass or fail.
//
// Rules worth knowing (docs/evaluations.md, "Assertions"):
// - equals trims surrounding whitespace and treats \r\n as \n on both sides; contains / not-contains
//   compare raw text; all three and regex are case-sensitive unless case_sensitive is false.
// - is-json and json-schema accept the JSON wrapped in one Markdown code fence (```json … ```), the way
//   models often answer.
// - User-written patterns run under a time limit: a regex assertion, and a JSON Schema (whose `pattern`
//   keywords are regexes too), are evaluated in a V8 context with a REGEX_TIME_LIMIT_MS timeout, so a
//   catastrophically backtracking pattern fails its verdict instead of stalling the worker.
// - An item passes when the weighted share of its passed assertions reaches the pass share — 1 by
//   default, that is, every assertion must pass; weights then only shape the item's score.
import vm from "node:vm";
import { Ajv, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import { type Assertion, DEFAULT_SIMILARITY_THRESHOLD, regexFlags } from "./assertion-schemas.js";
import { similarity } from "./similarity.js";

export type { Assertion } from "./assertion-schemas.js";

export interface AssertionContext {
  output: string;
  expected: string | null;
  latencyMs: number;
  costUsd: number | null;
  /** The prompt as sent. */
  rendered: string;
  /** The version's config.response_format json_schema: the default of json-schema. */
  responseFormatSchema?: object;
}

export interface Verdict {
  type: string;
  passed: boolean;
  score: number | null;
  reason: string;
  weight: number;
}

export type JudgeFn = (req: {
  rubric: string;
  input: string;
  output: string;
  expected: string | null;
  signal: AbortSignal;
}) => Promise<{ passed: boolean; score: number; reason: string }>;

/** How long one regex match or one JSON Schema validation may run. */
export const REGEX_TIME_LIMIT_MS = 100;

/** The assertions in force: the declared ones, or else `equals` against the item's expected when it has one. */
export function effectiveAssertions(declared: Assertion[] | null, hasExpected: boolean): Assertion[] {
  if (declared && declared.length > 0) return declared;
  return hasExpected ? [{ type: "equals" }] : [];
}

// One context, reused: creating one costs more than the guarded work itself.
const guardContext = vm.createContext({ task: null as (() => unknown) | null, result: null as unknown });
const guardScript = new vm.Script("result = task(); task = null;");

class TimeLimitError extends Error {}

/** Runs fn synchronously, interrupted after `ms` (V8 terminates the script, regex backtracking included). */
function withTimeLimit<T>(fn: () => T, ms = REGEX_TIME_LIMIT_MS): T {
  guardContext.task = fn;
  try {
    guardScript.runInContext(guardContext, { timeout: ms });
    return guardContext.result as T;
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT") throw new TimeLimitError();
    throw err;
  } finally {
    guardContext.task = null;
    guardContext.result = null;
  }
}

// Separate validators from Fastify's and the config checker's: no coercion, no defaults, and schemas
// are not registered by $id (two assertions may reuse one).
const ajv2020 = new Ajv2020({ allErrors: false, strict: false, addUsedSchema: false });
const ajv07 = new Ajv({ allErrors: false, strict: false, addUsedSchema: false });
const DRAFT_07 = /^https?:\/\/json-schema\.org\/draft-07\/schema#?$/;
const VALIDATOR_CACHE_SIZE = 100;
const validators = new Map<string, { validate: ValidateFunction; schema: object; ajv: Ajv | Ajv2020 }>();

function validatorFor(schema: object): ValidateFunction {
  const key = JSON.stringify(schema);
  const hit = validators.get(key);
  if (hit) {
    // Most recently used last, so the oldest is evicted first.
    validators.delete(key);
    validators.set(key, hit);
    return hit.validate;
  }
  const declared = (schema as { $schema?: unknown }).$schema;
  const ajv = typeof declared === "string" && DRAFT_07.test(declared) ? ajv07 : ajv2020;
  const validate = ajv.compile(schema);
  validators.set(key, { validate, schema, ajv });
  if (validators.size > VALIDATOR_CACHE_SIZE) {
    const [oldestKey, oldest] = validators.entries().next().value as [string, { schema: object; ajv: Ajv }];
    validators.delete(oldestKey);
    oldest.ajv.removeSchema(oldest.schema);
  }
  return validate;
}

/** The text inside one Markdown code fence wrapping the whole output, or the trimmed output. */
export function unfence(text: string): string {
  const t = text.trim();
  if (t.length >= 6 && t.startsWith("```") && t.endsWith("```")) {
    const firstLineEnd = t.indexOf("\n");
    if (firstLineEnd > 0 && firstLineEnd < t.length - 3)
      return t.slice(firstLineEnd + 1, t.length - 3).trim();
  }
  return t;
}

function parseJson(output: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(unfence(output)) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

function normalizeForEquals(text: string, caseSensitive: boolean): string {
  const t = text.replaceAll("\r\n", "\n").trim();
  return caseSensitive ? t : t.toLowerCase();
}

function countChars(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (const ch of text) {
    const space = ch.trim() === "";
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** A short quotation for a reason: reasons are stored per result and shown in grids. */
function quote(text: string, max = 80): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

function format(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(4)));
}

type Outcome = { passed: boolean; score?: number | null; reason: string };

/** The failure of an assertion that compares with a reference when it names none and the item expects nothing. */
const NOTHING_TO_COMPARE: Outcome = {
  passed: false,
  reason: "Nothing to compare with: no value and the item has no expected output",
};

async function evaluateOne(
  a: Assertion,
  ctx: AssertionContext,
  judge: JudgeFn | null,
  signal: AbortSignal,
): Promise<Outcome> {
  const output = ctx.output;
  const caseSensitive = a.case_sensitive !== false;
  switch (a.type) {
    case "equals": {
      const want = a.value ?? ctx.expected;
      if (want === null || want === undefined) return NOTHING_TO_COMPARE;
      const passed = normalizeForEquals(output, caseSensitive) === normalizeForEquals(want, caseSensitive);
      return {
        passed,
        reason: passed ? "Output equals the expected text" : `Output differs from ${quote(want)}`,
      };
    }
    case "contains":
    case "not-contains": {
      const needle = a.value ?? "";
      const found = caseSensitive
        ? output.includes(needle)
        : output.toLowerCase().includes(needle.toLowerCase());
      const passed = a.type === "contains" ? found : !found;
      return { passed, reason: `Output ${found ? "contains" : "does not contain"} ${quote(needle)}` };
    }
    case "regex": {
      const re = new RegExp(a.value ?? "", regexFlags(a));
      try {
        const found = withTimeLimit(() => re.test(output));
        return { passed: found, reason: `Output ${found ? "matches" : "does not match"} /${a.value}/` };
      } catch (err) {
        if (err instanceof TimeLimitError)
          return {
            passed: false,
            reason: `The pattern took longer than ${REGEX_TIME_LIMIT_MS} ms on this output`,
          };
        throw err;
      }
    }
    case "is-json": {
      const parsed = parseJson(output);
      return parsed.ok
        ? { passed: true, reason: "Output is valid JSON" }
        : { passed: false, reason: `Output is not valid JSON: ${parsed.error}` };
    }
    case "json-schema": {
      const schema = a.schema ?? ctx.responseFormatSchema;
      if (!schema)
        return {
          passed: false,
          reason: "No schema: the assertion gives none and the version has no response_format json_schema",
        };
      const parsed = parseJson(output);
      if (!parsed.ok) return { passed: false, reason: `Output is not valid JSON: ${parsed.error}` };
      let validate: ValidateFunction;
      try {
        validate = validatorFor(schema);
      } catch (err) {
        // Declared schemas were checked at PUT time; this is the version's response_format one.
        return { passed: false, reason: `The schema cannot be used: ${(err as Error).message}` };
      }
      try {
        const valid = withTimeLimit(() => validate(parsed.value) === true);
        if (valid) return { passed: true, reason: "Output matches the schema" };
        const e = validate.errors?.[0];
        return {
          passed: false,
          reason: `Output does not match the schema: ${e ? `${e.instancePath || "/"} ${e.message ?? "is invalid"}` : "invalid"}`,
        };
      } catch (err) {
        if (err instanceof TimeLimitError)
          return { passed: false, reason: `Schema validation took longer than ${REGEX_TIME_LIMIT_MS} ms` };
        throw err;
      }
    }
    case "max-length":
    case "min-length": {
      const words = a.unit === "words";
      const n = words ? countWords(output) : countChars(output);
      const limit = a.threshold ?? 0;
      const passed = a.type === "max-length" ? n <= limit : n >= limit;
      const unit = words ? "words" : "characters";
      return {
        passed,
        reason: `Output is ${n} ${unit}; ${a.type === "max-length" ? "at most" : "at least"} ${limit} required`,
      };
    }
    case "similar-to": {
      const reference = a.value ?? ctx.expected;
      if (reference === null || reference === undefined) return NOTHING_TO_COMPARE;
      const method = a.method ?? "token-f1";
      const threshold = a.threshold ?? DEFAULT_SIMILARITY_THRESHOLD;
      const score = similarity(method, output, reference);
      return {
        passed: score >= threshold,
        score,
        reason: `${method} similarity ${format(score)} ${score >= threshold ? "≥" : "<"} ${format(threshold)}`,
      };
    }
    case "latency-below": {
      const limit = a.threshold ?? 0;
      const passed = ctx.latencyMs < limit;
      return {
        passed,
        reason: `Latency ${format(ctx.latencyMs)} ms ${passed ? "<" : "≥"} ${format(limit)} ms`,
      };
    }
    case "cost-below": {
      const limit = a.threshold ?? 0;
      if (ctx.costUsd === null)
        return { passed: false, reason: "Cost unknown (the model is not in the price table)" };
      const passed = ctx.costUsd < limit;
      return { passed, reason: `Cost $${format(ctx.costUsd)} ${passed ? "<" : "≥"} $${format(limit)}` };
    }
    case "judge": {
      if (!judge) return { passed: false, reason: "No judge is configured for this run" };
      const verdict = await judge({
        rubric: a.rubric ?? "",
        input: ctx.rendered,
        output,
        expected: ctx.expected,
        signal,
      });
      const score = Number.isFinite(verdict.score) ? Math.min(Math.max(verdict.score, 0), 1) : 0;
      const passed = a.threshold !== undefined ? score >= a.threshold : verdict.passed === true;
      return { passed, score, reason: verdict.reason };
    }
  }
}

/**
 * One verdict per assertion, in order. A judge whose completion fails (network, provider) rejects, and
 * so does an aborted signal: the caller marks the item an error (and may retry) instead of recording a
 * failure the output did not earn. A judge's malformed answer is a failed verdict (see judge.ts).
 */
export async function evaluateAssertions(
  assertions: Assertion[],
  ctx: AssertionContext,
  judge: JudgeFn | null,
  signal: AbortSignal,
): Promise<Verdict[]> {
  const verdicts: Verdict[] = [];
  for (const a of assertions) {
    signal.throwIfAborted();
    const outcome = await evaluateOne(a, ctx, judge, signal);
    verdicts.push({
      type: a.type,
      passed: outcome.passed,
      score: outcome.score ?? null,
      reason: outcome.reason,
      weight: a.weight ?? 1,
    });
  }
  return verdicts;
}

/** Weighted share of passed verdicts (0..1); null without verdicts. */
export function itemScore(verdicts: Verdict[]): number | null {
  let total = 0;
  let passed = 0;
  for (const v of verdicts) {
    total += v.weight;
    if (v.passed) passed += v.weight;
  }
  return total > 0 ? passed / total : null;
}

/**
 * Whether the item passes: the weighted share of passed verdicts reaches `passShare` (default 1: every
 * assertion must pass). Without verdicts it passes: the caller records an output error separately.
 */
export function itemPassed(verdicts: Verdict[], passShare = 1): boolean {
  const score = itemScore(verdicts);
  // A hair of tolerance so 0.1 + 0.2-style sums do not fail a share they reach.
  return score === null || score >= passShare - 1e-9;
}

/** The judge scores of the verdicts, averaged (the result's judge_score); null without a judge verdict. */
export function judgeScoreOf(verdicts: Verdict[]): number | null {
  const scores = verdicts.filter((v) => v.type === "judge" && v.score !== null).map((v) => v.score as number);
  return scores.length > 0 ? scores.reduce((s, x) => s + x, 0) / scores.length : null;
}
