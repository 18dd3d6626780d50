// The per-request metric children add to prom-client's series directly: the exposition text must be
// exactly what prom-client's own children give for the same updates, through resets, removals and
// refused values.
import client from "prom-client";
import { describe, expect, it } from "vitest";
import { counterChild, gaugeChild, histogramChild } from "../../src/observability/metric-children.js";

function metricsOf(registry: client.Registry) {
  const r = [registry];
  return {
    total: new client.Counter({ name: "t_total", help: "t", labelNames: ["method", "code"], registers: r }),
    inFlight: new client.Gauge({ name: "t_in_flight", help: "g", labelNames: ["method"], registers: r }),
    duration: new client.Histogram({
      name: "t_seconds",
      help: "h",
      labelNames: ["method"],
      buckets: [0.005, 0.1, 1],
      registers: r,
    }),
    plain: new client.Histogram({ name: "t_plain_seconds", help: "p", buckets: [0.5, 2], registers: r }),
  };
}

type Ops = {
  inc(method: string, code: string): void;
  gauge(method: string, delta: 1 | -1): void;
  observe(method: string, v: number): void;
  plain(v: number): void;
};

function script(ops: Ops, m: ReturnType<typeof metricsOf>) {
  ops.inc("GET", "200");
  ops.inc("GET", "200");
  ops.inc("GET", "404");
  ops.gauge("GET", 1);
  ops.gauge("GET", 1);
  ops.gauge("GET", -1);
  for (const v of [0, 0.005, 0.0051, 0.1, 0.5, 1, 7, 0.002]) ops.observe("GET", v);
  ops.observe("PUT", 0.3);
  for (const v of [0.1, 0.5, 3]) ops.plain(v);
  expect(() => ops.observe("GET", Number.NaN)).toThrow(/not a valid number/);
  m.total.reset();
  m.duration.remove("GET");
  ops.inc("GET", "200");
  ops.observe("GET", 0.05);
  ops.gauge("GET", -1);
  ops.plain(1);
}

describe("metric children", () => {
  it("give the same exposition text as prom-client's labels() children", async () => {
    const plainRegistry = new client.Registry();
    const pm = metricsOf(plainRegistry);
    script(
      {
        inc: (method, code) => pm.total.labels(method, code).inc(),
        gauge: (method, d) => (d === 1 ? pm.inFlight.labels(method).inc() : pm.inFlight.labels(method).dec()),
        observe: (method, v) => pm.duration.labels(method).observe(v),
        plain: (v) => pm.plain.observe(v),
      },
      pm,
    );

    const fastRegistry = new client.Registry();
    const fm = metricsOf(fastRegistry);
    const keep = new Map<string, unknown>();
    const once = <T>(key: string, make: () => T): T => {
      if (!keep.has(key)) keep.set(key, make());
      return keep.get(key) as T;
    };
    script(
      {
        inc: (method, code) => once(`c${method}${code}`, () => counterChild(fm.total, method, code)).inc(),
        gauge: (method, d) => {
          const g = once(`g${method}`, () => gaugeChild(fm.inFlight, method));
          if (d === 1) g.inc();
          else g.dec();
        },
        observe: (method, v) => once(`h${method}`, () => histogramChild(fm.duration, method)).observe(v),
        plain: (v) => once("p", () => histogramChild(fm.plain)).observe(v),
      },
      fm,
    );

    const fast = await fastRegistry.metrics();
    expect(fast).toBe(await plainRegistry.metrics());
    expect(fast).toContain('t_seconds_bucket{le="0.005",method="GET"} 0');
    expect(fast).toContain('t_total{method="GET",code="200"} 1');
  });
});
