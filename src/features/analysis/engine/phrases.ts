// Token-level phrase matching: phrases are indexed by their first word and compared token by token, so
// matching several lexicons costs one map lookup per word instead of one regex pass per list.

import { type Doc, MASK_INSTRUCTION, TOKEN_PUNCT } from "./text.js";
import type { Span } from "./types.js";

interface Phrase {
  words: string[];
  list: string;
}

export interface PhraseMatcher {
  byFirst: Map<string, Phrase[]>;
}

export function compilePhrases(lists: Record<string, readonly string[]>): PhraseMatcher {
  const byFirst = new Map<string, Phrase[]>();
  for (const [list, phrases] of Object.entries(lists)) {
    for (const p of phrases) {
      const words = p.toLowerCase().replace(/’/g, "'").split(/\s+/);
      const entry = { words, list };
      const existing = byFirst.get(words[0]!);
      if (existing) existing.push(entry);
      else byFirst.set(words[0]!, [entry]);
    }
  }
  // longest first, so "thank you so much" wins over "thank you"
  for (const entries of byFirst.values()) entries.sort((a, b) => b.words.length - a.words.length);
  return { byFirst };
}

/** Non-overlapping matches over the instruction tokens, in text order, grouped by list name. */
export function matchPhrases(doc: Doc, matcher: PhraseMatcher): Record<string, Span[]> {
  const { tokens } = doc;
  const out: Record<string, Span[]> = {};
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === TOKEN_PUNCT || t.mask !== MASK_INSTRUCTION) continue;
    const candidates = matcher.byFirst.get(t.lower);
    if (!candidates) continue;
    for (const { words, list } of candidates) {
      let ok = true;
      for (let k = 1; k < words.length; k++) {
        const u = tokens[i + k];
        if (!u || u.lower !== words[k] || u.mask !== MASK_INSTRUCTION) {
          ok = false;
          break;
        }
      }
      if (ok) {
        const spans = out[list] ?? [];
        spans.push({ start: t.start, end: tokens[i + words.length - 1]!.end });
        out[list] = spans;
        i += words.length - 1;
        break;
      }
    }
  }
  return out;
}
