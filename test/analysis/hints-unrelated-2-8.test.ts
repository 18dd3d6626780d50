// multiple_unrelated_tasks (PF502): a question a chat writer asks without its "?" after "and also" ("… and
// also how do I get wine out of a carpet") is an ask, and a pronoun in a later clause of that question stands
// for what the question named; "tell me what you think of it", in any of the languages the rule reads, is an
// opinion on what came before, not a new subject. Each case is a prompt written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import { reads } from "../helpers/analysis.js";

const fires = (text: string) =>
  analyze(text).findings.some((f) => f.kind === "multiple_unrelated_tasks" && reads(f));

describe("multiple_unrelated_tasks", () => {
  it("finds a second question asked without its question mark", () => {
    expect(
      fires(
        "can you draft me a toast for my brother's wedding in Galway (he loves sailing and bad puns) and also how do I get candle wax off a wool rug, it's been there since Sunday",
      ),
    ).toBe(true);
  });

  it.each([
    "Read the lease summary below and tell me what you think of it, especially the break clause.\n\nLease: 3 years, break at 18 months, rent €1,400.",
    "Analyse le devis ci-joint et dis-moi ce que tu en penses, surtout les délais de paiement.",
    "Write a cover letter for a barista job at Kettle & Crumb, and also how do I mention it on LinkedIn",
  ])("stays quiet on %j", (text) => {
    expect(fires(text)).toBe(false);
  });
});
