// Multiple unrelated tasks (PF501): requests bundled in one prompt that share no subject.

import type { Doc } from "../text.js";
import type { Finding } from "../types.js";
import { finding, quote } from "./catalogue.js";
import type { RuleContext } from "./context.js";
import { topicsMeet, topicsOf } from "./topics.js";

const MULTI_TASK_SCOPE_WORDS = 150;
const BUILD_VERBS = new Set([
  "build",
  "create",
  "implement",
  "add",
  "include",
  "make",
  "design",
  "develop",
  "support",
  "integrate",
  "ensure",
  "allow",
  "enable",
  "use",
]);

export function multipleTasks({ doc, sig }: RuleContext, out: Finding[]): void {
  // a role or a long specification lists the parts of one job ("ask …, propose …, finish with …")
  if (sig.role || sig.instructionWords > MULTI_TASK_SCOPE_WORDS) return;
  const tasks = sig.tasks.filter((t) => t.strength > 0);
  if (tasks.length < 2) return;
  // "Build a game. Create a universe. Implement controls. Add planets.": the parts of one build
  if (tasks.length >= 3 && tasks.every((t) => BUILD_VERBS.has(doc.tokens[t.verb]?.lower ?? ""))) return;
  const unrelated: Array<[number, number]> = [];
  for (let i = 0; i < tasks.length && i < 12; i++) {
    for (let j = i + 1; j < tasks.length && j < 12; j++) {
      const a = tasks[i]!;
      const b = tasks[j]!;
      if (a.words.some((w) => b.words.includes(w))) continue;
      // one side outside the domain lexicon is no evidence of another subject ("Create a meal plan. Also give
      // me the shopping list."): PF502 reads those pairs by the words they share
      if (a.domains.length === 0 || b.domains.length === 0) continue;
      if (a.domains.some((d) => b.domains.includes(d))) continue;
      if (refersBack(doc, b) || derivative(doc, b)) continue;
      // two lexicon domains may still be one job ("a job ad for a backend engineer … what salary to offer"):
      // the subjects each sentence names must not be neighbours (topics.ts)
      if (topicsMeet(clauseTopics(doc, tasks, i), clauseTopics(doc, tasks, j))) continue;
      unrelated.push([i, j]);
    }
  }
  if (unrelated.length === 0) return;
  const involved = [...new Set(unrelated.flat())].sort((a, b) => a - b).map((i) => tasks[i]!.span);
  out.push(
    finding(
      "PF501",
      `The prompt asks for ${involved.length} unrelated things (${involved.map((s) => `"${quote(doc, s)}"`).join(", ")}); answers to bundled tasks get shallower and harder to check.`,
      "Send each task as its own prompt, or say how they relate and which matters most.",
      involved,
    ),
  );
}

// What is made from the first task's output: "Summarize the article. Also suggest a title."
const DERIVATIVE =
  /^(?:titles?|headlines?|subject lines?|taglines?|captions?|summary|summaries|tl;?dr|abstract|keywords?|tags|hashtags|quiz|questions|translation|outline|slug|alt text|meta description)$/;

function derivative(doc: Doc, t: { verb: number; sentence: number }): boolean {
  const s = doc.sentences[t.sentence]!;
  for (let k = t.verb + 1; k < Math.min(s.t1, t.verb + 6); k++)
    if (DERIVATIVE.test(doc.tokens[k]!.lower)) return true;
  return false;
}

/** The subjects a task names: its sentence, from its verb to the next task's verb in the same sentence. */
function clauseTopics(doc: Doc, tasks: Array<{ verb: number; sentence: number }>, i: number): Set<string> {
  const t = tasks[i]!;
  const next = tasks[i + 1];
  const s = doc.sentences[t.sentence]!;
  const start = doc.tokens[t.verb]?.start ?? s.start;
  const end = next && next.sentence === t.sentence ? (doc.tokens[next.verb]?.start ?? s.end) : s.end;
  return topicsOf(doc.text.slice(t.verb === s.t0 ? s.start : start, end));
}

function refersBack(doc: Doc, t: { verb: number; sentence: number }): boolean {
  const s = doc.sentences[t.sentence]!;
  for (let k = t.verb + 1; k < s.t1; k++) {
    const l = doc.tokens[k]!.lower;
    if (l === "it" || l === "them" || l === "this" || l === "these" || l === "that") return true;
  }
  return false;
}

/** A speaker's turn in a pasted exchange: "User: …", "Bot: …", "Maya: …". */
const SPEAKER_LINE_RE = /^[ \t]*(\p{Lu}[\p{L}'’.-]*(?:[ \t]\p{Lu}[\p{L}'’.-]*)?)[ \t]*:[ \t]*\S/gmu;
/** Labels that name a part of the writer's own prompt, not a speaker. */
const NOT_A_SPEAKER_RE =
  /^(?:task|tasks|question|questions|request|step|part|item|note|notes|q|a|input|output|example|format|context|goal|rules?|style|tone|audience|length|topic|subject|deliverables?|brief|todo|p\.?s)$/i;

/** Where each speaker's line starts, when the prompt holds an exchange between two or more speakers. */
export function speakerLines(text: string): Set<number> {
  const starts = new Set<number>();
  const speakers = new Set<string>();
  SPEAKER_LINE_RE.lastIndex = 0;
  for (const m of text.matchAll(SPEAKER_LINE_RE)) {
    if (NOT_A_SPEAKER_RE.test(m[1]!) || /\d/.test(m[1]!)) continue;
    speakers.add(m[1]!.toLowerCase());
    starts.add(m.index);
  }
  return speakers.size >= 2 && starts.size >= 3 ? starts : new Set();
}
