// Status, for administrators: the service's /health/detailed answer in words, and links to the raw
// metrics, the API docs and the Grafana dashboard when one is configured.

import { pageGate } from "../components/page-gate";
import { Card, ErrorNote, formatDate, Loading, StackTable } from "../components/ui";
import { useAuth } from "../lib/auth";
import { useGrafanaUrl, useHealth } from "../lib/queries";
import { usePageTitle } from "../lib/router";

function tone(status: string) {
  if (["healthy", "ok", "up", "ready"].includes(status)) return "ok";
  if (["degraded", "not_configured"].includes(status)) return "warning";
  return "error";
}

function uptime(s: number | undefined) {
  if (s === undefined) return "unknown";
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  return [d ? `${d} d` : "", h ? `${h} h` : "", `${m} min`].filter(Boolean).join(" ");
}

function checkedAt(t: string | number | undefined): string {
  if (typeof t === "number") return new Date(t < 1e12 ? t * 1000 : t).toISOString();
  return t ?? new Date().toISOString();
}

export default function StatusPage() {
  usePageTitle("Status");
  const auth = useAuth();
  const isAdmin = auth.user?.role === "admin";
  const healthQuery = useHealth(isAdmin);
  const health = healthQuery.data;
  const error = healthQuery.error;
  const grafana = useGrafanaUrl(isAdmin).data ?? null;

  const gate = pageGate(auth, "see the service status");
  if (gate) return gate;
  if (auth.user?.role !== "admin") {
    return (
      <div className="card">
        <h1>Status</h1>
        <p>Only administrators can see the service status.</p>
      </div>
    );
  }
  return (
    <>
      <div className="page-head">
        <h1>Service status</h1>
        <button type="button" className="btn" onClick={() => void healthQuery.refetch()}>
          Check again
        </button>
      </div>
      <ErrorNote error={error} />
      {!health && !error && <Loading what="Checking" />}
      {health && (
        <Card
          title={
            <>
              Overall: <span className={`badge ${tone(health.status)}`}>{health.status}</span>
            </>
          }
          testId="health"
        >
          <p className="muted">
            Version {health.version ?? "?"} · {health.environment ?? "?"} · up {uptime(health.uptime_seconds)}{" "}
            · checked {formatDate(checkedAt(health.timestamp))}
          </p>
          <StackTable columns={["Dependency", "Status", "Response time"]}>
            {Object.entries(health.checks ?? {}).map(([name, c]) => (
              <tr key={name}>
                <td data-label="Dependency">{name.replace(/_/g, " ")}</td>
                <td data-label="Status">
                  <span className={`badge ${tone(c.status ?? "unknown")}`}>
                    {(c.status ?? "unknown").replace(/_/g, " ")}
                  </span>
                  {c.mode ? ` (${c.mode})` : null}
                </td>
                <td data-label="Response time">
                  {typeof c.response_time_ms === "number" ? `${c.response_time_ms} ms` : "—"}
                </td>
              </tr>
            ))}
          </StackTable>
        </Card>
      )}
      <Card title="Monitoring">
        <ul>
          <li>
            <a href="/metrics">Prometheus metrics</a> (<code>/metrics</code>)
          </li>
          <li>
            <a href="/docs">API documentation</a> (<code>/docs</code>)
          </li>
          <li>
            {grafana ? (
              <a href={grafana} rel="noreferrer" target="_blank">
                Grafana dashboard (opens in a new tab)
              </a>
            ) : (
              <span className="muted">Grafana dashboard: not configured (set GRAFANA_URL)</span>
            )}
          </li>
        </ul>
      </Card>
    </>
  );
}
