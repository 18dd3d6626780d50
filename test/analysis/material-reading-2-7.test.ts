// How the tokeniser tells pasted material from the author's instructions: per-item step lists, the
// request after a fenced block, pasted notes, rule-line and banner blocks, more content labels, tag names
// in any script, and the role, audience and delimiter cues read from that split. Every prompt here is
// written for this test, with a tempting case beside each positive.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import { extractSignals } from "../../src/features/analysis/engine/signals.js";
import { tokenize } from "../../src/features/analysis/engine/text.js";

/** The instruction text with runs of blanks collapsed. */
const instructions = (text: string) => tokenize(text).instructionText.replace(/\s+/g, " ").trim();
const blocks = (text: string) => tokenize(text).blocks.map((b) => [b.kind, text.slice(b.start, b.end)]);

describe("per-item step lists", () => {
  it("keeps the list under 'For each ticket in the queue:' as instructions", () => {
    const text =
      "You sort support tickets for a bike shop.\n\nFor each ticket in the queue:\n- Tag it as repair, sale or other.\n- Give it a priority from 1 to 3.";
    expect(instructions(text)).toContain("Tag it as repair, sale or other.");
    expect(blocks(text)).toEqual([]);
  });

  it("still reads the lines under 'Here is the ticket text:' as material", () => {
    const text =
      "Tag the ticket below.\n\nHere is the ticket text:\n- My brakes squeak.\n- The bell fell off.";
    expect(instructions(text)).not.toContain("brakes");
  });
});

describe("the request after fenced or tagged material", () => {
  it("reads the sentence after a closing fence as the author's", () => {
    const text =
      "Review the function below for off-by-one errors.\n\n```js\nfor (let i = 0; i <= n; i++) sum += a[i];\n```\n\nList each problem with its line.";
    expect(instructions(text)).toContain("List each problem with its line.");
    expect(blocks(text).map((b) => b[0])).toEqual(["fence"]);
  });

  it("still reads a plain paragraph after 'the poem below' as material", () => {
    const text =
      "Scan the metre of the poem below.\n\nThe kettle sings upon the stove, the window fogs with rain.";
    expect(instructions(text)).not.toContain("kettle");
  });
});

describe("notes, rule lines and banners", () => {
  it("reads <notes> as pasted material, not an instruction section", () => {
    const text = "Turn these release notes into a tweet.\n\n<notes>\nv3.1: dark mode; faster sync.\n</notes>";
    expect(instructions(text)).not.toContain("dark mode");
  });

  it("keeps <instructions> as an instruction section", () => {
    const text = "<instructions>\nAnswer in French.\n</instructions>";
    expect(instructions(text)).toContain("Answer in French.");
  });

  it("reads a letter between --- lines after 'the letter below' as material over several paragraphs", () => {
    const text =
      "Answer the tenant's letter below politely.\n\n---\nDear landlord,\n\nPlease fix the boiler.\n\nRegards, Sam\n---\n\nKeep it short.";
    const instr = instructions(text);
    expect(instr).not.toContain("boiler");
    expect(instr).not.toContain("Regards");
    expect(instr).toContain("Keep it short.");
  });

  it("leaves --- lines that only separate instruction sections alone", () => {
    const text = "Write a haiku about autumn.\n\n---\n\nUse a seasonal word.\n\n---\n\nNo title.";
    expect(instructions(text)).toContain("Use a seasonal word.");
  });

  it("reads a '=== Retrieved passages ===' block as material and the closing question as the author's", () => {
    const text =
      "Answer from the passages only.\n\n=== Retrieved passages ===\n[1] The ferry leaves at 9.\n\n[2] Tickets cost 12 euros.\n\nWhen does the ferry leave?";
    const instr = instructions(text);
    expect(instr).not.toContain("ferry leaves at 9");
    expect(instr).toContain("When does the ferry leave?");
  });

  it("keeps a '=== Instructions ===' banner's text as instructions", () => {
    const text = "=== Instructions ===\nSummarise the call in two lines.";
    expect(instructions(text)).toContain("Summarise the call in two lines.");
  });
});

describe("content labels and tag names", () => {
  it("reads 'Email 1:', 'Memo:' and 'Chat:' as labels of pasted material", () => {
    const text =
      "Compare the two emails and the memo.\n\nEmail 1: The launch moves to May.\n\nEmail 2: The launch stays in April.\n\nMemo: Budget frozen.";
    const instr = instructions(text);
    expect(instr).not.toContain("launch moves");
    expect(instr).not.toContain("stays in April");
    expect(instr).not.toContain("Budget frozen");
  });

  it("does not read 'Tone:' as a content label", () => {
    expect(instructions("Write a toast.\n\nTone: warm and brief.")).toContain("warm and brief");
  });

  it("reads a tag named in Chinese as a delimiter", () => {
    const text = "总结下面的网页。\n\n<网页>今天天气很好。</网页>";
    expect(blocks(text)).toEqual([["tag", "<网页>今天天气很好。</网页>"]]);
  });
});

describe("cues read from the split", () => {
  it("gives no delimited-material credit to prose sources followed only by a 'Question:' label", () => {
    const text =
      "Answer the question from the two notes below.\n\nThe gym opens at six. The pool closes on Mondays.\n\nQuestion: Can I swim on Monday morning?";
    expect(extractSignals(tokenize(text)).delimitedInput).toBe(false);
  });

  it("still gives the credit when the sources are tagged", () => {
    const text =
      "Answer the question from the notes.\n\n<note>The pool closes on Mondays.</note>\n\nQuestion: Can I swim on Monday?";
    expect(extractSignals(tokenize(text)).delimitedInput).toBe(true);
  });

  it('reads "you\'re the …" as a role', () => {
    expect(
      extractSignals(tokenize("You're the booking assistant for a dental clinic. Confirm appointments."))
        .role,
    ).not.toBeNull();
    expect(extractSignals(tokenize("You're the best, thanks. Confirm my appointment.")).role).toBeNull();
  });

  it("reads staff as an audience", () => {
    expect(
      extractSignals(tokenize("Write a short notice for the night staff about the new rota.")).audience,
    ).not.toBeNull();
  });

  it("finds no task missing in a role address followed by a behaviour sentence", () => {
    const r = analyze("You're the returns desk agent again. Follow the same policy as last week.");
    expect(r.findings.map((f) => f.kind)).not.toContain("no_task");
  });
});
