// A singular pronoun that could stand for any of several things the prompt names ("I drafted two
// openings … Make it more upbeat", "Version A: … Version B: … Make it less salesy", two tagged reviews then
// "Is it positive?"), and the near misses that must stay quiet: a pronoun after a request that makes
// something, a pronoun whose sentence says which one, counted things inside one whole ("three bugs in the
// script", "two modes" of one app), turns of one conversation and steps of one procedure. Prompts
// written for this test.
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import { reads } from "../helpers/analysis.js";

const ambiguous = (text: string) =>
  analyze(text).findings.some((f) => f.kind === "ambiguous_reference" && reads(f));

const AMONG_CANDIDATES: string[] = [
  "I drafted two openings for my newsletter, one about the product launch and one about hiring. Make it more upbeat.",
  "We have three landing page headlines in testing. Shorten it to under eight words.",
  "Version A: Save time on every invoice.\nVersion B: Invoicing that runs itself.\n\nMake it sound less salesy.",
  "I wrote a haiku, a limerick and a sonnet for the contest. Polish it so it reads more naturally.",
  '<review id="1">The room was clean but the staff ignored us.</review>\n<review id="2">Great breakfast, noisy street outside.</review>\n\nIs it positive or negative overall?',
  "Step 1 notes: collect all receipts from the shared drive.\nStep 2 notes: match each receipt to a card transaction.\n\nRewrite it as a clear instruction for new staff.",
  'FR: "Votre commande a été expédiée."\nES: "Su pedido ha sido enviado."\n\nCheck it for grammar mistakes.',
  "We offer a free plan and a pro plan. Translate it into German for our Berlin launch.",
  "Headline 1: Fresh bread, every morning.\nHeadline 2: Baked at dawn, delivered by eight.\n\nTighten it to five words.",
];

const RESOLVED: string[] = [
  "Write an email to the vendor. Tell them: our automated screening tools flagged 40 false positives last week, and we want a fix.",
  'Here are two subject lines: "Spring sale starts now" and "Your discount is here". Pick the better one and explain why it works.',
  "Summarise the two articles below in one paragraph.\n\nArticle 1: Rents rose 8% in Lisbon.\nArticle 2: Madrid capped short-term lets.\n\nMake it neutral in tone.",
  "We sell lamps, chairs and rugs online. Write a product description for our new oak desk and make it sound premium.",
  "I have two kids and a dog. Plan a weekend in the Lake District for us and make it relaxing.",
  'My essay compares two novels by Toni Morrison.\n\n"""\nBeloved and Sula both examine memory...\n"""\n\nProofread it and fix any comma splices.',
  "Both of my sisters love gardening. Suggest a birthday gift for each and make it under 50 euros.",
  "I run two cafés in Leeds. Our flagship on Briggate is the busier one. Is it worth opening on Sundays?",
  "Here is my cover letter:\n\nDear Ms Patel, I am applying for the junior analyst role at Fenwick & Co. I have two years of experience in retail banking and a degree in economics.\n\nMake it more confident.",
  "The report has two sections, methods and results. Summarise it in 100 words.",
  "Compare Python and Go for a small web API, then tell me which one you'd pick and why it suits a two-person team.",
  "My laptop and my phone both run slowly. Is it a problem with my Wi-Fi?",
  "Option 1: annual plan. Option 2: monthly plan. Which is cheaper over two years, and is it worth switching?",
  "Here are my notes from two meetings, merged into one document:\n\n<notes>\nBudget approved. Hiring freeze lifted in May. Office move delayed.\n</notes>\n\nSummarize it in three bullets.",
  "Our app has two modes, light and dark. Make it load faster on older phones.",
  "There are three bugs in the checkout script. Fix it so the total is right.",
  "I have two questions about the lease. Summarize it first in plain English.",
  "I need a title and a subtitle for my blog post about sourdough. Make it catchy.",
  "Speaker 1: We should launch in March.\nSpeaker 2: March is too early, the docs aren't ready.\nSpeaker 1: Then April.\n\nSummarize it in one sentence.",
  'Step 1: Open the settings page.\nStep 2: Click "Export".\nStep 3: Choose CSV.\n\nRewrite it for a non-technical reader.',
  "My manager and I wrote the proposal together over two weekends. Proofread it and flag anything unclear.",
  "I'm torn between two job offers. Make it easier for me to decide by listing questions I should ask myself.",
  "The meeting covered the budget and the hiring plan. Summarize it in three bullets.",
  "The email should mention the refund and the new delivery date. Make it polite.",
  "Our product page lists the price and the specs. Rewrite it to be more persuasive.",
  "I'm a teacher and a parent, so I see homework from both sides. Make it simple to explain why it matters.",
  "We have two kids under five and a small budget. Make it a relaxed long weekend somewhere near Lyon.",
  "We have two kids under five. Plan a weekend near Lyon and keep it relaxed.",
];

describe("a singular pronoun among several candidates", () => {
  it.each(AMONG_CANDIDATES.map((t) => [t.slice(0, 60).replace(/\n/g, " "), t]))("flags %s", (_name, text) => {
    expect(ambiguous(text)).toBe(true);
  });
  it.each(RESOLVED.map((t) => [t.slice(0, 60).replace(/\n/g, " "), t]))(
    "stays quiet on %s",
    (_name, text) => {
      expect(ambiguous(text)).toBe(false);
    },
  );
});
