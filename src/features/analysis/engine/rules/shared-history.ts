// References to a shared history the model never saw: "the one we set up last week", "same style as
// before", "do the same as last time", "that show we talked about", "the change they announced". The
// reader of the prompt has only the prompt; whatever these point at is outside it. Unlike a bare
// pronoun (PF102, a hint), the wording itself says the referent lies in an earlier conversation, so the
// rule is precise enough to count.

import { MASK_INSTRUCTION } from "../text.js";
import type { Finding } from "../types.js";
import { findingOf, type Rule } from "./rule.js";

const HISTORY_RE =
  /\b(?:(?:the )?same (?:\w+ )?(?:as|like) (?:before|last time|earlier|yesterday|the (?:previous|last|other) (?:one|time|image|version|draft|scene))|as (?:last time|before|we (?:discussed|agreed|said|talked about))|the (?:one|thing|file|doc|version|template|setup|format|style|approach|plan|list|guy|place|show|song|book|thing) (?:we|you|i|they) (?:discussed|talked about|mentioned|set up|agreed on|agreed|used|made|sent|showed me|picked|chose|liked)(?: (?:last|earlier|before|yesterday)\b[\w ]{0,12})?|the (?:previous|last) (?:one|image|version|draft|scene|answer|response)|(?:that|this) (?:\w+ )?(?:we|you) (?:talked about|discussed|mentioned|showed me)|the (?:change|update|decision|announcement|rule) (?:they|he|she) (?:announced|made|mentioned|sent)|from the (?:second|first|third|other|previous) (?:image|one|draft|version|photo|picture))\b/gi;

/**
 * More ways to point back at a conversation the model never saw, read only in short prompts: a long
 * system or agent prompt speaks of the live exchange ("your previous response", "where the user left
 * off"), which the model does see.
 */
const SHORT_HISTORY_RE =
  /\b(?:as (?:discussed|agreed|promised|planned|i (?:said|mentioned|explained|told you)|you (?:said|suggested|recommended|mentioned))(?! (?:above|below|in (?:the|this) (?:prompt|section|list|document|brief)))\b|like (?:i said|we said|you said|last time|before)\b|(?:from )?where (?:you|we) left off|(?:the way|like|as) you did (?:it |this |that )?(?:for|with|last|before|earlier|yesterday|the other)\b|the other (?:one|version|draft|file|image|scene|design|option|template)\b(?! (?:of|in|from|on|for) )|(?:your|the) (?:last|previous|earlier|first) (?:answer|response|reply|message|suggestion|output|attempt|try|version|one|draft|result)s?\b|(?:those|the same) (?:changes|edits|fixes|tweaks|corrections)\b|the (?:changes|edits|fixes|tweaks|corrections) (?:we|you|i) (?:discussed|made|talked about|agreed on|suggested)\b|(?:do|try|run) (?:it|that|this|the same) again\b)/gi;

export const SHARED_HISTORY: Rule = {
  id: "PF106",
  kind: "ambiguous_reference",
  severity: "warning",
  description:
    'Points at something from an earlier conversation the model cannot see ("the one we set up last week", "same style as before").',
  check({ doc }) {
    const out: Finding[] = [];
    HISTORY_RE.lastIndex = 0;
    for (const m of doc.text.matchAll(HISTORY_RE)) {
      if (doc.mask[m.index] !== MASK_INSTRUCTION) continue;
      const at = { start: m.index, end: m.index + m[0].length };
      out.push(
        findingOf(
          SHARED_HISTORY,
          `"${m[0]}" points at something outside this prompt: the model has not seen that earlier exchange.`,
          "Name or paste what you mean (the file, the style, the earlier answer) instead of pointing back at it.",
          [at],
        ),
      );
      break;
    }
    if (out.length === 0 && doc.text.length < 400) {
      SHORT_HISTORY_RE.lastIndex = 0;
      for (const m of doc.text.matchAll(SHORT_HISTORY_RE)) {
        if (doc.mask[m.index] !== MASK_INSTRUCTION) continue;
        out.push(
          findingOf(
            SHARED_HISTORY,
            `"${m[0]}" points at something outside this prompt: the model has not seen that earlier exchange.`,
            "Name or paste what you mean (the file, the style, the earlier answer) instead of pointing back at it.",
            [{ start: m.index, end: m.index + m[0].length }],
          ),
        );
        break;
      }
    }
    return out;
  },
};

/**
 * "Fix this." / "Rends-le plus professionnel.": when the missing-material rule finds that a bare pronoun
 * is the request's only object, that pronoun is also a reference nobody can resolve — reported once more
 * under its own kind, on the same span, as the labelling guide asks for both.
 */
export function unresolvedPronouns(findings: Finding[]): Finding[] {
  // (removes the PF102 hint it replaces from `findings`)
  if (findings.some((f) => f.rule === SHARED_HISTORY.id)) return [];
  const bare = findings.find((f) => f.rule === "PF105" && f.message.includes("stands for material"));
  if (!bare) return [];
  // the bare-pronoun hint on the same word says less: this finding replaces it
  const hint = findings.findIndex((f) => f.rule === "PF102" && f.spans[0]?.start === bare.spans[0]?.start);
  if (hint >= 0) findings.splice(hint, 1);
  return [
    findingOf(
      SHARED_HISTORY,
      bare.message.replace(
        "stands for material that is not in the prompt",
        "has nothing in the prompt to refer to",
      ),
      "Say what it refers to, and paste it after the instruction.",
      bare.spans,
    ),
  ];
}
