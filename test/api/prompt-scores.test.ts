// Every prompt version is scored by the offline engine in the request that writes it: the score comes
// back in the response, is stored as the prompt's score and as an analysis of that version (so the
// score history, sorting by score and the user's stats all see it), whichever way the version arrived.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";
import { apiAs, createTestUser, type TestUser } from "../helpers/users.js";

const VAGUE = "Write some stuff about our product. Make it good.";
const CLEAR =
  "You are a product marketer. Write three LinkedIn posts of at most 80 words each announcing our " +
  "invoicing app to small-business owners.\nEnd each post with one question to the reader.";

const offlineScore = (text: string) => analyze(text).scores.overall;

describe.each(DB_TARGETS)("prompt scores on save (%s)", (target) => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await buildTestApp({ target });
    user = await createTestUser(t.app);
  });
  afterAll(async () => t.close());

  const call = (method: "GET" | "POST" | "PATCH", url: string, payload?: object, headers = {}) =>
    apiAs(t.app, user, method, url, payload, headers);
  const history = async (id: string) =>
    (await call("GET", `/prompts/${id}/analyses`)).json().items as {
      version: number | null;
      engine: string;
      overall_score: number;
    }[];

  it("scores a new prompt, each edit, a restore and a duplicate in the response that writes them", async () => {
    const created = await call("POST", "/prompts", { title: "Launch", content: VAGUE });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(created.json().score).toBe(offlineScore(VAGUE));

    const edited = await call("PATCH", `/prompts/${id}`, { content: CLEAR }, { "if-match": '"1"' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, score: offlineScore(CLEAR) });

    // A change that makes no new version keeps the score and adds no analysis.
    const renamed = await call("PATCH", `/prompts/${id}`, { title: "Launch posts" }, { "if-match": '"2"' });
    expect(renamed.json()).toMatchObject({ version: 2, score: offlineScore(CLEAR) });

    const restored = await call("POST", `/prompts/${id}/versions/1/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ version: 3, score: offlineScore(VAGUE) });
    expect((await call("GET", `/prompts/${id}`)).json().score).toBe(offlineScore(VAGUE));

    expect((await history(id)).map((h) => [h.version, h.engine, h.overall_score])).toEqual([
      [1, "local", offlineScore(VAGUE)],
      [2, "local", offlineScore(CLEAR)],
      [3, "local", offlineScore(VAGUE)],
    ]);

    const copy = await call("POST", `/prompts/${id}/duplicate`);
    expect(copy.statusCode).toBe(201);
    expect(copy.json().score).toBe(offlineScore(VAGUE));
  });

  it("scores prompts saved from a template and imported prompts", async () => {
    const template = await call("POST", "/templates", {
      name: "Posts",
      content: "Write some stuff about {{product}}. Make it good.",
      variables: [{ name: "product", required: true }],
    });
    expect(template.statusCode).toBe(201);
    const used = await call("POST", `/templates/${template.json().id}/use`, {
      variables: { product: "our product" },
      save_as_prompt: { title: "From a template" },
    });
    expect(used.statusCode).toBe(200);
    expect(used.json().prompt.score).toBe(offlineScore(VAGUE));

    const imported = await call("POST", "/prompts/import", {
      format: "promptforge-export",
      version: 1,
      prompts: [
        { title: "Imported plain", content: CLEAR },
        {
          title: "Imported with history",
          content: VAGUE,
          versions: [
            { version: 1, content: CLEAR },
            { version: 2, content: VAGUE },
          ],
        },
      ],
    });
    expect(imported.statusCode).toBe(201);
    const [plain, withHistory] = imported.json().prompts as { id: string; score: number }[];
    expect(plain?.score).toBe(offlineScore(CLEAR));
    expect(withHistory?.score).toBe(offlineScore(VAGUE));
    expect((await history(withHistory?.id ?? "")).map((h) => [h.version, h.overall_score])).toEqual([
      [2, offlineScore(VAGUE)],
    ]);
  });

  it("sorts by the stored scores and counts them in the user's stats", async () => {
    const other = await createTestUser(t.app);
    const as = (method: "GET" | "POST", url: string, payload?: object) =>
      apiAs(t.app, other, method, url, payload);
    await as("POST", "/prompts", { title: "vague", content: VAGUE });
    await as("POST", "/prompts", { title: "clear", content: CLEAR });
    const sorted = (await as("GET", "/prompts?sort=score&order=desc")).json().items as { title: string }[];
    expect(sorted.map((p) => p.title)).toEqual(
      offlineScore(CLEAR) > offlineScore(VAGUE) ? ["clear", "vague"] : ["vague", "clear"],
    );
    const stats = (await as("GET", "/users/me/stats")).json();
    expect(stats.analyses).toBe(2);
    expect(stats.average_score).toBeCloseTo((offlineScore(CLEAR) + offlineScore(VAGUE)) / 2, 1);
  });
});
