// The word lists and patterns the signal extractor reads cues with: which genres depend on their reader,
// and how format, length, constraints, examples, role, success criteria, audience, purpose, sections and
// list lines are written.

export const EXPLAIN_VERBS = new Set(
  "explain describe summarize summarise teach tell outline introduce pitch announce discuss".split(" "),
);
/** Deliverables whose tone and depth depend on who reads them (stemmed). */
export const READER_GENRES = new Set(
  "article blog post essay email letter report guide tutorial copy description newsletter speech presentation content proposal summary explanation overview announcement press ad landing bio lesson course documentation faq policy memo pitch caption tweet plan strategy campaign brochure flyer toast eulogy sermon keynote talk column editorial".split(
    " ",
  ),
);

export const NUMBER_WORDS = new Set(
  "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty fifty hundred single dozen".split(
    " ",
  ),
);

export const FORMAT_CUE_RE =
  /\b(json|yaml|xml|csv|markdown|html|tables?|bullet(?:ed)?(?: list| points?)?|bullets|numbered(?: list| steps)?|(?:check)?list|headings?|sections?|columns?|rows|keys|fields|code block|one line per|one per line|in the form(?:at)?|in the format|label only|the label|only the \w+|plain text|prose|paragraphs?|outline|diff|template|one-liners?|format:[ \t]*[a-z0-9]|schema|apa style|mla style|iambic|rhyme scheme|morning\/afternoon\/evening|on the (?:last|first) line|final answer|in (?:minutes|hours|seconds|days|dollars|euros|percent|grams|kg|km|miles)|as a (?:list|table)|step-by-step instructions)\b/g;
// a number is read from the first of its digits that starts a word: "1,2,3,…" from its "1" alone, not again
// from each later digit, which would reach the same end (a long run of them is otherwise read in square time)
export const LENGTH_CUE_RE =
  /\b(?:(?:under|below|fewer than|less than|no more than|at most|max(?:imum)?|up to|within|at least|minimum(?: of)?|exactly|around|about|approximately)\s+)?(?:(?<!(?:^|\W)\d+[,.])\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|a single|single)(?:\s*(?:–|-|to|or)\s*(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten))?[\s-]*(?:[a-z]+[\s-]+)?(?:words?|sentences?|paragraphs?|lines?|characters?|chars|pages?|bullets?|bullet points?|points|items|tweets|questions|steps|options|alternatives|sections|slides|examples|ideas|arguments|elements|entries|captions|subject lines|titles|names|tips)\b|\b(?:one|single)-(?:page|paragraph|line|sentence)\b|\b(?:brief|short|concise|succinct)\b/g;
export const CONSTRAINT_RE =
  /\b(?:must(?: not)?|never|always|only|at most|at least|no more than|limit(?:ed)?|don't|do not|avoid|without|keep(?:ing)?|exactly|maximum|max|minimum|exclud(?:e|ing)|required|should not|shouldn't|make sure|ensure|unless|preserv(?:e|ing)|untranslated|unchanged|no (?:\w+ )?(?:jargon|hashtags|emojis|acronyms|spoilers|nuts)|max\.|rounded to|sorted by|use null|each with|end with|ending with|include|cite|mention)\b/g;
