// The offline enhancer: rewrites a prompt from what the analysis found. A short prompt is regrouped into
// labelled sections (role, task, context, input, constraints, output format, examples, success criteria)
// in the target model's preferred form; a system prompt, an organised or long prompt, an image
// description and a prompt in a language the rules do not cover keep their own lines, and only what is
// missing is added. It keeps every sentence of the author's intent and every {{variable}}, deletes filler,
// repeats and injected instructions, turns a contradiction into an explicit choice, and inserts
// [fill in: …] placeholders for what only the author knows — never for what the prompt already provides.
// It never writes new facts: every output sentence is an input sentence (possibly with words deleted) or
// one of the fixed SCAFFOLD strings. parse.ts groups and cleans the author's sentences (clean.ts cleans
// and splits one sentence), needs.ts says what is already provided, render.ts holds the scaffold and lays
// out the sections, this file decides what each strategy adds.

import { type AnalysisInternals, analyzeInternal } from "../analyze.js";
import { normaliseBreaks, restoreOffsets } from "../line-breaks.js";
import { MASK_INSTRUCTION } from "../text.js";
import type { EnhanceOptions, EnhanceVariant, Finding, Strategy, TargetLlm } from "../types.js";
import { STRATEGIES } from "../types.js";
import { isBehaviourSpec, type Need, providedNeeds } from "./needs.js";
import { injectionCuts, type Parsed, parse } from "./parse.js";
import {
  appendTo,
  criterionPlaceholder,
  emptySections,
  HEADINGS,
  materialText,
  ORDER,
  PLACEHOLDERS,
  render,
  type Section,
  type Sections,
  TAGS,
  TECHNIQUE_LINES,
} from "./render.js";

export { PLACEHOLDERS, SCAFFOLD, SCAFFOLD_PATTERNS, TECHNIQUE_LINES } from "./render.js";

/** The author's sections before anything is added, and what the engine says about them. */
interface Base {
  /** "restructure": the author's sentences regrouped into sections; "keep": the author's text as written. */
  mode: "restructure" | "keep";
  sections: Sections;
  text: string;
  analysis: AnalysisInternals;
  /** What kind of request the original is (understand.ts). */
  taskForm: string | null;
  /** Findings on the author's original text (spans into it). */
  originalFindings: Finding[];
  provided: Set<Need>;
}

// Words the criterion placeholders never ask about: a list closer is not an undefined amount.
const NO_CRITERION = /^(?:etc\.?|and so on|and more|or so)$/i;

const REASONING_ADDED = "a request to reason step by step";
const DEFENCE_ADDED = "a defence against instructions inside the material";
const TECHNIQUE_ADDITIONS = new Set([REASONING_ADDED, DEFENCE_ADDED]);

// Claude's section tags are structure, not material (its <input> section is material)
const SECTION_TAGS = new Set(ORDER.filter((s) => s !== "input").map((s) => TAGS[s]));

