// The web app's pure logic, without a browser: highlight segmentation (overlaps, text ends, surrogate
// pairs), template placeholder checks and preview, error wording, redirect safety, vitals page names.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { enhance } from "../../src/features/analysis/engine/index.js";
import { STRATEGIES, type Strategy } from "../../src/features/analysis/engine/types.js";
import { RUM_PAGES } from "../../src/features/rum/rum-routes.js";
import { humanise } from "../../web/src/lib/api.js";
import { variantsOf } from "../../web/src/lib/enhance-response.js";
import { checkVariables, renderPreview } from "../../web/src/lib/placeholders.js";
import { countFillIns, fillInSegments, segmentText } from "../../web/src/lib/segments.js";
import { safeNext } from "../../web/src/lib/urls.js";
import { routeName } from "../../web/src/lib/vitals.js";

describe("highlight segmentation", () => {
  it("splits overlapping spans into runs that list every covering finding", () => {
    const text = "make it good and some stuff";
    const segs = segmentText(text, [
      { start: 5, end: 12, id: 0 }, // "it good"
      { start: 8, end: 16, id: 1 }, // "good and"
    ]);
    expect(segs.map((s) => [s.text, s.ids])).toEqual([
      ["make ", []],
      ["it ", [0]],
      ["good", [0, 1]],
      [" and", [1]],
      [" some stuff", []],
    ]);
  });

  it("handles spans at the very start and end of the text", () => {
    const segs = segmentText("some words here", [
      { start: 0, end: 4, id: 0 },
      { start: 11, end: 15, id: 1 },
    ]);
    expect(segs.map((s) => [s.text, s.ids])).toEqual([
      ["some", [0]],
      [" words ", []],
      ["here", [1]],
    ]);
  });

  it("never cuts an emoji or other astral character in half", () => {
    const text = "a 😀 b";
    // 2..4 is the emoji's surrogate pair; spans that end or start inside it widen to the whole pair.
    const segs = segmentText(text, [{ start: 3, end: 4, id: 0 }]);
    expect(segs.map((s) => s.text)).toEqual(["a ", "😀", " b"]);
    const segs2 = segmentText(text, [{ start: 0, end: 3, id: 0 }]);
    expect(segs2.map((s) => s.text)).toEqual(["a 😀", " b"]);
  });

  it("ignores empty, reversed, non-numeric and out-of-range spans, clamping the rest", () => {
    const segs = segmentText("hello", [
      { start: 2, end: 2, id: 0 },
      { start: 4, end: 1, id: 1 },
      { start: Number.NaN, end: 3, id: 2 },
      { start: 3, end: 99, id: 3 },
      { start: -5, end: 1, id: 4 },
    ]);
    expect(segs.map((s) => [s.text, s.ids])).toEqual([
      ["h", [4]],
      ["el", []],
      ["lo", [3]],
    ]);
    expect(segmentText("", [{ start: 0, end: 1, id: 0 }])).toEqual([]);
  });

  it("always covers the whole text exactly once, in order, for any spans", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 40 }),
        fc.array(
          fc.record({ start: fc.integer({ min: -3, max: 90 }), end: fc.integer({ min: -3, max: 90 }) }),
          {
            maxLength: 8,
          },
        ),
        (text, raw) => {
          const spans = raw.map((s, id) => ({ ...s, id }));
          const segs = segmentText(text, spans);
          expect(segs.map((s) => s.text).join("")).toBe(text);
          let at = 0;
          for (const s of segs) {
            expect(s.start).toBe(at);
            expect(s.text).toBe(text.slice(s.start, s.end));
            at = s.end;
            // A run is marked by a span exactly when the span (clamped) covers it.
            for (const sp of spans) {
              const a = Math.max(0, Math.min(text.length, sp.start));
              const b = Math.max(0, Math.min(text.length, sp.end));
              if (a < b && a <= s.start && s.end <= b) expect(s.ids).toContain(sp.id);
            }
          }
        },
      ),
    );
  });

  it("marks [fill in: …] placeholders in enhanced text", () => {
    const text = "Audience: [fill in: who reads this]\nLength: [Fill in: words]";
    expect(
      fillInSegments(text)
        .filter((s) => s.ids.length)
        .map((s) => s.text),
    ).toEqual(["[fill in: who reads this]", "[Fill in: words]"]);
    expect(countFillIns(text)).toBe(2);
  });
});

describe("template placeholders", () => {
  it("names undeclared, unused and malformed placeholders", () => {
    const check = checkVariables("Hi {{ name }}, about {{topic}} and {{1bad}}", ["name", "unused"]);
    expect(check.undeclared).toEqual(["topic"]);
    expect(check.unused).toEqual(["unused"]);
    expect(check.syntax).toHaveLength(1);
    expect(check.syntax[0]).toMatch(/Malformed placeholder/);
    expect(checkVariables("Unclosed {{name", []).syntax[0]).toMatch(/Unclosed/);
  });

  it("previews with values inserted verbatim and unfilled placeholders left visible", () => {
    expect(renderPreview("Dear {{who}}, {{what}}.", { who: "<b>{{what}}</b>" })).toBe(
      "Dear <b>{{what}}</b>, {{what}}.",
    );
  });
});

describe("small helpers", () => {
  it("turns validator phrasing into plain words", () => {
    expect(humanise("must NOT have fewer than 10 characters")).toBe("Must be at least 10 characters.");
    expect(humanise('must match pattern "^[a-z]+$"')).toBe("Is not in the accepted form.");
    expect(humanise("is one of the most common passwords; choose a less guessable one")).toBe(
      "Is one of the most common passwords; choose a less guessable one.",
    );
  });

  it("only redirects to paths on this site after signing in", () => {
    expect(safeNext("/prompts/1?x=2")).toBe("/prompts/1?x=2");
    for (const bad of [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      null,
      "",
    ]) {
      expect(safeNext(bad)).toBe("/");
    }
  });

  it("reports vitals under a fixed set of page names, never a raw path", () => {
    expect(routeName("/")).toBe("analyser");
    expect(routeName("/prompts/0193-abc")).toBe("prompt");
    expect(routeName("/templates/new")).toBe("template-edit");
    expect(routeName("/templates/abc/use")).toBe("template-use");
    expect(routeName("/anything/else")).toBe("other");
    // Every name the app sends is one the server keeps as a label.
    const paths = ["/", "/enhance", "/prompts", "/prompts/x", "/templates", "/templates/new", "/templates/x"];
    paths.push("/templates/x/edit", "/templates/x/use", "/account", "/status", "/signin", "/signup");
    for (const p of paths) expect(RUM_PAGES as readonly string[]).toContain(routeName(p));
  });
});

describe("reading the server's enhance answer", () => {
  const SAMPLE = "Write some stuff about our product.";
  it("shows every variant of an all-three answer, whose first variant is also spread at the top level", () => {
    const variants = STRATEGIES.map((strategy) => enhance(SAMPLE, { strategy, targetLlm: "generic" }));
    const [first] = variants;
    const response = { ...first, variants, engine: "local" };
    expect(variantsOf(response)?.map((v) => v.strategy)).toEqual(["clarity", "specificity", "comprehensive"]);
  });

  it("shows the one variant of a single-strategy answer", () => {
    const strategy: Strategy = "specificity";
    const variants = [enhance(SAMPLE, { strategy, targetLlm: "generic" })];
    expect(variantsOf({ ...variants[0], variants, engine: "local" })?.map((v) => v.strategy)).toEqual([
      "specificity",
    ]);
    expect(variantsOf(variants[0])?.map((v) => v.strategy)).toEqual(["specificity"]);
  });
});
