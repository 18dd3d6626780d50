// Readings that were wrong: counts of two different lists taken for one list counted twice, a length
// written without its hyphen ("a 400 word essay") never read, "she" right after a sentence naming the one
// person it means taken as unclear, "this option" after "each option" taken for one of several, a closing
// heading named for the material ("# ESSAY") not read as where that material goes, and "this … chat"
// taken for pasted material. Each has a look-alike that keeps its finding. Prompts written for this test
// (dev-prompts-ad.jsonl).
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import type { FindingKind } from "../../src/features/analysis/engine/types.js";
import { hasScored as has } from "../helpers/analysis.js";

/** Whether the prompt gets any finding of `kind`, hints included. */
const hasAny = (text: string, kind: FindingKind) => analyze(text).findings.some((f) => f.kind === kind);

describe("contradiction: counts of different lists", () => {
  it("reads 'three habits of …' and 'two habits that students find …' as two lists", () => {
    const text =
      "List three habits of effective teachers. Then list two habits that students find discouraging. Both lists go on a staff-room poster for teachers in their first year, so use short bullet points.";
    expect(has(text, "contradiction")).toBe(false);
  });
  it("reads two relative clauses that pick different items as two lists", () => {
    const text =
      "Name three mistakes which beginners make when baking sourdough, then name two mistakes which experienced bakers still make. One sentence each.";
    expect(has(text, "contradiction")).toBe(false);
  });
  it("still reports the same list asked for with two counts", () => {
    const text =
      "List three habits of effective teachers as bullet points for a staff-room poster. Keep it tidy and list exactly five habits of effective teachers.";
    expect(has(text, "contradiction")).toBe(true);
  });
  it("still reports two counts when a clause only demands a property of the items", () => {
    expect(
      has(
        "Give three tips that are practical. Then give exactly five tips that are practical.",
        "contradiction",
      ),
    ).toBe(true);
  });
});

describe("length: a count of words before its noun without a hyphen", () => {
  it("reads 'a 400 word essay' against 'under 100 words'", () => {
    const text =
      "Write a 400 word essay on urban beekeeping for the members of our city council. Keep it under 100 words.";
    expect(has(text, "contradiction")).toBe(true);
  });
  it("reads 'a 1500 word blog post' against 'Keep it brief'", () => {
    const text =
      "Write a 1500 word blog post on composting for people who have never gardened, with a subheading for each step. Keep it brief.";
    expect(has(text, "contradiction")).toBe(true);
  });
  it("reads 'a 400 word limit' as a ceiling, which 'at least 600 words' breaks", () => {
    expect(
      has(
        "Write an essay on urban beekeeping for our city council, at least 600 words. Use a 400 word limit.",
        "contradiction",
      ),
    ).toBe(true);
  });
  it("finds nothing to report when the two agree", () => {
    const text =
      "Write a 400 word essay on urban beekeeping for the members of our city council. Keep it under 500 words.";
    expect(has(text, "contradiction")).toBe(false);
  });
  it("leaves a tagline and a description their own lengths", () => {
    expect(
      has(
        "Write a 1 sentence tagline and a 300 word product description for our new oat milk.",
        "contradiction",
      ),
    ).toBe(false);
  });
  it("does not read '400 words of notes' as a length of the answer", () => {
    const text =
      "Summarise the 400 words of notes below in three bullets for the team.\n\nNotes: the budget passed; launch moves to May; Ana writes the FAQ; hiring pauses until the audit is signed off.";
    expect(has(text, "contradiction")).toBe(false);
  });
});

describe("ambiguous reference: the one person the sentence before names", () => {
  it("reads 'She' after 'You are Nadia, a family money coach.' as Nadia", () => {
    const text =
      "My sister and my mother both asked for help with their household budgets. You are Nadia, a family money coach. She asks about income and fixed costs before giving any advice, and answers in at most three bullet points.";
    expect(has(text, "ambiguous_reference")).toBe(false);
  });
  it("reads 'she' after a persona named for its noun ('My Moody Girlfriend … the virtual girlfriend')", () => {
    const text =
      "My Moody Girlfriend is a chat companion for lonely adults who want to practise conversation, and it makes the virtual girlfriend experience more realistic. Instead of being cheerful all the time, she shows sadness or worry when the conversation calls for it. Her replies stay kind and end with a question.";
    expect(has(text, "ambiguous_reference")).toBe(false);
  });
  it("reads 'her' after 'My sister is Ana.' as Ana", () => {
    const text =
      "My sister and my mother both want advice on their savings. My sister is Ana. What should I tell her first?";
    expect(has(text, "ambiguous_reference")).toBe(false);
  });
  it("still reports 'him' after two people in the sentence before", () => {
    const text =
      "Our CEO met the lead investor yesterday. Draft an email reminding him about the board dates.";
    expect(has(text, "ambiguous_reference")).toBe(true);
  });
  it("still reports 'She' when the sentence before names a second woman", () => {
    const text =
      "My sister and my mother both want advice on their savings. You are Maya, a coach for my aunt. She listens first.";
    expect(has(text, "ambiguous_reference")).toBe(true);
  });
  it("reads 'this option' after 'Each option' in its sentence as each one in turn", () => {
    const text =
      "Star Quest is a space adventure game for teenagers. After each scene, offer the player four numbered options; one of them is always silly. Each option starts with its number and then an emoji that represents this option. Keep each scene under 120 words.";
    expect(has(text, "ambiguous_reference")).toBe(false);
  });
  it("still reports 'this intro' among three intros", () => {
    expect(
      has("I wrote three intros for my talk. Rewrite this intro so it is punchier.", "ambiguous_reference"),
    ).toBe(true);
  });
});

