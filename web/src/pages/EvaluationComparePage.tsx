// Two runs of a prompt side by side: the summary per model (pass rate before and after), then every
// item whose verdict changed — regressions first, then fixes, then the items failing in both — each
// opening to both outputs and their assertions' reasons. The older run is the base.
import { Fragment, useState } from "react";
import { ResultDetails } from "../components/eval-results";
import { pct } from "../components/eval-ui";
import { useOpenRow } from "../components/lists";
import { pageGate } from "../components/page-gate";
import { Card, PageHead, SmallButton, StackTable } from "../components/ui";
import { useAuth } from "../lib/auth";
import { runHref } from "../lib/eval-links";
import { inputSummary } from "../lib/eval-logic";
import { useCompare, useRunWithResults } from "../lib/eval-queries";
import type {
  ComparedItem,
  EvaluationResult,
  EvaluationRun,
  ItemChange,
  TargetSummary,
} from "../lib/eval-types";
import { useProjectScope } from "../lib/queries";
import { Link, useLocation, usePageTitle } from "../lib/router";

const ORDER: ItemChange[] = ["regressed", "fixed", "still_failing", "new", "removed", "still_passing"];
/** Each change's badge tone; the badge's word is the change's name ("still_failing" reads "still failing"). */
const TONE: Record<ItemChange, string> = {
  regressed: "error",
  fixed: "ok",
  still_failing: "warning",
  still_passing: "",
  new: "info",
  removed: "info",
};

export default function EvaluationComparePage() {
  usePageTitle("Compare runs");
  const auth = useAuth();
  const query = useLocation().query;
  const baseId = query.get("base") ?? "";
  const headId = query.get("head") ?? "";
  const base = useRunWithResults(baseId);
  const head = useRunWithResults(headId);
  const compare = useCompare(base.data?.prompt_id, baseId, headId);
  const gate = pageGate(auth, "compare evaluation runs", "Comparison", {
    error: base.error ?? head.error ?? compare.error,
    data: base.data && head.data && compare.data,
  });
  if (gate || !base.data || !head.data || !compare.data) return gate;
  return (
    <CompareView
      base={base.data}
      head={head.data}
      items={compare.data.items}
      summary={compare.data.summary}
    />
  );
}

function resultsOf(run: EvaluationRun, item: string, target: number): EvaluationResult[] {
  return (run.results ?? [])
    .filter((r) => r.item_id === item && r.target_index === target)
    .sort((a, b) => a.repeat_index - b.repeat_index);
}

function CompareView({
  base,
  head,
  items,
  summary,
}: {
  base: EvaluationRun;
  head: EvaluationRun;
  items: ComparedItem[];
  summary: { base: TargetSummary[]; head: TargetSummary[] };
}) {
  const { project } = useProjectScope();
  const slug = project?.slug ?? "";
  const [showUnchanged, setShowUnchanged] = useState(false);
  const { open, toggle } = useOpenRow<string>();
  // Regressions first whatever order the server chose; otherwise its order is kept.
  const sorted = [...items].sort((a, b) => ORDER.indexOf(a.change) - ORDER.indexOf(b.change));
  const shown = showUnchanged ? sorted : sorted.filter((i) => i.change !== "still_passing");
  const count = (c: ItemChange) => items.filter((i) => i.change === c).length;
  const position = new Map<string, number>();
  for (const r of [...(base.results ?? []), ...(head.results ?? [])])
    if (!position.has(r.item_id)) position.set(r.item_id, position.size + 1);
  const variablesOf = (item: string) =>
    (head.results ?? []).find((r) => r.item_id === item)?.variables ??
    (base.results ?? []).find((r) => r.item_id === item)?.variables ??
    {};
  const modelOf = (t: number) => {
    const x = head.targets[t] ?? base.targets[t];
    return x ? `${x.provider}/${x.model}` : `target ${t + 1}`;
  };
  return (
    <>
      <PageHead
        title={
          <>
            Version {base.version} → version {head.version}
          </>
        }
      >
        <p className="small">
          <Link to={runHref(slug, base.id)}>Base run (v{base.version})</Link> ·{" "}
          <Link to={runHref(slug, head.id)}>Head run (v{head.version})</Link>
        </p>
      </PageHead>
      <Card title="Side by side">
        <StackTable
          columns={["Model", "Base pass rate", "Head pass rate", "Change"]}
          testId="compare-summary"
        >
          {summary.head.map((h) => {
            const b = summary.base.find((x) => x.target_index === h.target_index);
            const delta =
              b && b.pass_rate !== null && h.pass_rate !== null ? h.pass_rate - b.pass_rate : null;
            return (
              <tr key={h.target_index}>
                <td data-label="Model">
                  {h.provider}/{h.model}
                </td>
                <td data-label="Base pass rate">{pct(b?.pass_rate)}</td>
                <td data-label="Head pass rate">{pct(h.pass_rate)}</td>
                <td data-label="Change">
                  {delta === null ? "—" : `${delta > 0 ? "+" : ""}${Math.round(delta * 1000) / 10} points`}
                </td>
              </tr>
            );
          })}
        </StackTable>
        <p data-testid="change-counts">
          <strong>{count("regressed")}</strong> regressed · <strong>{count("fixed")}</strong> fixed ·{" "}
          <strong>{count("still_failing")}</strong> still failing · {count("still_passing")} still passing
          {count("new") > 0 && ` · ${count("new")} new`}
          {count("removed") > 0 && ` · ${count("removed")} removed`}
        </p>
      </Card>
      <Card title="Items">
        <label className="choice">
          <input
            type="checkbox"
            checked={showUnchanged}
            onChange={(e) => setShowUnchanged(e.target.checked)}
          />
          <span>Also show items passing in both</span>
        </label>
        {shown.length === 0 ? (
          <p className="muted">Nothing changed, and nothing fails.</p>
        ) : (
          <StackTable
            columns={["#", "Input", "Model", "Change", { hidden: "Details" }]}
            testId="compare-items"
          >
            {shown.map((it) => {
              const key = `${it.item_id}:${it.target_index}`;
              const n = position.get(it.item_id) ?? 0;
              return (
                <Fragment key={key}>
                  <tr data-change={it.change} data-item={it.item_id}>
                    <td data-label="#">{n}</td>
                    <td data-label="Input" className="cell-text">
                      {inputSummary(variablesOf(it.item_id))}
                    </td>
                    <td data-label="Model">{modelOf(it.target_index)}</td>
                    <td data-label="Change">
                      <span className={`badge ${TONE[it.change]}`} data-testid="change">
                        {it.change.replace("_", " ")}
                      </span>
                    </td>
                    <td>
                      <SmallButton aria-expanded={open === key} onClick={() => toggle(key)}>
                        {open === key ? "Hide" : "Show"}
                        <span className="visually-hidden"> item {n}</span>
                      </SmallButton>
                    </td>
                  </tr>
                  {open === key && (
                    <tr className="details-row">
                      <td colSpan={5}>
                        <div className="grid-halves">
                          <div>
                            <h3>Base (v{base.version})</h3>
                            {resultsOf(base, it.item_id, it.target_index).map((r) => (
                              <ResultDetails key={r.repeat_index} result={r} />
                            ))}
                          </div>
                          <div>
                            <h3>Head (v{head.version})</h3>
                            {resultsOf(head, it.item_id, it.target_index).map((r) => (
                              <ResultDetails key={r.repeat_index} result={r} />
                            ))}
                          </div>
                        </div>
                      </td>
                    </tr>
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
