// Enhance: rewrite a prompt with one strategy or all three, compare scores before and after, read the
// changes as a diff, fill in the `[fill in: …]` gaps only the author can, then keep a variant as a new
// version of the prompt (or a new prompt), open it in the analyser, or copy it.
import { useState } from "react";
import { ScorePanel } from "../components/analysis";
import { DiffView, FillInText } from "../components/text";
import {
  Card,
  CopyButton,
  ErrorNote,
  LoadFailure,
  Loading,
  Notice,
  SmallButton,
  SubmitButton,
  scoreWord,
} from "../components/ui";
import { useAuth } from "../lib/auth";
import { diffLines } from "../lib/diff";
import { saveDraft, useDraft } from "../lib/drafts";
import { type EnhanceOutcome, enhanceText, type StrategyChoice } from "../lib/enhance";
import { canWrite } from "../lib/project";
import { useCreatePrompt, usePatchPrompt, useProjectScope, usePrompt } from "../lib/queries";
import { Link, navigate, useLocation, usePageTitle } from "../lib/router";
import { countFillIns } from "../lib/segments";
import type { EnhanceVariant, Prompt, TargetLlm } from "../lib/types";
import { ANALYSER_DRAFT, type AnalyserDraft, EMPTY_ANALYSER, TargetSelect } from "./AnalyserPage";

const STRATEGY_TEXT: Record<StrategyChoice, { label: string; hint: string }> = {
  clarity: { label: "Clarity", hint: "Plain, unambiguous wording; one instruction per sentence." },
  specificity: { label: "Specificity", hint: "Concrete audience, format, length and success criteria." },
  comprehensive: {
    label: "Comprehensive",
    hint: "Full structure: role, task, context, constraints, format, examples.",
  },
  all: { label: "All three", hint: "One variant per strategy, side by side." },
};

const VIEWS = [
  ["text", "Enhanced text"],
  ["diff", "Changes (diff)"],
] as const;

