// The readers behind the contradiction rules' open-ended subjects: a bound on the answer's length (in
// words, sentences, lines, paragraphs, pages, characters or stanzas), a number of items ("at most three
// risks" / "at least eight risks"), a named thing to mention or to leave out, a tone, and which
// deliverable or section each one is about. Each reader works on one lower-cased clause of the author's
// instructions and returns plain values; contradictions.ts decides which pairs cannot both hold.

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
  `\\b(${N})[ -]${UNIT} (?:or (?:fewer|less|shorter|under)|max(?:imum)?\\b|at (?:the )?most|tops)|\\b(${N})-${UNIT} (?:limit|maximum|max|cap)\\b`,
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
/** "in two sentences", "write three paragraphs", "in a single paragraph", "in a sentence". */
const PLAIN_RE = new RegExp(
  `(?:\\b(?:in|as|with|only|just) |(?<=\\b(?:into|to|within|using|write|writing|give|use|of|be|keep it to|limit it to)\\s))(a|an|${N})(?: short| brief| concise| full| single)? ${UNIT}\\b`,
  "g",
);
/** "a short intro paragraph" ≈ 100 words; "one paragraph" at most one. */
const PARAGRAPH_RE = /\b(?:a|one|a single|single) (short |brief )?(?:[a-z]+ )?(paragraph)\b/g;
/** "Keep it short", "be brief", "a short answer": a bound without a number, taken as a few hundred words. */
const SHORT_WORDS_RE =
  /\b(?:keep (?:it|this|things|the (?:answer|reply|response|text|whole thing|output)|your (?:answers?|replies|reply|responses?)) (?:short|brief)|be brief|(?:a |your )?(?:short|brief) (?:answers?|replies|reply|responses?)\b(?! (?:to|for|when|if))|short and sweet)\b/g;
/** A long answer asked for without a number: "a detailed, multi-paragraph explanation". */
const LONG_WORDS_RE =
  /\b(?:multi-paragraph|several (?:long |detailed )?paragraphs|multiple (?:long |detailed )?paragraphs|long-form|as (?:long|detailed|thorough) as (?:possible|you can)|at (?:great )?length|in (?:great|exhaustive|full) detail|an? (?:long|lengthy|in-depth) (?:essay|report|article|explanation))\b/g;
/** Before the bound: a threshold or a position, not the answer's length ("methods >20 lines", "the first
 * 100 words", "not even one line", "files over 1000 lines"). */
