// A prompt's labels on its versions timeline: which version each label (and `latest`) points to, a
// "protected" badge, moving a label to another version or removing it — and, for a protected label,
// a promotion request instead of a move (the server refuses the direct move with 409).
import { useState } from "react";
import { ApiError } from "../lib/api";
import { labelsByVersion } from "../lib/labels";
import { canMoveLabels, canRequestPromotion, labelProblem, type Role } from "../lib/project";
import {
  usePromptLabels,
  usePromptPromotions,
  useRegistryBase,
  useRequestPromotion,
  useSetLabel,
} from "../lib/registry-queries";
import type { LabelTarget, PromptLabel } from "../lib/registry-types";

export { labelsByVersion };

import { Link, navigate } from "../lib/router";
import {
  ConfirmDanger,
  ConfirmDialog,
  ErrorNote,
  Field,
  formatDate,
  Notice,
  SmallButton,
  TextField,
} from "./ui";

/** The badges shown on one version of the timeline. */
export function LabelBadges({ labels, latest }: { labels: readonly PromptLabel[]; latest: boolean }) {
  if (!latest && labels.length === 0) return null;
  return (
    <span className="row label-badges" data-testid="label-badges">
      {latest && <span className="badge">latest</span>}
      {labels.map((l) => (
        <span key={l.label} className={`badge ${l.protected ? "warning" : "ok"}`} data-label={l.label}>
          {l.label}
          {l.split ? " (split)" : ""}
          {l.protected ? " · protected" : ""}
        </span>
      ))}
    </span>
  );
}

function targetText(t: LabelTarget | null): string {
  if (!t) return "none";
  if ("version" in t) return `v${t.version}`;
  return t.split.map((x) => `v${x.version} ${x.weight}%`).join(" · ");
}

/** Whether `label` is protected: as the server lists it, else by the project's setting. */
function isProtected(label: string, labels: readonly PromptLabel[], protectedNames: readonly string[]) {
  return labels.find((l) => l.label === label)?.protected ?? protectedNames.includes(label);
}

