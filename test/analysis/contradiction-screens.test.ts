// The contradiction reader's per-prompt screens skip a clause's screen only where it would fail, and
// the line and lead-in look-ups it remembers give what the plain scans give.
import { describe, expect, it } from "vitest";
import { SCREENS } from "../../src/features/analysis/engine/rules/contradiction-patterns.js";
import { caseBefore, lineLabel } from "../../src/features/analysis/engine/rules/contradiction-scope.js";
import {
  OPPOSED_SUBJECTS,
  opposedSubjectsIn,
  screensIn,
} from "../../src/features/analysis/engine/rules/opposed-directives.js";

const subjectsOf = (text: string) =>
  opposedSubjectsIn(text, text.toLowerCase()).subjects.map((o) => o.subject);

describe("per-prompt screens", () => {
  it("keeps every subject whose screen passes on some slice of the text, word boundaries included", () => {
    const texts = [
      "Ask first.",
      "Use UTC; never local time.",
      "You are an AI. Use UK spelling.",
      "Only cite sources; explain each label.",
      "Write a poem about the sea.",
      "Use markdown tables with links and code.",
    ];
    for (const text of texts) {
      const kept = new Set(subjectsOf(text));
      const lower = text.toLowerCase();
      // every slice a clause could be
      for (let a = 0; a < lower.length; a++)
        for (let b = a + 1; b <= lower.length; b++)
          for (const o of OPPOSED_SUBJECTS)
            if (o.screen.test(lower.slice(a, b)))
              expect(kept.has(o.subject), `${o.subject} in ${text}`).toBe(true);
      const screens = screensIn(SCREENS, text, lower);
      for (const k of Object.keys(SCREENS) as (keyof typeof SCREENS)[])
        if (SCREENS[k].test(lower)) expect(screens[k], `${k} in ${text}`).toBe(true);
    }
  });

  it("drops subjects the prompt has no word of, and keeps the person (read on the quoted text)", () => {
    const kept = subjectsOf("Write a poem about the sea.");
    expect(kept).toContain("person");
    expect(kept).not.toContain("reveal_answer");
    expect(kept.length).toBeLessThan(OPPOSED_SUBJECTS.length);
  });

  it("keeps every subject when lower-casing a slice may differ from slicing the lower-cased text", () => {
    for (const text of ["İstanbul office hours.", "ΣΟΦΙΑ writes the poem."])
      expect(subjectsOf(text)).toEqual(OPPOSED_SUBJECTS.map((o) => o.subject));
  });
});

describe("remembered look-ups", () => {
  it("lineLabel gives at every position, in any order, what it gives with nothing remembered", () => {
    const text =
      "\n- Product descriptions: 80–120 words\nIntro: two sentences\n\n**Summary** — one line, 50 words\n";
    const positions = [...Array(text.length + 1).keys()];
    const cold = positions.map((at) => {
      lineLabel("another text", 0); // the remembered line is another text's
      return lineLabel(text, at);
    });
    expect(cold.filter((l) => l !== null).length).toBeGreaterThan(0);
    for (const order of [positions, [...positions].reverse(), positions.filter((p) => p % 3 === 0)])
      for (const at of order) expect(lineLabel(text, at), String(at)).toEqual(cold[at]);
  });

  it("caseBefore reads the lead-in after the last sentence end or blank line", () => {
    const text = "If the user asks. Reply in French\n\nwhen needed, use JSON. Then list them";
    const cases = [...Array(text.length + 1).keys()].map((at) => caseBefore(text, at, []));
    const plain = [...Array(text.length + 1).keys()].map((at) =>
      /\b(?:if|when|whenever|unless|in case|only for|for (?:a|an|any|each) \w+ (?:that|who|which))\b/i.test(
        text
          .slice(Math.max(0, at - 240), at)
          .split(/[.!?](?:\s|$)|\n[ \t]*\n/)
          .pop() ?? "",
      ),
    );
    expect(cases).toEqual(plain);
  });
});
