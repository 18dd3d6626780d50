// Token F1 and ROUGE-L on examples worked out by hand (the arithmetic is in each test's comment).
import { describe, expect, it } from "vitest";
import {
  lcsLength,
  MAX_SIMILARITY_TOKENS,
  rougeL,
  similarity,
  tokenF1,
  tokenize,
} from "../../src/features/evaluations/similarity.js";

describe("tokenize", () => {
  it("lower-cases, drops punctuation and keeps letters and digits of any script", () => {
    expect(tokenize("Hello, World! It's 2026.")).toEqual(["hello", "world", "it", "s", "2026"]);
    expect(tokenize("Grüße aus Köln — 東京")).toEqual(["grüße", "aus", "köln", "東京"]);
    expect(tokenize("  ")).toEqual([]);
  });

  it("normalizes compatibility forms (NFKC), so a ligature matches its letters", () => {
    expect(tokenize("ﬁne")).toEqual(["fine"]);
  });

  it(`keeps at most ${MAX_SIMILARITY_TOKENS} tokens`, () => {
    expect(tokenize("w ".repeat(MAX_SIMILARITY_TOKENS + 10))).toHaveLength(MAX_SIMILARITY_TOKENS);
  });
});

describe("tokenF1", () => {
  it("scores one changed word of six as 5/6", () => {
    // overlap the×2, cat, on, mat = 5; P = R = 5/6; F1 = 5/6
    expect(tokenF1("the cat sat on the mat", "the cat is on the mat")).toBeCloseTo(5 / 6, 12);
  });

  it("weighs precision and recall: a one-word answer inside a four-word reference is 0.4", () => {
    // overlap 1; P = 1/1, R = 1/4; F1 = 2·1·0.25 / 1.25 = 0.4
    expect(tokenF1("Paris", "The capital is Paris")).toBeCloseTo(0.4, 12);
  });

  it("counts a repeated token only as often as the reference has it", () => {
    // overlap min(3, 1) = 1; P = 1/3, R = 1/2; F1 = 2·(1/6) / (5/6) = 0.4
    expect(tokenF1("the the the", "the cat")).toBeCloseTo(0.4, 12);
  });

  it("ignores order, case and punctuation", () => {
    expect(tokenF1("a b c d", "d c b a")).toBe(1);
    expect(tokenF1("Hello, World!", "hello world")).toBe(1);
  });

  it("is 0 without common tokens, 1 for two empty texts, 0 for one empty text", () => {
    expect(tokenF1("apples", "oranges")).toBe(0);
    expect(tokenF1("", "...")).toBe(1);
    expect(tokenF1("", "something")).toBe(0);
    expect(tokenF1("something", "")).toBe(0);
  });
});

describe("rougeL", () => {
  it("scores the classic police/gunman pair as 0.75", () => {
    // LCS police, the, gunman = 3; P = R = 3/4
    expect(rougeL("police killed the gunman", "police kill the gunman")).toBeCloseTo(0.75, 12);
  });

  it("penalizes order, unlike token F1", () => {
    // LCS "the gunman" = 2; P = R = 2/4
    expect(rougeL("the gunman kill police", "police kill the gunman")).toBeCloseTo(0.5, 12);
    // LCS = 1 of 4 tokens
    expect(rougeL("a b c d", "d c b a")).toBeCloseTo(0.25, 12);
    expect(tokenF1("a b c d", "d c b a")).toBe(1);
  });

  it("scores unequal lengths by the harmonic mean", () => {
    // LCS "is paris" = 2; P = 2/2, R = 2/5; F = 2·0.4 / 1.4 = 4/7
    expect(rougeL("is Paris", "the capital city is Paris")).toBeCloseTo(4 / 7, 12);
  });

  it("handles empty texts like token F1", () => {
    expect(rougeL("", "")).toBe(1);
    expect(rougeL("x", "")).toBe(0);
  });

  it("computes the longest common subsequence", () => {
    expect(lcsLength(["a", "b", "c", "b", "d", "a", "b"], ["b", "d", "c", "a", "b", "a"])).toBe(4);
    expect(lcsLength([], ["a"])).toBe(0);
  });

  it("stays fast at the token cap", () => {
    const a = Array.from({ length: MAX_SIMILARITY_TOKENS }, (_, i) => `w${i % 97}`).join(" ");
    const b = Array.from({ length: MAX_SIMILARITY_TOKENS }, (_, i) => `w${i % 89}`).join(" ");
    const started = performance.now();
    const score = rougeL(a, b);
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThan(1);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("similarity", () => {
  it("dispatches on the method", () => {
    expect(similarity("token-f1", "a b c d", "d c b a")).toBe(1);
    expect(similarity("rouge-l", "a b c d", "d c b a")).toBeCloseTo(0.25, 12);
  });
});
