// A Sentry envelope receiver on 127.0.0.1, so tests run the real @sentry/node SDK and assert on what
// it actually sends. Accepts `POST /api/<project>/envelope/` (gzip or plain), splits the envelope into
// its header, item headers and payloads, and keeps every item for the test to inspect.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";

export interface EnvelopeItem {
  type: string;
  header: Record<string, unknown>;
  /** Parsed JSON payload, or the raw text when the payload is not JSON. */
  payload: Record<string, unknown>;
  raw: string;
}

export interface FakeSentry {
  /** DSN pointing at this receiver: `http://key@127.0.0.1:PORT/1`. */
  dsn: string;
  /** Every item received, in order. */
  items: EnvelopeItem[];
  /** Every raw request body received (decompressed), for "no secret anywhere" assertions. */
  bodies: string[];
  events(): Record<string, unknown>[];
  transactions(): Record<string, unknown>[];
  /** Resolves once at least `count` items of `type` arrived (or rejects after timeoutMs). */
  waitFor(type: string, count?: number, timeoutMs?: number): Promise<EnvelopeItem[]>;
  close(): Promise<void>;
}

function parseEnvelope(text: string): EnvelopeItem[] {
  const lines = text.split("\n");
  const items: EnvelopeItem[] = [];
  // First line is the envelope header; then pairs of item header + payload.
  let i = 1;
  while (i < lines.length) {
    const headerLine = lines[i];
    if (!headerLine) {
      i++;
      continue;
    }
    const header = JSON.parse(headerLine) as Record<string, unknown>;
    const raw = lines[i + 1] ?? "";
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      payload = { text: raw };
    }
    items.push({ type: String(header.type), header, payload, raw });
    i += 2;
  }
  return items;
}

export async function startFakeSentry(): Promise<FakeSentry> {
  const items: EnvelopeItem[] = [];
  const bodies: string[] = [];
  const waiters = new Set<() => void>();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST" || !/^\/api\/\d+\/envelope\/?/.test(req.url ?? "")) {
        res.writeHead(404).end();
        return;
      }
      let body = Buffer.concat(chunks);
      if (req.headers["content-encoding"] === "gzip") body = gunzipSync(body);
      const text = body.toString("utf8");
      bodies.push(text);
      items.push(...parseEnvelope(text));
      for (const w of waiters) w();
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;

  const ofType = (type: string) => items.filter((it) => it.type === type);
  return {
    dsn: `http://key@127.0.0.1:${port}/1`,
    items,
    bodies,
    events: () => ofType("event").map((it) => it.payload),
    transactions: () => ofType("transaction").map((it) => it.payload),
    waitFor: (type, count = 1, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = ofType(type);
          if (found.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`fake Sentry: expected ${count} ${type} item(s), got ${ofType(type).length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
