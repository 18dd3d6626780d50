// Engine 2.15.1. A prompt with Windows ("\r\n") or old Mac ("\r") line breaks, or Unicode line separators, is
// read as the same prompt with "\n" (2.15.0 gave one real or labelled prompt in twenty other findings or
// another score), with its spans still pointing into the text sent. The same prompt read twice gives the
// same answer (one reading kept state from the prompt before). And the shapes below, each within the
// 50,000-character limit, took seconds to over a minute of the event loop before; the assertions check what
// is found, and a slow reading fails by the time-out each test is given.
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import { normaliseBreaks } from "../../src/features/analysis/engine/line-breaks.js";
import { headingAbove } from "../../src/features/analysis/engine/rules/duplicates-places.js";

const LIMIT = 50_000;
/** Fails the test when one analysis keeps the event loop longer than this (they take well under 1 s). */
const BOUND_MS = 10_000;

const PROMPT = [
  "You are a support agent for Fernweh Travel.",
  "",
  "Answer the customer's question below in at most three sentences, in a warm tone. Do not promise refunds.",
  "If the booking reference is missing, ask for it.",
  "",
  '"""',
  "Hi, my flight to Lisbon was moved by six hours. Can I still change the hotel night?",
  '"""',
].join("\n");

/** The result with each span replaced by the text it points at (line breaks as "\n"). */
function readable(text: string) {
  const r = analyze(text);
  const at = (s: { start: number; end: number } | null) =>
    s && text.slice(s.start, s.end).replace(/\r\n?|[\u2028\u2029]/g, "\n");
  return {
    scores: r.scores,
    findings: r.findings.map((f) => ({ ...f, spans: f.spans.map(at) })),
    checklist: r.checklist.map((c) => ({ ...c, evidence: at(c.evidence) })),
    stats: { ...r.stats, characters: 0 },
    language: r.language,
  };
}

describe("line breaks other than \\n", () => {
  it.each([
    ["\\r\\n", "\r\n"],
    ["\\r", "\r"],
    ["U+2028", "\u2028"],
    ["U+2029", "\u2029"],
  ])("when the lines end in %s, then the prompt reads as with \\n and its spans point into it", (_, br) => {
    const given = PROMPT.replaceAll("\n", br);
    expect(readable(given)).toEqual(readable(PROMPT));
    expect(analyze(given).stats.characters).toBe(given.length);
  });

  it("when a finding's span covers a Windows line break, then it covers the \\r with its \\n", () => {
    const given = "Write a poem.\r\nWrite a poem.\r\nMake it rhyme.";
    for (const f of analyze(given).findings)
      for (const s of f.spans) {
        expect(given[s.start]).not.toBe("\n");
        expect(given[s.end - 1]).not.toBe("\r");
      }
  });

  it("maps each offset past the \\r it dropped", () => {
    const { text, joined } = normaliseBreaks("a\r\nb\rc\r\n\r\nd");
    expect(text).toBe("a\nb\nc\n\nd");
    expect(joined).toEqual([1, 5, 6]);
    expect(normaliseBreaks("plain\ntext")).toEqual({ text: "plain\ntext", joined: [] });
  });
});

describe("the same prompt read twice", () => {
  it("when a prompt with a named place in its second ask is read again, then the answer is the same", () => {
    const text =
      "You can query our orders database with run_sql(query).\n\n" +
      "1. Count last week's orders per country and show them as a table.\n" +
      "2. Write a short poem for Malik's leaving card.\n" +
      "3. What time is it in Reykjavik right now?";
    const first = analyze(text);
    expect(analyze(text)).toEqual(first);
    expect(analyze(text)).toEqual(first);
  });
});

describe("hostile shapes within the length limit", () => {
  const fill = (unit: string) => unit.repeat(Math.ceil(LIMIT / unit.length)).slice(0, LIMIT);

  it.each([
    ["template variables", "{{user}}"],
    ["quotation marks", '"'],
    ["code fences between blank lines", "```\n\n"],
    ["triple quotes between blank lines", '"""\n\n'],
    ["template variables between blank lines", "{{x}}\n\n"],
    ["questions on lines of their own", "?\n"],
    ["colons on lines of their own", ":\n"],
    ["lone carriage returns between quotes", '\r"'],
    ["headings ended by carriage returns", "#\r"],
    ["words ended by carriage returns", "a\r"],
    ["non-breaking spaces", "\u00a0"],
  ])(
    "when %s fill the prompt, then it is read in time and asks for nothing",
    (_, unit) => {
      const r = analyze(fill(unit));
      expect(r.stats.characters).toBe(LIMIT);
      expect(r.findings.map((f) => f.kind)).toContain("no_task");
    },
    BOUND_MS,
  );

  it.each([
    ["letters of two scripts in one word", "Aя", ""],
    ["Latin and Chinese in one word", "a中", ""],
    ["labels between blank lines", "\n\nTask: ", "Task:"],
  ])(
    "when %s fill the prompt, then it is read in time",
    (_, unit, word) => {
      const r = analyze(fill(unit));
      expect(r.stats.characters).toBe(LIMIT);
      for (const f of r.findings)
        for (const s of f.spans) expect(fill(unit).slice(s.start, s.end)).toContain(word);
    },
    BOUND_MS,
  );
});

describe("the nearest heading above a line", () => {
  const text = ["## Examples", "one", "two", "Notes:", "three", "", "x".repeat(3100), "four"].join("\n");
  it("finds the nearest heading, a markdown one when asked, and none beyond the look-back window", () => {
    expect(headingAbove(text, text.indexOf("two"))).toBe("examples");
    expect(headingAbove(text, text.indexOf("three"))).toBe("notes");
    expect(headingAbove(text, text.indexOf("three"), true)).toBe("examples");
    expect(headingAbove(text, text.indexOf("four"))).toBe("");
    expect(headingAbove(text, 0)).toBe("");
  });
  it(
    "reads each line once per text however many lines ask",
    () => {
      const lines = Array.from({ length: 30_000 }, (_, i) => (i % 1000 === 0 ? "Section:" : "?")).join("\n");
      let found = 0;
      for (let at = lines.indexOf("\n"); at >= 0; at = lines.indexOf("\n", at + 1))
        if (headingAbove(lines, at + 1) === "section") found++;
      expect(found).toBeGreaterThan(1000);
    },
    BOUND_MS,
  );
});
