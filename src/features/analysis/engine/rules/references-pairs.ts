// "I have a laptop and a tablet. It keeps overheating.", "We run Postgres and Redis in production. Should
// we upgrade it?", "We pay for Jira (tickets) and Linear (roadmap) … arguments for keeping it": "it" right
// after two things of which it could be either, with nothing in between that it could be instead. The
// shared-history rule asks here once per prompt, after the readings in references.ts.
import { type Doc, MASK_INSTRUCTION } from "../text.js";
import type { Span } from "../types.js";

/** "it" as the subject of a complaint about a thing: "It keeps crashing", "it's too slow". */
const SUBJECT_IT_RE =
  /(?:^|[.!?]\s+|[,;—–-]\s*(?:and|but|now|so)?\s*)(it)(?:(?:'s|’s|\s+is)\s+(?:too|really|very|so|getting|still|always|constantly|slow|broken|down|not|crashing|lagging|overheating|stuck|redundant|outdated)|\s+(?:keeps|kept|won't|doesn't|didn't|can't|isn't|wasn't|stopped|crashes|crashed|fails|failed|freezes|froze|hangs|overheats|overheated|lags|drains|dies|died|broke))\b/gi;
/** A request that makes something: after it, "it" is most likely what was made. */
// (not the noun after an article: "the design team", "our plan")
const PRODUCING_RE =
  /(?<!\b(?:the|a|an|our|my|your|their|its|this|that)\s)\b(?:write|draft|create|compose|generate|produce|design|build|make me|give me|come up with|plan|outline|prepare)\b/i;
/** "it" as the object of something done to a thing: "upgrade it", "keeping it", "restart it". */
const OBJECT_IT_RE =
  /\b(?:(?:keep|keeping)(?=\s+it(?:\s*[,.;!?]|\s+(?:or|and|for|over|instead|running|alive|going|longer)\b))|upgrade|upgrading|replace|replacing|drop|dropping|cancel|cancelling|canceling|renew|renewing|migrate|migrating|deploy|deploying|restart|restarting|reinstall|uninstall|configure|reset|return|returning|sell|selling|repair|patch|back up|speed up|fix|update|debug|remove|delete)\s+(it)\b/gi;
/** Two things of one kind in a row: "a laptop and a tablet", "the web version and the mobile version". */
const PAIR_RE =
  /\b(?:a|an|my|our|the|one)\s+(?:[a-z-]+\s+)?([a-z]{3,})\s+(?:and|or)\s+(?:a|an|my|our|the|one)\s+(?:[a-z-]+\s+)?([a-z]{3,})\b/gi;
/** Two named things: "Postgres and Redis", "Jira (engineering tickets) and Linear (the roadmap)". */
const NAMED_PAIR_RE =
  /(?<=[^.!?\n]\s)([A-Z][\w.+-]{2,})(?:\s*\([^)\n]{0,80}\))?\s+(?:and|or)\s+([A-Z][\w.+-]{2,})\b(?:\s*\([^)\n]{0,80}\))?/g;
/**
 * A thing named between the pair and the pronoun, which "it" more likely stands for ("the two licences"
 * restates the pair, "the strongest" names nothing).
 */
const INTERVENING_RE =
  /\b(?:a|an|the|my|our|this|that|his|her|their|your|its)\s+(?:(?!(?:two|both|three)\b)[a-z-]+\s+)?(?!(?:[a-z]+est|two|both|three)\b)[a-z]{2,}[^s\s]\b(?!\s+(?:of|and)\b)/i;
/** Words that say which of the two, or both. */
const WHICH_RE =
  /\b(?:which|whichever|either|neither|both|each|one of|first|second|latter|former|better|worse|best|worst|them)\b/i;
/** People rather than things: "it" cannot stand for them. */
const PEOPLE_RE =
  /\b(?:i|he|she|we|they|wife|husband|son|daughter|friend|boss|manager|colleague|partner|sister|brother|mother|father|mom|dad|kid|child)\b/i;

export function pronounAfterPair(doc: Doc): Span | null {
  const { text } = doc;
  if (text.length >= 800) return null;
  for (const re of [SUBJECT_IT_RE, OBJECT_IT_RE]) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const pos = m.index + m[0].search(/\bit\b/i);
      if (pos < 0 || doc.mask[pos] !== MASK_INSTRUCTION) continue;
      const sentenceStart =
        Math.max(text.lastIndexOf("\n", pos), text.slice(0, pos).search(/[.!?][^.!?]*$/)) + 1;
      const sentenceEnd = text.slice(pos).search(/[.!?\n]/);
      const sentence = text.slice(sentenceStart, sentenceEnd < 0 ? text.length : pos + sentenceEnd);
      // (a request before the sentence makes something, which a later "it" stands for)
      if (WHICH_RE.test(sentence) || PRODUCING_RE.test(text.slice(0, sentenceStart))) continue;
      const before = text.slice(Math.max(0, sentenceStart - 400), pos);
      const pair = lastPair(before);
      if (!pair) continue;
      // the pair must be the last things named before the pronoun
      const between = before.slice(pair.end);
      if (INTERVENING_RE.test(between)) continue;
      if (doc.mask[Math.max(0, sentenceStart - 400) + pair.start] !== MASK_INSTRUCTION) continue;
      // the pronoun's sentence names one of them
      if (pair.names.some((n) => new RegExp(`\\b${n}\\b`, "i").test(sentence))) continue;
      return { start: pos, end: pos + 2 };
    }
  }
  return null;
}

/** The last pair of things named in a text, with where it ends. */
function lastPair(before: string): { start: number; end: number; names: string[] } | null {
  let found: { start: number; end: number; names: string[] } | null = null;
  for (const re of [PAIR_RE, NAMED_PAIR_RE]) {
    re.lastIndex = 0;
    for (const m of before.matchAll(re)) {
      const a = m[1]!;
      const b = m[2]!;
      // two singular things, not people, not the same word said twice about one thing
      if (PEOPLE_RE.test(m[0]) || (re === PAIR_RE && (/[^s]s$/.test(a) || /[^s]s$/.test(b)))) continue;
      const end = m.index + m[0].length;
      if (!found || end > found.end) found = { start: m.index, end, names: [a, b] };
    }
  }
  return found;
}
