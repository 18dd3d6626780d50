// The request hooks keep the labelled children of each (method, endpoint) instead of asking prom-client
// for them on every request: the counts must be exactly what labels() would have given, and the cache
// must stay within its documented bound.
import { describe, expect, it } from "vitest";
import { MAX_CACHED_SERIES, seriesCache } from "../../src/observability/request-hooks.js";
import { freshMetrics, metricValue } from "../helpers/metrics.js";

describe("request series cache", () => {
  it("counts into the same series labels() names, per method, endpoint and status", async () => {
    const m = freshMetrics();
    const cache = seriesCache(m);
    const a = cache.get("GET", "/api/v1/prompts/:id");
    expect(cache.get("GET", "/api/v1/prompts/:id")).toBe(a);
    cache.total(a, "GET", "/api/v1/prompts/:id", 200).inc();
    cache.total(a, "GET", "/api/v1/prompts/:id", 200).inc();
    cache.total(a, "GET", "/api/v1/prompts/:id", 404).inc();
    a.duration.observe(0.01);
    a.inProgress.inc();
    const b = cache.get("PUT", "/api/v1/prompts/:id");
    cache.total(b, "PUT", "/api/v1/prompts/:id", 200).inc();
    const ep = { endpoint: "/api/v1/prompts/:id" };
    expect(await metricValue(m.httpRequestsTotal, { ...ep, method: "GET", status_code: "200" })).toBe(2);
    expect(await metricValue(m.httpRequestsTotal, { ...ep, method: "GET", status_code: "404" })).toBe(1);
    expect(await metricValue(m.httpRequestsTotal, { ...ep, method: "PUT" })).toBe(1);
    expect(await metricValue(m.httpRequestDuration, { ...ep, method: "GET" }, "count")).toBe(1);
    expect(await metricValue(m.httpRequestsInProgress, { ...ep, method: "GET" })).toBe(1);
    expect(cache.get("GET", "/health/live").probe).toBe(true);
    expect(a.probe).toBe(false);
  });

  it("holds at most its bound of (method, endpoint) pairs, and still counts after starting over", async () => {
    expect(MAX_CACHED_SERIES).toBe(2000);
    const m = freshMetrics();
    const cache = seriesCache(m, 3);
    for (const e of ["/a", "/b", "/c", "/d", "/e"]) cache.total(cache.get("GET", e), "GET", e, 200).inc();
    expect(cache.size).toBeLessThanOrEqual(3);
    const again = cache.get("GET", "/a");
    cache.total(again, "GET", "/a", 200).inc();
    expect(await metricValue(m.httpRequestsTotal, { endpoint: "/a" })).toBe(2);
    expect(await metricValue(m.httpRequestsTotal)).toBe(6);
  });
});
