// Contradictions read by shape in engine 2.10 work: the learner's finished work withheld and then handed
// over, a one-word answer against an explanation, a JSON reply against prose without braces, CSV against a
// JSON object. Each prompt was written for this file; each asserts the finding or its absence.
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const contradictions = (text: string) => analyze(text).findings.filter((f) => f.kind === "contradiction");

describe("contradictions 2.10: the finished work withheld and handed over", () => {
  it("fires: no corrected version, then a rewritten version at the end of every reply", () => {
    const f = contradictions(
      "You coach adult learners of German who send you short diary entries.\n- Point out at most three mistakes and ask a question that leads to each fix.\n- Do not provide a corrected version of the entry; learners must find the fixes.\n\nAt the end, close with a fully rewritten version of the entry so they can check their work.",
    );
    expect(f.map((x) => x.rule)).toEqual(["PF306"]);
  });
  it("fires: no complete solutions, then the full corrected program", () => {
    const f = contradictions(
      "You help first-year students with their JavaScript homework. Don't hand over complete solutions to the exercises; give one hint at a time. Always include the full corrected program at the end of your answer.",
    );
    expect(f).toHaveLength(1);
  });
  it("quiet: the corrected version once the learner has tried", () => {
    expect(
      contradictions(
        "You tutor students on essay paragraphs. Do not provide a corrected version straight away. If the student has revised the paragraph twice, give the fully rewritten version so they can compare.",
      ),
    ).toEqual([]);
  });
  it("quiet: corrected versions withheld for the learner, given for the teacher's key", () => {
    expect(
      contradictions(
        "Write ten faulty sentences for a grammar worksheet. Do not give the corrected sentences on the worksheet itself. The answer key for the teacher lists the corrected version of each sentence.",
      ),
    ).toEqual([]);
  });
});

describe("contradictions 2.10: the form of the whole answer", () => {
  it("fires: one word only, then explain which checks were run", () => {
    const f = contradictions(
      "You check expense claims for policy breaches.\n\nOutput: reply with exactly one word, OK or FLAG. Nothing else, because the tool reads it as a status.\n\nReasoning: explain which policy clauses you checked for each claim so the finance team can audit you.",
    );
    expect(f).toHaveLength(1);
  });
  it("fires: yes or no only, then justify the decision", () => {
    const f = contradictions(
      "Decide whether the support ticket needs a refund. Justify your decision with a quote from the ticket.\nAnswer only yes or no.",
    );
    expect(f.length).toBeGreaterThan(0);
  });
  it("quiet: the one word first, then the explanation on the next line", () => {
    expect(
      contradictions(
        "Classify the review as POSITIVE or NEGATIVE. Reply with a single word on the first line. Then, on the next line, explain your decision in one sentence.",
      ),
    ).toEqual([]);
  });
  it("quiet: a one-word reply only when the user asks a yes/no question", () => {
    expect(
      contradictions(
        "You answer questions about our return policy and explain why each rule exists. If the user asks a yes/no question, answer with yes or no only.",
      ),
    ).toEqual([]);
  });
  it("fires: every reply a JSON object, then plain text without braces", () => {
    const f = contradictions(
      "You are the helper inside our travel app.\n\n## Format\nEvery reply is a single JSON object with the keys answer and links.\n\n## Style\nWrite your reply as plain conversational text with no brackets, braces or code of any kind.",
    );
    expect(f).toHaveLength(1);
  });
  it("quiet: plain text inside a field of the JSON reply", () => {
    expect(
      contradictions(
        "Return a single JSON object with the keys answer and sources. Write the answer field as plain conversational text, no Markdown.",
      ),
    ).toEqual([]);
  });
  it("fires: CSV for the loader, then a JSON object for the parser", () => {
    const f = contradictions(
      "Extract the supplier, date and total from the receipt.\n- Output CSV with a header row; our importer only accepts CSV.\n- Dates in ISO 8601.\n\nThe next step parses your answer with a JSON parser, so return a single JSON object with these keys and nothing else.",
    );
    expect(f).toHaveLength(1);
  });
  it("quiet: a CSV file described inside the JSON reply", () => {
    expect(
      contradictions(
        "Read the attached CSV export of orders. Return a JSON object with the total per customer.",
      ),
    ).toEqual([]);
  });
});
