// The prompts service announces every version it creates through its optional `events` dependency,
// inside the transaction that creates the version. The test injects a small recording implementation
// (a dependency, like a database) into the real service on the real database of a test app.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/repository.js";
import { createAuditService } from "../../src/features/audit/audit-service.js";
import type { ProjectAccess } from "../../src/features/projects/permissions.js";
import { createPromptsService } from "../../src/features/prompts/prompts-service.js";
import type { RegistryEventRecorder } from "../../src/features/registry/registry-events.js";
import { buildTestApp, DB_TARGETS, databaseOf, type TestApp } from "../helpers/app.js";
import { createTestUser } from "../helpers/users.js";

interface Seen {
  projectId: string;
  type: string;
  data: Record<string, unknown>;
  inTransaction: boolean;
  /** The version row as the event's executor sees it (it must already exist there). */
  versionVisible: boolean;
  /** Whether another connection sees it (PostgreSQL only: it must not, before commit). */
  visibleOutside?: boolean;
}

describe.each(DB_TARGETS)("prompt version events (%s)", (target) => {
  let t: TestApp;
  let access: ProjectAccess;
  let seen: Seen[];
  let fail = false;
  let root: Db;
  const recorder: RegistryEventRecorder = {
    async record(db, e) {
      const version = await db
        .selectFrom("prompt_versions")
        .select("id")
        .where("prompt_id", "=", String(e.data.prompt_id))
        .where("version", "=", Number(e.data.version))
        .executeTakeFirst();
      const entry: Seen = {
        ...e,
        inTransaction: db.isTransaction,
        versionVisible: version !== undefined,
      };
      // SQLite has one connection, held by the transaction; PostgreSQL's pool has others.
      if (target === "postgres") {
        entry.visibleOutside =
          (await root
            .selectFrom("prompt_versions")
            .select("id")
            .where("prompt_id", "=", String(e.data.prompt_id))
            .where("version", "=", Number(e.data.version))
            .executeTakeFirst()) !== undefined;
      }
      seen.push(entry);
      if (fail) throw new Error("outbox unavailable");
    },
  };
  let prompts: ReturnType<typeof createPromptsService>;

  beforeAll(async () => {
    t = await buildTestApp({ target });
    root = databaseOf(t.app);
    const alice = await createTestUser(t.app, { username: "alice" });
    const first = await t.app.inject({
      method: "POST",
      url: "/api/v1/prompts",
      headers: alice.auth,
      payload: { title: "Seed", content: "x" },
    });
    const projectId = (
      await root
        .selectFrom("prompts")
        .select("project_id")
        .where("id", "=", first.json().id)
        .executeTakeFirstOrThrow()
    ).project_id;
    access = { projectId, userId: alice.id, role: "owner", scopes: null };
    const clock = () => Date.now();
    prompts = createPromptsService({
      db: root,
      clock,
      audit: createAuditService({ db: root, clock, config: t.config }),
      events: recorder,
    });
  });
  afterAll(async () => t.close());

  const expectAnnounced = (entry: Seen | undefined, data: Record<string, unknown>) => {
    expect(entry).toMatchObject({
      projectId: access.projectId,
      type: "prompt.version.created",
      data,
      inTransaction: true,
      versionVisible: true,
    });
    if (target === "postgres") expect(entry?.visibleOutside).toBe(false);
  };

  it("announces version 1 on create, each new version on update and restore, and none for a title change", async () => {
    seen = [];
    const p = await prompts.create(access, { title: "Triage", name: "support/triage", content: "v1" });
    expect(seen).toHaveLength(1);
    expectAnnounced(seen[0], { prompt_id: p.id, name: "support/triage", version: 1 });

    await prompts.update(access, p.id, { content: "v2", name: "support/triage-2" }, 1);
    expectAnnounced(seen[1], { prompt_id: p.id, name: "support/triage-2", version: 2 });

    await prompts.update(access, p.id, { config: { model: "m" } }, 2);
    expectAnnounced(seen[2], { prompt_id: p.id, version: 3 });

    await prompts.update(access, p.id, { title: "Only the title" }, 3);
    expect(seen).toHaveLength(3);

    await prompts.restore(access, p.id, 1, undefined);
    expectAnnounced(seen[3], { prompt_id: p.id, version: 4 });

    const copy = await prompts.duplicate(access, p.id);
    expectAnnounced(seen[4], { prompt_id: copy.id, name: "only-the-title-copy", version: 1 });
  });

  it("announces each imported prompt's current version", async () => {
    seen = [];
    await prompts.importAll(access, {
      format: "promptforge-export",
      version: 1,
      prompts: [
        {
          title: "Imported",
          name: "imported/one",
          content: "b",
          versions: [
            { version: 1, content: "a" },
            { version: 2, content: "b" },
          ],
        },
        { title: "Second", content: "c" },
      ],
    });
    expect(seen.map((s) => [s.data.name, s.data.version])).toEqual([
      ["imported/one", 2],
      ["second", 1],
    ]);
    for (const s of seen) expectAnnounced(s, {});
  });

  it("rolls the version back when the event cannot be recorded", async () => {
    const count = async () =>
      Number(
        (
          await root
            .selectFrom("prompts")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("project_id", "=", access.projectId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const p = await prompts.create(access, { title: "Stable", content: "v1" });
    fail = true;
    try {
      await expect(prompts.create(access, { title: "Lost", content: "x" })).rejects.toThrow(
        "outbox unavailable",
      );
      await expect(prompts.update(access, p.id, { content: "v2" }, 1)).rejects.toThrow("outbox unavailable");
    } finally {
      fail = false;
    }
    expect(await count()).toBe(before + 1);
    expect(await prompts.get(access, p.id)).toMatchObject({ version: 1, content: "v1" });
    expect((await prompts.listVersions(access, p.id)).map((v) => v.version)).toEqual([1]);
  });
});
