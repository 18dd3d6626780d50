// What the readings of vague words, unclear references, unrelated asks and missing material add at 2.10,
// shape by shape, and the look-alikes each leaves alone. Each case is a prompt written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import type { FindingKind } from "../../src/features/analysis/engine/types.js";
import { reads } from "../helpers/analysis.js";

/** The findings of `kind` that count (hints excluded). */
const counted = (text: string, kind: FindingKind) =>
  analyze(text).findings.filter((f) => f.kind === kind && reads(f));
const words = (text: string, kind: FindingKind) =>
  counted(text, kind).map((f) => text.slice(f.spans[0]!.start, f.spans[0]!.end).toLowerCase());

describe("vague_quantifier: the length of a piece whose length varies", () => {
  it.each([
    "Write a short speech about resilience for the end-of-year assembly.",
    "Draft a brief overview of our parental leave policy for the staff wiki.",
    "Can you put together a short blog post about our switch to a four-day week?",
    "Using the figures above, write a short report on what changed this quarter.",
  ])("flags the open length in %j", (text) => {
    expect(words(text, "vague_quantifier")).toContain(text.includes("brief") ? "brief" : "short");
  });

  it.each([
    // a piece short by its nature, or a genre named by the word
    "Draft a short thank-you email to the caterers for Saturday.",
    "Write a short story about a lighthouse keeper who adopts a seagull.",
    // the length is given in numbers elsewhere
    "Write a short speech about resilience, about 400 words, for the end-of-year assembly.",
    // the size of each item, not of the answer
    "List the five planets nearest the sun and give a brief summary of each planet's atmosphere.",
  ])("leaves %j alone", (text) => {
    expect(words(text, "vague_quantifier")).not.toContain("short");
    expect(words(text, "vague_quantifier")).not.toContain("brief");
  });
});

describe("vague_quantifier: a state the model is told to bring the thing to", () => {
  it.each([
    ["Here is our onboarding checklist: {{checklist}}. Rewrite the checklist to sound better.", "better"],
    ["We sell hand-thrown mugs. Write six product blurbs for them and keep the opening line short.", "short"],
  ])("flags %j", (text, word) => {
    expect(words(text, "vague_quantifier")).toContain(word);
  });

  it.each([
    // a comparison with a given criterion
    "Rewrite the checklist to be better than the old one: every step under ten words.",
    // "better" about the writer, not the answer
    "I want to get better at chess openings; which three should a beginner learn first?",
  ])("leaves %j alone", (text) => {
    expect(words(text, "vague_quantifier")).not.toContain("better");
  });
});

describe("vague_quantifier: an amount after a condition that is over", () => {
  it("flags 'something' asked for after 'if you have time,'", () => {
    const text =
      "If you have a minute, could you write something for the shop window about our new opening hours?";
    expect(words(text, "vague_quantifier")).toContain("something");
  });

  it("leaves 'something' inside the condition alone", () => {
    const text = "When a customer mentions something about refunds, send them the returns form link.";
    expect(words(text, "vague_quantifier")).not.toContain("something");
  });

  it("reads an ordinal as naming a day, not as a count of the ideas", () => {
    const text = "Give me a few ideas for my dad's 60th birthday, he likes fishing and crosswords.";
    expect(words(text, "vague_quantifier")).toContain("a few");
    const bounded = "Give me a few (3 or 4) ideas for my dad's birthday, he likes fishing and crosswords.";
    expect(words(bounded, "vague_quantifier")).not.toContain("a few");
  });
});

describe("multiple_unrelated_tasks: a side errand after a task", () => {
  it.each([
    // a task that closes the material it works on, then a personal question on a known subject
    "Notes from the volunteer meeting:\n- Hall booked for the 14th\n- Two new volunteers joined\n\nTurn these into minutes with owners and next steps. Oh and also, which running shoes are best for flat feet?",
    // a join after "after that" to a fresh request on a subject that is no neighbour of the first
    'Translate this customer note into English: "Das Paket kam beschädigt an, bitte um Ersatz."\n\nAnd after that, write a SQL query that lists the ten largest invoices from invoices(id, amount).',
    // a relative "that" in the opening words is not a pointer back
    "What's the difference between TCP and UDP? Also, is it safe to feed my dog grapes?",
  ])("flags %j", (text) => {
    expect(counted(text, "multiple_unrelated_tasks").length).toBe(1);
  });

  it.each([
    // a step of one job on the same material
    "Standup notes:\n- API rate limits hit twice on Monday\n- Design review moved to Thursday\n\nTurn these into a short status update for the team. Also, suggest a subject line for it.",
    // "after that" to a step that works on the first result
    'Translate this customer note into English: "Das Paket kam beschädigt an, bitte um Ersatz."\n\nAnd after that, draft a polite reply to the customer.',
    // two questions on one subject
    "What's the difference between TCP and UDP? Also, which one does DNS use?",
  ])("leaves %j alone", (text) => {
    expect(counted(text, "multiple_unrelated_tasks")).toHaveLength(0);
  });
});

