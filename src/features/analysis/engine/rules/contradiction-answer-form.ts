// The form of the whole answer, as subjects of the opposed-directives table, in wordings the core table
// does not read: a one-word or yes/no answer ("Reply with exactly one word: APPROVE or REMOVE") against an
// explanation ("explain which rules you checked"); a JSON reply against prose without braces ("as plain
// conversational text with no brackets or braces"); and CSV against a JSON object for the same output.
// The table's negation and case handling applies; an explanation placed after the answer or in a field of
// the structure is a layout, not a second form.
import { notNegated, type OpposedSubject } from "./opposed-subject.js";

const NOT_NEGATED = notNegated(2);
const REPLY_VERB = "(?:reply|replies|respond|answer|output|return)";
// the explanation is given a place of its own: a field, a line after the answer, a second part
const PLACED =
  /\b(?:field|key|property|column|attribute|json|xml|tag|final answer|last line|then|afterwards|after (?:that|it|the (?:word|label|answer|verdict))|followed by|on (?:a|the) (?:new|next|second|separate) line|below (?:it|that|the))\b|<\w+>/;
// a JSON object or array as the form of the whole reply
const JSON_REPLY = `${NOT_NEGATED}\\b(?:(?:every|each|your|the) (?:reply|answer|response|output) (?:is|must be|should be|will be) (?:a |an |one |a single |valid )*json\\b|${REPLY_VERB}\\w*\\s+(?:only\\s+)?(?:with\\s+|in\\s+|as\\s+)?(?:a |an |one |a single |valid )*json (?:object|array)\\b)`;

export const ANSWER_FORM_SUBJECTS: readonly OpposedSubject[] = [
  {
    subject: "one_word",
    visual: false,
    screen: /word|yes|explain|justif|confiden/,
    sides: [
      {
        value: "one_word",
        re: new RegExp(
          `\\b${REPLY_VERB}\\w*\\s+(?:only\\s+)?(?:with\\s+)?(?:exactly\\s+|just\\s+|only\\s+)?(?:one|a single)\\s+word\\b(?!\\s+(?:or two|to|per|summary|description|title|tag))|\\b${REPLY_VERB}\\w*\\s+(?:only|just)\\s+(?:with\\s+)?["“']?yes["”']?\\s+or\\s+["“']?no\\b|\\b${REPLY_VERB}\\w*\\s+(?:with\\s+)?["“']?yes["”']?\\s+or\\s+["“']?no["”']?\\s+only\\b`,
          "g",
        ),
      },
      {
        value: "explained_form",
        re: new RegExp(
          `${NOT_NEGATED}\\b(?:explain|justify) (?:your |the |each )?(?:reasoning|choice|decision|rationale|verdict)\\b|${NOT_NEGATED}\\bexplain (?:which|why)\\b|${NOT_NEGATED}\\bsay how confident\\b`,
          "g",
        ),
        skip: PLACED,
      },
    ],
    message: [
      "asks for a one-word answer and also for an explanation",
      "Say where the explanation goes (a field, a line after the word), or drop one of the two.",
    ],
  },
  {
    subject: "json_or_prose",
    visual: false,
    screen: /json|braces|plain/,
    sides: [
      { value: "json_reply", re: new RegExp(JSON_REPLY, "g") },
      {
        value: "braceless_prose",
        re: /\bno (?:[\w-]+,\s*){0,4}(?:[\w-]+\s+(?:or|and)\s+)?(?:curly\s+)?braces\b|\bwithout (?:any\s+)?(?:[\w-]+,\s*){0,4}(?:[\w-]+\s+(?:or|and)\s+)?(?:curly\s+)?braces\b|\b(?:write|reply|respond|answer)\w*\s+(?:\w+\s+){0,3}?(?:as|in) plain (?:conversational )?(?:text|prose)\b/g,
        // plain text inside a field of the structure is one of its values
        skip: /\b(?:field|key|value|property|string|json|inside|within)\b/,
      },
    ],
    message: [
      "asks for a JSON reply and for prose without braces",
      "Decide whether the reply is a JSON object or plain text; if plain text goes in a field, say which.",
    ],
  },
  {
    subject: "csv_or_json",
    visual: false,
    screen: /csv|json/,
    sides: [
      {
        value: "csv",
        re: /\b(?:output|return|respond with|reply with|give)\s+(?:only\s+)?(?:a\s+)?csv\b(?!\s+(?:field|column|value|cell|file name)s?\b)|\b(?:only accepts|accepts only|expects only) csv\b/g,
      },
      { value: "json_object", re: new RegExp(JSON_REPLY, "g") },
    ],
    message: [
      "asks for the same output as CSV and as a JSON object",
      "Choose one format for the output (or say which part is CSV and which is JSON).",
    ],
  },
];
