// Small building blocks shared by every page: error notes that say what went wrong in words, labelled
// fields (text, date, number, textarea, drop-down, a name and description) with their error next to
// them, a set of checkboxes, a page's heading row, titled cards and form cards, score words and bars (a
// number and a word, never colour alone), confirmation dialogs, a secret shown once, copy, small and
// submit buttons, the stacking table and a list's loading and empty states.
import {
  type ButtonHTMLAttributes,
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

/** What a page could fail to load, named in its heading. */
export type LoadKind = keyof typeof BACK_FROM;

export function LoadFailure({ error, what }: { error: unknown; what: LoadKind }) {
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
type TextAreaAttributes = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "value" | "onChange">;
type SelectAttributes = Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  "id" | "value" | "onChange" | "children"
>;
type FieldOwnProps = Omit<FieldProps, "children">;

/** A field component's props split in two: the Field's own (label, hint, error, class) and the control's. */
function splitField<P extends FieldOwnProps>({ label, hint, error, className, ...control }: P) {
  return [{ label, hint, error, className }, control] as const;
}

/**
 * The common case of a Field: one text-like input. `onValue` receives the new text; every other input
 * attribute passes through (an `aria-invalid` given here overrides the one the error sets).
 */
export function TextField(
  props: FieldOwnProps & InputAttributes & { value: string | number; onValue: (value: string) => void },
) {
  const [field, { type = "text", value, onValue, ...input }] = splitField(props);
  return (
    <Field {...field}>
      {(p) => <input {...p} type={type} {...input} value={value} onChange={(e) => onValue(e.target.value)} />}
    </Field>
  );
}

/** A TextField for a date (`time`: a date and a time of day), shrinking to fit a narrow column. */
export function DateField({
  time = false,
  ...props
}: FieldOwnProps &
  Omit<InputAttributes, "type"> & { time?: boolean; value: string; onValue: (value: string) => void }) {
  return (
    <TextField {...props} type={time ? "datetime-local" : "date"} style={{ width: "100%", minWidth: 0 }} />
  );
}

/** A TextField for a number: `onValue` receives the number typed (0 when it is emptied). */
export function NumberField({
  onValue,
  ...props
}: FieldOwnProps &
  Omit<InputAttributes, "type"> & { value: number | string; onValue: (value: number) => void }) {
  return <TextField {...props} type="number" onValue={(text) => onValue(Number(text))} />;
}

/** A Field holding one textarea; `onValue` receives the new text, other attributes pass through. */
export function TextAreaField(
  props: FieldOwnProps & TextAreaAttributes & { value: string; onValue: (value: string) => void },
) {
  const [field, { value, onValue, ...textarea }] = splitField(props);
  return (
    <Field {...field}>
      {(p) => <textarea {...p} {...textarea} value={value} onChange={(e) => onValue(e.target.value)} />}
    </Field>
  );
}

type TextState = [string, (value: string) => void];

export interface NameFieldsProps {
  nameLabel?: string;
  /** The server's limit on the name. */
  maxLength: number;
  name: TextState;
  description: TextState;
  errors: { name?: string; description?: string };
  /** Side by side rather than one under the other. */
  inline?: boolean;
}

/** A required name and an optional description, as datasets and templates are named. */
export function NameFields({
  nameLabel = "Name",
  maxLength,
  name: [name, setName],
  description: [description, setDescription],
  errors,
  inline = false,
}: NameFieldsProps) {
  const fields = (
    <>
      <TextField
        label={nameLabel}
        error={errors.name}
        required
        maxLength={maxLength}
        value={name}
        onValue={setName}
      />
      <TextField
        label="Description"
        error={errors.description}
        value={description}
        onValue={setDescription}
      />
    </>
  );
  return inline ? <div className="inline-fields">{fields}</div> : fields;
}

/**
 * A Field holding a drop-down of fixed choices: `options` are the values, `labelOf` what each one says
 * (the value itself by default), `empty` a first option with the value "" ("Any"), and `children`
 * options after the list.
 */
export function SelectField<V extends string>(
  props: FieldOwnProps &
    SelectAttributes & {
      options: readonly V[];
      labelOf?: (value: V) => ReactNode;
      empty?: string;
      children?: ReactNode;
      value: string;
      onValue: (value: V) => void;
    },
) {
  const [field, { options, labelOf = (v: V) => v, empty, children, value, onValue, ...select }] =
    splitField(props);
  return (
    <Field {...field}>
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

/** A page's heading row: the h1 and what it says under it (`children`), and the page's actions. */
export function PageHead({
  title,
  actions,
  children,
}: {
  title: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="page-head">
      <div>
        <h1>{title}</h1>
        {children}
      </div>
      {actions && <div className="row">{actions}</div>}
    </div>
  );
}

/**
 * A fieldset of checkboxes for picking several of a fixed list (scopes, events), each shown by its code
 * name and `hints` entry. The picked ones come back in the list's order, whatever order they were
 * ticked in; `error` (none picked, or the server's word) is tied to the fieldset.
 */
export function CodeChoices<C extends string>({
  legend,
  choices,
  hints,
  value,
  onChange,
  error,
}: {
  legend: string;
  choices: readonly C[];
  hints: Record<C, string>;
  value: readonly C[];
  onChange: (value: C[]) => void;
  error?: string;
}) {
  const errorId = `${useId()}-error`;
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      {choices.map((c) => (
        <label key={c} className="choice">
          <input
            type="checkbox"
            checked={value.includes(c)}
            onChange={(e) =>
              onChange(choices.filter((x) => (x === c ? e.target.checked : value.includes(x))))
            }
          />
          <span>
            <code>{c}</code> <span className="muted small">— {hints[c]}</span>
          </span>
        </label>
      ))}
      {error && (
        <div className="field-error" id={errorId}>
          {error}
        </div>
      )}
    </fieldset>
  );
}

/**
 * The picks of a CodeChoices that needs at least one: `props` to give it, and `check()` for the form's
 * submit, false (with `none` shown as the error) when nothing is picked; picking again clears that.
 */
export function useSomeChoices<C extends string>(initial: readonly C[], none: string) {
  const [value, setValue] = useState<C[]>([...initial]);
  const [missing, setMissing] = useState(false);
  return {
    value,
    reset: () => setValue([...initial]),
    check: () => {
      setMissing(value.length === 0);
      return value.length > 0;
    },
    props: {
      value,
      onChange: (v: C[]) => {
        setMissing(false);
        setValue(v);
      },
      error: missing ? none : undefined,
    },
  };
}

/** A card section headed by an h2 that names it for assistive technology. */
export function Card({
  title,
  testId,
  children,
}: {
  title: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * A Card holding one form: submitting runs `onSubmit` (the page does not reload); `after` is shown
 * under the form, inside the card (what the last submission made).
 */
export function FormCard({
  title,
  onSubmit,
  after,
  children,
}: {
  title: ReactNode;
  onSubmit: () => void;
  after?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card title={title}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </form>
      {after}
    </Card>
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

/**
 * The confirmation before a destructive action on `subject` (null or false: closed), worded from
 * `action` ("Delete webhook" asks "Delete this webhook?" and confirms with "Delete webhook") unless
 * `title` or `confirmLabel` say otherwise. Cancel calls onClose; confirming calls onClose, then
 * onConfirm with the subject.
 */
export function ConfirmDanger<T>({
  subject,
  action,
  title = `${action.replace(" ", " this ")}?`,
  confirmLabel = action,
  onClose,
  onConfirm,
  children,
}: {
  subject: T | null | false;
  action: string;
  title?: string;
  confirmLabel?: string;
  onClose: () => void;
  onConfirm: (subject: T) => void;
  children: ReactNode;
}) {
  const open = subject !== null && subject !== false;
  return (
    <ConfirmDialog
      open={open}
      title={title}
      confirmLabel={confirmLabel}
      danger
      onCancel={onClose}
      onConfirm={() => {
        onClose();
        if (open) onConfirm(subject);
      }}
    >
      {children}
    </ConfirmDialog>
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

/**
 * Something shown this once (a new key, a signing secret, an invitation link): what it is in words, the
 * value in a read-only input that selects itself, a copy button, and `onDone` to put it away.
 */
export function OneTimeSecret({
  testId,
  label,
  value,
  copyLabel,
  onDone,
  children,
}: {
  testId: string;
  label: string;
  value: string;
  copyLabel: string;
  onDone?: () => void;
  children: ReactNode;
}) {
  const inputId = useId();
  return (
    <div className="notice ok" role="status" data-testid={testId}>
      <p>{children}</p>
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        className="secret"
        type="text"
        readOnly
        value={value}
        onFocus={(e) => e.target.select()}
      />
      <div className="row" style={{ marginTop: "0.5rem" }}>
        <CopyButton text={value} label={copyLabel} />
        {onDone && (
          <button type="button" className="btn" onClick={onDone}>
            I have saved it
          </button>
        )}
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

/**
 * A small button of a row or a list item (`tone` danger or primary); `label` names it for screen
 * readers where its text alone is ambiguous ("Remove" — which one?).
 */
export function SmallButton({
  tone,
  label,
  children,
  ...button
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type" | "className" | "aria-label"> & {
  tone?: "danger" | "primary";
  label?: string;
}) {
  return (
    <button type="button" className={tone ? `btn small ${tone}` : "btn small"} aria-label={label} {...button}>
      {children}
    </button>
  );
}

/** A list row's danger-toned "Remove" button; `what` names the row for screen readers ("message 2"). */
export function RemoveButton({ what, onRemove }: { what: string; onRemove: () => void }) {
  return (
    <SmallButton tone="danger" label={`Remove ${what}`} onClick={onRemove}>
      Remove
    </SmallButton>
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
 * `data-label` (the rows passed in), and a column can be named for screen readers only. `className`
 * replaces the table's class ("stack") for a table laid out otherwise; `card` frames it as a card.
 */
export function StackTable({
  columns,
  testId,
  className = "stack",
  card = false,
  children,
}: {
  columns: (string | { hidden: string })[];
  testId?: string;
  className?: string;
  card?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={card ? "table-wrap card" : "table-wrap"}>
      <table className={className} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional; two may share a name
              <th key={i} scope="col">
                {typeof c === "string" ? c : <span className="visually-hidden">{c.hidden}</span>}
              </th>
            ))}
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

/**
 * A list as it loads: a loading line (`loading` says what) until `items` come, `empty` in a muted line
 * when there are none, else what `children` makes of them.
 */
export function LoadedList<T>({
  items,
  loading,
  empty,
  children,
}: {
  items: readonly T[] | null | undefined;
  loading: string;
  empty: ReactNode;
  children: (items: readonly T[]) => ReactNode;
}) {
  if (!items) return <Loading what={loading} />;
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return children(items);
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
