// Vague quantifiers and judgements (PF103, PF104) in the sentences that direct the model.

import { CRITERION_WORDS, META_VERBS, TASK_VERBS, VAGUE_ADJECTIVES, VAGUE_QUANTIFIERS } from "../lexicon.js";
import type { Signals } from "../signals.js";
import { type Doc, MASK_CONTENT, MASK_INSTRUCTION, TOKEN_NUMBER, TOKEN_WORD, tokenAt } from "../text.js";
import type { Finding, Span } from "../types.js";
import type { RuleContext } from "./context.js";
import { exampleTurn } from "./duplicates.js";
import { reportVague } from "./vague-finding.js";
import { openLengthPhrases } from "./vague-lengths.js";
import {
  attributiveRun,
  describesRole,
  fitsTheRequest,
  helpedWith,
  looseOnPurpose,
  namesItsStandard,
  openLengthPiece,
  partOfPiece,
  predicateOfPiece,
  someManner,
  someOfAsked,
  toneRun,
  writersOwnAct,
} from "./vague-shapes.js";
import {
  askedOfUser,
  broughtByUser,
  criterionElsewhere,
  experienceMade,
  judgedByPersona,
  madeToSay,
  optionsOffered,
  passedThrough,
  someOfOne,
  variedForUsers,
} from "./vague-system.js";

