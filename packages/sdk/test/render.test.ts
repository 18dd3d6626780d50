// The shared renderer: Mustache behaviours, typed variable checks, prototype and code-execution attempts,
// error positions, limits, and that templates written for the old `{{name}}` renderer render exactly as
// before (including a property test against that renderer's algorithm, kept below as the reference).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkVariables,
  parseTemplate,
  RENDER_LIMITS,
  render,
  renderMessages,
  TemplateRenderError,
  TemplateSyntaxError,
  type VariableSpec,
} from "../src/render.js";

function syntaxError(fn: () => unknown): TemplateSyntaxError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TemplateSyntaxError) return e;
    throw e;
  }
  throw new Error("expected a TemplateSyntaxError");
}

function renderError(fn: () => unknown): TemplateRenderError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TemplateRenderError) return e;
    throw e;
  }
  throw new Error("expected a TemplateRenderError");
}

describe("variables", () => {
  it("inserts values, allowing whitespace inside the braces, and renders a name without a value empty", () => {
    expect(render("Hi {{ name }}, {{topic}}!{{none}}", { name: "Ada", topic: "cats" })).toBe("Hi Ada, cats!");
  });

  it("renders numbers, booleans, lists and objects (as JSON), and dates as ISO text", () => {
    const out = render("{{n}} {{b}} {{list}} {{obj}} {{when}} {{nil}}", {
      n: 2.5,
      b: false,
      list: [1, "x"],
      obj: { a: { b: null } },
      when: new Date("2026-01-02T03:04:05Z"),
      nil: null,
    });
    expect(out).toBe('2.5 false [1,"x"] {"a":{"b":null}} 2026-01-02T03:04:05.000Z ');
  });

  it("follows dotted names, including list indexes", () => {
    const values = { user: { name: { first: "Ada" } }, items: ["a", "b"] };
    expect(render("{{user.name.first}} {{items.1}} {{user.missing.deeper}}", values)).toBe("Ada b ");
  });

  it("never escapes HTML: {{x}}, {{{x}}} and {{& x}} all insert the value verbatim", () => {
    const x = `<b class="q">&'</b>`;
    expect(render("{{x}}|{{{x}}}|{{& x}}", { x })).toBe(`${x}|${x}|${x}`);
  });

  it("never parses a value as a template", () => {
    expect(render("{{a}}-{{b}}", { a: "{{b}}", b: "{{#a}}x{{/a}}" })).toBe("{{b}}-{{#a}}x{{/a}}");
  });

  it("keeps single braces and a '}}' that closes nothing as text (JSON in prompts)", () => {
    const src = 'Reply as {"answer": {"text": "{{a}}"}} or {x}';
    expect(render(src, { a: "yes" })).toBe('Reply as {"answer": {"text": "yes"}} or {x}');
  });
});

describe("sections", () => {
  it("skips a section for missing, false, null, 0, empty string and empty list", () => {
    for (const v of [undefined, false, null, 0, "", []]) {
      expect(render("[{{#v}}shown{{/v}}]", { v })).toBe("[]");
    }
  });

  it("repeats a section for each list item, with {{.}} as the item", () => {
    expect(render("{{#tags}}<{{.}}>{{/tags}}", { tags: ["a", "b", "c"] })).toBe("<a><b><c>");
  });

  it("enters each item of a list of objects, falling back to outer names", () => {
    const values = { sep: ";", people: [{ name: "Ada" }, { name: "Alan", sep: "!" }] };
    expect(render("{{#people}}{{name}}{{sep}}{{/people}}", values)).toBe("Ada;Alan!");
  });

  it("enters an object once, and renders once for a truthy scalar with {{.}} as the value", () => {
    expect(render("{{#user}}{{name}} ({{role}}){{/user}}", { user: { name: "Ada" }, role: "admin" })).toBe(
      "Ada (admin)",
    );
    expect(render("{{#n}}n={{.}}{{/n}}{{#flag}} on{{/flag}}", { n: 3, flag: true })).toBe("n=3 on");
  });

  it("renders an inverted section only for falsy values and empty lists", () => {
    const src = "{{^items}}none{{/items}}{{#items}}{{.}}{{/items}}";
    expect(render(src, { items: [] })).toBe("none");
    expect(render(src, {})).toBe("none");
    expect(render(src, { items: ["x"] })).toBe("x");
    expect(render("{{^ok}}no{{/ok}}", { ok: true })).toBe("");
  });

  it("nests sections and dotted section names", () => {
    const values = { a: { list: [{ xs: [1, 2] }, { xs: [] }] } };
    expect(render("{{#a.list}}[{{#xs}}{{.}}{{/xs}}{{^xs}}-{{/xs}}]{{/a.list}}", values)).toBe("[12][-]");
  });

  it("drops the lines of standalone section tags and comments, so block templates leave no blank lines", () => {
    const src = "Examples:\n{{#examples}}\n  - {{.}}\n{{/examples}}\r\n{{! a note for authors }}\nEnd";
    expect(render(src, { examples: ["a", "b"] })).toBe("Examples:\n  - a\n  - b\nEnd");
    // A tag sharing its line with text is not standalone: its line stays.
    expect(render("x {{#a}}y{{/a}}\nz", { a: true })).toBe("x y\nz");
  });

  it("ignores comments, even over several lines", () => {
    expect(render("a{{! note {with} braces\n second line }}b", {})).toBe("ab");
  });
});

