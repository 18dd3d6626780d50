// SARIF 2.1.0 output of `promptforge lint`, for code-scanning tools (GitHub code scanning and others):
// one rule per engine rule, one result per finding with its region as line/column.
import { ENGINE_VERSION, RULES } from "../features/analysis/engine/index.js";
import type { AnalysisResult, Severity } from "../features/analysis/engine/types.js";
import { sarifLog } from "./sarif-log.js";
import { positionsIn } from "./text-report.js";

export const MIN_SCORE_RULE = "PF-MIN-SCORE";

export interface LintedFile {
  /** Path relative to the working directory, with forward slashes. */
  uri: string;
  text: string;
  result?: AnalysisResult;
  error?: string;
  belowMinScore: boolean;
}

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  error: "error",
  warning: "warning",
  info: "note",
  hint: "note",
};

export function toSarif(files: LintedFile[], minScore: number, version: string): object {
  const rules = [
    ...RULES.map((r) => ({
      id: r.id,
      name: r.kind,
      shortDescription: { text: r.description },
      defaultConfiguration: { level: LEVEL[r.severity] },
      properties: { kind: r.kind },
    })),
    {
      id: MIN_SCORE_RULE,
      name: "min_score",
      shortDescription: { text: "The prompt's overall score is below the required minimum (--min-score)" },
      defaultConfiguration: { level: "error" },
    },
  ];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results: object[] = [];
  for (const f of files) {
    const artifactLocation = { uri: f.uri };
    if (f.error || !f.result) {
      results.push({
        ruleId: MIN_SCORE_RULE,
        ruleIndex: index.get(MIN_SCORE_RULE),
        level: "error",
        message: { text: `Could not analyse this prompt: ${f.error ?? "unknown error"}` },
        locations: [{ physicalLocation: { artifactLocation } }],
      });
      continue;
    }
    const pos = positionsIn(f.text);
    for (const finding of f.result.findings) {
      const span = finding.spans[0];
      const physicalLocation: Record<string, unknown> = { artifactLocation };
      if (span) {
        const start = pos(span.start);
        const end = pos(Math.max(span.start, span.end));
        physicalLocation.region = {
          startLine: start.line,
          startColumn: start.column,
          endLine: end.line,
          endColumn: end.column,
          snippet: { text: f.text.slice(span.start, span.end) },
        };
      }
      results.push({
        ruleId: finding.rule,
        ...(index.has(finding.rule) ? { ruleIndex: index.get(finding.rule) } : {}),
        level: LEVEL[finding.severity],
        message: { text: finding.suggestion ? `${finding.message} ${finding.suggestion}` : finding.message },
        locations: [{ physicalLocation }],
      });
    }
    if (f.belowMinScore) {
      results.push({
        ruleId: MIN_SCORE_RULE,
        ruleIndex: index.get(MIN_SCORE_RULE),
        level: "error",
        message: { text: `Score ${f.result.scores.overall} is below the minimum of ${minScore}` },
        locations: [{ physicalLocation: { artifactLocation } }],
      });
    }
  }
  const driver = { version, semanticVersion: version, properties: { engine_version: ENGINE_VERSION }, rules };
  return sarifLog("PromptForge", driver, {
    // Spans are JavaScript string offsets, i.e. UTF-16 code units.
    columnKind: "utf16CodeUnits",
    artifacts: files.map((f) => ({ location: { uri: f.uri } })),
    results,
  });
}
