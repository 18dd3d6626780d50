// Several asks that are one job: a run of questions in one sentence about one thing, a deliverable whose
// compound name repeats the subject ("a cover-letter opening"), and requests inside material pasted below a
// rule line. Near misses that must still fire: a request put as a question after a list of wants, and an
// "oh, and" after a quotation. Each example is written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const unrelated = (text: string) =>
  analyze(text).findings.filter((f) => f.kind === "multiple_unrelated_tasks");

const QUIET: Array<[string, string]> = [
  [
    "questions in one sentence",
    "Can you check my marathon plan? I run 40 km a week, long run on Sunday, intervals on Tuesday. Is the taper too short, should I add a recovery week, and what gel brand works for sensitive stomachs? Short bullets please.",
  ],
  [
    "questions after a topic lead",
    "On the Hanseatic League: where did it start, which cities joined it, and why do historians still argue about its decline? Two paragraphs for a school essay.",
  ],
  [
    "compound shares the subject",
    "I received feedback from my thesis committee. Can you tell me what the examiners want changed, which points are quick fixes (bullets for both), and draft a reply-to-examiners cover note?",
  ],
  [
    "requests inside pasted material",
    "Summarise the chat below in two bullets, then draft my answer to Lena accepting the Monday slot.\n\n---\nLena: can we meet Monday at 10? Jonas, could you bring the budget sheet?\nJonas: Sure. Anyone free to order the pizza for Friday?\n---",
  ],
];

const FIRES: Array<[string, string]> = [
  [
    "request put as a question",
    "I need a packing list for a ski weekend, a name for my new goldfish, and can you explain how underwater volcanoes erupt?",
  ],
  [
    "switch after a quotation",
    'Make this reply friendlier: "Your refund was already processed, read the email." Oh, and which wine goes with grilled sardines?',
  ],
];

describe("unrelated requests: one job stays quiet", () => {
  for (const [name, text] of QUIET) it(`quiet: ${name}`, () => expect(unrelated(text)).toEqual([]));
  for (const [name, text] of FIRES) it(`fires: ${name}`, () => expect(unrelated(text).length).toBe(1));
});
