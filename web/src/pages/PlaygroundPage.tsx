// The playground of one prompt: fill its typed variables, pick one to four targets, run them side by
// side and watch each output stream in (server-sent events from POST …/playground), with tokens, latency
// and cost per target; then save the input with one target's output as an item of a dataset.
import { useEffect, useRef, useState } from "react";
import { Card, ErrorNote, Loading, Notice, PageHead, SmallButton } from "../components/ui";
import { useAddItems, useDatasets } from "../lib/eval-queries";
import { postStream, readEvents } from "../lib/playground-stream";
import { useProjectScope, usePrompt } from "../lib/queries";
import type { RegistryFields, VariableSpec } from "../lib/registry-types";
import { Link, usePageTitle } from "../lib/router";
import { patchAt, removeAt } from "../lib/variables";

interface TargetDraft {
  provider: "openai" | "gemini";
  model: string;
  temperature: string;
}

interface TargetOutput {
  text: string;
  status: "idle" | "streaming" | "ok" | "error";
  input_tokens?: number | null;
  output_tokens?: number | null;
  latency_ms?: number;
  cost_usd?: number | null;
  truncated?: boolean;
  error?: { type: string; message: string } | null;
}

const MAX_TARGETS = 4;

/** A typed value from the form's text: numbers, booleans and JSON parsed, the rest as typed. */
function typedValue(spec: VariableSpec, raw: string): unknown {
  if (raw === "") return undefined;
  if (spec.type === "number") return Number(raw);
  if (spec.type === "boolean") return raw === "true";
  if (spec.type === "json") {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return raw;
}

function SaveAsItem({ variables, output }: { variables: Record<string, unknown>; output: string }) {
  const datasets = useDatasets();
  const [chosen, setChosen] = useState("");
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const list = datasets.data ?? [];
  const target = chosen || list[0]?.id || "";
  const add = useAddItems(target);
  const save = async () => {
    setError(null);
    setSaved(null);
    try {
      await add.mutateAsync({ variables, expected: output });
      setSaved(list.find((d) => d.id === target)?.name ?? "the dataset");
    } catch (e) {
      setError(e);
    }
  };
  if (datasets.isError) return <ErrorNote error={datasets.error} />;
  if (!list.length) return <p className="muted">No dataset yet to save this into.</p>;
  return (
    <div className="row" data-testid="save-item">
      <select aria-label="Dataset" value={target} onChange={(e) => setChosen(e.target.value)}>
        {list.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
      <SmallButton onClick={() => void save()}>Save as dataset item</SmallButton>
      {saved && <span role="status">Saved to {saved}.</span>}
      <ErrorNote error={error} />
    </div>
  );
}

export default function PlaygroundPage({ id }: { id: string }) {
  const prompt = usePrompt(id);
  const scope = useProjectScope();
  const project = scope.project?.slug ?? scope.slug;
  usePageTitle(prompt.data ? `Playground · ${prompt.data.title}` : "Playground");
  const specs = ((prompt.data as unknown as RegistryFields | undefined)?.variables ?? []) as VariableSpec[];
  const [raw, setRaw] = useState<Record<string, string>>({});
  const [targets, setTargets] = useState<TargetDraft[]>([
    { provider: "openai", model: "gpt-4o-mini", temperature: "" },
  ]);
  const [outputs, setOutputs] = useState<TargetOutput[]>([]);
  const [sentVariables, setSentVariables] = useState<Record<string, unknown>>({});
  const [error, setError] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  const abort = useRef<AbortController | null>(null);
  // Leaving the page stops the calls in flight.
  useEffect(() => () => abort.current?.abort(), []);

  if (prompt.isPending) return <Loading what="Loading the prompt" />;
  if (prompt.isError) return <ErrorNote error={prompt.error} />;
  if (!project) return <Notice kind="info">Choose a project to use the playground.</Notice>;

  const variables = Object.fromEntries(
    specs.map((s) => [s.name, typedValue(s, raw[s.name] ?? "")]).filter(([, v]) => v !== undefined),
  );

  const run = async () => {
    setError(null);
    setRunning(true);
    const controller = new AbortController();
    abort.current = controller;
    setSentVariables(variables);
    setOutputs(targets.map(() => ({ text: "", status: "streaming" })));
    try {
      const res = await postStream(
        `/projects/${encodeURIComponent(project)}/playground`,
        {
          prompt_id: id,
          variables,
          targets: targets.map((t) => ({
            provider: t.provider,
            model: t.model.trim(),
            ...(t.temperature !== "" ? { params: { temperature: Number(t.temperature) } } : {}),
          })),
        },
        controller.signal,
      );
      await readEvents(res, (event, data) => {
        const i = data.target as number;
        if (event === "delta")
          setOutputs((o) => o.map((x, j) => (j === i ? { ...x, text: x.text + String(data.text) } : x)));
        if (event === "result")
          setOutputs((o) =>
            o.map((x, j) =>
              j === i ? { ...(data as unknown as TargetOutput), text: String(data.output) } : x,
            ),
          );
      });
    } catch (e) {
      if ((e as Error).name !== "AbortError") setError(e);
    } finally {
      setRunning(false);
    }
  };

  const setTarget = (i: number, patch: Partial<TargetDraft>) => setTargets((ts) => patchAt(ts, i, patch));

  return (
    <>
      <PageHead title="Playground">
        <p className="muted">
          <Link to={`/prompts/${encodeURIComponent(id)}`}>{prompt.data.title}</Link> · version{" "}
          {prompt.data.version}
        </p>
      </PageHead>
      <Card title="Variables">
        {specs.length === 0 && <p className="muted">This version declares no variables.</p>}
        {specs.map((s) => (
          <div key={s.name} className="field">
            <label htmlFor={`pg-var-${s.name}`}>
              {s.name}{" "}
              <span className="muted">
                ({s.type}
                {s.required ? ", required" : ""})
              </span>
            </label>
            {s.type === "enum" ? (
              <select
                id={`pg-var-${s.name}`}
                value={raw[s.name] ?? ""}
                onChange={(e) => setRaw({ ...raw, [s.name]: e.target.value })}
                aria-label={s.name}
              >
                <option value="">—</option>
                {(s.enum_values ?? []).map((v) => (
                  <option key={v}>{v}</option>
                ))}
              </select>
            ) : (
              <textarea
                id={`pg-var-${s.name}`}
                rows={s.type === "json" ? 4 : 2}
                value={raw[s.name] ?? ""}
                onChange={(e) => setRaw({ ...raw, [s.name]: e.target.value })}
              />
            )}
          </div>
        ))}
      </Card>
      <Card title="Targets">
        {targets.map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: targets are positional
          <div className="row" key={i} data-testid="target-row">
            <select
              aria-label={`Provider ${i + 1}`}
              value={t.provider}
              onChange={(e) => setTarget(i, { provider: e.target.value as TargetDraft["provider"] })}
            >
              <option value="openai">OpenAI-compatible</option>
              <option value="gemini">Gemini</option>
            </select>
            <input
              aria-label={`Model ${i + 1}`}
              value={t.model}
              onChange={(e) => setTarget(i, { model: e.target.value })}
            />
            <input
              aria-label={`Temperature ${i + 1}`}
              placeholder="temperature"
              inputMode="decimal"
              value={t.temperature}
              onChange={(e) => setTarget(i, { temperature: e.target.value })}
            />
            {targets.length > 1 && (
              <SmallButton onClick={() => setTargets((ts) => removeAt(ts, i))}>Remove</SmallButton>
            )}
          </div>
        ))}
        <div className="row">
          {targets.length < MAX_TARGETS && (
            <button
              type="button"
              className="btn"
              onClick={() => setTargets((ts) => [...ts, { ...(ts[ts.length - 1] as TargetDraft) }])}
            >
              Add target
            </button>
          )}
          <button type="button" className="btn primary" disabled={running} onClick={() => void run()}>
            {running ? "Running…" : "Run"}
          </button>
          {running && (
            <button type="button" className="btn" onClick={() => abort.current?.abort()}>
              Stop
            </button>
          )}
        </div>
        <ErrorNote error={error} />
      </Card>
      {outputs.length > 0 && (
        <div
          className="playground-outputs"
          style={{
            display: "grid",
            gap: "1rem",
            gridTemplateColumns: `repeat(${outputs.length}, minmax(0, 1fr))`,
          }}
        >
          {outputs.map((o, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: outputs follow the targets' positions
            <section className="card" key={i} data-testid="target-output" aria-label={`Output ${i + 1}`}>
              <h3>
                {targets[i]?.provider} · {targets[i]?.model}
              </h3>
              <pre style={{ whiteSpace: "pre-wrap" }} data-testid="output-text">
                {o.text}
              </pre>
              {o.status === "error" && o.error && (
                <Notice kind="error">
                  {o.error.type}: {o.error.message}
                </Notice>
              )}
              {o.status === "ok" && (
                <>
                  <p className="muted" data-testid="output-stats">
                    {o.input_tokens ?? "?"} in / {o.output_tokens ?? "?"} out tokens · {o.latency_ms} ms ·{" "}
                    {o.cost_usd === null || o.cost_usd === undefined
                      ? "no price"
                      : `$${o.cost_usd.toFixed(6)}`}
                    {o.truncated ? " · cut at the output cap" : ""}
                  </p>
                  <SaveAsItem variables={sentVariables} output={o.text} />
                </>
              )}
            </section>
          ))}
        </div>
      )}
    </>
  );
}
