import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffLines } from "../../src/features/prompts/diff.js";

/** Length of the longest common subsequence of two line lists (textbook DP), the optimum a diff reaches. */
function lcsLength(a: string[], b: string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      dp[i]![j] = a[i - 1] === b[j - 1] ? dp[i - 1]![j - 1]! + 1 : Math.max(dp[i - 1]![j]!, dp[i]![j - 1]!);
    }
  }
  return dp[a.length]![b.length]!;
}

function sides(d: ReturnType<typeof diffLines>) {
  const oldSide = d.lines.filter((l) => l.op !== "add").map((l) => l.text);
  const newSide = d.lines.filter((l) => l.op !== "remove").map((l) => l.text);
  return { oldSide, newSide };
}

describe("diffLines", () => {
  it("marks a changed middle line as one removal and one addition with line numbers", () => {
    const d = diffLines("a\nb\nc", "a\nB\nc");
    expect(d.lines).toEqual([
      { op: "equal", text: "a", old_line: 1, new_line: 1 },
      { op: "remove", text: "b", old_line: 2, new_line: null },
      { op: "add", text: "B", old_line: null, new_line: 2 },
      { op: "equal", text: "c", old_line: 3, new_line: 3 },
    ]);
    expect(d).toMatchObject({ added: 1, removed: 1, minimal: true });
  });

  it("reports identical texts as all equal", () => {
    const d = diffLines("x\ny", "x\ny");
    expect(d.added + d.removed).toBe(0);
    expect(d.lines.map((l) => l.op)).toEqual(["equal", "equal"]);
  });

  it("handles insertion at the start and deletion at the end", () => {
    const d = diffLines("b\nc\nd", "a\nb\nc");
    expect(d.lines.map((l) => `${l.op}:${l.text}`)).toEqual(["add:a", "equal:b", "equal:c", "remove:d"]);
  });

  it("finds a minimal script when lines move (LCS, not a naive prefix match)", () => {
    const d = diffLines("a\nb\nc\nd\ne", "b\nc\nd\ne\na");
    expect(d.removed).toBe(1);
    expect(d.added).toBe(1);
  });

  it("always reconstructs both texts and keeps as many lines as the longest common subsequence", () => {
    const line = fc.constantFrom("a", "b", "c", "d", "");
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), fc.array(line, { maxLength: 25 }), (xs, ys) => {
        const a = xs.join("\n");
        const b = ys.join("\n");
        const d = diffLines(a, b);
        const { oldSide, newSide } = sides(d);
        expect(oldSide.join("\n")).toBe(a);
        expect(newSide.join("\n")).toBe(b);
        const equal = d.lines.filter((l) => l.op === "equal").length;
        expect(equal).toBe(lcsLength(a.split("\n"), b.split("\n")));
        // Line numbers count up by one on each side.
        const olds = d.lines.flatMap((l) => (l.old_line === null ? [] : [l.old_line]));
        const news = d.lines.flatMap((l) => (l.new_line === null ? [] : [l.new_line]));
        expect(olds).toEqual(olds.map((_, i) => i + 1));
        expect(news).toEqual(news.map((_, i) => i + 1));
      }),
      { numRuns: 300 },
    );
  });

  it("falls back to a correct but coarse diff past the edit-distance cap", () => {
    const a = Array.from({ length: 50 }, (_, i) => `old ${i}`).join("\n");
    const b = Array.from({ length: 50 }, (_, i) => `new ${i}`).join("\n");
    const d = diffLines(`head\n${a}\ntail`, `head\n${b}\ntail`, { maxEditDistance: 10 });
    expect(d.minimal).toBe(false);
    expect(d.removed).toBe(50);
    expect(d.added).toBe(50);
    const { oldSide, newSide } = sides(d);
    expect(oldSide.join("\n")).toBe(`head\n${a}\ntail`);
    expect(newSide.join("\n")).toBe(`head\n${b}\ntail`);
  });

  it("diffs two maximum-size prompts that differ everywhere within a bounded time", () => {
    // 50,000 characters of one-character lines on each side, no line in common.
    const a = Array.from({ length: 25_000 }, () => "x").join("\n");
    const b = Array.from({ length: 25_000 }, () => "y").join("\n");
    const started = performance.now();
    const d = diffLines(a, b);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(d.removed + d.added).toBe(50_000);
  });
});
