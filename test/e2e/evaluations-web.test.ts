// Evaluations in real Chromium against the real service, as a newcomer would use them from the web app
// alone: create a dataset, import a 20-row CSV (a file with a bad row imports nothing and the page names
// the line), edit an item (its earlier revision stays readable under History), export it back, then —
// on the prompt's page — declare an assertion, run the dataset against a model served by a loopback
// fake OpenAI-compatible server, watch the progress bar to the end, read the results grid and a
// failing cell's reasons, change the prompt, run again, and compare the two runs: the regressions come
// first. Screenshots at desktop and phone widths.
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeEvalLlm, startFakeEvalLlm } from "../helpers/fake-openai-eval.js";
import { missing } from "../helpers/tools.js";
import {
  apiCall,
  buildWebApp,
  CHROMIUM,
  createUser,
  DESKTOP,
  type Harness,
  newContext,
  PHONE,
  shoot,
  signInPage,
  startHarness,
  type TestUser,
} from "./browser.js";

const noBrowser = missing(CHROMIUM);
let h: Harness;
let fake: FakeEvalLlm;
const problems: string[] = [];

beforeAll(async () => {
  if (noBrowser) return;
  await buildWebApp();
  // The OpenAI-compatible fake of the runs' tests: a prompt saying "say:<text>" gets <text> back.
  fake = await startFakeEvalLlm();
  h = await startHarness({
    OPENAI_BASE_URL: fake.baseUrl,
    OPENAI_API_KEY: "test-key",
    EVALUATION_WORKER_ENABLED: "true",
    EVALUATION_POLL_INTERVAL_MS: "50",
  });
}, 120_000);
beforeEach((ctx) => {
  if (noBrowser) ctx.skip();
  problems.length = 0;
});
afterAll(async () => {
  await h?.close();
  await fake?.close();
});

const CITIES = [
  "Paris",
  "Lyon",
  "Nice",
  "Lille",
  "Nantes",
  "Rennes",
  "Brest",
  "Dijon",
  "Metz",
  "Tours",
  "Caen",
  "Rouen",
  "Reims",
  "Nancy",
  "Angers",
  "Arles",
  "Albi",
  "Pau",
  "Laval",
  "Vichy",
];

/** Every third row opens with "Bonjour" (the rows the second version of the prompt regresses). */
const opening = (i: number) => (i % 3 === 0 ? "Bonjour" : "Hello");

/** A 20-row CSV: two variables, the expected answer and tags. */
function csvOf(cities: readonly string[]): string {
  return [
    "city,opening,expected,tags",
    ...cities.map((c, i) => `${c},${opening(i)},Hello from ${c},fr;${i % 2 ? "odd" : "even"}`),
  ].join("\n");
}

async function project(owner: TestUser, tag: string): Promise<string> {
  const slug = `${tag}-${Date.now().toString(36)}`;
  const made = await apiCall(h, "POST", "/api/v1/projects", {
    token: owner.access_token,
    body: { name: `Evaluations ${tag}`, slug },
  });
  expect(made.status).toBe(201);
  return slug;
}

/** Creates a dataset from the datasets page and lands on its editor; returns its id. */
async function createDataset(page: Page, slug: string, name: string): Promise<string> {
  await page.goto(`/datasets?project=${slug}`);
  await page.getByRole("heading", { name: "Datasets", level: 1 }).waitFor();
  await page.getByLabel("Dataset name").fill(name);
  await page.getByLabel("Description").fill("Greetings per city");
  await page.getByRole("button", { name: "Create dataset" }).click();
  await page.getByTestId("dataset-name").filter({ hasText: name }).waitFor();
  return decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
}

/** Elements that stick out of a phone-wide page, by name (as in registry-web.test.ts). */
async function tooWide(page: Page): Promise<string[]> {
  await page.setViewportSize(PHONE);
  const out = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width)
      found.push(`page is ${document.documentElement.scrollWidth} px wide`);
    const clipped = (el: Element) => {
      for (let a: Element | null = el; a; a = a.parentElement)
        if (getComputedStyle(a).clip !== "auto" || getComputedStyle(a).overflowX === "auto") return true;
      return false;
    };
    for (const el of document.querySelectorAll("main *")) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 0.5 && !clipped(el))
        found.push(`${el.tagName.toLowerCase()}.${String(el.className)} ends at ${Math.round(r.right)} px`);
    }
    return found;
  });
  await page.setViewportSize(DESKTOP);
  return out;
}

