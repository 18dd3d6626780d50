// Splits a text into runs for highlighting: each run carries the ids of every span that covers it,
// so overlapping findings render as nested marks without ever cutting a character in half. Spans are
// UTF-16 offsets (the engine's contract); a span edge inside a surrogate pair is widened to the whole
// code point. Out-of-range and empty spans are ignored rather than trusted.

export interface IdSpan {
  start: number;
  end: number;
  id: number;
}

export interface Segment {
  start: number;
  end: number;
  text: string;
  /** Ids of the spans covering this run, ascending; empty for plain text. */
  ids: number[];
}

function isHigh(code: number) {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLow(code: number) {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Moves an offset that falls between the two halves of a surrogate pair to the pair's start or end. */
function snap(text: string, offset: number, direction: "back" | "forward"): number {
  if (offset <= 0 || offset >= text.length) return offset;
  if (isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset))) {
    return direction === "back" ? offset - 1 : offset + 1;
  }
  return offset;
}

export function normaliseSpans(text: string, spans: readonly IdSpan[]): IdSpan[] {
  const out: IdSpan[] = [];
  for (const s of spans) {
    if (!Number.isFinite(s.start) || !Number.isFinite(s.end)) continue;
    const start = snap(text, Math.max(0, Math.min(text.length, Math.floor(s.start))), "back");
    const end = snap(text, Math.max(0, Math.min(text.length, Math.ceil(s.end))), "forward");
    if (end > start) out.push({ start, end, id: s.id });
  }
  return out;
}

export function segmentText(text: string, spans: readonly IdSpan[]): Segment[] {
  if (text.length === 0) return [];
  const valid = normaliseSpans(text, spans);
  const cuts = new Set<number>([0, text.length]);
  for (const s of valid) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    const ids = valid
      .filter((s) => s.start <= start && s.end >= end)
      .map((s) => s.id)
      .sort((a, b) => a - b);
    const prev = segments[segments.length - 1];
    if (prev && prev.ids.length === ids.length && prev.ids.every((id, k) => id === ids[k])) {
      prev.end = end;
      prev.text = text.slice(prev.start, end);
    } else {
      segments.push({ start, end, text: text.slice(start, end), ids });
    }
  }
  return segments;
}

const FILL_IN = /\[fill in:[^\]\n]*\]/gi;

/** Runs of a text with `[fill in: …]` placeholders marked (id 0), for the enhancer's output. */
export function fillInSegments(text: string): Segment[] {
  const spans: IdSpan[] = [];
  for (const m of text.matchAll(FILL_IN)) spans.push({ start: m.index, end: m.index + m[0].length, id: 0 });
  return segmentText(text, spans);
}

/** How many `[fill in: …]` placeholders a text has left. */
export function countFillIns(text: string): number {
  return [...text.matchAll(FILL_IN)].length;
}
