// The readers behind the contradiction rules' open-ended subjects: a named thing to mention or to leave
// out, a tone, and which deliverable or section each demand is about (the bounds on length and on a
// number of items are read in contradiction-lengths.ts). Each reader works on one lower-cased clause of
// the author's instructions and returns plain values; contradictions.ts decides which pairs cannot both hold.
import { matchesOf } from "../text.js";
import { INSIDE_CONDITION_RE } from "./contradiction-scope.js";

// ── which deliverable a demand is about ─────────────────────────────────────────────────────────

const DELIVERABLES =
  "button|buttons|label|labels|call to action|cta|alt text|hashtags?|summary|summaries|analysis|critique|report|article|essay|post|tweet|thread|bio|biography|description|caption|title|headline|intro|introduction|conclusion|abstract|email|e-mail|letter|cover letter|story|poem|speech|review|slogan|tagline|subject line|meta description|outline|overview|explanation|announcement|press release|newsletter|script|proposal|brief|memo|note|toast|message|paragraph|section|chapter|list|bullet|bullets|slide|slides|comment|comments|docstring|commit message|appendix|appendices|annex|breakdown|deep dive|faq|guide|body|answer|reply|response|output|text";
const DELIVERABLE_RE = new RegExp(`\\b(?:${DELIVERABLES})\\b`, "g");
const DELIVERABLE_WORD_RE = new RegExp(`^(?:${DELIVERABLES})$`);
/** A demand on "it": about whatever the sentence before made. */
export const PRONOUN_TARGET = "@it";
/** A second version of the piece made ("Then write a longer version, about 60 words"): a piece of its own. */
export const OTHER_VERSION_TARGET = "@version";
const OTHER_VERSION_RE =
  /^\s*(?:and\s+|also\s+|now\s+)?(?:please\s+)?(?:write|draft|create|produce|make|add|give(?:\s+me)?|prepare|compose)\s+(?:a|an|one)\s+(?:(?:second|another|longer|shorter|extended|expanded|condensed|full|fuller|short|long|alternative|alternate)\s+)+(?:[a-z-]+\s+)?(?:version|variant|take|cut|edit)\b|^\s*(?:and\s+|also\s+)?(?:write|draft|create|give(?:\s+me)?|add)\s+another\s+(?:version|variant|take|one)\b/;
/** A bound in one of the parts of a sequence ("your pick in one line, then the reasoning in 4-5 sentences"). */
export const SEQUENCE_PART_TARGET = "@part";
const SEQUENCE_RE = /,\s*(?:and\s+)?then\b|\bthen\b|\b(?:first|second|third|finally|next),/;
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
  // "Open by mentioning the event in one sentence", "Close with a question": the opening or the close
  open: "opening",
  begin: "opening",
  start: "opening",
  close: "closing",
  end: "closing",
  finish: "closing",
};
const KEPT_RE =
  /^\s*(?:[-*•]\s*|\d+[.)]\s*)?(?:please\s+)?(?:keep|limit|cap)\s+(?:(?:all|each|every|any|the|your)\s+)*([a-z][a-z-]{2,})\s+(?:to\s+|at\s+)?$/;
const SUBJECT_PRONOUN_RE =
  /^\s*(?:[-*•]\s*|\d+[.)]\s*)?(?:and |but |also |then |make |keep |ensure |make sure )?(?:it|this|that|everything|the whole thing|your (?:answer|reply|response|output)s?|the (?:answer|reply|response|output))\b/;

/**
 * The deliverable a demand at `at` in a clause is about: the verb that opens its part of the clause
 * ("summarise … in one sentence" → summary), else the nearest deliverable noun before it in that part, else
 * the one it qualifies ("a 2,000-word analysis"). Null for the answer itself or a pronoun ("make it …").
 */
export function targetOf(lower: string, at: number, end: number): string | null {
  const target = targetInClause(lower, at, end);
  // "In a section called MEANING, write 165-word bullets" … "In a section called EVIDENCE, 15-word bullets":
  // a clause that names its own section bounds that section's part only
  const section = NAMED_SECTION_RE.exec(lower.slice(0, at))?.[1];
  if (!section || target === PRONOUN_TARGET || target === OTHER_VERSION_TARGET) return target;
  return `${target ?? "part"}@${section.trim()}`;
}

