// The playground panel in real Chromium: from a prompt's page, fill its typed variable, run two targets
// side by side against a loopback OpenAI-compatible server that streams, see each output with its tokens,
// latency and cost (and one target's error), then save the input with an output as a dataset item.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeStreamServer, startFakeStreamServer } from "../helpers/fake-llm-stream.js";
import { missing } from "../helpers/tools.js";
import {
  apiCall,
  buildWebApp,
  CHROMIUM,
  createUser,
  type Harness,
  newContext,
  shoot,
  signInPage,
  startHarness,
} from "./browser.js";

const noBrowser = missing(CHROMIUM);
let h: Harness;
let fake: FakeStreamServer;
const problems: string[] = [];

beforeAll(async () => {
  if (noBrowser) return;
  fake = await startFakeStreamServer({ delayMs: 30 });
  await buildWebApp();
  h = await startHarness({
    OPENAI_BASE_URL: `${fake.url}/v1`,
    LLM_PRICES: JSON.stringify({ echo: { input: 1, output: 2 } }),
  });
}, 180_000);
beforeEach((ctx) => {
  if (noBrowser) ctx.skip();
  problems.length = 0;
});
afterAll(async () => {
  h?.server.app.server.closeAllConnections();
  await h?.close();
  await fake?.close();
});

describe("the playground panel in Chromium", () => {
  it("runs two targets side by side, streams, and saves an output as a dataset item", async () => {
    const owner = await createUser(h, "player");
    const projects = await apiCall<{ items: { id: string; slug: string }[] }>(h, "GET", "/api/v1/projects", {
      token: owner.access_token,
    });
    const slug = projects.body.items[0]?.slug as string;
    const made = await apiCall<{ id: string }>(h, "POST", "/api/v1/prompts", {
      token: owner.access_token,
      body: {
        title: "Greeter",
        content: "Say hello warmly to {{name}} in one short sentence.",
        variables: [{ name: "name", type: "string", required: true }],
      },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const ds = await apiCall<{ id: string }>(h, "POST", `/api/v1/projects/${slug}/datasets`, {
      token: owner.access_token,
      body: { name: "Greetings" },
    });
    expect(ds.status, JSON.stringify(ds.body)).toBe(201);

    const { context, page } = await newContext(h, problems);
    await signInPage(page, h, owner);
    await page.goto(`${h.base}/prompts/${made.body.id}`);
    await page.getByRole("link", { name: "Playground" }).click();
    await page.getByRole("heading", { name: "Playground" }).waitFor();
    await page.getByLabel(/^name/).fill("Ada");
    await page.getByLabel("Model 1").fill("echo");
    await page.getByRole("button", { name: "Add target" }).click();
    await page.getByLabel("Model 2").fill("broken");
    await page.getByRole("button", { name: "Run" }).click();

    const outputs = page.getByTestId("target-output");
    await expect.poll(() => outputs.count()).toBe(2);
    // Streaming: the first words show before the answer is complete.
    await expect.poll(() => outputs.nth(0).getByTestId("output-text").textContent()).toContain("Say hello");
    await expect
      .poll(() => outputs.nth(0).getByTestId("output-text").textContent())
      .toBe("Say hello warmly to Ada in one short sentence.");
    await expect
      .poll(() => outputs.nth(0).getByTestId("output-stats").textContent())
      .toMatch(/9 in \/ 9 out tokens · \d+ ms · \$0\.000027/);
    await expect.poll(() => outputs.nth(1).textContent()).toContain("server_error");
    await shoot(page, "playground");

    await outputs.nth(0).getByRole("button", { name: "Save as dataset item" }).click();
    await expect.poll(() => outputs.nth(0).getByRole("status").textContent()).toContain("Saved to Greetings");
    const saved = await apiCall<{ items: { variables: unknown; expected: string }[] }>(
      h,
      "GET",
      `/api/v1/projects/${slug}/datasets/${ds.body.id}`,
      { token: owner.access_token },
    );
    expect(saved.body.items).toMatchObject([
      { variables: { name: "Ada" }, expected: "Say hello warmly to Ada in one short sentence." },
    ]);
    await context.close();
    expect(problems).toEqual([]);
  });
});
