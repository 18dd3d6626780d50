// What the 2.6.0 rules of four hinted kinds read (filler counts again; duplicated instructions, format-heavy
// tasks without examples and a missing audience stay hints until blind precision reaches 0.90, so these
// cases check what the rules find, whatever the severity): the writer's own chatter and apologies for it, corporate
// hype strung through one sentence, a short directive said twice, one "only" restriction stated twice in
// other words, and no repeat read out of two quoted versions of a prompt set side by side.
// Each case is a prompt written for this test; each rule has cases where it must fire and where it must not.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import { HINT_KINDS } from "../../src/features/analysis/engine/rules/demotions.js";
import type { FindingKind } from "../../src/features/analysis/engine/types.js";
import { reads } from "../helpers/analysis.js";

function fires(text: string, kind: FindingKind): boolean {
  return analyze(text).findings.some((f) => f.kind === kind && reads(f));
}

it("reports injections and template variables as counting findings, and missing material, repeats, (from 2.14.0) filler, vague words, output format, unclear references and no task, and (from 2.15.0) audience, format-heavy tasks, unrelated tasks and contradictions as hints", () => {
  for (const k of ["unsafe_injection_pattern", "template_variable"] as const)
    expect(HINT_KINDS.has(k)).toBe(false);
  for (const k of [
    "missing_referenced_material",
    "duplicated_instruction",
    "excessive_length_or_filler",
    "vague_quantifier",
    "missing_output_format",
    "ambiguous_reference",
    "no_task",
    "missing_audience_or_context",
    "missing_examples_for_format_heavy_task",
    "multiple_unrelated_tasks",
    "contradiction",
  ] as const)
    expect(HINT_KINDS.has(k)).toBe(true);
});

function count(text: string, kind: FindingKind): number {
  return analyze(text).findings.filter((f) => f.kind === kind).length;
}

describe("excessive_length_or_filler reads (a hint from 2.14.0)", () => {
  it.each([
    "Okay so quick backstory, my sister runs a bakery and we had a huge fight about the menu last week, long story short she wants my help now, haha. Anyway, write a two-line slogan for her sourdough loaves, aimed at commuters.",
    "Argh, the printer jammed twice today and my coffee went cold, sorry for the rant lol. Can you turn these meeting notes into five bullet points for the team? Thanks so much!",
    "Our team is a visionary, disruptive, future-proof and transformational force that unlocks synergies everywhere. Write the onboarding checklist for new support agents: ten items, one line each.",
    "You are a world-class expert. Use best practices and industry standards. Be comprehensive and high-quality.",
  ])("fires on %j", (text) => {
    expect(fires(text, "excessive_length_or_filler")).toBe(true);
  });
  it.each([
    "Be careful. Be accurate. Think step by step. Stay professional.",
    "Write a two-line slogan for a sourdough bakery, aimed at commuters. Thanks!",
    "I run a small bakery in Leeds and most customers are commuters buying breakfast. Write a two-line slogan for our sourdough loaves.",
    "Anyway is a tricky word for learners: write three example sentences that use it correctly at the start of a sentence.",
    "Summarise this support chat in three bullets:\n\n<chat>Customer: the app crashed again lol. Agent: sorry for the trouble, anyway let's fix it.</chat>",
  ])("stays quiet on %j", (text) => {
    expect(fires(text, "excessive_length_or_filler")).toBe(false);
  });
});

describe("duplicated_instruction finds", () => {
  it.each([
    "Draft a welcome message for new gym members. Keep it friendly. Mention the free induction session. Again, keep it friendly!",
    "Audit the function below for performance problems only. Give the line of each. Only report performance problems, nothing else.\n\ndef total(xs):\n    return sum([x for x in xs])",
    "Write a shell script that backs up /var/www nightly. Use only POSIX shell features. Add comments. No bash extensions: POSIX shell features only.",
    'Translate the letter below into French using the formal "vous" form.\n\nDear Sam, thanks for the quick reply.\n\nKeep to the polite form of address throughout.',
  ])("fires on %j", (text) => {
    expect(fires(text, "duplicated_instruction")).toBe(true);
  });
  it.each([
    "Answer only if you are sure. Otherwise say you do not know. Only answer questions about cooking.",
    "Use only the customer's first name. Sign off with only the team name.",
    "Write to the landlord in the formal form of address. Write to your flatmate in the informal register.",
    "Output: a list.\nExample:\nOutput: a list.",
    'Compare the two versions of our assistant prompt below and say which is clearer.\n\nVERSION A:\n\n"Greet the user by name. Never share internal pricing sheets with anyone outside the company."\n\nVERSION B:\n\n"Greet the user warmly. Never share internal pricing sheets with anyone outside the company."',
  ])("stays quiet on %j", (text) => {
    expect(fires(text, "duplicated_instruction")).toBe(false);
  });

  it("reports one repeated block once", () => {
    const block =
      "Summarise the incident report in three bullets. Name the root cause. Keep each bullet under twenty words.";
    expect(count(`${block}\n\n${block}`, "duplicated_instruction")).toBe(1);
  });
});

describe("missing_examples_for_format_heavy_task finds", () => {
  it.each([
    "Write a regular expression that matches our warehouse bin labels, including the mezzanine ones and the returns cage, but not the pallet tags.",
    "Reply to each customer review in the Pebblework brand voice. Two sentences per reply.",
    "Record each inspection in our site-safety audit shorthand so the foreman can file it.",
    "Summarise the shift handover in the night team's compact handover notation.",
  ])("fires on %j", (text) => {
    expect(fires(text, "missing_examples_for_format_heavy_task")).toBe(true);
  });
  it.each([
    "Give me a regex that matches US ZIP codes like 90210 and 10001-1234.",
    "Profile the service and flag regex compilation inside hot loops, with the file and line of each.",
    "Write up the retro in our standard format:\n\nWhat went well\nWhat did not\nActions (owner)",
    "Caption each photo in the same style as the examples below.\n\nPhoto: a cat on a keyboard\nCaption: Working from home, supervised.\n\nPhoto: a kettle on a camp stove\nCaption:",
    "Same tone as before, but make the closing line shorter.",
    "Answer the question in the user's preferred format, briefly.",
    "Write this week's update in the house style shown by last week's:\n\n\"Busy week on the allotments: beans up, slugs down.\"\n\nNews: new compost bays, open day on Saturday.",
  ])("stays quiet on %j", (text) => {
    expect(fires(text, "missing_examples_for_format_heavy_task")).toBe(false);
  });
});

describe("missing_audience_or_context finds", () => {
  it.each([
    "Write a speech about urban beekeeping.",
    "Draft a blog post on the history of the bicycle.",
    "Explain how compound interest works.",
  ])("fires on %j", (text) => {
    expect(fires(text, "missing_audience_or_context")).toBe(true);
  });
  it.each([
    "Write a speech about urban beekeeping for a primary-school assembly.",
    "Explain in two sentences how compound interest works.",
    "Summarise the history of the bicycle.",
    "Write up a plan for moving our office to Leeds.",
    "Write a blog post on the history of the bicycle. Also, suggest a name for my cat.",
    "Describe the attached chart:\n\n| month | sales |\n| Jan | 10 |\n| Feb | 12 |",
  ])("stays quiet on %j", (text) => {
    expect(fires(text, "missing_audience_or_context")).toBe(false);
  });
});
