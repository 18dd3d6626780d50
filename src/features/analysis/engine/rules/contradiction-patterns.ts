// The wording the contradiction rules read for their fixed subjects: the answer's language (or following
// the user's), JSON, lists, the whole answer's format, humour, comparing with named others, and an action
// on a named thing with its negation. Each pattern runs on one lower-cased clause of the author's
// instructions; contradictions.ts turns matches into directives, contradiction-conflict.ts pairs them.
import { matchesOf } from "../text.js";
import { listedProhibition } from "./opposed-directives.js";

export const LANGS =
  "english|spanish|french|german|italian|portuguese|dutch|chinese|mandarin|japanese|korean|russian|arabic|turkish|polish|swedish|hindi";
export const SPEAK =
  "respond|reply|answer|write|speak|communicate|converse|output|produce (?:all )?(?:your )?(?:answers|responses|output)";
export const LANGUAGE_RE = new RegExp(
  `\\b(?:(?:always|only|exclusively|must)\\s+)?(?:${SPEAK})\\w*\\b[^.;\\n]{0,80}?\\b(?:only |exclusively |always )?in (${LANGS})\\b|\\b(?:all |the |your |every |each )?(?:answers?|responses?|replies|reply|output|everything you write) (?:(?:must|should|will|has to|have to|needs to) be|is|are) (?:entirely |only |all |always )?(?:written |given |delivered )?(?:entirely |only )?in (${LANGS})\\b|\\b(?:use|in|speak) (${LANGS}) only\\b|\\bonly (?:use |speak )?(${LANGS})\\b(?! (?:words|terms|names|sources|speakers|text))`,
  "gi",
);
/** The answer follows the user's language, or a language given at run time. */
export const FOLLOW = "(the user's language)";
export const LANGUAGE_FOLLOW_RE = new RegExp(
  `\\b(?:${SPEAK})\\w*\\b[^.;\\n]{0,40}?\\bin (?:the )?(?:(?:same language|language|whatever language|whichever language) (?:(?:as|of|that|in which) )?(?:the |their |a )?(?:user|customer|caller|visitor|traveller|traveler|player|student|message|question|request|input|they)|(?:language|whatever language|whichever language) (?:that |in which )?(?:the |their |a )?[a-z]+ (?:writes|wrote|uses|used|speaks|spoke|is using|chooses|chose|prefers|writes in)\\b|(?:user|customer|caller|visitor)'s (?:own )?(?:language|locale)|their (?:own )?language|\\{\\{\\s*[\\w.]*(?:lang|locale)[\\w.]*\\s*\\}\\})`,
  "g",
);
export const LANGUAGE_NEG_RE = new RegExp(
  `\\b(?:do not|don't|never|must not|should not)\\s+(?:${SPEAK})\\w*\\b[^.;,\\n]{0,20}?\\bin (${LANGS})\\b|\\b(?:do not|don't|never|must not|should not|avoid)\\s+(?:use|using|speak|speaking)\\s+(${LANGS})\\b(?!\\s+(?:words|terms|names|loanwords|phrases|idioms|spellings?|expressions|jargon|slang|characters|letters))`,
  "gi",
);
export const JSON_REQ_RE =
  /\b(?:respond|reply|answer|output|return|format|give|provide|produce)\w*\b[^.;\n]{0,40}?\b(?:(?:in|as|with|using)\s+(?:valid\s+|a\s+|strict\s+|a valid\s+|a single\s+)?json(?![\s-]+(?:encoded|strings?|fields?|keys?|values?|parameters?|arguments?|schemas?|files?|payloads?)\b)|json (?:only|object|format|array))\b|\bonly (?:valid )?json\b|\bjson only\b|\b(?:output|response|reply|answer|result)s?\b(?: [\w']+){0,3} (?:must|should|will|has to|is to) be (?:valid |a |an |a valid |strict |a single |one |only )*json\b|\b(?:wrap|put|enclose|format|encode|return)\w*\b[^.;\n]{0,40}?\b(?:in|as|into) (?:a |an |one |a single |valid )?json (?:object|array|document)\b|^\s*(?:output )?format:\s*json\b/gi;
export const JSON_NEG_RE =
  /\b(?:do not|don't|never|must not|should not|shouldn't|cannot|can't|avoid)\s+(?:use|using|return|returning|output|outputting|respond(?:ing)? (?:in|with)|format(?:ting)? (?:as|in)|wrap(?:ping)? (?:it )?in)\s+(?:any\s+)?json\b|\bno json\b|\bwithout (?:any )?json\b|\bnot (?:as |in )?json\b|\bavoid (?:any )?json\b|\bjson is (?:not (?:allowed|permitted|wanted)|forbidden|banned)\b|\bprose only\b|\bonly prose\b|\bnever (?:in |as )?json\b|\bplain text only\b|\bonly (?:in )?plain text\b/gi;
export const LIST_REQ_RE =
  /\b(?:format|layout|structure):\s*(?:a |an )?(?:bulleted|numbered|bullet-point)\b|\b(?:as|in|use|write|give|produce|return) (?:a |an )(?:bulleted|numbered|bullet-point) (?!list\b)[a-z]+\b|\b(?:as|in|into|use|using|with|format (?:[\w-]+ ){0,3}as|present (?:[\w-]+ ){0,3}(?:as|in)|break (?:[\w-]+ ){0,3}into|list (?:[\w-]+ ){0,3}as)\s+(?:a\s+)?(?:bulleted|numbered|bullet(?:-point)?)\s+(?:list|points)\b|\b(?:use|in|into|as|with)\s+bullet points\b|\b(?:in|as|into|use|using|with)\s+numbered steps\b|\bbullet(?:ed)? list of\b|\b(?:list|present|give|format|write|show) (?:[\w-]+ ){0,3}as bullets\b|\bin bullet(?:-point)? form\b/gi;
export const LIST_NEG_RE = new RegExp(
  `${/\b(?:do not|don't|never|must not|should not|shouldn't|cannot|can't|avoid)\s+(?:use\s+|using\s+|include\s+|including\s+|add\s+|adding\s+)?(?:any\s+)?(?:(?:bulleted|numbered|bullet)\s+(?:or\s+(?:bulleted|numbered)\s+)?)?(?:lists|bullet points|bullets)\b|\bno (?:lists|bullet points|bullets)\b|\b(?:flowing\s+|plain\s+)?prose only\b|\bonly (?:flowing\s+|plain\s+)?prose\b|\bas (?:plain|flowing|continuous) prose\b|\bwithout (?:any\s+)?(?:lists|bullet points|bullets)\b|\b(?:in\s+)?paragraphs only\b|\bonly (?:full\s+)?paragraphs\b/.source}|${listedProhibition(
    "never use|don't use|do not use|avoid|never include|don't include|do not include",
    "(?:bulleted |numbered |bullet )?(?:lists|bullet points|bullets)",
  )}`,
  "gi",
);
/** The whole answer's format: "return the answer as YAML", "your response must be valid JSON". */
export const ANSWER_FORMAT_RE =
  /\b(?:respond|reply|answer|return|output|produce|emit)(?: only)? (?:in |as |with )?(?:valid |strict |raw )?(json|yaml|xml|csv)\b(?! (?:field|key|value|tag|attribute|file|schema|object|array|string|snippet|block)s?\b)|\b(?:respond|reply|answer|return|output|format (?:the|your) (?:answer|response|output|reply))\w*(?: only| everything| all| it| them| (?:the|your) [a-z]+)? (?:in|as) ((?:valid |a |an |strict |raw )?(?:json|yaml|xml|csv|html|markdown|plain text))\b|\b(?:your|the|each|every) (?:answer|response|output|reply) (?:must|should|has to|will) be (?:written )?(?:in |as )?((?:valid |a |an |strict |raw )?(?:json|yaml|xml|csv|html|markdown|plain text))\b/g;
/**
 * A tone word that is no demand: negated just before ("not too formal", "avoid anything playful"), or part
 * of a description of someone else's manner ("his humour appears to be ironic and playful", "their
 * style is casual").
 */
export function toneRefused(lower: string, at: number): boolean {
  if (
    /\b(?:not|never|avoid|don't|no|without|nothing|isn't|aren't|too)\s+(?:\w+\s+){0,3}$/.test(
      lower.slice(Math.max(0, at - 30), at),
    )
  )
    return true;
  const clause = lower
    .slice(Math.max(0, at - 120), at)
    .split(/[.;!?:]\s/)
    .pop()!;
  return /\b(?:appears?|seems?|tends?) to be\b|\b(?:is|are|was|were) (?:often |usually |typically )?(?:depicted|described|portrayed|known) as\b|\b(?:his|her|their|its|[a-z]+'s?) (?:style|sense) of (?:humou?r|wit)\b|\b(?:his|her|their|[a-z]+'s?) (?:humou?r|wit|manner|personality|character|style) (?:is|was|can be)\b/.test(
    clause,
  );
}
/** The deliverable a tone word qualifies ("a casual Instagram caption") or its scope ("… tone in the tweet"). */
export function toneTarget(lower: string, end: number): string | null {
  const after = lower.slice(end, end + 60);
  const scope =
    /^\s+(?:tone|style|register|voice|manner|language|wording|feel|vibe)?\s*(?:in|for|on) (?:the |a |an |our |your |each )?([a-z-]+(?: [a-z-]+)?)/.exec(
      after,
    );
  if (scope) return scope[1]!;
  const noun =
    /^,?\s+(?!(?:tone|style|register|voice|manner|language|wording|feel|vibe|and|but|or|with|yet|throughout|at|in|for|to)\b)([a-z-]+(?: [a-z-]+)?)/.exec(
      after,
    );
  if (
    noun &&
    /^(?:[a-z-]+ )?(?:letter|email|e-mail|post|caption|tweet|reply|message|note|speech|toast|announcement|press release|bio|article|essay|story|poem|invitation|memo|update|report|review|description|summary|newsletter|script|ad|advert|headline|thread)\b/.test(
      noun[1]!,
    )
  )
    return noun[1]!;
  return null;
}
/** "Compare us point by point with Globex and Initech", "how we beat HelloFresh": naming others to measure against. */
export const COMPARE_RE =
  /(?:\b[Cc]ompare\s+(?:us|it|ourselves|our\s+\w+|the\s+\w+|[A-Z][\w-]*)(?:\s+(?:point\s+by\s+point|side\s+by\s+side|directly|feature\s+by\s+feature))?\s+(?:with|to|against)|\b(?:[Hh]ow (?:we|our\s+\w+|it) (?:beats?|outperforms?|undercuts?|compares? (?:with|to|against))|(?:we|our\s+\w+|it) (?:beats?|outperforms?|undercuts?|(?:is|are) (?:better|cheaper|faster) than)|(?:we're|it's) (?:better|cheaper|faster) than|[Vv]ersus|vs\.?|(?:side[- ]by[- ]side|comparison|head[- ]to[- ]head)\s+(?:against|with|to|versus|vs\.?)(?:\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}?(?:from|by|of|at))?))\s+([A-Z][\w&-]*(?:\s+(?:and|or|,)?\s*[A-Z][\w&-]*)*|(?:our |the |their |other |rival )?competitors?|rivals?|(?:that|their|the other|the (?:competitor|prospect|customer|user)'s) (?:current )?(?:product|tool|platform|provider|vendor|service|app|brand|solution|software|competitor))/g;
/** Humour asked for in so many words: "crack a few jokes", "add some puns", "keep it witty". */
export const HUMOUR_RE =
  /\b(?:crack|make|tell|include|add|throw in|sprinkle(?: in)?|use)\s+(?:a few |some |lots of |plenty of |the odd |a couple of )?(?:jokes|puns|humou?r|banter)\b|\b(?:be|keep it|sound|stay)\s+(?:witty|jokey)\b/g;
/** An action on a named thing, with its negation when there is one ("do not include a summary"). */
export const ACTION_RE =
  /\b((?:never|do not|don't|must not|should not|shouldn't|avoid) )?(include|use|add|mention|offer|give|provide|show|list|start with|end with|sign off with|apologi[sz]e for|recommend|suggest|repeat|quote|cite|reveal|share|ask for|attach|insert|append)(?:ing)? (?:a |an |the |any |your |our |some |one |short |brief )*([a-z][a-z-]{2,})\b/g;
export const BARE_ACTION_RE =
  /\b(always|never|do not|don't|must not|should not)\s+(apologi[sz]e|speculate|guess|joke|swear|improvise|digress|break character|use emojis|use slang|ask questions|give advice|give opinions|share opinions|use markdown|greet the user|summari[sz]e)(?=\s*(?:[.;!]|$))/g;
export const NEGATED_ACTION_RE =
  /\b(?:never|do not|don't|must not|should not|shouldn't|avoid) (?:include|use|add|mention|offer|give|provide|show|list|start with|end with|sign off with|apologi[sz]e for|recommend|suggest|repeat|quote|cite|reveal|share|ask for|attach|insert|append)(?:ing)? (?:a |an |the |any |your |our |some |one |short |brief )*([a-z][a-z-]{2,})\b/g;
export const NEGATED_BARE_RE =
  /\b(?:never|do not|don't|must not|should not) (?:apologi|speculate|guess|joke|swear|improvise|digress|break character|use emojis|use slang|ask questions|give advice|give opinions|share opinions|use markdown|greet the user|summari)/;

/** The objects of forbidden actions ("do not include a summary" → "summary"), and whether a bare one is. */
export function forbiddenObjects(lower: string): { objects: Set<string>; bare: boolean } {
  const objects = new Set<string>();
  for (const m of matchesOf(lower, NEGATED_ACTION_RE)) if (!ACTION_STOP.has(m[1]!)) objects.add(m[1]!);
  return { objects, bare: NEGATED_BARE_RE.test(lower) };
}

export function mentionsAny(text: string, words: ReadonlySet<string>): boolean {
  for (const w of words) if (text.includes(w)) return true;
  return false;
}

export const ACTION_CASE_RE =
  /\b(?:if|when|whenever|unless|except|only|in case|where|after|before|until|once|otherwise|instead)\b|\bfor (?:a|an|each|every|any|short|long|simple|complex)\b|\?/;
/** Objects too general to name one thing ("use it", "add more", "include the following"). */
export const ACTION_STOP = new Set(
  "it them this that these those more less other others following same one any all each your our their the a an some short brief".split(
    " ",
  ),
);
export const MENTION_NEG_SCREEN =
  /\b(?:never|do not|don't|must not|should not|shouldn't|cannot|can't|avoid|without|no mention)\b|\b(?:omit|leave out|exclude|skip|drop|remove|strip out|cut out|hide)\b/;

/** A rule that names every case: "never", "always", "under no circumstances", "no matter what". */
export const STRICT_RE =
  /\b(?:never|always|under no circumstances|at all times|no matter (?:what|how|who)|without exception|regardless of)\b/i;
/** A demand on every answer ("every reply you produce must be …"): it holds against a case on the answer. */
export const EVERY_ANSWER_RE = /\b(?:every|each) (?:single )?(?:reply|response|answer|output|message)s?\b/i;
export const ABSOLUTE_RE =
  /\b(?:never|always|only(?! (?:when|if|for|in case|after|once|while|where)\b)|regardless|under no circumstances|at all times|in any case|whatever)\b/i;

/** Sentences that state a case rather than a rule: their directives can coexist with the opposite. */
export const CONDITIONAL_RE =
  /^\s*(?:[-*•\d.)]+\s*)?(?:if|when|whenever|unless|for(?! (?:every|each|all|any)\b)|in case|once|(?:after|before)(?! (?:each|every) (?:of (?:my|your|the user's|their|the) )?(?:messages?|repl(?:y|ies)|answers?|responses?|turns?|inputs?)\b)|only if|where)\b|\b(?:if|when|unless) (?:the |a |an )?(?:user|customer|they|you|someone|asked|requested|request|message|input|question|query|caller|client)s?\b|\bonly (?:when|if|for|in case|once|while)\b|\bexcept\b/i;

/** A clause led by the case it is for: "For questions about billing, …" (not "For every question, …"). */
export const FRONTED_FOR_RE = /^\s*(?:[-*•\d.)]+\s*)?for (?!(?:every|each|all|any)\b)[^,;:]{3,60},/;

// Cheap screens: a clause is only searched for a subject's directives when one of its words is there.
export const SCREENS = {
  language: new RegExp(`\\b(?:${LANGS})\\b`),
  json: /json|prose|plain text/,
  lists: /list|bullet|prose|paragraph|numbered/,
  // at a word's start: "online", "password", "along" and "homepage" hold no unit of length
  length:
    /\b(?:word|sentence|line|paragraph|page|char|stanza|short|brief|long|length|detail|list of|depth|exhaustive|nuance)|\b(?:nothing|anything|any|none) out\b/,
  tone: /formal|casual|cheer|upbeat|bubbly|jolly|peppy|mournful|gloomy|chatty|colloquial|relaxed|laid-back|stiff|playful|humorous|funny|serious|solemn|sober|somb|grave|jokey|witty|comedic|silly|goofy|light-?hearted|professional|slang|jok|pun|humou?r|banter|enthusias|excited|hyped|neutral|restrained|understated|detached/,
  mention:
    /mention|nam(?:e|ing)|refer|compare|discuss|talk|includ|recommend|highlight|bring|disclos|quot|stat|shar|reveal|tell|omit|leave out|exclude|skip|drop|remove|strip|cut out|hide|list|giv|show|add|writ|display|specif|print|feature|end|finish|close|start|open|begin|sign|put|point out|spell out|call out/,
  // the screens of the language-variable, count, answer-format and humour reads
  locale: /lang|locale/,
  count:
    /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|dozen|couple|single|hundred)\b/,
  format: /json|yaml|xml|csv|html|markdown|plain text/,
  humour: /jok|pun|humou?r|witty|banter/,
};

/** A part added to the answer in its own language: "add one line in English", "append a short note in German". */
const ADDED_PART_LANGUAGE_RE =
  /\b(?:add|append|include|follow (?:it |up )?with|end with|close with|then give|then write)\s+(?:a|an|one|two|three|\d+)\s+(?:(?:short|brief|separate|final|extra)\s+)?(?:line|lines|note|notes|sentence|sentences|gloss|glosses|translation|comment|tip|footnote|correction)\b[^.;\n]*$/;
/** Whether a language demand read by LANGUAGE_RE is the language of an added part ("then write one short line in
 * English"): the demand's match starts at its verb, so a "then" just before it is read with it. */
export function addedPartLanguage(lower: string, m: RegExpMatchArray): boolean {
  const then = /(?:^|[^\w])then $/.test(lower.slice(Math.max(0, m.index! - 6), m.index!));
  return ADDED_PART_LANGUAGE_RE.test(then ? `then ${m[0]}` : m[0]);
}
/** Prices forbidden without a case: "Do not mention pricing", "never quote prices". */
const PRICES_WITHHELD_RE =
  /\b(?:never|do not|don't|must not|should not)\s+(?:ever\s+)?(?:mention|discuss|state|reveal|include|quote|give|share|talk about|bring up|disclose)\s+(?:any\s+|the\s+|our\s+)?(?:pricing|prices?|costs?|fees)\b/;
/** A clause opening with a demand to say or write something: "Close with a line telling readers …". */
const PRICE_DEMAND_LEAD_RE =
  /^\s*(?:[-*•]\s*|\d+[.)]\s*)?(?:please\s+|then\s+|also\s+|and\s+)*(?:close|end|finish|open|start|begin|sign off|include|add|mention|tell|say|state|note|write|quote|list|give|show|put|point out|remind)\b/;
/** An amount of money: "$49", "€ 20", "30 euros", "$1,200.50"; a number starts at no digit, comma or point of
 * another, so a long run of "1,1,1,…" is read from its start alone, and a sentence's full stop stays out. */
const MONEY_RE =
  /[$€£¥]\s?\d+(?:[.,]\d+)*|(?<![\w,.])\d+(?:[.,]\d+)*\s?(?:euros?|dollars?|pounds|usd|eur|gbp)\b/;

/** Whether the instructions forbid prices without a case. */
export function pricesForbidden(lower: string): boolean {
  return PRICES_WITHHELD_RE.test(lower);
}

/** The first amount of money a clause that demands something be said or written puts in the answer. */
export function priceWritten(lower: string): RegExpMatchArray | null {
  if (!/\d/.test(lower) || !PRICE_DEMAND_LEAD_RE.test(lower)) return null;
  return MONEY_RE.exec(lower);
}

/** A match-like value at a given place, for readers that return offsets. */
export function matchAt(text: string, index: number, length: number): RegExpMatchArray {
  const m = [text.slice(index, index + length)] as unknown as RegExpMatchArray;
  m.index = index;
  return m;
}
