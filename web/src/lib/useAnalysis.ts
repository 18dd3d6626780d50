// Live analysis of a text with the in-browser engine: recomputed a moment after typing pauses, so
// fast typing never waits on it. The result says which text it belongs to, so highlights are drawn
// only when their offsets match the text on screen.
import { useMemo } from "react";
import { useDebounced } from "./debounce";
import { analyseLocally } from "./engine";
import type { AnalysisResult, TargetLlm } from "./types";

export interface LiveAnalysis {
  text: string;
  target: TargetLlm;
  result: AnalysisResult;
}

const DEBOUNCE_MS = 150;

export function useLiveAnalysis(text: string, target: TargetLlm): LiveAnalysis {
  const settledText = useDebounced(text, DEBOUNCE_MS);
  const settledTarget = useDebounced(target, DEBOUNCE_MS);
  return useMemo(
    () => ({
      text: settledText,
      target: settledTarget,
      result: analyseLocally(settledText, settledTarget),
    }),
    [settledText, settledTarget],
  );
}
