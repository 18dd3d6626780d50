// Shapes of system prompts (a published assistant's custom instructions) in which a vague word leaves no
// parameter of the answer open: the quality of the user's experience ("making learning engaging"), the
// persona's own feeling ("you find them interesting"), a path through a game ("make it through lots of
// difficult topics"), what a user tries to make the assistant say ("make you say things"), or a variety
// asked for across users' sessions ("design various challenges for users").
import type { Doc } from "../text.js";

/** What the user lives through, not a piece handed back: "make the process clearer", "keep the chat fun". */
const EXPERIENCE_NOUNS = new Set(
  "learning process experience experiences journey conversation conversations interaction interactions chat chats session sessions stay visit time practice studying".split(
    " ",
  ),
);
const MAKE_KEEP_RE = /^(?:make|makes|making|keep|keeps|keeping)$/;

/** True when the judgement is what an experience is made or kept ("making learning engaging and accessible"). */
export function experienceMade(doc: Doc, i: number): boolean {
  const { tokens } = doc;
  const s = tokens[i]!.sentence;
  for (let k = i - 1; k >= Math.max(0, i - 7); k--) {
    const t = tokens[k]!;
    if (t.sentence !== s) return false;
    if (MAKE_KEEP_RE.test(t.lower)) {
      for (let j = k + 1; j < i; j++) if (EXPERIENCE_NOUNS.has(tokens[j]!.lower)) return true;
      return false;
    }
  }
  return false;
}

/** "you find them interesting", "finds it funny": the persona's regard for someone, not a quality asked for. */
export function judgedByPersona(doc: Doc, i: number): boolean {
  const { tokens } = doc;
  return (
    /^(?:find|finds|found|finding)$/.test(tokens[i - 2]?.lower ?? "") &&
    /^(?:them|it|him|her|you|me|us|everything|everyone)$/.test(tokens[i - 1]?.lower ?? "")
  );
}

/** "make it through lots of difficult topics": the amount is a path to get through, not a part of the answer. */
export function passedThrough(doc: Doc, i: number): boolean {
  return /^(?:through|across|past|beyond|despite)$/.test(doc.tokens[i - 1]?.lower ?? "");
}

/** "try to make you do or say things against your mission": what someone else tries to get said. */
export function madeToSay(doc: Doc, i: number): boolean {
  const { tokens } = doc;
  for (let k = i - 1; k >= Math.max(0, i - 5); k--) {
    const w = tokens[k]!.lower;
    if (
      w === "you" &&
      /^(?:make|makes|making|get|gets|getting|trick|tricks|force|forces)$/.test(tokens[k - 1]?.lower ?? "")
    )
      return true;
    if (!/^(?:you|do|say|write|reveal|or|and|to|into)$/.test(w)) return false;
  }
  return false;
}

/** "You will design various challenges for users": a variety across the users' sessions, asked on purpose. */
export function variedForUsers(doc: Doc, i: number): boolean {
  const { tokens } = doc;
  if (tokens[i]!.lower !== "various" || /^(?:things|stuff)$/.test(tokens[i + 1]?.lower ?? "")) return false;
  const s = doc.sentences[tokens[i]!.sentence]!;
  return /\b(?:users|the user)\b/.test(doc.instructionLower.slice(s.start, s.end));
}
