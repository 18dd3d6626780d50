// After an engine upgrade, stored scores of saved versions computed by the older engine are recomputed in
// the background: rows are written as an older engine left them, then the real rescore job (started by
// the real app, or built on the app's database to drive it batch by batch) recomputes them in bounded
// batches, replaces each score in place, moves the prompt's score and the list's sort order, loses
// nothing, does nothing a second time, shares the work safely between instances and stops on close.
import type { FastifyInstance } from "fastify";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../src/db/database.js";
import { newId } from "../../src/db/ids.js";
import { createAnalysisRepository } from "../../src/features/analysis/analysis-repository.js";
import { analyze, ENGINE_VERSION } from "../../src/features/analysis/engine/index.js";
import { createRescoreJob, type RescoreJobDeps } from "../../src/features/analysis/rescore-job.js";
import { createMetrics } from "../../src/observability/metrics.js";
import {
  buildTestApp,
  DB_TARGETS,
  databaseOf,
  openTestDatabase,
  type TestApp,
  testConfig,
} from "../helpers/app.js";
import { metricValue } from "../helpers/metrics.js";
import { createTestUser, type TestUser } from "../helpers/users.js";

const OLD_ENGINE = "1.0.0";
const VAGUE = "Write some stuff about our product. Make it good.";
const CLEAR =
  "You are a product marketer. Write three LinkedIn posts of at most 80 words each announcing our " +
  "invoicing app to small-business owners.\nEnd each post with one question to the reader.";
const MEDIUM = "Summarise the attached report in five bullet points for the board.";

const offline = (text: string) => analyze(text).scores.overall;
/** An LLM's score between the new engine's scores of the clear and the vague prompt. */
const BETWEEN = Math.round((offline(CLEAR) + offline(VAGUE)) / 2);
const instant = async () => {
  await new Promise((r) => setImmediate(r));
};

/**
 * Rewrites every stored score of the user as the older engine would have left it: an `engine_version` of
 * OLD_ENGINE in the row and in its result, and a score of `oldScore(content)` on the analysis and on
 * the prompt.
 */
async function writeAsOldEngine(app: FastifyInstance, userId: string, oldScore: (content: string) => number) {
  const db = databaseOf(app);
  const rows = await db
    .selectFrom("analyses")
    .innerJoin("prompt_versions", (j) =>
      j
        .onRef("prompt_versions.prompt_id", "=", "analyses.prompt_id")
        .onRef("prompt_versions.version", "=", "analyses.prompt_version"),
    )
    .select(["analyses.id", "analyses.result", "prompt_versions.content"])
    .where("analyses.user_id", "=", userId)
    .where("analyses.kind", "=", "analyze")
    .execute();
  for (const r of rows) {
    const result = JSON.parse(r.result);
    const score = oldScore(r.content);
    result.engine_version = OLD_ENGINE;
    result.scores.overall = score;
    await db
      .updateTable("analyses")
      .set({ engine_version: OLD_ENGINE, overall_score: score, result: JSON.stringify(result) })
      .where("id", "=", r.id)
      .execute();
  }
  const prompts = await db.selectFrom("prompts").selectAll().where("user_id", "=", userId).execute();
  for (const p of prompts) {
    await db
      .updateTable("prompts")
      .set({ score: oldScore(p.content), score_engine_version: OLD_ENGINE })
      .where("id", "=", p.id)
      .execute();
  }
}

