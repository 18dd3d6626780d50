// The extent of the answer measured two ways (PF313): a spoken piece of a few minutes against a floor of
// thousands of words ("a 5-minute lightning talk" … "at least 3,000 words"), and a cap on the sentences
// of every answer against more required parts than it holds ("never more than three sentences per answer"
// … "always include all six parts"). The length rules compare bounds in units of text; these bounds are in
// speaking time and in parts, which they do not read. Speech runs at most about 200 words a minute, and a
// part takes at least a sentence, so both conversions are generous to the prompt. A case ("if …", "when
// …") on either side is a case the author carved out, except that a cap on every answer admits none.
import { instructionSentences, MASK_CONTENT } from "../text.js";
import type { Span } from "../types.js";
import type { RuleContext } from "./context.js";
import { lengthBounds, numberOf } from "./contradiction-lengths.js";
import { type Clash, clashRule, type Rule } from "./rule.js";

const N = "(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty)";
const SPOKEN_WORDS_PER_MINUTE = 200;
/** A spoken piece of a stated duration: "a 5-minute lightning talk", "my 10 minute speech". */
const DURATION_RE = new RegExp(
  `\\b${N}[- ]minutes? (?:lightning |conference |wedding |keynote |opening )?(?:talk|speech|presentation|toast|pitch|sermon|lecture|keynote|podcast|monologue|eulogy)\\b`,
);
/** Another deliverable named beside the floor: the floor may be that one's ("a 2,000-word blog post too"). */
const OTHER_PIECE_RE =
  /\b(?:post|article|blog|handout|summary|appendix|e-?mail|report|transcript|notes|outline|essay|paper|guide|write-?up|version)\b/;
/** A cap on the sentences of every answer. */
const SENTENCE_CAP_RE = new RegExp(
  `\\b(?:never|no|not) more than ${N} sentences? (?:per|in (?:a|an|any|each|one|every)) (?:answer|reply|response|message)\\b|\\b(?:every|each|all|your) (?:answers?|repl(?:y|ies)|responses?|messages?) (?:must |should |may )?(?:be |have |use |contain |stay )?(?:at most|no more than|not more than|a maximum of|maximum|max\\.?|under|fewer than|up to|within) ${N} sentences?\\b|\\b(?:keep|limit) (?:every|each|all|your|the) (?:answers?|repl(?:y|ies)|responses?|messages?) (?:to|under|within) (?:at most |no more than |a maximum of )?${N} sentences?\\b`,
);
/** Every one of a number of parts required: "always include all six parts". */
const ALL_PARTS_RE = new RegExp(
  `\\b(?:include|contain|cover|give|keep|use)\\s+(?:all|every one of the|each of the)\\s+${N}\\s+(?:parts|items|elements|components|sections|steps|points)\\b`,
);
const CASE_RE = /\b(?:if|when|whenever|unless|in case|except|only for)\b/;

interface Found {
  value: number;
  span: Span;
  sentence: number;
  conditional: boolean;
  clause: string;
}

function find(ctx: RuleContext, re: RegExp, screen: RegExp): Found[] {
  const { doc } = ctx;
  const out: Found[] = [];
  for (const { si, s, lower } of instructionSentences(doc)) {
    if (!screen.test(lower)) continue;
    for (const clause of lower.split(";")) {
      const m = re.exec(clause);
      if (!m) continue;
      const at = s.start + lower.indexOf(clause) + m.index;
      if (doc.mask[at] === MASK_CONTENT) continue;
      const n = numberOf(m.slice(1).find((x) => x !== undefined));
      if (!Number.isFinite(n)) continue;
      out.push({
        value: n,
        span: { start: at, end: at + m[0].length },
        sentence: si,
        conditional: CASE_RE.test(clause),
        clause,
      });
    }
  }
  return out;
}

/** A floor in words stated in a clause of its own, for the answer rather than for another deliverable. */
function wordFloors(ctx: RuleContext): Found[] {
  const { doc } = ctx;
  const out: Found[] = [];
  for (const { si, s, lower } of instructionSentences(doc)) {
    if (
      !/\bwords?\b/.test(lower) ||
      !/\b(?:at least|minimum|no fewer than|no less than|or more)\b/.test(lower)
    )
      continue;
    for (const b of lengthBounds(lower)) {
      if (b.unit !== "word" || b.min === undefined || b.part || !b.explicit) continue;
      const at = s.start + b.index;
      if (doc.mask[at] === MASK_CONTENT) continue;
      out.push({
        value: b.min,
        span: { start: at, end: at + b.length },
        sentence: si,
        conditional: CASE_RE.test(lower),
        clause: lower,
      });
    }
  }
  return out;
}

function extentClash(ctx: RuleContext): Clash | null {
  const lower = ctx.doc.instructionLower;
  if (/minute/.test(lower)) {
    const talks = find(ctx, DURATION_RE, /minute/).filter((t) => !t.conditional);
    const floors = talks.length ? wordFloors(ctx) : [];
    for (const talk of talks)
      for (const floor of floors) {
        if (floor.sentence === talk.sentence || floor.conditional) continue;
        if (OTHER_PIECE_RE.test(floor.clause)) continue;
        if (floor.value <= talk.value * SPOKEN_WORDS_PER_MINUTE) continue;
        const spoken = talk.value * SPOKEN_WORDS_PER_MINUTE;
        return {
          first: talk.span,
          second: floor.span,
          message: [
            `asks for a talk of ${talk.value} minutes (at most about ${spoken} spoken words) and for at least ${floor.value} words`,
            "Choose the length: a spoken piece runs about 130–160 words a minute, so give the minutes or the words, not both.",
          ],
        };
      }
  }
  if (/sentence/.test(lower) && /\ball\b|every one|each of the/.test(lower)) {
    const caps = find(ctx, SENTENCE_CAP_RE, /sentence/).filter((c) => !c.conditional);
    const parts = caps.length ? find(ctx, ALL_PARTS_RE, /\b(?:all|every one|each of the)\b/) : [];
    for (const cap of caps)
      for (const need of parts) {
        // a cap on every answer holds in the case the parts are asked for as well
        if (need.sentence === cap.sentence || need.value <= cap.value + 1) continue;
        return {
          first: cap.span,
          second: need.span,
          message: [
            `caps every answer at ${cap.value} sentences and requires ${need.value} parts in it`,
            "Raise the cap, drop parts, or say that the parts may share sentences.",
          ],
        };
      }
  }
  return null;
}

export const EXTENT_CONTRADICTIONS: Rule = clashRule(
  "PF313",
  'The extent of the answer set two ways that cannot both hold: a talk of a few minutes against thousands of words, or a cap on the sentences of every answer against more required parts ("never more than three sentences per answer" … "always include all six parts").',
  extentClash,
);
