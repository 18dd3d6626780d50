// One promotion request: which protected label should point to which version, the line diff against
// the version it points to now, both versions' scores and findings side by side, the quality gate's
// verdict, and — for an admin who may decide it — approve or reject with a comment. The status and
// who decided stay on the page afterwards.
import { useState } from "react";
import { pageGate } from "../components/page-gate";
import { DiffView } from "../components/text";
import { Card, ErrorNote, formatDate, Notice, PageHead, TextAreaField } from "../components/ui";
import { useAuth } from "../lib/auth";
import { mayDecide } from "../lib/project";
import { useProject } from "../lib/queries";
import { useDecidePromotion, usePromotion } from "../lib/registry-queries";
import type { GateCheck, Promotion, VersionAnalysis } from "../lib/registry-types";
import { Link, usePageTitle } from "../lib/router";
import type { Scores } from "../lib/types";

const STATUS_TONE: Record<string, string> = {
  pending: "info",
  approved: "ok",
  rejected: "error",
  blocked: "error",
  superseded: "warning",
};

const SCORE_ROWS: [keyof Scores, string][] = [
  ["overall", "Overall"],
  ["clarity", "Clarity"],
  ["specificity", "Specificity"],
  ["structure", "Structure"],
  ["context", "Context"],
  ["best_practices", "Best practices"],
];

