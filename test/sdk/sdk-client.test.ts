// The SDK's edge cases against a small registry stand-in on loopback, where each answer can be chosen:
// cache and TTL, revalidation, one request per prompt at a time, time-outs, every failure's typed
// error, the snapshot file and the caller's fallback. sdk-real-server.test.ts runs the outage story
// against the real PromptForge server process.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  PromptCompileError,
  PromptForge,
  PromptForgeAuthError,
  PromptForgeError,
  type PromptForgeEvent,
  PromptForgeUnavailableError,
  PromptNotFoundError,
} from "../../packages/sdk/src/index.js";

const KEY = "pf_canary_sdk_key_5b1e0c";

interface Registry {
  server: Server;
  base: string;
  requests: { url: string; auth?: string; ifNoneMatch?: string }[];
  /** How the next requests are answered; the default serves `prompt` with an ETag of its version. */
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

const textPrompt = (version: number, content = `Hello {{name}}, this is v${version}.`) => ({
  name: "support/greet",
  type: "text",
  version,
  labels: ["production"],
  content,
  variables: [{ name: "name", type: "string", required: true }],
  config: { model: "gpt-4o-mini", temperature: 0.2 },
  resolved_from: [],
  served: { version },
});

let current: Record<string, unknown> = textPrompt(1);
const serveCurrent = (req: IncomingMessage, res: ServerResponse) => {
  const etag = `"v${current.version}"`;
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304, { etag }).end();
    return;
  }
  res.writeHead(200, { "content-type": "application/json", etag }).end(JSON.stringify(current));
};

let registry: Registry;