describe.each(DB_TARGETS)("rescoring stored scores after an engine upgrade (%s)", (target) => {
  let t: TestApp;
  let user: TestUser;
  let now = Date.parse("2026-03-01T10:00:00.000Z");
  const clock = () => now;
  beforeAll(async () => {
    t = await buildTestApp({ target, clock });
    user = await createTestUser(t.app);
  });
  afterAll(async () => t.close());

  const call = (method: "GET" | "POST" | "PATCH", url: string, payload?: object, headers = {}) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      ...(payload ? { payload } : {}),
      headers: { ...user.auth, ...headers },
    });
  const create = async (title: string, content: string) =>
    (await call("POST", "/prompts", { title, content })).json() as { id: string };

  function job(overrides: Partial<RescoreJobDeps> = {}, settings: Partial<RescoreJobDeps["config"]> = {}) {
    return createRescoreJob({
      db: databaseOf(t.app),
      clock,
      metrics: createMetrics({
        version: "test",
        commit: "test",
        environment: "test",
        collectDefaults: false,
      }),
      logger: t.app.log,
      config: { ...t.app.deps.config, RESCORE_ENABLED: true, RESCORE_BATCH_SIZE: 3, ...settings },
      sleep: instant,
      ...overrides,
    });
  }

  const storedRows = () =>
    databaseOf(t.app)
      .selectFrom("analyses")
      .selectAll()
      .where("user_id", "=", user.id)
      .orderBy("id")
      .execute();

  it("rescores in batches of RESCORE_BATCH_SIZE, in place, and the list sorts by the new scores", async () => {
    // Three prompts; one edited (two versions). The old engine ranked them the other way round.
    const vague = await create("vague", VAGUE);
    const clear = await create("clear", "Write posts.");
    await call("PATCH", `/prompts/${clear.id}`, { content: CLEAR }, { "if-match": '"1"' });
    const medium = await create("medium", MEDIUM);
    const oldScores = new Map([
      [VAGUE, 90],
      ["Write posts.", 5],
      [CLEAR, 10],
      [MEDIUM, 50],
    ]);
    await writeAsOldEngine(t.app, user.id, (c) => oldScores.get(c) ?? 0);
    // Neither an LLM's judgement nor an analysis of unsaved text can be recomputed offline: both stay.
    now += 1000;
    const llmResult = { ...analyze(MEDIUM), engine: "gemini", engine_version: OLD_ENGINE };
    llmResult.scores.overall = BETWEEN;
    const untouched = [
      {
        id: newId(now),
        prompt_id: medium.id,
        prompt_version: 1,
        engine: "gemini",
        result: llmResult,
        score: BETWEEN,
      },
      {
        id: newId(now),
        prompt_id: null,
        prompt_version: null,
        engine: "local",
        result: analyze(VAGUE),
        score: 11,
      },
    ];
    for (const u of untouched) {
      await databaseOf(t.app)
        .insertInto("analyses")
        .values({
          id: u.id,
          user_id: user.id,
          prompt_id: u.prompt_id,
          prompt_version: u.prompt_version,
          kind: "analyze",
          engine: u.engine,
          overall_score: u.score,
          result: JSON.stringify({ ...u.result, engine_version: OLD_ENGINE }),
          created_at: new Date(now).toISOString(),
          engine_version: OLD_ENGINE,
        })
        .execute();
    }
    await databaseOf(t.app)
      .updateTable("prompts")
      .set({ score: BETWEEN, score_engine_version: OLD_ENGINE })
      .where("id", "=", medium.id)
      .execute();

    const sorted = async () =>
      ((await call("GET", "/prompts?sort=score&order=desc")).json().items as { title: string }[]).map(
        (p) => p.title,
      );
    expect(await sorted()).toEqual(["vague", "medium", "clear"]);
    const before = await storedRows();
    expect(before).toHaveLength(6);

    now += 60_000;
    const j = job();
    expect(await j.countPending()).toBe(4);
    expect(await j.runBatch()).toEqual({ claimed: 3, rescored: 3, skipped: 0 });
    expect(await j.countPending()).toBe(1);
    expect(await j.runBatch()).toEqual({ claimed: 1, rescored: 1, skipped: 0 });
    expect(await j.runBatch()).toEqual({ claimed: 0, rescored: 0, skipped: 0 });
    expect(await j.countPending()).toBe(0);

    // Nothing added, nothing lost: the same rows, each version's score recomputed in place.
    const after = await storedRows();
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    const contentOf = new Map([
      [`${vague.id}:1`, VAGUE],
      [`${clear.id}:1`, "Write posts."],
      [`${clear.id}:2`, CLEAR],
      [`${medium.id}:1`, MEDIUM],
    ]);
    for (const r of after) {
      const was = before.find((b) => b.id === r.id);
      expect(r.created_at).toBe(was?.created_at);
      if (untouched.some((u) => u.id === r.id)) {
        expect(r).toEqual(was);
        continue;
      }
      const content = contentOf.get(`${r.prompt_id}:${r.prompt_version}`) as string;
      expect(Number(r.overall_score)).toBe(offline(content));
      expect(r.engine_version).toBe(ENGINE_VERSION);
      expect(JSON.parse(r.result)).toEqual(JSON.parse(JSON.stringify(analyze(content))));
      expect(r.rescored_at).toBe(new Date(now).toISOString());
      expect(r.rescore_claim).toBeNull();
    }

    // The prompts follow their current version; the medium prompt keeps the LLM's later judgement.
    const get = async (id: string) => (await call("GET", `/prompts/${id}`)).json();
    expect(await get(vague.id)).toMatchObject({
      score: offline(VAGUE),
      score_engine_version: ENGINE_VERSION,
    });
    expect(await get(clear.id)).toMatchObject({
      version: 2,
      score: offline(CLEAR),
      score_engine_version: ENGINE_VERSION,
    });
    expect(await get(medium.id)).toMatchObject({ score: BETWEEN, score_engine_version: OLD_ENGINE });
    // The new engine ranks clear over medium (the LLM's score) over vague: the other way round.
    expect(offline(CLEAR)).toBeGreaterThan(BETWEEN);
    expect(BETWEEN).toBeGreaterThan(offline(VAGUE));
    expect(await sorted()).toEqual(["clear", "medium", "vague"]);

    // The history tells a recomputed score from an edit: engine_version and rescored_at.
    const history = (await call("GET", `/prompts/${clear.id}/analyses`)).json().items;
    expect(
      history.map((h: Record<string, unknown>) => [
        h.version,
        h.overall_score,
        h.engine_version,
        h.rescored_at,
      ]),
    ).toEqual([
      [1, offline("Write posts."), ENGINE_VERSION, new Date(now).toISOString()],
      [2, offline(CLEAR), ENGINE_VERSION, new Date(now).toISOString()],
    ]);
    const versions = (await call("GET", `/prompts/${clear.id}/versions`)).json().items;
    expect(
      versions.map((v: Record<string, unknown>) => [v.version, v.score, v.score_engine_version]),
    ).toEqual([
      [2, offline(CLEAR), ENGINE_VERSION],
      [1, offline("Write posts."), ENGINE_VERSION],
    ]);
    expect((await call("GET", `/prompts/${medium.id}/versions/1`)).json()).toMatchObject({
      score: BETWEEN,
      score_engine_version: OLD_ENGINE,
    });
    const stats = (await call("GET", "/users/me/stats")).json();
    expect(stats.score_engine_versions).toEqual([
      { engine_version: OLD_ENGINE, analyses: 2 },
      { engine_version: ENGINE_VERSION, analyses: 4 },
    ]);

    // Idempotent: a second pass finds nothing and changes nothing.
    now += 60_000;
    expect(await j.runPass()).toEqual({ batches: 0, rescored: 0, pending: 0 });
    expect(await storedRows()).toEqual(after);
  });

  it("moves the score of a prompt whose current version an enhancement saved", async () => {
    const u = await createTestUser(t.app);
    const as = (method: "GET" | "POST", url: string, payload?: object) =>
      t.app.inject({ method, url: `/api/v1${url}`, headers: u.auth, ...(payload ? { payload } : {}) });
    const p = (await as("POST", "/prompts", { title: "e", content: VAGUE })).json();
    const enhanced = await as("POST", "/analysis/enhance", { prompt_id: p.id, save: true });
    expect(enhanced.json().saved_version).toBe(2);
    const current = (await as("GET", `/prompts/${p.id}`)).json();
    await writeAsOldEngine(t.app, u.id, () => 4);
    await databaseOf(t.app)
      .updateTable("analyses")
      .set({ engine_version: OLD_ENGINE, overall_score: 4 })
      .where("user_id", "=", u.id)
      .where("kind", "=", "enhance")
      .execute();
    expect((await as("GET", `/prompts/${p.id}`)).json()).toMatchObject({
      score: 4,
      score_engine_version: OLD_ENGINE,
    });

    await job().runPass();
    expect((await as("GET", `/prompts/${p.id}`)).json()).toMatchObject({
      version: 2,
      score: offline(current.content),
      score_engine_version: ENGINE_VERSION,
    });
    // The enhancement itself is a record of what was offered then: it keeps its score and version.
    const history = (await as("GET", `/prompts/${p.id}/analyses`)).json().items;
    expect(history.find((h: { kind: string }) => h.kind === "enhance")).toMatchObject({
      overall_score: 4,
      engine_version: OLD_ENGINE,
      rescored_at: null,
    });
  });

  it("never lets two runners process the same row, and frees the rows of a runner that stopped", async () => {
    const u = await createTestUser(t.app);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/prompts",
        headers: u.auth,
        payload: { title: `p${i}`, content: `${MEDIUM} Variant ${i}.` },
      });
      ids.push(res.json().id);
    }
    await writeAsOldEngine(t.app, u.id, () => 1);

    // A runner that claimed a batch and died: its rows are held until the claim lapses.
    const a = job({}, { RESCORE_BATCH_SIZE: 4, RESCORE_CLAIM_TTL: 300 });
    const held = await databaseOf(t.app)
      .updateTable("analyses")
      .set({ rescore_claim: "dead-runner", rescore_claimed_until: new Date(now + 300_000).toISOString() })
      .where("user_id", "=", u.id)
      .where("prompt_id", "in", ids.slice(0, 4))
      .executeTakeFirst();
    expect(Number(held.numUpdatedRows)).toBe(4);

    // Two runners at once, each with its own metrics, small batches, on the same database.
    const m1 = createMetrics({ version: "t", commit: "t", environment: "t", collectDefaults: false });
    const m2 = createMetrics({ version: "t", commit: "t", environment: "t", collectDefaults: false });
    const r1 = job({ metrics: m1 }, { RESCORE_BATCH_SIZE: 2 });
    const r2 = job({ metrics: m2 }, { RESCORE_BATCH_SIZE: 2 });
    const [p1, p2] = await Promise.all([r1.runPass(), r2.runPass()]);
    const rescored1 = await metricValue(m1.analysisRescoredVersionsTotal);
    const rescored2 = await metricValue(m2.analysisRescoredVersionsTotal);
    expect(rescored1 + rescored2).toBe(8);
    expect(p1.rescored + p2.rescored).toBe(8);
    for (const m of [m1, m2]) expect(await metricValue(m.analysisRescoreSkippedTotal)).toBe(0);
    expect(await a.countPending()).toBe(4);

    // The dead runner's claim lapses; the rows are rescored; its late write is refused.
    now += 301_000;
    expect((await r1.runPass()).rescored).toBe(4);
    const rows = await databaseOf(t.app)
      .selectFrom("analyses")
      .selectAll()
      .where("user_id", "=", u.id)
      .execute();
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.engine_version === ENGINE_VERSION && r.rescore_claim === null)).toBe(true);
    const late = await createAnalysisRepository(databaseOf(t.app)).replaceClaimedScore("dead-runner", {
      id: rows[0]?.id as string,
      overall: 1,
      result: "{}",
      engineVersion: OLD_ENGINE,
      rescoredAt: new Date(now).toISOString(),
    });
    expect(late).toBe(false);
  });

  it("runs from start-up in the real app, counts its work in /metrics and stops promptly on close", async () => {
    const u = await createTestUser(t.app);
    for (let i = 0; i < 5; i++) {
      await t.app.inject({
        method: "POST",
        url: "/api/v1/prompts",
        headers: u.auth,
        payload: { title: `s${i}`, content: `${CLEAR} Take ${i}.` },
      });
    }
    await writeAsOldEngine(t.app, u.id, () => 3);
    const pendingNow = () => job().countPending();
    expect(await pendingNow()).toBe(5);

    // A second instance on the same database, job on, batches of 2 with a long pause between them:
    // it rescores one batch at start-up, then waits; closing it must not wait for the pause.
    const second = await buildTestApp({
      target,
      db: t.db,
      clock,
      env: { RESCORE_ENABLED: "true", RESCORE_BATCH_SIZE: "2", RESCORE_PAUSE_MS: "60000" },
    });
    const deadline = Date.now() + 10_000;
    while ((await metricValue(second.app.deps.metrics.analysisRescoreBatchDuration, {}, "count")) < 1) {
      if (Date.now() > deadline) throw new Error("the start-up pass did not run");
      await new Promise((r) => setTimeout(r, 20));
    }
    const scrape = (await second.app.inject({ url: "/metrics" })).body;
    expect(scrape).toMatch(/^analysis_rescored_versions_total 2$/m);
    expect(scrape).toMatch(/^analysis_rescore_pending_versions 3$/m);
    expect(scrape).toMatch(/^analysis_rescore_batch_duration_seconds_count 1$/m);
    const started = Date.now();
    await second.app.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await pendingNow()).toBe(3);
    const claims = await databaseOf(t.app)
      .selectFrom("analyses")
      .select("rescore_claim")
      .where("user_id", "=", u.id)
      .execute();
    expect(claims.every((c) => c.rescore_claim === null)).toBe(true);

    // With the job off (the test default) the app starts no pass at all.
    const off = await buildTestApp({ target, db: t.db, clock });
    await new Promise((r) => setTimeout(r, 100));
    expect(await metricValue(off.app.deps.metrics.analysisRescoreBatchDuration, {}, "count")).toBe(0);
    await off.app.close();
    expect(await pendingNow()).toBe(3);
    await job().runPass();
  });

  it("stops in the middle of a batch and gives the unfinished rows back", async () => {
    const u = await createTestUser(t.app);
    for (let i = 0; i < 4; i++) {
      await t.app.inject({
        method: "POST",
        url: "/api/v1/prompts",
        headers: u.auth,
        payload: { title: `m${i}`, content: `${VAGUE} Number ${i}.` },
      });
    }
    await writeAsOldEngine(t.app, u.id, () => 2);
    const controller = new AbortController();
    const j = job({}, { RESCORE_BATCH_SIZE: 4 });
    const batch = j.runBatch(controller.signal);
    controller.abort();
    const outcome = await batch;
    expect(outcome.claimed).toBe(4);
    expect(outcome.rescored).toBeLessThan(4);
    const rows = await databaseOf(t.app)
      .selectFrom("analyses")
      .selectAll()
      .where("user_id", "=", u.id)
      .execute();
    expect(rows.every((r) => r.rescore_claim === null)).toBe(true);
    expect(rows.filter((r) => r.engine_version === OLD_ENGINE)).toHaveLength(4 - outcome.rescored);
    await j.runPass();
    expect(await j.countPending()).toBe(0);
  });
});

