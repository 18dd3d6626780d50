// Cutting a prompt's instructions into asks, for the unrelated-requests rule (PF502, unrelated.ts): at
// sentence and line ends, list numbers, and a switch inside a sentence (", and also …", ", then draft …",
// "y, de paso, …"). An ask is a question or a request (an imperative that makes something, "I need …",
// "any ideas …"); anything else (a constraint, a detail) belongs to the ask before it. Each ask records how
// it is introduced: a word that announces a change of subject, a plain join, or nothing.
import { MASK_CONTENT, matchesOf } from "../text.js";

/** How a later ask is introduced, from weakest to strongest evidence of a new subject. */
export enum Cue {
  None = 0,
  Join = 1,
  Switch = 2,
}

// A change of subject announced in so many words (English, French, Spanish, Portuguese, German, Italian).
const SWITCH_WORDS =
  "unrelated(?:ly)?|separately|(?:a |another |totally |completely )?(?:different|new|separate) (?:topic|subject|question|matter)|chang(?:e|ing) (?:of )?(?:the )?(?:topic|subject)|switching (?:gears|topics)|(?:totally|completely|something|a bit) (?:different|unrelated|separate|else)|(?:on|in) (?:another|a different|an unrelated|a separate|a totally different) (?:note|topic|subject)|by the way|btw|p\\.?\\s?s\\b\\.?|one more thing|another thing|other thing|oh,? and|while you'?re at it|random question|off[- ]topic|different question|autre chose|par ailleurs|au fait|au passage|sans rapport|rien à voir|por cierto|de paso|otra cosa|a propósito|aparte|übrigens|nebenbei(?: bemerkt)?|ganz (?:was )?anderes|aliás|outra coisa|tra l'altro|per inciso|un'altra cosa";
// Of those, the ones where the writer says the subject is new, not only that more follows ("by the way",
// "P.S." and "oh, and" often bring a related afterthought).
const DECLARED_RE =
  /unrelated|separate (?:question|topic|subject|matter|thing)|different|new (?:topic|subject|question|matter)|chang(?:e|ing)|switching|something else|off[- ]topic|random question|autre chose|sans rapport|rien à voir|otra cosa|outra coisa|ganz (?:was )?anderes|un'altra cosa/i;
/** "Separately, …": a new subject when a question or a want of the writer's follows, not a step ("list …"). */
const APART_RE = /^separately$/i;
// A plain join between two asks.
const JOIN_WORDS =
  "but also|but|and also|also|additionally|plus|and|et aussi|aussi|et|y también|también|además|y|e também|também|e|und auch|außerdem|und|inoltre";
// A join that orders the steps of one job ("then", "finally", "puis"): by itself it joins no new subject.
const SEQUENCE_WORDS =
  "once (?:that's|that is|this is|you've|you have|you're|you are) (?:done|finished|through)|when (?:that's|you're|you are) (?:done|finished)|and then|then|next|after that|lastly|finally|first(?: thing)?|second(?:ly)?|third(?:ly)?|et ensuite|ensuite|puis|y luego|luego|depois|und dann|dann|e poi|poi";
const LEAD_RE = new RegExp(
  `^(?:[\\s,:;()\\-–—•*]+|\\d{1,2}[.)]\\s|[a-e]\\)\\s|(${SWITCH_WORDS})(?![\\p{L}'])|(${SEQUENCE_WORDS})(?![\\p{L}'])|(${JOIN_WORDS})(?![\\p{L}']))`,
  "iu",
);

// A request: a verb that makes something new, a verb that works on something given, or a want.
const NEW_VERBS =
  "suggest|recommend|write|plan|create|design|draft|compose|brainstorm|come up with|generate|build|code|pretend|imagine|draw|sketch|book|schedule|teach|quiz";
const STEP_VERBS =
  "explain|tell|give|list|translate|convert|debug|fix|summari[sz]e|calculate|find|name|describe|solve|compute|help|show|outline|get|proofread|rewrite|review|correct|analy[sz]e|compare|estimate|pick|choose|propose|sort|rank|identify|implement|refactor|optimi[sz]e|recap|move|reschedule|cancel|send";
const REQUEST_VERBS = `${NEW_VERBS}|${STEP_VERBS}`;
// The same in the other languages: common imperatives, formal and informal; those that make something new
// or speak for the writer ("donne-moi", "dime", "dammi") first.
const FOREIGN_NEW_VERBS =
  "écris|rédige|crée|créez|propose|suggère|recommande|escribe|redacta|crea|prepara|organiza|sugiere|recomienda|propón|escreva|crie|cria|prepare|monte|sugira|recomende|schreib(?:e)?|erstelle|empfiehl|schlag|scrivi|suggerisci|consiglia|\\p{L}+-moi|dame|dime|explícame|dígame|cuéntame|recomiéndame|escríbeme|ayúdame|hazme|me (?:diga|diz|dê|explique|explica|recomende|recomenda|ajude|ajuda|escreva|escreve|conte|conta|fala|manda)|dammi|dimmi|spiegami|consigliami|scrivimi|aiutami|raccontami";
