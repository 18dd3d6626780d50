// Single sign-on against a real OpenID provider on loopback (oidc-provider), through the real
// redirects: PromptForge listens on 127.0.0.1, the provider too, and a cookie-keeping HTTP client walks
// the browser's path between them. On SQLite and PostgreSQL.
import { createServer as createHttpServer } from "node:http";
import { createServer, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccountKey } from "../helpers/accounts.js";
import { buildTestApp, DB_TARGETS, databaseOf, type TestApp } from "../helpers/app.js";
import { type Hop, HttpBrowser } from "../helpers/http-browser.js";
import { metricValue } from "../helpers/metrics.js";
import { type LoopbackProvider, startLoopbackProvider } from "../helpers/oidc-provider.js";
import { freePort } from "../helpers/server-process.js";
import { createTestUser } from "../helpers/users.js";

const SECRET = "canary-oidc-client-secret-7d41f0";
const CALLBACK = "/api/v1/auth/oidc/callback";

interface Harness {
  t: TestApp;
  provider: LoopbackProvider;
  base: string;
  logLines: string[];
  /** Milliseconds added to PromptForge's clock (to let a sign-in expire). */
  shift: { ms: number };
}

async function startHarness(
  target: (typeof DB_TARGETS)[number],
  env: Record<string, string> = {},
): Promise<Harness> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const provider = await startLoopbackProvider({ redirectUri: `${base}${CALLBACK}`, clientSecret: SECRET });
  const logLines: string[] = [];
  const shift = { ms: 0 };
  const t = await buildTestApp({
    target,
    logLines,
    clock: () => Date.now() + shift.ms,
    env: {
      LOG_LEVEL: "DEBUG",
      PUBLIC_URL: base,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: SECRET,
      OIDC_DISPLAY_NAME: "Loopback ID",
      OIDC_SCOPES: "openid email profile groups",
      OIDC_ALLOWED_DOMAINS: "example.com",
      OIDC_ROLE_MAP:
        "pf-admins=instance:admin,team-a=project:team-a:editor,team-a-leads=project:team-a:admin,ghosts=project:no-such-project:viewer",
      OIDC_TIMEOUT_SECONDS: "3",
      ...env,
    },
  });
  await t.app.listen({ port, host: "127.0.0.1" });
  return { t, provider, base, logLines, shift };
}

const isCallback = (u: URL) => u.pathname === CALLBACK;
const isWebApp = (u: URL) => u.pathname === "/signin";

/** The hand-off code in the web app URL the callback redirects to. */
function handoffCode(hop: Hop | undefined): string {
  expect(hop?.status).toBe(302);
  const to = new URL(hop?.location ?? "");
  expect(to.pathname).toBe("/signin");
  expect(to.search).toBe("");
  const code = new URLSearchParams(to.hash.slice(1)).get("sso_code");
  expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return code as string;
}

