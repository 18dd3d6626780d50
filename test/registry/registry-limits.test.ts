// Ways around the registry's rules and limits, each closed: renaming or deleting a prompt that holds a
// protected label (what `production` serves changes as surely as moving the label), includes that inline
// into a huge body, values nested deep enough to overflow the stack, a prompt with unbounded labels, and
// a deactivated webhook still sending what was queued. On SQLite and PostgreSQL through the real app.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DB_TARGETS, databaseOf, type TestApp } from "../helpers/app.js";
import { projectKey } from "../projects/project-helpers.js";
import { call, pointLabel, promptWithVersions, type Team, team } from "./registry-helpers.js";

/** `{"x": [[[…]]]}` with `depth` arrays, written as text (JSON.stringify would overflow first). */
function deepJson(depth: number): string {
  return `{"x":${"[".repeat(depth)}${"]".repeat(depth)}}`;
}

describe.each(DB_TARGETS)("registry limits on %s", (target) => {
  let t: TestApp;
  let w: Team;

  beforeAll(async () => {
    // The worker stays off (the default in tests): queued deliveries wait, as behind a slow receiver.
    t = await buildTestApp({ target, env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: "true" } });
    w = await team(t.app);
  });
  afterAll(async () => t.close());

  it("refuses to rename or delete a prompt holding a protected label with any API key, or as an editor", async () => {
    const p = await promptWithVersions(w, ["Classify the ticket as bug, billing or other."]);
    await pointLabel(t.app, w.project.id, p.id, "production", 1);
    const key = { "x-api-key": await projectKey(t.app, w.owner, w.project.slug, ["prompts:write", "admin"]) };
    for (const auth of [key, w.editor.auth]) {
      const renamed = await call(t.app, auth, "PATCH", `${w.base}/prompts/${p.id}`, {
        name: `${p.name}-elsewhere`,
        base_version: 1,
      });
      expect(renamed.statusCode, renamed.body).toBe(403);
      expect(renamed.json().error.message).toContain("protected label production");
      const deleted = await call(t.app, auth, "DELETE", `${w.base}/prompts/${p.id}`);
      expect(deleted.statusCode, deleted.body).toBe(403);
    }
    const fetched = await call(t.app, w.viewer.auth, "GET", `/api/v1/registry/${w.project.slug}/${p.name}`);
    expect(fetched.statusCode, fetched.body).toBe(200);
    // An edit that keeps the name is an ordinary new version.
    const edited = await call(t.app, w.editor.auth, "PATCH", `${w.base}/prompts/${p.id}`, {
      content: "Classify the ticket as bug, billing, account or other.",
      base_version: 1,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    // An admin may rename it, and delete it.
    const renamed = await call(t.app, w.admin.auth, "PATCH", `${w.base}/prompts/${p.id}`, {
      name: `${p.name}-renamed`,
      base_version: 2,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await call(t.app, w.admin.auth, "DELETE", `${w.base}/prompts/${p.id}`)).statusCode).toBe(204);
  });

  it("lets a prompt with only unprotected labels be renamed and deleted by an editor", async () => {
    const p = await promptWithVersions(w, ["Summarise the meeting notes in five bullet points."]);
    await pointLabel(t.app, w.project.id, p.id, "staging", 1);
    const renamed = await call(t.app, w.editor.auth, "PATCH", `${w.base}/prompts/${p.id}`, {
      name: `${p.name}-b`,
      base_version: 1,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await call(t.app, w.editor.auth, "DELETE", `${w.base}/prompts/${p.id}`)).statusCode).toBe(204);
  });

  it("answers 422, not a huge body, when includes would inline past the output limit", async () => {
    const c = await promptWithVersions(w, ["x".repeat(40_000)], { name: "blow/c" });
    const b = await promptWithVersions(w, ["{{> blow/c}}".repeat(100)], { name: "blow/b" });
    const a = await promptWithVersions(w, ["{{> blow/b}}".repeat(100)], { name: "blow/a" });
    for (const p of [a, b, c]) await pointLabel(t.app, w.project.id, p.id, "staging", 1);
    const started = Date.now();
    const res = await call(
      t.app,
      w.viewer.auth,
      "GET",
      `/api/v1/registry/${w.project.slug}/blow/a?label=staging&resolve=true`,
    );
    expect(res.statusCode, res.body.slice(0, 300)).toBe(422);
    expect(res.json().error.message).toContain("longer than");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("answers 422 naming the field for a config or a variable default nested too deep", async () => {
    for (const [field, body] of [
      ["config", `{"title":"Deep config","content":"hi","config":${deepJson(5000)}}`],
      [
        "variables",
        `{"title":"Deep default","content":"hi {{a}}","variables":[{"name":"a","type":"json","default":${"[".repeat(50_000)}${"]".repeat(50_000)}}]}`,
      ],
    ] as const) {
      const res = await t.app.inject({
        method: "POST",
        url: `${w.base}/prompts`,
        headers: { ...w.editor.auth, "content-type": "application/json" },
        payload: body,
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(422);
      expect(res.json().error.details[0].field).toContain(field);
      expect(res.json().error.details[0].message).toContain("nested deeper than 64 levels");
    }
  });

  it("refuses to approve a promotion whose label was changed meanwhile, even to a split of the same version", async () => {
    const p = await promptWithVersions(w, [
      "Reply to the customer politely.",
      "Reply to the customer politely and briefly.",
      "Reply to the customer politely, briefly, in their language.",
    ]);
    const moveStaging = (body: object) =>
      call(t.app, w.editor.auth, "PUT", `${w.base}/prompts/${p.id}/labels/staging`, body);
    expect((await moveStaging({ version: 1 })).statusCode).toBe(200);
    const req = await call(t.app, w.editor.auth, "POST", `${w.base}/prompts/${p.id}/promotions`, {
      label: "staging",
      version: 3,
    });
    expect(req.statusCode, req.body).toBe(201);
    expect(req.json().from_version).toBe(1);
    await new Promise((r) => setTimeout(r, 5));
    const split = await moveStaging({
      split: [
        { version: 1, weight: 60 },
        { version: 2, weight: 40 },
      ],
    });
    expect(split.statusCode, split.body).toBe(200);
    const approve = await call(
      t.app,
      w.admin.auth,
      "POST",
      `${w.base}/promotions/${req.json().id}/approve`,
      {},
    );
    expect(approve.statusCode, approve.body).toBe(409);
    expect(approve.json().error.code).toBe("promotion_stale");
    const labels = await call(t.app, w.viewer.auth, "GET", `${w.base}/prompts/${p.id}/labels`);
    const staging = labels.json().items.find((l: { label: string }) => l.label === "staging");
    expect(staging.split).toHaveLength(2);
  });

  it("caps the labels one prompt may carry at 50", async () => {
    const p = await promptWithVersions(w, ["Translate the text into French."]);
    for (let i = 0; i < 50; i++) {
      const res = await call(t.app, w.editor.auth, "PUT", `${w.base}/prompts/${p.id}/labels/l${i}`, {
        version: 1,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const over = await call(t.app, w.editor.auth, "PUT", `${w.base}/prompts/${p.id}/labels/one-more`, {
      version: 1,
    });
    expect(over.statusCode, over.body).toBe(422);
    expect(over.json().error.message).toContain("at most 50 labels");
    // Moving an existing one is still fine.
    const again = await call(t.app, w.editor.auth, "PUT", `${w.base}/prompts/${p.id}/labels/l0`, {
      version: 1,
    });
    expect(again.statusCode).toBe(200);
  });

  it("ends a deactivated webhook's queued deliveries instead of sending them", async () => {
    const hook = await call(t.app, w.admin.auth, "POST", `${w.base}/webhooks`, {
      url: "http://127.0.0.1:9/promptforge",
      events: ["prompt.version.created"],
    });
    expect(hook.statusCode, hook.body).toBe(201);
    const id = hook.json().id as string;
    await promptWithVersions(w, ["Write a haiku about the sea."]);
    const queued = () =>
      databaseOf(t.app)
        .selectFrom("webhook_deliveries")
        .select(["status", "last_error"])
        .where("webhook_id", "=", id)
        .execute();
    expect((await queued()).map((d) => d.status)).toEqual(["pending"]);
    const off = await call(t.app, w.admin.auth, "PATCH", `${w.base}/webhooks/${id}`, { active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(await queued()).toEqual([{ status: "failed", last_error: "webhook deactivated" }]);
  });
});
