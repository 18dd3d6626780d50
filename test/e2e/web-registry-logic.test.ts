// The registry pages' pure logic, without a browser: the folder tree prompt names make, the typed
// variables editor's checks and its round trip to the API's VariableSpec, the config checked against a
// JSON Schema, chat messages and prompt names, labels per version, the registry settings form, and who
// may decide a promotion (checked against the server's permission table).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROLES, roleAllows } from "../../src/features/projects/permissions.js";
import { checkConfig, publishedConfigSchema } from "../../src/features/prompts/prompt-config.js";
import {
  checkVariables,
  MESSAGE_ROLES as SERVER_MESSAGE_ROLES,
  VARIABLE_LIMITS,
} from "../../src/features/prompts/prompt-shape.js";
import { LABEL_PATTERN as SERVER_LABEL_PATTERN } from "../../src/features/registry/label-targets.js";
import { WEBHOOK_EVENTS as SERVER_WEBHOOK_EVENTS } from "../../src/features/webhooks/webhook-events.js";
import { checkMessages, joinMessages, nameProblem } from "../../web/src/lib/chat.js";
import {
  type FolderEntry,
  type FolderNode,
  folderOf,
  folderTrail,
  inFolder,
  treeFromFolders,
} from "../../web/src/lib/folders.js";
import { parseConfigText, validateAgainstSchema } from "../../web/src/lib/json-schema.js";
import { labelsByVersion } from "../../web/src/lib/labels.js";
import { MESSAGE_ROLES, type PromptLabel, WEBHOOK_EVENTS } from "../../web/src/lib/registry-types.js";
import {
  canApprove,
  canMoveLabels,
  canRequestPromotion,
  LABEL_PATTERN,
  labelProblem,
  mayDecide,
} from "../../web/src/lib/roles.js";
import { settingsBody } from "../../web/src/lib/settings-form.js";
import {
  checkVariableDrafts,
  draftOf,
  emptyVariable,
  moveItem,
  parseDefault,
  specsOf,
  VARIABLE_TYPES,
  type VariableDraft,
  type VariableSpec,
} from "../../web/src/lib/variables.js";

/** The tree as "path:own/total" lines, depth first, for readable expectations. */
function flat(n: FolderNode): string[] {
  return [`${n.path || "/"}:${n.own}/${n.total}`, ...n.folders.flatMap(flat)];
}

/** The server's flat folder list for `names` (as GET …/prompts/folders answers), written plainly. */
function folderList(names: readonly string[]): { items: FolderEntry[]; root: number } {
  const own = new Map<string, number>();
  const total = new Map<string, number>();
  let root = 0;
  for (const name of names) {
    const folder = folderOf(name);
    if (folder === "") root++;
    else own.set(folder, (own.get(folder) ?? 0) + 1);
    for (const f of folderTrail(folder)) total.set(f, (total.get(f) ?? 0) + 1);
  }
  const items = [...total.keys()]
    .sort()
    .map((path) => ({ path, prompts: own.get(path) ?? 0, total: total.get(path) ?? 0 }));
  return { items, root };
}

