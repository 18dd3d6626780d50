// The contradiction rules' readers of size: a bound on the answer's length (in words, sentences, lines,
// paragraphs, pages, characters or stanzas) and a number of items ("at most three risks" / "at least
// eight risks"). Each reader works on one lower-cased clause of the author's instructions and returns
// plain values; contradictions.ts decides which pairs cannot both hold.

import { matchesOf } from "../text.js";

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
  "a hundred": 100,
  "a single": 1,
  single: 1,
  "a couple of": 2,
  "a dozen": 12,
  a: 1,
  an: 1,
};
/** A number in digits ("1,500", "2k") or in words. "a" only counts where the pattern allows it. */
const N =
  "(?:\\d[\\d,]*(?:\\.\\d+)?k?|a single|single|a couple of|a dozen|a hundred|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)";

export function numberOf(x: string | undefined): number {
  if (x === undefined) return Number.NaN;
  const w = NUMBER_WORDS[x];
  if (w !== undefined) return w;
  const k = /k$/.test(x);
  const n = Number(x.replace(/[,k]/g, ""));
  return k ? n * 1000 : n;
}

// ── length ────────────────────────────────────────────────────────────────────────────────────────

const UNIT = "(words?|sentences?|lines?|paragraphs?|pages?|characters?|chars?|stanzas?)";
/** Every word UNIT matches holds one of these: a clause without them has no counted bound. */
const UNIT_SCREEN_RE = /word|sentence|line|paragraph|page|char|stanza/;
/** "a numbered list of at least eight steps": items of a list, each at least a few words. */
const ITEMS_MIN_RE = new RegExp(
  `\\blist of (?:at least|no fewer than|a minimum of|minimum of) (${N}) (?:[a-z]+ )?(?:steps|items|points|bullets|bullet points|entries|tips|reasons|examples)\\b`,
  "g",
);
/** Words a unit may hold at most, and at least: the bounds are compared conservatively. */
const MAX_WORDS: Record<string, number> = {
  word: 1,
  sentence: 35,
  line: 15,
  paragraph: 250,
  page: 600,
  character: 1 / 4.5,
  char: 1 / 4.5,
  stanza: 60,
  item: 60,
};
const MIN_WORDS: Record<string, number> = {
  word: 1,
  sentence: 8,
  line: 4,
  paragraph: 40,
  page: 250,
  character: 1 / 7,
  char: 1 / 7,
  stanza: 12,
  item: 5,
};

export interface LengthBound {
  index: number;
  length: number;
  unit: string;
  /** Stated with a bound word ("at most", "at least", "exactly", a range), not only a number. */
  explicit: boolean;
  /** The named part every one of which the bound is on ("caption" in "each caption must be …"). */
  part?: string;
  min?: number;
  max?: number;
}

const MAX_CUE =
  "(?:under|below|at most|at the most|no more than|not more than|fewer than|less than|a maximum of|maximum of|maximum|max\\.?|within|up to|not exceed|never exceed|no longer than|not longer than|shorter than|(?:keep|limit|restrict|cap|hold)(?:ed)?(?: [\\w']+){0,3} (?:to|under|below|within|at))";
const MIN_CUE =
  "(?:at least|at minimum|a minimum of|minimum of|minimum|no fewer than|no less than|not less than|not fewer than|(?<=\\b(?:be|write|make it|contain|have|with|of|needs?|use|span|run to|cover)\\s(?:\\w+\\s)?)more than)";
const APPROX_CUE =
  "(?:about|around|roughly|approximately|approx\\.?|circa|~|aim for|target(?:ing)?|close to|in the region of)";

