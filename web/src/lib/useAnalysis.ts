// Live analysis of a text with the in-browser engine: recomputed a moment after typing pauses, so
// fast typing never waits on it. The result says which text it belongs to, so highlights are drawn
// only when their offsets match the text on screen.
import { useEffect, useState } from "react";
import { analyseLocally } from "./engine";
import type { AnalysisResult, TargetLlm } from "./types";

export interface LiveAnalysis {
  text: string;
  target: TargetLlm;
  result: AnalysisResult;
}

const DEBOUNCE_MS = 150;

export function useLiveAnalysis(text: string, target: TargetLlm): LiveAnalysis {
  const [live, setLive] = useState<LiveAnalysis>(() => ({
    text,
    target,
    result: analyseLocally(text, target),
  }));
  useEffect(() => {
    if (live.text === text && live.target === target) return;
    const t = setTimeout(() => setLive({ text, target, result: analyseLocally(text, target) }), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text, target, live.text, live.target]);
  return live;
}
