// A role given at the front of a sentence ("As a physiotherapist, you should …") is a role, as "You are
// a physiotherapist" is; "As a result, you …" and the author's own job ("As a writer, I …") are not.
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

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
