// Material the prompt points at but does not include: "the article below" with nothing below, "the
// attached report", "this code" with no code. The model would answer about text it never received.
import { MASK_INSTRUCTION, matchesOf } from "../text.js";
import type { Finding, Span } from "../types.js";
import { opensWithRequest } from "../understand.js";
import { recordLine } from "./duplicates.js";
import {
  FOREIGN_ATTACHED_RE,
  FOREIGN_BARE_TASK_RE,
  FOREIGN_DEMONSTRATIVE_RE,
  FOREIGN_MODAL_BARE_RE,
  FOREIGN_POSITION_RE,
  FOREIGN_REFERENCE_RE,
  GERMAN_MODAL_BARE_RE,
} from "./material-foreign.js";
import { earlierMaterial } from "./material-history.js";
import {
  closingSectionFor,
  distalMaterial,
  emptyLabel,
  foreignWorked,
  inputSlotAtEnd,
  unseenObject,
} from "./material-objects.js";
import { claimedByAnother, ENOUGH, hasMaterial } from "./material-present.js";
import { madeEarlier, workedObject } from "./material-worked.js";
import { bareReference } from "./references-bare.js";
import { findingOf, type Rule } from "./rule.js";
import { foreignUnclear } from "./shared-history.js";

const NOUNS =
  "text|article|paper|essay|document|doc|pdf|report|passage|excerpt|extract|paragraph|intro|introduction|email|e-mail|letter|message|code|function|snippet|script|query|transcript|story|poem|statement|contract|clause|review|post|draft|data|dataset|table|spreadsheet|sheet|csv|json|file|log|notes|list|résumé|resume|cv|chapter|speech|abstract|summary|description|proposal|memo|conversation|chat|thread|tweet|chart|graph|diagram|recipe|lyrics|song|question|problem|sentence|word|content|material|input|output|error|stack trace|bug|bio|biography|profile|path|address|addresse|link|url|item|entry|entrie|spec|specification|chat log|minutes|agenda|example|sample|template|figure|number|result|receipt|invoice|slide|deck|presentation|complaint|ticket|comment|survey|argument|claim|source|context|option|candidate|answer|homework|assignment|exercise|outline|caption|headline|copy";
// "the article below", "the following text", "the attached report", "these figures", "the text above";
// a noun may be plural ("the receipts below") and carry up to two modifiers ("this SQL query")
// (a preposition or a conjunction ends the phrase: "turn these into meeting minutes" names no material)
const MODIFIER =
  "(?!(?:is|are|was|were|a|an|the|will|would|should|must|can|could|and|or|but|so|then|to|of|in|into|onto|on|at|as|by|from|about|over|under|up|down|out|off|for|with|without|that|it|i|you|we|my|our|your|not|be|has|have|had|does|do|did)\\b)[a-z0-9-]+ ";
/**
 * A photo or a screenshot is material like any other: "the attached photo", "this photo" with no image
 * in the request is missing. "The uploaded photo", "the provided images" say the application holds it:
 * a picture travels beside the text to a multimodal model (see APP_PICTURE_RE).
 */
