// The engine's linear scanning helpers give exactly what the plain regex scans they replace give, on
// prompts built for the test (pasted material kept as blank lines, breaks of every kind, edge positions).
import { describe, expect, it } from "vitest";
import { matchesAfterBreaks, matchesOf } from "../../src/features/analysis/engine/text.js";

const LEAD_RE = /(?:^|[\n.!;:]\s*|[-*•]\s+)(?:always |please )?(?:use|write|list|keep)\b/gi;
const LEAD_AT_RE = new RegExp(LEAD_RE.source, "iy");
const BREAK_RE = /[\n.!;:*•-]/g;

function plain(text: string): [number, string][] {
  return [...text.matchAll(LEAD_RE)].map((m) => [m.index, m[0]]);
}
function linear(text: string): [number, string][] {
  return matchesAfterBreaks(LEAD_AT_RE, BREAK_RE, text).map((m) => [m.index, m[0]]);
}

/** Deterministic pseudo-random prompts from pieces that exercise every branch of the pattern. */
function prompts(count: number): string[] {
  const pieces = [
    "Use",
    "write",
    "\n",
    "   ",
    ".",
    "!",
    ";",
    ":",
    "-",
    "* ",
    "•",
    " always ",
    "please ",
    "List",
    "keep",
    "user",
    "x",
    "\t",
    "Keeps",
    "\n\n   \n",
  ];
  let x = 7;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = "";
    const n = 1 + (i % 23);
    for (let j = 0; j < n; j++) {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      s += pieces[x % pieces.length];
    }
    out.push(s);
  }
  return out;
}

describe("matchesAfterBreaks", () => {
  it("finds the same matches as a global regex scan", () => {
    const fixed = [
      "",
      "Use JSON.",
      "Write it.\n\n      \n      \n   use bullets",
      "Keep it short;    \n\n\n  nothing else.\n- list the steps\n-list\n* \n\n  write more",
      "x.\n  \n  \n  Please write",
      "\n\n\n",
      "-- use it",
    ];
    for (const text of [...fixed, ...prompts(3000)])
      expect(linear(text), JSON.stringify(text)).toEqual(plain(text));
  });

  it('finds the same matches when a match may also start on a word ("and", "then")', () => {
    const re =
      /(?:^|[\n.;:]\s*|,\s*(?:and\s+)?|\b(?:and|then)\s+|[-*]\s+)(?:please )?(?:use|write|list|keep)\b/gi;
    const at = new RegExp(re.source, "iy");
    const breaks = /[\n.;:,*aAtT-]/g;
    const texts = [...prompts(3000), "a \n\n  use it", "Then\n keep it", "x, and   \n write", "band use"];
    for (const text of texts) {
      const got = matchesAfterBreaks(at, breaks, text).map((m) => [m.index, m[0]]);
      expect(got, JSON.stringify(text)).toEqual([...text.matchAll(re)].map((m) => [m.index, m[0]]));
    }
  });

  it("agrees on a long pasted message kept as blank lines", () => {
    const text = `Summarise this.\n${`${" ".repeat(40)}\n`.repeat(1200)}Use bullets.\n- keep it short`;
    expect(linear(text)).toEqual(plain(text));
    expect(linear(text).map(([at]) => at)).toEqual([text.indexOf(".\n"), text.indexOf("- keep")]);
  });
});

describe("matchesOf", () => {
  const spans = (ms: Iterable<RegExpMatchArray>) => [...ms].map((m) => [m.index, m[0], m[1]]);

  it.each([
    [/\b(use|keep) (\w+)/g, "Use JSON; keep it short, use bullets."],
    [/x*/g, "abxxc"],
    [/(?:)/gu, "a\u{1F600}b"],
    [/(?:)/g, "a\u{1F600}b"],
    [/\b/g, "two words"],
    [/a|/gy, "aab"],
    [/[^;]+/g, "one; two;; three"],
  ])("yields what matchAll yields for %s", (re, text) => {
    expect(spans(matchesOf(text, re))).toEqual(spans(text.matchAll(re)));
  });

  it("starts at the pattern's lastIndex and never moves it, even when the loop uses the pattern", () => {
    const re = /\d+/g;
    re.lastIndex = 3;
    const seen: string[] = [];
    for (const m of matchesOf("12 34 56", re)) {
      seen.push(m[0]);
      re.lastIndex = 0;
      expect(re.test("x7")).toBe(true); // the loop's own use of the pattern moves lastIndex to 2
    }
    expect(seen).toEqual(["34", "56"]);
    expect(re.lastIndex).toBe(2);
  });

  it("refuses a pattern without the global flag, as matchAll does", () => {
    expect(() => [...matchesOf("a", /a/)]).toThrow(TypeError);
  });
});