describe("a rescore pass that fails", () => {
  it("is counted and logged, and the job tries again at the next interval until stopped", async () => {
    const config = testConfig({ RESCORE_ENABLED: "true" });
    const { db, drop } = await openTestDatabase("sqlite", config);
    await migrateToLatest(db);
    await db.close(); // every query of the job now fails
    const metrics = createMetrics({ version: "t", commit: "t", environment: "t", collectDefaults: false });
    const logged: string[] = [];
    const intervals: number[] = [];
    const j = createRescoreJob({
      db: db.kysely,
      clock: Date.now,
      metrics,
      logger: pino({ level: "error" }, { write: (line: string) => void logged.push(JSON.parse(line).msg) }),
      config,
      sleep: async (ms, signal) => {
        intervals.push(ms);
        if (!signal.aborted) await new Promise((r) => setTimeout(r, 5));
      },
    });
    j.start();
    const deadline = Date.now() + 5000;
    while ((await metricValue(metrics.analysisRescoreErrorsTotal)) < 3) {
      if (Date.now() > deadline) throw new Error("the job did not retry");
      await new Promise((r) => setTimeout(r, 5));
    }
    await j.stop();
    const errors = await metricValue(metrics.analysisRescoreErrorsTotal);
    expect(logged.length).toBe(errors);
    expect(logged[0]).toBe("Rescore pass failed; retrying at the next interval");
    expect(new Set(intervals)).toEqual(new Set([config.RESCORE_INTERVAL * 1000]));
    // Stopped means stopped: no further pass.
    await new Promise((r) => setTimeout(r, 50));
    expect(await metricValue(metrics.analysisRescoreErrorsTotal)).toBe(errors);
    await drop().catch(() => {});
  });
});

