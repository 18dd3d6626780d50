// Live analysis of a text with the in-browser engine: recomputed a moment after typing pauses, so
// fast typing never waits on it. The result says which text it belongs to, so highlights are drawn
// only when their offsets match the text on screen.
import { useMemo } from "react";
import { useDebounced } from "./debounce";
import { analyseLocally, useEngineReady } from "./engine";
import type { AnalysisResult, TargetLlm } from "./types";

export interface LiveAnalysis {
  text: string;
  target: TargetLlm;
  /** Null while the engine is still loading (a moment after the first page appears). */
  result: AnalysisResult | null;
}

const DEBOUNCE_MS = 150;

export function useLiveAnalysis(text: string, target: TargetLlm): LiveAnalysis {
  const settledText = useDebounced(text, DEBOUNCE_MS);
  const settledTarget = useDebounced(target, DEBOUNCE_MS);
  const ready = useEngineReady();
  return useMemo(
    () => ({
      text: settledText,
      target: settledTarget,
      result: ready ? analyseLocally(settledText, settledTarget) : null,
    }),
    [settledText, settledTarget, ready],
  );
}
