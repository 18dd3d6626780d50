// The offline rule set: each rule reads the tokenised prompt and its signals and reports findings with
// exact spans. RULES is the public catalogue (docs, SARIF); rule ids are stable.

import {
  BUZZWORDS,
  EFFUSIVE_CUES,
  EFFUSIVE_RE,
  HEDGES,
  HYPE_WORDS,
  SOFT_FLUFF,
  STRONG_FLUFF,
  VAGUE_QUANTIFIER_PHRASES,
} from "./lexicon.js";
import { compilePhrases, matchPhrases } from "./phrases.js";
import { RULES, type RuleInfo } from "./rules/catalogue.js";
import type { RuleContext } from "./rules/context.js";
import { FOREIGN_WITHHELD_CONTRADICTIONS } from "./rules/contradiction-foreign-withheld.js";
import { DEMOTED_RULES, HINT_KINDS, HINT_RULES } from "./rules/demotions.js";
import { duplicates } from "./rules/duplicates.js";
import { CHATTER, CORPORATE_HYPE, DIGRESSIONS, filler } from "./rules/filler.js";
import { foreignContext } from "./rules/foreign-context.js";
import { FOREIGN_CONTRADICTIONS } from "./rules/foreign-contradictions.js";
import { foreignExamples } from "./rules/foreign-examples.js";
import { foreignFiller } from "./rules/foreign-filler.js";
import { foreignRepeats } from "./rules/foreign-repeats.js";
import { foreignVague } from "./rules/foreign-vague.js";
import { missingExamples } from "./rules/format-examples.js";
import { REGISTERED_RULES } from "./rules/index.js";
import { MISSING_MATERIAL } from "./rules/material.js";
import { missingAudience, missingFormat } from "./rules/missing-context.js";
import { multipleTasks } from "./rules/multiple-tasks.js";
import { dropFindingsInsideInjection, noTask } from "./rules/no-task.js";
import { ambiguousReferences } from "./rules/references.js";
import { injections } from "./rules/safety.js";
import { unresolvedPronouns } from "./rules/shared-history.js";
import { templateVariables } from "./rules/template-variables.js";
import { vagueWords } from "./rules/vague.js";
import type { Signals } from "./signals.js";
import { type Doc, MASK_INSTRUCTION, matchesOf, TOKEN_WORD } from "./text.js";
import type { Finding, FindingKind, Span } from "./types.js";
import type { Understanding } from "./understand.js";

export { RULES, type RuleInfo } from "./rules/catalogue.js";
export type { RuleContext } from "./rules/context.js";

/** Every rule, core and registered, for docs and SARIF, with the severity it reports at. */
export const ALL_RULES: readonly RuleInfo[] = [
  ...RULES,
  ...REGISTERED_RULES.map(({ id, kind, severity, description }) => ({ id, kind, severity, description })),
]
  .map((r) => (isHint(r.kind, r.id) ? { ...r, severity: "hint" as const } : r))
  .sort((a, b) => (a.id < b.id ? -1 : 1));

function isHint(kind: FindingKind, rule: string): boolean {
  return HINT_KINDS.has(kind) || HINT_RULES.has(rule) || DEMOTED_RULES.has(rule);
}

function demote(findings: Finding[]): void {
  for (const f of findings) if (isHint(f.kind, f.rule)) f.severity = "hint";
}

/** All phrase lexicons in one matcher: one pass over the tokens finds every list's phrases. */
const PHRASES = compilePhrases({
  fluff: STRONG_FLUFF,
  hedges: HEDGES,
  buzz: BUZZWORDS,
  soft: SOFT_FLUFF,
  vague: VAGUE_QUANTIFIER_PHRASES,
  digression: DIGRESSIONS,
  chatter: CHATTER,
  corporate: CORPORATE_HYPE,
});

