// End-to-end harness: builds the web app with Vite once, starts the real service (buildApp on a fresh
// SQLite database, SERVE_WEB on) on 127.0.0.1, and drives Debian's Chromium (or the one
// PROMPTFORGE_TEST_CHROMIUM names) through playwright-core — never a downloaded browser. Screenshots go
// to test-results/screenshots at desktop and phone widths.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { packageRoot } from "../../src/http/web-static.js";
import { buildTestApp, type TestApp } from "../helpers/app.js";
import { findChromium, missing } from "../helpers/tools.js";

/** Debian's Chromium, or PROMPTFORGE_TEST_CHROMIUM; its `path` is "" when missing (see missing()). */
export const CHROMIUM = findChromium();
export const ROOT = packageRoot();
export const SCREENSHOTS = join(ROOT, "test-results", "screenshots");
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** The production bundle, exactly as `npm run build` makes it. */
export async function buildWebApp(): Promise<void> {
  // Vitest sets NODE_ENV=test, which Vite would pass on to React (its slower development build).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: join(ROOT, "web", "vite.config.ts"), mode: "production", logLevel: "error" });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

export interface Harness {
  server: TestApp;
  base: string;
  browser: Browser;
  close: () => Promise<void>;
}

/** Headless Chromium without the background traffic (updates, sync, QUIC) a test has no use for. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM.path,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A browser test file's set-up, in one place: before its tests, builds the web app and starts the
 * harness (`env` as for startHarness) and hands it to `set`; before each test, empties the returned
 * problems list (what newContext collects); after them, closes the harness. Without Chromium every
 * test of the file is skipped.
 */
export function setUpBrowserSuite(set: (h: Harness) => void, env: Record<string, string> = {}): string[] {
  const noBrowser = missing(CHROMIUM);
  const problems: string[] = [];
  let harness: Harness | undefined;
  beforeAll(async () => {
    if (noBrowser) return;
    await buildWebApp();
    harness = await startHarness(env);
    set(harness);
  }, 120_000);
  beforeEach((ctx) => {
    if (noBrowser) ctx.skip();
    problems.length = 0;
  });
  afterAll(async () => {
    await harness?.close();
  });
  return problems;
}

/** Starts the service for a browser test; `env` adds settings (a feature's switch) to SERVE_WEB. */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const server = await buildTestApp({ env: { ...env, SERVE_WEB: "true" } });
  const address = await server.app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    server,
    base: address.replace("localhost", "127.0.0.1"),
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** A fresh browser profile (own localStorage) that fails the test on any page error or CSP violation. */
export async function newContext(
  h: Harness,
  problems: string[],
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext({ baseURL: h.base, viewport: DESKTOP, reducedMotion: "reduce" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: h.base });
  // Well under the test timeout, so a stuck step fails with its own call log.
  context.setDefaultTimeout(8000);
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of (401|404|409|422)/.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  return { context, page };
}

/** Full-page screenshots of the current page at 1280 px and 390 px wide. */
export async function shoot(page: Page, name: string): Promise<void> {
  const original = page.viewportSize() ?? DESKTOP;
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(original);
}

/** Calls the API from the test (not the browser) with an optional bearer token. */
export async function apiCall<T = unknown>(
  h: Harness,
  method: string,
  path: string,
  opts: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(`${h.base}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export interface TestUser {
  username: string;
  password: string;
  access_token: string;
  refresh_token: string;
}

let counter = 0;

/** Registers and signs in a user through the API. */
export async function createUser(h: Harness, prefix = "user"): Promise<TestUser> {
  counter += 1;
  const username = `${prefix}${counter}${Date.now().toString(36).slice(-4)}`;
  const password = "correct-horse-battery-staple-42";
  const reg = await apiCall(h, "POST", "/api/v1/auth/register", {
    body: { username, email: `${username}@example.com`, password },
  });
  if (reg.status !== 201) throw new Error(`register failed: ${reg.status} ${JSON.stringify(reg.body)}`);
  const login = await apiCall<{ access_token: string; refresh_token: string }>(
    h,
    "POST",
    "/api/v1/auth/login",
    {
      body: { username, password },
    },
  );
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  return { username, password, ...login.body };
}

/** Puts a signed-in session into the page's storage, as the app itself would after signing in. */
export async function signInPage(page: Page, h: Harness, user: TestUser): Promise<void> {
  await page.goto(`${h.base}/signin`);
  await page.evaluate((u) => {
    localStorage.setItem(
      "pf:session",
      JSON.stringify({
        access_token: u.access_token,
        refresh_token: u.refresh_token,
        expires_at: Date.now() + 600_000,
      }),
    );
  }, user);
}
