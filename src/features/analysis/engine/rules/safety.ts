// Checks that hold in any language: prompt-injection phrasing, in the prompt and in pasted material.

import type { Doc } from "../text.js";
import { MASK_CONTENT, matchesOf, tokenAt } from "../text.js";
import type { Finding, Span } from "../types.js";
import { finding, quote } from "./catalogue.js";
import type { RuleContext } from "./context.js";
import { quotedInDefence } from "./injection-defences.js";
import { asksForDeliverable } from "./injection-deliverable.js";
import { foreignInjection } from "./injection-foreign.js";
import { listLead, prohibits, refusedAfter, refusedInExample, resetCommand } from "./injection-refusals.js";
import { authorsSection, authorsStatement, operatorsStatement, titleCaseHeading } from "./injection-scope.js";
import {
  addressedToModel,
  attackerNote,
  authorsText,
  inMaterial,
  MATERIAL_OVERRIDE_RE,
} from "./planted-instructions.js";

// ── injection ────────────────────────────────────────────────────────────────────────────────────

const INJECTION_RE =
  /\b(?:ignor(?:e|es|ed|ing)|disregard(?:s|ed|ing)?|forg(?:et|ets|etting|ot|otten)|overrid(?:e|es|ing)|bypass(?:es|ed|ing)?|skip(?:s|ped|ping)?)\s+(?:all\s+|any\s+|the\s+|your\s+|my\s+|its\s+|their\s+|every\s+|of\s+)*(?:previous|prior|above|earlier|preceding|former|original|initial|system|these|those)?\s*(?:instructions?|prompts?|rules|directions|guidelines|messages?|constraints)\b|\b(?:ignor(?:e|es|ed|ing)|disregard(?:s|ed|ing)?|overrid(?:e|es|ing)|bypass(?:es|ed|ing)?|skip(?:s|ped|ping)?|disabl(?:e|es|ed|ing)|turn(?:s|ed|ing)?\s+off)\s+(?:all\s+|any\s+|the\s+|your\s+|its\s+|their\s+|of\s+)*(?:safety|content|moderation|ethical|ethics)\s+(?:filters?|polic(?:y|ies)|guidelines|rules|restrictions|guardrails|safeguards|settings|checks)\b|\b(?:safety|content|ethical|usual|normal|your)\s+(?:rules|guidelines|polic(?:y|ies)|filters|restrictions|guardrails|limits)\s+(?:don't|do\s+not|doesn't|does\s+not|no\s+longer|won't|will\s+not)\s+apply\s+to\s+you\b|\b(?:does\s+not|doesn't|do\s+not|don't|no\s+longer|never)\s+(?:have|has|needs?)\s+to\s+(?:abide\s+by|follow|obey|comply\s+with|adhere\s+to|respect)\s+(?:any|the|its|your|their)\s+(?:\w+\s+)?(?:rules|guidelines|polic(?:y|ies)|restrictions|instructions|filters)\b|\b(?:ignore|disregard|forget)\s+(?:all\s+of\s+|everything\s+)?(?:the\s+)?(?:above|before)\b|\bnever\s+mind\s+(?:all\s+|the\s+|your\s+|any\s+|my\s+)*(?:previous|prior|above|earlier|preceding|former|original|initial|old|system)\s+(?:instructions?|prompts?|rules|directions|guidelines|constraints)\b|\byou\s+are\s+now\s+(?:dan\b|in\s+developer\s+mode|an?\s+(?:unrestricted|unfiltered|uncensored|jailbroken)|free\s+from|no\s+longer)|\bdo\s+anything\s+now\b|\bdeveloper\s+mode\b|\bjailbroken\b|\bjailbreak\s+(?:mode|enabled|activated|on)\b|\byou\s+are\s+now\s+in\s+[\w-]+\s+mode\b(?=[^.\n]*\.\s*[^.\n]*\b(?:filters?|restrictions|rules|guardrails|safety|limits)\b)|\b(?:disables?|removes?|turns?\s+off|lifts?|suspends?|switch(?:es)?\s+off|deactivates?)\s+(?:all\s+|your\s+|the\s+|any\s+)?(?:content\s+|safety\s+)?(?:filters|restrictions|guardrails)\b|\b(?:disables?|turns?\s+off|switch(?:es)?\s+off|deactivates?|bypass(?:es)?)\s+(?:all\s+|your\s+|the\s+|any\s+)?(?:content|safety|moderation|ethics?|ethical)\s+(?:settings|features|protocols|checks|mechanisms|measures|policies|polic(?:y)|mode|layer|guidelines|training)\b|\b(?:your|the)\s+(?:earlier|previous|prior|original|initial|old)\s+(?:instructions|rules|guidelines)\s+(?:were|have\s+been|are|got)\s+(?:deleted|removed|erased|cleared|reset|revoked|lifted|cancell?ed|void|disabled)\b|\byou\s+are\s+now\s+an?\s+[\w-]+\s+(?:with\s+no|without\s+(?:any\s+)?)\s*(?:rules|restrictions|filters|limits|guidelines)\b|\b(?:output|print|reveal|show|dump|leak|display)\s+(?:me\s+)?your\s+(?:full\s+|hidden\s+|entire\s+|complete\s+|internal\s+)?(?:configuration|config|settings)\b|\b(?:the\s+)?(?:text|instructions|words|everything)\s+(?:that\s+came|you\s+were\s+given|written)\s+(?:before\s+this\s+message|at\s+the\s+start\s+of\s+this\s+conversation)\b|\bsystem\s+prompt\s*:|^(?<!^[^\S\n]*\n)\s*system\s*:|\bnew\s+instructions\s*:|\b(?:reveal|print|show|repeat|output|display|leak|tell\s+me)\s+(?:me\s+)?(?:your|the)\s+(?:hidden\s+|initial\s+|original\s+|secret\s+|full\s+)?(?:system\s+prompt|instructions|initial\s+instructions|prompt|rules)\b|\b(?:answer|respond|reply|act|operate|behave|talk|speak|write)\w*\s+(?:\w+\s+){0,3}(?:without|with\s+no)\s+(?:any\s+)?(?:ethical\s+|moral\s+|safety\s+|content\s+)?(?:restrictions|filters|limits|guidelines|censorship)\b(?!\s+(?:on|about|regarding|around|to|for)\b)|\b(?:you|i)\s+(?:now\s+)?(?:have|has)\s+no\s+(?:restrictions|filters|limits|guidelines|rules)\b(?!\s+(?:on|about|regarding|around)\b)|\bact\s+as\s+dan\b|\bgod\s+mode\b|\bforget\s+(?:everything|all)\s+(?:you\s+(?:were|have\s+been)\s+told|above|before|previously)\b|\bbypass\s+(?:your\s+)?(?:safety|content)\s+(?:filters?|polic(?:y|ies)|guidelines)\b|<\|im_start\|>|\[system\]|\b(?:ignore|disregard|forget|discard|drop|abandon)\s+(?:everything\s+|all\s+|whatever\s+|what\s+|anything\s+)(?:that\s+)?(?:you(?:'ve|\s+have|\s+were|\s+had)?\s+(?:been\s+)?(?:told|given|instructed|taught|programmed|trained)|(?:your|the)\s+(?:developers?|creators?|makers?|owners?|operators?|company)\s+(?:said|told|wrote|set))|\b(?:obey|follow|listen\s+to|answer\s+to)\s+only\s+(?:me|my)\b|\bonly\s+(?:obey|follow|listen\s+to)\s+(?:me|my)\b|\bnot\s+your\s+(?:developers|creators|makers|programmers|guidelines|rules)\s*[.,;]|\b(?:(?:pretend|imagine)\s+(?:that\s+)?you(?:'re|\s+are|\s+have|\s+had|\s+were|\s+can)?|(?:act|behave|respond|answer|roleplay|role-play)\s+(?:as|like)\s+(?:an?\s+)?(?:ai|assistant|model|chatbot|bot|llm|version\s+of\s+yourself))\b[^.\n]{0,30}?\b(?:with\s+no|without\s+(?:any\s+)?|having\s+no|(?:have|has)\s+no)\s*(?:content\s+polic(?:y|ies)|polic(?:y|ies)|limitations?|limits|restrictions|filters|rules|guidelines|censorship|boundaries|ethical\s+(?:guidelines|constraints)|safety\s+(?:guidelines|rules|filters))\b(?!\s+(?:on|about|regarding|around|to|for)\b)|\b(?:you(?:'re|\s+are|\s+will\s+be|\s+become)|be|become|as)\s+(?:an?\s+)?(?:ai|assistant|model|chatbot|bot|llm)\s+(?:with\s+no|without\s+(?:any\s+)?)\s*(?:limitations?|limits|restrictions|filters|rules|guidelines|censorship|boundaries)\b(?!\s+(?:on|about|regarding|around|to|for)\b)|\b(?:print|repeat|output|reveal|show|recite|quote|copy|write\s+out|tell\s+me|type\s+out|list)\s+(?:me\s+)?(?:back\s+)?(?:everything|all(?:\s+of)?\s+the\s+(?:text|words)|all\s+text|the\s+(?:text|words|lines|instructions|messages?))\s+(?:above|before|preceding)\b(?=[^.\n]{0,20}\b(?:this|starting|beginning|verbatim|word\s+for\s+word|exactly)\b)|\beverything\s+(?:(?:written|typed|said|stated|that\s+(?:is|was)\s+written)\s+)?(?:above|before)\s+this\s+(?:line|message|point|sentence)\b|(?:#{2,}|={2,}|-{2,}|\*{2,}|\[)\s*(?:new|updated|real|actual|revised|override|important|priority)\s+(?:task|objective|goal|instructions?|directive|system\s+(?:prompt|message))\s*(?:#{2,}|={2,}|-{2,}|\*{2,}|\]|:)|\bwhat\s+(?:were|have)\s+you\s+(?:been\s+)?(?:told|instructed|given|programmed)\s+(?:before|at\s+the\s+(?:start|beginning)|earlier|by\s+your\s+(?:developers|creators|makers))|\bwhat(?:'s|’s|\s+is|\s+are|\s+were)\s+your\s+(?:system\s+prompt|(?:initial|original|hidden|secret|system)\s+(?:instructions|prompt|rules))\b|\b(?:stop|quit|cease)\s+(?:following|obeying|applying)\s+(?:your|the|all|any)\s+(?:\w+\s+)?(?:instructions|rules|guidelines|polic(?:y|ies)|programming|training|restrictions|filters)\b|\b(?:you(?:'re|\s+are)\s+)?(?:no\s+longer|not)\s+(?:bound|restricted|limited|constrained|governed)\s+by\s+(?:your|any|the|openai|anthropic|google)\b|\bi(?:'m|\s+am)\s+(?:your|the|an?)\s+(?:developer|creator|admin(?:istrator)?|operator|owner|programmer|maker)\b(?=[^.\n]{0,80}\b(?:authori[sz](?:e|es|ed|ing)|allow(?:s|ed)?|permit(?:s|ted)?|unlock(?:s|ed)?|disabl(?:e|es|ed)|overrid(?:e|es|den)|grant(?:s|ed)?|order(?:s|ed)?|command(?:s|ed)?)\b)|\b(?:reveal|print|show|repeat|output|display|leak|tell\s+me|share|disclose)\s+(?:me\s+)?(?:the|your|any|all)\s+(?:\w+\s+)?(?:instructions|prompts?|rules|guidelines)\s+(?:you\s+(?:received|were\s+given|got|have\s+been\s+given|were\s+trained\s+with)|(?:given|provided)\s+to\s+you)\b|\b(?:tell|show|give|share|paste|print|repeat|reveal|output|write\s+out|copy|quote|recite|display|dump|leak|disclose|spell\s+out|summari[sz]e|translate|encode|paraphrase)\b[^.\n?!]{0,30}?\byour\s+(?:system\s+prompt|system\s+message|pre-?prompt|hidden\s+(?:prompt|instructions)|(?:initial|original|secret)\s+(?:instructions|prompt))\b|\b(?:instructions|text|prompt|rules|words)\s+(?:you\s+(?:were|have\s+been)\s+given|you\s+(?:received|got)|that\s+came|given\s+to\s+you)\s+(?:at\s+the\s+(?:top|start|beginning)\s+of\s+(?:this|the)\s+(?:conversation|chat|session|thread)|before\s+(?:this|my)\s+(?:message|question))\b|\b(?:print|repeat|output|reveal|show|dump|leak|display|share|disclose|tell\s+me)\s+(?:me\s+)?(?:the\s+)?(?:full\s+|entire\s+|complete\s+|exact\s+)?(?:(?:contents?|text|wording)\s+of\s+)?(?:your|its|the\s+assistant's|the\s+model's)\s+(?:context(?:\s+window)?|system\s+(?:message|prompt)|pre-?prompt|hidden\s+prompt)\b/gim;
/**
 * INJECTION_RE tried only where one of its alternatives can begin (a word start, a line start, or one of
 * `<[#=*-`): the same matches in half the time, since the alternatives are not tried inside words. Every
 * alternative added to INJECTION_RE must begin at one of those places.
 */
const INJECTION_AT_RE = new RegExp(
  `(?:\\b(?=[a-z])|^|(?=[<\\[#=*-]))(?:${INJECTION_RE.source})`,
  INJECTION_RE.flags,
);
const GUARD_RE =
  /\b(?:if|whether|detect|refus\w*|never|don't|do not|flag|such as|like|treat|declin\w*|resist\w*|not as)\b/;
/** A defence that names the request it refuses: "If the user asks you to repeat, …, or output your instructions". */
const ASKED_BEFORE_RE =
  /\b(?:if|when|whenever)\s+(?:you are |you're |you get )?(?:asked|requested|told|prompted)\b|\b(?:if|when|whenever)\s+(?:the\s+|a\s+)?(?:user|users|someone|anyone|they|people|a message|the text|the input|a document|a page)\b[^.\n]{0,40}\b(?:asks?|tells?|tries|attempts?|requests?|wants?)\b/;
/** A precedence rule, not a command: "user instructions (i.e. AGENTS.md) may override these guidelines". */
const PRECEDENCE_BEFORE_RE =
  /\byou\s+(?:may|can)\s*$|\b(?:instructions?|users?|developers?|operators?|system|messages?|prompts?|files?|\))\s*(?:\([^)]*\)\s*)?(?:may|can|will|should|might|could)\s*$/;
/** The author scoping which instructions to drop: "ignore previous instructions saying that …", "… that appear in the text". */
const SCOPED_AFTER_RE =
  /^\s*(?:(?:(?:that|which) (?:appear|are|come|occur|show up|sit)s? )?(?:in|inside|within|contained in|embedded in|found in|from) (?:the |a |an |any |this |that |those |these |web |email |user )*(?:[a-z-]+ )?(?:document|page|email|e-mail|message|file|text|content|website|title|comment|review|ticket|input|data|tool output|search result|result|web)s?\b|saying|that (?:say|said|tell|claim)|which (?:say|said|tell)|telling|claiming|stating|about)\b/;
/** The match is what is forbidden: "never disclose your system prompt", "do not reveal the rules". */
const NEGATED_BEFORE_RE =
  /\b(?:never|not|don't|dont|doesn't|doesnt|didn't|isn't|aren't|won't|cannot|can't|mustn't|shouldn't|refuse to|decline to)\s+(?:(?!only\b)\w+\s+)?$/;
/** A noun that talks about a quoted phrase: 'instructions to "…"', 'attempts like "…"', 'messages saying "…"'. */
const QUOTED_MENTION_BEFORE_RE =
  /\b(?:instructions?|attempts?|requests?|phrases?|messages?|commands?|prompts?|claims?|text|content|inputs?)\s+(?:to|like|such as|saying|that says?|asking to)\s*["'“‘`]$/;
/** Names the attack as a thing to handle: "jailbreak attempts", "jailbreak prompts". */
const NAMED_ATTACK_AFTER_RE = /^\s*(?:attempts?|requests?|tries|prompts?|techniques?|attacks?)\b/;

/** Pressure on the model, no guard: "Don't refuse, ignore …", "never hesitate", "never mind the rules". */
const PRESSURE_RE =
  /\b(?:(?:don't|dont|do\s+not|never|you\s+(?:can't|cannot|mustn't|must\s+not))\s+(?:refus|declin|hesitat|say\s+no)\w*|never\s+mind)\b/g;
/** `before` with the pressure blanked out, so its "never" or "refuse" reads as no defence. */
const unpressed = (before: string) => before.replace(PRESSURE_RE, (w) => " ".repeat(w.length));

/** Cheap screen before the full injection pattern: one scan, most prompts contain none of these. */
const INJECTION_HINT =
  /ignore|disregard|forget|never mind|discard|drop|abandon|stop following|quit following|no longer|bound by|you received|given to you|context window|system message|pre-?prompt|guidelines|polic|override|bypass|skip|you are now|anything now|developer mode|jailbr|system|new instructions|im_start|your (?:hidden |initial |original |secret |full )?(?:prompt|instructions|rules)|restrictions|filters|guardrails|config|settings|before this message|start of this conversation|only me|only my|not your|no (?:content|polic|limit|restric|rules|guidelines|censor|bound)|without|everything (?:above|before)|(?:words|text|lines) (?:above|before)|you (?:been )?(?:told|instructed|given|programmed)|you (?:were|have been) given|(?:top|start|beginning) of (?:this|the) (?:conversation|chat|session|thread)|(?:above|before) this line|new task|new instructions?|apply to you|abide|comply with|adhere to|safeguards|(?:i'?m|i am) (?:your|the|an?) (?:developer|creator|admin|operator|owner|programmer|maker)|what(?:'s|’s) your/;

/** A row of comma-separated cells before the match: "A103,ignore the task …". */
const DATA_ROW_RE = /^(?:[^\s,]+(?: [^\s,]+)?,)+$/;
/** The author's own heading ("System prompt:", "**SYSTEM:**", "## System prompt:") alone on its line. */
const HEADING_LINE_PREFIX = /^[\s#*_>-]*$/;
/** An attack named as an example inside a defence: 'instructions such as "ignore previous instructions"'. */
const EXAMPLE_GUARD_RE =
  /\b(?:such as|like|e\.g\.|for example|for instance|detect|flag|refuse|treat|claiming|pretending|purporting|quot(?:e|es|ed|ing)|(?:do not|don't|never) (?:follow|obey))\b/;
/** Prompts whose subject is attacks: classifiers, red-team graders, transcript reviews that say so. */
const ATTACK_SUBJECT_RE =
  /\b(?:classify|label|detect|recogni[sz]e|flag|identify|analy[sz]e|review|score)\b[^.\n]{0,120}\b(?:attacks?|injections?|jailbreaks?|malicious|manipulation attempts?)\b|\bexplain\b[^.\n]{0,60}\bwhy\b[^.\n]{0,80}\b(?:an? attack|attacks?|injections?|jailbreaks?|malicious)\b|\b(?:attacks?|injections?|jailbreaks?|manipulation attempts?)\b[^.\n]{0,120}\b(?:quoted|as data|to (?:classify|label|detect|recogni[sz]e|flag))\b|\b(?:jailbreak|injection|attack)\s+(?:patterns?|techniques?|methods?|styles?|families|types?|examples?|attempts?)\b|\bthe attacks? (?:is|are) the subject\b|\b(?:what|how)\s+(?:a\s+)?(?:prompt[\s-]+)?(?:injections?|jailbreaks?|jailbreaking)\s+(?:is|are|works?|looks?)\b|\bnot (?:something |instructions? )?for you to (?:act on|follow|obey|carry out)\b/;

const LIST_LEAD_RE =
  /\b(?:such as|like|e\.g\.|for example|for instance|patterns?|phrases?|attempts?|examples? of|containing|attacks?)\b[^\n]*:\s*$/;

/** True when the list holding the line at `lineStart` is introduced as examples of attacks. */
function listLeadNamesAttacks(lower: string, lineStart: number): boolean {
  let end = lineStart - 1;
  for (let k = 0; k < 40 && end > 0; k++) {
    const start = lower.lastIndexOf("\n", end - 1) + 1;
    const line = lower.slice(start, end);
    if (!/^[\s>]*(?:[-*•]|\d+[.)])\s/.test(line)) return LIST_LEAD_RE.test(line);
    end = start - 1;
  }
  return false;
}

/** The end of `before` from the start of its last sentence: the text after its last ". ", "! " or "? ". */
function sentenceTail(before: string): string {
  for (let i = before.length - 2; i >= 0; i--)
    if ((before[i] === "." || before[i] === "!" || before[i] === "?") && /\s/.test(before[i + 1]!))
      return before.slice(i + 2);
  return before;
}

/**
 * True when the text before a match (`before`: the end of its line, or the lead of the list it closes)
 * makes it an attack named in a defence, a prohibition, a condition or a precedence rule.
 */
function defended(doc: Doc, sp: Span, lineStart: number, before: string, ownWords: boolean): boolean {
  const lower = doc.lower;
  if (EXAMPLE_GUARD_RE.test(before) && /["'“‘`]\s*$/.test(before)) return true;
  // an attack quoted whole as a thing talked about: 'Instructions to "ignore this instruction" create …'
  if (ownWords && QUOTED_MENTION_BEFORE_RE.test(before) && /^["'”’`]/.test(lower.slice(sp.end, sp.end + 1)))
    return true;
  // a prohibition, in material as in instructions: "NEVER disclose your system prompt", "You are not
  // allowed to reveal …", "Under no circumstances should you …"
  if (NEGATED_BEFORE_RE.test(before) || prohibits(before)) return true;
  // an attack named or quoted in a defence against it: "If the user says “Repeat the words above …”"
  if (quotedInDefence(doc, sp, lineStart, before)) return true;
  // (a condition closed by a comma governs the match: "when anyone asks about refunds, ignore the rules";
  // the condition must be in the match's own sentence: "If the user asks, refuse. Now ignore …" issues it)
  if (
    (ASKED_BEFORE_RE.test(sentenceTail(before)) && !/,\s*$/.test(before)) ||
    PRECEDENCE_BEFORE_RE.test(before)
  )
    return true;
  // a defence listing what to watch for: "text that … asks you to [forget previous instructions]"
  if (
    /\b(?:asks?|tells?|tries|trying|attempts?|instructs?|wants?|urges?|says?|claim(?:s|ing)?|pretend(?:s|ing)?|purport(?:s|ing)?)\s+(?:you\s+)?to\s*$/.test(
      before,
    )
  )
    return true;
  // "users may try to make you ignore your instructions": the attack described, in a defence — the
  // author's own words only, and only when a third party is said to try it ("we want to make you …" in
  // an email, or "I am trying to get you to …", is the attack itself)
  return (
    ownWords &&
    /\b(?:users?|people|someone|anyone|attackers?|they|others|customers?|visitors?|players?|some)\s+(?:(?:may|might|will|could|can|sometimes|often|occasionally)\s+)?(?:also\s+)?(?:tr(?:y|ies|ying)|attempts?|attempting|wants?)\s+to\s+(?:make|get|convince|trick|persuade|force|manipulate|pressure)\s+you\s+(?:to\s+|into\s+)?$/.test(
      before,
    )
  );
}

/** How far back (and forward) from a match its tests read: a line of material can be a whole document long. */
const READ_BACK = 300;

/**
 * True when `at` lies in pasted material and not in a section the author wrapped around their own rules: an
 * attack planted there is PF602, not the author's own phrasing (PF601). `authors` when already known.
 */
function plantedAt(doc: Doc, at: number, authors = authorsSection(doc, at)): boolean {
  return doc.mask[at] === MASK_CONTENT && !authors;
}

export function injections({ doc }: RuleContext, out: Finding[]): void {
  const lower = doc.lower;
  const foreign = foreignInjection(doc.text);
  if (foreign && !ATTACK_SUBJECT_RE.test(doc.instructionLower)) {
    const sp = { start: foreign.index, end: foreign.index + foreign[0].length };
    // inside pasted material it is PF602, as an English one is
    const planted = plantedAt(doc, sp.start);
    out.push(
      finding(
        planted ? "PF602" : "PF601",
        `The prompt contains prompt-injection phrasing ("${quote(doc, sp)}").`,
        "If this is pasted material, wrap it in delimiters and say it is data, not instructions; otherwise state the legitimate task directly.",
        [sp],
      ),
    );
    return;
  }
  if (ATTACK_SUBJECT_RE.test(doc.instructionLower) || ATTACK_SUBJECT_RE.test(authorsText(doc))) return;
  const spans: Span[] = [];
  // the spans read inside pasted material (PF602), apart from the author's own phrasing (PF601)
  const planted = new Set<Span>();
  const addressed = addressedToModel(doc) ?? attackerNote(doc);
  if (addressed) {
    spans.push(addressed);
    planted.add(addressed);
  }
  if (!INJECTION_HINT.test(lower) && spans.length === 0) return;
  MATERIAL_OVERRIDE_RE.lastIndex = 0;
  const overrides = [...matchesOf(lower, MATERIAL_OVERRIDE_RE)];
  const matches =
    overrides.length > 0
      ? [...matchesOf(lower, INJECTION_AT_RE), ...overrides]
      : matchesOf(lower, INJECTION_AT_RE);
  const line = { start: 1, end: 0 };
  const overrideSet = new Set(overrides);
  for (const m of matches) {
    const sp = { start: m.index, end: m.index + m[0].length };
    // the line is looked up once for all the matches on it: a line can be a whole document long
    if (sp.start < line.start || sp.start > line.end) {
      line.start = lower.lastIndexOf("\n", sp.start - 1) + 1;
      const e = lower.indexOf("\n", line.start);
      line.end = e < 0 ? lower.length : e;
    }
    const lineStart = line.start;
    // every test that reads back from the match reads at most its last 300 characters, and a test anchored
    // at the line's start asks only when the whole line before the match fits in them: a line of material
    // can be a whole document long, and every match on it would otherwise scan it again
    const wholeLine = sp.start - lineStart <= READ_BACK;
    const tail = unpressed(lower.slice(wholeLine ? lineStart : sp.start - READ_BACK, sp.start));
    // the broader override reads only in material, or in an undelimited data row ("A103,ignore the task …")
    // the author's own rule, wrapped in a section tag or in a fence holding the whole prompt, is no attack
    const authors = authorsSection(doc, sp.start);
    if ((authors || !inMaterial(doc, sp.start)) && authorsStatement(lower, sp, tail)) continue;
    // outside pasted material only: an attacker writes these forms as easily as an operator does
    const ownWords = authors || !inMaterial(doc, sp.start);
    if (ownWords && operatorsStatement(lower, sp, tail)) continue;
    // a title-case heading after a label on its line ("Advanced: Override System Prompt")
    if (ownWords && (!wholeLine || /\S/.test(tail)) && titleCaseHeading(doc.text, sp)) continue;
    if (
      overrideSet.has(m) &&
      (authors || !inMaterial(doc, sp.start)) &&
      !DATA_ROW_RE.test(wholeLine ? tail : tail.slice(tail.indexOf(",") + 1))
    )
      continue;
    if (/system/.test(m[0]) && m[0].trimEnd().endsWith(":") && wholeLine && HEADING_LINE_PREFIX.test(tail))
      continue;
    // the author's own emphasis on a rule of theirs: "***IMPORTANT INSTRUCTION***: show the link …"
    if (ownWords && /^[^a-z]*(?:important|priority)\s/.test(m[0])) continue;
    // "output the prompt" in a prompt whose job is to write a better prompt: the deliverable, no extraction
    if (asksForDeliverable(doc, m[0])) continue;
    const after = lower.slice(sp.end, sp.end + 40);
    if (SCOPED_AFTER_RE.test(after) || NAMED_ATTACK_AFTER_RE.test(after) || refusedAfter(after)) continue;
    // a reset command of the author's workflow, or an attack in an example exchange whose next turn refuses
    if (resetCommand(lower, sp.start, sp.end) || refusedInExample(lower, sp.start, sp.end)) continue;
    // the checks that read back from the match ask again before the first of a list of requests or quoted
    // attacks that the match closes: 'Do NOT comply with: "repeat the words above", "[print your prompt]"'
    const lead = listLead(tail, m[0]);
    if (
      defended(doc, sp, lineStart, tail, ownWords) ||
      (lead !== tail && defended(doc, sp, lineStart, lead, ownWords))
    )
      continue;
    // "WHEN [event] THEN [system] SHALL [response]": a slot in a template among other slots
    if (
      m[0] === "[system]" &&
      (
        lower
          .slice(Math.max(lineStart, sp.start - READ_BACK), Math.min(line.end, sp.end + READ_BACK))
          .match(/\[[a-z ]{2,30}\]/g) ?? []
      ).length >= 2
    )
      continue;
    // one of a list of attacks under a lead-in such as "content containing patterns like:"
    if (
      wholeLine &&
      /^[\s>]*(?:[-*•]|\d+[.)])\s*(?:["'“`]|$)/.test(tail) &&
      listLeadNamesAttacks(lower, lineStart)
    )
      continue;
    // a chat-format role header opening the prompt is its own format, not an injected turn
    if (m[0] === "<|im_start|>" && lower.slice(0, sp.start).trim() === "") continue;
    const inContent = plantedAt(doc, sp.start, authors);
    if (!inContent) {
      // a defensive instruction ("if the text says ignore previous instructions, refuse") is not an attack
      const sentence = doc.sentences[doc.tokens[tokenAt(doc, sp.start)]?.sentence ?? -1];
      const before = sentence ? lower.slice(Math.max(sentence.start, sp.start - READ_BACK), sp.start) : "";
      if (GUARD_RE.test(unpressed(before))) continue;
    }
    if (spans.some((o) => o.start < sp.end && sp.start < o.end)) continue;
    spans.push(sp);
    if (inContent) planted.add(sp);
    if (spans.length >= 6) break;
  }
  if (spans.length === 0) return;
  spans.sort((a, b) => a.start - b.start);
  // the author's own phrasing counts (PF601); what is read inside pasted material is its own rule (PF602,
  // a hint: on real prompts mostly speaker labels and headings), so a planted attack never hides the
  // author's own jailbreak
  const own = spans.filter((sp) => !planted.has(sp));
  const inMaterialSpans = spans.filter((sp) => planted.has(sp));
  if (own.length)
    out.push(
      finding(
        "PF601",
        `The prompt contains prompt-injection or jailbreak phrasing ("${quote(doc, own[0]!)}").`,
        "Remove jailbreak phrasing; state the legitimate task directly.",
        own,
      ),
    );
  if (inMaterialSpans.length)
    out.push(
      finding(
        "PF602",
        `Pasted material contains prompt-injection phrasing ("${quote(doc, inMaterialSpans[0]!)}"): a model may follow it instead of your task.`,
        "Wrap pasted material in delimiters, say it is data to process and not instructions, and strip the injected lines if you control the input.",
        inMaterialSpans,
      ),
    );
}
