// A behaviour specification written as a description instead of as orders: the custom instructions of
// a published assistant often read like its leaflet ("Quiz Maker is a GPT that designs quizzes. It asks
// for the topic first … Its tone is playful."), a persona sheet in the first person ("As Trip Buddy, I
// plan routes … My answers are short."), or a few rules about what to answer from. They ask for nothing
// in the imperative, yet they say how the model behaves: a task (docs/analysis-labels.md, "no_task").
// A company profile, a bio, a news story or product copy describes someone too: what sets the
// assistant's sheet apart is what it speaks of — users, their queries, the replies, the tone of the
// conversation — and, most often, a name for the thing as an AI.

import { matchesOf } from "./text.js";

// ── the older reading: "The assistant is Nova … It answers …" ──────────────────────────────────────
const THIRD_PERSON_SUBJECT_RE =
  /\b(?:[Tt]he assistant|[Tt]he (?:AI|ai|bot|chatbot|model|agent)|[Ii]t|[A-Z][a-z]{2,20})\s+(?:should|must|will|never|always|does not|doesn't|cannot|can't|avoids|provides|answers|responds|helps|uses|gives|asks|follows|refuses|replies|explains|writes|speaks|keeps|talks|greets|offers|recommends|suggests|declines|works|handles|treats|(?:is|are) (?:happy|glad|able|here|ready|designed|built|meant|trained) to)\b/g;
const THIRD_PERSON_OPENING_RE =
  /(?:^|\n(?<!\n[^\S\n]*\n))\s*(?:(?:[Tt]he assistant|[Tt]he (?:AI|ai|bot|chatbot|model|agent)|[A-Z][a-z]{2,20}) is (?:a|an|the|[A-Z])|(?:[Tt]he assistant|[Tt]he (?:AI|ai|bot|chatbot|model|agent)) [a-z]{3,}s\b)/;
const NOT_A_SUBJECT = new Set([
  "This",
  "That",
  "There",
  "The",
  "If",
  "When",
  "What",
  "Which",
  "Who",
  "You",
  "Your",
  "Each",
  "Every",
]);

/** How many sentences state a behaviour in the third person ("It answers …", "Claude never …"), up to 3. */
function thirdPersonBehaviours(text: string): number {
  let behaviours = 0;
  THIRD_PERSON_SUBJECT_RE.lastIndex = 0;
  for (const m of matchesOf(text, THIRD_PERSON_SUBJECT_RE)) {
    const subject = m[0].split(/\s+/)[0]!;
    if (!NOT_A_SUBJECT.has(subject) && ++behaviours >= 3) break;
  }
  return behaviours;
}

/**
 * "The assistant is Nova … It is happy to help with …": a prompt that opens by naming the assistant needs
 * one behaviour; a name alone ("Maria is a nurse. She works nights.") could be anyone's bio, so it needs three.
 */
export function namedAssistantOpening(text: string): RegExpExecArray | null {
  const opening = THIRD_PERSON_OPENING_RE.exec(text);
  if (!opening) return null;
  const namesAssistant = /^\s*the (?:assistant|ai|bot|chatbot|model|agent)\b/i.test(opening[0]);
  return thirdPersonBehaviours(text) >= (namesAssistant ? 1 : 3) ? opening : null;
}

// ── the leaflet: a subject and what it does, in the present or the future ─────────────────────────
/** What an assistant does, as base forms; the third-person forms are derived. */
const BEHAVIOUR_VERBS =
  `provide offer assist guide help create generate deliver respond reply answer ask inquire
  avoid maintain communicate use draw explain encourage suggest specialize specialise focus ensure adopt mimic
  embody remind evaluate analyze analyse seek prioritize prioritise aim customize customise tailor adapt engage
  navigate interpret support teach speak keep treat conclude connect select quote identify recommend steer
  emphasize emphasise present share exhibit express refrain refuse decline greet begin start end format write
  draft craft design translate summarize summarise incorporate integrate apply consult refer search retrieve
  calculate prompt update request comply adhere stick stay follow act play serve operate handle check mirror
  echo challenge quiz correct review give tell show walk simulate portray converse chat talk discuss remember
  invite reward rate score test break offer utilize utilise leverage compose produce build plan coach tutor
  moderate sign close open welcome address compare screen comment list flag read point caution warn alert
  inform notify cite link describe`
    .split(/\s+/)
    .filter(Boolean);

