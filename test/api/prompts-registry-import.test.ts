// Export and import with the registry fields, on every database target: a lossless round trip of names,
// chat messages, variables and config on every version; given names kept, duplicates in the document a
// 422, names the project already has a 409 (nothing imported), missing names derived around the given
// ones, and versions that carry the previous version's shape forward.
import { describe, expect, it } from "vitest";
import { DB_TARGETS, type TestApp } from "../helpers/app.js";
import { apiCall, type TestUser, useAppWithUsers } from "../helpers/users.js";

type Json = Record<string, unknown>;

describe.each(DB_TARGETS)("registry fields in export and import (%s)", (target) => {
  let t: TestApp, alice: TestUser, bob: TestUser, carol: TestUser;
  useAppWithUsers(target, ["alice", "bob", "carol"], (fx) => ({ t, alice, bob, carol } = fx));
  const call = apiCall(() => t.app, "/api/v1/prompts");
  const doc = (prompts: Json[]) => ({ format: "promptforge-export", version: 1, prompts });
  const count = async (user: TestUser) => (await call(user, "GET", "?limit=1")).json().total as number;
  /** What must survive a round trip: everything but ids, scores and timestamps. */
  const essence = (p: Json) => ({
    name: p.name,
    title: p.title,
    type: p.type,
    content: p.content,
    messages: p.messages,
    variables: p.variables,
    config: p.config,
    version: p.version,
    versions: (p.versions as Json[]).map((v) => ({
      version: v.version,
      content: v.content,
      change_note: v.change_note,
      type: v.type,
      messages: v.messages,
      variables: v.variables,
      config: v.config,
      created_at: v.created_at,
    })),
  });

  it("round-trips names, chat messages, variables and config of every version", async () => {
    const chat = await call(alice, "POST", "", {
      title: "Triage",
      name: "support/triage",
      messages: [
        { role: "system", content: "Triage tickets for {{product}}." },
        { role: "user", content: "{{ticket}}" },
      ],
      variables: [
        { name: "product", type: "enum", enum_values: ["app", "web"], default: "app" },
        { name: "ticket", type: "string", required: true },
      ],
      config: { model: "m1", response_format: { type: "json_schema", json_schema: { type: "object" } } },
    });
    expect(chat.statusCode).toBe(201);
    const id = chat.json().id;
    expect(
      (await call(alice, "PATCH", `/${id}`, { config: { model: "m2" } }, { "if-match": '"1"' })).statusCode,
    ).toBe(200);
    await call(alice, "POST", "", { title: "Plain text", content: "Hello {{who}}" });

    const exported = (await call(alice, "GET", "/export")).json();
    const triage = exported.prompts.find((p: Json) => p.name === "support/triage");
    expect(triage).toMatchObject({ type: "chat", version: 2, config: { model: "m2" } });
    expect(triage.versions[0]).toMatchObject({ version: 1, type: "chat", config: { model: "m1" } });
    expect(exported.prompts.find((p: Json) => p.title === "Plain text")).toMatchObject({
      name: "plain-text",
      type: "text",
      messages: null,
      undeclared_variables: ["who"],
    });

    const imported = await call(bob, "POST", "/import", exported);
    expect(imported.statusCode).toBe(201);
    expect(
      imported
        .json()
        .prompts.map((p: Json) => p.name)
        .sort(),
    ).toEqual(["plain-text", "support/triage"]);
    const again = (await call(bob, "GET", "/export")).json();
    const byName = (d: { prompts: Json[] }) =>
      Object.fromEntries(d.prompts.map((p) => [p.name as string, essence(p)]));
    expect(byName(again)).toEqual(byName(exported));

    // Importing the same document again: the names are taken, 409, and nothing is imported.
    const before = await count(bob);
    const twice = await call(bob, "POST", "/import", exported);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: "name_taken" });
    expect(twice.json().error.details[0].field).toMatch(/^prompts\.[01]\.name$/);
    expect(await count(bob)).toBe(before);
  });

  it("refuses a name given twice in the document (422 naming the second)", async () => {
    const res = await call(
      carol,
      "POST",
      "/import",
      doc([
        { title: "A", content: "a", name: "same" },
        { title: "B", content: "b", name: "same" },
      ]),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([
      { field: "prompts.1.name", message: "duplicates prompts.0.name" },
    ]);
  });

  it("derives missing names around the names the document gives", async () => {
    const res = await call(
      carol,
      "POST",
      "/import",
      doc([
        { title: "Foo", content: "derived" },
        { title: "Other", content: "given", name: "foo" },
        { title: "Bad name", content: "x", name: "folder/foo" },
      ]),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().prompts.map((p: Json) => [p.content, p.name])).toEqual([
      ["derived", "foo-2"],
      ["given", "foo"],
      ["x", "folder/foo"],
    ]);
  });

  it("carries each version's shape forward and checks the prompt against its latest version", async () => {
    const variables = [{ name: "who", type: "string" }];
    const ok = await call(
      carol,
      "POST",
      "/import",
      doc([
        {
          title: "Carried",
          versions: [
            { version: 1, content: "Hi {{who}}", variables, config: { model: "m" } },
            { version: 2, content: "Hello {{who}}" },
            { version: 3, type: "chat", messages: [{ role: "user", content: "Hey {{who}}" }] },
          ],
        },
      ]),
    );
    expect(ok.statusCode, ok.body).toBe(201);
    const p = ok.json().prompts[0];
    expect(p).toMatchObject({
      version: 3,
      type: "chat",
      content: "[user]\nHey {{who}}",
      config: { model: "m" },
    });
    const versions = (await call(carol, "GET", `/${p.id}/versions`)).json().items as Json[];
    expect(
      versions.map((v) => [v.version, v.type, (v.variables as Json[]).length, (v.config as Json).model]),
    ).toEqual([
      [3, "chat", 1, "m"],
      [2, "text", 1, "m"],
      [1, "text", 1, "m"],
    ]);

    const before = await count(carol);
    const bad = await call(
      carol,
      "POST",
      "/import",
      doc([
        {
          title: "Mismatch",
          content: "b",
          config: { model: "other" },
          versions: [
            { version: 1, content: "a" },
            { version: 2, content: "b", config: { model: "m", temperature: 9 } },
          ],
        },
        { title: "Bad chat", type: "chat", messages: [{ role: "robot", content: "x" }] },
      ]),
    );
    expect(bad.statusCode).toBe(422);
    const fields = (bad.json().error.details as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining(["prompts.0.versions.1.config.temperature", "prompts.1.messages.0.role"]),
    );
    // Rules beyond the request schema are the service's; they name their field just the same.
    const enumless = await call(
      carol,
      "POST",
      "/import",
      doc([{ title: "Bad variables", content: "x", variables: [{ name: "v", type: "enum" }] }]),
    );
    expect(enumless.statusCode).toBe(422);
    expect(enumless.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      "prompts.0.variables.0.enum_values",
    ]);
    expect(await count(carol)).toBe(before);

    const mismatch = await call(
      carol,
      "POST",
      "/import",
      doc([
        {
          title: "Mismatch",
          content: "b",
          config: { model: "other" },
          versions: [
            { version: 1, content: "a" },
            { version: 2, content: "b", config: { model: "m" } },
          ],
        },
      ]),
    );
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().error.details).toEqual([
      { field: "prompts.0.config", message: "must equal the config of the latest version (2)" },
    ]);
  });
});
