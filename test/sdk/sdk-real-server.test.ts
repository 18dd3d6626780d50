// The SDK against the real PromptForge server process (src/server.ts run by Node, on SQLite and on
// PostgreSQL): first fetch, 304 revalidation, a label moved and picked up after the TTL, the server
// killed (served from cache), a cold start with the server down (served from the snapshot), no
// snapshot and no fallback (typed error), and a corrupted snapshot (ignored, error event).
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Prompt,
  PromptForge,
  type PromptForgeEvent,
  PromptForgeUnavailableError,
  PromptNotFoundError,
} from "../../packages/sdk/src/index.js";
import { createDatabase, ensureSchema } from "../../src/db/database.js";
import { DB_TARGETS, PG_URL } from "../helpers/app.js";
import { type ServerProcess, startServerProcess } from "../helpers/server-process.js";

const PASSWORD = "harbour-lantern-violet-62";
const TTL_SECONDS = 0.3;

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DB_TARGETS)("SDK against the real server (%s)", (target) => {
  const dataDir = mkdtempSync(join(tmpdir(), "pf-sdk-real-"));
  const snapshotPath = join(dataDir, "sdk", "snapshot.json");
  const schema = `pf_sdk_${randomBytes(5).toString("hex")}`;
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    JWT_SECRET: "sdk-real-server-test-secret-sdk-real-server-test",
  };
  if (target === "postgres") {
    env.DATABASE_URL = `${PG_URL}${PG_URL?.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  }
  let server: ServerProcess;
  let base: string;
  let apiKey: string;
  let promptId: string;
  let userAuth: Record<string, string>;

  const api = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...userAuth,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };

  beforeAll(async () => {
    if (target === "postgres") {
      const admin = createDatabase({ databaseUrl: PG_URL, dataDir, poolSize: 1 });
      await ensureSchema(admin, schema);
      await admin.close();
    }
    server = await startServerProcess(env);
    base = server.base;
    userAuth = {};
    expect(
      (
        await api("POST", "/api/v1/auth/register", {
          username: "sdkuser",
          email: "sdkuser@example.com",
          password: PASSWORD,
        })
      ).status,
    ).toBe(201);
    const login = await api("POST", "/api/v1/auth/login", { username: "sdkuser", password: PASSWORD });
    userAuth = { authorization: `Bearer ${login.body.access_token}` };
    expect((await api("POST", "/api/v1/projects", { name: "Support bot", slug: "support-bot" })).status).toBe(
      201,
    );
    const key = await api("POST", "/api/v1/projects/support-bot/api-keys", {
      name: "app",
      scopes: ["registry:read"],
    });
    expect(key.status).toBe(201);
    apiKey = key.body.key;
    const created = await api("POST", "/api/v1/projects/support-bot/prompts", {
      title: "Greeting",
      name: "support/greet",
      content: "Hello {{customer}}, version one.",
      variables: [{ name: "customer", type: "string", required: true }],
      config: { model: "gpt-4o-mini", temperature: 0.2 },
    });
    expect(created.status).toBe(201);
    promptId = created.body.id;
    const v2 = await api(
      "PATCH",
      `/api/v1/projects/support-bot/prompts/${promptId}`,
      { content: "Hello {{customer}}, version two." },
      { "if-match": '"1"' },
    );
    expect(v2.status).toBe(200);
    expect(
      (await api("PUT", `/api/v1/projects/support-bot/prompts/${promptId}/labels/staging`, { version: 1 }))
        .status,
    ).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (target !== "postgres") return;
    const admin = createDatabase({ databaseUrl: PG_URL, dataDir, poolSize: 1 });
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.kysely);
    await admin.close();
  });

  const client = (opts: { snapshotPath?: string } = {}) => {
    const events: PromptForgeEvent[] = [];
    const pf = new PromptForge({
      baseUrl: base,
      apiKey,
      project: "support-bot",
      cacheTtlSeconds: TTL_SECONDS,
      timeoutMs: 3000,
      onEvent: (e) => events.push(e),
      ...opts,
    });
    return { pf, events, types: () => events.map((e) => e.type) };
  };
  const text = (p: Prompt) => {
    if (p.type !== "text") throw new Error(`expected a text prompt, got ${p.type}`);
    return p;
  };

  // One story, in order: each step starts from the state the previous one left.
  const app = { current: null as ReturnType<typeof client> | null };

  it("fetches a labelled prompt and compiles it locally exactly as the server compiles it", async () => {
    app.current = client({ snapshotPath });
    const p = text(await app.current.pf.getPrompt("support/greet", { label: "staging" }));
    expect(p).toMatchObject({ name: "support/greet", version: 1, source: "server" });
    expect(p.config).toMatchObject({ model: "gpt-4o-mini", temperature: 0.2 });
    const local = p.compile({ customer: "Ada" });
    expect(local).toBe("Hello Ada, version one.");
    const remote = await api(
      "POST",
      "/api/v1/registry/support-bot/support/greet/compile",
      { label: "staging", variables: { customer: "Ada" } },
      { authorization: `Bearer ${apiKey}` },
    );
    expect(remote.status).toBe(200);
    expect(JSON.stringify(remote.body)).toContain(JSON.stringify(local));
    // the snapshot holds it now
    expect(readFileSync(snapshotPath, "utf8")).toContain("version one");
  });

  it("revalidates after the TTL with If-None-Match and gets 304", async () => {
    const c = app.current!;
    await sleep(TTL_SECONDS * 1000 + 50);
    expect(await c.pf.getPrompt("support/greet", { label: "staging" })).toMatchObject({
      version: 1,
      source: "cache",
    });
    await until(() => c.types().includes("not_modified"), "not_modified");
    expect(c.types().filter((t) => t === "error")).toEqual([]);
  });

  it("picks up a moved label after the TTL", async () => {
    const c = app.current!;
    const moved = await api("PUT", `/api/v1/projects/support-bot/prompts/${promptId}/labels/staging`, {
      version: 2,
    });
    expect(moved.status).toBe(200);
    // within the TTL: still the cached version, no request
    await sleep(TTL_SECONDS * 1000 + 50);
    expect((await c.pf.getPrompt("support/greet", { label: "staging" })).version).toBe(1);
    await until(() => c.types().includes("revalidated"), "revalidated");
    expect(c.events.at(-1)).toMatchObject({ type: "revalidated", version: 2, previousVersion: 1 });
    const p = text(await c.pf.getPrompt("support/greet", { label: "staging" }));
    expect(p.compile({ customer: "Ada" })).toBe("Hello Ada, version two.");
    expect(readFileSync(snapshotPath, "utf8")).toContain("version two");
  });

  it("compiles a composed prompt locally exactly as the server does, with the included prompt's variables", async () => {
    const make = async (body: object) => {
      const res = await api("POST", "/api/v1/projects/support-bot/prompts", body);
      expect(res.status).toBe(201);
      const label = await api("PUT", `/api/v1/projects/support-bot/prompts/${res.body.id}/labels/staging`, {
        version: 1,
      });
      expect(label.status).toBe(200);
    };
    await make({
      title: "Signature",
      name: "support/signature",
      content: "— {{agent}}, {{#team}}{{team}} team{{/team}}",
      variables: [
        { name: "agent", type: "string", required: true },
        { name: "team", type: "string" },
      ],
    });
    await make({
      title: "Reply",
      name: "support/reply",
      content: "Dear {{customer}},\n{{> support/signature}}",
      variables: [{ name: "customer", type: "string", required: true }],
    });
    const c = client();
    const p = text(await c.pf.getPrompt("support/reply", { label: "staging" }));
    expect(p.resolvedFrom).toMatchObject([{ name: "support/signature", version: 1 }]);
    const variables = { customer: "Ada", agent: "Grace", team: "Billing" };
    const remote = await api(
      "POST",
      "/api/v1/registry/support-bot/support/reply/compile",
      { label: "staging", variables },
      { authorization: `Bearer ${apiKey}` },
    );
    expect(remote.status).toBe(200);
    expect(p.compile(variables)).toBe("Dear Ada,\n— Grace, Billing team");
    expect(remote.body.content).toBe(p.compile(variables));
    // and both refuse the same mistakes
    expect(() => p.compile({ customer: "Ada" })).toThrow(/agent is required/);
    const bad = await api(
      "POST",
      "/api/v1/registry/support-bot/support/reply/compile",
      { label: "staging", variables: { customer: "Ada" } },
      { authorization: `Bearer ${apiKey}` },
    );
    expect(bad.status).toBe(422);
  });

  it("answers a name the registry does not have with PromptNotFoundError", async () => {
    const err = await app
      .current!.pf.getPrompt("support/nope", { label: "staging" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PromptNotFoundError);
  });

  it("keeps serving from its cache when the server is killed", async () => {
    const c = app.current!;
    server.child.kill("SIGKILL");
    await server.stop();
    const before = c.events.length;
    for (let i = 0; i < 3; i++) {
      await sleep(TTL_SECONDS * 1000 + 50);
      const p = await c.pf.getPrompt("support/greet", { label: "staging" });
      expect(p).toMatchObject({ version: 2, source: "cache" });
    }
    await until(() => c.events.slice(before).some((e) => e.type === "error"), "an error event");
    expect(c.events.slice(before).find((e) => e.type === "error")?.error?.code).toBe("unavailable");
  });

  it("serves the snapshot at a cold start while the server is down", async () => {
    const cold = client({ snapshotPath });
    const p = text(await cold.pf.getPrompt("support/greet", { label: "staging" }));
    expect(p).toMatchObject({ version: 2, source: "snapshot" });
    expect(p.compile({ customer: "Grace" })).toBe("Hello Grace, version two.");
    expect(cold.types()).toEqual(["error", "snapshot"]);
  });

  it("throws a typed error at a cold start with no snapshot and no fallback", async () => {
    const bare = client();
    const err = await bare.pf.getPrompt("support/greet", { label: "staging" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PromptForgeUnavailableError);
    expect(err).toMatchObject({ code: "unavailable" });
    // the caller's fallback, when given
    const fb = await bare.pf.getPrompt("support/greet", {
      label: "staging",
      fallback: "Hello {{customer}}.",
    });
    expect(fb).toMatchObject({ source: "fallback", isFallback: true });
  });

  it("ignores a corrupted snapshot, with an error event", async () => {
    const corrupt = join(dataDir, "corrupt.json");
    writeFileSync(corrupt, readFileSync(snapshotPath, "utf8").slice(0, 100));
    const c = client({ snapshotPath: corrupt });
    const err = await c.pf.getPrompt("support/greet", { label: "staging" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PromptForgeUnavailableError);
    expect(c.events.map((e) => [e.type, e.error?.code])).toEqual([
      ["error", "unavailable"],
      ["error", "snapshot_invalid"],
    ]);
  });
});
