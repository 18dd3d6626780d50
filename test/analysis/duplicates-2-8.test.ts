// One instruction restated inside another (PF403 since 2.8): a sentence whose every demand word another
// instruction already makes, in the same order and with the same polarity, or the same prohibition said
// with "in any message"; and (PF404) a length limit said once without its object and once with it, and
// "one question at a time" said again as "one question per message". Each case is a prompt written for
// this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import { reads } from "../helpers/analysis.js";

const repeats = (text: string) =>
  analyze(text).findings.filter((f) => f.kind === "duplicated_instruction" && reads(f));

describe("a demand restated inside another is found", () => {
  it.each([
    "Condense the incident report below into 3 bullets for the on-call lead, most severe first. Keep it to 3 bullets.\n\n{{report}}",
    "Write captions for the four gallery photos below in the Harbour Museum voice. Stick to the Harbour Museum voice for captions.\n\n1. Fishing boats at dawn.\n2. The old lighthouse keeper's logbook.",
    "Convert this recipe into metric units: {{recipe}}\nAlso, what's a good substitute for buttermilk?\nConvert the recipe into metric units.",
    "You are the front-desk assistant for Alder Dental.\n\nFor new patients you must check their date of birth before booking anything.\n\nOpening hours are 8 to 6 on weekdays.\n\nAlways check the date of birth before booking a new patient.",
    "You help tenants of Brookside Flats report repairs.\n- Never share other tenants' flat numbers.\n- Ask for a photo of the problem.\n- Don't share other tenants' flat numbers in any message.",
    "Write 4 push notifications for the {{sale}} weekend.\n- Max 60 characters each.\n- Friendly tone.\n- No more than 60 characters per notification.",
    "You're a Spanish tutor. Quiz me on irregular verbs.\nAsk one question at a time.\nCorrect my mistakes gently.\nOne question per message, please.",
  ])("fires once on %j", (text) => {
    expect(repeats(text)).toHaveLength(1);
  });

  it.each([
    // a role described, then a restriction the description does not make
    "You are the copy desk. Writers send pieces and you return a corrected version.\n\nFix spelling and grammar only. Return only the corrected piece.",
    // the same words in other roles
    "Always put the final query in one ```sql block. After the sql block, add one sentence on what the query returns.",
    // a heading said twice in a template
    "Answer the question for each mode.\n\n**Short mode:**\n* **Your Final Answer:**\n{{short}}\n\n**Long mode:**\n* **Your Final Answer:**\n{{long}}",
    // a case and the rule in general are two demands
    "Reply in Spanish. If the customer writes in Spanish, reply in Spanish and add a greeting.",
    // the same subject, a new constraint
    "Write a short product description for the Nimbus desk lamp. Mention the Nimbus desk lamp's warranty.",
    // a prohibition and a narrower limit on the same act
    "Never apologise. Do not apologise more than once per conversation.",
    // two limits on two named things
    "Write a headline and a teaser. The headline must be under 60 characters. Keep the teaser under 60 characters too, and the teaser under 20 words.",
  ])("leaves alone %j", (text) => {
    expect(repeats(text)).toHaveLength(0);
  });
});
