// HTTP route of the playground inside a project: POST /api/v1/projects/:project/playground. Answers
// server-sent events (text/event-stream, the default) as the targets stream — `start`, then per target
// `delta` events in order and one `result`, then `done` — or, with `Accept: application/json`, every
// result at once. A client that goes away aborts the upstream calls.
import { PassThrough } from "node:stream";
import { projectRoutes } from "../projects/project-context.js";
import { PLAYGROUND_LIMITS, PlaygroundBodySchema, PlaygroundResponseSchema } from "./playground-schemas.js";
import type { PlaygroundService } from "./playground-service.js";

/** A comment line this often keeps idle proxies from closing a stream while a model thinks. */
const KEEP_ALIVE_MS = 15_000;

/** JSON unless the client asks for JSON and not for an event stream. */
function wantsJson(accept: string | undefined): boolean {
  const a = (accept ?? "").toLowerCase();
  return a.includes("application/json") && !a.includes("text/event-stream");
}

export default projectRoutes<{ playground: PlaygroundService }>(
  { tags: ["evaluations"] },
  (route, { playground }) => {
    route.post("/playground", {
      summary: "Try a prompt (a version or a draft) on one to four targets side by side, streamed",
      description:
        "Answers text/event-stream by default: `start` {rendered, targets}, then per target `delta` {target, text} " +
        "events in order and one `result` (tokens, latency, cost, or its error), then `done`. With " +
        "`Accept: application/json` the same results come at once. Problems with the request are 4xx " +
        "before any stream starts; a target's failure is its `result` with status error.",
      body: PlaygroundBodySchema,
      response: { 200: PlaygroundResponseSchema },
      errors: [413, 422],
      bodyLimit: PLAYGROUND_LIMITS.bodyBytes,
      handler: async (req, access, reply) => {
        const prepared = await playground.prepare(access, req.body);
        const abort = new AbortController();
        // The connection closing before we ended the response: the client went away.
        reply.raw.on("close", () => {
          if (!reply.raw.writableFinished) abort.abort(new Error("client disconnected"));
        });
        if (wantsJson(req.headers.accept)) {
          const results = await playground.run(prepared, abort.signal);
          return { rendered: prepared.rendered, results };
        }

        const out = new PassThrough();
        const send = (event: string, data: unknown) => {
          if (!out.writableEnded && !out.destroyed)
            out.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        };
        const keepAlive = setInterval(() => {
          if (!out.writableEnded && !out.destroyed) out.write(": keep-alive\n\n");
        }, KEEP_ALIVE_MS);
        send("start", {
          rendered: prepared.rendered,
          targets: prepared.targets.map((t, i) => ({ target: i, provider: t.provider, model: t.model })),
        });
        void playground
          .run(prepared, abort.signal, (e) => {
            if (e.type === "delta") send("delta", { target: e.target, text: e.text });
            else send("result", { target: e.result.target_index, ...e.result });
          })
          .then((results) => {
            send("done", {
              ok: results.filter((r) => r.status === "ok").length,
              errors: results.filter((r) => r.status === "error").length,
            });
          })
          .finally(() => {
            clearInterval(keepAlive);
            out.end();
          });
        return (
          reply
            .header("content-type", "text/event-stream; charset=utf-8")
            .header("cache-control", "no-cache, no-transform")
            .header("x-accel-buffering", "no")
            // A stream is written as is (the 200 schema describes the JSON answer only).
            .send(out as never)
        );
      },
    });
  },
);
