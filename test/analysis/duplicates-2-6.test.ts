// What the duplicated-instruction rules read since engine 2.6 (PF403 near-identical demands, PF404 one
// constraint in other words, PF405 one restriction twice): clauses split at ";", a negation read as one
// mark, "reply"/"respond"/"answer" as one act, a persona or a sign-off asked for twice, repeats in
// prompts up to 3,000 characters unless the repeat is the closing reminder; and what they leave alone: a
// demand made for one case, "before" and "after", what the users do, different inline code, differently
// labelled fields, lines that introduce a block, "keep it …" under two headings, a limit for a different
// piece, the turns of a transcript. Each case is a prompt written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const dupes = (text: string) => analyze(text).findings.filter((f) => f.kind === "duplicated_instruction");

const LONG =
  "You are the front-desk assistant for Larch Hill Veterinary Clinic, a small practice with three vets and two nurses. Pet owners message you through the clinic website to book visits, ask about opening hours and check what to bring.\n\nFacts you can rely on:\n- Opening hours are 08:00 to 18:30 on weekdays and 09:00 to 13:00 on Saturdays; the clinic is closed on Sundays.\n- Vaccination visits take twenty minutes; first consultations take thirty.\n- New clients should bring any previous vaccination records and arrive ten minutes early to register.\n- Out of hours, emergencies go to the partner hospital on Quarry Road, which is open all night.\n\nHow to handle requests:\n- Book visits with the `find_slot` tool and confirm the date and time back to the owner in one sentence.\n- Never give a diagnosis or suggest a dose of any medicine, even if the owner insists.\n- If an animal is bleeding heavily, struggling to breathe or has eaten something poisonous, tell the owner to call the clinic straight away.\n- Ask for the pet's name, species and age before booking.\n\nStyle:\n- Write in short, warm sentences and use the owner's first name if they give it.\n- Keep every reply under eighty words.\n- Never give a diagnosis or suggest a dose of any medicine, even if the owner insists.\n- Do not promise a particular vet unless the owner asks for one and the slot shows that vet.\n\nPrivacy:\n- Do not repeat a client's phone number or address back in the chat.\n- Do not say whether another named person is a client of the clinic.\n\nIf you are unsure whether something is an emergency, treat it as one and give the clinic's phone number.";
const LONG_CLOSING =
  "You are the front-desk assistant for Larch Hill Veterinary Clinic, a small practice with three vets and two nurses. Pet owners message you through the clinic website to book visits, ask about opening hours and check what to bring.\n\nFacts you can rely on:\n- Opening hours are 08:00 to 18:30 on weekdays and 09:00 to 13:00 on Saturdays; the clinic is closed on Sundays.\n- Vaccination visits take twenty minutes; first consultations take thirty.\n- New clients should bring any previous vaccination records and arrive ten minutes early to register.\n- Out of hours, emergencies go to the partner hospital on Quarry Road, which is open all night.\n\nHow to handle requests:\n- Book visits with the `find_slot` tool and confirm the date and time back to the owner in one sentence.\n- Never give a diagnosis or suggest a dose of any medicine, even if the owner insists.\n- If an animal is bleeding heavily, struggling to breathe or has eaten something poisonous, tell the owner to call the clinic straight away.\n- Ask for the pet's name, species and age before booking.\n\nStyle:\n- Write in short, warm sentences and use the owner's first name if they give it.\n- Keep every reply under eighty words.\n- Do not promise a particular vet unless the owner asks for one and the slot shows that vet.\n\nPrivacy:\n- Do not repeat a client's phone number or address back in the chat.\n- Do not say whether another named person is a client of the clinic.\n\nIf you are unsure whether something is an emergency, treat it as one and give the clinic's phone number.\n\nRemember: never give a diagnosis or suggest a dose of any medicine, even if the owner insists.";

describe("duplicated_instruction reads a demand said twice", () => {
  it.each([
    "Tutor voice: speak at a ten-year-old's level; explain each new word the first time you use it.\n\nFormat: three short paragraphs and one question to check understanding.\n\nExplain each new word the first time you use it.",
    "Summarise the lease below in five bullets. Don't add anything that isn't in the lease.\n<lease>{{lease}}</lease>\nRemember: do not add anything that is not in the lease.",
    "Reply with yes or no only.\n\nQ: Is ice cold?\nA: yes\n\nQ: Is fire cold?\nA:\n\nRespond with only yes or no.",
    "Play Captain Moss, a sleepy lighthouse keeper. Talk as Moss in one or two drowsy sentences. Mention the fog often. Always reply as Moss the keeper!",
    "You manage my calendar with the tools `find_slot` and `book`. Always get my approval before booking any meeting. Prefer mornings. Before you book a meeting, ask me for confirmation.",
    LONG,
    "Write a product blurb for the desk lamp. Avoid jargon. Two sentences at most. Don't use jargon.",
    "Be concise. List the three biggest risks in the plan. Be concise.",
  ])("fires on %j", (text) => {
    expect(dupes(text)).toHaveLength(1);
  });

  it("spans both statements of the demand, the earlier first", () => {
    const text = "Reply with yes or no only.\n\nQ: Is ice cold?\nA: yes\n\nRespond with only yes or no.";
    const [f] = dupes(text);
    expect(f!.spans.map((s) => text.slice(s.start, s.end))).toEqual([
      "Reply with yes or no only.",
      "Respond with only yes or no.",
    ]);
  });
});

describe("duplicated_instruction leaves alone", () => {
  it.each([
    "Answer the guest's question in Italian, in at most three sentences, from the menu below. If the menu doesn't cover it, say so in Italian.\n\n<menu>Risotto 14. Tiramisu 7.</menu>",
    "Run the linter before committing. Use small commits with clear messages. Run the linter after committing.",
    "Our users write in French. Answer in French, in two sentences, and link the help-centre page.",
    "Add the speaker's initials after every sentence. Start a new line after each sentence.",
    "Flag calls to `eval()` with user input. List them by file. Flag calls to `exec()` with user input.",
    "Fill in the match card for the printer.\nHome kit colour: {{kit_colour}}\nKit colour: {{kit_colour}}",
    'Check the first tool call against this schema:\n```json\n{"name": "search"}\n```\nCheck the first tool call against this schema:\n```json\n{"name": "fetch"}\n```',
    "If the user is signed in, greet them by name. If the user is not signed in, greet them by name.",
    LONG_CLOSING,
    "Avoid emojis in the body. Put one emoji in the subject line.",
    "Write two pieces announcing our new opening hours.\n## Email to members\nKeep it under 100 words. Mention the new Sunday slot.\n## Instagram caption\nKeep it under 100 words. End with two hashtags.",
    "Draft the email and the caption. Email: under 100 words, friendly. Caption: under 100 words, playful.",
    "Summarise each chapter in under 50 words. Then write an overall summary, also under 50 words.",
    "User: Summarise this article in three bullets.\nAssistant: - rents rose - wages lagged - supply fell\nUser: Summarise this article in three bullets.\nAssistant:",
  ])("stays quiet on %j", (text) => {
    expect(dupes(text)).toHaveLength(0);
  });
});
