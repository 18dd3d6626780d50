// Padding read in more of its forms: running oneself down before asking, and a run of CV hype standing in
// for a role. Plain uses of the same words stay quiet. Each example is written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const filler = (text: string) => analyze(text).findings.some((f) => f.kind === "excessive_length_or_filler");

describe("filler: self-deprecation and CV hype", () => {
  it("reports an apology for a 'stupid question' before a short request", () => {
    expect(
      filler(
        "I'm really sorry to ask this, I know it's probably a stupid question and I apologise in advance for wasting your time, but how do I centre a div?",
      ),
    ).toBe(true);
  });
  it("reports a string of CV hype in place of a role", () => {
    expect(
      filler(
        "As a highly experienced, innovative, results-driven, passionate and dynamic expert with a proven track record of excellence, please write a two-line product description for a stapler.",
      ),
    ).toBe(true);
  });
  it("stays quiet on dynamic programming and one passionate tutor", () => {
    expect(
      filler("You are a passionate maths tutor. Explain dynamic programming with a coin-change example."),
    ).toBe(false);
  });
  it("stays quiet on a question that names silly questions as its subject", () => {
    expect(
      filler("Write a FAQ entry answering: is there such a thing as a stupid question in our support chat?"),
    ).toBe(false);
  });
});
