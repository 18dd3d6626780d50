// Directives about behaviour and about a picture whose two sides cannot both hold: reveal the answer /
// never reveal it, always ask the user / never stop to ask, answer only from the sources / fill gaps from
// general knowledge, output only the label / explain each label, black and white / vibrant colours,
// night / midday sun, photorealistic / flat cartoon. Each subject is a table row with the words of its
// two sides; contradictions.ts reads them per clause like its other subjects, with the same negation
// and case handling, and reports a pair of opposite sides.

import { ANSWER_FORM_SUBJECTS } from "./contradiction-answer-form.js";
import { FINISHED_WORK_SUBJECTS } from "./contradiction-finished-work.js";
import { LANGUAGE_SUBJECTS } from "./contradiction-language.js";
import { LAYOUT_SUBJECTS } from "./contradiction-layout.js";
import { NOTATION_SUBJECTS } from "./contradiction-notation.js";
import { PACE_SUBJECTS } from "./opposed-pace.js";
import { notNegated, type OpposedSubject } from "./opposed-subject.js";
import { VISUAL_PROMPT_RE, VISUAL_SUBJECTS } from "./opposed-visual.js";

export type { OpposedSubject };

const NEG = "(?:never|do not|don't|must not|should not|cannot|can't)";
// a demand not preceded by its negation within two words ("do not use Markdown", "never add emojis")
const NOT_NEGATED = notNegated(2, "\\w+");
// a rewrite between two forms names both without demanding both ("convert first person into third")
const TRANSFORM = /\b(?:from|into|convert|rewrite|change|instead of|rather than|switch)\b/;
// the clause puts the explanation in a field of a structure, or orders it after a final answer line
const STRUCTURED =
  /\b(?:field|key|property|column|attribute|json|xml|tag)\b|<\w+>|\bfinal answer\b|\blast line\b/;

// one item of a coordinated list ("pound signs", "pipes"), never a verb that starts a new demand
const ITEM =
  "(?:(?!(?:and|or|nor|but|use|add|include|instead)\\b)[\\w'*#|-]+\\s){0,2}(?!(?:and|or|nor|but|use|add|include|instead)\\b)[\\w'*#|-]+";
/**
 * A prohibition that distributes over a coordinated list: "never use asterisks, pipes, tables or bullet
 * lists" forbids each item. `verbs` are the negated verbs; `target` the item read. The list must be
 * joined by "or", "nor" or "and", so "avoid jargon, tables are fine" is not read as one.
 */
export function listedProhibition(verbs: string, target: string): string {
  return `\\b(?:${verbs})\\s+(?:any\\s+)?(?:(?:${ITEM},\\s*){0,6}${ITEM},?\\s+(?:or|nor|and)\\s+(?:any\\s+)?(?:${target})\\b|(?:${ITEM},\\s*){1,6}(?:${target})\\b(?=(?:,\\s*${ITEM})*,?\\s+(?:or|nor)\\s))`;
}
// an emoji itself ("End every message with a 👋"): the pictographs of U+1F300–U+1F6FF and U+1F900–U+1FAFF,
// read as surrogate pairs so the table's joined screen needs no unicode flag; ✓ and ★ are not emojis here
const PICTOGRAPH = "\\uD83C[\\uDF00-\\uDFFF]|\\uD83D[\\uDC00-\\uDEFF]|\\uD83E[\\uDD00-\\uDEFF]";
const NEG_USE = "never use|don't use|do not use|avoid|never include|don't include|do not include";

