// The guard that keeps tests on this machine: Socket#connect — which net.connect, tls.connect, http
// agents, the pg driver and Node's fetch all go through — refuses any address that is not loopback.
// A refused attempt fails the socket with ERR_OUTBOUND_NETWORK_BLOCKED and is recorded, so a test
// whose code swallows the error still fails (test/setup/block-outbound-network.ts checks after each test).
import { BlockList, isIP, Socket } from "node:net";

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** True for 127.0.0.0/8, ::1 (IPv4-mapped forms included), "localhost" and no host at all (Node's default). */
export function isLoopbackHost(host: string | undefined | null): boolean {
  if (host === undefined || host === null || host === "") return true;
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  if (bare.toLowerCase() === "localhost") return true;
  const family = isIP(bare);
  if (family === 0) return false; // any other name could resolve anywhere
  return loopback.check(bare, family === 4 ? "ipv4" : "ipv6");
}

/** Where a Socket#connect call is headed: a host and port, or a local (Unix or pipe) path. */
function destinationOf(args: unknown[]): { path: string } | { host: string | undefined; port: unknown } {
  // net.connect hands over its already-normalised [options, listener] array as the only argument.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first !== null && typeof first === "object") {
    const o = first as { path?: string; host?: string; port?: unknown };
    if (o.path) return { path: o.path };
    return { host: o.host, port: o.port };
  }
  if (typeof first === "string" && !/^\d+$/.test(first)) return { path: first };
  return { host: typeof args[1] === "string" ? args[1] : undefined, port: first };
}

const blocked: string[] = [];

/** The attempts refused since the last call, and forgets them (a test that expects them calls this). */
export function takeBlockedAttempts(): string[] {
  return blocked.splice(0);
}

const INSTALLED = Symbol.for("promptforge.test.outboundNetworkGuard");

/** Installs the guard once per process. */
export function blockOutboundNetwork(): void {
  const proto = Socket.prototype as Socket & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const realConnect = proto.connect;
  proto.connect = function guardedConnect(this: Socket, ...args: unknown[]) {
    const to = destinationOf(args);
    if ("path" in to || isLoopbackHost(to.host)) {
      return (realConnect as (...a: unknown[]) => Socket).apply(this, args);
    }
    const where = `${to.host}:${String(to.port)}`;
    blocked.push(where);
    const err: NodeJS.ErrnoException = new Error(
      `outbound network is blocked in tests: refused a connection to ${where} (use a loopback fake server)`,
    );
    err.code = "ERR_OUTBOUND_NETWORK_BLOCKED";
    // Fail the way a refused connection does — asynchronously, through the socket's error event.
    process.nextTick(() => this.destroy(err));
    return this;
  } as Socket["connect"];
}
