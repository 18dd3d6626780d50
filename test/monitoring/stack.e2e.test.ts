// The monitoring stack end to end, with the real servers on 127.0.0.1: PromptForge (the real app, over
// real HTTP, its Gemini provider pointed at a loopback fake), a real Prometheus scraping it with test
// copies of monitoring/prometheus.yml and alerts.yml (1 s intervals, 1 s `for:`), and a real Alertmanager
// with monitoring/alertmanager.yml's routes and inhibitions, its receivers turned into webhooks to a
// receiver in this test. It drives traffic through the API, cuts PromptForge off from its database and
// waits for DatabaseDown to be delivered, then runs every query of every dashboard panel through
// Prometheus' HTTP API. No panel is exempt: the fake Gemini gives the LLM panels their data (its answers
// do not fit the analysis schema, so they also exercise the offline-engine fallback).

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle, ensureSchema } from "../../src/db/database.js";
import { createMetrics, trackDatabaseQuery } from "../../src/observability/metrics.js";
import { buildTestApp, PG_URL, type TestApp } from "../helpers/app.js";
import { startTcpProxy } from "../helpers/tcp-proxy.js";
import { findAlertmanager, findPrometheus, missing } from "../helpers/tools.js";
import { type Receiver, startReceiver } from "../helpers/webhook-receiver.js";
import {
  allPanels,
  type Dashboard,
  freePort,
  interpolate,
  readYaml,
  repoPath,
  toYaml,
} from "./monitoring-helpers.js";

const TARGET = PG_URL ? "postgres" : "sqlite";
const ENVIRONMENT = "staging";
const METRICS_TOKEN = "e2e-metrics-token";

// ---- small utilities --------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value (not undefined) or the deadline passes. */
async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

interface Daemon {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

function startDaemon(cmd: string, args: string[]): Daemon {
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return {
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address();
  return typeof addr === "object" && addr ? addr.port : 0;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString();
    });
    req.on("end", () => resolveBody(body));
  });
}

// ---- the stack ----------------------------------------------------------------------------------------

interface WebhookMessage {
  receiver: string;
  status: string;
  alerts: { status: string; labels: Record<string, string>; annotations: Record<string, string> }[];
}

interface PromResult {
  metric: Record<string, string>;
  value?: [number, string];
}

const prometheusTool = findPrometheus();
const alertmanagerTool = findAlertmanager();

