// The contradiction rules' reader of a demand and its own negation in any wording: "It must rhyme." …
// "The poem must not rhyme at all."; "Use the metric system." … "Never use the metric system."; "Keep the
// receipts." … "Do not keep the receipts.". The fixed subjects (language, length, tone, lists …) read what
// they know by meaning; this reader only pairs a verb and its object stated once with a negation and once
// without, word for word, so it holds for verbs and objects no list names. A demand narrowed by a scope
// ("… in the subject line", "… for short answers") or a case ("… unless asked") is left out, and so is a
// demand on a named part ("The title must not …") unless the other is on the same part.

import { wordSet } from "../lexicon.js";
import { matchesOf } from "../text.js";

export interface NegationDemand {
  /** Offset and length of the demand in its clause. */
  index: number;
  length: number;
  polarity: "require" | "forbid";
  /** The verb and its object, determiners dropped: "use:metric system". */
  key: string;
  /** The subject before a modal ("the poem" in "The poem must not rhyme"), "" when none or the answer. */
  subject: string;
  /** A demand narrowed by a scope after its object ("drop rows where the total is empty"): its key is the
   * verb and the object's head, and only a prohibition of every instance can meet it. */
  scoped?: boolean;
  /** A prohibition of every instance: "do not drop any rows", "never draft replies", "… at all". */
  universal?: boolean;
}

const NEGATIONS =
  "do not|don't|dont|never|must not|mustn't|should not|shouldn't|may not|cannot|can't|will not|won't|is not to|are not to|need not|do not ever|never ever";
const MODALS =
  "must|should|will|shall|always|has to|have to|needs? to|is to|are to|make sure (?:to|you)|be sure to|remember to|ensure (?:you|that you)|please|also|and|then";
/** Verbs that say nothing about the answer on their own, or that the fixed subjects already read. */
const SKIP_VERBS = wordSet(
  "be is are was were been had do does did get got go let make made know think forget hesitate worry try need want like say tell ask answer respond reply write give use include mention add list show share reveal provide offer quote cite state discuss name omit exceed exceeding",
);
/** Verbs read by this rule even though they are generic: with an object they name one concrete act. */
const OBJECT_VERBS = wordSet(
  "use include mention add list show share reveal provide offer quote cite state discuss name have",
);
const DETERMINER = /^(?:the|a|an|any|your|our|their|its|my|this|that|these|those|some|all|every|each)$/;
/** Words after which the demand holds only in a case, or joins a second demand: the pair is not read. A scope
 * ("… in the subject line", "… by name") is kept in the demand, so only the same scope on both sides pairs. */
const OBJECT_END =
  /^(?:until|unless|except|if|when|whenever|where|while|as|than|that|which|who|because|so|and|or|but|nor|instead|other|only|unless|like|before|after|once)$/;
/** What may follow a demand and leave it whole: an intensifier or the clause's end. */
const WHOLE_TAIL =
  /^\s*(?:at all|ever|whatsoever|anywhere|in any (?:form|way|circumstances)|under any circumstances|no matter what|at any point|throughout|either|again|here)?\s*(?:[.;!)\]—–]|\s-\s|,\s*(?:and|but|so|because|since|as)\b|$)/;
/** Words that start a scope after an object: "rows where …", "a reply for categories …". */
const SCOPE_START =
  /^(?:for|in|on|at|with|from|to|by|about|during|within|under|over|into|per|across|where|when|whenever|if|unless|except|only|that|which|who|whose|while|before|after|once|until)$/;
/** The subject of a modal: "the poem must …"; pronouns and the answer itself stand for the whole answer. */
const GENERIC_SUBJECT =
  /^(?:it|this|that|they|you|we|i|the (?:answer|reply|response|output|text|result)s?|your (?:answer|reply|response|output|text)s?)$/;

const INTENSIFIER_RE =
  /\s+(?:at all|ever|whatsoever|in (?:your|the|any) (?:answer|reply|response|output|text)s?|anywhere|in any (?:form|way|circumstances)|under any circumstances|no matter what|at any point|throughout|either|again)\b/;
