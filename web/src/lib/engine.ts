// The offline analysis engine in the browser: the same pure TypeScript the server runs, so the analyser
// answers as you type with no round trip and works signed out or offline. It is its own chunk, fetched as
// soon as the app starts, so the first page draws without waiting for it; what shows analysis renders
// again when it arrives (useEngineReady).
import { useSyncExternalStore } from "react";
import type { AnalysisResult, TargetLlm } from "./types";

type Analyze = typeof import("../../../src/features/analysis/engine/analyze.js")["analyze"];

let analyzeFn: Analyze | null = null;
const listeners = new Set<() => void>();

/** Resolves once the engine can analyse; loading starts when this module is first imported. */
export const engineLoaded: Promise<void> = import("../../../src/features/analysis/engine/analyze.js").then(
  (m) => {
    analyzeFn = m.analyze;
    for (const listener of listeners) listener();
    listeners.clear();
  },
);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True once the engine has loaded; a component that reads it renders again when it does. */
export function useEngineReady(): boolean {
  return useSyncExternalStore(subscribe, () => analyzeFn !== null);
}

/** The engine's analysis, or null while the engine is still loading. */
export function analyseLocally(text: string, target: TargetLlm): AnalysisResult | null {
  return analyzeFn ? analyzeFn(text, { targetLlm: target }) : null;
}
