// Shapes of system prompts (a published assistant's custom instructions) in which a vague word leaves no
// parameter of the answer open: the quality of the user's experience ("making learning engaging"), the
// persona's own feeling ("you find them interesting"), a path through a game ("make it through lots of
// difficult topics"), what a user tries to make the assistant say ("make you say things"), or a variety
// asked for across users' sessions ("design various challenges for users").
import { type Doc, TOKEN_WORD } from "../text.js";

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
  if (broughtToExperience(doc, i) || experienceGiven(doc, i)) return true;
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

/** "add an engaging aspect to interactions": a quality brought to the experience, not to a piece. */
function broughtToExperience(doc: Doc, i: number): boolean {
  const { tokens } = doc;
  const s = tokens[i]!.sentence;
  for (let k = i + 1; k <= i + 3; k++) {
    const t = tokens[k];
    if (!t || t.sentence !== s) return false;
    if (!/^(?:to|for|in|into)$/.test(t.lower)) continue;
    let j = k + 1;
    if (/^(?:the|every|each|our|your|their|all|any)$/.test(tokens[j]?.lower ?? "")) j++;
    const n = tokens[j];
    return !!n && n.sentence === s && EXPERIENCE_NOUNS.has(n.lower);
  }
  return false;
}

/** "give them a good experience", "wish them a pleasant stay": the quality of what the user lives through. */
function experienceGiven(doc: Doc, i: number): boolean {
  const { tokens } = doc;
  const n = tokens[i + 1];
  if (!n || n.sentence !== tokens[i]!.sentence || !/^(?:experience|time|stay|visit|journey)$/.test(n.lower))
    return false;
  // someone given it: "give them a good experience", "wish every guest a pleasant stay"
  const who = /^(?:them|him|her|you|users?|customers?|guests?|visitors?|clients?|everyone|people|players?)$/;
  if (!who.test(tokens[i - 2]?.lower ?? "") && !who.test(tokens[i - 3]?.lower ?? "")) return false;
  const after = tokens[i + 2];
  return (
    !after ||
    after.sentence !== n.sentence ||
    after.type !== n.type ||
    /^(?:for|with|to|in|at|here)$/.test(after.lower)
  );
}

/**
 * "Offer several options when the user is unsure": how many choices are put to someone undecided, in a
 * case the prompt names, is a number that does not matter (the labelling guide's "a few" questions).
 */
export function optionsOffered(doc: Doc, i: number): boolean {
  const { tokens } = doc;
  const s = tokens[i]!.sentence;
  const n = tokens[i + 1];
  if (!n || n.sentence !== s || !/^(?:options|alternatives|choices|suggestions|possibilities)$/.test(n.lower))
    return false;
  const sentence = doc.sentences[s]!;
  return /\b(?:if|when|whenever|unless)\b/.test(doc.instructionLower.slice(sentence.start, sentence.end));
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

/**
 * A question the assistant puts to its user, not the author's demand: an item of a list of questions
 * introduced as ones to ask ("Ask the user these questions:"), or a question over a slot for the answer
 * ("What would you like it to know to give better replies?" over "[the user's context]").
 */
export function askedOfUser(doc: Doc, sentence: number): boolean {
  const s = doc.sentences[sentence]!;
  const text = doc.text;
  const own = text.slice(s.start, s.end).trimEnd();
  if (!own.endsWith("?")) return false;
  const after = text.slice(s.end, s.end + 200);
  if (/^[ \t"”’']*\n\s*(?:\[[^\]\n]{2,}\]|\{\{[^}\n]+\}\}|<[^>\n]{2,}>)/.test(after)) return true;
  const lineStart = text.lastIndexOf("\n", s.start - 1) + 1;
  if (!/^[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]+/.test(text.slice(lineStart, s.start + 1))) return false;
  const before = text.slice(Math.max(0, lineStart - 600), lineStart);
  const intro = /([^\n]*):[ \t]*\n(?:[ \t]*(?:[-*•]|\d{1,2}[.)])[^\n]*\n|[ \t]*\n)*$/.exec(before);
  return !!intro && /\b(?:ask|asks|asking|questions?|prompts?|questionnaire|interview)\b/i.test(intro[1]!);
}

/** Nouns a judgement may be on whose criterion a prompt often gives in a line or section of its own. */
const SECTION_NOUNS =
  /^(?:tone|style|voice|format|formatting|length|language|examples?|structure|layout|emojis?|level|vocabulary|wording|sources?|references?|response|responses|answers?|replies|output)$/;

/**
 * True when the thing judged has a line or section of its own elsewhere that says what it is: "Use an
 * appropriate tone." with "Tone: warm, plain, no slang." further down, "good examples" over "## Examples".
 */
export function criterionElsewhere(doc: Doc, i: number): boolean {
  const { tokens } = doc;
  const s = tokens[i]!.sentence;
  // the thing judged follows ("an appropriate tone") or is kept so ("keep the tone appropriate")
  for (const k of [i + 1, i + 2, i - 1, i - 2]) {
    const t = tokens[k];
    if (!t || t.sentence !== s || !SECTION_NOUNS.test(t.lower)) continue;
    const stem = t.lower.replace(/s$/, "");
    const lead = "(?:^|\\n)[ \\t]*(?:#{1,6}[ \\t]*|\\*\\*)?(?:[\\w-]+[ \\t]+)?";
    const re = new RegExp(
      `${lead}${stem}s?\\b(?:[^\\n:.]{0,20}:[ \\t]*\\S|[ \\t]*(?:\\*\\*)?[ \\t]*:?[ \\t]*(?=\\n))`,
      "i",
    );
    const m = re.exec(doc.text);
    return !!m && (m.index > doc.sentences[s]!.end || m.index + m[0].length < doc.sentences[s]!.start);
  }
  return false;
}

/**
 * Nouns for an act of help rather than a thing made: "some advice", "some explanation as to why", "some
 * incentive to return" read "a" or "any", and leave no count open ("some tips", "some lighting" do).
 */
const HELP_NOUNS =
  /^(?:advice|explanation|information|info|guidance|help|comfort|incentive|clarification|assistance|reassurance)$/;

/** "give some advice", "provide some explanation as to why", "offer some incentive to return". */
export function someOfOne(doc: Doc, i: number): boolean {
  const { tokens } = doc;
  const s = tokens[i]!.sentence;
  for (let k = i + 1; k <= i + 3; k++) {
    const t = tokens[k];
    if (!t || t.sentence !== s || t.type !== TOKEN_WORD) return false;
    if (HELP_NOUNS.test(t.lower)) return true;
  }
  return false;
}

/** "I'm going to give you some questions", "I need some information from you": what the user brings. */
export function broughtByUser(doc: Doc, i: number): boolean {
  const sentence = doc.sentences[doc.tokens[i]!.sentence]!;
  const before = doc.instructionLower.slice(sentence.start, doc.tokens[i]!.start);
  const after = doc.instructionLower.slice(doc.tokens[i]!.end, sentence.end);
  return (
    /\bi(?:'ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to|\s+may|\s+might)?\s+(?:give|send|provide|share|paste|show)\s+you\s+$/.test(
      before,
    ) ||
    (/\bi\s+need\s+$/.test(before) && /^\s*\w+(?:\s+\w+)?\s+from\s+you\b/.test(after))
  );
}
