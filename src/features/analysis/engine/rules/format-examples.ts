// A format-heavy task without an example (PF203): the author's own format, style, label scheme or regular
// expression named and never shown. What shows it counts as much as what names it: a template after a colon,
// a block named for it, a sample introduced as one, a standard format with its fields, a style spelled out.

import type { Doc } from "../text.js";
import type { Finding, Span } from "../types.js";
import { finding } from "./catalogue.js";
import type { RuleContext } from "./context.js";
import { firstOf, sentenceAfter } from "./missing-context.js";

const REGEX_TASK_RE = /\b(?:regex(?:es|p)?|regular expressions?)\b/g;
const STYLE_RE =
  /\b(?:in the style of (?:my|our|his|her|their|the attached|these|those)|(?:in|match(?:es|ing)?|mirror|copy|imitate|mimic) the (?:voice|style|tone|format|structure) of (?:my|our)|in (?:my|our) (?:[\w'-]+ ){0,3}?(?:voice|style|tone)|(?:my|our) (?:brand|company|own|usual|house) (?:voice|style|tone)|(?:brand|house|company) (?:voice|style|tone)|sound(?:s|ing)? (?:exactly |just )?like us|match(?:es|ing)? (?:my|our) (?:voice|style|tone|format)|(?:same|similar) (?:style|tone|voice|format|structure) as|like my (?:previous|other|earlier)|(?:my|our) (?:previous|other|earlier|attached) (?:posts|poems|emails|articles|essays|letters))\b/g;
// "same style as the examples" points at examples (present, or missing material); "same style as before"
// at an earlier conversation (an ambiguous reference): neither asks for a style the prompt never showed
const STYLE_POINTS_ELSEWHERE_RE =
  /^\s+(?:before|last time|earlier|previously|usual|always|(?:the|these|those|this|that)\s+(?:\w+\s+)?(?:examples?|samples?|ones?|below|above|following)|(?:shown|given|set|illustrated|demonstrated|exemplified|used)\s+(?:by|in|below|above|here))\b/;
/** A sample of the style handed over after it ("Here is one I wrote last year:", "Below is a past issue"). */
const SAMPLE_GIVEN_RE =
  /\b(?:here is|here's|here are|below is|below are|attached is|i've pasted|i have pasted)\b[^.\n]{0,60}?\b(?:(?:i|we) (?:wrote|sent|published|posted|used)|samples?|examples?|previous|past|earlier|last|recent)\b/;
/** The pointer names examples or samples in the prompt itself ("the examples below", "these samples"). */
const POINTS_AT_EXAMPLES_RE = /^\s+(?:the|these|those)\s+(?:\w+\s+)?(?:examples?|samples?)\b/;
/** A style or voice spelled out right after it ("in my tone: direct, friendly, no exclamation marks"). */
const SPELLED_OUT_RE = /^["'”’]?(?:\s+of\s+voice)?\s*:[ \t]*[^\s\n][^\n]*?\s\S+\s\S+/;
// a team or tool's own format ("the night team's notation", "Ops' shorthand"), not the user's or the model's;
// "standard" alone names a public format ("the standard ISO 8601 format"); a format called the company's, the
// team's or in-house one word before it ("the team release-note format") is the author's as much
const CUSTOM_SPEC_RE =
  /\b(?:(?:our|my|the company's|internal|custom|house|usual|(?!(?:user|users|model|assistant|ai|bot|llm|reader|world|today|tomorrow|yesterday)'s?\s)(?:[a-z]+'s|[a-z]+s'))[ \t]+(?:[\w-]+[ \t]+){0,3}|(?:in-house|proprietary|bespoke|company|team|department|agency)[ \t]+(?:[\w-]+[ \t]+)?)(?:schema|scheme|format|template|categories|labels|taxonomy|style guide|conventions?|codes|notation|shorthand|markup|syntax|(?:style|editorial|writing|formatting|naming|citation|tone|voice) (?:guidelines|rules|standards))\b/g;
// a format owned by the program that reads the answer ("in the harness format", "the format our importer
// expects"): the author knows it, the model never saw it
const CONSUMER_FORMAT_RE =
  /\b(?:(?:harness|parser|importer|dashboard|pipeline|tool|platform)(?:'s)? (?:format|markup|syntax|layout)|(?:format|notation|markup|syntax) (?:that |which )?(?:the|our|its) (?:[\w-]+ ){0,2}(?:parser|importer|harness|dashboard|pipeline|script|tool|system|platform) (?:expects|uses|accepts|needs|reads|wants|requires|ingests|parses))\b/g;
/** A verb asking for something to be made, shortly before "regex" in the same sentence. */
const REGEX_ASKED_RE =
  /\b(?:write|create|give|build|generate|craft|construct|produce|need|want|make|provide|suggest|come up with|design|draft)\b[^.!?\n]*$/;
/**
 * What a regular expression is asked to match is the author's own ("our internal SKU codes", "my legacy
 * ticket ids"): a public format (postcodes, e-mail addresses, dates) is one the model already knows.
 */
const CUSTOM_TARGET_RE =
  /\b(?:our|my|their|internal|in-house|proprietary|legacy|custom|bespoke|the company's|[a-z]+'s)\b/;
/** A regular expression asked for with sample strings beside it ("like SW1A 1AA", "e.g. AB-1234"). */
const SAMPLES_NEAR_RE = /\b(?:like|such as|e\.g\.|for example|for instance|matches?)\s+['"‘“`]?[\w-]*\d/;

export function missingExamples({ doc, sig }: RuleContext, out: Finding[]): void {
  if (sig.examples || sig.slotFor.has("examples")) return;
  const lower = doc.instructionLower;
  const hits: Array<{ span: Span; why: string }> = [];
  // the regular expression must be the deliverable ("write a regex that …"), not a topic ("find regex
  // compilation inside loops")
  const regex = lower.includes("reg")
    ? firstOf(REGEX_TASK_RE, lower, (m) =>
        REGEX_ASKED_RE.test(lower.slice(Math.max(0, m.start - 50), m.start)),
      )
    : null;
  if (
    regex &&
    CUSTOM_TARGET_RE.test(sentenceAfter(lower, regex.end)) &&
    !/\b(?:match(?:es)?|not)\s+['"‘“`]/.test(doc.lower) &&
    !SAMPLES_NEAR_RE.test(sentenceAfter(doc.lower, regex.end))
  )
    hits.push({ span: regex, why: "a regular expression" });
  // a style pointed at elsewhere is no style left unshown, unless the examples pointed at are not in the
  // prompt ("in the same format as the examples below" over a list of inputs): then nothing shows it; a
  // voice or tone spelled out after a colon is described, not left to imitate
  const style = /style|voice|tone|format|structure|previous|posts|like us/.test(lower)
    ? firstOf(STYLE_RE, lower, (m) => {
        const after = lower.slice(m.end, m.end + 40);
        if (POINTS_AT_EXAMPLES_RE.test(after)) return !examplesShown(doc.text, m.end);
        // "the same format as the input" points at what the model has in front of it; only the author's
        // own earlier work ("the same structure as our last report") is left unshown
        if (/(?:same|similar) \w+ as$/.test(lower.slice(m.start, m.end)) && !OWN_WORK_RE.test(after))
          return false;
        return (
          !usersOwn(lower, m) &&
          !definedElsewhere(doc.text, m) &&
          !STYLE_POINTS_ELSEWHERE_RE.test(after) &&
          !SPELLED_OUT_RE.test(after) &&
          !specShown(doc, m) &&
          !SAMPLE_GIVEN_RE.test(lower.slice(m.end, m.end + 300))
        );
      })
    : null;
  if (style) hits.push({ span: style, why: "imitating a style you have not shown" });
  const custom =
    /schema|scheme|format|template|categor|label|taxonomy|style guide|convention|codes|notation|shorthand|markup|syntax|guidelines|rules|standards/.test(
      lower,
    )
      ? firstOf(
          CUSTOM_SPEC_RE,
          lower,
          (m) =>
            !usersOwn(lower, m) &&
            !mentionedOnly(doc.lower, m) &&
            !templateFollows(doc.text, m.end) &&
            !styleSpelledOut(lower, m) &&
            !labelsListed(lower, m) &&
            !blockShown(doc, m) &&
            !specShown(doc, m) &&
            !shownBefore(doc.text, m) &&
            !definedElsewhere(doc.text, m),
        )
      : null;
  const consumer =
    custom ??
    (/format|markup|syntax|layout|notation/.test(lower)
      ? firstOf(
          CONSUMER_FORMAT_RE,
          lower,
          (m) => !blockShown(doc, m) && !templateFollows(doc.text, m.end) && !specShown(doc, m),
        )
      : null);
  if (consumer) hits.push({ span: consumer, why: "a format the model has never seen" });
  const manyLabels =
    /\b(?:classify|categori[sz]e|label|tag|sort|assign|annotate)\b[^.\n]{0,80}?\b(?:one of|into|as)\b/.exec(
      lower,
    );
  if (manyLabels) {
    const rest = lower.slice(manyLabels.index, manyLabels.index + 300).split(/[.\n]/)[0] ?? "";
    const count = rest.split(/,|\bor\b/).length;
    const numbered =
      /\b(\d+|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s+(?:[\w-]+\s+)?(?:categories|labels|classes|intents|tags|codes|types|buckets|groups)\b/.exec(
        rest,
      );
    // labels listed in plain words ("positive, negative, neutral, mixed, spam or off-topic") say what to
    // answer; codes ("RX-RENEW, BILL-Q") are a scheme the model has to guess the use of
    const listed = doc.text.slice(manyLabels.index, manyLabels.index + rest.length);
    const coded = /\b[A-Z][A-Z0-9]*[-_][A-Z0-9]+\b|\b[A-Z]{2,}\b/.test(listed.slice(manyLabels[0].length));
    if ((count >= 6 && coded) || (numbered && labelCount(numbered[1]!) >= 6))
      hits.push({
        span: { start: manyLabels.index, end: manyLabels.index + manyLabels[0].length },
        why: "a classification with many labels",
      });
  }
  if (hits.length === 0) return;
  hits.sort((a, b) => a.span.start - b.span.start);
  const h = hits[0]!;
  out.push(
    finding(
      "PF203",
      `The task needs ${h.why}, but the prompt gives no example of the expected input and output.`,
      "Add one or two short examples (input → expected output), or paste a sample of the style or schema.",
      [h.span],
    ),
  );
}

/**
 * True when the style or format is not the author's: the model's own usual one ("proceed with your usual
 * response format") or the user's, which arrives with the request ("advice matched to the user's branding
 * … a cohesive brand voice"): no example of it can be written into the prompt.
 */
function usersOwn(lower: string, m: Span): boolean {
  if (/\byour\s+$/.test(lower.slice(Math.max(0, m.start - 6), m.start))) return true;
  if (/\b(?:my|our)\b/.test(lower.slice(Math.max(0, m.start - 12), m.end))) return false;
  const before = lower.slice(Math.max(0, m.start - 160), m.start);
  const sentence = before.slice(Math.max(before.lastIndexOf("."), before.lastIndexOf("\n")) + 1);
  return /\b(?:the user's|users'|the users'|the client's|clients'|the customer's|their)\b/.test(sentence);
}

const NUMBER_WORDS = ["six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
/** "11" or "eleven": how many labels a scheme has ("fifteen" and "twenty" are many). */
function labelCount(word: string): number {
  if (/^\d+$/.test(word)) return Number(word);
  const i = NUMBER_WORDS.indexOf(word);
  return i >= 0 ? i + 6 : 15;
}

/**
 * True when the named format is talked about, not asked for: the topic of questions ("engineers ask you about
 * our conventions"), a reason ("because our template only has one text field"), or a rule of it quoted
 * ("our style guide says \"never use the passive voice\"", read in the full text: quotes are masked).
 */
function mentionedOnly(lower: string, m: Span): boolean {
  const before = lower.slice(Math.max(0, m.start - 40), m.start);
  if (/\b(?:about|regarding|concerning|questions on)\s+$/.test(before)) return true;
  if (/\b(?:because|since|as)\s+$/.test(before)) return true;
  return /^\s+(?:says?|said|states?|reads?)\s*:?\s*["“'‘]/.test(lower.slice(m.end, m.end + 30));
}

/**
 * True when the named format is spelled out right after it as a template: a colon, then two or more short
 * lines ("…in our standard format:\nAttendees\nDecisions\nAction items"). Rules with conditions are not a
 * template; long lines are.
 */
function templateFollows(text: string, at: number): boolean {
  const rest = text.slice(at, at + 400);
  const colon = /^[^.\n]{0,40}?:[ \t]*\n/.exec(rest);
  if (!colon) return false;
  const lines = rest
    .slice(colon[0].length)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  let short = 0;
  for (const l of lines.slice(0, 6)) {
    if (l.split(/\s+/).length > 6) break;
    short++;
  }
  return short >= 2;
}

/** A template written inline after a colon: `<date> | <service>`, {"name": …}, [ID] [DATE]. */
const INLINE_TEMPLATE_RE =
  /^[^\n.]{0,40}?:[ \t]*(?:`[^`\n]{3,}`|\{[^\n]{3,}\}|(?:<[\w -]{1,30}>[^<\n]{0,8}){2}|(?:\[[\w -]{1,30}\][^[\n]{0,8}){2})/;
/** A standard format the model knows, named in the same sentence. */
const STANDARD_FORMAT_RE =
  /\b(?:json|csv|tsv|xml|yaml|markdown|html|sql|iso[ -]?\d{3,5}|rfc ?\d{3,5}|apa|mla)\b/;
/** A standard that defines itself, or one whose fields are then named ("CSV with the columns id, name"). */
const STANDARD_DEFINED_RE =
  /\b(?:iso[ -]?\d{3,5}|rfc ?\d{3,5}|apa|mla)\b|\b(?:with|using) (?:the )?(?:columns?|keys?|fields?|headers?|properties)\b[^.\n]*?,|\{\s*"/;
/** The author's own earlier work, which the model has not seen. */
const OWN_WORK_RE = /^\s+(?:[\w-]+\s+){0,3}?(?:my|our|his|her|their|your|the (?:company|team|brand)'s)\b/;
/** A voice or style described in words after it: "Our voice is warm, direct, a little cheeky and never stiff." */
const DESCRIBED_RE =
  /^[^\n]{0,120}?\b(?:(?:our|the|my|this|that) (?:brand |house )?(?:voice|style|tone)|which|it) (?:is|means|sounds)\b(?![^.\n]*\b(?:like|as)\b)[^.\n(]*?,[^.\n(]*?,[^.\n(]*?\b(?:and|or)\b/;
/** A line ending in a colon with something after it: the introduction of what follows. */
const SAMPLE_INTRO_RE = /([^\n:]{0,80}):[ \t]*\n\s*\S/g;
/** What an introduction says when what follows is a sample of the output, not input to work on. */
const SAMPLE_WORDS_RE =
  /\b(?:(?:we|i) (?:published|wrote|sent|posted|used|ran|shipped)|samples?|examples?|how (?:we|it|they|i) (?:sound|sounds|write|writes|look|looks|read|reads)|like this|looks like|for instance|past (?:issues?|posts?|entries)|previous (?:issues?|posts?|entries))\b/;
/** A named heading further on that holds the style, format or template. */
const SPEC_HEADING_RE = /(?:style|format|voice|tone|template|schema|guide|conventions?)\b/;

/**
 * True when the named format or style is shown after all: a template written inline after a colon, a
 * standard format named with its fields ("our CSV format with the columns id, full_name"), a house style
 * spelled out in the sentence after ("The guide says: sentence case, no exclamation marks"), or a section
 * below named for it ("as described in the style section below" over "## Style").
 */
function specShown(doc: Doc, m: Span): boolean {
  const lower = doc.instructionLower;
  if (INLINE_TEMPLATE_RE.test(doc.text.slice(m.end, m.end + 200))) return true;
  // a sample introduced after it: "Two headlines we published last week:", "This is how we sound:",
  // "Sample entry:" followed by the sample
  for (const intro of doc.lower.slice(m.end, m.end + 400).matchAll(SAMPLE_INTRO_RE))
    if (SAMPLE_WORDS_RE.test(intro[1]!)) return true;
  const sentence = lower.slice(m.start, m.end) + sentenceAfter(lower, m.end);
  const standard = STANDARD_FORMAT_RE.exec(sentence);
  if (standard && !/\b(?:not|no|never|instead of)\s+(?:\w+\s+)?$/.test(sentence.slice(0, standard.index)))
    if (STANDARD_DEFINED_RE.test(sentence) || STANDARD_DEFINED_RE.test(lower.slice(m.end, m.end + 200)))
      return true;
  const named = lower.slice(m.start, m.end);
  if (/style|voice|tone/.test(named) && DESCRIBED_RE.test(lower.slice(m.end, m.end + 240))) return true;
  if (/style|voice|tone|guide/.test(named)) {
    const next = lower.slice(m.end, m.end + 160);
    const colon = /^[^\n]{0,80}?\b(?:says?|is|are|means|rules?|guide)\b[^\n:]{0,20}:[ \t]*([^\n]+)/.exec(
      next,
    );
    if (colon && (colon[1]!.match(/[,;]/g)?.length ?? 0) >= 2) return true;
  }
  if (/^[^.\n]{0,60}?\b(?:below|following)\b/.test(lower.slice(m.end, m.end + 80)))
    return doc.markup.some((h) => h.start > m.end && SPEC_HEADING_RE.test(h.name.toLowerCase()));
  return false;
}

/** True when a named house style (not a format or a schema) is followed by its rules after a colon. */
function styleSpelledOut(lower: string, m: Span): boolean {
  return (
    /style|voice|tone|conventions?$/.test(lower.slice(m.start, m.end)) &&
    SPELLED_OUT_RE.test(lower.slice(m.end, m.end + 80))
  );
}

/**
 * True when examples follow the pointer: a field label repeated at line starts ("Photo: …" twice), an
 * "Example" heading, or an arrow from input to output.
 */
function examplesShown(text: string, at: number): boolean {
  const rest = text.slice(at, at + 3000);
  if (/\bexamples?\s*\d*\s*:|→|=>/i.test(rest.slice(rest.indexOf("\n") + 1))) return true;
  const seen = new Set<string>();
  for (const m of rest.matchAll(/^[ \t]*([A-Za-z][\w ]{0,20}):/gm)) {
    const label = m[1]!.toLowerCase();
    if (seen.has(label)) return true;
    seen.add(label);
  }
  return false;
}

/**
 * True when the named style, template or label set is spelled out where it is named ("our three-act
 * template: Setup (…), Investigation (…), Reveal (…)") or in a line or section of its own elsewhere
 * ("## Style" over its rules, "Categories: BILLING, OUTAGE, …").
 */
function definedElsewhere(text: string, m: Span): boolean {
  if (/^[^\n.]{0,20}?:[ \t]*[^\n]*?[,;][^\n]*?[,;]/.test(text.slice(m.end, m.end + 240))) return true;
  const noun = /([\w-]+)$/
    .exec(text.slice(m.start, m.end))?.[1]
    ?.toLowerCase()
    .replace(/(?:ies|s)$/, "");
  if (!noun || noun.length < 3) return false;
  const stem = noun === "categor" ? "categor(?:y|ies)" : `${noun}s?`;
  const section = new RegExp(
    `(?:^|\\n)[ \\t]*(?:#{1,6}[ \\t]*|\\*\\*)?(?:[\\w'’-]+[ \\t]+){0,2}${stem}(?:\\*\\*)?[ \\t]*(?::[ \\t]*[^\\n]*?\\S[ \\t,;]+\\S[^\\n]*?[,;]|:?[ \\t]*\\n[ \\t]*(?:[-*•]|\\d{1,2}[.)])[ \\t]+\\S)`,
    "i",
  );
  const found = section.exec(text);
  return !!found && (found.index > m.end || found.index + found[0].length < m.start);
}

/**
 * True when the named format was shown earlier under a label of its own: "Schema to add to your actions:"
 * over a JSON object, then "serve the prompt first, then the custom schema".
 */
function shownBefore(text: string, m: Span): boolean {
  const noun = /([\w-]+)$/.exec(text.slice(m.start, m.end))?.[1]?.toLowerCase();
  if (!noun) return false;
  const label = new RegExp(
    `(?:^|\\n)[^\\n]{0,80}\\b${noun}\\b[^\\n]{0,80}:[ \\t]*\\n+[ \\t]*(?:[{[<]|\`\`\`)`,
    "i",
  );
  return label.test(text.slice(0, m.start));
}

/** True when a named label set is listed right after it ("our categories: billing, bug, account"). */
function labelsListed(lower: string, m: Span): boolean {
  if (!/categories|labels|taxonomy|codes$/.test(lower.slice(m.start, m.end))) return false;
  return /^\s*(?::|\(|—|-|,? (?:namely|i\.e\.|which are))[^\n]*?,[^\n]*?(?:,|\bor\b|\band\b)/.test(
    lower.slice(m.end, m.end + 200),
  );
}

const SHOWN_BLOCK_NAMES = /^(?:template|format|schema|example|examples|sample|samples|output|structure)$/;

/**
 * True when the named template, format or schema is shown in the prompt: a block after the mention named
 * for it ("<template>…</template>"), or a fenced, quoted or tagged block after a mention that points
 * "below" — unless it points at examples below, which must then be there ("exactly as in the examples
 * below" over a list of inputs shows nothing).
 */
function blockShown(doc: Doc, m: Span): boolean {
  const pointer = /^[^.\n]{0,40}?\b(?:below|following|attached|here)\b/.exec(
    doc.instructionLower.slice(m.end, m.end + 60),
  );
  if (pointer && /\b(?:examples?|samples?)\b/.test(pointer[0])) return examplesShown(doc.text, m.end);
  for (const b of doc.blocks) {
    if (b.end <= m.start) continue;
    if (SHOWN_BLOCK_NAMES.test(b.name)) return true;
    if (pointer && b.start >= m.end && (b.kind === "fence" || b.kind === "tag" || b.kind === "triple-quote"))
      return true;
  }
  return false;
}
