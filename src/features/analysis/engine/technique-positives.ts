// The positive-instructions technique: whether a prompt says what to do and not only what not to do —
// its "do" instructions counted against its prohibitions, in English by its instruction verbs, in
// Japanese, Chinese and Korean by their request and prohibition forms, and in the Latin-script languages
// whose imperatives are not listed clause by clause. Kept apart from techniques.ts.
import { META_VERBS, TASK_VERBS } from "./lexicon.js";
import { type Doc, matchesAfterBreaks, matchesOf } from "./text.js";
import type { Span } from "./types.js";

// A prohibition: a directive negation anywhere ("don't", "never", "avoid", "must not"), or a clause that
// opens on a negation ("no jargon", "- without emojis"). A "no" or "without" inside a clause qualifies
// what the clause asks ("output the label with no explanation", "makes sense without the subheading"):
// it forbids nothing by itself.
const NEGATIVE_RE =
  /\b(?:don't|do not|never|avoid|must not|mustn't|should not|shouldn't)\b|(?:^|[\n.!?;:,(]|[-*•]|\b(?:and|but|or)\b)[ \t]*(?:no|without)\b/gi;
// In Spanish, Portuguese, Italian, French, Dutch and German: a clause that opens on a negation ("non
// essere scortese", "não usar termos", "ne sois pas", "no uses"), or German and Dutch "nicht", "kein",
// "niet", "geen" anywhere in the clause (their negation follows the verb).
const PROHIBITION_FOREIGN_RE =
  /^[\s"'«»„“¿¡-]*(?:(?:y|e|et|und|o|ou|oder|ma|mas|pero|mais|aber|en)\s+)?(?:no|não|non|ne|nunca|jamais|mai|nie|niemals|nooit|evita|evite|évite|évitez|éviter|vermeide|vermeiden)(?![\p{L}])|^[\s"'«»„“-]*n'\p{L}|(?<![\p{L}])(?:nicht|kein(?:e|en|em|er|es)?|niet|geen)(?![\p{L}])/iu;
// where a clause ends, for the clause-by-clause reading of languages whose imperatives are not listed
const CLAUSE_SPLIT_RE = /[\n.!?;:,]+|\s[-*•]\s/;
/** Latin-script languages read clause by clause (the English verb list does not reach them). */
const CLAUSE_LANGUAGES = new Set(["es", "pt", "it", "fr", "de", "nl"]);
// the same in Japanese, Chinese and Korean ("使わないで", "しないこと", "不要", "하지 마세요"), which \b cannot delimit
const NEGATIVE_CJK_RE =
  /ないで|ないこと|ないように|てはいけない|禁止|不要|不得|别|勿|지 ?마(?:세요|십시오|라)?|않도록/g;
// "Do" instructions: an instruction verb opening a sentence, a list item or a clause ("…, and keep replies
// under 100 words"); the verbs are the task and manner verbs the task signal reads, less the ones that
// forbid ("avoid", "exclude", "ignore").
const DO_VERBS = [...new Set([...TASK_VERBS, ...META_VERBS])]
  .filter((v) => !["avoid", "exclude", "ignore", "be"].includes(v))
  .sort((a, b) => b.length - a.length)
  .join("|");
const POSITIVE_RE = new RegExp(
  `(?:^|[\\n.!?;:]\\s*|,\\s*(?:and\\s+|then\\s+|so\\s+|but\\s+|instead\\s+)?|\\b(?:and|then)\\s+|[-*•]\\s+)(?:always |instead,? |please |also |just |only |first,? |finally,? )?(?:${DO_VERBS})\\b(?! not\\b|n't\\b|n’t\\b)`,
  "gi",
);
// a request in Japanese, Chinese or Korean ("説明してください", "まとめなさい", "请列出", "작성하세요") that is not a prohibition
// read by matchesAfterBreaks: a pasted message's blank lines in the instruction text are read once; a
// match starts at the text's start, a break, a list marker, or the "and"/"then" before a verb
const POSITIVE_AT_RE = new RegExp(POSITIVE_RE.source, "iy");
const POSITIVE_BREAK_RE = /[\n.!?;:,*•aAtT-]/g;
const POSITIVE_CJK_RE =
  /(?<!ない)(?:で|て)(?:ください|下さい)|なさい|(?<!不)请|(?<!마)(?:하|해|쓰|주)(?:세요|십시오)/g;

const CLAUSE_WINDOW = 20_000;

/** Clause by clause: the first clause that is not a prohibition, how many are not, how many are. */
function foreignClauses(text: string): { positive: Span | null; positives: number; negatives: number } {
  let positive: Span | null = null;
  let positives = 0;
  let negatives = 0;
  let at = 0;
  for (const clause of text.split(CLAUSE_SPLIT_RE)) {
    const start = text.indexOf(clause, at);
    at = start + clause.length;
    if ((clause.match(/\p{L}+/gu) ?? []).length < 2) continue;
    if (PROHIBITION_FOREIGN_RE.test(clause)) negatives++;
    else {
      positives++;
      const lead = clause.length - clause.trimStart().length;
      positive ??= { start: start + lead, end: start + clause.trimEnd().length };
    }
  }
  return { positive, positives, negatives };
}

/** The first "do" instruction, how many there are, and how many prohibitions. */
export function readPositives(
  doc: Doc,
  language: string,
): { positive: Span | null; positives: number; negatives: number } {
  const instructions = doc.instructionText;
  // no imperative list for these: every instruction clause that is not a prohibition says what to do or
  // what holds ("tono cordiale, due frasi"), so the prompt is mostly prohibitions only when most of its
  // clauses are ("non essere scortese, non dilungarti, non promettere sconti")
  if (CLAUSE_LANGUAGES.has(language)) return foreignClauses(instructions.slice(0, CLAUSE_WINDOW));
  const negatives =
    (doc.instructionLower.match(NEGATIVE_RE) ?? []).length +
    (instructions.match(NEGATIVE_CJK_RE) ?? []).length;
  // one pass: the first "do" instruction and how many there are
  let positive: Span | null = null;
  let positives = 0;
  const found = [
    ...matchesAfterBreaks(POSITIVE_AT_RE, POSITIVE_BREAK_RE, instructions),
    ...matchesOf(instructions, POSITIVE_CJK_RE),
  ];
  for (const m of found) {
    if (!positive || m.index < positive.start) positive = { start: m.index, end: m.index + m[0].length };
    positives++;
  }
  return { positive, positives, negatives };
}
