// A prompt's "Evaluations" area (loaded on demand by the prompt page): the assertions every output is
// checked with, a launcher that runs a dataset against one or more models on a version or a label, the
// prompt's runs (pick two to compare them), and the pass rate across versions on one dataset, drawn like
// the score chart.
import { useMemo, useState } from "react";
import { fieldMessages } from "../lib/api";
import { compareHref, datasetsHref, runHref } from "../lib/eval-links";
import {
  type AssertionDraft,
  assertionOf,
  draftOf,
  KIND,
  passRatePoints,
  targetKey,
} from "../lib/eval-logic";
import {
  type RunRequest,
  useAssertions,
  useDatasets,
  usePromptRuns,
  useSaveAssertions,
  useStartRun,
} from "../lib/eval-queries";
import {
  ASSERTION_TYPES,
  type Assertion,
  type EvaluationRun,
  PROVIDERS,
  type Provider,
} from "../lib/eval-types";
import { checkVariables } from "../lib/placeholders";
import { usePromptLabels, useRegistryBase } from "../lib/registry-queries";
import { Link, navigate } from "../lib/router";
import { patchAt, removeAt } from "../lib/variables";
import { VersionLineChart } from "./chart";
import { pct, RunStatusBadge } from "./eval-ui";
import {
  Card,
  ErrorNote,
  Field,
  formatDate,
  Loading,
  Notice,
  NumberField,
  SelectField,
  SmallButton,
  StackTable,
  SubmitButton,
  TextAreaField,
  TextField,
} from "./ui";

export default function PromptEvaluations({
  promptId,
  versions,
  current,
  writer,
  content,
  declared,
}: {
  promptId: string;
  versions: number[];
  current: number;
  writer: boolean;
  /** The newest version's text and declared variable names: a run fills only declared variables. */
  content: string;
  declared: string[];
}) {
  const runs = usePromptRuns(promptId);
  return (
    <Card title="Evaluations" testId="evaluations">
      <p className="muted small">
        Run a dataset through this prompt on real models and check every output with the assertions below.
      </p>
      <div className="grid-2">
        <div>
          {writer && (
            <RunLauncher
              promptId={promptId}
              versions={versions}
              current={current}
              lastRun={runs.data?.[0]}
              undeclared={checkVariables(content, declared).undeclared}
            />
          )}
          <AssertionsEditor promptId={promptId} writer={writer} />
        </div>
        <div>
          <h3>Pass rate across versions</h3>
          {runs.data ? <PassRateTrend runs={runs.data} /> : <Loading what="Loading runs" />}
        </div>
      </div>
      <h3>Runs</h3>
      <ErrorNote error={runs.error} />
      {runs.data && <RunList runs={runs.data} />}
    </Card>
  );
}

// ---- assertions

const BLANK: AssertionDraft = draftOf({ type: "contains" });