function thirdPerson(verb: string): string {
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  if (/(?:s|sh|ch|x|z)$/.test(verb)) return `${verb}es`;
  return `${verb}s`;
}

const VERB_FORMS = [...new Set(BEHAVIOUR_VERBS.flatMap((v) => [v, thirdPerson(v)]))].join("|");
/** Between the subject and its verb: a modal, a negation, an adverb, "is designed to", "aims to". */
const BETWEEN = String.raw`(?:\s+(?:will|would|should|must|can|may|shall|also|always|never|then|first|only|not(?: only)?|now|still|further|[a-z]+ly|does not|doesn't|will not|won't|cannot|can't|continues? to|aims? to|tries to|strives? to|has to|have to|needs? to|is to|(?:is|am|are) (?:\w+ly )?(?:able|designed|programmed|tailored|equipped|built|here|meant|trained|committed|set|instructed|dedicated|ready|happy|glad|skilled|adept) (?:to|in|at)))`;
/**
 * A subject that is the assistant — a pronoun standing for it, a noun naming it, or a capitalised name —
 * then what it does: "It asks for …", "CrapGPT avoids …", "Mentor should remember …", "I will encourage …".
 * (A name is at most 61 characters: unbounded, a run of letters and apostrophes was reread from each of them.)
 */