const NOT_ANSWER_BEFORE_RE =
  /(?:[<>≤≥(]\s*|\d+,\s*|\b(?:first|last|initial|opening|closing|top|even|than|over|exceeds?|exceeding|past|beyond|every|whose|with more than|longer than|shorter than)\s+)$/;
/** After the bound: the unit of a part ("one sentence per item", "under 10 words each"). */
const PART_AFTER_RE = /^\s*(?:per|for each|for every|each|apiece|in each|in every|in length each)\b/;
/** After a small ceiling: a sentence or two about something is a part ("one sentence on why", "a line at the end"). */
const SMALL_PART_AFTER_RE =
  /^\s*(?:of|about|on|explaining|describing|summari[sz]ing|saying|at the (?:start|end|top|beginning|bottom))\b/;
/** Before the bound in its clause: the bound is a part's ("each bullet should be one sentence"). */
const PART_BEFORE_RE =
  /\b(?:each|every|per)\s+(?!(?:answer|response|reply|message|output)\b)[a-z-]+(?:\s+[a-z-]+)?\s+(?:(?:should|must|can|may|will|is to|needs to)\s+(?:be\s+|have\s+|contain\s+|stay\s+)?)?(?:\w+\s+)?$/;

function unitOf(u: string): string {
  return u.replace(/s$/, "");
}

/** Every bound on a length in one lower-cased clause; overlapping readings keep the first found. */
export function lengthBounds(lower: string): LengthBound[] {
  const out: LengthBound[] = [];
  const taken: Array<[number, number]> = [];
  let explicit = true;
  const add = (m: RegExpMatchArray, unit: string, min?: number, max?: number) => {
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
    if (PART_AFTER_RE.test(rest) || PART_BEFORE_RE.test(before) || NOT_ANSWER_BEFORE_RE.test(before)) return;
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
  for (const m of lower.matchAll(EXACT_RE)) {
    const n = numberOf(m[1]);
    add(m, m[2]!, n, n);
  }
  for (const m of lower.matchAll(RANGE_RE)) add(m, m[3]!, numberOf(m[1]), numberOf(m[2]));
  for (const m of lower.matchAll(MAX_RE)) add(m, m[2]!, undefined, numberOf(m[1]));
  for (const m of lower.matchAll(MAX_POST_RE)) add(m, (m[2] ?? m[4])!, undefined, numberOf(m[1] ?? m[3]));
  for (const m of lower.matchAll(MIN_RE)) add(m, m[2]!, numberOf(m[1]), undefined);
  for (const m of lower.matchAll(MIN_POST_RE)) add(m, (m[2] ?? m[4])!, numberOf(m[1] ?? m[3]), undefined);
  explicit = false;
  for (const m of lower.matchAll(APPROX_RE)) {
    const n = numberOf(m[1]);
    add(m, m[2]!, n * 0.7, n * 1.5);
  }
  for (const m of lower.matchAll(OR_RE)) add(m, m[3]!, undefined, Math.max(numberOf(m[1]), numberOf(m[2])));
  for (const m of lower.matchAll(HYPHEN_RE)) {
    const n = numberOf(m[1]);
    // "a one-sentence summary" is a ceiling; "a 2,000-word essay" is about that long
    if (n <= 2) add(m, m[2]!, undefined, n);
    else add(m, m[2]!, n * 0.75, n * 1.5);
  }
  for (const m of lower.matchAll(PLAIN_RE)) {
    const word = m[1]!;
    const n = word === "a" || word === "an" ? 1 : numberOf(word);
    const unit = m[2]!;
    if (Number.isNaN(n)) continue;
    // "in two sentences" holds the answer to about that many; a count of words is about that long
    add(m, unit, n * 0.7, n <= 2 ? n : n * 1.5);
  }
  for (const m of lower.matchAll(ITEMS_MIN_RE)) add(m, "item", numberOf(m[1]), undefined);
  for (const m of lower.matchAll(PARAGRAPH_RE)) {
    if (m[1]) add(m, "word", undefined, 100);
    else add(m, "paragraph", undefined, 1);
  }
  for (const m of lower.matchAll(SHORT_WORDS_RE)) add(m, "word", undefined, 400);
  for (const m of lower.matchAll(LONG_WORDS_RE)) add(m, "word", 200, undefined);
  return out;
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

// ── which deliverable a demand is about ─────────────────────────────────────────────────────────

const DELIVERABLES =
  "button|buttons|label|labels|call to action|cta|alt text|hashtags?|summary|summaries|analysis|critique|report|article|essay|post|tweet|thread|bio|biography|description|caption|title|headline|intro|introduction|conclusion|abstract|email|e-mail|letter|cover letter|story|poem|speech|review|slogan|tagline|subject line|meta description|outline|overview|explanation|announcement|press release|newsletter|script|proposal|brief|memo|note|toast|message|paragraph|section|chapter|list|bullet|bullets|slide|slides|comment|comments|docstring|commit message|answer|reply|response|output|text";
const DELIVERABLE_RE = new RegExp(`\\b(?:${DELIVERABLES})\\b`, "g");
const DELIVERABLE_WORD_RE = new RegExp(`^(?:${DELIVERABLES})$`);
/** A demand on "it": about whatever the sentence before made. */
export const PRONOUN_TARGET = "@it";
/** The answer itself: a bound on it is a bound on every part that is not named. */
const GENERIC_TARGET = /^(?:answer|reply|response|output|text|message)$/;
const VERB_TARGET: Record<string, string> = {
  summarise: "summary",
  summarize: "summary",
  explain: "explanation",
  describe: "description",
  analyse: "analysis",
  analyze: "analysis",
  critique: "critique",
  review: "review",
  translate: "translation",
  outline: "outline",
};
const SUBJECT_PRONOUN_RE =
  /^\s*(?:[-*•]\s*|\d+[.)]\s*)?(?:and |but |also |then |make |keep |ensure |make sure )?(?:it|this|that|everything|the whole thing|your (?:answer|reply|response|output)s?|the (?:answer|reply|response|output))\b/;

/**
 * The deliverable a demand at `at` in a clause is about: the verb that opens its part of the clause
 * ("summarise … in one sentence" → summary), else the nearest deliverable noun before it in that part, else
 * the one it qualifies ("a 2,000-word analysis"). Null for the answer itself or a pronoun ("make it …").
 */
export function targetOf(lower: string, at: number, end: number): string | null {
  // the part of the clause the demand sits in: ", then …", " and then …", "; second, …"
  const cuts = [
    ...lower
      .slice(0, at)
      .matchAll(
        /,\s*(?:and\s+)?then\b|\bthen\b|,\s*and\s+(?=[a-z]+\s)|\b(?:first|second|third|finally|next),/g,
      ),
  ];
  const partStart = cuts.length ? cuts[cuts.length - 1]!.index! + cuts[cuts.length - 1]![0].length : 0;
  const nextCut = lower.slice(end).search(/,\s*(?:and\s+)?then\b|\bthen\b|,\s*and\s+/);
  const part = lower.slice(partStart, nextCut < 0 ? lower.length : end + nextCut);
  const rel = at - partStart;
  // "make it …", "it should be …": the deliverable of the sentence before (the caller resolves it)
  if (SUBJECT_PRONOUN_RE.test(part))
    return /^\s*(?:[-*•]\s*|\d+[.)]\s*)?(?:and |but |also |then |make |keep |ensure |make sure )?(?:it|this|that)\b/.test(
      part,
    )
      ? PRONOUN_TARGET
      : null;
  // "a one-sentence hook", "a 2,000-word analysis": the bound qualifies the noun after it
  if (/-(?:words?|sentences?|lines?|paragraphs?|pages?|characters?)$/.test(lower.slice(at, end))) {
    const next = lower.slice(end, end + 50).match(/[a-z-]+/g) ?? [];
    const words = next.slice(0, 3);
    const known = words.find(
      (w) => DELIVERABLE_WORD_RE.test(w) || /^(?:hook|opener|pitch|piece|guide|update|blog)$/.test(w),
    );
    const noun = known ?? words[0];
    if (
      noun &&
      !/^(?:limit|maximum|max|cap|or|and|to|in|of|for|at|with|long|answers?|repl(?:y|ies)|responses?|output|text)$/.test(
        noun,
      )
    )
      return norm(noun);
    return null;
  }
  const verb = /^\s*(?:[-*•]\s*|\d+[.)]\s*)?(?:please\s+)?([a-z]+)/.exec(part)?.[1];
  if (verb && VERB_TARGET[verb]) return VERB_TARGET[verb]!;
  let before: string | null = null;
  let after: string | null = null;
  for (const m of part.matchAll(DELIVERABLE_RE)) {
    if (m.index! < rel) before = m[0];
    // only the noun the bound runs into ("under 50 words of summary"), not one further on
    else if (
      after === null &&
      m.index! >= rel &&
      /^\s*(?:of\s+)?(?:(?:a|an|the|your)\s+)?(?:[a-z-]+\s+)?$/.test(part.slice(end - partStart, m.index!)) &&
      !/\b(?:plus|and|or|with|but)\b/.test(part.slice(end - partStart, m.index!))
    )
      after = m[0];
  }
  const t = before ?? after;
  if (t === null || GENERIC_TARGET.test(t)) return null;
  return norm(t);
}

