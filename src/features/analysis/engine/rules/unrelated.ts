// Two unrelated requests in one short prompt: "What is the melting point of lead? And who painted the
// Sistine Chapel ceiling?", "Design a logo for my bakery … Also, how do I reset my router?", "three quick
// things: 1) … 2) … 3) …". PF501 compares task clauses through a domain lexicon; this rule needs none. The
// prompt's instructions are cut into asks — at sentence and line ends, list numbers, and a switch inside a
// sentence (", and also …", ", then draft …", "y, de paso, …") — and an ask is a question or a request
// (an imperative that makes something, "I need …", "any ideas …"); anything else (a constraint, a detail)
// belongs to the ask before it. A later ask is unrelated when it shares no content word with everything
// before it (pasted material included) and does not point back at it ("it", "them", "the same"). How
// much evidence is needed depends on how it is introduced: a word that announces a change of subject
// ("unrelated", "by the way", "P.S.", "autre chose", "por cierto") is enough; a plain join ("Also", "and",
// "then", a list number) needs a few content words on both sides; a question on a new line with no join
// at all needs more, and is only read on prompts that are not a system prompt.
import { detectLanguage } from "../language.js";
import type { Finding, Span } from "../types.js";
import type { RuleContext } from "./context.js";
import { multipleTasks, speakerLines } from "./multiple-tasks.js";
import { findingOf, type Rule } from "./rule.js";
import { topicsMeet, topicsOf } from "./topics.js";
import { asks, Cue, contentWords, FIRST_PERSON_RE, NEW_ASK_RE, REQUEST_RE } from "./unrelated-asks.js";
import { foreignUnrelatedAsk } from "./unrelated-foreign.js";

