// The offline enhancer: restructures a prompt into labelled sections (role, task, context, input,
// constraints, output format, examples, success criteria) in the target model's preferred form. It keeps
// every sentence of the author's intent and every {{variable}}, deletes filler and repeats, turns a
// contradiction into an explicit choice, and inserts [fill in: …] placeholders for what only the author
// knows. It never writes new facts: every output sentence is an input sentence (possibly with words
// deleted) or one of the fixed SCAFFOLD strings (render.ts). parse.ts groups and cleans the author's
// sentences (clean.ts cleans one sentence), render.ts lays out the sections, this file decides what to add.

import { analyzeInternal } from "../analyze.js";
import type { Signals } from "../signals.js";
import type { EnhanceOptions, EnhanceVariant, Finding, Strategy, TargetLlm } from "../types.js";
import { STRATEGIES } from "../types.js";
import { type Parsed, parse } from "./parse.js";
import {
  criterionPlaceholder,
  emptySections,
  HEADINGS,
  materialText,
  ORDER,
  PLACEHOLDERS,
  render,
  type Section,
} from "./render.js";

export { PLACEHOLDERS, SCAFFOLD, SCAFFOLD_PATTERNS } from "./render.js";

function build(
  parsed: Parsed,
  sigIn: Signals,
  findings: Finding[],
  strategy: Strategy,
  target: TargetLlm,
): { text: string; added: string[] } {
  let sig = sigIn;
  const sections = emptySections();
  for (const u of [...parsed.units].sort((a, b) => a.order - b.order || 0)) {
    if (u.block) sections[u.section].push(materialText(u, target));
    else sections[u.section].push(u.text);
  }
  // choices come first in Constraints: they block everything else
  if (parsed.choices.length) sections.constraints.unshift(...parsed.choices);
  const added: string[] = [];
  // decide what is missing from the cleaned, sectioned prompt, not from the original (filler removed)
  const baseText = render(sections, target, false);
  const base = analyzeInternal(baseText);
  sig = base.sig;
  const baseFindings = base.result.findings;
  const has = (k: Finding["kind"]) =>
    baseFindings.some((f) => f.kind === k) ||
    (k === "ambiguous_reference" && findings.some((f) => f.kind === k));
  const slot = (sec: Section, line: string, what: string) => {
    if (sections[sec].some((l) => l.includes(line))) return;
    sections[sec].push(line);
    added.push(what);
  };
  if (has("ambiguous_reference") && sections.input.length === 0 && !sig.slotFor.has("input"))
    slot("input", PLACEHOLDERS.input, "the material the prompt refers to");
  if (strategy !== "clarity") {
    if (
      !sig.audience &&
      !sig.slotFor.has("audience") &&
      (sig.audienceSensitive || strategy === "comprehensive" || has("missing_audience_or_context"))
    )
      slot("context", PLACEHOLDERS.audience, "audience");
    if (!sig.format && !sig.length && !sig.slotFor.has("format"))
      slot("format", PLACEHOLDERS.format, "output format");
    if (sig.constraints.length === 0 && !sig.slotFor.has("constraints") && parsed.choices.length === 0)
      slot("constraints", PLACEHOLDERS.constraints, "constraints");
    if (has("missing_examples_for_format_heavy_task") && !sig.slotFor.has("examples"))
      slot("examples", PLACEHOLDERS.examples, "examples");
  }
  if (strategy !== "clarity") {
    // a judgement word with no criterion ("better", "good"): ask for the criterion, once per word
    const seen = new Set<string>();
    for (const f of baseFindings) {
      if (f.rule !== "PF104" || seen.size >= 3) continue;
      const sp = f.spans[0]!;
      const word = baseText.slice(sp.start, sp.end).toLowerCase();
      if (seen.has(word)) continue;
      seen.add(word);
      slot("success", criterionPlaceholder(word), `a criterion for "${word}"`);
    }
  }
  if (strategy === "comprehensive") {
    if (!sig.role && !sig.slotFor.has("role")) slot("role", PLACEHOLDERS.role, "role");
    // reasoning models do worse with few-shot examples: no examples slot for DeepSeek
    if (
      !sig.examples &&
      !sig.slotFor.has("examples") &&
      target !== "deepseek" &&
      sections.examples.length === 0
    )
      slot("examples", PLACEHOLDERS.examples, "examples");
    if (!sig.success && !sig.slotFor.has("success"))
      slot("success", PLACEHOLDERS.success, "success criteria");
  }
  const inputWords = sections.input.join(" ").split(/\s+/).length;
  return { text: render(sections, target, target === "claude" && inputWords > 300), added };
}

