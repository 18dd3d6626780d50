// The length feature of the fitted overall score counts only the words the vendors' techniques do not
// account for (worked examples, a reasoning request, a defence are what the guides recommend, not sprawl)
// and leaves out the words of [fill in: …] placeholders, which the author is to replace.
import { describe, expect, it } from "vitest";
import { analyzeInternal } from "../../src/features/analysis/engine/analyze.js";
import { FEATURE_NAMES, FEATURE_SIGNS } from "../../src/features/analysis/engine/score-features.js";

type Feature = (typeof FEATURE_NAMES)[number];
const at = (name: Feature) => FEATURE_NAMES.indexOf(name);
const feature = (text: string, name: Feature) => analyzeInternal(text).features[at(name)]!;
const overall = (text: string) => analyzeInternal(text).result.scores.overall;

const CLASSIFY =
  "Sort each bank transaction into one of GROCERIES, TRANSPORT, CAFES, SUBSCRIPTIONS, TRANSFERS, OTHER. Answer with the category only.\n\nTransaction: {{transaction}}\nCategory:";
const CLASSIFY_SHOWN =
  "Sort each bank transaction into one of GROCERIES, TRANSPORT, CAFES, SUBSCRIPTIONS, TRANSFERS, OTHER. Answer with the category only.\n\nTransaction: TESCO STORES 2231 LEEDS\nCategory: GROCERIES\n\nTransaction: TFL TRAVEL CHARGE\nCategory: TRANSPORT\n\nTransaction: SPOTIFY P1F2\nCategory: SUBSCRIPTIONS\n\nTransaction: {{transaction}}\nCategory:";

describe("the length feature counts the words the techniques do not account for", () => {
  it("when worked examples are added to a short classification, its length barely moves", () => {
    const { sig } = analyzeInternal(CLASSIFY_SHOWN);
    const shown = feature(CLASSIFY_SHOWN, "log_words");
    expect(shown).toBeLessThan(Math.log10(1 + sig.words) / 4);
    expect(shown - feature(CLASSIFY, "log_words")).toBeLessThan(0.05);
    expect(overall(CLASSIFY_SHOWN)).toBeGreaterThan(overall(CLASSIFY));
  });

  it("but a paragraph of plain rules counts in full", () => {
    const base = "Write a product description for our walnut desk organiser, in under 80 words.";
    const sprawling = `${base} It is made of solid walnut from a family workshop in Somerset and finished with natural oil. It has three compartments for pens, cards and a phone. Keep the tone warm but not gushing and avoid the words luxury and premium.`;
    const { sig } = analyzeInternal(sprawling);
    expect(feature(sprawling, "log_words")).toBeCloseTo(Math.log10(1 + sig.words) / 4, 6);
    expect(feature(sprawling, "log_words")).toBeGreaterThan(feature(base, "log_words") + 0.1);
  });

  it("leaves out the words of a placeholder the author is to replace", () => {
    const base = "Write a reply to the customer about exporting their data.";
    const slotted = `${base}\n\nConstraints: [fill in: limits on length, tone, scope, what to include or avoid]`;
    const { sig } = analyzeInternal(slotted);
    expect(feature(slotted, "log_words")).toBeLessThan(Math.log10(1 + sig.words) / 4 - 0.05);
    // only the "Constraints" label is the author's own
    expect(feature(slotted, "log_words") - feature(base, "log_words")).toBeLessThan(0.01);
  });

  it("is the same for the same text every time", () => {
    expect(analyzeInternal(CLASSIFY_SHOWN).features).toEqual(analyzeInternal(CLASSIFY_SHOWN).features);
  });

  it("can still only lower the score", () => {
    expect(FEATURE_SIGNS[at("log_words")]).toBe(-1);
  });
});
