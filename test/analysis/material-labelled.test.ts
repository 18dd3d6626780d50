// Material under capitalised labels ("OFFER:", "MY NOTES:") is material, not more sections of the brief;
// labels over rules after a reference still leave the material missing. Each example is written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const missing = (text: string) =>
  analyze(text).findings.filter((f) => f.kind === "missing_referenced_material");

describe("referenced material under capitalised labels", () => {
  it("quiet: the material follows under labels of plain facts", () => {
    const text =
      "Compare the flat offer with my budget notes below and tell me whether I can afford it.\n\nOFFER:\nTwo-room flat in Graz, 58 m², rent 780 EUR plus 140 EUR service charges, deposit three months.\n\nMY NOTES:\nNet income 2,450 EUR. Current savings 4,100 EUR. Car loan 210 EUR a month until 2027.";
    expect(missing(text)).toEqual([]);
  });
  it("fires: labels after the reference head more rules, and nothing is pasted", () => {
    const text =
      "Review the contract below for risky clauses.\n\nHOW TO REPORT:\nList each risky clause with its number. Explain the risk in one sentence. Rate it low, medium or high.\n\nRULES:\nDo not give legal advice. Always suggest asking a lawyer for anything rated high.";
    expect(missing(text).length).toBe(1);
  });
});
