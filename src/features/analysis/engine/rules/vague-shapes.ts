// Shapes the English vague-word reading (vague.ts) asks about a word before it counts: whether it sizes a
// piece whose length varies ("a short speech"), describes the persona or the writer's own act rather than
// the answer ("You are renowned for … engaging characters", "I will provide some topics"), or is bounded
// by a standard, a run of tone words or a looseness the author wants ("randomly make a lot of mistakes").
import { type Doc, type Sentence, TOKEN_WORD } from "../text.js";

/** Subjects that make the verb the writer's act: "I will provide some topics", "we'll send a few files". */
const WRITER_SUBJECT_RE = /^(?:i|we|i'll|we'll|i’ll|we’ll)$/;
const WILL_RE = /^(?:will|shall|'ll|’ll|can|am|are|going|to|then|also|might|may|would)$/;
/** People the model's answer is for: "help me make better decisions", "make me feel better". */
const PERSON_OBJECTS = new Set("me us him her them people users readers".split(" "));

/**
 * True when the asking verb at `k` is not the model's to do: the writer says what they will bring ("I will
 * provide you with some topics", "I'll describe some symptoms"), or a person is helped to act or feel
 * ("help me make better decisions", "make me feel better"): the vague word is then not a part of the answer.
 */
export function writersOwnAct(doc: Doc, k: number): boolean {
  const { tokens } = doc;
  // "I need some ideas", "we want a few options": a want for the answer
  if (/^(?:need|needs|want|wants|get)$/.test(tokens[k]!.lower)) return false;
  for (let j = k - 1; j >= Math.max(0, k - 4); j--) {
    const w = tokens[j]!.lower;
    if (WRITER_SUBJECT_RE.test(w)) return true;
    if (!WILL_RE.test(w)) break;
  }
  if (
    PERSON_OBJECTS.has(tokens[k - 1]?.lower ?? "") &&
    /^(?:help|helps|helping|let|lets)$/.test(tokens[k - 2]?.lower ?? "")
  )
    return true;
  const next = tokens[k + 1]?.lower ?? "";
  return PERSON_OBJECTS.has(next) && /^(?:feel|feels|become|get)$/.test(tokens[k + 2]?.lower ?? "");
}

/** "short, concise lessons": a run of describing words before a noun, the size of a thing, not of the answer. */
export function attributiveRun(doc: Doc, i: number): boolean {
  const [a, b, c] = [doc.tokens[i + 1], doc.tokens[i + 2], doc.tokens[i + 3]];
  const s = doc.tokens[i]!.sentence;
  return (
    a?.lower === "," &&
    b?.type === TOKEN_WORD &&
    c?.type === TOKEN_WORD &&
    b.sentence === s &&
    c.sentence === s &&
    !/^(?:and|but|or|please|no|not)$/.test(b.lower)
  );
}

/**
 * Pieces whose length ranges from a paragraph to pages, so "a short speech", "a brief summary" or "a short
 * post for the blog" leaves the length to a guess; pieces short by their nature ("a short email", "a short
 * note", "a short paragraph") and genres named by the word ("a short story", "a short film") are not here.
 */
const OPEN_LENGTH_PIECES = new Set(
  `speech speeches talk talks post posts article articles essay essays bio bios biography summary summaries
  overview overviews report reports presentation presentations script scripts review reviews newsletter guide
  write-up writeup profile history`.split(/\s+/),
);

/** True when "short" or "brief" sizes a piece of open length, at most one naming word between ("a short blog post"). */
export function openLengthPiece(doc: Doc, i: number): boolean {
  const s = doc.tokens[i]!.sentence;
  for (let k = i + 1; k <= i + 2; k++) {
    const t = doc.tokens[k];
    if (!t || t.sentence !== s || t.type !== TOKEN_WORD) return false;
    if (OPEN_LENGTH_PIECES.has(t.lower)) return !perItem(doc, k);
  }
  return false;
}

/** True when the piece is one per item ("a brief summary of each paper"): a part's size, not the answer's. */
function perItem(doc: Doc, k: number): boolean {
  const s = doc.tokens[k]!.sentence;
  for (let j = k + 1; j <= k + 4; j++) {
    const t = doc.tokens[j];
    if (!t || t.sentence !== s) return false;
    if (/^(?:each|every|per)$/.test(t.lower)) return true;
  }
  return false;
}

/** "You are renowned for your ability to … develop engaging characters": the persona's skill, not a demand. */
const ROLE_SKILL_RE =
  /^\s*(?:you(?:'re|’re| are| will be)|as an?)\b[^.!?\n]*?\b(?:responsible for|renowned|known|famous|celebrated|skilled|talented|experienced|an expert|specialis|specializ|your (?:ability|abilities|talent|skill|passion|knack|reputation|expertise))/i;
/** "The GPT's personality should be that of an eager cryptographer …": the persona's character, not a demand. */
const PERSONA_SUBJECT_RE =
  /^\s*(?:(?:the|its|your|his|her|their|[\p{L}\d-]+['’]s)\s+)*(?:[\p{L}-]+\s+)?(?:personality|persona|demeanou?r|temperament|character)\b(?!\s+(?:count|limit|length))/iu;
const roleMemo = new WeakMap<Doc, Map<number, boolean>>();
export function describesRole(doc: Doc, sentence: number): boolean {
  return perSentence(roleMemo, doc, sentence, (s) => {
    const text = doc.instructionText.slice(s.start, s.end);
    return ROLE_SKILL_RE.test(text) || PERSONA_SUBJECT_RE.test(text);
  });
}

/** A sentence test asked for each of its words, answered once per sentence of a document. */
function perSentence(
  memos: WeakMap<Doc, Map<number, boolean>>,
  doc: Doc,
  sentence: number,
  test: (s: Sentence) => boolean,
): boolean {
  let memo = memos.get(doc);
  if (!memo) {
    memo = new Map();
    memos.set(doc, memo);
  }
  let v = memo.get(sentence);
  if (v === undefined) {
    v = test(doc.sentences[sentence]!);
    memo.set(sentence, v);
  }
  return v;
}

/** "using the conventional commit format", "following our style guide": a standard the judgement answers to. */
export function namesItsStandard(doc: Doc, i: number): boolean {
  const s = doc.tokens[i]!.sentence;
  for (let k = i + 1; k < Math.min(doc.tokens.length, i + 6); k++) {
    const t = doc.tokens[k]!;
    if (t.sentence !== s) return false;
    if (/^(?:using|following|per|according|matching)$/.test(t.lower)) return true;
  }
  return false;
}

/** True when the word is one of three or more describing words in a row ("engaging, professional, and warm"). */
export function toneRun(doc: Doc, i: number): boolean {
  const [a, b, c] = [doc.tokens[i + 1], doc.tokens[i + 2], doc.tokens[i + 3]];
  return (
    a?.lower === "," &&
    b?.type === TOKEN_WORD &&
    (c?.lower === "," || c?.lower === "and") &&
    !/^(?:and|or|but)$/.test(b.lower)
  );
}

/** "Your drunkenness will randomly make a lot of mistakes": an amount the author leaves loose on purpose. */
export function looseOnPurpose(doc: Doc, sentence: number): boolean {
  return perSentence(looseMemo, doc, sentence, (s) =>
    LOOSE_RE.test(doc.instructionLower.slice(s.start, s.end)),
  );
}
const LOOSE_RE = /\b(?:random|randomly|at random|occasionally|now and then|from time to time)\b/;
const looseMemo = new WeakMap<Doc, Map<number, boolean>>();

/** Imperative heads that act on a part of a given set: "Fix some of the warnings", "Rewrite some of the lines". */
const PART_HEADS = new Set(
  "fix rewrite remove delete drop cut translate shorten update rename refactor review check address resolve pick choose select include use".split(
    " ",
  ),
);

/**
 * True when "some of" is the object of an imperative, the sentence's own or one joined to it ("Fix some of
 * the lint warnings", "…, and fix some of the type warnings").
 */
export function someOfAsked(doc: Doc, i: number): boolean {
  const s = doc.sentences[doc.tokens[i]!.sentence]!;
  if (!s.instruction || !PART_HEADS.has(doc.tokens[i - 1]?.lower ?? "")) return false;
  return s.head === i - 1 || /^(?:and|then|also|please|,)$/.test(doc.tokens[i - 2]?.lower ?? "");
}

/** True when "with" at `k` closes "help (me) (out) with": "help me out with a short bio". */
export function helpedWith(doc: Doc, k: number): boolean {
  for (let j = k - 1; j >= Math.max(0, k - 3); j--) {
    const w = doc.tokens[j]!.lower;
    if (w === "help") return !writersOwnAct(doc, j);
    if (!/^(?:me|us|out)$/.test(w)) return false;
  }
  return false;
}

/** What a piece asked for is called when a sentence of its own judges it: "The post should be short." */
const PIECE_NOUNS = new Set(
  `answer answers reply replies response responses post posts email emails text story stories article articles
  summary summaries description descriptions intro introduction title titles headline headlines slogan slogans
  name names copy caption captions bio letter speech poem essay message messages tagline taglines explanation
  output result blurb pitch tweet tweets`.split(/\s+/),
);
const DEGREE_WORDS = new Set("really very quite pretty super fairly reasonably".split(" "));
const MODALS = new Set("should must".split(" "));

/**
 * True when the judgement closes a sentence that says what the piece must be: "It should be short.",
 * "The names must be catchy.", "Your answers need to be good." ("would be nice if …" is a wish, not a
 * demand on the piece; "is short" states a fact).
 */
export function predicateOfPiece(doc: Doc, i: number): boolean {
  const { tokens } = doc;
  const s = tokens[i]!.sentence;
  const next = tokens[i + 1];
  if (next && next.sentence === s && next.type === TOKEN_WORD && !/^(?:and|but|or)$/.test(next.lower))
    return false;
  let k = i - 1;
  while (k > 0 && DEGREE_WORDS.has(tokens[k]!.lower)) k--;
  if (tokens[k]?.lower !== "be") return false;
  k--;
  const m = tokens[k]?.lower ?? "";
  if (m === "to" && /^(?:needs|need|has|have)$/.test(tokens[k - 1]?.lower ?? "")) k -= 2;
  else if (MODALS.has(m)) k--;
  else return false;
  const subject = tokens[k];
  if (!subject || subject.sentence !== s) return false;
  if (/^(?:it|they)$/.test(subject.lower))
    return k === doc.sentences[s]!.t0 || !/^(?:if|when|whether|that)$/.test(tokens[k - 1]?.lower ?? "");
  return (
    PIECE_NOUNS.has(subject.lower) &&
    /^(?:the|your|each|every|all|its|their)$/.test(tokens[k - 1]?.lower ?? "")
  );
}

/** Parts of a piece whose number matters: "with some examples", "including several quotes". */
const PART_NOUNS = new Set(
  `examples statistics stats figures facts quotes quotations tips ideas references sources citations details
  emojis hashtags jokes images visuals charts keywords exercises anecdotes stories case studies data points
  links questions puns metaphors topics aspects angles`.split(/\s+/),
);
const PART_LEADS = new Set("with including plus featuring mentioning covering using".split(" "));

/**
 * True when the amount opens a part of the piece asked for, after "with" or "including" ("Write an article
 * about remote work with some examples", "a talk on saving, including a few stories"): the count of the
 * part is left open. `after` is the token after the amount ("some", "a few").
 */
export function partOfPiece(doc: Doc, i: number, after: number): boolean {
  const { tokens } = doc;
  const s = tokens[i]!.sentence;
  if (!PART_LEADS.has(tokens[i - 1]?.lower ?? "")) return false;
  let k = after;
  if (tokens[k]?.lower === "of") k++;
  // one describing word may stand before the part ("some real examples", "a few recent figures")
  for (let n = 0; n < 2; n++, k++) {
    const t = tokens[k];
    if (!t || t.sentence !== s || t.type !== TOKEN_WORD) return false;
    if (PART_NOUNS.has(t.lower)) return true;
  }
  return false;
}

/** Nouns of a manner or a feeling added to the answer: how much of it there is does not change the answer. */
const MANNER_NOUNS = new Set(
  `encouragement praise reassurance humour humor warmth empathy sympathy compassion kindness enthusiasm
  optimism positivity motivation levity personality flair wit charm emotion support`.split(/\s+/),
);

/**
 * "Add some tough love encouragement", "give some encouragement on what went well": an amount of a manner
 * or feeling, which the labelling guide treats like "a few" where the number does not matter.
 */
export function someManner(doc: Doc, i: number): boolean {
  const s = doc.tokens[i]!.sentence;
  for (let k = i + 1; k <= i + 3; k++) {
    const t = doc.tokens[k];
    if (!t || t.sentence !== s || t.type !== TOKEN_WORD) return false;
    if (MANNER_NOUNS.has(t.lower)) return true;
  }
  return false;
}

/** "for what is requested", "to the user's question", "for each request": the request is the criterion. */
const FOR_THE_REQUEST_RE =
  /^(?:[a-z-]+\s+){0,2}(?:for|to)\s+(?:what(?:ever)?\s+(?:is|was|the\s+user|they|you\s+are)\s+(?:requested|asked|needed|required|given|asks?|needs?|wants?|provided)|(?:the|each|every|their|a)\s+(?:user's\s+|given\s+|requested\s+)?(?:request|question|query|ask|topic|input|task)s?\b)/;

/**
 * "Write the appropriate information for what is requested": a fit to the request, whose content the
 * request and the prompt's own steps define; "appropriate" then names no standard left to guess.
 */
export function fitsTheRequest(doc: Doc, i: number): boolean {
  const t = doc.tokens[i]!;
  if (!/^(?:appropriate|suitable|relevant|right|proper|fitting)$/.test(t.lower)) return false;
  return FOR_THE_REQUEST_RE.test(doc.instructionLower.slice(t.end, t.end + 80).trimStart());
}