const PICTURES = "photo|image|picture|screenshot|scan|drawing|sketch|render|pic";
const NOUN_PHRASE = `(?:${MODIFIER}){0,2}?(?:${NOUNS}|${PICTURES})(?:s|es)?`;
/** How a writer says they put material in: "I pasted", "we've attached", "I have included". */
const PUT_IN = "(?:i|we)(?:'ve|’ve| have)? (?:just )?";
const REFERENCE_RE = new RegExp(
  `\\b(?:(?:the|this|these|my|our) (?:following|attached|provided|given|enclosed|pasted|included|uploaded|above) ${NOUN_PHRASE}\\b|(?:the|these|my|our) ${NOUN_PHRASE} (?:listed|shown|given|provided|pasted|included|quoted) (?:below|above)\\b|(?:the|this|these|my|our) ${NOUN_PHRASE} (?:below|above|attached|provided|i (?:just )?(?:pasted|attached|uploaded|shared|sent|gave you|forwarded|wrote|showed you|mentioned))\\b|(?:this|these) ${NOUN_PHRASE}\\b|(?:the|this|these|my|our) (?:${MODIFIER}){0,2}?[a-z-]{3,} (?:attached|enclosed|${PUT_IN}(?:attached|pasted|uploaded|enclosed|included|forwarded)|(?:pasted|included|quoted|copied) (?:below|above))\\b|(?:the|my|our) (?:attached|enclosed|uploaded) (?!(?:is|are|was|were|file|files)\\b)[a-z-]{3,}\\b|(?:the) (?:text|passage|excerpt|statement|article|transcript|snippet)\\b|\\bthe (?:following|above)(?=\\s*(?:[.,;:!?)]|$|\\s(?:into|to|in|as|for|and|so|from|with|using|by|please)\\b)))`,
  "gi",
);
const APP_PICTURE_RE = new RegExp(
  `\\b(?:uploaded|provided)\\b.*\\b(?:${PICTURES}|portrait|selfie|headshot|photograph)s?$`,
);
const PICTURE_NOUN_RE = new RegExp(`\\b(?:${PICTURES})(?:s|es)?$`);
/**
 * A request for a picture ("Generate an image of …", "Studio product photo of …"): "this image" in it is
 * the picture to be made, not material.
 */
const MAKES_PICTURE_RE =
  /\b(?:generate|create|draw|design|render|paint|illustrate|produce|make)\s+(?:me\s+)?(?:an?|the|one|some|\d+)\s+(?:[\w-]+\s+){0,3}?(?:image|picture|photo|illustration|drawing|render|portrait|poster|logo|wallpaper|artwork)s?\b|^\s*(?:(?!(?:the|this|these|my|our|your|his|her|their|attached|uploaded|enclosed)\b)[\w-]+\s+){0,3}(?:photo|image|picture|illustration|render|portrait|painting)\s+of\b/i;
/** "this conversation", "this chat": the exchange itself, not material. */
const DEICTIC_RE =
  /^th(?:is|ese) (?:(?:here|current|present|whole|entire|ongoing|very|same) )?(?:conversation|chat|thread|session|answer|output|question|problem|option|example|sample|list|word|number|context|item|entry|entrie|source|copy|claim)s?\b|^this (?:[a-z-]+ ){1,2}(?:conversation|chat|session)\b/i;
/** The task as a whole, named by the prompt itself: "this exercise", "this task", "this activity". */
const TASK_ITSELF_RE = /^this (?:exercise|task|assignment|activity|project|challenge)$/i;
const TASK_FRAME_RE =
  /(?:\b(?:goals?|purpose|aims?|objectives?|point|focus) of this \w+$|(?:^|[.!?]\s*|\n(?<!\n[^\S\n]*\n)\s*)(?:in|for|during|throughout) this \w+,$)/i;
// a line start after a blank line is never tried: the match would start on the blank line (read first), so
// a run of blank lines is crossed once, not once per line
const BARE_PRONOUN_TASK_RE =
  /^(?<!^[^\S\n]*[\n\r])\s*(?:(?:ok|okay|so|now|hey|hi)[,!]?\s+)?(?:please\s+)?(?:(?:can|could|would|will) you (?:please |just |quickly )?)?(?:fix|rewrite|redo|improve|summari[sz]e|sum up|translate|shorten|proofread|edit|check|double-check|review|make|polish|explain|analy[sz]e|format|reformat|correct|simplify|expand|clean up|tidy up|send|forward|post|share|publish|sort|compare|merge|upload|print|grade|mark|rate|score|rank|reword|rephrase|paraphrase|condense|tighten|debug|refactor|optimi[sz]e|turn|put|convert|adapt|finish|complete|continue|answer|read|look (?:at|over)|go (?:over|through)|break down|tweak|update|restructure|critique|evaluate|assess|respond to|reply to|give (?:me )?(?:some |any |your )?(?:feedback|thoughts|comments|notes|an opinion|your opinion) on|(?:any )?(?:feedback|thoughts|comments) on)\s+(this(?: one)?|it|that(?: one)?|these|them|those|the above|the latter|the former|the two|both(?: of them)?)\b(?=\s*(?:[.,!?;:)]|$)|\s+(?:more|less|better|worse|shorter|longer|sound|look|read|again|please|for|up|into|to|so|and|in|as|a bit|clearer|simpler|cleaner|faster|nicer|down|over|from|with|using|properly|quickly|now|like|[a-z]{3,}ier|[a-z]{3,}er(?=\s*[?.!,]))\b)/im;
