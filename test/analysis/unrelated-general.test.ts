// Unrelated requests joined by a switch ("By the way", "Also"), and near misses that must stay quiet: steps of
// one job in a numbered list, a list of criteria then its conclusion, a derived deliverable, a question that
// points back. Each case is written for this test.
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const unrelated = (text: string) =>
  analyze(text).findings.filter((f) => f.kind === "multiple_unrelated_tasks" && f.severity !== "hint");

// Joins that would need a new switch ("P.S." with a one-noun ask, "and while you're at it", an inline numbered
// list, a bare new paragraph) were tried and dropped: on the blind set they cost precision (see the report).
const FIRES = [
  "Plan a three-day itinerary for Lisbon in May. By the way, what does HTTP status 418 mean?",
  "Write a limerick about a heron. Also, how do I reset a Netgear router to factory settings?",
];
const QUIET = [
  "Take a test-first approach: 1) Read the failing tests. 2) Write a failing test that reproduces the bug. 3) Fix the code until the test passes.",
  "Review the landing page against these criteria:\n- Is the headline clear?\n- Does the button stand out?\n\nSuggest three improvements, then implement them.",
  "Summarise the report below in five bullets, then list three risks it mentions.\n\n<report>{{report}}</report>",
  "Write a blog post about remote work for team leads.\n\nWhat title would make people click it?",
  "What is the capital of Canada? And what is its population?",
  "Write a cover letter for a junior data analyst role. P.S. keep it under 300 words.",
];

describe("unrelated requests, in more joins", () => {
  for (const text of FIRES) it(`fires: ${text.slice(0, 60)}`, () => expect(unrelated(text).length).toBe(1));
  for (const text of QUIET)
    it(`stays quiet: ${text.slice(0, 60)}`, () => expect(unrelated(text)).toEqual([]));
});
