// Webhooks end to end on SQLite and PostgreSQL: a project admin creates a webhook (the secret shown once),
// events written by the outbox writer inside a transaction reach a receiver on loopback signed, with a
// delivery id; a receiver answering 500 twice sees the retries (first within 15 s) and the third attempt
// succeeds; redirects are not followed; a silent receiver times out; the test ping; the delivery log;
// permissions, validation and the audit entries (host only, never the secret). The clock is the app's,
// moved forward by the tests so retries come without waiting for them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createWebhookEvents, type WebhookEvent } from "../../src/features/webhooks/webhook-events.js";
import { buildTestApp, DB_TARGETS, databaseOf, type TestApp } from "../helpers/app.js";
import { metricValue } from "../helpers/metrics.js";
import { createTestUser, type TestUser } from "../helpers/users.js";
import {
  type Answer,
  type Receiver,
  startReceiver,
  verifySignature,
  waitUntil,
} from "../helpers/webhook-receiver.js";
import { projectKey, projectWithMembers, type TestProject } from "../projects/project-helpers.js";

describe.each(DB_TARGETS)("webhooks (%s)", (target) => {
  let t: TestApp;
  let offset = 0;
  const clock = () => Date.now() + offset;
  let owner: TestUser;
  let admin: TestUser;
  let editor: TestUser;
  let viewer: TestUser;
  let project: TestProject;
  let base: string;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    t = await buildTestApp({
      target,
      clock,
      env: {
        WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
        WEBHOOK_WORKER_ENABLED: "true",
        WEBHOOK_POLL_INTERVAL_MS: "50",
      },
      webhooks: { timeoutMs: 500, random: () => 1 },
    });
    owner = await createTestUser(t.app);
    admin = await createTestUser(t.app);
    editor = await createTestUser(t.app);
    viewer = await createTestUser(t.app);
    project = await projectWithMembers(t.app, owner, [
      { user: admin, role: "admin" },
      { user: editor, role: "editor" },
      { user: viewer, role: "viewer" },
    ]);
    base = `/api/v1/projects/${project.slug}/webhooks`;
  });
  afterAll(async () => t.close());
  afterEach(async () => {
    for (const r of receivers.splice(0)) await r.close();
  });

  const call = (
    method: "GET" | "POST" | "PATCH" | "DELETE",
    url: string,
    user: TestUser = admin,
    payload?: object,
  ) => t.app.inject({ method, url, headers: user.auth, ...(payload ? { payload } : {}) });

  async function receiver(answer?: (n: number) => Answer): Promise<Receiver> {
    const r = await startReceiver(answer);
    receivers.push(r);
    return r;
  }

  async function createHook(
    url: string,
    events: WebhookEvent[] = ["prompt.label.moved"],
    extra: object = {},
  ) {
    const res = await call("POST", base, admin, { url, events, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; secret: string; url: string; events: string[]; active: boolean };
  }

  /** The outbox writer as the registry's services call it: inside their transaction. */
  async function emit(type: WebhookEvent, data: Record<string, unknown>, projectId = project.id) {
    const events = createWebhookEvents({ clock });
    await databaseOf(t.app)
      .transaction()
      .execute((trx) => events.record(trx, { projectId, type, data }));
  }

  const deliveries = async (id: string) =>
    (await call("GET", `${base}/${id}/deliveries`)).json().items as {
      id: string;
      status: string;
      attempts: number;
      event: string;
      next_attempt_at: string | null;
      last_attempt_at: string | null;
      last_response_code: number | null;
      last_error: string | null;
    }[];

  it("creates a webhook with a generated secret shown once; lists and reads it without the secret", async () => {
    const made = await createHook("http://127.0.0.1:9/a", ["prompt.label.moved", "promotion.decided"]);
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(made).toMatchObject({ events: ["prompt.label.moved", "promotion.decided"], active: true });
    const list = await call("GET", base);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(made.secret);
    expect(list.json().items.map((h: { id: string }) => h.id)).toContain(made.id);
    const one = await call("GET", `${base}/${made.id}`);
    expect(one.json()).not.toHaveProperty("secret");
    expect(one.json()).toMatchObject({ id: made.id, url: "http://127.0.0.1:9/a" });
    expect((await call("DELETE", `${base}/${made.id}`)).statusCode).toBe(204);
  });

  it("delivers an event signed, with a delivery id, after the transaction commits; a rolled-back one never", async () => {
    const r = await receiver();
    const hook = await createHook(r.url);
    // Rolled back: the outbox row goes with the change.
    const events = createWebhookEvents({ clock });
    await expect(
      databaseOf(t.app)
        .transaction()
        .execute(async (trx) => {
          await events.record(trx, { projectId: project.id, type: "prompt.label.moved", data: { n: 0 } });
          throw new Error("the change failed");
        }),
    ).rejects.toThrow("the change failed");
    await emit("prompt.label.moved", { prompt_id: "p1", label: "staging", from_version: 1, to_version: 2 });
    // Another project's event and an event this webhook did not subscribe to are not delivered to it.
    await emit("promotion.requested", { promotion_id: "x" });
    await waitUntil(() => r.received.length >= 1, 10_000, "the delivery");
    await new Promise((res) => setTimeout(res, 200));
    expect(r.received).toHaveLength(1);
    const got = r.received[0];
    const sig = verifySignature(
      hook.secret,
      got?.headers["promptforge-signature"] as string,
      got?.body ?? "",
    );
    expect(sig.ok).toBe(true);
    expect(Math.abs(sig.t - Math.floor(clock() / 1000))).toBeLessThan(30);
    expect(
      verifySignature("whsec_wrong", got?.headers["promptforge-signature"] as string, got?.body ?? "").ok,
    ).toBe(false);
    expect(got?.headers["content-type"]).toBe("application/json");
    expect(got?.headers["promptforge-event"]).toBe("prompt.label.moved");
    const body = JSON.parse(got?.body ?? "{}");
    expect(body).toMatchObject({
      type: "prompt.label.moved",
      project_id: project.id,
      data: { prompt_id: "p1", label: "staging", from_version: 1, to_version: 2 },
    });
    const log = await deliveries(hook.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      id: got?.headers["promptforge-delivery"],
      status: "delivered",
      attempts: 1,
      last_response_code: 204,
      next_attempt_at: null,
    });
    expect(
      await metricValue(t.app, "webhook_deliveries_total", {
        event: "prompt.label.moved",
        result: "delivered",
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(await metricValue(t.app, "webhook_delivery_duration_seconds", {}, "count")).toBeGreaterThanOrEqual(
      1,
    );
    await call("DELETE", `${base}/${hook.id}`);
  });

  it("retries after a receiver answers 500 twice (first retry within 15 s) and delivers on the third attempt", async () => {
    const r = await receiver((n) => ({ status: n <= 2 ? 500 : 200 }));
    const hook = await createHook(r.url, ["promotion.decided"]);
    const retriesBefore = await metricValue(t.app, "webhook_deliveries_total", {
      event: "promotion.decided",
      result: "retry",
    });
    await emit("promotion.decided", { promotion_id: "pr1", decision: "approved" });
    await waitUntil(() => r.received.length >= 1, 10_000, "the first attempt");
    await waitUntil(
      async () => (await deliveries(hook.id))[0]?.attempts === 1,
      5000,
      "the first attempt's record",
    );
    const first = (await deliveries(hook.id))[0];
    expect(first).toMatchObject({ status: "pending", last_response_code: 500, last_error: "answered 500" });
    const wait = Date.parse(first?.next_attempt_at ?? "") - Date.parse(first?.last_attempt_at ?? "");
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(15_000);
    // Nothing is sent before it is due.
    await new Promise((res) => setTimeout(res, 300));
    expect(r.received).toHaveLength(1);
    offset += 15_000;
    await waitUntil(() => r.received.length >= 2, 10_000, "the second attempt");
    await waitUntil(
      async () => (await deliveries(hook.id))[0]?.attempts === 2,
      5000,
      "the second attempt's record",
    );
    offset += 30_000;
    await waitUntil(() => r.received.length >= 3, 10_000, "the third attempt");
    await waitUntil(async () => (await deliveries(hook.id))[0]?.status === "delivered", 5000, "delivered");
    expect((await deliveries(hook.id))[0]).toMatchObject({
      attempts: 3,
      last_response_code: 200,
      last_error: null,
    });
    // The same delivery each time: one id, one body, each attempt signed afresh.
    expect(new Set(r.received.map((x) => x.headers["promptforge-delivery"])).size).toBe(1);
    expect(new Set(r.received.map((x) => x.body)).size).toBe(1);
    for (const x of r.received)
      expect(verifySignature(hook.secret, x.headers["promptforge-signature"] as string, x.body).ok).toBe(
        true,
      );
    expect(
      await metricValue(t.app, "webhook_deliveries_total", { event: "promotion.decided", result: "retry" }),
    ).toBe(retriesBefore + 2);
    await call("DELETE", `${base}/${hook.id}`);
  });

  it("does not follow a redirect: the 302 is recorded and the other host is never called", async () => {
    const elsewhere = await receiver();
    const r = await receiver(() => ({ status: 302, headers: { location: elsewhere.url } }));
    const hook = await createHook(r.url, ["promotion.requested"]);
    await emit("promotion.requested", { promotion_id: "pr2" });
    await waitUntil(async () => (await deliveries(hook.id))[0]?.attempts === 1, 10_000, "the attempt");
    expect((await deliveries(hook.id))[0]).toMatchObject({
      status: "pending",
      last_response_code: 302,
      last_error: "answered 302 (redirects are not followed)",
    });
    expect(r.received).toHaveLength(1);
    expect(elsewhere.received).toHaveLength(0);
    await call("DELETE", `${base}/${hook.id}`);
  });

  it("gives up on a receiver that does not answer within the time-out and retries later", async () => {
    const r = await receiver(() => "hang");
    const hook = await createHook(r.url, ["prompt.version.created"]);
    const started = Date.now();
    await emit("prompt.version.created", { prompt_id: "p2", version: 3 });
    await waitUntil(
      async () => (await deliveries(hook.id))[0]?.attempts === 1,
      10_000,
      "the timed-out attempt",
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await deliveries(hook.id))[0]).toMatchObject({
      status: "pending",
      last_response_code: null,
      last_error: "no answer within 0.5 s",
    });
    await call("DELETE", `${base}/${hook.id}`);
  });

  it("records a receiver that refuses connections, without its URL in the error", async () => {
    const r = await receiver();
    const url = r.url;
    await r.close();
    receivers.splice(receivers.indexOf(r), 1);
    const hook = await createHook(`${url}?token=canary-url-token`, ["prompt.version.created"]);
    await emit("prompt.version.created", { prompt_id: "p3", version: 1 });
    await waitUntil(
      async () => (await deliveries(hook.id))[0]?.attempts === 1,
      10_000,
      "the refused attempt",
    );
    const d = (await deliveries(hook.id))[0];
    expect(d).toMatchObject({ status: "pending", last_error: "connection refused" });
    await call("DELETE", `${base}/${hook.id}`);
  });

  it("sends a test ping at once and returns its delivery; a failing ping is not retried", async () => {
    const r = await receiver();
    const hook = await createHook(r.url);
    const ping = await call("POST", `${base}/${hook.id}/test`);
    expect(ping.statusCode, ping.body).toBe(200);
    expect(ping.json()).toMatchObject({
      event: "ping",
      status: "delivered",
      attempts: 1,
      last_response_code: 204,
    });
    expect(r.received).toHaveLength(1);
    expect(r.received[0]?.headers["promptforge-event"]).toBe("ping");
    expect(JSON.parse(r.received[0]?.body ?? "{}")).toMatchObject({
      type: "ping",
      data: { webhook_id: hook.id },
    });
    expect(
      verifySignature(
        hook.secret,
        r.received[0]?.headers["promptforge-signature"] as string,
        r.received[0]?.body ?? "",
      ).ok,
    ).toBe(true);

    const failing = await receiver(() => ({ status: 503 }));
    await call("PATCH", `${base}/${hook.id}`, admin, { url: failing.url });
    const bad = await call("POST", `${base}/${hook.id}/test`);
    expect(bad.json()).toMatchObject({
      event: "ping",
      status: "failed",
      attempts: 1,
      last_response_code: 503,
    });
    offset += 61_000;
    await new Promise((res) => setTimeout(res, 300));
    expect(failing.received).toHaveLength(1);
    await call("DELETE", `${base}/${hook.id}`);
  });

  it("pages the delivery log newest first and refuses a forged cursor with 422", async () => {
    const r = await receiver();
    const hook = await createHook(r.url);
    for (let i = 0; i < 3; i++) expect((await call("POST", `${base}/${hook.id}/test`)).statusCode).toBe(200);
    const page1 = await call("GET", `${base}/${hook.id}/deliveries?limit=2`);
    expect(page1.json().items).toHaveLength(2);
    const cursor = page1.json().next_cursor as string;
    expect(cursor).toEqual(expect.any(String));
    const page2 = await call("GET", `${base}/${hook.id}/deliveries?limit=2&cursor=${cursor}`);
    expect(page2.json()).toMatchObject({ next_cursor: null });
    expect(page2.json().items).toHaveLength(1);
    const ids = [...page1.json().items, ...page2.json().items].map((d: { id: string }) => d.id);
    expect(ids).toEqual([...ids].sort().reverse());
    const forged = await call("GET", `${base}/${hook.id}/deliveries?cursor=not-a-cursor`);
    expect(forged.statusCode).toBe(422);
    expect(forged.json()).toMatchObject({ error: { code: "validation_error" } });
    expect((await call("GET", `${base}/${hook.id}/deliveries?limit=201`)).statusCode).toBe(422);
    // Deleting the webhook takes its log with it.
    expect((await call("DELETE", `${base}/${hook.id}`)).statusCode).toBe(204);
    const left = await databaseOf(t.app)
      .selectFrom("webhook_deliveries")
      .select("id")
      .where("webhook_id", "=", hook.id)
      .execute();
    expect(left).toEqual([]);
    expect((await call("GET", `${base}/${hook.id}/deliveries`)).statusCode).toBe(404);
  });

  it("changes only the fields a PATCH gives; a paused webhook gets no deliveries", async () => {
    const r = await receiver();
    const hook = await createHook(r.url, ["prompt.label.moved"]);
    const paused = await call("PATCH", `${base}/${hook.id}`, admin, { active: false });
    expect(paused.json()).toMatchObject({ active: false, url: r.url, events: ["prompt.label.moved"] });
    await emit("prompt.label.moved", { label: "x" });
    const events = await call("PATCH", `${base}/${hook.id}`, admin, {
      events: ["promotion.requested"],
      active: true,
    });
    expect(events.json()).toMatchObject({ active: true, events: ["promotion.requested"] });
    await new Promise((res) => setTimeout(res, 300));
    expect(r.received).toHaveLength(0);
    expect(await deliveries(hook.id)).toEqual([]);
    await call("DELETE", `${base}/${hook.id}`);
  });

  it("lets owners, admins and admin-scoped keys manage webhooks; editors, viewers and other keys get 403", async () => {
    const body = { url: "http://127.0.0.1:9/p", events: ["prompt.label.moved"] };
    expect((await call("POST", base, editor, body)).statusCode).toBe(403);
    expect((await call("GET", base, viewer)).statusCode).toBe(403);
    const made = await call("POST", base, owner, body);
    expect(made.statusCode).toBe(201);
    const id = made.json().id;
    expect((await call("PATCH", `${base}/${id}`, editor, { active: false })).statusCode).toBe(403);
    expect((await call("DELETE", `${base}/${id}`, viewer)).statusCode).toBe(403);
    expect((await call("POST", `${base}/${id}/test`, editor)).statusCode).toBe(403);
    const adminKey = await projectKey(t.app, owner, project.slug, ["admin"]);
    const writeKey = await projectKey(t.app, owner, project.slug, ["prompts:write"]);
    const asKey = (key: string) => t.app.inject({ method: "GET", url: base, headers: { "x-api-key": key } });
    expect((await asKey(adminKey)).statusCode).toBe(200);
    expect((await asKey(writeKey)).statusCode).toBe(403);
    const outsider = await createTestUser(t.app);
    expect((await call("GET", base, outsider)).statusCode).toBe(404);
    // Another project's webhook is not found here.
    const other = await projectWithMembers(t.app, outsider);
    const theirs = await t.app.inject({
      method: "POST",
      url: `/api/v1/projects/${other.slug}/webhooks`,
      headers: outsider.auth,
      payload: body,
    });
    expect((await call("GET", `${base}/${theirs.json().id}`)).statusCode).toBe(404);
    expect((await call("DELETE", `${base}/${id}`, owner)).statusCode).toBe(204);
    expect((await call("DELETE", `${base}/${id}`, owner)).statusCode).toBe(404);
  });

  it("refuses bad input with 422 naming the field", async () => {
    const bad = async (payload: object, field: string) => {
      const res = await call("POST", base, admin, payload);
      expect(res.statusCode, res.body).toBe(422);
      const fields = res.json().error.details.map((d: { field: string }) => d.field) as string[];
      expect(
        fields.some((f) => f === field || f.startsWith(`${field}.`)),
        res.body,
      ).toBe(true);
    };
    const events = ["prompt.label.moved"];
    await bad({ url: "ftp://127.0.0.1/x", events }, "url");
    await bad({ url: "not a url", events }, "url");
    await bad({ url: "http://user:pass@127.0.0.1/x", events }, "url");
    await bad({ url: `http://127.0.0.1/${"a".repeat(2001)}`, events }, "url");
    await bad({ url: "http://127.0.0.1/x", events: [] }, "events");
    await bad({ url: "http://127.0.0.1/x", events: ["prompt.deleted"] }, "events");
    await bad({ url: "http://127.0.0.1/x", events, secret: "short" }, "secret");
    await bad({ url: "http://127.0.0.1/x", events, secret: "has spaces in it, sixteen+" }, "secret");
    await bad({ url: "http://no-such-host.invalid/x", events }, "url");
    const made = await createHook("http://127.0.0.1:9/x");
    const patch = await call("PATCH", `${base}/${made.id}`, admin, { url: "gopher://127.0.0.1/" });
    expect(patch.statusCode).toBe(422);
    expect((await call("PATCH", `${base}/not-an-id`, admin, { active: false })).statusCode).toBe(422);
    await call("DELETE", `${base}/${made.id}`);
  });

  it("caps a project at 20 webhooks", async () => {
    const ids: string[] = [];
    const existing = (await call("GET", base)).json().items.length as number;
    for (let i = existing; i < 20; i++) ids.push((await createHook(`http://127.0.0.1:9/${i}`)).id);
    const over = await call("POST", base, admin, {
      url: "http://127.0.0.1:9/over",
      events: ["prompt.label.moved"],
    });
    expect(over.statusCode).toBe(422);
    expect(over.json().error.message).toMatch(/at most 20 webhooks/);
    for (const id of ids) await call("DELETE", `${base}/${id}`);
  });

  it("audits create, change and delete with the host only, never the path, query or secret", async () => {
    const secret = "canary-webhook-secret-0123456789";
    const made = await createHook(
      "http://127.0.0.1:9/services/T0/B0/canary-path-token?k=canary-query",
      undefined,
      {
        secret,
      },
    );
    expect(made.secret).toBe(secret);
    await call("PATCH", `${base}/${made.id}`, admin, {
      secret: "canary-rotated-secret-9876543210",
      active: false,
    });
    await call("DELETE", `${base}/${made.id}`);
    const audit = await call("GET", `/api/v1/projects/${project.slug}/audit?target=${made.id}`, owner);
    expect(audit.statusCode).toBe(200);
    const entries = audit.json().items as { action: string; summary: Record<string, unknown> }[];
    expect(entries.map((e) => e.action).sort()).toEqual([
      "webhook.create",
      "webhook.delete",
      "webhook.update",
    ]);
    expect(entries.find((e) => e.action === "webhook.create")?.summary).toMatchObject({ host: "127.0.0.1" });
    expect(entries.find((e) => e.action === "webhook.update")?.summary).toMatchObject({
      secret_changed: true,
      active: false,
    });
    for (const canary of [secret, "canary-rotated", "canary-path-token", "canary-query"])
      expect(audit.body).not.toContain(canary);
  });

  it("counts the outbox in webhook_outbox_pending", async () => {
    const r = await receiver(() => "hang");
    const hook = await createHook(r.url, ["promotion.requested"]);
    await call("PATCH", `${base}/${hook.id}`, admin, { active: true });
    // Park the deliveries far in the future, so the worker leaves them alone while the gauge is read.
    await emit("promotion.requested", { n: 1 });
    await emit("promotion.requested", { n: 2 });
    await databaseOf(t.app)
      .updateTable("webhook_deliveries")
      .set({
        next_attempt_at: "2999-01-01T00:00:00.000Z",
        status: "pending",
        claim: null,
        claimed_until: null,
      })
      .where("webhook_id", "=", hook.id)
      .execute();
    offset += 61_000; // past the gauge's cache
    const body = (await t.app.inject({ url: "/metrics" })).body;
    const pending = Number(/^webhook_outbox_pending (\S+)$/m.exec(body)?.[1]);
    expect(pending).toBeGreaterThanOrEqual(2);
    await call("DELETE", `${base}/${hook.id}`);
    offset += 61_000;
    const after = Number(
      /^webhook_outbox_pending (\S+)$/m.exec((await t.app.inject({ url: "/metrics" })).body)?.[1],
    );
    expect(after).toBe(pending - 2);
  });
});