describe.each(DB_TARGETS)("single sign-on against a loopback OpenID provider (%s)", (target) => {
  let h: Harness;
  const seen: string[] = [];

  beforeAll(async () => {
    h = await startHarness(target);
    h.provider.accounts.set("sub-ada", {
      email: "Ada@Example.com",
      email_verified: true,
      name: "Ada Lovelace",
      preferred_username: "ada.lovelace",
      groups: ["staff"],
    });
    h.provider.accounts.set("sub-grace", {
      email: "grace@example.com",
      email_verified: true,
      name: "Grace Hopper",
      groups: ["pf-admins"],
    });
    h.provider.accounts.set("sub-mallory", { email: "mallory@evil.test", email_verified: true, groups: [] });
    h.provider.accounts.set("sub-unverified", { email: "eve@example.com", email_verified: false });
    h.provider.accounts.set("sub-no-email", { name: "Nobody", groups: ["pf-admins"] });
    h.provider.accounts.set("sub-twin", { email: "twin@example.com", email_verified: true });
    h.provider.accounts.set("sub-linked", { email: "lin@example.com", email_verified: true });
    h.provider.accounts.set("sub-dev", {
      email: "dev@example.com",
      email_verified: true,
      preferred_username: "dev",
      groups: ["team-a", "ghosts"],
    });
  });
  afterAll(async () => {
    await h?.t.close();
    await h?.provider.stop();
  });

  /** The hand-off cookie each code was issued with, as the browser that finished the sign-in keeps it. */
  const bindings = new Map<string, string>();

  async function record(hops: Hop[]): Promise<Hop[]> {
    for (const hop of hops) {
      seen.push(hop.url, hop.location ?? "", hop.body);
      const code = hop.location
        ? new URLSearchParams(new URL(hop.location).hash.slice(1)).get("sso_code")
        : null;
      const cookie = hop.setCookies.find((c) => c.startsWith("pf_sso_handoff="));
      if (code && cookie) bindings.set(code, cookie.split(";")[0]!.slice("pf_sso_handoff=".length));
    }
    return hops;
  }

  /** Walks the browser from PromptForge's login to the callback's redirect (or refusal). */
  async function signIn(subject: string, browser = new HttpBrowser()): Promise<Hop[]> {
    h.provider.signInAs(subject);
    return record(await browser.follow(`${h.base}/api/v1/auth/oidc/login?next=%2Fprompts`, isWebApp));
  }

  async function api(
    path: string,
    init: { method?: string; body?: unknown; token?: string; cookie?: string } = {},
  ) {
    const res = await fetch(`${h.base}/api/v1${path}`, {
      method: init.method ?? "GET",
      headers: {
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.cookie ? { cookie: init.cookie } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    seen.push(text);
    return { status: res.status, json: text ? JSON.parse(text) : null, headers: res.headers };
  }

  async function session(code: string) {
    const binding = bindings.get(code);
    expect(binding).toBeDefined();
    const res = await api("/auth/oidc/session", {
      method: "POST",
      body: { code },
      cookie: `pf_sso_handoff=${binding}`,
    });
    expect(res.status).toBe(200);
    return res.json as { access_token: string; refresh_token: string };
  }

  it("tells the web app that single sign-on is there, and under which name", async () => {
    const res = await api("/auth/methods");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      password_login: true,
      sso: { name: "Loopback ID", login_url: "/api/v1/auth/oidc/login" },
    });
  });

  it("provisions a new user on first sign-in and finds the same user the next time", async () => {
    const before = await metricValue(h.t.app, "sso_logins_total", { result: "success" });
    const hops = await signIn("sub-ada");
    // PromptForge → provider → interactions → provider → PromptForge's callback → web app.
    const start = hops[0];
    expect(start?.status).toBe(302);
    const authorize = new URL(start?.location ?? "");
    expect(authorize.origin).toBe(h.provider.issuer);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${h.base}${CALLBACK}`);
    expect(authorize.searchParams.get("state")).toBeTruthy();
    expect(authorize.searchParams.get("nonce")).toBeTruthy();
    expect(hops.some((x) => new URL(x.url).pathname === CALLBACK)).toBe(true);

    const last = hops.at(-1);
    const code = handoffCode(last);
    expect(new URLSearchParams(new URL(last?.location ?? "").hash.slice(1)).get("next")).toBe("/prompts");
    const pair = await session(code);
    const me = await api("/auth/me", { token: pair.access_token });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({
      username: "ada-lovelace",
      email: "ada@example.com",
      full_name: "Ada Lovelace",
      role: "user",
    });
    // The refresh token is a real one of a password sign-in's kind.
    const refreshed = await api("/auth/refresh", {
      method: "POST",
      body: { refresh_token: pair.refresh_token },
    });
    expect(refreshed.status).toBe(200);

    // A code works once.
    const again = await api("/auth/oidc/session", { method: "POST", body: { code } });
    expect(again.status).toBe(400);
    expect(again.json.error.code).toBe("sso_code_invalid");

    const second = await signIn("sub-ada");
    const me2 = await api("/auth/me", { token: (await session(handoffCode(second.at(-1)))).access_token });
    expect(me2.json.id).toBe(me.json.id);
    const db = databaseOf(h.t.app);
    const identities = await db
      .selectFrom("user_identities")
      .selectAll()
      .where("user_id", "=", me.json.id)
      .execute();
    expect(identities).toHaveLength(1);
    expect(identities[0]).toMatchObject({ issuer: h.provider.issuer, subject: "sub-ada" });
    expect(await metricValue(h.t.app, "sso_logins_total", { result: "success" })).toBe(before + 2);
  });

  it("makes one account when the same new person finishes two sign-ins at once", async () => {
    const callbacks: { browser: HttpBrowser; url: string }[] = [];
    for (let i = 0; i < 2; i++) {
      const browser = new HttpBrowser();
      h.provider.signInAs("sub-twin");
      const hops = await record(await browser.follow(`${h.base}/api/v1/auth/oidc/login`, isCallback));
      callbacks.push({ browser, url: hops.at(-1)?.location ?? "" });
    }
    const answers = await record(await Promise.all(callbacks.map((c) => c.browser.visit(c.url))));
    const ids = new Set<string>();
    for (const answer of answers) {
      const pair = await session(handoffCode(answer));
      ids.add((await api("/auth/me", { token: pair.access_token })).json.id);
    }
    expect(ids.size).toBe(1);
    const db = databaseOf(h.t.app);
    expect(
      await db.selectFrom("users").select("id").where("email", "=", "twin@example.com").execute(),
    ).toHaveLength(1);
  });

  it("links an existing password account by its verified e-mail address", async () => {
    const reg = await api("/auth/register", {
      method: "POST",
      body: { username: "lin", email: "lin@example.com", password: "a long enough passphrase 42" },
    });
    expect(reg.status).toBe(201);
    const hops = await signIn("sub-linked");
    const pair = await session(handoffCode(hops.at(-1)));
    const me = await api("/auth/me", { token: pair.access_token });
    expect(me.json.id).toBe(reg.json.id);
    expect(me.json.username).toBe("lin");
    // The address was never verified by PromptForge: whoever registered it loses the password and the
    // sessions they had, so typing someone's address at registration is no way into their account.
    const login = await api("/auth/login", {
      method: "POST",
      body: { username: "lin", password: "a long enough passphrase 42" },
    });
    expect(login.status).toBe(401);
  });

  it("redeems a hand-off code only in the browser that finished the sign-in", async () => {
    const code = handoffCode((await signIn("sub-ada")).at(-1));
    // someone else's code, sent to another browser (no hand-off cookie, or another one): refused, unspent
    for (const cookie of [
      undefined,
      `pf_sso_handoff=${bindings.get(handoffCode((await signIn("sub-grace")).at(-1)))}`,
    ]) {
      const res = await api("/auth/oidc/session", {
        method: "POST",
        body: { code },
        ...(cookie ? { cookie } : {}),
      });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("sso_code_invalid");
    }
    const pair = await session(code);
    expect((await api("/auth/me", { token: pair.access_token })).status).toBe(200);
  });

  it("refuses an e-mail domain outside OIDC_ALLOWED_DOMAINS with a page, creating nobody", async () => {
    const before = await metricValue(h.t.app, "sso_logins_total", { result: "refused" });
    const hops = await signIn("sub-mallory");
    const last = hops.at(-1);
    expect(new URL(last?.url ?? "").pathname).toBe(CALLBACK);
    expect(last?.status).toBe(403);
    expect(last?.contentType).toMatch(/^text\/html/);
    expect(last?.body).toContain("Accounts of evil.test may not sign in");
    expect(last?.body).toContain("sso_domain_not_allowed");
    const db = databaseOf(h.t.app);
    expect(
      await db.selectFrom("users").select("id").where("email", "=", "mallory@evil.test").execute(),
    ).toEqual([]);
    expect(await metricValue(h.t.app, "sso_logins_total", { result: "refused" })).toBe(before + 1);
  });

  it("refuses an address the provider has not verified", async () => {
    const hops = await signIn("sub-unverified");
    expect(hops.at(-1)?.status).toBe(403);
    expect(hops.at(-1)?.body).toContain("sso_email_unverified");
  });

  it("refuses a sign-in without an e-mail address, whatever the groups", async () => {
    const hops = await signIn("sub-no-email");
    expect(hops.at(-1)?.status).toBe(403);
    expect(hops.at(-1)?.body).toContain("sso_email_missing");
    expect(hops.at(-1)?.body).toContain("Loopback ID sent no usable e-mail address");
  });

  it("makes a member of the mapped group an instance admin, and takes it back when the group is gone", async () => {
    const pair = await session(handoffCode((await signIn("sub-grace")).at(-1)));
    const me = await api("/auth/me", { token: pair.access_token });
    expect(me.json.role).toBe("admin");
    expect(me.json.username).toBe("grace");

    h.provider.accounts.set("sub-grace", {
      email: "grace@example.com",
      email_verified: true,
      groups: ["staff"],
    });
    const later = await session(handoffCode((await signIn("sub-grace")).at(-1)));
    const me2 = await api("/auth/me", { token: later.access_token });
    expect(me2.json).toMatchObject({ id: me.json.id, role: "user" });
  });

  it("gives the project role a group maps to, raises it with a higher group, and never takes it away", async () => {
    const owner = await createTestUser(h.t.app, { username: "team_owner" });
    const made = await api("/projects", {
      method: "POST",
      body: { name: "Team A", slug: "team-a" },
      token: owner.token,
    });
    expect(made.status).toBe(201);
    const roleOf = async (username: string) => {
      const list = await api("/projects/team-a/members", { token: owner.token });
      expect(list.status).toBe(200);
      return (list.json.items as { username: string; role: string }[]).find((m) => m.username === username)
        ?.role;
    };

    const pair = await session(handoffCode((await signIn("sub-dev")).at(-1)));
    expect(await roleOf("dev")).toBe("editor");
    // The new account has its personal project too, and now sees the shared one.
    const mine = await api("/projects", { token: pair.access_token });
    const slugs = (mine.json.items as { slug: string; role: string }[]).map((p) => `${p.slug}:${p.role}`);
    expect(slugs).toEqual(expect.arrayContaining(["~dev:owner", "team-a:editor"]));
    // A mapped project that does not exist is skipped, and said so in the log.
    expect(h.logLines.some((l) => l.includes("OIDC_ROLE_MAP names a project that does not exist"))).toBe(
      true,
    );

    h.provider.accounts.set("sub-dev", {
      email: "dev@example.com",
      email_verified: true,
      groups: ["team-a-leads", "team-a"],
    });
    await session(handoffCode((await signIn("sub-dev")).at(-1)));
    expect(await roleOf("dev")).toBe("admin");

    h.provider.accounts.set("sub-dev", {
      email: "dev@example.com",
      email_verified: true,
      groups: ["team-a"],
    });
    await session(handoffCode((await signIn("sub-dev")).at(-1)));
    expect(await roleOf("dev")).toBe("admin");
    h.provider.accounts.set("sub-dev", { email: "dev@example.com", email_verified: true, groups: [] });
    await session(handoffCode((await signIn("sub-dev")).at(-1)));
    expect(await roleOf("dev")).toBe("admin");
  });

  it("refuses a callback whose state was tampered with", async () => {
    const before = await metricValue(h.t.app, "sso_logins_total", { result: "invalid_flow" });
    const browser = new HttpBrowser();
    h.provider.signInAs("sub-ada");
    const hops = await record(await browser.follow(`${h.base}/api/v1/auth/oidc/login`, isCallback));
    const callback = new URL(hops.at(-1)?.location ?? "");
    callback.searchParams.set("state", `${callback.searchParams.get("state")}x`);
    const res = await browser.visit(callback.href);
    seen.push(res.body);
    expect(res.status).toBe(400);
    expect(res.body).toContain("sso_invalid_state");
    expect(await metricValue(h.t.app, "sso_logins_total", { result: "invalid_flow" })).toBe(before + 1);
  });

  it("refuses an ID token whose nonce is not the one this sign-in sent", async () => {
    const browser = new HttpBrowser();
    h.provider.signInAs("sub-ada");
    const start = await browser.visit(`${h.base}/api/v1/auth/oidc/login`);
    const authorize = new URL(start.location ?? "");
    authorize.searchParams.set("nonce", "a-nonce-the-attacker-chose");
    const hops = await record(await browser.follow(authorize.href, isWebApp));
    const last = hops.at(-1);
    expect(new URL(last?.url ?? "").pathname).toBe(CALLBACK);
    expect(last?.status).toBe(400);
    expect(last?.body).toContain("sso_invalid_nonce");
  });

  it("refuses a sign-in that took longer than OIDC_FLOW_TTL, and a callback replayed", async () => {
    const browser = new HttpBrowser();
    h.provider.signInAs("sub-ada");
    const hops = await record(await browser.follow(`${h.base}/api/v1/auth/oidc/login`, isCallback));
    const callback = hops.at(-1)?.location ?? "";
    const cookie = new Map(browser.cookies("127.0.0.1"));
    h.shift.ms = 11 * 60_000;
    try {
      const late = await browser.visit(callback);
      expect(late.status).toBe(400);
      expect(late.body).toContain("sso_flow_expired");
    } finally {
      h.shift.ms = 0;
    }
    // The same answer again, even with the cookie put back: the sign-in is gone.
    for (const [k, v] of cookie) browser.cookies("127.0.0.1").set(k, v);
    const replay = await browser.visit(callback, { accept: "application/json" });
    expect(replay.status).toBe(400);
    expect(JSON.parse(replay.body).error.code).toBe("sso_flow_expired");
  });

  it("forgets sign-ins abandoned at the provider once they expire", async () => {
    const db = databaseOf(h.t.app);
    const count = async () =>
      Number(
        (
          await db
            .selectFrom("sso_flows")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    // Three people open the provider's page and never come back.
    for (let i = 0; i < 3; i++) await new HttpBrowser().visit(`${h.base}/api/v1/auth/oidc/login`);
    expect(await count()).toBeGreaterThanOrEqual(3);
    h.shift.ms = 11 * 60_000;
    try {
      await new HttpBrowser().visit(`${h.base}/api/v1/auth/oidc/login`);
      expect(await count()).toBe(1);
    } finally {
      h.shift.ms = 0;
    }
  });

  it("refuses a callback in a browser that did not start the sign-in", async () => {
    h.provider.signInAs("sub-ada");
    const hops = await record(await new HttpBrowser().follow(`${h.base}/api/v1/auth/oidc/login`, isCallback));
    const res = await new HttpBrowser().visit(hops.at(-1)?.location ?? "");
    expect(res.status).toBe(400);
    expect(res.body).toContain("sso_flow_missing");
  });

  it("says so when the person declines at the provider", async () => {
    h.provider.decline(true);
    try {
      const hops = await signIn("sub-ada");
      expect(hops.at(-1)?.status).toBe(403);
      expect(hops.at(-1)?.body).toContain("Loopback ID did not sign you in (access_denied)");
    } finally {
      h.provider.decline(false);
    }
  });

  it("records sign-ins, accounts made, role changes and every refusal in the audit log", async () => {
    const admin = await createTestUser(h.t.app, { role: "admin" });
    const entries = async (path: string, action: string) => {
      const res = await api(`${path}?action=${action}&limit=200`, { token: admin.token });
      expect(res.status).toBe(200);
      return res.json.items as {
        actor: { type: string; id: string | null };
        target: { type: string; id: string | null };
        summary: Record<string, unknown>;
      }[];
    };
    const logins = await entries("/admin/audit", "auth.sso_login");
    expect(logins.length).toBeGreaterThanOrEqual(5);
    expect(logins.every((e) => e.actor.type === "user" && e.target.id === e.actor.id)).toBe(true);
    expect(new Set(logins.map((e) => e.summary.account))).toEqual(
      new Set(["created", "returning", "linked"]),
    );

    const refusals = await entries("/admin/audit", "auth.sso_login_failed");
    expect(refusals.every((e) => e.actor.type === "anonymous" && e.summary.method === "oidc")).toBe(true);
    expect(new Set(refusals.map((e) => e.summary.reason))).toEqual(
      new Set([
        "sso_domain_not_allowed",
        "sso_email_unverified",
        "sso_email_missing",
        "sso_invalid_state",
        "sso_invalid_nonce",
        "sso_flow_expired",
        "sso_flow_missing",
        "sso_denied",
      ]),
    );

    const made = await entries("/admin/audit", "user.register");
    expect(made.filter((e) => e.summary.method === "oidc").map((e) => e.summary.username)).toEqual(
      expect.arrayContaining(["ada-lovelace", "grace", "dev"]),
    );
    const roles = await entries("/admin/audit", "user.role_change");
    expect(roles.map((e) => [e.actor.id, e.summary.from, e.summary.to])).toEqual(
      expect.arrayContaining([
        ["sso", "user", "admin"],
        ["sso", "admin", "user"],
      ]),
    );
    // Project memberships the provider gave, in the project's own chain, by the actor "sso".
    const projectAudit = await databaseOf(h.t.app)
      .selectFrom("audit_events")
      .innerJoin("projects", "projects.id", "audit_events.project_id")
      .select([
        "audit_events.action",
        "audit_events.actor_type",
        "audit_events.actor_id",
        "audit_events.summary",
      ])
      .where("projects.slug", "=", "team-a")
      .where("audit_events.actor_id", "=", "sso")
      .execute();
    expect(
      projectAudit.map((e) => [e.action, JSON.parse(e.summary).role ?? JSON.parse(e.summary).to]),
    ).toEqual([
      ["member.add", "editor"],
      ["member.role_change", "admin"],
    ]);
    const verify = await api("/admin/audit/verify", { token: admin.token });
    expect(verify.json.ok).toBe(true);
  });

  it("never shows the client secret in a log line, a response or /metrics", async () => {
    expect(h.provider.tokenRequests).toBeGreaterThan(0);
    const metrics = await fetch(`${h.base}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/^sso_logins_total\{result="success"\} [1-9]/m);
    for (const text of [...h.logLines, ...seen, metrics]) expect(text).not.toContain(SECRET);
    expect(h.logLines.length).toBeGreaterThan(10);
  });
});