function AssertionsEditor({ promptId, writer }: { promptId: string; writer: boolean }) {
  const loaded = useAssertions(promptId);
  const save = useSaveAssertions(promptId);
  const [rows, setRows] = useState<AssertionDraft[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  if (loaded.error) return <ErrorNote error={loaded.error} />;
  if (!loaded.data) return <Loading what="Loading assertions" />;
  const shown = rows ?? loaded.data.map(draftOf);
  const change = (i: number, patch: Partial<AssertionDraft>) => {
    setSaved(false);
    setRows(patchAt(shown, i, patch));
  };
  return (
    <div data-testid="assertions">
      <h3>Assertions</h3>
      {shown.length === 0 && (
        <p className="muted small">None: an item with an expected output passes when the output equals it.</p>
      )}
      <ol className="assertion-list">
        {shown.map((r, i) => {
          const kind = KIND[r.type];
          const n = i + 1;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: assertions have no identity beyond their place
            <li key={i} className="card" data-assertion={r.type}>
              <div className="inline-fields">
                <SelectField
                  label={`Assertion ${n} type`}
                  hint={kind.hint}
                  options={ASSERTION_TYPES}
                  disabled={!writer}
                  value={r.type}
                  onValue={(v) => change(i, { type: v })}
                />
                {kind.value && (
                  <TextField
                    label={`Assertion ${n} ${kind.value.label}`}
                    readOnly={!writer}
                    value={r.value}
                    onValue={(v) => change(i, { value: v })}
                  />
                )}
                {(r.type === "max-length" || r.type === "min-length") && (
                  <Field label={`Assertion ${n} unit`}>
                    {(p) => (
                      <select
                        {...p}
                        disabled={!writer}
                        value={r.unit}
                        onChange={(e) => change(i, { unit: e.target.value as "chars" | "words" })}
                      >
                        <option value="chars">characters</option>
                        <option value="words">words</option>
                      </select>
                    )}
                  </Field>
                )}
                {r.type === "similar-to" && (
                  <Field label={`Assertion ${n} method`}>
                    {(p) => (
                      <select
                        {...p}
                        disabled={!writer}
                        value={r.method}
                        onChange={(e) => change(i, { method: e.target.value as "token-f1" | "rouge-l" })}
                      >
                        <option value="token-f1">token F1</option>
                        <option value="rouge-l">ROUGE-L</option>
                      </select>
                    )}
                  </Field>
                )}
                {kind.threshold && (
                  <TextField
                    label={`Assertion ${n} ${kind.threshold.label}`}
                    readOnly={!writer}
                    inputMode="decimal"
                    placeholder={kind.threshold?.placeholder}
                    value={r.threshold}
                    onValue={(v) => change(i, { threshold: v })}
                  />
                )}
                <TextField
                  label={`Assertion ${n} weight`}
                  readOnly={!writer}
                  inputMode="decimal"
                  placeholder="1"
                  value={r.weight}
                  onValue={(v) => change(i, { weight: v })}
                />
              </div>
              {kind.caseOption && (
                <label className="choice">
                  <input
                    type="checkbox"
                    disabled={!writer}
                    checked={!r.case_sensitive}
                    onChange={(e) => change(i, { case_sensitive: !e.target.checked })}
                  />
                  <span>Ignore case</span>
                </label>
              )}
              {r.type === "judge" && (
                <>
                  <TextAreaField
                    label={`Assertion ${n} rubric`}
                    readOnly={!writer}
                    rows={3}
                    value={r.rubric}
                    onValue={(v) => change(i, { rubric: v })}
                  />
                  <TextField
                    label={`Assertion ${n} judge prompt`}
                    hint="Optional: a prompt of this project as name@label; a built-in one otherwise."
                    readOnly={!writer}
                    value={r.judge_prompt}
                    onValue={(v) => change(i, { judge_prompt: v })}
                  />
                </>
              )}
              {r.type === "json-schema" && (
                <Field label={`Assertion ${n} schema (JSON)`} hint="Empty: the prompt's own response format.">
                  {(p) => (
                    <textarea
                      {...p}
                      readOnly={!writer}
                      rows={4}
                      className="mono"
                      value={r.schema}
                      onChange={(e) => change(i, { schema: e.target.value })}
                    />
                  )}
                </Field>
              )}
              {writer && (
                <SmallButton
                  tone="danger"
                  onClick={() => {
                    setSaved(false);
                    setRows(removeAt(shown, i));
                  }}
                >
                  Remove assertion {n}
                </SmallButton>
              )}
            </li>
          );
        })}
      </ol>
      {writer && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            const built = shown.map((d, i) => assertionOf(d, i + 1));
            const bad = built.find((b): b is string => typeof b === "string");
            setProblem(bad ?? null);
            if (bad) return;
            save.mutate(built as Assertion[], {
              onSuccess: () => {
                setRows(null);
                setSaved(true);
              },
            });
          }}
        >
          <button
            type="button"
            className="btn"
            disabled={shown.length >= 50}
            onClick={() => {
              setSaved(false);
              setRows([...shown, { ...BLANK }]);
            }}
          >
            Add assertion
          </button>
          <SubmitButton busy={save.isPending} busyLabel="Saving…" disabled={rows === null}>
            Save assertions
          </SubmitButton>
        </form>
      )}
      {problem && <Notice kind="error">{problem}</Notice>}
      <ErrorNote error={save.error} />
      {saved && <Notice kind="ok">Assertions saved.</Notice>}
    </div>
  );
}

// ---- launcher

interface TargetDraft {
  provider: Provider;
  model: string;
}

const MAX_TARGETS = 4;