function isDirective(doc: Doc, sentenceIndex: number, sig: Signals): boolean {
  const s = doc.sentences[sentenceIndex];
  // a turn of a pasted chat or a field of an example is material, not the author's instruction
  if (!s?.instruction || exampleTurn(s)) return false;
  if (sig.tasks.some((t) => t.sentence === sentenceIndex)) return true;
  const head = s.head >= 0 ? doc.tokens[s.head]!.lower : "";
  if (META_VERBS.has(head) || TASK_VERBS.has(head)) return true;
  // a directive after a lead-in and a colon ("Commit messages and issue text: keep them short.")
  for (let k = s.t0 + 1; k < s.t1 - 1; k++) {
    const t = doc.tokens[k]!;
    if (t.lower !== ":") continue;
    const next = doc.tokens[k + 1]!.lower;
    if (META_VERBS.has(next) || TASK_VERBS.has(next)) return true;
  }
  const lower = doc.instructionLower.slice(s.start, s.end);
  return (
    /\b(should|must|make|want|need|needs|like|give|can you|could you|it'd|would be|please)\b/.test(lower) ||
    lower.endsWith("?")
  );
}

/** Words that bound a quantity only when a number follows them ("under 60 characters", not "the code below"). */
const BOUNDS = new Set("under over below above within".split(" "));

/**
 * True when a criterion follows the word in its sentence: a number, quoted material, a criterion word, or a
 * colon or dash right after it. An amount ("some", "many") is bounded only by what follows it closely: the
 * number in "some ideas our 12-person team could do" counts the team, not the ideas.
 */
/** Participles that open a description of the thing judged: "a striking image featuring …". */
const DESCRIBING_PARTICIPLES = new Set(
  "showing featuring capturing depicting highlighting showcasing illustrating emphasizing emphasising conveying".split(
    " ",
  ),
);

/** Words that open what the judgement is measured against: "appropriate channels, considering the audience". */
const CRITERION_LEADS = new Set("considering depending based tailored suited according relative".split(" "));

function hasCriterionAfter(doc: Doc, i: number, reach = 10): boolean {
  const { tokens } = doc;
  const sentence = tokens[i]!.sentence;
  for (let k = i + 1; k < Math.min(tokens.length, i + reach); k++) {
    const t = tokens[k]!;
    if (t.sentence !== sentence) return false;
    // an ordinal names which one ("my sister's 30th birthday"), it bounds nothing
    if (t.type === TOKEN_NUMBER && !/\d(?:st|nd|rd|th)$/.test(t.lower)) return true;
    if (t.mask === MASK_CONTENT) return true;
    if (BOUNDS.has(t.lower)) {
      if (tokens[k + 1]?.type === TOKEN_NUMBER || tokens[k + 2]?.type === TOKEN_NUMBER) return true;
      continue;
    }
    if (CRITERION_WORDS.has(t.lower) || CRITERION_LEADS.has(t.lower)) return true;
    if (k <= i + 3 && (t.lower === "(" || t.lower === ":" || t.lower === "—" || t.lower === "–")) return true;
    // a clause that says what the quality consists of: "an engaging scene showing … capturing …"
    if (k <= i + 4 && DESCRIBING_PARTICIPLES.has(t.lower)) return true;
    // "an engaging UI with smooth transitions": what the quality consists of, right after the thing
    if (k <= i + 3 && k > i + 1 && t.lower === "with" && tokens[k - 1]!.type === TOKEN_WORD) return true;
  }
  return false;
}

/** At least this many list items among the instructions make a brief that states its own criteria. */
const SPEC_POINTS = 4;

/** True when the instructions hold a list of at least SPEC_POINTS items ("- Crafting …", "2. Offer …"). */
function specifiedPointByPoint(doc: Doc): boolean {
  let points = 0;
  const re = /^[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]+\S/gm;
  for (const m of doc.instructionText.matchAll(re)) {
    if (doc.mask[m.index + m[0].length - 1] !== MASK_INSTRUCTION) continue;
    if (++points >= SPEC_POINTS) return true;
  }
  return false;
}

/** Indefinite pronouns: vague as the thing to make ("Write something about …"), not as what a user brings. */
const INDEFINITES = new Set(["something", "anything", "things"]);
const CONDITION_WORDS = new Set("if when whenever whether unless how what where once".split(" "));

/**
 * True when the word sits in a condition or an indirect question of its sentence ("If the user writes
 * something in brackets", "whether something is deductible", "how to do something"): it stands for what
 * the user brings, not for a part of the answer the author left undefined.
 */
function inCondition(doc: Doc, i: number): boolean {
  const s = doc.sentences[doc.tokens[i]!.sentence]!;
  for (let k = i - 1; k >= Math.max(s.t0, i - 8); k--) {
    const w = doc.tokens[k]!.lower;
    // a condition closed by a comma is over ("if you have time, could you write something")
    if (w === "," || w === ";") return false;
    if (CONDITION_WORDS.has(w)) return true;
  }
  return false;
}

/**
 * True when the amount is of questions the model may ask ("ask a few clarifying questions if needed"): the
 * labelling guide's case of a number that does not matter.
 */
function askedQuestions(doc: Doc, i: number): boolean {
  if (doc.tokens[i - 1]?.lower !== "ask" && doc.tokens[i - 2]?.lower !== "ask") return false;
  for (let k = i + 1; k < Math.min(doc.tokens.length, i + 5); k++)
    if (/^questions?$/.test(doc.tokens[k]!.lower)) return true;
  return false;
}

const BE_HAVE = new Set("are is were was have has tend think feel".split(" "));

/**
 * True when the amount opens a clause that states a fact ("…; many visitors are upset"): background, not a
 * demand ("Make sure some examples are included" is a demand).
 */
function statesFact(doc: Doc, i: number): boolean {
  const s = doc.tokens[i]!.sentence;
  const before = doc.tokens[i - 1];
  if (i > doc.sentences[s]!.t0 && before && !/^[;,:—–]$/.test(before.lower)) return false;
  const a = doc.tokens[i + 1];
  const b = doc.tokens[i + 2];
  return a?.sentence === s && b?.sentence === s && a.type === TOKEN_WORD && BE_HAVE.has(b.lower);
}

/** True when a number counts the things two words before ("three specific things"). */
function countedBefore(doc: Doc, i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 2); k--) {
    const t = doc.tokens[k]!;
    if (t.type === TOKEN_NUMBER || NUMBER_WORDS.has(t.lower)) return true;
  }
  return false;
}
const NUMBER_WORDS = new Set("one two three four five six seven eight nine ten twelve".split(" "));