export const NEGATIVE_CONSTRAINT_RE = /\b(?:never|don't|do not|avoid|must not|should not|shouldn't|no)\b/g;
export const EXAMPLE_RE =
  /\b(?:for example|for instance|e\.g\.|such as|example:|examples:|example input|example output|sample:|here is an example|here's an example)|^(?<!^[^\S\n]*\n)\s*(?:input|output|q|a)\s*:|→|=>/gm;
export const EXAMPLE_HINT = /example|e\.g\.|such as|for instance|sample|→|=>|input|output|q:|a:/;
/** EXAMPLE_HINT's literals: `includes` on each finds the same texts without a regex scan of every position. */
const EXAMPLE_HINT_WORDS = [
  "example",
  "e.g.",
  "such as",
  "for instance",
  "sample",
  "→",
  "=>",
  "input",
  "output",
  "q:",
  "a:",
];
export function hasExampleHint(text: string): boolean {
  for (const w of EXAMPLE_HINT_WORDS) if (text.includes(w)) return true;
  return false;
}
// A role: "You are a …", "Act as …", and a fronted one at a sentence start: "As a physiotherapist, you should …", "As the game master,
// your job is …" (not "As a result, you …": a connective, not a role)
export const ROLE_RE =
  /\b(?:you are (?:a|an|the|my|our) (?!now\b)|you're (?:a|an|the) (?!(?:one|only|best|first|last|same)\b)|act as (?:a|an|the|my)? ?|acting as |your role is|(?:assume|take on|play|adopt|embody|step into) (?:the|a) (?:role|persona|part|character) of |(?:adopt|assume|take on) (?:the|a) persona |pretend to be (?:a|an) |imagine you are (?:a|an) |role:[ \t]*[a-z]|as an? (?:experienced|senior|expert|professional) |(?<=(?:^|[.!?:\n])[ \t]*)as (?:a|an|the|my|your) (?!(?:result|reminder|rule|whole|consequence|bonus|matter|side|part|additional|final|first|last|next|general|default|fallback|precaution|example|summary|note|tip|ai language model)\b)(?:[a-z-]+ ){0,5}?[a-z-]+, (?:you|your) )/g;
// A role in the other languages people write prompts in (read on lower-cased text; no \b, which
// does not see accented or CJK letters as word characters).
export const ROLE_FOREIGN_RE =
  /(?:^|[\s.,;:!?"'(])(?:eres (?:un|una|el|la) |act[uú]a como |tu es (?:un|une|le|la) |vous [êe]tes (?:un|une|le|la) |agis(?:sez)? (?:comme|en tant que) |joue(?:z)? le r[ôo]le |du bist (?:ein|eine|der|die) |sie sind (?:ein|eine) |agiere als |in der rolle |voc[êe] [ée] (?:um|uma|o|a) |(?:aja|atue) como |sei (?:un|una|uno|il|la) |agisci come |je bent (?:een|de) |jij bent |sen bir |gibi davran)|你是|扮演|作为一名|作為一名|あなたは[^。\n]{1,30}(?:です|として)|として振る舞|당신은 [^.\n]{1,30}입니다/g;
export const SUCCESS_RE =
  /\b(?:success (?:criteria|means|looks like)|acceptance criteria|a good (?:answer|response|result) (?:is|will|should)|done when|should (?:pass|compile|run)|must (?:pass|compile|run)|measured by|criteria|rubric|check that|verify that|so that (?:it|they|the)|the (?:answer|output|result|response|summary|code) (?:must|should) (?:be|include|contain|cover)|end(?:ing)? with (?:a|an|the)|make sure (?:it|that|the)|each (?:question|item|caption|answer|issue|problem|finding|step) (?:has|have|with|should|must)|for each(?:,| \w+,)|answer key|test cases?)\b/g;
export const AUDIENCE_RE =
  /\b(?:audience\s*:[ \t]*[a-z0-9]|aimed at|written for|intended for|targeted at|targeting|readers? (?:are|is)|\d+[\s-]*year[\s-]*olds?|aged \d+|grade \d+|\d+(?:st|nd|rd|th)[\s-]grade|year \d+|(?:first|second|third|final)-year|beginners?|non-technical|laypeople|layperson|no (?:scientific|technical) background|who (?:missed|has never|have never|are new|is new|knows?|don't know|can))\b/g;
export const PURPOSE_RE =
  /\b(?:so that|in order to|the goal is|our goal|my goal|the purpose|we want to|i want to (?!know)|i'm trying to|i am trying to|because|since we|we are|we're|i am a|i'm a|our (?:company|team|startup|product|store|app|shop|brand|customers|clients)|this is not|for use in|to help (?:me|us|them)|i have a client|context\s*:[ \t]*[a-z0-9]|background\s*:[ \t]*[a-z0-9]|ranks? well)\b/g;
export const SECTION_LINE_RE =
  /^[ \t]*(?:#{1,6}[ \t]+\S|<[a-z_-]+>[ \t]*$|[A-Z][A-Za-z /]{1,30}:[ \t]*\S?)/gm;
export const LIST_LINE_RE = /^[ \t]*(?:[-*•]|\d+[.)])[ \t]+\S/gm;

export const SLOT_SECTION: Record<string, string> = {
  role: "role",
  persona: "role",
  audience: "audience",
  context: "audience",
  background: "audience",
  "output format": "format",
  output_format: "format",
  format: "format",
  constraints: "constraints",
  requirements: "constraints",
  rules: "constraints",
  examples: "examples",
  example: "examples",
  "success criteria": "success",
  success_criteria: "success",
  input: "input",
};

/**
 * "You're the refunds assistant again. Follow the same rules as before …": the model addressed in a role
 * and told what to do in sentences that open with a verb and its object specifies behaviour, a task.
 */
export const ROLE_ADDRESS_RE =
  /\byou(?:'re|’re| are)\s+(?:the|a|an|our|my)\s+(?!now\b)[\p{L} -]{2,40}?(?:assistant|agent|bot|helper|adviser|advisor|tutor|coach|moderator|reviewer|editor|planner|concierge|desk|operator|triager)\b/iu;
export const BEHAVIOUR_SENTENCE_RE =
  /(?:^|[.!?]\s+|\n(?<!\n[^\S\n]*\n)\s*)(?:please\s+)?(?!(?:the|this|that|these|those|it|its|they|we|you|your|our|my|there|here|if|when|be|use|think)\b)[a-z]{3,}(?<!ly|ed|ing|[^s]s)\s+(?:the|a|an|all|every|each|any|these|those|our|my|their|them|it)\s+\p{L}/iu;
