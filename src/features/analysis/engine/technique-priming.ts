// The output-priming technique: the prompt ends on the opening of the answer, which the model
// continues. Kept apart from techniques.ts.
import type { Span } from "./types.js";

// the last line reads as the start of a sentence the model is to finish ("The sentiment of this review is",
// "It was the third time that week, and")
const UNFINISHED_RE =
  /(?:^|\s)(?:is|are|was|were|be|and|or|but|the|a|an|of|to|that|with|because|by|for|in|on|as|from|than|so|which|who|whose|where|while|my|our|their|his|her|its|your|would|will|like|into|about)$|[,\u2014\u2013]$/i;

// "| Feature | Basic | Plus |\n|---|---|---|" as the prompt's last two lines
const TABLE_HEAD_RE =
  /(?:^|\n)[ \t]*\|[^\n]*\|[ \t]*\n[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?)?[ \t]*$/;

/**
 * Output priming: the prompt ends on the opening of the answer — a label ("Summary:", "A:", "German: \""),
 * an opening bracket or list marker, the first characters of a JSON object, an opened code fence with
 * the answer's first line, a table's header row with no row under it, or an unfinished sentence for the
 * model to continue.
 */
export function primingSpan(tail: string): Span | null {
  if (tail.length <= 20) return null;
  // (a full-width colon closes a label in Chinese and Japanese: "ラベル：")
  const primed =
    /(?:^|\n)[^\n]{0,40}[:：][ \t]*["'\u201c\u00ab\u201e]?$|[{[]$|(?:^|\n)\s*(?:[-*•]|1\.)$|```[a-z]*$|(?:^|\n)[ \t]*[{[][^\n]{0,80}"[^"\n]{1,40}"\s*:\s*"?$/i.exec(
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
  return null;
}
