// Enhancement: on the server when signed in (it may use a configured LLM and counts usage), else —
// or when the server cannot answer — with the engine in the browser. The answer is always a list of
// variants, one per strategy asked for.
import { ApiError, api } from "./api";
import { enhanceLocally } from "./engine-enhance";
import { variantsOf } from "./enhance-response";
import { type EnhanceVariant, STRATEGIES, type Strategy, type TargetLlm } from "./types";

export type StrategyChoice = Strategy | "all";

export interface EnhanceOutcome {
  variants: EnhanceVariant[];
  source: "server" | "browser";
  /** Why the browser engine answered instead of the server, in words. */
  note?: string;
  engine?: string;
}

export function enhanceInBrowser(text: string, choice: StrategyChoice, target: TargetLlm): EnhanceVariant[] {
  const strategies = choice === "all" ? [...STRATEGIES] : [choice];
  return strategies.map((s) => enhanceLocally(text, s, target));
}

export async function enhanceText(
  text: string,
  choice: StrategyChoice,
  target: TargetLlm,
  signedIn: boolean,
): Promise<EnhanceOutcome> {
  if (!signedIn) return { variants: enhanceInBrowser(text, choice, target), source: "browser" };
  const body =
    choice === "all"
      ? { text, target_llm: target, variants: 3 }
      : { text, target_llm: target, strategy: choice };
  try {
    const data = await api.post<unknown>("/analysis/enhance", body);
    const variants = variantsOf(data);
    if (variants && variants.length > 0) {
      return { variants, source: "server", engine: variants[0]?.analysis?.engine };
    }
    return {
      variants: enhanceInBrowser(text, choice, target),
      source: "browser",
      note: "The server's answer was not understood, so your browser enhanced the prompt instead.",
    };
  } catch (e) {
    // Validation problems are the user's to fix; anything the server cannot do, the browser can.
    if (e instanceof ApiError && (e.status === 422 || e.status === 400 || e.code === "session_expired"))
      throw e;
    const why =
      e instanceof ApiError && e.status === 404
        ? "Enhancement on the server is not available here"
        : e instanceof ApiError && e.status === 0
          ? "The server could not be reached"
          : "The server could not enhance this just now";
    return {
      variants: enhanceInBrowser(text, choice, target),
      source: "browser",
      note: `${why}, so your browser's offline engine did it instead.`,
    };
  }
}
