// Requests the task reader used to miss on real prompts: a request frame later in a sentence ("from now on
// I want you to act as …", "To …, I need you to …", "…, please correct …", "…: you are going to act as …"),
// "you'll" read as "you will", "I'd like you to" as "I want you to", chat spelling ("u are …"), a request
// written straight after an introduced list or schedule, and a prompt quoted whole with "> ". A role and
// what the one in it does ("You are now a sommelier who recommends …"), a role and the questions the
// reader will bring ("I will ask you questions about …"), "take the role of …" after "and", and rules
// about a named assistant ("Chef Remy should adopt …", "Pixel Pal is designed to embody …") are behaviour
// to adopt. A list of orders under "Here is how to …:" is instructions, not material; "How to keep basil
// alive …" is a question; "I would appreciate your advice on …" asks for advice; "Emphasize … in a
// caption" asks for the caption. A film title, a past event, statements to the reader ("you will receive
// …", "this app can help me write …"), a policy for employees, a bio, a school's blurb, a note to a friend,
// a note to a group ("Hi all, please bring …": "please" reads a verb by its place only in a sentence
// addressed to the model) and material with no request still ask nothing. Prompts written for this test
// (dev-prompts-notask4.jsonl).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const items = readFileSync(
  new URL("../fixtures/analysis/corpus/dev-prompts-notask4.jsonl", import.meta.url),
  "utf8",
)
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { id: string; has_task: boolean; text: string });

const noTask = (text: string) => analyze(text).findings.some((f) => f.kind === "no_task");

describe("requests real prompts write around the imperative", () => {
  for (const item of items.filter((i) => i.has_task))
    it(`reads a task in ${item.id}: ${item.text.slice(0, 50)}`, () => expect(noTask(item.text)).toBe(false));
  for (const item of items.filter((i) => !i.has_task))
    it(`still finds no task in ${item.id}: ${item.text.slice(0, 50)}`, () =>
      expect(noTask(item.text)).toBe(true));
  it("reads a list of orders after an introduction as instructions, with no material missing", () => {
    const kinds = analyze(
      "Here is what to do when a guest checks in late:\n1. Check the booking name.\n2. Hand over the night key.\n3. Note the time in the log.",
    ).findings.map((f) => f.kind);
    expect(kinds).not.toContain("no_task");
    expect(kinds).not.toContain("missing_referenced_material");
  });
  it("ends an introduced schedule where the request after it begins", () => {
    const text =
      "Tonight's rota:\n18:00 Dishes — Sam\n18:30 Bins — Noor\nNoor is away, so give the bins to Sam. Reply with the new rota.";
    const { findings } = analyze(text);
    expect(findings.map((f) => f.kind)).not.toContain("no_task");
  });
});