beforeAll(async () => {
  const requests: Registry["requests"] = [];
  const r: Partial<Registry> = { requests, handler: serveCurrent };
  const server = createServer((req, res) => {
    requests.push({
      url: req.url ?? "",
      ...(req.headers.authorization ? { auth: req.headers.authorization } : {}),
      ...(req.headers["if-none-match"] ? { ifNoneMatch: String(req.headers["if-none-match"]) } : {}),
    });
    (r as Registry).handler(req, res);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as { port: number };
  Object.assign(r, { server, base: `http://127.0.0.1:${port}` });
  registry = r as Registry;
});

afterAll(async () => {
  registry.server.closeAllConnections();
  await new Promise((ok) => registry.server.close(ok));
});

afterEach(() => {
  registry.requests.length = 0;
  registry.handler = serveCurrent;
  current = textPrompt(1);
});

function client(opts: Partial<ConstructorParameters<typeof PromptForge>[0]> = {}) {
  const events: PromptForgeEvent[] = [];
  const pf = new PromptForge({
    baseUrl: registry.base,
    apiKey: KEY,
    project: "support-bot",
    onEvent: (e) => events.push(e),
    ...opts,
  });
  return { pf, events };
}

async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const types = (events: PromptForgeEvent[]) => events.map((e) => e.type);

describe("SDK client against a loopback registry", () => {
  it("fetches with the key as a Bearer token, the label and resolve=true, then serves from cache within the TTL", async () => {
    const { pf, events } = client();
    const p = await pf.getPrompt("support/greet");
    expect(p).toMatchObject({
      name: "support/greet",
      type: "text",
      version: 1,
      source: "server",
      isFallback: false,
    });
    expect(p.config).toEqual({ model: "gpt-4o-mini", temperature: 0.2 });
    expect(registry.requests).toEqual([
      {
        url: "/api/v1/registry/support-bot/support/greet?label=production&resolve=true",
        auth: `Bearer ${KEY}`,
      },
    ]);
    const again = await pf.getPrompt("support/greet");
    expect(again).toMatchObject({ version: 1, source: "cache" });
    expect(registry.requests).toHaveLength(1);
    expect(types(events)).toEqual(["hit"]);
  });

  it("asks for a version or another label when told, each cached on its own", async () => {
    const { pf } = client();
    await pf.getPrompt("support/greet", { version: 3 });
    await pf.getPrompt("support/greet", { label: "staging" });
    await pf.getPrompt("support/greet", { version: 3 });
    expect(registry.requests.map((r) => r.url)).toEqual([
      "/api/v1/registry/support-bot/support/greet?version=3&resolve=true",
      "/api/v1/registry/support-bot/support/greet?label=staging&resolve=true",
    ]);
  });

  it("after the TTL returns the cached copy at once and revalidates in the background with If-None-Match", async () => {
    const { pf, events } = client({ cacheTtlSeconds: 0.05 });
    await pf.getPrompt("support/greet");
    await sleep(70);
    const stale = await pf.getPrompt("support/greet");
    expect(stale).toMatchObject({ version: 1, source: "cache" });
    await until(() => types(events).includes("not_modified"), "not_modified");
    expect(registry.requests[1]?.ifNoneMatch).toBe('"v1"');
    expect(types(events)).toEqual(["stale", "not_modified"]);

    // confirmed by the 304: fresh again for a TTL
    await pf.getPrompt("support/greet");
    expect(types(events)).toEqual(["stale", "not_modified", "hit"]);

    current = textPrompt(2);
    await sleep(70);
    expect((await pf.getPrompt("support/greet")).version).toBe(1);
    await until(() => types(events).includes("revalidated"), "revalidated");
    expect(events.at(-1)).toMatchObject({ type: "revalidated", version: 2, previousVersion: 1 });
    expect((await pf.getPrompt("support/greet")).version).toBe(2);
  });

  it("does not wait for the revalidation: a stale copy is returned while the server is still thinking", async () => {
    const { pf, events } = client({ cacheTtlSeconds: 0.02 });
    await pf.getPrompt("support/greet");
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    registry.handler = (req, res) => {
      gate.then(() => serveCurrent(req, res));
    };
    await sleep(30);
    const started = performance.now();
    expect(await pf.getPrompt("support/greet")).toMatchObject({ version: 1, source: "cache" });
    expect(performance.now() - started).toBeLessThan(50);
    await until(() => registry.requests.length === 2, "the revalidation request");
    // more calls meanwhile share the one request in flight
    await pf.getPrompt("support/greet");
    await pf.getPrompt("support/greet");
    release();
    await until(() => types(events).includes("not_modified"), "not_modified");
    expect(registry.requests).toHaveLength(2);
  });

  it("shares one request between concurrent calls for the same prompt", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    registry.handler = (req, res) => {
      gate.then(() => serveCurrent(req, res));
    };
    const { pf } = client();
    const calls = Array.from({ length: 20 }, () => pf.getPrompt("support/greet"));
    await until(() => registry.requests.length === 1, "the request");
    release();
    const prompts = await Promise.all(calls);
    expect(prompts.every((p) => p.version === 1)).toBe(true);
    expect(registry.requests).toHaveLength(1);
  });

  it("gives up on a server that does not answer after timeoutMs, with an unavailable error", async () => {
    registry.handler = () => {}; // accepts, never answers
    const { pf, events } = client({ timeoutMs: 150 });
    const started = Date.now();
    const err = await pf.getPrompt("support/greet").catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(err).toBeInstanceOf(PromptForgeUnavailableError);
    expect(err).toMatchObject({ code: "unavailable", message: expect.stringContaining("150 ms") });
    expect(types(events)).toEqual(["error"]);
  });

  it("maps each refusal to its typed error, with the server's message", async () => {
    const answer =
      (status: number, code: string, message: string) => (_: IncomingMessage, res: ServerResponse) =>
        res
          .writeHead(status, { "content-type": "application/json" })
          .end(JSON.stringify({ error: { code, message }, request_id: "r1" }));
    const { pf } = client();
    registry.handler = answer(404, "not_found", "No prompt named support/greet with label production");
    const notFound = await pf.getPrompt("support/greet").catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(PromptNotFoundError);
    expect(notFound).toMatchObject({ code: "not_found", status: 404 });
    expect((notFound as Error).message).toContain("No prompt named support/greet");

    registry.handler = answer(401, "unauthorized", "Invalid API key");
    expect(await pf.getPrompt("a").catch((e: unknown) => e)).toMatchObject({
      name: "PromptForgeAuthError",
      code: "unauthorized",
      status: 401,
    });
    registry.handler = answer(403, "forbidden", "The key lacks registry:read");
    const forbidden = await pf.getPrompt("b").catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(PromptForgeAuthError);
    expect(forbidden).toMatchObject({ code: "forbidden" });

    registry.handler = answer(503, "unavailable", "Database unavailable");
    expect(await pf.getPrompt("c").catch((e: unknown) => e)).toMatchObject({
      code: "unavailable",
      status: 503,
    });
    registry.handler = answer(400, "bad_request", "What?");
    expect(await pf.getPrompt("d").catch((e: unknown) => e)).toMatchObject({
      code: "invalid_response",
      status: 400,
    });
    registry.handler = (_, res) =>
      res.writeHead(200, { "content-type": "text/html" }).end("<h1>Proxy says hi</h1>");
    const garbage = await pf.getPrompt("e").catch((e: unknown) => e);
    expect(garbage).toBeInstanceOf(PromptForgeError);
    expect(garbage).toMatchObject({ code: "invalid_response" });
  });

  it("keeps serving a prompt it has served once, whatever the server answers later", async () => {
    const { pf, events } = client({ cacheTtlSeconds: 0.02 });
    await pf.getPrompt("support/greet");
    const failures: ((req: IncomingMessage, res: ServerResponse) => void)[] = [
      (_, res) => res.writeHead(500).end(),
      (_, res) => res.writeHead(404, { "content-type": "application/json" }).end("{}"),
      (_, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"version":"two"}'),
      (req) => req.socket.destroy(),
    ];
    for (const failure of failures) {
      registry.handler = failure;
      const before = events.length;
      await sleep(30);
      // the first call after a failure waits for the retry delay (the TTL here), so call until it asked
      for (let i = 0; i < 50 && !events.slice(before).some((e) => e.type === "error"); i++) {
        expect(await pf.getPrompt("support/greet")).toMatchObject({ version: 1, source: "cache" });
        await sleep(10);
      }
      expect(events.slice(before).some((e) => e.type === "error")).toBe(true);
    }
    expect(await pf.getPrompt("support/greet")).toMatchObject({ version: 1 });
  });

  it("serves the caller's fallback, text or chat, when nothing else has the prompt", async () => {
    registry.handler = (req) => req.socket.destroy();
    const { pf, events } = client();
    const text = await pf.getPrompt("support/greet", { fallback: "Hi {{name}}" });
    expect(text).toMatchObject({
      type: "text",
      content: "Hi {{name}}",
      version: 0,
      source: "fallback",
      isFallback: true,
    });
    expect(text.type === "text" && text.compile({ name: "Ada" })).toBe("Hi Ada");
    const chat = await pf.getPrompt("support/greet", {
      fallback: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "{{question}}" },
      ],
    });
    expect(chat.type === "chat" && chat.compile({ question: "Why?" })).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Why?" },
    ]);
    expect(types(events)).toEqual(["error", "fallback", "error", "fallback"]);
    // a fallback is not cached: the server's copy replaces it as soon as the server answers
    registry.handler = serveCurrent;
    expect(await pf.getPrompt("support/greet", { fallback: "Hi" })).toMatchObject({
      version: 1,
      source: "server",
    });
  });

  it("compiles text and chat prompts locally, naming each bad variable", async () => {
    const { pf } = client();
    const p = await pf.getPrompt("support/greet");
    if (p.type !== "text") throw new Error("expected a text prompt");
    expect(p.compile({ name: "Ada" })).toBe("Hello Ada, this is v1.");
    const err = (() => {
      try {
        p.compile({ nam: "typo" });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(PromptCompileError);
    expect((err as PromptCompileError).code).toBe("invalid_variables");
    expect((err as PromptCompileError).issues.map((i) => i.variable).sort()).toEqual(["nam", "name"]);

    current = {
      name: "support/triage",
      type: "chat",
      version: 4,
      labels: ["production"],
      messages: [
        { role: "system", content: "You triage {{#urgent}}URGENT {{/urgent}}tickets." },
        { role: "user", content: "{{ticket}}" },
      ],
      variables: [
        { name: "ticket", type: "string", required: true },
        { name: "urgent", type: "boolean", default: false },
      ],
      config: {},
      resolved_from: [],
    };
    const chat = await pf.getPrompt("support/triage");
    if (chat.type !== "chat") throw new Error("expected a chat prompt");
    expect(chat.compile({ ticket: "Printer on fire", urgent: true })).toEqual([
      { role: "system", content: "You triage URGENT tickets." },
      { role: "user", content: "Printer on fire" },
    ]);
    expect(chat.compile({ ticket: "Login slow" })[0]?.content).toBe("You triage tickets.");
  });

  it("compiles a prompt that declares no variables as the server does: what the template reads is required", async () => {
    current = { ...textPrompt(1, "Dear {{name}},{{#items}} {{title}}{{/items}}"), variables: [] };
    const { pf } = client();
    const p = await pf.getPrompt("support/greet");
    if (p.type !== "text") throw new Error("expected a text prompt");
    expect(p.compile({ name: "Ada", items: [{ title: "one" }, { title: "two" }] })).toBe("Dear Ada, one two");
    expect(() => p.compile({})).toThrow(/name is required/);
    expect(() => p.compile({ name: "Ada", extra: 1 })).toThrow(/extra is not a variable/);
  });

  it("refuses unusable options with invalid_options", async () => {
    const make = (o: object) => () =>
      new PromptForge({ baseUrl: registry.base, apiKey: KEY, project: "p", ...o });
    expect(make({ baseUrl: "localhost:8000" })).toThrow(/baseUrl/);
    expect(make({ apiKey: "" })).toThrow(/apiKey/);
    expect(make({ project: " " })).toThrow(/project/);
    expect(make({ cacheTtlSeconds: -1 })).toThrow(/cacheTtlSeconds/);
    expect(make({ timeoutMs: 0 })).toThrow(/timeoutMs/);
    const { pf } = client();
    await expect(pf.getPrompt("")).rejects.toMatchObject({ code: "invalid_options" });
    await expect(pf.getPrompt("x", { label: "a", version: 2 })).rejects.toMatchObject({
      code: "invalid_options",
    });
    await expect(pf.getPrompt("x", { version: 1.5 })).rejects.toMatchObject({ code: "invalid_options" });
    expect(registry.requests).toHaveLength(0);
  });

  it("never puts the API key in an event or an error message", async () => {
    const { pf, events } = client({ timeoutMs: 100 });
    registry.handler = (_, res) => res.writeHead(401, { "content-type": "application/json" }).end("{}");
    await pf.getPrompt("a").catch(() => {});
    registry.handler = () => {};
    await pf.getPrompt("b", { fallback: "x" });
    expect(events.length).toBeGreaterThan(0);
    const seen = JSON.stringify(
      events.map((e) => ({ ...e, message: e.error?.message, stack: e.error?.stack })),
    );
    expect(seen).not.toContain(KEY);
  });
});

describe("SDK snapshot file", () => {
  const dir = mkdtempSync(join(tmpdir(), "pf-sdk-snap-"));
  let n = 0;
  const freshPath = () => join(dir, `nested-${++n}`, "snapshot.json");

  it("is written after each successful fetch, by rename, and serves a cold start while the server is down", async () => {
    const path = freshPath();
    const first = client({ snapshotPath: path });
    await first.pf.getPrompt("support/greet");
    const saved = JSON.parse(readFileSync(path, "utf8"));
    expect(saved.format).toBe("promptforge-sdk-snapshot");
    expect(Object.values(saved.prompts)).toMatchObject([{ etag: '"v1"', data: { version: 1 } }]);
    expect(readdirSync(join(path, "..")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(readFileSync(path, "utf8")).not.toContain(KEY);

    registry.handler = (req) => req.socket.destroy();
    const cold = client({ snapshotPath: path, cacheTtlSeconds: 0.02 });
    const p = await cold.pf.getPrompt("support/greet");
    expect(p).toMatchObject({ version: 1, source: "snapshot" });
    expect(types(cold.events)).toEqual(["error", "snapshot"]);
    // then served like an expired cached copy, revalidated with the snapshot's ETag once the server is back
    registry.handler = serveCurrent;
    await sleep(30);
    expect(await cold.pf.getPrompt("support/greet")).toMatchObject({ version: 1, source: "cache" });
    await until(() => types(cold.events).includes("not_modified"), "revalidation");
    expect(registry.requests.at(-1)?.ifNoneMatch).toBe('"v1"');
  });

  it("keeps the prompts an earlier process saved when this one saves its own", async () => {
    const path = freshPath();
    const a = client({ snapshotPath: path });
    await a.pf.getPrompt("support/greet", { label: "staging" });
    const b = client({ snapshotPath: path });
    await b.pf.getPrompt("support/greet");
    registry.handler = (req) => req.socket.destroy();
    const c = client({ snapshotPath: path });
    expect(await c.pf.getPrompt("support/greet", { label: "staging" })).toMatchObject({ source: "snapshot" });
    expect(await c.pf.getPrompt("support/greet")).toMatchObject({ source: "snapshot" });
  });

  it("ignores a corrupted snapshot with an error event, and replaces it after the next fetch", async () => {
    const path = freshPath();
    const a = client({ snapshotPath: path });
    await a.pf.getPrompt("support/greet");
    writeFileSync(path, readFileSync(path, "utf8").slice(0, 40));

    registry.handler = (req) => req.socket.destroy();
    const b = client({ snapshotPath: path });
    const err = await b.pf.getPrompt("support/greet").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PromptForgeUnavailableError);
    expect(b.events.map((e) => [e.type, e.error?.code])).toEqual([
      ["error", "unavailable"],
      ["error", "snapshot_invalid"],
    ]);
    expect(await b.pf.getPrompt("support/greet", { fallback: "Hi" })).toMatchObject({ source: "fallback" });

    registry.handler = serveCurrent;
    await b.pf.getPrompt("support/greet");
    expect(JSON.parse(readFileSync(path, "utf8")).format).toBe("promptforge-sdk-snapshot");
  });

  it("reports a snapshot it cannot write as an error event and still serves the prompt", async () => {
    const blocker = join(dir, `file-${++n}`);
    writeFileSync(blocker, "not a directory");
    const { pf, events } = client({ snapshotPath: join(blocker, "snapshot.json") });
    expect(await pf.getPrompt("support/greet")).toMatchObject({ version: 1, source: "server" });
    // reading it fails too (ENOTDIR), and says so
    expect(events.map((e) => [e.type, e.error?.code])).toEqual([
      ["error", "snapshot_invalid"],
      ["error", "snapshot_write_failed"],
    ]);
    expect(existsSync(join(blocker, "snapshot.json"))).toBe(false);
  });
});
