// The home page: write or paste a prompt and see, as you type, its scores, what is weak and exactly
// where (highlighted in the text), the best-practice checklist and advice for the chosen model. Runs
// entirely in the browser; signing in adds saving it as a prompt.
import { useRef } from "react";
import { Advice, Checklist, Counts, FindingsList, HighlightEditor, ScorePanel } from "../components/analysis";
import { TargetModelSelect } from "../components/choice-select";
import { Card, ErrorNote, SmallButton, TextField } from "../components/ui";
import { useAuth } from "../lib/auth";
import { useDraft } from "../lib/drafts";
import { canWrite } from "../lib/project";
import { useCreatePrompt, useProjectScope } from "../lib/queries";
import { Link, navigate, usePageTitle } from "../lib/router";
import type { TargetLlm } from "../lib/types";
import { useLiveAnalysis } from "../lib/useAnalysis";

export interface AnalyserDraft {
  text: string;
  target: TargetLlm;
  title: string;
}

export const ANALYSER_DRAFT = "analyser";
export const EMPTY_ANALYSER: AnalyserDraft = { text: "", target: "generic", title: "" };

const EXAMPLE =
  "Write something about our product for social media. Make it good and include some stuff about the features. Keep it short but detailed.";

export function TargetSelect({ value, onChange }: { value: TargetLlm; onChange: (t: TargetLlm) => void }) {
  return (
    <TargetModelSelect
      hint="Advice and checks follow this model's preferred prompt style."
      value={value}
      onChange={(t) => onChange(t as TargetLlm)}
    />
  );
}

export function AnalyserPage() {
  usePageTitle("Analyse a prompt");
  const auth = useAuth();
  const [draft, setDraft] = useDraft<AnalyserDraft>(ANALYSER_DRAFT, EMPTY_ANALYSER);
  const live = useLiveAnalysis(draft.text, draft.target);
  const current = live.text === draft.text && live.target === draft.target;
  const result = live.result;
  // Nothing (or only blank space) to analyse: no score, findings or checklist, rather than the
  // engine's verdict on an empty prompt — also while the analysis of the first words catches up, and
  // while the engine itself is still loading.
  const empty = draft.text.trim() === "" || live.text.trim() === "" || result === null;
  const taRef = useRef<HTMLTextAreaElement>(null);
  const create = useCreatePrompt();
  const scope = useProjectScope();

  const show = (start: number, end: number) => {
    const ta = taRef.current;
    if (!ta) return;
    ta.focus();
    ta.setSelectionRange(start, end);
  };

  const save = () => {
    const title = draft.title.trim() || firstLine(draft.text);
    create.mutate(
      { title, content: draft.text, target_llm: draft.target },
      { onSuccess: (p) => navigate(`/prompts/${p.id}`) },
    );
  };

  return (
    <>
      <div className="page-head">
        <h1>Analyse a prompt</h1>
        <p>Scores and findings update as you type. Nothing leaves your browser until you save.</p>
      </div>
      <div className="grid-2">
        <div>
          <section className="card" aria-labelledby="editor-heading">
            <div className="row" style={{ justifyContent: "space-between" }}>
              <h2 id="editor-heading">Your prompt</h2>
              {draft.text === "" && (
                <SmallButton onClick={() => setDraft((d) => ({ ...d, text: EXAMPLE }))}>
                  Try an example
                </SmallButton>
              )}
            </div>
            <HighlightEditor
              label="Prompt text"
              value={draft.text}
              onChange={(text) => setDraft((d) => ({ ...d, text }))}
              findings={current && result ? result.findings : null}
              textareaRef={taRef}
              placeholder="Paste or write a prompt, e.g. “Summarise this report for our board in five bullet points…”"
            />
            {result ? <Counts result={result} empty={empty} /> : <Counts empty />}
            <div className="row" style={{ marginTop: "0.75rem" }}>
              <Link to="/enhance" className="btn primary">
                Enhance this prompt
              </Link>
            </div>
          </section>
          <Card
            title={
              <>Findings {!empty && result && <span className="badge">{result.findings.length}</span>}</>
            }
          >
            {empty || !result ? (
              <p className="muted">What to improve, and where, shows here once you write a prompt.</p>
            ) : (
              <FindingsList findings={result.findings} text={live.text} onShow={show} />
            )}
          </Card>
          <Card title="Save">
            {auth.status === "signed-in" && !canWrite(scope.role) ? (
              <p className="muted">
                {scope.role
                  ? `Your role in ${scope.project?.name ?? scope.slug} (${scope.role}) does not save prompts. Switch to another project to save this one.`
                  : "Loading the project…"}
              </p>
            ) : auth.status === "signed-in" ? (
              <>
                <TextField
                  label="Title"
                  hint="Leave empty to use the prompt's first line."
                  maxLength={200}
                  value={draft.title}
                  onValue={(text) => setDraft((d) => ({ ...d, title: text }))}
                />
                <ErrorNote error={create.error} />
                <button
                  type="button"
                  className="btn primary"
                  disabled={create.isPending || draft.text.trim() === ""}
                  onClick={save}
                >
                  {create.isPending ? "Saving…" : "Save as a new prompt"}
                </button>
              </>
            ) : (
              <p>
                <Link to="/signin?next=%2F">Sign in</Link> or{" "}
                <Link to="/signup?next=%2F">create an account</Link> to save prompts and keep their versions.
                Your text stays here meanwhile.
              </p>
            )}
          </Card>
        </div>
        <div>
          <Card title="Score">
            {empty || !result ? (
              <p className="muted" data-testid="no-score">
                Write or paste a prompt to see its score.
              </p>
            ) : (
              <ScorePanel scores={result.scores} />
            )}
          </Card>
          <Card title="Best-practice checklist">
            {empty || !result ? (
              <p className="muted">
                Fills in as you write: instruction, context, format, constraints, examples and more.
              </p>
            ) : (
              <Checklist entries={result.checklist} />
            )}
          </Card>
          <Card title="Model advice">
            <TargetSelect value={draft.target} onChange={(target) => setDraft((d) => ({ ...d, target }))} />
            {result && <Advice result={result} />}
          </Card>
        </div>
      </div>
    </>
  );
}

export function firstLine(text: string): string {
  const line = text.trim().split("\n")[0]?.trim() ?? "";
  const clipped = line.length > 80 ? `${line.slice(0, 77)}…` : line;
  return clipped || "Untitled prompt";
}