const RANGE_RE = new RegExp(`\\b(?:between )?(${N})\\s*(?:-|–|—|to|and)\\s*(${N})[ -]${UNIT}\\b`, "g");
const OR_RE = new RegExp(`\\b(${N}) or (${N})[ -](?:short |brief |concise )?${UNIT}\\b`, "g");
const MAX_RE = new RegExp(`\\b${MAX_CUE}\\s+(?:of\\s+)?(${N})[ -](?:[a-z]+ )?${UNIT}\\b`, "g");
const MAX_POST_RE = new RegExp(
  `\\b(${N})[ -]${UNIT} (?:or (?:fewer|less|shorter|under)|max(?:imum)?\\b|at (?:the )?most|tops)|\\b(${N})(?:-${UNIT}| (word|sentence|line|paragraph|page|character|stanza)) (?:limit|maximum|max|cap)\\b`,
  "g",
);
const MIN_RE = new RegExp(`(?:\\b|~)${MIN_CUE}\\s+(?:of\\s+)?(${N})[ -](?:[a-z]+ )?${UNIT}\\b`, "g");
const MIN_POST_RE = new RegExp(
  `\\b(${N})\\+?[ -]${UNIT} (?:or more|minimum|min\\b|at (?:the )?least|or longer)|\\b(\\d[\\d,]*)\\+\\s*${UNIT}\\b`,
  "g",
);
const EXACT_RE = new RegExp(`\\bexactly (${N})[ -]${UNIT}\\b`, "g");
const APPROX_RE = new RegExp(`(?:\\b|~)${APPROX_CUE}\\s*(${N})[ -]${UNIT}\\b`, "g");
/** "a 2,000-word analysis", "a one-sentence summary", "a one-page brief". */
const HYPHEN_RE = new RegExp(`\\b(${N})-${UNIT}\\b(?! (?:limit|maximum|max|cap)\\b)`, "g");
/**
 * The same without the hyphen, before the noun it sizes: "a 400 word essay", "a 3 paragraph summary". (The
 * unit is singular and a noun follows, so "400 words of notes" and "a 400 word limit" are read elsewhere.)
 */
const BARE_ATTRIBUTIVE_RE = new RegExp(
  `\\b(${N}) (word|sentence|line|paragraph|page|character|stanza)(?= (?!(?:limit|maximum|max|cap|count|counts|or|and|to|of|in|for|per|each|with|at|on|by|is|are|was|were|be|max|min|minimum|long|from|as|that|which)\\b)[a-z]{3,}\\b)`,
  "g",
);
/** "in two sentences", "write three paragraphs", "in a single paragraph", "in a sentence" ("be a word-economist" is none). */
const PLAIN_RE = new RegExp(
  `(?:\\b(?:in|as|with|only|just) |(?<=\\b(?:into|to|within|using|write|writing|give|use|of|be|keep it to|limit it to)\\s))(a|an|${N})(?: short| brief| concise| full| single)? ${UNIT}\\b(?!-)`,
  "g",
);
/** "a short intro paragraph" ≈ 100 words; "one paragraph" at most one. */
const PARAGRAPH_RE = /\b(?:a|one|a single|single) (short |brief )?(?:[a-z]+ )?(paragraph)\b/g;
/** A paragraph added to the answer as one of its parts: "featuring a …", "including one …", "followed by a …". */
const PARAGRAPH_AS_PART_BEFORE_RE =
  /\b(?:featuring|including|includes?|plus|followed by|adding|add|end with|ending with)\s+$/;
/** "Keep it short", "be brief", "a short answer": a bound without a number, taken as a few hundred words. */
const SHORT_WORDS_RE =
  /\b(?:keep (?:it|this|things|the (?:answer|reply|response|text|whole thing|output)|your (?:answers?|replies|reply|responses?)) (?:short|brief)|be brief|(?:a |your )?(?:short|brief) (?:answers?|replies|reply|responses?)\b(?! (?:to|for|when|if))|short and sweet)\b/g;
/** A long answer asked for without a number: "a detailed, multi-paragraph explanation". */
const LONG_WORDS_RE =
  /\b(?:multi-paragraph|several (?:long |detailed )?paragraphs|multiple (?:long |detailed )?paragraphs|long-form|as (?:long|detailed|thorough|complete|exhaustive) as (?:possible|you can)|at (?:great )?length|in (?:great|exhaustive|full|complete|painstaking|minute|granular|extensive) detail|an? (?:long|lengthy|in-depth) (?:essay|report|article|explanation))\b/g;
/** Everything covered, in depth: "cover every feature in depth", "be exhaustive", "leave nothing out". A part
 * ("every feature") named before it is what the answer must go through, so the bound is the whole answer's. */
