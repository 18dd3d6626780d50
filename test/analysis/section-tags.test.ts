import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

describe("instruction section tags", () => {
  it("finds the task when it shares a line with its opening tag, as in XML-sectioned prompts", () => {
    const inline = analyze(
      "<role>You are a poet.</role>\n<task>Write a haiku about autumn leaves for a children's book.</task>\n<rules>Use exactly 17 syllables.</rules>",
    );
    const broken = analyze(
      "<role>\nYou are a poet.\n</role>\n<task>\nWrite a haiku about autumn leaves for a children's book.\n</task>\n<rules>\nUse exactly 17 syllables.\n</rules>",
    );
    expect(inline.findings.map((f) => f.kind)).not.toContain("no_task");
    expect(inline.checklist.find((c) => c.item === "clear_instruction")?.present).toBe(true);
    // Line breaks inside the tags do not change the judgement.
    expect(Math.abs(inline.scores.overall - broken.scores.overall)).toBeLessThanOrEqual(5);
  });

  it("still reports no task for tags around a bare topic", () => {
    expect(analyze("<task>autumn leaves</task>").findings.map((f) => f.kind)).toContain("no_task");
  });
});