describe.each(DB_TARGETS)("single sign-on when the provider is down (%s)", (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(target);
    h.provider.accounts.set("sub-ada", { email: "ada@example.com", email_verified: true });
  });
  afterAll(async () => {
    await h?.t.close();
    await h?.provider.stop();
  });

  it("answers the callback with a 503 page, not a 500, when the provider stops during the sign-in", async () => {
    const before = await metricValue(h.t.app, "sso_logins_total", { result: "provider_unavailable" });
    const browser = new HttpBrowser();
    h.provider.signInAs("sub-ada");
    const hops = await browser.follow(`${h.base}/api/v1/auth/oidc/login`, isCallback);
    await h.provider.stop();
    const res = await browser.visit(hops.at(-1)?.location ?? "");
    expect(res.status).toBe(503);
    expect(res.contentType).toMatch(/^text\/html/);
    expect(res.body).toContain("The sign-in provider is not available");
    expect(res.body).toContain("Loopback ID is not answering right now");
    expect(res.body).toContain("sso_provider_unavailable");
    expect(await metricValue(h.t.app, "sso_logins_total", { result: "provider_unavailable" })).toBe(
      before + 1,
    );
  });

  it("answers a start with 503 in the JSON error shape to an API client, and a page to a browser", async () => {
    // A second app whose discovery never succeeded: the provider is already gone.
    const other = await buildTestApp({
      target,
      env: {
        PUBLIC_URL: h.base,
        OIDC_ISSUER: h.provider.issuer,
        OIDC_CLIENT_ID: h.provider.clientId,
        OIDC_CLIENT_SECRET: SECRET,
        OIDC_DISPLAY_NAME: "Loopback ID",
      },
    });
    try {
      const json = await other.app.inject({
        url: "/api/v1/auth/oidc/login",
        headers: { accept: "application/json" },
      });
      expect(json.statusCode).toBe(503);
      expect(json.json()).toEqual({
        error: {
          code: "sso_provider_unavailable",
          message:
            "Loopback ID is not answering right now, so single sign-on cannot continue; try again in a few minutes",
        },
        request_id: expect.any(String),
      });
      const page = await other.app.inject({
        url: "/api/v1/auth/oidc/login",
        headers: { accept: "text/html" },
      });
      expect(page.statusCode).toBe(503);
      expect(page.headers["retry-after"]).toBe("30");
      expect(page.body).toContain("<h1>The sign-in provider is not available</h1>");
      expect(page.headers["set-cookie"]).toBeUndefined();
      // The sign-in page still learns that single sign-on exists.
      expect((await other.app.inject({ url: "/api/v1/auth/methods" })).json().sso.name).toBe("Loopback ID");
      expect(await metricValue(other.app, "sso_logins_total", { result: "provider_unavailable" })).toBe(2);
    } finally {
      await other.close();
    }
  });
});

