// Ambiguous references (PF102): a pronoun or demonstrative that points at nothing stated earlier.

import * as lexicon from "../lexicon.js";
import { stem } from "../signals.js";
import { type Doc, MASK_CONTENT, MASK_INSTRUCTION, TOKEN_PUNCT, TOKEN_VAR, TOKEN_WORD } from "../text.js";
import type { Finding, Span } from "../types.js";
import { opensWithRequest } from "../understand.js";
import { finding, quote } from "./catalogue.js";
import type { RuleContext } from "./context.js";
import { FEMALE, MALE, PERSON_RE, singleAntecedentBefore } from "./references-named.js";

/** Nouns a demonstrative can point at in time or discourse rather than at material ("this week"). */
const DEICTIC_NOUNS = lexicon.wordSet(
  "week month year season quarter time morning afternoon evening weekend semester term moment way case point one kind sort type step stage part",
);
/** Nouns that name material the prompt would have to include ("this article", "these files"). */
const MATERIAL_NOUNS = lexicon.wordSet(
  "article paper text code email essay document report paragraph sentence story poem post letter contract clause file files data list table spreadsheet script function query transcript draft review reviews message resume cv page chapter section image photo video passage snippet bug error log logs recipe menu notes",
);

/**
 * "this article" / "these files" at the start of the prompt's content, naming material that is neither
 * mentioned before nor attached anywhere: the reader is pointed at something they cannot see.
 */
function isMissingMaterial(doc: Doc, i: number, lastAttached: number): boolean {
  const { tokens } = doc;
  const t = tokens[i]!;
  const noun = tokens[i + 1]!;
  if (noun.type !== TOKEN_WORD || !MATERIAL_NOUNS.has(noun.lower) || DEICTIC_NOUNS.has(noun.lower))
    return false;
  if (lastAttached > t.start || doc.blocks.length > 0 || doc.vars.length > 0) return false;
  // cataphora in the same sentence: "Explain this concept: recursion."
  for (let k = i + 2; k < tokens.length && tokens[k]!.sentence === t.sentence; k++)
    if (tokens[k]!.lower === ":") return false;
  return true;
}

function mentionedBefore(doc: Doc, i: number, noun: string): boolean {
  const st = stem(noun);
  for (let k = 0; k < i; k++) if (stem(doc.tokens[k]!.lower) === st) return true;
  return false;
}

const NOT_ANTECEDENT =
  lexicon.W_STOP |
  lexicon.W_NON_NOUN |
  lexicon.W_TASK |
  lexicon.W_META |
  lexicon.W_VAGUE_ADJ |
  lexicon.W_VAGUE_Q |
  lexicon.W_BUZZ;