describe("missing material: a closing heading named for the material", () => {
  it.each([
    "Summarize the essay below in three bullets for a high-school English teacher.\n\n# ESSAY\n",
    "Summarize the essay below in three bullets for a high-school English teacher.\n\n## Essay",
    "Summarize the essay below in three bullets for a high-school English teacher.\n\nESSAY:",
    "Summarize the essay below in three bullets for a high-school English teacher.\n\n# ESSAY\nShade trees cool streets.",
    "Give feedback on the cover letter below: three strengths and three fixes, as bullets.\n\nCOVER LETTER:",
  ])("reads the heading in %j as where the material goes", (text) => {
    expect(hasAny(text, "missing_referenced_material")).toBe(false);
  });
  it("still reports the essay below when the closing heading names something else", () => {
    const text = "Summarize the essay below in three bullets for a high-school English teacher.\n\n# NOTES\n";
    expect(hasAny(text, "missing_referenced_material")).toBe(true);
  });
  it("still reports 'the examples below' over a heading for the answer", () => {
    const text = "Use the examples below to write one tagline for our bakery's spring menu.\n\n# TAGLINE";
    expect(hasAny(text, "missing_referenced_material")).toBe(true);
  });
  it("still reports a context heading left empty above the question", () => {
    const text =
      'Use the context below to answer the question. If the answer is not in the context, say "Not in the context."\n\nContext:\n---\n\n---\n\nQuestion: What is the notice period for ending the lease early?';
    expect(hasAny(text, "missing_referenced_material")).toBe(true);
  });
  it("reads 'this pen-pal chat' as the conversation itself", () => {
    const text =
      "You are Pip, a pen-pal bot for children learning English. In this pen-pal chat, write back in simple sentences of at most twelve words and ask one question about the child's day.";
    expect(hasAny(text, "missing_referenced_material")).toBe(false);
  });
});

describe("hints on real system prompts: shapes that point at nothing missing", () => {
  it("reads two 'Never do it.' after two different sentences as two demands", () => {
    const text =
      "You guard the guest list of a private supper club. Some people will try to talk you into reading the list out. Never do it. Some people will ask you to add a name without the host's approval. Never do it. Answer every other question about the club in one or two friendly sentences.";
    expect(hasAny(text, "duplicated_instruction")).toBe(false);
  });
  it("still reports one sentence and its 'Never do it.' said twice", () => {
    const text =
      "You guard the guest list of a supper club. Some people will ask you to read the list out, never do it. Some people will ask for the host's number, never do it. Some people will ask you to read the list out, never do it. Answer other questions in one sentence.";
    expect(hasAny(text, "duplicated_instruction")).toBe(true);
  });
  it("reads 'It is absolutely imperative … that' as an expletive", () => {
    const text =
      "It is absolutely imperative, without any exception, that you never quote a repair price. Answer every customer of our bike shop in English, in three sentences at most.";
    expect(hasAny(text, "ambiguous_reference")).toBe(false);
  });
  it("reads 'This is a … chatbot' opening a system prompt as the prompt describing itself", () => {
    const text =
      "This is a 'grumpy editor' chatbot for first-time novelists who paste the opening page of their book. Point out one weak sentence at a time and suggest a fix of at most 30 words.";
    expect(hasAny(text, "ambiguous_reference")).toBe(false);
  });
  it("still reports 'This is bad. Fix it.'", () => {
    expect(hasAny("This is bad. Fix it.", "ambiguous_reference")).toBe(true);
  });
  it("reads 'the content provided by users' as material that arrives at run time", () => {
    const text =
      "You are Scam Scanner. You rate the content provided by users for how likely it is to be a scam, from 1 to 5, with one line on why.";
    expect(hasAny(text, "missing_referenced_material")).toBe(false);
  });
  it("still reports 'the text provided by the author' with no text", () => {
    expect(
      hasAny("Summarize the text provided by the author in three bullets.", "missing_referenced_material"),
    ).toBe(true);
  });
});

describe("repeated instruction: the two directions of one rule", () => {
  it("reads 'Japanese … into English' and 'English … into Japanese' as two demands", () => {
    const text =
      "You are a live translator between Japanese and English for a hotel front desk.\n- When the guest's message is in Japanese, translate it into English.\n- When the guest's message is in English, translate it into Japanese.\n- Output only the translation, nothing else.";
    expect(hasAny(text, "duplicated_instruction")).toBe(false);
  });
  it("still reports the same direction said twice", () => {
    const text =
      "You translate for a hotel front desk.\n- When the guest's message is in Japanese, translate it into English.\n- Be polite.\n- When the guest's message is in Japanese, translate it into English.";
    expect(hasAny(text, "duplicated_instruction")).toBe(true);
  });
});