const BEHAVIOUR_RE = new RegExp(
  String.raw`(?:^|[\s("'“,;:])(?:[Ii]t|Do not|Don['’]t|Never|[Ss]he|[Hh]e|I|I['’]ll|(?:[Tt]he|[Tt]his|[Oo]ur) (?:GPT|AI|assistant|bot|chatbot|model|agent|tutor|coach|companion|AI model|AI assistant)|(?!(?:This|That|There|The|These|Those|If|When|While|What|Which|Who|You|Your|Each|Every|As|For|In|On|At|By|With|And|But|Or|So|Then|Here|My|Our|Its|Their|His|Her|It|They|We|He|She|I)\b)[A-Z][\w'’™-]{0,60}["”]?)${BETWEEN}{0,3}\s+(?:${VERB_FORMS})\b`,
  "g",
);
/** Named as the assistant, any verb it does counts: "The GPT compares …", "This bot converts …". */
const NAMED_DOES_RE = new RegExp(
  String.raw`\b(?:[Tt]he|[Tt]his|[Oo]ur) (?:GPT|AI|assistant|bot|chatbot|AI model|AI assistant)${BETWEEN}{0,3}\s+[a-z]{3,}(?<!ss|us|is)s\b`,
  "g",
);
/** The assistant's own answers, role or manner as the subject: "My responses are …", "Responses include …". */
const OWN_MANNER_RE =
  /(?:^|[.!?:]\s+|\n(?<!\n[^\S\n]*\n)\s*|\b(?:[Mm]y|[Ii]ts|[Hh]er|[Hh]is|[Yy]our|[Tt]he (?:GPT|assistant|bot|chatbot)['’]s) )(?:(?:primary|main|core|overall) )?(?:responses?|answers|replies|advice|tone|role|function|focus|expertise|approach|purpose|guidance|interaction style|communication style)\s+(?:\w+\s+)?(?:is|are|will|should|must|include|includes|involves?|revolves?|remains?|reflects?|stays?)\b/g;
/** An order about the replies themselves: "Start each interaction with …", "Conclude your responses by …". */
const REPLY_ORDER_RE =
  /(?:^|[.!?]\s+|\n(?<!\n[^\S\n]*\n)\s*)(?:[A-Z][a-z]{2,})\s+(?:each|every|all|your|the)\s+(?:interactions?|responses?|replies|answers|conversations?|sessions?|messages?)\b/g;
/** Words of a conversation with the people the assistant serves. */
const SERVICE_RE =
  /\b(?:users?|user['’]s|users['’]|quer(?:y|ies)|requests?|interactions?|conversations?|responses?|replies|sessions?|clarifications?|tone|demeanou?r)\b/gi;
/** What the assistant hands its users: one more sign that the text speaks of a service. */
const OUTPUT_RE =
  /\b(?:answers?|advice|guidance|insights?|tips?|explanations?|recommendations?|suggestions?|feedback)\b/i;
/** A story, a profile or product copy: what a text about a company, a person or an app says. */
const MATERIAL_RE =
  /\b(?:said|says|according to|announced|launched|founded|headquartered|employees|iOS|Android|download|subscription|per month|a month|costs?|priced|award-winning)\b/;
/** The thing named as an AI, or by the tools it has. */
const SELF_AI_RE =
  /\b(?:GPTs?|AI|A\.I\.|chatbot|bot|(?:virtual |AI |digital )?assistant|helper|companion|buddy|LLM|language model|DALL[-·]?E|custom instructions|knowledge (?:base|files?)|browser tool|browsing|code interpreter)\b|\w+GPT\b/;

/** A persona taken on by its name, opening the text: "As Pitch Doctor, I …" (not "As a designer, I …"). */
const PERSONA_RE =
  /^\s*As (?!(?:A|An|The|Part|Of|Well|Such|Soon|Per|For|We|I|You|It|They|He|She|My|Our|Your|Always|Usual)\b)[\p{Lu}\p{Lo}]/u;

/** A behaviour with a modal of obligation, or of design, after a singular subject: "Assistant now must use …",
 * "Miko is designed to embody …". */
const PRESCRIBED_RE =
  /^[\s("'“,;:]*(?:[Ii]t|[Ss]he|[Hh]e|(?:[Tt]he|[Tt]his|[Oo]ur) [\w ]+|[\w'’™-]*[^\Ws]["”]?)\s(?:[a-z]+\s+){0,2}?(?:should|must|shall|has to|needs to|is to|is (?:\w+ly )?(?:designed|programmed|instructed|built|meant) to)\b/;

/**
 * "You are now a senior urologist who helps me answer …", "You are a psychotherapist … who … can give
 * case guidance": a role and, in the same sentence, what the one in it does for the reader.
 */
const ROLE_WITH_BEHAVIOUR_RE = new RegExp(
  String.raw`\b(?:[Yy]ou|[Uu]) (?:are|r)(?: now)? (?:an?|the|my|your) [^.!?\n]{2,400}?\b(?:who|that|and)(?: (?!(?:[Ii]|[Ww]e|[Tt]hey|[Hh]e|[Ss]he|[Ii]t)\b)[\w-]+){0,12}? (?:(?:can|will|always) )?(?:${VERB_FORMS})\b`,
);

export function roleWithBehaviour(text: string): RegExpExecArray | null {
  return ROLE_WITH_BEHAVIOUR_RE.exec(text);
}

/** The statements of what the assistant does, in order, up to three of each kind. */
function behaviourStatements(text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  for (const re of [BEHAVIOUR_RE, NAMED_DOES_RE, OWN_MANNER_RE, REPLY_ORDER_RE]) {
    re.lastIndex = 0;
    let n = 0;
    for (const m of matchesOf(text, re)) {
      found.push(m);
      if (++n >= 3) break;
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * The first behaviour of a leaflet or a persona sheet that specifies an assistant: two statements of what
 * it does, spoken of as serving users (or one, when the thing is named as an AI and the conversation
 * with its users is all the text speaks of).
 */
export function describedAssistant(text: string, whole = text): RegExpExecArray | null {
  const spoken = spokenAsTheGpt(text, whole);
  if (spoken) return spoken;
  const behaviours = behaviourStatements(text);
  if (behaviours.length === 0) return null;
  const service = new Set<string>();
  SERVICE_RE.lastIndex = 0;
  for (const m of matchesOf(text, SERVICE_RE)) {
    service.add(m[0].toLowerCase().replace(/['’]s?$|ies$|s$/, ""));
    if (service.size >= 3) break;
  }
  if (OUTPUT_RE.test(text)) service.add("output");
  // a text that names the thing as an AI needs one sign of service; otherwise two, and none of a story's
  const selfAi = SELF_AI_RE.test(text) || PERSONA_RE.test(text);
  // "Mentor should adopt …", "It must describe …": a rule about how the subject behaves prescribes, where a
  // bio or a story only describes (a plural subject, "Employees must use …", is a policy's reader)
  const prescribed = behaviours.filter((m) => PRESCRIBED_RE.test(m[0])).length;
  const enough =
    (behaviours.length >= 2 && (selfAi ? service.size >= 1 : service.size >= 2 && !MATERIAL_RE.test(text))) ||
    (behaviours.length >= 1 && service.size >= 3 && selfAi) ||
    (!MATERIAL_RE.test(text) && (prescribed >= 2 || (prescribed >= 1 && service.size >= 2)));
  return enough ? behaviours[0]! : null;
}

// ── the custom GPT as the subject, or a persona offering itself to the reader ─────────────────────
/**
 * "This GPT is a row-crop farmer.", "The GPT, named Quill, focuses on …", "Ethical Hacker GPT is dedicated
 * to …", "the GPT has to create …": a custom GPT's leaflet names its subject so, which no bio, product copy
 * or article about a model does ("GPT-4 is …", "ChatGPT answers …" are not matched).
 */
const GPT_SUBJECT_RE =
  /(?:^|[.!?]\s+|\n(?<!\n[^\S\n]*\n)\s*)(?:[Tt]he |[Tt]his |(?:[A-Z][\w'’-]*\s+){1,3})GPT(?:,[^,.\n]{1,80},?)?\s+(?:is|has to|will|should|must|can|acts?|serves?|[a-z]{3,}(?<!ss|us|is)s)\b/;
/**
 * "I am the Icon Maker, here to help you design …", "… a journey with me, Nova, your guide to …": a speaker
 * offering itself to the reader as a helper. A freelancer's page speaks so too: the thing must also be
 * named as an AI, or list its capabilities.
 */
const SELF_OFFER_RE =
  /\b(?:I am|I['’]m|with me,)[^!?\n]{0,120}?(?:\bhere to (?:help|assist|guide|support)\b|,\s*your (?:[\w-]+\s+){0,3}(?:expert|guide|assistant|partner|companion|coach|tutor|mentor|advisor|adviser|consultant|helper|buddy)\b)/;
/** An article about the models themselves: "OpenAI GPT is a family of language models first released in 2018". */
const ABOUT_MODELS_RE =
  /\b(?:released|introduced|developed by|parameters|trained on|architecture|transformer|family of|(?:language|foundation) models?)\b/i;
const CAPABILITIES_RE = /\b(?:[Mm]y|MY) (?:capabilities|CAPABILITIES|abilities|ABILITIES)\b/;

/** (`whole` is the text with its headings: "## My capabilities" is one) */
function spokenAsTheGpt(text: string, whole: string): RegExpExecArray | null {
  if (MATERIAL_RE.test(text)) return null;
  const gpt = GPT_SUBJECT_RE.exec(text);
  if (gpt && !ABOUT_MODELS_RE.test(text)) return gpt;
  const offer = SELF_OFFER_RE.exec(text);
  return offer && (SELF_AI_RE.test(text) || CAPABILITIES_RE.test(whole)) ? offer : null;
}
