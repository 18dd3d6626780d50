// The place the answer is shown cannot carry what another instruction asks for (PF315): a chat window that
// "shows plain text only" or "does not render Markdown" against "use a markdown table for the ingredients",
// and a reply that "is read aloud by the app's voice" against headings, tables, bullet lists or links. A
// limit of the channel holds for every part and every case of the answer, so a demand for one part ("For
// the ingredient list, …") or for a case still breaks it; only a demand for another place (the e-mail
// version, the PDF export, the web page) does not.
import { instructionSentences, MASK_CONTENT } from "../text.js";
import type { Span } from "../types.js";
import type { RuleContext } from "./context.js";
import { type Clash, type ClashMessage, clashRule, type Rule } from "./rule.js";

/** The channel shows only plain text. */
const PLAIN_CHANNEL_RE =
  /\b(?:does not|doesn't|cannot|can't|won't|will not) (?:render|display|show|support) (?:any )?(?:markdown|formatting|rich text)\b|\b(?:shows|displays|supports|renders) (?:only )?plain text(?: only)?\b/;
/** The answer is heard, not read. */
const SPOKEN_CHANNEL_RE =
  /\b(?:answers?|repl(?:y|ies)|responses?|text|output|messages?) (?:is|are|will be|gets?) (?:always )?(?:read (?:aloud|out(?: loud)?)|spoken(?: aloud)?|converted (?:in)?to speech)\b|\b(?:read aloud|spoken) by (?:the |a |an |our )?(?:app's |phone's )?(?:voice|text-to-speech|tts|speech engine)\b/;
const NOT_NEGATED = "(?<!(?:not|n't|never|no|without|avoid|instead of)\\s(?:[\\w-]+\\s){0,3})";
const DEMAND = `${NOT_NEGATED}\\b(?:use|include|add|present|format|put|show|give|insert|render|write|with|as|in)\\s+(?:(?:it|them|this|these|each|the [\\w-]+)\\s+(?:as|in)\\s+)?(?:a |an |the )?`;
/** What plain text cannot carry: Markdown itself, tables, headings, bold or italics, code blocks. */
const MARKUP_RE = new RegExp(
  `${DEMAND}(?:markdown(?: (?:table|list|headings?|formatting|links?))?|(?:markdown |html |comparison |summary )?tables?|(?:markdown )?(?:headings?|headers?)|bold(?: text)?|italics?|code blocks?)\\b`,
);
/** What a listener cannot see: the above, and bullet lists, links, emojis, images. */
const VISUAL_RE = new RegExp(
  `${MARKUP_RE.source}|${DEMAND}(?:bullet(?:ed)? (?:lists?|points)|bullets|(?:clickable )?links?|hyperlinks?|emojis?|images?|diagrams?|charts?)\\b`,
);
/** A demand for another place the answer goes, which may carry more. */
const OTHER_PLACE_RE =
  /\b(?:e-?mail|pdf|web ?(?:page|site|view)|website|document|file|export|report|canvas|artifact|desktop|dashboard|slides?)\b/;
const SCREEN_RE = /render|plain text|read aloud|read out|spoken|speech/;

interface Channel {
  kind: "plain" | "spoken";
  span: Span;
  sentence: number;
}

function channelClash({ doc }: RuleContext): Clash | null {
  if (!SCREEN_RE.test(doc.instructionLower)) return null;
  const channels: Channel[] = [];
  for (const { si, s, lower } of instructionSentences(doc)) {
    if (!SCREEN_RE.test(lower) || /\b(?:if|when|unless|in case)\b/.test(lower)) continue;
    for (const [kind, re] of [
      ["plain", PLAIN_CHANNEL_RE],
      ["spoken", SPOKEN_CHANNEL_RE],
    ] as const) {
      const m = re.exec(lower);
      if (!m || doc.mask[s.start + m.index] === MASK_CONTENT) continue;
      channels.push({
        kind,
        span: { start: s.start + m.index, end: s.start + m.index + m[0].length },
        sentence: si,
      });
    }
  }
  if (channels.length === 0) return null;
  for (const { si, s, lower } of instructionSentences(doc)) {
    if (OTHER_PLACE_RE.test(lower)) continue;
    for (const c of channels) {
      if (c.sentence === si) continue;
      const m = (c.kind === "plain" ? MARKUP_RE : VISUAL_RE).exec(lower);
      if (!m || doc.mask[s.start + m.index] === MASK_CONTENT) continue;
      const second = { start: s.start + m.index, end: s.start + m.index + m[0].length };
      return { first: c.span, second, message: c.kind === "plain" ? PLAIN_AND_MARKUP : SPOKEN_AND_MARKUP };
    }
  }
  return null;
}

const HOW_TO_SETTLE =
  "Describe the structure in words the channel can carry (numbered lines, spoken order), or name the other place where the formatted part goes.";
const PLAIN_AND_MARKUP: ClashMessage = [
  "says the answer is shown as plain text and asks for something that needs a screen with formatting",
  HOW_TO_SETTLE,
];
const SPOKEN_AND_MARKUP: ClashMessage = [
  "says the answer is heard rather than read and asks for something that needs a screen with formatting",
  HOW_TO_SETTLE,
];

export const CHANNEL_CONTRADICTIONS: Rule = clashRule(
  "PF315",
  'The place the answer is shown cannot carry what another instruction asks for ("the chat window shows plain text only" … "use a markdown table"; "the reply is read aloud" … "add a table").',
  channelClash,
);
