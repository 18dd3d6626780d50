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
import { MASK_CONTENT, matchesOf } from "../text.js";
import type { Finding } from "../types.js";
import type { RuleContext } from "./context.js";
import { multipleTasks, speakerLines } from "./multiple-tasks.js";
import { findingOf, type Rule } from "./rule.js";

/** Past this, a prompt is a specification whose parts belong together by design. */
const SCOPE_CHARS = 900;

/** How a later ask is introduced, from weakest to strongest evidence of a new subject. */
enum Cue {
  None = 0,
  Join = 1,
  Switch = 2,
}

// A change of subject announced in so many words (English, French, Spanish, Portuguese, German, Italian).
const SWITCH_WORDS =
  "unrelated(?:ly)?|separately|(?:a |another |totally |completely )?(?:different|new|separate) (?:topic|subject|question|matter)|chang(?:e|ing) (?:of )?(?:the )?(?:topic|subject)|switching (?:gears|topics)|(?:totally|completely|something|a bit) (?:different|unrelated|separate|else)|(?:on|in) (?:another|a different|an unrelated|a separate|a totally different) (?:note|topic|subject)|by the way|btw|p\\.?\\s?s\\b\\.?|one more thing|another thing|other thing|oh,? and|while you'?re at it|random question|off[- ]topic|different question|autre chose|par ailleurs|au fait|sans rapport|rien à voir|por cierto|de paso|otra cosa|a propósito|aparte|übrigens|nebenbei(?: bemerkt)?|ganz (?:was )?anderes|aliás|outra coisa|tra l'altro|per inciso|un'altra cosa";
// A plain join between two asks.
const JOIN_WORDS =
  "but also|but|and also|also|additionally|plus|and|et aussi|aussi|et|y también|también|además|y|e também|também|e|und auch|außerdem|und|inoltre";
// A join that orders the steps of one job ("then", "finally", "puis"): by itself it joins no new subject.
const SEQUENCE_WORDS =
  "and then|then|next|after that|lastly|finally|first(?: thing)?|second(?:ly)?|third(?:ly)?|et ensuite|ensuite|puis|y luego|luego|depois|und dann|dann|e poi|poi";
const LEAD_RE = new RegExp(
  `^(?:[\\s,:;()\\-–—•*]+|\\d{1,2}[.)]\\s|[a-e]\\)\\s|(${SWITCH_WORDS})(?![\\p{L}'])|(${SEQUENCE_WORDS})(?![\\p{L}'])|(${JOIN_WORDS})(?![\\p{L}']))`,
  "iu",
);

// A request: a verb that makes something new, a verb that works on something given, or a want.
const NEW_VERBS =
  "suggest|recommend|write|plan|create|design|draft|compose|brainstorm|come up with|generate|build|code|pretend|imagine|draw|sketch|book|schedule|teach|quiz";
const STEP_VERBS =
  "explain|tell|give|list|translate|convert|debug|fix|summari[sz]e|calculate|find|name|describe|solve|compute|help|show|outline|get|proofread|rewrite|review|correct|analy[sz]e|compare|estimate|pick|choose|propose|sort|rank|identify|implement|refactor|optimi[sz]e|recap";
const REQUEST_VERBS = `${NEW_VERBS}|${STEP_VERBS}`;
// The same in the other languages: common imperatives, formal and informal; those that make something new
// or speak for the writer ("donne-moi", "dime", "dammi") first.
const FOREIGN_NEW_VERBS =
  "écris|rédige|propose|suggère|recommande|escribe|redacta|sugiere|recomienda|propón|escreva|sugira|recomende|schreib(?:e)?|empfiehl|schlag|scrivi|suggerisci|consiglia|\\p{L}+-moi|dame|dime|explícame|dígame|cuéntame|recomiéndame|escríbeme|ayúdame|hazme|me (?:diga|dê|explique|recomende|ajude|escreva|conte)|dammi|dimmi|spiegami|consigliami|scrivimi|aiutami|raccontami";