describe.each(DB_TARGETS)("single sign-on for a provider without email_verified (%s)", (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(target, { OIDC_REQUIRE_VERIFIED_EMAIL: "false", OIDC_ALLOWED_DOMAINS: "" });
    // As Entra ID sends it: an address, no email_verified, groups as object ids.
    h.provider.accounts.set("sub-entra", {
      email: "Sam@Contoso.example",
      name: "Sam",
      groups: ["7f3c2a10-5b8e-4d2a-9c61-0e4b8a7d1f22"],
    });
  });
  afterAll(async () => {
    await h?.t.close();
    await h?.provider.stop();
  });

  it("accepts the address as given with OIDC_REQUIRE_VERIFIED_EMAIL=false, from any domain when none is listed", async () => {
    h.provider.signInAs("sub-entra");
    const browser = new HttpBrowser();
    const hops = await browser.follow(`${h.base}/api/v1/auth/oidc/login`, isWebApp);
    const code = handoffCode(hops.at(-1));
    const handoff = browser.cookies("127.0.0.1").get("pf_sso_handoff")?.value;
    const res = await h.t.app.inject({
      method: "POST",
      url: "/api/v1/auth/oidc/session",
      payload: { code },
      headers: { cookie: `pf_sso_handoff=${handoff}` },
    });
    expect(res.statusCode).toBe(200);
    const me = await h.t.app.inject({
      url: "/api/v1/auth/me",
      headers: { authorization: `Bearer ${res.json().access_token}` },
    });
    expect(me.json()).toMatchObject({ username: "sam", email: "sam@contoso.example", role: "user" });
  });
});

