// One evaluation run: what ran (prompt version or label, dataset, models, repeats), its live progress
// while it is queued or running (read again about once a second, with a progress bar), the summary per
// model, and the results grid — items down, models across, a pass/fail mark per repeat — where a cell
// opens to the prompt as sent, the output and every assertion's reason.
import { Fragment, useState } from "react";
import { ResultDetails, SummaryTable } from "../components/eval-results";
import { ResultMark, RunProgress, RunStatusBadge } from "../components/eval-ui";
import { useOpenRow } from "../components/lists";
import { pageGate } from "../components/page-gate";
import { Card, ConfirmDanger, ErrorNote, formatDate, StackTable } from "../components/ui";
import { useAuth } from "../lib/auth";
import { datasetHref } from "../lib/eval-links";
import { groupByItem, inputSummary } from "../lib/eval-logic";
import { useCancelRun, useDatasets, useRunWithResults } from "../lib/eval-queries";
import { type EvaluationRun, isActive } from "../lib/eval-types";
import { canWrite } from "../lib/project";
import { useProjectScope, usePrompt } from "../lib/queries";
import { Link, usePageTitle } from "../lib/router";

export default function EvaluationRunPage({ id }: { id: string }) {
  const auth = useAuth();
  const run = useRunWithResults(id);
  usePageTitle("Evaluation run");
  // A failed poll of a run already shown keeps it on screen (RunView says the poll failed).
  const gate = pageGate(auth, "see this evaluation run", "Run", {
    error: run.data ? null : run.error,
    data: run.data,
  });
  if (gate || !run.data) return gate;
  return <RunView run={run.data} pollError={run.error} />;
}

function RunView({ run, pollError }: { run: EvaluationRun; pollError: unknown }) {
  const { role, project } = useProjectScope();
  const slug = project?.slug ?? "";
  const prompt = usePrompt(run.prompt_id);
  const datasets = useDatasets();
  const cancel = useCancelRun(run);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [failuresOnly, setFailuresOnly] = useState(false);
  const { open, toggle } = useOpenRow<string>();
  const dataset = datasets.data?.find((d) => d.id === run.dataset_id);
  const active = isActive(run.status);
  const rows = groupByItem(run);
  const shown = failuresOnly
    ? rows.filter((r) => r.cells.some((c) => c.some((x) => x.status !== "passed")))
    : rows;
  const promptHref = `/prompts/${encodeURIComponent(run.prompt_id)}${slug ? `?project=${encodeURIComponent(slug)}` : ""}`;

  return (
    <>
      <div className="page-head">
        <div>
          <p className="small">
            <Link to={promptHref}>{prompt.data?.title ?? "Prompt"}</Link>
          </p>
          <h1>
            Evaluation of version {run.version}
            {run.label ? ` (${run.label})` : ""}
          </h1>
          <div className="item-meta">
            <RunStatusBadge status={run.status} testId="run-status" />
            <span>
              on{" "}
              {dataset ? <Link to={datasetHref(slug, dataset.id)}>{dataset.name}</Link> : "a deleted dataset"}
            </span>
            <span>{run.targets.map((t) => `${t.provider}/${t.model}`).join(", ")}</span>
            {run.repeat > 1 && <span>× {run.repeat} repeats</span>}
            <span>started {formatDate(run.started_at ?? run.created_at)}</span>
            {run.finished_at && <span>finished {formatDate(run.finished_at)}</span>}
          </div>
        </div>
        {active && canWrite(role) && (
          <div className="row">
            <button type="button" className="btn danger" onClick={() => setConfirmCancel(true)}>
              Cancel run…
            </button>
          </div>
        )}
      </div>
      <ConfirmDanger
        subject={confirmCancel}
        action="Cancel run"
        onClose={() => setConfirmCancel(false)}
        onConfirm={() => cancel.mutate()}
      >
        <p>Items not yet run are skipped; the results so far stay.</p>
      </ConfirmDanger>
      <ErrorNote error={cancel.error ?? pollError} />
      {run.error && (
        <div className="notice error" role="alert">
          <p>
            <strong>The run failed.</strong> {run.error}
          </p>
        </div>
      )}
      <Card title="Summary">
        <RunProgress done={run.progress.done} total={run.progress.total} />
        <SummaryTable summary={run.summary ?? []} />
      </Card>
      <Card title="Results">
        <label className="choice">
          <input type="checkbox" checked={failuresOnly} onChange={(e) => setFailuresOnly(e.target.checked)} />
          <span>Only items that did not pass everywhere</span>
        </label>
        {run.results === undefined ? (
          <p className="muted">This server does not list the results of a run.</p>
        ) : shown.length === 0 ? (
          <p className="muted">{rows.length === 0 ? "No results yet." : "Every item passed."}</p>
        ) : (
          <StackTable
            className="results-grid"
            testId="results-grid"
            columns={["#", "Input", "Expected", ...run.targets.map((t) => `${t.provider}/${t.model}`)]}
          >
            {shown.map((row) => {
              const n = rows.indexOf(row) + 1;
              return (
                <Fragment key={row.itemId}>
                  <tr data-item={row.itemId} data-row={n}>
                    <th scope="row">{n}</th>
                    <td className="cell-text">{inputSummary(row.variables)}</td>
                    <td className="cell-text">{row.expected ?? <span className="muted">—</span>}</td>
                    {row.cells.map((cell, t) => {
                      const key = `${row.itemId}:${t}`;
                      return (
                        // biome-ignore lint/suspicious/noArrayIndexKey: a target is its place in the run
                        <td key={t} data-target={t} data-testid="result-cell">
                          <button
                            type="button"
                            className="cell-button"
                            aria-expanded={open === key}
                            aria-label={`Item ${n} on ${run.targets[t]?.model ?? ""}: ${cell.map((c) => c.status).join(", ") || "no result"}. Show details`}
                            onClick={() => toggle(key)}
                          >
                            {cell.map((c) => (
                              <ResultMark key={c.repeat_index} status={c.status} />
                            ))}
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                  {row.cells.map((cell, t) =>
                    open === `${row.itemId}:${t}` ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a target is its place in the run
                      <tr key={`d${t}`} className="details-row">
                        <td colSpan={3 + run.targets.length}>
                          {cell.map((c) => (
                            <ResultDetails
                              key={c.repeat_index}
                              result={c}
                              heading={run.repeat > 1 ? `Repeat ${c.repeat_index + 1}` : undefined}
                            />
                          ))}
                        </td>
                      </tr>
                    ) : null,
                  )}
                </Fragment>
              );
            })}
          </StackTable>
        )}
      </Card>
    </>
  );
}
