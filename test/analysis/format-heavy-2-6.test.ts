// What the format-heavy rule (PF203) reads since engine 2.6: a custom style named with words between
// ("in our lab's reading-list style"), a format pointed at examples the prompt does not give, and a regular
// expression over the author's own identifiers; and what it leaves alone: a public format ("a regex for UK
// postcodes", "the standard ISO 8601 format"), a tone or house style spelled out after a colon, a label set
// listed where it is named, a template shown in a block, a sample of the voice pasted after it.
// Each case is a prompt written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const fires = (text: string) =>
  analyze(text).findings.some((f) => f.kind === "missing_examples_for_format_heavy_task");

describe("missing_examples_for_format_heavy_task finds", () => {
  it.each([
    "Summarise each new paper as an entry in our journal club's digest style, ready to paste into the wiki.",
    "Rewrite each of the product names I give you in the same format as the examples below.\n\n1. blue kettle 1.7l\n2. steel toaster 2 slot\n3. glass teapot 900ml",
    "Write a regex that matches our legacy invoice numbers, including the ones from the old Leeds office.",
    "Fill in our incident template for the outage.",
  ])("fires on %j", (text) => {
    expect(fires(text)).toBe(true);
  });
});

describe("missing_examples_for_format_heavy_task leaves alone", () => {
  it.each([
    "Write a regex that matches UK postcodes. Return only the pattern.",
    "Return every date in this log in the standard ISO 8601 format:\n\n12/03/2024 login\n13/03/2024 logout",
    "Draft replies to the unread emails in my tone: direct, friendly, no exclamation marks.",
    "You help the library's newsletter team.\n\nHouse style: the library's full name on first mention, dates as Tuesday 14 May, British spelling.\n\nWrite this month's events paragraph from the list they give you.",
    "Classify each ticket into one of our categories: billing, bug, feature request, account.",
    "Tag each photo description with our labels (indoor, outdoor, people, food).",
    "Fill in our incident template below for the outage.\n\n<template>\nSummary:\nImpact:\nRoot cause:\n</template>\n\nOutage notes: the API was down 40 minutes after a bad deploy.",
    "Write a cover letter for the museum job in my voice. Here is one I wrote last year:\n\nDear Ms Ortiz, I have spent six years restoring maps and would love to bring that care to your archive.",
    "Caption each photo in the same style as the examples below.\n\nPhoto: a cat on a keyboard\nCaption: Working from home, supervised.\n\nPhoto: a kettle on a camp stove\nCaption:",
  ])("stays quiet on %j", (text) => {
    expect(fires(text)).toBe(false);
  });
});
