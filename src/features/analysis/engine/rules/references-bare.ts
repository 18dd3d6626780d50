// A short prompt that leans on a pronoun for something it never gives: "explain this line by line",
// "Is this grammatically correct?", "Why is this so slow?", "I need you to translate this into German",
// "Give me feedback on it — be honest". The phrase lists of the missing-material rule catch the common
// wordings; this reading asks what the sentence does instead: a prompt too short to carry material,
// holding none (no block, quote, variable, slot, colon or line of code), whose first unresolved pronoun
// (the bare-pronoun reading, PF102) is the object of a request or the subject of a question. That is
// a reference nobody can resolve, and, when the pronoun stands for something to be worked on, missing
// material as well (the labelling guide asks for both on "Fix this.").
import * as lexicon from "../lexicon.js";
import { type Doc, MASK_INSTRUCTION, TOKEN_PUNCT, TOKEN_WORD } from "../text.js";
import type { Span } from "../types.js";
import type { RuleContext } from "./context.js";

/** Longest prompt read: a longer one usually says what it is about somewhere. */
const SHORT = 220;
const WORDS = new Set(["it", "this", "that", "these", "those", "them"]);
/**
 * Signs of material given inline, which the pronoun may point at: a quoted passage, text after a colon,
 * a line of code, options, a list, a link.
 */
