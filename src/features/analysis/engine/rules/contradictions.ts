// Contradictions that mean something: two of the author's own directives about the same subject
// (output language, JSON, lists, length, tone, naming a thing) whose demands cannot both hold.
// Each directive is read with its negation ("do not use JSON" is the opposite of "respond in JSON") and
// only from unconditional instruction sentences: "if the user writes in French, answer in French" and
// "formal with customers, casual with colleagues" are cases, not conflicts; examples, transcripts and
// pasted material are never read. One finding per subject.
import { includesIn, lastIndexIn, MASK_CONTENT, matchesOf } from "../text.js";
import type { Finding, Span } from "../types.js";
import type { RuleContext } from "./context.js";
import {
  CONTRADICTION_MESSAGES,
  conflict,
  type Directive,
  directivesOf,
  OPPOSED_SCREEN,
  type Polarity,
  reportedElsewhere,
} from "./contradiction-conflict.js";
import { excusedClash } from "./contradiction-excused.js";
import { countBounds, lengthBounds, PREVIOUS_ITEMS, structureBound } from "./contradiction-lengths.js";
import { negatedVerbs, negationDemands } from "./contradiction-negation.js";
import {
  ABSOLUTE_RE,
  ACTION_CASE_RE,
  ACTION_RE,
  ACTION_STOP,
  ANSWER_FORMAT_RE,
  addedPartLanguage,
  BARE_ACTION_RE,
  COMPARE_RE,
  CONDITIONAL_RE,
  EVERY_ANSWER_RE,
  FOLLOW,
  FRONTED_FOR_RE,
  forbiddenObjects,
  HUMOUR_RE,
  JSON_NEG_RE,
  JSON_REQ_RE,
  LANGUAGE_FOLLOW_RE,
  LANGUAGE_NEG_RE,
  LANGUAGE_RE,
  LIST_NEG_RE,
  LIST_REQ_RE,
  MENTION_NEG_SCREEN,
  matchAt,
  mentionsAny,
  pricesForbidden,
  priceWritten,
  SCREENS,
  STRICT_RE,
  toneRefused,
  toneTarget,
} from "./contradiction-patterns.js";
import {
  ATTRIBUTIVE_RE,
  CASE_AFTER_RE,
  CASE_WORD_RE,
  CONCESSIVE_RE,
  caseBefore,
  caseHeadings,
  INSIDE_CONDITION_RE,
  inlineLabel,
  lineLabel,
  REQUESTED_CASE_RE,
  SECTIONED_PROMPT_CHARS,
  TRANSLATION_RE,
  turnAt,
  USER_ASKS_RE,
  userTurns,
  VISUAL_NEGATED_RE,
  VISUAL_OFFERED_RE,
} from "./contradiction-scope.js";
import {
  forbiddenNames,
  IMPERATIVE_LEAD_RE,
  INCLUDE_RE,
  mainDeliverable,
  NAME_RIVAL_RE,
  namedAgain,
  OMIT_RE,
  PRONOUN_TARGET,
  SCOPE_AFTER_RE,
  SEQUENCE_PART_TARGET,
  sectionOf,
  sectionStarts,
  TONE_ANY_RE,
  TONE_FAMILY,
  targetOf,
  thingWords,
  underNegativeHeader,
  vagueThing,
} from "./contradiction-subjects.js";
import { OPPOSED_SUBJECTS, opposedSubjectsIn, screensIn, VISUAL_PROMPT_RE } from "./opposed-directives.js";
import { clashFinding, contradictionRule, type Rule } from "./rule.js";

/** Found once per prompt, shared by the rules. */
const CACHE = new WeakMap<object, Directive[]>();

function directives(ctx: RuleContext): Directive[] {
  const cached = CACHE.get(ctx.doc);
  if (cached) return cached;
  const found = findDirectives(ctx);
  CACHE.set(ctx.doc, found);
  return found;
}

/** How a clause states its demands: in a case, without exception, strictly, for every answer. */
interface Modality {
  conditional: boolean;
  absolute: boolean;
  strict: boolean;
  everyAnswer: boolean;
}

