// Filler (PF401, PF402): politeness, hedges and buzzwords that add length without instructions.

import { tokenAt } from "../text.js";
import type { Finding, Span } from "../types.js";
import { finding, quote } from "./catalogue.js";
import type { RuleContext } from "./context.js";

export function filler(ctx: RuleContext, out: Finding[]): void {
  const { doc, sig, hedges, buzz } = ctx;
  let fluff = ctx.fluff;
  const soft = ctx.soft.filter((s) => !fluff.some((f) => s.start >= f.start && s.start < f.end));
  const effusive = ctx.effusive.filter((e) => !fluff.some((f) => f.start <= e.start && e.start < f.end));
  // greetings the user may send, listed in parentheses ("(hi, hello, thanks)"), are mentioned, not said
  const said = (sp: Span) => {
    const before = doc.text.slice(Math.max(0, sp.start - 60), sp.start);
    return before.lastIndexOf("(") <= before.lastIndexOf(")");
  };
  const polite = [...fluff, ...hedges, ...soft, ...effusive].filter(said).sort((a, b) => a.start - b.start);
  if (effusive.length > 0) fluff = [...fluff, ...effusive];
  fluff = fluff.filter(said);
  // one "kindly", or a "hello" and a "thanks" around a long specification, is courtesy, not padding
  const enough = sig.instructionWords < 60 ? 2 : 3;
  if (
    polite.length >= enough &&
    (fluff.length > 0 ||
      hedges.length + soft.length >= 2 ||
      (hedges.length >= 1 && soft.length + fluff.length >= 1))
  ) {
    out.push(
      finding(
        "PF401",
        `Politeness and hedging (${polite
          .slice(0, 3)
          .map((s) => `"${quote(doc, s)}"`)
          .join(", ")}) add length without adding instructions.`,
        "Delete pleasantries and hedges; state the request directly. Models do not need them and hedges make the task sound optional.",
        polite.slice(0, 8),
      ),
    );
  }
  const distinct = new Set(
    buzz.map((s) => doc.instructionLower.slice(s.start, s.end).replace(/[\s-]+/g, " ")),
  );
  const density = sig.instructionWords > 0 ? buzz.length / sig.instructionWords : 0;
  // a run of hype in one sentence ("a world-class, award-winning, visionary, best-in-class …") pads
  // however long the rest of the prompt is
  let run = false;
  const perSentence = new Map<number, Set<string>>();
  for (const h of ctx.hype) {
    const t = doc.tokens[tokenAt(doc, h.start)];
    if (!t) continue;
    const words = perSentence.get(t.sentence) ?? new Set<string>();
    perSentence.set(t.sentence, words);
    words.add(t.lower);
    if (words.size >= 4) {
      run = true;
      break;
    }
  }
  if ((distinct.size >= 3 && (density >= 0.05 || sig.bestTaskStrength === 0)) || run) {
    out.push(
      finding(
        "PF402",
        `Buzzwords (${[...distinct]
          .slice(0, 4)
          .map((b) => `"${b}"`)
          .join(", ")}) stand in for requirements: they sound rigorous but specify nothing.`,
        "Replace each with the concrete requirement it stands for: which standard, which checks, how long, for whom.",
        buzz.slice(0, 8),
      ),
    );
  }
}
