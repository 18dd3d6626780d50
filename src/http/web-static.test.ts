// The web-app plugin on a real Fastify instance with the real error handler: files, SPA fallback,
// caching and CSP headers, JSON 404s for service paths and missing files, no escape from the root.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp } from "../../test/helpers/app.js";
import type { AppContext } from "../app-context.js";
import errorHandler from "./error-handler.js";
import securityHeaders from "./security-headers.js";
import webStatic from "./web-static.js";

const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/app-1a2b.js"></script></head></html>';

function distFolder(): string {
  const root = mkdtempSync(join(tmpdir(), "pf-web-"));
  mkdirSync(join(root, "assets"));
  writeFileSync(join(root, "index.html"), INDEX);
  writeFileSync(join(root, "assets", "app-1a2b.js"), "console.log('app')");
  writeFileSync(join(root, "robots.txt"), "User-agent: *\n");
  return root;
}

async function appServing(root: string, serveWeb = true): Promise<FastifyInstance> {
  const app = Fastify();
  app.decorate("deps", { config: { SERVE_WEB: serveWeb } } as unknown as AppContext);
  await app.register(errorHandler);
  await app.register(securityHeaders);
  app.get("/api/v1/ping", async () => ({ ok: true }));
  await app.register(webStatic, { root });
  await app.ready();
  return app;
}

describe("web app serving", () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await appServing(distFolder());
  });
  afterAll(async () => app?.close());

  it("serves index.html at / with no-cache and a strict Content-Security-Policy", async () => {
    const res = await app.inject({ method: "GET", url: "/" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    expect(res.body).toBe(INDEX);
    expect(res.headers["cache-control"]).toBe("no-cache");
    expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(res.headers["content-security-policy"]).not.toContain("unsafe-inline");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("keeps its own Cache-Control for a signed-in browser rather than no-store", async () => {
    const auth = { authorization: "Bearer some-token" };
    expect((await app.inject({ method: "GET", url: "/", headers: auth })).headers["cache-control"]).toBe(
      "no-cache",
    );
    const js = await app.inject({ method: "GET", url: "/assets/app-1a2b.js", headers: auth });
    expect(js.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(js.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("answers the app's own pages with index.html so the browser router can show them", async () => {
    for (const url of ["/prompts", "/prompts/0193abcd", "/templates/new?x=1", "/account"]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toBe(INDEX);
    }
  });

  it("serves hashed assets as immutable and other files with a short cache", async () => {
    const js = await app.inject({ method: "GET", url: "/assets/app-1a2b.js" });
    expect(js.statusCode).toBe(200);
    expect(js.headers["content-type"]).toMatch(/javascript/);
    expect(js.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const robots = await app.inject({ method: "GET", url: "/robots.txt" });
    expect(robots.statusCode).toBe(200);
    expect(robots.headers["cache-control"]).toBe("public, max-age=3600");
  });

  it("keeps the JSON error shape for unknown API, health, metrics and docs paths", async () => {
    for (const url of ["/api/v1/nope", "/api", "/health/whatever", "/metrics/x", "/docs/missing"]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe("not_found");
      expect(typeof res.json().request_id).toBe("string");
    }
    expect((await app.inject({ method: "GET", url: "/api/v1/ping" })).json()).toEqual({ ok: true });
  });

  it("answers a missing file with a JSON 404, not with the app's HTML", async () => {
    const res = await app.inject({ method: "GET", url: "/assets/gone-9z9z.js" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toMatch(/application\/json/);
  });

  it("never serves a file outside its folder", async () => {
    for (const url of [
      "/..%2Fpackage.json",
      "/assets/..%2F..%2F..%2Fetc%2Fpasswd",
      "/%2e%2e/%2e%2e/etc/passwd",
    ]) {
      const res = await app.inject({ method: "GET", url });
      // Either refused or answered with the app's own page: never the file asked for.
      if (res.statusCode === 200) expect(res.body, url).toBe(INDEX);
      else expect([400, 404], url).toContain(res.statusCode);
    }
  });

  it("leaves other methods to the JSON not-found handler", async () => {
    const res = await app.inject({ method: "POST", url: "/prompts" });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("not_found");
  });

  it("serves nothing when SERVE_WEB is off or the app is not built", async () => {
    const off = await appServing(distFolder(), false);
    expect((await off.inject({ method: "GET", url: "/" })).statusCode).toBe(404);
    await off.close();
    const unbuilt = await appServing(mkdtempSync(join(tmpdir(), "pf-empty-")));
    expect((await unbuilt.inject({ method: "GET", url: "/prompts" })).statusCode).toBe(404);
    await unbuilt.close();
  });

  it("is off in the test configuration of the real app (SERVE_WEB=false)", async () => {
    const t = await buildTestApp();
    const res = await t.app.inject({ method: "GET", url: "/" });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("not_found");
    await t.close();
  });
});
