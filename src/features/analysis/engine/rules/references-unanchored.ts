// A pronoun whose own unit of text gives it nothing to stand for. A rule of a system prompt that opens on
// it: "When customers ask about it, tell them it was discontinued", "4. If they ask about that, point them
// to the FAQ", "- Wenn sie danach fragen, schick ihnen den Link." (a paragraph or a list item is read on
// its own; when neither a heading above nor the clause itself says what, the model cannot tell which
// product, policy or thing is meant). And a piece asked for "about it" in a prompt's opening clause,
// before anything is named: "header image for our blog post about it, mountains in the background".
// The shared-history rule asks here once per prompt.
import { MASK_INSTRUCTION } from "../text.js";
import type { Span } from "../types.js";

const ASKERS =
  "(?:a |an |the )?(?:customers?|users?|they|people|someone|anyone|clients?|patients?|guests?|visitors?|callers?|students?|members?|buyers?|tenants?|employees?|candidates?)";
const ASKING =
  "(?:ask|asks|asked|inquire|inquires|enquire|enquires|mention|mentions|bring up|brings up|complain|complains|raise|raises|request|requests|want|wants)";
/** At a paragraph's or a list item's start: "When customers ask about it", "If they mention that". */
const ASKED_ABOUT_RE = new RegExp(
  [
    `(?:^|\\n[ \\t]*\\n|\\n[ \\t]*(?:[-*•]|\\d{1,2}[.)])[ \\t]*)[ \\t]*(?:when|whenever|if|should)\\s+${ASKERS}\\s+${ASKING}(?:\\s+(?:about|for))?\\s+(it|that|this)(?=\\s*[,.;]|\\s+(?:again|too|directly)\\b)`,
    // German, French, Spanish: "Wenn sie danach fragen", "S'ils en parlent", "Si preguntan por eso"
    "(?:^|\\n[ \\t]*\\n|\\n[ \\t]*(?:[-*•]|\\d{1,2}[.)])[ \\t]*)[ \\t]*(?:wenn|falls)\\s+(?:sie|kunden|der kunde|die kundin|jemand|nutzer)\\s+(danach|darüber|davon|dazu)\\s+(?:fragen|fragt|sprechen|spricht)",
    "(?:^|\\n[ \\t]*\\n|\\n[ \\t]*(?:[-*•]|\\d{1,2}[.)])[ \\t]*)[ \\t]*(?:si|quand|lorsqu(?:e|'))\\s*(?:ils|elles|le client|les clients|on)\\s+(en)\\s+(?:parlent|parle|demandent|demande)",
    "(?:^|\\n[ \\t]*\\n|\\n[ \\t]*(?:[-*•]|\\d{1,2}[.)])[ \\t]*)[ \\t]*(?:si|cuando)\\s+(?:los clientes |el cliente |te |le |les )?(?:preguntan|pregunta|piden|pide)\\s+(?:por\\s+)?(eso|ello|esto)",
  ].join("|"),
  "gi",
);
/** A line that names what the paragraph under it is about: "## Refunds", "Discontinued product:". */
const HEADING_RE =
  /^[ \t]*(?:#{1,6}\s+\S.*|\S[^\n.!?]{0,60}:[ \t]*|\*\*[^*\n]+\*\*[ \t]*|[A-Z][A-Z ]{2,40})$/;

const ITEM_LINE_RE = /^[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]/;
/** Several things or clauses in one line: a comma, "and", "or", "und", "oder", "et", "ou", "y", "o". */
const SEVERAL_RE = /,|\b(?:and|or|und|oder|et|ou|y|o)\b/i;

/**
 * The nearest line with any text above the line starting at `lineStart`, and whether it is the line right
 * above; null when there is none. Walks up from the line, so a text of many rules is not split once each.
 */
function lineAbove(text: string, lineStart: number): { line: string; adjacent: boolean } | null {
  if (lineStart === 0) return null;
  let end = lineStart - 1;
  for (let adjacent = true; ; adjacent = false) {
    const start = end === 0 ? 0 : text.lastIndexOf("\n", end - 1) + 1;
    const line = text.slice(start, end);
    if (line.trim()) return { line, adjacent };
    if (start === 0) return null;
    end = start - 1;
  }
}

/** The pronoun of the first rule that asks about something unnamed; null when none. */
export function askedAboutUnnamed(doc: { text: string; mask: ArrayLike<number> }): Span | null {
  const { text } = doc;
  if (
    !/\b(?:ask|inquire|enquire|mention|bring|complain|raise|request|want|fragen|fragt|sprechen|spricht|parlent|parle|demandent|demande|preguntan|pregunta|piden|pide)/i.test(
      text,
    )
  )
    return null;
  ASKED_ABOUT_RE.lastIndex = 0;
  for (const m of text.matchAll(ASKED_ABOUT_RE)) {
    const word = m.slice(1).find((g) => g !== undefined)!;
    const at = m.index + m[0].lastIndexOf(word);
    if (doc.mask[at] !== MASK_INSTRUCTION) continue;
    // the line above names what the rule is about
    const lineStart = text.lastIndexOf("\n", at) + 1;
    const above = lineAbove(text, lineStart);
    if (above && HEADING_RE.test(above.line)) continue;
    // in a list, an item right after one that states a single thing ("- Our Pro plan costs $20.") may
    // lean on it; after an item naming several things, or none, it cannot
    const item = above?.adjacent === true && ITEM_LINE_RE.test(text.slice(lineStart, at));
    if (item && !SEVERAL_RE.test(above.line.replace(ITEM_LINE_RE, ""))) continue;
    // the sentence goes on to say what: "if they ask about it (the old plan)", "… about that: …"
    const rest = text.slice(at + word.length, at + word.length + 3);
    if (/^\s*[(:—–]/.test(rest)) continue;
    return { start: at, end: at + word.length };
  }
  return null;
}

/** A piece of writing or an image about "it": "a blog post about it", "a poem on this", "an ad for it". */
const PIECE_ABOUT_RE =
  /\b(?:post|blog post|article|poem|story|essay|video|image|picture|illustration|tweet|thread|song|newsletter|presentation|talk|speech|ad|advert|caption|headline|slogan)\s+(?:about|on|for)\s+(it|this|that)\b(?=\s*[,.;!?)]|\s*$|\s+(?:and|or|but|with|in|at|to|from|please|using|so)\b)/i;
/** Anything that could be what "it" is, before the piece: a sentence end or a thing named with "my", "the" … */
const NAMED_BEFORE_RE =
  /[.!?:\n]|\b(?:my|our|the|this|that|these|a|an|your|its)\s+(?!(?:blog\s+)?(?:post|article|poem|story|essay|video|image|picture|illustration|tweet|thread|song|newsletter|presentation|talk|speech|ad|advert|caption|headline|slogan)\b)\p{L}/iu;

/** "header image for our blog post about it, …": a piece about a thing named nowhere before it. */
export function pieceAboutNothing(doc: { text: string; mask: ArrayLike<number> }): Span | null {
  const { text } = doc;
  if (text.length >= 300) return null;
  const m = PIECE_ABOUT_RE.exec(text);
  if (!m || doc.mask[m.index] !== MASK_INSTRUCTION) return null;
  const at = m.index + m[0].length - m[1]!.length;
  // only in the opening clause, with nothing named before it; and nothing given after it (a block, a quote)
  if (NAMED_BEFORE_RE.test(text.slice(0, m.index))) return null;
  for (let i = at; i < text.length; i++) if (doc.mask[i] !== MASK_INSTRUCTION) return null;
  if (/["“«`]/.test(text.slice(at))) return null;
  return { start: at, end: at + m[1]!.length };
}
