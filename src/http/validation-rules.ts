// Validation rules in words. A string schema may carry `x-rule`, a sentence that follows the field's
// name ("must be 3–32 characters long, …"): when any of the field's shape checks fails, the error
// details show that sentence once instead of the validator's phrasing and its regular expression.
export const RULE_KEYWORD = "x-rule";

/** The checks an `x-rule` sentence stands for. */
export const SHAPE_KEYWORDS = new Set(["pattern", "minLength", "maxLength", "format"]);

/** Teaches AJV's strict mode that `x-rule` is an annotation, not a check. */
export function ruleKeyword<A extends { addKeyword(keyword: string): A }>(ajv: A): A {
  return ajv.addKeyword(RULE_KEYWORD);
}
