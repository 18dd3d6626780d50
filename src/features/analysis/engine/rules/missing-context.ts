// What the answer cannot be shaped without: its form (PF201), its reader (PF202), examples (PF203).

import type { Finding, Span } from "../types.js";
import { finding } from "./catalogue.js";
import type { RuleContext } from "./context.js";

export function missingFormat({ sig }: RuleContext, out: Finding[]): void {
  if (sig.bestTaskStrength === 0 || sig.format || sig.length || sig.slotFor.has("format")) return;
  if (!sig.openGenerative || sig.transformOnly) return;
  const sp = sig.taskSpan ?? { start: 0, end: 0 };
  out.push(
    finding(
      "PF201",
      "The prompt does not say what form the answer should take (length, structure or file type).",
      'State the shape of the answer: "in 3 bullet points", "under 150 words", "as a table with columns …", "as JSON with keys …".',
      [sp],
    ),
  );
}

export function missingAudience({ sig }: RuleContext, out: Finding[]): void {
  if (sig.bestTaskStrength === 0 || !sig.audienceSensitive) return;
  if (sig.audience || sig.purpose || sig.background || sig.input || sig.role || sig.slotFor.has("audience"))
    return;
  // several concrete details (names, numbers, quoted terms) usually carry the context themselves
  if (sig.details.length >= 3) return;
  const sp = sig.taskSpan ?? { start: 0, end: 0 };
  out.push(
    finding(
      "PF202",
      "Nothing says who the output is for or why it is needed, so tone, depth and what to leave out are guesses.",
      'Add the reader and the purpose: "for first-year students who know basic algebra", "for our support macro library".',
      [sp],
    ),
  );
}

const REGEX_TASK_RE = /\b(?:regex(?:es|p)?|regular expressions?)\b/g;
const STYLE_RE =
  /\b(?:in the style of (?:my|our|his|her|their|the attached|these|those)|in (?:my|our) (?:own )?(?:voice|style|tone)|(?:my|our) (?:brand|company|own|usual|house) (?:voice|style|tone)|match(?:es|ing)? (?:my|our) (?:voice|style|tone|format)|(?:same|similar) (?:style|tone|voice|format|structure) as|like my (?:previous|other|earlier)|(?:my|our) (?:previous|other|earlier|attached) (?:posts|poems|emails|articles|essays|letters))\b/g;
const CUSTOM_SPEC_RE =
  /\b(?:our|my|the company's|internal|standard|custom|house|usual)\s+(?:\w+\s+){0,2}(?:schema|format|template|categories|labels|taxonomy|style guide|conventions?|codes)\b/g;

export function missingExamples({ doc, sig }: RuleContext, out: Finding[]): void {
  if (sig.examples || sig.slotFor.has("examples")) return;
  const lower = doc.instructionLower;
  const hits: Array<{ span: Span; why: string }> = [];
  const regex = lower.includes("reg") ? firstOf(REGEX_TASK_RE, lower) : null;
  if (regex && !/\b(?:match(?:es)?|not)\s+['"‘“`]/.test(doc.lower))
    hits.push({ span: regex, why: "a regular expression" });
  const style = /style|voice|tone|format|structure|previous|posts/.test(lower)
    ? firstOf(STYLE_RE, lower)
    : null;
  if (style) hits.push({ span: style, why: "imitating a style you have not shown" });
  const custom = /schema|format|template|categor|label|taxonomy|style guide|convention|codes/.test(lower)
    ? firstOf(CUSTOM_SPEC_RE, lower)
    : null;
  if (custom) hits.push({ span: custom, why: "a format the model has never seen" });
  const manyLabels = /\b(?:classify|categori[sz]e|label|tag)\b[^.\n]{0,80}?\b(?:one of|into|as)\b/.exec(
    lower,
  );
  if (manyLabels) {
    const rest = lower.slice(manyLabels.index, manyLabels.index + 300).split(/[.\n]/)[0] ?? "";
    const count = rest.split(/,|\bor\b/).length;
    const numbered = /\b(\d+)\s+(?:\w+\s+)?(?:categories|labels|classes)\b/.exec(rest);
    if (count >= 6 || (numbered && Number(numbered[1]) >= 6))
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

function firstOf(re: RegExp, text: string): Span | null {
  re.lastIndex = 0;
  const m = re.exec(text);
  re.lastIndex = 0;
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}
