// The web app in real Chromium against the real service: sign up → analyse (highlights at the engine's
// spans) → enhance → save as a version → diff → restore; templates; API keys; an XSS payload shown as
// inert text; a session ending mid-edit without losing the draft; the analyse flow by keyboard alone.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import {
  apiCall,
  createUser,
  type Harness,
  newContext,
  PHONE,
  ROOT,
  setUpBrowserSuite,
  shoot,
  signInPage,
} from "./browser.js";

let h: Harness;
const problems = setUpBrowserSuite((harness) => {
  h = harness;
});

const VAGUE_PROMPT =
  "Write some stuff about our new product for social media. Make it good and mention various things people like.";

/** Character ranges covered by highlight marks, as [start, end) pairs merged where they touch. */
async function markedRanges(page: Page): Promise<{ ranges: [number, number][]; texts: string[] }> {
  return page.$$eval("[data-testid=highlight-mirror] mark", (marks) => {
    const texts = marks.map((m) => m.textContent ?? "");
    const raw = marks.map((m) => [Number(m.getAttribute("data-start")), Number(m.getAttribute("data-end"))]);
    const ranges: [number, number][] = [];
    for (const [s, e] of raw as [number, number][]) {
      const last = ranges[ranges.length - 1];
      if (last && last[1] === s) last[1] = e;
      else ranges.push([s, e]);
    }
    return { ranges, texts };
  });
}

function expectedRanges(text: string): [number, number][] {
  const covered = new Array<boolean>(text.length).fill(false);
  for (const f of analyze(text).findings)
    for (const s of f.spans) for (let i = s.start; i < s.end; i++) covered[i] = true;
  const out: [number, number][] = [];
  for (let i = 0; i < text.length; i++) {
    if (!covered[i]) continue;
    const last = out[out.length - 1];
    if (last && last[1] === i) last[1] = i + 1;
    else out.push([i, i + 1]);
  }
  return out;
}

