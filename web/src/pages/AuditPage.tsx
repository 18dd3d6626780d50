// The audit log: a project's (for its owners and admins) or the instance's (for instance administrators),
// newest first, filtered by action, actor, target and time; the chain verified on the server; the
// filtered log downloaded as JSON lines or CSV. Entries are only read here: the server writes them.
import { useState } from "react";
import { pageGate } from "../components/page-gate";
import {
  DateField,
  ErrorNote,
  Field,
  formatDate,
  Loading,
  Notice,
  SelectField,
  StackTable,
  TextField,
} from "../components/ui";
import { useAuth } from "../lib/auth";
import { isoInstant } from "../lib/dates";
import {
  type AuditFilters,
  useAuditLog,
  useExportAudit,
  useMyProjects,
  useProjectScope,
  useVerifyAudit,
} from "../lib/queries";
import { usePageTitle } from "../lib/router";
import { AUDIT_ACTIONS, type AuditEvent } from "../lib/types";

const HASH = /^sha256:([0-9a-f]{12})[0-9a-f]{52}$/;

/** What changed, in one line: content hashes shortened to their first 12 digits (the export has them whole). */
function summaryText(e: AuditEvent): string {
  return Object.entries(e.summary)
    .map(([k, v]) => {
      const text = Array.isArray(v) ? v.join(", ") : String(v);
      const hash = HASH.exec(text);
      return `${k}: ${hash ? `sha256:${hash[1]}…` : text}`;
    })
    .join(" · ");
}

/** An id's last 8 characters (UUIDv7s share their first ones, the time), the whole one on hover. */
function ShortId({ kind, id }: { kind: string; id: string | null }) {
  return (
    <span title={id ?? undefined}>
      {kind}
      {id ? ` …${id.slice(-8)}` : ""}
    </span>
  );
}

function download(text: string, name: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export default function AuditPage() {
  usePageTitle("Audit log");
  const auth = useAuth();
  const projects = useMyProjects();
  const readable = (projects.data?.items ?? []).filter((p) => p.role === "owner" || p.role === "admin");
  const isAdmin = auth.user?.role === "admin";
  const [scope, setScope] = useState("");
  const [action, setAction] = useState("");
  const [actor, setActor] = useState("");
  const [target, setTarget] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  // The project the switcher is on comes first, when I may read its log.
  const current = useProjectScope().project;
  const preferred = readable.find((p) => p.id === current?.id) ?? readable[0];
  const chosen = scope || preferred?.slug || (isAdmin ? "instance" : "");
  const filters: AuditFilters = {
    scope: chosen,
    action,
    actor: actor.trim(),
    target: target.trim(),
    from: isoInstant(from),
    to: isoInstant(to),
  };
  const log = useAuditLog(filters);
  const verify = useVerifyAudit();
  const exporter = useExportAudit();

  const gate = pageGate(auth, "read the audit log");
  if (gate) return gate;
  if (projects.isLoading) return <Loading />;
  if (!chosen) {
    return (
      <div className="card">
        <h1>Audit log</h1>
        <p>The audit log of a project is for its owners and admins; you are neither in any project.</p>
      </div>
    );
  }

  const entries = log.data?.pages.flatMap((p) => p.items) ?? [];
  const result = verify.data;
  const saveAs = async (format: "jsonl" | "csv") => {
    const text = await exporter.mutateAsync({ filters, format });
    download(text, `audit-${chosen}.${format}`, format === "csv" ? "text/csv" : "application/x-ndjson");
  };

  return (
    <>
      <div className="page-head">
        <h1>Audit log</h1>
        <div className="row">
          <button
            type="button"
            className="btn"
            onClick={() => verify.mutate(chosen)}
            disabled={verify.isPending}
          >
            Verify chain
          </button>
          <button type="button" className="btn" onClick={() => void saveAs("jsonl")}>
            Export JSON lines
          </button>
          <button type="button" className="btn" onClick={() => void saveAs("csv")}>
            Export CSV
          </button>
        </div>
      </div>
      {result && verify.variables === chosen && (
        <div data-testid="verify-result">
          {result.ok ? (
            <Notice kind="ok">
              Chain intact: {result.checked} {result.checked === 1 ? "entry" : "entries"} checked, head #
              {result.head.seq}.
            </Notice>
          ) : (
            <Notice kind="error">
              Chain broken ({result.reason?.replace(/_/g, " ")}) after {result.checked} checked
              {result.first_broken_id ? ` — first broken entry ${result.first_broken_id}` : ""}. See the
              AuditChainBroken runbook.
            </Notice>
          )}
        </div>
      )}
      <ErrorNote error={verify.error ?? exporter.error} />
      <form className="card" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
        <div className="inline-fields">
          <Field label="Which log">
            {(p) => (
              <select {...p} value={chosen} onChange={(e) => setScope(e.target.value)}>
                {readable.map((proj) => (
                  <option key={proj.id} value={proj.slug}>
                    {proj.name}
                  </option>
                ))}
                {isAdmin && <option value="instance">Instance (sign-ins, keys, roles)</option>}
              </select>
            )}
          </Field>
          <SelectField
            label="Action"
            options={AUDIT_ACTIONS}
            empty="Any"
            value={action}
            onValue={setAction}
          />
          <TextField label="Actor id" value={actor} onValue={setActor} />
          <TextField label="Target id" value={target} onValue={setTarget} />
          <DateField label="From" time value={from} onValue={setFrom} />
          <DateField label="Until" time value={to} onValue={setTo} />
        </div>
      </form>
      <ErrorNote error={log.error} />
      {log.isLoading && <Loading what="Reading the log" />}
      {log.data && entries.length === 0 && <p className="muted">No entries match.</p>}
      {entries.length > 0 && (
        <StackTable
          card
          testId="audit-entries"
          columns={["#", "Time", "Action", "Actor", "Target", "Address", "What changed"]}
        >
          {entries.map((e) => (
            <tr key={e.id}>
              <td data-label="#">{e.seq}</td>
              <td data-label="Time">{formatDate(e.created_at)}</td>
              <td data-label="Action">
                <code>{e.action}</code>
              </td>
              <td data-label="Actor">
                <ShortId kind={e.actor.type} id={e.actor.id} />
              </td>
              <td data-label="Target">
                <ShortId kind={e.target.type} id={e.target.id} />
              </td>
              <td data-label="Address">{e.client_ip ?? "—"}</td>
              <td data-label="What changed" style={{ overflowWrap: "anywhere" }}>
                {summaryText(e)}
              </td>
            </tr>
          ))}
        </StackTable>
      )}
      {log.hasNextPage && (
        <button type="button" className="btn" onClick={() => void log.fetchNextPage()}>
          Show older entries
        </button>
      )}
    </>
  );
}
