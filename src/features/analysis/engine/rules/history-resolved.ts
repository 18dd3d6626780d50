// Where "the previous one" / "the last one" does not reach outside the prompt: the sentence sets up a
// series the model walks through ("schedule each chunk to start where the previous one ends", "the next
// message … the last one"), or says the referent is in the exchange the model sees ("the previous one in
// the conversation history"). A system prompt writes both; "make it like the previous one" does neither.

/** A series named earlier in the sentence: its items are "the previous one" to one another. */
const SERIES_BEFORE_RE =
  /\b(?:next|each|every|following|subsequent|current|successive|consecutive|upcoming)\s+(?!(?:one|time)\b)[a-z]/i;
/** The referent placed in the live exchange, which the model reads. */
const IN_EXCHANGE_AFTER_RE =
  /^[\s,]*(?:(?:in|from|of|within)\s+(?:the|this|your|our)\s+(?:current\s+)?(?:conversation|chat|thread|session|history|context|exchange|message history|conversation history|chat history))\b/i;

/** True when a "the previous/last …" match at [start, end) points inside what the model sees. */
export function historyInSight(text: string, start: number, end: number): boolean {
  if (!/^the (?:previous|last) /i.test(text.slice(start, end))) return false;
  if (IN_EXCHANGE_AFTER_RE.test(text.slice(end, end + 60))) return true;
  // the sentence up to the match, on its line
  const from = Math.max(0, start - 240);
  const before = text.slice(from, start);
  const cut = Math.max(before.lastIndexOf("\n"), before.search(/[.!?]\s[^.!?]*$/));
  return SERIES_BEFORE_RE.test(cut >= 0 ? before.slice(cut) : before);
}
