// Reads one sample of a metric from an app's registry, for "moved by exactly N" assertions.
import type { FastifyInstance } from "fastify";

export async function metricValue(
  app: FastifyInstance,
  name: string,
  labels: Record<string, string> = {},
  /** For histograms: which series to read. */
  sample?: "count" | "sum",
): Promise<number> {
  const metric = app.deps.metrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const data = await metric.get();
  return data.values
    .filter((v) => {
      const own = (v as { metricName?: string }).metricName;
      const want = sample ? `${name}_${sample}` : name;
      if (own !== undefined && own !== want) return false;
      return Object.entries(labels).every(([k, value]) => String(v.labels[k]) === value);
    })
    .reduce((sum, v) => sum + v.value, 0);
}

/** Distinct label values of `label` across a metric's samples. */
export async function labelValues(app: FastifyInstance, name: string, label: string): Promise<Set<string>> {
  const metric = app.deps.metrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const data = await metric.get();
  return new Set(data.values.map((v) => String(v.labels[label])));
}