/** A task on something the writer gives: "Proofread my note", "Summarise the terms below", "Make this reply …". */
const ON_MATERIAL_RE =
  /^(?:please\s+|(?:can|could) you\s+)?(?:proofread|summari[sz]e|translate|rewrite|reword|shorten|tighten|trim|condense|cut|simplify|tidy|clean up|improve|correct|check|fix|edit|polish|convert|reformat|format|turn|make (?:this|these|my|the following))\b[^.?!\n]*?(?:\b(?:this|these|my|below|following|above|attached)\b|:|["“«])/i;

/** Past this, a prompt is a specification whose parts belong together by design. */
const SCOPE_CHARS = 900;

// a pronoun standing for what came before; "this Python loop" introduces something new
const BACK_REFERENCE_RE =
  /\b(?:it|its|them|their|they|he|she|him|her|his|the same|the above|the result|the answer|the text|the list|the one|(?:some |a few )?(?:other|more|another|further) [a-z]{3,}|each(?!\s+[a-z]{3,}))\b|\b(?:this|that|these|those)\b(?!\s+[a-z]{3,})/i;
// "there" standing for a place named before ("how long to boil pasta there"), not "is there", "there are"
const PLACE_BACK_RE =
  /\bthere\b(?<!\b(?:is|are|was|were|be|been|get|got)\s+there)(?!\s*(?:'s|’s|is|are|was|were|will|would|might|may|must|should|could|can|has|have|had|seems?)\b)/i;
/** The label that hands over the request the setup before it serves: "First question:", "My task:". */
const REQUEST_LABEL_RE =
  /^(?:(?:my|the|first|next|main|real|actual)\s+)?(?:question|task|request|query|prompt)\s*:/i;
// the request makes a part of the first deliverable ("Also suggest a title"): steps of one job
const DERIVATIVE_RE =
  /^(?:\S+\s+){0,4}?(?:a |an |the |some |\d+ |two |three |four |five )?(?:(?:short|catchy|good|few|better|new)\s+)?(?:titles?|headlines?|subject lines?|taglines?|captions?|summary|summaries|tl;?dr|abstract|keywords?|tags|hashtags|quiz|(?:interview |follow-up )?questions (?:i|we|to) |translation|outline|slug|alt text|meta description|(?:[\w-]+ )?versions?|variants?|alternatives?|repl(?:y|ies)|responses?|rebuttals?|follow-?ups?|feedback)\b/i;
// a verb that works on what came before ("Also summarise …", "then translate …")
const STEP_VERB_RE = /^(?:please\s+)?(?:summari[sz]e|translate|recap|proofread|shorten|rewrite)\b/i;
// a question about the deliverable itself ("What should the subject line say?")
const ABOUT_OUTPUT_RE = /\b(?:should|shall|you|your)\b/i;
// the ask names its own object: "debug this Python loop", "fix these two queries:", "… below:"
const OWN_OBJECT_RE = /\b(?:this|these|my)\s+(?:\p{L}+\s+){0,2}?\p{L}{3,}|:\s*$/iu;
const ANSWER_LINE_RE = /(?:^[ \t]*|[?.!][ \t]+)(?:A|Answer|Output|Assistant)[ \t]*:/m;
// an object pronoun on a verb in French, Spanish, Portuguese or Italian: "la facturer", "hacerlo", "fazê-lo"
const CLITIC_RE =
  /(?:^|\s)(?:(?:la|le|les|lo|los|las)\s+|l')\p{L}+(?:er|ir|re|ar)(?![\p{L}])|\p{L}(?:ar|er|ir|ê|á)-?(?:lo|la|los|las|le)(?![\p{L}])/iu;
/** "Is it safe to …", "it's worth …": an "it" that stands for nothing before. */
const EXPLETIVE_IT_RE =
  /\b(?:is|was|would|will|could) it\b(?= (?:\S+ ){0,2}?(?:to|that|worth|possible|safe|ok|okay|true|normal|legal|healthy|bad|better|best|too late)\b)|\bit(?:'s| is) (?:\S+ ){0,2}?(?:to|that|worth)\b/gi;

/** A name or an acronym inside a sentence (not its first word): "Celsius", "Jupiter", "IRA". */
const PROPER_NAME_RE = /(?<=[\p{L},'’]\s+)\p{Lu}[\p{L}-]+/gu;
// (asked with test(): a global pattern's test() starts where its last match ended, so the answer for one
// prompt depended on the prompt read before it)
const HAS_PROPER_NAME_RE = new RegExp(PROPER_NAME_RE.source, "u");
/** A deliverable named without a verb: a noun phrase that opens a line, or a brief's label. */
const NOUN_TASK_RE =
  /(?:^|\n)[ \t]*(?:(?:[\p{L}-]+[ \t]+){0,3}(?:logo|poster|illustration|icon|banner|flyer|photo|image|picture|caption|tagline|slogan|e-?mail|post|tweet|ad|advert|headline|brief|cover letter|bio|toast|speech|poem|limerick|haiku)[ \t]+(?:for|of|about|showing|announcing|promoting)\b|(?:deliverables?|task|request|brief|ask)[ \t]*:)/iu;
/** A line that is only a rule ("---", "***", "===", "~~~"): material usually follows it. */
const DELIMITER_LINE_RE = /^[ \t]*(?:-{3,}|\*{3,}|={3,}|~{3,}|_{3,})[ \t]*$/m;
/** An ask that points at material further down. */
const POINTS_BELOW_RE = /\b(?:below|following|underneath|after this line)\b/i;
/** "… and tell me what you think of it": an opinion on what came before. */
const OPINION_RE =
  /what (?:do )?you think|(?:tu|vous) en pens|qu'en pens|qué (?:opinas|piensas|te parece)|davon (?:hältst|halten)|o que (?:você )?ach|che ne pensi/i;
/** How many content words each side needs for a join to count, by how the later ask is introduced. */
function enough(cue: Cue, before: number, after: number): boolean {
  if (cue === Cue.Switch) return before >= 2 && after >= 1;
  if (cue === Cue.Join) return before >= 2 && after >= 2;
  return before >= 3 && after >= 3;
}

/** "a haiku about rain on a tin roof": what a poem or a story is about is its theme, not a second job. */
const THEME_RE =
  /\b((?:poem|poems|haiku|haikus|sonnet|limerick|limericks|story|stories|tale|fable|verse|lyrics|riddle|joke|jokes)\s+(?:about|on|of)\s)[^.?!,;\n]*/gi;

/** The subjects a text names, a creative piece's theme left out. */
function subjectsOf(text: string): Set<string> {
  return topicsOf(text.replace(THEME_RE, "$1"));
}

/** True when the ask's line and all before it each name a known subject, and none is a neighbour of another. */
function subjectsApart(text: string, start: number, end: number): boolean {
  const mine = subjectsOf(text.slice(start, end).split("\n")[0]!);
  const earlier = subjectsOf(text.slice(0, start));
  return mine.size > 0 && earlier.size > 0 && !topicsMeet(mine, earlier);
}

/** True when PF501 reports the prompt: one finding per prompt is enough; this rule reports the rest. */
function lexiconPairFound(ctx: RuleContext): boolean {
  const found: Finding[] = [];
  multipleTasks(ctx, found);
  return found.length > 0;
}

export const UNRELATED_REQUESTS: Rule = {
  id: "PF502",
  kind: "multiple_unrelated_tasks",
  severity: "warning",
  description:
    'Two unrelated requests or questions in one short prompt ("Also," / "By the way" / "P.S." / "и ещё" / "另外" / a list number / a new question) with nothing in common.',
  check(ctx: RuleContext): Finding[] {
    if (ctx.doc.text.length > SCOPE_CHARS * 4 || ctx.doc.instructionText.trim().length > SCOPE_CHARS)
      return [];
    if (lexiconPairFound(ctx)) return [];
    const found = unrelatedAsks(ctx);
    if (found.length > 0) return found;
    // the asks added in Russian, Polish, Turkish, Chinese, Japanese or Korean, which the cutter does not read
    const span = foreignUnrelatedAsk(ctx);
    return span ? [unrelatedFinding(ctx.doc.text, span)] : [];
  },
};

function unrelatedFinding(text: string, span: Span): Finding {
  return findingOf(
    UNRELATED_REQUESTS,
    `"${text.slice(span.start, span.end)}" is a second request with nothing in common with the first; answers to bundled requests get shallower.`,
    "Send unrelated requests as separate prompts, or say how they connect.",
    [span],
  );
}

function unrelatedAsks(ctx: RuleContext): Finding[] {
  const { doc, sig } = ctx;
  const text = doc.instructionText;
  const list = asks(text, doc.mask);
  if (list.length < 2) return [];
  // a system prompt lists the many things an assistant handles; a user asking for themselves says "me"
  const systemPrompt = sig.role !== null && !FIRST_PERSON_RE.test(text);
  // "Q: … / A: …" pairs are examples, not questions asked
  const fewShot = ANSWER_LINE_RE.test(doc.text);
  // "Summarise the thread below … ---\nFrom: …": past a rule line that opens the material the first ask points
  // to, the requests are the material's own ("can you book the room?"), not the writer's
  const delimiter = DELIMITER_LINE_RE.exec(doc.text);
  const materialFrom =
    delimiter && POINTS_BELOW_RE.test(doc.text.slice(0, delimiter.index))
      ? delimiter.index
      : Number.POSITIVE_INFINITY;
  // a pasted exchange ("User: …" / "Bot: …") that the first ask works on: its questions are the speakers'
  const turns = speakerLines(doc.text);
  const lineOf = (at: number) => doc.text.lastIndexOf("\n", at - 1) + 1;
  const exchange = turns.size > 0 && !turns.has(lineOf(list[0]!.start));
  let language: string | undefined;
  const english = () => {
    language ??= detectLanguage(doc);
    return language === "en";
  };
  for (let j = 1; j < list.length; j++) {
    const ask = list[j]!;
    if (ask.start >= materialFrom) break;
    if (exchange && turns.has(lineOf(ask.start))) continue;
    // "… act as FreeGPT … First question: how do I …": the request the setup before it serves
    if (REQUEST_LABEL_RE.test(ask.body)) continue;
    const cue = ask.cue;
    // a question on its own line after a request, with no join: the weakest evidence
    // two questions in a row on one line, no join: more words on each side than a question on its own line
    const questionPair = ask.question && ask.sentence && !ask.line && list[j - 1]!.question;
    if (
      cue === Cue.None &&
      (fewShot || !(ask.question && (ask.line || questionPair) && !ABOUT_OUTPUT_RE.test(ask.body)))
    )
      continue;
    if (systemPrompt && cue !== Cue.Switch) continue;
    const firstSentence = ask.body.split(/[.?!](?:\s|$)/)[0]!;
    // the first four words, read with the fifth so that "a word that rhymes" is not a bare "that"
    const words = ask.body.replace(EXPLETIVE_IT_RE, "").split(/\s+/);
    const opening = words.slice(0, 4).join(" ");
    const backAt = BACK_REFERENCE_RE.exec(words.slice(0, 5).join(" "))?.index ?? -1;
    if ((backAt >= 0 && backAt < opening.length) || CLITIC_RE.test(ask.body.split(/[.?!]/)[0]!)) continue;
    if (PLACE_BACK_RE.test(firstSentence) || (cue !== Cue.Switch && OPINION_RE.test(firstSentence))) continue;
    // after a plain join the ask must not point back anywhere in its sentence ("… unit tests for it"),
    // unless the pronoun stands for the ask's own object ("debug this loop, it never stops")
    if (cue !== Cue.Switch) {
      // a pronoun in a later clause of a question stands for what the question named ("how do I get wine
      // out of a carpet, it's been there all night")
      const clause = ask.question ? firstSentence.split(/,\s/)[0]! : firstSentence;
      const plain = clause.replace(EXPLETIVE_IT_RE, "");
      const back = BACK_REFERENCE_RE.exec(plain);
      const object = OWN_OBJECT_RE.exec(plain);
      if (back && !(object && object.index < back.index)) continue;
      if (!ask.sentence && BACK_REFERENCE_RE.test(ask.question ? clause : ask.body)) continue;
    }
    if (cue !== Cue.Switch && (DERIVATIVE_RE.test(ask.body) || STEP_VERB_RE.test(ask.body))) continue;
    // the items of a numbered procedure are steps of one job; a list of asks holds questions or wants
    // after a plain join, a step on something given ("… and list every change", "Then give the quantities")
    // is the same job, unless it speaks for the writer ("for me") or brings its own object ("this loop:")
    const own = FIRST_PERSON_RE.test(firstSentence);
    if (cue === Cue.Join && !ask.fresh && !own && !OWN_OBJECT_RE.test(firstSentence)) continue;
    // "then …" orders one job's steps; a new subject after it speaks for the writer ("then write me …"), or
    // is a fresh request whose known subject is no neighbour of one before ("Translate this review. And
    // after that, write a SQL query …")
    if (
      cue === Cue.Join &&
      ask.sequence &&
      !ask.numbered &&
      !(own && (ask.fresh || ask.question)) &&
      !(ask.fresh && subjectsApart(doc.text, ask.start, ask.end))
    )
      continue;
    // everything before the ask, pasted material included, against the ask's own words
    // (after "separately" or "by the way" the writer has said the subject is new: only the earlier asks' own
    // lines count, not a word of pasted material, "removal" in release notes against "remove a stain")
    const before = new Set<string>();
    if (cue === Cue.Switch) for (const a of list.slice(0, j)) contentWords(a.body.split("\n")[0]!, before);
    else contentWords(doc.text.slice(0, ask.start), before);
    // the material below a rule line is what the asks work on ("draft my answer to Lena" after "the chat below")
    if (materialFrom < doc.text.length) contentWords(doc.text.slice(materialFrom), before);
    // the ask's own line: what follows on later lines is its detail, or material the mask did not catch
    // (with its own quoted words: "is it 'affect' or 'effect' in …" is about those words)
    const after = contentWords(doc.text.slice(ask.start, ask.end).split("\n")[0]!);
    // a thing of the writer's own ("my new kitten") is a subject in one word
    const beforeWords = contentWords(text.slice(0, ask.start)).size;
    const ownBefore = FIRST_PERSON_RE.test(text.slice(list[j - 1]!.start, ask.start)) ? 1 : 0;
    // two known subjects that are no neighbours ("convert 72°F to Celsius, and also a rhyme for 'orange'")
    // are evidence enough after a join, however few words each side has
    const mine = subjectsOf(doc.text.slice(ask.start, ask.end).split("\n")[0]!);
    const earlier = subjectsOf(doc.text.slice(0, ask.start));
    const known = mine.size > 0 && earlier.size > 0;
    const apart = known && !topicsMeet(mine, earlier);
    if (
      !enough(cue, beforeWords + ownBefore, after.size + (own ? 1 : 0)) &&
      !(cue === Cue.Join && apart && after.size >= 1)
    )
      continue;
    // … and each names its own thing ("Celsius" … "the French Revolution"): two questions about related
    // things ("How does a heat pump work? Why do the radiators knock?") rarely name two different ones
    if (cue === Cue.None && !ask.line) {
      if (beforeWords + after.size < 7) continue;
      const names = (t: string) => new Set((t.match(PROPER_NAME_RE) ?? []).map((w) => w.toLowerCase()));
      const mine = names(ask.body.split("\n")[0]!);
      const earlier = names(text.slice(list[j - 1]!.start, ask.start));
      if (mine.size === 0 || earlier.size === 0 || [...mine].some((w) => earlier.has(w))) continue;
    }
    // no word in common is not yet two subjects: unless the writer says the subject is new, both sides must
    // name a known subject, and none a neighbour of the other's ("cover letter" … "the interview")
    // (the subjects are listed mostly in English: in other languages a subject the list does not hold is
    // read as before, by the words the two sides share, once the writer has marked the switch: "por cierto")
    if (!ask.declared) {
      if (topicsMeet(mine, earlier)) continue;
      // a known subject after a task on given material that names none ("Proofread this note. P.S. any tips
      // for keeping basil alive?"): the material would have named it, had the two belonged together
      const afterMaterial =
        earlier.size === 0 &&
        mine.size > 0 &&
        cue !== Cue.None &&
        (ask.question || FIRST_PERSON_RE.test(ask.body.split(/[.?!]/)[0]!)) &&
        // (the task may close the material it works on: "Notes: … \n Turn these into minutes")
        list.slice(0, j).some((a) => a.body.split("\n").some((l) => ON_MATERIAL_RE.test(l.trim())));
      if (!known && !afterMaterial && (cue !== Cue.Switch || english())) continue;
    }
    // two subjects that are not neighbours ("VAT" … "pasta") are two questions even inside one sentence
    const distinct = known && !topicsMeet(mine, earlier);
    // "What are the benefits of green tea, and how much caffeine does a cup hold?": a second question
    // inside the same sentence is usually about the same thing, in words that do not repeat it
    // a run of questions in one sentence ("when was it signed, which wars did it end, and why …?") is one
    // question in parts, however few words repeat; a request put as a question ("and can you recommend …"),
    // or a question joined to a request, still brings its own subject
    if (
      cue === Cue.Join &&
      ask.question &&
      !ask.sentence &&
      !distinct &&
      (after.size < 3 || (list[j - 1]!.question && !REQUEST_RE.test(ask.body) && !NEW_ASK_RE.test(ask.body)))
    )
      continue;
    // a four-letter word shares its subject with the longer words it opens ("boil" and "boiling")
    const stems = new Set([...before].map((w) => w.slice(0, 4)));
    let shared = false;
    for (const w of after)
      if (before.has(w) || (w.length === 4 ? stems.has(w) : before.has(w.slice(0, 4)))) shared = true;
    if (shared) continue;
    // a question about the writer's situation stated before, naming nothing of its own ("I'm flying to
    // Tokyo. … Also, do I need cash?"), is about the same subject
    const situation = list
      .slice(0, j)
      .some(
        (a) =>
          !a.question &&
          !REQUEST_RE.test(a.body) &&
          !NEW_ASK_RE.test(a.body) &&
          (FIRST_PERSON_RE.test(a.body) || /\b(?:we|we're|we've|our|us)\b/i.test(a.body)) &&
          !sig.tasks.some((t) => t.span.start >= a.start && t.span.start < a.end),
      );
    const plainQuestion = ask.question && !REQUEST_RE.test(ask.body) && !NEW_ASK_RE.test(ask.body);
    if (
      cue !== Cue.Switch &&
      situation &&
      plainQuestion &&
      !HAS_PROPER_NAME_RE.test(ask.body.split("\n")[0]!)
    )
      continue;
    // the first ask must be a request too: a heading or a line of context is not a task
    // a deliverable named without a verb ("Minimal logo for a yoga studio: …", "Deliverables: one e-mail")
    // is a task too
    if (
      !sig.tasks.some((t) => t.span.start < ask.start) &&
      !list.slice(0, j).some((a) => a.question || REQUEST_RE.test(a.body) || a.cue !== Cue.None) &&
      !NOUN_TASK_RE.test(text.slice(0, ask.start))
    )
      continue;
    return [unrelatedFinding(doc.text, { start: ask.start, end: ask.start + ask.body.trimEnd().length })];
  }
  return [];
}
