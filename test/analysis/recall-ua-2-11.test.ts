// What the unrelated-asks and unclear-reference readings add at 2.11, shape by shape, and the look-alikes
// each leaves alone. Each case is a prompt written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import type { FindingKind } from "../../src/features/analysis/engine/types.js";

/** True when a finding of `kind` counts (hints excluded). */
const flags = (text: string, kind: FindingKind) =>
  analyze(text).findings.some((f) => f.kind === kind && f.severity !== "hint");

describe("multiple_unrelated_tasks: a second ask tacked on in English", () => {
  it.each([
    // a chat message that drops its "?" after "and also"
    "can u write me a haiku about rain on a tin roof, and also when's the deadline for filing taxes in canada this year",
    "could you write a limerick about a lazy cat, and also how much is the VAT on a second-hand car",
    // two known subjects that are no neighbours, few words on each side
    "Can you convert 100°F to Celsius, and also what's a word that rhymes with 'silver' for my son's poem?",
    // a post for the shop, then a question on its taxes
    "Write three Instagram captions for our pottery studio's spring open day. Oh, and how do I file VAT as a sole trader?",
    // a task on given text, then a question of the writer's own
    "Tighten this paragraph to 80 words: {{paragraph}}\nAlso, what should I feed my new kitten?",
  ])("flags %j", (text) => {
    expect(flags(text, "multiple_unrelated_tasks")).toBe(true);
  });

  it.each([
    // steps of one deliverable
    "Write a haiku about rain on a tin roof, and also suggest a title for it.",
    "Can you convert 100°F to Celsius, and also explain the formula you used?",
    "Write three Instagram captions for our pottery studio's spring open day. Also suggest five hashtags.",
    // a poem's theme and a question on the same thing
    "Write a poem about my cat Miso, and also how often should a cat like Miso be fed?",
    // a post and its pricing: one shop's launch
    "Write an Instagram post announcing our new sourdough loaf, and also what price should we charge for the loaf?",
    "Tighten this paragraph to 80 words: {{paragraph}}\nAlso, what should its title be?",
  ])("leaves %j alone", (text) => {
    expect(flags(text, "multiple_unrelated_tasks")).toBe(false);
  });
});

describe("multiple_unrelated_tasks: informal requests in Portuguese and other languages", () => {
  it.each([
    "Crie uma legenda para o Instagram da nossa loja de cerâmica. Ah, e me explica também como declarar o MEI no imposto de renda.",
  ])("flags %j", (text) => {
    expect(flags(text, "multiple_unrelated_tasks")).toBe(true);
  });

  it.each([
    "Crie uma legenda para o Instagram da nossa loja de cerâmica. Ah, e me explica também quais hashtags usar na legenda.",
  ])("leaves %j alone", (text) => {
    expect(flags(text, "multiple_unrelated_tasks")).toBe(false);
  });
});
