// What makes a referent identifiable and material present, read on prompts written for this test: a
// closing question after the material, a personal pronoun among several people, "this clause" among
// clauses the prompt counts, a prompt that opens on "it"; material held by a standing brief's requests,
// an attached photo, a place named in the prompt ("in the <kb> section", "at the end of this prompt"),
// one list claimed by two references, a variable named for something else, things of an earlier exchange.
// Each reading has a tempting near miss that must stay quiet.
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import { reads } from "../helpers/analysis.js";

// what the readings find, whatever the severity a demoted kind is reported with (rules/demotions.ts)
const counted = (text: string, kind: string) =>
  analyze(text).findings.some((f) => f.kind === kind && reads(f));
const ambiguous = (text: string) => counted(text, "ambiguous_reference");
const missing = (text: string) => counted(text, "missing_referenced_material");

describe("references nobody can resolve", () => {
  it.each([
    [
      "a question after two tagged blocks",
      '<plan name="Starter">5 users, email support, 10 GB storage.</plan>\n<plan name="Team">25 users, phone support, 1 TB storage.</plan>\n\nDoes it include phone support?',
    ],
    [
      "a personal pronoun after two people",
      "My accountant and my business partner disagree about the VAT deadline. Write a polite email to him asking for the exact date.",
    ],
    [
      "a pronoun among three speakers of a group chat",
      "Family chat:\nAnna: I can't host this year, my kitchen is being redone!\nBen: I could do it but my flat is tiny.\nCarla: We could rent a cabin? I'd pay half.\n\nHow do I tell her no without starting a fight?",
    ],
    [
      "a singular demonstrative among counted things",
      "Here are sections 4-6 of our tenancy agreement:\n\n4. Rent is due on the first day of each month.\n5. The tenant may not sublet without written consent.\n6. The deposit is returned within 30 days.\n\nIs this section legal in Scotland?",
    ],
    ["a short prompt opening on it", "Hi, it keeps logging me out every few minutes. Any idea why?"],
    [
      "a singular demonstrative among labelled things",
      "Email 1: Hi, my parcel hasn't arrived after two weeks.\nEmail 2: Hello, I was charged twice for one order.\n\nDraft a reply to this email that apologises and offers a refund.",
    ],
  ])("flags %s", (_name, text) => {
    expect(ambiguous(text)).toBe(true);
  });

  it.each([
    [
      "a question after one tagged block",
      '<plan name="Team">25 users, phone support, 1 TB storage.</plan>\n\nDoes it include phone support?',
    ],
    [
      "a pronoun whose own sentence names the person",
      "My accountant and my business partner disagree about the VAT deadline. Write to my accountant and ask him for the exact date.",
    ],
    [
      "a record's fields, not speakers",
      "Name: Mara Lind\nRole: ship's doctor\nTrait: calm, dry humour, loyal to her captain\n\nWrite her first scene.",
    ],
    [
      "the author's own role as one of the people",
      "I'm a teacher. My student's father emailed me. Reply to him politely.",
    ],
    [
      "a demonstrative that says which one",
      "Here are sections 4-6 of our tenancy agreement. Is this section (5) legal in Scotland?",
    ],
    ["an it that stands for nothing", "Is it worth learning Rust in 2025 as a data engineer?"],
  ])("stays quiet on %s", (_name, text) => {
    expect(ambiguous(text)).toBe(false);
  });
});

describe("material the prompt points at", () => {
  it.each([
    ["an attached photo", "Using the attached photo of my garden, suggest where to put a small pond."],
    ["this photo", "Crop this photo to a square and brighten the faces a little."],
    [
      "a section that is not there",
      "Answer the question using only the policy excerpts provided in the <policies> section. Cite the excerpt id.\n\nQuestion: Can I carry over unused leave?",
    ],
    [
      "a guide at the end of the prompt that never comes",
      "You write product copy for Fernhill Tea. Follow the style guide I've included at the end of this prompt: tone, banned words, length.\n\nEvery description ends with the brewing time.",
    ],
    [
      "one list claimed by the other reference",
      "Rewrite the following job titles in our house style, exactly as in the examples below.\n\n1. senior software eng.\n2. Head of people ops\n3. jr. designer",
    ],
    [
      "a variable named for something else",
      "You will get the caller's question in {{caller_question}}.\n\nAnswer it using the opening-hours table shown above, in two sentences.",
    ],
    [
      "the other one from an earlier exchange",
      "Here's my new intro:\n\n{{intro}}\n\nMake it match the other one, but keep the first line.",
    ],
    ["a prompt about an unnamed it", "write a few tweets about it for our launch week"],
    ["the latter with nothing before", "translate the latter into Portuguese"],
  ])("flags %s", (_name, text) => {
    expect(missing(text)).toBe(true);
  });

  it.each([
    [
      "a standing brief's unplaced reference",
      "You're the review assistant for our mobile team. Keep comments short and flag only lines whose intent isn't clear from the code.",
    ],
    [
      "material that comes with each request",
      "You answer shoppers' questions about sizing. Use the size chart text provided with each request and never guess a size.",
    ],
    [
      "a photo the application holds",
      "Turn the uploaded photo of our shopfront into a flat vector illustration.",
    ],
    [
      "a picture the prompt asks for",
      "Generate an image of a red kite over a moor at dawn; this image will be our header.",
    ],
    [
      "a preposition after these",
      "Notes from the retro:\n- deploys took 40 minutes\n- two incidents from config drift\n- on-call rota unclear\n\nTurn these into three action items with owners.",
    ],
    [
      "a section that is there",
      "Answer the question using only the policy excerpts provided in the <policies> section.\n\n<policies>\n[P1] Up to five days of leave may be carried over.\n</policies>\n\nQuestion: Can I carry over unused leave?",
    ],
    [
      "each list with its own label",
      "Rewrite the job titles below in our house style, as in the examples below.\n\nExamples:\nSenior Software Engineer\n\nJob titles:\nhead of people ops",
    ],
    ["a variable on its own line", "Summarise the article below in three bullets.\n\n{{page}}"],
    [
      "the other one among drafts in the prompt",
      'Draft A: "Doors open at six, bring a friend."\nDraft B: "Join us from six for food and music."\n\nShorten it and keep the ending from the other one.',
    ],
    [
      "the other one of things the answer makes",
      "Write two taglines for our bakery, then say which works better and why the other one falls short.",
    ],
    [
      "a line labelled with the reference's noun before it",
      "Email 1: Hi, my parcel hasn't arrived after two weeks.\n\nDraft a reply to this email that apologises.",
    ],
    ["a topic given after a colon", "Write a short blog post about this: cycling to work in winter."],
    [
      "an e-mail to answer, full of requests",
      "Reply to the email below.\n\nHi Sam, please send the signed contract by Friday. Please confirm the delivery date too. Thanks, Jo",
    ],
  ])("stays quiet on %s", (_name, text) => {
    expect(missing(text)).toBe(false);
  });
});