function ScoresSideBySide({ p }: { p: Promotion }) {
  const from = p.analyses.from;
  const to = p.analyses.to;
  const fromName = p.from_version === null ? "Now (nothing)" : `Version ${p.from_version}`;
  return (
    <div className="table-wrap">
      <table className="scores-compare" data-testid="scores">
        <thead>
          <tr>
            <th scope="col">Score</th>
            <th scope="col">{fromName}</th>
            <th scope="col">Version {p.version}</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {SCORE_ROWS.map(([key, name]) => {
            const a = from?.scores[key];
            const b = to.scores[key];
            const delta = a === undefined ? null : Math.round(b) - Math.round(a);
            return (
              <tr key={key} data-score={key}>
                <th scope="row">{name}</th>
                <td>{a === undefined ? "—" : Math.round(a)}</td>
                <td>{Math.round(b)}</td>
                <td>{delta === null ? "new" : delta > 0 ? `+${delta}` : String(delta)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** What happened to a request that is no longer pending, after its status word. */
function decisionText(p: Promotion): string {
  if (p.status === "blocked")
    return " by the quality gate: it cannot be approved. Improve the prompt and request again.";
  if (p.status === "superseded") return " by a newer request for this label.";
  const who = p.decided_by ? ` by ${p.decided_by.username ?? "a former member"}` : "";
  const when = p.decided_at ? ` · ${formatDate(p.decided_at)}` : "";
  const moved = p.status === "approved" ? ` “${p.label}” now points to version ${p.version}.` : "";
  return `${who}${when}.${moved}`;
}

function gateCheckText(c: GateCheck): string {
  if (c.check === "min_score")
    return `Overall score ${Math.round(c.actual ?? 0)}, at least ${c.required ?? 0} required.`;
  const added = c.new_errors ?? [];
  if (added.length === 0) return "No new error-severity finding.";
  return `New error-severity finding${added.length === 1 ? "" : "s"}: ${added
    .map((e) => `${e.message} (${e.rule})`)
    .join("; ")}.`;
}

function FindingList({ analysis, testId }: { analysis: VersionAnalysis | null; testId: string }) {
  if (!analysis) return <p className="muted small">No version is labelled yet.</p>;
  if (analysis.findings.length === 0)
    return (
      <p className="small" data-testid={testId}>
        No findings.
      </p>
    );
  return (
    <ul className="findings-compact" data-testid={testId}>
      {analysis.findings.map((f, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a rule may fire more than once
        <li key={`${f.rule}-${i}`}>
          <span
            className={`badge ${f.severity === "error" ? "error" : f.severity === "warning" ? "warning" : "info"}`}
          >
            {f.severity}
          </span>{" "}
          {f.message} <span className="muted small">({f.rule})</span>
        </li>
      ))}
    </ul>
  );
}

/** The two answers to a promotion request, as their buttons say them. */
const DECISIONS = [
  { decision: "approve", className: "btn primary", text: "Approve" },
  { decision: "reject", className: "btn danger", text: "Reject" },
] as const;

export default function PromotionPage({ slug, id }: { slug: string; id: string }) {
  const auth = useAuth();
  const projectQuery = useProject(slug);
  const query = usePromotion(slug, id);
  const decide = useDecidePromotion(slug, id);
  const [comment, setComment] = useState("");
  const p = query.data;
  usePageTitle(p ? `Promotion of ${p.label} to version ${p.version}` : "Promotion");

  const gate = pageGate(auth, "review this promotion", "Promotion", query);
  if (gate || !p) return gate;
  const project = projectQuery.data;
  const decider = mayDecide(project?.role, p, auth.user?.id, project?.allow_self_approval ?? false);
  const own = p.requested_by?.id === auth.user?.id;
  const promptLink = `/prompts/${encodeURIComponent(p.prompt_id)}?project=${encodeURIComponent(slug)}`;
  const fromName = p.from_version === null ? "nothing yet" : `version ${p.from_version}`;

  return (
    <>
      <PageHead
        title={
          <>
            Promote “{p.label}” to version {p.version}
          </>
        }
      >
        <div className="item-meta">
          <span className={`badge ${STATUS_TONE[p.status] ?? "info"}`} data-testid="promotion-status">
            {p.status}
          </span>
          <Link to={promptLink}>{p.prompt_name}</Link>
          <span>
            requested by {p.requested_by?.username ?? "a former member"} · {formatDate(p.created_at)}
          </span>
          <span>
            {p.status === "pending" ? `now points to ${fromName}` : `pointed to ${fromName} when requested`}
          </span>
        </div>
      </PageHead>
      {p.note && (
        <Card title="Note">
          <p data-testid="promotion-note">{p.note}</p>
        </Card>
      )}

      <Card title="Quality gate" testId="gate">
        {!p.gate || p.gate.checks.length === 0 ? (
          <p className="muted">No promotion gate applies to this prompt.</p>
        ) : (
          <>
            <p>
              <span className={`badge ${p.gate.passed ? "ok" : "error"}`} data-testid="gate-verdict">
                {p.gate.passed ? "passed" : "blocked"}
              </span>{" "}
              <span className="muted small">
                {p.gate.source === "prompt" ? "this prompt's own gate" : "the project's gate"}
              </span>
            </p>
            <ul>
              {p.gate.checks.map((c) => (
                <li key={c.check} data-check={c.check}>
                  <span aria-hidden="true">{c.passed ? "✓" : "✗"}</span>
                  <span className="visually-hidden">{c.passed ? "passed:" : "failed:"}</span>{" "}
                  {gateCheckText(c)}
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>

      <Card title="Scores side by side">
        <ScoresSideBySide p={p} />
        <div className="grid-2">
          <div>
            <h3>Findings of {fromName}</h3>
            <FindingList analysis={p.analyses.from} testId="findings-from" />
          </div>
          <div>
            <h3>Findings of version {p.version}</h3>
            <FindingList analysis={p.analyses.to} testId="findings-to" />
          </div>
        </div>
      </Card>

      <Card title="Changes">
        <DiffView
          lines={p.diff.lines}
          label={
            p.from_version === null
              ? `Version ${p.version} (new)`
              : `Version ${p.from_version} → version ${p.version}`
          }
        />
      </Card>

      <Card title="Decision" testId="decision">
        {p.status !== "pending" ? (
          <Notice kind={p.status === "approved" ? "ok" : "info"}>
            <p>
              <strong>{p.status[0]?.toUpperCase() + p.status.slice(1)}</strong>
              {decisionText(p)}
            </p>
            {p.decision_comment && <p data-testid="decision-comment">“{p.decision_comment}”</p>}
          </Notice>
        ) : decider ? (
          <form onSubmit={(e) => e.preventDefault()}>
            <TextAreaField label="Comment" rows={3} maxLength={1000} value={comment} onValue={setComment} />
            <ErrorNote error={decide.error} />
            <div className="row">
              {DECISIONS.map(({ decision, className, text }) => (
                <button
                  key={decision}
                  type="button"
                  className={className}
                  disabled={decide.isPending}
                  onClick={() => decide.mutate({ decision, comment: comment.trim() })}
                >
                  {text}
                </button>
              ))}
            </div>
          </form>
        ) : (
          <p className="muted" data-testid="awaiting">
            Waiting for an admin of the project
            {own && !(project?.allow_self_approval ?? false) ? " other than you" : ""} to approve or reject
            it.
          </p>
        )}
      </Card>
    </>
  );
}