// the same verb asked for: at the clause's start (an imperative) or after a modal ("it must rhyme"); the
// caller keeps only verbs negated somewhere in the prompt
const TAIL = "((?:\\s+[a-z][a-z0-9'’-]*){0,6})";
const START_RE = new RegExp(
  `^(\\s*(?:[-*•]\\s*|\\d+[.)]\\s*)?)(?:always\\s+|also\\s+|still\\s+)?([a-z]{3,})\\b${TAIL}`,
);
const MODAL_RE = new RegExp(
  `\\b(?:(the [a-z-]+(?: [a-z-]+)?|it|this|you|your [a-z]+)\\s+)?(?:${MODALS})\\s+(?:always\\s+|also\\s+|still\\s+)?([a-z]{3,})\\b${TAIL}`,
  "g",
);
const NEGATED_RE = new RegExp(
  `\\b(?:(the [a-z-]+(?: [a-z-]+)?|it|this|you|your [a-z]+)\\s+)?(?:${NEGATIONS})\\s+(?:ever\\s+|once\\s+|even\\s+)?([a-z]{3,})((?:\\s+[a-z][a-z0-9'’-]*){0,6})`,
  "g",
);

/** The verb's object words up to the first word that narrows or ends it; null when the demand is narrowed. */
function objectOf(tail: string): { words: string[]; rest: string } | null {
  const words: string[] = [];
  const raw = tail.trim() === "" ? [] : tail.trim().split(/\s+/);
  let used = 0;
  for (const w of raw) {
    if (OBJECT_END.test(w)) break;
    used++;
    if (!DETERMINER.test(w)) words.push(objectWord(w));
  }
  // "do not use the metric system for distances": a scope after the object narrows the demand
  if (used < raw.length) return null;
  return { words, rest: "" };
}

