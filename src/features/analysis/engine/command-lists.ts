// A reference list of shell commands, one per line under a label: "- List files: ls -la", "- Remove file:
// rm file.txt". The labels read like orders ("Remove file", "List files") but name what each command
// does; the list is material the model looks things up in, not steps it is told to take, so its lines are
// set off as material like a fenced block of commands would be.
import { fill, MASK_CONTENT, MASK_INSTRUCTION } from "./text-mask.js";

/** "- Label words: value" on one line, the label capitalised and short. */
const LABEL_LINE_RE =
  /^[ \t]*(?:[-*•][ \t]+|\d+[.)][ \t]+)?[A-Z][\w ,/'()-]{1,40}:[ \t]+(\S[^\n]*?)[ \t]*$/gm;
/** A command: a lower-case program name, then flags, paths, quoted words and shell operators only. */
const COMMAND_RE =
  /^`?(?:sudo\s+)?[a-z][\w.-]{0,15}(?:\s+(?:-{1,2}[\w=.-]+|[\w./~*:@%+=,$-]+|"[^"\n]*"|'[^'\n]*'|&&|\|\|?|>>?|<|2>&1))*`?$/;
/** Words of a sentence, which a command line does not hold. */
const PROSE_WORD_RE = /\s(?:the|a|an|and|or|to|of|for|with|your|you|is|are|in|on|it|this|that|be)(?=\s|$)/i;
/** What only a command has: a flag, a file name with an extension, a path, an operator. */
const SHELL_MARK_RE = /\s-{1,2}\w|\w\.\w{1,5}\b|\/|&&|\||>/;

/** Marks runs of two or more such lines as material; a lone "Output: report.pdf" stays the author's. */
export function markCommandLists(text: string, mask: Uint8Array): void {
  if (!text.includes(":")) return;
  let run: { start: number; end: number }[] = [];
  let marked = false;
  let lastEnd = -2;
  const flush = () => {
    if (run.length >= 2 && marked) for (const r of run) fill(mask, r.start, r.end, MASK_CONTENT, true);
    run = [];
    marked = false;
  };
  LABEL_LINE_RE.lastIndex = 0;
  for (let m = LABEL_LINE_RE.exec(text); m !== null; m = LABEL_LINE_RE.exec(text)) {
    const value = m[1]!;
    const start = m.index;
    const end = start + m[0].length;
    // consecutive lines only (a label line that is no command, "Command separator: &&", keeps the run)
    if (start > lastEnd + 1) flush();
    lastEnd = end;
    if (mask[start] !== MASK_INSTRUCTION || !COMMAND_RE.test(value) || PROSE_WORD_RE.test(` ${value}`))
      continue;
    run.push({ start, end });
    if (SHELL_MARK_RE.test(` ${value}`)) marked = true;
  }
  flush();
}
