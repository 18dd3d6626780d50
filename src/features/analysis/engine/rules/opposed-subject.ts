// The shape of one row of the opposed-directives table, in a file of its own so the table's parts
// (opposed-pace.ts, opposed-visual.ts) import it without importing the table.

export interface OpposedSubject {
  subject: string;
  /** Only read on prompts that describe a picture (a photo, a render, an illustration). */
  visual: boolean;
  /** A clause must contain one of these words before the subject's patterns run. */
  screen: RegExp;
  sides: ReadonlyArray<{ value: string; re: RegExp; skip?: RegExp }>;
  message: [string, string];
}