/** Every demand in one lower-cased clause that this reader can pair, negated or plain. */
export function negationDemands(lower: string, forbiddenVerbs: ReadonlySet<string>): NegationDemand[] {
  const out: NegationDemand[] = [];
  for (const m of matchesOf(lower, NEGATED_RE)) {
    const verb = m[2]!;
    if (SKIP_VERBS.has(verb) && !OBJECT_VERBS.has(verb)) continue;
    const end = m.index! + m[0].length;
    const d = demand(lower, m.index!, end, m[1] ?? "", verb, m[3] ?? "", "forbid");
    if (d) {
      // "any rows", "… at all", or "never" over a bare plural ("never draft replies"): every instance
      const tail = (m[3] ?? "").trim();
      d.universal =
        /^(?:any|anything)\b/.test(tail) ||
        INTENSIFIER_RE.test(lower.slice(m.index!, m.index! + d.length + 20)) ||
        (/\bnever\s/.test(m[0]) && /^[a-z]{3,}s\b/.test(tail) && !DETERMINER.test(tail.split(" ")[0]!));
      out.push(d);
    }
  }
  if (forbiddenVerbs.size === 0) return out;
  const start = START_RE.exec(lower);
  // the imperative at the clause's start has no subject: its first group is the list marker
  const found = start
    ? [Object.assign(start, { 1: "" }), ...matchesOf(lower, MODAL_RE)]
    : [...matchesOf(lower, MODAL_RE)];
  for (const m of found) {
    if (!forbiddenVerbs.has(m[2]!)) continue;
    const at = m.index! + m[0].length - (m[3] ?? "").length - m[2]!.length;
    // "you must not … and must never …": a negation a few words back belongs to this verb
    if (/(?:\bnot|n't|\bnever|\bno)\s+(?:\w+\s+){0,1}$/.test(lower.slice(Math.max(0, at - 20), at))) continue;
    const d =
      demand(lower, m.index!, m.index! + m[0].length, m[1] ?? "", m[2]!, m[3] ?? "", "require") ??
      scopedDemand(m.index!, m.index! + m[0].length, m[1] ?? "", m[2]!, m[3] ?? "");
    if (d) out.push(d);
  }
  return out;
}

/** A plain demand narrowed by a scope after its object: keyed by the verb and the object's head only. */
function scopedDemand(
  start: number,
  end: number,
  subject: string,
  verb: string,
  tail: string,
): NegationDemand | null {
  const raw = tail.trim() === "" ? [] : tail.trim().split(/\s+/);
  const words: string[] = [];
  let i = 0;
  for (; i < raw.length && !SCOPE_START.test(raw[i]!) && !/[,.;:!?()]/.test(raw[i]!); i++)
    if (!DETERMINER.test(raw[i]!)) words.push(objectWord(raw[i]!));
  // only a scope right after a whole object narrows it; a demand without an object is left alone
  if (i === raw.length || !SCOPE_START.test(raw[i]!) || words.length === 0 || words.length > 3) return null;
  const subj = subject.trim();
  return {
    index: start,
    length: end - start - tail.length + tail.indexOf(raw[i - 1]!) + raw[i - 1]!.length,
    polarity: "require",
    key: `${verb}:${words.join(" ")}`,
    subject: GENERIC_SUBJECT.test(subj) ? "" : subj.replace(/^(?:the|your) /, ""),
    scoped: true,
  };
}

/** One spelling of an object word: possessive and plural dropped ("replies" → reply, "rows" → row). */
function objectWord(w: string): string {
  return w
    .replace(/['’]s$/, "")
    .replace(/ies$/, "y")
    .replace(/(?<=[^s])s$/, "");
}

function demand(
  lower: string,
  start: number,
  end: number,
  subject: string,
  verb: string,
  tail: string,
  polarity: "require" | "forbid",
): NegationDemand | null {
  // the object stops at the clause's end: what follows the last word read decides whether it is whole
  let objectTail = tail;
  let stop = end;
  const cut = /[,.;:!?()]/.exec(tail);
  if (cut) {
    objectTail = tail.slice(0, cut.index);
    stop = end - tail.length + cut.index;
  }
  // "… at all", "… ever again": an intensifier ends the object and keeps the demand whole
  const intensifier = INTENSIFIER_RE.exec(objectTail);
  if (intensifier) {
    stop = end - tail.length + intensifier.index;
    objectTail = objectTail.slice(0, intensifier.index);
  }
  const obj = objectOf(objectTail);
  if (!obj) return null;
  // "use plt.show()", "edit config.yaml": the object goes on as a dotted name, which no key here spells
  if (!WHOLE_TAIL.test(lower.slice(stop)) || /^\.\w/.test(lower.slice(stop, stop + 2))) return null;
  // a generic verb needs a concrete object ("use the metric system"), any other verb may stand alone ("rhyme")
  if (OBJECT_VERBS.has(verb) && obj.words.length === 0) return null;
  // "never use it for directories" under one tool, "use it for directories" under another: a pronoun
  // object is whatever its line names, which two lines need not share
  if (/^(?:it|them|this|that|these|those)$/.test(obj.words[0] ?? "")) return null;
  if (
    obj.words.length > 0 &&
    obj.words.every((w) =>
      /^(?:it|them|this|that|one|more|less|anything|everything|something|much|many)$/.test(w),
    )
  )
    return null;
  const subj = subject.trim();
  return {
    index: start,
    length: stop - start,
    polarity,
    key: `${verb}:${obj.words.join(" ")}`,
    subject: GENERIC_SUBJECT.test(subj) ? "" : subj.replace(/^(?:the|your) /, ""),
  };
}

/** The verbs negated anywhere in the instructions: the plain side is only searched for these. */
export function negatedVerbs(lower: string): Set<string> {
  const out = new Set<string>();
  for (const m of matchesOf(lower, NEGATED_RE)) {
    const verb = m[2]!;
    if (!SKIP_VERBS.has(verb) || OBJECT_VERBS.has(verb)) out.add(verb);
  }
  return out;
}
