// Where filler words are not the author's: pasted material the parser left unmarked because it has no
// delimiters — a section headed as material ("# ESSAY", "# TRANSCRIPT"), lines between a label and its
// "END" line ("INPUT SAMPLE" … "END INPUT SAMPLE"), a long string value of pasted JSON — and hedges in
// the author's background (a paragraph of views, with no demand in it), which explains rather than pads.

import { META_VERBS, TASK_VERBS } from "../lexicon.js";
import { type Doc, tokenAt } from "../text.js";
import type { Span } from "../types.js";

/** A heading that names pasted material: "# ESSAY", "## Example transcript", "INPUT SAMPLE". */
const MATERIAL_HEADING_RE =
  /^(?:#{1,6}[ \t]*)?(?:(?:the|an?|my|our|your|example|sample|input|pasted|full|original)[ \t]+){0,2}(?:essay|transcript|article|story|post|email|e-mail|letter|speech|conversation|chat(?:[ \t]+log)?|interview|review|document|text|sample|excerpt|example)s?(?:[ \t]+(?:sample|input|text|example))?[ \t]*:?[ \t]*$/i;
/** A heading line of its own: markdown, or a short line in capitals. */
const HEADING_LINE_RE = /^(?:#{1,6}[ \t]+\S.*|[A-Z][A-Z0-9 &/'-]{2,40}:?)[ \t]*$/;
/** A JSON string value long enough to be pasted text: `"transcript": "…"`. */
const LONG_JSON_STRING_RE = /"[\w -]{1,40}"\s*:\s*"((?:[^"\\\n]|\\.){200,})"/g;

/** The line that opens a file copied into the instructions as knowledge. */
const COPIED_FILE_RE = /\bthe contents of the file\b[^\n]{0,200}?\bare copied here\b\.?/gi;

/** The spans of unmarked material, in text order. */
export function unmarkedMaterial(doc: Doc): Span[] {
  const text = doc.text;
  const out: Span[] = [];
  const lines: Array<{ start: number; end: number; line: string }> = [];
  for (let at = 0; at <= text.length; ) {
    const nl = text.indexOf("\n", at);
    const end = nl < 0 ? text.length : nl;
    lines.push({ start: at, end, line: text.slice(at, end).trim() });
    at = end + 1;
  }
  const ends = new Map<string, number>();
  for (const [i, l] of lines.entries()) {
    const m = /^end[ \t]+(.{2,40}?)[ \t]*$/i.exec(l.line);
    if (m) ends.set(m[1]!.toLowerCase(), i);
  }
  for (let i = 0; i < lines.length; i++) {
    const { line } = lines[i]!;
    if (line === "" || line.length > 60) continue;
    // "INPUT SAMPLE" … "END INPUT SAMPLE", "START TRANSCRIPT" … "END TRANSCRIPT"
    const name = line
      .replace(/^(?:#+[ \t]*|start[ \t]+|begin[ \t]+)/i, "")
      .replace(/:$/, "")
      .toLowerCase();
    const close = ends.get(name);
    if (close !== undefined && close > i && MATERIAL_HEADING_RE.test(name)) {
      out.push({ start: lines[i]!.end, end: lines[close]!.start });
      i = close;
      continue;
    }
    if (!MATERIAL_HEADING_RE.test(line) || !HEADING_LINE_RE.test(line)) continue;
    let j = i + 1;
    while (j < lines.length && !(HEADING_LINE_RE.test(lines[j]!.line) && lines[j]!.line.length <= 60)) j++;
    out.push({ start: lines[i]!.end, end: j < lines.length ? lines[j]!.start : text.length });
    i = j - 1;
  }
  // files pasted into an assistant's instructions as its knowledge: "The contents of the file … are copied
  // here." up to "End of copied content" (or the next file, or the end)
  for (const m of text.matchAll(COPIED_FILE_RE)) {
    const from = m.index + m[0].length;
    const rest = text.slice(from);
    const stop = /\bend of copied content\b|\bthe contents of the file\b/i.exec(rest);
    out.push({ start: from, end: stop ? from + stop.index : text.length });
  }
  for (const m of text.matchAll(LONG_JSON_STRING_RE))
    out.push({ start: m.index, end: m.index + m[0].length });
  return out.sort((a, b) => a.start - b.start);
}

/** A sentence that demands something: a verb of the task or its manner first, or a word of obligation. */
function demands(doc: Doc, sentence: number): boolean {
  const s = doc.sentences[sentence];
  if (!s) return false;
  const head = s.head >= 0 ? doc.tokens[s.head]!.lower : "";
  if (TASK_VERBS.has(head) || META_VERBS.has(head)) return true;
  // ("what surprises you" is no demand: "you" must be the one who is to act)
  return /\b(?:please|should|must|need to|needs to|have to|has to|make sure|ensure|(?:want|need|like) you|you (?:will|can|could|are to|'ll|may))\b|\?/.test(
    doc.instructionLower.slice(s.start, s.end),
  );
}

/**
 * True when a hedge is the author's background: "I love the idea … where basically the only real
 * information is …": a statement of the author's view in a sentence that asks for nothing.
 */
export function backgroundHedge(doc: Doc, sp: Span): boolean {
  const t = doc.tokens[tokenAt(doc, sp.start)];
  return !!t && !demands(doc, t.sentence);
}
