// The registry fetch (GET /api/v1/registry/:project/:name) through the real app on SQLite and
// PostgreSQL: the response shape, labels / latest / version, names with folders, a strong ETag with 304,
// Cache-Control, who may fetch (a key with registry:read, a member's token; others 401/403/404), the
// split with stable buckets, the fetch counters, and the query bound: at most two queries after
// authentication, counted with a Kysely plugin on the app's own database handle.
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DB_TARGETS, openTestDatabase, type TestApp, testConfig } from "../helpers/app.js";
import { metricValue } from "../helpers/metrics.js";
import { createTestUser } from "../helpers/users.js";
import { projectKey, projectWithMembers } from "../projects/project-helpers.js";
import { call, pointLabel, promptWithVersions, setVersion, type Team, team } from "./registry-helpers.js";

/** Records every query the app runs: the tables it names, in order. */
class QueryLog implements KyselyPlugin {
  readonly queries: string[][] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const tables = [
      ...JSON.stringify(args.node).matchAll(
        /"kind":"TableNode","table":\{[^}]*?"identifier":\{"kind":"IdentifierNode","name":"([a-z_]+)"/g,
      ),
    ].map((m) => m[1] as string);
    this.queries.push(tables);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** Authentication's own queries (the API key or user look-up and its last-used/active marks). */
const isAuthQuery = (tables: string[]) => tables.includes("api_keys") || tables[0] === "users";

describe.each(DB_TARGETS)("registry fetch on %s", (target) => {
  let t: TestApp;
  let w: Team;
  let key: string;
  let prompt: { id: string; name: string };
  let url: string;
  const log = new QueryLog();
  let dropDb: () => Promise<void>;

  beforeAll(async () => {
    const opened = await openTestDatabase(target, testConfig());
    dropDb = opened.drop;
    t = await buildTestApp({ target, db: { ...opened.db, kysely: opened.db.kysely.withPlugin(log) } });
    w = await team(t.app);
    key = await projectKey(t.app, w.owner, w.project.slug, ["registry:read"]);
    prompt = await promptWithVersions(
      w,
      ["Version one for {{customer}}.", "Version two.", "Version three."],
      {
        name: "support/triage/classify",
      },
    );
    await setVersion(t.app, prompt.id, 2, {
      variables: [{ name: "customer", type: "string", required: true }],
      config: { model: "gpt-4o-mini", temperature: 0.2 },
    });
    await pointLabel(t.app, w.project.id, prompt.id, "production", 2);
    await pointLabel(t.app, w.project.id, prompt.id, "staging", 1);
    url = `/api/v1/registry/${w.project.slug}/support/triage/classify`;
  });
  afterAll(async () => {
    await t.close();
    await dropDb();
  });

  const fetchAs = (auth: Parameters<typeof call>[1], path: string, headers: Record<string, string> = {}) =>
    call(t.app, auth, "GET", path, undefined, headers);

  it("serves the production version by default with its labels, variables and config", async () => {
    const res = await fetchAs({ "x-api-key": key }, url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      name: "support/triage/classify",
      type: "text",
      version: 2,
      labels: ["production"],
      content: "Version two.",
      variables: [{ name: "customer", type: "string", required: true }],
      config: { model: "gpt-4o-mini", temperature: 0.2 },
      resolved_from: [],
      served: { version: 2, label: "production" },
    });
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(res.headers["cache-control"]).toBe("private, max-age=0, must-revalidate");
  });

  it("serves latest, a version, another label; the name may be given with encoded slashes", async () => {
    const latest = (await fetchAs({ "x-api-key": key }, `${url}?label=latest`)).json();
    expect(latest).toMatchObject({ version: 3, labels: ["latest"], served: { version: 3, label: "latest" } });
    const v1 = (await fetchAs({ "x-api-key": key }, `${url}?version=1`)).json();
    expect(v1).toMatchObject({
      version: 1,
      labels: ["staging"],
      content: "Version one for {{customer}}.",
      served: { version: 1 },
    });
    expect(v1.served.label).toBeUndefined();
    const staging = (await fetchAs({ "x-api-key": key }, `${url}?label=staging`)).json();
    expect(staging.version).toBe(1);
    const encoded = await fetchAs(
      { "x-api-key": key },
      `/api/v1/registry/${w.project.slug}/support%2Ftriage%2Fclassify`,
    );
    expect(encoded.statusCode).toBe(200);
    expect(encoded.json().version).toBe(2);
    const byId = await fetchAs(
      { "x-api-key": key },
      `/api/v1/registry/${w.project.id}/support/triage/classify`,
    );
    expect(byId.json().version).toBe(2);
  });

  it("answers 304 with no body for a matching If-None-Match (strong or weak form), 200 otherwise", async () => {
    const first = await fetchAs({ "x-api-key": key }, url);
    const etag = first.headers.etag as string;
    const before = await metricValue(t.app, "registry_fetches_total", { result: "not_modified" });
    for (const h of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const again = await fetchAs({ "x-api-key": key }, url, { "if-none-match": h });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe("");
      // No length of a body it does not have: a kept-alive client would wait for it.
      expect(again.headers["content-length"]).toBeUndefined();
      expect(again.headers.etag).toBe(etag);
    }
    expect(await metricValue(t.app, "registry_fetches_total", { result: "not_modified" })).toBe(before + 3);
    const timed = await metricValue(t.app, "registry_fetch_duration_seconds", {}, "count");
    await fetchAs({ "x-api-key": key }, url);
    expect(await metricValue(t.app, "registry_fetch_duration_seconds", {}, "count")).toBe(timed + 1);
    const stale = await fetchAs({ "x-api-key": key }, url, { "if-none-match": '"stale"' });
    expect(stale.statusCode).toBe(200);
  });

  it("answers HEAD with the same ETag and no body", async () => {
    const get = await fetchAs({ "x-api-key": key }, url);
    const head = await t.app.inject({ method: "HEAD", url, headers: { "x-api-key": key } });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe("");
    expect(head.headers.etag).toBe(get.headers.etag);
  });

  it("changes the ETag when the label moves", async () => {
    const before = (await fetchAs({ "x-api-key": key }, `${url}?label=canary`)).statusCode;
    expect(before).toBe(404);
    await call(t.app, w.editor.auth, "PUT", `${w.base}/prompts/${prompt.id}/labels/canary`, { version: 1 });
    const a = await fetchAs({ "x-api-key": key }, `${url}?label=canary`);
    await call(t.app, w.editor.auth, "PUT", `${w.base}/prompts/${prompt.id}/labels/canary`, { version: 3 });
    const b = await fetchAs({ "x-api-key": key }, `${url}?label=canary`, {
      "if-none-match": a.headers.etag as string,
    });
    expect(b.statusCode).toBe(200);
    expect(b.json().version).toBe(3);
    expect(b.headers.etag).not.toBe(a.headers.etag);
  });

  it.each([
    ["/support/triage/unknown", "Prompt support/triage/unknown"],
    ["/support/triage/classify?label=nope", "Label nope"],
    ["/support/triage/classify?version=99", "Version 99"],
    ["/Not A Name", "Prompt"],
  ])("answers 404 naming what is missing for %s", async (path, needle) => {
    const before = await metricValue(t.app, "registry_fetches_total", { result: "not_found" });
    const res = await fetchAs(
      { "x-api-key": key },
      `/api/v1/registry/${w.project.slug}${path.replaceAll(" ", "%20")}`,
    );
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json().error.message).toContain(needle);
    expect(await metricValue(t.app, "registry_fetches_total", { result: "not_found" })).toBe(before + 1);
  });

  it("refuses label and version together (422)", async () => {
    expect((await fetchAs({ "x-api-key": key }, `${url}?label=staging&version=1`)).statusCode).toBe(422);
  });

  it("answers 401 without or with bad credentials, and counts it", async () => {
    const before = await metricValue(t.app, "registry_fetches_total", { result: "unauthorized" });
    expect((await fetchAs({}, url)).statusCode).toBe(401);
    expect((await fetchAs({ "x-api-key": "pf_not_a_key" }, url)).statusCode).toBe(401);
    expect(await metricValue(t.app, "registry_fetches_total", { result: "unauthorized" })).toBe(before + 2);
  });

  it("lets any member's token fetch, refuses a key without registry:read (403), hides other projects (404)", async () => {
    expect((await fetchAs(w.viewer.auth, url)).statusCode).toBe(200);
    const reader = await projectKey(t.app, w.owner, w.project.slug, ["prompts:read"]);
    const refused = await fetchAs({ "x-api-key": reader }, url);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain("registry:read");
    const stranger = await createTestUser(t.app);
    expect((await fetchAs(stranger.auth, url)).statusCode).toBe(404);
    const other = await projectWithMembers(t.app, stranger);
    const otherKey = await projectKey(t.app, stranger, other.slug, ["registry:read"]);
    expect((await fetchAs({ "x-api-key": otherKey }, url)).statusCode).toBe(404);
    expect((await fetchAs({ "x-api-key": key }, "/api/v1/registry/no-such-project/x")).statusCode).toBe(404);
  });

  it("lets a user-level key fetch from its owner's personal project only", async () => {
    const made = await call(t.app, w.editor.auth, "POST", "/api/v1/prompts", {
      title: "Mine",
      content: "Own text.",
    });
    expect(made.statusCode).toBe(201);
    const userKey = (
      await call(t.app, w.editor.auth, "POST", "/api/v1/auth/api-keys", { name: "mine" })
    ).json().key;
    const personal = `/api/v1/registry/~${w.editor.username.toLowerCase()}/mine?label=latest`;
    const res = await fetchAs({ "x-api-key": userKey }, personal);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().content).toBe("Own text.");
    // The shared project the editor belongs to is out of a user-level key's reach.
    expect((await fetchAs({ "x-api-key": userKey }, url)).statusCode).toBe(404);
  });

