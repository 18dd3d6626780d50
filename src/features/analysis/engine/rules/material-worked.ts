// A request that works on an object it names and never includes: "Proofread my cover letter", "Based on
// the transcript, write minutes", "Is the statement true?", "Here is my code." Read in short requests,
// and in longer ones whose context is all the writer's own words and whose closing request names the
// object ("I'm a product manager at … Here's my draft of the launch announcement. Can you tighten it
// up?"): a prompt that long with no block, quote, list or variable anywhere carries no material.
import { type Doc, MASK_INSTRUCTION, matchesOf } from "../text.js";
import type { Span } from "../types.js";
import { opensWithRequest } from "../understand.js";
import { closingSectionFor } from "./material-objects.js";
import { hasMaterial, isInstructionOnly } from "./material-present.js";
import type { Rule } from "./rule.js";

/**
 * A short request that works on an object it names and never includes: "Proofread my cover letter",
 * "Is the statement true?", "Based on the transcript, write minutes", "Here is my code."
 */
const WORKED_OBJECT_RE =
  /\b(?:summari[sz]e|sum up|translate|proofread|review|fix|edit|improve|rewrite|reword|rephrase|check|grade|mark|score|rate|rank|critique|shorten|condense|tighten|polish|analy[sz]e|compare|classify|categori[sz]e|annotate|reformat|format|convert|turn|go (?:through|over)|look (?:over|at|through)|read(?: through)?|take|extract [\w ]{1,40}? from|answer the questions (?:in|at the end of|from)|(?:feedback|thoughts|comments|notes) on|reply to|respond to|update|use|here(?: is| are|'s|’s)|(?:i|we)(?:'ve|’ve| have)? (?:just )?(?:pasted|attached|included|added|copied|uploaded|shared))\s+(?:(?:all|each|both) (?:of )?)?(?:the|my|our|this|these|those|his|her|their|the two|the three|[a-z]+'s)\s+(?:(?!(?:the|a|an|and|or|to|of|in|for|with|that|is|are)\b)[a-z-]+(?:'s|’s)?\s+){0,2}?(feedback|comments|complaints|testimonials|submissions|responses|answers|replies|brief|text|article|essay|report|paragraph|passage|excerpt|statement|transcript|contract|clause|email|e-mail|letter|cover letter|proposal|draft|invoice|receipt|table|chart|spreadsheet|study|chapter|code|snippet|function|script|query|error message|stack trace|log|poem|story|short story|speech|minutes|notes|survey results|results|figures|numbers|data|dataset|reviews|resume|résumé|cv|rubric|document|doc|pdf|intro|introduction|slides|deck|presentation|job description|complaint|tweet|lyrics|essay|homework|assignment|answers)(?:s|es)?\b/gi;
/**
 * The same objects after a preposition or a copula ("Based on the transcript, …", "Is the statement
 * true?"): only nouns that always name pasted material, as "in the results" or "from the data" often
 * speak of the world.
 */
const PLACED_OBJECT_RE =
  /\b(?:based on|using|from|according to|in|is|are|drawing on|going by|considering|given|in light of|with reference to|referring to|relying on|working from)\s+(?:(?:all|each|both) (?:of )?)?(?:the|my|our|this|these|those|his|her|their|the two|[a-z]+'s)\s+(?:(?!(?:the|a|an|and|or|to|of|in|for|with|that|is|are)\b)[a-z-]+(?:'s|’s)?\s+){0,2}?(feedback|comments|complaints|testimonials|submissions|responses|answers|replies|brief|questionnaire|text|article|essay|report|paragraph|passage|excerpt|statement|transcript|contract|clause|email|e-mail|letter|cover letter|proposal|draft|invoice|table|chart|spreadsheet|study|chapter|code|snippet|function|script|error message|stack trace|log|poem|story|speech|minutes|notes|survey results|reviews|resume|résumé|cv|rubric|document|pdf)s?\b/gi;