function variant(
  strategy: Strategy,
  enhanced: string,
  before: number,
  changes: string[],
  target: TargetLlm,
): EnhanceVariant {
  const analysis = analyzeInternal(enhanced, { targetLlm: target }).result;
  const after = analysis.scores.overall;
  const improvement =
    before === 0 ? (after === 0 ? 0 : 100) : Math.round(((after - before) / before) * 1000) / 10;
  return {
    strategy,
    enhanced_text: enhanced,
    analysis,
    before_score: before,
    after_score: after,
    improvement_percent: improvement,
    changes,
  };
}

const STRONGER: Record<Strategy, Strategy[]> = {
  clarity: ["clarity", "specificity", "comprehensive"],
  specificity: ["specificity", "comprehensive"],
  comprehensive: ["comprehensive"],
};

/** Rewrites a prompt with one strategy. Never returns a prompt that scores lower than the original. */
export function enhance(text: string, opts: EnhanceOptions = {}): EnhanceVariant {
  const strategy = opts.strategy ?? "comprehensive";
  const target = opts.targetLlm ?? "generic";
  const original = analyzeInternal(text, { targetLlm: target });
  const before = original.result.scores.overall;
  const parsed = parse(original.doc, original.sig, original.result.findings);
  const alreadySectioned = parsed.hasSections || original.sig.sections >= 2;
  if (!parsed.units.some((u) => !u.text.startsWith("[fill in:"))) {
    // nothing of the author's is left to structure (e.g. the prompt was only jailbreak phrasing)
    return variant(
      strategy,
      text,
      before,
      ["No changes: nothing in the prompt could be kept as an instruction."],
      target,
    );
  }

  let best: { text: string; added: string[]; score: number; used: Strategy } | null = null;
  // when the chosen strategy does not lift the score, the next stronger one adds the missing slots
  const ladder = alreadySectioned ? [strategy] : STRONGER[strategy];
  for (const s of ladder) {
    const built = build(parsed, original.sig, original.result.findings, s, target);
    const score = analyzeInternal(built.text, { targetLlm: target }).result.scores.overall;
    if (!best || score > best.score) best = { ...built, score, used: s };
    if (score > before || before >= 80) break;
  }
  if (!best || best.score < before || best.text.trim() === "") {
    return variant(
      strategy,
      text,
      before,
      ["No changes: restructuring would not improve this prompt."],
      target,
    );
  }
  const changes = [...parsed.changes];
  const unitsSections = [...new Set(parsed.units.map((u) => u.section))];
  if (!alreadySectioned)
    changes.unshift(
      `Organised the prompt into labelled sections (${ORDER.filter((s) => unitsSections.includes(s))
        .map((s) => HEADINGS[s])
        .join(", ")})`,
    );
  if (parsed.units.some((u) => u.block)) changes.push("Kept the pasted material verbatim in its own section");
  if (best.added.length) changes.push(`Added placeholders to fill in: ${best.added.join(", ")}`);
  if (target === "claude") changes.push("Used XML tags for the sections, as Claude prefers");
  else if (target === "gemini")
    changes.push("Put the role and standing rules under system instructions, as Gemini prefers");
  return variant(strategy, best.text, before, changes, target);
}

/** One variant per strategy (clarity, specificity, comprehensive). */
export function enhanceAll(text: string, opts: EnhanceOptions = {}): EnhanceVariant[] {
  return STRATEGIES.map((strategy) => enhance(text, { ...opts, strategy }));
}
