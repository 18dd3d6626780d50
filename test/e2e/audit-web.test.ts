// The audit log page in real Chromium: a project owner picks the project, sees its entries newest first
// with what changed, filters them by action, verifies the chain (intact, then broken after a row is edited
// in the database), and downloads the CSV; a member who is only an editor is not offered the project's log.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import {
  apiCall,
  createUser,
  type Harness,
  newContext,
  setUpBrowserSuite,
  shoot,
  signInPage,
} from "./browser.js";

let h: Harness;
const problems = setUpBrowserSuite((harness) => {
  h = harness;
});

describe("the audit log page in Chromium", () => {
  it("lists, filters, verifies and exports a project's log for its owner", async () => {
    const owner = await createUser(h, "auditor");
    const made = await apiCall<{ id: string; slug: string }>(h, "POST", "/api/v1/projects", {
      token: owner.access_token,
      body: { name: "Audit Co", slug: `audit-co-${Date.now().toString(36)}` },
    });
    expect(made.status).toBe(201);
    const slug = made.body.slug;
    for (const title of ["First", "Second"]) {
      const p = await apiCall(h, "POST", `/api/v1/projects/${slug}/prompts`, {
        token: owner.access_token,
        body: { title, content: `${title}: write a haiku about the sea.` },
      });
      expect(p.status).toBe(201);
    }

    const { context, page } = await newContext(h, problems);
    await signInPage(page, h, owner);
    await page.goto(`${h.base}/audit`);
    await page.getByRole("heading", { name: "Audit log" }).waitFor();
    await page.getByLabel("Which log", { exact: true }).selectOption(slug);
    const rows = page.getByTestId("audit-entries").locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.first().textContent()).toContain("prompt.create");
    expect(await rows.last().textContent()).toContain("project.create");
    expect(await rows.first().textContent()).toMatch(/content_hash: sha256:[0-9a-f]{12}…/);

    await page.getByLabel("Action", { exact: true }).selectOption("project.create");
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel("Action", { exact: true }).selectOption("");

    await page.getByRole("button", { name: "Verify chain" }).click();
    await expect
      .poll(() => page.getByTestId("verify-result").textContent())
      .toContain("Chain intact: 3 entries");

    const db = h.server.db.kysely;
    const second = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("project_id", "=", made.body.id)
      .where("seq", "=", 2)
      .executeTakeFirstOrThrow();
    await db
      .updateTable("audit_events")
      .set({ client_ip: "203.0.113.9" })
      .where("id", "=", second.id)
      .execute();
    await page.getByRole("button", { name: "Verify chain" }).click();
    await expect
      .poll(() => page.getByTestId("verify-result").textContent())
      .toContain(`first broken entry ${second.id}`);
    await shoot(page, "audit-log");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    const csv = await readFile((await download.path()) as string, "utf8");
    expect(csv.split("\r\n")[0]).toMatch(/^id,seq,created_at,project_id/);
    expect(csv.trim().split("\r\n")).toHaveLength(4);

    // An editor of the project does not get its log; their own personal project's, they do.
    const editor = await createUser(h, "editor");
    const inv = await apiCall<{ token: string }>(h, "POST", `/api/v1/projects/${slug}/invitations`, {
      token: owner.access_token,
      body: { email: `${editor.username}@example.com`, role: "editor" },
    });
    expect(inv.status).toBe(201);
    const joined = await apiCall(h, "POST", `/api/v1/invitations/${inv.body.token}/accept`, {
      token: editor.access_token,
    });
    expect(joined.status).toBe(200);
    const other = await newContext(h, problems);
    await signInPage(other.page, h, editor);
    await other.page.goto(`${h.base}/audit`);
    const choice = other.page.getByLabel("Which log", { exact: true });
    await choice.waitFor();
    const options = await choice.locator("option").allInnerTexts();
    expect(options).not.toContain("Audit Co");
    expect(options).toHaveLength(1);
    await other.context.close();
    await context.close();
    expect(problems).toEqual([]);
  });
});
