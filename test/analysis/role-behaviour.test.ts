// A role handed to the model at the start of a sentence is behaviour to adopt (docs/analysis-labels.md:
// a persona to play is a task), even when the prompt never names a deliverable; "if you are a beginner"
// inside pasted text hands no role to anyone.
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const noTask = (text: string) => analyze(text).findings.some((f) => f.kind === "no_task");

describe("a role handed to the model", () => {
  it.each([
    "You are a retired lighthouse keeper from Cornwall who has seen forty winters on the rocks, speaks slowly and loves a good storm story.",
    "Now you are a museum guide at the Natural History Museum, specialised in fossils, patient with children and fond of dinosaur jokes.",
    "Act as a medieval blacksmith named Ulf, gruff but kind, who knows everything about swords, horseshoes and village gossip.",
    "You are an interior designer specialising in small flats in Lisbon, with a taste for cork, tiles and second-hand furniture.",
  ])("is a task: %j", (text) => {
    expect(noTask(text)).toBe(false);
  });

  it.each([
    "The river path runs from the old mill to the station in about twenty minutes. If you are a cyclist, it is the quickest way across town, and the cafe at the halfway bridge opens at seven.",
    "Quarterly revenue, EMEA, 2023. Marketing spend. Headcount.",
  ])("a text that hands no role still has no task: %j", (text) => {
    expect(noTask(text)).toBe(true);
  });
});
