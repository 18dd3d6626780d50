// The webhook SSRF policy's address table, URL rules, the retry schedule's bounds and the signature's
// form, without a database: what may never be reached, what may, and the promises the docs make.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { WEBHOOK_EVENTS } from "../../src/features/webhooks/webhook-events.js";
import { signatureHeader } from "../../src/features/webhooks/webhook-sender.js";
import {
  checkTarget,
  isPrivateAddress,
  parseTargetUrl,
  systemResolver,
  TargetRefusedError,
} from "../../src/features/webhooks/webhook-targets.js";
import { MAX_ATTEMPTS, RETRY_WINDOW_MS, retryDelayMs } from "../../src/features/webhooks/webhook-worker.js";
import { WEBHOOK_DELIVERY_EVENTS } from "../../src/observability/metrics.js";

describe("isPrivateAddress", () => {
  it.each([
    "0.0.0.0",
    "10.0.0.1",
    "100.64.1.1",
    "127.0.0.1",
    "127.255.255.254",
    "169.254.169.254",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.0.1",
    "198.18.0.1",
    "224.0.0.1",
    "255.255.255.255",
    "::",
    "::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:10.0.0.1",
    "::ffff:a9fe:a9fe",
    "::127.0.0.1",
    "64:ff9b::a00:1",
    "2002:7f00:1::",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "fe80::1%eth0",
    "ff02::1",
    "2001:db8::1",
    "::ffff:0:127.0.0.1",
    "::ffff:0:a00:1",
    "64:ff9b:1::a00:1",
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",
    "not-an-address",
  ])("refuses %s", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    "93.184.216.34",
    "8.8.8.8",
    "172.32.0.1",
    "100.128.0.1",
    "2606:4700::1111",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "::ffff:0:808:808",
  ])("allows %s", (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe("parseTargetUrl", () => {
  it.each([
    ["file:///etc/passwd", /http/],
    ["javascript:alert(1)", /http/],
    ["http://a:b@example.com/", /user name or password/],
    ["https://example.com/#x", /fragment/],
    ["//example.com/", /absolute/],
    [`https://example.com/${"x".repeat(2000)}`, /at most 2000/],
  ])("refuses %s", (url, why) => {
    expect(() => parseTargetUrl(url)).toThrow(TargetRefusedError);
    expect(() => parseTargetUrl(url)).toThrow(why);
  });

  it("refuses localhost through the system resolver when private targets are not allowed", async () => {
    await expect(
      checkTarget(new URL("http://localhost:8080/hook"), { allowPrivate: false, resolve: systemResolver }),
    ).rejects.toThrow(/private, loopback or link-local/);
  });

  it("accepts http and https URLs with ports, paths and queries", () => {
    expect(parseTargetUrl("https://hooks.example.com:8443/in?team=1").href).toBe(
      "https://hooks.example.com:8443/in?team=1",
    );
  });
});

describe("the retry schedule", () => {
  it("retries first within 15 s, backs off exponentially with jitter, and never beyond the 24-hour window", () => {
    for (const r of [0, 0.5, 1]) expect(retryDelayMs(1, () => r)).toBeLessThanOrEqual(15_000);
    expect(retryDelayMs(1, () => 0)).toBeGreaterThanOrEqual(5000);
    expect(retryDelayMs(2, () => 1)).toBe(2 * retryDelayMs(1, () => 1));
    expect(retryDelayMs(30, () => 1)).toBe(4 * 3600_000);
    // With the longest waits, MAX_ATTEMPTS attempts reach past 24 h: the window, not the count, ends them.
    let longest = 0;
    for (let a = 1; a < MAX_ATTEMPTS; a++) longest += retryDelayMs(a, () => 1);
    expect(longest).toBeGreaterThan(RETRY_WINDOW_MS);
    // With the shortest, the count ends them well inside a day: attempts stay bounded either way.
    let shortest = 0;
    for (let a = 1; a < MAX_ATTEMPTS; a++) shortest += retryDelayMs(a, () => 0);
    expect(shortest).toBeLessThan(RETRY_WINDOW_MS);
  });
});

describe("the signature", () => {
  it("is t=<unix seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>'>", () => {
    const body = '{"type":"ping"}';
    const header = signatureHeader("whsec_test", body, 1_767_225_600);
    const hex = createHmac("sha256", "whsec_test").update(`1767225600.${body}`).digest("hex");
    expect(header).toBe(`t=1767225600,v1=${hex}`);
  });

  it("labels webhook_deliveries_total by exactly the subscribable events and the ping", () => {
    expect([...WEBHOOK_DELIVERY_EVENTS]).toEqual([...WEBHOOK_EVENTS, "ping"]);
  });
});

describe("docs/webhooks.md", () => {
  it("shows a Node verification that accepts PromptForge's signature and refuses a forged or stale one", async () => {
    const { readFileSync } = await import("node:fs");
    const crypto = await import("node:crypto");
    const md = readFileSync(new URL("../../docs/webhooks.md", import.meta.url), "utf8");
    const code = /```js\n([\s\S]*?)```/.exec(md)?.[1] ?? "";
    expect(code.split("\n").filter((l) => l.trim()).length).toBeLessThanOrEqual(12);
    // The snippet as written, its import turned into the same functions handed in.
    const body = code.replace(/^import .*$/m, "");
    const verify = new Function("createHmac", "timingSafeEqual", `${body}; return verifyPromptForge;`)(
      crypto.createHmac,
      crypto.timingSafeEqual,
    ) as (secret: string, header: string, raw: string) => boolean;
    const raw = '{"event_id":"e1","type":"ping","data":{}}';
    const now = Math.floor(Date.now() / 1000);
    expect(verify("whsec_doc", signatureHeader("whsec_doc", raw, now), raw)).toBe(true);
    expect(verify("whsec_other", signatureHeader("whsec_doc", raw, now), raw)).toBe(false);
    expect(verify("whsec_doc", signatureHeader("whsec_doc", raw, now), `${raw} `)).toBe(false);
    expect(verify("whsec_doc", signatureHeader("whsec_doc", raw, now - 3600), raw)).toBe(false);
    expect(verify("whsec_doc", `t=${now}`, raw)).toBe(false);
  });
});