// The labelling guide raises a vague word only where it leaves a parameter of the answer open: the amount or
// the quality of the thing asked for ("Give me some tips", "Write a nice blog post", "make it look good").
// The same word about the reader ("readers who know some algebra"), the writer's chatter ("new to all this
// AI stuff"), a fact of the material ("many releases fail") or a choice between given things ("pick the
// better one") leaves nothing of the answer undefined.
/** Verbs whose object is what the model hands back, or a want for it ("I need some ideas"). */
const ASK_VERBS = new Set(
  `write draft compose create generate produce make build design develop give provide show tell list suggest
  recommend propose brainstorm find add include cite plan outline prepare put come think pull offer share
  draw paint sketch send need want get keep recap collect gather save search pick choose select name explain
  describe teach summarise summarize rewrite improve`.split(/\s+/),
);
/** Verbs that make something new: only these make "things", "stuff" or "something" the deliverable. */
const MAKE_VERBS = new Set(
  "write draft compose create generate produce make build design add put draw paint sketch come give tell say need want".split(
    " ",
  ),
);
/** Words that may stand between the verb and the vague word: objects, particles, articles, degree words. */
const BETWEEN = new Set(
  `me us him her them it you one a an the some more any really very quite pretty super just also together up
  out down back with look looks sound sounds feel feels seem bit little even much way few couple`.split(
    /\s+/,
  ),
);

/** "citing" → "cite", "giving" → "give", "adding" → "add": enough for the verbs above. */
function baseOfIng(w: string): string {
  if (!w.endsWith("ing") || w.length < 6) return "";
  const stem = w.slice(0, -3);
  if (ASK_VERBS.has(stem)) return stem;
  if (/(.)\1$/.test(stem) && ASK_VERBS.has(stem.slice(0, -1))) return stem.slice(0, -1);
  return `${stem}e`;
}

/** True when the sentence opens with an asking verb that the word bears on ("Pull out some key quotes"). */
function imperativeAsk(doc: Doc, i: number, reach = 6): boolean {
  const s = doc.sentences[doc.tokens[i]!.sentence]!;
  return s.instruction && s.head >= 0 && ASK_VERBS.has(doc.tokens[s.head]!.lower) && i - s.head <= reach;
}

/**
 * True when the vague word bears on what the model is asked to hand back: within a few words after a verb
 * that asks for it ("come up with some catchy names", "make them catchy", "add some interesting stuff").
 */
