import { describe, expect, it } from "vitest";
import {
  MAX_SYNTAX_ERRORS,
  parsePlaceholders,
  renderTemplate,
  resolveValues,
  TemplateRenderError,
} from "../../src/features/templates/render.js";

describe("parsePlaceholders", () => {
  it("finds names in order of first use, allowing whitespace inside the braces", () => {
    const p = parsePlaceholders("Hi {{ name }}, {{topic}} and {{name}} again {{  _x9 }}");
    expect(p.errors).toEqual([]);
    expect(p.names).toEqual(["name", "topic", "_x9"]);
    expect(p.placeholders).toHaveLength(4);
  });

  it("treats single braces as plain text", () => {
    const p = parsePlaceholders('JSON: {"a": {"b": 1} } and {{v}}');
    expect(p.errors).toEqual([]);
    expect(p.names).toEqual(["v"]);
  });

  it.each([
    ["Hello {{name", "Unclosed '{{'"],
    ["Hello name}}", "Unmatched '}}'"],
    ["{{ 9lives }}", "Malformed placeholder"],
    ["{{}}", "Malformed placeholder"],
    ["{{first name}}", "Malformed placeholder"],
    ["{{{name}}}", "Malformed placeholder"],
    [`{{${"a".repeat(65)}}}`, "Malformed placeholder"],
  ])("reports %j as a syntax error", (content, message) => {
    const p = parsePlaceholders(content);
    expect(p.errors.length).toBeGreaterThan(0);
    expect(p.errors[0]?.message).toContain(message);
  });

  it("gives the line and column of an error", () => {
    const p = parsePlaceholders("line one\nline {{two");
    expect(p.errors[0]).toMatchObject({ line: 2, column: 6 });
  });

  it("gives correct positions for several errors on several lines", () => {
    const p = parsePlaceholders("a }}\nb\n{{ 1 }} c }}\n{{x");
    expect(p.errors.map((e) => [e.line, e.column])).toEqual([
      [1, 3],
      [3, 1],
      [3, 11],
      [4, 1],
    ]);
  });

  it("stops after MAX_SYNTAX_ERRORS and stays fast on hostile input", () => {
    const started = performance.now();
    const p = parsePlaceholders("}}\n".repeat(16_000));
    expect(p.errors).toHaveLength(MAX_SYNTAX_ERRORS);
    expect(parsePlaceholders(`${"{{a}}\n".repeat(8_000)}`).names).toEqual(["a"]);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("accepts a 64-character name", () => {
    expect(parsePlaceholders(`{{${"a".repeat(64)}}}`).errors).toEqual([]);
  });
});

describe("renderTemplate", () => {
  it("substitutes every occurrence and never re-parses inserted values", () => {
    expect(renderTemplate("{{a}}-{{ b }}-{{a}}", { a: "{{b}}", b: "2" })).toBe("{{b}}-2-{{b}}");
  });

  it("throws naming the placeholders without a value", () => {
    try {
      renderTemplate("{{a}} {{b}} {{c}}", { b: "x" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateRenderError);
      expect((e as TemplateRenderError).kind).toBe("missing");
      expect((e as TemplateRenderError).items).toEqual(["a", "c"]);
    }
  });

  it("keeps unfilled placeholders when asked (live preview)", () => {
    expect(renderTemplate("{{a}} {{b}}", { b: "x" }, { missing: "keep" })).toBe("{{a}} x");
  });

  it("does not treat Object.prototype names as values", () => {
    expect(() => renderTemplate("{{constructor}}", {})).toThrow(TemplateRenderError);
  });

  it("refuses output over maxLength before building it", () => {
    expect(() => renderTemplate("{{a}}{{a}}{{a}}", { a: "x".repeat(10) }, { maxLength: 25 })).toThrow(
      /more than/,
    );
    expect(renderTemplate("{{a}}{{a}}", { a: "x".repeat(10) }, { maxLength: 20 })).toHaveLength(20);
  });

  it("rejects malformed content", () => {
    expect(() => renderTemplate("{{a", { a: "1" })).toThrow(/Unclosed/);
  });
});

describe("resolveValues", () => {
  const vars = [
    { name: "topic", description: "", required: true },
    { name: "tone", description: "", default: "friendly", required: true },
    { name: "extra", description: "", required: false },
  ];

  it("applies defaults and blanks optional variables", () => {
    const r = resolveValues(vars, { topic: "cats" });
    expect(r).toEqual({ values: { topic: "cats", tone: "friendly", extra: "" }, missing: [], unknown: [] });
  });

  it("names missing required and unknown variables", () => {
    const r = resolveValues(vars, { topic: "", colour: "red" });
    expect(r.missing).toEqual(["topic"]);
    expect(r.unknown).toEqual(["colour"]);
  });
});
