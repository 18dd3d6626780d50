// What the duplicated-instruction readings add at 2.9: one demand said again in other words (two directives
// sharing most words, two of them found only in that pair) and a sentence that only gathers two earlier
// ones, in English and in other languages; and what they leave alone: a detail added to a task sentence, an
// overview and its section under another heading, complementary cases. Each case is a prompt written for
// this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const dupes = (text: string) => analyze(text).findings.filter((f) => f.kind === "duplicated_instruction");

describe("duplicated_instruction reads a demand said in other words", () => {
  it.each([
    "Scrivi un post per Instagram sulla nostra nuova pizzeria. Tono allegro, massimo 80 parole. Il post deve essere su Instagram e parlare della nostra nuova pizzeria, con tono allegro.",
  ])("fires once on %j", (text) => {
    expect(dupes(text)).toHaveLength(1);
  });

  it.each([
    // a detail added to the task sentence
    "Write a SQL query that returns the ten customers with the highest total spend in 2024. Show each customer's name and total, highest first.",
    // staging and production: two items
    "Deploy to staging and run the smoke tests. Deploy to production, run the smoke tests again and post the result in #releases.",
    // complementary cases
    "If the order has shipped, give the tracking link. If the order has not shipped, give the expected dispatch date.",
    // an overview and its section under another heading
    "## Summary\n- Use fixtures for shared setup in the test files.\n\n## Fixtures\n- Use fixtures for common setup in each describe block.",
  ])("leaves alone %j", (text) => {
    expect(dupes(text)).toHaveLength(0);
  });
});