describe("folder tree", () => {
  it("hangs the server's flat folder list into a tree sorted by name, with the counts it gives", () => {
    const { items, root } = folderList([
      "support/triage/classify",
      "support/triage/route",
      "support/reply",
      "onboarding/welcome",
      "standalone",
    ]);
    const tree = treeFromFolders(items, root);
    expect(flat(tree)).toEqual(["/:1/5", "onboarding:1/1", "support:1/3", "support/triage:2/2"]);
    expect(tree.folders.map((f) => f.name)).toEqual(["onboarding", "support"]);
  });

  it("places a folder listed before its parent, makes a missing parent, and ignores repeats and empty paths", () => {
    const tree = treeFromFolders(
      [
        { path: "a/b", prompts: 2, total: 2 },
        { path: "a", prompts: 1, total: 3 },
        { path: "x/y", prompts: 1, total: 1 },
        { path: "a", prompts: 9, total: 9 },
        { path: "", prompts: 5, total: 5 },
      ],
      0,
    );
    expect(flat(tree)).toEqual(["/:0/4", "a:1/3", "a/b:2/2", "x:0/1", "x/y:1/1"]);
  });

  it("gives the same tree whatever the order of the list, with every prompt counted once", () => {
    const segment = fc.stringMatching(/^[a-c]{1,2}$/);
    const names = fc.array(fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join("/")));
    fc.assert(
      fc.property(names, fc.integer(), (list, seed) => {
        const { items, root } = folderList(list);
        const shuffled = [...items].sort(
          (a, b) => ((a.path.length * 31 + seed) % 7) - ((b.path.length * 31 + seed) % 7),
        );
        const tree = treeFromFolders(items, root);
        expect(treeFromFolders(shuffled, root)).toEqual(tree);
        expect(tree.total).toBe(list.length);
        const sumOwn = (n: FolderNode): number => n.own + n.folders.reduce((a, f) => a + sumOwn(f), 0);
        expect(sumOwn(tree)).toBe(list.length);
      }),
    );
  });

  it("says which folder a name is in and lists a folder's ancestors", () => {
    expect(folderOf("a/b/c")).toBe("a/b");
    expect(folderOf("c")).toBe("");
    expect(inFolder("support/triage/x", "support")).toBe(true);
    // A folder prefix is a whole segment: "support" does not hold "supporters/x".
    expect(inFolder("supporters/x", "support")).toBe(false);
    expect(inFolder("anything", "")).toBe(true);
    expect(folderTrail("a/b/c")).toEqual(["a", "a/b", "a/b/c"]);
    expect(folderTrail("")).toEqual([]);
  });
});