/** One spelling per deliverable: the last word, singular ("cover letter" → letter, "summaries" → summary). */
function norm(t: string): string {
  if (/^(?:subject line|meta description|press release|commit message)s?$/.test(t))
    return t.replace(/s$/, "");
  return (t.split(/\s+/).pop() ?? t).replace(/(?:ies)$/, "y").replace(/s$/, "");
}

// ── sections ──────────────────────────────────────────────────────────────────────────────────────

/** Starts of the prompt's sections: Markdown headings, "Label:" lines, and bare title lines over a list. */
export function sectionStarts(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(
    /^[ \t]*(?:#{1,6}[ \t][^\n]*|[^\n.!?]{2,60}:[ \t]*|[A-Z][^\n.!?:]{1,50})$(?=\n)/gm,
  )) {
    // a bare title line counts only above a list or a heading-like block
    if (
      !/[:#]/.test(m[0]) &&
      !/^\n[ \t]*(?:[-*•]|\d+[.)])/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 8))
    )
      continue;
    out.push(m.index);
  }
  return out;
}

export function sectionOf(starts: number[], offset: number): number {
  let s = -1;
  for (let i = 0; i < starts.length && starts[i]! <= offset; i++) s = i;
  return s;
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
  "give|list|suggest|provide|write|include|generate|propose|offer|name|share|create|recommend|add|return|produce|draft|come up with|brainstorm|outline|identify|use|contain|have|has";
const COUNT_RE = new RegExp(
  `\\b(?:${COUNT_VERBS})(?: me| us| the user| them)?(?: (?:only|just))? (?:(exactly|at most|no more than|not more than|up to|a maximum of|maximum of|max|at least|no fewer than|no less than|a minimum of|minimum of|between)\\s+)?(${N})(?:\\s*(?:-|–|to|and)\\s*(${N}))? ((?:[a-z-]+ ){0,2}?)([a-z]{3,}s)\\b`,
  "g",
);
const NOT_ITEMS =
  /^(?:words|sentences|lines|paragraphs|pages|characters|chars|stanzas|minutes|hours|days|weeks|months|years|seconds|times|people|dollars|euros|pounds|percent|points of view|steps of|others|ones|things)$/;

export function countBounds(lower: string): CountBound[] {
  const out: CountBound[] = [];
  for (const m of lower.matchAll(COUNT_RE)) {
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
      )?.[1] ?? "";
    out.push({
      index: m.index!,
      length: m[0].length,
      noun: noun.replace(/(?:ies)$/, "y").replace(/s$/, ""),
      scope,
      min,
      max,
    });
  }
  return out;
}