const INLINE_MATERIAL_RE =
  /["“`«][^"”`»\n]{3,}|:[ \t]*\S|[{};=<>]|^[ \t]{2,}\S|\b[A-D]\)|^[ \t]*(?:[-*•]|\d+[.)])[ \t]+\S|https?:|\bwww\./m;
/**
 * Verbs (and nouns of judgement before "on", "with") that work on material: after them the pronoun is
 * text or code the writer has and did not paste.
 */
const WORKS_ON_RE =
  /\b(?:fix|rewrite|redo|improve|summari[sz]e|sum|translate|shorten|lengthen|proofread|edit|check|review|make|polish|explain|analy[sz]e|format|reformat|correct|simplify|expand|clean|tidy|sort|compare|merge|grade|mark|rate|score|rank|reword|rephrase|paraphrase|condense|tighten|debug|refactor|optimi[sz]e|turn|put|convert|adapt|finish|complete|continue|read|go over|go through|look at|look over|break down|tweak|update|restructure|critique|evaluate|assess|respond to|reply to|understand|interpret|decode|parse|test|run|copyedit|spellcheck|annotate|label|classify|categori[sz]e|organi[sz]e|structure|outline|bullet|punctuate|capitali[sz]e|edit down|cut|trim|soften|sharpen|warm up|tone down|punch up|feedback on|thoughts on|comments on|notes on|opinion on|take on|make of|think of|wrong with|problem with|issue with|help (?:me )?with|mistakes in|errors in|typos in|bugs? in)\s+$/i;
/** A subject pronoun that is a dummy or a situation, not a thing: "it's raining", "this is my first time". */
const NOT_A_THING_AFTER_RE =
  /^\s*(?:(?:is|'s|’s|was|seems|feels|looks)\s+(?:\w+\s+)?(?:a|an|the|my|our|your|what|how|why|because|for|about|going|just|only|possible|worth|ok|okay|true|better|best|normal|safe|legal|fine|necessary|important|likely|time|too|raining|snowing|me|so\s+(?:hard|difficult|easy|confusing)\s+to)\b|(?:means|matters|depends|happens|turns out|takes|costs)\b|(?:[a-z]+\s+)?(?:that|if|whether|to)\b)/i;

/** "Is it worth …", "Is it safe to …", "Is it too late": the situation, or the clause after, is meant. */
const JUDGED_SITUATION_RE =
  /^\s+(?:(?:ever|usually|often|always|normally|still|also|really|even)\s+)?(?:(?:snow|rain|hail|get|gets|take|takes|cost|costs|mean|matter|depend|happen|feel|make sense|pay|pay off)\b|(?:a|the)\s+(?:good|bad|right|best|wrong|smart|wise|great)\s+(?:time|idea|moment|move|day|choice|place)\b|possible|worth|ok|okay|true|better|best|normal|safe|legal|bad|good|wise|smart|fine|necessary|important|rude|weird|common|likely|too|time|raining|snowing|a good idea|me|just me)\b/i;

export interface BareReference {
  at: Span;
  /** The pronoun stands for material to be worked on (report missing material too). */
  material: boolean;
}

const cache = new WeakMap<object, BareReference | null>();

/** The first pronoun of a short, material-free prompt that points at nothing, read once per prompt. */
export function bareReference(ctx: RuleContext): BareReference | null {
  const { doc } = ctx;
  if (cache.has(doc)) return cache.get(doc)!;
  const found = read(ctx);
  cache.set(doc, found);
  return found;
}

function read(ctx: RuleContext): BareReference | null {
  const { doc } = ctx;
  const { text } = doc;
  if (ctx.partial || text.trim().length >= SHORT) return null;
  if (doc.blocks.length > 0 || doc.vars.length > 0 || doc.slots.length > 0) return null;
  for (let i = 0; i < text.length; i++) if (doc.mask[i] !== MASK_INSTRUCTION) return null;
  if (INLINE_MATERIAL_RE.test(text)) return null;
  const first = firstLoosePronoun(doc);
  if (!first) return null;
  // "Review my code and tell me what is wrong with it": a thing named before is what it stands for
  for (const m of text.slice(0, first.start).matchAll(NAMED_RE))
    if (!PEOPLE.has(m[1]!.toLowerCase())) return null;
  const word = text.slice(first.start, first.end).toLowerCase();
  const sentenceStart = Math.max(
    text.lastIndexOf("\n", first.start - 1),
    text.slice(0, first.start).search(/[.!?;,—–][^.!?;,—–]*$/),
  );
  const lead = text.slice(sentenceStart + 1, first.start);
  const after = text.slice(first.end, first.end + 60);
  // "Which of these is a mammal?" is a quiz whose options the prompt lists or omits on purpose
  if (/\b(?:which|what)\s+(?:one\s+)?of\s+$/i.test(lead)) return null;
  if (WORKS_ON_RE.test(lead) || REACTED_TO_RE.test(lead)) return { at: first, material: true };
  // the subject of a question or of a complaint: "Is this grammatically correct?", "Why is it so slow?",
  // "it keeps crashing"
  const subject =
    /^\s*(?:(?:hey|hi|hello|ok|okay|so|um|and|but|quick question|any idea|no idea|do you know|can you tell me|could you tell me|i wonder|wondering|i don't know|i'm not sure|not sure)\s+)*(?:(?:why|how come|how|what|when|where)\s+)?(?:(?:is|are|was|were|does|do|did|will|would|can|could|should|isn't|doesn't|won't|can't|didn't|aren't)(?:\s+not)?\s+)?$/i.test(
      lead,
    );
  if (!subject) return null;
  if (NOT_A_THING_AFTER_RE.test(after) || JUDGED_SITUATION_RE.test(after)) return null;
  // "What does it mean to …", "How does it feel": a question about an idea, not about a thing
  if (/^\s*(?:mean|feel)\s+(?:to|when|if)\b/i.test(after)) return null;
  const asked = /\?/.test(text.slice(first.end)) || lead.trim() !== "";
  if (
    !asked &&
    !/^\s+(?:keeps|kept|won't|doesn't|didn't|isn't|can't|still|just|crashes|crashed|fails|failed|broke|throws|threw|returns|stopped|stops|hangs|freezes|froze)\b/i.test(
      after,
    )
  )
    return null;
  // "this" and "these" point at something the writer has in hand (a text, an error, some code); "it"
  // may be a product or a situation the prompt never names
  return { at: first, material: word === "this" || word === "these" || word === "those" };
}

const NOT_A_NOUN =
  lexicon.W_STOP |
  lexicon.W_NON_NOUN |
  lexicon.W_TASK |
  lexicon.W_META |
  lexicon.W_VAGUE_ADJ |
  lexicon.W_VAGUE_Q;
/** Words of the request itself, which name nothing a pronoun could stand for. */
const REQUEST_WORDS = new Set(
  "please pls plz thanks thank hey hello help feedback thoughts opinion honest honestly quick question idea clue wrong mistakes errors typos issues problem understand figure tell know need want like would could should quickly real brutal submitting sending tomorrow today tonight asap urgent".split(
    " ",
  ),
);
/** People, who cannot be what "it" or "this" stands for ("The client hated it."). */
const PEOPLE = new Set(
  "client clients boss manager customer customers team teacher editor professor mum mom dad wife husband partner friend friends ceo lead reviewer reviewers committee board publisher agent recruiter landlord everyone everybody nobody someone people".split(
    " ",
  ),
);
/** A thing named with a determiner or a possessive ("my code", "the essay"): group 1 is its noun. */
const NAMED_RE = /\b(?:my|our|your|his|her|their|the|a|an)\s+([a-z-]{3,})/gi;
/** Verbs of a reaction to something read or seen: what they react to is material ("The client hated it."). */
const REACTED_TO_RE =
  /\b(?:hated|loved|liked|disliked|rejected|approved|didn't like|did not like|wasn't happy with|weren't happy with|complained about|sent back|signed off on|turned down|shot down|pushed back on|read|saw|reviewed|hates|loves|likes|rejects)\s+$/i;

/** What may follow a demonstrative that stands alone ("this line by line", "this grammatically correct"). */
const ALONE_AFTER_RE =
  /^\s+(?:line by line|step by step|word for word|point by point|for me|for us|[a-z]+n['’]t|(?:mean|work|say|do|look|sound|read|seem|need|have|return|print|throw|crash|fail|compile|run|happen|refer|matter|apply|hold|keep|show|give|break|hang|freeze|stop|load|change)s?)\b/i;

/**
 * The first it / this / that / these / those / them of the instructions, when no word that could be its
 * noun comes before it and it stands alone (not "this recipe").
 */
function firstLoosePronoun(doc: Doc): Span | null {
  const { tokens } = doc;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== TOKEN_WORD) continue;
    const l = t.lower;
    if (!WORDS.has(l)) {
      const flags = lexicon.WORD_FLAGS.get(l) ?? 0;
      if (flags & lexicon.W_PRONOUN) continue;
      if (
        l.length >= 3 &&
        (flags & NOT_A_NOUN) === 0 &&
        !l.endsWith("ly") &&
        !REQUEST_WORDS.has(l) &&
        !PEOPLE.has(l) &&
        !(l.endsWith("ed") && l.length >= 5) &&
        !WORKS_ON_RE.test(`${l} `)
      )
        return null;
      continue;
    }
    if (l === "it" || l === "them") return { start: t.start, end: t.end };
    const next = tokens[i + 1];
    if (!next || next.type === TOKEN_PUNCT || next.newline) return { start: t.start, end: t.end };
    if (ALONE_AFTER_RE.test(doc.text.slice(t.end, t.end + 20))) return { start: t.start, end: t.end };
    const nf = lexicon.WORD_FLAGS.get(next.lower) ?? 0;
    if (
      next.type === TOKEN_WORD &&
      ((nf & (lexicon.W_STOP | lexicon.W_NON_NOUN)) !== 0 || next.lower.endsWith("ly"))
    )
      return { start: t.start, end: t.end };
    return null;
  }
  return null;
}