describe.skipIf(missing(prometheusTool, alertmanagerTool))(`monitoring stack end to end (${TARGET})`, () => {
  const dir = mkdtempSync(join(tmpdir(), "promptforge-stack-"));
  const webhooks: WebhookMessage[] = [];
  /** PromptForge's own log lines (the outage logs errors on purpose). */
  const appLog: string[] = [];
  let hook: Server | undefined;
  let gemini: Server | undefined;
  let geminiFailing = false;
  let clockOffset = 0;
  let t: TestApp;
  let db: DatabaseHandle;
  let cutDatabase: () => void;
  let dropDatabase: () => Promise<void> = async () => {};
  let prometheus: Daemon | undefined;
  let alertmanager: Daemon | undefined;
  let appUrl = "";
  let promUrl = "";
  let instance = "";
  let apiRequests = 0;
  let token = "";
  /** A receiver on loopback for a webhook of the operator's personal project (the webhook panels). */
  let receiver: Receiver | undefined;
  let webhookId = "";
  const user = { username: "e2e_operator", email: "operator@example.com", password: "tide-pool lanterns 42" };

  async function api(method: string, path: string, body?: unknown, token?: string) {
    const res = await fetch(`${appUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (path.startsWith("/api/")) apiRequests++;
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as Record<string, unknown> | null };
  }

  async function promQuery(query: string): Promise<{ status: string; error?: string; result: PromResult[] }> {
    const res = await fetch(`${promUrl}/api/v1/query?${new URLSearchParams({ query })}`);
    const body = (await res.json()) as { status: string; error?: string; data?: { result: PromResult[] } };
    return { status: body.status, error: body.error, result: body.data?.result ?? [] };
  }

  beforeAll(async () => {
    const prometheusBin = prometheusTool.path;
    const alertmanagerBin = alertmanagerTool.path;

    // Webhook receiver: every Alertmanager notification lands here.
    hook = createServer(async (req: IncomingMessage, res: ServerResponse) => {
      webhooks.push(JSON.parse(await readBody(req)) as WebhookMessage);
      res.writeHead(200).end();
    });
    const hookUrl = `http://127.0.0.1:${await listen(hook)}`;

    // A loopback Gemini: model lookups and generateContent, healthy or failing with 500 on demand.
    gemini = createServer(async (req, res) => {
      await readBody(req);
      if (geminiFailing) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: 500, message: "internal", status: "INTERNAL" } }));
        return;
      }
      // The playground's streamed generation: server-sent events of candidates, usage on the last.
      if (req.url?.includes(":streamGenerateContent")) {
        res.writeHead(200, { "content-type": "text/event-stream" });
        const chunk = (text: string, usage?: object) =>
          `data: ${JSON.stringify({ candidates: [{ content: { role: "model", parts: [{ text }] } }], ...(usage ? { usageMetadata: usage } : {}) })}\r\n\r\n`;
        res.end(
          chunk("Hello ") +
            chunk("there.", { promptTokenCount: 12, candidatesTokenCount: 3, totalTokenCount: 15 }),
        );
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      if (req.method === "GET") {
        res.end(JSON.stringify({ name: "models/gemini-2.5-flash", displayName: "Gemini 2.5 Flash" }));
      } else {
        res.end(
          JSON.stringify({
            candidates: [{ content: { role: "model", parts: [{ text: "{}" }] }, finishReason: "STOP" }],
            usageMetadata: { promptTokenCount: 120, candidatesTokenCount: 40, totalTokenCount: 160 },
          }),
        );
      }
    });
    const geminiUrl = `http://127.0.0.1:${await listen(gemini)}`;

    // PromptForge's database: PostgreSQL behind a proxy we can cut, or SQLite whose handle we close.
    const metrics = createMetrics({ version: "1.0.0-e2e", commit: "e2e", environment: ENVIRONMENT });
    const onQuery = (e: { operation: string; seconds: number }) =>
      trackDatabaseQuery(metrics, e.operation, e.seconds);
    if (PG_URL) {
      const pgUrl = new URL(PG_URL);
      const proxy = await startTcpProxy(pgUrl.hostname, Number(pgUrl.port || 5432));
      const schema = `pf_e2e_${Date.now().toString(36)}`;
      const admin = createDatabase({ databaseUrl: PG_URL, dataDir: dir, poolSize: 1 });
      await ensureSchema(admin, schema);
      await admin.close();
      const proxied = new URL(PG_URL);
      proxied.hostname = "127.0.0.1";
      proxied.port = String(proxy.port);
      db = createDatabase({
        databaseUrl: proxied.toString(),
        dataDir: dir,
        pgSchema: schema,
        poolSize: 5,
        onQuery,
      });
      cutDatabase = proxy.cut;
      dropDatabase = async () => {
        const cleanup = createDatabase({ databaseUrl: PG_URL as string, dataDir: dir, poolSize: 1 });
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(cleanup.kysely);
        await cleanup.close();
      };
    } else {
      db = createDatabase({ dataDir: dir, sqliteFile: "e2e.db", onQuery });
      cutDatabase = () => void db.close();
    }

    t = await buildTestApp({
      db,
      logLines: appLog,
      metrics,
      clock: () => Date.now() + clockOffset,
      observability: { databasePingIntervalMs: 250 },
      env: {
        ENVIRONMENT,
        METRICS_TOKEN,
        // Every request counts as slow, so the slow-request panels have data.
        SLOW_REQUEST_THRESHOLD: "0.001",
        ENABLE_TEST_ERROR_ENDPOINT: "true",
        LOGIN_RATE_LIMIT_MAX: "2",
        GEMINI_API_KEY: "e2e-gemini-key",
        GEMINI_BASE_URL: geminiUrl,
        LLM_MAX_RETRIES: "0",
        // The rescore job looks every second, so the scores aged below are rescored between scrapes.
        RESCORE_ENABLED: "true",
        RESCORE_INTERVAL: "1",
        RESCORE_PAUSE_MS: "0",
        // Webhook pings go to a receiver on loopback, sent by this instance's worker.
        WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
        WEBHOOK_WORKER_ENABLED: "true",
      },
    });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const appAddr = t.app.server.address();
    const appPort = typeof appAddr === "object" && appAddr ? appAddr.port : 0;
    appUrl = `http://127.0.0.1:${appPort}`;
    instance = `127.0.0.1:${appPort}`;

    // Alertmanager: the shipped routes and inhibitions; every receiver becomes a webhook named after it.
    const am = readYaml<{
      global: Record<string, unknown>;
      route: Record<string, unknown>;
      receivers: { name: string }[];
    }>(repoPath("monitoring/alertmanager.yml"));
    for (const key of Object.keys(am.global)) if (key.startsWith("smtp_")) delete am.global[key];
    am.route.group_wait = "1s";
    am.route.group_interval = "1s";
    am.receivers = am.receivers.map((r) => ({
      name: r.name,
      webhook_configs: [{ url: `${hookUrl}/${r.name}`, send_resolved: false }],
    }));
    writeFileSync(join(dir, "alertmanager.yml"), toYaml(am));
    const amPort = await freePort();
    alertmanager = startDaemon(alertmanagerBin, [
      `--config.file=${join(dir, "alertmanager.yml")}`,
      `--storage.path=${join(dir, "am-data")}`,
      `--web.listen-address=127.0.0.1:${amPort}`,
      "--cluster.listen-address=",
    ]);

    // Prometheus: the shipped config and rules, with 1 s intervals and 1 s `for:`.
    const rules = readYaml<{ groups: { rules: { alert?: string; for?: string }[] }[] }>(
      repoPath("monitoring/alerts.yml"),
    );
    for (const g of rules.groups) for (const r of g.rules) if (r.for) r.for = "1s";
    writeFileSync(join(dir, "alerts.yml"), toYaml(rules));
    writeFileSync(join(dir, "metrics_token"), METRICS_TOKEN);
    const prom = readYaml<{
      global: Record<string, unknown>;
      rule_files: string[];
      alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
      scrape_configs: {
        job_name: string;
        scrape_interval?: string;
        authorization?: { credentials_file: string };
        static_configs?: { targets: string[] }[];
      }[];
    }>(repoPath("monitoring/prometheus.yml"));
    prom.global.scrape_interval = "1s";
    prom.global.evaluation_interval = "1s";
    prom.rule_files = [join(dir, "alerts.yml")];
    prom.alerting.alertmanagers = [{ static_configs: [{ targets: [`127.0.0.1:${amPort}`] }] }];
    const job = prom.scrape_configs.find((s) => s.job_name === "promptforge");
    if (!job?.authorization) throw new Error("monitoring/prometheus.yml: no promptforge job with a token");
    job.scrape_interval = "1s";
    job.static_configs = [{ targets: [instance] }];
    job.authorization.credentials_file = join(dir, "metrics_token");
    prom.scrape_configs = [job];
    writeFileSync(join(dir, "prometheus.yml"), toYaml(prom));
    const promPort = await freePort();
    promUrl = `http://127.0.0.1:${promPort}`;
    prometheus = startDaemon(prometheusBin, [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "prom-data")}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
    ]);

    const ready = async (url: string, daemon: Daemon) => {
      if (daemon.child.exitCode !== null) throw new Error(`exited: ${daemon.output()}`);
      const res = await fetch(url).catch(() => undefined);
      return res?.ok ? true : undefined;
    };
    await waitFor(
      "Alertmanager",
      () => ready(`http://127.0.0.1:${amPort}/-/ready`, alertmanager as Daemon),
      20_000,
    );
    await waitFor("Prometheus", () => ready(`${promUrl}/-/ready`, prometheus as Daemon), 20_000);
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
    await alertmanager?.stop();
    await t?.close().catch(() => {});
    await receiver?.close();
    await dropDatabase().catch(() => {});
    // Only what beforeAll got as far as creating: closing a server never made would wait forever.
    for (const server of [hook, gemini]) if (server) await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  /** One round of everyday traffic through the API (what a dashboard shows). */
  async function driveTraffic(round: number, token: string) {
    const text = "Write a haiku about monitoring. Keep it under 20 words and avoid jargon.";
    for (let i = 0; i < 2; i++) {
      const p = await api(
        "POST",
        "/api/v1/prompts",
        {
          title: `Release notes ${round}.${i}`,
          content: "Summarise the changes in this release for customers.",
        },
        token,
      );
      expect(p.status).toBe(201);
      await api("GET", `/api/v1/prompts/${p.json?.id as string}`, undefined, token);
    }
    await api("GET", "/api/v1/prompts?limit=10", undefined, token);
    // The scores just stored, as an older engine would have left them: the rescore job picks them up.
    await db.kysely
      .updateTable("analyses")
      .set({ engine_version: "0.0.0-e2e" })
      .where("engine", "=", "local")
      .execute();
    await api("GET", "/api/v1/prompts/0190a000-0000-7000-8000-000000000000", undefined, token);
    const tpl = await api(
      "POST",
      "/api/v1/templates",
      {
        name: `Bug report ${round}`,
        content: "Describe the bug in {{component}}.",
        variables: [{ name: "component", required: true }],
      },
      token,
    );
    expect(tpl.status).toBe(201);
    const used = await api(
      "POST",
      `/api/v1/templates/${tpl.json?.id as string}/use`,
      { variables: { component: "login" } },
      token,
    );
    expect(used.status).toBe(200);
    await api("GET", "/api/v1/users/me/stats", undefined, token);
    await api("POST", "/api/v1/auth/login", { username: user.username, password: user.password });
    await api("POST", "/api/v1/auth/login", { username: user.username, password: "wrong password!" });
    // Analyses through the (fake) Gemini provider: healthy, then failing into the offline engine.
    expect((await api("POST", "/api/v1/analysis/analyze", { text }, token)).status).toBe(200);
    await api("POST", "/api/v1/analysis/enhance", { text }, token);
    // The Gemini health check is cached for 30 s: the app's clock moves past it, healthy then failing.
    clockOffset += 31_000;
    expect((await api("GET", "/health/detailed")).status).toBe(200);
    clockOffset += 31_000;
    geminiFailing = true;
    await api("GET", "/health/detailed");
    await api("POST", "/api/v1/analysis/analyze", { text: `${text} Round ${round}.` }, token);
    geminiFailing = false;
    // Browser vitals and one unexpected error.
    const rum = await api("POST", "/api/v1/rum", {
      page: "analyser",
      metrics: [
        { name: "LCP", value: 1.2 + round / 10 },
        { name: "INP", value: 0.08 },
        { name: "CLS", value: 0.02 },
      ],
    });
    expect(rum.status).toBe(204);
    expect((await api("POST", "/api/v1/test-error")).status).toBe(500);
    for (const probe of ["/health", "/health/live", "/health/ready"]) await api("GET", probe);
    // A webhook ping each round (attempts and their duration), and a registry fetch (every answer is timed;
    // a name no prompt has is fine).
    const personal = `/api/v1/projects/~${user.username}`;
    if (!webhookId) {
      receiver = await startReceiver();
      const made = await api(
        "POST",
        `${personal}/webhooks`,
        { url: receiver.url, events: ["prompt.label.moved"] },
        token,
      );
      expect(made.status).toBe(201);
      webhookId = made.json?.id as string;
    }
    const ping = await api("POST", `${personal}/webhooks/${webhookId}/test`, undefined, token);
    expect(ping.json?.status).toBe("delivered");
    await api("GET", `/api/v1/registry/~${user.username}/release-notes-${round}`, undefined, token);
    // A playground try on Gemini: generation latency, tokens and cost (gemini-2.5-flash is priced).
    const tried = await fetch(`${appUrl}${personal}/playground`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({
        content: `Greet the new team member, round ${round}.`,
        targets: [{ provider: "gemini", model: "gemini-2.5-flash" }],
      }),
    });
    apiRequests++;
    const triedBody = (await tried.json()) as { results?: Array<{ error?: unknown }> };
    expect(tried.status, JSON.stringify(triedBody)).toBe(200);
    expect(triedBody.results?.[0]?.error ?? null, JSON.stringify(triedBody)).toBeNull();
  }

  /** Waits until Prometheus has scraped every API request made so far; returns what it counted. */
  async function scrapedRequests(): Promise<number> {
    const expected = apiRequests;
    return waitFor(
      "Prometheus to scrape the traffic",
      async () => {
        const r = await promQuery(`sum(http_requests_total{job="promptforge", instance="${instance}"})`);
        const n = Number(r.result[0]?.value?.[1] ?? 0);
        return n >= expected ? n : undefined;
      },
      20_000,
    );
  }

  it("scrapes PromptForge with the metrics token as traffic goes through the API", async () => {
    // A registration and a login, then throttled logins after too many failures.
    expect((await api("POST", "/api/v1/auth/register", user)).status).toBe(201);
    const login = await api("POST", "/api/v1/auth/login", {
      username: user.username,
      password: user.password,
    });
    expect(login.status).toBe(200);
    token = login.json?.access_token as string;
    // Two rounds with a scrape between them: counters must be seen to grow for rate() to see traffic.
    await driveTraffic(1, token);
    await scrapedRequests();
    await driveTraffic(2, token);
    // Probes and /metrics are not in http_requests_total: exactly the API requests are.
    expect(await scrapedRequests()).toBe(apiRequests);
    // The rescore job takes the scores aged in round 2 within a second: wait until Prometheus has seen its
    // batch counter grow, or a batch run before the first scrape leaves the rescore panels with no rate.
    await waitFor(
      "Prometheus to scrape a rescore batch",
      async () => {
        const r = await promQuery(
          `increase(analysis_rescore_batch_duration_seconds_count{instance="${instance}"}[5m])`,
        );
        return Number(r.result[0]?.value?.[1] ?? 0) > 0 ? true : undefined;
      },
      20_000,
    );
    const up = await promQuery(`up{job="promptforge", instance="${instance}"}`);
    expect(up.result[0]?.value?.[1]).toBe("1");
  });

  it("delivers DatabaseDown through Alertmanager's page route when PromptForge loses its database", async () => {
    const before = await promQuery(`promptforge_database_up{instance="${instance}"}`);
    expect(before.result[0]?.value?.[1]).toBe("1");

    cutDatabase();
    // Requests that need the database now fail with a 5xx.
    for (let i = 0; i < 4; i++) {
      expect((await api("GET", "/api/v1/users/me/stats", undefined, token)).status).toBeGreaterThanOrEqual(
        500,
      );
    }

    const message = await waitFor(
      "DatabaseDown at the webhook",
      async () =>
        webhooks.find((m) =>
          m.alerts.some((a) => a.labels.alertname === "DatabaseDown" && a.status === "firing"),
        ),
      30_000,
    );
    expect(message.receiver).toBe("email-oncall");
    const alert = message.alerts.find((a) => a.labels.alertname === "DatabaseDown");
    expect(alert?.labels).toMatchObject({ job: "promptforge", instance, severity: "critical" });
    expect(alert?.annotations.summary).toBe(`Database unreachable from PromptForge instance ${instance}`);
    expect(alert?.annotations.runbook_url).toBe("docs/runbooks.md#databasedown");

    // ReadinessFailing fires in Prometheus too, but Alertmanager inhibits it: the database is the cause.
    await waitFor(
      "ReadinessFailing to fire in Prometheus",
      async () => {
        const r = await promQuery('ALERTS{alertname="ReadinessFailing", alertstate="firing"}');
        return r.result.length ? true : undefined;
      },
      15_000,
    );
    await sleep(3000);
    const delivered = webhooks.flatMap((m) => m.alerts.map((a) => a.labels.alertname));
    expect(delivered).toContain("DatabaseDown");
    expect(delivered).not.toContain("ReadinessFailing");
  }, 60_000);

  it("answers every query of every dashboard panel with data", async () => {
    const dashboard = JSON.parse(
      readFileSync(repoPath("monitoring/grafana/dashboards/promptforge.json"), "utf8"),
    ) as Dashboard;

    // The variables: environment and instance come from promptforge_build_info.
    const series = await fetch(
      `${promUrl}/api/v1/series?${new URLSearchParams({ "match[]": `promptforge_build_info{environment=~"${ENVIRONMENT}"}` })}`,
    ).then((r) => r.json() as Promise<{ data: Record<string, string>[] }>);
    expect(series.data.map((s) => [s.environment, s.instance])).toEqual([[ENVIRONMENT, instance]]);

    const vars = {
      instance: instance.replace(/\./g, "\\\\."),
      environment: ENVIRONMENT,
      __rate_interval: "5m",
      __range: "5m",
      __interval: "1s",
    };
    const problems: string[] = [];
    let queried = 0;
    for (const panel of allPanels(dashboard)) {
      for (const target of panel.targets ?? []) {
        const query = interpolate(target.expr, vars);
        expect(query, `${panel.title}: uninterpolated variable`).not.toMatch(/\$/);
        const r = await promQuery(query);
        queried++;
        if (r.status !== "success") {
          problems.push(`${panel.title} [${target.refId}] does not parse: ${r.error}\n  ${query}`);
          continue;
        }
        const finite = r.result.filter((s) => Number.isFinite(Number(s.value?.[1])));
        if (!finite.length)
          problems.push(
            `${panel.title} [${target.refId}] returns no data: ${JSON.stringify(r.result).slice(0, 300)}\n  ${query}`,
          );
      }
    }
    expect(queried).toBeGreaterThan(40);
    expect(problems, problems.join("\n")).toEqual([]);
  }, 30_000);
});