  it("serves chat versions as messages", async () => {
    const chat = await promptWithVersions(w, ["[system]\nYou sort tickets.\n\n[user]\n{{ticket}}"], {
      name: "chat/sorter",
    });
    await setVersion(t.app, chat.id, 1, {
      type: "chat",
      messages: [
        { role: "system", content: "You sort tickets." },
        { role: "user", content: "{{ticket}}" },
      ],
    });
    const res = (
      await fetchAs({ "x-api-key": key }, `/api/v1/registry/${w.project.slug}/chat/sorter?label=latest`)
    ).json();
    expect(res.type).toBe("chat");
    expect(res.messages).toEqual([
      { role: "system", content: "You sort tickets." },
      { role: "user", content: "{{ticket}}" },
    ]);
    expect(res.content).toBeUndefined();
  });

  it("runs two queries for a fetch's first answer and one for each repeat while its labels stay put", async () => {
    for (const path of [url, `${url}?label=latest`, `${url}?version=1`]) {
      log.queries.length = 0;
      const res = await fetchAs({ "x-api-key": key }, path);
      expect(res.statusCode).toBe(200);
      const own = log.queries.filter((q) => !isAuthQuery(q));
      expect(own.length, JSON.stringify(log.queries)).toBeLessThanOrEqual(2);
      // Authentication with a key: the key look-up and its last-used mark.
      expect(log.queries.length).toBeLessThanOrEqual(4);
      log.queries.length = 0;
      const again = await fetchAs({ "x-api-key": key }, path);
      expect(again.body).toBe(res.body);
      expect(again.headers.etag).toBe(res.headers.etag);
      expect(
        log.queries.filter((q) => !isAuthQuery(q)),
        JSON.stringify(log.queries),
      ).toHaveLength(1);
    }
    log.queries.length = 0;
    const notModified = await fetchAs({ "x-api-key": key }, url, {
      "if-none-match": (await fetchAs({ "x-api-key": key }, url)).headers.etag as string,
    });
    expect(notModified.statusCode).toBe(304);
    expect(log.queries.filter((q) => !isAuthQuery(q)).length).toBe(2); // two fetches, one query each
  });