/** A gloss on the object in its own sentence: what the material holds, given inline. */
const GLOSSED_RE =
  /\([^)]{20,}\)|\s[—–]\s*\S[^.!?]{20,}|,\s*(?:mostly|mainly|namely)\b|\b(?:that|which)\s+(?:say|says|said|show|shows|showed|mention|mentions|mentioned|complain|complained|found|find)\b/i;

/** Verbs that ask for a thing to be made, and the words that may stand between them and the thing. */
const MAKE_VERBS =
  "write|draft|create|compose|generate|produce|prepare|make|build|design|develop|craft|come up with|give me|reply with|respond with|return|output";
const BETWEEN = "(?:[\\w'-]+\\s+){0,4}?";
/** The same, where a preposition ends the thing asked for ("write a summary of the article" makes no article). */
const STRICT_BETWEEN =
  "(?:(?!(?:of|about|on|to|from|for|in|into|with|based|using|and|then)\\b)[\\w'-]+\\s+){0,4}?";

/**
 * True when `before` asks for the thing the noun names ("I want to create a brand story …", "come up with
 * SVG code for the image"): a later "this brand story", "the code" is that output, not material.
 */
export function madeEarlier(before: string, noun: string, strict = false): boolean {
  const made = noun
    .toLowerCase()
    .replace(/(?:(?<=[sx]|ch|sh)es|s)$/, "")
    .replace(/[^\w\s'-]/g, "");
  if (made.trim() === "") return false;
  return new RegExp(
    `\\b(?:${MAKE_VERBS})\\s+${strict ? STRICT_BETWEEN : BETWEEN}${made}(?:e?s)?\\b`,
    "i",
  ).test(before);
}

/** Tables, charts and stories everyone knows: "the periodic table", "the multiplication table". */
const GENERAL_KNOWLEDGE_RE = /\b(?:periodic|multiplication|times|league|water|round)\s+tables?\b/i;

/** Longest prompt read; past 400 characters only a closing request is read (see longAsk). */
const LONGEST = 1500;

export function workedObject(ctx: Parameters<Rule["check"]>[0]): { phrase: string; at: Span } | null {
  const { doc } = ctx;
  if (doc.text.length >= LONGEST) return null;
  const long = doc.text.length >= 400;
  if (long && !longPromptWithoutMaterial(doc)) return null;
  WORKED_OBJECT_RE.lastIndex = 0;
  PLACED_OBJECT_RE.lastIndex = 0;
  const worked = [...matchesOf(doc.text, WORKED_OBJECT_RE), ...matchesOf(doc.text, PLACED_OBJECT_RE)].sort(
    (a, b) => a.index - b.index,
  );
  for (const m of worked) {
    if (doc.mask[m.index] !== MASK_INSTRUCTION) continue;
    const at = { start: m.index + m[0].length - m[1]!.length, end: m.index + m[0].length };
    // the deliverable, not a reference: "write the email", "draft a report"
    const lead = doc.text.slice(Math.max(0, m.index - 40), m.index).toLowerCase();
    // ("write a reply to the email": the email is what is answered, and missing)
    if (
      !/^(?:reply to|respond to|based on|using|from|according to|drawing on|going by|working from|relying on|referring to)\b/i.test(
        m[0],
      ) &&
      /\b(?:write|draft|create|compose|generate|produce|prepare|make|build|design|plan|outline|start)\s+(?:\w+\s+){0,3}$/.test(
        lead,
      )
    )
      continue;
    // material given inline ("the tables customers(id, name)", a quoted passage of some length — a
    // quoted title, "my essay 'The Green Light'", is not the essay), or a published source ("the
    // survey results from Pew Research", "the figures released by the Census Bureau")
    const tail = doc.text.slice(at.end, at.end + 120);
    if (/^\s*(?:[\w.]+\s*\([^)\n]*\)|["'`“‘][^"'`”’\n]{40,})/.test(tail)) continue;
    if (
      /^\s+(?:published by|released by|conducted by|from the \d{4}\b|(?:from|by)\s+(?:the\s+)?[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*\s+(?:Research|Institute|University|Foundation|Bureau|Census|Survey|Agency|Organi[sz]ation|Commission|Bank|Council|Ministry|Department|Office|Association|Society|Times|Post|Journal|News|Center|Centre|Group)\b|(?:from|by)\s+(?:Pew|Gallup|Gartner|McKinsey|Deloitte|Nielsen|Statista|Eurostat|OECD|IMF|WHO|UN|UNESCO|NASA|CDC|NHS|ONS|BLS)\b)/.test(
        tail,
      )
    )
      continue;
    if (/^(?:responses|answers|replies|comments)$/i.test(m[1]!) && /^\s+(?:of|to|by)\b/i.test(tail)) continue;
    // quoted or introduced material in the same sentence ("the sentence 'Hello'", "this code: …")
    const sentenceEnd = doc.text.slice(at.end).search(/[.!?](?:\s|$)|\n/);
    const rest = doc.text.slice(at.end, sentenceEnd < 0 ? doc.text.length : at.end + sentenceEnd);
    if (rest.includes(":") || !isInstructionOnly(doc.mask, at.end, at.end + rest.length)) continue;
    // "Write the launch email. Then summarize the email …": the object is what an earlier request makes
    if (madeEarlier(doc.text.slice(0, m.index), m[1]!)) continue;
    // a thing of general knowledge: "each element in the periodic table"
    if (GENERAL_KNOWLEDGE_RE.test(m[0])) continue;
    // what it holds, glossed in the sentence: "(mostly that setup is confusing)", "— people hate …",
    // "Based on the feedback we got, people find …" (a clause that is not the request)
    if (GLOSSED_RE.test(rest)) continue;
    const clause = /,\s*([^,]+)$/.exec(rest)?.[1];
    if (
      clause &&
      /^(?:based on|using|from|according to|drawing on|going by|working from|relying on|referring to|given|considering|in light of|with reference to)\b/i.test(
        m[0],
      ) &&
      !opensWithRequest(clause)
    )
      continue;
    // "Summarize the essay." with "# ESSAY" closing the prompt: the section it goes in
    if (closingSectionFor(doc.text, at.end, m[1]!.toLowerCase())) continue;
    if (long ? !longAsk(doc, m.index, m[1]!) : hasMaterial(ctx, at, "this")) continue;
    return { phrase: m[0].trim(), at };
  }
  return null;
}

/** A statement of the model's role or a standing brief: its nouns name what will arrive. */
const BRIEF_RE =
  /^\s*(?:#[^\n]*\n\s*)?(?:you are|you're|you’re|act as|your (?:role|job|task) is|as an? )\b|\b(?:the user|the user's|the customer's)\b/i;
/** Signs of material written in: a quoted passage, a list, a labelled line with content, a colon then a new line. */
const WRITTEN_IN_RE =
  /["“«`][^"”»`\n]{25,}|^[ \t]*(?:[-*•]|\d+[.)])[ \t]+\S|^[ \t]*[\w ]{2,30}:[ \t]*\S[^\n]{20,}|:[ \t]*\n/m;

function longPromptWithoutMaterial(doc: Doc): boolean {
  if (doc.blocks.length > 0 || doc.vars.length > 0 || doc.slots.length > 0) return false;
  for (let i = 0; i < doc.text.length; i++) if (doc.mask[i] !== MASK_INSTRUCTION) return false;
  return !BRIEF_RE.test(doc.text) && !WRITTEN_IN_RE.test(doc.text);
}

/**
 * In a longer prompt, whether the reference is in its closing request (the last paragraph, or the last
 * two sentences) and its noun is not spoken of before, where the context could be describing it.
 */
function longAsk(doc: Doc, from: number, noun: string): boolean {
  const { text } = doc;
  const tail = text.slice(from);
  if (/\n[ \t]*\S/.test(tail.trimEnd())) return false;
  const sentencesAfter = tail.split(/[.!?](?:\s|$)/).filter((x) => x.trim()).length;
  if (sentencesAfter > 2) return false;
  const stemmed = noun.toLowerCase().replace(/(?:(?<=[sx]|ch|sh)es|s)$/, "");
  return !new RegExp(`\\b${stemmed}(?:e?s)?\\b`, "i").test(text.slice(0, from));
}
