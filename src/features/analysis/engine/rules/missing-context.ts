// What the answer cannot be shaped without: its form (PF201) and its reader (PF202); examples (PF203) are
// in format-examples.ts.

import { FORMAT_CUE_RE, PURPOSE_RE } from "../signal-cues.js";
import { type Doc, matchesOf } from "../text.js";
import type { Finding, Span } from "../types.js";
import { finding } from "./catalogue.js";
import type { RuleContext } from "./context.js";

// The labelling guide raises a missing form for an output whose shape matters and that nothing shapes: an
// analysis ("Analyse our churn data and tell me what you find"), a document with parts (a plan, a report, a
// guide, a strategy), or a bare explanation ("Explain how vaccines work.": no length, level or shape). A
// genre implies its form (a speech, an article, an e-mail, a tweet, a poem), an edit keeps its input's form
// ("make it punchier"), a picture is not text, and a list of names or questions is shaped by what it lists.
/** The thing worked on arrives from the users at run time ("the decks that founders paste in"). */
const RUNTIME_INPUT_RE =
  /\b(?:users?|customers?|clients?|founders?|students?|visitors?|people|members?|someone|anyone)\b(?:'s)?\s+(?:\w+\s+){0,2}?(?:sends?|shares?|pastes?|uploads?|submits?|describes?|brings?|provides?)\b/;
/** Verbs whose result is an analysis: its findings can take any shape. */
const ANALYSIS_VERBS = /^(?:analy[sz]e|research|investigate|examine)$/;
/** Documents whose parts and length the reader needs to know. */
const SHAPED_DOCUMENT =
  /^(?:plans?|reports?|guides?|overviews?|strateg(?:y|ies)|proposals?|roadmaps?|analys[ie]s|breakdowns?|write-?ups?|assessments?|comparisons?)$/;
/** The parts or order of the document named ("showing MRR and churn", "grouped by month", "by quarter"). */
const STRUCTURE_RE =
  /\b(?:showing|listing|covering [^.\n]{0,80}(?:,| and )|broken down by|(?:grouped|organi[sz]ed|sorted|split|ordered) by|by (?:month|quarter|week|day|year|region|phase)|with (?:sections?|columns?|headings?|subheadings?|a section)|in (?:sections|phases|stages)|presentation|slides?|spreadsheet|table|dashboard)\b/;
/** "… and tell me what you find": findings handed back in no stated form. */
const FINDINGS_RE =
  /\b(?:tell|report|show|let)\s+(?:me|us)\s+(?:know\s+)?(?:what|anything)\b|\breport what\b/;
/** A bare explanation, or a question put as one: "Explain how …", "Tell me about …", "Describe …". */
const EXPLANATION_RE =
  /^(?:explain|describe|tell\s+(?:me|us)\s+about|teach\s+(?:me|us)\s+about|help\s+(?:me|us)\s+understand)\b/;
/** The level or manner of an explanation: "in plain words", "simply", "step by step", "for beginners". */
const MANNER_RE =
  /\b(?:in (?:plain|simple|layman'?s?|everyday|non-technical|technical|detail|depth|brief)|simply|briefly|step[- ]by[- ]step|line[- ]by[- ]line|like i'?m|as if|as though|for (?:a|an|the|my|our|beginners|kids|children|dummies)|to (?:a|an|my|our)\b)/;

/**
 * Instruction words past which a prompt is a brief or a system prompt, not one bare request; set well above
 * the length of a short request wrapped in pleasantries ("Good morning!! … could you analyse …", ~100 words).
 */
const BRIEF_WORDS = 200;
/**
 * A comparison that ends in a verdict ("which is better", "whether to switch") has the verdict's form; one
 * step of a longer brief, or a comparison of material given, is shaped by the rest of it.
 */
/** A property compared ("the boiling points of water and ethanol", "the populations of …"): a factual answer. */
const PROPERTY_RE = /^compare\s+the\s+(?:[\w-]+\s+){1,2}of\b/;
const VERDICT_RE = /\b(?:which|whether|better|best|worse|should|winner|pick|choose|recommend)\b/;
/** The parts of the answer listed under a heading of their own ("Analyze:\n- requirements\n- risks\n- cost"). */
const PARTS_LISTED_RE =
  /(?:^|\n)[ \t]*(?:analy[sz]e|cover|include|address|assess|evaluate|discuss|consider)[ \t]*:[ \t]*\n(?:[ \t]*(?:[-*•]|\d+[.)])[ \t]+[^\n]+\n?){3}/;
/**
 * A shape stated in the request's own sentence: an order ("a step-by-step plan"), a running time ("a
 * 5-minute routine"), or four parts or more ("…, including our background, services, pricing, and
 * outcomes"). (A count of items, "provide 5 strategies", still leaves each item's form open.)
 */
const SHAPE_IN_REQUEST_RE =
  /\bstep-by-step\s+(?:plan|guide|list|process|breakdown|walkthrough|tutorial|instructions)\b|\b(?:\d+|one|two|three|five|ten)[- ]minutes?\b|\b(?:including|covering)\s+[^,.]{1,40},\s+[^,.]{1,40},\s+[^,.]{1,40},\s+(?:and\s+)?[^,.]{1,40}/;
/** Each item's parts spelled out: "Each meal should be detailed, including ingredients, portions, …". */
const EACH_PARTS_RE =
  /\beach\s+[\w-]+\s+(?:should|must|will)\s+[^.\n]{0,60}\b(?:including|include|contain|list)\b[^.\n,]{0,120},[^.\n,]{0,120},/;
/** "Summarise recent developments in X": a summary of a subject, not of material, is a document. */
function topicSummary(
  doc: Doc,
  sig: RuleContext["sig"],
  t: RuleContext["sig"]["tasks"][number],
  clause: string,
): boolean {
  // "Summarise …", or a summary as the thing written ("write up a summary of the best ones")
  const asked =
    /^summari[sz]e$/.test(t.verbLower) ||
    (MAKING_VERBS.test(t.verbLower) && /^summar(?:y|ies)$/.test(t.object[0] ?? ""));
  if (!asked || sig.input || doc.blocks.length > 0 || doc.vars.length > 0) return false;
  // "summarise the article below", "this thread", "what we discussed": material pointed at, not a subject;
  // "summarise what you find" is what a search hands back at run time
  if (
    /\bsummar(?:i[sz]e|y|ies)\s+(?:of\s+)?(?:what|how|why|it|them|everything|all|anything|whatever)\b/.test(
      clause,
    )
  )
    return false;
  return !/\b(?:this|these|that|those|the above|below|following|attached|above|earlier|we discussed|i (?:sent|shared|pasted))\b/.test(
    clause,
  );
}

/** Verbs whose result is a judgement of something, in findings of any shape: "Critique my poem below". */
const JUDGING_VERBS = /^(?:evaluate|assess|critique|appraise)$/;
/**
 * "Evaluate whether …" and "assess if …" end in a verdict; a rubric, a scale or a score shapes the
 * judgement; "evaluate the integral" is arithmetic.
 */
const JUDGED_SHAPE_RE =
  /\b(?:rubric|criteria|criterion|scores?|scale|out of \d+|grades?|ratings?|rate|whether|if|expression|integral|limit|derivative|formula)\b/;
function judged(verb: string, first: string, lower: string): boolean {
  // (a sum to work out is arithmetic, "which is better" a verdict)
  return (
    JUDGING_VERBS.test(verb) &&
    !JUDGED_SHAPE_RE.test(lower) &&
    !VERDICT_RE.test(first) &&
    !/\d\s*[-+*/^×÷]\s*\d/.test(first)
  );
}

/** "Critique my poem", "feedback on this cover letter": the genre is the form of what is judged, not of the answer. */
const JUDGED_BEFORE_RE =
  /\b(?:critique|evaluate|assess|appraise|review|feedback on|thoughts on|opinion on|opinion of)\s+(?:my|this|the|our|these)\s+(?:[\w-]+\s+){0,2}$/;
function judgedGenre(lower: string, sig: RuleContext["sig"]): boolean {
  return (
    !!sig.format &&
    !sig.formatExplicit &&
    JUDGED_BEFORE_RE.test(lower.slice(Math.max(0, sig.format.start - 60), sig.format.start))
  );
}

/** An opinion or findings asked for on what is handed over ("Review this diff and tell me what you think"). */
const FEEDBACK_RE =
  /\b(?:tell|let)\s+(?:me|us)\s+(?:know\s+)?(?:what\s+(?:you\s+)?(?:think|find|notice|see|make of)|what(?:'s| is) wrong|what could be (?:better|improved))\b|\bgive\s+(?:me|us)\s+(?:some\s+|your\s+)?(?:honest\s+)?(?:thoughts|opinion|take|feedback|critique)\b/;
/** "… and tell me what you think in two sentences": the findings' form is stated with them. */
const FINDINGS_SHAPED_RE =
  /\b(?:in (?:one|two|three|a few|\d+) |in a (?:sentence|word|line)|yes or no|one word)/;

/**
 * Documents that are made to be followed and whose layout is open (by day or by week, as a table or as
 * prose): "Make me a study schedule", "a workout routine", "Write the documentation for …". Only as the
 * thing made: "review my sourdough schedule" hands one over. (An agenda or an itinerary is a genre with a
 * form of its own: lexicon.ts FORMED_GENRES.)
 */
const MADE_DOCUMENT = /^(?:schedules?|curricul(?:um|a)|syllabus|documentation|routines?)$/;
const MAKING_VERBS =
  /^(?:write|create|make|draft|prepare|build|design|plan|put|give|develop|produce|come|draw|generate|devise)$/;
/** Copy for a page ("the product page copy", "website copy"): its length and parts are open. */
const PAGE_OF_COPY = /^(?:page|product|website|web|landing|homepage|sales|marketing)$/;

function madeDocument(verb: string, object: string[]): boolean {
  if (!MAKING_VERBS.test(verb)) return false;
  return object.some(
    (w, k) => MADE_DOCUMENT.test(w) || (w === "copy" && k > 0 && PAGE_OF_COPY.test(object[k - 1]!)),
  );
}

/** "Write something nice about …": a text of no kind, unless it is a condition or an example's wording. */
const WRITE_SOMETHING_RE =
  /\b(?:write|draft|put together|whip up)\s+(?:me\s+|us\s+)?(?:something|anything)\b(?!\s+(?:like|similar|else|along))/g;
function writeSomething(lower: string): Span | null {
  return firstOf(
    WRITE_SOMETHING_RE,
    lower,
    (m) =>
      !/\b(?:if|when|whenever|unless|whether)\b[^.!?,;\n]*$/.test(
        lower.slice(Math.max(0, m.start - 60), m.start),
      ),
  );
}

/**
 * "For the tech section of our newsletter", "the 'Industry watch' section": where the piece goes, not its
 * parts; "Review this diff", "my JSON": the form of what is handed over. True when every format cue of the
 * instructions is one of these.
 */
const GIVEN_FORM_RE = /^(?:diff|json|yaml|xml|csv|html|markdown|tables?)$/;
const GIVEN_BEFORE_RE = /\b(?:this|these|that|those|my|the attached|the following)\s+(?:[\w-]+\s+){0,2}$/;
const PLACEMENT_RE =
  /\b(?:for|in|into|to|under)\s+(?:the|our|my|a|an|its|this|their|your)\s+(?:(?:"[^"\n]{1,40}"|“[^”\n]{1,40}”|'[^'\n]{1,40}'|[\w&-]+)\s+){0,3}$/;
function onlyPlacement(lower: string, sig: RuleContext["sig"]): boolean {
  if (!sig.formatExplicit) return false;
  FORMAT_CUE_RE.lastIndex = 0;
  for (const m of matchesOf(lower, FORMAT_CUE_RE)) {
    const before = lower.slice(Math.max(0, m.index - 80), m.index);
    if (
      m[0] === "section"
        ? !PLACEMENT_RE.test(before)
        : !(GIVEN_FORM_RE.test(m[0]) && GIVEN_BEFORE_RE.test(before))
    )
      return false;
  }
  return true;
}

/** "A lesson plan", "a marketing report": the genre word names the kind of document, not its form. */
function genreOfDocument(lower: string, format: Span): boolean {
  const after = sentenceAfter(lower, format.end);
  const next = /^\s+([\w-]+)/.exec(after)?.[1] ?? "";
  if (!SHAPED_DOCUMENT.test(next)) return false;
  // unless its parts follow: "a lesson plan with a starter, a main activity and a plenary"
  return !/\b(?:with|including|in|as|covering|that|which|divided|split|into)\b/.test(after);
}

/** A role made of hype words standing in for a task ("a world-class, award-winning, visionary consultant"). */
function hypeRole(ctx: RuleContext): boolean {
  const role = ctx.sig.role;
  if (!role) return false;
  const sentence = {
    start: role.start,
    end: role.start + sentenceAfter(ctx.doc.instructionLower, role.start).length,
  };
  const padding = [...ctx.buzz, ...ctx.hype, ...ctx.corporate];
  return padding.filter((p) => inside(p, sentence)).length >= 3;
}

export function missingFormat(ctx: RuleContext, out: Finding[]): void {
  const { doc, sig } = ctx;
  const lower = doc.instructionLower;
  const formatGiven =
    !!sig.format &&
    !genreOfDocument(lower, sig.format) &&
    !onlyPlacement(lower, sig) &&
    !judgedGenre(lower, sig);
  if (sig.bestTaskStrength === 0 || formatGiven || sig.length) return;
  if (sig.slotFor.has("format") || PARTS_LISTED_RE.test(doc.lower) || EACH_PARTS_RE.test(lower)) return;
  const sentenceAt = (start: number) => lower.slice(start, start + 300).split(/[.?!\n]/)[0]!;
  if (sig.tasks.some((t) => t.strength > 0 && SHAPE_IN_REQUEST_RE.test(sentenceAt(t.span.start)))) return;
  // a long brief's analysis is one step of its job ("Analyze the input image … Generate a 3x3 grid"), and
  // its answer is shaped by the rest of it
  // and so is one of a list of four or more steps ("Analyze alerts / Identify causes / Detect patterns / …")
  if (sig.instructionWords > BRIEF_WORDS || sig.tasks.filter((t) => t.strength > 0).length >= 4) return;
  let at: Span | null = null;
  // a role's duties ("Act as a market analyst. You will: - Analyze trends …") describe a job, not one answer;
  // a compliment ("you're a star!") or a string of hype words standing in for one is no role
  const role = isRole(lower, sig.role) && !hypeRole(ctx);
  for (const t of role || STRUCTURE_RE.test(lower) ? [] : sig.tasks) {
    if (t.strength === 0 || t.kind === "question") continue;
    const clause = lower.slice(t.span.start, t.span.start + 160);
    // "Research notes:" is a heading, not a request
    if (/^[\p{L}-]+(?:\s+[\p{L}-]+)?\s*:/u.test(clause)) continue;
    const first = clause.split(/[.?!\n]/)[0]!;
    // an edit keeps its input's form; "Review this diff and tell me what you think" hands back findings
    if (sig.transformOnly) {
      if (FEEDBACK_RE.test(first) && !FINDINGS_SHAPED_RE.test(first)) {
        at = t.span;
        break;
      }
      continue;
    }
    // "Analyze each pitch deck users send you": what arrives with every request, a behaviour to adopt
    if (RUNTIME_INPUT_RE.test(first)) continue;
    const analysis =
      ANALYSIS_VERBS.test(t.verbLower) ||
      judged(t.verbLower, first, lower) ||
      FINDINGS_RE.test(first) ||
      (FEEDBACK_RE.test(first) && !VERDICT_RE.test(first)) ||
      (/^compare$/.test(t.verbLower) &&
        !VERDICT_RE.test(first) &&
        !PROPERTY_RE.test(first) &&
        !sig.input &&
        (sig.instructionWords <= 60 ||
          (sig.instructionWords <= 120 && sig.tasks.filter((x) => x.strength > 0).length === 1)));
    const document =
      t.object.some((w) => SHAPED_DOCUMENT.test(w)) ||
      madeDocument(t.verbLower, t.object) ||
      // "write something like: …" hands over the wording
      (/^write$/.test(t.verbLower) &&
        /^(?:something|anything)$/.test(t.object[0] ?? "") &&
        !/\b(?:something|anything)\s+(?:like|similar|along)\b/.test(first)) ||
      topicSummary(doc, sig, t, first);
    if (analysis || document) {
      at = t.span;
      break;
    }
  }
  // "Explain how vaccines work.": one short request for an explanation, with no level, reader or material
  if (!at && sig.taskSpan && !sig.audience && !sig.input && sig.instructionWords <= 30) {
    const concrete = sig.tasks.filter((t) => t.strength > 0);
    const clause = lower.slice(sig.taskSpan.start, sig.taskSpan.start + 200);
    // "Explain this error: TypeError …" hands the thing over inline, and the explanation is of it
    const inline = /^[^:\n]{0,60}\b(?:this|these|the following|my)\b[^:\n]{0,30}:/.test(clause);
    if (concrete.length === 1 && EXPLANATION_RE.test(clause) && !MANNER_RE.test(lower) && !inline)
      at = sig.taskSpan;
  }
  // "could you write something nice about …" where the request sits inside pleasantries the task reading
  // did not take apart: a text of no kind at all
  if (!at && !role) at = writeSomething(lower);
  if (!at) return;
  out.push(
    finding(
      "PF201",
      "The prompt does not say what form the answer should take (length, structure or file type).",
      'State the shape of the answer: "in 3 bullet points", "under 150 words", "as a table with columns …", "as JSON with keys …".',
      [at],
    ),
  );
}

// The deliverables whose quality hangs on the reader: a piece written for people to read or hear ("Write a
// speech about …", "Draft a 600-word article on …"), or a bare explanation with no length or shape
// ("Explain how vaccines work."). A summary, a plan, a caption or a description is shaped by its input.
const READER_PIECE_RE =
  /^(?:write|draft|compose|prepare|create|produce|give|deliver|plan)\s+(?:me\s+|us\s+)?(?:an?\s+|the\s+|one\s+)?(?:(?!for\b|to\b|in\b|on\b)[\w-]+\s+){0,3}?(?:articles?|speech(?:es)?|essays?|blog posts?|blogs?|posts?|newsletters?|op-eds?|editorials?|columns?|lessons?|talks?|presentations?|explainers?|features?|sermons?|toasts?|eulog(?:y|ies)|keynotes?|e-?mails?|announcements?|guides?)\b/;
const BARE_EXPLANATION_RE = /^(?:explain|describe)\b/;
// (or a group named by a bare plural: "for renters", "for first-time buyers", "aimed at teenagers")
const OCCASION_RE =
  /\b(?:for|to|at|aimed at|targeting|addressed to)\s+(?:(?:a|an|the|my|our|his|her|their|your|[a-z]+'s)\s|(?:[a-z-]+\s+){0,2}?[a-z]+(?:ers|ists|ents|ians|ees|ors|ren|ople|ults|ens|ies)\b)/;

export function missingAudience(ctx: RuleContext, out: Finding[]): void {
  const { doc, sig } = ctx;
  if (sig.bestTaskStrength === 0 || !sig.audienceSensitive) return;
  const lower = doc.instructionLower;
  if (sig.audience || isRole(lower, sig.role) || sig.slotFor.has("audience")) return;
  // a sentence about the piece itself ("It should be innovative, impactful …") is a demand, not background
  if (sig.background && !PIECE_DEMAND_RE.test(lower.slice(sig.background.start, sig.background.end))) return;
  // one request, for a piece read by people; a second request makes the prompt a to-do list, not a brief.
  // A heading ("Research notes:") and a word on the same piece ("Make it nice and short") are no request.
  const requests = sig.tasks.filter(
    (t) =>
      t.strength > 0 &&
      !isHeading(lower, t.span) &&
      !MODIFIER_RE.test(lower.slice(t.span.start, t.span.start + 40)),
  );
  if (requests.length !== 1) return;
  const request = requests[0]!;
  const topic = topicStart(lower, request.span.start);
  if (purposeGiven(ctx, topic)) return;
  if (materialGiven(doc, sig)) return;
  // several concrete details (names, numbers, quoted terms) usually carry the context themselves; the
  // numbers of a stated length and a variable standing for the topic say nothing of the reader
  const topicVar = (d: Span) => doc.vars.some((v) => v.start === d.start) && isTopicVar(lower, d);
  const partCount = (d: Span) => PART_COUNT_RE.test(lower.slice(d.end, d.end + 20));
  // and a date or a name inside what the piece says ("announcing that the office closes on Monday 26 May") is news
  const news = statementOf(lower, request.span.start);
  if (
    sig.details.filter(
      (d) =>
        !inside(d, sig.length) &&
        !topicVar(d) &&
        !partCount(d) &&
        !(inside(d, news) && DATE_WORD_RE.test(lower.slice(d.start, d.end))),
    ).length >= 3
  )
    return;
  const task = lower.slice(request.span.start, request.span.start + 120);
  const piece = READER_PIECE_RE.test(task);
  if (!piece && !(BARE_EXPLANATION_RE.test(task) && !sig.length && !sig.format)) return;
  // a description of material given with it ("Describe the attached chart:" and its table) is shaped by it
  if (!piece && task.startsWith("describe") && doc.blocks.length > 0) return;
  // an occasion or a reader the word lists do not know ("for a primary-school assembly", "at my sister's
  // wedding", "aimed at the night shift") is context all the same; a channel ("for our socials") is not
  // a place or time inside what the piece says ("announcing that we're moving to the new office") is news
  const sentence = sentenceAfter(lower, request.span.start);
  const said = STATEMENT_RE.exec(sentence)?.index ?? sentence.length;
  const occasion = OCCASION_RE.exec(sentence);
  // "the benefits of switching to a four-day week", "paying for the upgrade": a verb's complement in the topic
  const complement =
    !!occasion && COMPLEMENT_VERB_RE.test(sentence.slice(Math.max(0, occasion.index - 20), occasion.index));
  if (occasion && !complement && occasion.index < said && !CHANNEL_RE.test(sentence.slice(occasion.index)))
    return;
  out.push(
    finding(
      "PF202",
      "Nothing says who the output is for or why it is needed, so tone, depth and what to leave out are guesses.",
      'Add the reader and the purpose: "for first-year students who know basic algebra", "for our support macro library".',
      [request.span],
    ),
  );
}

/** A verb whose "to …" or "for …" belongs to the topic: "switching to a", "moving to the", "paying for the". */
const COMPLEMENT_VERB_RE =
  /\b(?:switch|mov|go|listen|adapt|pay|look|apply|talk|return|migrat|upgrad|chang|convert|transition|travel|travell|relocat|turn|sign|subscrib)(?:e|es|ed|ing)?\s+$/;
/** A word on the piece already asked for: "Make it nice and not too long", "keep them short". */
const MODIFIER_RE =
  /^(?:make|keep|give|add|include|end|start|begin|open|close|finish|sign|title|head)\s+(?:it|them|this|these|that|those)\b/;
/** A channel or a day the piece is for: where it appears or when, not who reads it. */
const CHANNEL_RE =
  /^\s*(?:for|to|at)\s+(?:our|my|the|a|an|your)\s+(?:[\w-]+\s+)?(?:socials|social media|social channels|feeds?|channels?|website|site|blog|newsletter|page|account|linkedin|instagram|twitter|facebook|tiktok)\b/;
/** What the piece itself must be: "It should be …", "They must …". */
const PIECE_DEMAND_RE =
  /^(?:it|they|this|these|the (?:post|article|piece|email|speech|text|tone))\s+(?:should|must|needs?|has|have|will)\b/;
/** A count of the piece's parts or of its length: "three subheadings", "5 tips", "2 minutes". */
const PART_COUNT_RE =
  /^[\s-]*(?:words?|subheadings?|headings?|sections?|paragraphs?|bullets?|bullet points?|points?|lines?|sentences?|minutes?|tips?|ideas?|items?|characters?|pages?|slides?)\b/;
/** Where what the piece says begins: "announcing that …", "saying …", "telling them …". */
const STATEMENT_RE = /\b(?:that|saying|announcing|telling|letting|informing)\b/;
/** A day, a date or a time: when the news happens, which says nothing of who reads it. */
const DATE_WORD_RE =
  /^(?:mon|tues|wednes|thurs|fri|satur|sun)day$|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$|^\d{1,2}(?:st|nd|rd|th)?$|^\d{1,2}[:.]\d{2}$/;
/** What the piece announces or says, from "announcing that", "saying", "telling them" to the sentence's end. */
function statementOf(lower: string, at: number): Span | null {
  const sentence = sentenceAfter(lower, at);
  const m =
    /\b(?:announcing|saying|telling (?:them|everyone|staff|customers) that|letting (?:them|everyone) know)\b/.exec(
      sentence,
    );
  return m ? { start: at + m.index, end: at + sentence.length } : null;
}

/** Where the topic of the piece begins: "about …", "on …", "announcing …", "saying …". */
const TOPIC_RE = /\b(?:about|on|announcing|saying|regarding|celebrating|covering|explaining)\b/;

/** Offset where the request's topic begins, within its sentence, or -1. */
function topicStart(lower: string, at: number): Span | null {
  const sentence = sentenceAfter(lower, at);
  const m = TOPIC_RE.exec(sentence);
  return m ? { start: at + m.index, end: at + sentence.length } : null;
}

function inside(s: Span, outer: Span | null): boolean {
  return !!outer && s.start >= outer.start && s.end <= outer.end;
}
const inTopic = inside;

/**
 * A purpose or background stated for the piece: a purpose cue outside the piece's own topic ("about our
 * company's funding round", "announcing that we're moving" are what it says) and outside the pleasantries
 * around the request ("because I've been going back and forth on this").
 */
function purposeGiven(ctx: RuleContext, topic: Span | null): boolean {
  if (!ctx.sig.purpose) return false;
  const padding = [...ctx.fluff, ...ctx.effusive, ...ctx.chatter, ...ctx.hedges];
  for (const m of matchesOf(ctx.doc.instructionLower, PURPOSE_RE)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (inTopic(span, topic) || padding.some((p) => span.start < p.end && span.end > p.start)) continue;
    if (/^because$/.test(m[0]) && flattery(ctx.doc.instructionLower, span.start)) continue;
    return true;
  }
  return false;
}

/** The sentence around an offset heaps praise on the model ("genius", "guru", "nobody explains like you"). */
function flattery(lower: string, at: number): boolean {
  const from = Math.max(lower.lastIndexOf(".", at), lower.lastIndexOf("\n", at)) + 1;
  return /\b(?:genius|guru|brilliant|all-knowing|amazing|the best|a star|lifesaver|forever grateful)\b/.test(
    lower.slice(from, at),
  );
}

/**
 * Material that implies the reader: pasted text, a conversation, a message to answer. A table of figures
 * says nothing of who reads the report on it, and a variable standing for the topic ("about {{topic}}")
 * nothing of who reads the post.
 */
function materialGiven(doc: Doc, sig: RuleContext["sig"]): boolean {
  if (!sig.input) return false;
  if (doc.blocks.length > 0) return doc.blocks.some((b) => b.kind !== "data");
  return doc.vars.some((v) => !isTopicVar(doc.instructionLower, v));
}

/** A variable standing for the topic: "about {{topic}}", "on {{subject}}". */
function isTopicVar(text: string, v: Span): boolean {
  return /\b(?:about|on|regarding|covering)\s*$/.test(text.slice(Math.max(0, v.start - 12), v.start));
}

/** A compliment is no role: "thanks a million, you're a star!", "grazie mille, sei il migliore". */
const COMPLIMENT_RE =
  /^(?:(?:a |an |the |such a |un |una |il |la )?(?:real |true |total |absolute |vero |vera )?)(?:star|gem|lifesaver|life-saver|legend|genius|hero|angel|champ|rockstar|wizard|saint|treasure|best|migliore|meilleure?|mejor|melhor|besten?|en iyi|лучш\p{L}*|najlepsz\p{L}*)(?:\s+(?:in assoluto|ever|of all|du monde|del mundo|do mundo))?\s*(?:[!.,;)]|$)/u;

/** True when a role is set (not a compliment that reads like one). */
export function isRole(lower: string, role: Span | null): boolean {
  return !!role && !COMPLIMENT_RE.test(lower.slice(role.end, role.end + 40));
}

/** "Research notes:" opening a line is a heading, not a request. */
function isHeading(lower: string, at: Span): boolean {
  return /^[\p{L}-]+(?:\s+[\p{L}-]+)?\s*:/u.test(lower.slice(at.start, at.start + 60));
}

/** The first match (that `keep` accepts) of a global regular expression. */
export function firstOf(re: RegExp, text: string, keep: (m: Span) => boolean = () => true): Span | null {
  re.lastIndex = 0;
  for (const m of matchesOf(text, re)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (keep(span)) return span;
  }
  return null;
}

/** The rest of the sentence after an offset. */
export function sentenceAfter(text: string, at: number): string {
  const end = text.slice(at, at + 200).search(/[.!?\n]/);
  return text.slice(at, end < 0 ? at + 200 : at + end);
}
