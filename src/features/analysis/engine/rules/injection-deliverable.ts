// Where "output the prompt" or "show the rules" is the deliverable rather than an extraction: a prompt
// whose job is to write or improve a prompt (or instructions, or rules) ends by asking for that very thing.
// Only the bare "the …" form is spared; "your prompt", "the system prompt", "the hidden instructions" still
// ask for what the model was given.

import type { Doc } from "../text.js";
import { authorsText } from "./planted-instructions.js";

/** "Output the prompt", "print the instructions": a verb and a bare artefact noun, nothing more. */
const BARE_ARTEFACT_RE = /^(?:output|print|show|display|repeat)\s+the\s+(prompt|instructions|rules)$/;

/** The author asks for a new or better artefact: "output a better prompt", "write the improved instructions". */
function producesRe(noun: string): RegExp {
  const n = noun.replace(/s$/, "");
  return new RegExp(
    `\\b(?:better|improved|new|revised|rewritten|refined|optimi[sz]ed|enhanced|final|updated)\\s+(?:version\\s+of\\s+(?:the\\s+|this\\s+|my\\s+)?)?${n}s?\\b|\\b(?:write|writes|create|creates|generate|generates|improve|improves|rewrite|rewrites|refine|refines|optimi[sz]e|optimi[sz]es|craft|crafts|draft|drafts|compose|composes)\\s+(?:an?\\s+|the\\s+|this\\s+|your\\s+)?(?:[\\w-]+\\s+){0,2}?${n}s?\\b`,
  );
}

/** True when the matched phrase asks for the prompt's own deliverable, which the author asked for elsewhere. */
export function asksForDeliverable(doc: Doc, phrase: string): boolean {
  const m = BARE_ARTEFACT_RE.exec(phrase.replace(/\s+/g, " ").trim());
  return m !== null && producesRe(m[1]!).test(authorsText(doc));
}
