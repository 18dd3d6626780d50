// Invitations: a single-use link valid 7 days, stored only as a hash; accepted only by the invited e-mail.
// Without SMTP the inviter gets the link; with SMTP it is e-mailed through a real SMTP server on
// 127.0.0.1 (smtp-server), whose received message the test reads, and the API never shows the token.
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DB_TARGETS, databaseOf, type TestApp } from "../helpers/app.js";
import { metricValue } from "../helpers/metrics.js";
import { createTestUser, createTestUsers, type TestUser } from "../helpers/users.js";
import { projectWithMembers } from "./project-helpers.js";

const DAY = 86_400_000;
const emailOf = (u: TestUser) => `${u.username.toLowerCase()}@example.test`;

describe.each(DB_TARGETS)("invitations without SMTP on %s", (target) => {
  let t: TestApp;
  let now = Date.UTC(2026, 5, 1, 12);
  beforeAll(async () => {
    t = await buildTestApp({ target, clock: () => now });
  });
  afterAll(async () => t.close());

  async function invite(owner: TestUser, project: string, email: string, role = "editor") {
    return t.app.inject({
      method: "POST",
      url: `/api/v1/projects/${project}/invitations`,
      headers: owner.auth,
      payload: { email, role },
    });
  }
  const accept = (user: TestUser, token: string) =>
    t.app.inject({ method: "POST", url: `/api/v1/invitations/${token}/accept`, headers: user.auth });

  it("returns the link once, valid 7 days; the invitee joins with the role, once; only the hash is stored", async () => {
    const { owner, invitee } = await createTestUsers(t.app, "owner", "invitee");
    const project = await projectWithMembers(t.app, owner);
    const created0 = await metricValue(t.app, "invitations_total", { result: "created" });
    const accepted0 = await metricValue(t.app, "invitations_total", { result: "accepted" });
    const res = await invite(owner, project.slug, emailOf(invitee).toUpperCase());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ email: emailOf(invitee), role: "editor", emailed: false });
    expect(body.token).toMatch(/^pfi_[A-Za-z0-9_-]{43}$/);
    expect(body.url).toBe(`/invitations/${body.token}`);
    expect(body.expires_at).toBe(new Date(now + 7 * DAY).toISOString());
    expect(await metricValue(t.app, "invitations_total", { result: "created" })).toBe(created0 + 1);

    const row = await databaseOf(t.app)
      .selectFrom("project_invitations")
      .selectAll()
      .where("id", "=", body.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(createHash("sha256").update(body.token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(body.token);

    const listed = await t.app.inject({
      method: "GET",
      url: `/api/v1/projects/${project.slug}/invitations`,
      headers: owner.auth,
    });
    expect(listed.json().items.map((i: { id: string }) => i.id)).toEqual([body.id]);
    expect(listed.body).not.toContain(body.token);

    const joined = await accept(invitee, body.token);
    expect(joined.statusCode, joined.body).toBe(200);
    expect(joined.json()).toMatchObject({ id: project.id, role: "editor", personal: false });
    expect(await metricValue(t.app, "invitations_total", { result: "accepted" })).toBe(accepted0 + 1);
    const members = await t.app.inject({
      method: "GET",
      url: `/api/v1/projects/${project.slug}/members`,
      headers: invitee.auth,
    });
    expect(members.json().items.map((m: { username: string; role: string }) => [m.username, m.role])).toEqual(
      [
        [owner.username, "owner"],
        [invitee.username, "editor"],
      ],
    );

    const again = await accept(invitee, body.token);
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe("invitation_used");
    const open = await t.app.inject({
      method: "GET",
      url: `/api/v1/projects/${project.slug}/invitations`,
      headers: owner.auth,
    });
    expect(open.json().items).toEqual([]);
  });

  it("refuses an expired link with 410 (one millisecond after its 7 days) and counts it", async () => {
    const { owner, invitee } = await createTestUsers(t.app, "owner", "invitee");
    const project = await projectWithMembers(t.app, owner);
    const { token, expires_at } = (await invite(owner, project.slug, emailOf(invitee))).json();
    const expired0 = await metricValue(t.app, "invitations_total", { result: "expired" });
    // A week later the access token has long expired: the invitee signs in with a user-level key.
    const made = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/api-keys",
      headers: invitee.auth,
      payload: { name: "later" },
    });
    const later = { ...invitee, auth: { authorization: `Bearer ${made.json().key}` } };
    const saved = now;
    now = Date.parse(expires_at);
    const late = await accept(later, token);
    now = saved;
    expect(late.statusCode).toBe(410);
    expect(late.json()).toMatchObject({
      error: { code: "invitation_expired" },
      request_id: expect.any(String),
    });
    expect(await metricValue(t.app, "invitations_total", { result: "expired" })).toBe(expired0 + 1);
    now = Date.parse(expires_at) - 1;
    const justInTime = await accept(later, token);
    now = saved;
    expect(justInTime.statusCode).toBe(200);
  });

  it("accepts only the invited e-mail (403), refuses unknown tokens (404) and withdrawn ones (410)", async () => {
    const { owner, invitee, other } = await createTestUsers(t.app, "owner", "invitee", "other");
    const project = await projectWithMembers(t.app, owner);
    const { token, id } = (await invite(owner, project.slug, emailOf(invitee))).json();
    const refused0 = await metricValue(t.app, "invitations_total", { result: "refused" });
    const wrong = await accept(other, token);
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe("invitation_email_mismatch");
    expect(await metricValue(t.app, "invitations_total", { result: "refused" })).toBe(refused0 + 1);
    const unknown = await accept(invitee, `pfi_${"A".repeat(43)}`);
    expect(unknown.statusCode).toBe(404);
    const malformed = await accept(invitee, "not-a-token");
    expect(malformed.statusCode).toBe(404);

    const revoked0 = await metricValue(t.app, "invitations_total", { result: "revoked" });
    const del = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/projects/${project.slug}/invitations/${id}`,
      headers: owner.auth,
    });
    expect(del.statusCode).toBe(204);
    expect(await metricValue(t.app, "invitations_total", { result: "revoked" })).toBe(revoked0 + 1);
    const withdrawn = await accept(invitee, token);
    expect(withdrawn.statusCode).toBe(410);
    const anonymous = await t.app.inject({ method: "POST", url: `/api/v1/invitations/${token}/accept` });
    expect(anonymous.statusCode).toBe(401);
  });

  it("refuses inviting a member (409), into a personal project (409), bad input (422), owners by admins (403)", async () => {
    const { owner, admin } = await createTestUsers(t.app, "owner", "admin");
    const project = await projectWithMembers(t.app, owner, [{ user: admin, role: "admin" }]);
    expect((await invite(owner, project.slug, emailOf(admin))).json().error.code).toBe("already_member");
    const personal = await invite(owner, `~${owner.username.toLowerCase()}`, "someone@example.test");
    expect(personal.statusCode).toBe(409);
    expect(personal.json().error.code).toBe("personal_project");
    const bad = await invite(owner, project.slug, "not-an-email", "boss");
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(["email", "role"]);
    const byAdmin = await invite(admin, project.slug, "new-owner@example.test", "owner");
    expect(byAdmin.statusCode).toBe(403);
    const asAdmin = await invite(admin, project.slug, "new-admin@example.test", "admin");
    expect(asAdmin.statusCode).toBe(201);
  });

  it("keeps at most 100 open invitations per project (422 on the 101st)", async () => {
    const owner = await createTestUser(t.app);
    const project = await projectWithMembers(t.app, owner);
    for (let i = 0; i < 100; i++)
      expect((await invite(owner, project.slug, `cap${i}@example.test`)).statusCode).toBe(201);
    const over = await invite(owner, project.slug, "cap100@example.test");
    expect(over.statusCode).toBe(422);
    expect(over.json().error.details[0].field).toBe("email");
  });
});

interface Received {
  from: string;
  to: string[];
  raw: string;
  user?: string;
  password?: string;
}

describe.each(DB_TARGETS)("invitations with SMTP on %s", (target) => {
  let smtp: SMTPServer;
  let port: number;
  const received: Received[] = [];
  let t: TestApp | undefined;

  beforeAll(async () => {
    smtp = new SMTPServer({
      // Plain SMTP with AUTH on loopback: no certificate to trust in the test.
      disabledCommands: ["STARTTLS"],
      allowInsecureAuth: true,
      onAuth(auth, _session, cb) {
        if (auth.username === "mailer" && auth.password === "smtp-canary-password")
          cb(null, { user: auth.username });
        else cb(new Error("Invalid username or password"));
      },
      onData(stream, session, cb) {
        let raw = "";
        stream.setEncoding("utf8");
        stream.on("data", (chunk: string) => {
          raw += chunk;
        });
        stream.on("end", () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            user: session.user as string | undefined,
          });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    port = (smtp.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("e-mails the link to the invitee and never returns the token; the mailed link works", async () => {
    t = await buildTestApp({
      target,
      env: {
        SMTP_URL: `smtp://mailer:smtp-canary-password@127.0.0.1:${port}`,
        SMTP_FROM: "PromptForge <promptforge@example.test>",
        PUBLIC_URL: "https://forge.example.test/",
      },
    });
    const { owner, invitee } = await createTestUsers(t.app, "owner", "invitee");
    const project = await projectWithMembers(t.app, owner);
    const before = received.length;
    const res = await t.app.inject({
      method: "POST",
      url: `/api/v1/projects/${project.slug}/invitations`,
      headers: owner.auth,
      payload: { email: emailOf(invitee), role: "viewer" },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ email: emailOf(invitee), role: "viewer", emailed: true });
    expect(res.json().token).toBeUndefined();
    expect(res.json().url).toBeUndefined();
    expect(await metricValue(t.app, "invitations_total", { result: "emailed" })).toBe(1);

    expect(received.length).toBe(before + 1);
    const mail = received[received.length - 1] as Received;
    expect(mail.user).toBe("mailer");
    expect(mail.from).toBe("promptforge@example.test");
    expect(mail.to).toEqual([emailOf(invitee)]);
    expect(mail.raw).toMatch(/^Subject: You are invited to Project .* on PromptForge/m);
    // Quoted-printable may wrap long lines: undo soft line breaks before reading the link.
    const text = mail.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
    const link = /https:\/\/forge\.example\.test\/invitations\/(pfi_[A-Za-z0-9_-]{43})/.exec(text);
    expect(link).not.toBeNull();
    const joined = await t.app.inject({
      method: "POST",
      url: `/api/v1/invitations/${link?.[1]}/accept`,
      headers: invitee.auth,
    });
    expect(joined.statusCode, joined.body).toBe(200);
    expect(joined.json().role).toBe("viewer");
  });

  it("answers 503 and withdraws the invitation when the mail server cannot be reached", async () => {
    // A port nothing listens on: take one, then close it.
    const probe = new SMTPServer({ disabledCommands: ["STARTTLS"] });
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
    const closedPort = (probe.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    t = await buildTestApp({
      target,
      env: { SMTP_URL: `smtp://127.0.0.1:${closedPort}`, SMTP_FROM: "promptforge@example.test" },
    });
    const owner = await createTestUser(t.app);
    const project = await projectWithMembers(t.app, owner);
    const res = await t.app.inject({
      method: "POST",
      url: `/api/v1/projects/${project.slug}/invitations`,
      headers: owner.auth,
      payload: { email: "someone@example.test", role: "viewer" },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({
      error: { code: "service_unavailable" },
      request_id: expect.any(String),
    });
    expect(res.body).not.toContain("pfi_");
    expect(await metricValue(t.app, "invitations_total", { result: "email_failed" })).toBe(1);
    const open = await t.app.inject({
      method: "GET",
      url: `/api/v1/projects/${project.slug}/invitations`,
      headers: owner.auth,
    });
    expect(open.json().items).toEqual([]);
  });
});
