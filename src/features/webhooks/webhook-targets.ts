// Where a webhook may point (SSRF protection): an http(s) URL without credentials whose host resolves
// only to public addresses. Private, loopback, link-local, unique-local, multicast and reserved
// addresses — IPv4, IPv6 and IPv4 embedded in IPv6 — are refused unless WEBHOOK_ALLOW_PRIVATE_TARGETS
// is on. The same check runs when a webhook is saved and again before every
// delivery, whose socket then connects to the very address that was checked (webhook-sender.ts), so a name
// that resolves to a public address when saved and to 127.0.0.1 later (DNS rebinding) gains nothing.
import { lookup as dnsLookup } from "node:dns";
import { isIP } from "node:net";

/** Longest webhook URL accepted. */
export const MAX_URL_LENGTH = 2000;
/** Longest wait for the resolver, when a webhook is saved (a delivery passes its own deadline). */
export const RESOLVE_TIMEOUT_MS = 10_000;

export type Resolver = (host: string) => Promise<{ address: string; family: 4 | 6 }[]>;

/** Every address the system resolver gives for `host`. */
export const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) => {
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => {
      if (err) reject(err);
      else resolve(addresses.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 })));
    });
  });

/** Why a target is refused; `field` is always `url`. */
export class TargetRefusedError extends Error {
  override name = "TargetRefusedError";
  /** True when the name could not be resolved at all (possibly a passing DNS failure). */
  readonly unresolved: boolean;
  constructor(message: string, unresolved = false) {
    super(message);
    this.unresolved = unresolved;
  }
}

// [first address, prefix length] of the IPv4 ranges no webhook may reach.
const V4_BLOCKED: [string, number][] = [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local (cloud metadata services live here)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, and the broadcast address
];

function v4ToInt(address: string): number {
  return address.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

function v4Blocked(address: string): boolean {
  const n = v4ToInt(address);
  return V4_BLOCKED.some(([base, bits]) => {
    const size = 2 ** (32 - bits);
    const start = v4ToInt(base);
    return n >= start && n < start + size;
  });
}

/** The 16 bytes of an IPv6 address (`::`, embedded dotted IPv4 and zone ids handled). */
function v6Bytes(address: string): number[] {
  let a = address.split("%")[0] as string;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (dotted) {
    const n = v4ToInt(dotted[1] as string);
    a = `${a.slice(0, dotted.index)}${((n >>> 16) & 0xffff).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head = "", tail] = a.split("::");
  const groups = (s: string) => (s === "" ? [] : s.split(":").map((g) => Number.parseInt(g, 16)));
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  const all = tail === undefined ? h : [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
  return all.flatMap((g) => [(g >> 8) & 0xff, g & 0xff]);
}

function v6Blocked(address: string): boolean {
  const b = v6Bytes(address);
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const embedded = (at: number) => b.slice(at, at + 4).join(".");
  // IPv4-mapped ::ffff:a.b.c.d and the IPv4 the NAT64 prefix 64:ff9b::/96 carries: judged as that IPv4.
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return v4Blocked(embedded(12));
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12))
    return v4Blocked(embedded(12));
  // IPv4-translated ::ffff:0:a.b.c.d (SIIT) and the local-use NAT64 prefix 64:ff9b:1::/48: judged as that IPv4.
  if (zeros(0, 8) && b[8] === 0xff && b[9] === 0xff && zeros(10, 12)) return v4Blocked(embedded(12));
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && b[4] === 0x00 && b[5] === 0x01)
    return true;
  // Teredo (2001::/32) tunnels to an address it hides (obfuscated): never a webhook target.
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x00 && b[3] === 0x00) return true;
  // 6to4 (2002::/16) carries an IPv4 in its next 32 bits.
  if (b[0] === 0x20 && b[1] === 0x02) return v4Blocked(embedded(2));
  const first = b[0] as number;
  const second = b[1] as number;
  return (
    zeros(0, 12) || // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
    (first & 0xfe) === 0xfc || // fc00::/7 unique local
    (first === 0xfe && (second & 0xc0) === 0x80) || // fe80::/10 link-local
    (first === 0xfe && (second & 0xc0) === 0xc0) || // fec0::/10 site-local (deprecated)
    first === 0xff || // multicast
    (first === 0x20 && second === 0x01 && b[2] === 0x0d && b[3] === 0xb8) || // 2001:db8::/32 documentation
    (first === 0x01 && zeros(1, 8)) // 100::/64 discard
  );
}

/** True when `address` (an IP literal) is one no webhook may reach without WEBHOOK_ALLOW_PRIVATE_TARGETS. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return v4Blocked(address);
  if (family === 6) return v6Blocked(address);
  return true; // not an address at all: never connect to it
}

/** A parsed, acceptable webhook URL: http or https, a host, no user name or password, no fragment. */
export function parseTargetUrl(raw: string): URL {
  if (raw.length > MAX_URL_LENGTH)
    throw new TargetRefusedError(`must be at most ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetRefusedError("must be an absolute http:// or https:// URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new TargetRefusedError("must be an http:// or https:// URL");
  if (url.username || url.password)
    throw new TargetRefusedError("must not hold a user name or password (sign with the webhook's secret)");
  if (url.hash) throw new TargetRefusedError("must not have a #fragment");
  if (!url.hostname) throw new TargetRefusedError("must name a host");
  return url;
}

/** The URL's host without IPv6 brackets. */
export function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

export interface TargetPolicy {
  allowPrivate: boolean;
  resolve: Resolver;
}

/**
 * Resolves the URL's host and checks every address; returns them (the delivery connects to one of
 * these). Refuses when any address is private (a name with one public and one private address could be
 * steered to the private one), or when the name does not resolve.
 */
export async function checkTarget(
  url: URL,
  policy: TargetPolicy,
  timeoutMs = RESOLVE_TIMEOUT_MS,
): Promise<{ address: string; family: 4 | 6 }[]> {
  const host = bareHost(url);
  const literal = isIP(host);
  let addresses: { address: string; family: 4 | 6 }[];
  if (literal) addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  else {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(Object.assign(new Error("timed out"), { code: "ETIMEOUT" })),
        timeoutMs,
      );
    });
    try {
      addresses = await Promise.race([policy.resolve(host), deadline]);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? "error";
      throw new TargetRefusedError(`host ${host} could not be resolved (${code})`, true);
    } finally {
      clearTimeout(timer);
    }
    if (addresses.length === 0) throw new TargetRefusedError(`host ${host} has no address`, true);
  }
  if (!policy.allowPrivate) {
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad)
      throw new TargetRefusedError(
        `points to a private, loopback or link-local address (${bad.address}); such targets need WEBHOOK_ALLOW_PRIVATE_TARGETS=true`,
      );
  }
  return addresses;
}
