// The vague-word rules (PF103, PF104) read a vague word only where it leaves a parameter of the answer open,
// as the labelling guide asks: the amount or the quality of the thing asked for ("Give me some tips", "make
// it look nice", "Keep it short." with no length anywhere). The same word about the reader, in the writer's
// chatter, in a choice between given things, in a genre's size ("a short follow-up email") or inside a long
// specification is left alone. Each case is a prompt written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import { reads } from "../helpers/analysis.js";

const fires = (text: string) => analyze(text).findings.some((f) => f.kind === "vague_quantifier" && reads(f));

describe("vague_quantifier finds an amount or a quality of the answer left open", () => {
  it.each([
    "Put together some ideas for a farewell party our 9-person design team could throw on Friday.",
    "Pull out some key points from the meeting notes for the weekly update.",
    "Answer the customer's question about delivery times, citing some sources.",
    "Draft a product page for our linen aprons. Keep it short.",
    "You are a French tutor for a beginner. Correct my sentences and keep replies brief.",
    "Redesign the hallway in the photo and make the lighting better.",
    "Come up with a few catchy slogans for a bicycle repair shop.",
  ])("fires on %j", (text) => {
    expect(fires(text)).toBe(true);
  });
});

describe("vague_quantifier leaves alone what leaves the answer defined", () => {
  it.each([
    // chatter about the writer, not about the answer
    "I'm new to all this AI stuff, sorry. Write a Python function that reverses a linked list, with two doctests.",
    // the reader's knowledge, not an amount of the answer
    "Write a 300-word explainer on public-key signatures for readers who know some algebra.",
    // a choice between things given
    'Here are two names for our newsletter: "The Weekly Loaf" and "Crumbs". Pick the better one for a bakery and say why in one sentence.',
    // a genre's size, not a demand on the answer's length
    "Draft a short thank-you note to our landlord for fixing the boiler on a Sunday.",
    // "short" with a length stated
    "Summarise the report below in under 80 words. Keep it short and plain.\n\n<report>Sales rose 4% in Q2.</report>",
    // "the function below" is no criterion, but nothing here is vague either
    "Add error handling for timeouts to the function below.\n\n```python\ndef get(url):\n    return fetch(url)\n```",
    // a phrasal verb and a quoted example
    "Never make things up. If a tool fails, say something like: 'I could not reach the calendar.' Answer in one sentence.",
    // the best of what exists
    "Choose the most appropriate of the three shipping options below for a 2 kg parcel and give its price.\n\nA: €4\nB: €7\nC: €12",
  ])("stays quiet on %j", (text) => {
    expect(fires(text)).toBe(false);
  });

  it("stays quiet inside a long specification", () => {
    const rules = Array.from(
      { length: 30 },
      (_, i) =>
        `Rule ${i + 1}: when a booking for room ${i + 1} changes, update the calendar entry and notify the owner.`,
    ).join("\n");
    expect(
      fires(`You are the booking assistant of a co-working space.\n${rules}\nGive the guest some options.`),
    ).toBe(false);
  });
});
