// The learner's work finished for them, as a subject of the opposed-directives table: a tutor told not to
// hand over the corrected version or the complete solution ("Do not provide a corrected version of any
// sentence", "Don't hand over complete solutions") and also to give it ("End every reply with a fully
// rewritten version of the paragraph", "Always include the full corrected program at the top"). The
// table's case handling applies: "give the full solution once the student has tried twice" is a case.
import { notNegated, type OpposedSubject } from "./opposed-subject.js";

const NEG = "(?:never|do not|don't|must not|should not|shouldn't|cannot|can't|may not)";
const NOT_NEGATED = notNegated(3);
const HAND = "(?:give|provide|write|hand over|hand out|hand|show|share|supply|produce|offer|paste|post)";
// a finished piece of the learner's own work: a corrected or rewritten version, a complete solution
const FINISHED =
  "(?:(?:full|fully|complete|completely|whole|finished|ready-made|working|final)\\s+)?(?:corrected|rewritten|revised|fixed|model)\\s+(?:version|sentence|paragraph|text|essay|draft|program|code|solution)s?|(?:full|complete|finished|ready-made|working|whole)\\s+(?:solutions?|(?:corrected\\s+)?programs?|answers? to (?:the |their |an |any )?(?:exercises?|assignments?|homework))";

export const FINISHED_WORK_SUBJECTS: readonly OpposedSubject[] = [
  {
    subject: "finished_work",
    visual: false,
    screen: /correct|rewrit|revis|fixed|model|solution|program/,
    sides: [
      {
        value: "withhold_work",
        re: new RegExp(
          `\\b${NEG}\\s+(?:ever\\s+)?(?:directly\\s+|just\\s+)?${HAND}\\s+(?:(?:them|the (?:student|learner|user|writer))\\s+)?(?:(?:a|an|the|any)\\s+)?(?:${FINISHED})\\b`,
          "g",
        ),
      },
      {
        value: "give_work",
        re: new RegExp(
          `${NOT_NEGATED}\\b(?:include|give|provide|write|show|add|append|put|end (?:every|each|your|the) (?:reply|answer|response|message|feedback) with|finish with|close with|start with|begin with|open with)\\s+(?:(?:them|the (?:student|learner|user))\\s+)?(?:a|an|the)\\s+(?:${FINISHED})\\b`,
          "g",
        ),
      },
    ],
    message: [
      "asks not to hand over the finished work and also to include it",
      "Decide whether the learner gets the corrected version; if only sometimes, say when (after an attempt, on request).",
    ],
  },
];
