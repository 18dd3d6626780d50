import type { ResultStatus, RunStatus } from "../lib/eval-types";
import { NameFields, type NameFieldsProps } from "./ui";

export function pct(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? "—" : `${Math.round(rate * 1000) / 10} %`;
}

export function ciText(ci: [number, number] | null | undefined): string {
  return ci ? `${pct(ci[0])} – ${pct(ci[1])}` : "";
}

export function usd(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  return n === 0 ? "$0" : n < 0.01 ? `$${n.toFixed(5)}` : `$${n.toFixed(2)}`;
}

export function ms(n: number | null | undefined): string {
  return n === null || n === undefined ? "—" : `${Math.round(n)} ms`;
}

const RUN_TONE: Record<RunStatus, string> = {
  queued: "info",
  running: "info",
  completed: "ok",
  failed: "error",
  cancelled: "warning",
};

export function RunStatusBadge({ status, testId }: { status: RunStatus; testId?: string }) {
  return (
    <span className={`badge ${RUN_TONE[status]}`} data-testid={testId} data-status={status}>
      {status}
    </span>
  );
}

const RESULT_MARK: Record<ResultStatus, { mark: string; tone: string }> = {
  passed: { mark: "✓ pass", tone: "ok" },
  failed: { mark: "✗ fail", tone: "error" },
  error: { mark: "! error", tone: "warning" },
  cancelled: { mark: "– cancelled", tone: "" },
  pending: { mark: "… pending", tone: "info" },
  running: { mark: "… running", tone: "info" },
};

export function ResultMark({ status }: { status: ResultStatus }) {
  const m = RESULT_MARK[status];
  return (
    <span className={`badge ${m.tone}`} data-result={status}>
      {m.mark}
    </span>
  );
}

/** A labelled progress bar with its count in words. */
export function RunProgress({ done, total }: { done: number; total: number }) {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  return (
    <div className="run-progress" data-testid="run-progress">
      <div className="score-line">
        <span>Progress</span>
        <span>
          <strong data-testid="run-done">{done}</strong> of {total} · {Math.round(share * 100)} %
        </span>
      </div>
      <div
        className="bar"
        role="progressbar"
        aria-label="Run progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
      >
        <span className="tone-good" style={{ width: `${share * 100}%` }} />
      </div>
    </div>
  );
}

export function download(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A dataset's name (up to 100 characters) and description, as creating and renaming one show them. */
export function DatasetNameFields(props: Pick<NameFieldsProps, "name" | "description" | "errors">) {
  return <NameFields nameLabel="Dataset name" maxLength={100} inline {...props} />;
}
