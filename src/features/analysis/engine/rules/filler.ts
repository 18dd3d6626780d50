// Filler (PF401, PF402): politeness, hedges and buzzwords that add length without instructions.

import { MASK_INSTRUCTION, tokenAt } from "../text.js";
import type { Finding, Span } from "../types.js";
import { finding, quote } from "./catalogue.js";
import type { RuleContext } from "./context.js";
import { backgroundHedge, unmarkedMaterial } from "./filler-material.js";

// Phrase lists matched in the shared one-pass phrase matcher (rules.ts), so filler costs no extra scan.

/**
 * The writer owning up to a digression ("sorry for the rant", "enough about me", "long story short"):
 * the chatter around it carries no instruction, and the writer says so. Counts as fluff on its own.
 */
export const DIGRESSIONS: readonly string[] = [
  ...["sorry for", "sorry about", "so sorry for", "sorry again for"].flatMap((s) =>
    [
      "the rant",
      "my rant",
      "ranting",
      "the rambling",
      "my rambling",
      "rambling",
      "the ramble",
      "the long message",
      "the long post",
      "the long intro",
      "the wall of text",
      "the tangent",
      "the digression",
      "going on and on",
      "the backstory",
      "all the backstory",
    ].map((x) => `${s} ${x}`),
  ),
  "going on and on",
  "went on and on",
  "go on and on",
  "need my life story",
  "need my whole life story",
  "need to hear my life story",
  "need my backstory",
  "enough about me",
  "i digress",
  "long story short",
  "anyway back to",
  "anyway , back to",
  "anyways back to",
  "anyways , back to",
  "i'm rambling",
  "i am rambling",
  "rambling as usual",
  // running oneself down before asking: the request is the same without it
  "stupid question",
  "silly question",
  "dumb question",
  "apologise in advance",
  "apologize in advance",
  "wasting your time",
  "waste your time",
];

/** Chatter markers that pad only in company: "anyway" opening a sentence, laughter, "a bit about me". */
export const CHATTER: readonly string[] = [
  "anyway",
  "anyways",
  "anyhow",
  "haha",
  "hahaha",
  "hehe",
  "lol",
  "lmao",
  "a bit about me",
  "a little about me",
  "a bit about myself",
  "a little about myself",
  // the writer's day, effort and self-doubt: chatter about oneself that the model cannot act on
  ...["long", "rough", "crazy", "hectic", "busy"].flatMap((a) => [`a ${a} week`, `a ${a} day`]),
  "been staring at",
  "ready to give up",
  "about to give up",
  "pulling my hair out",
  "my brain is fried",
  "brain is fried",
  "bear with me",
  "not a writer",
  "not much of a writer",
  "not a tech person",
  "not a techie",
  "no idea what i'm doing",
  "ugh",
  "sigh",
  // a business letter's pleasantries, written to a model
  "i hope this message finds you well",
  "i hope this finds you well",
  "hope this finds you well",
  "i'm reaching out",
  "i am reaching out",
  "if you have a moment",
  "thanks for your time",
  "thank you for your time",
  "for your time and consideration",
  // small talk about the weekend and the writer's gratitude, flattery of the model's genius
  ...["weekend", "week", "day"].flatMap((w) => [
    `hope you had a good ${w}`,
    `hope you had a great ${w}`,
    `hope you had a nice ${w}`,
  ]),
  "hope you're well",
  "hope you are well",
  "forever grateful",
  "eternally grateful",
  "nobody explains things like you",
  "no one explains things like you",
  "going back and forth on this",
  "genius-level",
  "all-knowing",
  "warm regards",
  "kind regards",
  "best regards",
];
const SENTENCE_OPENERS_ONLY = new Set(["anyway", "anyways", "anyhow"]);

