// Labelled children of prom-client metrics for the series every request moves (HTTP requests, database
// queries, registry fetches). prom-client's own child checks its label values, builds the series' hash key
// and looks the series up again on every inc or observe (about 5 % of a registry fetch's CPU for the seven
// updates it makes). These children let prom-client create the series on first use, keep that series'
// entry, and then add to it as prom-client itself would (value; or sum, count and the bucket). The series,
// their labels and their values are the same (test/unit/metric-children.test.ts compares the exposition
// text with prom-client's own children); if the entry is gone (reset, remove) or is not of the shape
// expected, the update goes through prom-client and the entry is looked up again.
import type { Counter, Gauge, Histogram } from "prom-client";

interface SeriesEntry {
  labels: Record<string, unknown>;
  value?: number;
  sum?: number;
  count?: number;
  bucketValues?: Record<string, number>;
}

/** The parts of a prom-client 15 metric these children read (not in its type declarations). */
interface MetricInternals {
  hashMap: Record<string, SeriesEntry>;
  labelNames: string[];
  upperBounds?: number[];
  enableExemplars?: boolean;
}

/** The key of the series whose labels are `labels`, once prom-client has made it. */
function locate(metric: MetricInternals, labels: Record<string, unknown>): string | undefined {
  for (const key in metric.hashMap) {
    const entry = metric.hashMap[key];
    if (entry && metric.labelNames.every((name) => entry.labels[name] === labels[name])) return key;
  }
  return undefined;
}

function labelsOf(metric: MetricInternals, values: readonly string[]): Record<string, unknown> {
  const labels: Record<string, unknown> = {};
  metric.labelNames.forEach((name, i) => {
    labels[name] = values[i];
  });
  return labels;
}

/** A series' entry, kept while it is the one the metric holds under its key. */
function entryKeeper(
  metric: MetricInternals,
  labels: Record<string, unknown>,
  valid: (e: SeriesEntry) => boolean,
) {
  let key = "";
  let entry: SeriesEntry | undefined;
  return {
    current(): SeriesEntry | undefined {
      return entry !== undefined && metric.hashMap[key] === entry ? entry : undefined;
    },
    refresh(): void {
      const found = locate(metric, labels);
      const next = found === undefined ? undefined : metric.hashMap[found];
      entry = next && valid(next) ? next : undefined;
      key = found ?? "";
    },
  };
}

const hasValue = (e: SeriesEntry) => typeof e.value === "number";

/** `counter.labels(...values)`, adding one to its series directly after the first inc. */
export function counterChild(counter: Counter<string>, ...values: string[]): { inc(): void } {
  const metric = counter as unknown as MetricInternals;
  const slow = counter.labels(...values);
  if (metric.enableExemplars) return slow;
  const kept = entryKeeper(metric, labelsOf(metric, values), hasValue);
  return {
    inc() {
      const entry = kept.current();
      if (entry) {
        (entry.value as number) += 1;
        return;
      }
      slow.inc();
      kept.refresh();
    },
  };
}

/** `gauge.labels(...values)` for inc and dec by one, directly after the first. */
export function gaugeChild(gauge: Gauge<string>, ...values: string[]): { inc(): void; dec(): void } {
  const metric = gauge as unknown as MetricInternals;
  const slow = gauge.labels(...values);
  const kept = entryKeeper(metric, labelsOf(metric, values), hasValue);
  const add = (delta: 1 | -1) => {
    const entry = kept.current();
    if (entry) {
      (entry.value as number) += delta;
      return;
    }
    if (delta === 1) slow.inc();
    else slow.dec();
    kept.refresh();
  };
  return { inc: () => add(1), dec: () => add(-1) };
}

/** `histogram.labels(...values)` (none for an unlabelled histogram), observing directly after the first. */
export function histogramChild(
  histogram: Histogram<string>,
  ...values: string[]
): { observe(v: number): void } {
  const metric = histogram as unknown as MetricInternals;
  const slow = histogram.labels(...values);
  const bounds = metric.upperBounds;
  if (metric.enableExemplars || !Array.isArray(bounds)) return slow;
  const kept = entryKeeper(
    metric,
    labelsOf(metric, values),
    (e) => typeof e.sum === "number" && typeof e.count === "number" && typeof e.bucketValues === "object",
  );
  return {
    observe(v: number) {
      const entry = kept.current();
      // A non-finite value goes to prom-client, which refuses it with its own error.
      if (entry && Number.isFinite(v)) {
        (entry.sum as number) += v;
        (entry.count as number) += 1;
        // The first bucket whose upper bound holds v; above every bound only the count (+Inf) moves.
        for (let i = 0; i < bounds.length; i++) {
          const bound = bounds[i] as number;
          if (v <= bound) {
            const buckets = entry.bucketValues as Record<string, number>;
            if (Object.hasOwn(buckets, bound)) buckets[bound] = (buckets[bound] as number) + 1;
            break;
          }
        }
        return;
      }
      slow.observe(v);
      kept.refresh();
    },
  };
}
