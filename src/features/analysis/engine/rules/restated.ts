// One constraint stated twice in different words: "Keep it under 200 words. … Make sure it's under 200
// words.", "Stay in character at all times. … Never break character.", "Use the formal form. … Address
// the reader in the polite form.", "Cite the source after every sentence. … Remember to put the source id
// after each sentence." PF403 finds near-identical sentences; this rule finds the same demand behind
// different wording, by the key each demand reduces to.
import { STOPWORDS } from "../lexicon.js";
import { type Doc, MASK_CONTENT, matchesOf, type Sentence } from "../text.js";
import type { Finding } from "../types.js";
import type { RuleContext } from "./context.js";
import { exampleTurn, reportedWithin, sameDemand } from "./duplicates.js";
import { inExample } from "./duplicates-places.js";
import { findingOf, type Rule } from "./rule.js";

/** As PF403: in long prompts a repeat is usually a deliberate reminder. */
const SCOPE_CHARS = 1500;

const LANGS =
  "english|spanish|french|german|italian|portuguese|dutch|chinese|japanese|korean|russian|arabic|turkish|polish";
const UNIT: Record<string, string> = { char: "character", chars: "character" };

// Each pattern maps a sentence to a key; the first group(s) complete it.
const KEYS: ReadonlyArray<[string, RegExp]> = [
  [
    "length",
    /\b(?:under|below|at most|no more than|not more than|fewer than|less than|max(?:imum)?(?: of)?|up to|within)\s+(\d[\d,]*)\s+(words?|sentences?|characters?|chars?|lines?|bullets?|bullet points|items?|paragraphs?)\b/g,
  ],
  ["person", /\b(first|second|third)[ -]person\b/g],
  ["once", /\b(?:only\s+)?(?:once|one time) (?:per|for each|each|a) (\w+)/g],
  [
    "language",
    // the verb as a demand ("respond", "writing"), not as what someone else does ("the user writes in French")
    new RegExp(`\\b(?:answer|respond|reply|write|speak)(?:ing)?\\b[^.\\n]{0,40}?\\bin (${LANGS})\\b`, "g"),
  ],
  [
    "character",
    /\b(?:(?:stay|remain|keep|be) in character|(?:never|don't|do not|without) break(?:ing)? (?:character|role))\b/g,
  ],
  ["each_sentence", /\b(?:after|at the end of|for) (?:every|each) sentence\b/g],
  // one thing per turn: "Ask one question at a time", "one question per message", "a single step each turn"
  [
    "one_at_a_time",
    /\b(?:one|a single) (question|step|topic|item|task|idea|suggestion|exercise|problem)s? (?:at a time|per (?:message|turn|reply|response|answer)|(?:in )?each (?:turn|message|reply))\b/g,
  ],
  // the form of address: 'the formal "Sie" form', "the polite form of address", "informal register"
  ["address", /\b(formal|informal|polite|familiar) (?:["“']?\w+["”']? )?(?:form|address|register)\b/g],
];
const ADDRESS: Record<string, string> = { polite: "formal", familiar: "informal" };
// the object a length limit applies to, when the sentence names one ("each bullet under 20 words")
const OBJECT_RE =
  /\b(?:each|every|the|per|your|an?|its|overall)\s+(bullet|item|line|paragraph|title|headline|subject line|caption|question|answer|reply|response|summary|description|step|tweet|section|chapter|email|e-mail|message|post|tagline|slogan|intro|introduction|conclusion|abstract|comment|note|review|entry|card|slide|page|label|name)\b/;
const ANY_OBJECT_RE =
  /\b(?:each|every|the|per|your|its)\s+(?!(?:whole|entire|total|full|same|first|last|next|other|following|text|output|length|limit)\b)([a-z]{3,})\b/;
/** Objects that name the whole answer. */
const WHOLE_ANSWER = new Set(["answer", "reply", "response"]);
// speaking as a named character: "Reply as Biscuit in short messages", "always answer as Biscuit the cat"
const PERSONA_RE =
  /\b(?:[Aa]nswer|[Rr]eply|[Rr]espond|[Ss]peak|[Tt]alk|[Ww]rite|[Aa]ct)(?:s|ing)?\s+(?:only\s+)?as\s+([A-Z][a-z]+)\b/g;
// a sign-off asked for before an act: "ask me for confirmation before sending any email", "before you send
// an email, get my approval first"
const APPROVAL_RE = /\b(?:confirmation|approval|permission|go-ahead|sign-off)\b/;
const BEFORE_ACT_RE =
  /\bbefore (?:you |we )?(\w+?)(?:ing)? (?:(?:any|an?|the|each|every|your|my|our) )?(\w+)/;
// Chinese/Japanese "answer in Chinese": 用中文回答, 中文で回答
const CJK_LANGUAGE_RE = /(?:用|以|使用)(中文|英文|日文|日语|英语)|(日本語|英語|中国語)で/g;

/** Words before a verb that leave it a demand ("always reply", "you must answer", "and write"). */
const DIRECTIVE_LEAD = new Set(
  "please always only must should shall will to you and or but then also just kindly never not don't do first".split(
    " ",
  ),
);

/** True when the verb at `at` opens its clause or follows a word that leaves it a demand, not a description ("our users write"). */
function directiveAt(lower: string, at: number): boolean {
  const before = /([\p{L}']+)[^\p{L}']*$/u.exec(lower.slice(Math.max(0, at - 40), at));
  if (!before) return true;
  return DIRECTIVE_LEAD.has(before[1]!) || /[.,;:!?\n—-]\s*$/.test(lower.slice(Math.max(0, at - 4), at));
}

export function keysOf(sentence: string): string[] {
  const lower = sentence.toLowerCase();
  const keys: string[] = [];
  for (const [name, re] of KEYS) {
    re.lastIndex = 0;
    for (const m of matchesOf(lower, re)) {
      if (name === "language" && !directiveAt(lower, m.index)) continue;
      const parts = m.slice(1).filter((x) => x !== undefined);
      if (name === "length") {
        const unit = parts[1]!.replace(/s$/, "").replace(/^bullet point$/, "bullet");
        // (an object the list does not name still counts as one: "keep the teaser under 60 characters")
        const named = OBJECT_RE.exec(lower)?.[1] ?? ANY_OBJECT_RE.exec(lower)?.[1] ?? "answer";
        const object = WHOLE_ANSWER.has(named) ? "answer" : named;
        keys.push(`length:${parts[0]!.replace(/,/g, "")}:${UNIT[unit] ?? unit}:${object}`);
      } else if (name === "address") keys.push(`address:${ADDRESS[parts[0]!] ?? parts[0]}`);
      else keys.push(`${name}:${parts.join(":")}`);
    }
  }
  PERSONA_RE.lastIndex = 0;
  for (const m of matchesOf(sentence, PERSONA_RE)) keys.push(`persona:${m[1]!.toLowerCase()}`);
  const act = APPROVAL_RE.test(lower) ? BEFORE_ACT_RE.exec(lower) : null;
  if (act) keys.push(`approval:${act[1]}:${act[2]!.replace(/s$/, "")}`);
  CJK_LANGUAGE_RE.lastIndex = 0;
  for (const m of matchesOf(sentence, CJK_LANGUAGE_RE)) keys.push(`language:${m[1] ?? m[2]}`);
  return keys;
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\d]+/gu) ?? []);
}

/** Keys that say when or how often something is done, not what. */
const PLACED_KEYS = new Set(["once", "each_sentence"]);
const PLACE_WORDS = new Set("sentence sentences every each end once time per".split(" "));

/** True when the two sentences share a content word outside the key ("cite the source" … "the source id"). */
function sameAct(a: string, b: string, key: string): boolean {
  const skip = new Set(key.split(":"));
  const y = words(b);
  for (const w of words(a))
    if (y.has(w) && !STOPWORDS.has(w) && !PLACE_WORDS.has(w) && !skip.has(w) && w.length > 2) return true;
  return false;
}

export const RESTATED_CONSTRAINT: Rule = {
  id: "PF404",
  kind: "duplicated_instruction",
  severity: "info",
  description:
    "One constraint stated twice in different words (a length, a person, a language, staying in character, once per question).",
  check({ doc, sig }: RuleContext): Finding[] {
    if (sig.instructionWords * 6 > SCOPE_CHARS) return [];
    const first = new Map<string, number>();
    // a length limit by its number and unit: one that names no object ("Max 45 characters each.") is the
    // same limit as one that does ("No more than 45 characters per subject line.")
    const limits = new Map<string, { i: number; object: string }>();
    for (let i = 0; i < doc.sentences.length; i++) {
      const s = doc.sentences[i]!;
      // the author's own sentences only: examples and pasted material repeat by nature; a demand made for
      // one case ("If they don't answer it, say so in Spanish.") has a scope of its own
      // (an example's heading, "Example 1 — Release notes (third person):", is the example's)
      if (doc.mask[s.start] === MASK_CONTENT || exampleTurn(s) || conditional(doc, s)) continue;
      if (inExample(doc.text, s.start)) continue;
      const text = doc.text.slice(s.start, s.end);
      for (const key of new Set(keysOf(text))) {
        let j = first.get(key);
        if (j === undefined && key.startsWith("length:")) {
          const parts = key.split(":");
          const base = `${parts[1]}:${parts[2]}`;
          const prior = limits.get(base);
          if (!prior) limits.set(base, { i, object: parts[3]! });
          else if (prior.i !== i && (prior.object === "answer" || parts[3] === "answer")) j = prior.i;
        }
        if (j === undefined) {
          first.set(key, i);
          continue;
        }
        const a = doc.sentences[j]!;
        const textA = doc.text.slice(a.start, a.end);
        // two fields under different labels ("Email: under 100 words. Caption: under 100 words.") differ
        if (a.label !== "" && s.label !== "" && a.label !== s.label) continue;
        // the same demand in nearly the same words is PF403's
        if (sameDemand(doc, a, s) || reportedWithin(doc, a, s)) continue;
        // "after each sentence" and "once per reply" say when, not what: the two must ask the same thing
        if (PLACED_KEYS.has(key.slice(0, key.indexOf(":"))) && !sameAct(textA, text, key)) continue;
        // one repeated demand is one finding
        return [
          restatement(
            RESTATED_CONSTRAINT,
            doc,
            a,
            s,
            "states again what",
            "already asks",
            "State each requirement once; a restatement adds length and may read as a second, different rule.",
          ),
        ];
      }
    }
    return [];
  },
};

/**
 * The finding for a demand made twice: `"<second>" <verb> "<first>" <tail>.`, spanning both sentences.
 * PF404 and PF405 build theirs the same way with their own words.
 */
export function restatement(
  rule: Rule,
  doc: Doc,
  a: Sentence,
  b: Sentence,
  verb: string,
  tail: string,
  suggestion: string,
): Finding {
  const first = doc.text.slice(a.start, a.end).trim();
  const second = doc.text.slice(b.start, b.end).trim();
  return findingOf(rule, `"${second}" ${verb} "${first}" ${tail}.`, suggestion, [
    { start: a.start, end: a.end },
    { start: b.start, end: b.end },
  ]);
}

/** Words that open a sentence made for one case only. */
const CONDITIONS = new Set("if when whenever unless otherwise should".split(" "));

/** True when the sentence opens with a condition ("If the passages do not cover it, say so in Spanish."). */
export function conditional(doc: Doc, s: Sentence): boolean {
  const t = doc.tokens[s.head >= 0 ? s.head : s.t0];
  return t !== undefined && CONDITIONS.has(t.lower);
}
