// The one shape of a vague-word finding, shared by the English rules (PF103 for an amount, PF104 for a
// judgement) and the other-language rule (PF107): the same message and advice whichever reading found it.
import type { Doc } from "../text.js";
import type { Finding, Span } from "../types.js";
import { finding } from "./catalogue.js";

/** An amount left open ("some", "algunos") or a judgement with no criterion ("good", "buenos"). */
export type VagueSort = "amount" | "judgement";

/** At most this many findings of one sort per prompt: past it the point is made. */
const MAX_PER_SORT = 8;

function vagueFinding(rule: string, sort: VagueSort, word: string, span: Span): Finding {
  if (sort === "amount")
    return finding(
      rule,
      `"${word}" leaves the amount or the thing undefined.`,
      'Replace it with a number or a concrete list ("3 examples", "price, size and colour").',
      [span],
    );
  const lower = word.toLowerCase();
  return finding(
    rule,
    `"${word}" is a judgement with no criterion: the model has to guess what it means to you.`,
    `Say what makes it ${lower}: a measurable property, a limit, or an example of what you consider ${lower}.`,
    [span],
  );
}

/** Adds one finding of `rule` per span, in text order, at most MAX_PER_SORT of them. */
export function reportVague(out: Finding[], doc: Doc, rule: string, sort: VagueSort, spans: Span[]): void {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  for (const sp of sorted.slice(0, MAX_PER_SORT))
    out.push(vagueFinding(rule, sort, doc.text.slice(sp.start, sp.end), sp));
}
