// Contradictions that mean something: two of the author's own directives about the same subject —
// output language, JSON, lists, length, tone, mentioning a named thing — whose demands cannot both hold.
// Each directive is read with its negation ("do not use JSON" is the opposite of "respond in JSON") and
// only from unconditional instruction sentences: "if the user writes in French, answer in French" and
// "formal with customers, casual with colleagues" are cases, not conflicts; examples, transcripts and
// pasted material are never read. One finding per subject, spanning both directives.
import { MASK_CONTENT } from "../text.js";
import type { Finding, Span } from "../types.js";
import type { RuleContext } from "./context.js";
import {
  boundAbove,
  boundsClash,
  type CountBound,
  countBounds,
  IMPERATIVE_LEAD_RE,
  INCLUDE_RE,
  type LengthBound,
  lengthBounds,
  mainDeliverable,
  OMIT_RE,
  PRONOUN_TARGET,
  SCOPE_AFTER_RE,
  sectionOf,
  sectionStarts,
  TONE_ANY_RE,
  TONE_CLASHES,
  TONE_FAMILY,
  targetOf,
  thingWords,
  underNegativeHeader,
  vagueThing,
} from "./contradiction-subjects.js";
import { OPPOSED_SUBJECTS, VISUAL_PROMPT_RE } from "./opposed-directives.js";
import { findingOf, type Rule } from "./rule.js";

const OPPOSED = new Set(OPPOSED_SUBJECTS.map((o) => o.subject));
/** Table subjects whose absolute rule ("only from the sources", "never outside knowledge") covers every case. */
const VISUAL_SUBJECTS = new Set(OPPOSED_SUBJECTS.filter((o) => o.visual).map((o) => o.subject));
const ABSOLUTE_OVER_CASES = new Set(["knowledge"]);
/** One screen for every subject of the table: most clauses mention none of them. */
const OPPOSED_SCREEN = new RegExp(OPPOSED_SUBJECTS.map((o) => o.screen.source).join("|"));

type Polarity = "require" | "forbid";

interface Directive {
  subject: string;
  value: string;
  polarity: Polarity;
  span: Span;
  /** A "compare … with <names>" request. */
  compare?: boolean;
  /** Stated for a case ("when a prospect is deciding, …"): conflicts only with an absolute rule. */
  conditional: boolean;
  /** Stated without exception ("never", "always", "only", "regardless"). */
  absolute: boolean;
  /** The sentence it was read in. */
  sentence?: number;
  /** The deliverable it is about ("summary", "tweet"); null for the answer itself. */
  target?: string | null;
  /** The prompt section it sits in (-1 before the first heading). */
  section?: number;
  /** A bound on a length, or on a number of items. */
  bound?: LengthBound;
  count?: CountBound;
  /** The words of a named thing to mention or leave out; whether a scope after it narrows the demand. */
  thing?: string[];
  scoped?: boolean;
}

const LANGS =
  "english|spanish|french|german|italian|portuguese|dutch|chinese|mandarin|japanese|korean|russian|arabic|turkish|polish|swedish|hindi";
const SPEAK =
  "respond|reply|answer|write|speak|communicate|converse|output|produce (?:all )?(?:your )?(?:answers|responses|output)";
const LANGUAGE_RE = new RegExp(
  `\\b(?:(?:always|only|exclusively|must)\\s+)?(?:${SPEAK})\\w*\\b[^.;\\n]{0,80}?\\b(?:only |exclusively |always )?in (${LANGS})\\b|\\b(?:all )?(?:answers|responses|replies|output|everything you write) (?:must|should|will|has to|have to) be (?:written |given )?in (${LANGS})\\b|\\b(?:use|in|speak) (${LANGS}) only\\b|\\bonly (?:use |speak )?(${LANGS})\\b(?! (?:words|terms|names|sources|speakers|text))`,
  "gi",
);
/** The answer follows the user's language, or a language given at run time. */
const FOLLOW = "(the user's language)";
const LANGUAGE_FOLLOW_RE = new RegExp(
  `\\b(?:${SPEAK})\\w*\\b[^.;\\n]{0,40}?\\bin (?:the )?(?:(?:same language|language) (?:as|of|that) (?:the |their )?(?:user|customer|caller|visitor|message|question|request|input)|(?:user|customer|caller|visitor)'s (?:own )?(?:language|locale)|their (?:own )?language|\\{\\{\\s*[\\w.]*(?:lang|locale)[\\w.]*\\s*\\}\\})`,
  "g",
);
const LANGUAGE_NEG_RE = new RegExp(
  `\\b(?:do not|don't|never|must not|should not)\\s+(?:${SPEAK})\\w*\\b[^.;\\n]{0,20}?\\bin (${LANGS})\\b|\\b(?:do not|don't|never|must not|should not|avoid)\\s+(?:use|using|speak|speaking)\\s+(${LANGS})\\b(?!\\s+(?:words|terms|names|loanwords|phrases|idioms|spellings?|expressions|jargon|slang|characters|letters))`,
  "gi",
);
const JSON_REQ_RE =
  /\b(?:respond|reply|answer|output|return|format|give|provide|produce)\w*\b[^.;\n]{0,40}?\b(?:(?:in|as|with|using)\s+(?:valid\s+|a\s+|strict\s+|a valid\s+|a single\s+)?json|json (?:only|object|format|array))\b|\bonly (?:valid )?json\b|\bjson only\b|\b(?:output|response|reply|answer|result)s? (?:must|should|will|has to) be (?:valid |a |a valid |strict )?json\b|^\s*(?:output )?format:\s*json\b/gi;
