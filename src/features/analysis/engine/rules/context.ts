// What every rule reads: the tokenised prompt, its signals and the phrase spans found once per prompt.
import type { Signals } from "../signals.js";
import type { Doc } from "../text.js";
import type { Span } from "../types.js";

export interface RuleContext {
  doc: Doc;
  sig: Signals;
  /** Spans of politeness fluff and hedges (pronouns inside them are not references). */
  fluff: Span[];
  hedges: Span[];
  buzz: Span[];
  soft: Span[];
  vague: Span[];
}
