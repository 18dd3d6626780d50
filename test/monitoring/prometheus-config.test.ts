// The Prometheus and Alertmanager files we ship, checked by the real tools: promtool check config /
// check rules / test rules, amtool check-config and amtool's routing test. Plus what the tools cannot
// know: every alert is documented, tested both ways, and uses only metrics PromptForge exports.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAmtool, findPromtool, missing } from "../helpers/tools.js";
import {
  type AlertRule,
  exportedSeriesNames,
  loadRules,
  markdownAnchors,
  PROMETHEUS_SERIES,
  promqlMetricNames,
  readYaml,
  repoPath,
  run,
  toYaml,
} from "./monitoring-helpers.js";

interface ScrapeConfig {
  job_name: string;
  metrics_path?: string;
  scrape_interval?: string;
  authorization?: { type?: string; credentials_file?: string };
  static_configs?: { targets: string[] }[];
  kubernetes_sd_configs?: { role: string; namespaces?: { names: string[] } }[];
  relabel_configs?: { source_labels?: string[]; regex?: string; action?: string; target_label?: string }[];
}
interface PromConfig {
  global: { scrape_interval: string; evaluation_interval: string };
  rule_files: string[];
  alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
  scrape_configs: ScrapeConfig[];
}

/**
 * A copy of a Prometheus config in a temporary directory that promtool can check in full: the metrics
 * token file (a Docker secret at run time) exists, and the rule files sit next to it.
 */
const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

function checkableCopy(file: string, swap?: (c: PromConfig) => void): string {
  const dir = mkdtempSync(join(tmpdir(), "promptforge-promcheck-"));
  copies.push(dir);
  const config = readYaml<PromConfig>(file);
  const token = join(dir, "metrics_token");
  writeFileSync(token, "token\n");
  for (const sc of config.scrape_configs) {
    if (sc.authorization?.credentials_file) sc.authorization.credentials_file = token;
  }
  for (const rules of config.rule_files) copyFileSync(repoPath("monitoring", rules), join(dir, rules));
  swap?.(config);
  const out = join(dir, "prometheus.yml");
  writeFileSync(out, toYaml(config));
  return out;
}

// Without promtool or amtool only the checks that run them are skipped (one line says what to install).
const promtool = findPromtool();
const amtool = findAmtool();
const noPromtool = missing(promtool);
const noAmtool = missing(amtool);

const rules = loadRules();
const alerts = rules.filter((r): r is AlertRule & { alert: string } => Boolean(r.alert));
const alertNames = [...new Set(alerts.map((a) => a.alert))];
const recorded = new Set(rules.flatMap((r) => (r.record ? [r.record] : [])));

describe("monitoring/prometheus.yml", () => {
  const config = readYaml<PromConfig>(repoPath("monitoring/prometheus.yml"));

  it.skipIf(noPromtool)(
    "passes promtool check config, with its rule file and the metrics token in place",
    () => {
      const syntax = run(promtool.path, ["check", "config", "--syntax-only", "monitoring/prometheus.yml"]);
      expect(syntax.status, syntax.stderr + syntax.stdout).toBe(0);
      const full = run(promtool.path, [
        "check",
        "config",
        checkableCopy(repoPath("monitoring/prometheus.yml")),
      ]);
      expect(full.status, full.stderr + full.stdout).toBe(0);
      expect(full.stdout).toMatch(/SUCCESS: \d+ rules found/);
    },
  );

  it("scrapes PromptForge's /metrics every 15 s with the metrics token and sends alerts to Alertmanager", () => {
    const job = config.scrape_configs.find((s) => s.job_name === "promptforge");
    expect(job?.metrics_path).toBe("/metrics");
    expect(job?.scrape_interval ?? config.global.scrape_interval).toBe("15s");
    expect(job?.static_configs?.[0]?.targets).toEqual(["backend:8000"]);
    expect(job?.authorization).toEqual({ type: "Bearer", credentials_file: "/run/secrets/metrics_token" });
    expect(config.rule_files).toEqual(["alerts.yml"]);
    expect(config.alerting.alertmanagers[0]?.static_configs[0]?.targets).toEqual(["alertmanager:9093"]);
  });
});

