import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";
import { createTestUser } from "../helpers/users.js";

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

describe.each(DB_TARGETS)("request limits (%s)", (target) => {
  let t: TestApp;
  let auth: { authorization: string };
  beforeAll(async () => {
    t = await buildTestApp({
      target,
      env: { BODY_LIMIT: "4KB", RATE_LIMIT_ENABLED: "true", RATE_LIMIT_MAX: "5", RATE_LIMIT_WINDOW: "60" },
    });
    auth = (await createTestUser(t.app)).auth;
  });
  afterAll(async () => t.close());

  it("rejects a body over BODY_LIMIT with 413 and stores nothing", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/prompts",
      headers: { ...auth, "content-type": "application/json", "x-forwarded-for": "10.0.0.1" },
      remoteAddress: "10.9.0.1",
      payload: JSON.stringify({ title: "big", content: "x".repeat(5000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe("payload_too_large");
    const list = await t.app.inject({
      method: "GET",
      url: "/api/v1/prompts",
      headers: auth,
      remoteAddress: "10.9.0.1",
    });
    expect(list.json().total).toBe(0);
  });

  it("answers malformed JSON with 400 and a non-JSON body with 415, in the one error shape", async () => {
    const postRaw = (contentType: string, payload: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/prompts",
        headers: { ...auth, "content-type": contentType },
        remoteAddress: "10.9.0.2",
        payload,
      });
    const bad = await postRaw("application/json", '{"title": ');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: "invalid_json" }, request_id: expect.any(String) });
    const xml = await postRaw("application/xml", "<prompt/>");
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe("unsupported_media_type");
  });

  it("throttles a client past RATE_LIMIT_MAX with 429 and Retry-After, but never the probes", async () => {
    const call = () =>
      t.app.inject({ method: "GET", url: "/api/v1/prompts", headers: auth, remoteAddress: "10.9.0.3" });
    for (let i = 0; i < 5; i++) expect((await call()).statusCode).toBe(200);
    const limited = await call();
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ error: { code: "rate_limited" } });
    for (let i = 0; i < 10; i++) {
      const probe = await t.app.inject({ method: "GET", url: "/health/live", remoteAddress: "10.9.0.3" });
      expect(probe.statusCode).toBe(200);
    }
    // Another client is not affected.
    const other = await t.app.inject({
      method: "GET",
      url: "/api/v1/prompts",
      headers: auth,
      remoteAddress: "10.9.0.4",
    });
    expect(other.statusCode).toBe(200);
  });
});

// What Node's HTTP parser and Fastify's router refuse before any route runs. `inject` skips the parser,
// so these go over a real socket, byte for byte.
describe("errors before routing, over a raw socket", () => {
  let t: TestApp;
  let port = 0;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => t.close());

  /** Sends raw bytes and returns the status, headers and parsed JSON body of the first response. */
  function rawRequest(bytes: string): Promise<{ status: number; headers: string; body: unknown }> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, "127.0.0.1");
      let data = "";
      socket.setEncoding("utf8");
      socket.on("data", (chunk) => {
        data += chunk;
      });
      socket.on("error", reject);
      socket.on("close", () => {
        const split = data.indexOf("\r\n\r\n");
        const head = data.slice(0, split);
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
        let body: unknown = data.slice(split + 4);
        try {
          body = JSON.parse(body as string);
        } catch {
          // left as text: the assertion below shows it
        }
        resolve({ status, headers: head.toLowerCase(), body });
      });
      socket.end(bytes);
    });
  }

  function expectShape(
    res: { status: number; headers: string; body: unknown },
    status: number,
    code: string,
  ) {
    expect(res.status).toBe(status);
    expect(res.headers).toContain("content-type: application/json");
    expect(res.body).toEqual({
      error: { code, message: expect.any(String) },
      request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const requestId = (res.body as { request_id: string }).request_id;
    expect(res.headers).toContain(`x-request-id: ${requestId}`);
  }

  it("answers a malformed Content-Length with 400 in the one error shape", async () => {
    const res = await rawRequest(
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 12abc\r\n\r\n{}",
    );
    expectShape(res, 400, "bad_request");
  });

  it("answers a malformed Transfer-Encoding with 400 in the one error shape", async () => {
    const res = await rawRequest(
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
    );
    expectShape(res, 400, "bad_request");
  });

  it("answers request headers over 16 KB with 431 in the one error shape", async () => {
    const res = await rawRequest(
      `GET /health HTTP/1.1\r\nHost: x\r\nX-Filler: ${"a".repeat(17 * 1024)}\r\n\r\n`,
    );
    expectShape(res, 431, "headers_too_large");
  });

  it("answers bad percent-encoding with 400 in the one error shape, without echoing the URL", async () => {
    const res = await rawRequest(
      "GET /api/v1/prompts/%zz<script> HTTP/1.1\r\nHost: x\r\nX-Request-Id: req-bad-url\r\nConnection: close\r\n\r\n",
    );
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: { code: "bad_request", message: "Malformed URL: bad percent-encoding in the path" },
      request_id: "req-bad-url",
    });
    expect(JSON.stringify(res.body)).not.toContain("script");
  });

  it("answers a path parameter over 200 characters with 414 in the one error shape, on every method", async () => {
    for (const method of ["GET", "POST", "DELETE"]) {
      const res = await rawRequest(
        `${method} /api/v1/prompts/${"a".repeat(201)}/duplicate HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      );
      if (method === "GET") {
        // No GET route has this shape: the long segment is an ordinary unknown path.
        expect([404, 414], method).toContain(res.status);
        continue;
      }
      expectShape(res, 414, "uri_too_long");
    }
  });
});
