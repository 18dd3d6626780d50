// Audit-log retention on SQLite and PostgreSQL, on the app's injectable clock: entries older than
// AUDIT_RETENTION_DAYS are deleted oldest first in bounded batches, each chain is re-anchored so verify
// still passes (and keeps passing as new entries arrive), what was deleted is logged and counted, a chain
// whose expired entries do not verify is left alone, and the job runs on its own timer and stops with the app.
import { afterEach, describe, expect, it } from "vitest";
import { createAuditRetention } from "../../src/features/audit/audit-retention.js";
import { createAuditService } from "../../src/features/audit/audit-service.js";
import { buildTestApp, DB_TARGETS, databaseOf, type TestApp } from "../helpers/app.js";
import { metricValue } from "../helpers/metrics.js";
import { createTestUser } from "../helpers/users.js";

const DAY = 86_400_000;
const START = Date.parse("2025-01-10T12:00:00.000Z");

describe.each(DB_TARGETS)("audit retention (%s)", (target) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function setUp(env: Record<string, string> = {}) {
    const clock = { now: START };
    const logLines: string[] = [];
    t = await buildTestApp({ target, clock: () => clock.now, logLines, env: { LOG_LEVEL: "INFO", ...env } });
    const app = t.app;
    const db = databaseOf(app);
    const audit = createAuditService({ db, clock: () => clock.now, config: { AUDIT_EXPORT_MAX_ROWS: 1000 } });
    /** `n` instance-level entries, one a day, and 2 in a project's chain. */
    const fill = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await audit.record(
          { projectId: null, action: "auth.login", target: { type: "user", id: `u${i}` } },
          undefined,
        );
        if (i < 2)
          await audit.record(
            { projectId: "p1", action: "prompt.create", target: { type: "prompt", id: `p${i}` } },
            undefined,
          );
        clock.now += DAY;
      }
    };
    const retention = (opts: { batchSize?: number; maxBatchesPerRun?: number } = {}) =>
      createAuditRetention({
        db,
        clock: () => clock.now,
        logger: app.deps.logger,
        metrics: app.deps.metrics,
        config: app.deps.config,
        ...opts,
      });
    const seqs = async (chain = "instance") =>
      (
        await db.selectFrom("audit_events").select("seq").where("chain", "=", chain).orderBy("seq").execute()
      ).map((r) => r.seq);
    // A fresh admin each time: access tokens expire as the clock moves on by days.
    const verify = async () => {
      const admin = await createTestUser(app, { role: "admin" });
      return (
        await app.inject({ method: "GET", url: "/api/v1/admin/audit/verify", headers: admin.auth })
      ).json();
    };
    return { app, db, clock, logLines, audit, fill, retention, seqs, verify };
  }

  it("deletes expired entries in bounded batches, re-anchors, and verify passes before and after new entries", async () => {
    const { app, clock, logLines, audit, fill, retention, seqs, verify } = await setUp({
      AUDIT_RETENTION_DAYS: "30",
    });
    await fill(40); // entries on days 0…39; now is day 40
    clock.now = START + 45 * DAY; // cutoff: day 15, so days 0…14 (15 entries) have expired
    const deletedBefore = await metricValue(app.deps.metrics.auditRetentionDeletedTotal);

    const job = retention({ batchSize: 4, maxBatchesPerRun: 3 });
    const first = await job.runOnce();
    // Bounded: 3 batches of 4 this run, all spent on the instance chain (chains go in name order).
    expect(first.result).toBe("success");
    expect(first.chains.map((c) => [c.chain, c.deleted, c.anchor_seq])).toEqual([["instance", 12, 12]]);
    const second = await job.runOnce();
    expect(second.chains.map((c) => [c.chain, c.deleted, c.anchor_seq])).toEqual([
      ["instance", 3, 15],
      ["project:p1", 2, 2],
    ]);
    expect(await seqs()).toEqual(Array.from({ length: 25 }, (_, i) => i + 16));
    expect(await seqs("project:p1")).toEqual([]);
    expect(await metricValue(app.deps.metrics.auditRetentionDeletedTotal)).toBe(deletedBefore + 17);
    expect(
      await metricValue(app.deps.metrics.auditRetentionRunsTotal, { result: "success" }),
    ).toBeGreaterThanOrEqual(2);

    const lines = logLines.map((l) => JSON.parse(l)).filter((l) => l.chain === "instance" && l.deleted);
    expect(lines.map((l) => [l.deleted, l.anchor_seq])).toEqual([
      [12, 12],
      [3, 15],
    ]);
    expect(lines[0].message).toBe("Audit retention deleted expired entries and re-anchored the chain");

    const v = await verify();
    expect(v).toMatchObject({ ok: true, checked: 25, anchor: { seq: 15 }, head: { seq: 40 } });
    expect((await audit.log.verify("p1")).ok).toBe(true);

    await audit.record(
      { projectId: null, action: "auth.login", target: { type: "user", id: "late" } },
      undefined,
    );
    await audit.record(
      { projectId: "p1", action: "prompt.update", target: { type: "prompt", id: "p0" } },
      undefined,
    );
    expect(await verify()).toMatchObject({ ok: true, checked: 26, head: { seq: 41 } });
    expect(await audit.log.verify("p1")).toMatchObject({
      ok: true,
      checked: 1,
      anchor: { seq: 2 },
      head: { seq: 3 },
    });

    // Nothing more has expired: a run deletes nothing.
    expect((await job.runOnce()).deleted).toBe(0);
  });

  it("still names an entry edited after retention re-anchored the chain", async () => {
    const { db, clock, fill, retention, verify } = await setUp({ AUDIT_RETENTION_DAYS: "5" });
    await fill(10);
    clock.now = START + 12 * DAY; // days 0…6 expire
    expect((await retention().runOnce()).deleted).toBe(9); // 7 instance + 2 project
    const first = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("chain", "=", "instance")
      .orderBy("seq")
      .executeTakeFirstOrThrow();
    await db
      .updateTable("audit_events")
      .set({ prev_hash: "f".repeat(64) })
      .where("id", "=", first.id)
      .execute();
    expect(await verify()).toMatchObject({ ok: false, first_broken_id: first.id });
  });

  it("leaves a chain whose expired entries do not verify alone, and says so", async () => {
    const { app, db, clock, logLines, fill, retention, seqs } = await setUp({ AUDIT_RETENTION_DAYS: "5" });
    await fill(10);
    const third = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("chain", "=", "instance")
      .where("seq", "=", 3)
      .executeTakeFirstOrThrow();
    await db
      .updateTable("audit_events")
      .set({ target_id: "someone-else" })
      .where("id", "=", third.id)
      .execute();
    clock.now = START + 12 * DAY;
    const brokenBefore = await metricValue(app.deps.metrics.auditVerificationsTotal, {
      scope: "instance",
      result: "broken",
    });
    const report = await retention().runOnce();
    expect(report.result).toBe("chain_broken");
    expect(report.broken).toEqual([
      { chain: "instance", first_broken_id: third.id, reason: "hash_mismatch" },
    ]);
    expect(await seqs()).toHaveLength(10); // nothing of the broken chain deleted
    expect(await seqs("project:p1")).toEqual([]); // the healthy chain was trimmed
    expect(await metricValue(app.deps.metrics.auditRetentionRunsTotal, { result: "chain_broken" })).toBe(1);
    expect(
      await metricValue(app.deps.metrics.auditVerificationsTotal, { scope: "instance", result: "broken" }),
    ).toBe(brokenBefore + 1);
    const error = logLines.map((l) => JSON.parse(l)).find((l) => l.level === "ERROR");
    expect(error).toMatchObject({ chain: "instance", first_broken_id: third.id, reason: "hash_mismatch" });
  });

  it("keeps everything with AUDIT_RETENTION_DAYS=0", async () => {
    const { clock, fill, retention, seqs } = await setUp({ AUDIT_RETENTION_DAYS: "0" });
    await fill(3);
    clock.now = START + 5000 * DAY;
    expect(await retention().runOnce()).toMatchObject({ result: "disabled", deleted: 0 });
    expect(await seqs()).toEqual([1, 2, 3]);
  });

  it("runs on its own timer in the app and stops when the app closes", async () => {
    const clock = { now: START };
    const logLines: string[] = [];
    t = await buildTestApp({
      target,
      clock: () => clock.now,
      logLines,
      env: { LOG_LEVEL: "INFO", AUDIT_RETENTION_DAYS: "1" },
      auditRetention: { firstRunDelayMs: 5, intervalMs: 20 },
    });
    const audit = createAuditService({
      db: databaseOf(t.app),
      clock: () => clock.now,
      config: { AUDIT_EXPORT_MAX_ROWS: 10 },
    });
    await audit.record(
      { projectId: null, action: "auth.login", target: { type: "user", id: "u" } },
      undefined,
    );
    clock.now += 3 * DAY;
    const runs = () => logLines.filter((l) => l.includes("Audit retention run finished")).length;
    const deadline = Date.now() + 5000;
    while (!logLines.some((l) => l.includes("re-anchored the chain")) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    expect(logLines.some((l) => l.includes("re-anchored the chain"))).toBe(true);
    await t.close();
    t = undefined;
    const after = runs();
    await new Promise((r) => setTimeout(r, 80));
    expect(runs()).toBe(after);
  });
});
