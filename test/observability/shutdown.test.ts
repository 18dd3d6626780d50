// Graceful shutdown of the real server process: SIGTERM during a stream of requests turns readiness to
// 503 at once, lets in-flight requests finish, refuses new connections only after the drain, and exits 0
// well within SHUTDOWN_TIMEOUT_SECONDS. No request may fail other than by 503 after readiness turned
// (or by a refused connection once the drain is over and the listener closes).
import type { ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { drainMillis } from "../../src/server.js";
import { startServerProcess } from "../helpers/server-process.js";

interface Outcome {
  path: string;
  startedAt: number;
  status?: number;
  error?: string;
}

describe("graceful shutdown", () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
  });

  it("finishes in-flight requests, answers 503 after SIGTERM, and exits 0 within the timeout", async () => {
    const server = await startServerProcess(
      {
        DATA_DIR: mkdtempSync(join(tmpdir(), "promptforge-shutdown-")),
        LOG_LEVEL: "INFO",
        LOG_SAMPLE_RATE: "0",
        RATE_LIMIT_ENABLED: "false",
        SHUTDOWN_TIMEOUT_SECONDS: "10",
      },
      { startTimeoutMs: 20_000 },
    );
    child = server.child;
    const { base, output } = server;

    const outcomes: Outcome[] = [];
    let stop = false;
    let n = 0;
    const request = async (path: string, init?: RequestInit) => {
      const o: Outcome = { path, startedAt: Date.now() };
      outcomes.push(o);
      try {
        const res = await fetch(`${base}${path}`, init);
        o.status = res.status;
        await res.arrayBuffer();
      } catch (e) {
        o.error = String((e as { cause?: { code?: string } }).cause?.code ?? e);
      }
    };
    // Three clients: a readiness poller, fast requests, and slow ones (argon2 registration) in flight.
    const loops = [
      (async () => {
        while (!stop) {
          await request("/health/ready");
          await new Promise((r) => setTimeout(r, 50));
        }
      })(),
      (async () => {
        while (!stop) await request("/openapi.json");
      })(),
      (async () => {
        while (!stop) {
          n++;
          await request("/api/v1/auth/register", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              username: `drain_${n}`,
              email: `drain_${n}@example.test`,
              password: "violet-harbour-lantern-42",
            }),
          });
        }
      })(),
    ];

    await new Promise((r) => setTimeout(r, 600));
    const sigtermAt = Date.now();
    const code = await server.stop();
    const exitedAfter = Date.now() - sigtermAt;
    stop = true;
    await Promise.all(loops);

    expect(code, output()).toBe(0);
    expect(exitedAfter).toBeLessThan(10_000);

    const before = outcomes.filter((o) => o.startedAt < sigtermAt);
    const after = outcomes.filter((o) => o.startedAt >= sigtermAt);
    expect(before.length).toBeGreaterThan(5);
    // Everything sent before the signal succeeded, including registrations still in flight at SIGTERM.
    for (const o of before)
      expect(o, JSON.stringify(o)).toMatchObject({ status: o.path.includes("register") ? 201 : 200 });
    // Readiness turned at once (within the signal's delivery) and never turned back.
    const probesAfter = after.filter((o) => o.path === "/health/ready" && o.status !== undefined);
    const firstNotReady = probesAfter.findIndex((o) => o.status === 503);
    expect(firstNotReady).toBeGreaterThanOrEqual(0);
    expect((probesAfter[firstNotReady] as Outcome).startedAt - sigtermAt).toBeLessThan(250);
    for (const o of probesAfter.slice(firstNotReady)) expect(o.status).toBe(503);
    // During the drain everything is answered: served, or 503 (the listener is still open). Once the drain
    // is over the listener closes, and a connection that is refused or dropped before its request was
    // read is the "new connections are refused" part of the contract.
    const drainEnds = sigtermAt + drainMillis({ SHUTDOWN_TIMEOUT_SECONDS: 10 });
    for (const o of after) {
      if (o.status !== undefined) expect([200, 201, 503]).toContain(o.status);
      else {
        expect(o.startedAt, JSON.stringify(o)).toBeGreaterThanOrEqual(drainEnds - 50);
        expect(["ECONNREFUSED", "ECONNRESET"]).toContain(o.error);
      }
    }
    expect(after.filter((o) => o.startedAt < drainEnds - 50).length).toBeGreaterThan(5);
    expect(output()).toContain("Shutdown complete");
  }, 40_000);
});
