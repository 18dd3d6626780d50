// The one metric reader the tests share: the same number whether a metric is given as an object or by
// name, samples summed over the labels left open, and a histogram read only through its count or sum.
import { describe, expect, it } from "vitest";
import { buildTestApp } from "../helpers/app.js";
import { freshMetrics, labelValues, metricValue } from "../helpers/metrics.js";

describe("metricValue", () => {
  it("sums the samples that carry the given labels, 0 when none does", async () => {
    const m = freshMetrics();
    m.llmRequestsTotal.labels("openai", "analyze", "success").inc(2);
    m.llmRequestsTotal.labels("openai", "enhance", "success").inc(3);
    m.llmRequestsTotal.labels("gemini", "analyze", "error").inc();
    expect(await metricValue(m.llmRequestsTotal, { provider: "openai", operation: "analyze" })).toBe(2);
    expect(await metricValue(m.llmRequestsTotal, { provider: "openai" })).toBe(5);
    expect(await metricValue(m.llmRequestsTotal)).toBe(6);
    expect(await metricValue(m.llmRequestsTotal, { provider: "local" })).toBe(0);
  });

  it("reads a histogram through its count or sum series only", async () => {
    const m = freshMetrics();
    m.geminiDuration.labels("analyze").observe(0.25);
    m.geminiDuration.labels("analyze").observe(0.5);
    expect(await metricValue(m.geminiDuration, { operation: "analyze" }, "count")).toBe(2);
    expect(await metricValue(m.geminiDuration, { operation: "analyze" }, "sum")).toBe(0.75);
    expect(await metricValue(m.geminiDuration, { operation: "analyze" })).toBe(0);
  });

  it("finds a metric by name in an app's registry, and says so when there is none", async () => {
    const t = await buildTestApp();
    try {
      await t.app.inject({ url: "/openapi.json" });
      const byName = await metricValue(t.app, "http_requests_total", { endpoint: "/openapi.json" });
      expect(byName).toBe(1);
      expect(await metricValue(t.app.deps.metrics.httpRequestsTotal, { endpoint: "/openapi.json" })).toBe(
        byName,
      );
      expect(await labelValues(t.app, "http_requests_total", "endpoint")).toEqual(new Set(["/openapi.json"]));
      await expect(metricValue(t.app, "no_such_metric")).rejects.toThrow("no metric no_such_metric");
    } finally {
      await t.close();
    }
  });
});