/** "in a section called X", "add a section named 'X' that …": the part of the answer a clause is about. */
const NAMED_SECTION_RE =
  /\bsection\s+(?:called|named|titled|entitled|labell?ed|headed)\s+["'“‘*]*([a-z0-9][\w &/-]{0,40}?)["'”’*]*(?=[,.:;(]|\s+(?:that|which|where|with|and|of|for|to|containing|listing|giving|in)\b|\s*$)/;

function targetInClause(lower: string, at: number, end: number): string | null {
  // the part of the clause the demand sits in: ", then …", " and then …", "; second, …"
  const cuts = [
    ...matchesOf(
      lower.slice(0, at),
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
  // (also unhyphenated in the singular: "a 20-30 word description", "the one-two word name")
  if (
    /-(?:words?|sentences?|lines?|paragraphs?|pages?|characters?)$/.test(lower.slice(at, end)) ||
    (/ (?:word|sentence|line|paragraph|page|character)$/.test(lower.slice(at, end)) &&
      /^ (?!(?:and|or|but|to|in|of|for|on|at|by|as|with|max|maximum|limit|long|each|per)\b)[a-z]/.test(
        lower.slice(end, end + 12),
      ))
  ) {
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
  if (OTHER_VERSION_RE.test(part)) return OTHER_VERSION_TARGET;
  const verb = /^\s*(?:[-*•]\s*|\d+[.)]\s*)?(?:please\s+)?([a-z]+)/.exec(part)?.[1];
  if (verb && VERB_TARGET[verb]) return VERB_TARGET[verb]!;
  // "keep all quotes below fifteen words", "limit each sentence to 20 words": the bound is on what is kept
  const kept = KEPT_RE.exec(part.slice(0, rel))?.[1];
  if (kept) return GENERIC_TARGET.test(norm(kept)) ? null : norm(kept);
  let before: string | null = null;
  let after: string | null = null;
  let prevEnd = -1;
  let prevWord = "";
  for (const m of matchesOf(part, DELIVERABLE_RE)) {
    // "button text", "summary output": a generic word after a part's name is that part
    const compound = prevEnd >= 0 && GENERIC_TARGET.test(m[0]) && /^\s+$/.test(part.slice(prevEnd, m.index!));
    const word = compound ? prevWord : m[0];
    prevEnd = m.index! + m[0].length;
    prevWord = word;
    if (m.index! < rel) before = word;
    // only the noun the bound runs into ("under 50 words of summary"), not one further on
    else if (
      after === null &&
      m.index! >= rel &&
      /^\s*(?:of\s+)?(?:(?:a|an|the|your)\s+)?(?:[a-z-]+\s+)?$/.test(part.slice(end - partStart, m.index!)) &&
      !/\b(?:plus|and|or|with|but)\b/.test(part.slice(end - partStart, m.index!))
    )
      after = m[0];
  }
  // "Tags are between 14-20 characters": a noun the bound is stated of, as the subject of its clause
  const t = before ?? after ?? statedOf(part.slice(0, rel));
  // a part of a sequence in one sentence with no deliverable named: the part itself, at its place
  if (t === null || GENERIC_TARGET.test(t))
    // ("in one sentence, and in at least 300 words" is one part said twice, not a sequence)
    return SEQUENCE_RE.test(lower) ? `${SEQUENCE_PART_TARGET}${partStart}` : null;
  return norm(t);
}

function statedOf(lead: string): string | null {
  const noun = STATED_OF_RE.exec(lead)?.[1];
  return noun && !/^(?:it|this|that|they|there|which|what)$/.test(noun) && !GENERIC_TARGET.test(norm(noun))
    ? noun
    : null;
}
const STATED_OF_RE =
  /^\s*(?:[-*•]\s*|\d+[.)]\s*)?(?:the |each |every |all |your |our )?([a-z][a-z-]{2,})\s+(?:are|is|must be|should be|will be)\s+(?:always\s+)?$/;

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
  for (const m of matchesOf(
    text,
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

// ── mention or leave out a named thing ───────────────────────────────────────────────────────────

const NEG = "(?:never|do not|don't|must not|should not|shouldn't|cannot|can't|avoid|without)";
const SAY_VERBS =
  "mention(?:ing)?|nam(?:e|ing)|refer(?:ring)? to|bring(?:ing)? up|talk(?:ing)? about|discuss(?:ing)?|disclos(?:e|ing)|quot(?:e|ing)|shar(?:e|ing)|reveal(?:ing)?|say(?:ing)? anything about|includ(?:e|ing)|stat(?:e|ing)|list(?:ing)?|giv(?:e|ing)|show(?:ing)?|add(?:ing)?|writ(?:e|ing)|display(?:ing)?|specify(?:ing)?|print(?:ing)?";
/** The thing named: up to four words, cut at a preposition, a conjunction or punctuation. */
const NP =
  "((?:the |a |an |our |your |their |any |all |its |his |her )?(?!(?:in|on|at|by|for|to|with|from|of|or|and|but|if|when|that|which|what|how|yourself|about|as|any|all|no|not|up|out|outside|inside|into|over|under|more|less|anything|everything|nothing|something|too|very|so|it|them|this|that)\\b)[a-z0-9][\\w'’&-]*(?: (?!(?:in|on|at|by|for|to|with|from|of|anywhere|unless|if|when|where|and|or|but|so|that|which|clearly|explicitly|directly|at all|ever|again|here|there|as|into|about|until|before|after|because|since|under|over|whatsoever|either|too|also)\\b)[a-z0-9][\\w'’&-]*){0,3})";
export const OMIT_RE = new RegExp(
  `\\b(?:${NEG}\\s+(?:ever\\s+|ever,\\s+|directly\\s+|explicitly\\s+|even\\s+)?(?:${SAY_VERBS})(?:,?\\s+(?:or|and|nor)\\s+(?:${SAY_VERBS}))?|avoid (?:any |all )?(?:mention|discussion|reference)s? (?:of|to)|no (?:mention|discussion) of)\\s+${NP}|\\b(?:omit|leave out|exclude|skip|drop|remove|strip out|cut out)\\s+${NP}`,
  "g",
);
export const INCLUDE_RE = new RegExp(
  `\\b(?:mention|name|quote|state|disclose|reveal|share|include|list|give|show|add|highlight|specify|display|print|feature|(?:end|finish|close|start|open|begin|sign off|sign) (?:(?:every|each|all|the|your) (?:[a-z-]+ )?(?:repl(?:y|ies)|messages?|answers?|responses?|e-?mails?|letters?|posts?) )?with|write|put|tell (?:the user|them|customers|the customer|readers|the reader) about|talk about|discuss|point out|spell out|call out)\\s+${NP}`,
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
      // "boxes" → box, "codes" → code, "ids" → id; "address" keeps its double s
      .replace(/(?<=(?:s|x|z|ch|sh))es$/, "")
      .replace(/(?<!s)s$/, "")
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

/** A scope after the named thing narrows the prohibition: "not in the subject line", "not at the top"; "to the
 * customer" names who reads the answer, so it narrows nothing. */
export const SCOPE_AFTER_RE =
  /^\s*(?:in|on|at|for|to(?! (?:the |our |your )?(?:users?|customers?|clients?|readers?|callers?|visitors?|guests?|students?|patients?|prospects?|claimants?)\b)|within|inside|under|during|from|when|if|unless|until|before|after|where|while|as|except|outside|that|which|who|whose|beyond|other than)\b/;
/** Where a verb is an instruction of its own: at the start of its clause or after a modal or a linking word. */
export const IMPERATIVE_LEAD_RE =
  /(?:^|[:;,.!?*)\]]\s*|^\s*(?:[-*•]|\d+[.)])\s*|\b(?:please|always|also|then|and|must|should|you|make sure to|be sure to|remember to|don't forget to|need to|needs to|have to|has to|will|shall|simply|just|only|instead)\s+)$/;

// ── a named thing forbidden by name, then said ──────────────────────────────────────────────────

/** "tell the traveller the name of that carrier": naming the other one, whoever it is. */
export const NAME_RIVAL_RE =
  /\b(?:tell|give|show|mention|state|include|share)\s+(?:the (?:user|customer|traveller|traveler|caller|client|reader|guest|visitor)s?\s+|them\s+)?(?:the |their )?names? of (?:that|the other|the competing|the rival|the cheaper|this|those|these|the) (?:[a-z]+ )?(?:carriers?|airlines?|providers?|brands?|compan(?:y|ies)|competitors?|vendors?|stores?|shops?|banks?|operators?|suppliers?|retailers?|rivals?)\b/g;

/** A proper name forbidden by name: "never mention Amazon", "do not recommend Acme Corp". */
const FORBIDDEN_NAME_RE =
  /\b(?:[Nn]ever|[Dd]o not|[Dd]on't|[Mm]ust not|[Ss]hould not) (?:mention|name|recommend|suggest|refer to|link to|bring up|talk about|promote)\s+([A-Z][\w&'-]+(?: [A-Z][\w&'-]+)?)/g;
const NOT_A_NAME = /^(?:I|The|A|An|Our|Your|Their|Any|All|This|That|It|Them|Other|Competitors?)$/;

export function forbiddenNames(text: string): string[] {
  const out = new Set<string>();
  if (!/never|not|n't/i.test(text)) return [];
  for (const m of matchesOf(text, FORBIDDEN_NAME_RE)) {
    const name = m[1]!.split(" ").filter((w) => !NOT_A_NAME.test(w));
    if (name.length > 0 && !NOT_A_NAME.test(m[1]!.split(" ")[0]!)) out.add(name.join(" "));
  }
  return [...out];
}

/** A demand that says a forbidden name: a verb of telling or pointing, then the name later in its clause. */
const SAY_LEAD_RE =
  /\b(?:tell|say|mention|recommend|suggest|point|link|send|direct|refer|name|quote|explain|add)\b(?![^.;]*\b(?:not|never|n't|without)\b)[^.;]{0,70}$/;

export function namedAgain(
  text: string,
  lower: string,
  names: readonly string[],
): Array<{ name: string; index: number; length: number }> {
  const out: Array<{ name: string; index: number; length: number }> = [];
  for (const name of names) {
    const at = text.search(new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`));
    if (at < 0) continue;
    const before = lower.slice(0, at);
    const verb = SAY_LEAD_RE.exec(before);
    // the demand's verb must lead its clause, and the name must not sit in the condition or the prohibition
    if (!verb || !IMPERATIVE_LEAD_RE.test(before.slice(0, verb.index))) continue;
    if (INSIDE_CONDITION_RE.test(before) || /\b(?:never|not|n't|avoid|without)\b/.test(before)) continue;
    out.push({ name: name.toLowerCase(), index: verb.index, length: at + name.length - verb.index });
  }
  return out;
}

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
  solemn: "sombre",
  sober: "serious",
  somber: "sombre",
  sombre: "sombre",
  grave: "sombre",
  mournful: "sombre",
  gloomy: "sombre",
  cheerful: "cheerful",
  cheery: "cheerful",
  upbeat: "cheerful",
  bubbly: "cheerful",
  jolly: "cheerful",
  peppy: "cheerful",
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
/** Nouns a tone word may qualify without asking for a tone: "these are serious discussions", "casual users". */
const TONE_SITUATIONS =
  "(?:discussions?|conversations?|topics?|subjects?|matters?|issues?|situations?|cases?|moments?|occasions?|events?|settings?|contexts?|users?|customers?|people|visitors?|questions?|business)";
/** A tone asked for: after a verb of manner, or naming a tone, style or register, or "full of slang". */
export const TONE_ANY_RE = new RegExp(
  `\\b(?:use|using|keep|adopt|adopting|write in|written in|write with|with|maintain|be|sound|stay|remain|feel|write an?|draft an?|compose an?|create an?|in an?|make (?:it|them|this|the [a-z]+)|keep (?:the |your |a )?(?:tone|style|register|voice|language|wording)(?: of (?:the |your )?[a-z]+)?|(?:it|this|that|the tone|your tone|tone|the style|the [a-z]+|your [a-z]+) (?:should|must|needs to|has to|is to|will) (?:be|sound|feel|stay|remain)|tone:|style:|register:|and|but)\\s+(?:it\\s+|a\\s+|an\\s+|the\\s+|strictly\\s+|very\\s+|always\\s+|really\\s+|extremely\\s+|highly\\s+|lots of\\s+|plenty of\\s+|(?:language|wording|style|register|voice)\\s+|(?:warm|friendly|relaxed|light|polite|clear|simple|respectful|strict|calm|upbeat|sober|dry|grave),?\\s+(?:and\\s+)?)*(${TONE_WORDS})\\b(?!\\s+(?:with|for|when|if|to|towards|${TONE_SITUATIONS})\\b)|\\b(${TONE_WORDS})\\s+(?:tone|style|register|voice|manner|language|wording|feel|vibe)\\b(?!\\s+(?:with|for|when|if|to|towards)\\b)|\\b(?:full of|lots of|plenty of|heavy on|use|using|with|add|sprinkle in)\\s+(?:some\\s+)?(slang)\\b`,
  "g",
);
/** Tones one text cannot hold at once ("professional but friendly" and "casual yet respectful" can). */
export const TONE_CLASHES = new Set([
  "formal|casual",
  "humorous|serious",
  "humorous|sombre",
  "cheerful|sombre",
  "enthusiastic|sombre",
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
  // "The headline must not exceed ten words.": a demand on one part, not the deliverable that is made
  if (verb && /^(?:the|a|an|your|our|each|every|its|this)$/.test(verb)) return null;
  // "summarise the report …": the summary is made, the report is its source
  const cut = firstSentence.search(/,\s*(?:and\s+)?then\b|\bthen\b|,\s*and\s+|;/);
  const sourceEnd = verb && VERB_TARGET[verb] ? (cut < 0 ? firstSentence.length : cut) : 0;
  if (verb && VERB_TARGET[verb]) found.add(VERB_TARGET[verb]!);
  for (const m of matchesOf(firstSentence, DELIVERABLE_RE)) {
    if (m.index! < sourceEnd) continue;
    // "… for the newsletter", "… about the report": where it goes or what it is about
    if (
      /\b(?:for|about|on|to|from|of|in|into|with|(?<!followed )by)\s+(?:[\w'-]+\s+){0,2}$/.test(
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