const FOREIGN_VERBS = `${FOREIGN_NEW_VERBS}|donne|dis|explique|traduis|corrige|fais|trouve|calcule|résume|explica|traduce|haz|calcula|resume|dê|diga|traduza|corrija|faça|resuma|gib|nenne|erkläre?|übersetze|korrigiere|berechne|fasse|spiega|traduci|correggi|calcola|riassumi`;
/** An ask that stands on its own: a new thing to make, or a want ("I need …", "any ideas …"). */
export const NEW_ASK_RE = new RegExp(
  `^(?:please\\s+|pls\\s+|(?:can|could|would|will) (?:you|u|ya)(?: please| pls)?\\s+|por favor,?\\s+|bitte\\s+)?(?:(?:${NEW_VERBS}|${FOREIGN_NEW_VERBS})(?![\\p{L}])|(?:(?:(?:tell|show|teach) me|explain) (?:how|what|why|where|when|who|which|whether)|i (?:also |really )?(?:need|want|would like|'d like|would love|'d love)|(?:also |really )?(?:need|want)(?: a| an| some| help| ideas?| to know)|any (?:[\\p{L}-]+ )?(?:ideas|suggestions|tips|recommendations|thoughts)|looking for|i'm looking for|i am looking for)\\b)`,
  "iu",
);
const QUESTION_WORDS =
  "how|what|what's|whats|who|where|when|why|which|is|are|do|does|did|can|could|would|should|will|whats|comment|combien|quel(?:le)?s?|qui|où|pourquoi|quand|est-ce|cómo|cuánt[oa]s?|qué|quién|dónde|por qué|cuál|cuando|como|quanto|quantos|quantas|qual|quem|onde|porque|por que|wie|was|wer|wo|warum|welche[rs]?|wann|come|quanti|quante|chi|dove|perché";
export const REQUEST_RE = new RegExp(
  `^(?:please\\s+|pls\\s+|(?:can|could|would|will) (?:you|u|ya)(?: please| pls)?\\s+|por favor,?\\s+|bitte\\s+)?(?:${REQUEST_VERBS}|${FOREIGN_VERBS})(?![\\p{L}])`,
  "iu",
);
const QUESTION_RE = new RegExp(`^(?:¿|(?:${QUESTION_WORDS})(?![\\p{L}]))`, "iu");

// "Which queen led the Iceni revolt? → Cartimandua": the answer follows on the line
const ANSWERED_RE = /[?？]\s*(?:→|->|=>|=|:)\s*\S/;

const STOP = new Set(
  "about above after again also always answer because before being below between both could does doing down during each every from further have having here into just more most much must need needs only other over please same should some such than that their them then there these they this those through under very what when where which while whom whose with would your yours like want make sure short brief give tell list using used write also each three four five quick thing things question questions idea ideas good best great help know need want think something really thanks thank please could would need dont don't sorry again honestly going anyway haha hope appreciate what's that's it's i'm i'd you're pour avec dans sont mais comme plus tout tous toute cette nous vous leur leurs elle elles donne-moi dis-moi quelle quelles quels comment faire être avoir para como pero esta este esto estos estas sobre cuál cuántas cuántos también dime dame hacer tiene tengo nuestra nuestro nossa nosso você isso essa esse também fazer sobre quais qual para como mais muito eine einen einem einer nicht auch sind wird werden mit für über oder aber dass wenn kann können noch sehr wie was welche della delle degli sono come anche questo questa per".split(
    " ",
  ),
);
// the verbs themselves, not nouns that start like one ("names", "listings")
const VERB_ONLY_RE = new RegExp(`^(?:${REQUEST_VERBS}|${FOREIGN_VERBS})(?:ed|ing|s)?$`, "iu");

