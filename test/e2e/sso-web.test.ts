// Single sign-on in real Chromium: the sign-in page offers "Sign in with <provider>" when the server
// has one, the button walks the real redirects through the loopback OpenID provider and back, and the
// web app turns the one-time code into its session; with PASSWORD_LOGIN=false the password form and
// the sign-up form are gone.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../helpers/app.js";
import { type LoopbackProvider, startLoopbackProvider } from "../helpers/oidc-provider.js";
import { freePort } from "../helpers/server-process.js";
import { missing } from "../helpers/tools.js";
import { buildWebApp, CHROMIUM, launchChromium, shoot } from "./browser.js";

const noBrowser = missing(CHROMIUM);
const CALLBACK = "/api/v1/auth/oidc/callback";

interface Site {
  app: TestApp;
  base: string;
  provider: LoopbackProvider;
}

async function startSite(env: Record<string, string> = {}): Promise<Site> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const provider = await startLoopbackProvider({
    redirectUri: `${base}${CALLBACK}`,
    clientSecret: "web-test-secret",
  });
  provider.accounts.set("sub-kim", {
    email: "kim@example.com",
    email_verified: true,
    name: "Kim Park",
    preferred_username: "kim",
  });
  provider.signInAs("sub-kim");
  const app = await buildTestApp({
    env: {
      SERVE_WEB: "true",
      PUBLIC_URL: base,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: "web-test-secret",
      OIDC_DISPLAY_NAME: "Loopback ID",
      ...env,
    },
  });
  await app.app.listen({ port, host: "127.0.0.1" });
  return { app, base, provider };
}

let browser: Browser;
let site: Site;
let ssoOnly: Site;
const problems: string[] = [];

beforeAll(async () => {
  if (noBrowser) return;
  await buildWebApp();
  site = await startSite();
  ssoOnly = await startSite({ PASSWORD_LOGIN: "false" });
  browser = await launchChromium();
}, 120_000);

beforeEach((ctx) => {
  if (noBrowser) ctx.skip();
  problems.length = 0;
});

afterAll(async () => {
  await browser?.close();
  for (const s of [site, ssoOnly]) {
    await s?.app.close();
    await s?.provider.stop();
  }
});

async function page(base: string) {
  const context = await browser.newContext({ baseURL: base });
  context.setDefaultTimeout(8000);
  const p = await context.newPage();
  p.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return { context, page: p };
}

describe("single sign-on in the web app", () => {
  it("signs a new user in with the provider's button and returns to where they were", async () => {
    const { context, page: p } = await page(site.base);
    await p.goto(`${site.base}/signin?next=%2Ftemplates`);
    const button = p.getByRole("link", { name: "Sign in with Loopback ID" });
    await button.waitFor();
    await expect(p.getByLabel("Password").count()).resolves.toBe(1);
    await shoot(p, "signin-sso");
    await button.click();
    await p.waitForURL(`${site.base}/templates`);
    // The one-time code never stays in the address bar.
    expect(new URL(p.url()).hash).toBe("");
    await p.getByText("kim", { exact: false }).first().waitFor();
    const stored = await p.evaluate(() => JSON.parse(localStorage.getItem("pf:session") ?? "null"));
    expect(stored?.refresh_token).toMatch(/^pfr_/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows only single sign-on when password sign-in is off", async () => {
    const { context, page: p } = await page(ssoOnly.base);
    await p.goto(`${ssoOnly.base}/signin`);
    await p.getByRole("link", { name: "Sign in with Loopback ID" }).waitFor();
    expect(await p.getByLabel("Password").count()).toBe(0);
    expect(await p.getByRole("link", { name: "Create an account" }).count()).toBe(0);
    await p.goto(`${ssoOnly.base}/signup`);
    await p.getByText("Accounts on this server are made by signing in with Loopback ID").waitFor();
    expect(await p.getByLabel("Password").count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
