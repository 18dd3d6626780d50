import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import { FINDING_KINDS } from "../../src/features/analysis/engine/types.js";
import { DB_TARGETS, type TestApp } from "../helpers/app.js";
import { metricValue } from "../helpers/metrics.js";
import { appWithTwoUsers, createTestUser, type TestUser } from "../helpers/users.js";

const VAGUE = "Write something about it. Make it good and add some stuff.";
const DECENT =
  "You are a travel editor. Write a 150-word introduction to Lisbon for first-time visitors aged 25-40.\n" +
  "Mention two neighbourhoods and one food to try. Answer in plain prose, no lists.";

describe.each(DB_TARGETS)("analysis API (%s)", (target) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    ({ t, alice, bob } = await appWithTwoUsers(target));
  });
  afterAll(async () => t.close());

  const post = (url: string, user: TestUser | null, payload: unknown) =>
    t.app.inject({ method: "POST", url, headers: user ? user.auth : {}, payload: payload as object });

  async function createPrompt(user: TestUser, content: string) {
    const res = await post("/api/v1/prompts", user, { title: "Lisbon intro", content, target_llm: "claude" });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; version: number };
  }

  it("refuses anonymous calls with 401", async () => {
    const res = await post("/api/v1/analysis/analyze", null, { text: VAGUE });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("unauthorized");
  });

  it("analyses text with the offline engine and answers exactly what the engine computes", async () => {
    const before = await metricValue(t.app.deps.metrics.promptsAnalyzedTotal, {});
    const res = await post("/api/v1/analysis/analyze", alice, { text: VAGUE, target_llm: "claude" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual(JSON.parse(JSON.stringify(analyze(VAGUE, { targetLlm: "claude" }))));
    expect(body.engine).toBe("local");
    expect(body.fallback_reason).toBeUndefined();
    expect(await metricValue(t.app.deps.metrics.promptsAnalyzedTotal, {})).toBe(before + 1);
  });

  it("rejects text over 50,000 characters with 422 naming the field", async () => {
    const res = await post("/api/v1/analysis/analyze", alice, { text: "a".repeat(50_001) });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([expect.objectContaining({ field: "text" })]);
  });

  it("accepts exactly 50,000 characters", async () => {
    const res = await post("/api/v1/analysis/analyze", alice, {
      text: `Summarise this. ${"a ".repeat(24_992)}`,
    });
    expect(res.statusCode).toBe(200);
  });

  it("needs exactly one of text and prompt_id", async () => {
    const neither = await post("/api/v1/analysis/analyze", alice, {});
    expect(neither.statusCode).toBe(422);
    expect(neither.json().error.details[0].field).toBe("text");
    const p = await createPrompt(alice, DECENT);
    const both = await post("/api/v1/analysis/analyze", alice, { text: VAGUE, prompt_id: p.id });
    expect(both.statusCode).toBe(422);
  });

  it("stores an analysis of a saved prompt against its version and sets the prompt's score", async () => {
    const p = await createPrompt(alice, DECENT);
    const res = await post("/api/v1/analysis/analyze", alice, { prompt_id: p.id });
    expect(res.statusCode).toBe(200);
    const result = res.json();
    // the prompt's own target model is used when none is given
    expect(result.llm_advice.target).toBe("claude");
    const prompt = await t.app.inject({ method: "GET", url: `/api/v1/prompts/${p.id}`, headers: alice.auth });
    expect(prompt.json().score).toBe(result.scores.overall);
    const history = await t.app.inject({
      method: "GET",
      url: `/api/v1/prompts/${p.id}/analyses`,
      headers: alice.auth,
    });
    expect(history.statusCode).toBe(200);
    // The first entry is the score taken when the version was saved, the second this analysis.
    const analysed = expect.objectContaining({
      kind: "analyze",
      version: 1,
      engine: "local",
      overall_score: result.scores.overall,
      scores: result.scores,
    });
    expect(history.json().items).toEqual([analysed, analysed]);
  });

  it("answers 404 for another user's prompt, on analyze, enhance, versions and history", async () => {
    const p = await createPrompt(alice, DECENT);
    expect((await post("/api/v1/analysis/analyze", bob, { prompt_id: p.id })).statusCode).toBe(404);
    expect((await post("/api/v1/analysis/enhance", bob, { prompt_id: p.id, save: true })).statusCode).toBe(
      404,
    );
    expect((await post(`/api/v1/analysis/versions/${p.id}`, bob, {})).statusCode).toBe(404);
    const history = await t.app.inject({
      method: "GET",
      url: `/api/v1/prompts/${p.id}/analyses`,
      headers: bob.auth,
    });
    expect(history.statusCode).toBe(404);
    expect(history.json().error.code).toBe("not_found");
    const after = await t.app.inject({ method: "GET", url: `/api/v1/prompts/${p.id}`, headers: alice.auth });
    expect(after.json().version).toBe(1);
  });

  it("enhances text: the chosen variant at top level plus the list of variants", async () => {
    const before = await metricValue(t.app.deps.metrics.promptsEnhancedTotal, {});
    const res = await post("/api/v1/analysis/enhance", alice, { text: VAGUE, strategy: "clarity" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.engine).toBe("local");
    expect(body.strategy).toBe("clarity");
    expect(body.variants).toHaveLength(1);
    expect(body.variants[0]).toEqual({
      strategy: body.strategy,
      enhanced_text: body.enhanced_text,
      analysis: body.analysis,
      before_score: body.before_score,
      after_score: body.after_score,
      improvement_percent: body.improvement_percent,
      changes: body.changes,
    });
    expect(body.saved_version).toBeUndefined();
    expect(await metricValue(t.app.deps.metrics.promptsEnhancedTotal, {})).toBe(before + 1);
  });

  it("gives three variants, one per strategy, and picks the asked strategy", async () => {
    const res = await post("/api/v1/analysis/enhance", alice, {
      text: VAGUE,
      variants: 3,
      strategy: "specificity",
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.variants.map((v: { strategy: string }) => v.strategy).sort()).toEqual([
      "clarity",
      "comprehensive",
      "specificity",
    ]);
    expect(body.strategy).toBe("specificity");
  });

  it("rejects variants other than 1 or 3", async () => {
    const res = await post("/api/v1/analysis/enhance", alice, { text: VAGUE, variants: 2 });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0].field).toBe("variants");
  });

  it("saves the enhanced text as a new version with a change note, and scores that version", async () => {
    const p = await createPrompt(alice, VAGUE);
    const res = await post("/api/v1/analysis/enhance", alice, { prompt_id: p.id, save: true });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.saved_version).toBe(2);
    const prompt = (
      await t.app.inject({ method: "GET", url: `/api/v1/prompts/${p.id}`, headers: alice.auth })
    ).json();
    expect(prompt.version).toBe(2);
    expect(prompt.content).toBe(body.enhanced_text);
    expect(prompt.score).toBe(body.after_score);
    const versions = (
      await t.app.inject({ method: "GET", url: `/api/v1/prompts/${p.id}/versions`, headers: alice.auth })
    ).json();
    expect(versions.items[0].version).toBe(2);
    expect(versions.items[0].change_note).toMatch(/^Enhanced \(comprehensive, local\)/);
    const history = (
      await t.app.inject({ method: "GET", url: `/api/v1/prompts/${p.id}/analyses`, headers: alice.auth })
    ).json();
    // Each version's score from when it was saved, then the enhancement that made version 2.
    expect(history.items).toEqual([
      expect.objectContaining({ kind: "analyze", version: 1, overall_score: body.before_score }),
      expect.objectContaining({ kind: "analyze", version: 2, overall_score: body.after_score }),
      expect.objectContaining({ kind: "enhance", version: 2, overall_score: body.after_score }),
    ]);
  });

  it("does not save without prompt_id", async () => {
    const res = await post("/api/v1/analysis/enhance", alice, { text: VAGUE, save: true });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0].field).toBe("save");
  });

  it("keeps an unsaved enhancement of a prompt out of its versions", async () => {
    const p = await createPrompt(alice, VAGUE);
    const res = await post("/api/v1/analysis/enhance", alice, { prompt_id: p.id });
    expect(res.statusCode).toBe(200);
    const prompt = (
      await t.app.inject({ method: "GET", url: `/api/v1/prompts/${p.id}`, headers: alice.auth })
    ).json();
    expect(prompt.version).toBe(1);
    // Still the score version 1 got when it was saved, not the enhancement's.
    expect(prompt.score).toBe(analyze(VAGUE).scores.overall);
  });

  it("makes three variants of a saved prompt", async () => {
    const p = await createPrompt(alice, VAGUE);
    const res = await post(`/api/v1/analysis/versions/${p.id}`, alice, {});
    expect(res.statusCode).toBe(200);
    expect(res.json().variants).toHaveLength(3);
  });

  it("analyses a batch where each item succeeds or fails on its own", async () => {
    const res = await post("/api/v1/analysis/batch", alice, {
      items: [
        { text: VAGUE },
        { text: "   " },
        { text: "x".repeat(50_001) },
        { text: DECENT, target_llm: "gemini" },
      ],
    });
    expect(res.statusCode).toBe(200);
    const { results } = res.json();
    expect(results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false, false, true]);
    expect(results[1].error.code).toBe("validation_error");
    expect(results[2].error.details[0].field).toBe("items.2.text");
    expect(results[3].result).toEqual(JSON.parse(JSON.stringify(analyze(DECENT, { targetLlm: "gemini" }))));
  });

  it("lets other work run between a batch's items instead of holding the event loop for all of them", async () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ text: `${DECENT} (${i})` }));
    let turns = 0;
    let stop = false;
    const tick = () => {
      turns++;
      if (!stop) setImmediate(tick);
    };
    setImmediate(tick);
    const res = await post("/api/v1/analysis/batch", alice, { items });
    stop = true;
    expect(res.statusCode).toBe(200);
    expect(res.json().results.every((r: { ok: boolean }) => r.ok)).toBe(true);
    // each item gives the loop a turn (the engine itself never yields)
    expect(turns).toBeGreaterThanOrEqual(items.length);
  });

  it("refuses a batch of more than 50 items", async () => {
    const res = await post("/api/v1/analysis/batch", alice, {
      items: Array.from({ length: 51 }, () => ({ text: VAGUE })),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0].field).toBe("items");
  });

  it("lists only ambiguity findings", async () => {
    const res = await post("/api/v1/analysis/ambiguities", alice, { text: VAGUE });
    expect(res.statusCode).toBe(200);
    const { findings } = res.json();
    const all = analyze(VAGUE, { targetLlm: "generic" }).findings;
    const ambiguity = ["ambiguous_reference", "vague_quantifier", "contradiction"];
    expect(findings).toEqual(JSON.parse(JSON.stringify(all.filter((f) => ambiguity.includes(f.kind)))));
    for (const f of findings) expect(FINDING_KINDS).toContain(f.kind);
  });

  it("answers the best-practice checklist and advice for the target model", async () => {
    const res = await post("/api/v1/analysis/best-practices", alice, { text: DECENT, target_llm: "claude" });
    expect(res.statusCode).toBe(200);
    const full = analyze(DECENT, { targetLlm: "claude" });
    expect(res.json()).toEqual(
      JSON.parse(JSON.stringify({ checklist: full.checklist, llm_advice: full.llm_advice })),
    );
  });

  it("reports the offline engine as the active, available provider when no LLM is configured", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/analysis/models", headers: alice.auth });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.active).toBe("local");
    expect(body.providers.find((p: { name: string }) => p.name === "local")).toMatchObject({
      active: true,
      available: true,
    });
    expect(body.providers.find((p: { name: string }) => p.name === "gemini")).toMatchObject({
      configured: false,
      active: false,
    });
  });

  it("feeds the user's stats: analyses, enhancements and the average analysis score", async () => {
    const carol = await createTestUser(t.app);
    const a = (await post("/api/v1/analysis/analyze", carol, { text: VAGUE })).json();
    const b = (await post("/api/v1/analysis/analyze", carol, { text: DECENT })).json();
    await post("/api/v1/analysis/batch", carol, { items: [{ text: DECENT }, { text: "" }] });
    await post("/api/v1/analysis/enhance", carol, { text: VAGUE });
    const stats = (
      await t.app.inject({ method: "GET", url: "/api/v1/users/me/stats", headers: carol.auth })
    ).json();
    expect(stats.analyses).toBe(3);
    expect(stats.enhancements).toBe(1);
    const avg = (a.scores.overall + 2 * b.scores.overall) / 3;
    expect(stats.average_score).toBeCloseTo(avg, 1);
  });

  it("documents every analysis operation in the OpenAPI document", async () => {
    const paths = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json().paths as Record<
      string,
      Record<string, { tags?: string[]; summary?: string; security?: unknown[]; responses?: object }>
    >;
    const ops = Object.entries(paths)
      .filter(([path]) => path.startsWith("/api/v1/analysis/") || path.endsWith("/analyses"))
      .flatMap(([path, o]) => Object.entries(o).map(([method, op]) => ({ id: `${method} ${path}`, op })));
    expect(ops.map((o) => o.id).sort()).toEqual([
      "get /api/v1/analysis/models",
      "get /api/v1/prompts/{id}/analyses",
      "post /api/v1/analysis/ambiguities",
      "post /api/v1/analysis/analyze",
      "post /api/v1/analysis/batch",
      "post /api/v1/analysis/best-practices",
      "post /api/v1/analysis/enhance",
      "post /api/v1/analysis/versions/{prompt_id}",
    ]);
    for (const { id, op } of ops) {
      expect(op.tags, id).toEqual(["analysis"]);
      expect(op.summary, id).toBeTruthy();
      expect(op.security?.length, id).toBeGreaterThan(0);
      expect(Object.keys(op.responses ?? {}), id).toContain("200");
    }
  });
});