/**
 * A short question about material it never shows: "Is this correct?", "Does it sound professional?",
 * "What do you think of these?", "Which one is better?". The match ends at the word that stands for it.
 */
const BARE_QUESTION_RE =
  /^\s*(?:(?:ok|okay|so|hey|hi|quick question)[,!:]?\s+)?(?:(?:is|are|was|were|does|do|did|will|would|can|could|should|isn't|doesn't) (?:this(?: one)?|it|that(?: one)?|these|those|they)(?=\s+(?:correct|right|wrong|ok|okay|good|bad|accurate|true|false|valid|fine|grammatical|clear|readable|professional|polite|enough|look|looks|sound|read|make sense|work|seem|need|have|contain|match|follow|fit|better|worse|any good|still|too|well|formal|persuasive|convincing|legit|safe)(?:\s+(?:good|ok|okay|right|correct|fine|professional|better|enough|sense|now|to you|overall|at all|well))*(?:\s+than\s+(?:the|my|our|before|last)\b[^?.\n]{0,40})?\s*\?)|what do you think (?:of|about) (?:this|it|that|these|them|those)\b(?=\s*(?:[.,!?;:)]|$|\s+(?:now|so far|then|overall)\b))|(?:why|how come) (?:does|did|do|is|isn't|doesn't|won't|can't) (?:this|it|that)(?: one)?(?= (?:throw|throws|crash|crashes|fail|fails|return|returns|print|prints|give|gives|show|shows|break|breaks|hang|hangs|loop|error|compile|run|work|not)\b)|(?:which|what) one\b(?=[^.?!\n,:]{0,80}\?)|which of (?:these|those|them|the two)\b(?=[^.?!\n,:]{0,80}\?))/i;

/**
 * A request to write about a pronoun that opens the prompt: "write some posts about it for our
 * socials". What "it" is, the subject the writing needs, is nowhere in the prompt.
 */
