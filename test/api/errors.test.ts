import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";

describe.each(DB_TARGETS)("error shape (%s)", (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ target });
  });
  afterAll(async () => t.close());

  it("answers an unknown route with 404 in the one error shape and echoes the request id", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/api/v1/nope?token=abc",
      headers: { "x-request-id": "req-123" },
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers["x-request-id"]).toBe("req-123");
    expect(res.json()).toEqual({
      error: { code: "not_found", message: "Route GET /api/v1/nope not found" },
      request_id: "req-123",
    });
  });

  it("replaces a malformed request id with a generated one", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/nope",
      headers: { "x-request-id": "bad id <script>" },
    });
    expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});
