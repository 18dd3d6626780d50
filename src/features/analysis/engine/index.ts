// The offline prompt analysis engine: analyze() scores a prompt and explains why, enhance() rewrites it
// into labelled sections for the target model. Deterministic (no clock, no randomness) and linear in the
// prompt's length.

export { analyze, ENGINE_VERSION } from "./analyze.js";
export {
  enhance,
  enhanceAll,
  PLACEHOLDERS,
  SCAFFOLD,
  SCAFFOLD_PATTERNS,
  TECHNIQUE_LINES,
} from "./enhance/index.js";
export { ALL_RULES as RULES, type RuleInfo } from "./rules.js";
export { INJECTION_CAP, NO_TASK_CAP, SCORE_WEIGHTS } from "./score.js";
export * from "./types.js";
