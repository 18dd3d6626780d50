// Shapes of a request that the clause reader (signals.ts) does not read as a task clause, for the fallback
// reading in understand.ts: a thing asked for politely, an order about a named piece of writing, a how-to
// question without its mark, a part taken on after "and", the questions a reader announces after a role.

import { META_VERBS, TASK_VERBS } from "./lexicon.js";

// A thing asked for politely: "I would greatly appreciate your assistance in …", "I kindly request your
// suggestions for …", "I am seeking your expertise in …"
export const POLITE_ASK_RE =
  /\b(?:i|we)(?: would|'d| really| greatly| kindly| truly| am| are|'m|'re){0,3} (?:appreciate|request|seek|seeking|welcome|ask for) (?:your|some|any)(?: [\w-]+){0,2}? (?:help|assistance|guidance|advice|suggestions?|recommendations?|input|expertise|feedback|thoughts|ideas|support|insights?)\b/i;

// An order about a piece of writing named after it: "Highlight our milestone in a LinkedIn post" (a verb
// the task list calls a manner, "highlight", "emphasise", takes its deliverable from the genre).
const ORDER_IN_GENRE_RE =
  /(?:^|[.!?]\s*|\n(?<!\n[^\S\n]*\n)\s*)(?:please\s+)?([A-Za-z]{3,})\s+(?:the|a|an|my|our|your|this|these|those|\w+)\s[^.!?\n]{0,120}?\b(?:in|as|into|through) (?:a|an|one|two|three|\d+) (?:[\w-]+ ){0,2}?(?:post|tweet|thread|e-?mail|letter|poem|haiku|song|story|speech|toast|blog|article|newsletter|caption|slogan|script|ad|announcement)s?\b/;

export function orderInGenre(text: string): RegExpExecArray | null {
  const m = ORDER_IN_GENRE_RE.exec(text);
  const verb = m?.[1]?.toLowerCase() ?? "";
  return m && (TASK_VERBS.has(verb) || META_VERBS.has(verb)) ? m : null;
}

// "How to find a job in Burbank." — a how-to question written as a title, in lower case after "How to"
// (a title in capitals, "How to Train Your Dragon", names a film or a book)
export const HOW_TO_RE = /(?:^|[.!:;)]\s*|\n(?<!\n[^\S\n]*\n)\s*)(?:[Hh]ow to|HOW TO) [a-z]+ [a-z]/;

// A part taken on, also after "and": "… and take the role of a ship's cook", "assume the persona of …"
export const TAKE_ROLE_RE =
  /(?:^|[.!?]\s*|\n(?<!\n[^\S\n]*\n)\s*|\band\s+)(?:please\s+)?(?:take|assume|adopt)(?: on)? the (?:role|part|persona|character) of\s+\S/i;