describe("single sign-on when the provider hangs or fails", () => {
  it("answers 503 after OIDC_TIMEOUT_SECONDS when the provider accepts connections but never answers", async () => {
    // Accepts each connection and says nothing.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => {
      sockets.push(socket);
    });
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const issuer = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    const t = await buildTestApp({
      env: {
        PUBLIC_URL: "http://127.0.0.1:9",
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_ID: "pf",
        OIDC_TIMEOUT_SECONDS: "1",
      },
    });
    try {
      const started = Date.now();
      const res = await t.app.inject({
        url: "/api/v1/auth/oidc/login",
        headers: { accept: "application/json" },
      });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe("sso_provider_unavailable");
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await t.close();
      silent.close();
      for (const s of sockets) s.destroy();
    }
  });

  it("answers 503 when the provider's discovery answers 500, and 502 when it names another issuer", async () => {
    const answers: { status: number; body: unknown }[] = [];
    const server = createHttpServer((_req, res) => {
      const a = answers.shift() ?? { status: 500, body: {} };
      res.writeHead(a.status, { "content-type": "application/json" }).end(JSON.stringify(a.body));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const t = await buildTestApp({
      env: { PUBLIC_URL: "http://127.0.0.1:9", OIDC_ISSUER: issuer, OIDC_CLIENT_ID: "pf" },
    });
    try {
      answers.push({ status: 500, body: { error: "server_error" } });
      const down = await t.app.inject({
        url: "/api/v1/auth/oidc/login",
        headers: { accept: "application/json" },
      });
      expect(down.statusCode).toBe(503);
      expect(down.json().error.code).toBe("sso_provider_unavailable");
      // A failed discovery is tried again: the next attempt reads a document naming someone else.
      answers.push({
        status: 200,
        body: { issuer: "https://someone-else.example", authorization_endpoint: `${issuer}/auth` },
      });
      const wrong = await t.app.inject({ url: "/api/v1/auth/oidc/login", headers: { accept: "text/html" } });
      expect(wrong.statusCode).toBe(502);
      expect(wrong.body).toContain("sso_provider_error");
      expect(await metricValue(t.app, "sso_logins_total", { result: "provider_error" })).toBe(1);
    } finally {
      await t.close();
      server.closeAllConnections();
      server.close();
    }
  });
});