describe("partials", () => {
  it("includes a partial by the exact reference in the tag, with the current context", () => {
    const partials = { "support/tone": "Be {{tone}}.", "support/tone@production": "Be {{tone}}!" };
    expect(render("{{> support/tone}} {{>support/tone@production}}", { tone: "kind" }, { partials })).toBe(
      "Be kind. Be kind!",
    );
    expect(
      render(
        "{{#people}}{{> person}};{{/people}}",
        { people: [{ n: 1 }, { n: 2 }] },
        {
          partials: { person: "#{{n}}" },
        },
      ),
    ).toBe("#1;#2;");
  });

  it("indents a standalone partial's lines like its tag", () => {
    expect(render("List:\n  {{> items}}\nEnd", {}, { partials: { items: "a\nb\n" } })).toBe(
      "List:\n  a\n  b\nEnd",
    );
  });

  it("names a missing partial", () => {
    const e = renderError(() => render("x {{> intro@staging}}", {}, { partials: { intro: "hi" } }));
    expect(e.kind).toBe("missing_partial");
    expect(e.partial).toBe("intro@staging");
    expect(e.message).toContain("intro@staging");
    expect(renderError(() => render("{{> toString}}", {}, {})).kind).toBe("missing_partial");
  });

  it("reports a syntax error inside a partial with the partial's name and position", () => {
    const e = syntaxError(() => render("{{> p}}", {}, { partials: { p: "ok\n  {{#a}}" } }));
    expect(e.partial).toBe("p");
    expect([e.line, e.column]).toEqual([2, 3]);
  });

  it("stops partials that include themselves forever", () => {
    const e = renderError(() => render("{{> loop}}", {}, { partials: { loop: "x{{> loop}}" } }));
    expect(e.kind).toBe("too_deep");
    // Recursion that ends with the data is fine.
    const tree = { name: "a", kids: [{ name: "b", kids: [{ name: "c", kids: [] }] }] };
    expect(render("{{> node}}", tree, { partials: { node: "{{name}}({{#kids}}{{> node}}{{/kids}})" } })).toBe(
      "a(b(c()))",
    );
  });
});

describe("no prototype access and no code execution", () => {
  it("finds nothing on Object.prototype", () => {
    const src = "[{{constructor}}][{{__proto__}}][{{toString}}][{{hasOwnProperty}}][{{a.constructor.name}}]";
    expect(render(src, { a: {} })).toBe("[][][][][]");
    expect(render("{{#constructor}}x{{/constructor}}{{^toString}}y{{/toString}}", {})).toBe("y");
    expect(render("{{s.length}}|{{#s}}{{length}}{{/s}}", { s: "abc" })).toBe("|");
  });

  it("does not read a polluted prototype or an inherited property", () => {
    const values = Object.create({ inherited: "leak" }) as Record<string, unknown>;
    values.own = "ok";
    expect(render("{{own}}{{inherited}}", values)).toBe("ok");
  });

  it("never calls functions, getters or toJSON", () => {
    let calls = 0;
    const fn = () => {
      calls++;
      return "ran";
    };
    const values = {
      f: fn,
      obj: { toJSON: fn, x: 1 },
      get g() {
        calls++;
        return "ran";
      },
    };
    expect(render("[{{f}}][{{#f}}s{{/f}}][{{^f}}inv{{/f}}][{{g}}][{{obj}}]", values)).toBe(
      '[][][inv][][{"x":1}]',
    );
    expect(calls).toBe(0);
  });

  it("treats a JSON '__proto__' key as an ordinary own value", () => {
    const values = JSON.parse('{"__proto__": {"x": "own"}}') as Record<string, unknown>;
    expect(render("{{__proto__.x}}", values)).toBe("own");
    expect(render("{{x}}", values)).toBe("");
  });
});

