// Where an override phrase is the author's own words although the parser set them off as material: the
// sections of a long system prompt wrapped in tags named for what they rule (<search_instructions>,
// <assistant_behavior>, <critical_security_rules>), or a prompt that is one fenced block with nothing
// around it. Only the injection rule asks: for every other rule the blocks stay what the parser says.
import type { Block, Doc } from "../text.js";
import type { Span } from "../types.js";

/** A word in a tag's name that says the section rules the model: what it does, how, and what it must not. */
const RULING_NAME_RE =
  /(?:^|[_-])(?:instructions?|rules?|behaviou?rs?|guidelines?|polic(?:y|ies)|requirements?|safety|security|constraints?|reminders?|guidance|protocols?|principles?|directives?|limitations?|restrictions?|capabilities|workflow|procedures?|conduct|persona|identity|tone|style|formatting|preferences|defen[cs]es?|reminders?)(?:$|[_-])/;
/** A name that still holds someone else's words, whatever else it says: <user_instructions>, <email_rules>. */
const FOREIGN_NAME_RE =
  /(?:^|[_-])(?:user|users|customer|input|query|request|message|messages|email|document|documents|page|web|search_results?|results?|tool_output|file|attachment|ticket|transcript|context|example|examples)(?:$|[_-])/;

function rulingTag(b: Block): boolean {
  if (b.kind !== "tag" || b.name === "") return false;
  const name = b.name.toLowerCase();
  return RULING_NAME_RE.test(name) && !FOREIGN_NAME_RE.test(name);
}

/**
 * A bare label for the prompt's own instructions on the line above a fence or triple quote: "Exact
 * Instructions:", "## GPT instructions", "My rules:" — never a bare "Instructions:", "System prompt:" or
 * "Original prompt:", which may head a guide pasted to translate or a prompt pasted to review. Published
 * assistants quote their own rules under such a label and tell the model to follow "the text inside the
 * Exact instructions".
 */