export function LabelManager({
  promptId,
  versions,
  current,
  role,
  protectedNames,
}: {
  promptId: string;
  versions: readonly number[];
  current: number;
  role: Role | undefined;
  /** The project's protected labels (for a label the prompt does not have yet). */
  protectedNames: readonly string[];
}) {
  const labelsQuery = usePromptLabels(promptId);
  const promotions = usePromptPromotions(promptId);
  const open = (promotions.data ?? []).filter((p) => p.status === "pending");
  const setLabel = useSetLabel(promptId);
  const request = useRequestPromotion(promptId);
  const { base } = useRegistryBase();
  const [label, setLabelName] = useState("");
  const [version, setVersion] = useState(current);
  const [note, setNote] = useState("");
  const [asking, setAsking] = useState<{ label: string; version: number } | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const mover = canMoveLabels(role);
  const requester = canRequestPromotion(role);
  // `latest` is listed by the server too (computed); it is shown apart since it never moves.
  const labels = (labelsQuery.data?.items ?? []).filter((l) => !l.computed && l.label !== "latest");
  const history = labelsQuery.data?.history ?? [];
  const problem = label.trim() ? labelProblem(label.trim()) : null;

  if (labelsQuery.error instanceof ApiError && labelsQuery.error.status === 404) return null;

  const move = (name: string, to: number) => {
    setDone(null);
    if (isProtected(name, labels, protectedNames)) {
      setNote("");
      setAsking({ label: name, version: to });
      return;
    }
    setLabel.mutate(
      { label: name, version: to },
      {
        onSuccess: () => setDone(`“${name}” now points to version ${to}.`),
        onError: (e) => {
          // Protected since the page loaded: the server names the promotion route.
          if (e instanceof ApiError && e.status === 409) setAsking({ label: name, version: to });
        },
      },
    );
  };
  const versionOptions = versions.map((v) => (
    <option key={v} value={v}>
      Version {v}
    </option>
  ));

  return (
    <div className="labels" data-testid="labels">
      <h3>Labels</h3>
      <ErrorNote
        error={
          labelsQuery.error ??
          (setLabel.error instanceof ApiError && setLabel.error.status === 409 ? null : setLabel.error)
        }
      />
      {done && <Notice kind="ok">{done}</Notice>}
      {labels.some((l) => l.protected) && (
        <p className="hint">
          A protected label moves only through an approved promotion; to remove one, unprotect it in the
          project's settings first.
        </p>
      )}
      <ul className="label-list">
        <li data-label="latest">
          <span className="badge">latest</span> → version {current}{" "}
          <span className="muted small">(always the newest version)</span>
        </li>
        {labels.map((l) => (
          <li key={l.label} data-label={l.label}>
            <span className={`badge ${l.protected ? "warning" : "ok"}`}>{l.label}</span>
            {l.protected && (
              <span className="badge warning" data-testid="protected-badge">
                protected
              </span>
            )}{" "}
            →{" "}
            {l.version !== null && l.version !== undefined
              ? `version ${l.version}`
              : (l.split ?? []).map((s) => `v${s.version} ${s.weight}%`).join(" · ")}
            {!l.protected && mover && (
              <SmallButton onClick={() => setRemoving(l.label)} label={`Remove label ${l.label}`}>
                Remove
              </SmallButton>
            )}
          </li>
        ))}
      </ul>
      {open.length > 0 && (
        <div data-testid="open-promotions">
          <p className="small">
            <strong>Waiting for approval:</strong>
          </p>
          <ul className="small">
            {open.map((p) => (
              <li key={p.id}>
                <Link to={`${base}/promotions/${encodeURIComponent(p.id)}`}>
                  “{p.label}” → version {p.version}
                </Link>{" "}
                by {p.requested_by?.username ?? "a former member"}
              </li>
            ))}
          </ul>
        </div>
      )}
      {history.length > 0 && (
        <details className="small">
          <summary>Label history</summary>
          <ul data-testid="label-history">
            {history.slice(0, 20).map((e) => (
              <li key={e.id}>
                <strong>{e.label}</strong> {targetText(e.from)} → {targetText(e.to)}
                {e.actor ? ` by ${e.actor.username ?? "a former member"}` : ""}
                {e.promotion_id ? " (promotion)" : ""} · {formatDate(e.created_at)}
              </li>
            ))}
          </ul>
        </details>
      )}
      {(mover || requester) && (
        <form
          className="inline-fields"
          aria-label="Move a label"
          onSubmit={(e) => {
            e.preventDefault();
            const name = label.trim();
            if (!name || problem) return;
            move(name, version);
          }}
        >
          <TextField
            label="Label"
            value={label}
            onValue={(v) => setLabelName(v.toLowerCase())}
            error={problem ?? undefined}
            list="label-names"
            placeholder="production"
            maxLength={40}
          />
          <datalist id="label-names">
            {[...new Set([...labels.map((l) => l.label), ...protectedNames, "staging"])].map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
          <Field label="To version">
            {(p) => (
              <select {...p} value={version} onChange={(e) => setVersion(Number(e.target.value))}>
                {versionOptions}
              </select>
            )}
          </Field>
          <div className="field">
            <button type="submit" className="btn" disabled={!label.trim() || !!problem || setLabel.isPending}>
              {label.trim() && isProtected(label.trim(), labels, protectedNames)
                ? "Request promotion…"
                : "Move label"}
            </button>
          </div>
        </form>
      )}
      {/* Only for those who may ask: a reader's page holds no field at all. */}
      {requester && (
        <ConfirmDialog
          open={asking !== null}
          title={`Request promotion of “${asking?.label ?? ""}”`}
          confirmLabel={request.isPending ? "Requesting…" : "Request promotion"}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            if (!asking) return;
            request.mutate(
              { label: asking.label, version: asking.version, ...(note.trim() ? { note: note.trim() } : {}) },
              {
                onSuccess: (p) => {
                  setAsking(null);
                  navigate(`${base}/promotions/${encodeURIComponent(p.id)}`);
                },
              },
            );
          }}
        >
          <p>
            “{asking?.label}” is protected: an admin reviews the change (the diff, both versions' scores and
            the quality gate) before it points to version {asking?.version}.
          </p>
          <TextField label="Note for the reviewer" value={note} onValue={setNote} maxLength={500} />
          <ErrorNote error={request.error} />
        </ConfirmDialog>
      )}
      <ConfirmDanger
        subject={removing}
        action="Remove label"
        title={`Remove the label “${removing ?? ""}”?`}
        onClose={() => setRemoving(null)}
        onConfirm={(name) =>
          setLabel.mutate(
            { label: name, version: null },
            { onSuccess: () => setDone(`“${name}” removed; fetching it now answers 404.`) },
          )
        }
      >
        <p>Applications fetching this prompt by “{removing}” will no longer find it.</p>
      </ConfirmDanger>
    </div>
  );
}