describe("syntax errors", () => {
  it.each([
    ["Hello {{name", "Unclosed '{{'", [1, 7]],
    ["a\n {{#list}}x", "Unclosed section '{{#list}}'", [2, 2]],
    ["{{#a}}x{{/b}}", "does not close '{{#a}}' opened at line 1, column 1", [1, 8]],
    ["x\n\n  {{/a}}", "closes no open section", [3, 3]],
    ["{{# }}", "Malformed section", [1, 1]],
    ["{{1bad}}", "Malformed placeholder", [1, 1]],
    ["{{first name}}", "Malformed placeholder", [1, 1]],
    ["{{> bad name}}", "Malformed partial", [1, 1]],
    ["{{=<% %>=}}", "delimiters", [1, 1]],
  ])("rejects %j with line and column", (src, message, [line, column]) => {
    const parsed = parseTemplate(src);
    expect(parsed.errors[0]?.message).toContain(message);
    const e = syntaxError(() => render(src, {}));
    expect(e.message).toContain(message);
    expect([e.line, e.column]).toEqual([line, column]);
  });

  it("reports several errors in source order", () => {
    const parsed = parseTemplate("{{#a}}\n{{/b}} {{1x}}\n{{c");
    // The mismatched close ends '{{#a}}' too, so that section is not also reported as unclosed.
    expect(parsed.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 1],
      [2, 8],
      [3, 1],
    ]);
  });

  it("caps the number of errors and stays fast on hostile input", () => {
    const started = performance.now();
    expect(parseTemplate("{{/x}}\n".repeat(20_000)).errors).toHaveLength(RENDER_LIMITS.maxErrors);
    expect(parseTemplate("{{#a}}".repeat(20_000)).errors).toHaveLength(RENDER_LIMITS.maxErrors);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("parseTemplate", () => {
  it("lists root variables, names inside sections, and partials with labels", () => {
    const p = parseTemplate(
      "{{greeting}} {{#user}}{{name}} {{greeting}}{{/user}}{{^empty}}{{fallback}}{{/empty}}{{user.id}}" +
        "{{> base/intro@production}}{{> footer}}{{> footer}}{{.}}",
    );
    expect(p.errors).toEqual([]);
    expect(p.variables).toEqual(["greeting", "user", "empty", "fallback"]);
    expect(p.nestedNames).toEqual(["name"]);
    expect(p.partials).toEqual([{ name: "base/intro", label: "production" }, { name: "footer" }]);
  });

  it("gives every tag with its offsets", () => {
    const p = parseTemplate("a {{ x }}{{#s}}{{! c }}{{/s}}");
    expect(p.tags.map((t) => [t.kind, t.name, t.start, t.end])).toEqual([
      ["variable", "x", 2, 9],
      ["section", "s", 9, 15],
      ["comment", "", 15, 23],
      ["close", "s", 23, 29],
    ]);
  });
});

describe("limits", () => {
  const nest = (n: number) =>
    `${Array.from({ length: n }, (_, i) => `{{#s${i}}}`).join("")}x${Array.from({ length: n }, (_, i) => `{{/s${n - 1 - i}}}`).join("")}`;

  it(`allows sections nested ${RENDER_LIMITS.maxNesting} deep and refuses one more`, () => {
    const values = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`s${i}`, true]));
    expect(render(nest(RENDER_LIMITS.maxNesting), values)).toBe("x");
    const e = syntaxError(() => render(nest(RENDER_LIMITS.maxNesting + 1), values));
    expect(e.message).toContain(`nested more than ${RENDER_LIMITS.maxNesting} deep`);
    expect(e.errors).toHaveLength(1);
    expect(e.column).toBe(nest(RENDER_LIMITS.maxNesting).indexOf("x") + 1);
  });

  it(`allows output of ${RENDER_LIMITS.maxOutput} characters and refuses one more`, () => {
    const half = "y".repeat(RENDER_LIMITS.maxOutput / 2);
    expect(render("{{a}}{{a}}", { a: half })).toHaveLength(RENDER_LIMITS.maxOutput);
    expect(renderError(() => render("{{a}}{{a}}!", { a: half })).kind).toBe("too_long");
    // A list multiplies a value: still bounded.
    const items = Array.from({ length: 1000 }, () => ({}));
    expect(renderError(() => render("{{#items}}{{a}}{{/items}}", { items, a: "z".repeat(1001) })).kind).toBe(
      "too_long",
    );
  });

  it("counts all messages of a chat prompt against one output limit", () => {
    const half = "y".repeat(RENDER_LIMITS.maxOutput / 2);
    const msgs = [
      { role: "system", content: "{{a}}" },
      { role: "user", content: "{{a}}!" },
    ];
    expect(renderError(() => renderMessages(msgs, { a: half })).kind).toBe("too_long");
  });

  it("refuses nested loops whose work is huge even when the output is small", () => {
    const list = Array.from({ length: 200 }, () => 1);
    const e = renderError(() => render("{{#l}}{{#l}}{{#l}}{{! nothing }}{{/l}}{{/l}}{{/l}}", { l: list }));
    expect(e.kind).toBe("too_complex");
  });

  it("refuses a value nested too deep (or referring to itself) rather than looping", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(renderError(() => render("{{c}}", { c: cyclic })).kind).toBe("too_deep");
  });
});

