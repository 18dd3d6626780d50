// References to a shared history the model never saw: "the one we set up last week", "same style as
// before", "do the same as last time", "that show we talked about", "the change they announced". The
// reader of the prompt has only the prompt; whatever these point at is outside it. Unlike a bare
// pronoun (PF102, a hint), the wording itself says the referent lies in an earlier conversation, so the
// rule is precise enough to count.

import { type Doc, MASK_INSTRUCTION, matchesOf } from "../text.js";
import type { Finding } from "../types.js";
import type { RuleContext } from "./context.js";
import { historyInSight } from "./history-resolved.js";
import { FOREIGN_HISTORY_RE } from "./material-foreign.js";
import { pronounAmongCandidates } from "./references.js";
import { bareReference } from "./references-bare.js";
import { earlierExchange } from "./references-earlier.js";
import { foreignPronounAmongCandidates } from "./references-foreign.js";
import { pronounAfterPair } from "./references-pairs.js";
import { askedAboutUnnamed, pieceAboutNothing } from "./references-unanchored.js";
import { findingOf, type Rule } from "./rule.js";

function unnamedThing(ctx: RuleContext): { start: number; end: number } | null {
  const bare = bareReference(ctx);
  return bare && !bare.material ? bare.at : null;
}

const HISTORY_RE =
  /\b(?:(?:the )?same (?:\w+ )?(?:as|like) (?:before|last time|earlier|yesterday|the (?:previous|last|other) (?:one|time|image|version|draft|scene))|as (?:last time|before|we (?:discussed|agreed|said|talked about))|the (?:one|thing|file|doc|version|template|setup|format|style|approach|plan|list|guy|place|show|song|book|thing) (?:we|you|i|they) (?:discussed|talked about|mentioned|set up|agreed on|agreed|used|made|sent|showed me|picked|chose|liked)(?: (?:last|earlier|before|yesterday)\b[\w ]{0,12})?|the (?:previous|last) (?:one|image|version|draft|scene|answer|response)|(?:that|this) (?:\w+ )?(?:we|you) (?:talked about|discussed|mentioned|showed me)|the (?:change|update|decision|announcement|rule) (?:they|he|she) (?:announced|made|mentioned|sent)|from the (?:second|first|third|other|previous) (?:image|one|draft|version|photo|picture)|(?:the|that|those) (?:(?!(?:the|a|an|and|or|to|of|in|for|with|is|are|we|you)\b)[a-z-]+ ){1,3}?(?:that |which )?(?:we|you) (?:were |had |have )?(?:discussed|talked about|talking about|agreed on|agreed upon|agreed(?! (?:to|that|with)\b)|settled on|decided on|went over|went through|looked at)(?: (?:last (?:week|month|time|year|night)|earlier|before|yesterday|this morning|the other day))?)\b/gi;

/**
 * The HISTORY_RE matches of the last text read: the rule and the missing-material reader both walk them,
 * and one scan of a long prompt serves both (same matches in the same order).
 */
let historyText: string | null = null;
let historyFound: RegExpExecArray[] = [];
function historyMatches(text: string): RegExpExecArray[] {
  if (text !== historyText) {
    HISTORY_RE.lastIndex = 0;
    historyFound = [...matchesOf(text, HISTORY_RE)];
    historyText = text;
  }
  return historyFound;
}

/** Things of the world a shared history may point at: the referent is unclear, but nothing is to be pasted. */
const WORLD_REFERENT_RE =
  /\b(?:one|thing|guy|person|people|place|show|song|book|movie|film|series|restaurant|band|game|trip|hotel|shop|store|app|tool|website|site|product|company|friend|character|setup|approach|idea|change|update|decision|announcement|rule)\b/i;

/**
 * Where a reference to an earlier exchange stands for material the prompt should include: "same as
 * before", "the previous version's wording", "the full taxonomy we agreed on last week". (A show or a
 * tool "we talked about" is unclear but is not material to paste.)
 */
