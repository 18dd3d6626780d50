// The registry's changes reach webhooks through the service wiring (src/services.ts), not only through the
// outbox writer called by hand: a new version, a label move, a promotion request and its approval made
// over the API each arrive at a receiver on loopback, signed, with the data applications act on. A change
// refused by the API (a stale edit) sends nothing, because the event is written in the change's transaction.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";
import { type Receiver, startReceiver, verifySignature, waitUntil } from "../helpers/webhook-receiver.js";
import { call, GOOD_TEXT, promptWithVersions, type Team, team } from "./registry-helpers.js";

describe.each(DB_TARGETS)("registry events reach webhooks on %s", (target) => {
  let t: TestApp;
  let w: Team;
  let receiver: Receiver;
  let secret: string;

  beforeAll(async () => {
    t = await buildTestApp({
      target,
      env: {
        WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
        WEBHOOK_WORKER_ENABLED: "true",
        WEBHOOK_POLL_INTERVAL_MS: "50",
      },
    });
    w = await team(t.app);
    receiver = await startReceiver();
    const hook = await call(t.app, w.admin.auth, "POST", `${w.base}/webhooks`, {
      url: receiver.url,
      events: ["prompt.version.created", "prompt.label.moved", "promotion.requested", "promotion.decided"],
    });
    expect(hook.statusCode, hook.body).toBe(201);
    secret = hook.json().secret;
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  /** The events received so far, in order, each checked against its signature. */
  const received = () =>
    receiver.received.map((r) => {
      expect(verifySignature(secret, r.headers["promptforge-signature"] as string, r.body).ok).toBe(true);
      return JSON.parse(r.body) as { type: string; data: Record<string, unknown> };
    });
  const ofType = (type: string) => received().filter((e) => e.type === type);

  it("sends prompt.version.created for a new prompt and for each new version, nothing for a refused edit", async () => {
    const p = await promptWithVersions(w, [GOOD_TEXT, `${GOOD_TEXT}\nKeep it short.`]);
    await waitUntil(
      () => ofType("prompt.version.created").filter((e) => e.data.prompt_id === p.id).length === 2,
      10_000,
      "two version events",
    );
    const stale = await call(t.app, w.owner.auth, "PATCH", `${w.base}/prompts/${p.id}`, {
      content: "A stale edit",
      base_version: 1,
    });
    expect(stale.statusCode).toBe(409);
    await new Promise((r) => setTimeout(r, 300));
    const mine = ofType("prompt.version.created").filter((e) => e.data.prompt_id === p.id);
    expect(mine.map((e) => e.data.version)).toEqual([1, 2]);
    expect(mine[0]?.data.name).toBe(p.name);
  });

  it("sends prompt.label.moved for a direct move, and promotion.requested then promotion.decided for a promotion", async () => {
    const p = await promptWithVersions(w, [GOOD_TEXT, `${GOOD_TEXT}\nAnswer in English.`]);
    const moved = await call(t.app, w.editor.auth, "PUT", `${w.base}/prompts/${p.id}/labels/staging`, {
      version: 2,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const req = await call(t.app, w.editor.auth, "POST", `${w.base}/prompts/${p.id}/promotions`, {
      label: "production",
      version: 2,
      note: "ship it",
    });
    expect(req.statusCode, req.body).toBe(201);
    const promotion = req.json() as { id: string };
    const ok = await call(t.app, w.admin.auth, "POST", `${w.base}/promotions/${promotion.id}/approve`, {
      comment: "looks good",
    });
    expect(ok.statusCode, ok.body).toBe(200);

    await waitUntil(
      () =>
        ofType("promotion.decided").some((e) => JSON.stringify(e.data).includes(promotion.id)) &&
        ofType("prompt.label.moved").filter((e) => e.data.prompt_id === p.id).length === 2,
      10_000,
      "the promotion's events",
    );
    const labels = ofType("prompt.label.moved")
      .filter((e) => e.data.prompt_id === p.id)
      .map((e) => e.data.label);
    expect(labels).toEqual(["staging", "production"]);
    expect(ofType("promotion.requested").some((e) => JSON.stringify(e.data).includes(promotion.id))).toBe(
      true,
    );
    const order = received().map((e) => e.type);
    expect(order.lastIndexOf("promotion.requested")).toBeLessThan(order.lastIndexOf("promotion.decided"));
  });
});