const PRONOUN_FOLLOWERS = new Set(
  "is was are were should must needs need will would can could has have does did looks seems sounds means into to for in on about with so and but better shorter longer up more less again please one too as by from now faster nicer cleaner work works doesn't isn't".split(
    " ",
  ),
);
// ("It is absolutely imperative, …, that …": an adverb may come between)
const EXPLETIVE_AFTER_IT =
  /^(?:is|'s|was|would be|will be|seems|looks|should be noted)\s+(?:(?:absolutely|extremely|very|really|most|so|critically|vitally|highly|also|therefore|thus|especially|particularly)\s+)?(?:imperative|critical|mandatory|paramount|required|important|necessary|essential|crucial|better|best|ok|okay|fine|possible|likely|clear|helpful|great|nice|really|very|vital|recommended|worth|true|raining)\b/;

/** After "this": the assistant the prompt sets up ("is a … chatbot", "is your role", "assistant is …"). */
const SELF_DESCRIBED_RE =
  /^\s+(?:is (?:a|an|the|your)\b[^.!?\n]{0,60}?\b(?:chatbot|bot|gpt|assistant|agent|game|tool|app|prompt|persona|companion|tutor|coach|simulator|simulation)\b|(?:gpt|assistant|bot|chatbot|prompt)\b)/;

export function ambiguousReferences({ doc, fluff, hedges }: RuleContext, out: Finding[]): void {
  const { tokens, text } = doc;
  let antecedent = false;
  let lastAttached = -1;
  for (const b of doc.blocks) lastAttached = Math.max(lastAttached, b.start);
  for (const v of doc.vars) lastAttached = Math.max(lastAttached, v.start);
  for (const s of doc.slots) lastAttached = Math.max(lastAttached, s.start);
  const inSpans = (pos: number, spans: Span[]) => spans.some((f) => pos >= f.start && pos < f.end);
  const flagged: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.mask !== MASK_INSTRUCTION || t.type !== TOKEN_WORD) {
      if (t.type === TOKEN_VAR || t.mask === MASK_CONTENT) antecedent = true;
      continue;
    }
    const l = t.lower;
    const flags = lexicon.WORD_FLAGS.get(l) ?? 0;
    if (!(flags & lexicon.W_PRONOUN) || l === "its") {
      if (l.length >= 3 && (flags & NOT_ANTECEDENT) === 0 && !l.endsWith("ly")) antecedent = true;
      continue;
    }
    const next = tokens[i + 1];
    // "this article" checks its own noun, not any earlier noun: "Fix the bug in this code." with no code
    if (
      (l === "this" || l === "these" || l === "those") &&
      next &&
      next.type === TOKEN_WORD &&
      MATERIAL_NOUNS.has(next.lower)
    ) {
      if (isMissingMaterial(doc, i, lastAttached) && !mentionedBefore(doc, i, next.lower))
        flagged.push({ start: t.start, end: next.end });
      continue;
    }
    if (antecedent) continue;
    const nextLower = next?.lower ?? "";
    const nextIsEnd = !next || next.type === TOKEN_PUNCT || next.newline;
    if (l === "this" || l === "that" || l === "these" || l === "those") {
      // a determiner ("this contract") or a complementiser ("explaining that her order…") is not a pronoun,
      // but "Summarize this article." with no article anywhere still points at nothing
      if (!nextIsEnd && !PRONOUN_FOLLOWERS.has(nextLower)) continue;
      if (l === "that" && i > 0 && tokens[i - 1]!.sentence === t.sentence && !nextIsEnd) continue;
      // "this:" introduces the attached material
      if (nextLower === ":") continue;
    }
    if (l === "it") {
      const rest = doc.instructionLower.slice(t.end, t.end + 40).trimStart();
      if (EXPLETIVE_AFTER_IT.test(rest)) continue;
    }
    // "This is a 'mean VC' chatbot …", "This GPT is …" opening a system prompt: the prompt describes itself
    if (l === "this" && SELF_DESCRIBED_RE.test(doc.instructionLower.slice(t.end, t.end + 80))) continue;
    if (inSpans(t.start, fluff) || inSpans(t.start, hedges)) continue;
    // material attached after the reference ("Summarize this.\n\n<article>…") resolves it
    if (lastAttached > t.start) continue;
    // "this is a list of …" followed by pasted material is handled above; plain text after a colon too
    if (/^[:\n]/.test(text.slice(t.end).trimStart().charAt(0)) && lastAttached > t.start) continue;
    flagged.push({ start: t.start, end: t.end });
  }
  for (const sp of flagged.slice(0, 5)) {
    out.push(
      finding(
        "PF102",
        `"${quote(doc, sp)}" does not refer to anything stated earlier in the prompt.`,
        "Name the thing directly, or paste it below the instruction inside delimiters (e.g. <text>…</text>).",
        [sp],
      ),
    );
  }
}

// ── a singular pronoun among several candidates ─────────────────────────────────────────────────────

/**
 * A transform whose object is one thing, named only by a pronoun: "Make it punchier", "Cut his to 50
 * words", "soften that one", "Fix it". Group 1 is the pronoun.
 */