export function historicalMaterial(doc: {
  text: string;
  mask: ArrayLike<number>;
}): { start: number; end: number } | null {
  for (const m of historyMatches(doc.text)) {
    if (doc.mask[m.index] !== MASK_INSTRUCTION) continue;
    const lower = m[0].toLowerCase();
    const same = /^(?:the )?same\b|^the (?:previous|last) /.test(lower);
    const head =
      /^(?:the|that|those) ((?:[a-z-]+ ){1,3}?)(?:that |which )?(?:we|you) /.exec(lower)?.[1] ?? "";
    // "same as before" repeats what was done; "same style as before" names a property, not material
    const material = same
      ? /^(?:the )?same (?:as|like)\b|version|draft|answer|response/.test(lower)
      : head !== "" && !WORLD_REFERENT_RE.test(head);
    if (!material) continue;
    return { start: m.index, end: m.index + m[0].length };
  }
  return null;
}

/**
 * More ways to point back at a conversation the model never saw, read only in short prompts: a long
 * system or agent prompt speaks of the live exchange ("your previous response", "where the user left
 * off"), which the model does see.
 */
const SHORT_HISTORY_RE =
  /(?:^\s*(?:as )?(?:mentioned|stated|described|discussed|noted|explained|shown) (?:above|earlier|before)\b|^\s*(?:i|we)(?:'ve| have)? (?:already )?(?:tried|done|did|used|checked|ran|run|followed) (?:that|this|it|those)(?= already| before| too| earlier| and| but|[.,])|\b(?:as (?:discussed|agreed|promised|planned|i (?:said|mentioned|explained|told you)|you (?:said|suggested|recommended|mentioned))(?! (?:above|below|in (?:the|this) (?:prompt|section|list|document|brief)))\b|like (?:i said|we said|you said|last time|before)\b|(?:from )?where (?:you|we) left off|(?:the way|like|as) you did (?:it |this |that )?(?:for|with|last|before|earlier|yesterday|the other)\b|the other (?:ones?|versions|draft|file|image|scene|design|option|template)\b(?! (?:of|in|from|on|for) )|(?:your|the) (?:last|previous|earlier|first) (?:answer|response|reply|message|suggestion|output|attempt|try|version|one|draft|result)s?\b|(?:those|the same) (?:changes|edits|fixes|tweaks|corrections)\b|the (?:changes|edits|fixes|tweaks|corrections) (?:we|you|i) (?:discussed|made|talked about|agreed on|suggested)\b|(?:do|try|run) (?:it|that|this|the same) again\b|\b(?:the|that|those|your|my|our) (?:[a-z-]+ ){1,2}?from (?:last time|earlier|our (?:last|previous) (?:chat|call|conversation|session))\b(?! (?:in|on|of) (?:this|the)\b)))/gi;

/**
 * A habit or an earlier exchange the writer leans on instead of saying what it holds: "in our usual
 * format", "the way we normally do it", "as per our discussion", "where we stopped",
 * "same layout as the previous report", "like last week's". Read in short prompts only, and not when the
 * prompt spells the habit out right after it ("our usual tone (dry, no emoji)").
 */
const ROUTINE_RE =
  /\b(?:(?:our|my|the|your) usual (?:format|formatting|style|tone|voice|template|structure|layout|way|approach|process|order|setup|set-up|checklist|rules|wording|outline|sections|columns|headings|fields|length|treatment|routine|workflow|spec|specs|sign-off|signoff|signature|greeting|closing|intro|outro|disclaimer|footer|header|hashtags|phrasing)|(?:the (?:same )?way|how|like|as) (?:we|i|you) did(?: (?:it|them|that|this|those))? (?:before|earlier|last time|yesterday|last (?:week|month)|the other day)(?=\s*(?:[.,;:!?)]|$)|\s+(?:and|but|so|with|for|on|in|to|please|except|only|though)\b)|(?:the way|how|like|as) (?:we|i|you)(?:'ve| have)? (?:usually|normally|always|typically|generally|did it|did them|did that|did last|did (?:it |them |that )?(?:for|with|on|in) (?:the other|the last|the previous|that))(?: (?:do|did|done|write|wrote|written|format|formatted|structure|handle|present|lay out|set up|do it|do them|do things))?|(?:as )?per (?:our|my|your) (?:(?:last|previous|earlier|recent) )?(?:discussion|conversation|call|chat|meeting|email|e-mail|message|talk|agreement|exchange)|(?:from |pick up |continue |carry on )?where (?:we|you|i) (?:stopped|left it|left things|got to)|same (?:[a-z]+ )?(?:as|like) (?:the (?:previous|earlier|last) [a-z]+|(?:last|previous) (?:week|month|year|quarter|time)'?s?(?: [a-z]+)?|yesterday'?s?)|like (?:last|previous) (?:week|month|year|quarter)'s|(?:the )?(?:changes|edits|fixes|tweaks|feedback|comments|notes|corrections|suggestions) (?:(?:my|our|the) [a-z]+|[A-Z][a-z]+|he|she|they) (?:suggested|asked for|requested|wanted|proposed|gave|left|sent|flagged|mentioned))\b/gi;
/** A habit spelled out right after it: "(dry, no emoji)", ": three bullets", ", i.e. …", "— one page". */
const SPELLED_OUT_RE = /^\s*(?:[(:\u2014\u2013]|-\s|,\s*(?:i\.e\.|that is|which is|namely|meaning)\b)/;

const HABIT_RE = /\busual\b|\b(?:usually|normally|always|typically|generally)\b/i;
function insideBrackets(text: string, at: number): boolean {
  const open = text.lastIndexOf("(", at);
  return open >= 0 && text.lastIndexOf(")", at) < open;
}

/** The first habit or earlier exchange a short prompt leans on without spelling it out. */
export function routineReference(doc: { text: string; mask: ArrayLike<number> }): {
  start: number;
  end: number;
} | null {
  if (doc.text.length >= 600) return null;
  ROUTINE_RE.lastIndex = 0;
  for (const m of matchesOf(doc.text, ROUTINE_RE)) {
    const at = m.index + (/^\s*/.exec(m[0])?.[0].length ?? 0);
    if (doc.mask[at] !== MASK_INSTRUCTION) continue;
    if (SPELLED_OUT_RE.test(doc.text.slice(m.index + m[0].length, m.index + m[0].length + 20))) continue;
    // a house habit ("our usual tone", "the way we always do") in a prompt of some length is usually a
    // format the prompt describes around it, or asks to be shown by example; inside brackets it glosses one
    if (HABIT_RE.test(m[0]) && (doc.text.length >= 300 || insideBrackets(doc.text, m.index))) continue;
    return { start: at, end: m.index + m[0].length };
  }
  return null;
}

/** Two or more labelled candidates ("Draft A:", "Option 2:", "Version 1 -"), each opening a line. */
const CANDIDATE_LINE_RE =
  /^[ \t]*(?:[-*•][ \t]*)?(?:(?:draft|option|version|variant|email|text|headline|title|tagline|slogan|answer|response|proposal|translation|paragraph|summary|intro|sentence|caption|post|reply|message)[ \t]*(?:[A-Da-d1-4]|one|two|three|#\d)[ \t]*[:.)\-–—]|\(?[A-D][:)])/gim;
/** A transform whose only object is a singular "it" / "this" / "that". */
const SINGULAR_EDIT_RE =
  /\b(?:(?:make|improve|shorten|lengthen|rewrite|redo|edit|fix|polish|tighten|translate|expand|change|adapt|turn|update|reword|rephrase|simplify|format|send|post|use|publish|finali[sz]e|proofread)\s+(it|this|that)\b|(?:^|[.!?]\s+)(?:is|does|will|would|can) (this|it)\b(?!\s+(?:possible|worth|ok|okay|true that|better to|best to|safe to|a good idea to)\b))/gim;
/** A sentence that says which candidate it means, or means all of them. */
const CHOSEN_RE =
  /\b(?:pick|choose|select|better|best|winner|first|second|third|last|one of|either|whichever|both|each|all|them|these|those|combine|merge|[A-D]|[1-4])\b/;

/** "Draft A: … Draft B: … Make it friendlier.": "it" could be either candidate. */
function ambiguousAmongCandidates(
  text: string,
  mask: ArrayLike<number>,
): { start: number; end: number } | null {
  // a long system or agent prompt lists options for the model to choose among; only a short request is read
  if (text.length >= 1500) return null;
  CANDIDATE_LINE_RE.lastIndex = 0;
  let count = 0;
  let lastEnd = -1;
  for (const m of matchesOf(text, CANDIDATE_LINE_RE)) {
    count++;
    const lineEnd = text.indexOf("\n", m.index);
    lastEnd = lineEnd < 0 ? text.length : lineEnd;
  }
  if (count < 2 || lastEnd < 0) return null;
  SINGULAR_EDIT_RE.lastIndex = 0;
  for (const m of matchesOf(text, SINGULAR_EDIT_RE)) {
    const word = m[1] ?? m[2]!;
    const at = m.index + m[0].length - word.length;
    if (mask[at] !== MASK_INSTRUCTION) continue;
    // the sentence up to the pronoun: "pick the better one and make it …" names which
    const sentenceStart = Math.max(text.lastIndexOf("\n", at), text.slice(0, at).search(/[.!?][^.!?]*$/)) + 1;
    if (CHOSEN_RE.test(text.slice(sentenceStart, at))) continue;
    return { start: at, end: at + word.length };
  }
  return null;
}

// A person the prompt never introduces: "Write a short email to her explaining …", "Tell him …".
const PERSON_PRONOUN_RE =
  /\b(?:(?<=\b(?:tell|ask|remind|thank|text|email|e-mail|call|message|invite|congratulate|convince|persuade|reassure|pay|meet|send|give|write|wish|apologi[sz]e to|reply to|respond to|answer|let)\s+)her(?=\s*[.,!?]|\s*$|\s+(?:i|i'm|i'll|i've|we|we're|we'll|you|it|that|this|the|a|an|my|our|your|there|to|about|how|why|what|when|if|not|so|thanks|thank|happy|know|and|from|on|for)\b)|him|her(?=\s*[.,!?]|\s+(?:that|to|about|know|and|explaining|asking|saying|why|how|when|if|for|with|the|a|an)\b)|(?:to|tell|ask|thank|remind|invite|email|call|text|message|inform|notify|congratulate) them)\b/gi;
/** Nouns that introduce a person or party a later pronoun can refer to (also read by references.ts). */
export const PERSON_NOUNS =
  /\b(?:boss|manager|client|customer|friend|mom|mum|mother|dad|father|wife|husband|son|daughter|colleague|co-?worker|teacher|professor|student|user|candidate|partner|brother|sister|man|woman|boy|girl|kid|child|children|character|author|guy|ceo|founder|landlord|landlady|tenant|neighbou?r|doctor|patient|grand(?:ma|pa|mother|father|parents?)|aunt|uncle|cousin|niece|nephew|girlfriend|boyfriend|fianc[ée]e?|recruiter|interviewer|employee|employer|lead|director|coach|mentor|therapist|lawyer|agent|hero|heroine|protagonist|king|queen|prince|princess|cat|dog|baby|person|someone|somebody|applicant|member|owner|host|guest|speaker|reader|audience|writer|poet|artist|musician|singer|player|roommate|flatmate|team|staff|family|parents|people|everyone|everybody|guests|customers|clients|users|students|friends|kids|employees|members|readers|he|she|they|vendor|vendors|supplier|suppliers|company|companies|agency|bank|school|council|contractor|provider|insurer|airline|hotel|store|shop|seller|buyer|publisher|editor|organi[sz]er|committee|board|hr|support|office|university|landlords|recipient|sender)\b/i;

/** The first person pronoun in a short prompt with no person named or described before it. */
function unintroducedPerson(text: string, mask: ArrayLike<number>): { start: number; end: number } | null {
  if (text.length >= 300) return null;
  PERSON_PRONOUN_RE.lastIndex = 0;
  const m = PERSON_PRONOUN_RE.exec(text);
  if (!m || mask[m.index] !== MASK_INSTRUCTION) return null;
  const word = /\S+$/.exec(m[0])![0];
  const at = m.index + m[0].length - word.length;
  const before = text.slice(0, at);
  if (PERSON_NOUNS.test(before)) return null;
  // a name: a capitalised word that does not open a sentence ("… to Priya", "Tom's")
  if (/[^.!?\n:"“]\s+[A-Z][a-z]+/.test(before) || /^\s*[A-Z][a-z]+(?:'s|,)/.test(before)) return null;
  // material before it may introduce the person
  for (let i = 0; i < at; i++) if (mask[i] !== MASK_INSTRUCTION) return null;
  return { start: at, end: at + word.length };
}

/** "the previous one", "the last version", "as before": the forms a sequence or a long prompt uses of itself. */
const RELATIVE_FORM_RE =
  /^(?:the (?:previous|last) |as before\b|from the (?:previous|other|first|second|third) )/i;
/** Words that set up a sequence the form is relative to: "each subsequent frame … the previous one". */
const SEQUENCE_BEFORE_RE = /\b(?:each|every|subsequent|next|following|successive)\b[^.!?\n]*$/i;

/**
 * True when a "previous" or "as before" points inside the prompt or its run, not at an unseen exchange: in a
 * long prompt ("restore the previous version" in a deployment checklist, "as before" after its own rules),
 * or after a sequence set up in its sentence ("each frame building upon the previous one").
 */
function withinPrompt(text: string, m: RegExpExecArray): boolean {
  if (!RELATIVE_FORM_RE.test(m[0])) return false;
  if (text.length >= 600) return true;
  return SEQUENCE_BEFORE_RE.test(text.slice(Math.max(0, m.index - 120), m.index));
}

type Found = { start: number; end: number } | null;

/** A pointer back at an earlier exchange, which the model never saw. */
function historyReference({ doc }: RuleContext): Found {
  for (const m of historyMatches(doc.text)) {
    if (doc.mask[m.index] !== MASK_INSTRUCTION || withinPrompt(doc.text, m)) continue;
    const at = { start: m.index, end: m.index + m[0].length };
    if (!historyInSight(doc.text, at.start, at.end)) return at;
  }
  return null;
}

/** A pronoun or a name that could stand for more than one thing, or for something never named. */
function unclearReference(ctx: RuleContext): Found {
  const { doc } = ctx;
  return (
    ambiguousAmongCandidates(doc.text, doc.mask) ??
    unintroducedPerson(doc.text, doc.mask) ??
    pronounAmongCandidates(doc) ??
    pronounAfterPair(doc) ??
    // "When customers ask about it, …" opening a rule of its own
    askedAboutUnnamed(doc) ??
    pieceAboutNothing(doc) ??
    // (a short prompt in another language may be read as English)
    foreignPronounAmongCandidates(doc) ??
    // "Is it still supported?": a thing never named (a pronoun standing for material is reported
    // by the missing-material rule, and once more here through unresolvedPronouns)
    unnamedThing(ctx)
  );
}

/** In a short prompt, the further ways of pointing back (SHORT_HISTORY_RE). */
function shortHistoryReference({ doc }: RuleContext): Found {
  if (doc.text.length >= 400) return null;
  SHORT_HISTORY_RE.lastIndex = 0;
  for (const m of matchesOf(doc.text, SHORT_HISTORY_RE)) {
    if (doc.mask[m.index] !== MASK_INSTRUCTION || withinPrompt(doc.text, m)) continue;
    if (historyInSight(doc.text, m.index, m.index + m[0].length)) continue;
    return { start: m.index, end: m.index + m[0].length };
  }
  return null;
}

const UNSEEN = "points at something outside this prompt: the model has not seen that earlier exchange.";

/** What the rule reads, in order, with what it says of the span: the first reading that finds one is reported. */
const READINGS: ReadonlyArray<[find: (ctx: RuleContext) => Found, says: string, suggestion: string]> = [
  [
    historyReference,
    UNSEEN,
    "Name or paste what you mean (the file, the style, the earlier answer) instead of pointing back at it.",
  ],
  [
    unclearReference,
    "could mean more than one thing here, or something the prompt never names.",
    "Name what you mean (which draft, which person) instead of a pronoun.",
  ],
  [
    ({ doc }) => routineReference(doc),
    "leans on an earlier exchange or a habit the model has not seen.",
    "Say what it holds (the format, the points agreed, the changes asked for) instead of pointing back at it.",
  ],
  [
    ({ doc }) => earlierExchange(doc),
    UNSEEN,
    "Name or paste what you mean (the earlier version, the option chosen, what was agreed) instead of pointing back at it.",
  ],
  [
    shortHistoryReference,
    UNSEEN,
    "Name or paste what you mean (the file, the style, the earlier answer) instead of pointing back at it.",
  ],
];

export const SHARED_HISTORY: Rule = {
  id: "PF106",
  kind: "ambiguous_reference",
  severity: "warning",
  description:
    'Points at something from an earlier conversation the model cannot see ("the one we set up last week", "same style as before").',
  check(ctx) {
    const { text } = ctx.doc;
    for (const [find, says, suggestion] of READINGS) {
      const at = find(ctx);
      if (at)
        return [findingOf(SHARED_HISTORY, `"${text.slice(at.start, at.end)}" ${says}`, suggestion, [at])];
    }
    return [];
  },
};

/**
 * "Fix this." / "Rends-le plus professionnel.": when the missing-material rule finds that a bare pronoun
 * is the request's only object, that pronoun is also a reference nobody can resolve — reported once more
 * under its own kind, on the same span, as the labelling guide asks for both.
 */
export function unresolvedPronouns(findings: Finding[]): Finding[] {
  // (removes the PF102 hint it replaces from `findings`)
  if (findings.some((f) => f.rule === SHARED_HISTORY.id)) return [];
  const bare = findings.find((f) => f.rule === "PF105" && f.message.includes("stands for material"));
  if (!bare) return [];
  // the bare-pronoun hint on the same word says less: this finding replaces it
  const hint = findings.findIndex((f) => f.rule === "PF102" && f.spans[0]?.start === bare.spans[0]?.start);
  if (hint >= 0) findings.splice(hint, 1);
  return [
    findingOf(
      SHARED_HISTORY,
      bare.message.replace(
        "stands for material that is not in the prompt",
        "has nothing in the prompt to refer to",
      ),
      "Say what it refers to, and paste it after the instruction.",
      bare.spans,
    ),
  ];
}

/**
 * "Comme convenu, envoie-lui le devis.", "Wie besprochen …", "像上次那样写": an earlier exchange leant on in
 * a language the English rules do not read. The missing-material rule, which runs in every language,
 * asks here once per prompt; read in short prompts only, in instructions.
 */
export function foreignUnclear(doc: Doc): Finding | null {
  const history = foreignHistory(doc);
  if (history) return history;
  // "Wenn sie danach fragen, …", "Si preguntan por eso, …" opening a rule of its own
  const asked = askedAboutUnnamed(doc);
  if (asked)
    return findingOf(
      SHARED_HISTORY,
      `"${doc.text.slice(asked.start, asked.end)}" opens a rule of its own, so nothing tells which thing it means.`,
      "Name the product, policy or topic the rule is about.",
      [asked],
    );
  const unclear = foreignPronounAmongCandidates(doc);
  return unclear
    ? findingOf(
        SHARED_HISTORY,
        `"${doc.text.slice(unclear.start, unclear.end)}" could mean more than one of the things the prompt lays out.`,
        "Name which one you mean (the label, the sender) instead of a pronoun.",
        [unclear],
      )
    : null;
}

function foreignHistory(doc: { text: string; mask: ArrayLike<number> }): Finding | null {
  if (doc.text.length >= 600) return null;
  const m = FOREIGN_HISTORY_RE.exec(doc.text);
  if (!m || doc.mask[m.index] !== MASK_INSTRUCTION) return null;
  // inside quoted or introduced material the tokenizer left as text: a pasted letter's "como comentamos"
  const before = doc.text.slice(0, m.index);
  // "(préfixe de module, emoji …, comme d'habitude)": inside brackets it glosses a habit the prompt spells out
  if (insideBrackets(doc.text, m.index)) return null;
  if (
    (before.match(/"/g) ?? []).length % 2 === 1 ||
    before.lastIndexOf("“") > before.lastIndexOf("”") ||
    before.lastIndexOf("«") > before.lastIndexOf("»") ||
    before.lastIndexOf("「") > before.lastIndexOf("」") ||
    /[:：][ \t]*\n/.test(before) ||
    // "Wie besprochen findest du hier die Zahlen: …": what was discussed is given
    /^[^.!?。！？\n]*[:：]\s*\S.{10,}/u.test(doc.text.slice(m.index + m[0].length))
  )
    return null;
  return findingOf(
    SHARED_HISTORY,
    `"${m[0]}" points at something outside this prompt: the model has not seen that earlier exchange.`,
    "Name or paste what you mean (the file, the style, the earlier answer) instead of pointing back at it.",
    [{ start: m.index, end: m.index + m[0].length }],
  );
}
