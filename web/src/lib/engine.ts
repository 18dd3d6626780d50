// The offline analysis engine, bundled into the browser: the same pure TypeScript the server runs, so
// the analyser answers as you type with no round trip and works signed out or offline.
import { analyze, enhance } from "../../../src/features/analysis/engine/index.js";
import type { AnalysisResult, EnhanceVariant, Strategy, TargetLlm } from "./types";

export function analyseLocally(text: string, target: TargetLlm): AnalysisResult {
  return analyze(text, { targetLlm: target });
}

export function enhanceLocally(text: string, strategy: Strategy, target: TargetLlm): EnhanceVariant {
  return enhance(text, { strategy, targetLlm: target });
}
