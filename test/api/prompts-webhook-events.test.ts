// The app wires the prompts service to the webhooks outbox: a new version of a prompt queues a
// prompt.version.created delivery for each webhook of the project that subscribes to it, and nothing
// for a change that makes no version or for a project without such a webhook.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DB_TARGETS, databaseOf, type TestApp } from "../helpers/app.js";
import { createTestUser, type TestUser } from "../helpers/users.js";

describe.each(DB_TARGETS)("prompt versions in the webhooks outbox (%s)", (target) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    // The worker stays off: queued deliveries stay in the outbox for the test to read.
    t = await buildTestApp({ target, env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: "true" } });
    alice = await createTestUser(t.app, { username: "alice" });
    bob = await createTestUser(t.app, { username: "bob" });
  });
  afterAll(async () => t.close());

  const deliveries = async () =>
    (
      await databaseOf(t.app)
        .selectFrom("webhook_deliveries")
        .select(["event", "payload", "status"])
        .orderBy("created_at")
        .orderBy("id")
        .execute()
    ).map((d) => ({ event: d.event, status: d.status, body: JSON.parse(d.payload) }));

  it("queues prompt.version.created for each new version, with the prompt's id, name and version", async () => {
    const projects = await t.app.inject({ url: "/api/v1/projects", headers: alice.auth });
    const personal = projects.json().items[0] as { id: string; slug: string };
    const hook = await t.app.inject({
      method: "POST",
      url: `/api/v1/projects/${encodeURIComponent(personal.slug)}/webhooks`,
      headers: alice.auth,
      payload: { url: "http://127.0.0.1:9/hook", events: ["prompt.version.created"] },
    });
    expect(hook.statusCode, hook.body).toBe(201);

    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/prompts",
      headers: alice.auth,
      payload: { title: "Triage", name: "support/triage", content: "v1" },
    });
    const id = created.json().id;
    const edit = (body: object, version: number) =>
      t.app.inject({
        method: "PATCH",
        url: `/api/v1/prompts/${id}`,
        headers: { ...alice.auth, "if-match": `"${version}"` },
        payload: body,
      });
    expect((await edit({ config: { model: "m" } }, 1)).statusCode).toBe(200);
    expect((await edit({ title: "No new version" }, 2)).statusCode).toBe(200);
    // Bob's project has no webhook: his prompts queue nothing.
    await t.app.inject({
      method: "POST",
      url: "/api/v1/prompts",
      headers: bob.auth,
      payload: { title: "B", content: "b" },
    });

    const queued = await deliveries();
    expect(queued.map((d) => [d.event, d.status, d.body.data])).toEqual([
      ["prompt.version.created", "pending", { prompt_id: id, name: "support/triage", version: 1 }],
      ["prompt.version.created", "pending", { prompt_id: id, name: "support/triage", version: 2 }],
    ]);
    expect(queued[0]?.body).toMatchObject({ type: "prompt.version.created", project_id: personal.id });
  });
});