describe.each(DB_TARGETS)("PASSWORD_LOGIN=false (%s)", (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({
      target,
      env: {
        PASSWORD_LOGIN: "false",
        PUBLIC_URL: "http://127.0.0.1:9",
        OIDC_ISSUER: "http://127.0.0.1:9",
        OIDC_CLIENT_ID: "promptforge",
      },
    });
  });
  afterAll(async () => t?.close());

  it("refuses registration and password sign-in with 403 password_login_disabled; API keys keep working", async () => {
    const reg = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/register",
      payload: { username: "newbie", email: "newbie@example.com", password: "a long enough passphrase 42" },
    });
    expect(reg.statusCode).toBe(403);
    expect(reg.json().error.code).toBe("password_login_disabled");
    expect(reg.json().error.message).toMatch(/single sign-on/);

    const user = await createTestUser(t.app, { username: "keeper" });
    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: "keeper", password: "whatever it is 123" },
    });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe("password_login_disabled");

    const key = await createAccountKey(t.app, user.auth, "ci");
    const me = await t.app.inject({ url: "/api/v1/auth/me", headers: { "x-api-key": key } });
    expect(me.statusCode).toBe(200);
    expect(me.json().username).toBe("keeper");

    expect((await t.app.inject({ url: "/api/v1/auth/methods" })).json()).toEqual({
      password_login: false,
      sso: { name: "single sign-on", login_url: "/api/v1/auth/oidc/login" },
    });
  });
});
