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
const problems: string[] = [];

beforeAll(async () => {
  if (noBrowser) return;
  await buildWebApp();
  h = await startHarness();
}, 120_000);
beforeEach((ctx) => {
  if (noBrowser) ctx.skip();
  problems.length = 0;
});
afterAll(async () => {
  await h?.close();
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

/** A 20-row CSV: a variable, the expected answer and tags. */
function csvOf(cities: readonly string[]): string {
  return [
    "city,expected,tags",
    ...cities.map((c, i) => `${c},Hello from ${c},fr;${i % 2 ? "odd" : "even"}`),
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
    expect(await page.getByTestId("dataset-item-count").textContent()).toBe("20 items");
    const first = page.getByTestId("items").locator("tbody tr[data-item]").first();
    expect(await first.locator('td[data-label="city"]').textContent()).toBe("Paris");
    expect(await first.locator('td[data-label="Tags"]').textContent()).toBe("fr, even");

    // Edit item 1: a new revision; the first stays readable under History.
    await page.getByRole("button", { name: "Edit item 1", exact: true }).click();
    const form = page.getByTestId("edit-item-form");
    await form.getByLabel("Expected output").fill("Bonjour from Paris");
    await form.getByRole("button", { name: "Save item" }).click();
    await page.getByText("Item 1 saved as a new revision.").waitFor();
    expect(await first.locator('td[data-label="Expected"]').textContent()).toBe("Bonjour from Paris");
    await page.getByRole("button", { name: "History of item 1", exact: true }).click();
    const revisions = page.getByTestId("revisions");
    await revisions.locator('[data-revision="1"]').waitFor();
    expect(await revisions.locator('[data-revision="2"]').textContent()).toContain("Bonjour from Paris");
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
    expect(await page.getByTestId("dataset-count").first().textContent()).toBe("20 items");
    await context.close();
    expect(problems).toEqual([]);
  }, 120_000);
});
