// Projects in real Chromium against the real service: an owner creates a project, saves a prompt in it
// and invites a second person as a viewer (the link shown once, as without a mail server); the viewer
// accepts the link, switches to the project, reads the prompt with no edit control anywhere, keeps the
// project across a reload, and is refused (403 in the JSON error shape) when forcing a write through the
// API. The owner then makes them an editor (edit controls appear) and removes them (the project is gone
// from their list). The API-key page creates a key with one scope, shows its secret once, lists it with
// its scope and expiry, and revokes it. The new pages fit a 390 px phone.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  apiCall,
  createUser,
  type Harness,
  newContext,
  PHONE,
  setUpBrowserSuite,
  shoot,
  signInPage,
} from "./browser.js";

let h: Harness;
const problems = setUpBrowserSuite((harness) => {
  h = harness;
});

/** Elements of main that stick out of the page or out of a box that clips them, by name. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width)
      out.push(`page is ${document.documentElement.scrollWidth} px wide`);
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}.${String(el.className)} "${(el.textContent ?? "").trim().slice(0, 30)}"`;
    const hidden = (el: Element) => {
      for (let a: Element | null = el; a; a = a.parentElement)
        if (getComputedStyle(a).clip !== "auto") return true;
      return false;
    };
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || hidden(el)) continue;
      if (r.right > width + 0.5) out.push(`${name(el)} ends at ${Math.round(r.right)} px`);
      for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
        if (getComputedStyle(box).overflowX === "visible") continue;
        if (r.right > box.getBoundingClientRect().right + 0.5)
          out.push(`${name(el)} is cut off by ${name(box)}`);
        break;
      }
    }
    return [...new Set(out)];
  });
}

/** The session's access token, as the web app stored it. */
function tokenIn(page: Page): Promise<string> {
  return page.evaluate(() => JSON.parse(localStorage.getItem("pf:session") ?? "{}").access_token as string);
}