const SINGULAR_OBJECT_RE =
  /\b(?:make|cut|shorten|trim|fix|rewrite|redo|edit|polish|tighten|soften|sharpen|summari[sz]e|sum up|translate|simplify|expand|reword|rephrase|proofread|update|improve|condense|format|correct|debug|tidy up|clean up|tweak|warm up|tone down|punch up|check|review|grade|rate|score)\s+(it|this|that|his|hers|theirs|that one|this one)(?=\s*[.,;!?)]|\s*$|\s+(?:so|to|into|as|like|using|down|up|and|in|for|more|less|a bit|without|while|but|by|with|please|again|sound|look|read|feel|fit|[a-z]{3,}er)\b)/gim;
/** A question about one thing opening a sentence: "Does it apply to contractors?", "Is this still valid?". */
const SINGULAR_QUESTION_RE =
  /(?:^|[.!?:]\s+)(?:does|is|was|will|can|would|should|did|has)\s+(it|this|that)\s+(?!(?:possible|worth|ok|okay|true that|better to|best to|safe to|a good idea|necessary|important|fine)\b)/gim;
/** A request that makes something: after it, "it" is most likely what was made. */
const PRODUCING_BEFORE_RE =
  /\b(?:i|we)(?: really)? (?:need|want|would like|'d like|am looking for|are looking for)\b|(?:^|[.!?:;]\s+|\n(?<!\n[^\S\n]*\n)\s*|\b(?:please|you to|can you|could you|then|and|help me)\s+)(?:write|draft|create|compose|generate|produce|design|make|build|give me|come up with|suggest|list|outline|plan|describe|explain|summari[sz]e|translate|rewrite|combine|merge|pick|choose|select)\b/im;
/** One singular thing named at the close of the line or sentence right before the pronoun's request. */
const JUST_NAMED_RE =
  /\b(?:the|this|that)\s+(?:[a-z-]+\s+)?(?!(?:two|both|three|other|same|following|above|below)\b)[a-z]{2,}[^s\s]\s*[.!?;:]?[ \t]*\n\s*(?:\S+\s+){0,1}$/i;
/** Exactly one thing named before the pronoun in its sentence ("Once you have finished your draft, review it"). */
const OWN_SENTENCE_NOUN_RE =
  /^(?:(?!\b(?:the|your|my|our|this|that|an?)\s)[\s\S])*\b(?:the|your|my|our|this|that|an?)\s+(?!(?:two|both|three|several|other|same|following|above|below)\b)(?:[a-z-]+\s+)?[a-z]{2,}[^s\s]\b(?:(?!\b(?:the|your|my|our|this|that|an?|and|or)\s)[\s\S])*$/i;
/** Words in the pronoun's sentence that say which candidate it means, or that it means them all. */
const PICKED_RE =
  /\b(?:pick|choose|select|better|best|worse|winner|first|second|third|last|latter|former|one of|either|whichever|both|each|all|every|combine|merge|(?:shorter|longer|formal|casual|other|new|old|original) one)\b/i;
/**
 * "two versions", "both drafts", "three queries": several things of one sort named before the pronoun.
 * Plural nouns of time and measure ("two weeks", "three times") are not candidates.
 */
const COUNTED_RE =
  /\b(?:two|three|four|both|2|3|4|a couple of|a pair of|several|multiple)\s+(?:(?!(?:of|the|and|or|to|in|on|for|with|at|by|from)\b)[a-z'-]+\s+){0,2}?((?!(?:days|weeks|months|years|hours|minutes|seconds|times|ways|people|steps|sentences|words|bullets|points|paragraphs|lines|pages|ideas|options|examples|reasons|kids|children|sons|daughters|friends|parents|colleagues|guests|customers|clients|users|students|teachers|employees|members|brothers|sisters|siblings|dogs|cats|pets|boys|girls|adults|teens|teenagers|partners|managers|engineers|speakers|authors|founders|cofounders|grandparents|nieces|nephews|cousins|roommates|neighbours|neighbors)\b)[a-z]{3,}s)\b/gi;
/** Two or more things in a row, each with its own determiner: "a cover letter, a CV and a short bio". */
const COORDINATED_RE =
  /\b(?:a|an|my|our|the|one)\s+(?:[a-z-]+\s+){0,2}?[a-z]{2,}(?:,\s+(?:a|an|my|our|the)\s+(?:[a-z-]+\s+){0,2}?[a-z]{2,})*,?\s+and\s+(?:a|an|my|our|the|one)\s+(?:[a-z-]+\s+){0,2}?[a-z]{2,}\b/gi;
/** Labels whose numbered lines are turns or parts of one thing: "it" is that whole. */
const PARTS_OF_ONE = new Set(
  "speaker person user customer client agent interviewer interviewee participant caller host guest student teacher assistant bot human q a question answer step part section chapter stage phase line row paragraph day week scene act slide page item task exercise input output example".split(
    " ",
  ),
);
/** A line opening with a label: "Query A:", "Extract 2 —", "Notes from Monday's meeting:", "EN:". */
const LABEL_LINE_RE =
  /^[ \t]*(?:[-*•][ \t]*)?([A-Za-z][\w'’]*)((?:[ \t]+[\w'’]+){0,3})[ \t]*(?::|—|–|-[ \t])/gm;

/**
 * "My essay compares two novels", "The report has two sections": a singular thing whose parts are
 * counted is itself what "it" stands for.
 */
const SINGULAR_HOLDER_RE =
  /^\s*(?:the|my|our|this|his|her|their|its|your)\s+(?:[a-z-]+\s+){0,2}?[a-z]*[^s\s]\s+(?:(?:also|only|already|still|now)\s+)?(?:[a-z]+s|[a-z]{2,}ed|has|had|is|was|should|must|will|would|can|could|may|might)\b/i;

/**
 * Whether the text before a pronoun offers several candidates of one sort for it to stand for; a
 * question needs them laid out as blocks or labelled lines, as "Is it worth …?" often means the situation.
 */
function severalCandidates(doc: Doc, before: string, question: boolean): boolean {
  const sentenceOf = (at: number) =>
    before.slice(Math.max(before.lastIndexOf("\n", at), before.slice(0, at).search(/[.!?][^.!?]*$/)) + 1);
  if (!question) {
    COUNTED_RE.lastIndex = 0;
    for (const m of before.matchAll(COUNTED_RE)) {
      // "two cats" inside a pasted bio is the material's business, not a set of candidates
      if (doc.mask[m.index] !== MASK_INSTRUCTION) continue;
      // "notes from two meetings", "torn between two offers": the counted things modify something else;
      // "three bugs in the code", "two questions about the contract": they sit in one thing, which "it" means
      if (
        /\b(?:of|from|between|among|across|over|with|about|for|on)\s*$/i.test(
          before.slice(Math.max(0, m.index - 12), m.index),
        )
      )
        continue;
      if (
        /^\s+(?:in|inside|within|on|from|about|regarding|of)\s+(?:the|my|our|this|his|her|their|your|a|an)\s/i.test(
          before.slice(m.index + m[0].length, m.index + m[0].length + 20),
        )
      )
        continue;
      if (!SINGULAR_HOLDER_RE.test(sentenceOf(m.index))) return true;
    }
    COORDINATED_RE.lastIndex = 0;
    for (const m of before.matchAll(COORDINATED_RE)) {
      // "the pros and the cons", "a name and a number": coordinated things only count in an instruction
      if (doc.mask[m.index] === MASK_INSTRUCTION && !SINGULAR_HOLDER_RE.test(sentenceOf(m.index)))
        return true;
    }
  }
  // two blocks of one tag ("<policy id="P1">…</policy> <policy id="P2">…</policy>")
  const tags = new Map<string, number>();
  for (const b of doc.blocks)
    if (b.kind === "tag" && b.end <= before.length) tags.set(b.name, (tags.get(b.name) ?? 0) + 1);
  if ([...tags.values()].some((n) => n >= 2)) return true;
  // parallel labelled lines: the same label word with different tails ("Query A:" / "Query B:"), or
  // two short language or speaker codes ("EN:" / "DE:")
  const labels = new Map<string, Set<string>>();
  LABEL_LINE_RE.lastIndex = 0;
  for (const m of before.matchAll(LABEL_LINE_RE)) {
    const head = m[1]!.toLowerCase();
    // turns of one conversation ("Speaker 1:", "Agent 2:") and parts of one whole ("Step 1:", "Part 2:")
    if (PARTS_OF_ONE.has(head)) continue;
    const tail = m[2]!.trim().toLowerCase();
    const key = /^[A-Z]{2}$/.test(m[1]!) && tail === "" ? "(code)" : head;
    const set = labels.get(key) ?? new Set<string>();
    set.add(key === "(code)" ? head : tail);
    labels.set(key, set);
  }
  return [...labels.values()].some((tails) => tails.size >= 2);
}

/**
 * Whether the prompt lays out several things of one sort as blocks or labelled lines ("Draft A: …
 * Draft B: …", two <policy> blocks): "the other one" may be one of them.
 */
export function laysOutCandidates(doc: Doc): boolean {
  return severalCandidates(doc, doc.text, true);
}

/**
 * "I have two versions of the intro. Make it punchier.", "Query A: … Query B: … It returns duplicates.
 * Fix it.", "<policy>…</policy><policy>…</policy> Does it apply to contractors?": a singular pronoun
 * that could stand for any of several things the prompt names. Read only in short prompts whose
 * pronoun comes before any request that makes something (after one, "it" is what was made), and only
 * when the sentence does not say which one it means.
 */
export function pronounAmongCandidates(doc: Doc): Span | null {
  const { text } = doc;
  if (text.length >= 1500) return null;
  for (const [re, question] of [
    [SINGULAR_OBJECT_RE, false],
    [SINGULAR_QUESTION_RE, true],
  ] as const) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const word = m[1]!;
      const at = m.index + m[0].lastIndexOf(word, m[0].length - (question ? 0 : 0));
      const pos = question ? m.index + m[0].search(new RegExp(`\\b${word}\\b`, "i")) : at;
      if (!atRequest(doc, pos)) continue;
      const sentenceStart =
        Math.max(text.lastIndexOf("\n", pos), text.slice(0, pos).search(/[.!?][^.!?]*$/)) + 1;
      const sentenceEnd = text.slice(pos).search(/[.!?\n]/);
      const sentence = text.slice(sentenceStart, sentenceEnd < 0 ? text.length : pos + sentenceEnd);
      if (PICKED_RE.test(sentence)) continue;
      // "make it easier for another teacher to …": "it" stands for the clause that follows, not a thing
      if (
        !question &&
        /^\s+for\s+(?:[\w-]+\s+){1,3}to\s+\w/i.test(text.slice(pos + word.length).replace(/^\s*[a-z]+/i, ""))
      )
        continue;
      // "once you have completed your draft, review it": the one thing named earlier in its own sentence
      if (!question && OWN_SENTENCE_NOUN_RE.test(text.slice(sentenceStart, pos))) continue;
      const before = text.slice(0, sentenceStart);
      // "check the issue / fix it": one thing named just before, closing the line or sentence, is what it means
      if (!question && JUST_NAMED_RE.test(text.slice(Math.max(0, sentenceStart - 60), pos))) continue;
      // after "Write a product description …", "make it premium" is about the description
      if (!question && PRODUCING_BEFORE_RE.test(instructionText(doc, 0, sentenceStart))) continue;
      if (!severalCandidates(doc, before, question)) continue;
      return { start: pos, end: pos + word.length };
    }
  }
  return personAmongCandidates(doc) ?? oneOfSeveralNamed(doc) ?? openingPronoun(doc);
}

