// A withheld thing later requested (PF314), in the two shapes the mention rule does not read: a thing
// forbidden as one item of a list or through a pronoun over a list ("Ignore name, age, nationality and
// marital status. Never mention any of these" … "always state the candidate's nationality"), and a thing
// forbidden by name and then written into a template as a placeholder ("Never use the student's first
// name" … 'Open every reply with "Dear [first name],"'). The prohibition must hold without a case; the
// request may not be negated or stated for a case, and "the name of the course" is not the candidate's name.
import { instructionSentences, MASK_CONTENT } from "../text.js";
import type { Span } from "../types.js";
import type { RuleContext } from "./context.js";
import { type Clash, clashRule, type Rule } from "./rule.js";

const FORBID = "(?:never|do not|don't|must not|should not|may not)";
/** A prompt with no prohibition anywhere in its instructions has nothing withheld. */
const FORBID_SCREEN_RE = new RegExp(`\\b${FORBID}\\b`);
const TELL =
  "(?:mention|name|state|include|reveal|disclose|refer to|comment on|bring up|share|use|note|list)";
const ITEM = "[a-z][a-z'-]*(?: [a-z][a-z'-]*){0,2}";
/** "never mention age, nationality or marital status": at least two items, joined by "or" / "and". */
const LISTED_RE = new RegExp(
  `\\b${FORBID}\\s+(?:ever\\s+)?${TELL}\\s+(?:any of\\s+)?((?:${ITEM},\\s*){1,7}${ITEM},?\\s+(?:or|and|nor)\\s+${ITEM})\\b`,
  "g",
);
/** "never mention any of these": the list is the one just before. */
const PRONOUN_RE = new RegExp(
  `\\b${FORBID}\\s+(?:ever\\s+)?${TELL}\\s+(?:any of\\s+)?(?:these|those|them)\\b`,
  "g",
);
/** A list of three or more items after a verb of setting aside: "Ignore name, age, gender and photos". */
const SET_ASIDE_RE = new RegExp(
  `\\b(?:ignore|disregard|exclude|leave out|set aside|do not consider|don't consider)\\s+((?:${ITEM},\\s*){2,9}${ITEM},?\\s+(?:or|and)\\s+${ITEM})\\b`,
);
/** One thing forbidden by name ("never use the student's first name"), for a placeholder of the same words. */
const SINGLE_RE = new RegExp(
  `\\b${FORBID}\\s+(?:ever\\s+)?${TELL}\\s+(?:(?:the|their|his or her|[a-z]+'s) ){1,2}((?:first |last |full |given |family |middle |user|display )?name|surname|email address|phone number|age|date of birth)\\b`,
  "g",
);
const CASE_RE = /\b(?:if|when|whenever|unless|except|without|until|before|only (?:if|when|for|after))\b/;
/** "even if they appear in the CV" keeps the prohibition in force in that case. */
const CONCESSIVE_RE = /\b(?:even|including) (?:if|when|though)\b/g;
const DETERMINER_RE = /^(?:the|a|an|their|his|her|its|his or her|[a-z]+'s)\s+/;
/** Words too general to pair on: a request for "details" is not a request for a forbidden detail. */
const GENERAL =
  /^(?:it|this|that|anything|something|information|details?|data|things?|others?|any|them|these|those|names?|one|more)$/;

function items(list: string): string[] {
  return list
    .split(/,\s*|\s+(?:or|and|nor)\s+/)
    .map((x) => x.trim().replace(DETERMINER_RE, "").replace(DETERMINER_RE, ""))
    .filter((x) => x.length >= 3 && !GENERAL.test(x));
}

interface Withheld {
  things: string[];
  span: Span;
  sentence: number;
}

/** Prohibitions read per prompt at most: a long prompt's later ones are paired no more (bounded work). */
const MAX_WITHHELD = 40;

/** A request for one withheld thing, not negated: "state the nationality". */
function requestOf(thing: string): RegExp {
  return new RegExp(
    `(?<!(?:never|not|n't|no|without|avoid)\\s(?:[\\w'-]+\\s){0,3})\\b(?:state|include|give|mention|note|list|report|show|add|quote|provide|put)\\s+(?:(?:the|their|its|his or her|[a-z]+'s)\\s+){0,2}${escapeRegExp(thing)}\\b(?!\\s+of\\b)`,
  );
}

/** A template slot of the withheld words: "[first name]", "{{first_name}}", "<first name>". */
function slotOf(thing: string): RegExp {
  return new RegExp(
    `\\[\\s*(?:[a-z]+'s )?${escapeRegExp(thing)}\\s*\\]|\\{\\{?\\s*(?:[a-z]+_)?${escapeRegExp(thing).replace(/ /g, "_")}\\s*\\}?\\}|<\\s*${escapeRegExp(thing)}\\s*>`,
  );
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function withheldClash({ doc }: RuleContext): Clash | null {
  if (!FORBID_SCREEN_RE.test(doc.instructionLower)) return null;
  const listed: Withheld[] = [];
  const named: Withheld[] = [];
  let previous = "";
  for (const { si, s, lower } of instructionSentences(doc)) {
    for (const clause of lower.split(";")) {
      const base = s.start + lower.indexOf(clause);
      const add = (into: Withheld[], things: string[], m: RegExpMatchArray) => {
        const at = base + m.index!;
        if (
          doc.mask[at] === MASK_CONTENT ||
          CASE_RE.test(clause.replace(CONCESSIVE_RE, " ")) ||
          things.length === 0
        )
          return;
        into.push({ things, span: { start: at, end: at + m[0].length }, sentence: si });
      };
      for (const m of clause.matchAll(LISTED_RE)) add(listed, items(m[1]!), m);
      for (const m of clause.matchAll(PRONOUN_RE)) {
        const set = SET_ASIDE_RE.exec(clause.slice(0, m.index)) ?? SET_ASIDE_RE.exec(previous);
        if (set) add(listed, items(set[1]!), m);
      }
      for (const m of clause.matchAll(SINGLE_RE)) add(named, [m[1]!], m);
      previous = clause;
    }
  }
  if (listed.length === 0 && named.length === 0) return null;
  // each pattern is compiled once, and tried only on a sentence that contains its words
  const requests = listed
    .slice(0, MAX_WITHHELD)
    .flatMap((w) => w.things.map((thing) => ({ w, thing, re: requestOf(thing) })));
  const slots = named
    .slice(0, MAX_WITHHELD)
    .map((w) => ({ w, thing: w.things[0]!, re: slotOf(w.things[0]!) }));
  for (const { si, s, lower } of instructionSentences(doc)) {
    if (CASE_RE.test(lower)) continue;
    for (const { w, thing, re } of requests) {
      if (w.sentence === si || !lower.includes(thing)) continue;
      const m = re.exec(lower);
      if (!m || doc.mask[s.start + m.index] === MASK_CONTENT) continue;
      const second = { start: s.start + m.index, end: s.start + m.index + m[0].length };
      return {
        first: w.span,
        second,
        message: [
          `forbids mentioning the ${thing} and also asks for it`,
          "Say whether the answer may include it; if only for one reader or case, name it.",
        ],
      };
    }
    // a placeholder of the forbidden words in a template the answer follows: "Dear [first name],"
    if (slots.length === 0) continue;
    const raw = doc.text.slice(s.start, s.end).toLowerCase();
    for (const { w, thing, re: slot } of slots) {
      if (w.sentence === si || !/[[{<]/.test(raw)) continue;
      const m = slot.exec(raw);
      if (!m) continue;
      const second = { start: s.start + m.index, end: s.start + m.index + m[0].length };
      return {
        first: w.span,
        second,
        message: [
          `forbids using the ${thing} and also puts it in a template`,
          "Drop the placeholder or the prohibition, or say when the name may be used.",
        ],
      };
    }
  }
  return null;
}

export const WITHHELD_CONTRADICTIONS: Rule = clashRule(
  "PF314",
  'A thing forbidden in a list, through "any of these", or by name, and asked for elsewhere ("never mention any of these" … "always state the nationality"; "never use the first name" … "Dear [first name],").',
  withheldClash,
);
