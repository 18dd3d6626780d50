// The evaluation queue's guarantees through the real app: a run survives a restart and resumes where it
// was without running a settled item again; an item whose holder died (its lease lapsed) is taken again;
// the run's and the provider's concurrency limits hold; and on PostgreSQL two instances share one run
// through pg-boss with each item run once.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle } from "../../src/db/database.js";
import { DB_TARGETS, type DbTarget, PG_URL, type TestApp } from "../helpers/app.js";
import { type FakeEvalLlm, startFakeEvalLlm } from "../helpers/fake-openai-eval.js";
import { metricValue } from "../helpers/metrics.js";
import { pgSchema } from "../helpers/pg-schema.js";
import { call } from "../registry/registry-helpers.js";
import { evalApp, evalFixture, type Json, makeDataset, startRun, waitForRun } from "./runs-helpers.js";

/** Handles on one database, as separate processes would open it: a SQLite file or a PostgreSQL schema. */
async function sharedDatabase(target: DbTarget) {
  if (target === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "pf-eval-queue-"));
    return {
      open: () => createDatabase({ dataDir: dir, sqliteFile: "eval.db" }),
      drop: async () => {},
    };
  }
  const schema = pgSchema("pf_evq");
  await schema.create();
  return {
    open: () => createDatabase({ databaseUrl: PG_URL, dataDir: ".", pgSchema: schema.name, poolSize: 5 }),
    drop: async () => {
      const admin = createDatabase({ databaseUrl: PG_URL, dataDir: ".", poolSize: 1 });
      await sql`drop schema if exists ${sql.id(`${schema.name}_pgboss`)} cascade`.execute(admin.kysely);
      await admin.close();
      await schema.drop();
    },
  };
}

const itemsOf = (n: number, tag: string, slow: number) =>
  Array.from({ length: n }, (_, i) => ({ variables: { q: `${tag}${i} #slow=${slow}` } }));