describe("typed variables editor", () => {
  const row = (patch: Partial<VariableDraft>): VariableDraft => ({ ...emptyVariable(), ...patch });

  it("names each bad row and field: empty, malformed and duplicate names, enums without values, mistyped defaults", () => {
    const issues = checkVariableDrafts([
      row({ name: "" }),
      row({ name: "1st" }),
      row({ name: "topic" }),
      row({ name: "topic" }),
      row({ name: "tone", type: "enum", enum_values: " , " }),
      row({ name: "size", type: "enum", enum_values: "s, m, s" }),
      row({ name: "count", type: "number", default: "ten" }),
      row({ name: "flag", type: "boolean", default: "yes" }),
      row({ name: "shape", type: "json", default: "{bad" }),
      row({ name: "pick", type: "enum", enum_values: "a, b", default: "c" }),
    ]);
    expect(issues.map((i) => [i.row, i.field])).toEqual([
      [0, "name"],
      [1, "name"],
      [3, "name"],
      [4, "enum_values"],
      [5, "enum_values"],
      [6, "default"],
      [7, "default"],
      [8, "default"],
      [9, "default"],
    ]);
    expect(issues[2]?.message).toContain("already declared");
  });

  it("accepts good rows and turns them into the API's specs with typed defaults", () => {
    const rows = [
      row({ name: "topic", required: true, description: " what about " }),
      row({ name: "count", type: "number", default: "3.5" }),
      row({ name: "flag", type: "boolean", default: "false" }),
      row({ name: "tone", type: "enum", enum_values: "warm, dry", default: "dry" }),
      row({ name: "extra", type: "json", default: '{"a":[1,2]}' }),
    ];
    expect(checkVariableDrafts(rows)).toEqual([]);
    expect(specsOf(rows)).toEqual([
      { name: "topic", type: "string", required: true, description: "what about" },
      { name: "count", type: "number", required: false, default: 3.5 },
      { name: "flag", type: "boolean", required: false, default: false },
      { name: "tone", type: "enum", required: false, enum_values: ["warm", "dry"], default: "dry" },
      { name: "extra", type: "json", required: false, default: { a: [1, 2] } },
    ]);
  });

  it("refuses more variables than the server keeps, for the list as a whole", () => {
    const rows = Array.from({ length: VARIABLE_LIMITS.variables + 1 }, (_, i) => row({ name: `v${i}` }));
    expect(checkVariableDrafts(rows)).toEqual([
      { row: -1, field: "name", message: `Must have at most ${VARIABLE_LIMITS.variables} variables.` },
    ]);
  });

  it("never lets through a declaration the server refuses", () => {
    const draft = fc.record({
      name: fc.constantFrom("", "a", "b", "1x", "ok_name", "a".repeat(65)),
      type: fc.constantFrom(...VARIABLE_TYPES),
      description: fc.constantFrom("", "what it is", "x".repeat(501)),
      required: fc.boolean(),
      default: fc.constantFrom("", "1", "true", "x", "warm", '{"a":1}', "null"),
      enum_values: fc.constantFrom("", "warm, dry", "warm, warm", "x".repeat(201)),
    });
    fc.assert(
      fc.property(fc.array(draft, { maxLength: 4 }), (rows) => {
        if (checkVariableDrafts(rows).length === 0) expect(checkVariables(specsOf(rows))).toEqual([]);
      }),
    );
  });

  it("reads back every spec it writes (draft → spec → draft is stable)", () => {
    const spec: fc.Arbitrary<VariableSpec> = fc.oneof(
      fc.record({
        name: fc.constantFrom("a", "b_1"),
        type: fc.constant("string" as const),
        required: fc.boolean(),
        default: fc.string({ minLength: 1 }),
      }),
      fc.record({
        name: fc.constant("n"),
        type: fc.constant("number" as const),
        required: fc.boolean(),
        default: fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
      }),
      fc.record({
        name: fc.constant("f"),
        type: fc.constant("boolean" as const),
        required: fc.boolean(),
        default: fc.boolean(),
      }),
      fc.record({
        name: fc.constant("j"),
        type: fc.constant("json" as const),
        required: fc.boolean(),
        default: fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown),
      }),
    );
    fc.assert(
      fc.property(spec, (s) => {
        const [back] = specsOf([draftOf(s)]);
        expect(back).toEqual(s);
      }),
    );
  });

  it("parses defaults by type", () => {
    expect(parseDefault("number", " 12 ", [])).toEqual({ value: 12 });
    expect(parseDefault("number", "", [])).toHaveProperty("error");
    expect(parseDefault("boolean", "true", [])).toEqual({ value: true });
    expect(parseDefault("enum", "b", ["a", "b"])).toEqual({ value: "b" });
    expect(parseDefault("json", "null", [])).toEqual({ value: null });
  });

  it("moves an item to any place and keeps every item (reorder for messages and rows)", () => {
    expect(moveItem(["a", "b", "c"], 0, 2)).toEqual(["b", "c", "a"]);
    expect(moveItem(["a", "b", "c"], 2, -5)).toEqual(["c", "a", "b"]);
    expect(moveItem(["a"], 3, 0)).toEqual(["a"]);
    fc.assert(
      fc.property(
        fc.array(fc.integer()),
        fc.integer({ min: -2, max: 12 }),
        fc.integer({ min: -2, max: 12 }),
        (list, from, to) => {
          expect([...moveItem(list, from, to)].sort()).toEqual([...list].sort());
        },
      ),
    );
  });
});