/**
 * Whether a position is part of the request: an instruction, or the question or request that closes the
 * prompt after its material ("<sheet>…</sheet> <sheet>…</sheet>\n\nDoes it support WireGuard?",
 * "Question: Does it still apply …"), which the tokenizer may read as one more block of material.
 */
function atRequest(doc: Doc, pos: number): boolean {
  if (doc.mask[pos] === MASK_INSTRUCTION) return true;
  const block = doc.blocks.find((b) => pos >= b.start && pos < b.end);
  if (!block || doc.blocks.some((b) => b.start > block.start)) return false;
  if (/^(?:question|task|query|request)$/i.test(block.name)) return true;
  const body = doc.text.slice(block.start, block.end).trim();
  // one short paragraph that asks or requests, after the material it is about
  return (
    block.start > 0 &&
    body.length < 300 &&
    !body.includes("\n") &&
    (/\?$/.test(body) || opensWithRequest(body)) &&
    doc.text.slice(block.start, block.end).search(/\S/) + block.start <= pos
  );
}

// ── a personal pronoun among several people ──────────────────────────────────────────────────────────

const SINGULAR_PERSON_PRONOUN_RE = /\b(him|her|he|she|his)\b/gi;
/** "You are a support agent", "act as a recruiter", "I'm a teacher": the model's or the author's own role. */
// (read on the text before the person's determiner)
const OWN_ROLE_RE = /\b(?:you are|you're|act as|acting as|as|be|i am|i'm|i work as)\s+$/i;