/** Corporate hype the shared hype list does not hold; counted with it when one sentence strings several. */
export const CORPORATE_HYPE: readonly string[] = [
  "future-proof",
  "future-ready",
  "transformational",
  "synergy",
  "synergies",
  "customer-centric",
  "customer-centricity",
  "disruptive",
  "bleeding-edge",
  "mission-critical",
  "game-changer",
  "thought-leading",
  "forward-thinking",
  "trailblazing",
  "best-in-breed",
  "results-driven",
  "results-oriented",
  "proven track record",
  "highly experienced",
  "seasoned",
  "dynamic",
  "passionate",
  "unparalleled",
  "next-generation",
];

/** Buzzwords that still name a behaviour (accuracy, reasoning aloud, tone): advice rather than puffery. */
const PLAIN_DIRECTIVES: ReadonlySet<string> = new Set([
  "accurate",
  "step by step",
  "step-by-step",
  "professional",
  "thorough",
]);

/** True when the span opens its sentence or follows a comma-free sentence break ("… today. Anyway, …"). */
function opensSentence(doc: RuleContext["doc"], sp: Span): boolean {
  const i = tokenAt(doc, sp.start);
  const t = doc.tokens[i];
  if (!t) return false;
  const prev = doc.tokens[i - 1];
  return !prev || prev.sentence !== t.sentence || t.newline || /^(?:[.!?;:—–-]|…|\.{2,})$/.test(prev.lower);
}

/** Emphasis by doubling ("please please please", "really really", "super super"): padding, one span per run. */
const DOUBLED = new Set(["please", "really", "very", "super", "so", "totally", "truly"]);
function doubled(doc: RuleContext["doc"]): Span[] {
  const out: Span[] = [];
  const t = doc.tokens;
  for (let i = 1; i < t.length; i++) {
    const a = t[i - 1]!;
    const b = t[i]!;
    if (b.lower !== a.lower || !DOUBLED.has(b.lower) || doc.mask[b.start] !== MASK_INSTRUCTION) continue;
    if (out.length > 0 && out[out.length - 1]!.end >= a.start - 1) out[out.length - 1]!.end = b.end;
    else out.push({ start: a.start, end: b.end });
  }
  return out;
}

/**
 * A hedge's words used plainly: "the kind of information", "what sort of help" name a kind; "something
 * illegal or something legal" is a choice. The hedge is "kind of slow", "… or something." at a clause's end.
 */
function plainUse(lower: string, sp: Span): boolean {
  const phrase = lower.slice(sp.start, sp.end);
  if (/^(?:kind|sort) of$/.test(phrase))
    return /\b(?:the|this|that|what|which|any|every|each|some|same|one|no|whatever|these|those)\s+$/.test(
      lower.slice(Math.max(0, sp.start - 12), sp.start),
    );
  // "Or maybe in a table": a second option offered, not a hedge on the request
  if (phrase === "maybe" || phrase === "perhaps")
    return /\bor\s+$/.test(lower.slice(Math.max(0, sp.start - 4), sp.start));
  if (phrase === "or something")
    return !/^\s*(?:$|[.,;:!?)\]—–-]|like\b|along\b)/.test(lower.slice(sp.end, sp.end + 8));
  return false;
}

/** A padding finding in any language: `lead ("cue", "cue", …) rest`, the first eight cues marked. */
export function paddingFinding(
  id: "PF401" | "PF402",
  [lead, rest]: readonly [string, string],
  quoted: readonly string[],
  suggestion: string,
  cues: readonly Span[],
): Finding {
  return finding(
    id,
    `${lead} (${quoted.map((q) => `"${q}"`).join(", ")}) ${rest}`,
    suggestion,
    cues.slice(0, 8).map(({ start, end }) => ({ start, end })),
  );
}

/** PF401: the first three courtesies quoted. */
export function politenessFinding(doc: RuleContext["doc"], what: string, polite: readonly Span[]): Finding {
  return paddingFinding(
    "PF401",
    [what, "add length without adding instructions."],
    polite.slice(0, 3).map((s) => quote(doc, s)),
    "Delete pleasantries and hedges; state the request directly. Models do not need them and hedges make the task sound optional.",
    polite,
  );
}

