// One job told in different words against two unrelated jobs (rules/topics.ts). Asks that share no word
// but name neighbouring subjects (a cover letter and the interview, a trip and its restaurants, a launch and
// its name) stay quiet; asks whose subjects are far apart, or that the writer says are unrelated, fire.
// Each example is written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const unrelated = (text: string) =>
  analyze(text).findings.filter((f) => f.kind === "multiple_unrelated_tasks");

const ONE_JOB: string[] = [
  "We're opening a small café in Leeds next month. Write the Instagram announcement, suggest a name for the house coffee blend, and draft a flyer for the street.",
  "Draft a cover letter for the junior data analyst role at Brightwave. Also give me some tips for the interview.",
  "Plan a 3-day itinerary for Lisbon in May. Also recommend a few restaurants near Alfama.",
  "Write a product description for our new trail running shoes. Also, suggest a launch date that avoids the summer holidays.",
  "Create a weekly meal plan for a family of four. Also give me a shopping list.",
  "Write a job ad for a senior backend engineer. And what salary range should we offer in Manchester?",
  "We're hosting a fundraising dinner for the school library. Write the invitation, plan the menu for 40 guests, and suggest a raffle prize.",
  "Review my resume for a product manager role. And what should I wear to the interview?",
  "Our startup is rebranding. Suggest a new name, write a mission statement, and propose a colour palette.",
  "Write a speech for my dad's retirement party. Also, what's a nice gift for a retired engineer who loves fishing?",
  "Summarise the attached report in five bullets. Separately, list the three biggest risks it mentions.",
  "Give me a 10-minute stretching routine for the morning. Also, should I stretch before or after running?",
  "Escribe una invitación para el cumpleaños de mi hija y sugiere tres juegos para la fiesta.",
  'Make this product description shorter: "Our handmade ceramic planters keep roots healthy." Also, which plants grow well indoors in them?',
];

const TWO_JOBS: string[] = [
  "Summarise this article about the housing market in three bullet points. Also, what's a good name for my cat?",
  "Plan a 3-day itinerary for Rome. Also write a Python function that reverses a linked list.",
  "Give me a workout plan for building upper body strength. Also, explain the causes of the French Revolution.",
  "Proofread my cover letter. Unrelated: how long do I cook a 2 kg turkey?",
  "Draft the agenda for Monday's sprint planning. Different question: how do I get my toddler to sleep through the night?",
  "Proofread my note to the team below. P.S. any tips for keeping basil alive indoors?\n\nNote: the release moves to Thursday, sorry for the short notice.",
  "Explain the difference between stocks and bonds. By the way, what's a good recipe for pancakes?",
];

describe("unrelated requests: subjects that belong together", () => {
  for (const text of ONE_JOB) it(`one job: ${text.slice(0, 70)}`, () => expect(unrelated(text)).toEqual([]));
  for (const text of TWO_JOBS)
    it(`two jobs: ${text.slice(0, 70)}`, () => expect(unrelated(text).length).toBe(1));
});
