// The prompt file format of pull and push: any content survives format → parse unchanged (text and
// chat, `---` lines, unicode, trailing whitespace, CR, empty lines), and a broken file is refused with
// a reason a person can act on.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatPromptFile,
  type PromptFileData,
  PromptFileError,
  parsePromptFile,
} from "../../src/cli/prompt-files.js";

const tricky = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.constantFrom(
    "---",
    "---\n",
    "a\n---\nb",
    "\n---\n---\n",
    "trailing spaces   \nand tabs\t\t\n",
    "  leading\n\n\n",
    "ends without newline",
    "windows\r\nline\r\n",
    "{{#items}}- {{.}}\n{{/items}}",
    "émoji 🧪 and 中文 and \u200b zero-width",
    "key: value\n- list\n# comment",
    "",
  ),
);
const lines = fc.array(tricky, { maxLength: 4 }).map((parts) => parts.join("\n"));
const json = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);

const textPrompt = fc.record({
  project: fc.constant("support-bot"),
  name: fc.constantFrom("greet", "support/triage/classify", "a.b_c-d/e"),
  type: fc.constant("text" as const),
  version: fc.integer({ min: 1, max: 2_147_483_647 }),
  labels: fc.array(fc.constantFrom("production", "staging", "latest"), { maxLength: 3 }),
  variables: fc.array(
    fc.record({ name: fc.constantFrom("x", "y"), type: fc.constant("string"), description: tricky }),
    { maxLength: 2 },
  ),
  config: fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 3 }),
  content: lines,
});
const chatPrompt = fc.record({
  name: fc.constant("support/chat"),
  type: fc.constant("chat" as const),
  labels: fc.constant<string[]>([]),
  variables: fc.constant<unknown[]>([]),
  config: fc.constant({}),
  messages: fc.array(
    fc.record({
      role: fc.constantFrom("system" as const, "user" as const, "assistant" as const),
      content: lines,
    }),
    { maxLength: 4 },
  ),
});

describe("prompt files", () => {
  it("give back exactly what was written, for any text prompt", () => {
    fc.assert(
      fc.property(textPrompt, (p) => {
        expect(parsePromptFile(formatPromptFile(p))).toEqual(p);
      }),
      { numRuns: 400 },
    );
  });

  it("give back exactly what was written, for any chat prompt", () => {
    fc.assert(
      fc.property(chatPrompt, (p) => {
        expect(parsePromptFile(formatPromptFile(p))).toEqual(p);
      }),
      { numRuns: 300 },
    );
  });

  it("read a hand-written file, and one whose editor dropped or kept the final newline", () => {
    const file = `---
project: support-bot
name: support/greet
type: text
version: 3
labels: [production]
variables:
  - name: customer
    type: string
    required: true
config:
  model: gpt-4o-mini
---
Hello {{customer}}.
---
Signed, the team.
`;
    const p = parsePromptFile(file);
    expect(p).toMatchObject({ name: "support/greet", version: 3, config: { model: "gpt-4o-mini" } });
    expect(p.content).toBe("Hello {{customer}}.\n---\nSigned, the team.");
    expect(parsePromptFile(file.slice(0, -1)).content).toBe(p.content);
    // what pull writes is stable
    expect(formatPromptFile(parsePromptFile(formatPromptFile(p)))).toBe(formatPromptFile(p));
  });

  it("refuse broken files with the reason", () => {
    const bad: [string, RegExp][] = [
      ["name: x\n---\nbody", /does not start with a '---' line/],
      ["---\nname: x\nbody", /no '---' line closing/],
      ["---\nname: [unclosed\n---\n", /not valid YAML/],
      ["---\n- a\n---\n", /must be a mapping/],
      ["---\nname: Not A Name\n---\n", /name must be lower-case/],
      ["---\nname: ../etc/passwd\n---\n", /name must be lower-case/],
      ["---\nname: x\nversoin: 3\n---\n", /unknown front matter key\(s\): versoin/],
      ["---\nname: x\ntype: audio\n---\n", /type must be text or chat/],
      ["---\nname: x\nversion: 0\n---\n", /version must be a whole number/],
      ["---\nname: x\nconfig: [1]\n---\n", /config must be a mapping/],
      ["---\nname: x\ntype: chat\nmessages: []\n---\nbody", /body must be empty/],
      ["---\nname: x\ntype: chat\nmessages: [{role: robot, content: hi}]\n---\n", /messages must be a list/],
      ["---\nname: x\nmessages: []\n---\n", /messages belong to chat prompts/],
      ["---\nname: x\nname: y\n---\n", /not valid YAML/],
    ];
    for (const [text, reason] of bad) {
      expect(() => parsePromptFile(text), text).toThrow(PromptFileError);
      expect(() => parsePromptFile(text), text).toThrow(reason);
    }
  });

  it("write a chat prompt's messages in the front matter and leave the body empty", () => {
    const p: PromptFileData = {
      name: "support/chat",
      type: "chat",
      version: 2,
      labels: [],
      variables: [],
      config: {},
      messages: [
        { role: "system", content: "You triage tickets.\nBe brief." },
        { role: "user", content: "{{ticket}}" },
      ],
    };
    const text = formatPromptFile(p);
    expect(text.endsWith("---\n")).toBe(true);
    expect(text).toContain("role: system");
    expect(parsePromptFile(text)).toEqual(p);
  });
});
