// The registry over prompts made entirely through the prompts API (names with folders, chat messages,
// typed variables, config): an application's key fetches and compiles what an editor wrote, a promotion
// moves production, and the next fetch with the old ETag sees the new version.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";
import { projectKey } from "../projects/project-helpers.js";
import { call, type Team, team } from "./registry-helpers.js";

describe.each(DB_TARGETS)("registry over the prompts API on %s", (target) => {
  let t: TestApp;
  let w: Team;

  beforeAll(async () => {
    t = await buildTestApp({ target });
    w = await team(t.app);
  });
  afterAll(async () => t.close());

  it("fetches and compiles an API-made chat prompt, then follows an approved promotion", async () => {
    const made = await call(t.app, w.editor.auth, "POST", `${w.base}/prompts`, {
      title: "Ticket triage",
      name: "support/triage",
      type: "chat",
      messages: [
        { role: "system", content: "You sort tickets for {{product}}." },
        { role: "user", content: "{{ticket}}" },
      ],
      variables: [
        { name: "product", type: "string", description: "Product name", required: false, default: "Acme" },
        { name: "ticket", type: "string", description: "The ticket", required: true },
      ],
      config: { model: "gpt-4o-mini", temperature: 0.1 },
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as string;
    const key = await projectKey(t.app, w.owner, w.project.slug, ["registry:read"]);
    const url = `/api/v1/registry/${w.project.slug}/support/triage`;

    // Nothing in production yet: 404 naming the label; latest works.
    const none = await call(t.app, { "x-api-key": key }, "GET", url);
    expect(none.statusCode).toBe(404);
    expect(none.json().error.message).toContain("production");

    const req = await call(t.app, w.editor.auth, "POST", `${w.base}/prompts/${id}/promotions`, {
      label: "production",
      version: 1,
    });
    expect(req.statusCode, req.body).toBe(201);
    expect(
      (await call(t.app, w.admin.auth, "POST", `${w.base}/promotions/${req.json().id}/approve`, {}))
        .statusCode,
    ).toBe(200);

    const first = await call(t.app, { "x-api-key": key }, "GET", url);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      name: "support/triage",
      type: "chat",
      version: 1,
      labels: ["latest", "production"],
      messages: [
        { role: "system", content: "You sort tickets for {{product}}." },
        { role: "user", content: "{{ticket}}" },
      ],
      config: { model: "gpt-4o-mini", temperature: 0.1 },
    });
    expect(first.json().variables.map((v: { name: string }) => v.name)).toEqual(["product", "ticket"]);

    const compiled = await call(t.app, { "x-api-key": key }, "POST", `${url}/compile`, {
      variables: { ticket: "My invoice is wrong" },
    });
    expect(compiled.json().messages).toEqual([
      { role: "system", content: "You sort tickets for Acme." },
      { role: "user", content: "My invoice is wrong" },
    ]);
    const bad = await call(t.app, { "x-api-key": key }, "POST", `${url}/compile`, {
      variables: { ticket: 42 },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details[0]).toMatchObject({ variable: "ticket" });

    // A new version is not served until promoted; then the old ETag no longer matches.
    const edited = await call(t.app, w.editor.auth, "PATCH", `${w.base}/prompts/${id}`, {
      messages: [
        { role: "system", content: "You sort support tickets for {{product}}, politely." },
        { role: "user", content: "{{ticket}}" },
      ],
      base_version: 1,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    // Production still serves version 1; only its labels changed (latest moved on), so the body and ETag did.
    const still = await call(t.app, { "x-api-key": key }, "GET", url, undefined, {
      "if-none-match": first.headers.etag as string,
    });
    expect(still.statusCode).toBe(200);
    expect(still.json()).toMatchObject({ version: 1, labels: ["production"] });
    const etag = still.headers.etag as string;
    expect(
      (await call(t.app, { "x-api-key": key }, "GET", url, undefined, { "if-none-match": etag })).statusCode,
    ).toBe(304);
    const second = await call(t.app, w.editor.auth, "POST", `${w.base}/prompts/${id}/promotions`, {
      label: "production",
      version: 2,
    });
    expect(second.json()).toMatchObject({ from_version: 1, version: 2, diff: { added: 1, removed: 1 } });
    await call(t.app, w.owner.auth, "POST", `${w.base}/promotions/${second.json().id}/approve`, {});
    const after = await call(t.app, { "x-api-key": key }, "GET", url, undefined, { "if-none-match": etag });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({ version: 2, served: { version: 2, label: "production" } });
    // The new version kept the variables and config (carried forward).
    expect(after.json().config).toEqual({ model: "gpt-4o-mini", temperature: 0.1 });
  });
});
