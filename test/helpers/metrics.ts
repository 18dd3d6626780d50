// Reading metrics in tests, for "moved by exactly N" assertions: the samples of a prom-client metric that
// carry the given labels, summed (0 when there are none). The metric is given as the object itself or by
// its name in an app's registry; a histogram is read through its `count` or `sum` series.
import type { FastifyInstance } from "fastify";
import type { Metric } from "prom-client";
import { createMetrics, type Metrics } from "../../src/observability/metrics.js";

type Labels = Record<string, string>;
/** Which series of a histogram to read; without it a histogram reads 0. */
type Series = "count" | "sum";

function registered(app: FastifyInstance, name: string): Metric<string> {
  const metric = app.deps.metrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  return metric;
}

async function sumOf(metric: Metric<string>, labels: Labels = {}, series?: Series): Promise<number> {
  const data = await metric.get();
  const want = series ? `${data.name}_${series}` : data.name;
  return data.values
    .filter((v) => {
      // Histogram samples name their series (…_bucket, …_sum, …_count); counter and gauge samples do not.
      const own = (v as { metricName?: string }).metricName ?? data.name;
      return own === want && Object.entries(labels).every(([k, value]) => String(v.labels[k]) === value);
    })
    .reduce((sum, v) => sum + v.value, 0);
}

export function metricValue(metric: Metric<string>, labels?: Labels, series?: Series): Promise<number>;
export function metricValue(
  app: FastifyInstance,
  name: string,
  labels?: Labels,
  series?: Series,
): Promise<number>;
export async function metricValue(
  source: Metric<string> | FastifyInstance,
  nameOrLabels?: string | Labels,
  labelsOrSeries?: Labels | Series,
  series?: Series,
): Promise<number> {
  if (typeof nameOrLabels === "string") {
    return sumOf(registered(source as FastifyInstance, nameOrLabels), labelsOrSeries as Labels, series);
  }
  return sumOf(source as Metric<string>, nameOrLabels, labelsOrSeries as Series | undefined);
}

/** Distinct label values of `label` across a metric's samples. */
export async function labelValues(app: FastifyInstance, name: string, label: string): Promise<Set<string>> {
  const data = await registered(app, name).get();
  return new Set(data.values.map((v) => String(v.labels[label])));
}

/** A metrics set of its own, without the process defaults, for tests that drive a provider directly. */
export function freshMetrics(): Metrics {
  return createMetrics({
    version: "test",
    commit: "test",
    environment: "development",
    collectDefaults: false,
  });
}
