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
  /** Hype words outside the buzzword list, and effusive thanks and apologies (filler and padding). */
  hype: Span[];
  effusive: Span[];
  /** The writer owning up to a digression, chatter markers, corporate hype words (filler.ts lists). */
  digression: Span[];
  chatter: Span[];
  corporate: Span[];
  /** True when the prompt's language is one the English rules do not cover (only neutral rules run). */
  partial?: boolean;
  /** The instructions' language (ISO 639-1, "und" when too short to tell), when task understanding ran. */
  language?: string;
}
