// The examples technique: worked examples of the task recognised with their span (labelled pairs, arrow
// lines, repeated label pairs, a sample to imitate), and the two ways examples can teach the wrong thing
// — all showing one answer, or all breaking the form the instructions set. Kept apart from techniques.ts.
import type { Signals } from "./signals.js";
import { firstMatch } from "./signals.js";
import { type Doc, matchesOf } from "./text.js";
import type { Span } from "./types.js";

// Labelled example pairs: "Input: … Output: …", "Text: … Label: …", "Q: … A: …", numbered examples, tags.
// A pair counts only when its answer line holds an answer: "Message: {{message}}\nLabel:" at the end is
// the slot the model fills (output priming), not an example of the task.
const FEW_SHOT_RE =
  /^[ \t]*(?:example\s*\d*\s*[:.)-]|#+\s*examples?\b|<examples?>|(?:input|text|review|sentence|tweet|message|query|question|q|user)\s*\d*\s*:[^\n]*\n+[ \t]*(?:output|label|sentiment|category|answer|a|response|assistant|class|intent)\s*\d*\s*:[ \t]*\S)/im;
// Example lines that map an input to its answer ("Review: "…" -> bug"), two or more of them.
const ARROW_EXAMPLE_RE = /^[^\n]{3,}?\s(?:->|=>|→)[ \t]*\S[^\n]*$/gm;
// A sample to imitate: "here is an example", "from an existing description:", "a sample of our …".
const SAMPLE_RE =
  /\b(?:here(?: is|'s| are) (?:an? |some |two |three )?(?:examples?|samples?)\b|(?:below|above) (?:is|are) (?:an? )?(?:examples?|samples?)\b|from an existing [a-z ]{2,30}:|(?:examples?|samples?) of (?:our|my|the|a good|a finished) [a-z ]{2,30}:|(?:for example|e\.g\.),? (?:a |an |the )?(?:good |ideal )?(?:answer|output|response|reply|line|row|entry) (?:is|would be|looks like)\b|(?:the )?same (?:format|style|structure|layout|voice|tone|pattern) as (?:these|this one|the ones? below|the following|the examples?)\b|(?:recent|previous|past|existing|earlier|older|some|a few|two|three|four|five|several) (?:ones|[a-z]+s)\b[^.\n:]{0,30}\b(?:for reference|to imitate|to match|to copy|as (?:a )?(?:reference|model|guide|pattern))\s*:)/i;
// what the examples signal also matches that is not an example to imitate: a list of values ("such as",
// "e.g."), a lone "Output:" label, one arrow (two arrow lines are read as examples above)
const INLINE_EXAMPLE_RE = /^\s*(?:e\.g\.|such as|(?:input|output|q|a)\s*:|→|=>)\s*$/i;

// any script: "Операция:" / "Категория:", "原文：" / "訳文："; one run of spaces before the number, so a line
// ending in a long run of spaces is read once per label length, not once per split of the run
const LABEL_LINE_RE = /^[ \t]*(\p{L}[\p{L} ]{0,24}?)\s*(?:\d+\s*)?[:：]/u;

// the answer a worked example ends on: "Label: PRAISE", "Sentiment: negative", "… -> spam"
const ANSWER_LINE_RE =
  /^[ \t]*(?:output|label|sentiment|category|answer|a|response|class|intent|score|rating|verdict|priority|tag|topic|result)\s*\d*\s*[:：][ \t]*(\S[^\n]{0,60})$|\s(?:->|=>|→)[ \t]*(\S[^\n]{0,60})$/gim;

/** The answers the worked examples end on, as written, over the first 20,000 characters. */
function exampleAnswers(text: string): string[] {
  const answers: string[] = [];
  for (const m of matchesOf(text.slice(0, 20_000), ANSWER_LINE_RE)) {
    const answer = (m[1] ?? m[2] ?? "").trim().replace(/[."']+$/, "");
    // code ("=> {", "=> any;") is not an answer
    if (answer && /^[\p{L}\p{N}"'][^;{}()<>=]*$/u.test(answer)) answers.push(answer);
  }
  return answers;
}

/**
 * True when three or more worked examples all end on the same answer: a model shown only PRAISE examples
 * leans towards PRAISE. The last, open example ("Label:" with nothing after it) is not counted.
 */
function oneSidedExamples(answers: readonly string[]): boolean {
  return answers.length >= 3 && new Set(answers.map((a) => a.toLowerCase())).size === 1;
}

// The instructions' own rule for the answer's form: its case, or the label and nothing else.
const LOWERCASE_RULE_RE = /\blower-?case\b/i;
const UPPERCASE_RULE_RE = /\b(?:upper-?case|all caps|in capitals|capital letters)\b/i;
const BARE_RULE_RE =
  /\b(?:(?:only|just) (?:the|a|one) (?:label|category|class|word|number|score|letter|code|tag|verdict|rating|priority)\b|(?:with )?no (?:explanation|reason|justification|commentary|comment)s?\b|without (?:any |an )?(?:explanation|reason|justification|commentary|comment)s?\b|(?:a single|one) word\b)/i;
// what follows the label in an answer that explains itself: "SPAM — promotional language", "2, because …"
const EXPLAINED_RE = /^\S+(?:\s+\S+)?\s*(?:[—–:;,(]|\s-\s|\bbecause\b|\bsince\b)\s*\p{L}+(?:\s+\p{L}+){1,}/u;

/**
 * True when most worked examples break the form the instructions set for the answer: "in lowercase" with
 * "SPAM" in the examples, "only the label, no explanation" with "SPAM — promotional language". The model
 * is then shown one format and told another, and follows the examples as often as the words.
 */
function examplesBreakForm(answers: readonly string[], instructions: string): boolean {
  if (answers.length < 2) return false;
  const lower = LOWERCASE_RULE_RE.test(instructions);
  const upper = UPPERCASE_RULE_RE.test(instructions);
  const bare = BARE_RULE_RE.test(instructions);
  if (!lower && !upper && !bare) return false;
  let broken = 0;
  for (const a of answers) {
    const label = a.split(/[\s—–:;,(]/)[0] ?? "";
    if (
      (lower && /\p{Lu}/u.test(label)) ||
      (upper && /\p{Ll}/u.test(label)) ||
      (bare && EXPLAINED_RE.test(a))
    )
      broken++;
  }
  return broken * 2 > answers.length;
}

/**
 * Examples written as labelled lines in any words ("English: … / French: …", "Customer: … / Intent: …"):
 * the same pair of different labels on consecutive lines, twice or more, outside the pasted material.
 * Returns the first pair's span.
 */
function repeatedLabelPair(doc: Doc): Span | null {
  const text = doc.text;
  // the material's stretches, merged and in order: the lines are read in order, so one pointer walks them
  // (asking every block for every line was quadratic on a text of thousands of short blocks)
  const material: { start: number; end: number }[] = [];
  for (const b of doc.blocks.filter(isPastedMaterial).sort((x, y) => x.start - y.start)) {
    const last = material.at(-1);
    if (last && b.start <= last.end) last.end = Math.max(last.end, b.end);
    else material.push({ start: b.start, end: b.end });
  }
  let next = 0;
  const seen = new Map<string, number>();
  let prev: { label: string; start: number } | null = null;
  let offset = 0;
  for (const line of text.split("\n")) {
    while (next < material.length && material[next]!.end <= offset) next++;
    // a chat log or form inside the material's tags or fence ("Customer: … / Agent: …") is the input
    if (next < material.length && material[next]!.start <= offset) {
      prev = null;
      offset += line.length + 1;
      continue;
    }
    const m = LABEL_LINE_RE.exec(line);
    if (m?.[1]) {
      const label = m[1].toLowerCase();
      if (prev && prev.label !== label) {
        const key = `${prev.label}\u0000${label}`;
        const first = seen.get(key);
        if (first !== undefined) return { start: first, end: offset + line.length };
        seen.set(key, prev.start);
      }
      prev = { label, start: offset };
    } else if (line.trim() !== "") prev = null;
    offset += line.length + 1;
  }
  return null;
}

/** A block of pasted material set off by tags, a fence or triple quotes that is not named as examples. */
function isPastedMaterial(b: Doc["blocks"][number]): boolean {
  return (
    (b.kind === "tag" || b.kind === "fence" || b.kind === "triple-quote") &&
    !/exampl|sample|demo|shot/i.test(b.name)
  );
}

/** True when a section holds nothing but its heading and "[fill in: …]" placeholders: no example yet. */
function onlySlots(doc: Doc, span: Span): boolean {
  const inside = doc.slots.filter((x) => x.start >= span.start && x.end <= span.end);
  if (inside.length === 0) return false;
  let rest = doc.text.slice(span.start, span.end);
  for (const x of [...inside].reverse())
    rest = rest.slice(0, x.start - span.start) + rest.slice(x.end - span.start);
  return rest.replace(/^[ \t]*#+[^\n]*|<\/?[a-z_-]+>|[^\p{L}\p{N}]/gimu, "").length < 12;
}

/**
 * An "## Examples" heading or <examples> tag is evidence of examples only when its section holds more
 * than placeholders (an enhancer's "[fill in: one or two examples …]" is a request for examples, not one).
 */
function examplesSection(doc: Doc, found: Span | null): Span | null {
  if (!found || !/^[ \t]*(?:#|<)/.test(doc.text.slice(found.start, found.end))) return found;
  const next = doc.text.slice(found.end).search(/\n[ \t]*(?:#|<\/examples?>)/);
  const end = next < 0 ? doc.text.length : found.end + next;
  return onlySlots(doc, { start: found.start, end }) ? null : found;
}

export interface Examples {
  span: Span | null;
  oneSided: boolean;
  offForm: boolean;
}

/** The prompt's worked examples, if any, and whether they teach one answer or another form than asked. */
export function findExamples(doc: Doc, sig: Signals): Examples {
  const text = doc.text;
  const arrows = [...matchesOf(text, ARROW_EXAMPLE_RE)];
  const arrowSpan =
    arrows.length >= 2 && arrows[0]
      ? { start: arrows[0].index, end: arrows[0].index + arrows[0][0].length }
      : null;
  const exampleSignal =
    sig.examples &&
    !INLINE_EXAMPLE_RE.test(text.slice(sig.examples.start, sig.examples.end)) &&
    !onlySlots(doc, sig.examples)
      ? sig.examples
      : null;
  const fewShot =
    examplesSection(doc, firstMatch(FEW_SHOT_RE, text)) ??
    arrowSpan ??
    repeatedLabelPair(doc) ??
    firstMatch(SAMPLE_RE, text) ??
    exampleSignal;
  if (!fewShot) return { span: null, oneSided: false, offForm: false };
  const answers = exampleAnswers(text);
  return {
    span: fewShot,
    oneSided: oneSidedExamples(answers),
    offForm: examplesBreakForm(answers, doc.instructionText),
  };
}