const FOREIGN_VERBS = `${FOREIGN_NEW_VERBS}|donne|dis|explique|traduis|corrige|fais|trouve|calcule|résume|explica|traduce|haz|calcula|resume|dê|diga|traduza|corrija|faça|resuma|gib|nenne|erkläre?|übersetze|korrigiere|berechne|fasse|spiega|traduci|correggi|calcola|riassumi`;
/** An ask that stands on its own: a new thing to make, or a want ("I need …", "any ideas …"). */
const NEW_ASK_RE = new RegExp(
  `^(?:please\\s+|pls\\s+|(?:can|could|would|will) you(?: please)?\\s+|por favor,?\\s+|bitte\\s+)?(?:(?:${NEW_VERBS}|${FOREIGN_NEW_VERBS})(?![\\p{L}])|(?:(?:(?:tell|show|teach) me|explain) (?:how|what|why|where|when|who|which|whether)|i (?:also |really )?(?:need|want|would like|'d like|would love|'d love)|(?:also |really )?(?:need|want)(?: a| an| some| help| ideas?| to know)|any (?:ideas|suggestions|tips|recommendations|thoughts)|looking for|i'm looking for|i am looking for)\\b)`,
  "iu",
);
const QUESTION_WORDS =
  "how|what|what's|whats|who|where|when|why|which|is|are|do|does|did|can|could|would|should|will|whats|comment|combien|quel(?:le)?s?|qui|où|pourquoi|quand|est-ce|cómo|cuánt[oa]s?|qué|quién|dónde|por qué|cuál|cuando|como|quanto|quantos|quantas|qual|quem|onde|porque|por que|wie|was|wer|wo|warum|welche[rs]?|wann|come|quanti|quante|chi|dove|perché";
const REQUEST_RE = new RegExp(
  `^(?:please\\s+|pls\\s+|(?:can|could|would|will) you(?: please)?\\s+|por favor,?\\s+|bitte\\s+)?(?:${REQUEST_VERBS}|${FOREIGN_VERBS})(?![\\p{L}])`,
  "iu",
);
const QUESTION_RE = new RegExp(`^(?:¿|(?:${QUESTION_WORDS})(?![\\p{L}]))`, "iu");
// a pronoun standing for what came before; "this Python loop" introduces something new
const BACK_REFERENCE_RE =
  /\b(?:it|its|them|their|they|he|she|him|her|his|the same|the above|the result|the answer|the text|the list|the one|(?:some |a few )?(?:other|more|another|further) [a-z]{3,}|each(?!\s+[a-z]{3,}))\b|\b(?:this|that|these|those)\b(?!\s+[a-z]{3,})/i;
