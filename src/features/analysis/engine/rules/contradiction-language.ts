// The answer's language fixed for every answer and also made to follow the user, as a subject of the
// opposed-directives table, in the wording the language rule does not read: "All answers must be in
// English" (a demand on the answers rather than on a verb) against "Always reply in the language the
// engineer used". Two fixed languages are left to the language rule; a fixed language for one part
// ("code comments must be in English") is not a demand on the answers. "Including when …" keeps the
// fixed language in force in that case rather than stating a case of its own.
import type { OpposedSubject } from "./opposed-subject.js";

const LANGUAGES =
  "english|french|german|spanish|italian|portuguese|dutch|polish|turkish|japanese|chinese|korean|russian|arabic|swedish|danish|norwegian|finnish|czech|greek|hindi";

export const LANGUAGE_SUBJECTS: readonly OpposedSubject[] = [
  {
    subject: "answer_language",
    visual: false,
    screen:
      /language|english|french|german|spanish|italian|portuguese|dutch|polish|turkish|japanese|chinese|korean|russian|arabic|swedish|danish|norwegian|finnish|czech|greek|hindi/,
    sides: [
      {
        value: "fixed_language",
        re: new RegExp(
          `\\b(?:all|every|each|your) (?:answers?|repl(?:y|ies)|responses?|messages?) (?:must|should|will|need to|have to) (?:always )?be (?:written |given )?in (?:${LANGUAGES})\\b(?=[^.;\\n]{0,12}(?:[,.;]|$)|[^.;\\n]*\\b(?:including when|including if|even when|even if|no matter|regardless)\\b)`,
          "g",
        ),
      },
      {
        value: "follow_user",
        re: /\b(?:respond|reply|answer|write)\w*\b[^.;\n]{0,40}?\bin (?:the )?(?:same language as|language (?:of|that|in which|used by)) (?:the |their )?(?:user|customer|caller|visitor|student|engineer|employee|question|message)s?\b|\b(?:respond|reply|answer|write)\w*\b[^.;\n]{0,40}?\bin the language (?:the |their )?(?:user|customer|caller|visitor|student|engineer|employee)s? (?:writes|wrote|uses|used|speaks|spoke|chose)\b/g,
      },
    ],
    message: [
      "fixes the answers' language and also has them follow the user's",
      "Say which wins: one language for every answer, or the user's language.",
    ],
  },
];