function phraseSpans(doc: Doc): Omit<RuleContext, "doc" | "sig" | "partial"> {
  const m = matchPhrases(doc, PHRASES);
  const hype: Span[] = [];
  for (const t of doc.tokens)
    if (t.type === TOKEN_WORD && t.mask === MASK_INSTRUCTION && HYPE_WORDS.has(t.lower))
      hype.push({ start: t.start, end: t.end });
  const effusive: Span[] = [];
  const lower = doc.instructionLower;
  if (EFFUSIVE_CUES.some((c) => lower.includes(c))) {
    EFFUSIVE_RE.lastIndex = 0;
    for (const x of matchesOf(lower, EFFUSIVE_RE))
      effusive.push({ start: x.index, end: x.index + x[0].length });
  }
  return {
    hype,
    effusive,
    fluff: m.fluff ?? [],
    hedges: m.hedges ?? [],
    buzz: m.buzz ?? [],
    soft: m.soft ?? [],
    vague: m.vague ?? [],
    digression: m.digression ?? [],
    chatter: m.chatter ?? [],
    corporate: m.corporate ?? [],
  };
}

export function runRules(
  doc: Doc,
  sig: Signals,
  understanding: Pick<Understanding, "coverage"> & Partial<Pick<Understanding, "language">> = {
    coverage: "full",
  },
): { findings: Finding[]; ctx: RuleContext } {
  const ctx: RuleContext = {
    doc,
    sig,
    ...phraseSpans(doc),
    partial: understanding.coverage === "partial",
    language: understanding.language,
  };
  const findings: Finding[] = [];
  if (understanding.coverage === "partial") {
    // English word lists would misread other languages: only the language-neutral rules run, and "no
    // task" where task understanding found none in any language (a bare list of noun phrases)
    // (noTask itself returns when a task was found, unless the prompt is only a pasted record or chat)
    if (doc.text.trim() !== "") noTask(ctx, findings);
    injections(ctx, findings);
    templateVariables(ctx, findings);
    // material pointed at and missing is read in the languages the rule lists too
    findings.push(...MISSING_MATERIAL.check(ctx));
    // and the answer's language and length, read in the seven languages that rule lists
    findings.push(...FOREIGN_CONTRADICTIONS.check(ctx));
    findings.push(...FOREIGN_WITHHELD_CONTRADICTIONS.check(ctx));
    // and what needs no English reading: a sentence said twice, and pleasantries and hype written in
    // French, Spanish, German, Portuguese or Italian
    foreignRepeats(ctx, findings);
    foreignFiller(ctx, findings);
    // and vague words in a short request, in the twelve languages that rule lists
    foreignVague(ctx, findings);
    // and a format or style of the author's own named and never shown
    foreignExamples(ctx, findings);
    // and an answer's form and reader left unsaid, read in the languages that rule lists
    foreignContext(ctx, findings);
    findings.push(...unresolvedPronouns(findings));
    demote(findings);
    findings.sort(
      (a, b) => (a.spans[0]?.start ?? 0) - (b.spans[0]?.start ?? 0) || (a.rule < b.rule ? -1 : 1),
    );
    return { findings, ctx };
  }
  noTask(ctx, findings);
  ambiguousReferences(ctx, findings);
  vagueWords(ctx, findings);
  missingFormat(ctx, findings);
  missingAudience(ctx, findings);
  missingExamples(ctx, findings);
  filler(ctx, findings);
  duplicates(ctx, findings);
  multipleTasks(ctx, findings);
  injections(ctx, findings);
  templateVariables(ctx, findings);
  for (const rule of REGISTERED_RULES) findings.push(...rule.check(ctx));
  dropFindingsInsideInjection(doc, findings);
  findings.push(...unresolvedPronouns(findings));
  demote(findings);
  findings.sort(
    (a, b) =>
      (a.spans[0]?.start ?? 0) - (b.spans[0]?.start ?? 0) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
  return { findings, ctx };
}

// ── contradictions ────────────────────────────────────────────────────────────────────────────────

// ── filler ───────────────────────────────────────────────────────────────────────────────────────
// ── duplicates ───────────────────────────────────────────────────────────────────────────────────
// ── multiple unrelated tasks ─────────────────────────────────────────────────────────────────────
