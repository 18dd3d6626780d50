// A tool forbidden and called (PF312): "Never call delete_user." … "If they ask to close their account, call
// delete_user right away"; "Never call delete_branch under any circumstances" … "Clean up by calling
// delete_branch on every branch". A tool is named the way code names it (snake_case, camelCase, "name()"),
// which no other wording does, so both sides are read on that name whatever the sentence around it. A
// prohibition with a scope or a case of its own ("never call X without confirming", "do not call X more than
// twice", "only the admin may …") forbids nothing the call can break; a case on the call conflicts only with
// a prohibition stated without exception ("never", "under any circumstances").
import { type Doc, MASK_CONTENT, matchesOf } from "../text.js";
import type { Span } from "../types.js";
import type { RuleContext } from "./context.js";
import { type Clash, type ClashMessage, clashRule, type Rule } from "./rule.js";

const TOOL = "[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[a-z]+(?:[A-Z][a-z0-9]+)+";
const CALL_VERBS = "call|use|invoke|run|trigger|execute";
const FORBID_RE = new RegExp(
  `\\b(?:[Nn]ever|[Dd]o not|[Dd]on't|[Mm]ust not|[Ss]hould not|[Ss]houldn't|[Cc]annot|[Cc]an't|[Mm]ay not)\\s+(?:ever\\s+)?(?:${CALL_VERBS})\\s+(?:the\\s+)?[\`'"]?(${TOOL})[\`'"]?(?:\\(\\))?(?:\\s+tool)?`,
  "g",
);
const CALL_RE = new RegExp(
  `(?<!\\b(?:never|not|n't|no|without|avoid|nor)\\s(?:[\\w-]+\\s){0,2})\\b(?:[Cc]all(?:ing)?|[Uu]s(?:e|ing)|[Ii]nvok(?:e|ing)|[Rr]un(?:ning)?|[Tt]rigger(?:ing)?|[Ee]xecut(?:e|ing))\\s+(?:the\\s+)?[\`'"]?(${TOOL})\\b`,
  "g",
);
/** What may follow a whole prohibition: an intensifier, a dash or the clause's end. */
const WHOLE_AFTER_RE =
  /^[`'"]?\s*(?:under any circumstances|at all|ever|yourself|directly|on your own)?\s*(?:[.;!:)]|—|–|\s-\s|,\s*(?:even|no matter|regardless)|$)/;
/** A rule stated for every case. */
const STRICT_RE = /\b(?:never|under no circumstances|under any circumstances|no matter|regardless|at all)\b/i;
/** A case or scope in the sentence: the demand holds only there. */
const CASE_RE = /\b(?:if|when|whenever|unless|until|once|in case|only|except|for (?:a|an|any|each|every))\b/i;

interface ToolDemand {
  tool: string;
  forbid: boolean;
  span: Span;
  sentence: number;
  conditional: boolean;
  strict: boolean;
}

function toolDemands(doc: Doc): ToolDemand[] {
  const out: ToolDemand[] = [];
  for (let si = 0; si < doc.sentences.length; si++) {
    const s = doc.sentences[si]!;
    if (!s.instruction) continue;
    const text = doc.text.slice(s.start, s.end);
    if (!/_|[a-z][A-Z]/.test(text)) continue;
    const conditional = CASE_RE.test(text);
    const strict = STRICT_RE.test(text);
    const span = (m: RegExpMatchArray): Span => ({
      start: s.start + m.index!,
      end: s.start + m.index! + m[0].length,
    });
    for (const m of matchesOf(text, FORBID_RE)) {
      if (doc.mask[s.start + m.index!] === MASK_CONTENT) continue;
      if (!WHOLE_AFTER_RE.test(text.slice(m.index! + m[0].length))) continue;
      // the prohibition's own clause: "— deletion is done by humans only" after a dash gives a reason
      const clause =
        text.slice(0, m.index! + m[0].length) + text.slice(m.index! + m[0].length).split(/[—–;:]|\s-\s/)[0];
      out.push({
        tool: m[1]!,
        forbid: true,
        span: span(m),
        sentence: si,
        conditional: CASE_RE.test(clause),
        strict,
      });
    }
    for (const m of matchesOf(text, CALL_RE)) {
      if (doc.mask[s.start + m.index!] === MASK_CONTENT) continue;
      // "if the agent calls X, …": inside the condition it describes the case, not a demand
      if (/\b(?:if|when|whenever|unless)\b[^,;:]*$/i.test(text.slice(0, m.index))) continue;
      // "use snake_case for column names": a scope after the call is a case of its own
      const scoped = /^[`'"]?(?:\(\))?\s+(?:for|in|when|if|unless|only|except)\b/.test(
        text.slice(m.index! + m[0].length),
      );
      out.push({
        tool: m[1]!,
        forbid: false,
        span: span(m),
        sentence: si,
        conditional: conditional || scoped,
        strict,
      });
    }
  }
  return out;
}

function toolClash({ doc }: RuleContext): Clash | null {
  if (!/_|[a-z][A-Z]/.test(doc.instructionText)) return null;
  const ds = toolDemands(doc);
  for (const neg of ds) {
    if (!neg.forbid || neg.conditional) continue;
    for (const call of ds) {
      if (call.forbid || call.tool !== neg.tool || call.sentence === neg.sentence) continue;
      if (call.conditional && !neg.strict) continue;
      return { first: neg.span, second: call.span, message: FORBIDDEN_AND_CALLED };
    }
  }
  return null;
}

const FORBIDDEN_AND_CALLED: ClashMessage = [
  "forbids a tool and also asks to call it",
  "Say when the tool may be called (after a confirmation, for which requests), or drop one of the two instructions.",
];

export const TOOL_CONTRADICTIONS: Rule = clashRule(
  "PF312",
  'A tool forbidden without exception and called elsewhere ("Never call delete_user." … "call delete_user right away").',
  toolClash,
);