// ── mention or leave out a named thing ───────────────────────────────────────────────────────────

const NEG = "(?:never|do not|don't|must not|should not|shouldn't|cannot|can't|avoid|without)";
const SAY_VERBS =
  "mention(?:ing)?|nam(?:e|ing)|refer(?:ring)? to|bring(?:ing)? up|talk(?:ing)? about|discuss(?:ing)?|disclos(?:e|ing)|quot(?:e|ing)|shar(?:e|ing)|reveal(?:ing)?|say(?:ing)? anything about|includ(?:e|ing)|stat(?:e|ing)|list(?:ing)?|giv(?:e|ing)|show(?:ing)?|add(?:ing)?|writ(?:e|ing)|display(?:ing)?|specify(?:ing)?|print(?:ing)?";
/** The thing named: up to four words, cut at a preposition, a conjunction or punctuation. */
const NP =
  "((?:the |a |an |our |your |their |any |all |its |his |her )?(?!(?:in|on|at|by|for|to|with|from|of|or|and|but|if|when|that|which|what|how|yourself|about|as|any|all|no|not|up|out|outside|inside|into|over|under|more|less|anything|everything|nothing|something|too|very|so|it|them|this|that)\\b)[a-z0-9][\\w'’&-]*(?: (?!(?:in|on|at|by|for|to|with|from|of|anywhere|unless|if|when|where|and|or|but|so|that|which|clearly|explicitly|directly|at all|ever|again|here|there|as|into|about|until|before|after|because|since|under|over|whatsoever|either|too|also)\\b)[a-z0-9][\\w'’&-]*){0,3})";
export const OMIT_RE = new RegExp(
  `\\b(?:${NEG}\\s+(?:ever\\s+|ever,\\s+|directly\\s+|explicitly\\s+|even\\s+)?(?:${SAY_VERBS})|avoid (?:any |all )?(?:mention|discussion|reference)s? (?:of|to)|no (?:mention|discussion) of)\\s+${NP}|\\b(?:omit|leave out|exclude|skip|drop|remove|strip out|cut out)\\s+${NP}`,
  "g",
);
export const INCLUDE_RE = new RegExp(
  `\\b(?:mention|name|quote|state|disclose|reveal|share|include|list|give|show|add|highlight|specify|display|print|feature|end with|finish with|close with|start with|open with|begin with|write|put|tell (?:the user|them|customers|the customer|readers|the reader) about|talk about|discuss|point out|spell out|call out)\\s+${NP}`,
  "g",
);
/** Words that name nothing in particular: "include the following", "never share it", "do not add more". */
const VAGUE_OBJECT =
  /^(?:it|them|this|that|these|those|anything|everything|something|more|less|other|others|following|same|one|any|all|each|too|much|many|yourself|itself|up|out|in|on|off|so|what|how|why|who|when|where|whether|if|as|things?|stuff|details|information|info|text|content|words?|code|answers?|responses?|replies|reply|output|notes?|language|sentences?|lines?|paragraphs?|questions?|emojis?|links?|urls?|tables?|lists?|bullets?|bullet points?|json|markdown|sources?|citations?|references?|jargon|slang|opinions?|advice|examples?)$/;
