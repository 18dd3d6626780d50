// What the missing-audience rule (PF202) reads since engine 2.6: an e-mail, an announcement or a guide is
// a piece people read, and planning a lesson is writing one; each is left alone once it names its readers
// or recipients. Each case is a prompt written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const fires = (text: string) => analyze(text).findings.some((f) => f.kind === "missing_audience_or_context");

describe("missing_audience_or_context finds", () => {
  it.each([
    "Draft an email saying the car park will be resurfaced next Monday.",
    "Write an announcement about the new canteen opening hours.",
    "Write a guide to brewing cold-brew coffee.",
    "Plan a 30-minute lesson on the water cycle, with a starter and a short quiz.",
  ])("fires on %j", (text) => {
    expect(fires(text)).toBe(true);
  });
});

describe("missing_audience_or_context leaves alone", () => {
  it.each([
    "Draft an email to all tenants saying the car park will be resurfaced next Monday.",
    "Write an announcement for parents about the new canteen opening hours.",
    "Write a guide to brewing cold-brew coffee for new employees at our café.",
    "Plan a 30-minute lesson on the water cycle for a Year 4 class, with a starter and a short quiz.",
    "Plan the sprint: list the tickets below by priority.\n\n- API timeout fix\n- Login page copy",
  ])("stays quiet on %j", (text) => {
    expect(fires(text)).toBe(false);
  });
});
