// The provisioned Grafana dashboard and its provisioning files: the committed JSON is what
// monitoring/grafana/dashboard.ts generates, panel ids and grid positions, the fixed datasource uid
// everywhere (file provisioning does not resolve `${DS_…}` inputs), the instance and environment
// variables, and every metric a panel queries is one PromptForge exports.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { DASHBOARD_FILE, ROWS, renderDashboard } from "../../monitoring/grafana/dashboard.js";
import {
  allPanels,
  type Dashboard,
  exportedSeriesNames,
  loadRules,
  PROMETHEUS_SERIES,
  promqlMetricNames,
  readYaml,
  repoPath,
} from "./monitoring-helpers.js";

interface DatasourceFile {
  apiVersion: number;
  datasources: { name: string; uid: string; type: string; url: string; isDefault?: boolean }[];
}
interface ProviderFile {
  apiVersion: number;
  providers: { name: string; type: string; options: { path: string } }[];
}
interface Compose {
  services: Record<string, { image?: string; volumes?: string[]; environment?: Record<string, string> }>;
}

const dashboard = JSON.parse(
  readFileSync(repoPath("monitoring/grafana/dashboards/promptforge.json"), "utf8"),
) as Dashboard;
const panels = allPanels(dashboard);
const queryPanels = panels.filter((p) => p.type !== "row");
const datasources = readYaml<DatasourceFile>(repoPath("monitoring/grafana/datasources/prometheus.yml"));
const prometheusDs = datasources.datasources.find((d) => d.type === "prometheus");
const exprs = queryPanels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));

