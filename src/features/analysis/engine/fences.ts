// Code fences (``` or ~~~) the way a Markdown reader pairs them: a fence opens where a line starts with
// its marker and closes at the next marker that starts a line or ends one. A marker in the middle of a
// line is not a fence: "strip ```json fences before parsing" names one, and "```json|```" inside code is
// code. Pairing every marker with the next one (the earlier reading) turned the rest of a long prompt
// inside out after the first such mention: instructions read as material and material as instructions.

export interface FenceSpan {
  start: number;
  end: number;
}

const MARKER_RE = /```|~~~/g;
/** A language name after an opening fence: "```javascript", "```json". */
const INFO_STRING_RE = /^[A-Za-z][\w+#.-]*[ \t]*(?:\r?\n|$)/;

/** True when only spaces or tabs stand between the line's start and `at`. */
function startsLine(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** True when only spaces or tabs stand between `at` and the line's end. */
function endsLine(text: string, at: number): boolean {
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** The fenced blocks of a text and its one-line ```inline``` spans, in order; linear in its length. */
export function findFences(text: string): FenceSpan[] {
  const out: FenceSpan[] = [];
  MARKER_RE.lastIndex = 0;
  let m: RegExpExecArray | null = MARKER_RE.exec(text);
  while (m !== null) {
    const s = m.index;
    const marker = m[0];
    const nl = text.indexOf("\n", s);
    const sameLine = text.indexOf(marker, s + 3);
    if (sameLine >= 0 && (nl < 0 || sameLine < nl)) {
      // closed on its own line ("```x = 1```", "strip ```json|``` first"): inline code
      out.push({ start: s, end: sameLine + 3 });
      MARKER_RE.lastIndex = sameLine + 3;
    } else if (startsLine(text, s) || endsLine(text, s + 3)) {
      // a block, opened on a line of its own or at the end of a line ("Essay: ```"): closed by the same
      // marker starting or ending a later line, or open to the end
      let end = text.length;
      let from = s + 3;
      for (;;) {
        const c = text.indexOf(marker, from);
        if (c < 0) break;
        // (the marker must be on a later line than the opening one)
        if (
          text.lastIndexOf("\n", c) > s &&
          startsLine(text, c) &&
          INFO_STRING_RE.test(text.slice(c + 3, c + 40))
        ) {
          // "```javascript" opens a block and never closes one: the block before lost its closing fence
          // (pasted or extracted text often does), so it ends here rather than swallowing what follows
          end = c;
          break;
        }
        if (text.lastIndexOf("\n", c) > s && (startsLine(text, c) || endsLine(text, c + 3))) {
          end = c + 3;
          break;
        }
        from = c + 3;
      }
      out.push({ start: s, end });
      MARKER_RE.lastIndex = end;
    }
    // (an unclosed marker in the middle of a line only names a fence)
    m = MARKER_RE.exec(text);
  }
  return out;
}
