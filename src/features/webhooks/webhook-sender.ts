// Sends one signed webhook delivery over node:http / node:https rather than fetch: they connect to an
// address we give (the one the SSRF check just approved, webhook-targets.ts) while the Host header and the
// TLS name stay the URL's, which fetch only offers through an undici Agent that is not a dependency of
// PromptForge; and they never follow a redirect, so a 3xx is an answer like any other, not a way to reach
// another host. Resolving, connecting, sending and the status line share one deadline (10 s by default);
// the receiver's body is never read nor stored.
import { createHmac } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { bareHost, checkTarget, type TargetPolicy, TargetRefusedError } from "./webhook-targets.js";

/** The deadline of one delivery attempt: connecting, sending and receiving the status line. */
export const DELIVERY_TIMEOUT_MS = 10_000;
export const SIGNATURE_HEADER = "PromptForge-Signature";
export const DELIVERY_HEADER = "PromptForge-Delivery";
export const EVENT_HEADER = "PromptForge-Event";

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${v1}`;
}

export interface SendRequest {
  url: string;
  body: string;
  secret: string;
  deliveryId: string;
  event: string;
  /** Seconds since the epoch, for the signature. */
  timestamp: number;
  userAgent: string;
}

export type SendOutcome =
  | { kind: "response"; status: number; ms: number }
  | { kind: "refused"; error: string; ms: number }
  | { kind: "timeout"; error: string; ms: number }
  | { kind: "network"; error: string; ms: number }
  | { kind: "aborted"; ms: number };

export interface SenderOptions {
  policy: TargetPolicy;
  timeoutMs?: number;
  /** Monotonic milliseconds, for the duration. */
  now?: () => number;
}

/** Sends one attempt; never throws. `signal` aborts it (shutdown). */
export async function sendDelivery(
  req: SendRequest,
  opts: SenderOptions,
  signal?: AbortSignal,
): Promise<SendOutcome> {
  const now = opts.now ?? (() => performance.now());
  const started = now();
  const elapsed = () => Math.round(now() - started);
  const timeoutMs = opts.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  let url: URL;
  let address: string;
  try {
    url = new URL(req.url);
    // Resolved and checked now; the socket then connects to that very address (no second lookup). The
    // lookup counts against the attempt's deadline: a resolver that hangs must not hold the worker.
    address = ((await checkTarget(url, opts.policy, timeoutMs))[0] as { address: string }).address;
  } catch (e) {
    if (e instanceof TargetRefusedError && e.unresolved)
      // A name that does not resolve now may resolve later: retried like a network failure.
      return { kind: "network", error: e.message, ms: elapsed() };
    return {
      kind: "refused",
      error: e instanceof TargetRefusedError ? `url ${e.message}` : "invalid url",
      ms: elapsed(),
    };
  }
  const host = bareHost(url);
  const remainingMs = Math.max(1, timeoutMs - (now() - started));
  const client = url.protocol === "https:" ? https : http;
  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const finish = (o: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      resolve(o);
    };
    const request = client.request(
      {
        method: "POST",
        protocol: url.protocol,
        hostname: address,
        port: url.port || (url.protocol === "https:" ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        // TLS: the certificate is checked against the name (SNI too), not the address connected to.
        ...(isIP(host) ? {} : { servername: host }),
        agent: false, // a fresh connection per attempt: no pooled socket to a previously checked address
        headers: {
          host: url.host,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(req.body),
          "user-agent": req.userAgent,
          [SIGNATURE_HEADER]: signatureHeader(req.secret, req.body, req.timestamp),
          [DELIVERY_HEADER]: req.deliveryId,
          [EVENT_HEADER]: req.event,
        },
      },
      (res) => {
        // The status line is the answer; the body is neither read nor stored (it may hold anything, or
        // never end), so the connection is closed at once.
        finish({ kind: "response", status: res.statusCode ?? 0, ms: elapsed() });
        res.on("error", () => {});
        request.destroy();
      },
    );
    const timer = setTimeout(() => {
      finish({ kind: "timeout", error: `no answer within ${timeoutMs / 1000} s`, ms: elapsed() });
      request.destroy();
    }, remainingMs);
    const onAbort = () => {
      finish({ kind: "aborted", ms: elapsed() });
      request.destroy();
    };
    if (signal?.aborted) onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    request.on("error", (err: NodeJS.ErrnoException) => {
      finish({ kind: "network", error: describeNetworkError(err), ms: elapsed() });
    });
    request.end(req.body);
  });
}

/** A short, secret-free description of a connection failure for the delivery log. */
function describeNetworkError(err: NodeJS.ErrnoException): string {
  const code = err.code ?? "error";
  const known: Record<string, string> = {
    ECONNREFUSED: "connection refused",
    ECONNRESET: "connection reset",
    ENOTFOUND: "host not found",
    EAI_AGAIN: "host could not be resolved now",
    EHOSTUNREACH: "host unreachable",
    ENETUNREACH: "network unreachable",
    CERT_HAS_EXPIRED: "TLS certificate expired",
    DEPTH_ZERO_SELF_SIGNED_CERT: "TLS certificate is self-signed",
    ERR_TLS_CERT_ALTNAME_INVALID: "TLS certificate does not match the host",
  };
  return known[code] ?? `connection failed (${code})`;
}
