// The words around a task clause that the task reader looks for: request frames ("can you", "I want you
// to", "your role is to", "you will"), what may stand between a frame and its verb, and sentence openers.
import { TASK_VERBS, wordSet } from "./lexicon.js";

// one-word alternatives as sets: a lookup instead of a regex object and a match per call
export const ONE_ALSO_AND = new Set(["also", "and"]);
export const ONE_CAN_COULD = new Set(["can", "could", "would", "will"]);
export const ONE_PLEASE_KINDLY = new Set(["please", "kindly", "possibly", "maybe", "also", "just"]);
export const ONE_I_WE = new Set(["i", "we"]);
export const ONE_NEED_WANT = new Set(["need", "want", "would", "'d", "require"]);
export const ONE_WILL_LL = new Set(["will", "'ll", "should", "must", "shall", "need", "are", "have"]);
export const ONE_ID_WED = new Set(["i'd", "we'd"]);
export const ONE_TASK_JOB = new Set(["task", "job", "goal", "role", "purpose", "mission"]);
export const ONE_MODAL = new Set(["will", "'ll", "should", "must", "shall"]);
/** Manner verbs that, after a request frame, are the behaviour asked for ("Your role is to think …"). */
export const FRAMED_META = wordSet("think act imagine pretend consider focus");
/** What the reader will feel or notice is not a job: "You will love our menu", "You should know that …". */
export const NOT_ASKED = wordSet(
  "love like enjoy adore hate notice see know hear receive understand realize realise agree wish hope believe recall appreciate find meet need want have be",
);
export const HEAD_ONLY_SKIPS = wordSet("only");
/** Words that may stand between a request frame and its verb: "You will now …", "You must always …". */
export const FRAMED_ADVERBS = wordSet("now always also then first just simply still");
export const ONE_NOT_NT = new Set(["not", "n't", "never"]);
export const ONE_IN_WITH = new Set(["in", "with", "only", "using", "as", "briefly"]);
export const ONE_TELL_SHOW = new Set(["tell", "show", "explain"]);
export const ONE_WHICH_WHAT = new Set([
  "which",
  "what",
  "why",
  "whether",
  "how",
  "if",
  "who",
  "when",
  "where",
]);
export const ONE_I_IM = new Set(["i", "i'm", "i'd", "i've"]);
export const ONE_WE_OUR = new Set([
  "we",
  "our",
  "i",
  "my",
  "the",
  "this",
  "these",
  "it",
  "they",
  "there",
  "in",
  "at",
  "for",
  "customers",
  "users",
]);

export const SWITCH_HEADS = /^(also|and|oh|additionally|separately|plus|p\.?s\.?|another)$/;

/** Sentence openers that introduce a fronted phrase before the imperative ("Given the CSV below, identify …"). */
export const INTRO_HEADS = wordSet(
  "given using based from for after before with in once if when assuming considering as looking starting taking reading",
);

export const DELIVERABLE_DETERMINERS = wordSet("a an the one two three four five six seven eight nine ten");

export const SKIP_BEFORE_VERB = wordSet(
  "please kindly now then also and first finally next just so oh additionally separately plus lastly secondly thirdly ok okay pls certainly sure alright",
);

/** Chat spelling of the frame words: "u are now …", "can u …", "ur role is to …". */
export function asWritten(word: string): string {
  return word === "u" ? "you" : word === "ur" ? "your" : word;
}

/** Before "help me", a word that makes it part of a statement: "this app can help me write", "to help me". */
const HELP_AS_STATEMENT = wordSet(
  "can could will would should may might must to it that which who does did do they he she",
);
const PLEASE_AS_STATEMENT = wordSet("if as whenever");

/**
 * A request frame opening a clause inside a sentence: "I want/need you to", "I'd like you to", after a comma
 * "please …" (in a sentence opening with "you"), "you will …", and "help me (to) write …" after anything but a modal or a subject ("Hi, can
 * you explain …?" is read whole, as the question it is).
 */
export function requestFrameAt(tokens: ReadonlyArray<{ lower: string }>, i: number, head: number): boolean {
  const w = (k: number) => asWritten(tokens[k]?.lower ?? "");
  const prev = w(i - 1);
  // (after a fronted phrase, "Acting as a researcher, I need your help in …": the clause reader decides)
  if ((w(i) === "i" || w(i) === "we") && (w(i + 1) === "want" || w(i + 1) === "need"))
    return (w(i + 2) === "you" && w(i + 3) === "to") || prev === "," || prev === ":";
  if (ONE_ID_WED.has(w(i))) return w(i + 1) === "like" && w(i + 2) === "you" && w(i + 3) === "to";
  if (w(i) === "help" && w(i + 1) === "me")
    return !HELP_AS_STATEMENT.has(prev) && TASK_VERBS.has(w(i + 2) === "to" ? w(i + 3) : w(i + 2));
  if (prev !== "," && prev !== ":") return false;
  // (only in a sentence addressed to the model: "Dear team, please take your laptops home" is a memo's)
  if (w(i) === "please") return w(head).startsWith("you") && !PLEASE_AS_STATEMENT.has(w(i + 1));
  return (w(i) === "you" && (ONE_MODAL.has(w(i + 1)) || w(i + 1) === "are")) || w(i) === "you'll";
}

// where a task clause's object ends
export const CLAUSE_END = new Set([".", "!", "?", ";"]);

export const OBJECT_END = new Set(
  "for about on with in to that which who covering using from by at as into so where when while because".split(
    " ",
  ),
);

/** A list opening on the line after a colon: "1. A title …", "- Five bullet points …". */
export const LIST_AFTER_COLON_RE = /^[ \t]*\r?\n[ \t]*(?:\d+[.)]|[-*•])[ \t]+\S/;

/**
 * Clause starts read per sentence: each reads its clause to the sentence's end, so a bound keeps a
 * page-long sentence of repeated frames ("help me write help me write …") linear in its length.
 */
export const MAX_CLAUSE_STARTS = 24;