async function importCsv(page: Page, text: string): Promise<void> {
  await page.getByLabel("Format").selectOption("csv");
  await page.getByLabel("Rows to import").fill(text);
  await page.getByRole("button", { name: "Import", exact: true }).click();
}

describe("datasets in Chromium", () => {
  it("imports a CSV all or nothing (naming the bad line), edits an item with its history, and exports it", async () => {
    const owner = await createUser(h, "owner");
    const slug = await project(owner, "data");
    const { context, page } = await newContext(h, problems);
    await signInPage(page, h, owner);
    const id = await createDataset(page, slug, "Greetings");
    await page.getByText("No items yet").waitFor();

    // Row 4 of the file has one column too many: nothing goes in, and the page says which line.
    const rows = csvOf(CITIES).split("\n");
    rows[3] = `${rows[3]},extra`;
    await importCsv(page, rows.join("\n"));
    await expect.poll(() => page.getByTestId("import-error-line").textContent()).toBe("line 4");
    expect(await page.getByTestId("import-error").textContent()).toContain("Nothing was imported");
    const none = await apiCall<{ items: unknown[] }>(h, "GET", `/api/v1/projects/${slug}/datasets/${id}`, {
      token: owner.access_token,
    });
    expect(none.body.items).toHaveLength(0);
    await shoot(page, "dataset-import-refused");
    expect(await tooWide(page)).toEqual([]);

    // The good file: all 20 rows, in order.
    await importCsv(page, csvOf(CITIES));
    await page.getByText("Imported 20 items.").waitFor();
    await expect.poll(() => page.getByTestId("items").locator("tbody tr[data-item]").count()).toBe(20);
    await expect.poll(() => page.getByTestId("dataset-item-count").textContent()).toBe("20 items");
    const first = page.getByTestId("items").locator("tbody tr[data-item]").first();
    expect(await first.locator('td[data-label="city"]').textContent()).toBe("Paris");
    expect(await first.locator('td[data-label="Tags"]').textContent()).toBe("fr, even");

    // Edit item 1: a new revision; the first stays readable under History.
    await page.getByRole("button", { name: "Edit item 1", exact: true }).click();
    const form = page.getByTestId("edit-item-form");
    await form.getByLabel("Expected output").fill("Bonjour from Paris");
    await form.getByRole("button", { name: "Save item" }).click();
    await page.getByText("Item 1 saved as a new revision.").waitFor();
    // the saved message can show before the list's refetch lands: wait for the row, under load too
    await expect
      .poll(() => first.locator('td[data-label="Expected"]').textContent())
      .toBe("Bonjour from Paris");
    await page.getByRole("button", { name: "History of item 1", exact: true }).click();
    const revisions = page.getByTestId("revisions");
    await revisions.locator('[data-revision="1"]').waitFor();
    await expect
      .poll(() => revisions.locator('[data-revision="2"]').textContent())
      .toContain("Bonjour from Paris");
    expect(await revisions.locator('[data-revision="1"]').textContent()).toContain("Hello from Paris");

    // Add one by hand, then delete it again.
    const add = page.getByTestId("add-item-form");
    await add.getByLabel("city", { exact: true }).fill("Sète");
    await add.getByLabel("Expected output").fill("Hello from Sète");
    await add.getByRole("button", { name: "Add item" }).click();
    await page.getByText("Item added.").waitFor();
    await expect.poll(() => page.getByTestId("dataset-item-count").textContent()).toBe("21 items");
    await page.getByRole("button", { name: "Delete item 21" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete item" }).click();
    await expect.poll(() => page.getByTestId("dataset-item-count").textContent()).toBe("20 items");
    await shoot(page, "dataset-editor");
    expect(await tooWide(page)).toEqual([]);

    // Export CSV: the edited expected and the 20 rows come back.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    const csv = await readFile((await download.path()) as string, "utf8");
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(21);
    expect(lines[0]).toContain("city");
    expect(csv).toContain("Bonjour from Paris");

    // The list shows it with its count.
    await page.getByRole("link", { name: "Datasets" }).first().click();
    await expect.poll(() => page.getByTestId("dataset-list").textContent()).toContain("Greetings");
    await expect.poll(() => page.getByTestId("dataset-count").first().textContent()).toBe("20 items");
    await context.close();
    expect(problems).toEqual([]);
  }, 120_000);
});

/** Waits on the run page until the run has ended, the progress bar full; returns its final status. */
async function waitForEnd(page: Page): Promise<string | null> {
  await page.getByTestId("run-progress").waitFor();
  await expect
    .poll(() => page.getByTestId("run-status").getAttribute("data-status"), { timeout: 60_000 })
    .toMatch(/^(completed|failed|cancelled)$/);
  return page.getByTestId("run-status").getAttribute("data-status");
}

async function startRun(page: Page, model: string): Promise<void> {
  const launcher = page.getByTestId("run-launcher");
  await launcher.getByLabel("Model 1 provider").selectOption("openai");
  await launcher.getByLabel("Model 1 name").fill(model);
  await launcher.getByRole("button", { name: "Start run" }).click();
  await page.getByRole("heading", { name: /^Evaluation of version \d+/ }).waitFor();
}

describe("evaluations in Chromium", () => {
  it("imports 20 rows, runs them against a model, reads the results, changes the prompt and sees what regressed", async () => {
    const owner = await createUser(h, "owner");
    const slug = await project(owner, "evals");
    const created = await apiCall<{ id: string }>(h, "POST", `/api/v1/projects/${slug}/prompts`, {
      token: owner.access_token,
      body: {
        title: "City greeter",
        name: "greeter",
        content: "say:Hello from {{city}}",
      },
    });
    expect(created.status).toBe(201);
    const promptId = created.body.id;
    const { context, page } = await newContext(h, problems);
    await signInPage(page, h, owner);

    // The dataset, from a CSV.
    await createDataset(page, slug, "Cities");
    await importCsv(page, csvOf(CITIES));
    await page.getByText("Imported 20 items.").waitFor();

    // On the prompt's page: one assertion, then a run of version 1 against the model.
    await page.goto(`/prompts/${promptId}?project=${slug}`);
    const evaluations = page.getByTestId("evaluations");
    await evaluations.getByText("No runs yet.").waitFor();
    // A run fills only declared variables: the launcher says {{city}} is not declared, until it is.
    expect(await evaluations.getByTestId("undeclared-variables").textContent()).toContain("{{city}}");
    await page.getByRole("button", { name: "Add variable" }).click();
    await page.getByLabel("Variable 1 name").fill("city");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect.poll(() => evaluations.getByTestId("undeclared-variables").count()).toBe(0);
    const declaredAt = Number(
      (await page.getByTestId("prompt-version").textContent())?.replace("Version ", ""),
    );
    await evaluations.getByRole("button", { name: "Add assertion" }).click();
    await evaluations.getByLabel("Assertion 1 type").selectOption("contains");
    await evaluations.getByLabel("Assertion 1 text").fill("Hello");
    await evaluations.getByRole("button", { name: "Save assertions" }).click();
    await evaluations.getByText("Assertions saved.").waitFor();
    const saved = await apiCall<{ assertions: unknown[] }>(
      h,
      "GET",
      `/api/v1/projects/${slug}/prompts/${promptId}/assertions`,
      { token: owner.access_token },
    );
    expect(saved.body.assertions).toEqual([{ type: "contains", value: "Hello" }]);
    await shoot(page, "prompt-evaluations");
    await startRun(page, "fake-model");
    const firstRun = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
    expect(await waitForEnd(page)).toBe("completed");
    expect(await page.getByTestId("run-done").textContent()).toBe("20");
    expect(await page.getByTestId("summary-pass-rate").first().textContent()).toBe("100 %");

    // The grid: 20 items, one model, every cell passed; a cell opens to the prompt as sent, the output
    // and the assertion's reason.
    const grid = page.getByTestId("results-grid");
    await expect.poll(() => grid.locator("tbody tr[data-item]").count()).toBe(20);
    expect(await grid.locator('[data-result="passed"]').count()).toBe(20);
    await grid.locator('tr[data-row="1"]').getByTestId("result-cell").getByRole("button").click();
    const details = page.getByTestId("result-details").first();
    expect(await details.getByTestId("result-rendered").textContent()).toBe("say:Hello from Paris");
    expect(await details.getByTestId("result-output").textContent()).toBe("Hello from Paris");
    expect(await details.getByTestId("verdicts").textContent()).toContain("contains");
    await shoot(page, "evaluation-run");
    expect(await tooWide(page)).toEqual([]);

    // Change the prompt (a new version) and run again from its page; the model is offered again.
    await page.getByRole("link", { name: "City greeter" }).click();
    // The new version opens with the item's own word; it uses a variable it must declare too.
    await page.getByLabel("Prompt text").fill("say:{{opening}} from {{city}}");
    await page.getByRole("button", { name: "Add variable" }).click();
    await page.getByLabel("Variable 2 name").fill("opening");
    await page.getByRole("button", { name: `Save as version ${declaredAt + 1}` }).click();
    await expect
      .poll(() => page.getByTestId("prompt-version").textContent())
      .toBe(`Version ${declaredAt + 1}`);
    expect(await page.getByTestId("run-launcher").getByLabel("Model 1 name").inputValue()).toBe("fake-model");
    await startRun(page, "fake-model");
    const secondRun = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
    expect(await waitForEnd(page)).toBe("completed");
    const regressing = CITIES.filter((_, i) => opening(i) === "Bonjour");
    const expectedRate = `${Math.round(((20 - regressing.length) / 20) * 1000) / 10} %`;
    expect(await page.getByTestId("summary-pass-rate").first().textContent()).toBe(expectedRate);
    // Only the failures, with the reason of one.
    await page.getByLabel("Only items that did not pass everywhere").check();
    await expect.poll(() => grid.locator("tbody tr[data-item]").count()).toBe(regressing.length);
    await grid.locator("tbody tr[data-item]").first().getByRole("button").click();
    expect(await page.getByTestId("result-output").first().textContent()).toBe("Bonjour from Paris");
    expect(await page.getByTestId("verdicts").first().locator('[data-passed="false"]').count()).toBe(1);

    // Back on the prompt: both runs listed, the pass-rate trend has a point per version; compare them.
    await page.getByRole("link", { name: "City greeter" }).click();
    const runs = page.getByTestId("runs");
    await expect.poll(() => runs.locator("tr[data-run]").count()).toBe(2);
    const chart = page.getByTestId("pass-rate-chart");
    await expect.poll(() => chart.locator("g[data-version]").count()).toBe(2);
    expect(await chart.textContent()).toContain("100 %");
    await shoot(page, "prompt-evaluations-runs");
    for (const id of [firstRun, secondRun])
      await runs.locator(`tr[data-run="${id}"] input[type=checkbox]`).check();
    await page.getByRole("button", { name: "Compare the two chosen runs" }).click();
    await page.getByRole("heading", { name: `Version ${declaredAt} → version ${declaredAt + 1}` }).waitFor();
    const items = page.getByTestId("compare-items");
    await expect.poll(() => items.locator("tr[data-change]").count()).toBe(regressing.length);
    // Regressions first, and here only regressions: the short names still pass.
    expect(
      new Set(
        await items
          .locator("tr[data-change]")
          .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-change"))),
      ),
    ).toEqual(new Set(["regressed"]));
    expect(await page.getByTestId("change-counts").textContent()).toContain(`${regressing.length} regressed`);
    await items.locator("tr[data-change]").first().getByRole("button", { name: /Show/ }).click();
    const outputs = await page.getByTestId("result-output").allTextContents();
    expect(outputs).toEqual(["Hello from Paris", "Bonjour from Paris"]);
    await page.getByLabel("Also show items passing in both").check();
    await expect.poll(() => items.locator("tr[data-change]").count()).toBe(20);
    expect(await items.locator("tr[data-change]").first().getAttribute("data-change")).toBe("regressed");
    await shoot(page, "evaluation-compare");
    expect(await tooWide(page)).toEqual([]);
    await context.close();
    expect(problems).toEqual([]);
  }, 240_000);
});