// Several apps on one database each: slow on a loaded machine, so a minute a test.
describe.each(DB_TARGETS)("the evaluation queue on %s", { timeout: 60_000 }, (target) => {
  let fake: FakeEvalLlm;
  beforeAll(async () => {
    fake = await startFakeEvalLlm();
  });
  afterAll(async () => fake.close());

  it("resumes a run after a restart where it was, never running a settled item again", async () => {
    const shared = await sharedDatabase(target);
    const handles: DatabaseHandle[] = [];
    const open = () => {
      const h = shared.open();
      handles.push(h);
      return h;
    };
    let app2: TestApp | undefined;
    try {
      // Graceful: the items in flight at shutdown finish within the drain time.
      const app1 = await evalApp(fake, target, { db: open(), env: { EVALUATION_DRAIN_SECONDS: "5" } });
      const f = await evalFixture(app1.app, ["Question {{q}}"]);
      const dataset = await makeDataset(app1.app, f.w, itemsOf(10, "r", 120));
      const run = await startRun(app1.app, f.w.editor.auth, f.runs, {
        dataset_id: dataset,
        targets: [{ provider: "openai", model: "fake-model" }],
        concurrency: 2,
      });
      await waitForRun(app1.app, f.w.viewer.auth, f.runs, run.id, [], 15_000, (r) => r.progress.done >= 3);
      await app1.close();
      const db = open();
      const mid = await db.kysely
        .selectFrom("evaluation_runs")
        .select(["status", "done"])
        .where("id", "=", run.id)
        .executeTakeFirstOrThrow();
      expect(mid.status).toBe("running");
      expect(Number(mid.done)).toBeGreaterThanOrEqual(3);
      expect(Number(mid.done)).toBeLessThan(10);
      const open1 = await db.kysely
        .selectFrom("evaluation_results")
        .select("status")
        .where("run_id", "=", run.id)
        .where("status", "=", "running")
        .execute();
      expect(open1).toEqual([]); // drained: nothing left claimed
      app2 = await evalApp(fake, target, { db });
      const done = await waitForRun(app2.app, f.w.viewer.auth, f.runs, run.id);
      expect(done.status).toBe("completed");
      expect(done.results.map((r: Json) => r.status)).toEqual(Array(10).fill("passed"));
      for (let i = 0; i < 10; i++) expect(fake.callsByInput.get(`Question r${i} #slow=120`), `r${i}`).toBe(1);
      const attempts = await db.kysely
        .selectFrom("evaluation_results")
        .select("attempts")
        .where("run_id", "=", run.id)
        .execute();
      expect(attempts.map((a) => Number(a.attempts))).toEqual(Array(10).fill(1));
    } finally {
      await app2?.close();
      for (const h of handles) await h.close().catch(() => {});
      await shared.drop();
    }
  });

  it("takes again an item whose holder died once its lease lapsed, and never one settled or held", async () => {
    const shared = await sharedDatabase(target);
    const db = shared.open();
    let t: TestApp | undefined;
    try {
      // The worker is off while the crash is staged.
      t = await evalApp(fake, target, { db, env: { EVALUATION_WORKER_ENABLED: "false" } });
      const f = await evalFixture(t.app, ["Question {{q}}"]);
      const dataset = await makeDataset(t.app, f.w, itemsOf(3, "d", 0));
      const run = await startRun(t.app, f.w.editor.auth, f.runs, {
        dataset_id: dataset,
        targets: [{ provider: "openai", model: "fake-model" }],
      });
      await t.close();
      const rows = await db.kysely
        .selectFrom("evaluation_results")
        .select(["id", "item_id"])
        .where("run_id", "=", run.id)
        .orderBy("id")
        .execute();
      const [dead, settled, held] = rows as unknown as [{ id: string }, { id: string }, { id: string }];
      const past = new Date(Date.now() - 60_000).toISOString();
      const future = new Date(Date.now() + 3_600_000).toISOString();
      await db.kysely
        .updateTable("evaluation_runs")
        .set({ status: "running", done: 1 })
        .where("id", "=", run.id)
        .execute();
      await db.kysely
        .updateTable("evaluation_results")
        .set({ status: "running", claim: "dead-instance", claimed_until: past, attempts: 1 })
        .where("id", "=", dead.id)
        .execute();
      await db.kysely
        .updateTable("evaluation_results")
        .set({ status: "passed", output: "from before", attempts: 1 })
        .where("id", "=", settled.id)
        .execute();
      await db.kysely
        .updateTable("evaluation_results")
        .set({ status: "running", claim: "live-instance", claimed_until: future, attempts: 1 })
        .where("id", "=", held.id)
        .execute();
      fake.reset();
      t = await evalApp(fake, target, { db });
      // The lapsed one is run again; the settled one is left; the held one waits for its holder.
      await waitForRun(t.app, f.w.viewer.auth, f.runs, run.id, [], 10_000, (r) => r.progress.done >= 2);
      await new Promise((r) => setTimeout(r, 300));
      const now: Json = (await call(t.app, f.w.viewer.auth, "GET", `${f.runs}/${run.id}`)).json();
      const byId = new Map(
        (
          await db.kysely
            .selectFrom("evaluation_results")
            .select(["id", "status", "output", "attempts"])
            .where("run_id", "=", run.id)
            .execute()
        ).map((r) => [r.id, r]),
      );
      expect(byId.get(dead.id)).toMatchObject({ status: "passed" });
      expect(Number(byId.get(dead.id)?.attempts)).toBe(2);
      expect(byId.get(settled.id)).toMatchObject({ status: "passed", output: "from before" });
      expect(byId.get(held.id)).toMatchObject({ status: "running" });
      expect(now.status).toBe("running");
      expect(fake.totalCalls()).toBe(1);
    } finally {
      await t?.close();
      await db.close();
      await shared.drop();
    }
  });

  it("holds the run's concurrency and the per-provider limit", async () => {
    const t = await evalApp(fake, target, { env: { EVALUATION_PROVIDER_CONCURRENCY: "3" } });
    try {
      const f = await evalFixture(t.app, ["Question {{q}}"]);
      const dataset = await makeDataset(t.app, f.w, itemsOf(12, "c", 60));
      fake.reset();
      const byRun = await startRun(t.app, f.w.editor.auth, f.runs, {
        dataset_id: dataset,
        targets: [{ provider: "openai", model: "fake-model" }],
        concurrency: 2,
      });
      await waitForRun(t.app, f.w.viewer.auth, f.runs, byRun.id);
      expect(fake.maxInFlight).toBe(2);
      fake.reset();
      const byProvider = await startRun(t.app, f.w.editor.auth, f.runs, {
        dataset_id: dataset,
        targets: [{ provider: "openai", model: "fake-model" }],
        concurrency: 8,
      });
      await waitForRun(t.app, f.w.viewer.auth, f.runs, byProvider.id);
      expect(fake.maxInFlight).toBe(3);
    } finally {
      await t.close();
    }
  });

  it.runIf(target === "postgres")("shares one run between two instances, each item run once", async () => {
    const shared = await sharedDatabase(target);
    const apps: TestApp[] = [];
    const handles: DatabaseHandle[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const h = shared.open();
        handles.push(h);
        apps.push(await evalApp(fake, target, { db: h, env: { EVALUATION_WORKER_CONCURRENCY: "4" } }));
      }
      const [a, b] = apps as [TestApp, TestApp];
      const f = await evalFixture(a.app, ["Question {{q}}"]);
      const dataset = await makeDataset(a.app, f.w, itemsOf(40, "s", 40));
      fake.reset();
      const before = await Promise.all(
        apps.map((x) => metricValue(x.app, "evaluation_items_total", { result: "passed" })),
      );
      const run = await startRun(a.app, f.w.editor.auth, f.runs, {
        dataset_id: dataset,
        targets: [{ provider: "openai", model: "fake-model" }],
        concurrency: 8,
      });
      const done = await waitForRun(b.app, f.w.viewer.auth, f.runs, run.id, undefined, 30_000);
      expect(done.status).toBe("completed");
      expect(done.progress).toEqual({ total: 40, done: 40 });
      for (let i = 0; i < 40; i++) expect(fake.callsByInput.get(`Question s${i} #slow=40`), `s${i}`).toBe(1);
      const ran = await Promise.all(
        apps.map(
          async (x, i) =>
            (await metricValue(x.app, "evaluation_items_total", { result: "passed" })) -
            (before[i] as number),
        ),
      );
      const [onA = 0, onB = 0] = ran;
      expect(onA + onB).toBe(40);
      expect(onA).toBeGreaterThan(0);
      expect(onB).toBeGreaterThan(0);
      expect(fake.maxInFlight).toBeLessThanOrEqual(8);
    } finally {
      for (const x of apps) await x.close();
      for (const h of handles) await h.close().catch(() => {});
      await shared.drop();
    }
  });
});
