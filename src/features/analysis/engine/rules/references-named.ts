// The people a personal pronoun may stand for ("my landlord", "the lead investor", "Maya"), and the
// one-person reading of a pronoun: "You are Maya, a nurse. She answers …" — right after a sentence that
// names one person of its kind, "she" is that person, however many people the prompt names before.
import type { Doc } from "../text.js";
import { MASK_INSTRUCTION } from "../text.js";

export const MALE =
  "husband|boyfriend|brother|father|dad|son|uncle|nephew|grandfather|grandpa|king|prince|man|boy|guy";
export const FEMALE =
  "wife|girlfriend|sister|mother|mom|mum|daughter|aunt|niece|grandmother|grandma|queen|princess|woman|girl|lady|landlady";
/** A person named with a determiner: "my landlord", "the lead investor", "our CEO". */
export const PERSON_RE = new RegExp(
  `\\b(?:my|our|the|his|her|their|your|a|an)\\s+(?:(?!(?:and|or|of|to|in|for|with)\\b)[a-z-]+\\s+)?(${MALE}|${FEMALE}|partner|fianc[ée]e?|friend|colleague|coworker|co-worker|boss|manager|ceo|cto|cfo|founder|cofounder|investor|client|customer|landlord|tenant|neighbou?r|roommate|flatmate|teacher|professor|tutor|student|coach|mentor|doctor|lawyer|accountant|recruiter|interviewer|candidate|applicant|director|supervisor|assistant|intern|employee|contractor|plumber|electrician|builder|agent|seller|buyer|vendor|editor|author|cousin|parent|child|kid|baby|toddler|teammate|lead|designer|developer|engineer)\\b`,
  "gi",
);

/** A capitalised name of one or more words: "Maya", "Grandpa Joe", "Lena Ortiz". */
const NAME_RE = /\b[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)*\b/g;
/** Capitalised words that name no one: sentence openers, pronouns, titles, the assistant. */
const NOT_NAME_RE =
  /^(?:I|You|Your|Yours|The|A|An|This|That|These|Those|It|Its|He|She|They|We|Our|My|His|Her|Their|Them|If|When|While|Always|Never|Do|Don't|Please|Act|Be|Use|As|And|But|Or|So|Then|Also|Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Madam|Assistant|User|Users|Gpt|Bot)$/;
/** A name opening its sentence is a name when a verb or an apposition follows: "Maya is …", "Maya, a nurse". */
const OPENING_NAME_AFTER_RE =
  /^(?:\s*,|['’]s\b|\s+(?:is|was|has|will|would|can|speaks|talks|works|lives|loves|likes|knows|answers|helps|runs|teaches|writes)\b)/;
/** Between a name and a person noun that are one person: "Maya, their manager", "my sister is Ana". */
const SAME_PERSON_RE = /^\s*(?:,|is|was|called|named)\s*$/;
/** Before a name: a place or an organisation rather than a person ("a nurse at Mercy Hospital"). */
const PLACE_BEFORE_RE = /\b(?:at|in|from|of|on|near|into|across|inside|via|using|about)\s+$/;

/**
 * True when the sentence just before `sentenceStart` names exactly one person a pronoun of this kind can
 * stand for (a name, or a person noun not of the other sex, an apposition counted once): "You are Maya,
 * their manager." before "She must choose one."
 */
export function singleAntecedentBefore(doc: Doc, sentenceStart: number, male: boolean): boolean {
  const { text } = doc;
  const head = text.slice(Math.max(0, sentenceStart - 400), sentenceStart).trimEnd();
  const offset = Math.max(0, sentenceStart - 400);
  const body = head.replace(/[.!?]+$/, "");
  const start = Math.max(body.lastIndexOf("\n"), body.search(/[.!?][^.!?]*$/)) + 1;
  const sentence = body.slice(start);
  const lead = sentence.search(/\S/);
  if (lead < 0 || doc.mask[offset + start + lead] !== MASK_INSTRUCTION) return false;
  // a speaker's line or a sender ("Maya: …", "From: Tom Reyes") is a turn of a thread, not an introduction
  if (/^\s*(?:[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*)?|from|to):/i.test(sentence)) return false;
  const people = new Set<string>();
  const names: Array<[number, number]> = [];
  /** The last word of each name ("girlfriend" of "Moody Girlfriend"). */
  const named = new Set<string>();
  for (const m of sentence.matchAll(NAME_RE)) {
    let words = m[0].split(/[ \t]+/);
    let at = m.index;
    // leading words that name no one ("You", "Dr") fall away
    while (words.length > 0 && NOT_NAME_RE.test(words[0]!)) {
      at = sentence.indexOf(words[1] ?? "", at + words[0]!.length);
      words = words.slice(1);
    }
    if (words.length === 0) continue;
    const end = m.index + m[0].length;
    const opening = sentence.slice(0, at).trim() === "";
    if (opening && !OPENING_NAME_AFTER_RE.test(sentence.slice(end))) continue;
    if (PLACE_BEFORE_RE.test(sentence.slice(0, at))) continue;
    names.push([at, end]);
    people.add(words.join(" ").toLowerCase());
    named.add(words[words.length - 1]!.toLowerCase());
  }
  const other = new RegExp(`^(?:${male ? FEMALE : MALE})$`);
  PERSON_RE.lastIndex = 0;
  for (const p of sentence.matchAll(PERSON_RE)) {
    const noun = p[1]!.toLowerCase();
    if (other.test(noun)) continue;
    const end = p.index + p[0].length;
    // "My Emotional Girlfriend" is the noun's own capitalised name; "Maya, their manager" is Maya
    if (names.some(([s, e]) => s < end && e > p.index)) continue;
    // "My Moody Girlfriend … the virtual girlfriend": the name is that person's
    if (named.has(noun)) continue;
    // ("my sister is Ana", "Ana, my sister": one person)
    if (
      names.some(
        ([n, e]) =>
          SAME_PERSON_RE.test(sentence.slice(e, p.index)) || SAME_PERSON_RE.test(sentence.slice(end, n)),
      )
    )
      continue;
    people.add(noun);
  }
  return people.size === 1;
}
