// Contradictions read by what each demand is about: a bound named by its own part within a sentence
// ("flyer = 60 words; SMS = under 40 characters"), a negation inside a condition, one element kept in
// colour as the exception to a monochrome picture, and a gradient between two colours as colour. Each
// example is written for this test: a tempting quiet case next to one that must fire.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const contradictions = (text: string) =>
  analyze(text)
    .findings.filter((f) => f.kind === "contradiction")
    .map((f) => f.rule);

const QUIET: Array<[string, string]> = [
  [
    "bounds named by their parts in one sentence",
    "You write launch copy for a bakery. For each item we send the name and the channel. Write the copy for that channel: flyer = 60–90 words; SMS = under 40 characters; poster headline = up to 6 words.",
  ],
  [
    "a bound on a button's text",
    "Write a reminder e-mail to members whose gym pass ends this week.\n\n- Length: 80–110 words plus a subject line under 45 characters.\n- One button text, max 3 words.\n- Friendly, no guilt-tripping.",
  ],
  [
    "a negation inside a condition",
    "The notes below are in English. Answer the question in Italian, in at most three sentences, using only the notes. If they don't answer it, say so in Italian.\n\n<notes>\n1. The pool opens at 7:00 on weekdays and 9:00 at weekends.\n2. Lane swimming needs a booking.\n</notes>\n\nQuestion: When does the pool open on Saturday?",
  ],
  [
    "one element in colour as the exception",
    "Street photograph of a rainy crossing at dusk, black and white, everything monochrome except the child's umbrella, which stays a vivid red, 35mm, shallow depth of field.",
  ],
];

const FIRES: Array<[string, string]> = [
  [
    "the whole answer bounded twice in one sentence",
    "Write a blog post about composting at home: the post = 800–1,000 words; keep the entire answer under 50 words.",
  ],
  ["a language forbidden outright", "Answer the user's question in Italian. Never answer in Italian."],
  [
    "monochrome and a colour gradient",
    "Minimal logo for a cycling club called 'Tailwind': one continuous line, black ink only, no colour. Fill the wheel with a gradient from orange to purple. Vector style, white background.",
  ],
];

describe("contradictions 2.7: what each demand is about", () => {
  for (const [name, text] of QUIET) it(`quiet: ${name}`, () => expect(contradictions(text)).toEqual([]));
  for (const [name, text] of FIRES)
    it(`fires: ${name}`, () => expect(contradictions(text).length).toBeGreaterThan(0));
});
