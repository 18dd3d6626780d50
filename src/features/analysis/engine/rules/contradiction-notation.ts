// Two more subjects of the opposed-directives table about what the text may contain: mathematical
// notation refused ("don't use any formulas or Greek letters") and then asked for ("show the formal
// definition with the probability notation"), and a translation asked for into one language while the
// answer is to stay in another ("translate the notice into Spanish" … "return only the English text").
// The translation subjects are one per target language, so two targets never meet each other here.
import { notNegated, type OpposedSubject } from "./opposed-subject.js";

const NOT_NEGATED = notNegated(3);
const NOTATION =
  "(?:formulas?|formulae|equations?|math(?:ematical)? notation|probability notation|greek letters|symbols)";
const LANGUAGES = ["english", "spanish", "french", "german", "italian", "portuguese", "dutch", "polish"];

function translationSubject(target: string): OpposedSubject {
  const others = LANGUAGES.filter((l) => l !== target).join("|");
  return {
    subject: `translation_${target}`,
    visual: false,
    screen: new RegExp(`translat|${LANGUAGES.join("|")}`),
    sides: [
      {
        value: "translate_into",
        re: new RegExp(`${NOT_NEGATED}\\btranslate\\b[^.;\\n]{0,80}?\\binto ${target}\\b`, "g"),
        // two targets ("into French and Spanish"): returning one of them is part of the request
        skip: new RegExp(`\\b(?:into|and|or|,) (?:into )?(?:${others})\\b`),
      },
      {
        value: "keep_other",
        re: new RegExp(
          `\\b(?:return|give|send|output) (?:me )?only the (?:${others}) (?:text|version|original)\\b|\\b(?:keep|leave) (?:the|this|it|the [a-z]+) (?:[a-z]+ )?in (?:${others}) (?:for now|as it is|unchanged)\\b`,
          "g",
        ),
      },
    ],
    message: [
      `asks for a translation into ${target[0]!.toUpperCase()}${target.slice(1)} and for the text to stay in another language`,
      "Say which language the answer is in: the translation, or the original with corrections.",
    ],
  };
}

export const NOTATION_SUBJECTS: readonly OpposedSubject[] = [
  {
    subject: "notation",
    visual: false,
    screen: /formul|equation|notation|greek|symbol/,
    sides: [
      {
        value: "notation",
        re: new RegExp(
          `${NOT_NEGATED}\\b(?:show|give|include|write out|write|use|present|state)\\s+(?:him |her |them |me )?(?:the |a |an )?(?:formal (?:definition|derivation|proof)\\s+(?:with|in|using)\\s+(?:the |a )?${NOTATION}|(?:full |exact |underlying )?${NOTATION})\\b`,
          "g",
        ),
      },
      {
        value: "no_notation",
        re: new RegExp(
          `\\b(?:no|without|never use|don't use|do not use|avoid)\\s+(?:any\\s+)?${NOTATION}\\b(?!\\s+(?:in|for|inside) (?:the )?(?!answer|reply|response|text|explanation)[a-z]+)`,
          "g",
        ),
      },
    ],
    message: [
      "refuses mathematical notation and also asks for it",
      "Decide whether the reader sees formulas; if only in one part, say which.",
    ],
  },
  ...LANGUAGES.map(translationSubject),
];
