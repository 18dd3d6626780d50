// Filler (PF401, PF402): politeness, hedges and buzzwords that add length without instructions.

import { MASK_INSTRUCTION, TOKEN_WORD, tokenAt } from "../text.js";
import type { Finding, Span } from "../types.js";
import { finding, quote } from "./catalogue.js";
import type { RuleContext } from "./context.js";

// The writer admitting a digression ("sorry for the rant", "enough about me", "long story short"): the
// chatter around it carries no instruction, and the writer says so.
const DIGRESSION_RE =
  /\b(?:(?:so |very |really )?sorry (?:again )?(?:for|about) (?:the|my|this|all (?:the|this)) (?:rant|rambling|ramble|long (?:message|post|intro(?:duction)?)|wall of text|life story|backstory|tangent|digression)|sorry (?:for|about) (?:rambling|ranting|going on)|(?:going|go|went) on and on|(?:you )?(?:don't|do not|didn't) need (?:to hear |to know )?(?:my|the) (?:whole |entire )?(?:life story|backstory|rant)|enough about me|(?:but )?i digress|long story short|where was i|(?:anyway|anyways),? (?:back to|where was i|sorry))\b/g;
const DIGRESSION_CUES = [
  "sorry",
  "on and on",
  "life story",
  "backstory",
  "enough about",
  "digress",
  "long story",
  "where was i",
  "anyway",
];
// Chatter markers that pad only in company: a sentence opened by "anyway", laughter, "a bit about me".
const CHATTER_RE =
  /(?:^|[.!?\n]\s*)(?:so,? )?(?:anyway|anyways|anyhow)\b|\b(?:haha+|hehe|lol|lmao)\b|\ba (?:bit|little) about (?:me|myself)\b/g;

// Corporate hype the shared hype list does not hold; counted with it when one sentence strings several.
const CORPORATE_HYPE: ReadonlySet<string> = new Set(
  "future-proof future-ready transformational synergy synergies customer-centric customer-centricity disruptive bleeding-edge mission-critical game-changer thought-leading forward-thinking visionary trailblazing best-in-breed".split(
    " ",
  ),
);

/** Buzzwords that still name a behaviour (accuracy, reasoning aloud, tone): advice rather than puffery. */
const PLAIN_DIRECTIVES: ReadonlySet<string> = new Set([
  "accurate",
  "step by step",
  "step-by-step",
  "professional",
  "thorough",
]);

function matches(re: RegExp, text: string): Span[] {
  re.lastIndex = 0;
  const out: Span[] = [];
  for (const m of text.matchAll(re)) {
    // a leading sentence end is context, not part of the span
    const lead = m[0].search(/[a-z]/);
    out.push({ start: m.index + Math.max(0, lead), end: m.index + m[0].length });
  }
  return out;
}

export function filler(ctx: RuleContext, out: Finding[]): void {
  const { doc, sig, hedges, buzz } = ctx;
  let fluff = ctx.fluff;
  const lower = doc.instructionLower;
  const digressions = DIGRESSION_CUES.some((c) => lower.includes(c)) ? matches(DIGRESSION_RE, lower) : [];
  const chatter = matches(CHATTER_RE, lower).filter(
    (c) => !digressions.some((d) => c.start < d.end && d.start < c.end),
  );
  fluff = [...fluff, ...digressions];
  const soft = [
    ...ctx.soft.filter((s) => !fluff.some((f) => s.start >= f.start && s.start < f.end)),
    ...chatter,
  ];
  const effusive = ctx.effusive.filter((e) => !fluff.some((f) => f.start <= e.start && e.start < f.end));
  // greetings the user may send, listed in parentheses ("(hi, hello, thanks)"), are mentioned, not said
  const said = (sp: Span) => {
    const before = doc.text.slice(Math.max(0, sp.start - 60), sp.start);
    return before.lastIndexOf("(") <= before.lastIndexOf(")");
  };
  const polite = [...fluff, ...hedges, ...soft, ...effusive].filter(said).sort((a, b) => a.start - b.start);
  if (effusive.length > 0) fluff = [...fluff, ...effusive];
  fluff = fluff.filter(said);
  // one "kindly", or a "hello" and a "thanks" around a long specification, is courtesy, not padding
  const enough = sig.instructionWords < 60 ? 2 : 3;
  if (
    polite.length >= enough &&
    (fluff.length > 0 ||
      hedges.length + soft.length >= 2 ||
      (hedges.length >= 1 && soft.length + fluff.length >= 1))
  ) {
    out.push(
      finding(
        "PF401",
        `Politeness and hedging (${polite
          .slice(0, 3)
          .map((s) => `"${quote(doc, s)}"`)
          .join(", ")}) add length without adding instructions.`,
        "Delete pleasantries and hedges; state the request directly. Models do not need them and hedges make the task sound optional.",
        polite.slice(0, 8),
      ),
    );
  }
  const distinct = new Set(
    buzz.map((s) => doc.instructionLower.slice(s.start, s.end).replace(/[\s-]+/g, " ")),
  );
  const density = sig.instructionWords > 0 ? buzz.length / sig.instructionWords : 0;
  // a run of hype in one sentence ("a world-class, award-winning, visionary, best-in-class …") pads
  // however long the rest of the prompt is
  let run = false;
  const perSentence = new Map<number, Set<string>>();
  const hype = [...ctx.hype];
  for (const t of doc.tokens)
    if (t.type === TOKEN_WORD && t.mask === MASK_INSTRUCTION && CORPORATE_HYPE.has(t.lower))
      hype.push({ start: t.start, end: t.end });
  for (const h of hype) {
    const t = doc.tokens[tokenAt(doc, h.start)];
    if (!t) continue;
    const words = perSentence.get(t.sentence) ?? new Set<string>();
    perSentence.set(t.sentence, words);
    words.add(t.lower);
    if (words.size >= 4) {
      run = true;
      break;
    }
  }
  // Plain advice with no task ("Be thorough. Be accurate. Think step by step.") is reported as no_task,
  // which is what to fix; puffery in place of a task ("You are a world-class expert. Use best practices.
  // Be comprehensive and high-quality.") is padding as well. Directives that name a behaviour do not count
  // towards the three there.
  const taskless = out.some((f) => f.kind === "no_task");
  const puffery = taskless ? [...distinct].filter((b) => !PLAIN_DIRECTIVES.has(b)).length : distinct.size;
  if ((puffery >= 3 && (density >= 0.05 || sig.bestTaskStrength === 0)) || run) {
    out.push(
      finding(
        "PF402",
        `Buzzwords (${[...distinct]
          .slice(0, 4)
          .map((b) => `"${b}"`)
          .join(", ")}) stand in for requirements: they sound rigorous but specify nothing.`,
        "Replace each with the concrete requirement it stands for: which standard, which checks, how long, for whom.",
        buzz.slice(0, 8),
      ),
    );
  }
}