describe("rescoring and the event loop", () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await buildTestApp();
    user = await createTestUser(t.app);
  });
  afterAll(async () => t.close());

  it("never blocks the event loop for more than about one analysis, however large the batch", async () => {
    const para =
      "You are a support agent for Acme. Answer the customer's question about invoices in at most 120 " +
      "words, in a friendly tone. Never promise refunds. If it is about a billing dispute, ask for the invoice number. ";
    const big = (i: number) => `${para.repeat(60)}Case ${i}.`;
    const BATCH = 48;
    for (let i = 0; i < BATCH; i++) {
      await t.app.inject({
        method: "POST",
        url: "/api/v1/prompts",
        headers: user.auth,
        payload: { title: `big${i}`, content: big(i) },
      });
    }
    await writeAsOldEngine(t.app, user.id, () => 1);
    // The median time of one analysis of such a version, measured now (under the same load as the pass).
    const oneAnalysis = [0, 1, 2]
      .map((i) => {
        const s = performance.now();
        analyze(big(900 + i));
        return performance.now() - s;
      })
      .sort((a, b) => a - b)[1] as number;

    const j = createRescoreJob({
      db: databaseOf(t.app),
      clock: Date.now,
      metrics: createMetrics({ version: "t", commit: "t", environment: "t", collectDefaults: false }),
      logger: t.app.log,
      config: { ...t.app.deps.config, RESCORE_ENABLED: true, RESCORE_BATCH_SIZE: BATCH },
    });
    // A 5 ms ticker: the longest gap between two ticks is the longest the loop was kept busy.
    let last = performance.now();
    let worstMs = 0;
    const ticker = setInterval(() => {
      const t = performance.now();
      worstMs = Math.max(worstMs, t - last);
      last = t;
    }, 5);
    const started = performance.now();
    const pass = await j.runPass();
    const took = performance.now() - started;
    clearInterval(ticker);
    expect(pass).toMatchObject({ batches: 1, rescored: BATCH });
    // Done without yielding, the batch would hold the loop for all its analyses (about BATCH × one);
    // with the job's yields the longest wait is about one analysis, or the batch's write.
    expect(took).toBeGreaterThan(oneAnalysis * (BATCH / 2));
    expect(worstMs).toBeLessThan(took / 4);
    expect(worstMs).toBeLessThan(Math.max(250, oneAnalysis * 10));
  });
});
