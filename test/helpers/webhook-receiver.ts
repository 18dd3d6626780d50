// A webhook receiver on loopback for the webhook tests: records every request (headers, body) and answers
// as the test says — a status (with headers), or never (to test the time-out). verifySignature checks the
// PromptForge-Signature header the way docs/webhooks.md tells receivers to.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Answer = { status: number; headers?: Record<string, string> } | "hang";

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  close: () => Promise<void>;
}

/** Starts a receiver; `answer(n)` decides the reply to the n-th request (from 1). */
export async function startReceiver(
  answer: (n: number) => Answer = () => ({ status: 204 }),
): Promise<Receiver> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const a = answer(received.length);
      if (a === "hang") return;
      res.writeHead(a.status, a.headers);
      res.end("receiver says hello");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/promptforge`,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What a receiver does: recompute the HMAC over "<t>.<body>" and compare in constant time. */
export function verifySignature(
  secret: string,
  header: string | undefined,
  body: string,
): { ok: boolean; t: number } {
  const parts = Object.fromEntries((header ?? "").split(",").map((kv) => kv.split("=") as [string, string]));
  const t = Number(parts.t);
  const expected = createHmac("sha256", secret).update(`${parts.t}.${body}`).digest("hex");
  const given = Buffer.from(parts.v1 ?? "", "utf8");
  const ok = given.length === expected.length && timingSafeEqual(given, Buffer.from(expected, "utf8"));
  return { ok, t };
}

/** Polls `check` until it returns true (or throws after `timeoutMs`). */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = "condition",
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