describe("monitoring/prometheus-kubernetes.yml", () => {
  const file = repoPath("monitoring/prometheus-kubernetes.yml");
  const config = readYaml<PromConfig>(file);
  const job = config.scrape_configs.find((s) => s.job_name === "promptforge");

  it.skipIf(noPromtool)(
    "passes promtool check config (Debian's promtool lacks Kubernetes discovery: then with static targets)",
    () => {
      const real = run(promtool.path, ["check", "config", checkableCopy(file)]);
      if (real.status !== 0) {
        // Debian builds Prometheus without the Kubernetes SD; anything else is a real error.
        expect(real.stdout + real.stderr).toMatch(/field kubernetes_sd_configs not found/);
        const swapped = checkableCopy(file, (c) => {
          for (const sc of c.scrape_configs) {
            if (sc.kubernetes_sd_configs) {
              delete sc.kubernetes_sd_configs;
              sc.static_configs = [{ targets: ["promptforge:8000"] }];
            }
          }
        });
        const r = run(promtool.path, ["check", "config", swapped]);
        expect(r.status, r.stderr + r.stdout).toBe(0);
      }
    },
  );

  it("discovers the pods of deploy/k8s by their namespace, label and prometheus.io annotations", () => {
    const dep = readYaml<{
      metadata: { namespace: string };
      spec: {
        template: { metadata: { labels: Record<string, string>; annotations: Record<string, string> } };
      };
    }>(repoPath("deploy/k8s/deployment.yaml"));
    expect(job?.kubernetes_sd_configs?.[0]?.role).toBe("pod");
    expect(job?.kubernetes_sd_configs?.[0]?.namespaces?.names).toEqual([dep.metadata.namespace]);
    const keepBy = (label: string) =>
      job?.relabel_configs?.find((r) => r.action === "keep" && r.source_labels?.[0] === label)?.regex;
    const meta = dep.spec.template.metadata;
    expect(keepBy("__meta_kubernetes_pod_label_app_kubernetes_io_name")).toBe(
      meta.labels["app.kubernetes.io/name"],
    );
    expect(keepBy("__meta_kubernetes_pod_annotation_prometheus_io_scrape")).toBe(
      meta.annotations["prometheus.io/scrape"],
    );
    const uses = (label: string) => job?.relabel_configs?.some((r) => r.source_labels?.includes(label));
    expect(uses("__meta_kubernetes_pod_annotation_prometheus_io_port")).toBe(true);
    expect(uses("__meta_kubernetes_pod_annotation_prometheus_io_path")).toBe(true);
    expect(meta.annotations["prometheus.io/port"]).toBe("8000");
    expect(meta.annotations["prometheus.io/path"]).toBe("/metrics");
  });
});

