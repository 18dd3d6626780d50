// Requests whose verb is not in the task-verb list still ask for something: after "I want you to", "your
// role is to", "you will/should/must" the next word is a verb by its place ("I want you to craft …", "You
// will narrate …"); "think of a reply" is a task; a request frame after a fronted phrase ("As a
// physiotherapist, you should ask …"); "Behave like …" is a part to play; "Only generate …" opens an
// imperative; an -ly verb after the frame ("You will reply …") is not skipped as an adverb. What a reader
// will feel, receive or know ("You will love our menu") asks nothing. Prompts written for this test
// (dev-prompts-af.jsonl).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const items = readFileSync(
  new URL("../fixtures/analysis/corpus/dev-prompts-af.jsonl", import.meta.url),
  "utf8",
)
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { id: string; has_task: boolean; text: string });

const noTask = (text: string) => analyze(text).findings.some((f) => f.kind === "no_task");

describe("requests framed around any verb", () => {
  for (const item of items.filter((i) => i.has_task))
    it(`reads a task in ${item.id}: ${item.text.slice(0, 50)}`, () => expect(noTask(item.text)).toBe(false));
  for (const item of items.filter((i) => !i.has_task))
    it(`still finds no task in ${item.id}: ${item.text.slice(0, 50)}`, () =>
      expect(noTask(item.text)).toBe(true));
  it("does not skip a verb ending in -ly, and skips one adverb before the verb", () => {
    expect(noTask("You will reply to every question about the bike scheme.")).toBe(false);
    expect(noTask("You must carefully supply the figures for each branch.")).toBe(false);
  });
  it('knows more verbs that open an imperative, and a reply\'s "Certainly," before it', () => {
    for (const text of [
      "Compress the meeting notes into one paragraph a manager can skim.",
      "Display the three cheapest fares as a table.",
      "Examine the contract clause by clause for unfair terms.",
      "Certainly, let's integrate the list of topics into the bot's welcome message.",
    ])
      expect(noTask(text), text).toBe(false);
  });
  it('reads the verb after "can you" and "let\'s" the same way', () => {
    expect(noTask("Can you craft a limerick about my neighbour's very loud parrot")).toBe(false);
    expect(noTask("Let's storyboard a thirty-second advert for a bakery.")).toBe(false);
  });
});
