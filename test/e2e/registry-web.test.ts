// The prompt registry in real Chromium against the real service. A promotion from request to approval:
// an editor sees the labels on a prompt's versions timeline (latest, production with its protected
// badge), tries to move the protected production label and is led to a promotion request instead; the
// request page shows the diff, both versions' scores side by side and the gate, with no approve button
// for the requester. An admin opens it from the prompt page, approves it with a comment, the page shows
// the decision, the label moves (the API agrees) and the timeline shows production at the new version.
// Then: an unprotected label moved and removed from the timeline; the folder tree of the prompt list;
// the chat editor with roles, typed variables and a config refused in the browser by the published
// schema; the registry settings (whose gate then blocks a promotion) and the webhooks page (secret
// shown once, events, send test, delivery log, pause, delete).
// Screenshots at desktop and phone widths; no page may be wider than a phone.
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
  type TestUser,
} from "./browser.js";

let h: Harness;
// Webhook targets on loopback are refused by default (SSRF); the receiver of this test is one.
const problems = setUpBrowserSuite(
  (harness) => {
    h = harness;
  },
  { WEBHOOK_ALLOW_PRIVATE_TARGETS: "true" },
);

interface Shared {
  slug: string;
  owner: TestUser;
  editor: TestUser;
}

/** A project owned by `owner` with `editor` joined as an editor, through the API. */
async function sharedProject(tag: string): Promise<Shared> {
  const owner = await createUser(h, "owner");
  const editor = await createUser(h, "editor");
  const slug = `${tag}-${Date.now().toString(36)}`;
  const made = await apiCall(h, "POST", "/api/v1/projects", {
    token: owner.access_token,
    body: { name: `Registry ${tag}`, slug },
  });
  expect(made.status).toBe(201);
  const invite = await apiCall<{ token: string }>(h, "POST", `/api/v1/projects/${slug}/invitations`, {
    token: owner.access_token,
    body: { email: `${editor.username}@example.com`, role: "editor" },
  });
  expect(invite.status).toBe(201);
  const accepted = await apiCall(h, "POST", `/api/v1/invitations/${invite.body.token}/accept`, {
    token: editor.access_token,
  });
  expect(accepted.status).toBe(200);
  return { slug, owner, editor };
}

