// The offline enhancer, bundled into the browser for the enhance page only: the analyser's first page
// carries the analysis engine, and the rewriting code loads with the page that uses it.
import { enhance } from "../../../src/features/analysis/engine/enhance/index.js";
import type { EnhanceVariant, Strategy, TargetLlm } from "./types";

export function enhanceLocally(text: string, strategy: Strategy, target: TargetLlm): EnhanceVariant {
  return enhance(text, { strategy, targetLlm: target });
}
