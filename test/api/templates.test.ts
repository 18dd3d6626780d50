// Templates API end to end: validation of placeholders and variables, visibility (404 for someone
// else's private template, 403 for changing someone else's public one), listing scopes and pages,
// use (rendering, counters, save as prompt, rollback) and clone, on every database target of the run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";
import { apiCall, createTestUser, type TestUser, useAppWithUsers } from "../helpers/users.js";

interface Template {
  id: string;
  name: string;
  visibility: string;
  use_count: number;
  is_owner: boolean;
  owner: { id: string; username: string };
  cloned_from: string | null;
  [k: string]: unknown;
}

describe.each(DB_TARGETS)("templates API (%s)", (target) => {
  let t: TestApp, alice: TestUser, bob: TestUser;
  useAppWithUsers(target, ["alice", "bob"], (fx) => ({ t, alice, bob } = fx));
  type Method = "GET" | "POST" | "PUT" | "DELETE";
  const call = apiCall(() => t.app, "/api/v1/templates");
  const base = {
    name: "Blog intro",
    description: "Opening paragraph",
    content: "Write an intro about {{ topic }} for {{audience}} in a {{tone}} tone.",
    variables: [
      { name: "topic", description: "Subject", required: true },
      { name: "audience", description: "Readers", default: "beginners", required: true },
      { name: "tone", description: "Voice", required: false },
    ],
    category: "content",
    tags: ["Blog", "blog", "Writing"],
  };
  const create = async (user: TestUser, body: Record<string, unknown> = {}): Promise<Template> => {
    const res = await call(user, "POST", "", { ...base, ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const fields = (res: { json: () => { error: { details?: { field: string }[] } } }) =>
    (res.json().error.details ?? []).map((d) => d.field);
  const counter = async (name: "templatesCreatedTotal" | "templatesUsedTotal") =>
    (await t.app.deps.metrics[name].get()).values.reduce((s, v) => s + v.value, 0);
  const countUsesOf = async (id: string) =>
    Number(
      (
        await t.db.kysely
          .selectFrom("templates")
          .select("use_count")
          .where("id", "=", id)
          .executeTakeFirstOrThrow()
      ).use_count,
    );
  const usesOf = async (userId: string) =>
    Number(
      (
        await t.db.kysely
          .selectFrom("template_uses")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("user_id", "=", userId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe("create", () => {
    it("creates a private template owned by the caller and counts it", async () => {
      const before = await counter("templatesCreatedTotal");
      const tpl = await create(alice);
      expect(tpl).toMatchObject({
        name: "Blog intro",
        description: "Opening paragraph",
        category: "content",
        tags: ["blog", "writing"],
        visibility: "private",
        use_count: 0,
        owner: { id: alice.id, username: "alice" },
        is_owner: true,
        cloned_from: null,
      });
      expect(tpl.variables).toEqual([
        { name: "topic", description: "Subject", required: true },
        { name: "audience", description: "Readers", default: "beginners", required: true },
        { name: "tone", description: "Voice", required: false },
      ]);
      expect(await counter("templatesCreatedTotal")).toBe(before + 1);
      const got = await call(alice, "GET", `/${tpl.id}`);
      expect(got.json()).toEqual(tpl);
    });

    it("defaults description, variables, category, visibility and required", async () => {
      const res = await call(alice, "POST", "", {
        name: "Fixed",
        content: "No placeholders here {not one}.",
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        description: "",
        variables: [],
        category: "other",
        visibility: "private",
      });
      const one = await call(alice, "POST", "", { name: "x", content: "{{a}}", variables: [{ name: "a" }] });
      expect(one.json().variables).toEqual([{ name: "a", description: "", required: true }]);
    });

    it("rejects placeholders that are used but not declared, naming them", async () => {
      const res = await call(alice, "POST", "", {
        ...base,
        content: `${base.content} {{length}} {{format}}`,
      });
      expect(res.statusCode).toBe(422);
      const err = res.json().error;
      expect(err.message).toContain("undeclared placeholders: length, format");
      expect(err.details).toEqual(
        expect.arrayContaining([
          { field: "content", message: "placeholder {{length}} is used but not declared in variables" },
          { field: "content", message: "placeholder {{format}} is used but not declared in variables" },
        ]),
      );
    });

    it("rejects variables that are declared but not used, naming them", async () => {
      const res = await call(alice, "POST", "", {
        ...base,
        variables: [...base.variables, { name: "unused_one", description: "", required: false }],
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toContain("unused variables: unused_one");
      expect(fields(res)).toEqual(["variables.3.name"]);
    });

    it.each([
      ["an unclosed {{", "Hello {{topic", "Unclosed"],
      ["a stray }}", "Hello topic}}", "Unmatched"],
      ["a malformed name", "Hello {{1topic}}", "Malformed"],
      ["triple braces", "Hello {{{topic}}}", "Malformed"],
    ])("rejects %s with 422", async (_, content, message) => {
      const res = await call(alice, "POST", "", { name: "x", content, variables: [] });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toContain(message);
      expect(fields(res)).toContain("content");
    });

    it.each([
      [
        "a duplicate variable",
        { content: "{{a}}", variables: [{ name: "a" }, { name: "a" }] },
        "variables.1.name",
      ],
      ["a bad variable name", { content: "{{a}}", variables: [{ name: "a-b" }] }, "variables.0.name"],
      [
        "51 variables",
        {
          content: Array.from({ length: 51 }, (_, i) => `{{v${i}}}`).join(" "),
          variables: Array.from({ length: 51 }, (_, i) => ({ name: `v${i}` })),
        },
        "variables",
      ],
      ["an empty name", { name: "" }, "name"],
      ["a 2,001-character description", { description: "d".repeat(2001) }, "description"],
      ["50,001 characters of content", { content: "c".repeat(50_001), variables: [] }, "content"],
      ["21 tags", { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, "tags"],
      ["an unknown visibility", { visibility: "friends" }, "visibility"],
      [
        "a default over 10,000 characters",
        { variables: [{ name: "topic", default: "x".repeat(10_001) }] },
        "variables.0.default",
      ],
    ])("rejects %s with 422 naming the field", async (_, body, field) => {
      const res = await call(alice, "POST", "", { ...base, ...body });
      expect(res.statusCode).toBe(422);
      expect(fields(res)).toContain(field);
    });
  });

  describe("visibility and ownership", () => {
    it("hides someone else's private template on every endpoint (404)", async () => {
      const tpl = await create(alice);
      const attempts: [Method, string, unknown?][] = [
        ["GET", `/${tpl.id}`],
        ["PUT", `/${tpl.id}`, base],
        ["DELETE", `/${tpl.id}`],
        ["POST", `/${tpl.id}/use`, { variables: { topic: "x" } }],
        ["POST", `/${tpl.id}/clone`],
      ];
      for (const [method, url, body] of attempts) {
        const res = await call(bob, method, url, body);
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(res.json().error.code).toBe("not_found");
      }
      expect(await countUsesOf(tpl.id)).toBe(0);
      const list = (await call(bob, "GET", "?limit=100")).json();
      expect(list.items.some((x: Template) => x.id === tpl.id)).toBe(false);
    });

    it("lets others read, use and clone a public template but not change or delete it (403)", async () => {
      const tpl = await create(alice, { visibility: "public" });
      const got = await call(bob, "GET", `/${tpl.id}`);
      expect(got.statusCode).toBe(200);
      expect(got.json()).toMatchObject({ is_owner: false, owner: { id: alice.id, username: "alice" } });
      const put = await call(bob, "PUT", `/${tpl.id}`, { ...base, name: "Hijacked" });
      expect(put.statusCode).toBe(403);
      expect(put.json().error.code).toBe("forbidden");
      expect((await call(bob, "DELETE", `/${tpl.id}`)).statusCode).toBe(403);
      expect((await call(alice, "GET", `/${tpl.id}`)).json().name).toBe("Blog intro");
      expect((await call(bob, "POST", `/${tpl.id}/use`, { variables: { topic: "cats" } })).statusCode).toBe(
        200,
      );
    });

    it("lets the owner replace and delete", async () => {
      const tpl = await create(alice, { visibility: "public" });
      const res = await call(alice, "PUT", `/${tpl.id}`, {
        name: "Renamed",
        content: "About {{subject}}",
        variables: [{ name: "subject" }],
        tags: ["new"],
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        name: "Renamed",
        content: "About {{subject}}",
        variables: [{ name: "subject", description: "", required: true }],
        tags: ["new"],
        // PUT is a full replacement: a left-out visibility takes the default.
        visibility: "private",
        category: "other",
      });
      const bad = await call(alice, "PUT", `/${tpl.id}`, { name: "x", content: "{{nope}}" });
      expect(bad.statusCode).toBe(422);
      expect((await call(alice, "DELETE", `/${tpl.id}`)).statusCode).toBe(204);
      expect((await call(alice, "GET", `/${tpl.id}`)).statusCode).toBe(404);
      expect((await call(alice, "DELETE", `/${tpl.id}`)).statusCode).toBe(404);
    });

    it("requires authentication", async () => {
      expect((await call(null, "GET", "")).statusCode).toBe(401);
    });
  });

  describe("use", () => {
    it("renders with defaults, counts the use once and records it", async () => {
      const tpl = await create(alice, { visibility: "public" });
      const [used, uses] = [await counter("templatesUsedTotal"), await usesOf(bob.id)];
      const res = await call(bob, "POST", `/${tpl.id}/use`, { variables: { topic: "sourdough" } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ text: "Write an intro about sourdough for beginners in a  tone." });
      expect(await counter("templatesUsedTotal")).toBe(used + 1);
      expect(await usesOf(bob.id)).toBe(uses + 1);
      expect(await countUsesOf(tpl.id)).toBe(1);
      expect((await call(alice, "GET", `/${tpl.id}`)).json().use_count).toBe(1);
    });

    it("rejects missing required and unknown variables, naming them, and counts nothing", async () => {
      const tpl = await create(alice);
      const used = await counter("templatesUsedTotal");
      const res = await call(alice, "POST", `/${tpl.id}/use`, { variables: { audience: "", colour: "red" } });
      expect(res.statusCode).toBe(422);
      const err = res.json().error;
      expect(err.message).toContain("missing required variables: topic, audience");
      expect(err.message).toContain("unknown variables: colour");
      expect(fields(res).sort()).toEqual(["variables.audience", "variables.colour", "variables.topic"]);
      expect(await counter("templatesUsedTotal")).toBe(used);
      expect(await countUsesOf(tpl.id)).toBe(0);
    });

    it("rejects a value over 10,000 characters", async () => {
      const tpl = await create(alice);
      const res = await call(alice, "POST", `/${tpl.id}/use`, { variables: { topic: "x".repeat(10_001) } });
      expect(res.statusCode).toBe(422);
      expect(fields(res)).toContain("variables.topic");
    });

    it("saves the rendered text as a prompt of the caller", async () => {
      const tpl = await create(alice, { visibility: "public" });
      const res = await call(bob, "POST", `/${tpl.id}/use`, {
        variables: { topic: "tea", tone: "warm" },
        save_as_prompt: { title: "Tea intro", tags: ["Drinks"], target_llm: "claude" },
      });
      expect(res.statusCode).toBe(200);
      const { text, prompt } = res.json();
      expect(text).toBe("Write an intro about tea for beginners in a warm tone.");
      expect(prompt).toMatchObject({
        title: "Tea intro",
        content: text,
        category: "content",
        tags: ["drinks"],
        target_llm: "claude",
        version: 1,
      });
      const saved = await t.app.inject({
        method: "GET",
        url: `/api/v1/prompts/${prompt.id}`,
        headers: bob.auth,
      });
      expect(saved.statusCode).toBe(200);
      const notAlices = await t.app.inject({
        method: "GET",
        url: `/api/v1/prompts/${prompt.id}`,
        headers: alice.auth,
      });
      expect(notAlices.statusCode).toBe(404);
    });

    it("leaves no use behind when the prompt cannot be saved", async () => {
      const tpl = await create(alice, {
        content: "{{a}}{{a}}{{a}}{{a}}{{a}}{{a}}",
        variables: [{ name: "a" }],
      });
      const used = await counter("templatesUsedTotal");
      const uses = await usesOf(alice.id);
      // 60,000 rendered characters: fine to render, too long for a prompt.
      const res = await call(alice, "POST", `/${tpl.id}/use`, {
        variables: { a: "x".repeat(10_000) },
        save_as_prompt: { title: "Too long" },
      });
      expect(res.statusCode).toBe(422);
      expect(fields(res)).toContain("content");
      expect(await countUsesOf(tpl.id)).toBe(0);
      expect(await usesOf(alice.id)).toBe(uses);
      expect(await counter("templatesUsedTotal")).toBe(used);
      const plain = await call(alice, "POST", `/${tpl.id}/use`, { variables: { a: "x".repeat(10_000) } });
      expect(plain.json().text).toHaveLength(60_000);
    });

    it("counts concurrent uses exactly", async () => {
      const tpl = await create(alice, { visibility: "public" });
      const used = await counter("templatesUsedTotal");
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          call(i % 2 ? alice : bob, "POST", `/${tpl.id}/use`, { variables: { topic: `t${i}` } }),
        ),
      );
      expect(results.every((r) => r.statusCode === 200)).toBe(true);
      expect(await countUsesOf(tpl.id)).toBe(10);
      expect(await counter("templatesUsedTotal")).toBe(used + 10);
    });
  });

  describe("clone", () => {
    it("copies a public template into a private one of the caller", async () => {
      const tpl = await create(alice, { visibility: "public" });
      await call(bob, "POST", `/${tpl.id}/use`, { variables: { topic: "x" } });
      const created = await counter("templatesCreatedTotal");
      const res = await call(bob, "POST", `/${tpl.id}/clone`);
      expect(res.statusCode).toBe(201);
      const copy = res.json();
      expect(copy).toMatchObject({
        name: tpl.name,
        content: tpl.content,
        variables: tpl.variables,
        tags: tpl.tags,
        visibility: "private",
        use_count: 0,
        cloned_from: tpl.id,
        owner: { id: bob.id, username: "bob" },
        is_owner: true,
      });
      expect(copy.id).not.toBe(tpl.id);
      expect(await counter("templatesCreatedTotal")).toBe(created + 1);
      // The copy is Bob's to change; the original is untouched.
      expect((await call(bob, "PUT", `/${copy.id}`, { ...base, name: "Mine now" })).statusCode).toBe(200);
      expect((await call(alice, "GET", `/${tpl.id}`)).json().name).toBe("Blog intro");
      expect((await call(alice, "GET", `/${copy.id}`)).statusCode).toBe(404);
    });

    it("clones one's own private template", async () => {
      const tpl = await create(alice);
      const res = await call(alice, "POST", `/${tpl.id}/clone`);
      expect(res.statusCode).toBe(201);
      expect(res.json().cloned_from).toBe(tpl.id);
    });
  });
});

describe.each(DB_TARGETS)("template listing (%s)", (target) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  const mine: string[] = [];
  const bobsPublic: string[] = [];
  const bobsPrivate: string[] = [];
  let now = Date.parse("2026-02-01T00:00:00Z");

  beforeAll(async () => {
    t = await buildTestApp({ target, clock: () => now });
    alice = await createTestUser(t.app);
    bob = await createTestUser(t.app);
    const make = async (user: TestUser, i: number, visibility: string) => {
      if (i % 4 !== 0) now += 1000;
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/templates",
        headers: user.auth,
        payload: {
          name: `T${i} ${i % 2 ? "50% off" : "snake_case"}`,
          content: "{{x}}",
          variables: [{ name: "x" }],
          category: i % 3 === 0 ? "email" : "other",
          tags: [i % 2 ? "odd" : "even"],
          visibility,
        },
      });
      expect(res.statusCode).toBe(201);
      return res.json().id as string;
    };
    for (let i = 0; i < 9; i++) mine.push(await make(alice, i, i % 3 === 0 ? "public" : "private"));
    for (let i = 9; i < 16; i++) bobsPublic.push(await make(bob, i, "public"));
    for (let i = 16; i < 20; i++) bobsPrivate.push(await make(bob, i, "private"));
  });
  afterAll(async () => t.close());

  const list = async (query: string) => {
    const res = await t.app.inject({ method: "GET", url: `/api/v1/templates?${query}`, headers: alice.auth });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Template[]; total: number; limit: number; next_cursor: string | null };
  };
  const walk = async (query: string, limit: number) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list(
        `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`,
      );
      ids.push(...page.items.map((x) => x.id));
      cursor = page.next_cursor;
    } while (cursor);
    return ids;
  };

  it("shows mine and public ones by default, never someone else's private ones", async () => {
    const all = await walk("scope=all", 4);
    expect(new Set(all)).toEqual(new Set([...mine, ...bobsPublic]));
    expect(all).toHaveLength(mine.length + bobsPublic.length);
    expect((await list("")).total).toBe(16);
  });

  it("lists newest first and walks pages without duplicates or gaps", async () => {
    const oneShot = (await list("limit=100")).items.map((x) => x.id);
    for (const limit of [1, 3, 5]) expect(await walk("scope=all", limit)).toEqual(oneShot);
    const created = (await list("limit=100")).items.map((x) => x.created_at as string);
    expect([...created].sort().reverse()).toEqual(created);
  });

  it("filters by scope", async () => {
    const m = await list("scope=mine&limit=100");
    expect(new Set(m.items.map((x) => x.id))).toEqual(new Set(mine));
    expect(m.items.every((x) => x.is_owner)).toBe(true);
    const p = await list("scope=public&limit=100");
    expect(p.items.every((x) => x.visibility === "public")).toBe(true);
    expect(p.total).toBe(3 + bobsPublic.length);
    expect(p.items.filter((x) => !x.is_owner).every((x) => x.owner.id === bob.id)).toBe(true);
  });

  it("filters by category, tag and search (with literal % and _)", async () => {
    const email = await list("category=email&limit=100");
    expect(email.items.every((x) => x.category === "email")).toBe(true);
    expect(email.total).toBeGreaterThan(0);
    const odd = await list("tag=ODD&limit=100");
    expect(odd.items.every((x) => (x.tags as string[]).includes("odd"))).toBe(true);
    const pct = await list(`q=${encodeURIComponent("50%")}&limit=100`);
    expect(pct.items.length).toBeGreaterThan(0);
    expect(pct.items.every((x) => x.name.includes("50% off"))).toBe(true);
    const underscore = await list(`q=${encodeURIComponent("e_c")}&limit=100`);
    expect(underscore.items.every((x) => x.name.includes("snake_case"))).toBe(true);
    expect(underscore.items.length + pct.items.length).toBe(16);
  });

  it("rejects a bad cursor and bad parameters with 422", async () => {
    for (const q of ["cursor=%%%", "scope=everyone", "limit=101"]) {
      const res = await t.app.inject({ method: "GET", url: `/api/v1/templates?${q}`, headers: alice.auth });
      expect(res.statusCode, q).toBe(422);
    }
  });
});
