// The test suite never reaches past this machine: every way our code opens a connection (net, tls,
// http, fetch) fails at once with a message naming the blocked address, while loopback servers — the
// fake LLM, fake Sentry, PostgreSQL on 127.0.0.1 — answer as usual. The guard lives in
// test/setup/block-outbound-network.ts, loaded for every test file by vitest.config.ts.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer, get, type Server } from "node:http";
import { type AddressInfo, connect, createServer as createTcpServer, Socket } from "node:net";
import { join, resolve } from "node:path";
import { connect as tlsConnect } from "node:tls";
import { afterEach, describe, expect, it } from "vitest";
import { isLoopbackHost, takeBlockedAttempts } from "../helpers/outbound-network.js";

const ROOT = resolve(import.meta.dirname, "../..");
const BLOCKED = /outbound network is blocked in tests: .*203\.0\.113\.7:(443|80|9)/;

/** Resolves with the error a socket fails with (or rejects when it connects after all). */
function failureOf(socket: Socket): Promise<Error> {
  return new Promise((resolve, reject) => {
    socket.once("error", resolve);
    socket.once("connect", () => {
      socket.destroy();
      reject(new Error("connected to an outside address"));
    });
  });
}

describe("outbound network in tests", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  });

  it("fails a net.connect to an outside address with a message naming it", async () => {
    const err = await failureOf(connect(9, "203.0.113.7"));
    expect(err.message).toMatch(BLOCKED);
    expect((err as NodeJS.ErrnoException).code).toBe("ERR_OUTBOUND_NETWORK_BLOCKED");
    expect(takeBlockedAttempts()).toEqual(["203.0.113.7:9"]);
  });

  it("fails Socket#connect with an options object and a host name too", async () => {
    const err = await failureOf(new Socket().connect({ port: 443, host: "api.example.com" }));
    expect(err.message).toMatch(/outbound network is blocked in tests: .*api\.example\.com:443/);
    expect(takeBlockedAttempts()).toEqual(["api.example.com:443"]);
  });

  it("fails a tls.connect to an outside address", async () => {
    const err = await failureOf(tlsConnect({ host: "203.0.113.7", port: 443, servername: "example.com" }));
    expect(err.message).toMatch(BLOCKED);
    expect(takeBlockedAttempts()).toEqual(["203.0.113.7:443"]);
  });

  it("fails an http request to an outside address", async () => {
    const req = get("http://203.0.113.7:80/");
    const [err] = (await once(req, "error")) as [Error];
    expect(err.message).toMatch(BLOCKED);
    expect(takeBlockedAttempts()).toEqual(["203.0.113.7:80"]);
  });

  it("fails fetch to an outside address, the cause naming it", async () => {
    const err = await fetch("https://203.0.113.7:443/").then(
      () => new Error("fetch reached an outside address"),
      (e: unknown) => e as Error & { cause?: Error },
    );
    expect(err).toBeInstanceOf(TypeError);
    expect((err as { cause?: Error }).cause?.message).toMatch(BLOCKED);
    expect(takeBlockedAttempts()).toEqual(["203.0.113.7:443"]);
  });

  it("lets fetch and net reach a server on 127.0.0.1, ::1 and localhost", async () => {
    const server = createServer((_req, res) => res.end("here"));
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "::", r)); // dual-stack: answers on both loopbacks
    const { port } = server.address() as AddressInfo;
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe("here");
    expect(await (await fetch(`http://[::1]:${port}/`)).text()).toBe("here");
    expect(await (await fetch(`http://localhost:${port}/`)).text()).toBe("here");

    const tcp = createTcpServer((s) => s.on("error", () => {}).end()); // the client hangs up at once
    await new Promise<void>((r) => tcp.listen(0, "::", r));
    try {
      const tcpPort = (tcp.address() as AddressInfo).port;
      for (const host of ["127.0.0.1", "::1"]) {
        const socket = connect(tcpPort, host);
        await once(socket, "connect");
        socket.destroy();
      }
      expect(takeBlockedAttempts()).toEqual([]);
    } finally {
      await new Promise((r) => tcp.close(r));
    }
  });

  it("tells loopback addresses from outside ones", () => {
    const inside = ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "::ffff:127.0.0.1", "localhost", undefined];
    for (const host of inside) expect(isLoopbackHost(host), String(host)).toBe(true);
    const outside = [
      "0.0.0.0",
      "10.0.0.1",
      "203.0.113.7",
      "::",
      "2001:db8::1",
      "example.com",
      "localhost.evil",
    ];
    for (const host of outside) expect(isLoopbackHost(host), host).toBe(false);
  });

  it("fails a test whose code swallowed the refusal, naming the address it tried", async () => {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, "node_modules/vitest/vitest.mjs"),
        "run",
        "--config",
        join(ROOT, "test/fixtures/outbound-network/vitest.config.ts"),
      ],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      output += d.toString();
    });
    const [code] = await once(child, "exit");
    expect(output).toContain("this test tried to reach the outbound network: 203.0.113.7:443");
    expect(output).toMatch(/Tests\s+1 failed \| 1 passed \(2\)/);
    expect(code, output).toBe(1);
  }, 60_000);
});
