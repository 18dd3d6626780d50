// The analyser's parts: the editor that highlights findings at their spans, the findings list, the
// score bars, the best-practice checklist, the target model's advice and the counts.
//
// The editor is a transparent <textarea> laid exactly over a "mirror" that draws the same text with
// <mark>s where findings are. The mirror is built from React text nodes (never innerHTML), so a prompt
// containing markup shows its characters and runs nothing. Pointer hover is hit-tested against the
// mirror's marks; for keyboard users the finding under the caret is announced next to the editor.
import { type RefObject, useId, useMemo, useRef, useState } from "react";
import { segmentText } from "../lib/segments";
import type { AnalysisResult, ChecklistEntry, Finding, Scores, Severity } from "../lib/types";
import { TARGET_LABELS } from "../lib/types";
import { ScoreBar, SmallButton, scoreWord } from "./ui";

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
export const SEVERITY_WORD: Record<Severity, string> = {
  error: "Error",
  warning: "Warning",
  info: "Tip",
  hint: "Hint",
};

/** A finding's severity in words, in the badge tone of that severity. */
function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge ${severity}`}>{SEVERITY_WORD[severity]}</span>;
}

/** Findings ordered by impact: errors first, then warnings, then tips; the engine's order within each. */
export function byImpact(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
}

function worst(findings: readonly Finding[], ids: readonly number[]): Severity {
  let best: Severity = "info";
  for (const id of ids) {
    const s = findings[id]?.severity ?? "info";
    if (SEVERITY_RANK[s] < SEVERITY_RANK[best]) best = s;
  }
  return best;
}

interface Tip {
  ids: number[];
  x: number;
  y: number;
}

export function HighlightEditor({
  value,
  onChange,
  findings,
  label,
  textareaRef,
  compact,
  describedBy,
  placeholder,
}: {
  value: string;
  onChange: (v: string) => void;
  /** Findings for exactly `value`, or null while the analysis is catching up (no marks are drawn). */
  findings: readonly Finding[] | null;
  label: string;
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
  compact?: boolean;
  describedBy?: string;
  placeholder?: string;
}) {
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const ref = textareaRef ?? ownRef;
  const mirrorRef = useRef<HTMLDivElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [tip, setTip] = useState<Tip | null>(null);
  const id = useId();
  const cursorId = `${id}-cursor`;

  const segments = useMemo(() => {
    if (!findings) return null;
    const spans = findings.flatMap((f, i) => f.spans.map((s) => ({ start: s.start, end: s.end, id: i })));
    return segmentText(value, spans);
  }, [value, findings]);

  const atCaret = useMemo(() => {
    if (!findings || caret === null) return [];
    return findings
      .map((f, i) => ({ f, i }))
      .filter(({ f }) => f.spans.some((s) => caret >= s.start && caret <= s.end && s.end > s.start));
  }, [findings, caret]);
  const activeIds = new Set(atCaret.map((x) => x.i));

  const updateCaret = () => {
    const ta = ref.current;
    if (ta) setCaret(ta.selectionStart);
  };

  const onMouseMove = (e: React.MouseEvent) => {
    const mirror = mirrorRef.current;
    const wrap = wrapRef.current;
    if (!mirror || !wrap) return;
    const marks = mirror.querySelectorAll<HTMLElement>("mark[data-findings]");
    for (const m of marks) {
      for (const r of m.getClientRects()) {
        if (e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom) {
          const ids = (m.dataset.findings ?? "").split(" ").map(Number);
          const box = wrap.getBoundingClientRect();
          const x = Math.min(Math.max(0, r.left - box.left), Math.max(0, box.width - 280));
          // The tooltip's bottom edge sits just above the line (CSS moves it up by its own height).
          const y = r.top - box.top - 6;
          if (!tip || tip.ids.join() !== ids.join() || tip.y !== y) setTip({ ids, x, y });
          return;
        }
      }
    }
    if (tip) setTip(null);
  };

  // A trailing newline needs a character after it, or the mirror would be one line shorter.
  const tail = value.endsWith("\n") || value === "" ? " " : "";

  return (
    <div>
      <div className={`editor${compact ? " compact" : ""}`} ref={wrapRef}>
        <div className="editor-mirror" ref={mirrorRef} aria-hidden="true" data-testid="highlight-mirror">
          {segments
            ? segments.map((s) =>
                s.ids.length === 0 ? (
                  <span key={s.start}>{s.text}</span>
                ) : (
                  <mark
                    key={s.start}
                    className={`sev-${worst(findings ?? [], s.ids)}${s.ids.some((i) => activeIds.has(i)) ? " active" : ""}`}
                    data-findings={s.ids.join(" ")}
                    data-rules={s.ids.map((i) => findings?.[i]?.rule ?? "").join(" ")}
                    data-start={s.start}
                    data-end={s.end}
                  >
                    {s.text}
                  </mark>
                ),
              )
            : value}
          {tail}
        </div>
        <textarea
          ref={ref}
          aria-label={label}
          aria-describedby={[cursorId, describedBy].filter(Boolean).join(" ")}
          value={value}
          spellCheck
          placeholder={placeholder}
          onChange={(e) => {
            onChange(e.target.value);
            setCaret(e.target.selectionStart);
          }}
          onSelect={updateCaret}
          onKeyUp={updateCaret}
          onClick={updateCaret}
          onMouseMove={onMouseMove}
          onMouseLeave={() => setTip(null)}
          onBlur={() => setTip(null)}
        />
        {tip && findings && (
          <div className="editor-tooltip" style={{ left: tip.x, top: tip.y }} data-testid="highlight-tooltip">
            {tip.ids.map((i) => {
              const f = findings[i];
              if (!f) return null;
              return (
                <div key={i}>
                  <SeverityBadge severity={f.severity} /> <strong>{f.message}</strong>
                  <p>{f.suggestion}</p>
                </div>
              );
            })}
          </div>
        )}
      </div>
      <div className="at-cursor" id={cursorId} aria-live="polite" data-testid="at-cursor">
        {atCaret.length > 0 ? (
          atCaret.map(({ f, i }) => (
            <p key={i}>
              <SeverityBadge severity={f.severity} /> <strong>{f.message}</strong> — {f.suggestion}
            </p>
          ))
        ) : (
          <p className="muted small">
            Move the cursor into highlighted text, or point at it, to see what is wrong there and how to fix
            it.
          </p>
        )}
      </div>
    </div>
  );
}

export function FindingsList({
  findings,
  text,
  onShow,
}: {
  findings: readonly Finding[];
  text: string;
  onShow?: (start: number, end: number) => void;
}) {
  const ordered = byImpact(findings);
  if (ordered.length === 0) {
    return <p className="muted">No problems found. Check the list below for anything still missing.</p>;
  }
  return (
    <ol className="findings" data-testid="findings">
      {ordered.map((f, n) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a rule can report twice; position in the ordered list tells them apart
        <li key={`${f.rule}-${n}`}>
          <div className="finding-head">
            <SeverityBadge severity={f.severity} />
            <span className="msg">{f.message}</span>
          </div>
          <p className="finding-suggestion">{f.suggestion}</p>
          {f.spans.length > 0 && onShow && (
            <div className="row">
              {f.spans.slice(0, 6).map((s) => (
                <SmallButton
                  key={`${s.start}-${s.end}`}
                  onClick={() => onShow(s.start, s.end)}
                  label={`Show “${text.slice(s.start, s.end)}” in the text`}
                >
                  “{clip(text.slice(s.start, s.end))}”
                </SmallButton>
              ))}
              {f.spans.length > 6 && <span className="muted small">and {f.spans.length - 6} more</span>}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > 32 ? `${one.slice(0, 30)}…` : one;
}

const DIMENSIONS: [keyof Scores, string][] = [
  ["clarity", "Clarity"],
  ["specificity", "Specificity"],
  ["structure", "Structure"],
  ["context", "Context"],
  ["best_practices", "Best practices"],
];

export function ScorePanel({ scores, heading = "Score" }: { scores: Scores; heading?: string }) {
  const { word } = scoreWord(scores.overall);
  return (
    <section aria-label={heading}>
      <div className="score-overall" data-testid="overall-score">
        <span className="num">{Math.round(scores.overall)}</span>
        <span>/ 100</span>
        <strong>{word}</strong>
      </div>
      <ScoreBar label="Overall" score={scores.overall} />
      <ul className="score-list">
        {DIMENSIONS.map(([key, label]) => (
          <li key={key}>
            <ScoreBar label={label} score={scores[key]} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Checklist({ entries }: { entries: readonly ChecklistEntry[] }) {
  return (
    <ul className="checklist">
      {entries.map((c) => (
        <li key={c.item}>
          <span
            aria-hidden="true"
            className={c.present ? "mark-yes" : c.applicable === false ? "muted" : "mark-no"}
          >
            {c.present ? "✓" : c.applicable === false ? "–" : "✗"}
          </span>
          <span>
            {c.label}{" "}
            <span className="muted small">
              — {c.present ? "present" : c.applicable === false ? "not needed here" : "missing"}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}

export function Advice({ result }: { result: AnalysisResult }) {
  const target = result.llm_advice.target;
  return (
    <>
      <p className="muted small">Advice for {TARGET_LABELS[target] ?? target}:</p>
      {result.llm_advice.tips.length > 0 ? (
        <ul className="tips">
          {result.llm_advice.tips.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">No model-specific advice.</p>
      )}
    </>
  );
}

/** "1 word", "2 words": the number in bold, the noun agreeing with it. */
function Count({ n, noun, prefix = "" }: { n: number; noun: string; prefix?: string }) {
  return (
    <span>
      {prefix}
      <strong>{n}</strong> {n === 1 ? noun : `${noun}s`}
    </span>
  );
}

/** The line under the editor; an empty text (or blank space) has nothing to score, so shows no score. */
export function Counts({ result, empty = false }: { result?: AnalysisResult; empty?: boolean }) {
  if (empty || !result) {
    return (
      <div className="editor-meta" data-testid="counts">
        <span>No text yet</span>
      </div>
    );
  }
  const s = result.stats;
  const { word } = scoreWord(result.scores.overall);
  return (
    <div className="editor-meta" data-testid="counts">
      <span>
        Score <strong>{Math.round(result.scores.overall)}</strong>/100 · {word}
      </span>
      <Count n={s.words} noun="word" />
      <Count n={s.estimated_tokens} noun="token" prefix="≈" />
      <Count n={s.characters} noun="character" />
      <Count n={s.sentences} noun="sentence" />
      <span>reading level {s.reading_level}</span>
    </div>
  );
}