async function createPrompt(
  slug: string,
  user: TestUser,
  body: Record<string, unknown>,
): Promise<{ id: string; version: number }> {
  const res = await apiCall<{ id: string; version: number }>(h, "POST", `/api/v1/projects/${slug}/prompts`, {
    token: user.access_token,
    body,
  });
  if (res.status !== 201) throw new Error(`create prompt: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Elements that stick out of a phone-wide page, by name (see teams-web.test.ts). */
async function tooWide(page: Page): Promise<string[]> {
  await page.setViewportSize(PHONE);
  const out = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width)
      found.push(`page is ${document.documentElement.scrollWidth} px wide`);
    // Visually hidden parts (a stacked table's header) are clipped on purpose.
    const clipped = (el: Element) => {
      for (let a: Element | null = el; a; a = a.parentElement)
        if (getComputedStyle(a).clip !== "auto") return true;
      return false;
    };
    for (const el of document.querySelectorAll("main *")) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 0.5 && !clipped(el))
        found.push(`${el.tagName.toLowerCase()}.${String(el.className)} ends at ${Math.round(r.right)} px`);
    }
    return found;
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  return out;
}

describe("registry in Chromium", () => {
  it("takes a promotion from an editor's request to an admin's approval, and the label moves", async () => {
    const { slug, owner, editor } = await sharedProject("promo");
    const v1 = "Summarise the support ticket for the on-call engineer in three bullet points.";
    const v2 =
      "Summarise the support ticket for the on-call engineer in three bullet points.\nEnd with the customer's plan and the ticket's priority.";
    const prompt = await createPrompt(slug, editor, {
      title: "Ticket summary",
      name: "support/ticket-summary",
      content: v1,
    });
    const put = await apiCall(h, "PATCH", `/api/v1/projects/${slug}/prompts/${prompt.id}`, {
      token: editor.access_token,
      body: { content: v2, change_note: "Ask for the plan and priority" },
      headers: { "if-match": '"1"' },
    });
    expect(put.status).toBe(200);
    // production already points to version 1, through an approved promotion (the only way in).
    const first = await apiCall<{ id: string }>(
      h,
      "POST",
      `/api/v1/projects/${slug}/prompts/${prompt.id}/promotions`,
      {
        token: editor.access_token,
        body: { label: "production", version: 1 },
      },
    );
    expect(first.status).toBe(201);
    const firstOk = await apiCall(h, "POST", `/api/v1/projects/${slug}/promotions/${first.body.id}/approve`, {
      token: owner.access_token,
      body: {},
    });
    expect(firstOk.status).toBe(200);

    // The editor sees the labels on the timeline: latest at 2, production (protected) at 1.
    const { context, page } = await newContext(h, problems);
    await signInPage(page, h, editor);
    await page.goto(`/prompts/${prompt.id}?project=${slug}`);
    await page.getByTestId("prompt-title").filter({ hasText: "Ticket summary" }).waitFor();
    const timeline = page.getByTestId("timeline");
    await timeline.locator('li[data-version="1"] [data-label="production"]').waitFor();
    expect(await timeline.locator('li[data-version="1"] [data-label="production"]').textContent()).toContain(
      "protected",
    );
    expect(await timeline.locator('li[data-version="2"]').getByText("latest", { exact: true }).count()).toBe(
      1,
    );
    await page.getByTestId("labels").getByTestId("protected-badge").waitFor();

    // Moving production is a promotion request, not a move.
    const labels = page.getByTestId("labels");
    await labels.getByLabel("Label", { exact: true }).fill("production");
    await labels.getByLabel("To version").selectOption("2");
    await labels.getByRole("button", { name: "Request promotion…" }).click();
    const dialog = page.getByRole("dialog", { name: "Request promotion of “production”" });
    await dialog.getByLabel("Note for the reviewer").fill("Adds plan and priority for on-call.");
    await dialog.getByRole("button", { name: "Request promotion" }).click();
    await page.getByRole("heading", { name: "Promote “production” to version 2" }).waitFor();
    const promotionPath = new URL(page.url()).pathname;
    expect(promotionPath).toMatch(new RegExp(`^/projects/${slug}/promotions/[0-9a-f-]+$`));
    expect(await page.getByTestId("promotion-status").textContent()).toBe("pending");
    expect(await page.getByTestId("promotion-note").textContent()).toBe(
      "Adds plan and priority for on-call.",
    );
    // The diff against version 1, both versions' scores side by side.
    await expect
      .poll(() => page.getByTestId("diff").locator('[data-op="add"]').allInnerTexts())
      .toEqual([expect.stringContaining("End with the customer's plan and the ticket's priority.")]);
    const overall = await page.getByTestId("scores").locator('tr[data-score="overall"] td').allInnerTexts();
    expect(overall).toHaveLength(3);
    expect(overall[0]).toMatch(/^\d+$/);
    expect(overall[1]).toMatch(/^\d+$/);
    // The requester may not approve their own request: no buttons, a word on who may.
    expect(await page.getByRole("button", { name: "Approve" }).count()).toBe(0);
    expect(await page.getByTestId("awaiting").textContent()).toContain("other than you");
    await shoot(page, "promotion-requested");

    // The admin finds it from the prompt page and approves it with a comment.
    const admin = await newContext(h, problems);
    const adminPage = admin.page;
    await signInPage(adminPage, h, owner);
    await adminPage.goto(`/prompts/${prompt.id}?project=${slug}`);
    await adminPage
      .getByTestId("open-promotions")
      .getByRole("link", { name: "“production” → version 2" })
      .click();
    await adminPage.getByRole("heading", { name: "Promote “production” to version 2" }).waitFor();
    expect(new URL(adminPage.url()).pathname).toBe(promotionPath);
    await adminPage.getByLabel("Comment").fill("Looks good; ship it.");
    await adminPage.getByRole("button", { name: "Approve" }).click();
    await expect.poll(() => adminPage.getByTestId("promotion-status").textContent()).toBe("approved");
    expect(await adminPage.getByTestId("decision").textContent()).toContain(`Approved by ${owner.username}`);
    expect(await adminPage.getByTestId("decision-comment").textContent()).toBe("“Looks good; ship it.”");
    expect(await adminPage.getByRole("button", { name: "Approve" }).count()).toBe(0);
    await shoot(adminPage, "promotion-approved");
    expect(await tooWide(adminPage)).toEqual([]);

    // The label moved: the API says so, and the timeline shows production at version 2.
    const after = await apiCall<{ items: { label: string; version: number | null }[] }>(
      h,
      "GET",
      `/api/v1/projects/${slug}/prompts/${prompt.id}/labels`,
      { token: owner.access_token },
    );
    expect(after.body.items.find((l) => l.label === "production")?.version).toBe(2);
    await adminPage.goto(`/prompts/${prompt.id}?project=${slug}`);
    await adminPage
      .getByTestId("timeline")
      .locator('li[data-version="2"] [data-label="production"]')
      .waitFor();
    expect(await adminPage.getByTestId("timeline").locator('li[data-version="1"] [data-label]').count()).toBe(
      0,
    );
    await adminPage.getByText("Label history").click();
    expect(await adminPage.getByTestId("label-history").textContent()).toContain("production v1 → v2");
    await shoot(adminPage, "prompt-labels");

    // The editor's request page, reloaded, shows the decision too.
    await page.reload();
    await expect.poll(() => page.getByTestId("promotion-status").textContent()).toBe("approved");
    await context.close();
    await admin.context.close();
    expect(problems).toEqual([]);
  });

  it("moves and removes an unprotected label from the timeline", async () => {
    const { slug, editor } = await sharedProject("labels");
    const prompt = await createPrompt(slug, editor, {
      title: "Greeting",
      content: "Greet the new customer by name and offer help with their first order.",
    });
    const { context, page } = await newContext(h, problems);
    await signInPage(page, h, editor);
    await page.goto(`/prompts/${prompt.id}?project=${slug}`);
    const labels = page.getByTestId("labels");
    await labels.getByLabel("Label", { exact: true }).fill("staging");
    await labels.getByRole("button", { name: "Move label", exact: true }).click();
    await labels.getByText("“staging” now points to version 1.").waitFor();
    await page.getByTestId("timeline").locator('li[data-version="1"] [data-label="staging"]').waitFor();
    // `latest` is refused as a name before anything is sent.
    await labels.getByLabel("Label", { exact: true }).fill("latest");
    await labels.getByText("“latest” always means the newest version").waitFor();
    expect(await labels.getByRole("button", { name: "Move label", exact: true }).isDisabled()).toBe(true);
    await labels.getByRole("button", { name: "Remove label staging" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove label" }).click();
    await labels.getByText("“staging” removed").waitFor();
    expect(await page.getByTestId("timeline").locator("[data-label=staging]").count()).toBe(0);
    await context.close();
    expect(problems).toEqual([]);
  });

  it("shows the folder tree of the prompt list and lists a folder and below", async () => {
    const { slug, editor } = await sharedProject("folders");
    for (const name of ["support/triage/classify", "support/triage/route", "support/reply", "sales/outreach"])
      await createPrompt(slug, editor, { title: name, name, content: `Do the ${name} step for the team.` });
    const { context, page } = await newContext(h, problems);
    await signInPage(page, h, editor);
    await page.goto(`/prompts?project=${slug}`);
    const tree = page.getByTestId("folder-tree");
    await tree.locator('[data-folder="support"]').waitFor();
    expect(await tree.locator('[data-folder="support"]').textContent()).toContain("(3)");
    await tree.locator('[data-folder="support"]').click();
    await tree.locator('[data-folder="support/triage"]').click();
    await page.getByRole("status").filter({ hasText: "2 prompts" }).waitFor();
    expect((await page.getByTestId("prompt-name").allInnerTexts()).sort()).toEqual([
      "support/triage/classify",
      "support/triage/route",
    ]);
    await shoot(page, "prompt-folders");
    await page.getByTestId("folder-trail").getByRole("button", { name: "all prompts" }).click();
    await page.getByRole("status").filter({ hasText: "4 prompts" }).waitFor();
    await context.close();
    expect(problems).toEqual([]);
  });

  it("edits a chat prompt with roles, typed variables and a config checked against the published schema", async () => {
    const { slug, editor } = await sharedProject("chat");
    const prompt = await createPrompt(slug, editor, {
      title: "Reply drafter",
      name: "support/reply-drafter",
      content: "Draft a reply to {{customer}} about their order.",
    });
    const { context, page } = await newContext(h, problems);
    await signInPage(page, h, editor);
    await page.goto(`/prompts/${prompt.id}?project=${slug}`);
    await page.getByLabel("Type", { exact: true }).selectOption("chat");
    await page.getByLabel("Message 1 text").fill("Draft a reply to {{customer}} in a {{tone}} tone.");
    await page.getByRole("button", { name: "Add system message" }).click();
    await page.getByLabel("Message 2 text").fill("You write short, friendly support replies.");
    // The system message goes first.
    await page.getByRole("button", { name: "Move message 2 up" }).click();
    expect(await page.getByLabel("Message 1 role").inputValue()).toBe("system");

    await page.getByRole("button", { name: "Add variable" }).click();
    await page.getByLabel("Variable 1 name").fill("customer");
    await page.getByRole("button", { name: "Add variable" }).click();
    await page.getByLabel("Variable 2 name").fill("tone");
    await page.getByLabel("Variable 2 type").selectOption("enum");
    await page.getByLabel("Variable 2 allowed values").fill("warm, formal");
    await page.getByLabel("Variable 2 default").fill("casual");
    await page.getByText("Must be one of the allowed values.").waitFor();
    await page.getByLabel("Variable 2 default").fill("warm");

    // The config is checked in the browser with the schema the server publishes.
    await page.getByLabel("Config (JSON)").fill('{"model": "m-1", "temperature": 5}');
    await page.getByText("temperature: Must be at most 2.").waitFor();
    const save = page.getByRole("button", { name: /^Save( as version \d+)?$/ });
    expect(await save.isDisabled()).toBe(true);
    await page.getByLabel("Config (JSON)").fill('{"model": "m-1", "temperature": 0.3}');
    await shoot(page, "prompt-chat-editor");
    await save.click();
    await expect.poll(() => page.getByTestId("prompt-version").textContent()).toBe("Version 2");

    const saved = await apiCall<{
      type: string;
      messages: { role: string; content: string }[];
      variables: { name: string; type: string; enum_values?: string[]; default?: unknown }[];
      config: Record<string, unknown>;
    }>(h, "GET", `/api/v1/projects/${slug}/prompts/${prompt.id}`, { token: editor.access_token });
    expect(saved.body.type).toBe("chat");
    expect(saved.body.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(saved.body.variables).toEqual([
      expect.objectContaining({ name: "customer", type: "string" }),
      expect.objectContaining({
        name: "tone",
        type: "enum",
        enum_values: ["warm", "formal"],
        default: "warm",
      }),
    ]);
    expect(saved.body.config).toEqual({ model: "m-1", temperature: 0.3 });
    await context.close();
    expect(problems).toEqual([]);
  });

  it("changes registry settings, whose gate then blocks a promotion; an editor only reads them", async () => {
    const { slug, owner, editor } = await sharedProject("settings");
    const { context, page } = await newContext(h, problems);
    await signInPage(page, h, owner);
    await page.goto(`/projects/${slug}/settings`);
    await page.getByLabel("Protected labels").fill("production, prod-eu");
    await page.getByLabel("Minimum overall score").fill("150");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("A score from 0 to 100").waitFor();
    await page.getByLabel("Minimum overall score").fill("99");
    await page.getByLabel(/Block a promotion that brings a new error/).check();
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Settings saved.").waitFor();
    const project = await apiCall<Record<string, unknown>>(h, "GET", `/api/v1/projects/${slug}`, {
      token: owner.access_token,
    });
    expect([...(project.body.protected_labels as string[])].sort()).toEqual(["prod-eu", "production"]);
    expect(project.body).toMatchObject({
      promotion_gate: { min_score: 99, block_new_errors: true },
      allow_self_approval: false,
    });
    await shoot(page, "project-settings");

    // The gate now blocks a promotion to a version scoring under 99; its page says why, with no decision.
    const gated = await createPrompt(slug, editor, {
      title: "Short one",
      content: "Write a haiku about the sea.",
    });
    const blocked = await apiCall<{ id: string; status: string }>(
      h,
      "POST",
      `/api/v1/projects/${slug}/prompts/${gated.id}/promotions`,
      { token: editor.access_token, body: { label: "production", version: 1 } },
    );
    expect(blocked.status).toBe(201);
    expect(blocked.body.status).toBe("blocked");
    await page.goto(`/projects/${slug}/promotions/${blocked.body.id}`);
    await expect.poll(() => page.getByTestId("promotion-status").textContent()).toBe("blocked");
    expect(await page.getByTestId("gate-verdict").textContent()).toBe("blocked");
    expect(await page.getByTestId("gate").locator('[data-check="min_score"]').textContent()).toMatch(
      /Overall score \d+, at least 99 required\./,
    );
    expect(await page.getByRole("button", { name: "Approve" }).count()).toBe(0);
    expect(await page.getByTestId("decision").textContent()).toContain("Blocked by the quality gate");
    await shoot(page, "promotion-blocked");
    expect(await tooWide(page)).toEqual([]);

    // An editor reads the settings but changes nothing, and has no webhooks page.
    const other = await newContext(h, problems);
    await signInPage(other.page, h, editor);
    await other.page.goto(`/projects/${slug}/settings`);
    await other.page.getByText("Only the project's owners and admins change these").waitFor();
    expect(await other.page.getByRole("button", { name: "Save settings" }).count()).toBe(0);
    await other.page.goto(`/projects/${slug}/webhooks`);
    await other.page.getByText("Only the project's owners and admins manage its webhooks").waitFor();
    await other.context.close();
    await context.close();
    expect(problems).toEqual([]);
  });

  it("adds a webhook (secret shown once), edits its events, sends a test, reads the delivery log, pauses and deletes it", async () => {
    const { slug, owner } = await sharedProject("hooks");
    const { context, page } = await newContext(h, problems);
    await signInPage(page, h, owner);
    // A receiver on loopback that answers 204.
    const { createServer } = await import("node:http");
    const received: string[] = [];
    const receiver = createServer((req, res) => {
      req.on("data", () => {});
      req.on("end", () => {
        received.push(String(req.headers["promptforge-signature"] ?? ""));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    const port = (receiver.address() as { port: number }).port;
    try {
      await page.goto(`/projects/${slug}/webhooks`);
      await page.getByLabel("Payload URL").fill(`http://127.0.0.1:${port}/hook`);
      await page.getByRole("checkbox", { name: /promotion\.requested/ }).uncheck();
      await page.getByRole("button", { name: "Add webhook" }).click();
      const secret = await page.getByLabel("Signing secret").inputValue();
      expect(secret.length).toBeGreaterThan(15);
      await shoot(page, "webhooks");
      await page.getByRole("button", { name: "I have saved it" }).click();
      // Shown once: not in the list, not after a reload.
      await page.reload();
      await page.getByTestId("webhooks").waitFor();
      expect(await page.content()).not.toContain(secret);
      const item = page.getByTestId("webhooks").locator("li").first();
      expect(await item.textContent()).not.toContain("promotion.requested");
      await item.getByRole("button", { name: "Edit events" }).click();
      await item.getByRole("checkbox", { name: /promotion\.requested/ }).check();
      await item.getByRole("button", { name: "Save events" }).click();
      await expect.poll(() => item.textContent()).toContain("promotion.requested");
      await item.getByRole("button", { name: "Send test" }).click();
      await page.getByText(/Test ping queued/).waitFor();
      const log = page.getByTestId("deliveries");
      await expect
        .poll(
          async () => {
            await log.getByRole("button", { name: "Refresh" }).click();
            return log.locator("tbody").textContent();
          },
          { timeout: 15_000 },
        )
        .toMatch(/ping[\s\S]*delivered[\s\S]*204/);
      expect(received[0]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      await shoot(page, "webhook-deliveries");
      expect(await tooWide(page)).toEqual([]);
      await item.getByRole("button", { name: "Pause" }).click();
      await item.getByText("paused", { exact: true }).waitFor();
      await item.getByRole("button", { name: "Resume" }).click();
      await expect.poll(() => item.getByText("paused", { exact: true }).count()).toBe(0);
      await item.getByRole("button", { name: /Delete webhook/ }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Delete webhook" }).click();
      await page.getByText("No webhooks yet.").waitFor();
    } finally {
      receiver.close();
    }

    await context.close();
    expect(problems).toEqual([]);
  });
});
