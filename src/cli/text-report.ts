// Human-readable output of the CLI: positions as line:column, scores, findings and suggestions.
import type { AnalysisResult, EnhanceVariant, Span } from "../features/analysis/engine/types.js";

export interface Position {
  line: number;
  column: number;
}

/** 1-based line and column (UTF-16 code units, like the spans) of each offset. */
export function positionsIn(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
  };
}

/** "file:line:col" (compiler style) when a file is named, else "line:col"; "-" without a span. */
function where(pos: (o: number) => Position, spans: Span[], file?: string): string {
  const first = spans[0];
  const p = first ? pos(first.start) : undefined;
  if (file) return p ? `${file}:${p.line}:${p.column}` : file;
  return p ? `${p.line}:${p.column}` : "-";
}

export function renderAnalysis(result: AnalysisResult, text: string, file?: string): string {
  const s = result.scores;
  const pos = positionsIn(text);
  const lines = [
    `${file ? `${file}: ` : ""}score ${s.overall}/100 (clarity ${s.clarity}, specificity ${s.specificity}, ` +
      `structure ${s.structure}, context ${s.context}, best practices ${s.best_practices})`,
  ];
  if (result.fallback_reason)
    lines.push(`  offline engine answered: the LLM provider failed (${result.fallback_reason})`);
  for (const f of result.findings) {
    lines.push(`  ${where(pos, f.spans, file)} ${f.severity} ${f.rule} ${f.kind}: ${f.message}`);
    if (f.suggestion) lines.push(`      fix: ${f.suggestion}`);
  }
  if (!file && result.suggestions.length) {
    lines.push("suggestions:");
    for (const x of result.suggestions) lines.push(`  - ${x}`);
  }
  return lines.join("\n");
}

export function renderEnhanceSummary(v: EnhanceVariant, engine: string): string {
  const lines = [
    `${v.strategy} (${engine}): score ${v.before_score} → ${v.after_score} (${v.improvement_percent >= 0 ? "+" : ""}${v.improvement_percent}%)`,
  ];
  for (const c of v.changes) lines.push(`  - ${c}`);
  return lines.join("\n");
}