describe("projects in Chromium", () => {
  it("shares a prompt with an invited viewer, who reads it without edit controls and is refused writes", async () => {
    const owner = await createUser(h, "owner");
    const guest = await createUser(h, "guest");
    const name = `Launch ${Date.now().toString(36)}`;
    const slug = name.toLowerCase().replace(" ", "-");

    // The owner creates the project; the slug follows the name.
    const { context, page } = await newContext(h, problems);
    await signInPage(page, h, owner);
    await page.goto("/projects");
    await page.getByRole("heading", { name: "Projects", exact: true }).waitFor();
    await page.getByLabel("Project name").fill(name);
    expect(await page.getByLabel("Slug").inputValue()).toBe(slug);
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByRole("heading", { name: `Members of ${name}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/projects/${slug}/members`);
    await expect
      .poll(() => page.getByTestId("members").locator("tbody tr").allInnerTexts())
      .toEqual([expect.stringMatching(new RegExp(`${owner.username}.*you[\\s\\S]*owner`))]);
    // The new project became the current one: the switcher says so, personal first.
    const switcher = page.getByLabel("Project", { exact: true });
    expect(await switcher.locator("option").allInnerTexts()).toEqual(["Personal", name]);
    expect(await switcher.inputValue()).toBe(slug);

    // A prompt saved from the analyser goes into the project, not the personal one.
    await page.goto("/");
    await page
      .getByLabel("Prompt text")
      .fill("Summarise the launch plan for the sales team in five bullet points.");
    await page.getByLabel("Title").fill("Launch summary");
    await page.getByRole("button", { name: "Save as a new prompt" }).click();
    await page.getByTestId("prompt-title").filter({ hasText: "Launch summary" }).waitFor();
    const inProject = await apiCall<{ items: { id: string }[] }>(
      h,
      "GET",
      `/api/v1/projects/${slug}/prompts`,
      {
        token: owner.access_token,
      },
    );
    expect(inProject.body.items).toHaveLength(1);
    const promptId = inProject.body.items[0]?.id as string;
    const personal = await apiCall<{ items: unknown[] }>(h, "GET", "/api/v1/prompts", {
      token: owner.access_token,
    });
    expect(personal.body.items).toHaveLength(0);

    // Switching to the personal project from the prompt leads to the personal list; a link that names
    // the project (as the project's list writes them) opens the prompt there and makes it current again.
    await switcher.selectOption({ label: "Personal" });
    await page.getByRole("heading", { name: "My prompts" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/prompts");
    await page.goto(`/prompts/${promptId}?project=${slug}`);
    await page.getByTestId("prompt-title").filter({ hasText: "Launch summary" }).waitFor();
    await expect.poll(() => switcher.inputValue()).toBe(slug);
    await page.goto("/prompts");
    await page.getByRole("heading", { name: `Prompts of ${name}` }).waitFor();
    expect(await page.getByRole("link", { name: "Launch summary" }).getAttribute("href")).toBe(
      `/prompts/${promptId}?project=${slug}`,
    );

    // Invite the guest as a viewer: no mail server, so the link is shown once.
    await page.goto(`/projects/${slug}/members`);
    await page.getByLabel("E-mail").fill(`${guest.username}@example.com`);
    await page.getByLabel("Role", { exact: true }).selectOption("viewer");
    await page.getByRole("button", { name: "Invite", exact: true }).click();
    const link = await page.getByLabel("Invitation link").inputValue();
    expect(link).toMatch(new RegExp(`^${h.base}/invitations/pfi_[A-Za-z0-9_-]+$`));
    await expect
      .poll(() => page.getByTestId("invitations").textContent())
      .toContain(`${guest.username}@example.com as viewer`);
    await shoot(page, "project-members");

    // The guest follows the link and joins.
    const other = await newContext(h, problems);
    const guestPage = other.page;
    await signInPage(guestPage, h, guest);
    await guestPage.goto(new URL(link).pathname);
    await guestPage.getByRole("button", { name: "Accept invitation" }).click();
    await expect
      .poll(() => guestPage.getByTestId("joined").textContent())
      .toBe(`You joined ${name} as viewer.`);
    await shoot(guestPage, "invitation-accepted");
    // The link works once.
    await guestPage.reload();
    await guestPage.getByRole("button", { name: "Accept invitation" }).click();
    await guestPage.getByText("This invitation was already used").waitFor();

    // Their prompts page starts in their personal project; the switcher takes them to the shared one.
    await guestPage.goto("/prompts");
    await guestPage.getByRole("heading", { name: "My prompts" }).waitFor();
    await guestPage.getByRole("status").filter({ hasText: "0 prompts" }).waitFor();
    await guestPage.getByLabel("Project", { exact: true }).selectOption({ label: name });
    await guestPage.getByRole("heading", { name: `Prompts of ${name}` }).waitFor();
    await guestPage.getByTestId("prompt-list").getByRole("link", { name: "Launch summary" }).waitFor();
    expect(await guestPage.getByTestId("project-role").textContent()).toBe(
      "Shared project · your role: viewer (read only)",
    );
    expect(await guestPage.getByRole("link", { name: "New prompt" }).count()).toBe(0);
    expect(await guestPage.getByText("Import…").count()).toBe(0);

    // A reload keeps the project.
    await guestPage.reload();
    await guestPage.getByRole("heading", { name: `Prompts of ${name}` }).waitFor();

    // The prompt reads, with no control that changes it.
    await guestPage.getByTestId("prompt-list").getByRole("link", { name: "Launch summary" }).click();
    await guestPage.getByTestId("prompt-text").filter({ hasText: "Summarise the launch plan" }).waitFor();
    await guestPage.getByTestId("timeline").waitFor();
    const editControls = guestPage
      .locator("main")
      .getByRole("button", { name: /save|delete|duplicate|restore|enhance/i });
    expect(await editControls.count()).toBe(0);
    expect(await guestPage.locator("main").getByRole("link", { name: "Enhance" }).count()).toBe(0);
    expect(await guestPage.locator("main textarea, main input[type=text]").count()).toBe(0);
    await shoot(guestPage, "prompt-viewer");
    // Templates: nothing to create either.
    await guestPage.goto("/templates");
    await guestPage.getByRole("heading", { name: "Templates" }).waitFor();
    expect(await guestPage.getByRole("link", { name: "New template" }).count()).toBe(0);

    // Forcing a write through the API with the viewer's own session is refused in the error shape.
    const forced = await guestPage.evaluate(
      async ({ slug, promptId, token }) => {
        const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
        const put = await fetch(`/api/v1/projects/${slug}/prompts/${promptId}`, {
          method: "PATCH",
          headers: { ...headers, "if-match": '"1"' },
          body: JSON.stringify({ content: "Overwritten by a viewer." }),
        });
        const del = await fetch(`/api/v1/projects/${slug}/prompts/${promptId}`, {
          method: "DELETE",
          headers: { authorization: headers.authorization },
        });
        const post = await fetch(`/api/v1/projects/${slug}/prompts`, {
          method: "POST",
          headers,
          body: JSON.stringify({ title: "Sneaky", content: "A prompt a viewer should not be able to add." }),
        });
        return Promise.all([put, del, post].map(async (r) => ({ status: r.status, body: await r.json() })));
      },
      { slug, promptId, token: await tokenIn(guestPage) },
    );
    for (const answer of forced) {
      expect(answer).toEqual({
        status: 403,
        body: {
          error: { code: "forbidden", message: expect.any(String) },
          request_id: expect.any(String),
        },
      });
    }
    const after = await apiCall<{ content: string; version: number }>(
      h,
      "GET",
      `/api/v1/projects/${slug}/prompts/${promptId}`,
      { token: owner.access_token },
    );
    expect(after.body).toMatchObject({ version: 1, content: expect.stringContaining("launch plan") });

    // On the members page the viewer sees who is in the project, and can only leave.
    await guestPage.goto(`/projects/${slug}/members`);
    await guestPage.getByTestId("my-role").filter({ hasText: "Your role: viewer" }).waitFor();
    await expect.poll(() => guestPage.getByTestId("members").locator("tbody tr").count()).toBe(2);
    expect(await guestPage.getByLabel("E-mail").count()).toBe(0);
    expect(await guestPage.locator("main select").count()).toBe(0);
    expect(await guestPage.getByRole("button", { name: /^Remove/ }).count()).toBe(0);
    expect(await guestPage.getByRole("button", { name: "Leave the project" }).count()).toBe(1);
    expect(await guestPage.getByRole("link", { name: "API keys" }).count()).toBe(0);

    // The owner makes the guest an editor: their next visit offers editing.
    await page.goto(`/projects/${slug}/members`);
    await page.getByLabel(`Role of ${guest.username}`).selectOption("editor");
    await expect.poll(() => page.getByLabel(`Role of ${guest.username}`).inputValue()).toBe("editor");
    await guestPage.goto(`/prompts/${promptId}`);
    await guestPage.getByRole("button", { name: "Duplicate" }).waitFor();
    await guestPage.getByRole("heading", { name: "Edit" }).waitFor();

    // …and removes them: the project leaves their list, and their pages fall back to their own prompts.
    await page.getByRole("button", { name: `Remove ${guest.username}` }).click();
    await page.getByRole("button", { name: "Remove member" }).click();
    await expect.poll(() => page.getByTestId("members").locator("tbody tr").count()).toBe(1);
    await guestPage.goto("/prompts");
    await guestPage.getByRole("heading", { name: "My prompts" }).waitFor();
    expect(await guestPage.getByLabel("Project", { exact: true }).locator("option").count()).toBe(1);

    await other.context.close();
    await context.close();
    // The browser logs the answers this test provoked on purpose: the spent link and the forced writes.
    const refused = (status: number) =>
      `console: Failed to load resource: the server responded with a status of ${status}`;
    expect(problems).toEqual([
      expect.stringContaining(refused(410)),
      ...Array(3).fill(expect.stringContaining(refused(403))),
    ]);
  });

  it("creates a project API key with one scope, shows the secret once, lists and revokes it", async () => {
    const owner = await createUser(h, "keys");
    const slug = `keys-${Date.now().toString(36)}`;
    const made = await apiCall(h, "POST", "/api/v1/projects", {
      token: owner.access_token,
      body: { name: "Key Co", slug },
    });
    expect(made.status).toBe(201);
    const { context, page } = await newContext(h, problems);
    await signInPage(page, h, owner);
    await page.goto(`/projects/${slug}/api-keys`);
    await page.getByRole("heading", { name: "API keys of Key Co" }).waitFor();
    expect(await page.getByRole("checkbox").count()).toBe(5);

    // No scope ticked: said next to the scopes, nothing sent.
    await page.getByLabel("Key name").fill("nightly export");
    await page.getByRole("button", { name: "Create key" }).click();
    await page.getByText("Choose at least one scope.").waitFor();

    await page.getByRole("checkbox", { name: /^prompts:read/ }).check();
    const nextYear = `${new Date().getFullYear() + 1}-06-30`;
    await page.getByLabel("Expires after").fill(nextYear);
    await page.getByRole("button", { name: "Create key" }).click();
    const secret = await page.getByLabel("Secret key").inputValue();
    expect(secret).toMatch(/^pf_/);
    await page.getByRole("button", { name: "Copy key" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    const row = page.getByTestId("project-keys").locator("tbody tr");
    await expect.poll(() => row.count()).toBe(1);
    const cells = await row.first().locator("td").allInnerTexts();
    expect(cells[0]).toBe("nightly export");
    expect(cells[1]).toMatch(/^pf_.+…$/);
    expect(secret.startsWith((cells[1] ?? "").slice(0, -1))).toBe(true);
    expect(cells.slice(2, 5)).toEqual(["prompts:read", owner.username, "never"]);
    expect(cells[5]).toContain(String(new Date().getFullYear() + 1));
    await shoot(page, "project-api-keys");

    // The key reads the project and nothing more.
    const read = await apiCall(h, "GET", `/api/v1/projects/${slug}/prompts`, {
      headers: { "x-api-key": secret },
    });
    expect(read.status).toBe(200);
    const write = await apiCall(h, "POST", `/api/v1/projects/${slug}/prompts`, {
      headers: { "x-api-key": secret },
      body: { title: "By key", content: "A prompt written with a read-only key." },
    });
    expect(write.status).toBe(403);

    // Shown once: after a reload the secret is nowhere on the page.
    await page.reload();
    await expect.poll(() => row.count()).toBe(1);
    expect(await page.content()).not.toContain(secret);
    await expect.poll(() => row.first().locator("td").nth(4).textContent()).not.toBe("never");

    await page.getByRole("button", { name: "Revoke key nightly export" }).click();
    await page.getByRole("button", { name: "Revoke key", exact: true }).click();
    await page.getByText("No API keys yet.").waitFor();
    const revoked = await apiCall(h, "GET", `/api/v1/projects/${slug}/prompts`, {
      headers: { "x-api-key": secret },
    });
    expect(revoked.status).toBe(401);
    await context.close();
    expect(problems).toEqual([]);
  });

  it("fits the project pages on a 390 px phone", async () => {
    const owner = await createUser(h, "phone");
    const slug = `a-rather-long-project-slug-${Date.now().toString(36)}`;
    await apiCall(h, "POST", "/api/v1/projects", {
      token: owner.access_token,
      body: { name: "A project with a rather long name for a phone", slug },
    });
    await apiCall(h, "POST", `/api/v1/projects/${slug}/invitations`, {
      token: owner.access_token,
      body: { email: "someone.with.a.long.address@example.com", role: "editor" },
    });
    await apiCall(h, "POST", `/api/v1/projects/${slug}/api-keys`, {
      token: owner.access_token,
      body: { name: "a rather long key name for the nightly export", scopes: ["prompts:read", "admin"] },
    });
    const { context, page } = await newContext(h, problems);
    await signInPage(page, h, owner);
    await page.setViewportSize(PHONE);
    for (const path of [
      "/projects",
      `/projects/${slug}/members`,
      `/projects/${slug}/api-keys`,
      "/invitations/pfi_x",
    ]) {
      await page.goto(path);
      await page.locator("main h1").first().waitFor();
      await page.waitForLoadState("networkidle");
      expect({ path, problems: await overflowing(page) }).toEqual({ path, problems: [] });
    }
    await context.close();
    expect(problems).toEqual([]);
  });
});