export function filler(ctx: RuleContext, out: Finding[]): void {
  const { doc, sig } = ctx;
  const lower = doc.instructionLower;
  // words inside undelimited material (an essay under "# ESSAY", a sample transcript) are not the author's
  const pasted =
    ctx.fluff.length + ctx.hedges.length + ctx.soft.length + ctx.chatter.length + ctx.effusive.length > 0
      ? unmarkedMaterial(doc)
      : [];
  const authors = (sp: Span) => !pasted.some((p) => p.start <= sp.start && sp.start < p.end);
  let fluff = [...ctx.fluff, ...ctx.digression].filter(authors);
  const chatter = ctx.chatter.filter(
    (c) => !SENTENCE_OPENERS_ONLY.has(lower.slice(c.start, c.end)) || opensSentence(doc, c),
  );
  const soft = [
    ...ctx.soft.filter((s) => !fluff.some((f) => s.start >= f.start && s.start < f.end)),
    ...chatter,
    ...doubled(doc),
  ].filter(authors);
  const effusive = ctx.effusive
    .filter((e) => !fluff.some((f) => f.start <= e.start && e.start < f.end))
    .filter(authors);
  // hedges alone, in sentences of background that ask for nothing, explain rather than pad
  const hedgesOnly = fluff.length + soft.length + effusive.length === 0;
  const hedges = ctx.hedges.filter(
    (h) =>
      !plainUse(lower, h) &&
      authors(h) &&
      !(hedgesOnly && backgroundHedge(doc, h)) &&
      !personaTrait(doc.text, h),
  );
  // greetings the user may send, listed in parentheses ("(hi, hello, thanks)"), are mentioned, not said
  // and a greeting the assistant is told to send ('start with the words "Hey there!"') is its reply's text
  // and so is one opening a quotation, or the value of a line's label or mapping ("'Read me' = Hi there. …",
  // "Give her a reason to stay: Hey, I only have a minute …"), which an author never writes to the model
  // an example exchange between "Me:" and "You:" lines, and the assistant's own scripted lines ("Hello! I'm
  // the Charge Dispute AI, …"), are words handed over too
  const exchange = /(?:^|\n)[ \t]*me:/i.test(doc.text) && /(?:^|\n)[ \t]*you:/i.test(doc.text);
  const said = (sp: Span) => {
    const before = doc.text.slice(Math.max(0, sp.start - 60), sp.start);
    const lineStart = doc.text.lastIndexOf("\n", sp.start - 1) + 1;
    const eol = doc.text.indexOf("\n", sp.start);
    const line = doc.text.slice(lineStart, eol < 0 ? doc.text.length : eol);
    if (exchange && /^[ \t]*(?:me|you):/i.test(line)) return false;
    if (SELF_INTRODUCED_RE.test(line)) return false;
    return before.lastIndexOf("(") <= before.lastIndexOf(")") && !toldToSay(before) && !handedOver(before);
  };
  // a reply handed over unquoted runs on after its greeting: "Start with Hello there! Thanks so much for …"
  const all = [...fluff, ...hedges, ...soft, ...effusive].sort((a, b) => a.start - b.start);
  const replies: Span[] = [];
  for (const sp of all) {
    if (replies.some((r) => r.start <= sp.start && sp.start < r.end) || said(sp)) continue;
    const eol = doc.text.indexOf("\n", sp.start);
    replies.push({ start: sp.start, end: Math.min(eol < 0 ? doc.text.length : eol, sp.start + 200) });
  }
  const spoken = (sp: Span) => said(sp) && !replies.some((r) => r.start <= sp.start && sp.start < r.end);
  const polite = all.filter(spoken);
  if (effusive.length > 0) fluff = [...fluff, ...effusive];
  fluff = fluff.filter(spoken);
  // one "kindly", or a "hello" and a "thanks" around a long specification, is courtesy, not padding
  // and in a specification thousands of words long, a few courtesies scattered through it are a rounding
  // error: past 1,800 words it takes one for every 600
  const enough = sig.instructionWords < 60 ? 2 : Math.max(3, Math.ceil(sig.instructionWords / 600));
  if (
    polite.length >= enough &&
    (fluff.length > 0 ||
      hedges.length + soft.length >= 2 ||
      (hedges.length >= 1 && soft.length + fluff.length >= 1))
  ) {
    out.push(politenessFinding(doc, "Politeness and hedging", polite));
  }
  // a buzzword in the assistant's name ("InSpec Expert") is a name, and so is the same word after it
  const named = namedBuzz(doc, ctx.buzz);
  const buzz = ctx.buzz.filter((b) => !named.has(doc.instructionLower.slice(b.start, b.end)));
  const distinct = new Set(
    buzz.map((s) => doc.instructionLower.slice(s.start, s.end).replace(/[\s-]+/g, " ")),
  );
  const density = sig.instructionWords > 0 ? buzz.length / sig.instructionWords : 0;
  // a run of hype in one sentence ("a world-class, award-winning, visionary, best-in-class …") pads
  // however long the rest of the prompt is
  let run = false;
  const perSentence = new Map<number, Set<string>>();
  for (const h of [...ctx.hype, ...ctx.corporate]) {
    const t = doc.tokens[tokenAt(doc, h.start)];
    if (!t) continue;
    const words = perSentence.get(t.sentence) ?? new Set<string>();
    perSentence.set(t.sentence, words);
    words.add(t.lower);
    if (words.size >= 4) {
      run = true;
      break;
    }
  }
  // Plain advice with no task ("Be thorough. Be accurate. Think step by step.") is reported as no_task,
  // which is what to fix; puffery in place of a task ("You are a world-class expert. Use best practices.
  // Be comprehensive and high-quality.") is padding as well. Directives that name a behaviour do not count
  // towards the three there.
  const taskless = out.some((f) => f.kind === "no_task");
  // with a concrete task, "think step by step" is a cue and "You are an expert …" a role: one of each is
  // not puffery, which takes three hype words of its own
  const cues =
    taskless || sig.bestTaskStrength >= 2 ? [...distinct].filter((b) => PLAIN_DIRECTIVES.has(b)) : [];
  const role =
    sig.bestTaskStrength >= 2 && distinct.has("expert") && /\b(?:you are|you're|as) an expert\b/.test(lower);
  const puffery = distinct.size - cues.length - (role ? 1 : 0);
  if ((puffery >= 3 && (density >= 0.05 || sig.bestTaskStrength === 0)) || run) {
    out.push(
      paddingFinding(
        "PF402",
        ["Buzzwords", "stand in for requirements: they sound rigorous but specify nothing."],
        [...distinct].slice(0, 4),
        "Replace each with the concrete requirement it stands for: which standard, which checks, how long, for whom.",
        buzz,
      ),
    );
  }
}

/**
 * The text before a courtesy hands it over as words to say: an opening quotation mark, or a label or a
 * mapping on the same line ("Read me: Hi there.", "'Read me' = Hi there.", "a time limit: Hey, I'm in a
 * hurry"). An author's own sections ("Background:", "Task:") open their own words.
 */
function handedOver(before: string): boolean {
  if (/["“”'‘’«„][ \t]*$/.test(before)) return true;
  // an example of the words ("reply with something like Thank you so much, …", "e.g. Hi there!")
  // (an example's label may come between: "For example: [CLASSIC] Sorry, I don't know …")
  if (/\b(?:e\.g\.|for example|for instance|such as|something like)[,:]?[^.!?\n]{0,40}$/i.test(before))
    return true;
  // the line of a speaker or of a reply in an example exchange ("Mila: Hi there! Thanks so much …")
  const line = before.slice(before.lastIndexOf("\n") + 1);
  const speaker = /^[ \t]*(?:[-*•>][ \t]*)?([^:\n]{1,30}):[ \t]/.exec(line);
  if (
    speaker &&
    SPEAKER_RE.test(speaker[1]!.trim()) &&
    !OWN_SECTION_RE.test(speaker[1]!.trim().toLowerCase())
  )
    return true;
  const m = /(?:^|\n)([^\n]{0,60}?)[ \t]*(?:[:=→]|->)[ \t]*["“'‘«]?[ \t]*$/.exec(before);
  if (!m) return false;
  const label = m[1]!
    .trim()
    .toLowerCase()
    .replace(/^[-*•#\s]+/, "");
  return label !== "" && !OWN_SECTION_RE.test(label);
}
/** A line where the assistant greets and introduces itself: the reply's text, not the author's courtesy. */
const SELF_INTRODUCED_RE =
  /^[ \t]*(?:hello|hi|hey|greetings)\b[^\n]{0,12}?\b(?:i['’]m|i am)\s+(?:the\s+|your\s+|an?\s+)?[^.!?\n]{0,50}?\b(?:ai|assistant|bot|gpt|specialist|generator|helper|coach|guide)\b/i;
/** A speaker's name or a reply's label: "Mila", "Assistant", "Bot reply", "Welcome message". */
const SPEAKER_RE =
  /^(?:\p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’-]*){0,2}|(?:the )?(?:assistant|bot|ai|gpt|agent|model|reply|response|answer|output|greeting|welcome(?: message)?|(?:example|sample) (?:reply|response|answer|message)|opening(?: line)?|first message)(?: \d)?)$/u;

/**
 * A hedge that grades a persona's trait ("You are kind of grumpy and maybe a little sarcastic"): the
 * character's measure, not the author's doubt about the request.
 */
function personaTrait(text: string, sp: Span): boolean {
  const from = Math.max(text.lastIndexOf(".", sp.start - 1), text.lastIndexOf("\n", sp.start - 1)) + 1;
  return /^\s*(?:you(?:'re|’re| are)|(?:she|he|they)(?:'s|’s| is| are)|\p{Lu}[\p{L}-]+ (?:is|are))\b[^.!?\n]{0,80}$/iu.test(
    text.slice(from, sp.start),
  );
}

const OWN_SECTION_RE =
  /^(?:(?:my |the |our )?(?:background|context|task|request|question|prompt|instructions?|note|notes|update|edit|ps|p\.s\.|about me|goal|problem|situation|help|me|hi|hello))$/;

/** Buzzwords inside a capitalised name ("InSpec Expert", "Resume Expert GPT"): the words of the name. */
function namedBuzz(doc: RuleContext["doc"], buzz: readonly Span[]): Set<string> {
  const out = new Set<string>();
  for (const b of buzz) {
    const word = doc.text.slice(b.start, b.end);
    if (!/^\p{Lu}/u.test(word)) continue;
    const i = tokenAt(doc, b.start);
    const prev = doc.tokens[i - 1];
    const next = doc.tokens[i + 1];
    const capital = (t: (typeof doc.tokens)[number] | undefined) =>
      !!t &&
      t.sentence === doc.tokens[i]!.sentence &&
      /^\p{Lu}/u.test(doc.text.slice(t.start, t.end)) &&
      /\p{L}/u.test(t.lower);
    if (capital(prev) || (capital(next) && prev?.sentence === doc.tokens[i]!.sentence))
      out.add(doc.instructionLower.slice(b.start, b.end));
  }
  return out;
}

/** The text before a greeting hands over what the reply says: 'start with the words "', 'say: ', 'reply "'. */
const TOLD_TO_SAY_RE =
  /\b(?:say|says|saying|reply|replies|respond|responds|answer|start|starts|begin|begins|open|opens|greet\w*|display|show|print|output|write)\b[^.!?\n]{0,30}?(?:(?:\bwords?\b|:)[^.!?\n\p{L}]{0,6}["“”'‘’«„]?|\bwith\b(?:[ \t]+(?:something|a line|a message|a phrase|words)[ \t]+like)?[^.!?\n\p{L}]{0,6}["“”'‘’«„]?)[^"“”\n\p{L}]{0,4}$/iu;
function toldToSay(before: string): boolean {
  return TOLD_TO_SAY_RE.test(before);
}
