// Small building blocks shared by every page: error notes that say what went wrong in words, labelled
// fields with their error next to them, score words and bars (a number and a word, never colour
// alone), a confirmation dialog, and a copy button.
import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";
import { ApiError, SESSION_EXPIRED_MESSAGE } from "../lib/api";
import { Link, useLocation } from "../lib/router";

export function ErrorNote({ error, children }: { error: unknown; children?: ReactNode }) {
  const loc = useLocation();
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  const message = e ? e.message : error instanceof Error ? error.message : String(error);
  const expired = e?.code === "session_expired" || message === SESSION_EXPIRED_MESSAGE;
  return (
    <div className="notice error" role="alert">
      <p>
        <strong>{expired ? "Signed out." : "Could not complete this."}</strong> {message}
      </p>
      {expired && (
        <p>
          <Link to={`/signin?next=${encodeURIComponent(loc.href)}`}>Sign in again</Link>
        </p>
      )}
      {e?.requestId && e.status >= 500 && <p className="small muted">Reference: {e.requestId}</p>}
      {children}
    </div>
  );
}

/**
 * A page whose prompt or template could not be loaded. A missing one (or another account's: the API
 * does not say which) gets a heading that says so and a way back, not a generic failure.
 */
const BACK_FROM = {
  Prompt: { to: "/prompts", label: "Back to my prompts" },
  Template: { to: "/templates", label: "Back to templates" },
  Project: { to: "/projects", label: "Your projects" },
  Promotion: { to: "/prompts", label: "Back to prompts" },
  Dataset: { to: "/datasets", label: "Back to datasets" },
  Run: { to: "/prompts", label: "Back to prompts" },
  Comparison: { to: "/prompts", label: "Back to prompts" },
} as const;

export function LoadFailure({ error, what }: { error: unknown; what: keyof typeof BACK_FROM }) {
  const back = BACK_FROM[what];
  const missing = error instanceof ApiError && error.status === 404;
  return (
    <>
      <h1>{missing ? `${what} not found` : what}</h1>
      {missing ? (
        <p data-testid="not-found">
          There is no {what.toLowerCase()} at this address among yours. It may have been deleted, you may not
          be a member of its project, or the link may be mistyped.
        </p>
      ) : (
        <ErrorNote error={error} />
      )}
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
    </>
  );
}

