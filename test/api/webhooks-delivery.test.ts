// Webhook delivery under the conditions that matter in production, on SQLite and PostgreSQL: the SSRF
// policy without WEBHOOK_ALLOW_PRIVATE_TARGETS (private, loopback, link-local and IPv4-mapped targets
// refused when saved, and a name that re-resolves to loopback after it was saved refused at delivery);
// two worker instances sharing one outbox send each delivery once; a restart resumes the outbox, a
// stopped worker gives its in-flight rows back; and the signing secret never reaches a log line, a
// response after creation or /metrics.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSecureContext } from "node:tls";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle } from "../../src/db/database.js";
import { createWebhookEvents, type WebhookEvent } from "../../src/features/webhooks/webhook-events.js";
import { createWebhookWorker } from "../../src/features/webhooks/webhook-worker.js";
import {
  buildTestApp,
  DB_TARGETS,
  databaseOf,
  openTestDatabase,
  PG_URL,
  type TestApp,
  testConfig,
} from "../helpers/app.js";
import { freshMetrics, metricValue } from "../helpers/metrics.js";
import { missing, toolOnPath } from "../helpers/tools.js";
import { createTestUser, type TestUser } from "../helpers/users.js";
import {
  type Answer,
  type Receiver,
  startReceiver,
  verifySignature,
  waitUntil,
} from "../helpers/webhook-receiver.js";
import { projectWithMembers, type TestProject } from "../projects/project-helpers.js";

const ALLOW = { WEBHOOK_ALLOW_PRIVATE_TARGETS: "true" };
const WORKER = { WEBHOOK_WORKER_ENABLED: "true", WEBHOOK_POLL_INTERVAL_MS: "50" };
const openssl = toolOnPath(["openssl"], "apt-get install openssl");
const silentLogger = { info: () => {}, warn: () => {}, error: () => {} };

async function emit(t: TestApp, projectId: string, type: WebhookEvent, data: Record<string, unknown>) {
  const events = createWebhookEvents({ clock: t.app.deps.clock });
  await databaseOf(t.app)
    .transaction()
    .execute((trx) => events.record(trx, { projectId, type, data }));
}

async function setUp(t: TestApp): Promise<{ owner: TestUser; project: TestProject; base: string }> {
  const owner = await createTestUser(t.app);
  const project = await projectWithMembers(t.app, owner);
  return { owner, project, base: `/api/v1/projects/${project.slug}/webhooks` };
}

