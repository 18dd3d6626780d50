// Line breaks as the engine reads them. Its patterns are written for "\n": a prompt saved on Windows
// ("\r\n"), an old Mac file ("\r") or text with Unicode line separators must read as the same prompt with
// "\n", and its spans must still point into the text the author sent. A pattern in multiline mode also
// starts a line after each "\r", and one reading "[^\n]" to the end of the line from each of those starts is
// quadratic on a long line of them; reading "\n" only keeps those scans linear.

import { countBelow } from "./text.js";
import type { AnalysisResult, Span } from "./types.js";

/** The text with every line break a "\n", and where a removed "\r" stood. */
export interface LineBreaks {
  text: string;
  /** Ascending offsets into `text` of each "\n" that stood for "\r\n" (its "\r" was removed). */
  joined: Int32Array;
}

const OTHER_BREAK_RE = /\r\n?|[\u2028\u2029]/g;

/** "\r\n" becomes "\n"; a lone "\r", U+2028 and U+2029 become "\n" (the same length). */
export function normaliseBreaks(text: string): LineBreaks {
  if (!/[\r\u2028\u2029]/.test(text)) return { text, joined: new Int32Array(0) };
  const joined: number[] = [];
  let removed = 0;
  const out = text.replace(OTHER_BREAK_RE, (m, at: number) => {
    if (m.length === 2) {
      joined.push(at - removed);
      removed++;
    }
    return "\n";
  });
  return { text: out, joined: Int32Array.from(joined) };
}

/**
 * The span in the original text of a span in the normalised one: each offset moves past the "\r"s removed
 * before it (each stood before a "\n" at a normalised offset below it), so a "\r\n" stays one unit.
 */
function mapSpan(joined: Int32Array, s: Span): Span {
  return { start: s.start + countBelow(joined, s.start), end: s.end + countBelow(joined, s.end) };
}

/** The result's spans moved from the normalised text back to the original (`characters` counted on it). */
export function restoreOffsets(result: AnalysisResult, breaks: LineBreaks, original: string): void {
  if (breaks.joined.length === 0) return;
  const { joined } = breaks;
  for (const f of result.findings) f.spans = f.spans.map((s) => mapSpan(joined, s));
  for (const c of result.checklist) if (c.evidence) c.evidence = mapSpan(joined, c.evidence);
  result.stats.characters = original.length;
}
