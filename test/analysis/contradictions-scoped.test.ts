// Directives that look opposed but are not: bounds on different parts named by a line's label or by their own
// noun, a later turn of a chat that revises the request, a format kept for one kind of input, and foreign-
// language rules each led by the case they are for. Each example is written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const contradictions = (text: string) =>
  analyze(text)
    .findings.filter((f) => f.kind === "contradiction")
    .map((f) => f.rule);

const QUIET: Array<[string, string]> = [
  [
    "labelled parts",
    "You write release notes for a mobile banking app.\n\nProduce three parts:\n1. **Headline** — one sentence at most, no version numbers.\n2. **Changelog** — go through every fix in detail, with ticket numbers and affected screens. Be exhaustive; support staff rely on it.\n\nUse the ticket titles as written. Never mention unreleased features. Keep dates in ISO format and do not invent ticket numbers that are not in the input.",
  ],
  [
    "labelled deliverables",
    "You are the copywriter for a tea shop.\n\nThings you will be asked for:\n- Shop window cards: at least 120 words, with brewing time in the last line.\n- Push notifications: up to 2 sentences and one emoji.\n\nNever claim health benefits. Always use British spelling, and keep the tone warm but plain; we sell to people who like quiet afternoons more than trends.",
  ],
  [
    "two versions in one sentence",
    "Write an announcement of our new bike repair workshop: a 120-character version for the SMS blast and a 400-word version for the newsletter.",
  ],
  [
    "later chat turn",
    "User: Write a toast for my sister's wedding, no longer than 150 words.\nAssistant: Here it is: [toast]\nUser: Great. Now write a second one of about 500 words for the rehearsal dinner, where there is more time.",
  ],
  [
    "format for one input",
    "You summarise support tickets.\n\nReturn JSON only when the message comes from the ticketing webhook.\n\nFor questions typed by an agent, do not return JSON; use short paragraphs.",
  ],
  [
    "french cases",
    "Tu rédiges les messages du club de tennis.\n\n- Pour les messages WhatsApp aux juniors : tutoiement, ton léger.\n- Pour les lettres aux partenaires : vouvoiement, ton sobre.\n\nRéponds toujours en français.",
  ],
];

const FIRES: Array<[string, string]> = [
  [
    "one part, two bounds",
    "Write a product description in at most 50 words. The product description must be at least 300 words.",
  ],
  [
    "same turn",
    "User: Write a bio for my website in under 100 words, and make it at least 400 words long.\nAssistant: Sure.",
  ],
  ["json both ways", "Return your answer only as JSON. Do not use JSON in your reply."],
  ["french address", "Tutoie toujours le client dans tes réponses. Vouvoie systématiquement le client."],
];

describe("contradictions: parts, turns and cases stay quiet", () => {
  for (const [name, text] of QUIET) it(`quiet: ${name}`, () => expect(contradictions(text)).toEqual([]));
  for (const [name, text] of FIRES)
    it(`fires: ${name}`, () => expect(contradictions(text).length).toBeGreaterThan(0));
});
