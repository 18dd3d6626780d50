// The shape of one row of the opposed-directives table, and the negation guard its rows' patterns share,
// in a file of its own so the table's parts (opposed-pace.ts, opposed-visual.ts) import them without
// importing the table.

export interface OpposedSubject {
  subject: string;
  /** Only read on prompts that describe a picture (a photo, a render, an illustration). */
  visual: boolean;
  /** A clause must contain one of these words before the subject's patterns run. */
  screen: RegExp;
  sides: ReadonlyArray<{ value: string; re: RegExp; skip?: RegExp }>;
  message: [string, string];
}

/**
 * What goes before a side's pattern so that a negated demand is not read as one: no "not", "never",
 * "without" … within `within` words before it ("do not use Markdown", "never add emojis"). `word` is what
 * counts as one word in between.
 */
export function notNegated(within: number, word = "[\\w-]+"): string {
  return `(?<!(?:not|n't|never|no|without|avoid)\\s(?:${word}\\s){0,${within}})`;
}