export function Notice({
  kind,
  children,
}: {
  kind: "ok" | "info" | "warning" | "error";
  children: ReactNode;
}) {
  return (
    <div className={`notice ${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: string;
  children: (props: { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean }) => ReactNode;
  className?: string;
}

/** A label, the control, its hint and its error, wired together for assistive technology. */
export function Field({ label, hint, error, children, className }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errId = error ? `${id}-err` : undefined;
  const describedBy = [hintId, errId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      {hint && (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      )}
      {error && (
        <div className="field-error" id={errId}>
          {error}
        </div>
      )}
    </div>
  );
}

type InputAttributes = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onChange">;

/**
 * The common case of a Field: one text-like input. `onValue` receives the new text; every other input
 * attribute passes through (an `aria-invalid` given here overrides the one the error sets).
 */
export function TextField({
  label,
  hint,
  error,
  className,
  type = "text",
  value,
  onValue,
  ...input
}: Omit<FieldProps, "children"> &
  InputAttributes & {
    value: string;
    onValue: (value: string) => void;
  }) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(p) => <input {...p} type={type} {...input} value={value} onChange={(e) => onValue(e.target.value)} />}
    </Field>
  );
}

/** A Field holding one number input: `onValue` receives the number typed (NaN or 0 when it is empty). */
export function NumberField({
  label,
  hint,
  error,
  className,
  value,
  onValue,
  ...input
}: Omit<FieldProps, "children"> &
  Omit<InputAttributes, "type"> & {
    value: number | string;
    onValue: (value: number) => void;
  }) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(p) => (
        <input
          {...p}
          type="number"
          {...input}
          value={value}
          onChange={(e) => onValue(Number(e.target.value))}
        />
      )}
    </Field>
  );
}

type TextAreaAttributes = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "value" | "onChange">;

/** A Field holding one textarea; `onValue` receives the new text, other attributes pass through. */
export function TextAreaField({
  label,
  hint,
  error,
  className,
  value,
  onValue,
  ...textarea
}: Omit<FieldProps, "children"> &
  TextAreaAttributes & {
    value: string;
    onValue: (value: string) => void;
  }) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(p) => <textarea {...p} {...textarea} value={value} onChange={(e) => onValue(e.target.value)} />}
    </Field>
  );
}

type SelectAttributes = Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  "id" | "value" | "onChange" | "children"
>;

/**
 * A Field holding a drop-down of fixed choices: `options` are the values, `labelOf` what each one says
 * (the value itself by default), `empty` a first option with the value "" ("Any"), and `children`
 * options after the list.
 */
export function SelectField<V extends string>({
  label,
  hint,
  error,
  className,
  options,
  labelOf = (v) => v,
  empty,
  children,
  value,
  onValue,
  ...select
}: Omit<FieldProps, "children"> &
  SelectAttributes & {
    options: readonly V[];
    labelOf?: (value: V) => ReactNode;
    empty?: string;
    children?: ReactNode;
    value: string;
    onValue: (value: V) => void;
  }) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(p) => (
        <select {...p} {...select} value={value} onChange={(e) => onValue(e.target.value as V)}>
          {empty !== undefined && <option value="">{empty}</option>}
          {options.map((o) => (
            <option key={o} value={o}>
              {labelOf(o)}
            </option>
          ))}
          {children}
        </select>
      )}
    </Field>
  );
}

export function scoreWord(score: number): { word: string; tone: string } {
  if (score >= 80) return { word: "Excellent", tone: "excellent" };
  if (score >= 60) return { word: "Good", tone: "good" };
  if (score >= 40) return { word: "Fair", tone: "fair" };
  return { word: "Poor", tone: "poor" };
}

export function ScoreBadge({ score, testId }: { score: number | null | undefined; testId?: string }) {
  if (score === null || score === undefined)
    return (
      <span className="badge" data-testid={testId}>
        Not scored
      </span>
    );
  const { word, tone } = scoreWord(score);
  const cls = tone === "excellent" ? "ok" : tone === "good" ? "info" : tone === "fair" ? "warning" : "error";
  return (
    <span className={`badge ${cls}`} data-testid={testId}>
      {Math.round(score)} · {word}
    </span>
  );
}

export function ScoreBar({ label, score }: { label: string; score: number }) {
  const { word, tone } = scoreWord(score);
  const value = Math.max(0, Math.min(100, Math.round(score)));
  return (
    <>
      <div className="score-line">
        <span>{label}</span>
        <span>
          <strong>{value}</strong>/100 · {word}
        </span>
      </div>
      {/* The number and word above say it all; the bar is for the eye only. */}
      <div className="bar" aria-hidden="true">
        <span className={`tone-${tone}`} style={{ width: `${value}%` }} />
      </div>
    </>
  );
}

/** A modal confirmation (native <dialog>: focus is trapped inside and Escape cancels). */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} aria-labelledby={titleId} onCancel={onCancel} onClose={() => open && onCancel()}>
      <h2 id={titleId}>{title}</h2>
      {children}
      <div className="row end">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className={`btn ${danger ? "danger solid" : "primary"}`} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API blocked (insecure origin, permissions): fall back to a hidden textarea.
    const ta = document.createElement("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.style.position = "fixed";
    ta.style.opacity = "0";
    document.body.appendChild(ta);
    ta.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    ta.remove();
    return ok;
  }
}

/** The revoke button of a row of an API key list; the key is revoked only after RevokeKeyDialog. */
export function RevokeKeyButton({ name, onClick }: { name: string; onClick: () => void }) {
  return (
    <button type="button" className="btn small danger" onClick={onClick} aria-label={`Revoke key ${name}`}>
      Revoke
    </button>
  );
}

/** The confirmation before an API key is revoked; closes, then calls onRevoke with the key. */
export function RevokeKeyDialog<K extends { name: string }>({
  revoking,
  onClose,
  onRevoke,
}: {
  revoking: K | null;
  onClose: () => void;
  onRevoke: (key: K) => void;
}) {
  return (
    <ConfirmDialog
      open={revoking !== null}
      title="Revoke this key?"
      confirmLabel="Revoke key"
      danger
      onCancel={onClose}
      onConfirm={() => {
        onClose();
        if (revoking) onRevoke(revoking);
      }}
    >
      <p>Anything using “{revoking?.name}” stops working at once.</p>
    </ConfirmDialog>
  );
}

/** A newly created API key's secret, shown this once, with a copy button. */
export function NewKeyNotice({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  return (
    <div className="notice ok" role="status" data-testid="new-key">
      <p>
        <strong>Key “{name}” created.</strong> Copy it now: it is shown only this once.
      </p>
      <label htmlFor="new-key-value">Secret key</label>
      <input
        id="new-key-value"
        className="secret"
        type="text"
        readOnly
        value={secret}
        onFocus={(e) => e.target.select()}
      />
      <div className="row" style={{ marginTop: "0.5rem" }}>
        <CopyButton text={secret} label="Copy key" />
        <button type="button" className="btn" onClick={onDone}>
          I have saved it
        </button>
      </div>
    </div>
  );
}

export function CopyButton({
  text,
  label = "Copy",
  className,
}: {
  text: string;
  label?: string;
  className?: string;
}) {
  const [state, setState] = useState<"idle" | "done" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <>
      <button
        type="button"
        className={`btn ${className ?? ""}`}
        onClick={async () => setState((await copyText(text)) ? "done" : "failed")}
      >
        {state === "done" ? "Copied ✓" : label}
      </button>
      <span className="visually-hidden" role="status">
        {state === "done"
          ? "Copied to the clipboard"
          : state === "failed"
            ? "Copy failed: select the text and copy it"
            : ""}
      </span>
    </>
  );
}

/** A form's submit button: while the form is busy it is disabled and says what it is doing. */
export function SubmitButton({
  busy = false,
  busyLabel,
  disabled,
  className = "btn primary",
  children,
}: {
  busy?: boolean;
  busyLabel?: string;
  disabled?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <button type="submit" className={className} disabled={busy || disabled}>
      {busy ? busyLabel : children}
    </button>
  );
}

/**
 * A table that stacks into labelled cards on narrow screens: each cell carries its column's name as
 * `data-label` (the rows passed in), and a column can be named for screen readers only.
 */
export function StackTable({
  columns,
  testId,
  children,
}: {
  columns: (string | { hidden: string })[];
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table className="stack" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) =>
              typeof c === "string" ? (
                <th key={c} scope="col">
                  {c}
                </th>
              ) : (
                <th key={c.hidden} scope="col">
                  <span className="visually-hidden">{c.hidden}</span>
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <p className="muted" role="status">
      {what}
      <span className="spinner" />
    </p>
  );
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "never";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** Comma-separated tags → a clean list (trimmed, lower-cased, unique). */
export function parseTags(input: string): string[] {
  const out: string[] = [];
  for (const t of input.split(",")) {
    const tag = t.trim().toLowerCase();
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

export function SignInToContinue({ what }: { what: string }) {
  const loc = useLocation();
  const next = encodeURIComponent(loc.href);
  return (
    <div className="card">
      <h1>Sign in to {what}</h1>
      <p>
        <Link to={`/signin?next=${next}`}>Sign in</Link> or{" "}
        <Link to={`/signup?next=${next}`}>create an account</Link>. The analyser on the{" "}
        <Link to="/">home page</Link> works without an account.
      </p>
    </div>
  );
}
