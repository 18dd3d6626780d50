// Reads one labelled sample of a prom-client counter or histogram count, 0 when absent.
import type { Counter, Histogram } from "prom-client";
import { createMetrics, type Metrics } from "../../src/observability/metrics.js";

export async function metricValue(
  metric: Counter<string> | Histogram<string>,
  labels: Record<string, string>,
  suffix = "",
): Promise<number> {
  const { values } = await metric.get();
  const hit = values.find((v) => {
    // Histogram samples carry their series name (…_bucket, …_sum, …_count); counter samples do not.
    const name = (v as { metricName?: string }).metricName;
    return (
      (suffix === "" ? !name || !/_bucket$|_sum$|_count$/.test(name) : name?.endsWith(suffix) === true) &&
      Object.entries(labels).every(([k, val]) => String(v.labels[k]) === val)
    );
  });
  return hit?.value ?? 0;
}

export function freshMetrics(): Metrics {
  return createMetrics({
    version: "test",
    commit: "test",
    environment: "development",
    collectDefaults: false,
  });
}
