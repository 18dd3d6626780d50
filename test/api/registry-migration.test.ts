// Migration 0007 on a database an older PromptForge wrote: every prompt gets a name derived from its
// title, unique in its project (the oldest keeps the plain name; a title that already looks like a
// numbered name is respected), every version becomes a text version with nothing declared, and the
// prompts service then reads and edits the migrated prompts as usual.
import { describe, expect, it } from "vitest";
import { migrateToLatest } from "../../src/db/database.js";
import { createAuditService } from "../../src/features/audit/audit-service.js";
import { createPromptsService } from "../../src/features/prompts/prompts-service.js";
import { DB_TARGETS } from "../helpers/app.js";
import { databaseAt, minuteAt, useEmptyDatabase } from "../helpers/old-schema.js";

describe.each(DB_TARGETS)("migration 0007-registry (%s)", (target) => {
  const fx = useEmptyDatabase(target);

  it("derives unique names from titles, per project, and makes every version a plain text version", async () => {
    const { db, config } = fx;
    const old = await databaseAt(db, "0006-score-engine-version");
    await old
      .insertInto("projects")
      .values(
        ["p1", "p2"].map((id) => ({
          id,
          name: id,
          slug: id,
          personal: 0,
          created_by: "u1",
          created_at: minuteAt(0),
          updated_at: minuteAt(0),
        })),
      )
      .execute();
    const long = "A very long title that goes on and on well past the sixty characters a name keeps";
    // [id, project, title, minute created]: inserted out of creation order on purpose.
    const prompts: [string, string, string, number][] = [
      ["c", "p1", "hello world!", 3],
      ["a", "p1", "Hello World", 1],
      ["b", "p1", "Hello World 2", 2],
      ["d", "p1", "!!!", 4],
      ["e", "p1", "Über Café", 5],
      ["f", "p1", long, 6],
      ["g", "p2", "Hello World", 7],
      ["h", "p1", "???", 8],
    ];
    await old
      .insertInto("prompts")
      .values(
        prompts.map(([id, project, title, minute]) => ({
          id,
          user_id: "u1",
          project_id: project,
          title,
          content: `Content of ${id}`,
          category: "other",
          tags: "[]",
          target_llm: "generic",
          current_version: 1,
          score: null,
          score_engine_version: null,
          created_at: minuteAt(minute),
          updated_at: minuteAt(minute),
        })),
      )
      .execute();
    await old
      .insertInto("prompt_versions")
      .values(
        prompts.map(([id, , , minute]) => ({
          id: `v-${id}`,
          prompt_id: id,
          version: 1,
          content: `Content of ${id}`,
          change_note: null,
          created_at: minuteAt(minute),
        })),
      )
      .execute();

    expect(await migrateToLatest(db)).toContain("0007-registry");

    const rows = await db.kysely
      .selectFrom("prompts")
      .select(["id", "project_id", "name", "type"])
      .orderBy("id")
      .execute();
    expect(rows.map((r) => [r.id, r.name])).toEqual([
      ["a", "hello-world"],
      ["b", "hello-world-2"],
      ["c", "hello-world-3"],
      ["d", "prompt"],
      ["e", "uber-cafe"],
      ["f", "a-very-long-title-that-goes-on-and-on-well-past-the-sixty-ch"], // cut at 60 characters
      ["g", "hello-world"],
      ["h", "prompt-2"],
    ]);
    expect(rows.every((r) => r.type === "text")).toBe(true);
    const versions = await db.kysely.selectFrom("prompt_versions").selectAll().execute();
    expect(versions).toHaveLength(prompts.length);
    for (const v of versions) {
      expect([v.type, v.messages, v.variables, v.config, v.created_by]).toEqual([
        "text",
        null,
        "[]",
        "{}",
        null,
      ]);
    }

    // The service reads the migrated prompts with their registry fields, and edits them as usual.
    const clock = () => Date.parse(minuteAt(30));
    const prompts1 = createPromptsService({
      db: db.kysely,
      clock,
      audit: createAuditService({ db: db.kysely, clock, config }),
    });
    const access = { projectId: "p1", userId: "u1", role: "owner" as const, scopes: null };
    const listed = await prompts1.list(access, { limit: 100, sort: "title", order: "asc" });
    expect(listed.total).toBe(7);
    expect(listed.items.find((p) => p.id === "a")).toMatchObject({
      name: "hello-world",
      type: "text",
      messages: null,
      variables: [],
      config: {},
      undeclared_variables: [],
    });
    const created = await prompts1.create(access, { title: "Hello, world", content: "new" });
    expect(created.name).toBe("hello-world-4");
    const edited = await prompts1.update(access, "a", { variables: [{ name: "x", type: "string" }] }, 1);
    expect(edited).toMatchObject({ version: 2, content: "Content of a" });
    await expect(prompts1.update(access, "b", { name: "hello-world" }, 1)).rejects.toMatchObject({
      status: 409,
      code: "name_taken",
    });
  });
});
