// When two directives of the contradiction rules cannot both hold: the directive's shape, and one test per
// subject — the same side negated, two different values, two bounds that exclude each other, a forbidden
// named thing asked for — with the case handling that keeps "formal with customers, casual with
// colleagues" and "if asked, …" apart from a conflict.
import type { Span } from "../types.js";
import { boundAbove, boundsClash, type CountBound, type LengthBound } from "./contradiction-lengths.js";
import { FOLLOW } from "./contradiction-patterns.js";
import { OTHER_VERSION_TARGET, TONE_CLASHES } from "./contradiction-subjects.js";
import { OPPOSED_SUBJECTS } from "./opposed-directives.js";

const OPPOSED = new Set(OPPOSED_SUBJECTS.map((o) => o.subject));
/** Table subjects whose absolute rule ("only from the sources", "never outside knowledge") covers every case. */
const VISUAL_SUBJECTS = new Set(OPPOSED_SUBJECTS.filter((o) => o.visual).map((o) => o.subject));
const ABSOLUTE_OVER_CASES = new Set(["knowledge"]);
/** One screen for every subject of the table: most clauses mention none of them. */
export const OPPOSED_SCREEN = new RegExp(OPPOSED_SUBJECTS.map((o) => o.screen.source).join("|"));

/** Others of the same trade, named as a group: "competitors", "competitor airlines", "other broadband providers". */
const RIVALS_RE =
  /^(?:competitors?|competing [a-z]+|rivals?|other (?:[a-z-]+ )?(?:brands|companies|vendors|providers|carriers|airlines|banks|stores|shops|retailers|suppliers|platforms|tools|apps|firms|agencies|operators|networks|insurers|lenders|hotels|restaurants))\b/;

export type Polarity = "require" | "forbid";

export interface Directive {
  subject: string;
  value: string;
  polarity: Polarity;
  span: Span;
  /** A "compare … with <names>" request. */
  compare?: boolean;
  /** Stated for a case ("when a prospect is deciding, …"): conflicts only with an absolute rule. */
  conditional: boolean;
  /** Stated without exception ("never", "always", "only", "regardless"). */
  absolute: boolean;
  /** Stated to hold in every case ("never", "always", "under no circumstances"), not only "only". */
  strict?: boolean;
  /** A demand on every answer ("every reply must be JSON"). */
  everyAnswer?: boolean;
  /** The sentence it was read in. */
  sentence?: number;
  /** The deliverable it is about ("summary", "tweet"); null for the answer itself. */
  target?: string | null;
  /** The prompt section it sits in (-1 before the first heading). */
  section?: number;
  /** A bound written into its noun ("a 300-word version"): it qualifies that one noun phrase. */
  attributive?: boolean;
  /** The user turn of a chat transcript it sits in: a later turn revises an earlier one. */
  turn?: number;
  /** A bound on a length, or on a number of items. */
  bound?: LengthBound;
  count?: CountBound;
  /** The words of a named thing to mention or leave out; whether a scope after it narrows the demand. */
  thing?: string[];
  scoped?: boolean;
  /** A prohibition of every instance ("do not drop any rows"): it meets a demand narrowed by a scope. */
  universal?: boolean;
}

/** Bounds in two sections of a structured prompt are about two parts, unless one is stated without exception. */
function sameSectionOrAbsolute(a: Directive, b: Directive): boolean {
  return a.section === b.section || a.absolute || b.absolute;
}

/** A demand that admits no exception: a case conflicts with it. */
const holdsAlways = (d: Directive) => d.absolute || d.strict === true || d.everyAnswer === true;