// After a role, the reader announcing what they will bring: "I will ask you questions about …", "i will
// have some question for u" — the part is to answer them.
export const QUESTIONS_TO_COME_RE =
  /\b(?:i|we)(?: will|'ll| am going to| shall)? (?:ask (?:you|u)\b|have (?:some |a few |many )?(?:questions?|doubts?)\b|send (?:you|u) (?:my|the|a|an|some)\b|give (?:you|u) (?:my|the|a|an|some)\b|describe (?:my|a|the)\b)/i;

// Shapes of the questions and wants people type into a chat box, read on the instructions:

// A question without its mark, in the forms the other readings leave: an inverted auxiliary after a
// question word ("What does each instance of the word mean in the sentence above."), a yes/no question
// opening a sentence ("Is 9999999900000001 prime"), a question word after a leading condition ("If I invest
// 70K a month at 12 %, how much will it grow to in 10 years"), "how <verb>" without its "to" ("how run
// blender in docker"), "how to fix this" closing a pasted error, ", how to find …", "how can you get …" mid-
// sentence, and a problem reported for help ("Problem with upgrading Symfony: …", "my cron job isn't
// working"). A question word heading a line with a colon ("What was agreed: …") labels a note.
export const CHAT_QUESTION_RE =
  /(?:^|[.!:;)])[^\S\n]*(?:(?:what|which|how|why|where|who|when)\s+(?:does|do|did|would|will|should|could|can|was|were|has|have)\s+(?![^\n:]*:)(?![^.\n]*\b(?:remains|is|was)\s+(?:unclear|unknown|uncertain|to be seen)\b)\S|(?:is|are|does|did|was|were|can|could)\s+(?:\d|the\b|this\b|that\b|it\b|there\b|a\b|an\b|my\b|our\b|your\b|[a-z]+\s+(?:a|an|the|my|better|worse|possible|true|false|correct|prime|safe|legal|necessary)\b))|\bif\s[^.!?\n]{3,160}?,?\s+how\s+(?:(?:much|many)\s+(?:[\w-]+\s+){0,3}?(?:will|would|do|does|did|can|could|should|is|are)|do|does|can|will|would|should)\s+\S|(?:^|[.!:;)])[^\S\n]*how\s+(?:run|install|make|use|fix|get|set|create|build|write|configure|deploy|connect|add|remove|change|convert|find|access|read|call|send|load|open|start|stop|update|upgrade|delete|debug|calculate|implement)\s+\S|[\s`'"]how\s+to\s+(?:fix|solve|resolve|handle|avoid|debug|do)\s+(?:this|it|that)\s*[?.!]?\s*$|,\s*(?:do|would|could|can)\s+you\s+(?:agree|think|know|recommend|suggest|see|explain|help)\b|,\s*how\s+to\s+[a-z]{2,}\s+\S|\bhow\s+(?:can|could|do|would|should)\s+(?:you|i)\s+[a-z]{2,}|^[^\S\n]*(?:an?\s+)?(?:regex|regexp|regular expression)\s+(?:to|that)\s+[a-z]{3,}|^[^\S\n]*(?:problem|issue|error|trouble)\s+(?:with|in|on|when|while)\s+[^\n:]{1,80}:|\bmy\s+(?:[\w-]+\s+){1,3}(?:isn['’]?t|is\s+not|doesn['’]?t|does\s+not|won['’]?t|stopped)\s+work(?:ing|s)?\b/im;

// A want of the reader's own, which asks for help with it: "I need to allocate some space on the stack",
// "I'd like to design a schema that …", "i want create a kubernetes client", "I need bash function".
export const WANT_TO_RE =
  /(?:^|[.!?,;:])[^\S\n]*i(?:\s+|(?=['’]))(?:really\s+|just\s+|also\s+)?(?:(?:need|want|would\s+like|['’]d\s+like|am\s+trying|['’]m\s+trying)\s+to\s+[a-z]{2,}|(?:need|want)\s+(?:[\w'’-]+\s+){1,5}?to\s+[a-z]{2,}|(?:need|want)\s+(?:create|write|make|build|use|run|find|get|know|learn|implement|design|access|read|fix|add|convert|generate)\b|(?:need|want)\s+(?:[\w#+.-]+\s+){0,2}(?:function|script|code|program|query|regex|formula|class|method|command|example|template)s?\b|(?:need|want|would\s+like|['’]d\s+like)\s+your\s+(?:help|guidance|advice|opinion|feedback|thoughts|input|assistance|expertise|suggestions?|recommendations?)\b)/im;

// A behaviour to adopt, in the shapes persona and game prompts take when no sentence orders anything:
// a role-play card's rules about `{{user}}` ("Do not write as {{user}}. Wait for {{user}}'s reply."), an
// assistant or app described by what it will do for the reader ("This is a Spanish teacher that will help
// you learn …"), a game the prompt sets up ("This is a simulation game in which …"), a turn-taking game
// ("I'll say a word, and you respond with …"), a "please" before a verb of giving ("… please make
// suggestions"; "please bring a dish" in a note to friends asks the model nothing),
// and a listed verb written with a capital mid-sentence ("As a motivator Create a message …").
export const PERSONA_BEHAVIOUR_RE =
  /\{\{(?:user|char)\}\}[^\n]{0,200}\b(?:do not|don't|never|always|wait|stay|reply|respond|write|describe|speak)\b|\b(?:do not|don't|never|always)\s+(?:write|speak|act|respond|reply)\s+(?:as|for)\s+\{\{(?:user|char)\}\}|\b(?:that|which|who)\s+(?:will|can)\s+(?:help|give|teach|guide|answer|tell|show|coach)\s+you\b|\b(?:this is an?|you are (?:now )?(?:playing an?|in an?))\s+(?:[\w'-]+\s+){0,3}?(?:game|simulation|rpg|text adventure|role-?play)\s+(?:where|in which|that|about|set in)\b|\byou are (?:now )?the (?:game ?master|narrator|dungeon ?master)\b|\byou\s+(?:respond|reply|answer)\s+with\b|\bplease\s+(?:make|give|provide|suggest|recommend|help|create|write|generate|list|tell|explain|share)\s+(?:me|us|some|suggestions|recommendations|ideas|a|an)\b/i;

/**
 * A listed task verb with a capital after a lower-case word mid-sentence, before its object in lower case:
 * an order ("… motivator Create a motivational message"), not a title ("… reading Break the Cycle").
 */
export function capitalisedOrder(text: string, taskVerbs: ReadonlySet<string>): RegExpExecArray | null {
  const re = /[a-z,]\s+([A-Z][a-z]{2,})\s+(?:a|an|the|me|us|my|our|some|\d+|three|five|ten)\s+[a-z]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) if (taskVerbs.has(m[1]!.toLowerCase())) return m;
  return null;
}

// A role given to the model, however little else the prompt says ("You are now a senior Unity developer.",
// "Your are an expert blockchain developer", "Act as a sommelier"): a behaviour to adopt, so a task (the
// labelling guide's decided case). Praise of a person ("You are a great friend and …") gives no role, nor
// does a generic title with nothing to do ("You are an expert.", "a world-class expert with 20 years of
// experience in every field"): that is padding.
export const ROLE_GIVEN_RE =
  /\b(?:you(?:['’]re|\s+are|r\s+are)|act\s+as)\s+(?:now\s+)?(?:an?|the|my|our)\s+(?!(?:[\w-]+\s+){0,3}?(?:expert|professional|genius|master|specialist|pro|guru|assistant|ai|helper)s?(?:\s*(?:[.,;!\n]|$)|\s+with\b|\s+in\s+(?:every|all|any)\b))(?!(?:great|good|wonderful|amazing|true|lovely|real|kind|nice|beautiful|fantastic|terrible|awful|best|dear|special)\s+(?:friend|person|human|man|woman|guy|girl|mum|mom|dad|father|mother|sister|brother|partner|husband|wife|son|daughter)\b)\S/i;