/**
 * "Our CEO met the lead investor. Draft an email reminding him …", "My landlord and my neighbour are
 * arguing … Write a message to him", a group chat of three friends then "What should I tell her?": a
 * singular personal pronoun with two or more people before it who could each be meant, and nothing in
 * its own sentence saying which. Three named speakers are needed, as the author may be one of two.
 */
function personAmongCandidates(doc: Doc): Span | null {
  const { text } = doc;
  if (text.length >= 1500) return null;
  SINGULAR_PERSON_PRONOUN_RE.lastIndex = 0;
  for (const m of text.matchAll(SINGULAR_PERSON_PRONOUN_RE)) {
    const pos = m.index;
    if (!atRequest(doc, pos)) continue;
    const word = m[1]!.toLowerCase();
    // "her" before a noun is a possessive that may belong to a woman the sentence names
    const male = word === "him" || word === "he" || word === "his";
    const sentenceStart =
      Math.max(text.lastIndexOf("\n", pos), text.slice(0, pos).search(/[.!?][^.!?]*$/)) + 1;
    const own = text.slice(sentenceStart, pos);
    PERSON_RE.lastIndex = 0;
    // a person in the pronoun's own sentence is most likely who it means
    if (PERSON_RE.test(own) || /[^\s"“]\s*\b[A-Z][a-z]+\b/.test(own.replace(/^\W*\w+/, ""))) return null;
    // "You are Maya, a nurse. She …": the one person the sentence before names is who it means
    if (singleAntecedentBefore(doc, sentenceStart, male)) return null;
    const before = text.slice(0, sentenceStart);
    const people = new Set<string>();
    PERSON_RE.lastIndex = 0;
    for (const p of before.matchAll(PERSON_RE)) {
      if (doc.mask[p.index] !== MASK_INSTRUCTION) continue;
      if (OWN_ROLE_RE.test(before.slice(Math.max(0, p.index - 30), p.index))) continue;
      const noun = p[1]!.toLowerCase();
      if (new RegExp(`^(?:${male ? FEMALE : MALE})$`).test(noun)) continue;
      people.add(p[0].toLowerCase().replace(/^(?:a|an|the|my|our|his|her|their|your)\s+/, ""));
    }
    const speakers = new Set<string>();
    // a speaker's line is speech ("Maya: I'm stuck at work"), not a field of a record ("Name: Ilsa")
    for (const s of before.matchAll(/^[ \t]*([A-Z][a-z]{1,20}):[ \t]*(\S[^\n]*)/gm))
      if (/\b(?:I|I'm|I've|I'll|me|my|we|we're|us|our|you|your)\b|[?!]/.test(s[2]!)) speakers.add(s[1]!);
    // the senders of a pasted thread ("From: Tom Reyes …", "From: Declan Hart …")
    const senders = new Set<string>();
    for (const s of before.matchAll(/^[ \t]*From:[ \t]*([A-Z][\w'-]+(?:[ \t]+[A-Z][\w'-]+)?)/gm))
      senders.add(s[1]!);
    if (people.size >= 2 || speakers.size >= 3 || senders.size >= 2)
      return { start: pos, end: pos + word.length };
    return null;
  }
  return null;
}

// ── one of several things of the same name ──────────────────────────────────────────────────────────

/** "Is this clause …", "Rewrite that reply …": a singular demonstrative and its noun (group 2). */
const DEMONSTRATIVE_NOUN_RE =
  /\b(this|that)\s+([a-z]{3,})\b(?=\s+(?:is|was|enforceable|valid|legal|fair|correct|right|ok|okay|still|so|to|in|for|sound|read|more|less|work|apply|applies|hold|mean|means|that|which|and|but|with)\b|\s+[a-z]{3,}er\s*(?:[?.!,]|$)|\s*[?.!,]|\s*$)/gi;

/** A line of a pasted exchange spoken by the side that replies: "Agent 2: …", "Support: …", "Bot: …". */
const REPLYING_LINE_RE =
  /^[ \t]*(?:agent|support|assistant|bot|rep|staff|advisor|operator)\b[^:\n]{0,12}:/gim;

/** "that reply" after an exchange in which the replying side speaks more than once. */
function severalReplies(noun: string, before: string): boolean {
  if (!/^(?:reply|answer|response|message)$/.test(noun)) return false;
  return (before.match(REPLYING_LINE_RE) ?? []).length >= 2;
}

/**
 * "Here are clauses 7–9 … Is this clause enforceable?", "I wrote three intros. Rewrite that intro …": a
 * singular demonstrative whose noun the prompt has just counted in the plural, so the reader cannot tell
 * which of them it means.
 */
function oneOfSeveralNamed(doc: Doc): Span | null {
  const { text } = doc;
  if (text.length >= 1500) return null;
  DEMONSTRATIVE_NOUN_RE.lastIndex = 0;
  for (const m of text.matchAll(DEMONSTRATIVE_NOUN_RE)) {
    if (!atRequest(doc, m.index)) continue;
    const noun = m[2]!.toLowerCase();
    if (noun.endsWith("s") || DEICTIC_NOUNS.has(noun)) continue;
    const before = text.slice(0, m.index);
    const plural = `${noun}(?:s|es)`;
    const counted = new RegExp(
      `\\b(?:(?:two|three|four|five|several|both|multiple|2|3|4|5)\\s+(?:[a-z-]+\\s+)?${plural}|${plural}\\s+\\d+\\s*(?:[–—-]|to|and|&)\\s*\\d+)\\b`,
      "i",
    );
    const c = counted.exec(before);
    // or lays them out: "Email 1: … Email 2: …", two <email> blocks
    const laidOut =
      (before.match(new RegExp(`^[ \\t]*${noun}[ \\t]*(?:\\d+|[A-D]|#\\d+)[ \\t]*[:—–)-]`, "gim")) ?? [])
        .length >= 2 ||
      doc.blocks.filter((b) => b.kind === "tag" && b.name.toLowerCase() === noun && b.end <= m.index)
        .length >= 2;
    if (!laidOut && !severalReplies(noun, before) && (!c || doc.mask[c.index] !== MASK_INSTRUCTION)) continue;
    // the sentence itself says which ("this clause (9)", "that reply from Agent 2")
    const sentenceEnd = text.slice(m.index).search(/[.!?\n]/);
    const rest = text.slice(m.index + m[0].length, sentenceEnd < 0 ? text.length : m.index + sentenceEnd);
    if (/\d|:|["“'‘]|\b(?:first|second|third|last|latter|former|from|by|about|on|number|no\.)\b/i.test(rest))
      continue;
    // "Each option starts with a number and an emoji that represents this option": one at a time
    const sentenceStart = Math.max(text.lastIndexOf("\n", m.index), before.search(/[.!?][^.!?]*$/)) + 1;
    if (
      new RegExp(`\\b(?:each|every|any)\\s+(?:[a-z-]+\\s+)?${noun}\\b`, "i").test(before.slice(sentenceStart))
    )
      continue;
    return { start: m.index, end: m.index + m[0].length };
  }
  return null;
}

// ── a prompt that opens on "it" ─────────────────────────────────────────────────────────────────────

/**
 * "Hey, it keeps crashing whenever I open the settings page.", "Is it still supported, or should we
 * migrate?": a short prompt whose first clause is about "it", with nothing before or after that it
 * could be. "It is important to …", "Is it worth …", "Is it normal that …" and "It's a 2015 laptop" say
 * nothing about a referent.
 */
const OPENING_IT_RE =
  /^\s*(?:(?:hey|hi|hello|ok|okay|so|um|quick question|help)[,!:.]?\s+)*(?:(?:why|how come|when)\s+)?(?:(?:is|does|did|will|would|can|could|should|has|was|won't|doesn't|isn't|can't|didn't)\s+(it)\b|(it)\s+(?:keeps|kept|stopped|won't|doesn't|didn't|can't|isn't|wasn't|crashes|crashed|fails|failed|broke|freezes|froze|says|said|shows|showed|throws|threw|returns|returned|gives|gave|started|stops|hangs|works|worked|seems|looks|still|just|only|never|always)\b)/i;
const NOT_A_REFERENT_AFTER_IT =
  /^\s*(?:(?:still|also|really|even|actually|ever|usually|often|always|normally)\s+)?(?:(?:snow|snows|rain|rains|hail|get dark|get light|get cold|get hot|gets dark|gets cold|take|takes|cost|costs|mean|matter|depend|happen)\b|(?:possible|worth|ok|okay|true|better|best|normal|safe|legal|bad|good|wise|smart|fine|necessary|important|rude|weird|common|likely|too late|too early|time|raining|snowing|sunny|cold|hot|warm|late|early|me|just me|a good idea)\b|(?:a|an|the|my|our|your)\s)/i;

function openingPronoun(doc: Doc): Span | null {
  const { text } = doc;
  if (text.length >= 300 || doc.blocks.length > 0 || doc.vars.length > 0 || doc.slots.length > 0) return null;
  const m = OPENING_IT_RE.exec(text);
  if (!m) return null;
  const word = m[1] ?? m[2]!;
  const pos = m.index + m[0].toLowerCase().lastIndexOf(word.toLowerCase());
  if (doc.mask[pos] !== MASK_INSTRUCTION) return null;
  const after = text.slice(pos + word.length);
  if (NOT_A_REFERENT_AFTER_IT.test(after)) return null;
  // "Is it true that …", "Does it matter if …": the clause after it is what it stands for
  if (/^\s*\S+(?:\s+\S+)?\s+(?:that|if|whether|to)\b/i.test(after)) return null;
  return { start: pos, end: pos + word.length };
}

/** The instruction characters of a range (material replaced by spaces). */
function instructionText(doc: Doc, start: number, end: number): string {
  let out = "";
  for (let i = start; i < end; i++) out += doc.mask[i] === MASK_INSTRUCTION ? doc.text[i] : " ";
  return out;
}
