// A prompt's history: the score of every version as a chart, the version timeline (show a version's
// text, restore it, the labels pointing at it) and a line diff between any two versions.
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { analyseLocally, useEngineReady } from "../lib/engine";
import { usePromptDiff } from "../lib/queries";
import type { PromptVersion, TargetLlm } from "../lib/types";
import { ScoreChart } from "./chart";
import { useOpenRow } from "./lists";
import { DiffView } from "./text";
import { ErrorNote, Field, formatDate, SmallButton, SubmitButton } from "./ui";

export function VersionChart({ versions, target }: { versions: PromptVersion[]; target: TargetLlm }) {
  // Scored in the browser with the same engine, so every version has a point even if it was never
  // analysed on the server.
  const ready = useEngineReady();
  const points = useMemo(
    () =>
      ready
        ? [...versions]
            .sort((a, b) => a.version - b.version)
            .map((v) => ({
              version: v.version,
              score: analyseLocally(v.content, target)?.scores.overall ?? 0,
            }))
        : [],
    [versions, target, ready],
  );
  return <ScoreChart points={points} />;
}

export function VersionTimeline({
  versions,
  current,
  canRestore,
  onRestore,
  badges,
}: {
  versions: PromptVersion[];
  current: number;
  canRestore: boolean;
  /** Absent for a reader who may not restore: no Restore buttons then. */
  onRestore?: (n: number) => void;
  /** What to show beside a version's number (its labels). */
  badges?: (version: number) => ReactNode;
}) {
  const { open, toggle } = useOpenRow<number>();
  return (
    <>
      {!canRestore && onRestore && (
        <p className="hint">Save or discard your changes before restoring an older version.</p>
      )}
      <ol className="timeline" data-testid="timeline">
        {versions.map((v) => (
          <li
            key={v.version}
            className={v.version === current ? "current" : undefined}
            data-version={v.version}
          >
            <div className="row">
              <strong>Version {v.version}</strong>
              {v.version === current && <span className="badge ok">Current</span>}
              {badges?.(v.version)}
              <span className="muted small">{formatDate(v.created_at)}</span>
            </div>
            {v.change_note && <p className="small">{v.change_note}</p>}
            <div className="row">
              <SmallButton aria-expanded={open === v.version} onClick={() => toggle(v.version)}>
                {open === v.version ? "Hide text" : "Show text"}
              </SmallButton>
              {v.version !== current && onRestore && (
                <SmallButton
                  disabled={!canRestore}
                  onClick={() => onRestore(v.version)}
                  label={`Restore version ${v.version}`}
                >
                  Restore
                </SmallButton>
              )}
            </div>
            {open === v.version && <div className="text-block">{v.content}</div>}
          </li>
        ))}
      </ol>
    </>
  );
}

export function VersionDiff({
  promptId,
  versions,
  current,
}: {
  promptId: string;
  versions: PromptVersion[];
  current: number;
}) {
  const [from, setFrom] = useState(Math.max(1, current - 1));
  const [to, setTo] = useState(current);
  /** The pair asked for with "Show differences"; none until then, and none again after a new version. */
  const [asked, setAsked] = useState<{ from: number; to: number } | null>(null);
  const diff = usePromptDiff(promptId, asked, versions);

  useEffect(() => {
    setFrom(Math.max(1, current - 1));
    setTo(current);
    setAsked(null);
  }, [current]);

  if (versions.length < 2) return <p className="muted">There is only one version so far.</p>;
  const options = versions.map((v) => (
    <option key={v.version} value={v.version}>
      Version {v.version}
    </option>
  ));
  const versionField = (label: string, value: number, pick: (version: number) => void) => (
    <Field label={label}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => pick(Number(e.target.value))}>
          {options}
        </select>
      )}
    </Field>
  );
  return (
    <>
      <form
        className="inline-fields"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked({ from, to });
        }}
      >
        {versionField("From", from, setFrom)}
        {versionField("To", to, setTo)}
        <div className="field">
          <SubmitButton className="btn">Show differences</SubmitButton>
        </div>
      </form>
      <ErrorNote error={diff.error} />
      {diff.data && (
        <DiffView lines={diff.data.lines} label={`Version ${diff.data.from} → version ${diff.data.to}`} />
      )}
      {diff.data?.changed && diff.data.changed.length > 0 && (
        <p className="small" data-testid="diff-changed">
          Also changed: {diff.data.changed.join(", ")}.
        </p>
      )}
    </>
  );
}