export const OPPOSED_SUBJECTS: readonly OpposedSubject[] = [
  {
    subject: "reveal_answer",
    visual: false,
    screen: /answer|solution|ending|twist|culprit|murderer|killer/,
    sides: [
      {
        // the answer to a puzzle, or the end of a story the user is playing through
        value: "withhold",
        re: new RegExp(
          `\\b${NEG}\\s+(?:directly\\s+)?(?:give|tell|reveal|state|provide|show|hand|spoil|give away)\\s+(?:me |them |the (?:user|student|learner|player|reader) )?(?:the )?(?:final |full |correct |complete |real |true |story's |game's )?(?:answer|solution|ending|twist|culprit|murderer|killer)s?\\b(?! key)`,
          "g",
        ),
      },
      {
        value: "reveal",
        re: /(?<!(?:never|not|n't)\s(?:\w+\s){0,2})\b(?:give|tell|reveal|state|provide|show|spoil)\s+(?:me |them |the (?:user|student|learner|player|reader) )?the (?:full |complete |correct |final |real |true |whole )?(?:answer|solution|ending|twist|culprit|murderer|killer)\b(?! key)/g,
      },
    ],
    message: [
      "both withholds the answer and asks for it",
      "Say when the answer may be given (after the learner tries, on request), or drop one side.",
    ],
  },
  {
    subject: "ask_user",
    visual: false,
    screen: /\bask|confirm|approv|permission|autonom|without waiting|wait(?:ing)? for/,
    sides: [
      {
        value: "ask",
        re: /(?<!(?:never|not|n't|without)\s(?:\w+\s){0,2})\b(?:always (?:ask|check with|confirm with)|(?:ask|check with) (?:the user|me) (?:for (?:confirmation|approval|permission)|before)|(?:get|obtain|wait for) (?:the user's |my |explicit )?(?:confirmation|approval|permission) before|wait for (?:the user|me|us) to (?:confirm|approve|say|reply))\b|\bnever (?:run|execute|delete|remove|change|modify|send|deploy|push|make|do|take|apply|perform)\b[^.;]{0,60}?\bwithout (?:first )?(?:[a-z]+ing\b[^.;]{0,40}?\band )?(?:asking|waiting for|getting|checking with)\b/g,
      },
      {
        value: "never_ask",
        re: new RegExp(
          `\\b${NEG}\\s+(?:pause to |stop to |wait to )?ask (?:the user |me )?(?:anything|for (?:confirmation|approval|permission))|\\bwithout (?:asking|checking with|waiting for) (?:the user|me|confirmation|approval|permission|anyone)\\b|\\bwithout waiting\\b|\\b(?:act|proceed|run|work) (?:fully )?autonomously\\b|(?<!\\b(?:may|can|could|are free to|is fine to|it's fine to)\\b[^.;]{0,60})\\bwithout asking\\b(?!\\s+(?:\\w+\\s+)?(?:about|whether|if|what|how|why|questions?|for (?:help|clarification|details|more)))|\\b(?:don't|do not|never) wait for (?:me|the user|us|(?:my|the user's|our) (?:confirmation|approval|reply|answer|go-ahead|ok))\\b`,
          "g",
        ),
      },
    ],
    message: [
      "both requires checking with the user and forbids stopping to ask",
      "Say which actions need the user's confirmation and which may run unattended.",
    ],
  },
  {
    subject: "knowledge",
    visual: false,
    screen: /knowledge|only|sources|context|documents?|passages?|excerpts|what you know|expertise/,
    sides: [
      {
        value: "sources_only",
        re: new RegExp(
          `\\b${NEG}\\s+(?:use|rely on|draw on|add|bring in)\\s+(?:any )?(?:outside|external|general|prior|background|your own) knowledge\\b|\\b(?:(?:answer|respond|reply)\\w*|base (?:every|each|all|your|the) (?:[a-z]+ )?(?:statements?|claims?|answers?|responses?|facts?|sentences?)|ground (?:every|each|all|your|the) (?:[a-z]+ )?(?:statements?|claims?|answers?|responses?))\\s+(?:only |solely |strictly |exclusively |entirely )(?:from|using|based on|on|in) (?:the )?(?:provided |given |attached |retrieved |supplied )?(?:[a-z-]+ )?(?:sources|context|documents?|passages?|excerpts)\\b|\\bfrom the (?:provided |given )?(?:sources|context|documents?|passages?) only\\b`,
          "g",
        ),
      },
      {
        value: "general_knowledge",
        re: /(?<!(?:never|not|n't|without)\s(?:\w+\s){0,3})\b(?:(?:answer|respond|reply)\w*(?: [a-z]+){0,5}? from (?:your (?:own )?)?(?:general|outside|external|prior|background|broader|own) (?:knowledge|expertise)\b|(?:use|draw on|rely on|fill (?:in )?(?:the |any )?gaps? (?:from|with)|supplement (?:it |them |the \w+ )?with|add|bring in)\s+(?:your (?:own )?)?(?:general|outside|external|prior|background|broader|own) (?:knowledge|expertise)\b|(?:feel free to|you (?:may|can|should) (?:also )?)\s*(?:add|draw on|use|bring in|include)\s+(?:what you know|anything you know|your own (?:knowledge|expertise)|facts? (?:that are )?not in the (?:sources|context|documents?)))/g,
        // "…you may use general knowledge, but say so": an exception the author marks for the reader
        // ("… and don't flag which parts came from where" asks for the opposite: no exception marked)
        skip: /(?<!(?:not|n't|never|without)\s(?:\w+\s)?)\b(?:say so|note (?:that|it)|flag|mark (?:it|them)|indicate|clearly label|tell the user|state that)\b/,
      },
    ],
    message: [
      "both limits the answer to the sources and asks to fill gaps from general knowledge",
      "Decide whether knowledge outside the sources is allowed; if it is, say how it should be marked.",
    ],
  },
  {
    subject: "bare_output",
    visual: false,
    screen: /only|nothing else|explain|justif|reason|rationale/,
    sides: [
      {
        value: "bare",
        re: /\b(?:output|return|respond with|reply with|answer with|print|give) only (?:the |a |one |a single )?(?:[\w-]+ ){0,2}?(?:label|category|class|word|number|name|verdict|score|code|letter|option)s?\b|\b(?:output|return|respond with|reply with|answer with|print|give) (?:the |a |one |a single )?(?:[\w-]+ )?(?:label|category|class|word|number|verdict|score|letter|option)s? only\b|\b(?:output|return|respond|reply|answer|print|write|give)\w*\b[^.;\n]{0,60}?(?:\bnothing else\b|\bno (?:explanations?|commentary|other text)\b|\bwithout (?:any )?(?:explanations?|commentary)\b)/g,
      },
      {
        value: "explained",
        re: /(?<!(?:never|not|n't|without|no)\s(?:\w+\s){0,2})\b(?:explain|justify) (?:your |the |each )?(?:reasoning|choice|decision|rationale|classification|label|answer|verdict)|\b(?:explain|justify)(?:,? in [^.;,]{1,30}?,?){0,2} (?:why|which|what|how)\b|\b(?:add|include|give|provide|followed by|follow (?:it|each \w+) with) (?:a |an |your |the )?(?:short |brief |one-line |detailed )?(?:explanation|rationale|justification)\b/g,
        skip: STRUCTURED,
      },
    ],
    message: [
      "asks for the bare answer only and also for an explanation",
      "Say where the explanation goes (a field, a line after the answer), or drop one of the two.",
    ],
  },
  {
    subject: "person",
    visual: false,
    screen: /person|["“']i["”']/,
    sides: [
      {
        value: "first",
        re: new RegExp(
          `${NOT_NEGATED}\\b(?:in|use|using|written in|write in|from) (?:the )?first[ -]person\\b`,
          "g",
        ),
        skip: TRANSFORM,
      },
      {
        // "never use the first person": conflicts only with a demand for the first person
        value: "no_first",
        re: /\b(?:never|don't|do not|avoid|must not|should not)\s+(?:use|using|write in|writing in|speak in)\s+(?:the\s+)?first[ -]person\b|\bno first[ -]person\b/g,
      },
      {
        value: "no_third",
        re: /\b(?:never|don't|do not|avoid|must not|should not)\s+(?:use|using|write in|writing in|speak in)\s+(?:the\s+)?third[ -]person\b|\bno third[ -]person\b/g,
      },
      {
        // one writer or many
        value: "first_plural",
        re: /\bfirst[ -]person plural\b/g,
      },
      {
        value: "first_singular",
        re: /\bfirst[ -]person singular\b|\b(?:use|using|write with|say) ["“']i["”'](?: \([^)]*\))? (?:throughout|only|everywhere|all the way through)\b/g,
      },
      {
        value: "second",
        re: /\b(?:in|use|using|written in|write in|address (?:the reader|readers) in) (?:the )?second[ -]person\b/g,
        skip: TRANSFORM,
      },
      {
        value: "third",
        re: new RegExp(
          `${NOT_NEGATED}\\b(?:in|use|using|written in|write in|from) (?:the )?third[ -]person\\b`,
          "g",
        ),
        skip: TRANSFORM,
      },
    ],
    message: [
      "asks for two different grammatical persons",
      "Choose first, second or third person for the text.",
    ],
  },
  {
    subject: "markdown",
    visual: false,
    screen: /markdown|plain text/,
    sides: [
      {
        value: "markdown",
        re: new RegExp(
          `${NOT_NEGATED}\\b(?:use|using|format (?:[\\w-]+ ){0,3}(?:in|with|as)|in|with)\\s+markdown\\b|${NOT_NEGATED}\\b(?:as|in|use|using|with|present (?:[\\w-]+ ){0,3}as) (?:a )?markdown (?:table|list|headings?)\\b`,
          "g",
        ),
      },
      {
        value: "plain",
        // "do not use Markdown tables" forbids one construct, not Markdown
        re: /\b(?:no|without|never use|don't use|do not use|avoid)\s+(?:any\s+)?markdown\b(?!\s+(?:tables?|headings?|headers?|links?|images?|code|lists?|syntax for|formatting for|in (?:the )?(?:title|subject|commit)))|\bplain text only\b|\bonly (?:in )?plain text\b/g,
      },
    ],
    message: [
      "both asks for Markdown and forbids it",
      "Decide whether the answer is Markdown or plain text.",
    ],
  },
  {
    subject: "emoji",
    visual: false,
    screen: new RegExp(`emoji|${PICTOGRAPH}`),
    sides: [
      {
        value: "emoji",
        re: new RegExp(
          `${NOT_NEGATED}\\b(?:use|add|include|with|sprinkle in)\\s+(?:a |an |one |some |a few |plenty of |lots of )?(?:[\\w-]+ ){0,2}?emojis?\\b|${NOT_NEGATED}\\b(?:end|start|begin|open|close|finish|sign off|add|include|put|append|prefix|use)\\b[^.;:\\n"“]{0,40}?\\b(?:with|a|an|the) (?:${PICTOGRAPH})`,
          "g",
        ),
      },
      {
        value: "none",
        re: new RegExp(
          `\\b(?:no|without|never use|don't use|do not use|avoid|never add)\\s+(?:any\\s+)?emojis?\\b|${listedProhibition(`${NEG_USE}|never add`, "emojis?")}`,
          "g",
        ),
      },
    ],
    message: ["both asks for emojis and forbids them", "Decide whether emojis are allowed."],
  },
  {
    subject: "links",
    visual: false,
    screen: /link|url/,
    sides: [
      {
        value: "links",
        re: new RegExp(
          `${NOT_NEGATED}\\b(?:include|add|provide|give|cite)\\s+(?:a |the |relevant |source |direct )?(?:links?|urls?)\\b`,
          "g",
        ),
      },
      {
        value: "none",
        re: /\b(?:no|without|never (?:include|add|give|provide|share)|don't (?:include|add|give|provide|share)|do not (?:include|add|give|provide|share)|avoid)\s+(?:any\s+)?(?:links?|urls?)\b/g,
      },
    ],
    message: ["both asks for links and forbids them", "Decide whether the answer may contain links."],
  },
  {
    subject: "code",
    visual: false,
    screen: /code/,
    sides: [
      {
        value: "code",
        re: new RegExp(
          `${NOT_NEGATED}\\b(?:include|add|provide|give|show|with)\\s+(?:a |an |some )?(?:[\\w-]+,? ){0,3}?(?:code (?:examples?|samples?|snippets?|blocks?|listings?)|examples? of code)\\b|${NOT_NEGATED}\\b(?:(?:respond|reply|answer)\\w* (?:only )?with (?:only )?code|(?:return|output|give|write) only (?:the )?code|code only)\\b`,
          "g",
        ),
      },
      {
        value: "none",
        re: /\b(?:no|without|never (?:include|write|show)|don't (?:include|write|show)|do not (?:include|write|show)|avoid)\s+(?:any\s+)?code\b(?! review)/g,
      },
    ],
    message: ["both asks for code and forbids it", "Decide whether the answer may contain code."],
  },
  {
    subject: "tables",
    visual: false,
    screen: /table/,
    sides: [
      {
        value: "table",
        re: new RegExp(
          `${NOT_NEGATED}\\b(?:use|in|as|format (?:[\\w-]+ ){0,3}as|present (?:[\\w-]+ ){0,3}(?:in|as))\\s+(?:a\\s+)?(?:markdown\\s+)?table\\b`,
          "g",
        ),
      },
      {
        value: "none",
        re: new RegExp(
          `\\b(?:no|without|never use|don't use|do not use|avoid)\\s+(?:any\\s+)?tables\\b|${listedProhibition(NEG_USE, "tables")}`,
          "g",
        ),
      },
    ],
    message: ["both asks for a table and forbids tables", "Decide whether the answer is a table."],
  },
  {
    subject: "questions",
    visual: false,
    screen: /question/,
    sides: [
      {
        value: "ask",
        re: new RegExp(
          `${NOT_NEGATED}\\b(?:always )?ask (?:the user |me )?(?:(?:a|one|two|some|clarifying|follow-up) )+questions?\\b|\\b(?:end|finish|close) (?:each|every|your|the) (?:reply|response|answer|message) with a (?:short |follow-up |clarifying |friendly )?question\\b`,
          "g",
        ),
        // "you may ask clarifying questions": a permission, not a demand
        skip: /\b(?:may|can|could|might|feel free to)\s+ask\b/,
      },
      {
        value: "never",
        re: /\b(?:never|don't|do not)\s+ask\s+(?:the user |me )?(?:any )?(?:clarifying |follow-up )?questions\b(?!\s+(?:about|on|regarding|that|which|for|when|if|unless))/g,
      },
    ],
    message: [
      "both asks for questions to the user and forbids them",
      "Say when a question to the user is allowed, or drop one side.",
    ],
  },
  {
    subject: "character",
    visual: false,
    screen: /character|persona|an ai\b|a bot\b|language model/,
    sides: [
      {
        value: "stay",
        re: /\b(?:stay|remain|keep) in (?:character|persona)\b|\bnever (?:break|drop|leave) (?:character|the persona|persona)\b|\bnever (?:admit|reveal|say|mention) (?:that )?you(?:'re| are) (?:an ai|a bot|a language model|an assistant)\b/g,
      },
      {
        value: "break",
        re: /(?<!(?:never|not|n't|without)\s(?:\w+\s){0,2})\b(?:break (?:character|the persona)|step (?:out of|outside) (?:character|the persona|the role)|(?:add|include|write|give) (?:a |an )?(?:[\w-]+ )*?out-of-character (?:note|comment|aside|remark)|(?:remind|tell) (?:the user|them|users|the player|the reader) (?:regularly |often |occasionally |now and then )?that you(?:'re| are) (?:an ai|a bot|a language model|an assistant|not (?:a real|human)))\b/g,
        // "After my sixth answer, step out of character and give feedback": a later phase, planned ("after
        // each reply" breaks it again and again)
        skip: /\b(?:after(?!\s+(?:each|every|all|any)\b)|at the end|once|until|before|when)\b[^.;!?]{0,80}?\b(?:step (?:out of|outside)|break) (?:character|the persona|the role)\b/,
      },
    ],
    message: [
      "both asks to stay in character and to step out of it",
      "Say when, if ever, the character may be dropped (a safety issue, an explicit request).",
    ],
  },
  {
    subject: "jargon",
    visual: false,
    screen: /jargon|technical|terminolog|simple|plain|everyday|easy|basic/,
    sides: [
      {
        value: "plain",
        re: new RegExp(
          `\\b(?:avoid|no|without|never use|don't use|do not use|free of|steer clear of)\\s+(?:any\\s+)?(?:technical\\s+)?(?:jargon|technical (?:terms|language|terminology))\\b|${NOT_NEGATED}\\b(?:use|using|in|with|stick to|only)\\s+(?:only\\s+)?(?:very\\s+)?(?:simple|plain|everyday|easy|basic)(?:,?\\s+(?:simple|plain|everyday|easy|basic))*\\s+(?:words|language|terms|vocabulary)\\b`,
          "g",
        ),
      },
      {
        value: "technical",
        re: new RegExp(
          `${NOT_NEGATED}\\b(?:use|using|include|with|rely on|full of|lean on)\\s+(?:plenty of |lots of |precise |proper |correct |the |industry |specialist |domain )*(?:technical (?:jargon|terms|terminology|language|vocabulary)|jargon|specialist (?:terms|terminology)|industry (?:jargon|terminology))\\b`,
          "g",
        ),
      },
    ],
    message: [
      "both forbids jargon and asks for technical terminology",
      "Decide the register for the reader: plain words, or technical terms with a short gloss.",
    ],
  },
  {
    subject: "citations",
    visual: false,
    screen: /cit|source|reference|footnote/,
    sides: [
      {
        value: "cite",
        re: new RegExp(
          `${NOT_NEGATED}\\b(?:cite|credit|name|list|include|add|give|provide)\\s+(?:your |the |all |every |each |a |its )?(?:sources?|citations?|references|footnotes)\\b(?! (?:of|for|in|from) (?:the )?(?:data|error|problem))|${NOT_NEGATED}\\bcite (?:every|each|all) (?:[\\w-]+ ){0,2}?(?:statements?|claims?|facts?|sentences?|figures?)\\b`,
          "g",
        ),
      },
      {
        value: "none",
        re: /\b(?:no|without|never (?:cite|include|add|list)|don't (?:cite|include|add|list)|do not (?:cite|include|add|list)|avoid|leave out|omit|remove|strip(?: out)?|drop)\s+(?:any\s+|all\s+|every\s+)?(?:sources|citations?|references|footnotes)\b/g,
      },
    ],
    message: [
      "both asks for sources to be cited and forbids citations",
      "Decide whether the answer cites its sources.",
    ],
  },
  {
    subject: "spelling",
    visual: false,
    screen: /british|american|\bu\.?k\.?\b|\bu\.?s\.?\b/,
    sides: [
      {
        value: "british",
        re: new RegExp(
          `${NOT_NEGATED}\\b(?:british|uk|u\\.k\\.) (?:english|spelling|spellings|conventions)\\b`,
          "g",
        ),
      },
      {
        value: "american",
        re: new RegExp(
          `${NOT_NEGATED}\\b(?:american|us|u\\.s\\.) (?:english|spelling|spellings|conventions)\\b`,
          "g",
        ),
      },
    ],
    message: ["asks for British and American spelling", "Choose one spelling convention."],
  },
  {
    subject: "time_zone",
    visual: false,
    screen: /\butc\b|\bgmt\b|local time/,
    sides: [
      {
        value: "utc",
        re: /(?<!(?:never|not|n't|no|without|avoid)\s(?:\w+\s){0,2})\b(?:in|as|to) (?:utc|gmt)\b/g,
        // where times are kept is not how they are shown: "store timestamps in UTC"
        skip: /\b(?:stor(?:e|ed|es|ing)|sav(?:e|ed|ing)|log(?:s|ged)?|database|persist\w*|backend|server|api|logs?|internally)\b/,
      },
      {
        value: "local",
        re: /(?<!(?:never|not|n't|no|without|avoid)\s(?:\w+\s){0,2})\bin (?:the (?:user|customer|reader|recipient|attendee)'s |their |each (?:user|attendee|participant|person)'s |your )?(?:own )?local time(?: zones?)?\b/g,
        skip: /\b(?:stor(?:e|ed|es|ing)|sav(?:e|ed|ing)|log(?:s|ged)?|database|persist\w*|backend|server|api|logs?|internally)\b/,
      },
    ],
    message: [
      "asks for times in UTC and in local time",
      "Choose one time zone for the times shown, or ask for both side by side.",
    ],
  },
  {
    subject: "units",
    visual: false,
    screen: /metric|imperial|miles|pounds|fahrenheit|celsius|kilometres|kilometers/,
    sides: [
      {
        value: "metric",
        re: /(?<!(?:never|not|n't|no|without|avoid)\s(?:\w+\s){0,2})\b(?:(?:use|in|only|give [\w ]{0,30}in) (?:the )?metric(?: units| system)?|(?:in|use) (?:celsius|kilometres|kilometers|kilograms))\b/g,
      },
      {
        value: "imperial",
        re: /(?<!(?:never|not|n't|no|without|avoid)\s(?:\w+\s){0,2})\b(?:(?:use|in|only|give [\w ]{0,30}in) (?:the )?imperial(?: units| system)?|(?:in|use) (?:fahrenheit|miles|pounds and ounces|feet and inches))\b/g,
      },
    ],
    message: [
      "asks for metric and imperial units",
      "Choose one system of units, or ask for both side by side.",
    ],
  },
  {
    subject: "voice",
    visual: false,
    screen: /passive/,
    sides: [
      {
        value: "passive",
        re: /(?<!(?:never|not|n't|no|without|avoid)\s(?:\w+\s){0,2})\b(?:use|in|write in) (?:the )?passive voice\b/g,
      },
      {
        value: "active",
        re: /\b(?:never use|don't use|do not use|avoid|no) (?:the )?passive(?: voice)?\b|\b(?:only|always) (?:use |in )?(?:the )?active voice\b/g,
      },
    ],
    message: ["both asks for and forbids the passive voice", "Choose active or passive voice."],
  },
  {
    subject: "audience",
    visual: false,
    screen:
      /beginner|novice|newcomer|lay|non-expert|non-specialist|non-technical|year[- ]old|child|kids|expert|specialist|phd|researcher|audience|reader|assume/,
    sides: [
      {
        value: "novice",
        re: new RegExp(
          `${NOT_NEGATED}(?<!(?:section|part|note|appendix|box|sidebar|version|footnote|bonus|tips?|ones?|another|examples?|questions?|exercises?|problems?|tasks?|ideas?|resources?|books?|links?|courses?|projects?|options?|activities|activity|quiz|quizzes)\\s)\\b(?:for|to|at|towards?)\\s+(?:complete |absolute |total |true )?(?:beginners|novices|newcomers|laypeople|lay readers|a layperson|a lay audience|non-experts|non-specialists|non-technical (?:readers|people|users|audiences?|staff)|(?:a |an )?(?:five|six|seven|eight|ten|5|6|7|8|10)[- ]year[- ]olds?|young children|small children|kids)\\b|\\b(?:audience|readers?) (?:is|are|has|have) (?:[\\w-]+ ){0,2}?(?:beginners|novices|laypeople|children|kids|no (?:technical |prior |scientific )?(?:background|knowledge|experience))\\b|\\bassume (?:the reader|readers|the audience|they) (?:has|have|knows?) (?:no|nothing|zero)\\b`,
          "g",
        ),
      },
      {
        value: "expert",
        re: new RegExp(
          `${NOT_NEGATED}(?<!(?:section|part|note|appendix|box|sidebar|version|footnote|bonus|tips?|ones?|another|examples?|questions?|exercises?|problems?|tasks?|ideas?|resources?|books?|links?|courses?|projects?|options?|activities|activity|quiz|quizzes)\\s)\\b(?:for|to|at)\\s+(?:an? )?(?:experts|specialists|domain experts|researchers|(?:phd|graduate-level|senior|experienced|seasoned) [a-z]+s)\\b|\\b(?:audience|readers?) (?:is|are) (?:[\\w-]+ ){0,2}?(?:experts?|specialists|phds?|researchers|physicists|scientists)\\b|\\bassume (?:the reader|readers|the audience|they) (?:is|are|has|have) (?:an? )?(?:experts?|specialists?|phds?|deep|advanced|extensive)\\b|\\bassume expert knowledge\\b`,
          "g",
        ),
      },
    ],
    message: [
      "writes for beginners and for experts at once",
      "Choose one reader, or say which part is for whom.",
    ],
  },
  ...PACE_SUBJECTS,
  ...FINISHED_WORK_SUBJECTS,
  ...ANSWER_FORM_SUBJECTS,
  ...LAYOUT_SUBJECTS,
  ...LANGUAGE_SUBJECTS,
  ...NOTATION_SUBJECTS,
  ...VISUAL_SUBJECTS,
];

export { VISUAL_PROMPT_RE };

/**
 * A screen with its word boundaries dropped: it matches the whole text wherever the screen matches a slice
 * of it. Null (the subject is always read) for a screen with flags, anchors, lookarounds or escaped
 * backslashes, where that would not hold.
 */
function relaxedScreen(re: RegExp): RegExp | null {
  // (inside a class, \b is a backspace)
  if (re.flags !== "" || /\\\\|\\B|[$^]|\(\?[=!<]|\[[^\]]*\\b/.test(re.source)) return null;
  return new RegExp(re.source.replaceAll("\\b", ""));
}
const RELAXED_SCREENS = OPPOSED_SUBJECTS.map((o) => relaxedScreen(o.screen));
const RELAXED = new Map<RegExp, RegExp | null>();

/** Lower-casing a slice of this text gives the slice of its lower-cased text (no "İ", no "Σ"). */
function sliceSafe(text: string, lower: string): boolean {
  return lower.length === text.length && !text.includes("\u03a3");
}

/**
 * Which of `screens` can pass on some clause of the instruction text, read once per prompt: false only
 * where the screen's relaxed form misses the whole lower-cased text, so testing a clause is skipped only
 * where it would fail.
 */
export function screensIn<K extends string>(
  screens: Readonly<Record<K, RegExp>>,
  instructionText: string,
  instructionLower: string,
): Record<K, boolean> {
  const safe = sliceSafe(instructionText, instructionLower);
  const out = {} as Record<K, boolean>;
  for (const k of Object.keys(screens) as K[]) {
    const re = screens[k];
    if (!RELAXED.has(re)) RELAXED.set(re, relaxedScreen(re));
    const relaxed = RELAXED.get(re);
    out[k] = !safe || !relaxed || relaxed.test(instructionLower);
  }
  return out;
}

/**
 * The subjects a clause of these instructions can pass the screen of, in table order, and whether any can:
 * a subject whose relaxed screen misses the whole lower-cased instruction text misses every clause of it.
 * The person is always kept (a clause with a quoted "I" screens the original text). Every subject when
 * lower-casing a slice may differ from slicing the lower-cased text (a "İ" or a "Σ").
 */
export function opposedSubjectsIn(
  instructionText: string,
  instructionLower: string,
): { subjects: readonly OpposedSubject[]; any: boolean } {
  if (!sliceSafe(instructionText, instructionLower)) return { subjects: OPPOSED_SUBJECTS, any: true };
  const subjects: OpposedSubject[] = [];
  let any = false;
  OPPOSED_SUBJECTS.forEach((o, i) => {
    const relaxed = RELAXED_SCREENS[i];
    const possible = !relaxed || relaxed.test(instructionLower);
    any ||= possible;
    if (possible || o.subject === "person") subjects.push(o);
  });
  return { subjects, any };
}
