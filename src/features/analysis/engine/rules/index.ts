// The rule registry: every rule written in the registry shape, run as one list after the core rules.
import { CHANNEL_CONTRADICTIONS } from "./contradiction-channel.js";
import { EXTENT_CONTRADICTIONS } from "./contradiction-extent.js";
import { FOREIGN_WITHHELD_CONTRADICTIONS } from "./contradiction-foreign-withheld.js";
import { TOOL_CONTRADICTIONS } from "./contradiction-tools.js";
import { WITHHELD_CONTRADICTIONS } from "./contradiction-withheld.js";
import { CONTRADICTION_RULES } from "./contradictions.js";
import { FOREIGN_CONTRADICTIONS } from "./foreign-contradictions.js";
import { MISSING_MATERIAL } from "./material.js";
import { RESTATED_CONSTRAINT } from "./restated.js";
import { RESTRICTED_TWICE } from "./restricted.js";
import type { Rule } from "./rule.js";
import { SHARED_HISTORY } from "./shared-history.js";
import { UNRELATED_REQUESTS } from "./unrelated.js";

export const REGISTERED_RULES: readonly Rule[] = [
  MISSING_MATERIAL,
  SHARED_HISTORY,
  RESTATED_CONSTRAINT,
  RESTRICTED_TWICE,
  UNRELATED_REQUESTS,
  ...CONTRADICTION_RULES,
  TOOL_CONTRADICTIONS,
  EXTENT_CONTRADICTIONS,
  WITHHELD_CONTRADICTIONS,
  CHANNEL_CONTRADICTIONS,
  FOREIGN_WITHHELD_CONTRADICTIONS,
  FOREIGN_CONTRADICTIONS,
];
export type { Rule } from "./rule.js";
