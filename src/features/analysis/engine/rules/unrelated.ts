// Two unrelated requests joined in one short prompt: "What is the melting point of lead? And who painted
// the Sistine Chapel ceiling?", "Design a logo for my bakery … Also, how do I reset my router?". PF501
// compares task clauses through a domain lexicon; this rule needs no lexicon: a switch ("Also,", "And",
// "By the way", ", and suggest …") followed by a request that shares no content word with what came before
// and does not point back at it ("it", "them", "the same").
import { MASK_CONTENT } from "../text.js";
import type { Finding } from "../types.js";
import type { RuleContext } from "./context.js";
import { findingOf, type Rule } from "./rule.js";

/** Past this, a prompt is a specification whose parts belong together by design. */
const SCOPE_CHARS = 900;
const MIN_CONTENT_WORDS = 3;
/** A question is specific with fewer words ("Also what year did the Berlin Wall fall?"). */
const MIN_QUESTION_WORDS = 2;

const VERBS =
  "suggest|recommend|write|explain|tell|give|list|translate|convert|plan|create|design|debug|fix|summari[sz]e|draft|compose|calculate|find|name|describe|solve|compute|help|show|teach|outline";
// after a bare "and", only a verb that starts a new deliverable ("… and recommend a laptop"); "and tell
// me which …" reports on the first step
const NEW_DELIVERABLE = "recommend|suggest|write|plan|design|create|draft|compose";
const SWITCH_RE = new RegExp(
  `(?:^|[.?!;]\\s+|\\n\\s*)(?:also|and also|additionally|separately|on (?:another|a different|an unrelated) note|unrelated(?:ly)?|by the way|btw|p\\.?s\\.?|and|plus|oh,? and|one more thing|another thing|while you'?re at it|on top of that)\\b,?:?\\s+|,\\s+(?:(?:and |plus )(?:also )?|also )(?=(?:${VERBS})\\b)|(?<=[a-z]{3}) and (?:also )?(?=(?:${NEW_DELIVERABLE})\\b)`,
  "gim",
);
const REQUEST_RE = new RegExp(
  `^(?:please\\s+)?(?:${VERBS}|how|what|who|where|when|why|which|can|could|would|is|are|do|does|did)\\b`,
  "i",
);
// a pronoun standing for what came before; "this Python loop" introduces something new
const BACK_REFERENCE_RE =
  /\b(?:it|its|them|their|they|the same|the above|the result|the answer)\b|\b(?:this|that|these|those)\b(?!\s+[a-z]{3,})/i;
const STOP = new Set(
  "about above after again also always answer because before being below between both could does doing down during each every few from further have having here into just more most much must need needs only other over please same should some such than that their them then there these they this those through under very what when where which while who whom whose with would your yours like want make sure short brief give tell list using used used write also each three four five".split(
    " ",
  ),
);

// the verbs themselves, not nouns that start like one ("names", "listings")
const VERB_PREFIX_RE = new RegExp(`^(?:${VERBS})(?:ed|ing)?$`);

function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().match(/[a-z][a-z'-]{3,}/g) ?? []) {
    if (STOP.has(w) || VERB_PREFIX_RE.test(w)) continue;
    out.add(w.slice(0, 5));
  }
  return out;
}

export const UNRELATED_REQUESTS: Rule = {
  id: "PF502",
  kind: "multiple_unrelated_tasks",
  severity: "warning",
  description:
    'Two unrelated requests or questions in one short prompt, joined by "Also," / "And" / ", and …" with nothing in common.',
  check({ doc, sig }: RuleContext): Finding[] {
    if (sig.role || doc.text.length > SCOPE_CHARS * 4) return [];
    const text = doc.instructionText;
    if (text.trim().length > SCOPE_CHARS) return [];
    SWITCH_RE.lastIndex = 0;
    for (const m of text.matchAll(SWITCH_RE)) {
      const at = m.index + m[0].length;
      if (m.index === 0 || doc.mask[at] === MASK_CONTENT) continue;
      const rest = text.slice(at);
      if (!REQUEST_RE.test(rest)) continue;
      const end = rest.search(/[.?!](?:\s|$)/);
      const request = end < 0 ? rest : rest.slice(0, end + 1);
      // a pronoun that opens the request points back ("Also, make it shorter"); one after the request
      // has named its own object points at that ("debug this Python loop, it never stops")
      const opening = request.split(/\s+/).slice(0, 4).join(" ");
      if (BACK_REFERENCE_RE.test(opening)) continue;
      // "summarize the report and list three risks in it": a bare "and" joins steps of one job unless
      // the second names a wholly new object and never points back
      const bareAnd = !/[.?!;,\n]/.test(m[0]) && /\band\b/i.test(m[0]);
      if (bareAnd && BACK_REFERENCE_RE.test(request)) continue;
      const before = contentWords(text.slice(0, m.index));
      const after = contentWords(request);
      const min =
        /\?\s*$/.test(request) && /\?/.test(text.slice(0, m.index + 1))
          ? MIN_QUESTION_WORDS
          : MIN_CONTENT_WORDS;
      if (before.size < min || after.size < (bareAnd ? MIN_CONTENT_WORDS : min)) continue;
      let shared = false;
      for (const w of after) if (before.has(w)) shared = true;
      if (shared) continue;
      const span = { start: at, end: at + request.trimEnd().length };
      return [
        findingOf(
          UNRELATED_REQUESTS,
          `"${doc.text.slice(span.start, span.end)}" is a second request with nothing in common with the first; answers to bundled requests get shallower.`,
          "Send unrelated requests as separate prompts, or say how they connect.",
          [span],
        ),
      ];
    }
    return [];
  },
};
