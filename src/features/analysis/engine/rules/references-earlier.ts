// More ways a prompt points back at an exchange the model never saw, read by what the phrase does rather
// than by fixed wordings: something the model is said to have made before ("the template you gave me
// yesterday", "the version you wrote earlier"), a choice among options never listed ("Go with option 2",
// "Let's do the second one"), a prompt that opens by repeating an earlier request ("Now do the same for
// the French market", "Apply the same fix to the billing module"), and an agreement leant on ("Like we
// agreed on the call, …"). Each is unclear to a reader who has only the prompt.
import { type Doc, MASK_INSTRUCTION, matchesOf } from "../text.js";
import type { Span } from "../types.js";
import { laysOutCandidates } from "./references.js";

const TIME = `(?:earlier|yesterday|before|last (?:time|week|month|night|year)|this morning|the other day|previously|already|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))`;
/** "the template you gave me", "that version you wrote earlier", "the plan we made last week". */
const MADE_BEFORE_RE = new RegExp(
  String.raw`\b(?:the|that|those|this|these|your)\s+(?:(?!(?:the|a|an|and|or|to|of|in|for|with|is|are|you|we)\b)[a-z-]+\s+){1,3}?(?:(?:that|which)\s+)?(?:you\s+(?:gave|wrote|made|sent|started|began|suggested|drafted|generated|created|came up with|showed|recommended|proposed|produced|put together|wrote up|helped (?:me|us) (?:with|write|make|draft))(?:\s+(?:me|us))?(?=\s+${TIME}|\s+(?:for|to|in|on|and|but|so)\b|\s*[.,;!?]|\s*$)|(?:we|you)\s+(?:wrote|made|drafted|created|built|used|came up with|put together|worked on|sketched|outlined|planned)\s+${TIME})`,
  "gi",
);
/** A prompt that sets up a run of turns: "I want you to act as …", "I will write …", "My first request is". */
const RUN_OF_TURNS_RE =
  /\b(?:i want you to act as|from now on|i will (?:write|say|give|send|type|provide)|my first (?:request|object|sentence|question|command|prompt))\b/i;
const SENT_TO_ME_RE = /\b(?:gave|sent|showed)\s+(?:me|us)\b/i;
/** "Go with option 2", "I'll take version B", "Let's do the second one", "the latter". */
const UNLISTED_CHOICE_RE =
  /\b(?:option|version|draft|idea|suggestion|variant|proposal|alternative|choice)\s+(?:#?\d|([A-Da-d])|one|two|three)\b|\b(?:go|going|went) with (?:the )?(?:first|second|third|last|other|latter|former) (?:one|option|idea|version|draft|suggestion)?|\b(?:let's|let us|i'll|i will|we'll|i'd|we'd|i want to|i'd like to|we want to)\s+(?:do|use|take|pick|keep|try|go with|run with)\s+the\s+(?:first|second|third|fourth|last|other|latter|former)\s+(?:one|option|idea|version|draft|suggestion|approach)\b|^(?<!^[^\S\n]*\n)\s*(?:ok(?:ay)?,?\s+|so,?\s+|great,?\s+|thanks,?\s+)?the\s+(?:first|second|third|last|other)\s+one\b/gim;
/** What lays out options the choice could be among: a list, numbered or labelled lines, counted things. */
const LAID_OUT_RE =
  /^[ \t]*(?:[-*•]|\d+[.)]|[A-D][.):]|\(?[a-d]\))[ \t]*\S|\b(?:two|three|four|five|2|3|4|5|both|several|few|couple of)\s+(?:[a-z-]+\s+){0,2}?(?:options|versions|drafts|ideas|suggestions|variants|proposals|alternatives|choices|approaches|ones)\b|\bor\b/im;
/**
 * A prompt whose opening repeats an earlier request: "Now do the same for …", "Same again but …",
 * "Apply the same fix to …", "Do it again for …". Only the first sentence is read: after a request in
 * the prompt, "do the same for chapter 2" repeats that request.
 */