export function conflict(a: Directive, b: Directive): boolean {
  if (a.subject !== b.subject) return false;
  // in a chat transcript a later user turn revises the request ("now a longer version"), it does not clash
  if (a.turn !== undefined && b.turn !== undefined && a.turn !== b.turn) return false;
  // the table's subjects: two rules in different sentences ("refer to the user in the second person and to
  // yourself in the first" assigns, it does not conflict), neither stated for a case
  if (OPPOSED.has(a.subject)) {
    // a picture is often described in one long sentence of commas: there, one sentence can clash
    if ((a.sentence === b.sentence && !VISUAL_SUBJECTS.has(a.subject)) || (a.conditional && b.conditional))
      return false;
    // "answer only from the sources" admits no gap to fill: a case that fills it from general knowledge
    // breaks the rule itself; for the other subjects a case is an exception the author carved out
    // the same holds for any rule stated without exception ("Never use tables" … "when you calculate,
    // present every step as a table"): the case breaks the rule rather than refining it
    if (a.conditional || b.conditional) {
      const rule = a.conditional ? b : a;
      const knowledge = ABSOLUTE_OVER_CASES.has(a.subject) && rule.absolute && rule.value === "sources_only";
      if (!knowledge && !rule.strict) return false;
    }
  }
  // two cases never conflict; a case conflicts with a rule only when the rule admits no exception
  if (a.conditional && b.conditional) return false;
  // "Do not name other providers" … "if they are leaving, compare us point by point with Skylink": a rule
  // against naming rivals has no case in which they are named, so a case that names them breaks it
  if (a.subject === "mention" && a.polarity !== b.polarity) {
    const [neg, req] = a.polarity === "forbid" ? [a, b] : [b, a];
    if (!neg.conditional && RIVALS_RE.test(neg.value) && req.compare === true && a.sentence !== b.sentence)
      return true;
  }
  if ((a.conditional && !holdsAlways(b)) || (b.conditional && !holdsAlways(a))) return false;
  switch (a.subject) {
    case "language":
      if (a.value === FOLLOW || b.value === FOLLOW) {
        // following the user conflicts with a fixed language only when that one admits no exception
        const fixed = a.value === FOLLOW ? b : a;
        return fixed.value !== FOLLOW && fixed.polarity === "require" && fixed.absolute && !fixed.conditional;
      }
      if (a.polarity === "require" && b.polarity === "require") return a.value !== b.value;
      return a.value === b.value && a.polarity !== b.polarity;
    case "json":
      return a.polarity !== b.polarity;
    case "lists":
      return a.polarity !== b.polarity && !(a.scoped && b.scoped);
    case "length": {
      if (!a.bound || !b.bound || !sameSectionOrAbsolute(a, b)) return false;
      // "a 140-character version for the title and a 300-word version for the body": two noun phrases
      // side by side, two pieces of the same kind
      if (a.attributive && b.attributive && a.sentence === b.sentence) return false;
      // a second version of the piece ("Then write a longer version, about 60 words") has its own length
      if (a.target === OTHER_VERSION_TARGET || b.target === OTHER_VERSION_TARGET) return false;
      if (a.target === b.target) return boundsClash(a.bound, b.bound);
      if (a.target && b.target) return false;
      // a part ("the meta description under 155 characters") may be shorter than the whole, never longer
      const [whole, part] = a.target ? [b.bound, a.bound] : [a.bound, b.bound];
      return boundAbove(part, whole);
    }
    case "count": {
      const x = a.count;
      const y = b.count;
      if (!x || !y || x.noun !== y.noun || a.sentence === b.sentence) return false;
      // "three examples for beginners" and "five examples for experts" are two lists
      if (x.scope !== y.scope && x.scope !== "" && y.scope !== "") return false;
      if (!(x.max < y.min || y.max < x.min)) return false;
      return sameSectionOrAbsolute(a, b);
    }
    case "answer_format": {
      // two formats for the whole answer, in two sentences, neither for a case
      if (a.sentence === b.sentence || a.conditional || b.conditional) return false;
      return a.value !== b.value;
    }
    case "action":
      return (
        a.value === b.value &&
        a.polarity !== b.polarity &&
        a.sentence !== b.sentence &&
        !a.conditional &&
        !b.conditional
      );
    case "negation":
      // the same verb and object, once negated, in two sentences, on the same part of the answer
      if (
        a.value !== b.value ||
        a.polarity === b.polarity ||
        a.sentence === b.sentence ||
        (a.target ?? null) !== (b.target ?? null)
      )
        return false;
      // "Drop rows where the total is empty" … "Do not drop any rows": a scoped demand meets only a
      // prohibition of every instance, never one stated for a scope or a case of its own
      if (a.scoped || b.scoped) {
        const neg = a.polarity === "forbid" ? a : b;
        return neg.universal === true && !neg.conditional;
      }
      return true;
    case "tone":
      if (!(TONE_CLASHES.has(`${a.value}|${b.value}`) || TONE_CLASHES.has(`${b.value}|${a.value}`)))
        return false;
      // "a casual caption and a formal LinkedIn post" gives each text its own tone
      return !a.target || !b.target || a.target === b.target;
    case "mention": {
      if (a.polarity === b.polarity) return false;
      const [neg, req] = a.polarity === "forbid" ? [a, b] : [b, a];
      // "never mention competitors" vs "compare us point by point with Globex and Initech"
      if (RIVALS_RE.test(neg.value))
        return req.value.includes("competitor") || /^rival/.test(req.value) || req.compare === true;
      if (req.compare || a.sentence === b.sentence || !neg.thing || !req.thing) return false;
      // "not in the subject line", "not at the top": a prohibition for one place
      if (neg.scoped) return false;
      // everything the prohibition names is what the request names ("the CEO's name" … "quote the CEO")
      return (
        neg.thing.length > 0 &&
        neg.thing.length === req.thing.length &&
        neg.thing.every((w) => req.thing!.includes(w))
      );
    }
    default:
      // "in the first person" … 'use "I" throughout' narrows, it does not conflict
      if (a.value.startsWith(`${b.value}_`) || b.value.startsWith(`${a.value}_`)) return false;
      // the table's subjects: two different sides of one subject; "no_first" refuses only "first"
      if (a.value.startsWith("no_") || b.value.startsWith("no_"))
        return a.value === `no_${b.value}` || b.value === `no_${a.value}`;
      return a.value !== b.value;
  }
}