describe("ambiguous_reference: a habit or a pair the prompt leans on", () => {
  it.each([
    ["Run the linter, then fix the warnings the same way we did before.", "the same way we did before"],
    ["Format this week's release notes like we did them last time.", "like we did them last time"],
  ])("flags the earlier exchange in %j", (text, phrase) => {
    expect(words(text, "ambiguous_reference")).toContain(phrase);
  });

  it("leaves 'before' followed by what it is before alone", () => {
    const text =
      "Explain the way we did arithmetic before calculators, in three short paragraphs for pupils.";
    expect(counted(text, "ambiguous_reference")).toHaveLength(0);
  });

  it("flags 'it' after two named tools, past a restatement of the pair and a superlative", () => {
    const text =
      "We pay for both Asana (the agency's tasks) and Trello (the design team's boards). Finance wants to drop one of the two subscriptions. Give me the strongest arguments for keeping it, in four bullets.";
    expect(words(text, "ambiguous_reference")).toContain("it");
  });

  it("leaves 'it' alone when the sentence says which one", () => {
    const text =
      "We pay for both Asana (the agency's tasks) and Trello (the design team's boards). Finance wants to drop one of the two subscriptions. Give me the strongest arguments for keeping Trello, in four bullets.";
    expect(counted(text, "ambiguous_reference")).toHaveLength(0);
  });
});

describe("vague_quantifier: words that are not a part of the answer", () => {
  it.each([
    // what the writer will bring
    [
      "I want you to act as a quizmaster. I will give you some topics and you will write five questions on each.",
      "some",
    ],
    ["I'll describe some symptoms of my tomato plants; name the likely cause and one fix for each.", "some"],
    // a person helped to act or feel
    [
      "Act as a study coach and suggest three routines that help me make better use of my evenings.",
      "better",
    ],
    ["Tell me three facts about octopuses that will make me feel better about Mondays.", "better"],
    // the persona's skill, not a demand
    [
      "You are renowned for your ability to craft tight plots and develop interesting characters. Write a 300-word opening scene set on a night train.",
      "interesting",
    ],
    // a standard named right after
    [
      "Generate an appropriate commit message using the conventional commits format for this diff: {{diff}}",
      "appropriate",
    ],
    // one word of a tone spelled out
    [
      "You are a tutor for adult learners of Spanish. Keep replies engaging, professional, and encouraging.",
      "engaging",
    ],
    // loose on purpose
    ["Act as a tired pirate. You will randomly make a lot of spelling mistakes in every answer.", "a lot"],
    // what the quality consists of, right after the thing
    [
      "Build a quiz page in plain HTML. Create an engaging layout with large buttons and a progress bar.",
      "engaging",
    ],
    // a list of what was last used, a feature
    [
      "Build a colour picker component with recent colours and a hex input, in React with TypeScript.",
      "recent",
    ],
  ])("leaves %j alone", (text, word) => {
    expect(words(text, "vague_quantifier")).not.toContain(word);
  });

  it.each([
    ["I need some ideas for a team lunch in Leeds.", "some"],
    ["Write a cover letter for a barista job and make it good.", "good"],
    ["You will write some tips for first-time campers.", "some"],
  ])("still flags %j", (text, word) => {
    expect(words(text, "vague_quantifier")).toContain(word);
  });
});

describe("ambiguous_reference: pointers inside the prompt or its run", () => {
  it.each([
    // a sequence the form is relative to
    "Generate six frames of a time-lapse of a house being built, each new frame building upon the previous one.",
    // a role set up for a run of turns: the model's own answer in that run
    'I want you to act as a spelling bee host. I will say the words to you. Do not repeat the word you wrote. My first word is "rhythm"',
  ])("leaves %j alone", (text) => {
    expect(counted(text, "ambiguous_reference")).toHaveLength(0);
  });

  it.each([
    "Make the banner like the previous one but with a blue background.",
    "Use the template you wrote for me, and fill it in for the Lisbon office.",
  ])("still flags %j", (text) => {
    expect(counted(text, "ambiguous_reference").length).toBeGreaterThan(0);
  });
});

describe("vague_quantifier: a part of a given set, and what help is asked with", () => {
  it.each([
    ["Upgrade the project to Python 3.12, and fix some of the type warnings along the way.", "some"],
    ["Could you help me out with a short bio for my conference badge? I teach chemistry.", "short"],
  ])("flags %j", (text, word) => {
    expect(words(text, "vague_quantifier")).toContain(word);
  });

  it.each([
    // a part of something, stated as a fact
    "Some of the testers say the export is slow. List three likely causes.",
    // what the writer will help with
    "I will help you with some examples later; for now, write a haiku about rain.",
  ])("leaves %j alone", (text) => {
    expect(words(text, "vague_quantifier")).not.toContain("some");
  });
});

describe("ambiguous_reference: one thing named on the line before", () => {
  it("reads 'it' as the thing that closes the line before its request", () => {
    const text =
      "Code-scanning helper for my repo. It should identify each flagged security issue in the two services and fix the issues without breaking existing features.\n\n## Instructions\ncheck the issue\nfix it\nadd a test case";
    expect(counted(text, "ambiguous_reference")).toHaveLength(0);
  });

  it("still flags 'it' after two labelled drafts with nothing named just before", () => {
    const text =
      "Draft A: Thanks for joining us this spring.\nDraft B: Welcome aboard, we are glad you are here.\nMake it warmer.";
    expect(words(text, "ambiguous_reference")).toContain("it");
  });
});