/** Content words, each cut to its first five letters so "kitten" and "kittens" meet. */
export function contentWords(text: string, into = new Set<string>()): Set<string> {
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

export interface Ask {
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
  /** The writer says the subject is new ("unrelated", "separately", "different question", "autre chose"). */
  declared: boolean;
}

const INTERJECTION_RE = /^(?:oh|ah|oh wait|ok|okay)[,!]?\s*$/i;

const TRAILING_INTERJECTION_RE = /(?:^|\s)(?:oh|ah|oh wait)[,!]?\s*$/i;

// Where a sentence or a line ends, a list number starts, or a join inside a sentence may start a new ask
// (the full stop of a list number, "1. ", is not a sentence end).
const CUT_RE =
  /(?<!(?:^|\s)\d{1,2})[.?!。？！]+["”»)]*[ \t]+|\n\s*|;\s+|,\s+|:\s+(?=\(?\d{1,2}[.)]\s)|\s+(?=\(?\d{1,2}\)\s)|\s+(?=(?:and|y|et|e|und|puis|then)\s)|\s+(?=p\.\s?s\.)|\s+[–—-]\s+/giu;

/** "… and also how do I get wine out of a carpet": the writer's own question, asked without its "?". */
const SELF_QUESTION_RE = /^(?:how|what|where|when|why|which)\s+(?:do|can|should|would|did)\s+(?:i|we)\b/i;

/** "…, and also when's the deadline …": "also" before a question word that asks, its "?" dropped in a chat. */
const ALSO_BEFORE_RE = /\b(?:and also|also|plus)\s*,?\s*$/i;
const ASKED_FACT_RE =
  /^(?:how|what|when|where|why|which|who)(?:'s|’s|\s+(?:is|are|was|were|do|does|did|can|should|would|will|much|many|long|often))\b/i;

/** A request that speaks for its writer ("for me", "my kitten"): a user's own asks, not a system prompt. */
export const FIRST_PERSON_RE =
  /(?<![\p{L}'])(?:i|me|my|i'm|i've|i'd|moi|mon|ma|mes|mi|mis|meu|minha|meus|minhas|mir|mich|mein\p{L}*|mio|mia|miei)(?![\p{L}'])/iu;

/** A line announcing several asks to follow: "three things:", "Quick ones while I have you:", "Two questions:". */
const ITEMS_HEADER_RE = /^[^\n]{0,40}\b(?:things|ones|questions|requests|favou?rs)\b[^\n:]{0,30}:[ \t]*\n/im;

/** A request that hands over its own object after a colon: "convert these CSV headers to snake_case: …". */
const HANDED_OVER_RE = /\b(?:this|these|the following)\s+(?:[\p{L}-]+\s+){0,2}?\p{L}{3,}[^:]{0,40}:\s*\S/iu;

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
  const none = {
    cue: Cue.None,
    words: 0,
    line: false,
    sentence: false,
    numbered: false,
    sequence: false,
    declared: false,
    apart: false,
  };
  let carried = none;
  const header = ITEMS_HEADER_RE.exec(text);
  const items = header ? header.index + header[0].length : null;
  for (const p of pieces) {
    let at = p.start;
    let { cue, words, numbered, sequence, declared, apart } = carried;
    // strip the joins and switches that open the piece, keeping the strongest
    for (let guard = 0; guard < 8; guard++) {
      const m = LEAD_RE.exec(text.slice(at, p.end));
      if (!m || m[0].length === 0) break;
      if (m[1]) cue = Cue.Switch;
      else if ((m[2] || m[3]) && cue < Cue.Join) cue = Cue.Join;
      if (m[2]) sequence = true;
      if (m[1] && DECLARED_RE.test(m[1])) declared = true;
      if (m[1] && APART_RE.test(m[1])) apart = true;
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
        carried = { cue, words, line: isLine, sentence: isSentence, numbered, sequence, declared, apart };
      continue;
    }
    // "Oh, and …": the interjection before a join announces a new subject, like "oh and"; after a quote the
    // mask leaves no sentence end, so the interjection may close the piece before
    if (words > 0 && TRAILING_INTERJECTION_RE.test(text.slice(Math.max(0, p.start - 12), p.start)))
      cue = Cue.Switch;
    if (INTERJECTION_RE.test(body)) {
      carried = {
        cue: Cue.Switch,
        words: words + 1,
        line: isLine,
        sentence: isSentence,
        numbered,
        sequence,
        declared,
        apart,
      };
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
      (((stop === null || stop[0] === "\n") && isSentence) ||
        SELF_QUESTION_RE.test(body) ||
        (ALSO_BEFORE_RE.test(text.slice(Math.max(0, p.start - 2), at)) && ASKED_FACT_RE.test(body)));
    const question =
      !answered &&
      ((QUESTION_RE.test(body) && (endsAsked || numbered || cue === Cue.Switch || unpunctuated)) ||
        (isSentence && endsAsked));
    // under "three things:" or "Quick ones while I have you:", each list item is an ask, with or without a verb
    const item = isLine && items !== null && at > items;
    if (item && cue < Cue.Join) cue = Cue.Join;
    const fresh = question || item || NEW_ASK_RE.test(body);
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
      // (or hands over a thing of its own: "Separately, convert these CSV headers: …")
      declared:
        declared ||
        (apart &&
          (question ||
            FIRST_PERSON_RE.test(body.split(/[.?!]/)[0]!) ||
            HANDED_OVER_RE.test(body.split(/[.?!\n]/)[0]!))),
    });
  }
  return out;
}