describe("config against the published schema", () => {
  it("agrees with the server's check of a config against the schema it publishes", () => {
    const published = publishedConfigSchema();
    const samples: unknown[] = [
      {},
      { model: "m", temperature: 0.7, max_tokens: 100, top_p: 0.9 },
      { temperature: 2.5 },
      { temperature: "hot" },
      { max_tokens: 0 },
      { max_tokens: 1.5 },
      { model: "" },
      { response_format: { type: "text" } },
      { response_format: { type: "xml" } },
      { response_format: {} },
      { tools: [] },
      { tools: "none" },
      { tools: [{ type: "function" }] },
    ];
    for (const config of samples)
      expect([config, validateAgainstSchema(config, published).length === 0]).toEqual([
        config,
        checkConfig(config).length === 0,
      ]);
  });

  const schema = {
    type: "object",
    additionalProperties: false,
    properties: {
      model: { type: "string", minLength: 1, maxLength: 100 },
      temperature: { type: "number", minimum: 0, maximum: 2 },
      max_tokens: { type: "integer", minimum: 1 },
      response_format: {
        type: "object",
        required: ["type"],
        properties: { type: { enum: ["text", "json_schema"] }, json_schema: { type: "object" } },
      },
      tools: { type: "array", maxItems: 2, items: { $ref: "#/$defs/tool" } },
    },
    $defs: {
      tool: {
        type: "object",
        required: ["name"],
        properties: { name: { type: "string", pattern: "^[a-z_]+$" } },
      },
    },
  };

  it("names each bad setting by its path", () => {
    const issues = validateAgainstSchema(
      {
        temperature: 3,
        max_tokens: 1.5,
        response_format: { type: "xml" },
        tools: [{ name: "Bad Name" }, {}, { name: "ok" }],
        colour: "blue",
      },
      schema,
    );
    expect(issues.map((i) => i.path)).toEqual([
      "temperature",
      "max_tokens",
      "response_format.type",
      "tools",
      "tools.0.name",
      "tools.1.name",
      "colour",
    ]);
    expect(issues[0]?.message).toBe("Must be at most 2.");
    expect(issues[1]?.message).toBe("Must be a whole number.");
  });

  it("accepts a good config, and an empty text as the empty config", () => {
    const good = {
      model: "m",
      temperature: 0.2,
      max_tokens: 500,
      response_format: { type: "json_schema", json_schema: {} },
      tools: [{ name: "look_up" }],
    };
    expect(validateAgainstSchema(good, schema)).toEqual([]);
    expect(parseConfigText("", schema)).toEqual({ value: {}, issues: [] });
    expect(parseConfigText(JSON.stringify(good), schema)).toEqual({ value: good, issues: [] });
  });

  it("says when the text is not JSON or not an object, and without a schema checks only that", () => {
    expect(parseConfigText("{", schema).issues[0]?.message).toMatch(/^Not valid JSON/);
    expect(parseConfigText("[1]", schema).issues[0]?.message).toBe("Must be a JSON object ({ … }).");
    expect(parseConfigText('{"temperature": 9}', null).issues).toEqual([]);
  });

  it("handles anyOf, oneOf and a self-referencing schema without looping", () => {
    expect(validateAgainstSchema("x", { anyOf: [{ type: "number" }, { type: "boolean" }] })[0]?.message).toBe(
      "Does not match any accepted shape.",
    );
    expect(validateAgainstSchema(1, { oneOf: [{ type: "number" }, { type: "integer" }] })[0]?.message).toBe(
      "Matches more than one shape.",
    );
    const loop = { $ref: "#" };
    expect(validateAgainstSchema({}, loop)).toEqual([]);
  });
});

describe("chat messages and prompt names", () => {
  it("joins messages as the server stores a chat version's text", () => {
    expect(
      joinMessages([
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi {{name}}" },
      ]),
    ).toBe("[system]\nBe brief.\n\n[user]\nHi {{name}}");
  });

  it("needs at least one message and no empty one", () => {
    expect(checkMessages([])).toEqual([{ index: -1, message: "A chat prompt needs at least one message." }]);
    expect(
      checkMessages([
        { role: "user", content: "x" },
        { role: "assistant", content: "  " },
      ]).map((p) => p.index),
    ).toEqual([1]);
  });

  it("accepts names with folders the registry accepts and explains the rest", () => {
    for (const ok of ["support/triage/classify", "a", "v1.2_x-y"]) expect(nameProblem(ok)).toBeNull();
    for (const bad of [
      "",
      "Upper",
      "/lead",
      "trail/",
      "a//b",
      "-x",
      `${"a".repeat(65)}`,
      `${"a/".repeat(100)}a`,
    ])
      expect(nameProblem(bad)).not.toBeNull();
  });
});

