// One restriction stated twice (PF405): "Review the diff for security issues only. … Only look at security
// issues, nothing else." The scope an "only" (exclusively, solely) fences in is reduced to its content
// words; two instruction sentences fencing in the same scope say the same thing twice, however worded.
import { META_VERBS, STOPWORDS, TASK_VERBS } from "../lexicon.js";
import { stem } from "../signals.js";
import { type Doc, MASK_INSTRUCTION, TOKEN_NUMBER, TOKEN_WORD } from "../text.js";
import type { Finding } from "../types.js";
import type { RuleContext } from "./context.js";
import { exampleTurn, sameDemand } from "./duplicates.js";
import { conditional, keysOf, restatement } from "./restated.js";
import type { Rule } from "./rule.js";

/**
 * As PF403 and PF404: in long prompts a repeat is usually a deliberate reminder. A restriction is the
 * commonest thing to remind of ("IMPORTANT: respond ONLY with JSON" closing a long classifier prompt), so
 * here the whole prompt, material included, must be short.
 */
const SCOPE_CHARS = 1500;

const ONLY = new Set(["only", "exclusively", "solely"]);
/** Words that turn "only" into a condition or a count ("only if", "only when", "only one"): no scope. */
const NOT_A_SCOPE = new Set(
  "if when whenever unless after before once then until while one two three once twice first last".split(" "),
);
/** Words that end the scope a restriction fences in. */
const SCOPE_END = new Set("if when whenever unless but except because so and or".split(" "));

/** The content words an "only" fences in, stemmed ("only report performance problems": report, performance, problem). */
function scopeOf(doc: Doc, onlyAt: number, t0: number, t1: number): string[] {
  const { tokens } = doc;
  const words: string[] = [];
  const take = (i: number): boolean => {
    const t = tokens[i]!;
    if ((t.type !== TOKEN_WORD && t.type !== TOKEN_NUMBER) || t.mask !== MASK_INSTRUCTION) return false;
    if (SCOPE_END.has(t.lower)) return false;
    if (!STOPWORDS.has(t.lower) && !META_VERBS.has(t.lower) && !TASK_VERBS.has(t.lower) && t.lower.length > 1)
      words.push(stem(t.lower));
    return true;
  };
  const next = tokens[onlyAt + 1];
  if (next && next.type === TOKEN_WORD && NOT_A_SCOPE.has(next.lower)) return [];
  // "only <scope>": up to five words after it, within the clause
  for (let i = onlyAt + 1; i < Math.min(t1, onlyAt + 6) && take(i); i++);
  // "<scope> only": up to three words before it, when nothing follows in the clause
  if (words.length === 0) for (let i = onlyAt - 1; i >= Math.max(t0, onlyAt - 3) && take(i); i--);
  return [...new Set(words)];
}

/** Two scopes are one when the smaller, of two words or more, lies wholly inside the larger. */
function sameScope(a: string[], b: string[]): boolean {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  return small.length >= 2 && small.every((w) => large.includes(w));
}

export const RESTRICTED_TWICE: Rule = {
  id: "PF405",
  kind: "duplicated_instruction",
  severity: "info",
  description:
    "One restriction stated twice: two instructions fencing in the same scope with only, exclusively or solely.",
  check({ doc, sig }: RuleContext): Finding[] {
    if (sig.instructionWords * 6 > SCOPE_CHARS || doc.text.length > SCOPE_CHARS) return [];
    // few sentences hold an "only", so each new scope is compared with the earlier ones
    const earlier: Array<{ scope: string[]; sentence: number }> = [];
    for (let si = 0; si < doc.sentences.length; si++) {
      const s = doc.sentences[si]!;
      // a restriction made for one case ("If the user asks about billing, answer only from the FAQ.") has
      // a scope of its own
      if (!s.instruction || exampleTurn(s) || conditional(doc, s)) continue;
      for (let i = s.t0; i < s.t1; i++) {
        const t = doc.tokens[i]!;
        if (!ONLY.has(t.lower) || t.mask !== MASK_INSTRUCTION) continue;
        const scope = scopeOf(doc, i, s.t0, s.t1);
        if (scope.length < 2) continue;
        const j = earlier.find((e) => e.sentence !== si && sameScope(e.scope, scope))?.sentence;
        if (j === undefined) {
          if (earlier.length < 32) earlier.push({ scope, sentence: si });
          continue;
        }
        const a = doc.sentences[j]!;
        const textA = doc.text.slice(a.start, a.end);
        const textB = doc.text.slice(s.start, s.end);
        // the same demand in nearly the same words is PF403's, a shared length, language or person PF404's
        if (sameDemand(doc, a, s)) return [];
        const other = new Set(keysOf(textA));
        if (keysOf(textB).some((k) => other.has(k))) return [];
        // one repeated restriction is one finding
        return [
          restatement(
            RESTRICTED_TWICE,
            doc,
            a,
            s,
            "restates the restriction",
            "already sets",
            "State the restriction once, where it applies; a second wording adds length and may read as a different rule.",
          ),
        ];
      }
    }
    return [];
  },
};
