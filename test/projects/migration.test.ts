// Migration 0003 on a database filled by the previous schema (0002): every user gets a personal project,
// every prompt, version, tag, template, use, analysis and API key is still there, and the API shows each
// user exactly what they had, on SQLite and PostgreSQL.
import { createHash, randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { migrateUpTo } from "../../src/db/database.js";
import { newId } from "../../src/db/ids.js";
import { scoreVersionText } from "../../src/features/analysis/version-scores.js";
import { buildTestApp, DB_TARGETS, openTestDatabase, type TestApp, testConfig } from "../helpers/app.js";

// biome-ignore lint/suspicious/noExplicitAny: the rows are written in the 0002 shape, not today's types
type AnyDb = any;

interface OldUser {
  id: string;
  username: string;
  apiKey: string;
}

const iso = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();

/** Fills a 0002 database: users with prompts (versions, tags), templates, uses, analyses and API keys. */
async function fillOldSchema(db: AnyDb, users: number): Promise<OldUser[]> {
  const out: OldUser[] = [];
  for (let u = 0; u < users; u++) {
    const id = newId();
    const username = `Old_User${u}`;
    await db
      .insertInto("users")
      .values({
        id,
        username,
        username_key: username.toLowerCase(),
        email: `old${u}@example.test`,
        password_hash: "x",
        full_name: null,
        role: u === 0 ? "admin" : "user",
        created_at: iso(u),
        updated_at: iso(u),
        last_active_at: null,
        sessions_valid_after: null,
      })
      .execute();
    for (let p = 0; p < 3; p++) {
      const promptId = newId();
      await db
        .insertInto("prompts")
        .values({
          id: promptId,
          user_id: id,
          title: `Prompt ${u}.${p}`,
          content: `Version 2 of prompt ${u}.${p}`,
          category: "other",
          tags: JSON.stringify([`t${p}`]),
          target_llm: "generic",
          current_version: 2,
          score: 40 + p,
          created_at: iso(10 + p),
          updated_at: iso(20 + p),
        })
        .execute();
      await db
        .insertInto("prompt_versions")
        .values(
          [1, 2].map((v) => ({
            id: newId(),
            prompt_id: promptId,
            version: v,
            content: `Version ${v} of prompt ${u}.${p}`,
            change_note: null,
            created_at: iso(10 + v),
          })),
        )
        .execute();
      await db
        .insertInto("prompt_tags")
        .values({ prompt_id: promptId, tag: `t${p}` })
        .execute();
      await db
        .insertInto("analyses")
        .values({
          id: newId(),
          user_id: id,
          prompt_id: promptId,
          prompt_version: 2,
          kind: "analyze",
          engine: "local",
          overall_score: 40 + p,
          result: JSON.stringify((await scoreVersionText(`Version 2 of prompt ${u}.${p}`, "generic")).result),
          created_at: iso(30),
        })
        .execute();
    }
    for (const visibility of ["private", "public"]) {
      const templateId = newId();
      await db
        .insertInto("templates")
        .values({
          id: templateId,
          user_id: id,
          name: `${visibility} template of ${username}`,
          description: null,
          content: "Hello {{name}}",
          variables: JSON.stringify([{ name: "name", description: "", required: true }]),
          category: "other",
          tags: "[]",
          visibility,
          use_count: 1,
          cloned_from: null,
          created_at: iso(40),
          updated_at: iso(40),
        })
        .execute();
      await db
        .insertInto("template_uses")
        .values({ id: newId(), template_id: templateId, user_id: id, created_at: iso(41) })
        .execute();
    }
    const apiKey = `pf_${randomBytes(32).toString("base64url")}`;
    await db
      .insertInto("api_keys")
      .values({
        id: newId(),
        user_id: id,
        name: "old key",
        prefix: apiKey.slice(0, 10),
        key_hash: createHash("sha256").update(apiKey).digest("hex"),
        created_at: iso(50),
        last_used_at: null,
      })
      .execute();
    out.push({ id, username, apiKey });
  }
  return out;
}

const TABLES = [
  "users",
  "prompts",
  "prompt_versions",
  "prompt_tags",
  "templates",
  "template_uses",
  "analyses",
  "api_keys",
];

async function counts(db: AnyDb): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const row = await db
      .selectFrom(t)
      .select((eb: AnyDb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    out[t] = Number(row.n);
  }
  return out;
}

describe.each(DB_TARGETS)("migration 0003-projects on %s", (target) => {
  let t: TestApp | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await t?.app.close();
    await drop?.();
    t = undefined;
    drop = undefined;
  });

  it("gives every existing user a personal project holding all their data, and loses nothing", async () => {
    const config = testConfig();
    const opened = await openTestDatabase(target, config);
    drop = opened.drop;
    const applied = await migrateUpTo(opened.db, "0002-session-cutoff");
    expect(applied).toEqual(["0001-initial", "0002-session-cutoff"]);
    const old = opened.db.kysely as AnyDb;
    // More users than the migration's chunk of 200, so the chunking is exercised too.
    const users = await fillOldSchema(old, 3);
    const extra: string[] = [];
    for (let i = 0; i < 205; i++) extra.push(newId());
    await old
      .insertInto("users")
      .values(
        extra.map((id, i) => ({
          id,
          username: `bulk${i}`,
          username_key: `bulk${i}`,
          email: `bulk${i}@example.test`,
          password_hash: "x",
          full_name: null,
          role: "user",
          created_at: iso(i),
          updated_at: iso(i),
          last_active_at: null,
          sessions_valid_after: null,
        })),
      )
      .execute();
    const before = await counts(old);

    t = await buildTestApp({ db: opened.db, target }); // runs the pending migrations, as a start-up does
    const db = opened.db.kysely as AnyDb;
    expect(await counts(db)).toEqual(before);

    const projects = await db.selectFrom("projects").selectAll().execute();
    expect(projects).toHaveLength(3 + 205);
    expect(projects.every((p: AnyDb) => Number(p.personal) === 1)).toBe(true);
    const members = await db.selectFrom("project_members").selectAll().execute();
    expect(members).toHaveLength(projects.length);
    expect(members.every((m: AnyDb) => m.role === "owner")).toBe(true);
    for (const u of users) {
      const project = projects.find((p: AnyDb) => p.created_by === u.id);
      expect(project.slug).toBe(`~${u.username.toLowerCase()}`);
      const prompts = await db
        .selectFrom("prompts")
        .select(["project_id", "user_id"])
        .where("user_id", "=", u.id)
        .execute();
      expect(prompts).toHaveLength(3);
      expect(prompts.every((p: AnyDb) => p.project_id === project.id)).toBe(true);
      const templates = await db
        .selectFrom("templates")
        .select("project_id")
        .where("user_id", "=", u.id)
        .execute();
      expect(templates.map((x: AnyDb) => x.project_id)).toEqual([project.id, project.id]);
    }
    expect(await db.selectFrom("prompts").select("id").where("project_id", "is", null).execute()).toEqual([]);
    expect(await db.selectFrom("templates").select("id").where("project_id", "is", null).execute()).toEqual(
      [],
    );

    // Through the API, with the API keys made before projects: each user sees exactly their data.
    for (const u of users) {
      const auth = { "x-api-key": u.apiKey };
      const list = await t.app.inject({
        method: "GET",
        url: "/api/v1/prompts?sort=title&order=asc",
        headers: auth,
      });
      expect(list.statusCode).toBe(200);
      const ix = users.indexOf(u);
      expect(list.json().items.map((p: { title: string }) => p.title)).toEqual(
        [0, 1, 2].map((p) => `Prompt ${ix}.${p}`),
      );
      const first = list.json().items[0];
      expect(first.version).toBe(2);
      expect(first.tags).toEqual(["t0"]);
      const versions = await t.app.inject({
        method: "GET",
        url: `/api/v1/prompts/${first.id}/versions`,
        headers: auth,
      });
      expect(versions.json().items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
      const history = await t.app.inject({
        method: "GET",
        url: `/api/v1/prompts/${first.id}/analyses`,
        headers: auth,
      });
      expect(history.json().items).toHaveLength(1);
      const mine = await t.app.inject({ method: "GET", url: "/api/v1/templates?scope=mine", headers: auth });
      expect(
        mine
          .json()
          .items.map((x: { name: string }) => x.name)
          .sort(),
      ).toEqual([`private template of ${u.username}`, `public template of ${u.username}`]);
      // Public templates stay visible instance-wide: everyone's public ones, nobody else's private ones.
      const all = await t.app.inject({ method: "GET", url: "/api/v1/templates?scope=public", headers: auth });
      expect(all.json().total).toBe(3);
      const stats = await t.app.inject({ method: "GET", url: "/api/v1/users/me/stats", headers: auth });
      expect(stats.json()).toMatchObject({
        prompts: 3,
        versions: 6,
        templates_created: 2,
        templates_used: 2,
      });
      const byProject = await t.app.inject({
        method: "GET",
        url: `/api/v1/projects/~${u.username.toLowerCase()}/prompts`,
        headers: auth,
      });
      expect(byProject.json().total).toBe(3);
    }
  });
});
