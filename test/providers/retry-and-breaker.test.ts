import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CircuitBreaker } from "../../src/features/analysis/providers/circuit-breaker.js";
import { errorTypeOfStatus, isRetryable } from "../../src/features/analysis/providers/llm-errors.js";
import {
  backoffDelay,
  parseRetryAfter,
  retryDelay,
} from "../../src/features/analysis/providers/retry-policy.js";

describe("retry policy", () => {
  it("grows exponentially, stays within [half, full] of the capped step, and never exceeds the cap", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (retry, r) => {
          const d = backoffDelay(retry, { baseMs: 500, capMs: 10_000, random: () => r });
          const step = Math.min(10_000, 500 * 2 ** retry);
          expect(d).toBeGreaterThanOrEqual(Math.floor(step / 2));
          expect(d).toBeLessThanOrEqual(step);
        },
      ),
    );
    const zero = { baseMs: 500, capMs: 10_000, random: () => 0 };
    expect([0, 1, 2, 3, 10].map((n) => backoffDelay(n, zero))).toEqual([250, 500, 1000, 2000, 5000]);
  });

  it("reads Retry-After as seconds or as an HTTP date, and ignores junk", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:03 GMT", now)).toBe(3000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("prefers the server's Retry-After, capped, over its own backoff", () => {
    const opts = { baseMs: 500, capMs: 4000, random: () => 0.5 };
    expect(retryDelay(0, 2500, opts)).toBe(2500);
    expect(retryDelay(0, 60_000, opts)).toBe(4000);
    expect(retryDelay(1, undefined, opts)).toBe(backoffDelay(1, opts));
  });

  it("retries rate limits, server errors and network errors only", () => {
    expect([429, 500, 502, 503, 504].map((s) => isRetryable(errorTypeOfStatus(s)))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([400, 401, 403, 404, 422].map((s) => isRetryable(errorTypeOfStatus(s)))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(isRetryable("network_error")).toBe(true);
    expect(isRetryable("timeout")).toBe(false);
  });
});

describe("circuit breaker", () => {
  function breaker() {
    let now = 0;
    const b = new CircuitBreaker({ failureThreshold: 3, resetMs: 1000, clock: () => now });
    return { b, advance: (ms: number) => (now += ms) };
  }

  it("stays closed while failures are not consecutive", () => {
    const { b } = breaker();
    for (let i = 0; i < 10; i++) {
      b.onFailure("closed");
      b.onFailure("closed");
      b.onSuccess();
    }
    expect(b.state).toBe("closed");
  });

  it("opens on the Nth consecutive failure and refuses calls until the reset time", () => {
    const { b, advance } = breaker();
    b.onFailure("closed");
    b.onFailure("closed");
    expect(b.acquire()).toBe("closed");
    b.onFailure("closed");
    expect(b.state).toBe("open");
    expect(b.acquire()).toBeNull();
    advance(999);
    expect(b.acquire()).toBeNull();
    advance(1);
    expect(b.state).toBe("half_open");
  });

  it("lets exactly one trial through when half-open; its success closes the circuit", () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i++) b.onFailure("closed");
    advance(1000);
    expect(b.acquire()).toBe("trial");
    expect(b.acquire()).toBeNull();
    b.onSuccess();
    expect(b.state).toBe("closed");
    expect(b.acquire()).toBe("closed");
  });

  it("re-opens for a full period when the trial fails", () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i++) b.onFailure("closed");
    advance(5000);
    expect(b.acquire()).toBe("trial");
    b.onFailure("trial");
    expect(b.state).toBe("open");
    advance(999);
    expect(b.acquire()).toBeNull();
    advance(1);
    expect(b.acquire()).toBe("trial");
  });

  it("a call granted while closed that fails after the circuit opened neither restarts the period nor frees the trial slot", () => {
    const { b, advance } = breaker();
    // Four calls start while the circuit is closed; the first three fail and open it.
    const grants = [b.acquire(), b.acquire(), b.acquire(), b.acquire()];
    expect(grants).toEqual(["closed", "closed", "closed", "closed"]);
    for (let i = 0; i < 3; i++) b.onFailure("closed");
    expect(b.state).toBe("open");
    advance(600);
    // The straggler fails late: the circuit still reopens 1000 ms after it opened, not after this.
    b.onFailure("closed");
    advance(400);
    expect(b.state).toBe("half_open");
    expect(b.acquire()).toBe("trial");
    // Another straggler failing while the trial is out must not let a second trial through.
    b.onFailure("closed");
    expect(b.acquire()).toBeNull();
    b.onSuccess();
    expect(b.state).toBe("closed");
  });
});