async function createHook(t: TestApp, owner: TestUser, base: string, url: string, extra: object = {}) {
  const res = await t.app.inject({
    method: "POST",
    url: base,
    headers: owner.auth,
    payload: { url, events: ["prompt.label.moved"], ...extra },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; secret: string };
}

const statuses = (t: TestApp, webhookId: string) =>
  databaseOf(t.app)
    .selectFrom("webhook_deliveries")
    .select(["id", "status", "attempts", "last_error"])
    .where("webhook_id", "=", webhookId)
    .execute();

describe.each(DB_TARGETS)("webhook delivery (%s)", (target) => {
  const receivers: Receiver[] = [];
  const receiver = async (answer?: (n: number) => Answer) => {
    const r = await startReceiver(answer);
    receivers.push(r);
    return r;
  };
  afterEach(async () => {
    for (const r of receivers.splice(0)) await r.close();
  });

  describe("without WEBHOOK_ALLOW_PRIVATE_TARGETS", () => {
    let t: TestApp;
    let owner: TestUser;
    let base: string;
    let projectId: string;
    // A name that resolves to a public address when the webhook is saved and to loopback afterwards.
    let rebindTo = "93.184.216.34";
    const resolve = async (host: string) => {
      if (host === "rebind.example.test") return [{ address: rebindTo, family: 4 as const }];
      if (host === "split.example.test")
        return [
          { address: "93.184.216.34", family: 4 as const },
          { address: "10.0.0.5", family: 4 as const },
        ];
      if (host === "v6.example.test") return [{ address: "fd12:3456::1", family: 6 as const }];
      if (host === "localhost") return [{ address: "127.0.0.1", family: 4 as const }];
      throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    };

    beforeAll(async () => {
      t = await buildTestApp({ target, env: WORKER, webhooks: { resolve } });
      const s = await setUp(t);
      owner = s.owner;
      base = s.base;
      projectId = s.project.id;
    });
    afterAll(async () => t.close());

    it.each([
      "http://10.1.2.3/hook",
      "http://127.0.0.1:8080/hook",
      "http://127.5.6.7/hook",
      "http://2130706433/hook",
      "http://[::1]/hook",
      "http://[::ffff:127.0.0.1]/hook",
      "http://[::ffff:a9fe:a9fe]/hook",
      "http://169.254.169.254/latest/meta-data",
      "http://0.0.0.0/hook",
      "http://192.168.1.20/hook",
      "http://172.20.0.1/hook",
      "http://100.64.0.1/hook",
      "http://[fe80::1]/hook",
      "http://[fd00::1]/hook",
      "http://localhost:3000/hook",
      "http://split.example.test/hook",
      "http://v6.example.test/hook",
    ])("refuses %s with 422 naming url", async (url) => {
      const res = await t.app.inject({
        method: "POST",
        url: base,
        headers: owner.auth,
        payload: { url, events: ["prompt.label.moved"] },
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error).toMatchObject({ code: "validation_error", details: [{ field: "url" }] });
      expect(res.json().error.message).toMatch(/WEBHOOK_ALLOW_PRIVATE_TARGETS/);
    });

    it("refuses at delivery a name that resolved to a public address when saved and to loopback now", async () => {
      const r = await receiver();
      rebindTo = "93.184.216.34";
      const hook = await createHook(t, owner, base, `http://rebind.example.test:${r.port}/hook`);
      rebindTo = "127.0.0.1";
      await emit(t, projectId, "prompt.label.moved", { label: "production" });
      await waitUntil(
        async () => (await statuses(t, hook.id))[0]?.status === "failed",
        10_000,
        "the refusal",
      );
      const [row] = await statuses(t, hook.id);
      expect(row).toMatchObject({ attempts: 1 });
      expect(row?.last_error).toMatch(/private, loopback or link-local address \(127\.0\.0\.1\)/);
      expect(r.received).toHaveLength(0);
      // A ping is refused the same way.
      const ping = await t.app.inject({
        method: "POST",
        url: `${base}/${hook.id}/test`,
        headers: owner.auth,
      });
      expect(ping.json()).toMatchObject({ status: "failed", last_response_code: null });
      expect(r.received).toHaveLength(0);
    });
  });

  it.skipIf(missing(openssl))(
    "over https connects to the checked address, sends the host name in SNI and refuses a certificate no CA vouches for",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "promptforge-webhook-tls-"));
      const names: string[] = [];
      const received: string[] = [];
      try {
        const made = spawnSync(
          openssl.path,
          ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=hooks.example.test"]
            .concat(["-addext", "subjectAltName=DNS:hooks.example.test"])
            .concat(["-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")]),
          { encoding: "utf8" },
        );
        expect(made.status, made.stderr).toBe(0);
        const pair = { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) };
        const server = createHttpsServer(
          {
            ...pair,
            SNICallback: (name, cb) => {
              names.push(name);
              cb(null, createSecureContext(pair));
            },
          },
          (req, res) => {
            received.push(req.url ?? "");
            res.end();
          },
        );
        await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
        const port = (server.address() as AddressInfo).port;
        const resolve = async (host: string) => {
          if (host === "hooks.example.test") return [{ address: "127.0.0.1", family: 4 as const }];
          throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
        };
        const t = await buildTestApp({ target, env: ALLOW, webhooks: { resolve } });
        try {
          const { owner, base } = await setUp(t);
          const hook = await createHook(t, owner, base, `https://hooks.example.test:${port}/hook`);
          const ping = await t.app.inject({
            method: "POST",
            url: `${base}/${hook.id}/test`,
            headers: owner.auth,
          });
          expect(ping.json()).toMatchObject({
            status: "failed",
            last_error: "TLS certificate is self-signed",
          });
          expect(names).toEqual(["hooks.example.test"]);
          expect(received).toEqual([]);
        } finally {
          await t.close();
          server.closeAllConnections();
          await new Promise((r) => server.close(r));
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it("gives up waiting for a resolver that hangs: 503 when saving, a retried attempt when delivering", async () => {
    let hang = false;
    const resolve = (host: string) =>
      hang || host !== "slow.example.test"
        ? new Promise<never>(() => {})
        : Promise.resolve([{ address: "93.184.216.34", family: 4 as const }]);
    const t = await buildTestApp({ target, env: WORKER, webhooks: { resolve, timeoutMs: 300 } });
    try {
      const { owner, project, base } = await setUp(t);
      const hook = await createHook(t, owner, base, "https://slow.example.test/hook");
      hang = true;
      const saving = await t.app.inject({
        method: "POST",
        url: base,
        headers: owner.auth,
        payload: { url: "https://slow.example.test/other", events: ["prompt.label.moved"] },
      });
      expect(saving.statusCode).toBe(503);
      expect(saving.json().error.message).toMatch(/Could not resolve the webhook's host now \(ETIMEOUT\)/);
      await emit(t, project.id, "prompt.label.moved", { label: "production" });
      await waitUntil(async () => (await statuses(t, hook.id))[0]?.attempts === 1, 10_000, "the attempt");
      expect((await statuses(t, hook.id))[0]).toMatchObject({
        status: "pending",
        last_error: "host slow.example.test could not be resolved (ETIMEOUT)",
      });
    } finally {
      await t.close();
    }
  });

  it("two worker instances sharing the outbox send each delivery exactly once", async () => {
    const t = await buildTestApp({ target, env: ALLOW });
    try {
      const r = await receiver(() => ({ status: 200 }));
      const { owner, project, base } = await setUp(t);
      await createHook(t, owner, base, r.url);
      const N = 40;
      for (let i = 0; i < N; i++) await emit(t, project.id, "prompt.label.moved", { i });
      const make = () =>
        createWebhookWorker({
          db: databaseOf(t.app),
          clock: Date.now,
          metrics: freshMetrics(),
          logger: silentLogger,
          config: { ...t.config, WEBHOOK_WORKER_ENABLED: true },
        });
      const [a, b] = [make(), make()];
      const claimed = { a: 0, b: 0 };
      for (;;) {
        const [x, y] = await Promise.all([a.runOnce(), b.runOnce()]);
        claimed.a += x.claimed;
        claimed.b += y.claimed;
        if (x.claimed + y.claimed === 0) break;
      }
      expect(claimed.a + claimed.b).toBe(N);
      expect(r.received).toHaveLength(N);
      const ids = r.received.map((x) => x.headers["promptforge-delivery"]);
      expect(new Set(ids).size).toBe(N);
      const bodies = r.received.map((x) => JSON.parse(x.body).data.i as number).sort((p, q) => p - q);
      expect(bodies).toEqual([...Array(N).keys()]);
    } finally {
      await t.close();
    }
  });

  it("two app instances with their workers polling one database (own connection pools) send each delivery once", async () => {
    const config = testConfig(ALLOW);
    const { db, drop } = await openTestDatabase(target, config);
    // On PostgreSQL the second instance gets its own pool on the same schema, as a second process would.
    let other: DatabaseHandle = db;
    if (target === "postgres") {
      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db.kysely)).rows[0]?.s;
      other = createDatabase({
        databaseUrl: PG_URL,
        dataDir: config.DATA_DIR,
        pgSchema: schema,
        poolSize: 5,
      });
    }
    const apps: TestApp[] = [];
    try {
      const r = await receiver(() => ({ status: 200 }));
      apps.push(await buildTestApp({ target, db, env: ALLOW }));
      const first = apps[0] as TestApp;
      const { owner, project, base } = await setUp(first);
      await createHook(first, owner, base, r.url);
      const N = 60;
      for (let i = 0; i < N; i++) await emit(first, project.id, "prompt.label.moved", { i });
      // Both instances start polling on the full outbox at once.
      const [a, b] = await Promise.all([
        buildTestApp({ target, db, env: { ...ALLOW, ...WORKER } }),
        buildTestApp({ target, db: other, env: { ...ALLOW, ...WORKER } }),
      ]);
      apps.push(a, b);
      await waitUntil(() => r.received.length >= N, 20_000, "every delivery");
      await new Promise((res) => setTimeout(res, 300));
      expect(r.received).toHaveLength(N);
      expect(new Set(r.received.map((x) => x.headers["promptforge-delivery"])).size).toBe(N);
      const sent = async (t: TestApp) =>
        metricValue(t.app, "webhook_deliveries_total", { event: "prompt.label.moved", result: "delivered" });
      expect((await sent(a)) + (await sent(b))).toBe(N);
    } finally {
      for (const t of apps) await t.app.close();
      if (other !== db) await other.close();
      await drop();
    }
  });

  it("resumes the outbox after a restart, including a delivery a dead instance held; a stop gives rows back", async () => {
    const config = testConfig(ALLOW);
    const { db, drop } = await openTestDatabase(target, config);
    try {
      const r = await receiver();
      // First process: queues two deliveries and stops before sending them; a third is "in flight" in a
      // process that died (its claim's lease has lapsed).
      const first = await buildTestApp({ target, db, env: ALLOW });
      const { owner, project, base } = await setUp(first);
      const hook = await createHook(first, owner, base, r.url);
      for (let i = 0; i < 3; i++) await emit(first, project.id, "prompt.label.moved", { i });
      const [held] = await statuses(first, hook.id);
      await db.kysely
        .updateTable("webhook_deliveries")
        .set({ status: "delivering", claim: "dead-instance", claimed_until: "2000-01-01T00:00:00.000Z" })
        .where("id", "=", held?.id as string)
        .execute();
      await first.app.close();
      expect(r.received).toHaveLength(0);

      const second = await buildTestApp({ target, db, env: { ...ALLOW, ...WORKER } });
      await waitUntil(() => r.received.length >= 3, 10_000, "the resumed deliveries");
      await waitUntil(
        async () => (await statuses(second, hook.id)).every((d) => d.status === "delivered"),
        5000,
        "every delivery recorded",
      );
      expect(new Set(r.received.map((x) => x.headers["promptforge-delivery"])).size).toBe(3);
      await second.app.close();

      // A worker stopping while an attempt is in flight aborts it and gives the row back, attempts unchanged.
      const hanging = await receiver(() => "hang");
      const third = await buildTestApp({ target, db, env: { ...ALLOW, ...WORKER } });
      const patched = await third.app.inject({
        method: "PATCH",
        url: `${base}/${hook.id}`,
        headers: owner.auth,
        payload: { url: hanging.url },
      });
      expect(patched.statusCode).toBe(200);
      await emit(third, project.id, "prompt.label.moved", { i: 99 });
      await waitUntil(() => hanging.received.length >= 1, 10_000, "the attempt in flight");
      await third.app.close();
      const rows = await db.kysely
        .selectFrom("webhook_deliveries")
        .select(["status", "attempts", "claim"])
        .where("webhook_id", "=", hook.id)
        .where("status", "<>", "delivered")
        .execute();
      expect(rows).toEqual([{ status: "pending", attempts: 0, claim: null }]);
    } finally {
      await drop();
    }
  });

  it("prunes finished deliveries past WEBHOOK_DELIVERY_RETENTION_DAYS, never ones still to send", async () => {
    const t = await buildTestApp({ target, env: { ...ALLOW, WEBHOOK_DELIVERY_RETENTION_DAYS: "7" } });
    try {
      const { owner, project, base } = await setUp(t);
      const hook = await createHook(t, owner, base, "http://127.0.0.1:9/hook");
      for (let i = 0; i < 4; i++) await emit(t, project.id, "prompt.label.moved", { i });
      const rows = await statuses(t, hook.id);
      const old = new Date(Date.now() - 8 * 86400_000).toISOString();
      const recent = new Date(Date.now() - 6 * 86400_000).toISOString();
      const set = (i: number, status: "delivered" | "failed" | "pending", created_at: string) =>
        databaseOf(t.app)
          .updateTable("webhook_deliveries")
          .set({ status, created_at })
          .where("id", "=", rows[i]?.id as string)
          .execute();
      await set(0, "delivered", old);
      await set(1, "failed", old);
      await set(2, "pending", old); // still to send: kept, however old
      await set(3, "delivered", recent);
      const worker = createWebhookWorker({
        db: databaseOf(t.app),
        clock: Date.now,
        metrics: freshMetrics(),
        logger: silentLogger,
        config: t.config,
      });
      expect(await worker.prune()).toBe(2);
      const left = (await statuses(t, hook.id)).map((d) => d.id).sort();
      expect(left).toEqual([rows[2]?.id, rows[3]?.id].sort());
      expect(await worker.prune()).toBe(0);
    } finally {
      await t.close();
    }
  });

  it("never logs the secret or the URL, nor returns the secret after creation or exports it in /metrics", async () => {
    const logLines: string[] = [];
    const t = await buildTestApp({ target, logLines, env: { ...ALLOW, ...WORKER, LOG_LEVEL: "DEBUG" } });
    try {
      const r = await receiver(() => ({ status: 500 }));
      const { owner, project, base } = await setUp(t);
      const secret = "canary-webhook-signing-secret-5f1c";
      const token = "canary-url-token-77aa";
      const made = await createHook(t, owner, base, `${r.url}?token=${token}`, { secret });
      expect(made.secret).toBe(secret);
      const responses: string[] = [];
      const get = async (url: string, method: "GET" | "POST" | "PATCH" = "GET", payload?: object) => {
        const res = await t.app.inject({ method, url, headers: owner.auth, ...(payload ? { payload } : {}) });
        responses.push(JSON.stringify(res.headers), res.body);
        return res;
      };
      await emit(t, project.id, "prompt.label.moved", { label: "production" });
      await waitUntil(() => r.received.length >= 1, 10_000, "the failing attempt");
      await waitUntil(async () => (await statuses(t, made.id))[0]?.attempts === 1, 5000, "its record");
      expect(
        verifySignature(
          secret,
          r.received[0]?.headers["promptforge-signature"] as string,
          r.received[0]?.body ?? "",
        ).ok,
      ).toBe(true);
      await get(`${base}/${made.id}/test`, "POST");
      await get(base);
      await get(`${base}/${made.id}`);
      await get(`${base}/${made.id}/deliveries`);
      await get(`${base}/${made.id}`, "PATCH", { active: true });
      await get(`/api/v1/projects/${project.slug}/audit`);
      const metrics = (await t.app.inject({ url: "/metrics" })).body;
      const logText = logLines.join("\n");
      expect(logText).toMatch(/Webhook delivery failed; will retry/);
      for (const canary of [secret, token]) {
        expect(logText, "log lines").not.toContain(canary);
        expect(metrics, "/metrics").not.toContain(canary);
      }
      expect(responses.join("\n")).not.toContain(secret);
    } finally {
      await t.close();
    }
  });
});