function onDeliverable(doc: Doc, i: number): boolean {
  const { tokens } = doc;
  const s = tokens[i]!.sentence;
  const l = tokens[i]!.lower;
  // "pick the better one", "the nicer of the two": a choice between things given, not a quality left open
  if (/^(?:better|nicer|cleaner)$/.test(l) && /^(?:the|which)$/.test(tokens[i - 1]?.lower ?? ""))
    return false;
  // "the most appropriate tool": the best of what exists, not a quality left open
  if (tokens[i - 1]?.lower === "most") return false;
  const indefinite = INDEFINITES.has(l) || l === "stuff";
  // "say something like: …" hands over an example; "make things up" is a phrasal verb
  if (indefinite && /^(?:like|up)$/.test(tokens[i + 1]?.lower ?? "")) return false;
  const verbs = indefinite ? MAKE_VERBS : ASK_VERBS;
  let adjectives = 0;
  let floor = Math.max(0, i - 6);
  let listed = false;
  for (let k = i - 1; k >= floor; k--) {
    const t = tokens[k]!;
    if (t.sentence !== s) return false;
    // one item of a list of things asked for ("I need a business plan for my cart, a good name for my cat"):
    // the verb is before the first item
    if (t.lower === "," && /^(?:a|an)$/.test(tokens[k + 1]?.lower ?? "") && !listed) {
      listed = true;
      floor = Math.max(0, k - 10);
      continue;
    }
    if (t.type !== TOKEN_WORD) return false;
    if (verbs.has(t.lower)) return !writersOwnAct(doc, k);
    // "I'd like a short bio", "we would like some tips": a want for the answer
    if (t.lower === "like" && /^(?:i'd|we'd|i’d|we’d|would)$/.test(tokens[k - 1]?.lower ?? "")) return true;
    // "help me out with a short bio": what the help is with is the deliverable
    if (t.lower === "with" && helpedWith(doc, k)) return true;
    if (listed) continue;
    // a participle asks too ("…, citing some sources"); after a preposition it describes ("skilled in
    // creating engaging posts")
    if (verbs.has(baseOfIng(t.lower))) return !/^(?:in|at|of|for|by|about)$/.test(tokens[k - 1]?.lower ?? "");
    if (BETWEEN.has(t.lower) || VAGUE_ADJECTIVES.has(t.lower) || VAGUE_QUANTIFIERS.has(t.lower)) continue;
    // two judgements joined ("keep it short and nice")
    if (
      /^(?:and|or)$/.test(t.lower) &&
      /^(?:short|brief)$|^(?:good|nice|clear)$/.test(tokens[k - 1]?.lower ?? "")
    )
      continue;
    if (/^(?:short|brief)$/.test(t.lower) && /^(?:and|or)$/.test(tokens[k + 1]?.lower ?? "")) continue;
    // one describing word before the noun ("some recent papers", "a short story with some twists")
    if (adjectives++ > 0) return false;
  }
  return false;
}

/** Words after "recent" that give its time span ("in the past 12 months", "since 2023", "from last week"). */
const SPAN_AFTER = new Set(
  "since past last within from after this year years month months week weeks days".split(" "),
);
const RECENT_FEATURES =
  /^(?:colou?rs|files|items|searches|projects|documents|docs|activity|orders|chats|conversations|messages|emojis|contacts|tabs|downloads|uploads|history)$/;
const OWNED = new Set("most more the our my your its their this these his her".split(" "));

/**
 * "Recent" with no time span, on what is asked for ("an overview of recent AI regulations", "some recent
 * articles"): how recent is left to a guess. Not "the most recent", not "our recent survey" (a thing given),
 * and not with a span after it in the sentence.
 */
function recentOpen(doc: Doc, i: number, sig: Signals): boolean {
  const t = doc.tokens[i]!;
  if (!isDirective(doc, t.sentence, sig) && !imperativeAsk(doc, i)) return false;
  if (OWNED.has(doc.tokens[i - 1]?.lower ?? "") || inCondition(doc, i)) return false;
  // "a picker with recent colours", "recent files": a list of what was last used, a feature, not a span
  if (RECENT_FEATURES.test(doc.tokens[i + 1]?.lower ?? "")) return false;
  if (i > doc.sentences[t.sentence]!.t0 && /\p{Lu}/u.test(doc.text[t.start]!)) return false;
  for (let k = i + 1; k < doc.tokens.length && doc.tokens[k]!.sentence === t.sentence; k++) {
    const w = doc.tokens[k]!;
    if (w.type === TOKEN_NUMBER || SPAN_AFTER.has(w.lower)) return false;
  }
  return true;
}

/** Words that make a fragment a statement ("some users are confused") rather than a thing asked for. */
const STATEMENT_WORDS = new Set(
  "is are was were be been have has had do does did can could will would should must may might i we you they he she it".split(
    " ",
  ),
);

/**
 * True when the word opens a short fragment of a brief: a list item or a comma-separated phrase with no verb
 * of its own ("- some tips for my driving test", "…, nice colours, good vibe, 1200x630"). In a brief made of
 * such phrases (an image description, a list of things wanted) each phrase is a part of what is asked for.
 */
