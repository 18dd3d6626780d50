// References and missing material read by what the sentence does, on prompts written for this test: a
// short prompt with no material whose pronoun is worked on or asked about; an exchange the model never
// saw (something it is said to have made, an option never listed, a repeat, an agreement, "that thing
// from yesterday"); the bare request in Polish, Dutch, Russian and Korean; an object a longer prompt's
// closing request names and never includes. Each reading has near misses that must stay quiet.
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import { reads } from "../helpers/analysis.js";

// what the readings find, whatever the severity a demoted kind is reported with (rules/demotions.ts)
const counted = (text: string, kind: string) =>
  analyze(text).findings.some((f) => f.kind === kind && reads(f));
const ambiguous = (text: string) => counted(text, "ambiguous_reference");
const missing = (text: string) => counted(text, "missing_referenced_material");

describe("a pronoun in a short prompt that holds no material", () => {
  it.each([
    "explain this line by line",
    "Is this grammatically correct?",
    "Why is this so slow? It takes 30 seconds to load.",
    "I need you to translate this into German.",
    "Give me feedback on it — be honest, I'm submitting tomorrow.",
    "What's wrong with this?",
    "Any idea why this isn't working?",
    "The client hated it. Can you give me three alternative taglines that are less formal?",
  ])("is unclear and missing: %s", (text) => {
    expect(ambiguous(text)).toBe(true);
    expect(missing(text)).toBe(true);
  });

  it("a thing never named is unclear, not missing material", () => {
    const text = "Does it work offline?";
    expect(ambiguous(text)).toBe(true);
    expect(missing(text)).toBe(false);
  });

  it.each([
    "Is it safe to eat raw eggs?",
    "Does it ever snow in Lisbon in January?",
    "How long does it take to boil an egg?",
    "Why does it get dark earlier in winter?",
    "Is this a good time to buy a house in Denver, given current interest rates?",
    "Explain recursion to a beginner. Use an analogy and keep it simple.",
    "Write a haiku about autumn rain. Make it melancholic.",
    "how do i center a div in css? explain it simply",
    "Translate into Spanish: 'The meeting is moved to Thursday at 3pm.'",
    "Which of these is a mammal? A) shark B) dolphin C) trout",
  ])("stays quiet: %s", (text) => {
    expect(ambiguous(text)).toBe(false);
    expect(missing(text)).toBe(false);
  });
});

describe("an exchange the model never saw", () => {
  it.each([
    "Use the outline you gave me earlier and write the intro.",
    "Finish the story you started yesterday.",
    "Go with option 2 and write the full email.",
    "Let's use the first option. Flesh it out into a one-page plan.",
    "Now do the same for the French market.",
    "ok thanks that's perfect. now do the same for the other ones please",
    "Like we agreed on the call, draft the proposal for Acme with the lower price.",
    "Can you fix that thing in the deploy script from yesterday? Staging is down.",
    "Tell her I'll be 20 minutes late to the meeting, make it polite.",
  ])("is unclear: %s", (text) => {
    expect(ambiguous(text)).toBe(true);
  });

  it.each([
    "Write a short story about a robot. Then do the same for a dragon.",
    "Give me three names for my bakery and say which one you'd go with.",
    "If the user picks option 2, send them the pricing page link. Otherwise ask what they need.",
    "Draft a product description for our bamboo toothbrush. Make it playful and keep it under 80 words.",
    "Tell her story in the style of a fairy tale: Ada Lovelace, the first programmer.",
  ])("stays quiet: %s", (text) => {
    expect(ambiguous(text)).toBe(false);
  });
});

describe("the bare request in more languages", () => {
  it.each([
    "Popraw to i odeślij mi jeszcze dziś, bo szef czeka.",
    "Vertaal het naar het Engels.",
    "Переведи это на английский.",
    "그거 다시 해줘. 이번엔 표로 정리해서.",
  ])("is unclear and missing: %s", (text) => {
    expect(ambiguous(text)).toBe(true);
    expect(missing(text)).toBe(true);
  });

  it("a Dutch article before the material is not a pronoun", () => {
    expect(
      missing(
        "Vertaal het rapport hieronder naar het Engels: Het project is op tijd afgerond en binnen budget gebleven.",
      ),
    ).toBe(false);
  });
});

describe("an object a longer prompt's closing request never includes", () => {
  const context =
    "I'm a product manager at a small fintech startup in Lisbon. We're launching a budgeting feature next month for freelancers who get paid irregularly, and our audience is mostly designers and developers aged 25 to 40 who are not finance experts. Our brand voice is friendly, plain and a little playful, never preachy. ";

  it.each([
    "Here's my draft of the launch announcement. Can you tighten it up and keep it under 150 words?",
    "I've pasted the customer interview notes. Pull out the top five pain points with a quote for each.",
    "Based on the survey responses, write a one-page summary of what users want from the feature.",
    "Translate the release notes into Portuguese for our Lisbon users.",
  ])("is missing: %s", (ask) => {
    expect(missing(context + ask)).toBe(true);
  });

  it.each([
    "Write the launch email. Then summarize the email in one tweet.",
    "Using the feedback from our beta testers (mostly that the category setup is confusing and the reminders are too frequent), write a changelog entry.",
    "Use the data from our last quarter: 1,200 signups, 40% retention. Write a summary.",
    "Write the script for a 30-second explainer video about the feature.",
  ])("stays quiet: %s", (ask) => {
    expect(missing(context + ask)).toBe(false);
  });
});

describe("material that is there", () => {
  it("a few lines of unfenced code after 'Review the code below.' are the material", () => {
    expect(missing("Review the code below.\nimport os\ndef read(path):\n    return open(path).read()")).toBe(
      false,
    );
    expect(missing("Review the code below.\nfor i in range(10): print(i)")).toBe(false);
  });
});
