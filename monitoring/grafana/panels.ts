// The panel kinds the PromptForge dashboard is made of, built with the Grafana Foundation SDK. Every
// panel and query names the provisioned Prometheus data source by its fixed uid: Grafana's file
// provisioning does not resolve `${DS_…}` import inputs. Panels carry only a width and a height; the
// dashboard builder places them left to right under their row.

import * as bargauge from "@grafana/grafana-foundation-sdk/bargauge";
import * as common from "@grafana/grafana-foundation-sdk/common";
import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import * as prometheus from "@grafana/grafana-foundation-sdk/prometheus";
import * as stat from "@grafana/grafana-foundation-sdk/stat";
import * as table from "@grafana/grafana-foundation-sdk/table";
import * as timeseries from "@grafana/grafana-foundation-sdk/timeseries";

/** The uid monitoring/grafana/datasources/prometheus.yml gives Prometheus. */
export const PROMETHEUS: dashboard.DataSourceRef = { type: "prometheus", uid: "promptforge-prometheus" };

/** One PromQL query and the legend of the series it returns. */
export interface Query {
  expr: string;
  legend: string;
}

/** What every panel has: a title, an explanation for the (i) icon, and its size on the 24-column grid. */
interface PanelBase {
  title: string;
  description?: string;
  w: number;
  h: number;
}

/** A threshold step: from `value` upwards (the first step starts at minus infinity, `null`). */
export interface Step {
  value: number | null;
  color: string;
}

export type Panel = dashboard.Panel;

/** Queries get the reference ids A, B, C… in the order given, as Grafana's editor would name them. */
function prometheusQueries(queries: Query[], mode: "range" | "instant", format?: prometheus.PromQueryFormat) {
  return queries.map((q, i) => {
    const query = new prometheus.DataqueryBuilder()
      .datasource(PROMETHEUS)
      .refId(String.fromCharCode(65 + i))
      .expr(q.expr)
      .legendFormat(q.legend);
    if (mode === "instant") query.instant();
    else query.range();
    if (format) query.format(format);
    return query;
  });
}

function thresholds(steps: Step[]) {
  return new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps(steps);
}

function lastValue() {
  return new common.ReduceDataOptionsBuilder().calcs(["lastNotNull"]).fields("").values(false);
}

/** A line chart: one panel kind for nearly every question the dashboard answers. */
export function timeseriesPanel(
  spec: PanelBase & { unit: string; queries: Query[]; stacked?: boolean; min?: number; max?: number },
): timeseries.PanelBuilder {
  const panel = new timeseries.PanelBuilder().title(spec.title);
  if (spec.description) panel.description(spec.description);
  panel
    .datasource(PROMETHEUS)
    .targets(prometheusQueries(spec.queries, "range"))
    .unit(spec.unit)
    .drawStyle(common.GraphDrawStyle.Line)
    .lineWidth(1)
    .fillOpacity(10)
    .showPoints(common.VisibilityMode.Never)
    .stacking(
      new common.StackingConfigBuilder()
        .mode(spec.stacked ? common.StackingMode.Normal : common.StackingMode.None)
        .group("A"),
    )
    .legend(
      new common.VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(common.LegendDisplayMode.Table)
        .placement(common.LegendPlacement.Bottom)
        .calcs(["mean", "max", "lastNotNull"]),
    )
    .tooltip(
      new common.VizTooltipOptionsBuilder()
        .mode(common.TooltipDisplayMode.Multi)
        .sort(common.SortOrder.Descending),
    )
    .span(spec.w)
    .height(spec.h);
  if (spec.min !== undefined) panel.min(spec.min);
  if (spec.max !== undefined) panel.max(spec.max);
  return panel;
}

/**
 * One number, the latest value of an instant query. `upDown` turns 0 and 1 into DOWN and UP on a red or
 * green background; `showName` prints the series' legend (e.g. the version) instead of its value.
 */
export function statPanel(
  spec: PanelBase & {
    unit: string;
    query: Query;
    thresholds: Step[];
    decimals?: number;
    upDown?: boolean;
    showName?: boolean;
  },
): stat.PanelBuilder {
  const panel = new stat.PanelBuilder().title(spec.title);
  if (spec.description) panel.description(spec.description);
  panel
    .datasource(PROMETHEUS)
    .targets(prometheusQueries([spec.query], "instant"))
    .unit(spec.unit)
    .thresholds(thresholds(spec.thresholds))
    .reduceOptions(lastValue())
    .colorMode(spec.upDown ? common.BigValueColorMode.Background : common.BigValueColorMode.Value)
    .graphMode(common.BigValueGraphMode.None)
    .textMode(spec.showName ? common.BigValueTextMode.Name : common.BigValueTextMode.Auto)
    .justifyMode(common.BigValueJustifyMode.Auto)
    .orientation(common.VizOrientation.Auto)
    .span(spec.w)
    .height(spec.h);
  if (spec.decimals !== undefined) panel.decimals(spec.decimals);
  if (spec.upDown)
    panel.mappings([
      {
        type: dashboard.MappingType.ValueToText,
        options: { "0": { text: "DOWN", color: "red" }, "1": { text: "UP", color: "green" } },
      },
    ]);
  return panel;
}

/** The buckets of a histogram over the dashboard's time range, one vertical bar per bucket. */
export function histogramBarsPanel(
  spec: PanelBase & { unit: string; query: Query; min?: number },
): bargauge.PanelBuilder {
  const panel = new bargauge.PanelBuilder().title(spec.title);
  if (spec.description) panel.description(spec.description);
  panel
    .datasource(PROMETHEUS)
    .targets(prometheusQueries([spec.query], "instant", prometheus.PromQueryFormat.Heatmap))
    .unit(spec.unit)
    .colorScheme(new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.ContinuousRdYlGr))
    .thresholds(thresholds([{ color: "green", value: null }]))
    .orientation(common.VizOrientation.Vertical)
    .displayMode(common.BarGaugeDisplayMode.Gradient)
    .showUnfilled(true)
    .reduceOptions(lastValue())
    .span(spec.w)
    .height(spec.h);
  if (spec.min !== undefined) panel.min(spec.min);
  return panel;
}

/** The series of an instant query as table rows, their labels as columns (time and value hidden). */
export function labelsTablePanel(spec: PanelBase & { query: Query }): table.PanelBuilder {
  const panel = new table.PanelBuilder().title(spec.title);
  if (spec.description) panel.description(spec.description);
  panel
    .datasource(PROMETHEUS)
    .targets(prometheusQueries([spec.query], "instant", prometheus.PromQueryFormat.Table))
    .transformations([{ id: "organize", options: { excludeByName: { Time: true, Value: true } } }])
    .showHeader(true)
    .span(spec.w)
    .height(spec.h);
  return panel;
}