/** What each subject's finding says, and how to fix it. */
export const CONTRADICTION_MESSAGES: Record<string, [string, string]> = {
  action: [
    "both asks for something and forbids it",
    "Keep one of the two instructions, or say in which case each applies.",
  ],
  answer_format: [
    "asks for the whole answer in two different formats",
    "Choose one format for the answer, or say which part takes which.",
  ],
  language: [
    "asks for the answer in two different languages",
    "Pick one output language, or say which applies when.",
  ],
  json: [
    "both asks for JSON and forbids it",
    "Decide whether the answer is JSON; if it depends on the case, say which case.",
  ],
  lists: ["both asks for a list and forbids lists", "Choose a list or prose, or say where each applies."],
  length: ["sets two lengths for the answer that cannot both hold", "State one length for the answer."],
  count: [
    "asks for two numbers of the same items that cannot both hold",
    "State one number (or one range) for the items.",
  ],
  tone: ["asks for two opposite tones", "Choose one tone, or say which audience gets which."],
  negation: [
    "asks for something and also forbids it",
    "Keep one of the two instructions, or say in which case each applies.",
  ],
  mention: [
    "forbids mentioning something it also asks to mention",
    "Decide whether it may be named; if it depends on the case, say which.",
  ],
  ...Object.fromEntries(OPPOSED_SUBJECTS.map((o) => [o.subject, o.message])),
};

const overlaps = (x: Directive, y: Directive) => x.span.start < y.span.end && y.span.start < x.span.end;

/** Past this many demands of one subject a prompt repeats itself: comparing every pair of them would take
 * square time on a hostile text, so only the first ones are compared. */
const MAX_PER_SUBJECT = 300;

/** The directives of the given subjects, at most MAX_PER_SUBJECT of each, in the prompt's order. */
export function directivesOf(all: Directive[], subjects: readonly string[]): Directive[] {
  const count = new Map<string, number>();
  return all.filter((d) => {
    if (!subjects.includes(d.subject)) return false;
    const n = (count.get(d.subject) ?? 0) + 1;
    count.set(d.subject, n);
    return n <= MAX_PER_SUBJECT;
  });
}

/** Per list of directives, the directives of other subjects over each one's place, read once each. */
const AT = new WeakMap<Directive[], Map<Directive, Directive[]>>();

function atPlaceOf(all: Directive[], a: Directive): Directive[] {
  const places = AT.get(all) ?? new Map<Directive, Directive[]>();
  AT.set(all, places);
  const at = places.get(a) ?? all.filter((d) => d.subject !== "negation" && overlaps(d, a));
  places.set(a, at);
  return at;
}

/** True when two directives of other subjects over the same two places already conflict. */
export function reportedElsewhere(all: Directive[], a: Directive, b: Directive): boolean {
  const atA = atPlaceOf(all, a);
  if (atA.length === 0) return false;
  const atB = atPlaceOf(all, b);
  return atA.some((x) => atB.some((y) => conflict(x, y)));
}