const TOPIC_PRONOUN_RE =
  /^\s*(?:(?:ok|okay|so|now|hey|hi)[,!]?\s+)?(?:please\s+)?(?:(?:can|could|would) you\s+)?(?:write|draft|create|compose|generate|make|give me|come up with)\s+(?:(?!(?:about|on|regarding)\b)[\w'-]+\s+){0,4}?(?:about|on|regarding)\s+(it|this|that|them|these|those)\b(?=\s*(?:[.,!?;]|$)|\s+(?:for|in|and|so|with|to|please|that|which)\b)/i;

/** "Reply to him saying …": the message to answer, and who sent it, are nowhere in the prompt. */
const REPLY_TO_PERSON_RE =
  /^\s*(?:(?:ok|okay|so|hey|hi)[,!]?\s+)?(?:please\s+)?(?:(?:can|could|would) you\s+)?(?:help me\s+)?(?:reply|respond|write back|answer) to (him|her)\b/i;

/** A reference that says where the material is in this prompt. */
const POSITIONED_RE =
  /\b(?:below|above|following)\b|\b(?:at the (?:end|bottom|top|start) of|later in|further down in|in) (?:this|the) (?:prompt|message|brief)\b|\bin the (?:<[\w-]+>|[\w-]+) (?:section|tags?|block)\b/i;
/**
 * The place a reference names after its noun: "… provided in the <kb> section", "… at the end of this
 * prompt". ("Summarise the text in the Summary section" names where the answer goes, not the material.)
 */
const PLACE_AFTER_RE =
  /^[^.!?\n]{0,30}?\b(?:(at the (?:end|bottom) of|later in|further down in) (?:this|the) (?:prompt|message|brief)|(?:provided|given|included|pasted|found|shown|listed|quoted|attached|contained|stored|supplied) in the (?:<([\w-]+)>|([\w-]+)) (?:section|tags?|block))\b/i;
/**
 * A standing brief for an assistant that serves others ("You're the coding assistant for our backend
 * team", "You are a customer service assistant for …"), or one that says material comes with each
 * request: "the code" or "the product page text" in it is whatever arrives with the request.
 */
const ASSISTANT_FOR =
  "(?:a|an|the|our)\\s+(?:[\\w&'-]+\\s+){0,3}?(?:assistant|agent|bot|chatbot|copilot|helper|concierge|advisor|adviser)\\s+(?:for|at|of|on|in|to|who|that|working)\\b";
const STANDING_BRIEF_RE = new RegExp(
  `\\b(?:you are|you're|you’re)\\s+${ASSISTANT_FOR}|\\b(?:with|in) (?:each|every) (?:request|message|question|ticket|query|conversation|case)\\b`,
  "i",
);
/** A named assistant serving others: "You are Compass, the HR policy assistant for Northgate". */
const NAMED_ASSISTANT_RE = new RegExp(`\\b(?:you are|you're|you’re)\\s+[\\w-]+,\\s+${ASSISTANT_FOR}`, "i");
/**
 * "Here is the schema:", "Below are the meeting notes:", "I've pasted my draft:" ending its line: an
 * announcement of material, which the next lines must then be ("Here is how to …:", "Here is what to do …:"
 * announce instructions instead).
 */
const ANNOUNCED_RE =
  /(?:^|\n)[ \t]*(?:here(?:'s|’s| is| are)|below (?:is|are)|attached (?:is|are)|(?:i|we)(?:'ve|’ve| have)? (?:pasted|attached|included|added|copied))\s+(?!(?:how|what) (?:to|you)\b)(?:(?:the|my|our|a|an|some|this|these|his|her|their)\s+)?[\w' -]{2,40}?[ \t]*:[ \t]*(?=\n|$)/gi;

/** The announcement whose material is missing: what follows it is the request, or nothing. */
function announcedNothing(doc: Parameters<Rule["check"]>[0]["doc"]): Span | null {
  ANNOUNCED_RE.lastIndex = 0;
  for (const m of matchesOf(doc.text, ANNOUNCED_RE)) {
    const lead = /^\s*/.exec(m[0])![0].length;
    const at = { start: m.index + lead, end: m.index + m[0].length };
    if (doc.mask[at.start] !== MASK_INSTRUCTION) continue;
    const after = doc.text.slice(at.end);
    // the next paragraph is the request itself, and no other material follows it
    const next = after.split(/\n[ \t]*\n/).find((p) => p.trim() !== "") ?? "";
    if (after.trim() !== "" && !opensWithRequest(next)) continue;
    const rest = after.slice(after.indexOf(next) + next.length);
    if (rest.trim().length >= ENOUGH || doc.vars.length > 0 || doc.slots.length > 0) continue;
    return at;
  }
  return null;
}

/** Material that arrives with each request: the user's message, texts the author says they will send. */
const RUN_TIME_MATERIAL_RE =
  /\b(?:(?:provided|sent|shared|uploaded|submitted|pasted|given) by (?:the )?users?\b|provided (?:during|in|within) (?:the|that|this|each|every|a) (?:interaction|conversation|session|chat)|the user|users (?:will|may|can|might|send|ask|paste|share|provide|submit|upload|give|type|write)|(?:when|if|where) users|user's|customer's (?:message|question|request|email|input|text)|you will (?:receive|be given|get)|(?:you are|you're|you’re) (?:given|sent|handed)|i (?:will|'ll) (?:provide|give|send|paste|share|type|write|upload)|(?:will|to) be (?:provided|given|pasted|supplied|sent))\b/i;

/** A request for something to be made: a later "it" stands for that output. */
const DELIVERABLE_BEFORE_RE =
  /\b(?:write|draft|create|compose|generate|produce|design|make|build|give me|come up with|suggest|list|outline|plan|describe|explain|tell me)\b/i;

/** A bare question's match, shaped like a bare request's (group 1 is the word that stands for the material). */
function bareQuestion(text: string): RegExpExecArray | null {
  const m = BARE_QUESTION_RE.exec(text);
  // "Which one is older, Rome or Athens?": the options are in the question
  if (!m || /\bor\b/i.test(text.slice(m.index, text.indexOf("?", m.index) + 1 || text.length))) return null;
  const word = /\S+$/.exec(m[0])![0];
  const out = [m[0], word] as unknown as RegExpExecArray;
  out.index = m.index;
  out.input = text;
  return out;
}

/**
 * A finding on material the prompt lacks: a reference that points at it ("the article below"), or a bare
 * request's pronoun or clitic that stands for it ("Fix this.", "Riscrivilo").
 */
function missingFinding(phrase: string, at: Span, pronoun = false): Finding {
  return findingOf(
    MISSING_MATERIAL,
    `"${phrase}" ${pronoun ? "stands for" : "points at"} material that is not in the prompt.`,
    pronoun
      ? "Paste the text after the instruction, inside delimiters, or use a {{variable}} for it."
      : "Paste the material after the instruction, inside delimiters (<text>…</text> or triple quotes), or use a {{variable}} for it.",
    [at],
  );
}

/** Whether the prompt has a section of that name: a tag block, section markup or a heading. */
function hasSection(doc: Parameters<Rule["check"]>[0]["doc"], name: string): boolean {
  // "the reference section" is the "References" heading: singular and plural name one section
  const stemmed = name.replace(/[^\w-]/g, "").replace(/s$/, "");
  const same = (n: string) => n.toLowerCase().replace(/s$/, "") === stemmed;
  return (
    doc.blocks.some((b) => same(b.name)) ||
    doc.markup.some((b) => same(b.name)) ||
    new RegExp(`^[ \\t#]*${stemmed}s?[ \\t]*:?[ \\t]*$`, "im").test(doc.text)
  );
}

export const MISSING_MATERIAL: Rule = {
  id: "PF105",
  kind: "missing_referenced_material",
  severity: "warning",
  description:
    'Refers to material ("the text below", "the attached report", "this code") that the prompt does not include.',
  check(ctx) {
    // a reference inside an answer option or a field of a repeated record (a few-shot example's
    // "Sentence: Kindly find the signed contract enclosed.") is the example's, not the author's
    return missing(ctx).filter((f) => !f.spans.some((s) => recordLine(ctx.doc.text, s.start)));
  },
};

function missing(ctx: Parameters<Rule["check"]>[0]): Finding[] {
  const { doc } = ctx;
  const out: Finding[] = [];
  // Images, photos and screenshots travel beside the text to a multimodal model: never "missing".
  // System prompts describe what the user will send; material arriving at run time is not missing.
  // ("the passages below" still points at this prompt: only a reference without a position is excused)
  // (as does a template closing on its input section, "# INPUT" then "INPUT:")
  const runTime = RUN_TIME_MATERIAL_RE.test(doc.text) || inputSlotAtEnd(doc.text);
  if (runTime && !POSITIONED_RE.test(doc.text)) return out;
  // (a brief for an assistant serving others, named or not: "You are Compass, the HR assistant for …")
  const brief = STANDING_BRIEF_RE.test(doc.text);
  const persona = brief || NAMED_ASSISTANT_RE.test(doc.text);
  const standing = runTime || brief;
  // "Fix this." / "Can you make it sound more professional?": a short request whose only object is a
  // pronoun, with nothing attached
  const bare = runTime
    ? null
    : (BARE_PRONOUN_TASK_RE.exec(doc.text) ??
      TOPIC_PRONOUN_RE.exec(doc.text) ??
      REPLY_TO_PERSON_RE.exec(doc.text) ??
      bareQuestion(doc.text.trim().length < 150 ? doc.text : ""));
  const bareForeign =
    bare || runTime
      ? null
      : (FOREIGN_BARE_TASK_RE.exec(doc.text) ??
        FOREIGN_MODAL_BARE_RE.exec(doc.text) ??
        GERMAN_MODAL_BARE_RE.exec(doc.text));
  if (
    bareForeign &&
    doc.text.trim().length < 150 &&
    // material after a full-width colon or in corner quotes: "これを翻訳して：「…」"
    !/[：:]\s*\S{4,}|[「“"『][^」”"』]{4,}/u.test(
      doc.text.slice(bareForeign.index + bareForeign[0].length),
    ) &&
    !hasMaterial(ctx, { start: 0, end: bareForeign[0].length }, "this")
  ) {
    const at = { start: bareForeign.index, end: bareForeign.index + bareForeign[0].length };
    out.push(missingFinding(bareForeign[0].trim(), at, true));
    return out;
  }
  // a short prompt: the request may follow a line of set-up ("Tools: …")
  if (
    bare &&
    doc.text.trim().length < (bare.index === 0 ? 150 : 250) &&
    // "Write a story about a dragon.\nMake it shorter.": "it" is what the prompt asked for earlier
    !(bare.index > 0 && DELIVERABLE_BEFORE_RE.test(doc.text.slice(0, bare.index))) &&
    // labelled candidates before it ("Option 1: … Option 2: …") are the material, if not a clear one
    !(
      bare.index > 0 &&
      /^[ \t]*[A-Z][\w ]{0,20}[ \t]*(?:[A-Da-d1-4])?[ \t]*:[ \t]*\S.{8,}$/m.test(
        doc.text.slice(0, bare.index),
      ) &&
      doc.text
        .slice(0, bare.index)
        .split("\n")
        .filter((l) => /^[ \t]*[A-Z][\w ]{0,20}:[ \t]*\S/.test(l)).length >= 2
    ) &&
    !hasMaterial(ctx, { start: bare.index, end: bare.index + bare[0].length }, "this")
  ) {
    const at = { start: bare.index + bare[0].length - bare[1]!.length, end: bare.index + bare[0].length };
    out.push(missingFinding(bare[1]!, at, true));
    return out;
  }
  // the same, read from what the sentence does rather than its wording ("explain this line by line")
  const general = bare || bareForeign || runTime ? null : bareReference(ctx);
  if (general?.material) {
    out.push(missingFinding(doc.text.slice(general.at.start, general.at.end), general.at, true));
    return out;
  }
  const announced = runTime ? null : (announcedNothing(doc) ?? emptyLabel(doc));
  if (announced) {
    out.push(
      findingOf(
        MISSING_MATERIAL,
        `"${doc.text.slice(announced.start, announced.end)}" announces material that is not in the prompt: the request follows it instead.`,
        "Paste the material after the colon, inside delimiters, or use a {{variable}} for it.",
        [announced],
      ),
    );
    return out;
  }
  REFERENCE_RE.lastIndex = 0;
  FOREIGN_REFERENCE_RE.lastIndex = 0;
  FOREIGN_POSITION_RE.lastIndex = 0;
  FOREIGN_ATTACHED_RE.lastIndex = 0;
  FOREIGN_DEMONSTRATIVE_RE.lastIndex = 0;
  // (read in prompts in another language, or short enough to have been taken for English)
  const foreign = ctx.partial || doc.text.length < 600;
  const references = [
    ...matchesOf(doc.text, REFERENCE_RE),
    ...matchesOf(doc.text, FOREIGN_REFERENCE_RE),
    ...(foreign ? matchesOf(doc.text, FOREIGN_ATTACHED_RE) : []),
    // (read as "this …": material shown before it may be what it points at)
    ...(foreign ? [...matchesOf(doc.text, FOREIGN_DEMONSTRATIVE_RE)] : []).map((m) =>
      Object.assign(m, { demonstrative: true }),
    ),
    ...[...matchesOf(doc.text, FOREIGN_POSITION_RE)].map((m) => {
      // the match may open on the character before the phrase
      const lead = /^[^\p{L}]?/u.exec(m[0])![0].length;
      const out = [m[0].slice(lead)] as unknown as RegExpExecArray;
      out.index = m.index + lead;
      return out;
    }),
  ].sort((a, b) => a.index - b.index);
  const forwardNouns: string[] = [];
  for (const m of references) {
    if (doc.mask[m.index] !== MASK_INSTRUCTION) continue;
    const at = { start: m.index, end: m.index + m[0].length };
    let lower = "demonstrative" in m ? `this ${m[0].trim().toLowerCase()}` : m[0].toLowerCase();
    // (read from the reference's last word: "the articles provided" + " in the <kb> section")
    const place = PLACE_AFTER_RE.exec(/\S+$/.exec(m[0])![0] + doc.text.slice(at.end, at.end + 120));
    // in a standing brief only a reference that says where in this prompt the material is can miss it
    // ("this code" in a role prompt still points at something here)
    if (standing && !place && !POSITIONED_RE.test(lower) && (runTime || !/^th(?:is|ese) /.test(lower)))
      continue;
    if (DEICTIC_RE.test(lower) || APP_PICTURE_RE.test(lower)) continue;
    // "the goals of this exercise are …", "In this exercise, you …": the task itself
    if (
      TASK_ITSELF_RE.test(lower) &&
      TASK_FRAME_RE.test(
        doc.text.slice(Math.max(0, at.start - 30), at.end + (doc.text[at.end] === "," ? 1 : 0)),
      )
    )
      continue;
    // "Create an outline for … This outline must be detailed": the output the prompt asks for, not material
    if (
      !/\b(?:below|above|following|attached|enclosed|pasted|included|uploaded|provided|i )/.test(lower) &&
      madeEarlier(doc.text.slice(0, at.start), /[a-z-]+$/.exec(lower)?.[0] ?? "", true)
    )
      continue;
    // "I hope this message finds you well": the prompt itself
    if (/^\s+finds? you\b/i.test(doc.text.slice(at.end, at.end + 12))) continue;
    if (PICTURE_NOUN_RE.test(lower) && MAKES_PICTURE_RE.test(doc.text)) continue;
    // "at the end of this prompt" is read as "below", with the prompt's last paragraph as its material
    if (place?.[1]) lower += /\bend of\b/i.test(place[1]) ? " at the end of this prompt" : " below";
    const section = place?.[2] ?? place?.[3];
    // "… in the <kb> section" when the prompt has no such section (in a standing brief a tagged block
    // named and absent, "the policy extracts provided in the <policies> block", is filled per request)
    if (section && !hasSection(doc, section.toLowerCase()) && !(persona && place?.[2])) {
      out.push(missingFinding(m[0], at));
      break;
    }
    // "the text" in a long prompt usually names something the prompt discussed earlier
    if (
      lower.startsWith("the ") &&
      !/\b(?:below|above|following|attached|provided|given|enclosed|pasted|included|uploaded|i )/.test(
        lower,
      ) &&
      doc.text.length > 400
    )
      continue;
    // "the examples below" after "the following addresses", with one list below: the list is theirs
    const noun =
      /([a-z-]+)(?:\s+(?:below|following|attached|provided|pasted|included|above))*$/.exec(lower)?.[1] ?? "";
    const forward = /\b(?:below|following)\b/.test(lower);
    // (or the last heading after it is named for it: "# ESSAY" closing the prompt is where the essay goes)
    const present = hasMaterial(ctx, at, lower) || (forward && closingSectionFor(doc.text, at.end, noun));
    if (present && !(forward && claimedByAnother(doc, at, noun, forwardNouns))) {
      if (forward) forwardNouns.push(noun);
      continue;
    }
    out.push(missingFinding(m[0], at));
    break;
  }
  // "like the ones in that spreadsheet": unclear, and missing (reported under both kinds, as for "Fix this.")
  const distal = out.length === 0 && !standing ? distalMaterial(doc) : null;
  if (distal) out.push(missingFinding(doc.text.slice(distal.start, distal.end), distal, true));
  // "Do the same as before for the March numbers", "the taxonomy we agreed on last week": what the
  // earlier exchange produced is material this prompt does not carry
  const history = out.length === 0 ? earlierMaterial(doc) : null;
  if (history) {
    const phrase = doc.text.slice(history.start, history.end);
    out.push(
      findingOf(
        MISSING_MATERIAL,
        `"${phrase}" points at material from an earlier exchange that is not in the prompt.`,
        "Paste what you mean (the earlier version, the list, the previous answer) instead of pointing back at it.",
        [history],
      ),
    );
  }
  if (out.length === 0 && !standing) {
    const worked = workedObject(ctx);
    if (worked) out.push(missingFinding(worked.phrase, worked.at));
    const unseen =
      out.length === 0 && doc.text.length < 400 ? (unseenObject(doc) ?? foreignWorked(ctx)) : null;
    if (unseen) out.push(missingFinding(doc.text.slice(unseen.start, unseen.end), unseen));
  }
  // in the other languages the shared-history rule does not run: its foreign wordings are read here
  if (ctx.partial) {
    const history = foreignUnclear(doc);
    if (history) out.push(history);
  }
  return out;
}
