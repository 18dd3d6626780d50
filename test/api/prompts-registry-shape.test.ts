// Prompts as a registry, end to end on every database target: names (derived, given, renamed,
// duplicated, 409 on a taken name), folder filter and folder tree, chat prompts, typed variables and
// config with their validation (every error names its field), limits, carry-forward of the version
// shape, restore, diff, audit entries and the published config schema.
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { DB_TARGETS, databaseOf, type TestApp } from "../helpers/app.js";
import { apiCall, createTestUser, type TestUser, useAppWithUsers } from "../helpers/users.js";

type Json = Record<string, unknown>;

describe.each(DB_TARGETS)("prompts as a registry (%s)", (target) => {
  let t: TestApp, alice: TestUser, bob: TestUser;
  useAppWithUsers(target, ["alice", "bob"], (fx) => ({ t, alice, bob } = fx));
  const call = apiCall(() => t.app, "/api/v1/prompts");
  const create = async (body: Json, user = alice) => {
    const res = await call(user, "POST", "", { title: "A prompt", content: "Do the task.", ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const patch = (id: string, version: number, body: Json, user = alice) =>
    call(user, "PATCH", `/${id}`, body, { "if-match": `"${version}"` });
  /** The 422's fields, checking the one error shape on the way. */
  const issues = (res: { statusCode: number; json: () => Json }) => {
    expect(res.statusCode).toBe(422);
    const body = res.json() as { error: { code: string; message: string; details: { field: string }[] } };
    expect(body.error.code).toBe("validation_error");
    expect(body.error.message).toBeTruthy();
    return body.error.details.map((d) => d.field);
  };
  const auditOf = async (id: string) =>
    (
      await databaseOf(t.app)
        .selectFrom("audit_events")
        .select(["action", "summary"])
        .where("target_id", "=", id)
        .orderBy("seq")
        .execute()
    ).map((r) => ({ action: r.action, summary: JSON.parse(r.summary) as Json }));

  describe("names", () => {
    it("derives a name from the title when none is given, unique in the project", async () => {
      const a = await create({ title: "Café Résumé: Triage!" });
      const b = await create({ title: "Café résumé triage" });
      expect(a.name).toBe("cafe-resume-triage");
      expect(b.name).toBe("cafe-resume-triage-2");
      expect((await call(alice, "GET", `/${a.id}`)).json().name).toBe("cafe-resume-triage");
      // Another project (bob's) may use the same name.
      expect((await create({ title: "Café Résumé: Triage!" }, bob)).name).toBe("cafe-resume-triage");
    });

    it("keeps a given name and answers 409 name_taken for a name the project already has", async () => {
      const p = await create({ name: "support/triage/classify" });
      expect(p.name).toBe("support/triage/classify");
      const again = await call(alice, "POST", "", {
        title: "Other",
        content: "x",
        name: "support/triage/classify",
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error).toMatchObject({
        code: "name_taken",
        details: [{ field: "name", message: "is taken by another prompt in this project" }],
      });
    });

    it.each([
      ["upper case", "Support/x"],
      ["an empty segment", "support//x"],
      ["a leading slash", "/support"],
      ["a trailing slash", "support/"],
      ["a segment starting with a dot", "support/.x"],
      ["a space", "sup port"],
      ["a segment of 65 characters", `a/${"b".repeat(65)}`],
      [
        "201 characters",
        Array.from({ length: 4 }, () => "c".repeat(50))
          .join("/")
          .padEnd(201, "d"),
      ],
    ])("refuses a name with %s (422 naming the field)", async (_label, name) => {
      expect(issues(await call(alice, "POST", "", { title: "T", content: "x", name }))).toEqual(["name"]);
    });

    it("accepts a name of exactly 200 characters with segments of 64", async () => {
      const name = ["a".repeat(64), "b".repeat(64), "c".repeat(64), "d".repeat(5)].join("/");
      expect(name.length).toBe(200);
      expect((await create({ name })).name).toBe(name);
    });

    it("renames through PATCH and PUT without a new version; 409 on a taken name, 422 on a bad one", async () => {
      const p = await create({ name: "rename/me" });
      await create({ name: "rename/taken" });
      const renamed = await patch(p.id, 1, { name: "rename/done" });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json()).toMatchObject({ name: "rename/done", version: 1 });
      const taken = await patch(p.id, 1, { name: "rename/taken" });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().error.code).toBe("name_taken");
      expect(issues(await patch(p.id, 1, { name: "Rename/Bad" }))).toEqual(["name"]);
      // Renaming to its own name is no change and no conflict.
      expect((await patch(p.id, 1, { name: "rename/done" })).statusCode).toBe(200);
      const put = await call(
        alice,
        "PUT",
        `/${p.id}`,
        {
          title: "Renamed",
          name: "rename/by-put",
          content: "Do the task.",
          category: "other",
          tags: [],
          target_llm: "generic",
        },
        { "if-match": '"1"' },
      );
      expect(put.statusCode).toBe(200);
      expect(put.json()).toMatchObject({ name: "rename/by-put", version: 1 });
      // The audit log names the rename (old and new name).
      const entries = await auditOf(p.id);
      expect(entries[1]?.summary).toMatchObject({ name: "rename/done", previous_name: "rename/me" });
      expect(entries.at(-1)?.summary).toMatchObject({ name: "rename/by-put", previous_name: "rename/done" });
    });

    it("gives a duplicate a name derived from its title", async () => {
      const p = await create({ title: "Welcome mail", name: "mail/welcome" });
      const copy = await call(alice, "POST", `/${p.id}/duplicate`);
      expect(copy.statusCode).toBe(201);
      expect(copy.json()).toMatchObject({ title: "Welcome mail (copy)", name: "welcome-mail-copy" });
      const copy2 = await call(alice, "POST", `/${p.id}/duplicate`);
      expect(copy2.json().name).toBe("welcome-mail-copy-2");
    });

    it("of two creates with the same free name at once, exactly one wins and the other gets 409", async () => {
      const body = { title: "T", content: "x", name: "race/created" };
      const results = await Promise.all([call(alice, "POST", "", body), call(alice, "POST", "", body)]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.statusCode === 409)?.json().error.code).toBe("name_taken");
    });

    it("of two renames to the same free name at once, exactly one wins and the other gets 409", async () => {
      const a = await create({});
      const b = await create({});
      const results = await Promise.all([
        patch(a.id, 1, { name: "race/winner" }),
        patch(b.id, 1, { name: "race/winner" }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    });
  });

  describe("folders", () => {
    let carol: TestUser;
    beforeAll(async () => {
      carol = await createTestUser(t.app, { username: "carol" });
      for (const name of [
        "support/triage/classify",
        "support/triage/route",
        "support/reply",
        "support-x/other",
        "supportx",
        "sales/intro",
        "top_level",
        "a_b/c",
        "axb/c",
      ])
        await create({ name }, carol);
    });
    const names = async (query: string) => {
      const res = await call(carol, "GET", `?limit=100&sort=title&order=asc&${query}`);
      expect(res.statusCode).toBe(200);
      return (res.json().items as { name: string }[]).map((p) => p.name).sort();
    };

    it("lists a folder and everything below it, matching whole segments only", async () => {
      expect(await names("folder=support")).toEqual([
        "support/reply",
        "support/triage/classify",
        "support/triage/route",
      ]);
      expect(await names("folder=support/triage")).toEqual([
        "support/triage/classify",
        "support/triage/route",
      ]);
      expect(await names("folder=support/tri")).toEqual([]);
      // '_' is not a wildcard.
      expect(await names("folder=a_b")).toEqual(["a_b/c"]);
      const counted = await call(carol, "GET", "?folder=support&limit=1");
      expect(counted.json()).toMatchObject({ total: 3 });
      expect(counted.json().items).toHaveLength(1);
      // Combines with the other filters.
      expect(await names("folder=support&q=reply")).toEqual(["support/reply"]);
    });

    it("refuses a folder that is not a name path (422 naming folder)", async () => {
      for (const folder of ["Support", "support/", "../x", "a//b"]) {
        expect(issues(await call(carol, "GET", `?folder=${encodeURIComponent(folder)}`))).toEqual(["folder"]);
      }
    });

    it("returns the folder tree with counts", async () => {
      const res = await call(carol, "GET", "/folders");
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        items: [
          { path: "a_b", name: "a_b", parent: null, depth: 1, prompts: 1, total: 1 },
          { path: "axb", name: "axb", parent: null, depth: 1, prompts: 1, total: 1 },
          { path: "sales", name: "sales", parent: null, depth: 1, prompts: 1, total: 1 },
          { path: "support", name: "support", parent: null, depth: 1, prompts: 1, total: 3 },
          { path: "support/triage", name: "triage", parent: "support", depth: 2, prompts: 2, total: 2 },
          { path: "support-x", name: "support-x", parent: null, depth: 1, prompts: 1, total: 1 },
        ],
        root_prompts: 2,
        total: 9,
      });
      expect((await call(null, "GET", "/folders")).statusCode).toBe(401);
    });
  });

  describe("chat prompts", () => {
    const messages = [
      { role: "system", content: "You are a support agent for {{product}}." },
      { role: "user", content: "Classify: {{ticket}}" },
    ];

    it("stores the messages and their joined text as content; versions, search and diff read it", async () => {
      const p = await create({ type: "chat", messages, content: undefined, title: "Chat" });
      expect(p).toMatchObject({
        type: "chat",
        messages,
        content: "[system]\nYou are a support agent for {{product}}.\n\n[user]\nClassify: {{ticket}}",
        undeclared_variables: ["product", "ticket"],
      });
      const v1 = (await call(alice, "GET", `/${p.id}/versions/1`)).json();
      expect(v1).toMatchObject({ type: "chat", messages, content: p.content });
      const found = (await call(alice, "GET", "?q=support%20agent")).json().items as { id: string }[];
      expect(found.map((x) => x.id)).toContain(p.id);
      // Changing one message makes version 2; the diff is on the joined text.
      const edited = [messages[0], { role: "user", content: "Classify this ticket: {{ticket}}" }];
      const res = await patch(p.id, 1, { messages: edited });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ version: 2, type: "chat", messages: edited });
      const diff = (await call(alice, "GET", `/${p.id}/diff`)).json();
      expect(diff).toMatchObject({ added: 1, removed: 1, changed: ["messages"] });
      expect(diff.versions.from.messages).toEqual(messages);
      // Content given with a chat prompt must be exactly the joined messages.
      const same = await call(alice, "POST", "", { title: "C", type: "chat", messages, content: p.content });
      expect(same.statusCode).toBe(201);
    });

    it("infers chat from messages on create and turns into text on request", async () => {
      const p = await create({ messages, content: undefined });
      expect(p.type).toBe("chat");
      const text = await patch(p.id, 1, { type: "text", messages: null });
      expect(text.statusCode).toBe(200);
      expect(text.json()).toMatchObject({ type: "text", messages: null, content: p.content, version: 2 });
      const back = await patch(p.id, 2, { type: "chat", messages });
      expect(back.json()).toMatchObject({ type: "chat", version: 3 });
    });

    it.each([
      ["chat without messages", { type: "chat" }, ["messages"]],
      ["chat with messages null", { type: "chat", messages: null }, ["messages"]],
      ["messages on a text prompt", { type: "text", content: "x", messages }, ["messages"]],
      ["content that is not the joined messages", { type: "chat", messages, content: "other" }, ["content"]],
      ["text without content", { type: "text" }, ["content"]],
      ["an unknown role", { type: "chat", messages: [{ role: "tool", content: "x" }] }, ["messages.0.role"]],
      [
        "an empty message",
        { type: "chat", messages: [{ role: "user", content: "" }] },
        ["messages.0.content"],
      ],
      ["no messages", { type: "chat", messages: [] }, ["messages"]],
    ])("refuses %s (422 naming the field)", async (_label, body, expected) => {
      const res = await call(alice, "POST", "", { title: "T", ...body });
      expect(issues(res)).toEqual(expected);
    });

    it("holds the limits: 50 messages, 50,000 characters each and joined", async () => {
      const fifty = Array.from({ length: 50 }, (_, i) => ({ role: "user", content: `m${i}` }));
      expect((await call(alice, "POST", "", { title: "T", messages: fifty })).statusCode).toBe(201);
      const many = [...fifty, { role: "user", content: "one too many" }];
      expect(issues(await call(alice, "POST", "", { title: "T", messages: many }))).toEqual(["messages"]);
      const big = [{ role: "user", content: "x".repeat(50_001) }];
      expect(issues(await call(alice, "POST", "", { title: "T", messages: big }))).toEqual([
        "messages.0.content",
      ]);
      // Each fits, the joined text (with its [role] lines) does not.
      const two = [
        { role: "system", content: "x".repeat(25_000) },
        { role: "user", content: "y".repeat(25_000) },
      ];
      const joined = await call(alice, "POST", "", { title: "T", messages: two });
      expect(issues(joined)).toEqual(["messages"]);
      expect(joined.json().error.details[0].message).toContain("50000");
    });

    it("refuses content on a chat prompt's edit unless it is the joined messages", async () => {
      const p = await create({ messages, content: undefined });
      expect(issues(await patch(p.id, 1, { content: "plain text now" }))).toEqual(["content"]);
      expect(issues(await patch(p.id, 1, { messages: [{ role: "boss", content: "x" }] }))).toEqual([
        "messages.0.role",
      ]);
    });
  });

  describe("typed variables", () => {
    const variables = [
      { name: "ticket", type: "string", description: "The ticket text", required: true },
      { name: "tone", type: "enum", enum_values: ["formal", "casual"], default: "formal" },
      { name: "max_words", type: "number", default: 50 },
      { name: "urgent", type: "boolean", default: false },
      { name: "context", type: "json", default: { tier: "gold" } },
      { name: "unused", type: "string" },
    ];

    it("stores them normalised, lists names used but undeclared, allows declared but unused", async () => {
      const p = await create({ content: "{{ticket}} in a {{tone}} tone for {{customer}}", variables });
      expect(p.variables[0]).toEqual({
        name: "ticket",
        type: "string",
        description: "The ticket text",
        required: true,
      });
      expect(p.variables[1]).toEqual({
        name: "tone",
        type: "enum",
        description: "",
        required: false,
        default: "formal",
        enum_values: ["formal", "casual"],
      });
      expect(p.variables[4].default).toEqual({ tier: "gold" });
      expect(p.undeclared_variables).toEqual(["customer"]);
      expect((await call(alice, "GET", `/${p.id}/versions/1`)).json().variables).toEqual(p.variables);
    });

    it("reads used names as the shared renderer does: sections, inverted sections and dotted names", async () => {
      const p = await create({
        content:
          "{{#items}}- {{title}}\n{{/items}}{{^done}}to do{{/done}} for {{user.name}} {{! a comment }}",
        variables: [{ name: "items", type: "json" }],
      });
      // `title` is read inside the section, from each item: not counted as a root variable.
      expect(p.undeclared_variables).toEqual(["done", "user"]);
    });

    it.each([
      [
        "duplicate names",
        [
          { name: "a", type: "string" },
          { name: "a", type: "number" },
        ],
        ["variables.1.name"],
      ],
      ["a bad name", [{ name: "1st", type: "string" }], ["variables.0.name"]],
      ["an unknown type", [{ name: "a", type: "date" }], ["variables.0.type"]],
      ["an enum without values", [{ name: "a", type: "enum" }], ["variables.0.enum_values"]],
      ["an enum with no values", [{ name: "a", type: "enum", enum_values: [] }], ["variables.0.enum_values"]],
      [
        "an enum with a repeated value",
        [{ name: "a", type: "enum", enum_values: ["x", "x"] }],
        ["variables.0.enum_values"],
      ],
      [
        "enum values on a string",
        [{ name: "a", type: "string", enum_values: ["x"] }],
        ["variables.0.enum_values"],
      ],
      [
        "a string default that is a number",
        [{ name: "a", type: "string", default: 3 }],
        ["variables.0.default"],
      ],
      [
        "a number default that is text",
        [{ name: "a", type: "number", default: "3" }],
        ["variables.0.default"],
      ],
      [
        "a boolean default that is text",
        [{ name: "a", type: "boolean", default: "yes" }],
        ["variables.0.default"],
      ],
      [
        "an enum default outside its values",
        [{ name: "a", type: "enum", enum_values: ["x"], default: "y" }],
        ["variables.0.default"],
      ],
      [
        "a default over 10,000 characters",
        [{ name: "a", type: "json", default: "x".repeat(10_000) }],
        ["variables.0.default"],
      ],
    ])("refuses %s (422 naming the field)", async (_label, vars, expected) => {
      const res = await call(alice, "POST", "", { title: "T", content: "x", variables: vars });
      expect(issues(res)).toEqual(expected);
    });

    it("holds the limit of 100 variables", async () => {
      const hundred = Array.from({ length: 100 }, (_, i) => ({ name: `v${i}`, type: "string" }));
      expect(
        (await call(alice, "POST", "", { title: "T", content: "x", variables: hundred })).statusCode,
      ).toBe(201);
      const more = [...hundred, { name: "v100", type: "string" }];
      expect(issues(await call(alice, "POST", "", { title: "T", content: "x", variables: more }))).toEqual([
        "variables",
      ]);
    });
  });

  describe("config", () => {
    const config = {
      model: "gpt-4o",
      temperature: 0.2,
      max_tokens: 512,
      response_format: {
        type: "json_schema",
        name: "triage",
        json_schema: {
          type: "object",
          properties: { label: { type: "string", enum: ["bug", "billing"] } },
          required: ["label"],
        },
      },
      tools: [
        {
          type: "function",
          function: {
            name: "lookup",
            parameters: { type: "object", properties: { id: { type: "string" } } },
          },
        },
      ],
      top_p: 0.9,
    };

    it("stores a valid config as given, other keys included", async () => {
      const p = await create({ config });
      expect(p.config).toEqual(config);
      expect((await call(alice, "GET", `/${p.id}/versions/1`)).json().config).toEqual(config);
      // A draft-07 schema is accepted when it says so.
      const d7 = await create({
        config: {
          response_format: {
            type: "json_schema",
            json_schema: { $schema: "http://json-schema.org/draft-07/schema#", type: "object" },
          },
        },
      });
      expect(d7.config.response_format.json_schema.$schema).toContain("draft-07");
    });

    it.each([
      ["a temperature over 2", { temperature: 2.5 }, ["config.temperature"]],
      ["a negative temperature", { temperature: -0.1 }, ["config.temperature"]],
      ["zero max_tokens", { max_tokens: 0 }, ["config.max_tokens"]],
      ["fractional max_tokens", { max_tokens: 1.5 }, ["config.max_tokens"]],
      ["an empty model", { model: "" }, ["config.model"]],
      ["an unknown response format", { response_format: { type: "yaml" } }, ["config.response_format.type"]],
      [
        "json_schema without its schema",
        { response_format: { type: "json_schema" } },
        ["config.response_format.json_schema"],
      ],
      [
        "a schema on a text format",
        { response_format: { type: "text", json_schema: { type: "object" } } },
        ["config.response_format.json_schema"],
      ],
      [
        "an invalid JSON Schema",
        { response_format: { type: "json_schema", json_schema: { type: "strin" } } },
        ["config.response_format.json_schema.type"],
      ],
      [
        "an unsupported $schema",
        { response_format: { type: "json_schema", json_schema: { $schema: "http://example.test/s" } } },
        ["config.response_format.json_schema.$schema"],
      ],
      [
        "a tool whose parameters are not a JSON Schema",
        { tools: [{ type: "function", function: { name: "f", parameters: { required: "id" } } }] },
        ["config.tools.0.function.parameters.required"],
      ],
      ["tools that are not objects", { tools: ["lookup"] }, ["config.tools.0"]],
    ])("refuses %s (422 naming the field)", async (_label, cfg, expected) => {
      const res = await call(alice, "POST", "", { title: "T", content: "x", config: cfg });
      const fields = issues(res);
      for (const f of expected) expect(fields).toContain(f);
      for (const f of fields) expect(f.startsWith("config")).toBe(true);
    });

    it("holds the limits: 65,536 characters of JSON and 128 tools", async () => {
      const big = { notes: "x".repeat(65_600) };
      const res = await call(alice, "POST", "", { title: "T", content: "x", config: big });
      expect(issues(res)).toEqual(["config"]);
      const tools = Array.from({ length: 129 }, () => ({ type: "function" }));
      expect(issues(await call(alice, "POST", "", { title: "T", content: "x", config: { tools } }))).toEqual([
        "config.tools",
      ]);
    });

    it("publishes its schema without authentication, and the schema agrees with the server", async () => {
      const res = await t.app.inject({ method: "GET", url: "/api/v1/schemas/prompt-config.json" });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("application/schema+json");
      const schema = res.json();
      expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(schema.properties.temperature).toMatchObject({ minimum: 0, maximum: 2 });
      const validate = new Ajv2020({ strict: false }).compile(schema);
      expect(validate(config)).toBe(true);
      expect(validate({ temperature: 3 })).toBe(false);
      // And in the OpenAPI document, on the create body.
      const openapi = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json();
      const body =
        openapi.paths["/api/v1/prompts/"].post.requestBody.content["application/json"].schema.properties;
      expect(body.config.properties.temperature).toMatchObject({ maximum: 2 });
      expect(body.name.pattern).toBeTruthy();
      expect(Object.keys(openapi.paths)).toContain("/api/v1/schemas/prompt-config.json");
      expect(Object.keys(openapi.paths)).toContain("/api/v1/projects/{project}/prompts/folders");
    });
  });

  describe("versions carry the shape forward", () => {
    it("keeps type, variables and config unless given; variables or config alone make a version", async () => {
      const variables = [{ name: "ticket", type: "string", required: true }];
      const config = { model: "m1", temperature: 0.5 };
      const p = await create({ content: "Triage {{ticket}}", variables, config });
      // Content only: version 2 keeps variables and config.
      const v2 = (await patch(p.id, 1, { content: "Triage this: {{ticket}}" })).json();
      expect(v2).toMatchObject({ version: 2, config, variables: [{ name: "ticket", required: true }] });
      // Variables only: version 3, same content.
      const vars3 = [...variables, { name: "tone", type: "string", default: "formal" }];
      const v3 = (await patch(p.id, 2, { variables: vars3 })).json();
      expect(v3).toMatchObject({ version: 3, content: "Triage this: {{ticket}}", config });
      expect(v3.variables.map((v: { name: string }) => v.name)).toEqual(["ticket", "tone"]);
      // Config only: version 4.
      const v4 = (await patch(p.id, 3, { config: { model: "m2" } })).json();
      expect(v4).toMatchObject({ version: 4, config: { model: "m2" } });
      // The same config in another key order, and a title change: no new version.
      const same = await patch(p.id, 4, { config: { model: "m2" }, title: "Renamed title" });
      expect(same.json()).toMatchObject({ version: 4, title: "Renamed title" });
      // The versions list carries each version's fields.
      const list = (await call(alice, "GET", `/${p.id}/versions`)).json().items as Json[];
      expect(
        list.map((v) => [v.version, (v.config as Json).model, (v.variables as unknown[]).length]),
      ).toEqual([
        [4, "m2", 2],
        [3, "m1", 2],
        [2, "m1", 1],
        [1, "m1", 1],
      ]);
      // The diff names what changed besides content.
      expect((await call(alice, "GET", `/${p.id}/diff?from=2&to=4`)).json()).toMatchObject({
        added: 0,
        removed: 0,
        changed: ["variables", "config"],
      });
      // Restore brings back version 1's variables and config as version 5.
      const restored = (await call(alice, "POST", `/${p.id}/versions/1/restore`)).json();
      expect(restored).toMatchObject({ version: 5, content: "Triage {{ticket}}", config });
      expect(restored.variables).toHaveLength(1);
      // The audit log names the changed fields (variable names, config keys), never the text.
      const entries = await auditOf(p.id);
      expect(entries.map((e) => e.action)).toEqual([
        "prompt.create",
        "prompt.update",
        "prompt.update",
        "prompt.update",
        "prompt.update",
        "prompt.restore",
      ]);
      expect(entries[0]?.summary).toMatchObject({
        variables: ["ticket"],
        config_fields: ["model", "temperature"],
      });
      expect(entries[2]?.summary).toMatchObject({ fields: ["variables"], variables: ["ticket", "tone"] });
      expect(entries[2]?.summary.config_fields).toBeUndefined();
      expect(entries[3]?.summary).toMatchObject({ fields: ["config"], config_fields: ["model"] });
      expect(JSON.stringify(entries)).not.toContain("Triage");
    });

    it("duplicates the current version's shape", async () => {
      const p = await create({
        messages: [{ role: "user", content: "Hi {{who}}" }],
        content: undefined,
        variables: [{ name: "who", type: "string" }],
        config: { model: "m" },
      });
      const copy = (await call(alice, "POST", `/${p.id}/duplicate`)).json();
      expect(copy).toMatchObject({
        type: "chat",
        messages: p.messages,
        variables: p.variables,
        config: { model: "m" },
        version: 1,
      });
    });
  });
});
