// GET /users/me/stats: every figure moves exactly with the caller's own activity and never with
// anyone else's, with numbers (not PostgreSQL's bigint strings) on every database target.
import { describe, expect, it } from "vitest";
import { newId } from "../../src/db/ids.js";
import { analyze, ENGINE_VERSION } from "../../src/features/analysis/engine/index.js";
import { DB_TARGETS } from "../helpers/app.js";
import { type TestUser, useAppWithTwoUsers } from "../helpers/users.js";

describe.each(DB_TARGETS)("user stats (%s)", (target) => {
  const fx = useAppWithTwoUsers(target);

  const stats = async (user: TestUser) => {
    const res = await fx.t.app.inject({ method: "GET", url: "/api/v1/users/me/stats", headers: user.auth });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const post = async (user: TestUser, url: string, payload: unknown = undefined, headers = {}) => {
    const res = await fx.t.app.inject({
      method: "POST",
      url: `/api/v1${url}`,
      headers: { ...user.auth, ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  // Analyses are written by the analysis feature; here they are rows like the ones it stores.
  const addAnalysis = (user: TestUser, kind: "analyze" | "enhance", score: number) =>
    fx.t.db.kysely
      .insertInto("analyses")
      .values({
        id: newId(),
        user_id: user.id,
        prompt_id: null,
        prompt_version: null,
        kind,
        engine: "offline",
        overall_score: score,
        result: "{}",
        created_at: new Date().toISOString(),
      })
      .execute();

  it("starts at zero with a null average score", async () => {
    expect(await stats(fx.alice)).toEqual({
      prompts: 0,
      versions: 0,
      templates_created: 0,
      templates_used: 0,
      analyses: 0,
      enhancements: 0,
      average_score: null,
      score_engine_versions: [],
    });
  });

  it("requires authentication", async () => {
    const res = await fx.t.app.inject({ method: "GET", url: "/api/v1/users/me/stats" });
    expect(res.statusCode).toBe(401);
  });

  it("counts exactly the caller's prompts, versions, templates, uses and analyses", async () => {
    const p = await post(fx.alice, "/prompts", { title: "A", content: "one" });
    await fx.t.app.inject({
      method: "PATCH",
      url: `/api/v1/prompts/${p.id}`,
      headers: { ...fx.alice.auth, "if-match": '"1"' },
      payload: { content: "two" },
    });
    await post(fx.alice, "/prompts", { title: "B", content: "b" });
    const tpl = await post(fx.alice, "/templates", {
      name: "T",
      content: "Hi {{name}}",
      variables: [{ name: "name" }],
      visibility: "public",
    });
    await post(fx.alice, `/templates/${tpl.id}/use`, { variables: { name: "x" } });
    await post(fx.alice, `/templates/${tpl.id}/use`, {
      variables: { name: "y" },
      save_as_prompt: { title: "Saved" },
    });
    // Bob's activity must not show up in Alice's figures.
    await post(fx.bob, `/templates/${tpl.id}/use`, { variables: { name: "z" } });
    await post(fx.bob, `/templates/${tpl.id}/clone`);
    await post(fx.bob, "/prompts", { title: "Bob", content: "b" });
    await addAnalysis(fx.alice, "analyze", 70);
    await addAnalysis(fx.alice, "analyze", 85);
    await addAnalysis(fx.alice, "analyze", 90);
    await addAnalysis(fx.alice, "enhance", 95);
    await addAnalysis(fx.bob, "analyze", 10);

    // Every saved version is scored as an analysis too.
    const saved = (texts: string[]) => texts.map((text) => analyze(text).scores.overall);
    const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
    const aliceScores = [...saved(["one", "two", "b", "Hi y"]), 70, 85, 90];
    expect(await stats(fx.alice)).toEqual({
      prompts: 3,
      versions: 4,
      templates_created: 1,
      templates_used: 2,
      analyses: 7,
      enhancements: 1,
      average_score: mean(aliceScores),
      // The rows written straight in above carry no engine version; saved versions carry the engine's.
      score_engine_versions: [
        { engine_version: null, analyses: 3 },
        { engine_version: ENGINE_VERSION, analyses: 4 },
      ],
    });
    expect(await stats(fx.bob)).toEqual({
      prompts: 1,
      versions: 1,
      templates_created: 1,
      templates_used: 1,
      analyses: 2,
      enhancements: 0,
      average_score: mean([...saved(["b"]), 10]),
      score_engine_versions: [
        { engine_version: null, analyses: 1 },
        { engine_version: ENGINE_VERSION, analyses: 1 },
      ],
    });
  });
});
