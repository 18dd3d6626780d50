// Compile and composition through the real app on SQLite and PostgreSQL: typed variables (missing,
// unknown and mistyped each named in the 422), defaults, chat messages, versions that declare no
// variables, `{{> name}}` and `{{> name@label}}` includes resolved with the fetch's label and listed in
// resolved_from, `?resolve=true` on fetch, cycles and depth over five refused naming the chain.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";
import { projectKey } from "../projects/project-helpers.js";
import { call, pointLabel, promptWithVersions, setVersion, type Team, team } from "./registry-helpers.js";

describe.each(DB_TARGETS)("registry compile and composition on %s", (target) => {
  let t: TestApp;
  let w: Team;
  let key: string;
  const reg = (name: string) => `/api/v1/registry/${w.project.slug}/${name}`;
  const compile = (name: string, body: object) =>
    call(t.app, { "x-api-key": key }, "POST", `${reg(name)}/compile`, body);

  /** A prompt named `name` whose production label points at its only version, with `content`. */
  async function published(name: string, content: string, variables?: unknown) {
    const p = await promptWithVersions(w, [content], { name });
    if (variables) await setVersion(t.app, p.id, 1, { variables });
    await pointLabel(t.app, w.project.id, p.id, "production", 1);
    return p;
  }

  beforeAll(async () => {
    t = await buildTestApp({ target });
    w = await team(t.app);
    key = await projectKey(t.app, w.owner, w.project.slug, ["registry:read"]);
    await published(
      "support/reply",
      "Reply to {{customer}} in a {{tone}} tone.{{#vip}} Offer a discount.{{/vip}}",
      [
        { name: "customer", type: "string", required: true },
        { name: "tone", type: "enum", enum_values: ["formal", "casual"], default: "formal" },
        { name: "vip", type: "boolean" },
      ],
    );
  });
  afterAll(async () => t.close());

  it("renders the production version with the variables and the declared defaults", async () => {
    const res = await compile("support/reply", { variables: { customer: "Ada", vip: true } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      name: "support/reply",
      type: "text",
      version: 1,
      content: "Reply to Ada in a formal tone. Offer a discount.",
      resolved_from: [],
      served: { version: 1, label: "production" },
    });
  });

  it("names each missing, unknown and mistyped variable in one 422", async () => {
    const res = await compile("support/reply", { variables: { tone: "angry", vip: "yes", extra: 1 } });
    expect(res.statusCode, res.body).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe("validation_error");
    const named = error.details.map((d: { variable: string }) => d.variable).sort();
    expect(named).toEqual(["customer", "extra", "tone", "vip"]);
    for (const v of ["customer", "extra", "tone", "vip"]) expect(error.message).toContain(v);
  });

  it("renders chat messages", async () => {
    const chat = await published("chat/triage", "[system]\nSort.\n\n[user]\n{{ticket}}", [
      { name: "ticket", type: "string", required: true },
    ]);
    await setVersion(t.app, chat.id, 1, {
      type: "chat",
      messages: [
        { role: "system", content: "Sort tickets for {{team}}." },
        { role: "user", content: "{{ticket}}" },
      ],
      variables: [
        { name: "ticket", type: "string", required: true },
        { name: "team", type: "string", default: "support" },
      ],
    });
    const res = await compile("chat/triage", { variables: { ticket: "My parcel is late" } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().messages).toEqual([
      { role: "system", content: "Sort tickets for support." },
      { role: "user", content: "My parcel is late" },
    ]);
    expect(res.json().content).toBeUndefined();
  });

  it("requires every variable the template reads when the version declares none", async () => {
    await published("legacy/hello", "Hello {{name}}, welcome to {{place}}.");
    const missing = await compile("legacy/hello", { variables: { name: "Ada" } });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.details).toEqual([expect.objectContaining({ variable: "place" })]);
    const ok = await compile("legacy/hello", { variables: { name: "Ada", place: "Paris" } });
    expect(ok.json().content).toBe("Hello Ada, welcome to Paris.");
  });

  it("compiles a given version or label, and 404s an unknown one", async () => {
    expect((await compile("support/reply", { version: 1, variables: { customer: "A" } })).statusCode).toBe(
      200,
    );
    const none = await compile("support/reply", { label: "staging", variables: {} });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.message).toContain("staging");
    expect((await compile("no/such", { variables: {} })).statusCode).toBe(404);
  });

  it("answers 422 with line and column for malformed content", async () => {
    await published("broken/one", "Hello {{name");
    const res = await compile("broken/one", { variables: {} });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0]).toMatchObject({ line: 1 });
    const fetched = await call(t.app, { "x-api-key": key }, "GET", `${reg("broken/one")}?resolve=true`);
    expect(fetched.statusCode).toBe(422);
    expect((await call(t.app, { "x-api-key": key }, "GET", reg("broken/one"))).json().content).toBe(
      "Hello {{name",
    );
  });

  it("refuses unauthenticated calls (401) and keys without registry:read (403)", async () => {
    const r = await call(t.app, {}, "POST", `${reg("support/reply")}/compile`, { variables: {} });
    expect(r.statusCode).toBe(401);
    const writer = await projectKey(t.app, w.owner, w.project.slug, ["prompts:write"]);
    const f = await call(t.app, { "x-api-key": writer }, "POST", `${reg("support/reply")}/compile`, {
      variables: {},
    });
    expect(f.statusCode).toBe(403);
    expect(
      (
        await call(t.app, w.viewer.auth, "POST", `${reg("support/reply")}/compile`, {
          variables: { customer: "x" },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await call(t.app, { "x-api-key": key }, "POST", reg("support/reply"), { variables: {} })).statusCode,
    ).toBe(404);
  });

  describe("composition", () => {
    beforeAll(async () => {
      const tone = await published("shared/tone", "Be {{tone}}.", [
        { name: "tone", type: "string", default: "kind" },
      ]);
      await promptWithVersions(w, ["Be {{tone}}.", "Be very {{tone}}."], { name: "shared/tone-v" });
      const staged = await published("shared/sign", "Regards, {{agent}}.", [
        { name: "agent", type: "string", required: true },
      ]);
      await call(t.app, w.editor.auth, "PUT", `${w.base}/prompts/${staged.id}/labels/staging`, {
        version: 1,
      });
      await published("mail/answer", "Intro. {{> shared/tone}} {{> shared/sign@staging}}", [
        { name: "tone", type: "string", required: true },
      ]);
      expect(tone.id).toBeTruthy();
    });

    it("resolves includes at compile, listing the versions it used, with the includes' variables", async () => {
      const res = await compile("mail/answer", { variables: { tone: "brief", agent: "Sam" } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().content).toBe("Intro. Be brief. Regards, Sam.");
      expect(res.json().resolved_from).toEqual([
        { name: "shared/tone", version: 1, label: "production" },
        { name: "shared/sign", version: 1, label: "staging" },
      ]);
      const missing = await compile("mail/answer", { variables: { tone: "brief" } });
      expect(missing.statusCode).toBe(422);
      expect(missing.json().error.details[0].variable).toBe("agent");
    });

    it("returns raw content on fetch, and the includes inlined with resolve=true", async () => {
      const raw = (await call(t.app, { "x-api-key": key }, "GET", reg("mail/answer"))).json();
      expect(raw.content).toBe("Intro. {{> shared/tone}} {{> shared/sign@staging}}");
      expect(raw.resolved_from).toEqual([]);
      const res = await call(t.app, { "x-api-key": key }, "GET", `${reg("mail/answer")}?resolve=true`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().content).toBe("Intro. Be {{tone}}. Regards, {{agent}}.");
      expect(res.json().resolved_from).toHaveLength(2);
      // The included prompts' variables come along: what compile checks.
      expect(res.json().variables.map((v: { name: string }) => v.name)).toEqual(["tone", "agent"]);
      expect(raw.variables.map((v: { name: string }) => v.name)).toEqual(["tone"]);
      expect(res.headers.etag).not.toBe(
        (await call(t.app, { "x-api-key": key }, "GET", reg("mail/answer"))).headers.etag,
      );
    });

    it("inlines a tag alone on its line as compile renders it (indentation, line end)", async () => {
      await published("block/part", "- one {{x}}\n- two", [{ name: "x", type: "string", required: true }]);
      await published("block/host", "List:\n  {{> block/part}}\nEnd {{x}}", [
        { name: "x", type: "string", required: true },
      ]);
      const compiled = (await compile("block/host", { variables: { x: "X" } })).json().content;
      const inlined = (
        await call(t.app, { "x-api-key": key }, "GET", `${reg("block/host")}?resolve=true`)
      ).json().content;
      const again = await published("block/inlined", inlined, [
        { name: "x", type: "string", required: true },
      ]);
      expect(again.id).toBeTruthy();
      expect((await compile("block/inlined", { variables: { x: "X" } })).json().content).toBe(compiled);
      expect(compiled).toContain("  - one X\n  - two");
    });

    it("takes the fetch's label for includes without one", async () => {
      const host = await promptWithVersions(w, ["Start. {{> shared/tone-v}}"], { name: "mail/host" });
      const inc = await databaseId("shared/tone-v");
      await call(t.app, w.editor.auth, "PUT", `${w.base}/prompts/${host.id}/labels/beta`, { version: 1 });
      await call(t.app, w.editor.auth, "PUT", `${w.base}/prompts/${inc}/labels/beta`, { version: 2 });
      const res = await compile("mail/host", { label: "beta", variables: { tone: "calm" } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().content).toBe("Start. Be very calm.");
      expect(res.json().resolved_from).toEqual([{ name: "shared/tone-v", version: 2, label: "beta" }]);
      const latest = await compile("mail/host", { label: "latest", variables: { tone: "calm" } });
      expect(latest.json().resolved_from).toEqual([{ name: "shared/tone-v", version: 2, label: "latest" }]);
    });

    async function databaseId(name: string): Promise<string> {
      const res = await call(t.app, w.owner.auth, "GET", `${w.base}/prompts?limit=100`);
      const found = res.json().items.find((p: { name?: string; id: string }) => p.name === name);
      if (found) return found.id;
      const { databaseOf } = await import("../helpers/app.js");
      const row = await databaseOf(t.app)
        .selectFrom("prompts")
        .select("id")
        .where("name", "=", name)
        .executeTakeFirstOrThrow();
      return row.id;
    }

    it("refuses a cycle with a 422 naming the chain", async () => {
      await published("cycle/a", "A {{> cycle/b}}");
      await published("cycle/b", "B {{> cycle/c}}");
      await published("cycle/c", "C {{> cycle/a}}");
      const res = await compile("cycle/a", { variables: {} });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.message).toBe("Composition cycle: cycle/a → cycle/b → cycle/c → cycle/a");
      const fetched = await call(t.app, { "x-api-key": key }, "GET", `${reg("cycle/a")}?resolve=true`);
      expect(fetched.statusCode).toBe(422);
      const self = await published("cycle/self", "Me {{> cycle/self}}");
      expect(self.id).toBeTruthy();
      expect((await compile("cycle/self", { variables: {} })).json().error.message).toContain(
        "cycle/self → cycle/self",
      );
    });

    it("allows five levels of includes and refuses a sixth, naming the chain", async () => {
      for (let i = 0; i <= 6; i++) await published(`deep/p${i}`, i < 6 ? `${i} {{> deep/p${i + 1}}}` : "6");
      const five = await compile("deep/p1", { variables: {} });
      expect(five.statusCode, five.body).toBe(200);
      expect(five.json().content).toBe("1 2 3 4 5 6");
      expect(five.json().resolved_from).toHaveLength(5);
      const six = await compile("deep/p0", { variables: {} });
      expect(six.statusCode).toBe(422);
      expect(six.json().error.message).toBe(
        "Composition deeper than 5 levels: deep/p0 → deep/p1 → deep/p2 → deep/p3 → deep/p4 → deep/p5 → deep/p6",
      );
    });

    it("refuses an include with no version under the label (422 naming it)", async () => {
      await published("mail/orphan", "Hi {{> shared/nowhere}}");
      const res = await compile("mail/orphan", { variables: {} });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toContain("shared/nowhere");
      expect(res.json().error.message).toContain("mail/orphan → shared/nowhere");
    });
  });
});
