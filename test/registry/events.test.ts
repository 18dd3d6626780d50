// The registry's events hook (what the webhooks outbox implements): the labels and promotions services,
// built on a real app's database with a recorder of our own, call it for prompt.label.moved,
// promotion.requested and promotion.decided on the change's own transaction — a recorder that fails
// leaves no label move, history event, promotion or audit entry behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/repository.js";
import { createAuditService } from "../../src/features/audit/audit-service.js";
import type { ProjectAccess } from "../../src/features/projects/permissions.js";
import { createLabelsService } from "../../src/features/registry/labels-service.js";
import { createPromotionsService } from "../../src/features/registry/promotions-service.js";
import type { RegistryEvent, RegistryEventRecorder } from "../../src/features/registry/registry-events.js";
import { buildTestApp, DB_TARGETS, databaseOf, type TestApp } from "../helpers/app.js";
import { GOOD_TEXT, promptWithVersions, type Team, team } from "./registry-helpers.js";

class Recorder implements RegistryEventRecorder {
  readonly seen: { e: RegistryEvent; inTransaction: boolean }[] = [];
  fail = false;
  constructor(private readonly root: Db) {}
  async record(db: Db, e: RegistryEvent): Promise<void> {
    this.seen.push({ e, inTransaction: db !== this.root && db.isTransaction });
    if (this.fail) throw new Error("outbox unavailable");
  }
}

describe.each(DB_TARGETS)("registry events on %s", (target) => {
  let t: TestApp;
  let w: Team;
  let recorder: Recorder;
  let labels: ReturnType<typeof createLabelsService>;
  let promotions: ReturnType<typeof createPromotionsService>;
  const as = (userId: string, role: ProjectAccess["role"]): ProjectAccess => ({
    projectId: w.project.id,
    userId,
    role,
    scopes: null,
  });

  beforeAll(async () => {
    t = await buildTestApp({ target });
    w = await team(t.app);
    const db = databaseOf(t.app);
    recorder = new Recorder(db);
    const clock = Date.now;
    const audit = createAuditService({ db, clock, config: t.config });
    labels = createLabelsService({ db, clock, audit, events: recorder });
    promotions = createPromotionsService({
      db,
      clock,
      audit,
      metrics: t.app.deps.metrics,
      labels,
      events: recorder,
    });
  });
  afterAll(async () => t.close());

  it("records prompt.label.moved, promotion.requested and promotion.decided inside each change's transaction", async () => {
    const p = await promptWithVersions(w, [GOOD_TEXT]);
    recorder.seen.length = 0;
    await labels.move(as(w.editor.id, "editor"), p.id, "staging", { version: 1 });
    const req = await promotions.request(as(w.editor.id, "editor"), p.id, {
      label: "production",
      version: 1,
    });
    await promotions.approve(as(w.owner.id, "owner"), req.id, "ok");
    expect(recorder.seen.map((s) => s.e.type)).toEqual([
      "prompt.label.moved",
      "promotion.requested",
      "prompt.label.moved",
      "promotion.decided",
    ]);
    expect(recorder.seen.every((s) => s.inTransaction)).toBe(true);
    expect(recorder.seen[0]?.e).toMatchObject({
      projectId: w.project.id,
      data: { prompt_id: p.id, name: p.name, label: "staging", from: null, to: { version: 1 } },
    });
    expect(recorder.seen[3]?.e.data).toMatchObject({
      promotion_id: req.id,
      decision: "approved",
      version: 1,
    });
    expect(recorder.seen[2]?.e.data).toMatchObject({ label: "production", promotion_id: req.id });
  });

  it("leaves nothing behind when the recorder fails", async () => {
    const p = await promptWithVersions(w, [GOOD_TEXT]);
    const db = databaseOf(t.app);
    const count = async (table: "prompt_labels" | "prompt_label_events" | "promotions") =>
      (await db.selectFrom(table).select("prompt_id").where("prompt_id", "=", p.id).execute()).length;
    const audits = async () => (await db.selectFrom("audit_events").select("id").execute()).length;
    const before = await audits();
    recorder.fail = true;
    try {
      await expect(labels.move(as(w.editor.id, "editor"), p.id, "staging", { version: 1 })).rejects.toThrow(
        "outbox unavailable",
      );
      await expect(
        promotions.request(as(w.editor.id, "editor"), p.id, { label: "production", version: 1 }),
      ).rejects.toThrow("outbox unavailable");
    } finally {
      recorder.fail = false;
    }
    expect(await count("prompt_labels")).toBe(0);
    expect(await count("prompt_label_events")).toBe(0);
    expect(await count("promotions")).toBe(0);
    expect(await audits()).toBe(before);
  });
});