  describe("split labels", () => {
    let splitUrl: string;
    beforeAll(async () => {
      const res = await call(
        t.app,
        w.editor.auth,
        "PUT",
        `${w.base}/prompts/${prompt.id}/labels/experiment`,
        {
          split: [
            { version: 1, weight: 50 },
            { version: 3, weight: 50 },
          ],
        },
      );
      expect(res.statusCode, res.body).toBe(200);
      splitUrl = `${url}?label=experiment`;
    });

    it("serves the same version for the same bucket key, every time, and says which", async () => {
      for (const user of ["user-1", "user-2", "user-3", "alice@example.com"]) {
        const first = (
          await fetchAs({ "x-api-key": key }, `${splitUrl}&bucket=${encodeURIComponent(user)}`)
        ).json();
        expect([1, 3]).toContain(first.version);
        expect(first.served).toEqual({ version: first.version, label: "experiment", bucket: user });
        for (let i = 0; i < 3; i++) {
          const again = (
            await fetchAs({ "x-api-key": key }, `${splitUrl}&bucket=${encodeURIComponent(user)}`)
          ).json();
          expect(again.version).toBe(first.version);
        }
        expect(first.labels).toContain("experiment");
      }
    });

    it("spreads bucket keys by the weights (400 keys, 50/50 within ±10 points)", async () => {
      const counts = new Map<number, number>();
      for (let i = 0; i < 400; i++) {
        const v = (await fetchAs({ "x-api-key": key }, `${splitUrl}&bucket=k${i}`)).json().version as number;
        counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      expect((counts.get(1) ?? 0) / 400).toBeGreaterThan(0.4);
      expect((counts.get(1) ?? 0) / 400).toBeLessThan(0.6);
      expect((counts.get(1) ?? 0) + (counts.get(3) ?? 0)).toBe(400);
    });

    it("serves the heaviest version without a bucket key", async () => {
      await call(t.app, w.editor.auth, "PUT", `${w.base}/prompts/${prompt.id}/labels/experiment`, {
        split: [
          { version: 1, weight: 10 },
          { version: 3, weight: 90 },
        ],
      });
      for (let i = 0; i < 3; i++)
        expect((await fetchAs({ "x-api-key": key }, splitUrl)).json().version).toBe(3);
    });
  });
});