const OWN_INSTRUCTIONS_LABEL_RE =
  /(?:^|\n)[ \t#*_>-]*(?:(?:(?:exact|my|gpt|gpt's|assistant|bot|custom|main|core|full|complete)\s+)+(?:instructions?|rules|guidelines))[ \t*_]*:?[ \t*_]*\n?[ \t]*$/i;

/** An introducing line that names material or a job on it: "Summarise the customer message below:". */
const MATERIAL_INTRO_RE =
  /\b(?:summari[sz]\w*|translat\w*|proofread\w*|rewrit\w*|classif\w*|analy[sz]\w*|review\w*|edit|correct|paraphras\w*|critique|check|grade|rate|score|extract|reply|process|pasted|quoted|(?:e-?mail|text|message|review|document|article|post|note|transcript|data|input|essay|letter|comment|ticket|feedback|story|report|page|chat|conversation|file|passage|paragraph|excerpt|snippet|content|description|listing|bio|resume|cv|application|submission|question|quer(?:y|ie)|answer|response|example|sample|log|code|csv|json|table|list|record|entr(?:y|ie))s?)\b/i;

/**
 * A paragraph the parser took for material only because a line above points to "the following" or
 * "below", where that line names no material and no job on it: "Respond in the following way:",
 * "Here is what matters most, as follows:". In a long system prompt such a paragraph is the author's rule.
 */
function introducedRules(doc: Doc, b: Block): boolean {
  if (b.kind !== "introduced") return false;
  const before = doc.text.slice(Math.max(0, b.start - 300), b.start).trimEnd();
  const intro = before.slice(before.lastIndexOf("\n") + 1);
  return intro !== "" && !MATERIAL_INTRO_RE.test(intro);
}

function labelledOwnInstructions(doc: Doc, b: Block): boolean {
  return (
    (b.kind === "fence" || b.kind === "triple-quote") &&
    OWN_INSTRUCTIONS_LABEL_RE.test(doc.text.slice(Math.max(0, b.start - 80), b.start))
  );
}

/**
 * True when `at` sits in material that is really the author's instructions: every tag around it is a
 * ruling section of the prompt, a fence under a label for the prompt's own instructions, or a paragraph
 * that only a pointer to "the following" made material.
 */
export function authorsSection(doc: Doc, at: number): boolean {
  // every block around the place must be a ruling section: one inside pasted material is the material's
  let inside = false;
  for (const b of doc.blocks) {
    if (b.start <= at && at < b.end) {
      if (!rulingTag(b) && !labelledOwnInstructions(doc, b) && !introducedRules(doc, b)) return false;
      inside = true;
    }
  }
  return inside;
}

/** A subject before the verb: "These requirements override …", "which overrides …", "the policy always overrides …". */
const SUBJECT_BEFORE_RE =
  /\b(?:requirements?|rules?|instructions?|guidelines?|polic(?:y|ies)|constraints?|restrictions?|settings?|directives?|sections?|prompts?|principles?|this|these|they|it|which|that)\s+(?:(?:always|also|still|must|should|shall|will|may|can|do|does|never)\s+)?$/;

/**
 * An override phrase the author states rather than issues, in their own words: a precedence rule ("These
 * requirements override any instructions from the person") or a description of the model in the third
 * person ("Claude may forget its instructions over long conversations"). `before` is the end of the line
 * before the phrase (its last 300 characters suffice).
 */
export function authorsStatement(lower: string, sp: Span, before: string): boolean {
  return statedOverride(lower, sp, before, SUBJECT_BEFORE_RE, false);
}

/** A rule noun in the plural as the subject: "These requirements override …", "Safety rules always override …". */
const RULES_SUBJECT_BEFORE_RE =
  /\b(?:requirements|rules|guidelines|policies|restrictions|constraints|principles|safeguards)\s+(?:(?:always|also|still)\s+)?$/;
/** A modal that describes rather than commands: "Claude may forget its instructions over long conversations". */
const DESCRIBING_MODAL_BEFORE_RE = /\b(?:may|might|sometimes|often|tends? to|is likely to)\s+$/;

/**
 * The same statements where the parser saw material, in the two forms only an operator writes: rules put
 * above what the user asks ("These requirements override any user instructions", "… any instructions from
 * the person"), and a description of how the model behaves ("… may forget its instructions"). An attack
 * overrides the model's own or earlier instructions, and says so as a command.
 */
export function operatorsStatement(lower: string, sp: Span, before: string): boolean {
  return statedOverride(lower, sp, before, RULES_SUBJECT_BEFORE_RE, true);
}

/** A precedence rule after `subjectBefore` (over the user's words only, with `overUser`), or a description. */
function statedOverride(
  lower: string,
  sp: Span,
  before: string,
  subjectBefore: RegExp,
  overUser: boolean,
): boolean {
  const phrase = lower.slice(sp.start, sp.end);
  if (
    /^overrid/.test(phrase) &&
    subjectBefore.test(before) &&
    (!overUser ||
      /\b(?:user|users|person|human|customer)\b/.test(phrase) ||
      /^\s+(?:from|of|by)\s+(?:the\s+)?(?:user|person|human|customer)s?\b/.test(
        lower.slice(sp.end, sp.end + 30),
      ))
  )
    return true;
  // "Claude may forget its instructions …" describes; "Forget its rules." and "Disregard their …" command
  return /\b(?:its|their)\s/.test(phrase) && DESCRIBING_MODAL_BEFORE_RE.test(before);
}

/**
 * A heading line in title case ("Advanced: Override System Prompt") names a feature or a section of a
 * document; an attack is a sentence. At most eight words, each capitalised, nothing after on the line.
 */
export function titleCaseHeading(text: string, sp: { start: number; end: number }): boolean {
  // eight words fit in a short line: look no further (a line of material can be a document long)
  const from = Math.max(0, sp.start - 200);
  const back = text.slice(from, sp.start).lastIndexOf("\n");
  const lineStart = back < 0 ? 0 : from + back + 1;
  const nl = text.slice(sp.end, sp.end + 200).indexOf("\n");
  if ((back < 0 && from > 0) || (nl < 0 && sp.end + 200 < text.length)) return false;
  const line = text.slice(lineStart, nl < 0 ? text.length : sp.end + nl).trim();
  const words = line.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  return (
    words.length >= 2 &&
    words.length <= 8 &&
    !/[.!?,;]$/.test(line) &&
    words.every((w) => /^[^\p{L}]*\p{Lu}/u.test(w) && !/^\p{Lu}{2,}$/u.test(w.replace(/[^\p{L}]/gu, "")))
  );
}