describe("renderMessages", () => {
  it("renders each message's content, keeping roles and other fields", () => {
    const out = renderMessages(
      [
        { role: "system", content: "You help with {{topic}}.", name: "sys" },
        { role: "user", content: "{{#q}}Q: {{.}}\n{{/q}}" },
      ],
      { topic: "cats", q: ["why?", "how?"] },
    );
    expect(out).toEqual([
      { role: "system", content: "You help with cats.", name: "sys" },
      { role: "user", content: "Q: why?\nQ: how?\n" },
    ]);
  });
});

describe("checkVariables", () => {
  const specs: VariableSpec[] = [
    { name: "topic", type: "string", required: true },
    { name: "count", type: "number", default: 3 },
    { name: "formal", type: "boolean" },
    { name: "tone", type: "enum", enum_values: ["kind", "blunt"], default: "kind" },
    { name: "extra", type: "json" },
  ];

  it("applies defaults and passes valid values through", () => {
    const r = checkVariables(specs, { topic: "cats", formal: false, extra: { a: [1, null] } });
    expect(r.issues).toEqual([]);
    expect({ ...r.values }).toEqual({
      topic: "cats",
      count: 3,
      formal: false,
      tone: "kind",
      extra: { a: [1, null] },
    });
  });

  it("names each missing, unknown and mistyped variable", () => {
    const r = checkVariables(specs, {
      count: "3",
      formal: "yes",
      tone: "rude",
      colour: "red",
      extra: () => 1,
    });
    expect(r.issues).toEqual([
      { variable: "topic", message: "is required" },
      { variable: "count", message: "must be a number, not a string" },
      { variable: "formal", message: "must be true or false, not a string" },
      { variable: "tone", message: "must be one of: kind, blunt" },
      { variable: "extra", message: expect.stringContaining("must be JSON data") },
      { variable: "colour", message: "is not a variable of this prompt" },
    ]);
  });

  it("rejects non-finite numbers, non-string enum values and non-JSON objects", () => {
    const r = checkVariables(specs, {
      topic: 1,
      count: Number.NaN,
      tone: 1,
      extra: new Map(),
    });
    expect(r.issues.map((i) => i.variable)).toEqual(["topic", "count", "tone", "extra"]);
    const cyclic: Record<string, unknown> = {};
    cyclic.me = cyclic;
    expect(checkVariables([{ name: "j", type: "json" }], { j: cyclic }).issues).toHaveLength(1);
  });

  it("treats undefined as not given, and a prototype name as unknown rather than declared", () => {
    const given = JSON.parse('{"topic": "x", "__proto__": {"polluted": true}, "constructor": 1}');
    const r = checkVariables(specs, { ...given, formal: undefined });
    expect(r.issues.map((i) => i.variable)).toEqual(["__proto__", "constructor"]);
    expect(Object.getPrototypeOf(r.values)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------------
// Compatibility with the renderer templates used before sections existed. This is that renderer's
// algorithm, kept as the reference: a placeholder is `{{` up to the next `}}` holding one simple name.

const OLD_NAME = /^\s*([A-Za-z_][A-Za-z0-9_]{0,63})\s*$/;

function oldParse(content: string): {
  ok: boolean;
  placeholders: { name: string; start: number; end: number }[];
} {
  const placeholders: { name: string; start: number; end: number }[] = [];
  let i = 0;
  while (i < content.length) {
    const open = content.indexOf("{{", i);
    const close = content.indexOf("}}", i);
    if (close !== -1 && (open === -1 || close < open)) return { ok: false, placeholders };
    if (open === -1) break;
    const end = content.indexOf("}}", open + 2);
    if (end === -1) return { ok: false, placeholders };
    const m = OLD_NAME.exec(content.slice(open + 2, end));
    if (!m) return { ok: false, placeholders };
    placeholders.push({ name: m[1] as string, start: open, end: end + 2 });
    i = end + 2;
  }
  return { ok: true, placeholders };
}

function oldRender(content: string, values: Record<string, string>): string {
  const { placeholders } = oldParse(content);
  let out = "";
  let at = 0;
  for (const p of placeholders) {
    out += content.slice(at, p.start) + (Object.hasOwn(values, p.name) ? values[p.name] : "");
    at = p.end;
  }
  return out + content.slice(at);
}

describe("templates written for the old renderer", () => {
  it.each([
    ["Hi {{ name }}, {{topic}} and {{name}} again {{  _x9 }}", { name: "A", topic: "T", _x9: "9" }],
    ['JSON: {"a": {"b": 1} } and {{v}}', { v: "1" }],
    ["{ {{v}} }", { v: "x" }],
    ["line one\n  {{v}}  \nline three\n", { v: "standalone variable lines stay" }],
    [`{{${"a".repeat(64)}}}`, { ["a".repeat(64)]: "long" }],
    ["{{\n\tv\n}}", { v: "whitespace of any kind" }],
  ])("renders %j exactly as before", (src, values) => {
    expect(oldParse(src).ok).toBe(true);
    expect(render(src, values)).toBe(oldRender(src, values));
  });

  it("keeps rejecting what the old renderer rejected, in the variables-only dialect", () => {
    for (const src of ["{{a", "a}}", "{{{a}}}", "{{#a}}{{/a}}", "{{> p}}", "{{! c }}", "{{a.b}}", "{{}}"]) {
      expect(oldParse(src).ok).toBe(false);
      expect(parseTemplate(src, { variablesOnly: true }).errors.length).toBeGreaterThan(0);
    }
  });

  // Pieces that make up variable-only templates: text full of single braces, whitespace and newlines,
  // and placeholders with any inner whitespace.
  const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/);
  const text = fc.stringMatching(/^[a-z {}\n\t"#^/!>.:]{0,12}$/);
  const placeholder = fc
    .tuple(fc.stringMatching(/^[ \t\n]{0,2}$/), name, fc.stringMatching(/^[ \t\n]{0,2}$/))
    .map(([a, n, b]) => ({ src: `{{${a}${n}${b}}}`, name: n }));

  it("property: for random variable-only templates, the new renderer equals the old one", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, placeholder), { maxLength: 8 }),
        text,
        fc.dictionary(name, fc.string({ maxLength: 6 })),
        (pieces, tail, given) => {
          const src = pieces.map(([t, p]) => t + p.src).join("") + tail;
          const old = oldParse(src);
          const parsed = parseTemplate(src, { variablesOnly: true });
          // Both parsers accept and reject the same sources, and find the same placeholders.
          expect(parsed.errors.length === 0).toBe(old.ok);
          if (!old.ok) return;
          expect(parsed.tags.map((t) => [t.name, t.start, t.end])).toEqual(
            old.placeholders.map((p) => [p.name, p.start, p.end]),
          );
          const values: Record<string, string> = { ...given };
          for (const [, p] of pieces) if (!Object.hasOwn(values, p.name)) values[p.name] = `<${p.name}>`;
          expect(render(src, values)).toBe(oldRender(src, values));
        },
      ),
      { numRuns: 500 },
    );
  });
});
