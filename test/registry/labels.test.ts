// Labels through the real API on SQLite and PostgreSQL: latest computed and immovable, moves to a version
// or a split with their history and audit entries, removal, the name and split rules, each role and key,
// protected labels (409 naming the promotion route for people, 403 for any API key, even an admin one)
// and the project's registry settings (PATCH changes only what it gives).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";
import { projectKey } from "../projects/project-helpers.js";
import { call, promptWithVersions, type Team, team } from "./registry-helpers.js";

describe.each(DB_TARGETS)("labels on %s", (target) => {
  let t: TestApp;
  let w: Team;
  let prompt: { id: string; name: string };
  let labelsUrl: string;

  beforeAll(async () => {
    t = await buildTestApp({ target });
    w = await team(t.app);
    prompt = await promptWithVersions(w, ["First text.", "Second text.", "Third text."]);
    labelsUrl = `${w.base}/prompts/${prompt.id}/labels`;
  });
  afterAll(async () => t.close());

  it("lists latest, computed from the newest version, on a prompt with no labels", async () => {
    const res = await call(t.app, w.viewer.auth, "GET", labelsUrl);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      items: [
        {
          label: "latest",
          version: 3,
          split: null,
          protected: false,
          computed: true,
          updated_by: null,
          updated_at: null,
        },
      ],
      history: [],
    });
  });

  it("moves a label to a version, then to a split, and keeps the history with who and when", async () => {
    const first = await call(t.app, w.editor.auth, "PUT", `${labelsUrl}/staging`, { version: 1 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ label: "staging", version: 1, split: null, protected: false });
    const split = [
      { version: 2, weight: 70 },
      { version: 3, weight: 30 },
    ];
    const second = await call(t.app, w.editor.auth, "PUT", `${labelsUrl}/staging`, { split });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ label: "staging", version: null, split });

    const list = (await call(t.app, w.viewer.auth, "GET", labelsUrl)).json();
    expect(list.items.map((l: { label: string }) => l.label)).toEqual(["latest", "staging"]);
    expect(list.history).toHaveLength(2);
    expect(list.history[0]).toMatchObject({
      label: "staging",
      from: { version: 1 },
      to: { split },
      actor: { id: w.editor.id, username: w.editor.username },
      promotion_id: null,
    });
    expect(list.history[1]).toMatchObject({ from: null, to: { version: 1 } });
  });

  it("records each move and removal in the audit log", async () => {
    await call(t.app, w.editor.auth, "PUT", `${labelsUrl}/canary`, { version: 2 });
    expect((await call(t.app, w.editor.auth, "DELETE", `${labelsUrl}/canary`)).statusCode).toBe(204);
    const moves = (await call(t.app, w.owner.auth, "GET", `${w.base}/audit?action=label.move`)).json();
    expect(
      moves.items.find((e: { summary: { label: string } }) => e.summary.label === "canary"),
    ).toMatchObject({
      actor: { type: "user", id: w.editor.id },
      target: { type: "prompt", id: prompt.id },
      summary: { label: "canary", from: null, to: "2" },
    });
    const removals = (await call(t.app, w.owner.auth, "GET", `${w.base}/audit?action=label.remove`)).json();
    expect(removals.items[0]).toMatchObject({ summary: { label: "canary", from: "2", to: null } });
    const history = (await call(t.app, w.viewer.auth, "GET", labelsUrl)).json().history;
    expect(history[0]).toMatchObject({ label: "canary", from: { version: 2 }, to: null });
  });

  it("removes a label (204), then answers 404 for it", async () => {
    await call(t.app, w.editor.auth, "PUT", `${labelsUrl}/temp`, { version: 1 });
    expect((await call(t.app, w.editor.auth, "DELETE", `${labelsUrl}/temp`)).statusCode).toBe(204);
    const again = await call(t.app, w.editor.auth, "DELETE", `${labelsUrl}/temp`);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.message).toContain("temp");
  });

  it.each([
    ["latest", { version: 1 }, "latest"],
    ["Bad!", { version: 1 }, "label"],
    ["a".repeat(41), { version: 1 }, "label"],
    ["qa", { version: 9 }, "version 9"],
    ["qa", {}, "version"],
    ["qa", { version: 1, split: [{ version: 1, weight: 100 }] }, "version"],
    [
      "qa",
      {
        split: [
          { version: 1, weight: 60 },
          { version: 2, weight: 30 },
        ],
      },
      "sum to 100",
    ],
    [
      "qa",
      {
        split: [
          { version: 1, weight: 50 },
          { version: 1, weight: 50 },
        ],
      },
      "twice",
    ],
    [
      "qa",
      {
        split: [
          { version: 1, weight: 50 },
          { version: 7, weight: 50 },
        ],
      },
      "version 7",
    ],
    ["qa", { split: Array.from({ length: 11 }, () => ({ version: 1, weight: 9 })) }, "split"],
    ["qa", { split: [{ version: 1, weight: 0 }] }, "weight"],
  ])("refuses label %s with %j: 422 naming the problem", async (label, body, needle) => {
    const res = await call(t.app, w.editor.auth, "PUT", `${labelsUrl}/${label}`, body);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe("validation_error");
    expect(JSON.stringify(res.json().error)).toContain(needle);
  });

  it("refuses removing latest (422) and answers 404 for an unknown prompt", async () => {
    expect((await call(t.app, w.editor.auth, "DELETE", `${labelsUrl}/latest`)).statusCode).toBe(422);
    const unknown = `${w.base}/prompts/0190a6c4-0000-7000-8000-000000000000/labels`;
    expect((await call(t.app, w.editor.auth, "GET", unknown)).statusCode).toBe(404);
    expect((await call(t.app, w.editor.auth, "PUT", `${unknown}/qa`, { version: 1 })).statusCode).toBe(404);
  });

  it("lets editors and up move unprotected labels; viewers get 403; strangers 404", async () => {
    for (const u of [w.owner, w.admin, w.editor])
      expect((await call(t.app, u.auth, "PUT", `${labelsUrl}/qa`, { version: 2 })).statusCode).toBe(200);
    const viewer = await call(t.app, w.viewer.auth, "PUT", `${labelsUrl}/qa`, { version: 1 });
    expect(viewer.statusCode).toBe(403);
    expect(viewer.json().error.code).toBe("forbidden");
    const stranger = await (await import("../helpers/users.js")).createTestUser(t.app);
    expect((await call(t.app, stranger.auth, "GET", labelsUrl)).statusCode).toBe(404);
  });

  it("lets a key with prompts:write move an unprotected label; prompts:read only reads", async () => {
    const writer = await projectKey(t.app, w.owner, w.project.slug, ["prompts:write"]);
    const reader = await projectKey(t.app, w.owner, w.project.slug, ["prompts:read"]);
    expect(
      (await call(t.app, { "x-api-key": writer }, "PUT", `${labelsUrl}/ci`, { version: 1 })).statusCode,
    ).toBe(200);
    expect(
      (await call(t.app, { "x-api-key": reader }, "PUT", `${labelsUrl}/ci`, { version: 2 })).statusCode,
    ).toBe(403);
    expect((await call(t.app, { "x-api-key": reader }, "GET", labelsUrl)).statusCode).toBe(200);
  });

  it("refuses moving or removing a protected label directly: 409 naming the promotion route", async () => {
    for (const u of [w.owner, w.admin, w.editor]) {
      const res = await call(t.app, u.auth, "PUT", `${labelsUrl}/production`, { version: 1 });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error).toMatchObject({
        code: "protected_label",
        details: {
          promotion_route: `POST /api/v1/projects/${w.project.slug}/prompts/${prompt.id}/promotions`,
        },
      });
      expect(res.json().error.message).toContain("/promotions");
    }
    expect((await call(t.app, w.owner.auth, "DELETE", `${labelsUrl}/production`)).statusCode).toBe(409);
    expect(
      (await call(t.app, w.viewer.auth, "PUT", `${labelsUrl}/production`, { version: 1 })).statusCode,
    ).toBe(403);
  });

  it("refuses any API key on a protected label with 403, an admin-scoped one and one with every scope too", async () => {
    const admin = await projectKey(t.app, w.owner, w.project.slug, ["admin"]);
    const all = await projectKey(t.app, w.owner, w.project.slug, [
      "prompts:read",
      "prompts:write",
      "registry:read",
      "evaluations:run",
      "admin",
    ]);
    for (const key of [admin, all]) {
      const res = await call(t.app, { "x-api-key": key }, "PUT", `${labelsUrl}/production`, { version: 1 });
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.message).toContain("No API key");
      expect((await call(t.app, { "x-api-key": key }, "DELETE", `${labelsUrl}/production`)).statusCode).toBe(
        403,
      );
    }
  });

  describe("project registry settings (PATCH /projects/:project)", () => {
    it("returns the defaults: production protected, no gate, no self-approval", async () => {
      const res = await call(t.app, w.viewer.auth, "GET", w.base);
      expect(res.json()).toMatchObject({
        protected_labels: ["production"],
        promotion_gate: null,
        allow_self_approval: false,
      });
    });

    it("changes only the fields given, protects a new label at once, and records it", async () => {
      const res = await call(t.app, w.admin.auth, "PATCH", w.base, {
        protected_labels: ["production", "staging"],
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        protected_labels: ["production", "staging"],
        allow_self_approval: false,
      });
      const gate = await call(t.app, w.owner.auth, "PATCH", w.base, { promotion_gate: { min_score: 40 } });
      expect(gate.json()).toMatchObject({
        protected_labels: ["production", "staging"],
        promotion_gate: { min_score: 40 },
      });
      const moved = await call(t.app, w.editor.auth, "PUT", `${labelsUrl}/staging`, { version: 1 });
      expect(moved.statusCode).toBe(409);
      const labels = (await call(t.app, w.viewer.auth, "GET", labelsUrl)).json().items;
      expect(labels.find((l: { label: string }) => l.label === "staging").protected).toBe(true);
      const audit = (await call(t.app, w.owner.auth, "GET", `${w.base}/audit?action=project.update`)).json();
      expect(audit.items[1].summary).toMatchObject({ protected_labels: '["production","staging"]' });
      // back as it was, for the other tests
      await call(t.app, w.owner.auth, "PATCH", w.base, {
        protected_labels: ["production"],
        promotion_gate: null,
      });
    });

    it("refuses editors (403), any API key (403, even admin-scoped) and latest (422)", async () => {
      expect(
        (await call(t.app, w.editor.auth, "PATCH", w.base, { allow_self_approval: true })).statusCode,
      ).toBe(403);
      const key = await projectKey(t.app, w.owner, w.project.slug, ["admin"]);
      const byKey = await call(t.app, { "x-api-key": key }, "PATCH", w.base, { protected_labels: [] });
      expect(byKey.statusCode).toBe(403);
      expect((await call(t.app, { "x-api-key": key }, "PATCH", w.base, { name: "Renamed" })).statusCode).toBe(
        200,
      );
      const latest = await call(t.app, w.owner.auth, "PATCH", w.base, { protected_labels: ["latest"] });
      expect(latest.statusCode).toBe(422);
      const bad = await call(t.app, w.owner.auth, "PATCH", w.base, { promotion_gate: { min_score: 101 } });
      expect(bad.statusCode).toBe(422);
      const after = (await call(t.app, w.owner.auth, "GET", w.base)).json();
      expect(after.protected_labels).toEqual(["production"]);
    });
  });
});
