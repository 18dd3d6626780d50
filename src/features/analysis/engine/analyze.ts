// analyze(): the offline engine's entry point, plus the internal variant the enhancer uses to see the
// tokenised document and signals behind a result.

import { normaliseBreaks, restoreOffsets } from "./line-breaks.js";
import { buildAdvice, buildChecklist, buildFeedback, buildStats } from "./report.js";
import { runRules } from "./rules.js";
import { scorePrompt } from "./score.js";
import { paddingShare, placeholderWords, proseShares, repetitionShare } from "./score-features.js";
import { extractSignals, type Signals } from "./signals.js";
import { techniqueCoverage } from "./technique-coverage.js";
import { findTechniques, type Techniques } from "./techniques.js";
import { type Doc, tokenize } from "./text.js";
import type { AnalysisResult, AnalyzeOptions } from "./types.js";
import { type Understanding, understand } from "./understand.js";
import { ENGINE_VERSION } from "./version.js";

export { ENGINE_VERSION };

export interface AnalysisInternals {
  doc: Doc;
  sig: Signals;
  understanding: Understanding;
  techniques: Techniques;
  /** The overall score's features (score-features.ts), for calibration. */
  features: number[];
  result: AnalysisResult;
}

/**
 * The analysis and what it was computed from. The document reads the text with "\n" for every line break
 * (line-breaks.ts); the result's spans point into `text` as given.
 */
export function analyzeInternal(text: string, opts: AnalyzeOptions = {}): AnalysisInternals {
  const breaks = normaliseBreaks(text);
  const doc = tokenize(breaks.text);
  const sig = extractSignals(doc);
  const understanding = understand(doc, sig);
  const { findings, ctx } = runRules(doc, sig, understanding);
  const techniques = findTechniques(doc, sig, understanding.language);
  const { scores, features } = scorePrompt({
    sig,
    findings,
    tech: techniques,
    understanding,
    padding: paddingShare(ctx, sig.instructionWords),
    repetition: repetitionShare(doc),
    prose: proseShares(doc, sig),
    coverage: techniqueCoverage(doc, techniques, sig),
    placeholders: placeholderWords(doc),
    mask: doc.mask,
  });
  const feedback = buildFeedback(sig, findings, scores, doc.slots.length, techniques);
  const result: AnalysisResult = {
    scores,
    findings,
    checklist: buildChecklist(sig, techniques),
    strengths: feedback.strengths,
    weaknesses: feedback.weaknesses,
    suggestions: feedback.suggestions,
    llm_advice: buildAdvice(opts.targetLlm ?? "generic", sig),
    stats: buildStats(doc, sig),
    engine: "local",
    engine_version: ENGINE_VERSION,
    language: understanding.language,
    coverage: understanding.coverage,
  };
  restoreOffsets(result, breaks, text);
  return { doc, sig, understanding, techniques, features, result };
}

/** Scores a prompt and explains why. Deterministic: the same text always gives the same result. */
export function analyze(text: string, opts: AnalyzeOptions = {}): AnalysisResult {
  return analyzeInternal(text, opts).result;
}