describe("monitoring/alerts.yml", () => {
  let exported: Set<string>;
  beforeAll(async () => {
    exported = await exportedSeriesNames();
  });

  it.skipIf(noPromtool)("passes promtool check rules", () => {
    const r = run(promtool.path, ["check", "rules", "monitoring/alerts.yml"]);
    expect(r.status, r.stderr + r.stdout).toBe(0);
  });

  // Every test group evaluates every rule at every step: some 10 s of CPU, far more on a busy machine.
  it.skipIf(noPromtool)(
    "passes its unit tests (promtool test rules monitoring/alerts.test.yml)",
    () => {
      const r = run(promtool.path, ["test", "rules", "monitoring/alerts.test.yml"]);
      expect(r.status, r.stderr + r.stdout).toBe(0);
      expect(r.stdout).toContain("SUCCESS");
    },
    90_000,
  );

  it("has the guide's four alerts made sound, PromptForgeDown, and the SLO, LLM, event-loop, readiness and webhook alerts", () => {
    expect(alertNames.sort()).toEqual(
      [
        "AnalysisFallbackRateHigh",
        "AuditChainBroken",
        "AuditRetentionFailing",
        "AnalysisRescoreStuck",
        "AvailabilityErrorBudgetBurn",
        "DatabaseDown",
        "EvaluationQueueBackedUp",
        "EventLoopLag",
        "HighErrorRate",
        "HighMemoryUsage",
        "InvitationEmailsFailing",
        "LLMHighErrorRatio",
        "LatencyErrorBudgetBurn",
        "PromptForgeDown",
        "PromptForgeTargetsMissing",
        "ReadinessFailing",
        "SlowRequests",
        "SsoLoginFailuresHigh",
        "WebhookDeliveriesFailing",
        "WebhookOutboxGrowing",
        "RedisUnreachable",
      ].sort(),
    );
    const byName = (n: string) => alerts.filter((a) => a.alert === n);
    // DatabaseDown comes from the service's own database check, not from `up`.
    expect(byName("DatabaseDown")[0]?.expr).toContain("promptforge_database_up");
    expect(byName("PromptForgeDown")[0]?.expr).toMatch(/^up\{job="promptforge"\} == 0$/);
    expect(byName("HighMemoryUsage")[0]).toMatchObject({ for: "10m" });
    expect(byName("HighMemoryUsage")[0]?.expr).toContain("process_resident_memory_bytes");
    // HighErrorRate is a ratio of 5xx to all requests, not an absolute rate.
    expect(byName("HighErrorRate")[0]?.expr).toMatch(/5\.\.[\s\S]*\/[\s\S]*http_requests_total/);
  });

  it("pages on the SRE workbook's burn-rate windows: 1h+5m at 14.4x, 6h+30m at 6x, ticket at 3d+6h at 1x", () => {
    for (const [name, budget, sli] of [
      ["AvailabilityErrorBudgetBurn", "0.001", "http_errors"],
      ["LatencyErrorBudgetBurn", "0.05", "http_slow"],
    ] as const) {
      const windows = alerts
        .filter((a) => a.alert === name)
        .map((a) => [a.labels?.long_window, a.labels?.short_window, a.labels?.severity, a.expr] as const);
      expect(windows.map(([l, s, sev]) => `${l}/${s} ${sev}`)).toEqual([
        "1h/5m critical",
        "6h/30m critical",
        "3d/6h warning",
      ]);
      for (const [long, short, , expr] of windows) {
        const factor = { "1h": "14.4", "6h": "6", "3d": "1" }[long as string];
        expect(expr).toContain(`job:${sli}:ratio_rate${long}{job="promptforge"} > (${factor} * ${budget})`);
        expect(expr).toContain(`job:${sli}:ratio_rate${short}{job="promptforge"} > (${factor} * ${budget})`);
      }
    }
  });

  it("gives every alert a severity, a summary, a description and a runbook section in docs/runbooks.md", () => {
    const anchors = markdownAnchors(readFileSync(repoPath("docs/runbooks.md"), "utf8"));
    for (const a of alerts) {
      expect(["critical", "warning"], a.alert).toContain(a.labels?.severity);
      expect(a.annotations?.summary, a.alert).toBeTruthy();
      expect(a.annotations?.description, a.alert).toBeTruthy();
      const url = a.annotations?.runbook_url ?? "";
      expect(url, a.alert).toBe(`docs/runbooks.md#${a.alert.toLowerCase()}`);
      expect(anchors.has(url.split("#")[1] as string), `${a.alert}: no section in docs/runbooks.md`).toBe(
        true,
      );
    }
  });

  it("uses only metrics PromptForge exports, Prometheus' own series, or its own recording rules", () => {
    const known = (n: string) => exported.has(n) || PROMETHEUS_SERIES.has(n) || recorded.has(n);
    for (const r of rules) {
      const unknown = promqlMetricNames(r.expr).filter((n) => !known(n));
      expect(unknown, `${r.alert ?? r.record}: ${r.expr}`).toEqual([]);
    }
  });

  it("has a unit test that fires each alert, and checks each one stays silent on a healthy service and a quiet night", () => {
    interface UnitTests {
      tests: {
        alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[];
        input_series: { series: string }[];
      }[];
    }
    const { tests } = readYaml<UnitTests>(repoPath("monitoring/alerts.test.yml"));
    const fired = new Set(
      tests.flatMap((t) =>
        (t.alert_rule_test ?? []).filter((c) => c.exp_alerts.length).map((c) => c.alertname),
      ),
    );
    const silentIn = (i: number) =>
      new Set(
        (tests.at(i)?.alert_rule_test ?? []).filter((c) => !c.exp_alerts.length).map((c) => c.alertname),
      );
    const healthy = silentIn(-2);
    const quietNight = silentIn(-1);
    for (const name of alertNames) {
      expect(fired.has(name), `no test makes ${name} fire`).toBe(true);
      expect(healthy.has(name), `${name} is not checked on the healthy service`).toBe(true);
      expect(quietNight.has(name), `${name} is not checked on the quiet night`).toBe(true);
    }
  });
});

