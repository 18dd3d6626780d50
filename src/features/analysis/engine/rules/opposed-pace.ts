// The pace of a conversation as a subject of the opposed-directives table: questions asked one at a time
// ("Ask one question at a time", "one question per message") against all of them at once ("list all ten
// questions in your first message", "ask me every question up front"). An interview, a quiz or an intake
// form cannot be both; the usual case handling of the table applies (two sentences, neither a case).
import { notNegated, type OpposedSubject } from "./opposed-subject.js";

const NOT_NEGATED = notNegated(2, "\\w+");
// a turn of the conversation: "at a time", "per message", "in each reply"
const PER_TURN = "(?:at a time|per (?:message|reply|turn|response)|in each (?:message|reply|turn|response))";
// all of them in one go: "in your (very) first message", "at once", "up front", "in one message"
const AT_ONCE =
  "(?:all at once|at once|in one go|up ?front|in (?:one|a single|the same|your (?:very )?first|the (?:very )?first|your opening|the opening) (?:message|reply|response|turn)|before (?:the|we) (?:interview|quiz|session|conversation) (?:starts|begins))";

export const PACE_SUBJECTS: readonly OpposedSubject[] = [
  {
    subject: "question_pace",
    visual: false,
    screen: /question/,
    sides: [
      {
        value: "one_at_a_time",
        re: new RegExp(
          `${NOT_NEGATED}\\b(?:(?:one|a single) (?:[a-z-]+ )?question ${PER_TURN}|questions? one (?:at a time|by one)|(?:only|just) one question (?:per|in each|at a time))\\b`,
          "g",
        ),
      },
      {
        value: "all_at_once",
        re: new RegExp(
          `${NOT_NEGATED}\\b(?:list|ask|give|send|show|present|share|write out|lay out|put)(?: me| them| the user)? (?:all|every one of|each of)(?: of)?(?: the| your| my)?(?: [a-z0-9-]+){0,2}? questions\\b[^.;\\n]{0,40}?\\b${AT_ONCE}`,
          "g",
        ),
        // a recap of the questions asked, at the end: the interview itself still went one at a time
        skip: /\b(?:recap|summar|review|at the end|afterwards|once (?:we|you|the interview|the quiz) (?:are|is|have)|(?:you|i|we) (?:have |'ve )?(?:asked|answered|covered))/,
      },
    ],
    message: [
      "asks for one question at a time and for all the questions at once",
      "Decide whether the questions come one per message or together, or say when each applies.",
    ],
  },
];