function briefFragment(doc: Doc, i: number): boolean {
  const { tokens } = doc;
  const t = tokens[i]!;
  const s = doc.sentences[t.sentence]!;
  if (!s.instruction || exampleTurn(s) || s.label !== "") return false;
  const prev = tokens[i - 1];
  // an amount opens a list item ("- some tips for my driving test"); in a phrase of an image description it
  // rarely matters ("some mountains in the background", "lots of negative space"); "something" and "stuff"
  // are what a user brings or is defined after ("something with a pun about cheese")
  const item = t.newline || (!!prev && /^[-*•]$/.test(prev.lower) && prev.newline);
  if (INDEFINITES.has(t.lower) || t.lower === "stuff") return false;
  if (VAGUE_QUANTIFIERS.has(t.lower) && !item) return false;
  // a phrase of a comma-separated brief is left out: in image descriptions style words are the brief's own
  const opens = item;
  if (!opens) return false;
  let n = 0;
  for (let k = i + 1; k < s.t1; k++) {
    const w = tokens[k]!;
    if (w.lower === "," || w.newline) break;
    if (w.lower === ":" || w.type !== TOKEN_WORD) {
      if (w.lower === ":") return false;
      continue;
    }
    if (STATEMENT_WORDS.has(w.lower)) return false;
    if (++n > 8) return false;
  }
  return n >= 1;
}

/** How many tokens after `i` its comma-separated fragment runs, within its sentence. */
function fragmentReach(doc: Doc, i: number): number {
  const s = doc.tokens[i]!.sentence;
  let k = i + 1;
  while (k < doc.tokens.length && doc.tokens[k]!.sentence === s && doc.tokens[k]!.lower !== ",") k++;
  return Math.min(10, k - i);
}

/** A length in numbers ("under 150 words", "two sentences", "a one-page memo"), not "short" or "brief". */
const NUMERIC_LENGTH_RE =
  /\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|a single|single|a couple of|a few)[\s-]*(?:[a-z]+[\s-]+)?(?:words?|sentences?|paragraphs?|lines?|characters?|chars|pages?|bullets?|bullet points?|points|items|minutes?|seconds?|slides|tweets)\b|\b(?:one|single)-(?:page|paragraph|line|sentence)\b/;
/** True when the next token in the sentence is a word other than those `except` matches. */
function nextIsWord(doc: Doc, i: number, except: RegExp): boolean {
  const n = doc.tokens[i + 1];
  return !!n && n.sentence === doc.tokens[i]!.sentence && n.type === TOKEN_WORD && !except.test(n.lower);
}
const lengthMemo = new WeakMap<Doc, boolean>();
function lengthStated(doc: Doc): boolean {
  let v = lengthMemo.get(doc);
  if (v === undefined) {
    v = NUMERIC_LENGTH_RE.test(doc.instructionLower);
    lengthMemo.set(doc, v);
  }
  return v;
}

/** Heads that ask for a change of what is given: "Rewrite the paragraph to be better", "Keep the text short". */
const CHANGE_HEADS = new Set(
  "keep make rewrite edit revise rework rephrase reword polish tweak adjust change improve fix".split(" "),
);

/**
 * True when the judgement is the state the model is told to bring or keep the thing in, closing its clause:
 * "Keep the flavour text short.", "… and make the opening line punchy", "Rewrite the following paragraph to
 * be better." ("keep" or "make" a few words before, or "to be" after a verb that changes the thing).
 */
function keptOrMadeTo(doc: Doc, i: number): boolean {
  const t = doc.tokens[i]!;
  const s = doc.sentences[t.sentence]!;
  if (!s.instruction || nextIsWord(doc, i, /^$/)) return false;
  const prev = doc.tokens[i - 1]?.lower ?? "";
  if (/^(?:be|sound|look|read|feel)$/.test(prev))
    return (
      doc.tokens[i - 2]?.lower === "to" &&
      s.head >= 0 &&
      s.head < i &&
      CHANGE_HEADS.has(doc.tokens[s.head]!.lower)
    );
  for (let k = i - 1; k >= Math.max(s.t0, i - 6); k--) {
    const w = doc.tokens[k]!;
    if (w.type !== TOKEN_WORD) return false;
    if (/^(?:keep|make)$/.test(w.lower)) return k < i - 1;
  }
  return false;
}