function findDirectives(ctx: RuleContext): Directive[] {
  const { doc } = ctx;
  const out: Directive[] = [];
  // a picture's description is rarely imperative: its sentences are read for the visual subjects only
  const visual = VISUAL_PROMPT_RE.test(doc.text);
  const headings = caseHeadings(doc.text);
  // a short prompt is one piece whatever its "Label:" lines ("Photo: …", "Caption:" in an example): only a
  // longer one is a specification whose sections set limits for different parts
  const sections = doc.text.length > SECTIONED_PROMPT_CHARS ? sectionStarts(doc.text) : [];
  // one answer per line: a long prompt pushes many demands from the same lines
  const negativeLines = new Map<number, boolean>();
  const negativeAt = (at: number) => {
    const line = lastIndexIn(doc, "\n", at - 1) + 1;
    // a header on the demand's own line ("Negative prompt: anime, …") is read each time
    if (includesIn(doc, ":", line, at)) return underNegativeHeader(doc.text, at);
    let v = negativeLines.get(line);
    if (v === undefined) {
      v = underNegativeHeader(doc.text, line);
      negativeLines.set(line, v);
    }
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
  // PF310 reads an action only where its object is forbidden somewhere: one pass finds those objects
  const forbidden = forbiddenObjects(doc.instructionLower);
  const mayForbidMention = MENTION_NEG_SCREEN.test(doc.instructionLower);
  const pricesWithheld = mayForbidMention && pricesForbidden(doc.instructionLower);
  // PF311 pairs a demand with its own negation: the plain side is only read for verbs negated somewhere
  const negated = negatedVerbs(doc.instructionLower);
  const turns = userTurns(doc.text);
  const names = forbiddenNames(doc.instructionText);
  const opposed = opposedSubjectsIn(doc.instructionText, doc.instructionLower);
  const screens = screensIn(SCREENS, doc.instructionText, doc.instructionLower);
  let lastCountNoun: string | null = null;
  for (let si = 0; si < doc.sentences.length; si++) {
    const s = doc.sentences[si]!;
    if (!s.instruction && !visual) continue;
    const whole = doc.instructionText.slice(s.start, s.end);
    if (!whole.trim()) continue;
    // clauses: "Never mention competitors; if asked about them, steer back" holds one rule and one case
    for (const clause of matchesOf(whole, /[^;]+/g)) {
      const offset = s.start + clause.index!;
      const text = clause[0];
      // the clause's modality is read only for a clause that yields a directive (most yield none)
      let modality: Modality | undefined;
      const modalityOf = (): Modality =>
        (modality ??= {
          // "even if the customer asks" makes the demand hold in every case rather than stating one
          conditional: CONDITIONAL_RE.test(text.replace(CONCESSIVE_RE, " ")),
          absolute: ABSOLUTE_RE.test(text),
          strict: STRICT_RE.test(text),
          everyAnswer: EVERY_ANSWER_RE.test(text),
        });
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
        const { conditional, absolute, strict, everyAnswer } = modalityOf();
        out.push({
          subject,
          value,
          polarity,
          span: at(m),
          compare: /^(?:compare|how|we|we're|our|it|it's|versus|vs|side|comparison|head)\b/i.test(m[0]),
          conditional,
          absolute,
          strict,
          everyAnswer,
          turn: turns.length ? turnAt(turns, offset + m.index!) : undefined,
        });
      };
      const anyOpposed = opposed.any && OPPOSED_SCREEN.test(lower);
      // 'Use "I" throughout': the person is named by a quoted pronoun, which the instruction text masks
      const quoted = /["“']/.test(doc.text.slice(offset, offset + text.length));
      for (const o of anyOpposed || quoted ? opposed.subjects : []) {
        const raw =
          o.subject === "person" && quoted
            ? doc.text.slice(offset, offset + text.length).toLowerCase()
            : lower;
        const src = raw.length === lower.length ? raw : lower;
        if ((o.visual ? !visual : !s.instruction) || !o.screen.test(src)) continue;
        for (const side of o.sides) {
          if (side.skip?.test(src)) continue;
          for (const m of matchesOf(src, side.re)) {
            // "--no flat, cartoon" (a negative prompt), "avoid anime", a choice offered ("would you prefer 1:1, …")
            if (o.visual && (VISUAL_NEGATED_RE.test(src.slice(0, m.index)) || VISUAL_OFFERED_RE.test(src)))
              continue;
            // "if the user writes with emojis, …": inside the condition it describes the case, not a demand
            if (!o.visual && INSIDE_CONDITION_RE.test(src.slice(0, m.index))) continue;
            push(o.subject, side.value, "require", m);
            const d = out[out.length - 1];
            // these subjects only conflict as two unconditional rules; the case may be stated on the
            // line before ("If you need to retry,\n always ask …"), by a heading ("## When …") or after
            // the demand in its clause ("… unless the user asks", "… when necessary")
            if (d && d.span.start === offset + m.index!) {
              d.sentence = si;
              // "only from the sources", "strictly on the excerpts": the demand is a limit without exception
              if (side.value === "sources_only") d.absolute = true;
              // a temporal lead-in ("After each label, explain …") is not a case
              d.conditional =
                CASE_WORD_RE.test(lower.slice(0, m.index)) ||
                (o.visual && USER_ASKS_RE.test(lower.slice(0, m.index))) ||
                // a fronted "For questions about billing, …" names a case ("For every question, …" does not)
                (modalityOf().conditional && FRONTED_FOR_RE.test(lower)) ||
                caseBefore(doc.text, offset, headings) ||
                // only the demand's own part of the clause: in "never use X, and say Y when Z" the case
                // belongs to the second demand
                CASE_AFTER_RE.test(lower.slice(m.index! + m[0].length).split(/,\s*(?:and|but|then)\s/)[0]!);
              // "never reveal the ending before the last chapter" holds for a period, like a case; "…, no matter how they
              // ask" holds against every case
              if (
                side.value === "withhold" &&
                /\b(?:before|until|unless|except|only after|without first)\b/.test(src) &&
                !/\b(?:no matter|regardless|even if|under no circumstances)\b/.test(src)
              ) {
                d.strict = false;
                d.absolute = false;
                d.conditional = true;
              }
            }
          }
        }
      }
      if (!s.instruction) continue;
      const has = (k: keyof typeof SCREENS) => screens[k] && SCREENS[k].test(lower);
      if (has("language"))
        for (const m of matchesOf(lower, LANGUAGE_NEG_RE)) {
          // "if they don't answer it in English, …": a negation inside the condition describes the case
          if (INSIDE_CONDITION_RE.test(lower.slice(0, m.index))) continue;
          push("language", (m[1] ?? m[2])!, "forbid", m);
        }
      // "reply in the customer's language", "respond in {{language}}": read on the original text, where the
      // variable is not masked out
      if (has("locale") || doc.text.slice(offset, offset + text.length).includes("{{"))
        for (const m of matchesOf(
          doc.text.slice(offset, offset + text.length).toLowerCase(),
          LANGUAGE_FOLLOW_RE,
        ))
          if (!TRANSLATION_RE.test(lower)) push("language", FOLLOW, "require", m);
      if (has("language"))
        for (const m of matchesOf(lower, LANGUAGE_RE)) {
          const before = lower.slice(Math.max(0, m.index! - 20), m.index!);
          if (/\b(?:do not|don't|never|not)\s*$/.test(before) || TRANSLATION_RE.test(lower)) continue;
          // "then add one line in English": the language of an added part
          if (addedPartLanguage(lower, m)) continue;
          push("language", (m[1] ?? m[2] ?? m[3] ?? m[4])!, "require", m);
        }
      const jsonNeg =
        has("json") &&
        !/\bjson (?:field|value|string|key|property|column)s?\b|\b(?:in|inside|within|for) (?:the |a |any |each )?(?:[\w-]+ )?(?:field|value|string|key|property|column)s?\b/.test(
          lower,
        )
          ? [...matchesOf(lower, JSON_NEG_RE)]
          : [];
      for (const m of jsonNeg) push("json", "json", "forbid", m);
      if (jsonNeg.length === 0 && has("json"))
        for (const m of matchesOf(lower, JSON_REQ_RE)) push("json", "json", "require", m);
      const listNeg = has("lists") ? [...matchesOf(lower, LIST_NEG_RE)] : [];
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
        for (const m of matchesOf(lower, LIST_REQ_RE)) {
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
            const said = lower.slice(bound.index, bound.index + bound.length);
            d.attributive = ATTRIBUTIVE_RE.test(said);
            let target = bound.part ?? targetOf(lower, bound.index, bound.index + bound.length);
            if (target === PRONOUN_TARGET) target = si > 0 ? prevDeliverable(si) : null;
            // (a sequence's parts are told apart in their own sentence)
            if (target?.startsWith(SEQUENCE_PART_TARGET)) target = `${target}:${si}`;
            // "- Product descriptions: 80–120 words", "1. **Summary** — three sentences maximum": the line's
            // label names the part the bound is on
            if (target === main) target = null;
            d.target = target ?? inlineLabel(lower, bound.index) ?? lineLabel(doc.text, offset + bound.index);
            // "send an update if thinking for more than 100 words": a case, not the answer's length
            if (CASE_WORD_RE.test(lower.slice(0, bound.index))) d.conditional = true;
          }
        }
      if (has("count"))
        for (const c of countBounds(lower)) {
          // "Give me 5 name ideas. List 10, …": the bare number counts the items named before it
          if (c.noun === PREVIOUS_ITEMS) {
            if (lastCountNoun === null) continue;
            c.noun = lastCountNoun;
          } else lastCountNoun = c.noun;
          push("count", `${c.noun}:${c.min}-${c.max}`, "require", matchAt(text, c.index, c.length));
          const d = out[out.length - 1];
          if (d && d.span.start === offset + c.index) {
            d.count = c;
            d.sentence = si;
            d.section = sectionOf(sections, offset);
            if (CASE_WORD_RE.test(lower.slice(0, c.index))) d.conditional = true;
          }
        }
      if (has("format"))
        for (const m of matchesOf(lower, ANSWER_FORMAT_RE)) {
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
        for (const m of matchesOf(lower, TONE_ANY_RE)) {
          const word = (m[1] ?? m[2] ?? m[3])!;
          const at0 = m.index! + m[0].lastIndexOf(word);
          if (toneRefused(lower, at0)) continue;
          push("tone", TONE_FAMILY[word]!, "require", m);
          const d = out[out.length - 1];
          if (d && d.span.start === offset + m.index!) {
            d.sentence = si;
            d.target = toneTarget(lower, at0 + word.length);
          }
        }
      if (has("humour"))
        for (const m of matchesOf(lower, HUMOUR_RE)) {
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
        for (const m of matchesOf(lower, BARE_ACTION_RE)) {
          const verb = m[2]!.replace(/i[sz]e$/, "ise");
          push("action", `${verb}:-`, m[1] === "always" ? "require" : "forbid", m);
          const d = out[out.length - 1];
          if (d && d.span.start === offset + m.index!) d.sentence = si;
        }
      if (forbidden.objects.size > 0 && mentionsAny(lower, forbidden.objects) && !ACTION_CASE_RE.test(lower))
        for (const m of matchesOf(lower, ACTION_RE)) {
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
        for (const m of matchesOf(lower, OMIT_RE)) {
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
            // "never mention Amazon, even if the customer does": a concessive makes the rule hold in every case
            if (CASE_WORD_RE.test(lower.slice(m.index! + m[0].length).replace(CONCESSIVE_RE, " ")))
              d.conditional = true;
          }
        }
      // "Never mention Amazon." … "tell the customer it's cheaper on Amazon": a name forbidden by name, said
      if (names.length > 0 && has("mention"))
        for (const n of namedAgain(text, lower, names)) {
          push("mention", n.name, "require", matchAt(text, n.index, n.length));
          const d = out[out.length - 1];
          if (d && d.span.start === offset + n.index) {
            d.sentence = si;
            d.thing = thingWords(n.name);
            d.scoped = false;
          }
        }
      if (mayForbidMention && has("mention"))
        for (const m of matchesOf(lower, INCLUDE_RE)) {
          // "never mention the screen id" holds the request's words: it is the prohibition
          if (
            /(?:not|\bnever|n't|\bavoid|\bwithout|\bno)\s+(?:\w+[\s,]+){0,2}$/i.test(
              lower.slice(Math.max(0, m.index! - 25), m.index!),
            ) ||
            vagueThing(m[1]!) ||
            !IMPERATIVE_LEAD_RE.test(lower.slice(0, m.index)) ||
            REQUESTED_CASE_RE.test(lower.slice(0, m.index))
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
      // "Do not mention pricing." … "End with a line saying it costs $49": a price written in
      const price = pricesWithheld && priceWritten(lower);
      if (price) {
        push("mention", "pricing", "require", price);
        const d = out[out.length - 1];
        if (d?.span.start === offset + price.index!)
          Object.assign(d, { sentence: si, thing: ["pric"], scoped: false });
      }
      if (
        mayForbidMention &&
        /compar|beat|outperform|undercut|better than|cheaper than|faster than|versus|\bvs\b|side[- ]by[- ]side|head[- ]to[- ]head/.test(
          lower,
        )
      )
        for (const m of matchesOf(text, COMPARE_RE)) push("mention", m[1]!.toLowerCase(), "require", m);
      // "tell the traveller the name of that carrier": naming the other one, whoever it is
      if (mayForbidMention && /\bnames? of\b/.test(lower))
        for (const m of matchesOf(lower, NAME_RIVAL_RE)) {
          push("mention", "competitor", "require", m);
          const d = out[out.length - 1];
          if (d && d.span.start === offset + m.index!) d.compare = true;
        }
      if (negated.size > 0)
        for (const n of negationDemands(lower, negated)) {
          const m = matchAt(text, n.index, n.length);
          const start = offset + n.index;
          push("negation", n.key, n.polarity, m);
          const d = out[out.length - 1];
          if (d && d.span.start === start) {
            d.sentence = si;
            d.scoped = n.scoped;
            d.universal = n.universal;
            d.target = n.subject === "" || n.subject === main ? null : n.subject;
            if (CASE_WORD_RE.test(lower.slice(0, n.index)) || caseBefore(doc.text, offset, headings))
              d.conditional = true;
          }
        }
    }
  }
  // "Structure of every answer:" with its parts: a minimum of the whole answer, stated for every answer
  const structure = structureBound(doc.text);
  if (structure && doc.mask[structure.index] !== MASK_CONTENT) {
    const bound = { ...structure, unit: "sentence", explicit: false };
    const span = { start: structure.index, end: structure.index + structure.length };
    const value = `sentence:${structure.min}-`;
    out.push({
      subject: "length",
      value,
      polarity: "require",
      span,
      bound,
      conditional: false,
      absolute: true,
    });
    Object.assign(out[out.length - 1]!, { target: null, sentence: -1 });
  }
  return out;
}

/** Past this many characters a prompt is a specification with many parts, each with its own limits. */
const LONG_PROMPT_CHARS = 3000;

function ruleFor(id: string, subjects: string[], description: string): Rule {
  return contradictionRule(id, description, (ctx, rule) => {
    const all = directives(ctx);
    const ds = directivesOf(all, subjects);
    const out: Finding[] = [];
    const done = new Set<string>();
    for (let i = 0; i < ds.length; i++)
      for (let j = i + 1; j < ds.length && !done.has(ds[i]!.subject); j++) {
        const a = ds[i]!;
        const b = ds[j]!;
        if (!conflict(a, b) || excusedClash(ctx.doc.text, a, b)) continue;
        // a pair another subject already reports ("Include a summary." … "Do not include a summary.")
        if (a.subject === "negation" && reportedElsewhere(all, a, b)) continue;
        done.add(a.subject);
        out.push(clashFinding(rule, ctx.doc.text, CONTRADICTION_MESSAGES[a.subject]!, a.span, b.span));
      }
    return out;
  });
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
    "PF311",
    ["negation"],
    'A demand and its own negation in two sentences, in any wording ("It must rhyme." … "The poem must not rhyme.").',
  ),
  ruleFor(
    "PF305",
    ["mention"],
    "Forbids mentioning something (competitors, a name) that another instruction asks to mention.",
  ),
];