/** Pasted material in a kept prompt: a block that is not one of the enhancer's own section tags. */
function hasMaterial(doc: AnalysisInternals["doc"]): boolean {
  return doc.blocks.some((b) => {
    if (b.kind === "tag" && SECTION_TAGS.has(b.name)) return false;
    // a block holding only a placeholder is a request for material, not material
    const inner = doc.text
      .slice(b.start, b.end)
      .replace(/<\/?[\w-]+>|"""/g, "")
      .trim();
    return !/^\[fill in:[^\]]*\]$/.test(inner);
  });
}

function baseOf(parsed: Parsed, original: AnalysisInternals, target: TargetLlm): Base {
  const sections = emptySections();
  for (const u of [...parsed.units].sort((a, b) => a.order - b.order || 0)) {
    if (u.block) sections[u.section].push(materialText(u, target));
    else sections[u.section].push(u.text);
  }
  // choices come first in Constraints: they block everything else
  if (parsed.choices.length) sections.constraints.unshift(...parsed.choices);
  // decide what is missing from the cleaned, sectioned prompt as well as the original (filler removed)
  const text = render(sections, target, false);
  const analysis = analyzeInternal(text);
  // the signals of the sectioned text only: a requirement moved into a choice provides nothing yet
  const provided = providedNeeds([original.doc, analysis.doc], [analysis.sig], [analysis.result.checklist]);
  return {
    mode: "restructure",
    sections,
    text,
    analysis,
    taskForm: original.understanding.taskForm,
    originalFindings: original.result.findings,
    provided,
  };
}

/**
 * A system prompt, or a prompt the author already organised, is kept as written: every rule stays on
 * its line, in its place. Only a line repeated word for word is dropped; what is missing is appended.
 */
function keptOf(original: AnalysisInternals): { base: Base; changes: string[] } {
  const { doc } = original;
  const seen = new Set<string>();
  const kept: string[] = [];
  const changes: string[] = [];
  // injected instructions that count are cut out (the author's own jailbreak phrasing, PF601); one read
  // inside pasted material (PF602) is a hint, too often a heading or a speaker label of the author's, so it
  // stays, and the analysis shows it
  const cuts = injectionCuts(doc, original.result.findings);
  for (const c of cuts)
    changes.push(
      c.material
        ? `Removed an injected instruction from the pasted material: "${doc.text.slice(c.start, c.end)}"`
        : `Removed jailbreak phrasing: "${doc.text.slice(c.start, c.end)}"`,
    );
  let pos = 0;
  for (const line of doc.text.split("\n")) {
    const at = pos;
    const end = at + line.length;
    pos = end + 1;
    let out = "";
    let p = at;
    for (const c of cuts) {
      if (c.end <= at || c.start >= end) continue;
      out += doc.text.slice(p, Math.max(c.start, at));
      p = Math.max(p, Math.min(c.end, end));
    }
    out += doc.text.slice(p, end);
    if (out !== line) {
      // a line that was only the injected sentence goes; otherwise close the gap it left
      if (/^\s*(?:(?:[-*•]|\d+[.)])\s*)?[.!?]?\s*$/.test(out)) continue;
      out = out.replace(/[ \t]{2,}/g, " ").trimEnd();
    }
    const body = out.trim().replace(/^(?:[-*•]|\d+[.)])\s+/, "");
    // only the author's instructions, long enough to be a rule rather than a label or a list value
    if (body.length >= 20 && doc.mask[at + line.search(/\S/)] === MASK_INSTRUCTION) {
      if (seen.has(body)) {
        changes.push(`Removed a repeated instruction: "${body}"`);
        continue;
      }
      seen.add(body);
    }
    kept.push(out);
  }
  const text = kept.join("\n").trimEnd();
  const analysis = changes.length ? analyzeInternal(text) : original;
  const provided = providedNeeds([analysis.doc], [analysis.sig], [analysis.result.checklist]);
  return {
    base: {
      mode: "keep",
      sections: emptySections(),
      text,
      analysis,
      taskForm: original.understanding.taskForm,
      originalFindings: original.result.findings,
      provided,
    },
    changes,
  };
}

/**
 * What one strategy adds to the author's sections. Each addition answers something the analysis found
 * missing and applicable, and none asks for what the prompt already provides (see needs.ts):
 * - clarity: the material an unclear reference points at, a measurable criterion for each vague
 *   quantifier or judgement word, and the output format and success criteria when missing;
 * - specificity: clarity's, plus the audience where it matters, constraints, examples for a
 *   format-heavy task and a request to reason step by step on a multi-step task;
 * - comprehensive: specificity's, plus a role, examples, success criteria, and a defence against
 *   instructions hidden in the material.
 */
function build(base: Base, strategy: Strategy, target: TargetLlm): { text: string; added: string[] } {
  const sections: Sections = emptySections();
  for (const s of ORDER) sections[s] = [...base.sections[s]];
  const { sig, techniques } = base.analysis;
  const findings = base.analysis.result.findings;
  const provided = base.provided;
  const added: string[] = [];
  // on a kept prompt only the findings that count: a hint there is too often a false alarm
  const counts = (f: Finding) => f.severity !== "hint" || base.mode === "restructure";
  const has = (k: Finding["kind"]) =>
    findings.some((f) => f.kind === k && counts(f)) ||
    base.originalFindings.some((f) => f.kind === k && counts(f));
  const slot = (sec: Section, line: string, what: string) => {
    // a kept prompt (its sections stay empty) may already hold the line from an earlier enhancement
    if (sections[sec].some((l) => l.includes(line)) || (base.mode === "keep" && base.text.includes(line)))
      return;
    sections[sec].push(line);
    added.push(what);
  };
  const stronger = strategy !== "clarity";
  const full = strategy === "comprehensive";

  if (
    (has("ambiguous_reference") || has("missing_referenced_material")) &&
    sections.input.length === 0 &&
    base.mode === "restructure" &&
    !provided.has("input")
  )
    slot("input", PLACEHOLDERS.input, "the material the prompt refers to");

  // vague quantifiers ("a few", "some") and judgement words ("good", "better"): ask for the criterion,
  // once per word, at most three of each; quantifiers are limits (constraints), judgements are criteria
  const seen = new Set<string>();
  let quantifiers = 0;
  let judgements = 0;
  for (const f of findings) {
    if (f.kind !== "vague_quantifier" || !counts(f)) continue;
    const sp = f.spans[0]!;
    const word = base.text.slice(sp.start, sp.end);
    const key = word.toLowerCase();
    if (seen.has(key) || NO_CRITERION.test(word)) continue;
    const judgement = f.rule === "PF104";
    if (judgement ? judgements >= 3 : quantifiers >= 3) continue;
    seen.add(key);
    if (judgement) judgements++;
    else quantifiers++;
    slot(judgement ? "success" : "constraints", criterionPlaceholder(word), `a criterion for "${word}"`);
  }

  // the engine's format rule is English-only: in another language an unstated format is missing too
  // (and it does not apply to a description for an image model, whose output is a picture)
  const partial = base.analysis.result.coverage === "partial";
  const image = base.taskForm === "image";
  // the format finding is raised only where a reviewer would (labelling guide); a rewrite still offers a
  // format slot to any open-ended deliverable with no stated form ("a speech for a school assembly")
  const openEnded = sig.openGenerative && !sig.transformOnly && !sig.format && !sig.length;
  if (!provided.has("format") && (has("missing_output_format") || openEnded || stronger || partial || image))
    slot("format", image ? PLACEHOLDERS.imageFormat : PLACEHOLDERS.format, "output format");
  if (!provided.has("success") && (full || (sig.openGenerative && !sig.transformOnly)))
    slot("success", PLACEHOLDERS.success, "success criteria");

  if (stronger) {
    // a kept prompt (a system prompt above all) gets an audience slot only when the engine asks for it
    const wantsAudience =
      has("missing_audience_or_context") || (base.mode === "restructure" && (sig.audienceSensitive || full));
    if (!provided.has("audience") && wantsAudience) slot("context", PLACEHOLDERS.audience, "audience");
    if (!provided.has("constraints") && base.sections.constraints.length === 0)
      slot("constraints", PLACEHOLDERS.constraints, "constraints");
    if (has("missing_examples_for_format_heavy_task") && !provided.has("examples"))
      slot("examples", PLACEHOLDERS.examples, "examples");
    if (techniques.reasoning.applicable && !techniques.reasoning.present)
      slot("constraints", TECHNIQUE_LINES.reasoning, REASONING_ADDED);
  }
  if (full) {
    if (!provided.has("role")) slot("role", PLACEHOLDERS.role, "role");
    // reasoning models do worse with few-shot examples: no examples slot for DeepSeek
    if (!provided.has("examples") && target !== "deepseek" && sections.examples.length === 0)
      slot("examples", PLACEHOLDERS.examples, "examples");
    if (
      (base.mode === "keep" ? hasMaterial(base.analysis.doc) : base.sections.input.length > 0) &&
      techniques.injection_defence.applicable &&
      !techniques.injection_defence.present
    )
      slot("constraints", TECHNIQUE_LINES.defence, DEFENCE_ADDED);
  }
  if (base.mode === "keep") {
    // additions go into the author's own sections, or after the text as headed sections (tags for
    // Claude): never a second system block
    return { text: appendTo(base.text, sections, target), added };
  }
  const inputWords = sections.input.join(" ").split(/\s+/).length;
  return { text: render(sections, target, target === "claude" && inputWords > 300), added };
}

function variant(
  strategy: Strategy,
  enhanced: string,
  before: number,
  changes: string[],
  analysis: EnhanceVariant["analysis"],
): EnhanceVariant {
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
export function enhance(given: string, opts: EnhanceOptions = {}): EnhanceVariant {
  // rewritten with "\n" line breaks, so the original's spans and document read the same text; a prompt left
  // as it was comes back as sent, its analysis pointing into it
  const breaks = normaliseBreaks(given);
  const text = breaks.text;
  const strategy = opts.strategy ?? "comprehensive";
  const target = opts.targetLlm ?? "generic";
  const original = analyzeInternal(text, { targetLlm: target });
  const before = original.result.scores.overall;
  const unchanged = (why: string) => {
    const analysis = structuredClone(original.result);
    restoreOffsets(analysis, breaks, given);
    return variant(strategy, given, before, [why], analysis);
  };
  const parsed = parse(original.doc, original.sig, original.result.findings);
  const alreadySectioned = parsed.hasSections || original.sig.sections >= 2;
  if (!parsed.units.some((u) => !u.text.startsWith("[fill in:"))) {
    // nothing of the author's is left to structure (e.g. the prompt was only jailbreak phrasing)
    return unchanged("No changes: nothing in the prompt could be kept as an instruction.");
  }

  // a system prompt or a long, organised prompt keeps its own lines; a short one is regrouped
  const keep =
    // English-only rules did not run on a prompt in another language: its sentences are not regrouped
    alreadySectioned ||
    original.result.coverage === "partial" ||
    // a description for an image or video model is one piece: headings would only split it up
    original.understanding.taskForm === "image" ||
    isBehaviourSpec(original.doc, original.understanding.taskForm) ||
    original.sig.instructionSentences > 15;
  const kept = keep ? keptOf(original) : null;
  if (kept && kept.base.text.trim() === "")
    return unchanged("No changes: nothing in the prompt could be kept as an instruction.");
  const base = kept ? kept.base : baseOf(parsed, original, target);
  let best: {
    text: string;
    added: string[];
    analysis: EnhanceVariant["analysis"];
    used: Strategy;
  } | null = null;
  // when the chosen strategy does not lift the score, the next stronger one adds the missing slots
  const ladder = alreadySectioned ? [strategy] : STRONGER[strategy];
  // a step that adds nothing new gives a text already analysed: analyse each text once
  const analysed = new Map<string, EnhanceVariant["analysis"]>([[text, original.result]]);
  for (const s of ladder) {
    const built = build(base, s, target);
    const analysis = analysed.get(built.text) ?? analyzeInternal(built.text, { targetLlm: target }).result;
    analysed.set(built.text, analysis);
    const score = analysis.scores.overall;
    if (!best || score > best.analysis.scores.overall) best = { ...built, analysis, used: s };
    if (score > before || before >= 80) break;
  }
  if (!best || best.analysis.scores.overall < before || best.text.trim() === "")
    return unchanged("No changes: restructuring would not improve this prompt.");
  if (best.text === text) return unchanged("No changes: the prompt already has what this strategy adds.");
  const changes = kept ? [...kept.changes] : [...parsed.changes];
  const unitsSections = [...new Set(parsed.units.map((u) => u.section))];
  if (kept) changes.unshift("Kept the prompt's own lines and order: every rule stays as written");
  else if (!alreadySectioned)
    changes.unshift(
      `Organised the prompt into labelled sections (${ORDER.filter((s) => unitsSections.includes(s))
        .map((s) => HEADINGS[s])
        .join(", ")})`,
    );
  if (!kept && parsed.units.some((u) => u.block))
    changes.push("Kept the pasted material verbatim in its own section");
  const lines = best.added.filter((a) => TECHNIQUE_ADDITIONS.has(a));
  const slots = best.added.filter((a) => !TECHNIQUE_ADDITIONS.has(a));
  if (slots.length) changes.push(`Added placeholders to fill in: ${slots.join(", ")}`);
  if (best.used !== strategy)
    changes.push(
      `The ${strategy} changes alone would not raise the score: added what the ${best.used} strategy adds`,
    );
  if (lines.length) changes.push(`Added what the vendors' guides recommend: ${lines.join(", ")}`);
  if (kept) {
    // the author's layout stays; nothing about the target's preferred form applies to it
  } else if (target === "claude") changes.push("Used XML tags for the sections, as Claude prefers");
  else if (target === "gemini")
    changes.push("Put the role and standing rules under system instructions, as Gemini prefers");
  return variant(strategy, best.text, before, changes, best.analysis);
}

/** One variant per strategy (clarity, specificity, comprehensive). */
export function enhanceAll(text: string, opts: EnhanceOptions = {}): EnhanceVariant[] {
  return STRATEGIES.map((strategy) => enhance(text, { ...opts, strategy }));
}