describe("labels", () => {
  const at = "2026-01-01T00:00:00.000Z";
  const label = (l: Partial<PromptLabel>): PromptLabel => ({
    label: "x",
    version: null,
    split: null,
    protected: false,
    computed: false,
    updated_at: at,
    updated_by: null,
    ...l,
  });

  it("puts each label at its version, a split label at each of its versions, and leaves latest to the timeline", () => {
    const map = labelsByVersion([
      label({ label: "production", version: 2, protected: true }),
      label({ label: "staging", version: 3 }),
      label({
        label: "canary",
        split: [
          { version: 2, weight: 90 },
          { version: 3, weight: 10 },
        ],
      }),
    ]);
    expect(map.get(2)?.map((l) => l.label)).toEqual(["production", "canary"]);
    expect(map.get(3)?.map((l) => l.label)).toEqual(["staging", "canary"]);
    expect(map.get(1)).toBeUndefined();
  });

  it("accepts label names the registry accepts and never `latest`", () => {
    expect(labelProblem("production")).toBeNull();
    expect(labelProblem("v1.2_rc-1")).toBeNull();
    expect(labelProblem("latest")).toMatch(/newest version/);
    for (const bad of ["", "Prod", "a b", "x".repeat(41)]) expect(labelProblem(bad)).not.toBeNull();
  });
});

describe("value lists the forms share with the server", () => {
  it("offers the server's message roles, webhook events and label rule", () => {
    expect([...WEBHOOK_EVENTS]).toEqual([...SERVER_WEBHOOK_EVENTS]);
    expect([...MESSAGE_ROLES]).toEqual([...SERVER_MESSAGE_ROLES]);
    expect(LABEL_PATTERN.source).toBe(SERVER_LABEL_PATTERN);
  });
});

describe("who may move labels and decide promotions", () => {
  it.each(ROLES)("matches permissions.ts for a %s", (role) => {
    expect(canMoveLabels(role)).toBe(roleAllows(role, "labels:move"));
    expect(canRequestPromotion(role)).toBe(roleAllows(role, "promotions:request"));
    expect(canApprove(role)).toBe(roleAllows(role, "promotions:approve"));
    expect(canApprove(role)).toBe(roleAllows(role, "webhooks:manage"));
  });

  it("offers the decision only on a pending request, to an admin who did not request it unless self-approval is on", () => {
    const pending = { status: "pending", requested_by: { id: "u1" } };
    expect(mayDecide("admin", pending, "u2", false)).toBe(true);
    expect(mayDecide("admin", pending, "u1", false)).toBe(false);
    expect(mayDecide("owner", pending, "u1", true)).toBe(true);
    expect(mayDecide("editor", pending, "u2", true)).toBe(false);
    expect(mayDecide("admin", { ...pending, status: "approved" }, "u2", false)).toBe(false);
    expect(mayDecide("admin", pending, undefined, true)).toBe(false);
    // A requester who has left (null) does not block anyone.
    expect(mayDecide("admin", { status: "pending", requested_by: null }, "u2", false)).toBe(true);
  });
});

describe("registry settings form", () => {
  const form = {
    protected_labels: "production, prod-eu , production",
    min_score: "70",
    block_new_errors: true,
    allow_self_approval: false,
  };

  it("sends the labels once each, the gate and the approval setting", () => {
    expect(settingsBody(form)).toEqual({
      body: {
        protected_labels: ["production", "prod-eu"],
        promotion_gate: { min_score: 70, block_new_errors: true },
        allow_self_approval: false,
      },
    });
  });

  it("leaves an empty minimum out of the gate rather than sending null", () => {
    expect(settingsBody({ ...form, min_score: "" })).toMatchObject({
      body: { promotion_gate: { block_new_errors: true } },
    });
    const out = settingsBody({ ...form, min_score: "" });
    expect("body" in out && out.body.promotion_gate && "min_score" in out.body.promotion_gate).toBe(false);
  });

  it("sends no gate when neither check is on", () => {
    expect(settingsBody({ ...form, min_score: "", block_new_errors: false })).toMatchObject({
      body: { promotion_gate: null },
    });
  });

  it("names a bad label or score instead of sending", () => {
    expect(settingsBody({ ...form, protected_labels: "latest" })).toHaveProperty("errors.protected_labels");
    expect(settingsBody({ ...form, min_score: "101" })).toHaveProperty("errors.min_score");
    expect(settingsBody({ ...form, min_score: "abc" })).toHaveProperty("errors.min_score");
  });
});