const DETERMINERS = /^(?:the|a|an|our|your|their|any|all|its|his|her)$/;

/** The words of a named thing, without determiners, possessives and plural endings ("the CEO's name" → ceo). */
export function thingWords(np: string): string[] {
  const words = np
    .toLowerCase()
    .replace(/['’]s name$/, "")
    .replace(/['’]s?\b/g, "")
    .split(/\s+/)
    .filter((w) => w && !DETERMINERS.test(w) && !/^(?:section|part|line|paragraph|block)s?$/.test(w));
  return words.map((w) =>
    w
      .replace(/(?:ies)$/, "y")
      .replace(/(?:es|s)$/, "")
      .replace(/ing$/, ""),
  );
}

export function vagueThing(np: string): boolean {
  const words = np
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w && !DETERMINERS.test(w));
  return words.length === 0 || (words.length === 1 && VAGUE_OBJECT.test(words[0]!));
}

/** A scope after the named thing narrows the prohibition: "not in the subject line", "not at the top". */
export const SCOPE_AFTER_RE =
  /^\s*(?:in|on|at|for|to|within|inside|under|during|from|when|if|unless|until|before|after|where|while|as|except|outside|that|which|who|whose|beyond|other than)\b/;
/** Where a verb is an instruction of its own: at the start of its clause or after a modal or a linking word. */
export const IMPERATIVE_LEAD_RE =
  /(?:^|[:;,.!?*)\]]\s*|^\s*(?:[-*•]|\d+[.)])\s*|\b(?:please|always|also|then|and|must|should|you|make sure to|be sure to|remember to|don't forget to|need to|needs to|have to|has to|will|shall|simply|just|only|instead)\s+)$/;

// ── tone ──────────────────────────────────────────────────────────────────────────────────────────

export const TONE_FAMILY: Record<string, string> = {
  formal: "formal",
  stiff: "formal",
  casual: "casual",
  informal: "casual",
  chatty: "casual",
  colloquial: "casual",
  relaxed: "casual",
  "laid-back": "casual",
  slangy: "slang",
  slang: "slang",
  playful: "humorous",
  humorous: "humorous",
  funny: "humorous",
  jokey: "humorous",
  witty: "humorous",
  comedic: "humorous",
  silly: "humorous",
  goofy: "humorous",
  "light-hearted": "humorous",
  lighthearted: "humorous",
  serious: "serious",
  solemn: "serious",
  sober: "serious",
  somber: "serious",
  sombre: "serious",
  grave: "serious",
  professional: "professional",
  enthusiastic: "enthusiastic",
  excited: "enthusiastic",
  hyped: "enthusiastic",
  neutral: "neutral",
  restrained: "neutral",
  understated: "neutral",
  detached: "neutral",
};
const TONE_WORDS = Object.keys(TONE_FAMILY).join("|");
/** A tone asked for: after a verb of manner, or naming a tone, style or register, or "full of slang". */
export const TONE_ANY_RE = new RegExp(
  `\\b(?:use|using|keep|adopt|adopting|write in|written in|write with|with|maintain|be|sound|stay|remain|feel|write an?|draft an?|compose an?|create an?|in an?|make (?:it|them|this|the [a-z]+)|keep (?:the |your |a )?(?:tone|style|register|voice|language|wording)(?: of (?:the |your )?[a-z]+)?|(?:it|this|that|the tone|your tone|tone|the style|the [a-z]+|your [a-z]+) (?:should|must|needs to|has to|is to|will) (?:be|sound|feel|stay|remain)|tone:|style:|register:|and|but)\\s+(?:it\\s+|a\\s+|an\\s+|the\\s+|strictly\\s+|very\\s+|always\\s+|really\\s+|extremely\\s+|highly\\s+|lots of\\s+|plenty of\\s+|(?:language|wording|style|register|voice)\\s+|(?:warm|friendly|relaxed|light|polite|clear|simple|respectful|strict|calm|upbeat|sober|dry|grave),?\\s+(?:and\\s+)?)*(${TONE_WORDS})\\b(?!\\s+(?:with|for|when|if|to|towards)\\b)|\\b(${TONE_WORDS})\\s+(?:tone|style|register|voice|manner|language|wording|feel|vibe)\\b(?!\\s+(?:with|for|when|if|to|towards)\\b)|\\b(?:full of|lots of|plenty of|heavy on|use|using|with|add|sprinkle in)\\s+(?:some\\s+)?(slang)\\b`,
  "g",
);
/** Tones one text cannot hold at once ("professional but friendly" and "casual yet respectful" can). */
export const TONE_CLASHES = new Set([
  "formal|casual",
  "humorous|serious",
  "formal|slang",
  "professional|slang",
  "enthusiastic|neutral",
]);

/**
 * The prompt's one deliverable, when its first instruction sentence names exactly one ("Write a tweet …"):
 * a bound on it is a bound on the whole answer.
 */
export function mainDeliverable(firstSentence: string): string | null {
  const found = new Set<string>();
  const verb = /^\s*(?:please\s+)?([a-z]+)/.exec(firstSentence)?.[1];
  // "summarise the report …": the summary is made, the report is its source
  const cut = firstSentence.search(/,\s*(?:and\s+)?then\b|\bthen\b|,\s*and\s+|;/);
  const sourceEnd = verb && VERB_TARGET[verb] ? (cut < 0 ? firstSentence.length : cut) : 0;
  if (verb && VERB_TARGET[verb]) found.add(VERB_TARGET[verb]!);
  for (const m of firstSentence.matchAll(DELIVERABLE_RE)) {
    if (m.index! < sourceEnd) continue;
    // "… for the newsletter", "… about the report": where it goes or what it is about
    if (
      /\b(?:for|about|on|to|from|of|in|into|with|by)\s+(?:[\w'-]+\s+){0,2}$/.test(
        firstSentence.slice(Math.max(0, m.index! - 30), m.index!),
      )
    )
      continue;
    if (
      !GENERIC_TARGET.test(m[0]) &&
      !/^(?:paragraph|section|chapter|list|bullets?|slides?|comments?|note)$/.test(m[0])
    )
      found.add(norm(m[0]));
  }
  return found.size === 1 ? [...found][0]! : null;
}

/** A list header that forbids what follows it ("Never:", "Do NOT add:", "Negatives:", "Avoid:"). */
const NEGATIVE_HEADER_RE =
  /(?:\b(?:never|don'?t|do not|avoid|not|no|forbidden|prohibited|must not|red flags?|anti-?patterns?|pitfalls|mistakes|bad|negatives?|negative[ _]prompt|exclude|excluded|without)\b[^\n:]{0,40}|^[ \t]*(?:[-*•]\s*)?\W{0,3}(?:❌|✗|✘)[^\n]{0,40})["']?\s*:\s*["']?\s*$/i;

/** True when `offset` sits in a list or a comma run that a negative header introduces. */
export function underNegativeHeader(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  // the header on the same line: `"negative_prompt": "anime, …"`, "Negatives: cartoon, …"
  const own = text.slice(lineStart, offset);
  if (
    /(?:negative[ _]?prompt|negatives|avoid|exclude|do not (?:add|include|use)|don't (?:add|include|use)|never)["']?\s*:[^\n]*$/i.test(
      own,
    )
  )
    return true;
  // walk up over list items (and single blank lines) to the line that introduces them
  const lines = text.slice(Math.max(0, lineStart - 4000), Math.max(0, lineStart - 1)).split("\n");
  let blanks = 0;
  for (let i = lines.length - 1, steps = 0; i >= 0 && steps < 40; i--, steps++) {
    const line = lines[i]!;
    if (/^\s*$/.test(line)) {
      if (++blanks > 1) return false;
      continue;
    }
    blanks = 0;
    if (/:\s*["']?\s*$/.test(line)) return NEGATIVE_HEADER_RE.test(line);
    if (!/^\s*(?:[-*•✗✘❌]|\d+[.)])/.test(line)) return false;
  }
  return false;
}