describe("monitoring/grafana/dashboards/promptforge.json", () => {
  let exported: Set<string>;
  beforeAll(async () => {
    exported = await exportedSeriesNames();
  });

  it("is exactly what monitoring/grafana/dashboard.ts generates (npm run monitoring:build)", () => {
    const committed = readFileSync(repoPath(DASHBOARD_FILE), "utf8");
    expect(committed, "run `npm run monitoring:build` and commit the result").toBe(renderDashboard());
  });

  it("keeps every row expanded, with its panels on the dashboard under it, in the order of ROWS", () => {
    const rows = dashboard.panels.filter((p) => p.type === "row");
    expect(rows.map((r) => r.title)).toEqual(ROWS.map((makeRow) => makeRow().title));
    for (const row of rows) {
      expect((row as { collapsed?: boolean }).collapsed, row.title).toBe(false);
      expect(row.panels ?? [], row.title).toEqual([]);
    }
  });

  it("gives every panel a unique id", () => {
    const ids = panels.map((p) => p.id);
    expect(ids.every((id) => Number.isInteger(id) && id > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("lays panels out on the 24-column grid without overlaps", () => {
    for (const p of panels) {
      expect(p.gridPos.x >= 0 && p.gridPos.w > 0 && p.gridPos.x + p.gridPos.w <= 24, p.title).toBe(true);
      expect(p.gridPos.h > 0 && p.gridPos.y >= 0, p.title).toBe(true);
    }
    for (const [i, a] of panels.entries()) {
      for (const b of panels.slice(i + 1)) {
        const overlap =
          a.gridPos.x < b.gridPos.x + b.gridPos.w &&
          b.gridPos.x < a.gridPos.x + a.gridPos.w &&
          a.gridPos.y < b.gridPos.y + b.gridPos.h &&
          b.gridPos.y < a.gridPos.y + a.gridPos.h;
        expect(overlap, `"${a.title}" overlaps "${b.title}"`).toBe(false);
      }
    }
  });

  it("names the provisioned Prometheus datasource uid on every panel, query and variable", () => {
    expect(prometheusDs?.uid).toBe("promptforge-prometheus");
    const raw = readFileSync(repoPath("monitoring/grafana/dashboards/promptforge.json"), "utf8");
    expect(raw).not.toMatch(/\$\{DS_/);
    expect(raw).not.toContain('"__inputs"');
    for (const p of queryPanels) {
      expect(p.datasource?.uid, p.title).toBe(prometheusDs?.uid);
      expect(p.targets?.length, `${p.title} has no query`).toBeGreaterThan(0);
      for (const t of p.targets ?? [])
        expect(t.datasource?.uid, `${p.title} ${t.refId}`).toBe(prometheusDs?.uid);
    }
    for (const v of dashboard.templating.list) expect(v.datasource?.uid, v.name).toBe(prometheusDs?.uid);
  });

  it("offers environment and instance variables, the instance list narrowed by the environment", () => {
    const query = (name: string) => {
      const v = dashboard.templating.list.find((x) => x.name === name);
      return typeof v?.query === "string" ? v.query : v?.query.query;
    };
    expect(query("environment")).toBe("label_values(promptforge_build_info, environment)");
    expect(query("instance")).toBe(
      'label_values(promptforge_build_info{environment=~"$environment"}, instance)',
    );
    // Every query of PromptForge's own series is narrowed to the chosen instances.
    for (const { panel, expr } of exprs) {
      if (/job:|ALERTS/.test(expr)) continue; // service-wide recording rules and alerts
      expect(expr, panel).toContain('instance=~"$instance"');
    }
  });

  it("queries only metrics PromptForge exports, Prometheus' own series, or recording rules of alerts.yml", () => {
    const recorded = new Set(loadRules().flatMap((r) => (r.record ? [r.record] : [])));
    for (const { panel, expr } of exprs) {
      const unknown = promqlMetricNames(expr).filter(
        (n) => !exported.has(n) && !PROMETHEUS_SERIES.has(n) && !recorded.has(n),
      );
      expect(unknown, `${panel}: ${expr}`).toEqual([]);
    }
  });

  it("shows every PromptForge metric and the runtime metrics the issue lists", () => {
    const used = new Set(exprs.flatMap(({ expr }) => promqlMetricNames(expr)));
    const base = (n: string) => n.replace(/_(bucket|sum|count)$/, "");
    const usedBases = new Set([...used].map(base));
    const own = [...exported].filter((n) => !/^(process|nodejs)_/.test(n)).map(base);
    for (const name of new Set(own)) expect(usedBases.has(name), `no panel shows ${name}`).toBe(true);
    for (const name of [
      "process_resident_memory_bytes",
      "process_cpu_seconds_total",
      "nodejs_eventloop_lag_p99_seconds",
      "nodejs_gc_duration_seconds_sum",
      "nodejs_heap_size_used_bytes",
      "ALERTS",
    ]) {
      expect(used.has(name), `no panel shows ${name}`).toBe(true);
    }
  });

  it("has the panels the operator guide promises", () => {
    const titles = queryPanels.map((p) => p.title);
    for (const t of [
      "Request rate by endpoint",
      "Error ratio by endpoint (5xx)",
      "Latency p50 / p95 / p99 by endpoint",
      "Requests in progress",
      "Slow requests",
      "Gemini calls",
      "LLM tokens",
      "Offline-engine fallbacks",
      "Query latency p50 / p95 / p99",
      "Active connections",
      "Logins by status",
      "Active users (24 h)",
      "Quality-score distribution",
      "Templates created and used",
      "Memory",
      "CPU",
      "Event-loop lag",
      "Garbage collection",
      "Firing alerts",
      "Unhandled exceptions",
      "Web vitals p75",
    ]) {
      expect(titles).toContain(t);
    }
    const latency = queryPanels.find((p) => p.title === "Latency p50 / p95 / p99 by endpoint");
    expect(latency?.targets?.map((t) => /histogram_quantile\(([\d.]+)/.exec(t.expr)?.[1])).toEqual([
      "0.5",
      "0.95",
      "0.99",
    ]);
  });
});

describe("Grafana provisioning", () => {
  const compose = readYaml<Compose>(repoPath("docker-compose.prod.yml"));
  const grafanaMounts = compose.services.grafana?.volumes ?? [];
  const mountOf = (source: string) =>
    grafanaMounts.find((v) => v.startsWith(`${source}:`))?.split(":")[1] ?? "(not mounted)";

  it("provisions Prometheus as the default datasource at the compose service's address", () => {
    expect(datasources.apiVersion).toBe(1);
    expect(prometheusDs).toMatchObject({ isDefault: true, url: "http://prometheus:9090" });
    expect(compose.services.prometheus).toBeDefined();
    expect(mountOf("./monitoring/grafana/datasources")).toBe("/etc/grafana/provisioning/datasources");
  });

  it("runs the Grafana version the dashboard SDK build was generated for", () => {
    const pkg = JSON.parse(readFileSync(repoPath("package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    // Builds are published as <Grafana version>-cog…, e.g. 11.6.0-cogv0.0.x.1769699379.
    const sdk = pkg.devDependencies["@grafana/grafana-foundation-sdk"] ?? "";
    const grafanaVersion = /^(\d+\.\d+\.\d+)-cog/.exec(sdk)?.[1];
    expect(grafanaVersion, `${sdk} is not pinned to one Grafana build`).toBeDefined();
    expect(compose.services.grafana?.image).toBe(`grafana/grafana:${grafanaVersion}`);
  });

  it("loads the dashboards from the directory docker-compose.prod.yml mounts", () => {
    const file = readYaml<ProviderFile>(repoPath("monitoring/grafana/dashboards/promptforge.yml"));
    expect(file.apiVersion).toBe(1);
    expect(file.providers[0]?.type).toBe("file");
    expect(file.providers[0]?.options.path).toBe(mountOf("./monitoring/grafana/dashboards"));
    expect(compose.services.grafana?.environment?.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH).toBe(
      `${mountOf("./monitoring/grafana/dashboards")}/promptforge.json`,
    );
  });
});