// "there" standing for a place named before ("how long to boil pasta there"), not "is there", "there are"
const PLACE_BACK_RE =
  /(?<!\b(?:is|are|was|were|be|been|get|got)\s+)\bthere\b(?!\s*(?:'s|’s|is|are|was|were|will|would|might|may|must|should|could|can|has|have|had|seems?)\b)/i;
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
// "Which queen led the Iceni revolt? → Cartimandua": the answer follows on the line
const ANSWERED_RE = /[?？]\s*(?:→|->|=>|=|:)\s*\S/;
const ANSWER_LINE_RE = /(?:^[ \t]*|[?.!][ \t]+)(?:A|Answer|Output|Assistant)[ \t]*:/m;
// an object pronoun on a verb in French, Spanish, Portuguese or Italian: "la facturer", "hacerlo", "fazê-lo"
const CLITIC_RE =
  /(?:^|\s)(?:(?:la|le|les|lo|los|las)\s+|l')\p{L}+(?:er|ir|re|ar)(?![\p{L}])|\p{L}(?:ar|er|ir|ê|á)-?(?:lo|la|los|las|le)(?![\p{L}])/iu;
/** "Is it safe to …", "it's worth …": an "it" that stands for nothing before. */
const EXPLETIVE_IT_RE =
  /\b(?:is|was|would|will|could) it\b(?= (?:\S+ ){0,2}?(?:to|that|worth|possible|safe|ok|okay|true|normal|legal|healthy|bad|better|best|too late)\b)|\bit(?:'s| is) (?:\S+ ){0,2}?(?:to|that|worth)\b/gi;
/** A request that speaks for its writer ("for me", "my kitten"): a user's own asks, not a system prompt. */
const FIRST_PERSON_RE =
  /(?<![\p{L}'])(?:i|me|my|i'm|i've|i'd|moi|mon|ma|mes|mi|mis|meu|minha|meus|minhas|mir|mich|mein\p{L}*|mio|mia|miei)(?![\p{L}'])/iu;

const STOP = new Set(
  "about above after again also always answer because before being below between both could does doing down during each every from further have having here into just more most much must need needs only other over please same should some such than that their them then there these they this those through under very what when where which while whom whose with would your yours like want make sure short brief give tell list using used write also each three four five quick thing things question questions idea ideas good best great help know need want think something really thanks thank please could would need dont don't sorry again honestly going anyway haha hope appreciate what's that's it's i'm i'd you're pour avec dans sont mais comme plus tout tous toute cette nous vous leur leurs elle elles donne-moi dis-moi quelle quelles quels comment faire être avoir para como pero esta este esto estos estas sobre cuál cuántas cuántos también dime dame hacer tiene tengo nuestra nuestro nossa nosso você isso essa esse também fazer sobre quais qual para como mais muito eine einen einem einer nicht auch sind wird werden mit für über oder aber dass wenn kann können noch sehr wie was welche della delle degli sono come anche questo questa per".split(
    " ",
  ),
);
// the verbs themselves, not nouns that start like one ("names", "listings")
const VERB_ONLY_RE = new RegExp(`^(?:${REQUEST_VERBS}|${FOREIGN_VERBS})(?:ed|ing|s)?$`, "iu");

/** Content words, each cut to its first five letters so "kitten" and "kittens" meet. */
function contentWords(text: string, into = new Set<string>()): Set<string> {
  // acronyms ("VAT", "DNS") carry a subject in three letters
  for (const a of text.match(/\b[A-Z]{2,5}\b/g) ?? []) if (a !== "I") into.add(a.toLowerCase());
  for (const w of text.toLowerCase().match(/\p{L}[\p{L}'’-]{3,}/gu) ?? []) {
    // "response-to-reviewers" shares its subject with "the reviewers": each part of a compound counts too
    if (w.includes("-"))
      for (const part of w.split("-"))
        if (part.length >= 4 && !STOP.has(part) && !VERB_ONLY_RE.test(part)) into.add(part.slice(0, 5));
    if (STOP.has(w) || VERB_ONLY_RE.test(w)) continue;
    into.add(w.slice(0, 5));
  }
  return into;
}

interface Ask {
  start: number;
  end: number;
  /** The ask's own text, from its first word (after the join) to its end, constraints included. */
  body: string;
  cue: Cue;
  question: boolean;
  /** Starts a new line (or a list item), not inside a sentence. */
  line: boolean;
  /** Starts a new sentence. */
  sentence: boolean;
  /** Opens with a list number ("2) …", "3. …"). */
  numbered: boolean;
  /** A question, a new thing to make or a want, rather than a step on something given ("list the risks"). */
  fresh: boolean;
  /** Introduced as the next step ("then", "finally", "puis"). */
  sequence: boolean;
}

/** A name or an acronym inside a sentence (not its first word): "Celsius", "Jupiter", "IRA". */
const PROPER_NAME_RE = /(?<=[\p{L},'’]\s+)\p{Lu}[\p{L}-]+/gu;
/** A deliverable named without a verb: a noun phrase that opens a line, or a brief's label. */
const NOUN_TASK_RE =
  /(?:^|\n)[ \t]*(?:(?:[\p{L}-]+[ \t]+){0,3}(?:logo|poster|illustration|icon|banner|flyer|photo|image|picture|caption|tagline|slogan|e-?mail|post|tweet|ad|advert|headline|brief|cover letter|bio|toast|speech|poem|limerick|haiku)[ \t]+(?:for|of|about|showing|announcing|promoting)\b|(?:deliverables?|task|request|brief|ask)[ \t]*:)/iu;
const INTERJECTION_RE = /^(?:oh|ah|oh wait|ok|okay)[,!]?\s*$/i;
/** A line that is only a rule ("---", "***", "===", "~~~"): material usually follows it. */
const DELIMITER_LINE_RE = /^[ \t]*(?:-{3,}|\*{3,}|={3,}|~{3,}|_{3,})[ \t]*$/m;
/** An ask that points at material further down. */
const POINTS_BELOW_RE = /\b(?:below|following|underneath|after this line)\b/i;
const TRAILING_INTERJECTION_RE = /(?:^|\s)(?:oh|ah|oh wait)[,!]?\s*$/i;

// Where a sentence or a line ends, a list number starts, or a join inside a sentence may start a new ask
// (the full stop of a list number, "1. ", is not a sentence end).
const CUT_RE =
  /(?<!(?:^|\s)\d{1,2})[.?!。？！]+["”»)]*[ \t]+|\n\s*|;\s+|,\s+|:\s+(?=\(?\d{1,2}[.)]\s)|\s+(?=\(?\d{1,2}\)\s)|\s+(?=(?:and|y|et|e|und|puis|then)\s)|\s+(?=p\.\s?s\.)|\s+[–—-]\s+/giu;

/** "… and tell me what you think of it": an opinion on what came before. */
const OPINION_RE =
  /what (?:do )?you think|(?:tu|vous) en pens|qu'en pens|qué (?:opinas|piensas|te parece)|davon (?:hältst|halten)|o que (?:você )?ach|che ne pensi/i;
/** "… and also how do I get wine out of a carpet": the writer's own question, asked without its "?". */
const SELF_QUESTION_RE = /^(?:how|what|where|when|why|which)\s+(?:do|can|should|would|did)\s+(?:i|we)\b/i;

/** The prompt's instructions cut into asks; a piece that asks nothing joins the ask before it. */
export function asks(text: string, mask: Uint8Array): Ask[] {
  const out: Ask[] = [];
  const pieces: Array<{ start: number; end: number; line: boolean; sentence: boolean }> = [];
  let from = 0;
  let line = true;
  let sentence = true;
  for (const m of matchesOf(text, CUT_RE)) {
    pieces.push({ start: from, end: m.index, line, sentence });
    from = m.index + m[0].length;
    line = m[0].includes("\n") || /^\(?\d{1,2}[.)]\s/.test(text.slice(from, from + 4));
    sentence = line || /[.?!。？！;]/.test(m[0]);
  }
  pieces.push({ start: from, end: text.length, line, sentence });
  // a piece that is only a join ("Also,", "P.S.", "Then, unrelated,") hands its cue to the next one
  const none = { cue: Cue.None, words: 0, line: false, sentence: false, numbered: false, sequence: false };
  let carried = none;
  for (const p of pieces) {
    let at = p.start;
    let { cue, words, numbered, sequence } = carried;
    // strip the joins and switches that open the piece, keeping the strongest
    for (let guard = 0; guard < 8; guard++) {
      const m = LEAD_RE.exec(text.slice(at, p.end));
      if (!m || m[0].length === 0) break;
      if (m[1]) cue = Cue.Switch;
      else if ((m[2] || m[3]) && cue < Cue.Join) cue = Cue.Join;
      if (m[2]) sequence = true;
      // a list number joins like "and": the items of "three quick things: 1) … 2) …"
      if (/^\(?\d|^[a-e]\)/.test(m[0])) {
        numbered = true;
        if (cue < Cue.Join) cue = Cue.Join;
      }
      if (m[1] || m[2] || m[3]) words++;
      at += m[0].length;
    }
    const body = text.slice(at, p.end);
    const isLine = p.line || carried.line;
    const isSentence = p.sentence || carried.sentence;
    if (!body.trim()) {
      if (words > 0 || isLine || numbered)
        carried = { cue, words, line: isLine, sentence: isSentence, numbered, sequence };
      continue;
    }
    // "Oh, and …": the interjection before a join announces a new subject, like "oh and"; after a quote the
    // mask leaves no sentence end, so the interjection may close the piece before
    if (words > 0 && TRAILING_INTERJECTION_RE.test(text.slice(Math.max(0, p.start - 12), p.start)))
      cue = Cue.Switch;
    if (INTERJECTION_RE.test(body)) {
      carried = { cue: Cue.Switch, words: words + 1, line: isLine, sentence: isSentence, numbered, sequence };
      continue;
    }
    carried = none;
    // quoted text is material ("«Ciao Marco, … ?»"); a question answered on its own line is an exercise
    if (mask[at] === MASK_CONTENT || /^["“«„']/.test(body)) continue;
    // a question: a question word that opens a sentence ending in "?", or a list item
    const stop = /[.?!。？！](?=\s|$)|\n/u.exec(text.slice(at));
    const answered = ANSWERED_RE.test(text.slice(at, at + 400).split("\n")[0]!);
    const endsAsked = /[?？]/.test(stop?.[0] ?? "");
    // a question word after a list number or a change of subject asks even without its "?" ("oh and what's …")
    // a chat message often drops its last "?": a question word after a join, with nothing after it on its line
    const unpunctuated =
      cue === Cue.Join &&
      (((stop === null || stop[0] === "\n") && isSentence) || SELF_QUESTION_RE.test(body));
    const question =
      !answered &&
      ((QUESTION_RE.test(body) && (endsAsked || numbered || cue === Cue.Switch || unpunctuated)) ||
        (isSentence && endsAsked));
    const fresh = question || NEW_ASK_RE.test(body);
    const request = fresh || REQUEST_RE.test(body);
    // inside a sentence, only a switch, or a join to a new thing ("…, and suggest a name …") or to a step on
    // a thing of the writer's own ("…, and convert 72°F to Celsius for me"), starts an ask
    const own = words > 0 && !fresh && request && /\b(?:for me|my\s+\p{L}{3,})\b/iu.test(body);
    const starts = request && (isSentence || cue === Cue.Switch || (words > 0 && fresh) || own);
    const prev = out[out.length - 1];
    if (!starts && prev) {
      prev.end = p.end;
      prev.body = text.slice(prev.start, p.end);
      continue;
    }
    out.push({
      start: at,
      end: p.end,
      body,
      cue,
      question,
      line: isLine,
      sentence: isSentence,
      numbered,
      fresh,
      sequence,
    });
  }
  return out;
}

/** How many content words each side needs for a join to count, by how the later ask is introduced. */
function enough(cue: Cue, before: number, after: number): boolean {
  if (cue === Cue.Switch) return before >= 2 && after >= 1;
  if (cue === Cue.Join) return before >= 2 && after >= 2;
  return before >= 3 && after >= 3;
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
    'Two unrelated requests or questions in one short prompt ("Also," / "By the way" / "P.S." / a list number / a new question) with nothing in common.',
  check(ctx: RuleContext): Finding[] {
    const { doc, sig } = ctx;
    if (doc.text.length > SCOPE_CHARS * 4) return [];
    const text = doc.instructionText;
    if (text.trim().length > SCOPE_CHARS) return [];
    if (lexiconPairFound(ctx)) return [];
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
      const opening = ask.body.replace(EXPLETIVE_IT_RE, "").split(/\s+/).slice(0, 4).join(" ");
      if (BACK_REFERENCE_RE.test(opening) || CLITIC_RE.test(ask.body.split(/[.?!]/)[0]!)) continue;
      if (PLACE_BACK_RE.test(firstSentence) || (cue !== Cue.Switch && OPINION_RE.test(firstSentence)))
        continue;
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
      // "then …" orders one job's steps; a new subject after it speaks for the writer ("then write me …")
      if (cue === Cue.Join && ask.sequence && !ask.numbered && !(own && (ask.fresh || ask.question)))
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
      if (!enough(cue, beforeWords + ownBefore, after.size + (own ? 1 : 0))) continue;
      // … and each names its own thing ("Celsius" … "the French Revolution"): two questions about related
      // things ("How does a heat pump work? Why do the radiators knock?") rarely name two different ones
      if (cue === Cue.None && !ask.line) {
        if (beforeWords + after.size < 7) continue;
        const names = (t: string) => new Set((t.match(PROPER_NAME_RE) ?? []).map((w) => w.toLowerCase()));
        const mine = names(ask.body.split("\n")[0]!);
        const earlier = names(text.slice(list[j - 1]!.start, ask.start));
        if (mine.size === 0 || earlier.size === 0 || [...mine].some((w) => earlier.has(w))) continue;
      }
      // "What are the benefits of green tea, and how much caffeine does a cup hold?": a second question
      // inside the same sentence is usually about the same thing, in words that do not repeat it
      // a run of questions in one sentence ("when was it signed, which wars did it end, and why …?") is one
      // question in parts, however few words repeat; a request put as a question ("and can you recommend …"),
      // or a question joined to a request, still brings its own subject
      if (
        cue === Cue.Join &&
        ask.question &&
        !ask.sentence &&
        (after.size < 3 ||
          (list[j - 1]!.question && !REQUEST_RE.test(ask.body) && !NEW_ASK_RE.test(ask.body)))
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
      if (cue !== Cue.Switch && situation && plainQuestion && !PROPER_NAME_RE.test(ask.body.split("\n")[0]!))
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
      const span = { start: ask.start, end: ask.start + ask.body.trimEnd().length };
      return [
        findingOf(
          UNRELATED_REQUESTS,
          `"${doc.text.slice(span.start, span.end)}" is a second request with nothing in common with the first; answers to bundled requests get shallower.`,
          "Send unrelated requests as separate prompts, or say how they connect.",
          [span],
        ),
      ];
    }
    return [];
  },
};