const EXHAUSTIVE_RE =
  /\b(?:(?:be|make it|keep it|stay) (?:fully |completely |absolutely )?(?:exhaustive|comprehensive and detailed)|exhaustively|(?:leave|leaving) (?:nothing|none|no (?:detail|point|step|aspect|item|feature)) out|(?:don't|do not|never) leave (?:anything|any|any (?:detail|point|step|aspect|item|feature|of them)) out|(?:every|each|all (?:the )?)(?:single )?(?:last )?(?:details?|nuances?)|(?:cover|covering|explain|explaining|describe|describing|discuss|discussing|go through|going through|walk through|include|including|address|addressing)(?: (?:every|each|all(?: of)?(?: the)?) [a-z-]+(?: [a-z-]+)?)[^.;]{0,60}?\b(?:in (?:depth|detail)|thoroughly|at length|one by one)|in depth)\b/g;
/** Before the bound: a threshold or a position, not the answer's length ("methods >20 lines", "the first
 * 100 words", "not even one line", "files over 1000 lines"). */
const NOT_ANSWER_BEFORE_RE =
  /(?:[<>≤≥(]\s*|\d+,\s*|\b(?:first|last|initial|opening|closing|top|even|than|over|exceeds?|exceeding|past|beyond|every|whose|with more than|longer than|shorter than)\s+)$/;
/** After the bound: the unit of a part ("one sentence per item", "under 10 words each", "1-3 sentence answers for each"). */
const PART_AFTER_RE =
  /^\s*(?:[a-z]+s\s+)?(?:per|for each|for every|each|apiece|in each|in every|in length each)\b(?! (?:question|request|query|message|prompt|ticket|user|customer)s?\b)/;
/** Before the bound: a demand on each of a named part ("each caption must be …"), the part captured. */
const PART_NOUN_RE =
  /\b(?:each|every)\s+(?!(?:answer|response|reply|message|output|time|day|week|month|year|question|request)\b)([a-z-]{3,}?)s?\s+(?:should|must|can|may|will|is to|needs to|has to)\s+(?:be\s+|have\s+|contain\s+|stay\s+|run\s+|run to\s+)?$/;
/** After a small ceiling: a sentence or two about something is a part ("one sentence on why", "a line at the end"). */
const SMALL_PART_AFTER_RE =
  /^\s*(?:of|about|on|explaining|describing|summari[sz]ing|saying|at the (?:start|end|top|beginning|bottom))\b/;
/** Before the bound in its clause: the bound is a part's ("each bullet should be one sentence"). */
const PART_BEFORE_RE =
  /,\s*(?:each|apiece)\s+$|\b(?:each|every|per)\s+(?!(?:answer|response|reply|message|output)\b)[a-z-]+(?:\s+[a-z-]+)?\s+(?:(?:should|must|can|may|will|is to|needs to)\s+(?:be\s+|have\s+|contain\s+|stay\s+)?)?(?:\w+\s+)?$/;

/** Before a floor: a verb of writing on each of a named part ("describe each new location in …"). */
const EACH_PART_BEFORE_RE =
  /\b(?:describe|write|explain|cover|give|present|introduce|discuss)\s+(?:each|every)\s+(?:new\s+|single\s+)?(?!(?:answer|response|reply|message|output|time|question|request)\b)([a-z-]{3,}?)s?\s+(?:in|with|using)\s+$/;

function unitOf(u: string): string {
  return u.replace(/s$/, "");
}

/** Every bound on a length in one lower-cased clause; overlapping readings keep the first found. */
export function lengthBounds(lower: string): LengthBound[] {
  const out: LengthBound[] = [];
  const taken: Array<[number, number]> = [];
  let explicit = true;
  const add = (m: RegExpMatchArray, unit: string, min?: number, max?: number, whole = false) => {
    const s = m.index!;
    const e = s + m[0].length;
    if (taken.some(([a, b]) => s < b && e > a)) return;
    taken.push([s, e]);
    const before = lower.slice(Math.max(0, s - 60), s);
    // "keep it under 80 words": the bound is the span, the verb leads to it
    const lead =
      /^(?:keep|limit|restrict|cap|hold)(?:ed)?(?: [\w']+){0,3}? (?=(?:to|under|below|within|at) )/.exec(
        m[0],
      );
    if (lead)
      return void out.push({
        index: s + lead[0].length,
        length: m[0].length - lead[0].length,
        unit: unitOf(unit),
        explicit,
        min,
        max,
      });
    const rest = lower.slice(e);
    // "each caption must be at least three sentences": a demand on every one of a named part, kept with its
    // part so it meets the other bounds on that part ("a one-line caption")
    const part = whole ? undefined : PART_NOUN_RE.exec(before)?.[1];
    if (part && !PART_AFTER_RE.test(rest) && !NOT_ANSWER_BEFORE_RE.test(before))
      return void out.push({ index: s, length: m[0].length, unit: unitOf(unit), explicit, min, max, part });
    // "describe each new location in at least three paragraphs": a floor on every one of a part, which the
    // whole answer holds too (a ceiling on a part says nothing about the whole)
    const each = whole || max !== undefined ? null : EACH_PART_BEFORE_RE.exec(before);
    if (each && !PART_AFTER_RE.test(rest) && !NOT_ANSWER_BEFORE_RE.test(before))
      return void out.push({
        index: s,
        length: m[0].length,
        unit: unitOf(unit),
        explicit,
        min,
        part: each[1],
      });
    // a demand to go through everything in depth ("every feature in full detail") makes the whole answer
    // long even when it names the parts; any other bound next to a part is the part's
    if (
      !whole &&
      (PART_AFTER_RE.test(rest) || PART_BEFORE_RE.test(before) || NOT_ANSWER_BEFORE_RE.test(before))
    )
      return;
    if (SMALL_PART_AFTER_RE.test(rest) && max !== undefined && (min === undefined || max <= 3)) return;
    // "don't use more than 50 words" is a ceiling
    if (
      min !== undefined &&
      max === undefined &&
      /^more than/.test(m[0]) &&
      /(?:\bnot?|n't|\bnever)\s+(?:\w+\s+)?$/.test(before)
    )
      out.push({ index: s, length: m[0].length, unit: unitOf(unit), explicit, max: min });
    else out.push({ index: s, length: m[0].length, unit: unitOf(unit), explicit, min, max });
  };
  // the counted bounds below all end on a unit: a clause naming none skips their ten patterns
  const units = UNIT_SCREEN_RE.test(lower);
  if (units) {
    for (const m of matchesOf(lower, EXACT_RE)) {
      const n = numberOf(m[1]);
      add(m, m[2]!, n, n);
    }
    for (const m of matchesOf(lower, RANGE_RE)) add(m, m[3]!, numberOf(m[1]), numberOf(m[2]));
    for (const m of matchesOf(lower, MAX_RE)) add(m, m[2]!, undefined, numberOf(m[1]));
    for (const m of matchesOf(lower, MAX_POST_RE))
      add(m, (m[2] ?? m[4] ?? m[5])!, undefined, numberOf(m[1] ?? m[3]));
    for (const m of matchesOf(lower, MIN_RE)) add(m, m[2]!, numberOf(m[1]), undefined);
    for (const m of matchesOf(lower, MIN_POST_RE)) add(m, (m[2] ?? m[4])!, numberOf(m[1] ?? m[3]), undefined);
  }
  explicit = false;
  if (units) {
    for (const m of matchesOf(lower, APPROX_RE)) {
      const n = numberOf(m[1]);
      add(m, m[2]!, n * 0.7, n * 1.5);
    }
    for (const m of matchesOf(lower, OR_RE))
      add(m, m[3]!, undefined, Math.max(numberOf(m[1]), numberOf(m[2])));
    for (const m of [...matchesOf(lower, HYPHEN_RE), ...matchesOf(lower, BARE_ATTRIBUTIVE_RE)]) {
      const n = numberOf(m[1]);
      // "a one-sentence summary" is a ceiling; "a 2,000-word essay" is about that long
      if (n <= 2) add(m, m[2]!, undefined, n);
      else add(m, m[2]!, n * 0.75, n * 1.5);
    }
  }
  for (const m of units ? matchesOf(lower, PLAIN_RE) : []) {
    const word = m[1]!;
    const n = word === "a" || word === "an" ? 1 : numberOf(word);
    const unit = m[2]!;
    if (Number.isNaN(n)) continue;
    // "in two sentences" holds the answer to about that many; a count of words is about that long; "one
    // short paragraph" is a short one
    if (/^paragraphs?$/.test(unit) && /\b(?:short|brief|concise)\b/.test(m[0]))
      add(m, "word", undefined, 100 * n);
    else add(m, unit, n * 0.7, n <= 2 ? n : n * 1.5);
  }
  for (const m of lower.includes("list of") ? matchesOf(lower, ITEMS_MIN_RE) : [])
    add(m, "item", numberOf(m[1]), undefined);
  for (const m of matchesOf(lower, PARAGRAPH_RE)) {
    // "featuring a conclusion paragraph", "including an intro paragraph": one part of the answer, not its length
    if (PARAGRAPH_AS_PART_BEFORE_RE.test(lower.slice(Math.max(0, m.index - 20), m.index))) continue;
    if (m[1]) add(m, "word", undefined, 100);
    else add(m, "paragraph", undefined, 1);
  }
  for (const m of matchesOf(lower, SHORT_WORDS_RE)) add(m, "word", undefined, 400);
  for (const m of matchesOf(lower, LONG_WORDS_RE)) add(m, "word", 200, undefined, true);
  for (const m of matchesOf(lower, EXHAUSTIVE_RE)) add(m, "word", 150, undefined, true);
  return out;
}

/** A structure every answer follows: a heading about the answer, then a list of three or more parts. */
const STRUCTURE_RE =
  /^[ \t]*(?:#{1,6}[ \t]*)?([^\n:]{0,60}\b(?:structure|sections?|parts|format|layout|outline)\b[^\n:]{0,40}):[ \t]*\n((?:[ \t]*(?:\d+[.)]|[-*•])[^\n]*(?:\n|$)){3,})/gim;
/** A part that is text to read, at least a sentence: a paragraph, a list, a walkthrough, a summary. */
const TEXT_PART_RE =
  /\b(?:paragraphs?|list|walkthrough|explanation|summary|summari[sz]ing|overview|description|sentences?)\b/i;

/**
 * "Structure of every answer:" over a numbered list of parts: each part that is text ("a paragraph", "a
 * bulleted list of warning signs") holds at least one sentence, so the answer holds at least as many
 * sentences as it has such parts. Null under three: two parts fit in most limits.
 */
export function structureBound(text: string): { index: number; length: number; min: number } | null {
  if (!/structure|section|parts|format|layout|outline/i.test(text)) return null;
  for (const m of matchesOf(text, STRUCTURE_RE)) {
    if (!/\b(?:answers?|responses?|repl(?:y|ies)|output|message)\b/i.test(m[1]!)) continue;
    const parts = m[2]!.split("\n").filter((line) => TEXT_PART_RE.test(line)).length;
    if (parts >= 3) return { index: m.index! + m[0].indexOf(m[1]!), length: m[1]!.length, min: parts };
  }
  return null;
}

/** True when `lo` asks for more than `hi` allows, compared in their own unit or in words. */
export function boundAbove(lo: LengthBound, hi: LengthBound): boolean {
  if (lo.min === undefined || hi.max === undefined) return false;
  if (lo.unit === hi.unit) return lo.min > hi.max;
  return lo.min * MIN_WORDS[lo.unit]! > hi.max * MAX_WORDS[hi.unit]!;
}

/** True when the two bounds cannot both hold. */
export function boundsClash(a: LengthBound, b: LengthBound): boolean {
  return boundAbove(a, b) || boundAbove(b, a);
}

// ── number of items ───────────────────────────────────────────────────────────────────────────────

export interface CountBound {
  index: number;
  length: number;
  noun: string;
  /** What the items are of or for ("of passive voice", "for beginners"): two lists for different things. */
  scope: string;
  min: number;
  max: number;
}

const COUNT_VERBS =
  "want|need|would like|'d like|expect|give|list|suggest|provide|write|include|generate|propose|offer|name|share|create|recommend|add|return|produce|draft|come up with|brainstorm|outline|identify|use|contain|have|has";
const COUNT_RE = new RegExp(
  `\\b(?:${COUNT_VERBS})(?: me| us| the user| them)?(?: (?:only|just))?(?: (?:a |an )?(?:short )?(?:list|set|selection|shortlist|total) of)? (?:(exactly|at most|no more than|not more than|up to|a maximum of|maximum of|max|at least|no fewer than|no less than|a minimum of|minimum of|between)\\s+)?(${N})(?:\\s*(?:-|–|to|and)\\s*(${N}))? ((?:[a-z-]+ ){0,2}?)([a-z]{3,}s)\\b(?<!(?:ous|ss|is|us))`,
  "g",
);
const NOT_ITEMS =
  /^(?:words|sentences|lines|paragraphs|pages|characters|chars|stanzas|minutes|hours|days|weeks|months|years|seconds|times|people|dollars|euros|pounds|percent|points of view|steps of|others|ones|things)$/;

/**
 * A relative clause that says which items ("two habits that students find discouraging", "three
 * mistakes which beginners make"): another set than the same noun's without it. A clause that only
 * demands a property ("tips that are practical", "examples that should be short") keeps the same set.
 */
const SELECTING_CLAUSE_RE =
  /^\s*((?:that|which|who|whom|where)\s+(?!(?:is|are|was|were|be|should|must|will|would|can|could|may|might|have|has|need|needs|you|we)\b)[a-z-]+(?:\s+[a-z-]+)?)/;

/** Words for the same thing asked for: "three name ideas" and "ten options" count one list. */
const SUGGESTION_NOUNS = /^(?:ideas?|options?|suggestions?|alternatives?|proposals?)$/;

/** A number with its noun left out ("List 10, and …"): the items of the count stated before it. */
export const PREVIOUS_ITEMS = "@prev";
const BARE_COUNT_RE = new RegExp(
  `(?:^\\s*|[:;,.!?]\\s*|^\\s*(?:[-*•]|\\d+[.)])\\s*)(?:list|give(?: me| us)?|suggest|generate|provide|make it|come up with|i want|i need)\\s+(${N})(?=\\s*(?:[,.;!]|and\\b|$))`,
  "g",
);

export function countBounds(lower: string): CountBound[] {
  const out: CountBound[] = [];
  for (const m of matchesOf(lower, BARE_COUNT_RE)) {
    const n = numberOf(m[1]);
    if (Number.isNaN(n) || n < 2) continue;
    const said = m[0].replace(/,$/, "");
    const lead = said.length - said.replace(/^[\s:;,.!?\-*•\d.)]*(?=[a-z])/, "").length;
    out.push({
      index: m.index! + lead,
      length: said.length - lead,
      noun: PREVIOUS_ITEMS,
      scope: "",
      min: n,
      max: n,
    });
  }
  for (const m of matchesOf(lower, COUNT_RE)) {
    const noun = m[5]!;
    const mods = m[4]!;
    if (
      NOT_ITEMS.test(noun) ||
      /\b(?:more|other|additional|extra|further|new|different|separate|of)\b/.test(mods)
    )
      continue;
    const after = lower.slice(m.index! + m[0].length);
    // "… per paragraph", "… each": the count of a part
    if (/^\s*(?:per|each|for each|for every|in each|apiece)\b/.test(after)) continue;
    const n = numberOf(m[2]);
    if (Number.isNaN(n)) continue;
    const cue = m[1] ?? "";
    const hi = m[3] !== undefined ? numberOf(m[3]) : n;
    let min = n;
    let max = hi;
    if (/^(?:at most|no more than|not more than|up to|a maximum of|maximum of|max)$/.test(cue)) min = 0;
    else if (/^(?:at least|no fewer than|no less than|a minimum of|minimum of)$/.test(cue)) max = Infinity;
    const scope =
      /^\s*((?:of|for|about|on|to|in|from)\s+(?:the\s+|a\s+|an\s+|our\s+|your\s+)?[a-z-]+)/.exec(
        after,
      )?.[1] ??
      SELECTING_CLAUSE_RE.exec(after)?.[1] ??
      "";
    out.push({
      index: m.index!,
      length: m[0].length,
      noun: SUGGESTION_NOUNS.test(noun) ? "suggestion" : noun.replace(/(?:ies)$/, "y").replace(/s$/, ""),
      scope,
      min,
      max,
    });
  }
  return out;
}
