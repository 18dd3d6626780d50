// Parts of the layout, as subjects of the opposed-directives table: a number of bullet points asked for
// ("Then 4 bullet points with the key specs") against an answer without any ("one paragraph of continuous
// prose, no bullet points"), and a headline asked for ("Headline of max 8 words", "start with a headline")
// against none ("no headline"). A list of requirements often names its parts without a verb, so a counted
// part is a demand on its own; the table's negation and case handling applies, and a rule for one part
// ("no bullet points in the introduction") narrows rather than forbids.
import { notNegated, type OpposedSubject } from "./opposed-subject.js";

const NOT_NEGATED = notNegated(2);
const COUNT = "(?:\\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)";
// a prohibition that names a part of the answer it holds in
const PART_SCOPE =
  /\b(?:no|without|never use|do not use|don't use)\s+(?:[\w-]+\s+){0,4}?(?:in|inside|within|for|under) (?:the |a |an |each |any )?(?!(?:answer|reply|response|output|text|copy|whole|entire)\b)[a-z]+/;
// the whole answer is one run of prose
const ONE_PROSE =
  /\b(?:as |in )?(?:one|a single) (?:paragraph|block) of (?:continuous|flowing|running|plain) (?:prose|text)\b/;

export const LAYOUT_SUBJECTS: readonly OpposedSubject[] = [
  {
    subject: "bullet_count",
    visual: false,
    screen: /bullet|paragraph|block/,
    sides: [
      {
        value: "bullets",
        re: new RegExp(`${NOT_NEGATED}\\b${COUNT} (?:short |key )?bullet(?:ed)?(?:[ -]points?|s)\\b`, "g"),
      },
      {
        value: "no_bullets",
        re: new RegExp(
          `\\bno (?:[\\w-]+,? (?:and |or )?(?:no )?){0,2}bullet(?:[ -]points?|s)\\b|\\bwithout (?:any )?bullet(?:[ -]points?|s)\\b|${ONE_PROSE.source}`,
          "g",
        ),
        skip: PART_SCOPE,
      },
    ],
    message: [
      "asks for bullet points and for an answer without any",
      "Decide whether the answer has bullet points; if only one part may, say which.",
    ],
  },
  {
    subject: "headline",
    visual: false,
    screen: /headline/,
    sides: [
      {
        value: "headline",
        re: new RegExp(
          `(?:^|(?<=^\\s*(?:[-*•]|\\d+[.)])\\s*))(?:a )?headline (?:of|under|with|in) (?:max|at most|up to|no more than|fewer than|under|${COUNT})\\b|${NOT_NEGATED}\\b(?:start|begin|open) with (?:a|an) (?:[\\w-]+ )?headline\\b`,
          "g",
        ),
      },
      {
        value: "no_headline",
        re: /\bno headlines?\b|\bwithout (?:a |any )?headlines?\b/g,
        skip: PART_SCOPE,
      },
    ],
    message: ["asks for a headline and for no headline", "Decide whether the text opens with a headline."],
  },
];
