// The yardstick of `npm run bench:http`: a bare Fastify server (default options, no logger, no hooks,
// no database) answering the paths the benchmark loads with the very JSON PromptForge answered them with.
// Whatever PromptForge costs beyond this is ours. Started by bench/http.ts with the bodies in BARE_BODIES
// (a JSON object: path template -> body) and the port in PORT; prints "ready" when listening. With
// BARE_HEADERS (path template -> headers; BENCH_BARE_HEADERS=1) it also sends the response headers
// PromptForge sent on each path, x-request-id made per request as PromptForge does.
import Fastify, { type FastifyReply, type FastifyRequest, type RouteShorthandOptions } from "fastify";

const port = Number(process.env.PORT);
const bodies = JSON.parse(process.env.BARE_BODIES ?? "{}") as Record<string, unknown>;
const headers = JSON.parse(process.env.BARE_HEADERS ?? "{}") as Record<string, Record<string, string>>;

/** The route's options: an onRequest hook setting `own` headers, or none. */
function withHeaders(own: Record<string, string> | undefined): RouteShorthandOptions {
  if (!own) return {};
  const { "x-request-id": requestId, ...fixed } = own;
  const names = Object.keys(fixed);
  const values = names.map((name) => fixed[name] as string);
  return {
    onRequest: (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
      if (requestId !== undefined) reply.header("x-request-id", req.id);
      for (let i = 0; i < names.length; i++) reply.header(names[i] as string, values[i]);
      done();
    },
  };
}

const app = Fastify();
for (const [path, body] of Object.entries(bodies)) {
  const opts = withHeaders(headers[path]);
  // The health body carries a clock in PromptForge; a fresh one here keeps the work comparable.
  if (path === "/health/live") {
    const started = Date.now();
    app.get(path, opts, async () => ({
      alive: true,
      timestamp: Date.now() / 1000,
      uptime_seconds: Math.round(Date.now() - started) / 1000,
    }));
  } else if (path.startsWith("/api/v1/registry/")) {
    // The registry answers with a strong ETag and 304 on a match; the yardstick does the same comparison.
    const etag = process.env.BARE_ETAG ?? "";
    app.get(path, opts, async (req, reply) => {
      reply.header("etag", etag).header("cache-control", "private, max-age=0, must-revalidate");
      if (req.headers["if-none-match"] === etag) return reply.status(304).send();
      return body;
    });
  } else {
    app.get(path, opts, async () => body);
  }
}
await app.listen({ port, host: "127.0.0.1" });
process.stdout.write("ready\n");