const REPEAT_OPENING_RE =
  /^\s*(?:(?:ok(?:ay)?|thanks|thank you|great|perfect|cool|nice|good|awesome|lovely|brilliant)\b[^.!?\n]{0,30}[.!?]+\s+)?(?:(?:ok(?:ay)?|now|great|thanks|perfect|cool|nice|good|and|so|next|then|alright|right)[,!.]?\s+){0,3}(?:(?:please|can you|could you|would you)\s+)?(?:(?:do|apply|make|use|repeat|try|run)\s+(?:exactly\s+)?(?:the\s+)?same(?:\s+(?:thing|fix|change|changes|edit|edits|treatment|process|steps|approach|trick|tweak|tweaks|again|one|format|analysis))?|same\s+(?:thing\s+|again\s+)?(?:but|for|with)|(?:do|run|try)\s+(?:it|that|this)\s+again|again,?\s+but)\b/i;
/**
 * "that thing in the deploy script from yesterday", "the email from this morning", "fix that thing": a
 * thing fixed in time by an exchange the model never saw, or named by "that thing" alone.
 */
const THAT_THING_RE =
  /\b(?:(?:that|those|the)\s+(?:(?!(?:the|a|an|and|or|to|of|in|for|with|is|are|you|we)\b)[a-z-]+\s+){0,2}?(?:thing|stuff|issue|problem|bug|error|change|idea|fix|email|message|file|doc|draft|version|list|table|script|post|thread|link|note|notes|plan|numbers|figures)s?\s+(?:(?:in|on|of|with)\s+(?:the|my|our)\s+(?:[a-z-]+\s+){0,2}?[a-z-]+\s+)?from\s+(?:yesterday|earlier|last (?:week|time|night|month)|this morning|the other day|before|our (?:call|meeting|chat))|(?:fix|do|change|send|use|check|finish|try|redo|sort out)\s+that\s+(?:thing|stuff))\b/gi;

/** "Like we agreed on the call, …", "as we decided in the meeting": an agreement the model did not witness. */
const AGREED_RE =
  /\b(?:like|as) (?:we|you|i|they) (?:agreed|discussed|decided|planned|arranged|talked about|went over|settled on)\b(?! (?:above|below|in (?:this|the) (?:prompt|brief|section|document))\b)/gi;

/** The first of these references in the prompt's instructions, or null. */
export function earlierExchange(doc: Doc): Span | null {
  const { text, mask } = doc;
  if (text.length >= 1500) return null;
  const inInstruction = (at: number) => mask[at] === MASK_INSTRUCTION;
  for (const m of matchesOf(text, MADE_BEFORE_RE)) {
    if (!inInstruction(m.index)) continue;
    // a long system prompt speaks of the live exchange ("the answer you gave"): there, only an explicit
    // earlier time or a "gave me" from the author counts
    // (and so does a role set up for a run of turns: "I will write the objects … Do not explain the object you wrote")
    if (
      (text.length >= 600 || RUN_OF_TURNS_RE.test(text)) &&
      !new RegExp(TIME, "i").test(m[0]) &&
      !SENT_TO_ME_RE.test(m[0])
    )
      continue;
    return { start: m.index, end: m.index + m[0].length };
  }
  if (text.length < 600 && !laysOutCandidates(doc)) {
    for (const m of matchesOf(text, UNLISTED_CHOICE_RE)) {
      const at = m.index + (/^\s*/.exec(m[0])?.[0].length ?? 0);
      // ("Draft a …" is a request, not "Draft A")
      if (!inInstruction(at) || (m[1] && m[1] !== m[1].toUpperCase())) continue;
      // "If the user picks option 2, …": a rule for a choice to come
      if (/\b(?:if|when|unless|whenever|once|user|customer|they|he|she)\b[^.!?\n]*$/i.test(text.slice(0, at)))
        continue;
      if (LAID_OUT_RE.test(text.slice(0, m.index)) || /\d/.test(text.slice(0, m.index))) break;
      // "Option 1: annual plan. Option 2: …": a label of options laid out, not a choice among unseen ones
      if (/^\s*[:)\-–—]/.test(text.slice(m.index + m[0].length))) break;
      return { start: at, end: m.index + m[0].length };
    }
    const r = REPEAT_OPENING_RE.exec(text);
    if (r && inInstruction(r.index + r[0].length - 1)) {
      const at = r.index + (/^\s*/.exec(r[0])?.[0].length ?? 0);
      return { start: at, end: r.index + r[0].length };
    }
  }
  for (const m of matchesOf(text, THAT_THING_RE)) {
    if (inInstruction(m.index)) return { start: m.index, end: m.index + m[0].length };
  }
  for (const m of matchesOf(text, AGREED_RE)) {
    if (!inInstruction(m.index)) continue;
    return { start: m.index, end: m.index + m[0].length };
  }
  return null;
}
