// Measures the offline engine on the labelled corpus: per-kind precision and recall of the findings
// that move scores (hints are counted apart), how often a prompt with a task is told it has none, and
// how often the better prompt of a pair scores strictly higher — overall and per tag.
import { analyze } from "../engine/analyze.js";
import { FINDING_KINDS, type FindingKind } from "../engine/types.js";
import type { CorpusPair, LabelledPrompt } from "./corpus.js";

export interface KindFigures {
  kind: FindingKind;
  /** True when the engine reports this kind only as a hint (it moves no score). */
  hint: boolean;
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
  /** The same counts with hints included: what the kind would score if it were promoted. */
  withHints: { tp: number; fp: number; fn: number };
}

export interface PromptFigures {
  prompts: number;
  withTask: number;
  noTaskOnTask: number;
  kinds: KindFigures[];
  microPrecision: number | null;
  microRecall: number | null;
  errors: Array<{ id: string; missed: FindingKind[]; extra: FindingKind[] }>;
}

export interface PairFigures {
  pairs: number;
  correct: number;
  ties: number;
  byTag: Record<string, { pairs: number; correct: number }>;
  wrong: Array<{ id: string; better: number; worse: number }>;
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

export function evaluatePrompts(prompts: LabelledPrompt[]): PromptFigures {
  const stats = new Map<FindingKind, KindFigures>(
    FINDING_KINDS.map((k) => [
      k,
      {
        kind: k,
        hint: true,
        tp: 0,
        fp: 0,
        fn: 0,
        precision: null,
        recall: null,
        withHints: { tp: 0, fp: 0, fn: 0 },
      },
    ]),
  );
  const errors: PromptFigures["errors"] = [];
  let withTask = 0;
  let noTaskOnTask = 0;
  for (const p of prompts) {
    const result = analyze(p.text);
    const scored = new Set<FindingKind>();
    const any = new Set<FindingKind>(result.findings.map((f) => f.kind));
    for (const f of result.findings) {
      if (f.severity === "hint") continue;
      scored.add(f.kind);
      stats.get(f.kind)!.hint = false;
    }
    const expected = new Set(p.findings);
    if (p.has_task) {
      withTask++;
      if (result.findings.some((f) => f.kind === "no_task")) noTaskOnTask++;
    }
    const missed: FindingKind[] = [];
    const extra: FindingKind[] = [];
    for (const k of FINDING_KINDS) {
      const s = stats.get(k)!;
      if (any.has(k) && expected.has(k)) s.withHints.tp++;
      else if (any.has(k)) s.withHints.fp++;
      else if (expected.has(k)) s.withHints.fn++;
      if (scored.has(k) && expected.has(k)) s.tp++;
      else if (scored.has(k)) {
        s.fp++;
        extra.push(k);
      } else if (expected.has(k)) {
        s.fn++;
        missed.push(k);
      }
    }
    if (missed.length || extra.length) errors.push({ id: p.id, missed, extra });
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const s of stats.values()) {
    s.precision = ratio(s.tp, s.tp + s.fp);
    s.recall = ratio(s.tp, s.tp + s.fn);
    tp += s.tp;
    fp += s.fp;
    fn += s.fn;
  }
  return {
    prompts: prompts.length,
    withTask,
    noTaskOnTask,
    kinds: [...stats.values()],
    microPrecision: ratio(tp, tp + fp),
    microRecall: ratio(tp, tp + fn),
    errors,
  };
}

export function evaluatePairs(pairs: CorpusPair[]): PairFigures {
  const out: PairFigures = { pairs: pairs.length, correct: 0, ties: 0, byTag: {}, wrong: [] };
  for (const p of pairs) {
    const b = analyze(p.better).scores.overall;
    const w = analyze(p.worse).scores.overall;
    const ok = b > w;
    if (ok) out.correct++;
    else out.wrong.push({ id: p.id, better: b, worse: w });
    if (b === w) out.ties++;
    const tags = p.tags.flatMap((t) => (t.startsWith("technique:") ? [t, "technique:any"] : [t]));
    for (const tag of tags) {
      const t = out.byTag[tag] ?? { pairs: 0, correct: 0 };
      out.byTag[tag] = t;
      t.pairs++;
      if (ok) t.correct++;
    }
  }
  return out;
}

const pct = (x: number | null): string => (x === null ? "   n/a" : `${(100 * x).toFixed(1)}%`.padStart(6));

export function formatPromptFigures(title: string, f: PromptFigures): string {
  const lines = [
    `${title}: ${f.prompts} prompts; no_task on ${f.noTaskOnTask}/${f.withTask} prompts that have a task (${pct(ratio(f.noTaskOnTask, f.withTask)).trim()})`,
    "  kind                                             tp  fp  fn  precision  recall   (with hints: precision recall)",
  ];
  for (const k of f.kinds) {
    if (k.tp + k.fp + k.fn + k.withHints.tp + k.withHints.fp + k.withHints.fn === 0) continue;
    const name = `${k.kind}${k.hint ? " (hint)" : ""}`;
    const h = k.withHints;
    lines.push(
      `  ${name.padEnd(48)} ${String(k.tp).padStart(3)} ${String(k.fp).padStart(3)} ${String(k.fn).padStart(3)}  ${pct(k.precision).padStart(9)}  ${pct(k.recall)}   (${pct(ratio(h.tp, h.tp + h.fp))} ${pct(ratio(h.tp, h.tp + h.fn))})`,
    );
  }
  lines.push(`  micro (scored kinds): precision ${pct(f.microPrecision)}, recall ${pct(f.microRecall)}`);
  return lines.join("\n");
}

export function formatPairFigures(title: string, f: PairFigures): string {
  const lines = [
    `${title}: better scores strictly higher in ${f.correct}/${f.pairs} (${pct(ratio(f.correct, f.pairs)).trim()}), ties ${f.ties}`,
  ];
  for (const [tag, t] of Object.entries(f.byTag).sort())
    lines.push(`  ${tag.padEnd(34)} ${t.correct}/${t.pairs} ${pct(ratio(t.correct, t.pairs))}`);
  return lines.join("\n");
}
