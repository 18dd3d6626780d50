// Serves the built web app (web/dist) at / on the API's own port: hashed assets with a year-long
// immutable cache, index.html (never cached; its strict Content-Security-Policy comes from
// security-headers.ts) for every other
// page path so the browser-side router can take over. API, health, metrics and docs paths that no
// route matched keep the one JSON 404 shape; so does a missing file, rather than HTML posing as JS.
import { existsSync, statSync } from "node:fs";
import { dirname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { UNMATCHED_ENDPOINT, WEB_APP_ENDPOINT } from "../observability/request-hooks.js";
import { errorBody } from "./error-handler.js";

/** Paths that belong to the service, not the app: an unknown one is a JSON 404, never index.html. */
const SERVICE_PREFIXES = ["/api", "/health", "/metrics", "/docs", "/openapi.json"];

/** The folder holding package.json, found from this module whether it runs from src/ or dist/src/. */
export function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, "package.json"))) return dir;
    const up = dirname(dir);
    if (up === dir) return from;
    dir = up;
  }
}

export interface WebStaticOptions {
  /** The built app; defaults to <package root>/web/dist. */
  root?: string;
}

function isServicePath(path: string): boolean {
  return SERVICE_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}?`));
}

// The Content-Security-Policy, nosniff and referrer policy come from security-headers.ts, as on every answer.
function sendIndex(reply: FastifyReply) {
  return reply.header("cache-control", "no-cache").sendFile("index.html", { cacheControl: false });
}

export default async function webStatic(app: FastifyInstance, opts: WebStaticOptions) {
  if (!app.deps.config.SERVE_WEB) return;
  const root = resolve(opts.root ?? join(packageRoot(), "web", "dist"));
  if (!existsSync(join(root, "index.html"))) {
    app.log.warn(
      { root },
      "SERVE_WEB is on but the web app is not built (run `npm run build`); serving the API only",
    );
    return;
  }
  await app.register(fastifyStatic, { root, serve: false });

  // Metrics count this route as the web app, or as unmatched for service paths and missing files (404),
  // never under its template `/*`.
  const endpointLabel = (req: FastifyRequest) =>
    isServicePath(req.url.split("?")[0] ?? "/") ? UNMATCHED_ENDPOINT : WEB_APP_ENDPOINT;
  const config = { rateLimit: false, endpointLabel };
  app.get("/*", { schema: { hide: true }, config }, async (req, reply) => {
    const path = req.url.split("?")[0] ?? "/";
    if (isServicePath(path)) {
      return reply.status(404).send(errorBody(req, "not_found", `Route GET ${path} not found`));
    }
    let rel: string;
    try {
      rel = normalize(decodeURIComponent(path)).replace(/^[/\\]+/, "");
    } catch {
      return reply.status(400).send(errorBody(req, "bad_request", "Malformed URL"));
    }
    const file = resolve(root, rel);
    const inside = file === root || file.startsWith(root + sep);
    const last = rel.split(/[/\\]/).pop() ?? "";
    if (inside && rel !== "" && last.includes(".")) {
      const stat = statSync(file, { throwIfNoEntry: false });
      if (stat?.isFile()) {
        if (rel === "index.html") return sendIndex(reply);
        const hashed = rel.startsWith(`assets${sep}`) || rel.startsWith("assets/");
        return reply
          .header("cache-control", hashed ? "public, max-age=31536000, immutable" : "public, max-age=3600")
          .sendFile(rel, { cacheControl: false });
      }
      // A missing file is a 404, not the app's HTML (which a browser would try to run as a script).
      return reply.status(404).send(errorBody(req, "not_found", `File ${path} not found`));
    }
    return sendIndex(reply);
  });
}
