// Single sign-ons in the instance audit log, against the real OpenID provider on loopback through the real
// redirects, on SQLite and PostgreSQL: a sign-in is `auth.sso_login` (with whether the account was created,
// linked or returning), a group that makes an instance admin is a `user.role_change` by the system, a refusal
// once a sign-in was under way is `auth.sso_login_failed` with its reason; a callback with no sign-in under
// way adds nothing; no client secret, state, code or token reaches a row.
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DB_TARGETS, databaseOf, type TestApp } from "../helpers/app.js";
import { type Hop, HttpBrowser } from "../helpers/http-browser.js";
import { type LoopbackProvider, startLoopbackProvider } from "../helpers/oidc-provider.js";

const SECRET = "canary-oidc-client-secret-audit-5e2a";
const CALLBACK = "/api/v1/auth/oidc/callback";

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe.each(DB_TARGETS)("single sign-on in the audit log (%s)", (target) => {
  let t: TestApp;
  let provider: LoopbackProvider;
  let base: string;
  const seen: string[] = [];

  const rows = () =>
    databaseOf(t.app)
      .selectFrom("audit_events")
      .selectAll()
      .where("chain", "=", "instance")
      .orderBy("seq")
      .execute();

  async function signIn(subject: string): Promise<Hop[]> {
    provider.signInAs(subject);
    const hops = await new HttpBrowser().follow(
      `${base}/api/v1/auth/oidc/login?next=%2F`,
      (u) => u.pathname === "/signin",
    );
    for (const hop of hops) seen.push(hop.url, hop.location ?? "", hop.body);
    return hops;
  }

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await startLoopbackProvider({ redirectUri: `${base}${CALLBACK}`, clientSecret: SECRET });
    t = await buildTestApp({
      target,
      env: {
        PUBLIC_URL: base,
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: SECRET,
        OIDC_SCOPES: "openid email profile groups",
        OIDC_ALLOWED_DOMAINS: "example.com",
        OIDC_ROLE_MAP: "pf-admins=instance:admin",
        OIDC_TIMEOUT_SECONDS: "3",
      },
    });
    await t.app.listen({ port, host: "127.0.0.1" });
    provider.accounts.set("sub-ada", { email: "ada@example.com", email_verified: true, groups: [] });
    provider.accounts.set("sub-grace", {
      email: "grace@example.com",
      email_verified: true,
      groups: ["pf-admins"],
    });
    provider.accounts.set("sub-mallory", { email: "mallory@evil.test", email_verified: true, groups: [] });
  });
  afterAll(async () => {
    await t?.close();
    await provider?.stop();
  });

  it("records a sign-in that made an account, and the next one that found it", async () => {
    expect((await signIn("sub-ada")).at(-1)?.status).toBe(302);
    expect((await signIn("sub-ada")).at(-1)?.status).toBe(302);
    const all = await rows();
    const logins = all.filter((r) => r.action === "auth.sso_login");
    expect(logins.map((r) => JSON.parse(r.summary))).toEqual([
      { account: "created", method: "sso" },
      { account: "returning", method: "sso" },
    ]);
    expect(logins[0]).toMatchObject({ actor_type: "user", target_type: "user", client_ip: "127.0.0.1" });
    expect(logins[0]?.actor_id).toBe(logins[0]?.target_id);
  });

  it("records the instance role a group grants as a change by the system", async () => {
    await signIn("sub-grace");
    const all = await rows();
    const change = all.find((r) => r.action === "user.role_change");
    expect(change).toMatchObject({ actor_type: "system", actor_id: "sso" });
    expect(JSON.parse(change?.summary ?? "")).toEqual({
      from: "user",
      to: "admin",
      scope: "instance",
      via: "sso_groups",
    });
    expect(all.at(-1)).toMatchObject({ action: "auth.sso_login", target_id: change?.target_id });
  });

  it("records a refusal once a sign-in was under way, but not a stray callback", async () => {
    const before = (await rows()).length;
    const stray = await fetch(`${base}${CALLBACK}?state=nothing&code=nothing`, { redirect: "manual" });
    expect(stray.status).toBe(400);
    expect((await rows()).length).toBe(before);

    const hops = await signIn("sub-mallory");
    expect(hops.at(-1)?.status).toBe(403);
    const failed = (await rows()).at(-1);
    expect(failed).toMatchObject({
      action: "auth.sso_login_failed",
      actor_type: "anonymous",
      target_id: null,
    });
    expect(JSON.parse(failed?.summary ?? "")).toEqual({ method: "sso", reason: "sso_domain_not_allowed" });
  });

  it("keeps no client secret, state, code or hand-off code in any row, and the chain verifies", async () => {
    const text = JSON.stringify(await databaseOf(t.app).selectFrom("audit_events").selectAll().execute());
    expect(text).not.toContain(SECRET);
    const params = seen.flatMap((s) => {
      try {
        const u = new URL(s);
        return [...u.searchParams.values(), ...new URLSearchParams(u.hash.slice(1)).values()];
      } catch {
        return [];
      }
    });
    const secrets = params.filter((v) => v.length >= 20);
    expect(secrets.length).toBeGreaterThan(3);
    for (const s of secrets) expect(text).not.toContain(s);
    const { createAuditService } = await import("../../src/features/audit/audit-service.js");
    const audit = createAuditService({
      db: databaseOf(t.app),
      clock: Date.now,
      config: { AUDIT_EXPORT_MAX_ROWS: 10 },
    });
    expect(await audit.log.verify(null)).toMatchObject({ ok: true });
  });
});
