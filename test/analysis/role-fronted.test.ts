// A role given at the front of a sentence ("As a physiotherapist, you should …") is a role, as "You are
// a physiotherapist" is; "As a result, you …" and the author's own job ("As a writer, I …") are not.
import { describe, expect, it } from "vitest";
import { analyze, enhance } from "../../src/features/analysis/engine/index.js";

const role = (text: string) => analyze(text).checklist.find((c) => c.item === "role_persona");

describe("a role fronted in a sentence", () => {
  it.each([
    "As a physiotherapist, you should ask me where it hurts before suggesting any exercise. Keep answers short.",
    "As the game master of a space-station mystery, your job is to describe each room and wait for my move.",
    "I run a small bakery. As my bookkeeper, you check the receipts I paste and list anything that looks wrong.",
    "As an SRE on call, you triage the alert below and say whether to page the database team.\n\nAlert: {{alert}}",
  ])("credits %j", (text) => {
    const r = role(text);
    expect(r?.present).toBe(true);
    expect(r?.evidence).not.toBeNull();
  });

  it.each([
    "Summarise the incident report. As a result, you will have a short note for the weekly review.",
    "As a reminder, you must list every open ticket from the export below.\n\n{{tickets}}",
    "As a writer, I need three titles for my essay on city gardens.",
    "List the changes in the release notes, as the reviewer asked, and say which one breaks the API.",
  ])("does not credit %j", (text) => {
    expect(role(text)?.present).toBe(false);
  });
});

describe("the request after a fronted role", () => {
  const clear = (text: string) => analyze(text).checklist.find((c) => c.item === "clear_instruction");
  it.each([
    "As a personal trainer, please generate a four-week running plan for a beginner who can run 2 km today.",
    'As the "Release Scribe," summarise the merged pull requests below in five bullet points.\n\n{{pulls}}',
    "As my tutor, kindly explain how compound interest works with one worked example.",
    "As the support lead, explain why the refund in the ticket below was refused, in two sentences.\n\n{{ticket}}",
  ])("reads the task in %j", (text) => {
    const c = clear(text);
    expect(c?.present).toBe(true);
    expect(analyze(text).findings.some((f) => f.kind === "no_task")).toBe(false);
  });
  it("does not take a question after a fronted phrase when nothing is asked of the model", () => {
    expect(clear("As a rule, the office is closed on Mondays.")?.present).toBe(false);
  });
});

describe("a role taken on in other words", () => {
  it.each([
    "Assume the role of a hiring manager and list five questions you would ask a junior data analyst.",
    "Play the role of a grumpy innkeeper in my fantasy game and answer each of my lines in character.",
    "Take on the role of a museum guide and describe the painting I name in three sentences.",
    "Adopt the persona of a patient driving instructor and explain roundabouts to a learner.",
  ])("credits %j", (text) => {
    expect(role(text)?.present).toBe(true);
  });
  it("files it under the role heading when the prompt is restructured", () => {
    const out = enhance(
      "Assume the role of an AI strategist. Based on the evaluation report I paste, help me refine my strategies and give a step-by-step plan.",
      { strategy: "clarity" },
    ).enhanced_text;
    expect(out).toMatch(/## Role\nAssume the role of an AI strategist\./);
  });
});
