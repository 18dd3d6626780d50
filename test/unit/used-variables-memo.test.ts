// usedVariables keeps the variables of recent contents (every prompt response lists its undeclared
// variables): the answer must be the parser's for every content, whichever were seen before, must not be
// changeable by a caller, and must stay right after the memo fills and starts over.
import { describe, expect, it } from "vitest";
import { parseTemplate } from "../../packages/sdk/src/render.js";
import {
  USED_VARIABLES_MEMO,
  undeclaredVariables,
  usedVariables,
} from "../../src/features/prompts/prompt-shape.js";

const contents = [
  "Hello {{name}}, your order {{order_id}} ships {{ date }}.",
  "{{#items}}{{title}}{{/items}} for {{customer}}",
  "No variables at all.",
  "Hello {{name}}, your order {{order_id}} ships {{ date }}!",
  "{{a}}{{b}}{{a}}",
];

describe("usedVariables, remembered by content", () => {
  it("answers what the parser answers, first time and again, for near-identical contents too", () => {
    for (let round = 0; round < 2; round++)
      for (const c of contents) expect([...usedVariables(c)]).toEqual(parseTemplate(c).variables);
    expect([...usedVariables(contents[0] as string)]).toEqual(["name", "order_id", "date"]);
    expect(undeclaredVariables(contents[0] as string, [{ name: "name" } as never])).toEqual([
      "order_id",
      "date",
    ]);
  });

  it("hands out a list no caller can change", () => {
    const names = usedVariables("Dear {{recipient}}") as string[];
    expect(() => names.push("x")).toThrow();
    expect([...usedVariables("Dear {{recipient}}")]).toEqual(["recipient"]);
  });

  it("stays right past its bound", () => {
    const n = USED_VARIABLES_MEMO.entries + 5;
    for (let i = 0; i < n; i++) expect([...usedVariables(`{{v${i}}} and {{w}}`)]).toEqual([`v${i}`, "w"]);
    for (let i = 0; i < n; i += 97) expect([...usedVariables(`{{v${i}}} and {{w}}`)]).toEqual([`v${i}`, "w"]);
    const long = `${"x".repeat(USED_VARIABLES_MEMO.chars / 2)}{{big}}`;
    expect([...usedVariables(long)]).toEqual(["big"]);
    expect([...usedVariables(`${long} {{more}}`)]).toEqual(["big", "more"]);
    expect([...usedVariables(contents[1] as string)]).toEqual(parseTemplate(contents[1] as string).variables);
  });
});
