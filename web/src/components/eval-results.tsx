// How a run's results read: the per-model summary (pass rate with its 95 % interval, judge score,
// latency, tokens, cost, flakiness), the details of one result (the prompt as sent, the output, each
// assertion's verdict and reason), and the results grouped by item.
import type { EvaluationResult, TargetSummary } from "../lib/eval-types";
import { ciText, ms, pct, ResultMark, usd } from "./eval-ui";
import { StackTable } from "./ui";

export function SummaryTable({ summary }: { summary: TargetSummary[] }) {
  if (summary.length === 0) return <p className="muted">No results yet.</p>;
  return (
    <StackTable
      columns={[
        "Model",
        "Pass rate",
        "95 % interval",
        "Passed",
        "Failed",
        "Errors",
        "Judge",
        "Latency p50 / p95",
        "Tokens in / out",
        "Cost",
        "Flaky items",
      ]}
      testId="run-summary"
    >
      {summary.map((s) => (
        <tr key={s.target_index} data-target={s.target_index}>
          <td data-label="Model">
            {s.provider}/{s.model}
          </td>
          <td data-label="Pass rate" data-testid="summary-pass-rate">
            <strong>{pct(s.pass_rate)}</strong>
          </td>
          <td data-label="95 % interval">{ciText(s.pass_rate_ci)}</td>
          <td data-label="Passed">{s.passed}</td>
          <td data-label="Failed">{s.failed}</td>
          <td data-label="Errors">{s.errors}</td>
          <td data-label="Judge">{s.mean_judge_score === null ? "—" : s.mean_judge_score.toFixed(2)}</td>
          <td data-label="Latency p50 / p95">
            {ms(s.latency_p50_ms)} / {ms(s.latency_p95_ms)}
          </td>
          <td data-label="Tokens in / out">
            {s.input_tokens} / {s.output_tokens}
          </td>
          <td data-label="Cost">{usd(s.cost_usd)}</td>
          <td data-label="Flaky items">
            {s.flaky_items}
            {s.flakiness !== null && s.flakiness > 0 ? ` (${pct(s.flakiness)})` : ""}
          </td>
        </tr>
      ))}
    </StackTable>
  );
}

export function ResultDetails({ result, heading }: { result: EvaluationResult; heading?: string }) {
  return (
    <div className="result-details" data-testid="result-details">
      <div className="row">
        {heading && <strong>{heading}</strong>}
        <ResultMark status={result.status} />
        <span className="muted small">
          {ms(result.latency_ms)} · {result.input_tokens ?? "—"} in / {result.output_tokens ?? "—"} out ·{" "}
          {usd(result.cost_usd)}
        </span>
      </div>
      {result.error && (
        <p className="field-error" data-testid="result-error">
          {result.error}
        </p>
      )}
      {result.verdicts && result.verdicts.length > 0 && (
        <ul className="verdicts" data-testid="verdicts">
          {result.verdicts.map((v, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: verdicts follow the assertions' order
            <li key={i} data-passed={v.passed}>
              <span className={`badge ${v.passed ? "ok" : "error"}`}>
                {v.passed ? "✓" : "✗"} {v.type}
              </span>{" "}
              {v.score !== null && <span className="small muted">score {v.score.toFixed(2)} · </span>}
              <span data-testid="verdict-reason">{v.reason}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="grid-halves">
        <div>
          <h4>Prompt as sent</h4>
          <div className="text-block small" data-testid="result-rendered">
            {result.rendered ?? "—"}
          </div>
        </div>
        <div>
          <h4>Output</h4>
          <div className="text-block small" data-testid="result-output">
            {result.output ?? "—"}
          </div>
        </div>
      </div>
    </div>
  );
}
