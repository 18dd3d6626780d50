// The offline analysis engine, bundled into the browser: the same pure TypeScript the server runs, so
// the analyser answers as you type with no round trip and works signed out or offline.
import { analyze } from "../../../src/features/analysis/engine/analyze.js";
import type { AnalysisResult, TargetLlm } from "./types";

export function analyseLocally(text: string, target: TargetLlm): AnalysisResult {
  return analyze(text, { targetLlm: target });
}
