// The output-priming technique: the prompt ends on the opening of the answer, which the model
// continues. Kept apart from techniques.ts.
import type { Span } from "./types.js";

// the last line reads as the start of a sentence the model is to finish ("The sentiment of this review is",
// "It was the third time that week, and")
const UNFINISHED_RE =
  /(?:^|\s)(?:is|are|was|were|be|and|or|but|the|a|an|of|to|that|with|because|by|for|in|on|as|from|than|so|which|who|whose|where|while|my|our|their|his|her|its|your|would|will|like|into|about|he|she|they|we|had|could|should|at|if|when)$|[,\u2014\u2013]$/i;

// The answer already begun after its label ("SQL: SELECT", "Plain version: Plants", "Subject: Your"):
// a label that names the answer, not the material ("Review: …" at the end is the input), then a few
// words with no sentence end — not a description of the answer ("Output: a JSON array", "Summary: 3
// bullets"), and not a label shown before with its answer (the last of the examples, complete).
const BEGUN_RE =
  /(?:^|\n)[ \t]*((?:[a-z]+ ){0,2}(?:answer|output|response|reply|result|summary|translation|rewrite|rewritten|version|title|headline|subject(?: line)?|sql|query|code|completion|assistant|a|caption|tagline|fix|corrected|improved))[ \t]*[:：][ \t]*(?!(?:a|an|the|one|two|three|four|five|only|just|json|markdown|csv|yaml|xml|html|plain|bullet(?:ed)?|numbered|list|table|max(?:imum)?|at most|under|no more|short|brief|in|see|same|as)\b|\d)[^\s.!?:;][^\n.!?:;]{0,40}$/i;
// An opening that hands over to the answer, in the answer's voice ("Sure, here's the corrected query:",
// "Here is my summary:")
const HANDOVER_RE =
  /(?:^|\n)[ \t]*(?:(?:sure|okay|ok|certainly|of course)[,!.][^\n]{0,120}|here(?:'s| is| are) (?:my|the|your) (?:answer|response|reply|summary|translation|rewrite|rewritten|revised|corrected|improved|final|draft|completed|finished)\b[^\n]{0,80})[:：]$/i;
// an opened tag the answer goes into ("<summary>", "<answer>", "<thinking>"), with nothing after it
const OPEN_TAG_RE =
  /(?:^|\n)[ \t]*<(?:answer|response|reply|summary|output|result|translation|rewrite|code|json|sql|email|draft|title|analysis|thinking|scratchpad|reasoning|plan)>$/i;

// "| Feature | Basic | Plus |\n|---|---|---|" as the prompt's last two lines
const TABLE_HEAD_RE =
  /(?:^|\n)[ \t]*\|[^\n]*\|[ \t]*\n[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?)?[ \t]*$/;

/** The answer begun after its label, when that label has not been shown before with its answer. */
function begun(tail: string, lineStart: number, line: string): boolean {
  const m = BEGUN_RE.exec(line);
  if (!m) return false;
  const label = m[1]!.toLowerCase();
  return !tail
    .slice(Math.max(0, lineStart - 20_000), lineStart)
    .toLowerCase()
    .includes(`${label}:`);
}

/**
 * Output priming: the prompt ends on the opening of the answer — a label ("Summary:", "A:", "German: \""),
 * an opening bracket or list marker, the first characters of a JSON object, an opened code fence with
 * the answer's first line, a table's header row with no row under it, or an unfinished sentence for the
 * model to continue.
 */
export function primingSpan(tail: string): Span | null {
  if (tail.length <= 20) return null;
  // (a full-width colon closes a label in Chinese and Japanese: "ラベル："); a list marker is looked for from
  // the first of a run of blank lines only, so the run is crossed once, not once per line
  const primed =
    /(?:^|\n)[^\n]{0,40}[:：]\s*["'\u201c\u00ab\u201e]?$|[{[]$|(?:^|(?<!(?:^|\n)[^\S\n]*)\n)\s*(?:[-*•]|1[.)]|a\))$|```[a-z]*$|(?:^|\n)[ \t]*[{[][^\n]{0,80}"[^"\n]{1,40}"\s*:\s*"?$/i.exec(
      tail,
    );
  const fences = (tail.match(/```/g) ?? []).length;
  if (primed) {
    // a fence at the very end opens the answer only when it is an opening one (an odd count of fences)
    const closingFence = /```[a-z]*$/i.test(tail) && fences % 2 === 0;
    return closingFence ? null : { start: primed.index, end: tail.length };
  }
  // a table's header and its separator row with no row under them: the model fills in the rows
  const table = TABLE_HEAD_RE.exec(tail);
  if (table) return { start: table.index + (table[0].startsWith("\n") ? 1 : 0), end: tail.length };
  // an opened fence with the answer's first line in it ("```sql\nSELECT")
  const lastFence = tail.lastIndexOf("```");
  if (
    fences % 2 === 1 &&
    lastFence > 0 &&
    tail.length - lastFence <= 200 &&
    /\n[ \t]*$/.test(tail.slice(0, lastFence)) &&
    /^```[a-z]*[ \t]*\n/i.test(tail.slice(lastFence))
  )
    return { start: lastFence, end: tail.length };
  const lineStart = tail.lastIndexOf("\n") + 1;
  const line = tail.slice(lineStart);
  if (lineStart > 0 && line.split(/\s+/).length >= 3 && UNFINISHED_RE.test(line))
    return { start: lineStart, end: tail.length };
  // the last line only: an answer begun after its label, a hand-over line, an opened tag
  if (lineStart > 0 && (begun(tail, lineStart, line) || HANDOVER_RE.test(line) || OPEN_TAG_RE.test(line)))
    return { start: lineStart, end: tail.length };
  return null;
}
