// What the vague-word rules (PF103, PF104) leave alone since engine 2.6: "how many" and "however many"
// (a question or a bound), a capitalised word inside a name ("the Oddly Good house voice"), the turns of a
// pasted chat, "something" or "things" inside a condition or counted by a number, and "whatever"; "ask a few clarifying questions" (the number does not matter), an
// amount opening a clause that states a fact, "etc." closing a list; a vague amount the author leaves open is still found. Each case is a prompt written for
// this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const fires = (text: string) => analyze(text).findings.some((f) => f.kind === "vague_quantifier");

describe("vague_quantifier finds", () => {
  it.each([
    "Write many tips for new cyclists commuting in winter.",
    "Give me some good names for a bakery in Porto.",
    "Write something about the new recycling rules.",
    "Write the README for the CLI. Make sure some examples are included.",
  ])("fires on %j", (text) => {
    expect(fires(text)).toBe(true);
  });
});

describe("vague_quantifier leaves alone", () => {
  it.each([
    "Ask the guest how many nights they will stay, then quote the total in euros.",
    "List every open ticket, however many there are, as one line each with its id.",
    "Write three captions in the Pretty Good Pickles house voice, under 15 words each.",
    "If the customer mentions something about a refund, hand the chat to a person. Answer in two sentences.",
    "Grade my essay out of 10 and list three specific things to change.",
    "Plan a packing list for a week in Iceland, whatever the weather does, in 15 items.",
    "You answer questions about our hiking routes. If a request is unclear, ask a few clarifying questions before answering.",
    "Reply to visitors of the museum help desk in two sentences. Be calm and kind; many visitors are upset.",
    "List ten irregular French verbs, e.g. être, avoir, aller, etc., each with its past participle.",
    "Classify the chat below as resolved or unresolved.\n\nUser: is this kettle any good? I want one that is quiet.\nBot: It is our quietest model.",
  ])("stays quiet on %j", (text) => {
    expect(fires(text)).toBe(false);
  });
});