describe("PromptForge web app in Chromium", () => {
  it("signs up, analyses with highlights at the right words, enhances, saves a version, diffs and restores", async () => {
    const { context, page } = await newContext(h, problems);
    await page.goto("/signup");
    await shoot(page, "signup");
    // Mistakes are explained in words, one message per field, next to the field.
    await page.getByLabel("Username").fill("a");
    await page.getByLabel("E-mail").fill("not-an-email");
    await page.getByLabel("Password").fill("a sturdy passphrase 2024");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect
      .poll(() => page.locator(".field-error").allTextContents())
      .toEqual([
        "Must be 3–32 characters long, using only letters, digits, _ and -.",
        "Must be an e-mail address such as name@example.com.",
      ]);
    const username = `writer${Date.now().toString(36)}`;
    await page.getByLabel("Username").fill(username);
    await page.getByLabel("E-mail").fill(`${username}@example.com`);
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    // The weak password is explained next to the password field.
    await expect
      .poll(() => page.locator(".field-error").allTextContents())
      .toEqual([expect.stringMatching(/at least 10 characters/)]);
    await page.getByLabel("Password").fill("a sturdy passphrase 2024");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("button", { name: /Sign out/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/");

    // Analyse: highlights are drawn exactly over the spans the engine reports.
    await page.getByLabel("Prompt text").fill(VAGUE_PROMPT);
    await page.locator("[data-testid=highlight-mirror] mark").first().waitFor();
    const { ranges, texts } = await markedRanges(page);
    expect(ranges).toEqual(expectedRanges(VAGUE_PROMPT));
    expect(texts.map((t) => t.toLowerCase())).toEqual(expect.arrayContaining(["stuff"]));
    const marks = await page.$$eval("[data-testid=highlight-mirror] mark", (ms) =>
      ms.map((m) => [
        m.textContent,
        Number(m.getAttribute("data-start")),
        Number(m.getAttribute("data-end")),
      ]),
    );
    for (const [t, s, e] of marks as [string, number, number][]) expect(t).toBe(VAGUE_PROMPT.slice(s, e));

    // Pointing at a highlight shows its message and suggestion.
    const stuff = page.locator("[data-testid=highlight-mirror] mark", { hasText: "stuff" }).first();
    const box = await stuff.boundingBox();
    if (!box) throw new Error("highlight has no box");
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByTestId("highlight-tooltip").waitFor();
    expect(await page.getByTestId("highlight-tooltip").textContent()).toMatch(/\S/);
    await page.mouse.move(5, 5);
    await expect.poll(() => page.getByTestId("overall-score").textContent()).toMatch(/\d+\s*\/ 100/);
    await shoot(page, "analyser");

    await page.getByLabel("Title").fill("Launch post");
    await page.getByRole("button", { name: "Save as a new prompt" }).click();
    await page.getByTestId("prompt-version").filter({ hasText: "Version 1" }).waitFor();
    const promptUrl = page.url();
    // Saved versions come back scored by the server.
    const scoreShown = () => page.getByTestId("prompt-score").textContent();
    expect(await scoreShown()).toMatch(
      new RegExp(`^${Math.round(analyze(VAGUE_PROMPT).scores.overall)} · \\w+`),
    );

    // Enhance with one strategy and keep the result as version 2.
    await page.getByRole("main").getByRole("link", { name: "Enhance", exact: true }).click();
    await page.getByRole("radio", { name: /Clarity/ }).check();
    await page.getByRole("button", { name: "Enhance", exact: true }).click();
    const card = page.locator("article[data-strategy=clarity]");
    await card.waitFor();
    expect(await card.getByTestId("before-after").textContent()).toMatch(/Score \d+ \(\w+\) → \d+ \(\w+\)/);
    const enhanced = (await card.getByTestId("fill-in-text").textContent()) ?? "";
    if (enhanced.includes("[fill in:")) expect(await card.locator("mark.fill-in").count()).toBeGreaterThan(0);
    await card.getByRole("tab", { name: "Changes (diff)" }).click();
    expect(await card.locator("[data-op=add]").count()).toBeGreaterThan(0);
    await shoot(page, "enhance");
    await card.getByRole("button", { name: "Save as version 2" }).click();
    await page.getByTestId("prompt-version").filter({ hasText: "Version 2" }).waitFor();
    expect(page.url()).toBe(promptUrl);
    const savedText = await page.getByLabel("Prompt text").inputValue();
    expect(await scoreShown()).toMatch(
      new RegExp(`^${Math.round(analyze(savedText).scores.overall)} · \\w+`),
    );

    // Diff version 1 → 2, then restore version 1 as version 3.
    await page.getByLabel("From", { exact: true }).selectOption("1");
    await page.getByLabel("To", { exact: true }).selectOption("2");
    await page.getByRole("button", { name: "Show differences" }).click();
    await page.getByTestId("diff").waitFor();
    // The diff's old side is version 1 and its new side version 2, line for line.
    const version2 = await page.getByLabel("Prompt text").inputValue();
    const diffRows = await page.$$eval("[data-testid=diff] [data-op]", (rows) =>
      rows.map((r) => ({ op: r.getAttribute("data-op"), text: r.querySelector(".txt")?.textContent ?? "" })),
    );
    const side = (skip: string) =>
      diffRows.filter((r) => r.op !== skip).map((r) => (r.text === " " ? "" : r.text));
    expect(side("add")).toEqual(VAGUE_PROMPT.split("\n"));
    expect(side("remove")).toEqual(version2.split("\n"));
    expect(diffRows.some((r) => r.op === "add")).toBe(true);
    await page.getByTestId("score-chart").waitFor();
    await shoot(page, "prompt");
    await page.getByRole("button", { name: "Restore version 1" }).click();
    await page.getByTestId("prompt-version").filter({ hasText: "Version 3" }).waitFor();
    expect(await page.getByLabel("Prompt text").inputValue()).toBe(VAGUE_PROMPT);

    await page.getByRole("link", { name: "Prompts", exact: true }).click();
    await page.getByTestId("prompt-list").getByText("Launch post").waitFor();
    await shoot(page, "prompts");

    // Core Web Vitals reach /metrics when the page is left.
    await page.goto("about:blank");
    await expect
      .poll(
        async () =>
          (await fetch(`${h.base}/metrics`).then((r) => r.text())).match(
            /web_vitals_seconds_count\{[^}]*\}/g,
          ),
        {
          timeout: 5000,
        },
      )
      .toBeTruthy();
    await context.close();
    expect(problems).toEqual([]);
  });

  it("enhances with every strategy and with all three, signed out in the browser and signed in on the server", async () => {
    const { context, page } = await newContext(h, problems);
    const user = await createUser(h, "enh");
    const cases: [RegExp, string[]][] = [
      [/^Clarity/, ["clarity"]],
      [/^Specificity/, ["specificity"]],
      [/^Comprehensive/, ["comprehensive"]],
      [/^All three/, ["clarity", "specificity", "comprehensive"]],
    ];
    const shownStrategies = () =>
      page.$$eval("article[data-strategy]", (cards) => cards.map((c) => c.getAttribute("data-strategy")));
    const storedEnhancements = async () =>
      (
        await h.server.db.kysely
          .selectFrom("analyses")
          .innerJoin("users", "users.id", "analyses.user_id")
          .select("analyses.id")
          .where("users.username", "=", user.username)
          .execute()
      ).length;

    for (const signedIn of [false, true]) {
      if (signedIn) await signInPage(page, h, user);
      await page.goto("/enhance");
      await page.getByLabel("Prompt text").fill(VAGUE_PROMPT);
      for (const [name, strategies] of cases) {
        const before = await storedEnhancements();
        await page.getByRole("radio", { name }).check();
        await page.getByRole("button", { name: "Enhance", exact: true }).click();
        await expect.poll(shownStrategies).toEqual(strategies);
        for (const s of strategies) {
          const card = page.locator(`article[data-strategy=${s}]`);
          expect(await card.getByTestId("before-after").textContent()).toMatch(/Score \d+ \(\w+\) → \d+/);
          expect((await card.getByTestId("fill-in-text").textContent())?.trim()).not.toBe("");
        }
        // Signed in, the server answered (and recorded it); signed out, the browser did, with no note.
        expect(await storedEnhancements()).toBe(signedIn ? before + 1 : before);
        expect(await page.locator("[data-testid=enhance-results] > .notice").count()).toBe(0);
      }
    }
    await shoot(page, "enhance-all");
    await context.close();
    expect(problems).toEqual([]);
  });

  it("keeps a diff's text column wide enough to read on a 390 px phone", async () => {
    const { context, page } = await newContext(h, problems);
    const user = await createUser(h, "narrow");
    const created = await apiCall<{ id: string }>(h, "POST", "/api/v1/prompts", {
      token: user.access_token,
      body: { title: "Narrow", content: "Summarise the week.\nKeep it short." },
    });
    const patched = await apiCall(h, "PATCH", `/api/v1/prompts/${created.body.id}`, {
      token: user.access_token,
      body: { content: "Summarise the week for the board.\nKeep it short.\nEnd with one risk." },
      headers: { "if-match": '"1"' },
    });
    expect(patched.status).toBe(200);
    await signInPage(page, h, user);
    await page.setViewportSize({ width: 390, height: 844 });
    const textColumn = async () => {
      const diff = page.getByTestId("diff").first();
      await diff.waitFor();
      return diff.evaluate((el) => {
        const widths = [...el.querySelectorAll("td.txt")].map((td) => td.getBoundingClientRect().width);
        return { min: Math.min(...widths), table: el.getBoundingClientRect().width };
      });
    };

    await page.goto(`/prompts/${created.body.id}`);
    await page.getByLabel("From", { exact: true }).selectOption("1");
    await page.getByLabel("To", { exact: true }).selectOption("2");
    await page.getByRole("button", { name: "Show differences" }).click();
    const onPrompt = await textColumn();
    expect(onPrompt.min).toBeGreaterThan(onPrompt.table * 0.6);
    await shoot(page, "prompt-diff");

    await page.getByRole("main").getByRole("link", { name: "Enhance", exact: true }).click();
    await page.getByRole("radio", { name: /^Clarity/ }).check();
    await page.getByRole("button", { name: "Enhance", exact: true }).click();
    const card = page.locator("article[data-strategy=clarity]");
    await card.getByRole("tab", { name: "Changes (diff)" }).click();
    const onEnhance = await textColumn();
    expect(onEnhance.min).toBeGreaterThan(onEnhance.table * 0.6);
    await context.close();
    expect(problems).toEqual([]);
  });

  it("shows no score for an empty analyser, and counts in the singular when there is one", async () => {
    const { context, page } = await newContext(h, problems);
    await page.goto("/");
    const editor = page.getByLabel("Prompt text");
    const scoreless = async () => {
      expect(await page.getByTestId("overall-score").count()).toBe(0);
      expect(await page.getByTestId("findings").count()).toBe(0);
      const shown = (await page.locator("main").textContent()) ?? "";
      expect(shown).not.toMatch(/\/\s*100|Poor|Structure/);
      expect(await page.getByTestId("no-score").textContent()).toMatch(/write|paste/i);
    };
    await scoreless();
    await shoot(page, "analyser-empty");
    await editor.fill("Write a haiku.");
    await expect.poll(() => page.getByTestId("counts").textContent()).toMatch(/(?<!\d)3 words/);
    expect(await page.getByTestId("overall-score").count()).toBe(1);
    expect(await page.getByTestId("counts").textContent()).toMatch(/(?<!\d)1 sentence(?!s)/);
    // Blank space is as empty as nothing.
    await editor.fill("   \n ");
    await expect.poll(() => page.getByTestId("overall-score").count()).toBe(0);
    await scoreless();
    await context.close();
    expect(problems).toEqual([]);
  });

  it("fits every page on a 390 px phone: nothing clipped, no select text cut", async () => {
    const { context, page } = await newContext(h, problems);
    const user = await createUser(h, "phone");
    const prompt = await apiCall<{ id: string }>(h, "POST", "/api/v1/prompts", {
      token: user.access_token,
      body: {
        title: "Quarterly summary",
        content: "Summarise the quarter for the board.",
        category: "marketing",
      },
    });
    const template = await apiCall<{ id: string }>(h, "POST", "/api/v1/templates", {
      token: user.access_token,
      body: {
        name: "Support reply",
        category: "marketing",
        content: "Reply to {{customer_name}} about {{issue_summary}} in a {{tone}} tone.",
        variables: [
          { name: "customer_name", description: "Full name as written in the ticket", required: true },
          { name: "issue_summary", description: "One sentence on what went wrong", required: true },
          { name: "tone", description: "How the reply should sound", default: "friendly", required: false },
        ],
      },
    });
    expect(template.status).toBe(201);
    await apiCall(h, "POST", "/api/v1/auth/api-keys", {
      token: user.access_token,
      body: { name: "a rather long key name for the nightly export" },
    });
    await page.setViewportSize({ width: 390, height: 844 });

    /** Everything in main that sticks out of the page or out of the box that clips it, by name. */
    const overflowing = () =>
      page.evaluate(() => {
        const out: string[] = [];
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth > width)
          out.push(`page is ${document.documentElement.scrollWidth} px wide`);
        const describe = (el: Element) =>
          `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(" ").join(".")}` : ""} "${(el.textContent ?? "").trim().slice(0, 30)}"`;
        // Visually hidden (clipped to nothing) for screen readers only: not on screen to be cut.
        const hidden = (el: Element) => {
          for (let a: Element | null = el; a; a = a.parentElement)
            if (getComputedStyle(a).clip !== "auto") return true;
          return false;
        };
        for (const el of document.querySelectorAll("main *")) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0 || hidden(el)) continue;
          if (r.right > width + 0.5) out.push(`${describe(el)} ends at ${Math.round(r.right)} px`);
          // Inside a box that hides or scrolls its overflow, the element must still be in view.
          let box = el.parentElement;
          while (box && box.tagName !== "MAIN") {
            const o = getComputedStyle(box);
            if (o.overflowX !== "visible" && !box.matches(".diff, .editor, .editor-mirror, textarea")) {
              const b = box.getBoundingClientRect();
              if (r.right > b.right + 0.5) out.push(`${describe(el)} is cut off by ${describe(box)}`);
              break;
            }
            box = box.parentElement;
          }
        }
        // A select's chosen text must fit between its padding and its arrow.
        const ruler = document.createElement("span");
        ruler.style.cssText = "position:absolute;visibility:hidden;white-space:nowrap";
        document.body.append(ruler);
        for (const sel of document.querySelectorAll<HTMLSelectElement>("main select")) {
          const cs = getComputedStyle(sel);
          ruler.style.font = cs.font;
          ruler.textContent = sel.selectedOptions[0]?.textContent ?? "";
          const room =
            sel.clientWidth - Number.parseFloat(cs.paddingLeft) - Number.parseFloat(cs.paddingRight) - 16;
          if (ruler.getBoundingClientRect().width > room) out.push(`select shows "${ruler.textContent}" cut`);
        }
        ruler.remove();
        return [...new Set(out)];
      });

    for (const path of ["/signup", "/signin", "/"]) {
      await page.goto(path);
      await page.locator("main h1").first().waitFor();
      expect({ path, problems: await overflowing() }).toEqual({ path, problems: [] });
    }
    await signInPage(page, h, user);
    await page.setViewportSize({ width: 390, height: 844 });
    const pages = [
      "/",
      "/enhance",
      "/prompts",
      `/prompts/${prompt.body.id}`,
      "/templates",
      `/templates/${template.body.id}`,
      `/templates/${template.body.id}/use`,
      `/templates/${template.body.id}/edit`,
      "/templates/new",
      "/account",
    ];
    for (const path of pages) {
      await page.goto(path);
      await page.locator("main h1").first().waitFor();
      await page.waitForLoadState("networkidle");
      expect({ path, problems: await overflowing() }).toEqual({ path, problems: [] });
    }
    await page.goto(`/templates/${template.body.id}`);
    await page.locator("main h1").first().waitFor();
    await shoot(page, "template-variables");
    await page.goto("/account");
    await page.getByTestId("api-keys").waitFor();
    await shoot(page, "account-keys");
    await context.close();
    expect(problems).toEqual([]);
  });

  it("highlights Sign up on the sign-up page, and says plainly when a prompt does not exist", async () => {
    const { context, page } = await newContext(h, problems);
    await page.goto("/signup?next=%2Fprompts");
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Sign up" }).waitFor();
    expect(await nav.getByRole("link", { name: "Sign up" }).getAttribute("aria-current")).toBe("page");
    expect(await nav.getByRole("link", { name: "Sign in" }).getAttribute("aria-current")).toBeNull();
    expect(await nav.getByRole("link", { name: "Sign in" }).getAttribute("href")).toBe(
      "/signin?next=%2Fprompts",
    );
    await nav.getByRole("link", { name: "Sign in" }).click();
    expect(await nav.getByRole("link", { name: "Sign in" }).getAttribute("aria-current")).toBe("page");
    expect(await nav.getByRole("link", { name: "Sign up" }).getAttribute("aria-current")).toBeNull();

    const user = await createUser(h, "missing");
    await signInPage(page, h, user);
    await page.goto("/prompts/0190f0f0-0000-7000-8000-000000000000");
    await page.getByRole("heading", { name: "Prompt not found" }).waitFor();
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).not.toMatch(/Could not complete/);
    await page.getByRole("link", { name: "Back to my prompts" }).waitFor();
    await shoot(page, "prompt-missing");
    await context.close();
    expect(problems).toEqual([]);
  });

  it("shows a highlight's explanation without covering the line below it", async () => {
    const { context, page } = await newContext(h, problems);
    await page.goto("/");
    await page
      .getByLabel("Prompt text")
      .fill("Write some stuff about our product.\nMake it good and mention various things.\nKeep it short.");
    const stuff = page.locator("[data-testid=highlight-mirror] mark", { hasText: "stuff" }).first();
    await stuff.waitFor();
    const mark = await stuff.boundingBox();
    if (!mark) throw new Error("highlight has no box");
    await page.mouse.move(mark.x + mark.width / 2, mark.y + mark.height / 2);
    const tip = await page.getByTestId("highlight-tooltip").boundingBox();
    if (!tip) throw new Error("tooltip has no box");
    // Clear of the hovered line and of the lines that follow it.
    const mirror = await page.getByTestId("highlight-mirror").boundingBox();
    if (!mirror) throw new Error("mirror has no box");
    const coversTextBelow = tip.y < mirror.y + mirror.height && tip.y + tip.height > mark.y;
    expect(coversTextBelow).toBe(false);
    await context.close();
    expect(problems).toEqual([]);
  });

  it("creates a template, uses it through its form and saves the result as a prompt", async () => {
    const { context, page } = await newContext(h, problems);
    const user = await createUser(h, "templ");
    await signInPage(page, h, user);
    await page.goto("/templates/new");
    await page.getByLabel("Name").fill("Polite e-mail");
    await page.getByLabel("Template text").fill("Write a {{tone}} e-mail to {{recipient}} about {{topic}}.");
    await expect
      .poll(() => page.getByTestId("placeholder-check").textContent())
      .toMatch(/Not declared: tone, recipient, topic/);
    await page.getByRole("button", { name: "Declare them" }).click();
    await expect
      .poll(() => page.getByTestId("placeholder-check").textContent())
      .toMatch(/Every placeholder is declared/);
    const rows = page.getByTestId("variable-row");
    await rows.nth(0).getByLabel("Default value").fill("friendly");
    await rows.nth(0).getByLabel("Required").uncheck();
    await shoot(page, "template-edit");
    await page.getByRole("button", { name: "Create template" }).click();
    await page.getByRole("heading", { name: "Polite e-mail" }).waitFor();
    await shoot(page, "template");

    await page.getByRole("link", { name: "Use", exact: true }).click();
    await page.getByLabel("recipient (required)").fill("the finance team");
    await page.getByLabel("topic (required)").fill("the Q3 budget");
    await expect
      .poll(() => page.getByTestId("template-preview").textContent())
      .toBe("Write a friendly e-mail to the finance team about the Q3 budget.");
    await shoot(page, "template-use");
    await page.getByLabel("Prompt title").fill("Budget e-mail");
    await page.getByRole("button", { name: "Save as a prompt" }).click();
    await page.getByTestId("prompt-title").filter({ hasText: "Budget e-mail" }).waitFor();
    expect(await page.getByLabel("Prompt text").inputValue()).toBe(
      "Write a friendly e-mail to the finance team about the Q3 budget.",
    );
    await page.goto("/templates");
    await page.getByTestId("template-list").getByText("Polite e-mail").waitFor();
    await shoot(page, "templates");
    await context.close();
    expect(problems).toEqual([]);
  });

  it("creates an API key, shows its secret once, and revokes it", async () => {
    const { context, page } = await newContext(h, problems);
    const user = await createUser(h, "keys");
    await signInPage(page, h, user);
    await page.goto("/account");
    await page.getByLabel("Key name").fill("nightly script");
    await page.getByRole("button", { name: "Create key" }).click();
    const secret = await page.getByLabel("Secret key").inputValue();
    expect(secret).toMatch(/^pf_/);
    expect((await apiCall(h, "GET", "/api/v1/auth/me", { headers: { "x-api-key": secret } })).status).toBe(
      200,
    );
    await page.getByTestId("stats").waitFor();
    await shoot(page, "account");

    await page.getByRole("button", { name: "I have saved it" }).click();
    expect(await page.getByLabel("Secret key").count()).toBe(0);
    await page.getByRole("button", { name: "Revoke key nightly script" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
    await expect.poll(() => page.getByText("No API keys.").count()).toBe(1);
    expect((await apiCall(h, "GET", "/api/v1/auth/me", { headers: { "x-api-key": secret } })).status).toBe(
      401,
    );

    // The same user made an administrator sees the status page with the detailed health view.
    await h.server.db.kysely
      .updateTable("users")
      .set({ role: "admin" })
      .where("username", "=", user.username)
      .execute();
    await page.goto("/status");
    await page.getByTestId("health").waitFor();
    expect(await page.getByTestId("health").textContent()).toMatch(/database/i);
    expect(await page.getByRole("link", { name: "Prometheus metrics" }).getAttribute("href")).toBe(
      "/metrics",
    );
    await shoot(page, "status");
    await context.close();
    expect(problems).toEqual([]);
  });

  it("shows a prompt carrying <script> and <img onerror> as inert text", async () => {
    const { context, page } = await newContext(h, problems);
    const user = await createUser(h, "xss");
    const payload = "<img src=x onerror=window.__xss=1> and <script>window.__xss=2</script>";
    const created = await apiCall<{ id: string }>(h, "POST", "/api/v1/prompts", {
      token: user.access_token,
      body: { title: `Title <img src=x onerror=window.__xss=3>`, content: payload, tags: ["<b>tag</b>"] },
    });
    expect(created.status).toBe(201);
    await signInPage(page, h, user);

    await page.goto("/prompts");
    await page.getByTestId("prompt-list").getByText("Title <img src=x onerror=window.__xss=3>").waitFor();
    await page.goto(`/prompts/${created.body.id}`);
    await page.getByTestId("prompt-title").waitFor();
    expect(await page.getByTestId("prompt-title").textContent()).toBe(
      "Title <img src=x onerror=window.__xss=3>",
    );
    expect(await page.getByLabel("Prompt text").inputValue()).toBe(payload);
    await page.getByRole("button", { name: "Show text" }).first().click();
    expect(await page.locator(".timeline .text-block").textContent()).toBe(payload);

    await page.goto("/");
    await page.getByLabel("Prompt text").fill(payload);
    await page.locator("[data-testid=highlight-mirror]").filter({ hasText: "<script>" }).waitFor();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator("main img, main script").count()).toBe(0);
    await shoot(page, "xss");
    await context.close();
    expect(problems).toEqual([]);
  });

  it("keeps the draft when the session ends while editing, and saves it after signing in again", async () => {
    const { context, page } = await newContext(h, problems);
    const user = await createUser(h, "draft");
    const created = await apiCall<{ id: string }>(h, "POST", "/api/v1/prompts", {
      token: user.access_token,
      body: { title: "Weekly report", content: "Summarise the week." },
    });
    await signInPage(page, h, user);
    await page.goto(`/prompts/${created.body.id}`);
    const editor = page.getByLabel("Prompt text");
    await editor.fill("Summarise the week for the board in five bullet points.");

    // An expired access token is refreshed silently: saving just works.
    await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem("pf:session") ?? "{}");
      localStorage.setItem("pf:session", JSON.stringify({ ...s, access_token: "expired.token.value" }));
    });
    await page.getByRole("button", { name: "Save as version 2" }).click();
    await page.getByTestId("prompt-version").filter({ hasText: "Version 2" }).waitFor();

    // Now the whole session ends (signed out elsewhere) while an edit is under way.
    await editor.fill("Summarise the week for the board in five bullet points, with one risk to watch.");
    const session = await page.evaluate(() => JSON.parse(localStorage.getItem("pf:session") ?? "{}"));
    expect(
      (await apiCall(h, "POST", "/api/v1/auth/logout", { body: { refresh_token: session.refresh_token } }))
        .status,
    ).toBe(204);
    await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem("pf:session") ?? "{}");
      localStorage.setItem("pf:session", JSON.stringify({ ...s, access_token: "expired.token.value" }));
    });
    await page.getByRole("button", { name: "Save as version 3" }).click();
    await page.getByText("Your session has ended", { exact: false }).first().waitFor();
    await shoot(page, "session-expired");

    // Reloading while signed out loses nothing either.
    await page.reload();
    await page.getByText("Your unsaved changes to this prompt are kept", { exact: false }).waitFor();
    await page.getByRole("link", { name: "Sign in", exact: true }).first().click();
    await page.getByLabel("Username or e-mail").fill(user.username);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("do not match", { exact: false }).waitFor();
    await shoot(page, "signin-error");
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Your unsaved changes from earlier were restored").waitFor();
    expect(await page.getByLabel("Prompt text").inputValue()).toBe(
      "Summarise the week for the board in five bullet points, with one risk to watch.",
    );
    await page.getByRole("button", { name: "Save as version 3" }).click();
    await page.getByTestId("prompt-version").filter({ hasText: "Version 3" }).waitFor();
    await context.close();
    expect(problems).toEqual([]);
  });

  it("completes the analyse flow with the keyboard alone", async () => {
    const { context, page } = await newContext(h, problems);
    await page.setViewportSize(PHONE);
    await page.goto("/");
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return {
          tag: el?.tagName ?? "",
          label: el?.getAttribute("aria-label") ?? el?.textContent?.trim() ?? "",
          outline: el ? getComputedStyle(el).outlineStyle : "",
          ringOnParent: el?.parentElement ? getComputedStyle(el.parentElement).outlineStyle : "",
        };
      });
    const tabTo = async (test: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 30) => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press("Tab");
        const f = await focused();
        if (test(f)) return f;
      }
      throw new Error("not reachable with Tab");
    };

    const ta = await tabTo((f) => f.tag === "TEXTAREA");
    expect(ta.ringOnParent).not.toBe("none");
    await page.keyboard.type("Write some stuff about our product. Make it good.");
    await page.locator("[data-testid=highlight-mirror] mark").first().waitFor();

    const show = await tabTo((f) => f.tag === "BUTTON" && f.label.startsWith("Show"));
    expect(show.outline).not.toBe("none");
    await page.keyboard.press("Enter");
    expect((await focused()).tag).toBe("TEXTAREA");
    await expect.poll(() => page.getByTestId("at-cursor").locator(".badge").count()).toBeGreaterThan(0);

    await tabTo((f) => f.tag === "SELECT");
    await page.keyboard.press("End");
    await expect.poll(() => page.getByLabel("Target model").inputValue()).toBe("generic");
    await page.keyboard.press("Home");
    await expect.poll(() => page.getByText("Advice for ChatGPT").count()).toBe(1);
    await shoot(page, "analyser-keyboard");
    await context.close();
    expect(problems).toEqual([]);
  });

  it("shows the next account none of the last one's prompts after signing out in the same tab", async () => {
    const { context, page } = await newContext(h, problems);
    const first = await createUser(h, "first");
    const second = await createUser(h, "second");
    await apiCall(h, "POST", "/api/v1/prompts", {
      token: first.access_token,
      body: { title: "First account's plan", content: "Plan the launch of the first product." },
    });
    await signInPage(page, h, first);
    await page.goto("/prompts");
    await page.getByTestId("prompt-list").getByText("First account's plan").waitFor();

    // Sign out and in again without reloading, so anything kept in memory would still be there.
    await page.getByRole("button", { name: /Sign out/ }).click();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" }).click();
    await page.getByLabel("Username or e-mail").fill(second.username);
    await page.getByLabel("Password").fill(second.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: /Sign out/ }).waitFor();
    // Watch the page from before the list is opened: the first account's prompt must never show.
    await page.evaluate(() => {
      const w = window as unknown as { sawFirst: boolean };
      w.sawFirst = false;
      new MutationObserver(() => {
        if (document.body.textContent?.includes("First account's plan")) w.sawFirst = true;
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await page.getByRole("link", { name: "Prompts", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "0 prompts" }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { sawFirst: boolean }).sawFirst)).toBe(false);
    await context.close();
    expect(problems).toEqual([]);
  });

  it("shows none of the last account's prompts when another tab signs out and in as someone else", async () => {
    const { context, page } = await newContext(h, problems);
    const first = await createUser(h, "tabone");
    const second = await createUser(h, "tabtwo");
    await apiCall(h, "POST", "/api/v1/prompts", {
      token: first.access_token,
      body: { title: "First tab's plan", content: "Plan the launch of the first product." },
    });
    await signInPage(page, h, first);
    await page.goto("/prompts");
    await page.getByTestId("prompt-list").getByText("First tab's plan").waitFor();

    // A second tab of the same browser signs out: this tab follows.
    const other = await context.newPage();
    await other.goto("/");
    await other.getByRole("button", { name: /Sign out/ }).click();
    await page.getByRole("heading", { name: "Sign in to see your prompts" }).waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { sawFirst: boolean };
      w.sawFirst = false;
      new MutationObserver(() => {
        if (document.body.textContent?.includes("First tab's plan")) w.sawFirst = true;
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    // …and signs in as someone else: this tab shows their (empty) list, never the first one's.
    await other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" }).click();
    await other.getByLabel("Username or e-mail").fill(second.username);
    await other.getByLabel("Password").fill(second.password);
    await other.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("status").filter({ hasText: "0 prompts" }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { sawFirst: boolean }).sawFirst)).toBe(false);
    await context.close();
    expect(problems).toEqual([]);
  });

  it("keeps the first page (HTML, script, preloaded chunks and styles) under 250 KB gzipped", () => {
    const dist = join(ROOT, "web", "dist");
    const html = readFileSync(join(dist, "index.html"), "utf8");
    const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map(
      (m) => m[1] as string,
    );
    expect(assets.some((a) => a.endsWith(".js"))).toBe(true);
    const bytes = [html, ...assets.map((a) => readFileSync(join(dist, a)))].reduce(
      (n, content) => n + gzipSync(content).length,
      0,
    );
    expect(bytes).toBeLessThan(250 * 1024);
  });
});