const JSON_NEG_RE =
  /\b(?:do not|don't|never|must not|should not|shouldn't|cannot|can't|avoid)\s+(?:use|using|return|returning|output|outputting|respond(?:ing)? (?:in|with)|format(?:ting)? (?:as|in)|wrap(?:ping)? (?:it )?in)\s+(?:any\s+)?json\b|\bno json\b|\bwithout (?:any )?json\b|\bnot (?:as |in )?json\b|\bavoid (?:any )?json\b|\bjson is (?:not (?:allowed|permitted|wanted)|forbidden|banned)\b|\bprose only\b|\bonly prose\b|\bnever (?:in |as )?json\b/gi;
const LIST_REQ_RE =
  /\b(?:format|layout|structure):\s*(?:a |an )?(?:bulleted|numbered|bullet-point)\b|\b(?:as|in|use|write|give|produce|return) (?:a |an )(?:bulleted|numbered|bullet-point) (?!list\b)[a-z]+\b|\b(?:as|in|into|use|using|with|format (?:[\w-]+ ){0,3}as|present (?:[\w-]+ ){0,3}(?:as|in)|break (?:[\w-]+ ){0,3}into|list (?:[\w-]+ ){0,3}as)\s+(?:a\s+)?(?:bulleted|numbered|bullet(?:-point)?)\s+(?:list|points)\b|\b(?:use|in|into|as|with)\s+bullet points\b|\bbullet(?:ed)? list of\b|\b(?:list|present|give|format|write|show) (?:[\w-]+ ){0,3}as bullets\b|\bin bullet(?:-point)? form\b/gi;
const LIST_NEG_RE =
  /\b(?:do not|don't|never|must not|should not|shouldn't|cannot|can't|avoid)\s+(?:use\s+|using\s+|include\s+|including\s+|add\s+|adding\s+)?(?:any\s+)?(?:(?:bulleted|numbered|bullet)\s+(?:or\s+(?:bulleted|numbered)\s+)?)?(?:lists|bullet points|bullets)\b|\bno (?:lists|bullet points|bullets)\b|\b(?:flowing\s+|plain\s+)?prose only\b|\bonly (?:flowing\s+|plain\s+)?prose\b|\bas (?:plain|flowing|continuous) prose\b|\bwithout (?:any\s+)?(?:lists|bullet points|bullets)\b|\b(?:in\s+)?paragraphs only\b|\bonly (?:full\s+)?paragraphs\b/gi;
/** The whole answer's format: "return the answer as YAML", "your response must be valid JSON". */
const ANSWER_FORMAT_RE =
  /\b(?:respond|reply|answer|return|output|produce|emit)(?: only)? (?:in |as |with )?(?:valid |strict |raw )?(json|yaml|xml|csv)\b(?! (?:field|key|value|tag|attribute|file|schema|object|array|string|snippet|block)s?\b)|\b(?:respond|reply|answer|return|output|format (?:the|your) (?:answer|response|output|reply))\w*(?: only| everything| all| (?:the|your) [a-z]+)? (?:in|as) ((?:valid |a |an |strict |raw )?(?:json|yaml|xml|csv|html|markdown|plain text))\b|\b(?:your|the|each|every) (?:answer|response|output|reply) (?:must|should|has to|will) be (?:written )?(?:in |as )?((?:valid |a |an |strict |raw )?(?:json|yaml|xml|csv|html|markdown|plain text))\b/g;
/** The deliverable a tone word qualifies ("a casual Instagram caption") or its scope ("… tone in the tweet"). */
function toneTarget(lower: string, end: number): string | null {
  const after = lower.slice(end, end + 60);
  const scope =
    /^\s+(?:tone|style|register|voice|manner|language|wording|feel|vibe)?\s*(?:in|for|on) (?:the |a |an |our |your |each )?([a-z-]+(?: [a-z-]+)?)/.exec(
      after,
    );
  if (scope) return scope[1]!;
  const noun =
    /^,?\s+(?!(?:tone|style|register|voice|manner|language|wording|feel|vibe|and|but|or|with|yet|throughout|at|in|for|to)\b)([a-z-]+(?: [a-z-]+)?)/.exec(
      after,
    );
  if (
    noun &&
    /^(?:[a-z-]+ )?(?:letter|email|e-mail|post|caption|tweet|reply|message|note|speech|toast|announcement|press release|bio|article|essay|story|poem|invitation|memo|update|report|review|description|summary|newsletter|script|ad|advert|headline|thread)\b/.test(
      noun[1]!,
    )
  )
    return noun[1]!;
  return null;
}
/** "Compare us point by point with Globex and Initech": naming others to compare with. */
const COMPARE_RE =
  /\b[Cc]ompare\s+(?:us|it|ourselves|our\s+\w+|the\s+\w+|[A-Z][\w-]*)(?:\s+(?:point\s+by\s+point|side\s+by\s+side|directly|feature\s+by\s+feature))?\s+(?:with|to|against)\s+([A-Z][\w&-]*(?:\s+(?:and|or|,)?\s*[A-Z][\w&-]*)*|(?:our |the |their |other |rival )?competitors?|rivals?)/g;
/** A match-like value at a given place, for readers that return offsets. */
function matchAt(text: string, index: number, length: number): RegExpMatchArray {
  const m = [text.slice(index, index + length)] as unknown as RegExpMatchArray;
  m.index = index;
  return m;
}
/** Humour asked for in so many words: "crack a few jokes", "add some puns", "keep it witty". */
const HUMOUR_RE =
  /\b(?:crack|make|tell|include|add|throw in|sprinkle(?: in)?|use)\s+(?:a few |some |lots of |plenty of |the odd |a couple of )?(?:jokes|puns|humou?r|banter)\b|\b(?:be|keep it|sound|stay)\s+(?:witty|jokey)\b/g;
/** An action on a named thing, with its negation when there is one ("do not include a summary"). */
const ACTION_RE =
  /\b((?:never|do not|don't|must not|should not|shouldn't|avoid) )?(include|use|add|mention|offer|give|provide|show|list|start with|end with|sign off with|apologi[sz]e for|recommend|suggest|repeat|quote|cite|reveal|share|ask for|attach|insert|append)(?:ing)? (?:a |an |the |any |your |our |some |one |short |brief )*([a-z][a-z-]{2,})\b/g;
const BARE_ACTION_RE =
  /\b(always|never|do not|don't|must not|should not)\s+(apologi[sz]e|speculate|guess|joke|swear|improvise|digress|break character|use emojis|use slang|ask questions|give advice|give opinions|share opinions|use markdown|greet the user|summari[sz]e)(?=\s*(?:[.;!]|$))/g;
const NEGATED_ACTION_RE =
  /\b(?:never|do not|don't|must not|should not|shouldn't|avoid) (?:include|use|add|mention|offer|give|provide|show|list|start with|end with|sign off with|apologi[sz]e for|recommend|suggest|repeat|quote|cite|reveal|share|ask for|attach|insert|append)(?:ing)? (?:a |an |the |any |your |our |some |one |short |brief )*([a-z][a-z-]{2,})\b/g;
const NEGATED_BARE_RE =
  /\b(?:never|do not|don't|must not|should not) (?:apologi|speculate|guess|joke|swear|improvise|digress|break character|use emojis|use slang|ask questions|give advice|give opinions|share opinions|use markdown|greet the user|summari)/;

/** The objects of forbidden actions ("do not include a summary" → "summary"), and whether a bare one is. */
function forbiddenObjects(lower: string): { objects: Set<string>; bare: boolean } {
  const objects = new Set<string>();
  for (const m of lower.matchAll(NEGATED_ACTION_RE)) if (!ACTION_STOP.has(m[1]!)) objects.add(m[1]!);
  return { objects, bare: NEGATED_BARE_RE.test(lower) };
}

function mentionsAny(text: string, words: ReadonlySet<string>): boolean {
  for (const w of words) if (text.includes(w)) return true;
  return false;
}

const ACTION_CASE_RE =
  /\b(?:if|when|whenever|unless|except|only|in case|where|after|before|until|once|otherwise|instead)\b|\bfor (?:a|an|each|every|any|short|long|simple|complex)\b|\?/;
/** Objects too general to name one thing ("use it", "add more", "include the following"). */
const ACTION_STOP = new Set(
  "it them this that these those more less other others following same one any all each your our their the a an some short brief".split(
    " ",
  ),
);
const MENTION_NEG_SCREEN =
  /\b(?:never|do not|don't|must not|should not|shouldn't|cannot|can't|avoid|without|no mention)\b|\b(?:omit|leave out|exclude|skip|drop|remove|strip out|cut out|hide)\b/;

const ABSOLUTE_RE =
  /\b(?:never|always|only|regardless|under no circumstances|at all times|in any case|whatever)\b/i;

/** Sentences that state a case rather than a rule: their directives can coexist with the opposite. */
const CONDITIONAL_RE =
  /^\s*(?:[-*•\d.)]+\s*)?(?:if|when|whenever|unless|for|in case|once|after|before|only if|where)\b|\b(?:if|when|unless) (?:the |a )?(?:user|customer|they|you|someone|asked|requested)\b|\bexcept\b/i;

// Cheap screens: a clause is only searched for a subject's directives when one of its words is there.
const SCREENS = {
  language: new RegExp(`\\b(?:${LANGS})\\b`),
  json: /json|prose/,
  lists: /list|bullet|prose|paragraph/,
  length: /word|sentence|line|paragraph|page|char|stanza|short|brief|long|length|detail|list of/,
  tone: /formal|casual|chatty|colloquial|relaxed|laid-back|stiff|playful|humorous|funny|serious|solemn|sober|somb|grave|jokey|witty|comedic|silly|goofy|light-?hearted|professional|slang|jok|pun|humou?r|banter|enthusias|excited|hyped|neutral|restrained|understated|detached/,
  mention:
    /mention|nam(?:e|ing)|refer|compare|discuss|talk|includ|recommend|highlight|bring|disclos|quot|stat|shar|reveal|tell|omit|leave out|exclude|skip|drop|remove|strip|cut out|hide|list|giv|show|add|writ|display|specif|print|feature|end with|finish with|close with|start with|open with|begin with|put|point out|spell out|call out/,
};

/** The directives are shared by the five contradiction rules: found once per prompt. */
const CACHE = new WeakMap<object, Directive[]>();

function directives(ctx: RuleContext): Directive[] {
  const cached = CACHE.get(ctx.doc);
  if (cached) return cached;
  const found = findDirectives(ctx);
  CACHE.set(ctx.doc, found);
  return found;
}

function findDirectives(ctx: RuleContext): Directive[] {
  const { doc } = ctx;
  const out: Directive[] = [];
  // a picture's description is rarely imperative: its sentences are read for the visual subjects only
  const visual = VISUAL_PROMPT_RE.test(doc.text);
  const headings = caseHeadings(doc.text);
  const sections = sectionStarts(doc.text);
  // one answer per line: a long prompt pushes many demands from the same lines
  const negativeLines = new Map<number, boolean>();
  const negativeAt = (at: number) => {
    const line = doc.text.lastIndexOf("\n", at - 1) + 1;
    // a header on the demand's own line ("Negative prompt: anime, …") is read each time
    if (doc.text.slice(line, at).includes(":")) return underNegativeHeader(doc.text, at);
    let v = negativeLines.get(line);
    if (v === undefined) negativeLines.set(line, (v = underNegativeHeader(doc.text, line)));
    return v;
  };
  // a bound on the prompt's one deliverable ("Write a tweet …") is a bound on the whole answer
  let main: string | null = null;
  for (let i = 0; i < doc.sentences.length && i < 6 && main === null; i++) {
    const s = doc.sentences[i]!;
    if (s.instruction) main = mainDeliverable(doc.instructionLower.slice(s.start, s.end));
  }
  // in a long specification, numbers are thresholds and limits of many parts: only bounds stated as
  // bounds ("at most", "at least", "exactly", a range) are read
  const long = doc.text.length > LONG_PROMPT_CHARS;
  // "it" is what the nearest sentence before made ("… a product description. Keep it to one sentence.")
  const prevDeliverable = (si: number) => {
    for (let i = si - 1; i >= 0 && i >= si - 4; i--) {
      const p = doc.sentences[i]!;
      const found = p.instruction ? mainDeliverable(doc.instructionLower.slice(p.start, p.end)) : null;
      if (found) return found;
    }
    return null;
  };
  // PF310 reads an action only where its object is also forbidden somewhere: one pass finds those objects,
  // so most clauses skip the action pattern
  const forbidden = forbiddenObjects(doc.instructionLower);
  const mayForbidMention = MENTION_NEG_SCREEN.test(doc.instructionLower);
  for (let si = 0; si < doc.sentences.length; si++) {
    const s = doc.sentences[si]!;
    if (!s.instruction && !visual) continue;
    const whole = doc.instructionText.slice(s.start, s.end);
    if (!whole.trim()) continue;
    // clauses: "Never mention competitors; if asked about them, steer back" holds one rule and one case
    for (const clause of whole.matchAll(/[^;]+/g)) {
      const offset = s.start + clause.index!;
      const text = clause[0];
      const conditional = CONDITIONAL_RE.test(text);
      const absolute = ABSOLUTE_RE.test(text);
      const lower = text.toLowerCase();
      const at = (m: RegExpMatchArray): Span => ({
        start: offset + m.index!,
        end: offset + m.index! + m[0].length,
      });
      const push = (subject: string, value: string, polarity: Polarity, m: RegExpMatchArray) => {
        // a directive that starts inside pasted material or a quoted example is not the author's
        if (doc.mask[offset + m.index!] === MASK_CONTENT) return;
        // an item under "Never:" / "Do NOT add:" / "Negative prompt:" is a prohibition, not a demand
        if (polarity === "require" && negativeAt(offset + m.index!)) return;
        out.push({
          subject,
          value,
          polarity,
          span: at(m),
          compare: /^compare\b/i.test(m[0]),
          conditional,
          absolute,
        });
      };
      const anyOpposed = OPPOSED_SCREEN.test(lower);
      for (const o of anyOpposed ? OPPOSED_SUBJECTS : []) {
        if ((o.visual ? !visual : !s.instruction) || !o.screen.test(lower)) continue;
        for (const side of o.sides) {
          if (side.skip?.test(lower)) continue;
          for (const m of lower.matchAll(side.re)) {
            // "--no flat, cartoon" (a negative prompt), "not black and white", "avoid anime"
            if (o.visual && VISUAL_NEGATED_RE.test(lower.slice(0, m.index))) continue;
            push(o.subject, side.value, "require", m);
            const d = out[out.length - 1];
            // these subjects only conflict as two unconditional rules; the case may be stated on the
            // line before ("If you need to retry,\n always ask …"), by a heading ("## When …") or after
            // the demand in its clause ("… unless the user asks", "… when necessary")
            if (d && d.span.start === offset + m.index!) {
              d.sentence = si;
              // a temporal lead-in ("After each label, explain …") is not a case
              d.conditional =
                CASE_WORD_RE.test(lower.slice(0, m.index)) ||
                caseBefore(doc.text, offset, headings) ||
                // only the demand's own part of the clause: in "never use X, and say Y when Z" the case
                // belongs to the second demand
                CASE_AFTER_RE.test(lower.slice(m.index! + m[0].length).split(/,\s*(?:and|but|then)\s/)[0]!);
            }
          }
        }
      }
      if (!s.instruction) continue;
      const has = (k: keyof typeof SCREENS) => SCREENS[k].test(lower);
      if (has("language"))
        for (const m of lower.matchAll(LANGUAGE_NEG_RE)) push("language", (m[1] ?? m[2])!, "forbid", m);
      // "reply in the customer's language", "respond in {{language}}": read on the original text, where the
      // variable is not masked out
      if (/lang|locale/.test(lower) || doc.text.slice(offset, offset + text.length).includes("{{"))
        for (const m of doc.text
          .slice(offset, offset + text.length)
          .toLowerCase()
          .matchAll(LANGUAGE_FOLLOW_RE))
          if (!/\btranslat/.test(lower)) push("language", FOLLOW, "require", m);
      if (has("language"))
        for (const m of lower.matchAll(LANGUAGE_RE)) {
          const before = lower.slice(Math.max(0, m.index! - 20), m.index!);
          if (/\b(?:do not|don't|never|not)\s*$/.test(before) || /\btranslat/.test(lower)) continue;
          push("language", (m[1] ?? m[2] ?? m[3] ?? m[4])!, "require", m);
        }
      const jsonNeg =
        has("json") && !/\b(?:field|value|string|key|property|column)s?\b/.test(lower)
          ? [...lower.matchAll(JSON_NEG_RE)]
          : [];
      for (const m of jsonNeg) push("json", "json", "forbid", m);
      if (jsonNeg.length === 0 && has("json"))
        for (const m of lower.matchAll(JSON_REQ_RE)) push("json", "json", "require", m);
      const listNeg = has("lists") ? [...lower.matchAll(LIST_NEG_RE)] : [];
      const listScope = (m: RegExpMatchArray) => {
        const d = out[out.length - 1];
        // "no bullet points in the introduction", "a bulleted list for the steps": a rule for one part
        if (d && d.span.start === offset + m.index!)
          d.scoped =
            SCOPE_AFTER_RE.test(lower.slice(m.index! + m[0].length)) &&
            !/^\s*(?:in|for|within) (?:your|the|any|this|my) (?:answer|response|reply|output|text|message)s?\b|^\s*(?:in|for|within) (?:your|the|any) (?:answers|responses|replies)\b|^\s*(?:in|at) all\b/.test(
              lower.slice(m.index! + m[0].length),
            );
      };
      for (const m of listNeg) {
        push("lists", "lists", "forbid", m);
        listScope(m);
      }
      if (listNeg.length === 0 && has("lists"))
        for (const m of lower.matchAll(LIST_REQ_RE)) {
          push("lists", "lists", "require", m);
          listScope(m);
        }
      if (has("length"))
        for (const bound of lengthBounds(lower)) {
          if (long && !bound.explicit) continue;
          const m = matchAt(text, bound.index, bound.length);
          push("length", `${bound.unit}:${bound.min ?? ""}-${bound.max ?? ""}`, "require", m);
          const d = out[out.length - 1];
          if (d && d.span.start === offset + bound.index) {
            d.bound = bound;
            d.sentence = si;
            d.section = sectionOf(sections, offset);
            let target = targetOf(lower, bound.index, bound.index + bound.length);
            if (target === PRONOUN_TARGET) target = si > 0 ? prevDeliverable(si) : null;
            d.target = target === main ? null : target;
            // "send an update if thinking for more than 100 words": a case, not the answer's length
            if (CASE_WORD_RE.test(lower.slice(0, bound.index))) d.conditional = true;
          }
        }
      if (/\d|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|dozen|couple|single/.test(lower))
        for (const c of countBounds(lower)) {
          push("count", `${c.noun}:${c.min}-${c.max}`, "require", matchAt(text, c.index, c.length));
          const d = out[out.length - 1];
          if (d && d.span.start === offset + c.index) {
            d.count = c;
            d.sentence = si;
            d.section = sectionOf(sections, offset);
            if (CASE_WORD_RE.test(lower.slice(0, c.index))) d.conditional = true;
          }
        }
      if (/json|yaml|xml|csv|html|markdown|plain text/.test(lower))
        for (const m of lower.matchAll(ANSWER_FORMAT_RE)) {
          const f = (m[1] ?? m[2] ?? m[3])!.replace(/^(?:valid|a|an|strict|raw)\s+/, "");
          push("answer_format", f === "plain" ? "plain text" : f, "require", m);
          const d = out[out.length - 1];
          if (d && d.span.start === offset + m.index!) d.sentence = si;
        }
      // "formal with clients" never matches (the pattern refuses a following with/for/when), so two tones
      // in one sentence are one demand each: "a formal letter in a casual, chatty tone"
      // "match the user's tone (casual, professional, formal …)" names tones it does not ask for
      if (
        has("tone") &&
        !/\b(?:match|mirror|adapt to|follow)\w* (?:the user's|their|the customer's|the caller's)\b/.test(
          lower,
        )
      )
        for (const m of lower.matchAll(TONE_ANY_RE)) {
          const word = (m[1] ?? m[2] ?? m[3])!;
          const at0 = m.index! + m[0].lastIndexOf(word);
          if (
            /\b(?:not|never|avoid|don't|no|without|nothing|isn't|aren't|too)\s+(?:\w+\s+){0,3}$/.test(
              lower.slice(Math.max(0, at0 - 30), at0),
            )
          )
            continue;
          push("tone", TONE_FAMILY[word]!, "require", m);
          const d = out[out.length - 1];
          if (d && d.span.start === offset + m.index!) {
            d.sentence = si;
            d.target = toneTarget(lower, at0 + word.length);
          }
        }
      if (/jok|pun|humou?r|witty|banter/.test(lower))
        for (const m of lower.matchAll(HUMOUR_RE)) {
          if (
            /\b(?:not|never|avoid|don't|no|without)\s+(?:\w+\s+){0,2}$/.test(
              lower.slice(Math.max(0, m.index! - 25), m.index!),
            )
          )
            continue;
          push("tone", "humorous", "require", m);
        }
      // the same action on the same thing, demanded in one sentence and forbidden in another: "Include a
      // summary at the top." … "Do not include a summary."; only where neither clause states a case
      // "Always apologise." … "Never apologise.": a behaviour with no object, at the end of its clause
      if (forbidden.bare && !ACTION_CASE_RE.test(lower))
        for (const m of lower.matchAll(BARE_ACTION_RE)) {
          const verb = m[2]!.replace(/i[sz]e$/, "ise");
          push("action", `${verb}:-`, m[1] === "always" ? "require" : "forbid", m);
          const d = out[out.length - 1];
          if (d && d.span.start === offset + m.index!) d.sentence = si;
        }
      if (forbidden.objects.size > 0 && mentionsAny(lower, forbidden.objects) && !ACTION_CASE_RE.test(lower))
        for (const m of lower.matchAll(ACTION_RE)) {
          const noun = m[3]!;
          if (ACTION_STOP.has(noun)) continue;
          // a scope after the object ("use artifacts for: …", "use tables in comparisons") narrows the rule
          const after = lower.slice(m.index! + m[0].length);
          if (
            /^\s*(?:for|when|in|on|at|to|with|if|during|where|as|unless|except|about|that|which|who|from|within|inside|outside|before|after|until)\b|^\s*:/.test(
              after,
            )
          )
            continue;
          // "use web search", "use plt.show()", "show clear intent": the noun is part of a longer name
          if (
            /^(?:\.\w|[-_/]\w|\s+(?!(?:and|or|but|anywhere|at all|ever|again|please|either|whatsoever|here|there)\b)[a-z])/.test(
              after,
            )
          )
            continue;
          // "answer queries that show …": a verb in a relative clause
          if (
            /\b(?:that|which|who|whom)\s+(?:\w+\s+)?$/.test(lower.slice(Math.max(0, m.index! - 20), m.index!))
          )
            continue;
          // "you must never, ever provide …": the negation may sit a few words back
          if (
            !m[1] &&
            /(?:\bnot|\bnever|n't|\bno|\bavoid|\bwithout)\b[^.;]{0,20}$/.test(
              lower.slice(Math.max(0, m.index! - 25), m.index!),
            )
          )
            continue;
          const verb = m[2]!.replace(/ing$/, "").replace(/e$/, "");
          const key = `${verb}:${noun.replace(/(?:es|s)$/, "")}`;
          push("action", key, m[1] ? "forbid" : "require", m);
          const d = out[out.length - 1];
          if (d && d.span.start === offset + m.index!) d.sentence = si;
        }
      // a named thing can only be both forbidden and asked for where something is forbidden at all
      if (mayForbidMention && has("mention"))
        for (const m of lower.matchAll(OMIT_RE)) {
          const np = (m[1] ?? m[2])!;
          // "omit the summary" is an instruction; "… and hide edge cases", "commits that must skip hooks" are not
          if (vagueThing(np) || (m[2] !== undefined && !IMPERATIVE_LEAD_RE.test(lower.slice(0, m.index))))
            continue;
          push("mention", np.replace(/^(?:any|our|the)\s+/, ""), "forbid", m);
          const d = out[out.length - 1];
          if (d && d.span.start === offset + m.index!) {
            d.sentence = si;
            d.thing = thingWords(np);
            d.scoped = SCOPE_AFTER_RE.test(lower.slice(m.index! + m[0].length));
            if (CASE_WORD_RE.test(lower.slice(m.index! + m[0].length))) d.conditional = true;
          }
        }
      if (mayForbidMention && has("mention"))
        for (const m of lower.matchAll(INCLUDE_RE)) {
          // "never mention the screen id" holds the request's words: it is the prohibition
          if (
            /(?:not|\bnever|n't|\bavoid|\bwithout|\bno)\s+(?:\w+[\s,]+){0,2}$/i.test(
              lower.slice(Math.max(0, m.index! - 25), m.index!),
            ) ||
            vagueThing(m[1]!) ||
            !IMPERATIVE_LEAD_RE.test(lower.slice(0, m.index))
          )
            continue;
          push("mention", m[1]!, "require", m);
          const d = out[out.length - 1];
          if (d && d.span.start === offset + m.index!) {
            d.sentence = si;
            // "write explanations when there is not enough detail": a case
            if (CASE_AFTER_RE.test(lower.slice(m.index! + m[0].length))) d.conditional = true;
            d.thing = thingWords(m[1]!);
            d.scoped = SCOPE_AFTER_RE.test(lower.slice(m.index! + m[0].length));
          }
        }
      if (mayForbidMention && /compare/.test(lower))
        for (const m of text.matchAll(COMPARE_RE)) push("mention", m[1]!.toLowerCase(), "require", m);
    }
  }
  return out;
}

const VISUAL_NEGATED_RE = /(?:--no\b|\bnegative prompt\b|\b(?:no|not|avoid|without|never|don't)\b)[^.;\n]*$/;
const CASE_WORD_RE =
  /\b(?:if|when|whenever|unless|in case|only for|for (?:a|an|any|each) \w+ (?:that|who|which))\b/i;
const CASE_AFTER_RE =
  /(?<!\b(?:as|even) )\b(?:if|when|whenever|unless|only if|where (?:needed|necessary|relevant))\b/;
const CASE_HEADING_RE = /^#{1,6}\s*(?:how to (?:handle|respond|deal)|handling|when|if|for|in case|on)\b/i;

/** Offsets where a heading that names a case ("## When the user asks for a refund") starts a section. */
function caseHeadings(text: string): Array<{ start: number; isCase: boolean }> {
  const out: Array<{ start: number; isCase: boolean }> = [];
  for (const m of text.matchAll(/^#{1,6}[ \t][^\n]*/gm))
    out.push({ start: m.index, isCase: CASE_HEADING_RE.test(m[0]) });
  return out;
}

/** True when the clause at `offset` sits in a stated case: the sentence's lead-in or its section's heading. */
function caseBefore(text: string, offset: number, headings: Array<{ start: number; isCase: boolean }>) {
  const lead =
    text
      .slice(Math.max(0, offset - 240), offset)
      .split(/[.!?](?:\s|$)|\n[ \t]*\n/)
      .pop() ?? "";
  if (CASE_WORD_RE.test(lead)) return true;
  let section: { isCase: boolean } | undefined;
  for (const h of headings) {
    if (h.start > offset) break;
    section = h;
  }
  return section?.isCase ?? false;
}

/** Past this many characters a prompt is a specification with many parts, each with its own limits. */
const LONG_PROMPT_CHARS = 3000;

/** Bounds in two sections of a structured prompt are about two parts, unless one is stated without exception. */
function sameSectionOrAbsolute(a: Directive, b: Directive): boolean {
  return a.section === b.section || a.absolute || b.absolute;
}

function conflict(a: Directive, b: Directive): boolean {
  if (a.subject !== b.subject) return false;
  // the table's subjects: two rules in different sentences ("refer to the user in the second person and to
  // yourself in the first" assigns, it does not conflict), neither stated for a case
  if (OPPOSED.has(a.subject)) {
    // a picture is often described in one long sentence of commas: there, one sentence can clash
    if ((a.sentence === b.sentence && !VISUAL_SUBJECTS.has(a.subject)) || (a.conditional && b.conditional))
      return false;
    // "answer only from the sources" admits no gap to fill: a case that fills it from general knowledge
    // breaks the rule itself; for the other subjects a case is an exception the author carved out
    if (a.conditional || b.conditional) {
      if (!ABSOLUTE_OVER_CASES.has(a.subject)) return false;
      const rule = a.conditional ? b : a;
      if (!rule.absolute || rule.value !== "sources_only") return false;
    }
  }
  // two cases never conflict; a case conflicts with a rule only when the rule admits no exception
  if (a.conditional && b.conditional) return false;
  if ((a.conditional && !b.absolute) || (b.conditional && !a.absolute)) return false;
  switch (a.subject) {
    case "language":
      if (a.value === FOLLOW || b.value === FOLLOW) {
        // following the user conflicts with a fixed language only when that one admits no exception
        const fixed = a.value === FOLLOW ? b : a;
        return fixed.value !== FOLLOW && fixed.polarity === "require" && fixed.absolute && !fixed.conditional;
      }
      if (a.polarity === "require" && b.polarity === "require") return a.value !== b.value;
      return a.value === b.value && a.polarity !== b.polarity;
    case "json":
      return a.polarity !== b.polarity;
    case "lists":
      return a.polarity !== b.polarity && !(a.scoped && b.scoped);
    case "length": {
      if (!a.bound || !b.bound || !sameSectionOrAbsolute(a, b)) return false;
      if (a.target === b.target) return boundsClash(a.bound, b.bound);
      if (a.target && b.target) return false;
      // a part ("the meta description under 155 characters") may be shorter than the whole, never longer
      const [whole, part] = a.target ? [b.bound, a.bound] : [a.bound, b.bound];
      return boundAbove(part, whole);
    }
    case "count": {
      const x = a.count;
      const y = b.count;
      if (!x || !y || x.noun !== y.noun || a.sentence === b.sentence) return false;
      // "three examples for beginners" and "five examples for experts" are two lists
      if (x.scope !== y.scope && x.scope !== "" && y.scope !== "") return false;
      if (!(x.max < y.min || y.max < x.min)) return false;
      return sameSectionOrAbsolute(a, b);
    }
    case "answer_format": {
      // two formats for the whole answer, in two sentences, neither for a case
      if (a.sentence === b.sentence || a.conditional || b.conditional) return false;
      return a.value !== b.value;
    }
    case "action":
      return (
        a.value === b.value &&
        a.polarity !== b.polarity &&
        a.sentence !== b.sentence &&
        !a.conditional &&
        !b.conditional
      );
    case "tone":
      if (!(TONE_CLASHES.has(`${a.value}|${b.value}`) || TONE_CLASHES.has(`${b.value}|${a.value}`)))
        return false;
      // "a casual caption and a formal LinkedIn post" gives each text its own tone
      return !a.target || !b.target || a.target === b.target;
    case "mention": {
      if (a.polarity === b.polarity) return false;
      const [neg, req] = a.polarity === "forbid" ? [a, b] : [b, a];
      // "never mention competitors" vs "compare us point by point with Globex and Initech"
      if (/^(?:competitors?|rivals?|other (?:brands|companies|vendors))\b/.test(neg.value))
        return req.value.includes("competitor") || /^rival/.test(req.value) || req.compare === true;
      if (req.compare || a.sentence === b.sentence || !neg.thing || !req.thing) return false;
      // "not in the subject line", "not at the top": a prohibition for one place
      if (neg.scoped) return false;
      // everything the prohibition names is what the request names ("the CEO's name" … "quote the CEO")
      return (
        neg.thing.length > 0 &&
        neg.thing.length === req.thing.length &&
        neg.thing.every((w) => req.thing!.includes(w))
      );
    }
    default:
      // the table's subjects: two different sides of one subject; "no_first" refuses only "first"
      if (a.value.startsWith("no_") || b.value.startsWith("no_"))
        return a.value === `no_${b.value}` || b.value === `no_${a.value}`;
      return a.value !== b.value;
  }
}

const MESSAGES: Record<string, [string, string]> = {
  action: [
    "both asks for something and forbids it",
    "Keep one of the two instructions, or say in which case each applies.",
  ],
  answer_format: [
    "asks for the whole answer in two different formats",
    "Choose one format for the answer, or say which part takes which.",
  ],
  language: [
    "asks for the answer in two different languages",
    "Pick one output language, or say which applies when.",
  ],
  json: [
    "both asks for JSON and forbids it",
    "Decide whether the answer is JSON; if it depends on the case, say which case.",
  ],
  lists: ["both asks for a list and forbids lists", "Choose a list or prose, or say where each applies."],
  length: ["sets two lengths for the answer that cannot both hold", "State one length for the answer."],
  count: [
    "asks for two numbers of the same items that cannot both hold",
    "State one number (or one range) for the items.",
  ],
  tone: ["asks for two opposite tones", "Choose one tone, or say which audience gets which."],
  mention: [
    "forbids mentioning something it also asks to mention",
    "Decide whether it may be named; if it depends on the case, say which.",
  ],
  ...Object.fromEntries(OPPOSED_SUBJECTS.map((o) => [o.subject, o.message])),
};

function ruleFor(id: string, subjects: string[], description: string): Rule {
  const rule: Rule = {
    id,
    kind: "contradiction",
    severity: "warning",
    description,
    check(ctx: RuleContext): Finding[] {
      const ds = directives(ctx).filter((d) => subjects.includes(d.subject));
      const out: Finding[] = [];
      const done = new Set<string>();
      for (let i = 0; i < ds.length; i++)
        for (let j = i + 1; j < ds.length; j++) {
          const a = ds[i]!;
          const b = ds[j]!;
          if (done.has(a.subject) || !conflict(a, b)) continue;
          done.add(a.subject);
          const [what, fix] = MESSAGES[a.subject]!;
          const q = (d: Directive) => ctx.doc.text.slice(d.span.start, d.span.end);
          out.push(findingOf(rule, `The prompt ${what}: "${q(a)}" and "${q(b)}".`, fix, [a.span, b.span]));
        }
      return out;
    },
  };
  return rule;
}

export const CONTRADICTION_RULES: readonly Rule[] = [
  ruleFor(
    "PF301",
    ["length", "count"],
    "Length or item-count requirements that exclude each other (one sentence vs at least 500 words; at most three risks vs at least eight).",
  ),
  ruleFor(
    "PF302",
    ["json", "lists", "answer_format"],
    "Format requirements that exclude each other (JSON vs no JSON; a list vs no lists).",
  ),
  ruleFor(
    "PF303",
    ["tone"],
    "Opposite tones demanded for the same output (formal vs casual, serious vs humorous).",
  ),
  ruleFor("PF304", ["language"], "The answer is asked for in two different languages."),
  ruleFor(
    "PF306",
    OPPOSED_SUBJECTS.filter((o) => !o.visual).map((o) => o.subject),
    "Behaviour demands that exclude each other (never give the answer vs give the full answer; answer only from the sources vs fill gaps from general knowledge; output only the label vs explain it).",
  ),
  ruleFor(
    "PF307",
    OPPOSED_SUBJECTS.filter((o) => o.visual).map((o) => o.subject),
    "A picture described two incompatible ways (black and white vs vivid colour; night vs midday sun; photorealistic vs cartoon).",
  ),
  ruleFor(
    "PF310",
    ["action"],
    'The same action on the same thing demanded and forbidden ("Include a summary." … "Do not include a summary.").',
  ),
  ruleFor(
    "PF305",
    ["mention"],
    "Forbids mentioning something (competitors, a name) that another instruction asks to mention.",
  ),
];
