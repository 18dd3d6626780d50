// Task understanding beyond imperatives: which language the instructions are in (the rules cover
// English; elsewhere only language-neutral rules run), and the forms of request people actually write
// that are not an imperative sentence — a system prompt that specifies behaviour, a description for an
// image or video model, a structured (JSON/YAML) brief, a question, a bulleted "you will:" list.
// The language itself is read in language.ts.

import { describedAssistant, namedAssistantOpening, roleWithBehaviour } from "./described-behaviour.js";
import { otherLanguageRequest } from "./foreign-requests.js";
import { COVERED_LANGUAGES, detectLanguage, foreignFragments } from "./language.js";
import { META_VERBS, TASK_VERBS } from "./lexicon.js";
import {
  CHAT_QUESTION_RE,
  capitalisedOrder,
  HOW_TO_RE,
  orderInGenre,
  PERSONA_BEHAVIOUR_RE,
  POLITE_ASK_RE,
  QUESTIONS_TO_COME_RE,
  ROLE_GIVEN_RE,
  TAKE_ROLE_RE,
  WANT_TO_RE,
} from "./request-shapes.js";
import { BEHAVIOUR_SENTENCE_RE, ROLE_ADDRESS_RE } from "./signal-cues.js";
import { firstMatch, type Signals } from "./signals.js";
import { type Doc, matchesOf } from "./text.js";
import type { Span } from "./types.js";

export type TaskForm = "instruction" | "question" | "behaviour" | "image" | "structured" | "foreign";

export interface Understanding {
  /** ISO 639-1 code of the instructions' language ("und" when there is too little text to tell). */
  language: string;
  /** "full" when the rules cover the language; "partial" when only language-neutral rules ran. */
  coverage: "full" | "partial";
  taskForm: TaskForm | null;
}