function RunLauncher({
  promptId,
  versions,
  current,
  lastRun,
  undeclared,
}: {
  promptId: string;
  versions: number[];
  current: number;
  /** The newest run: its models are offered again. */
  lastRun: EvaluationRun | undefined;
  undeclared: string[];
}) {
  const datasets = useDatasets();
  const labels = usePromptLabels(promptId);
  const start = useStartRun(promptId);
  const { slug } = useRegistryBase();
  const [dataset, setDataset] = useState("");
  // "" follows the newest version, so a run after a save evaluates what was just saved.
  const [picked, setWhich] = useState("");
  const which = picked || `v:${current}`;
  const [edited, setTargets] = useState<TargetDraft[] | null>(null);
  const targets: TargetDraft[] = edited ??
    lastRun?.targets.map((t) => ({ provider: t.provider, model: t.model })) ?? [
      { provider: "openai", model: "" },
    ];
  const [repeat, setRepeat] = useState(1);
  const [concurrency, setConcurrency] = useState(4);
  const list = datasets.data ?? [];
  const chosen = dataset || list[0]?.id || "";
  const named = (labels.data?.items ?? []).filter((l) => !l.computed && l.version !== null);
  const fields = fieldMessages(start.error);
  return (
    <form
      data-testid="run-launcher"
      onSubmit={(e) => {
        e.preventDefault();
        const [kind, v] = [which.slice(0, 2), which.slice(2)];
        const body: RunRequest = {
          ...(kind === "l:" ? { label: v } : { version: Number(v) }),
          dataset_id: chosen,
          targets: targets.map((t) => ({ provider: t.provider, model: t.model.trim() })),
          repeat,
          concurrency,
        };
        start.mutate(body, { onSuccess: (run) => navigate(runHref(slug, run.id)) });
      }}
    >
      <h3>Run an evaluation</h3>
      {undeclared.length > 0 && (
        <Notice kind="warning">
          <p data-testid="undeclared-variables">
            The prompt uses {undeclared.map((n) => `{{${n}}}`).join(", ")} without declaring{" "}
            {undeclared.length === 1 ? "it" : "them"}. A run fills only declared variables, so{" "}
            {undeclared.length === 1 ? "it would stay" : "they would stay"} empty: add{" "}
            {undeclared.length === 1 ? "it" : "them"} under “Variables” in the editor and save first.
          </p>
        </Notice>
      )}
      {datasets.data && list.length === 0 ? (
        <p className="small">
          No datasets in this project yet. <Link to={datasetsHref(slug)}>Create one</Link> and import a CSV
          first.
        </p>
      ) : (
        <p className="small muted">
          <Link to={datasetsHref(slug)}>Manage datasets</Link>
        </p>
      )}
      <div className="inline-fields">
        <Field label="Dataset" error={fields.dataset_id}>
          {(p) => (
            <select {...p} required value={chosen} onChange={(e) => setDataset(e.target.value)}>
              {list.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({d.item_count})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Version or label">
          {(p) => (
            <select {...p} value={which} onChange={(e) => setWhich(e.target.value)}>
              {[...versions]
                .sort((a, b) => b - a)
                .map((v) => (
                  <option key={v} value={`v:${v}`}>
                    Version {v}
                    {v === current ? " (latest)" : ""}
                  </option>
                ))}
              {named.map((l) => (
                <option key={l.label} value={`l:${l.label}`}>
                  Label {l.label} (version {l.version})
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset>
        <legend>Models</legend>
        {targets.map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: targets have no identity beyond their place
          <div className="inline-fields" key={i}>
            <SelectField
              label={`Model ${i + 1} provider`}
              options={PROVIDERS}
              labelOf={(v) => (v === "openai" ? "OpenAI-compatible" : "Gemini")}
              value={t.provider}
              onValue={(v) => setTargets(patchAt(targets, i, { provider: v }))}
            />
            <TextField
              label={`Model ${i + 1} name`}
              required
              placeholder={t.provider === "openai" ? "gpt-4o-mini" : "gemini-2.0-flash"}
              value={t.model}
              onValue={(v) => setTargets(patchAt(targets, i, { model: v }))}
            />
            {targets.length > 1 && (
              <div className="field">
                <SmallButton onClick={() => setTargets(removeAt(targets, i))}>
                  Remove model {i + 1}
                </SmallButton>
              </div>
            )}
          </div>
        ))}
        {targets.length < MAX_TARGETS && (
          <SmallButton onClick={() => setTargets([...targets, { provider: "openai", model: "" }])}>
            Add model
          </SmallButton>
        )}
        {fields.targets && <div className="field-error">{fields.targets}</div>}
      </fieldset>
      <div className="inline-fields">
        <NumberField
          label="Repeat"
          hint="Run each item 1–5 times to see how stable it is."
          error={fields.repeat}
          min={1}
          max={5}
          value={repeat}
          onValue={setRepeat}
        />
        <NumberField
          label="Concurrency"
          hint="Calls at the same time."
          error={fields.concurrency}
          min={1}
          max={32}
          value={concurrency}
          onValue={setConcurrency}
        />
      </div>
      {Object.keys(fields).length === 0 && <ErrorNote error={start.error} />}
      <SubmitButton busy={start.isPending} busyLabel="Starting…" disabled={chosen === ""}>
        Start run
      </SubmitButton>
    </form>
  );
}

// ---- runs and trend

function RunList({ runs }: { runs: EvaluationRun[] }) {
  const { slug } = useRegistryBase();
  const datasets = useDatasets();
  const [picked, setPicked] = useState<string[]>([]);
  const nameOf = (id: string) => datasets.data?.find((d) => d.id === id)?.name ?? "(deleted dataset)";
  if (runs.length === 0) return <p className="muted">No runs yet.</p>;
  const pair = runs.filter((r) => picked.includes(r.id));
  // The older run is the base, the newer the head: "what changed since".
  const ordered = [...pair].sort((a, b) => a.created_at.localeCompare(b.created_at));
  return (
    <>
      <div className="row">
        <button
          type="button"
          className="btn"
          disabled={ordered.length !== 2}
          onClick={() => {
            const [a, b] = ordered;
            if (a && b) navigate(compareHref(slug, a.id, b.id));
          }}
        >
          Compare the two chosen runs
        </button>
        <span className="muted small">{picked.length === 2 ? "" : "Choose two runs to compare."}</span>
      </div>
      <StackTable
        columns={[
          { hidden: "Choose" },
          "Started",
          "Version",
          "Dataset",
          "Status",
          "Pass rate",
          { hidden: "Open" },
        ]}
        testId="runs"
      >
        {runs.map((r) => (
          <tr key={r.id} data-run={r.id} data-status={r.status}>
            <td>
              <input
                type="checkbox"
                aria-label={`Choose the run of ${formatDate(r.created_at)} on version ${r.version}`}
                checked={picked.includes(r.id)}
                onChange={(e) =>
                  setPicked(e.target.checked ? [...picked, r.id].slice(-2) : picked.filter((x) => x !== r.id))
                }
              />
            </td>
            <td data-label="Started">{formatDate(r.created_at)}</td>
            <td data-label="Version">
              v{r.version}
              {r.label ? ` (${r.label})` : ""}
            </td>
            <td data-label="Dataset">{nameOf(r.dataset_id)}</td>
            <td data-label="Status">
              <RunStatusBadge status={r.status} />
              {r.status === "running" || r.status === "queued" ? (
                <span className="small muted">
                  {" "}
                  {r.progress.done}/{r.progress.total}
                </span>
              ) : null}
            </td>
            <td data-label="Pass rate" data-testid="run-pass-rate">
              {(r.summary ?? []).map((s) => (
                <div key={s.target_index} className="small">
                  {s.model}: <strong>{pct(s.pass_rate)}</strong>
                </div>
              ))}
            </td>
            <td>
              <Link to={runHref(slug, r.id)} className="btn small">
                Open<span className="visually-hidden"> the run of {formatDate(r.created_at)}</span>
              </Link>
            </td>
          </tr>
        ))}
      </StackTable>
    </>
  );
}

function PassRateTrend({ runs }: { runs: EvaluationRun[] }) {
  const datasets = useDatasets();
  const completed = runs.filter((r) => r.status === "completed");
  const datasetIds = [...new Set(completed.map((r) => r.dataset_id))];
  const [dataset, setDataset] = useState("");
  const ds = datasetIds.includes(dataset) ? dataset : (datasetIds[0] ?? "");
  const targetKeys = useMemo(
    () => [
      ...new Set(
        completed
          .filter((r) => r.dataset_id === ds)
          .flatMap((r) => (r.summary ?? []).map((s) => targetKey(s))),
      ),
    ],
    [completed, ds],
  );
  const [target, setTarget] = useState("");
  const tk = targetKeys.includes(target) ? target : (targetKeys[0] ?? "");
  const points = passRatePoints(runs, ds, tk);
  if (completed.length === 0) return <p className="muted">No completed runs to chart yet.</p>;
  const nameOf = (id: string) => datasets.data?.find((d) => d.id === id)?.name ?? "(deleted dataset)";
  return (
    <>
      <div className="inline-fields">
        <SelectField
          label="Trend dataset"
          options={datasetIds}
          labelOf={nameOf}
          value={ds}
          onValue={setDataset}
        />
        <SelectField label="Trend model" options={targetKeys} value={tk} onValue={setTarget} />
      </div>
      <VersionLineChart
        title="Pass rate by version"
        column="Pass rate"
        testId="pass-rate-chart"
        points={points}
        tickText={(t) => `${t} %`}
      />
    </>
  );
}