describe("monitoring/alertmanager.yml", () => {
  interface AmConfig {
    global: Record<string, unknown>;
    route: { receiver: string; group_by: string[] };
    inhibit_rules: { source_matchers: string[]; target_matchers: string[]; equal: string[] }[];
    receivers: { name: string; email_configs?: unknown[]; webhook_configs?: { url: string }[] }[];
  }
  const am = readYaml<AmConfig>(repoPath("monitoring/alertmanager.yml"));

  it.skipIf(noAmtool)("passes amtool check-config", () => {
    const r = run(amtool.path, ["check-config", "monitoring/alertmanager.yml"]);
    expect(r.status, r.stderr + r.stdout).toBe(0);
  });

  it.skipIf(noAmtool)(
    "routes pages to the on-call address and tickets to the team, by amtool's routing test",
    () => {
      const route = (...labels: string[]) =>
        run(amtool.path, [
          "config",
          "routes",
          "test",
          "--config.file=monitoring/alertmanager.yml",
          ...labels,
        ]).stdout.trim();
      expect(route("alertname=DatabaseDown", "severity=critical")).toBe("email-oncall");
      expect(route("alertname=EventLoopLag", "severity=warning")).toBe("email");
      expect(route("alertname=Unlabelled")).toBe("email");
    },
  );

  it("keeps the SMTP password out of the file and offers a webhook receiver", () => {
    expect(am.global.smtp_auth_password).toBeUndefined();
    expect(am.global.smtp_auth_password_file).toBe("/run/secrets/smtp_password");
    expect(am.route.group_by).toEqual(["alertname", "job"]);
    expect(am.receivers.find((r) => r.name === "webhook")?.webhook_configs?.[0]?.url).toMatch(/^http/);
  });

  it("inhibits the alerts PromptForgeDown and DatabaseDown cause, naming only alerts that exist", () => {
    const names = (matchers: string[]) =>
      matchers.flatMap((m) => {
        const v = /^alertname=~?"(.*)"$/.exec(m)?.[1];
        return v ? v.split("|") : [];
      });
    const fromDown = am.inhibit_rules.find((r) => names(r.source_matchers).includes("PromptForgeDown"));
    expect(names(fromDown?.target_matchers ?? [])).toEqual(
      expect.arrayContaining(["DatabaseDown", "ReadinessFailing"]),
    );
    expect(fromDown?.equal).toEqual(["job", "instance"]);
    for (const rule of am.inhibit_rules) {
      for (const n of [...names(rule.source_matchers), ...names(rule.target_matchers)]) {
        expect(alertNames, `inhibit rule names unknown alert ${n}`).toContain(n);
      }
    }
  });
});

describe("promqlMetricNames", () => {
  it("finds metric names and skips functions, labels, keywords, durations and numbers", () => {
    expect(
      promqlMetricNames(
        'histogram_quantile(0.95, sum by (le, endpoint) (rate(http_request_duration_seconds_bucket{instance=~"$instance", le="1"}[$__rate_interval]))) > 1e9 and on (job) up offset 5m',
      ).sort(),
    ).toEqual(["http_request_duration_seconds_bucket", "up"]);
    expect(promqlMetricNames("job:http_errors:ratio_rate1h / ignoring(x) sum(a_total) without (b)")).toEqual([
      "job:http_errors:ratio_rate1h",
      "a_total",
    ]);
  });
});