// A system prompt: an identity or role for the model, or rules about how it treats the user.
const ROLE_CUE =
  /\b(?:you are|you're|u are|act as|acting as|your (?:role|job|task|goal|purpose|mission|name) is|you will (?:act|play|be)|pretend to be|imagine you are|i want you to act|assume the role)\b/i;
const DIRECTIVE_CUE =
  /\b(?:always|never|you (?:must|should|will|can|may|shall)|do not|don't|only (?:answer|respond|reply|use)|(?:when|whenever) (?:the |a |an? )?(?:user|customer|human|they|someone|anyone|visitor|caller|student|client) (?:asks?|says?|sends?|wants?|provides?|mentions?|requests?|tries)|if (?:the |a |an? )?(?:user|customer|human|someone|anyone|visitor|caller|student|client|they) (?:asks?|says?|sends?|wants?|provides?|requests?|tries|chooses?|picks?|selects?))\b/gi;
const ACTION_CUE =
  /\b(?:answer|respond|reply|help|assist|write|explain|review|translate|generate|create|provide|ask|guide|support|handle|tell|give|suggest|recommend|summari[sz]e|analy[sz]e|classify|extract|debug|teach|tutor|plan|draft|design|build|search|call|use the \w+ tool)/i;
// A part the model is told to play, opening a sentence: "Act as …", "Roleplay as …", "Be my …".
const ROLE_PLAY_RE =
  /(?:^|[.!?]\s*|\n(?<!\n[^\S\n]*\n)\s*)(?:please\s+|now\s+|from now on,?\s+)?(?:act (?:as|like)|behave (?:as|like)|pretend (?:to be|you(?:'re| are))|role-?play (?:as|like)|play the (?:role|part) of|imagine (?:that )?you(?:'re| are)|i want you to (?:act|pretend|play|role-?play)|i'd like you to (?:act|pretend|play)|you will (?:act as|play)|be my|stay in character as)\s+(?=\S)/i;
// A named character: "You are Gandalf the Grey.", "You are Marvin, a depressed robot."
const NAMED_CHARACTER_RE =
  /(?:^|[.!?]\s*|\n(?<!\n[^\S\n]*\n)\s*)(?:[Yy]ou are|[Yy]ou're) (?!(?:I|A|An|The|My|Our|Now|Not)\b)\p{Lu}[\p{L}'-]+/u;
// A task assigned in so many words: "You are tasked with creating …", "Your task is to …".
const TASKED_RE =
  /\b(?:you (?:are|have been) tasked with|your (?:task|job|goal|mission|assignment) (?:(?:is|will be) )?to|it (?:is|will be|'s|would be) your (?:task|job|role|responsibility|duty) to|you (?:will )?need to)\b/i;
// A template whose request arrives at run time: "The user has asked:\n{{message}}" at the end.
const RUNTIME_REQUEST_RE =
  /\b(?:asked|asks|question|request|query|message|task|instructions?|prompt|input)\s*:?\s*\n?\s*\{\{\s*[\w.]+\s*\}\}\s*$/i;
// An imperative after a leading clause and a comma: "…failed at the lint stage, find which file broke
// it", "Leveraging your creativity, craft a product description".
const COMMA_IMPERATIVE_RE =
  /,\s+(?:then\s+|and\s+)?(?:output|provide|implement|solve|code|insert|fill|choose|select|match|turn|find|fix|patch|write|create|craft|draft|compose|design|build|make|generate|produce|summari[sz]e|translate|explain|list|give|tell|check|review|rewrite|edit|update|add|remove|suggest|recommend|plan|prepare|outline|describe|compare|analy[sz]e|calculate|convert|classify|extract|answer|identify|estimate|choose|pick|rank|sort|draw|paint|sketch)\s+(?:which|what|how|why|whether|the|a|an|it|them|this|that|these|those|all|each|every|my|our|me|us|out|up|\w+(?:ing|ive|ful|al|ous))\b/i;
// The same after a fronted phrase of any verb: "Drawing on the client's brief, propose three taglines",
// "Based on the notes, pitch two names". The leading clause must open like a participle or a preposition.
const FRONTED_ANY_IMPERATIVE_RE =
  /(?:^|[.!?]\s*|\n(?<!\n[^\S\n]*\n)\s*)(?:[A-Za-z]+ing|based on|using|given|with|for|from|after|before|in|on|as|according to|in light of|if|when|once)\b[^,.!?\n]{1,60},\s+(?:please\s+)?(?!(?:the|a|an|this|that|these|those|it|its|they|he|she|we|i|you|my|our|your|their|his|her|there|here|and|but|or|so|then|is|are|was|were|be|has|have|had|do|does|did|can|could|will|would|should|must|may|might|not|no|all|each|every|some|any|what|which|who|how|why|where|one|two|three)\b)([a-z]{3,}(?<!ly|ed|ing|[^s]s))\s+(?:(?:out|up|together|down|off|back)\s+(?!(?:of|to|for|with|in|on|at|and|or|but)\b)|(?:the|a|an|my|our|this|these|those|it|them|me|us|all|each|every|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)[a-z]/i;
// A scene to picture, in one short line: "Two old men playing chess on a park bench while it snows."
const SHORT_SCENE_RE =
  /^\s*(?:(?:an?|the|two|three|four|five|several|some|many)\s[^.?!\n:]{0,80}|(?:they|he|she) (?:are|is) )\b[a-z]{3,}ing\s+[^?!\n:]{3,140}\.?\s*$/i;
// A bare subject doing something somewhere: "Stray dogs sleeping under a bridge" (a topic like "Machine
// learning in healthcare" has no picture word, which the caller also asks for).
const BARE_SCENE_RE =
  /^\s*(?:(?!(?:in|of|on|for|at|to|with|about|and|or|from|by|is|are|how|why|what)\s)[\p{L}'-]+\s+){1,3}\p{Ll}{2,}ing\s+(?:(?:out|up|around|together|about)\s+|(?:[\p{L}-]+\s+){1,2}?)?(?:near|nearby|by|on|in|at|under|over|through|across|along|with|into|beside|behind|among|around|past|the|an?)\b[^?!\n:]{3,160}$/u;
// A request written as a fragment: "Looking for ideas for …", "Any tips on …", "Tagline ideas for …".
const REQUEST_FRAGMENT_RE =
  /(?:^|\n(?<!\n[^\S\n]*\n))\s*(?:(?:i'?m |we'?re )?(?:looking for|seeking|searching for|after)\s+|(?:any|some|quick|a few)\s+)?(?:[\w'-]+\s+){0,3}?(?:ideas?|tips|suggestions?|advice|thoughts|feedback|recommendations?|names|options|alternatives|examples|captions|titles|headlines|taglines?|slogans?|help)\s+(?:for|on|about|to|with|regarding)\b/i;
// Code to complete: a comment that describes it, then the opening of its definition.
const CODE_COMPLETION_RE =
  /^[ \t]*(?:#|\/\/|\/\*|--)[^\n]{10,}\n[ \t]*(?:def |function |async function |class |fn |func |public |private |static |export function |const \w+ = (?:async )?\()/m;
const USER_CUE =
  /\b(?:the user|an? user|users|a customer|a visitor|a caller|users?'s? (?:questions?|messages?|requests?)|the customer|customers|the human|the person you are talking to|visitors|callers|guests|students)\b/i;
// A role that serves someone: "You are a concise assistant for a hardware store."
const SERVING_ROLE_RE =
  /\b(?:you are|you're)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:assistant|agent|chatbot|bot|tutor|helper|concierge|receptionist|advisor|adviser|guide|companion|copilot)\s+(?:for|at|of|on|to|who|that)\b/i;
// A want stated instead of asked: "Need a catchy name for …", "I'm looking for a name for my band",
// "I'd love a short poem for …", "Looking to understand …"
const WANT_RE =
  /(?:^|[.!?]\s*|\n(?<!\n[^\S\n]*\n)\s*|[:;,]\s*(?=(?:i|we)\b)|\band\s+(?=(?:i|we)\b))(?:(?:i|we)(?:\s+|(?=['’])))?(?:need|want|would (?:like|love)|['’]d (?:like|love)|am looking (?:for|to)|['’]m looking (?:for|to)|are looking (?:for|to)|['’]re looking (?:for|to)|looking (?:for|to)|could use|require)\s+(?:a|an|some|the|\d+|one|two|three|four|five|six|ten|help|advice|ideas|suggestions|feedback|to (?:understand|know|learn|find|figure out|see|get|make|write|build|create|plan)|understand|know|learn|find|figure out|compare)\b/i;
// The same want as a pseudo-cleft: "What I need is an Excel formula that …", "What we want is for you to …"
const CLEFT_WANT_RE =
  /\bwhat (?:i|we) (?:really |actually )?(?:need|want|would like|['’]d like|am after|['’]m after|am looking for|['’]m looking for)(?: from (?:you|(?:this|the|each|every) [\w-]+))?(?: is|\s*:)\s+(?:an?|some|the|\d+|to|for you to|one|two|three|four|five)\s/i;
// Material handed over with its purpose: "Here is a support ticket to triage:", "Here are some notes to
// clean up", "Here's an email for you to answer" (not "a letter to my landlord", "a note to Sam").
const HANDED_OVER_RE =
  /(?:^|[.!?]\s*|\n(?<!\n[^\S\n]*\n)\s*)[Hh]ere(?:'s|’s| is| are)\s+(?:an?|the|some|my|our|this|these|two|three|four|five|\d+)\s+(?:[\w-]+\s+){0,3}?[\w-]+\s+(?:for you\s+)?to\s+(?!(?:the|a|an|my|our|your|his|her|their|me|us|him|them|you|be|do|go|all|everyone|anyone)\b)[a-z]{3,}\b(?!['’]s)/;
// A request to repeat an earlier one: "Same as last time, but for the Berlin office."
const SAME_AGAIN_RE =
  /^\s*(?:(?:please\s+)?do\s+)?(?:the\s+)?same (?:[a-z]+ )?(?:as|like) (?:before|last time|earlier|yesterday)\b/i;
// A question without its question mark, closing the prompt: "… I'm in Ontario. What are my options", also
// behind a chat opener ("ok so why does it keep doing that")
const UNMARKED_QUESTION_RE =
  /(?:^|[.!]\s*|\n(?<!\n[^\S\n]*\n)\s*)(?:(?:ok(?:ay)?|so|but|and|hey|hmm+|um+|well|wait|also)[,\s]+){0,3}(?:what|how|which|why|where|who|when|should|can|could|is there|are there|do you|does)\b[^.!?\n]{3,100}\s*$/i;
// A question written casually, without its mark, anywhere: "three quick things: 1) what's 15% of 2,340
// 2) …", "whats the best way to store basil"
const CASUAL_QUESTION_RE =
  /(?:^|[.!:;)]\s*|\n(?<!\n[^\S\n]*\n)\s*|\d[.)]\s*)(?:what's|whats|what is|what are|how do|how does|how can|how much|how many|how long|why does|why do|why is|is it|are there|can i|can we|should i|should we|where can|where do|who is|when is|when should|which (?:is|are|one|of))\s[^\n]{3,}/i;
// A topic framed as a comparison or an open question: "Pros and cons of …", "Quick question about …"
const TOPIC_REQUEST_RE =
  /^\s*(?:(?:the )?pros and cons of|(?:the )?difference(?:s)? between|(?:a )?(?:quick |small |simple )?question (?:about|on|regarding))\b/i;
// Chat shorthand used as a verb: "TL;DR the thread above pls", "eli5 how a mortgage works" ("TL;DR:" with
// its colon heads a summary someone wrote, which asks for nothing)
const SHORTHAND_REQUEST_RE =
  /(?:^|[.!?]\s*|\n(?<!\n[^\S\n]*\n)\s*)(?:pls\s+|please\s+)?(?:tl;?\s?dr|eli5)\s+(?:pls\s+|please\s+)?(?:the|this|that|these|those|it|them|me|my|our|how|what|why|when|where|who|which)\b/i;
// A picture asked for by its kind and subject: "A logo for a vegan bakery …"
const PICTURE_BRIEF_RE =
  /^\s*(?:an?|one|two|three|\d+)\s+(?:[\w-]+\s+){0,3}?(?:logo|icon|illustration|poster|banner|mascot|wallpaper|drawing|sketch|painting|photo|photograph|portrait|sticker|infographic|mockup)s?\s+(?:for|of|showing|with|depicting)\b/i;

// Words that describe a picture or a shot: an image or video model's brief.
const VISUAL_RE =
  /\b(?:photo(?:graph)?|photorealistic|portrait|cinematic|lighting|light(?:s|ing)?|lens|\d+\s?mm|f\/\d|bokeh|depth of field|close-up|wide(?:-angle)? shot|shot|camera|angle|render(?:ed|ing)?|3d|illustration|illustrated|painting|watercolou?r|oil on canvas|style|aesthetic|8k|4k|hd|hyper-?realistic|ultra-?realistic|composition|background|foreground|colou?r palette|palette|vertical|horizontal|9:16|16:9|4:3|--ar|--v|video|scene|diorama|anime|pixar|texture|tones|glow|sunset|golden hour|studio|film grain|grainy|neon|isometric|vector|logo|poster|wallpaper|silhouette|atmosphere|mood|icons?|stroke|px|flat design|foreground|line art|sticker|emoji|mockup|thumbnail|banner|surreal|ethereal|dreamy|photographic|effects|image|masterpiece|best quality|artstation|night|daylight|close up|dolly(?:-in|-out)?|pan(?:s|ning)?|tilt|tracking shot|drone shot|aerial|handheld|slow motion|time-?lapse|zoom(?:s|ing)?|fps|frames?|in frame|b-roll|dawn|dusk)\b/gi;

// "A haiku about autumn rain": a genre with a subject asks for that piece of writing ("The council has
// approved plans for …" is a report: no finite verb before the genre).
const GENRE_PHRASE_RE =
  /^[ \t]*(?:(?:an?|the|one|two|three|four|five|\d+)\s+)?(?:(?!(?:has|have|had|is|are|was|were|will|would|did|does|do)\s)["“]?[\w-]+["”]?\s+){0,3}?(?:haiku|poem|limerick|sonnet|story|tweet|thread|e-?mail|letter|essay|summary|list|joke|song|lyrics|riddle|slogan|tagline|recipe|headline|title|caption|paragraph|outline|plan|speech|script|bio|description|review|ad|post|article|report|quiz|puzzle|dialogue|scene|toast|eulogy|cover letter|plot|koan|fable|monologue|schema)s?\s*(?:,[^,.\n]{1,30}?)*(?:\s*,\s*|\s+)(?:about|for|on|of|that|to|describing|explaining|celebrating|announcing|introducing|inviting|thanking|in which|where|with|based on)\b/im;
// A request wrapped in politeness: "I would be so grateful if you might possibly write …"
const HEDGED_REQUEST_RE =
  /\b(?:(?:if|would|could|can) (?:you|u|ya)|would you mind|we'd love (?:it )?if you)(?:,[^,\n]{1,80},)?\s+(?:(?:could|would|might|can|were able to|please|possibly|perhaps|maybe|kindly|just|also|help (?:me|us)(?: to)?|find (?:the|some)? ?time (?:and [\w ]{1,30} )?to|be so kind as to|take a (?:moment|look) (?:to|and))\s+)*(?:write|draft|create|make|produce|give|list|summari[sz]e|explain|translate|prepare|compose|suggest|review|fix|rewrite|generate|design|plan|put together|come up with|outline|describe|check|edit|proofread)\b/i;
// A request hedged into a gerund: "… you might be so kind as to consider possibly drafting — … — a message".
const HEDGED_GERUND_RE =
  /\b(?:consider|mind|try|go about|start)\s+(?:(?:possibly|perhaps|maybe|just|quickly)\s+)?(?:writing|drafting|creating|composing|making|producing|preparing|putting together|coming up with|summari[sz]ing|translating|rewriting|reviewing|outlining|planning|designing|listing|suggesting|explaining|checking|editing|proofreading)\b/i;
// An agent's instruction: a tool-style imperative opening a line or sentence ("Send it to everyone …"). A run
// of spaces before "and" is read from its first space only, so a long run is crossed once.
const AGENT_IMPERATIVE_RE =
  /(?:^|[.!:;]\s*|\n(?<!\n[^\S\n]*\n)\s*|[-*•]\s+|(?:,\s*|(?<!\s)\s+)(?:and|then)\s+(?=let|tell)|(?:^|[.!:]\s*|\n(?<!\n[^\S\n]*\n)\s*)(?:for|with|in|on|at|after|before|once|when)\b(?:[^,\n.]|\.(?=\S)){1,80},\s*)(?:send|call|book|let (?:me|us) know|tell (?:me|us)|schedule|cancel|update|create|delete|fetch|look up|run|assign|record|notify|email|post|upload|download|refund|issue|reply|forward|query|search|merge|deploy|install|configure|compute|convert|extract)\s+(?:it|them|the|a|an|all|each|every|this|these|those|my|our|to|which|what|whether|how|if|when|where|who|\w+ing)\b/i;
// An imperative behind a fronted phrase the clause scan does not read: "As discussed, please update the
// slides …", "This week, plan three dinners …", "Summarize the above.", "Apply those changes …".
const FRONTED_IMPERATIVE_RE =
  /(?:^|[.!?]\s*|\n(?<!\n[^\S\n]*\n)\s*|\s\d+[.)]\s+|:\s+|\s[—–]\s*|\s-\s+|\(\s*|;\s+)(?:[a-z][^,.!?\n:]{1,40},\s*)?(?:please\s+)?(?:summari[sz]e|trim|clean up|tidy up|rewrite|redo|update|apply|plan|prepare|translate|review|fix|edit|shorten|proofread|improve|compare|rank|sort|convert|format|reformat|check|finish|complete|continue|answer|list|draft|write|send|book|schedule|create|make|find|suggest|recommend|explain|calculate|estimate|organi[sz]e|add|remove|change|merge|split|combine|repeat)\s+(?:the|a|an|my|our|this|these|those|it|them|that|all|each|every|some|\d+|one|two|three|four|five|six|seven|eight|nine|ten|me|us)\b/i;
// Any base-form verb opening a sentence with a direct object: the verb lists are closed, people's verbs
// are not ("Declutter the intro", "Punch up these lines", "Redline the contract"). Words that cannot be
// an imperative (pronouns, determiners, prepositions, -ly/-ed/-ing forms, third-person -s) are skipped.
const ANY_IMPERATIVE_RE =
  /(?:^|[.!?]\s*|\n(?<!\n[^\S\n]*\n)\s*|[-*•]\s+|\d[.)]\s+|\s[—–]\s*|;\s+)(?:please\s+)?(?!(?:the|a|an|this|that|these|those|it|its|they|he|she|we|i|you|my|our|your|their|his|her|there|here|in|on|at|for|with|from|by|of|to|as|if|when|while|and|but|or|so|then|also|is|are|was|were|be|been|has|have|had|do|does|did|can|could|will|would|should|must|may|might|not|no|all|each|every|some|any|what|which|who|how|why|where|one|two|three|after|before|since|because|although|though|until|into|over|under|about|just|only|even|still|most|more|less|many|much|such|other|new|last|next|first|each|both|either|neither|imagine|consider|note|remember|think|keep|stay|use|be|make)\b)([a-z]{3,}(?<!ly|ed|ing|[^s]s))\s+(?:the|a|an|my|our|this|these|those|it|them|me|us|all|each|every|\d+)\s+[a-z]/i;
// "You assign incoming jobs …", "You answer questions about …": a behaviour stated in the present.
const YOU_DO_RE =
  /(?<!\b(?:before|after|when|whenever|if|until|as|while|once|unless|so that|that)\s)\byou (?:now )?(?:assign|answer|handle|help|review|triage|route|write|draft|translate|summari[sz]e|classify|extract|schedule|book|manage|monitor|support|guide|tutor|coach|moderate|respond to|reply to|process|check|analy[sz]e|recommend|plan|turn|convert|transform|parse|normali[sz]e|rewrite|generate|produce|tag|label|grade|sort)\b/i;

// "subject: string" inside a tool's signature is a parameter's type, not a request; "Description:" and
// "Subject:" head pasted product data and e-mails more often than a request
const STRUCTURED_KEY_RE =
  /["']?(?:task|prompt|instruction|instructions|goal|objective|role|request|scene|style|output|deliverable)["']?\s*[:=](?!\s*(?:string|str|number|int|integer|bool|boolean|date|datetime|float|array|object|list)\b)/i;

/**
 * Decides the prompt's language and, when the imperative scan found no task, whether the prompt is
 * nonetheless a request in another form. Raises the task strength in `sig` when it is.
 */
export function understand(doc: Doc, sig: Signals): Understanding {
  const language = detectLanguage(doc);
  const coverage = language === "und" || COVERED_LANGUAGES.has(language) ? "full" : "partial";
  let taskForm: TaskForm | null = sig.bestTaskStrength > 0 ? "instruction" : null;
  if (taskForm === null && doc.text.trim() !== "") {
    const found = otherTaskForm(doc, coverage);
    if (found) {
      taskForm = found.form;
      sig.bestTaskStrength = found.strength;
      sig.taskSpan ??= found.span;
      if (sig.firstTaskSentence < 0) {
        const si = doc.sentences.findIndex((s) => s.end > found.span.start);
        sig.firstTaskSentence = Math.max(0, si);
        sig.sentencesBeforeTask = 0;
        for (let i = 0; i < sig.firstTaskSentence; i++)
          if (doc.sentences[i]!.instruction) sig.sentencesBeforeTask++;
      }
    }
  }
  return { language, coverage, taskForm };
}

/** An imperative opening a sentence in lower case or with an unlisted verb; not in pasted prose. */
function lowerCaseImperative(text: string): RegExpExecArray | null {
  const m = ANY_IMPERATIVE_RE.exec(text);
  // a listed verb was already judged by the clause scan, object and all ("Provide a high-quality
  // response" names no deliverable)
  if (!m || TASK_VERBS.has(m[1]!.toLowerCase()) || META_VERBS.has(m[1]!.toLowerCase())) return null;
  return m;
}

/**
 * Whether a passage the parser took for material opens with a request instead ("Here is the schema:"
 * followed by "Write a query …"): the material announced before it is missing.
 */
export function opensWithRequest(block: string): boolean {
  const m = FRONTED_IMPERATIVE_RE.exec(block) ?? ANY_IMPERATIVE_RE.exec(block) ?? taskVerbOpening(block);
  return m !== null && block.slice(0, m.index).trim() === "";
}

/** A block whose first word is a task verb ("Turn them into …", "Make a list of …"). */
function taskVerbOpening(block: string): RegExpExecArray | null {
  const m = /^\s*(?:please\s+)?([A-Za-z]+)\s+\S/.exec(block);
  return m && TASK_VERBS.has(m[1]!.toLowerCase()) ? m : null;
}

/** The task form a match evidences, with the match as its span. */
function found(
  form: TaskForm,
  m: RegExpExecArray | null,
): { form: TaskForm; strength: number; span: Span } | null {
  return m ? { form, strength: 2, span: { start: m.index, end: m.index + m[0].length } } : null;
}

/** Where the first pasted material starts (the whole text when there is none). */
function firstMaterial(doc: Doc): number {
  return doc.blocks.length > 0 ? doc.blocks[0]!.start : doc.text.length;
}

function otherTaskForm(
  doc: Doc,
  coverage: "full" | "partial",
): { form: TaskForm; strength: number; span: Span } | null {
  const text = doc.text;
  const whole: Span = { start: 0, end: Math.min(text.length, 80) };
  // Outside the languages the rules read, nothing is capped for want of an English imperative: only a
  // short run of bare noun phrases with no request word in any language we know ("Chiffre d'affaires
  // T3. Dépenses marketing. Effectifs.") asks for nothing.
  // (request words of the languages the shared list leaves out are read there too: "Объясни, как …")
  if (coverage === "partial")
    return foreignFragments(doc) && !otherLanguageRequest(text)
      ? null
      : { form: "foreign", strength: 2, span: whole };

  const role = firstMatch(ROLE_CUE, text);
  DIRECTIVE_CUE.lastIndex = 0;
  const directives = [...matchesOf(text, DIRECTIVE_CUE)].length;
  // a role with only advice ("You are an expert. Be thorough.") still asks for nothing
  if (role && (USER_CUE.test(text) || (directives > 0 && ACTION_CUE.test(text))))
    return { form: "behaviour", strength: 2, span: role };
  const serving = SERVING_ROLE_RE.exec(text);
  if (serving) return found("behaviour", serving);
  // a part to play ("Act as a pirate.", "Pretend to be Sherlock Holmes.") is a behaviour to adopt, unlike
  // a bare identity with advice ("You are an expert. Be thorough.")
  const part =
    ROLE_PLAY_RE.exec(doc.instructionText) ??
    NAMED_CHARACTER_RE.exec(doc.instructionText) ??
    TAKE_ROLE_RE.exec(doc.instructionText) ??
    roleWithBehaviour(doc.instructionText) ??
    (role && QUESTIONS_TO_COME_RE.exec(doc.instructionText));
  if (part) return found("behaviour", part);
  // "You're the refunds desk agent again. Follow the same policy …": a role addressed and told what to
  // do by a verb and its object (read on the instructions; a pasted mail's own requests do not count)
  const addressed = ROLE_ADDRESS_RE.exec(doc.instructionText);
  if (addressed && BEHAVIOUR_SENTENCE_RE.test(doc.instructionText)) return found("behaviour", addressed);
  // a rule set ("All links must …", "Never include …", "Always separate …") specifies behaviour even
  // without naming the user; a line or two of advice does not
  if ((directives >= 2 && USER_CUE.test(text)) || (directives >= 3 && text.length >= 300)) {
    const d = firstMatch(DIRECTIVE_CUE, text)!;
    return { form: "behaviour", strength: 2, span: d };
  }

  const tasked = found("instruction", TASKED_RE.exec(text));
  if (tasked) return tasked;
  const opening = namedAssistantOpening(text);
  if (opening) return found("behaviour", opening);
  // fragments, code to complete, an imperative after a leading clause, a request arriving at run time
  const request = found(
    "instruction",
    REQUEST_FRAGMENT_RE.exec(text) ??
      CODE_COMPLETION_RE.exec(text) ??
      COMMA_IMPERATIVE_RE.exec(doc.instructionText) ??
      FRONTED_ANY_IMPERATIVE_RE.exec(doc.instructionText) ??
      RUNTIME_REQUEST_RE.exec(text),
  );
  if (request) return request;

  // A question anywhere, also one labelled as material ("Question: … ?") or ending in ":" before options.
  const q = found(
    "question",
    // (no "?" means no match: skipping the pattern spares its quadratic scan of a long line)
    (text.includes("?") ? /[^.!?\n]{3,}\?/.exec(text) : null) ??
      /^[^\n]{8,}\b(?:which|what|who|how|why|when|where)\b[^\n]*:\s*\n\s*(?:[A-Da-d][).:]|[-*•])/im.exec(
        text,
      ),
  );
  if (q) return q;
  const wanted = found(
    "instruction",
    // on the original text: an apostrophe ("I'd love … my mum's") can read as a quotation
    WANT_RE.exec(doc.text.slice(0, firstMaterial(doc))) ??
      CLEFT_WANT_RE.exec(doc.instructionText) ??
      WANT_TO_RE.exec(doc.instructionText) ??
      HANDED_OVER_RE.exec(doc.text.slice(0, firstMaterial(doc) + 200)) ??
      SAME_AGAIN_RE.exec(doc.instructionText) ??
      TOPIC_REQUEST_RE.exec(doc.instructionText) ??
      SHORTHAND_REQUEST_RE.exec(doc.instructionText) ??
      PICTURE_BRIEF_RE.exec(doc.instructionText),
  );
  if (wanted) return wanted;
  const unmarked = found(
    "question",
    UNMARKED_QUESTION_RE.exec(doc.instructionText.trimEnd()) ??
      CASUAL_QUESTION_RE.exec(doc.instructionText) ??
      HOW_TO_RE.exec(doc.instructionText) ??
      CHAT_QUESTION_RE.exec(doc.instructionText),
  );
  if (unmarked) return unmarked;
  const asked = found(
    "instruction",
    HEDGED_REQUEST_RE.exec(text) ??
      HEDGED_GERUND_RE.exec(text) ??
      POLITE_ASK_RE.exec(doc.instructionText) ??
      orderInGenre(doc.instructionText) ??
      AGENT_IMPERATIVE_RE.exec(text) ??
      YOU_DO_RE.exec(text) ??
      GENRE_PHRASE_RE.exec(text) ??
      FRONTED_IMPERATIVE_RE.exec(doc.instructionText) ??
      lowerCaseImperative(doc.instructionText),
  );
  if (asked) return asked;
  // "Here is the schema:" and then, where the schema should be, the request itself
  for (const b of doc.blocks) {
    if (b.kind !== "introduced") continue;
    const block = text.slice(b.start, b.end);
    // (a listed verb counts here: the clause scan does not read what it took for material)
    const m = FRONTED_IMPERATIVE_RE.exec(block) ?? ANY_IMPERATIVE_RE.exec(block) ?? taskVerbOpening(block);
    if (m && text.slice(b.start, b.start + m.index).trim() === "")
      return {
        form: "instruction",
        strength: 2,
        span: { start: b.start + m.index, end: b.start + m.index + m[0].length },
      };
  }

  if (text.length < 240 && SHORT_SCENE_RE.test(text) && text.trim().split(/\s+/).length >= 5)
    return { form: "image", strength: 2, span: whole };
  // the same scene without an article, with a picture word: "Turkish cats lounging near the tower, vertical"
  VISUAL_RE.lastIndex = 0;
  if (text.length < 240 && BARE_SCENE_RE.test(text) && VISUAL_RE.test(text))
    return { form: "image", strength: 2, span: whole };
  // a short brief needs fewer picture words than a long text that might merely mention a photo
  const needed = text.length < 400 ? 2 : 3;
  const visual = new Set<string>();
  VISUAL_RE.lastIndex = 0;
  for (const m of matchesOf(text, VISUAL_RE)) {
    visual.add(m[0].toLowerCase());
    if (visual.size >= needed) return { form: "image", strength: 2, span: whole };
  }
  const key = STRUCTURED_KEY_RE.exec(text);
  if (key && /^\s*[{[#]|^\s*[\w"' -]{1,40}:/m.test(text))
    return { form: "structured", strength: 2, span: { start: key.index, end: key.index + key[0].length } };
  // a request in a language the reader took for English for want of its function words ("Napisz …",
  // "Jelaskan …", "Skriv …"): read on the instructions, pasted material asks nothing of the model
  if (otherLanguageRequest(doc.instructionText)) return { form: "foreign", strength: 2, span: whole };
  // the assistant's leaflet or persona sheet: "Quiz Maker is a GPT that … It asks …", "As Rex, I plan …"
  return found(
    "behaviour",
    describedAssistant(doc.instructionText, doc.text) ??
      PERSONA_BEHAVIOUR_RE.exec(doc.instructionText) ??
      ROLE_GIVEN_RE.exec(doc.instructionText) ??
      capitalisedOrder(doc.instructionText, TASK_VERBS),
  );
}