export default function EnhancePage() {
  usePageTitle("Enhance a prompt");
  const auth = useAuth();
  const loc = useLocation();
  const promptId = loc.query.get("prompt");
  const [analyser, setAnalyser] = useDraft<AnalyserDraft>(ANALYSER_DRAFT, EMPTY_ANALYSER);
  const promptQuery = usePrompt(promptId);
  const prompt = promptQuery.data ?? null;
  const loadError = promptQuery.error;
  const [choice, setChoice] = useState<StrategyChoice>("all");
  const [outcome, setOutcome] = useState<EnhanceOutcome | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const text = promptId ? (prompt?.content ?? "") : analyser.text;
  const target = (promptId ? prompt?.target_llm : analyser.target) as TargetLlm | undefined;

  const run = async () => {
    setError(null);
    setRunning(true);
    try {
      setOutcome(await enhanceText(text, choice, target ?? "generic", auth.status === "signed-in"));
    } catch (e) {
      setError(e);
    } finally {
      setRunning(false);
    }
  };

  if (promptId && auth.status === "loading") return <Loading />;
  if (promptId && loadError) return <LoadFailure error={loadError} what="Prompt" />;
  if (promptId && !prompt && auth.status === "signed-in") return <Loading what="Loading the prompt" />;

  return (
    <>
      <div className="page-head">
        <h1>Enhance {prompt ? `“${prompt.title}”` : "a prompt"}</h1>
        <p>
          {prompt ? (
            <>
              Version {prompt.version} · <Link to={`/prompts/${prompt.id}`}>back to the prompt</Link>
            </>
          ) : (
            "Rewrites keep your intent and every {{variable}}, and mark what only you can fill in."
          )}
        </p>
      </div>
      <div className="grid-2">
        <Card title="Original">
          {promptId ? (
            <div className="text-block" data-testid="original-text">
              {text}
            </div>
          ) : (
            <>
              <label htmlFor="enhance-text">Prompt text</label>
              <textarea
                id="enhance-text"
                rows={8}
                value={analyser.text}
                onChange={(e) => setAnalyser((d) => ({ ...d, text: e.target.value }))}
              />
              <p className="hint">This is the same text as on the analyser page.</p>
              <TargetSelect
                value={analyser.target}
                onChange={(t) => setAnalyser((d) => ({ ...d, target: t }))}
              />
            </>
          )}
        </Card>
        <section className="card" aria-labelledby="strategy-heading">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void run();
            }}
          >
            <fieldset>
              <legend id="strategy-heading">Strategy</legend>
              {(Object.keys(STRATEGY_TEXT) as StrategyChoice[]).map((s) => (
                <label key={s} className="choice">
                  <input
                    type="radio"
                    name="strategy"
                    value={s}
                    checked={choice === s}
                    onChange={() => setChoice(s)}
                  />
                  <span>
                    <strong>{STRATEGY_TEXT[s].label}</strong>{" "}
                    <span className="muted small">— {STRATEGY_TEXT[s].hint}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            <ErrorNote error={error} />
            <SubmitButton busy={running} busyLabel="Enhancing…" disabled={text.trim() === ""}>
              Enhance
            </SubmitButton>
            {text.trim() === "" && <p className="hint">Write a prompt first.</p>}
          </form>
        </section>
      </div>
      {outcome && (
        <section aria-labelledby="results-heading" data-testid="enhance-results">
          <h2 id="results-heading">
            {outcome.variants.length === 1
              ? "Enhanced prompt"
              : `${outcome.variants.length} enhanced variants`}
          </h2>
          {outcome.note && <Notice kind="info">{outcome.note}</Notice>}
          {outcome.variants.map((v) => (
            <VariantCard
              key={v.strategy}
              original={text}
              variant={v}
              prompt={prompt}
              signedIn={auth.status === "signed-in"}
              onUseInAnalyser={() => {
                saveDraft<AnalyserDraft>(ANALYSER_DRAFT, { ...analyser, text: v.enhanced_text });
                setAnalyser((d) => ({ ...d, text: v.enhanced_text }));
                navigate("/");
              }}
            />
          ))}
        </section>
      )}
    </>
  );
}

function VariantCard({
  original,
  variant,
  prompt,
  signedIn,
  onUseInAnalyser,
}: {
  original: string;
  variant: EnhanceVariant;
  prompt: Prompt | null;
  signedIn: boolean;
  onUseInAnalyser: () => void;
}) {
  const [view, setView] = useState<"text" | "diff">("text");
  const patch = usePatchPrompt();
  const create = useCreatePrompt();
  // Readers of a shared project copy the text; saving it would be refused.
  const writer = canWrite(useProjectScope().role);
  const saving = patch.isPending || create.isPending;
  const error = patch.error ?? create.error;
  const label = STRATEGY_TEXT[variant.strategy]?.label ?? variant.strategy;
  const fills = countFillIns(variant.enhanced_text);
  const before = scoreWord(variant.before_score);
  const after = scoreWord(variant.after_score);
  const headingId = `variant-${variant.strategy}`;

  const accept = () => {
    const note = `Enhanced for ${label.toLowerCase()} (${Math.round(variant.before_score)} → ${Math.round(variant.after_score)})`;
    const open = (p: Prompt) => navigate(`/prompts/${p.id}`);
    if (prompt) {
      patch.mutate(
        {
          id: prompt.id,
          body: { content: variant.enhanced_text, change_note: note },
          baseVersion: prompt.version,
        },
        { onSuccess: open },
      );
    } else {
      create.mutate(
        {
          title: `Enhanced prompt (${label.toLowerCase()})`,
          content: variant.enhanced_text,
          target_llm: variant.analysis?.llm_advice?.target ?? "generic",
          change_note: note,
        },
        { onSuccess: open },
      );
    }
  };

  return (
    <article className="card" aria-labelledby={headingId} data-strategy={variant.strategy}>
      <h3 id={headingId}>{label}</h3>
      <p data-testid="before-after">
        Score <strong>{Math.round(variant.before_score)}</strong> ({before.word}) →{" "}
        <strong>{Math.round(variant.after_score)}</strong> ({after.word}){" "}
        <span className={`badge ${variant.improvement_percent > 0 ? "ok" : ""}`}>
          {variant.improvement_percent > 0 ? "+" : ""}
          {variant.improvement_percent}%
        </span>
      </p>
      {fills > 0 && (
        <Notice kind="warning">
          <p>
            <strong>
              {fills} gap{fills === 1 ? "" : "s"} to fill in.
            </strong>{" "}
            The highlighted <mark className="fill-in">[fill in: …]</mark> parts ask for facts only you know.
          </p>
        </Notice>
      )}
      <div className="tabs" role="tablist" aria-label={`${label}: view`}>
        {VIEWS.map(([v, text]) => (
          <SmallButton key={v} role="tab" aria-selected={view === v} onClick={() => setView(v)}>
            {text}
          </SmallButton>
        ))}
      </div>
      {view === "text" ? (
        <FillInText text={variant.enhanced_text} label={`${label} enhanced text`} />
      ) : (
        <DiffView lines={diffLines(original, variant.enhanced_text).lines} label={`Original → ${label}`} />
      )}
      {variant.changes.length > 0 && (
        <details>
          <summary>What changed ({variant.changes.length})</summary>
          <ul>
            {variant.changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </details>
      )}
      {variant.analysis && (
        <details>
          <summary>Scores after enhancing</summary>
          <ScorePanel scores={variant.analysis.scores} heading={`${label} scores`} />
        </details>
      )}
      <ErrorNote error={error} />
      <div className="row" style={{ marginTop: "0.75rem" }}>
        {signedIn && writer && (
          <button type="button" className="btn primary" onClick={accept} disabled={saving}>
            {saving ? "Saving…" : prompt ? `Save as version ${prompt.version + 1}` : "Save as a new prompt"}
          </button>
        )}
        <CopyButton text={variant.enhanced_text} label="Copy text" />
        <button type="button" className="btn" onClick={onUseInAnalyser}>
          Open in analyser
        </button>
      </div>
    </article>
  );
}
