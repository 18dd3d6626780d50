// Migration 0006 on a database an older PromptForge wrote: stored analyses get the engine version their
// result JSON names (an enhancement: its chosen variant's analysis), prompts the engine version of the
// latest analysis of their current version; nothing else changes, and the real app then rescores the
// stale version scores.
import { describe, expect, it } from "vitest";
import { migrateToLatest } from "../../src/db/database.js";
import { analyze, ENGINE_VERSION } from "../../src/features/analysis/engine/index.js";
import { createRescoreJob } from "../../src/features/analysis/rescore-job.js";
import { createMetrics } from "../../src/observability/metrics.js";
import { buildTestApp, DB_TARGETS } from "../helpers/app.js";
import { databaseAt, minuteAt, useEmptyDatabase } from "../helpers/old-schema.js";

describe.each(DB_TARGETS)("migration 0006-score-engine-version (%s)", (target) => {
  const fx = useEmptyDatabase(target);

  it("back-fills engine versions from the stored results, then the app rescores the stale scores", async () => {
    const { db, config } = fx;
    // Rows as PromptForge with engine 1.0.0 stored them (no engine_version column yet).
    const old = await databaseAt(db, "0002-session-cutoff");
    const v1 = "Write something.";
    const v2 = "Summarise the attached report in five bullet points for the board.";
    await old
      .insertInto("prompts")
      .values({
        id: "p1",
        user_id: "u1",
        title: "Report",
        content: v2,
        category: "other",
        tags: "[]",
        target_llm: "generic",
        current_version: 2,
        score: 40,
        created_at: minuteAt(0),
        updated_at: minuteAt(2),
      })
      .execute();
    await old
      .insertInto("prompt_versions")
      .values([
        { id: "pv1", prompt_id: "p1", version: 1, content: v1, change_note: null, created_at: minuteAt(0) },
        { id: "pv2", prompt_id: "p1", version: 2, content: v2, change_note: null, created_at: minuteAt(2) },
      ])
      .execute();
    const result = (score: number) =>
      JSON.stringify({ scores: { overall: score }, engine: "local", engine_version: "1.0.0" });
    const rows = [
      {
        id: "a1",
        prompt_version: 1,
        kind: "analyze",
        overall_score: 20,
        result: result(20),
        created_at: minuteAt(0),
      },
      {
        id: "a2",
        prompt_version: 2,
        kind: "analyze",
        overall_score: 40,
        result: result(40),
        created_at: minuteAt(2),
      },
      {
        id: "a3",
        prompt_version: null,
        kind: "enhance",
        overall_score: 70,
        result: JSON.stringify({ after_score: 70, analysis: { engine_version: "0.9.0" } }),
        created_at: minuteAt(3),
      },
      // A result without a version (written before results carried one).
      {
        id: "a4",
        prompt_version: 1,
        kind: "analyze",
        overall_score: 25,
        result: "{}",
        created_at: minuteAt(1),
      },
      // An analysis of unsaved text holding a lone surrogate: JSON.stringify writes it as "\ud800", which
      // PostgreSQL's jsonb refuses, so the migration must not cast results to jsonb.
      {
        id: "a5",
        prompt_version: null,
        kind: "analyze",
        overall_score: 30,
        result: JSON.stringify({ scores: { overall: 30 }, engine_version: "1.0.0", text: "a\ud800b" }),
        created_at: minuteAt(4),
      },
    ];
    await old
      .insertInto("analyses")
      .values(rows.map((r) => ({ ...r, user_id: "u1", prompt_id: "p1", engine: "local" })))
      .execute();

    expect(await migrateToLatest(db)).toContain("0006-score-engine-version");

    const analyses = await db.kysely
      .selectFrom("analyses")
      .select(["id", "engine_version", "overall_score", "rescored_at", "rescore_claim"])
      .orderBy("id")
      .execute();
    expect(analyses.map((a) => [a.id, a.engine_version, Number(a.overall_score), a.rescored_at])).toEqual([
      ["a1", "1.0.0", 20, null],
      ["a2", "1.0.0", 40, null],
      ["a3", "0.9.0", 70, null],
      ["a4", null, 25, null],
      ["a5", "1.0.0", 30, null],
    ]);
    const prompt = await db.kysely.selectFrom("prompts").selectAll().executeTakeFirstOrThrow();
    expect([Number(prompt.score), prompt.score_engine_version]).toEqual([40, "1.0.0"]);

    // The stale version scores (a1, a2, and a4 with no version) are the job's; the enhancement is not.
    const job = createRescoreJob({
      db: db.kysely,
      clock: () => Date.parse(minuteAt(30)),
      metrics: createMetrics({ version: "t", commit: "t", environment: "t", collectDefaults: false }),
      logger: { info: () => {}, warn: () => {}, error: () => {} },
      config: { ...config, RESCORE_ENABLED: true },
      sleep: async () => {},
    });
    expect(await job.countPending()).toBe(3);
    expect((await job.runPass()).rescored).toBe(3);
    const after = await db.kysely.selectFrom("prompts").selectAll().executeTakeFirstOrThrow();
    expect([Number(after.score), after.score_engine_version]).toEqual([
      analyze(v2).scores.overall,
      ENGINE_VERSION,
    ]);

    // The real app starts on the migrated database as usual.
    const t = await buildTestApp({ target, db });
    expect((await t.app.inject({ url: "/health/live" })).statusCode).toBe(200);
    await t.app.close();
  });
});
