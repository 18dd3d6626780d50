// One constraint stated twice in different words: "Keep it under 200 words. … Make sure it's under 200
// words.", "Stay in character at all times. … Never break character.", "Use the formal form. … Address
// the reader in the polite form.", "Cite the source after every sentence. … Remember to put the source id
// after each sentence." PF403 finds near-identical sentences; this rule finds the same demand behind
// different wording, by the key each demand reduces to.
import { MASK_CONTENT, matchesOf } from "../text.js";
import type { Finding } from "../types.js";
import type { RuleContext } from "./context.js";
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
    new RegExp(`\\b(?:answer|respond|reply|write|speak)\\w*\\b[^.\\n]{0,40}?\\bin (${LANGS})\\b`, "g"),
  ],
  [
    "character",
    /\b(?:(?:stay|remain|keep|be) in character|(?:never|don't|do not|without) break(?:ing)? (?:character|role))\b/g,
  ],
  ["each_sentence", /\b(?:after|at the end of|for) (?:every|each) sentence\b/g],
  // the form of address: 'the formal "Sie" form', "the polite form of address", "informal register"
  ["address", /\b(formal|informal|polite|familiar) (?:["“']?\w+["”']? )?(?:form|address|register)\b/g],
];
const ADDRESS: Record<string, string> = { polite: "formal", familiar: "informal" };
// the object a length limit applies to, when the sentence names one ("each bullet under 20 words")
const OBJECT_RE =
  /\b(?:each|every|the|per)\s+(bullet|item|line|paragraph|title|headline|subject line|caption|question|answer|summary|description|step|tweet|section)\b/;
// Chinese/Japanese "answer in Chinese": 用中文回答, 中文で回答
const CJK_LANGUAGE_RE = /(?:用|以|使用)(中文|英文|日文|日语|英语)|(日本語|英語|中国語)で/g;

export function keysOf(sentence: string): string[] {
  const lower = sentence.toLowerCase();
  const keys: string[] = [];
  for (const [name, re] of KEYS) {
    re.lastIndex = 0;
    for (const m of matchesOf(lower, re)) {
      const parts = m.slice(1).filter((x) => x !== undefined);
      if (name === "length") {
        const unit = parts[1]!.replace(/s$/, "").replace(/^bullet point$/, "bullet");
        const object = OBJECT_RE.exec(lower)?.[1] ?? "answer";
        keys.push(`length:${parts[0]!.replace(/,/g, "")}:${UNIT[unit] ?? unit}:${object}`);
      } else if (name === "address") keys.push(`address:${ADDRESS[parts[0]!] ?? parts[0]}`);
      else keys.push(`${name}:${parts.join(":")}`);
    }
  }
  CJK_LANGUAGE_RE.lastIndex = 0;
  for (const m of matchesOf(sentence, CJK_LANGUAGE_RE)) keys.push(`language:${m[1] ?? m[2]}`);
  return keys;
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\d]+/gu) ?? []);
}

export function similar(a: string, b: string): boolean {
  const x = words(a);
  const y = words(b);
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return common / Math.max(1, x.size + y.size - common) >= 0.8;
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
    for (let i = 0; i < doc.sentences.length; i++) {
      const s = doc.sentences[i]!;
      // the author's own sentences only: examples and pasted material repeat by nature
      if (doc.mask[s.start] === MASK_CONTENT) continue;
      const text = doc.text.slice(s.start, s.end);
      for (const key of new Set(keysOf(text))) {
        const j = first.get(key);
        if (j === undefined) {
          first.set(key, i);
          continue;
        }
        const a = doc.sentences[j]!;
        // near-identical sentences are PF403's
        if (similar(doc.text.slice(a.start, a.end), text)) continue;
        // one repeated demand is one finding
        return [
          findingOf(
            RESTATED_CONSTRAINT,
            `"${text.trim()}" states again what "${doc.text.slice(a.start, a.end).trim()}" already asks.`,
            "State each requirement once; a restatement adds length and may read as a second, different rule.",
            [
              { start: a.start, end: a.end },
              { start: s.start, end: s.end },
            ],
          ),
        ];
      }
    }
    return [];
  },
};