/**
 * Instructions longer than this are a specification: a vague word among its many demands is not what a
 * careful reviewer raises (every labelled case in the corpus is a prompt under 600 characters).
 */
const SPECIFICATION_CHARS = 1500;

export function vagueWords(ctx: RuleContext, out: Finding[]): void {
  const { doc, sig } = ctx;
  if (doc.instructionText.trim().length > SPECIFICATION_CHARS) return;
  const { tokens } = doc;
  const quant: Span[] = [];
  const adj: Span[] = [];
  for (const sp of ctx.vague) {
    const ti = tokenAt(doc, sp.start);
    if (ti < 0 || !isDirective(doc, tokens[ti]!.sentence, sig)) continue;
    if (describesRole(doc, tokens[ti]!.sentence) || looseOnPurpose(doc, tokens[ti]!.sentence)) continue;
    if (askedOfUser(doc, tokens[ti]!.sentence)) continue;
    const phrase = doc.instructionLower.slice(sp.start, sp.end);
    if (
      (phrase === "a few" || phrase === "a couple" || phrase === "a handful") &&
      hasCriterionAfter(doc, ti + 1)
    )
      continue;
    if (askedQuestions(doc, ti)) continue;
    // "a couple" is two; "a bit" is a degree ("a bit punchier"), not an amount of the answer
    if (phrase === "a couple" || phrase === "a bit") continue;
    if (!onDeliverable(doc, ti) && !(imperativeAsk(doc, ti, 14) && partOfPiece(doc, ti, ti + 2))) continue;
    quant.push(sp);
  }
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.mask !== MASK_INSTRUCTION || t.type !== TOKEN_WORD) continue;
    const l = t.lower;
    if (describesRole(doc, t.sentence) || looseOnPurpose(doc, t.sentence) || askedOfUser(doc, t.sentence))
      continue;
    const isQuant = VAGUE_QUANTIFIERS.has(l);
    // "short" or "brief" with no length stated anywhere: the labelling guide's "Keep it short."
    // said of the answer ("keep replies short", "Keep it brief."), not a genre's size ("a short follow-up email")
    // "a short speech", "a brief summary": a piece whose length varies by its nature, not a genre's size
    // ("a short follow-up email", "a short paragraph")
    const isLength =
      (l === "short" || l === "brief") &&
      ((!nextIsWord(doc, i, /^(?:and|but|or|please)$/) && !attributiveRun(doc, i)) ||
        openLengthPiece(doc, i)) &&
      !lengthStated(doc);
    if (l === "recent") {
      if (recentOpen(doc, i, sig)) quant.push({ start: t.start, end: t.end });
      continue;
    }
    const isAdj = VAGUE_ADJECTIVES.has(l) || isLength;
    if (!isQuant && !isAdj) continue;
    const fragment = briefFragment(doc, i);
    if (!fragment && !isDirective(doc, t.sentence, sig) && !imperativeAsk(doc, i)) continue;
    const prev = tokens[i - 1]?.lower ?? "";
    const next = tokens[i + 1]?.lower ?? "";
    // part of a name ("the Oddly Good house voice"): capitalised inside its sentence
    if (i > doc.sentences[t.sentence]!.t0 && prev !== "-" && /\p{Lu}/u.test(doc.text[t.start]!)) continue;
    if (isAdj) {
      if (
        (l === "great" && /^(detail|deal)$/.test(next)) ||
        (l === "good" && /^(morning|afternoon|evening|faith|luck)$/.test(next)) ||
        // "avoid engaging in politics" is a verb; "to get a better understanding" a purpose, not a quality
        (l === "engaging" && /^(?:in|with)$/.test(next)) ||
        (l === "better" && prev === "a" && /^(?:get|gain|have|develop)$/.test(tokens[i - 2]?.lower ?? ""))
      )
        continue;
      if (prev === "as" || prev === "not" || (l === "proper" && next === "nouns")) continue;
      if (((l === "suitable" || l === "appropriate") && next === "for") || fitsTheRequest(doc, i)) continue;
      // in a fragment the criterion is the fragment's own ("good vibe, 1200x630": the size is another demand)
      if (hasCriterionAfter(doc, i, fragment ? fragmentReach(doc, i) : 10)) continue;
      // "an appropriate commit message using the conventional format", "properly formatted" with a format
      // stated: the criterion is the format
      if (
        !isLength &&
        (namesItsStandard(doc, i) || (/^(?:formatted|format|structured)$/.test(next) && sig.format))
      )
        continue;
      // "Keep responses engaging, professional, and encouraging": one word of a tone spelled out in a run
      if (!isLength && toneRun(doc, i)) continue;
      if (experienceMade(doc, i) || judgedByPersona(doc, i) || inCondition(doc, i)) continue;
      // "an appropriate tone" where a "Tone:" line or a "## Tone" section says what it is
      if (!isLength && criterionElsewhere(doc, i)) continue;
      if (!(fragment || onDeliverable(doc, i) || keptOrMadeTo(doc, i) || predicateOfPiece(doc, i))) continue;
      // a judgement ("engaging", "suitable") in a brief that spells its deliverable out point by point:
      // the points are the criterion (the labelling guide's "given elsewhere"); a length word still counts
      if (!isLength && specifiedPointByPoint(doc)) continue;
      adj.push({ start: t.start, end: t.end });
    } else {
      // "some of the users say …" is a part of something; "Fix some of the lint warnings" leaves how many open
      const partOf = l === "some" && next === "of";
      if (partOf && !someOfAsked(doc, i)) continue;
      // "how many nights", "however many there are", "as many as": a question or a bound, not an amount left open
      if (prev === "how" || prev === "however" || prev === "as") continue;
      // "whatever happens", "whatever you can manage": leaves a choice open on purpose
      if (l === "whatever") continue;
      // "etc." closing a list of examples ("e.g. être, avoir, aller, etc.")
      if ((l === "etc" || l === "etc.") && prev === ",") continue;
      if (askedQuestions(doc, i) || statesFact(doc, i)) continue;
      if (INDEFINITES.has(l) && (inCondition(doc, i) || countedBefore(doc, i))) continue;
      if ((l === "many" || l === "several" || l === "some") && hasCriterionAfter(doc, i, 5)) continue;
      if (l === "some" && (someManner(doc, i) || someOfOne(doc, i))) continue;
      if (broughtByUser(doc, i)) continue;
      if (passedThrough(doc, i) || madeToSay(doc, i) || variedForUsers(doc, i) || optionsOffered(doc, i))
        continue;
      const part = imperativeAsk(doc, i, 14) && partOfPiece(doc, i, i + 1);
      if (!(fragment || partOf || part || onDeliverable(doc, i))) continue;
      quant.push({ start: t.start, end: t.end });
    }
  }
  // "not too long", "a bit shorter", "of reasonable length": a length left open in a phrase, not a word
  if (!lengthStated(doc))
    for (const sp of openLengthPhrases(doc)) {
      const s = tokens[tokenAt(doc, sp.start)]!.sentence;
      if (!isDirective(doc, s, sig) || describesRole(doc, s) || looseOnPurpose(doc, s)) continue;
      if (!adj.some((a) => a.start < sp.end && a.end > sp.start)) adj.push(sp);
    }
  reportVague(out, doc, "PF103", "amount", quant);
  reportVague(out, doc, "PF104", "judgement", adj);
}
