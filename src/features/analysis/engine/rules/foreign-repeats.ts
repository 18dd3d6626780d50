// Duplicated instructions (PF403) in prompts outside English, where the English demand-word reading does not
// apply. What carries over without an English lexicon is the sentence said again: each instruction sentence
// is normalised (case, punctuation, whitespace, list markers, and the few words in each language that only
// press a demand: "recuerda", "siempre", "bitte", "请", "务必") and compared. Latin-script sentences match
// when their words are the same, or nearly (four fifths shared, same negation); Chinese and Japanese ones,
// having no spaces, are compared by characters.

import type { Finding, Span } from "../types.js";
import { finding } from "./catalogue.js";
import type { RuleContext } from "./context.js";

/** Past this much text a prompt is sections each scoped on their own (as in duplicates.ts). */
const SCOPE_CHARS = 3000;

/** Words that press or mark a repeat without changing what is demanded (fr, es, de, pt, it). */
const EMPHASIS = new Set(
  (
    "toujours rappel rappelez rappelle nb remarque note nota hinweis achtung important importante importantes surtout encore svp veuillez " +
    "siempre recuerda recuerde recordatorio asegúrate asegúrese otra vez " +
    "immer bitte wichtig nochmals erneut " +
    "sempre lembre lembra lembrete novamente " +
    "ricorda ricordati assicurati"
  ).split(" "),
);
/** Negations, read as one mark so "do X" and "do not X" never match. */
const NEGATIONS = new Set(
  "ne n' pas jamais aucun aucune sans no nunca jamás ningún ninguna ninguno sin nicht nie niemals kein keine keinen keinem keiner ohne não nunca nenhum nenhuma sem non mai nessun nessuno nessuna senza".split(
    " ",
  ),
);
/** Chinese and Japanese words that press a demand: "请务必用中文回答" demands what "用中文回答" does. */
const CJK_EMPHASIS_RE =
  /请|務必|务必|一定要|一定|始终|始終|总是|總是|再次|记住|記住|注意|切记|必ず|常に|ください|下さい|してください|もう一度|忘れずに/g;
const CJK_RE = /[\u3040-\u30ff\u4e00-\u9fff]/;

interface Said {
  start: number;
  end: number;
  key: string;
  words: string[];
  negated: boolean;
  cjk: boolean;
  items: Set<string>;
}

/** The instruction sentences of the prompt (material is blanked in instructionText), normalised. */
function sentencesOf(text: string): Said[] {
  const out: Said[] = [];
  const re = /[^.!?。！？;；\n]+/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const raw = m[0];
    // list markers and surrounding blanks are not part of what is said
    let lead = /^[\s\-*•>#\d)(]*/.exec(raw)![0].length;
    // "Recuerda: …", "Wichtig: …" press what follows; it is the sentence said
    const press = /^([\p{L}]{1,14})\s?:\s*/u.exec(raw.slice(lead));
    if (press && EMPHASIS.has(press[1]!.toLowerCase())) lead += press[0].length;
    const body = raw.slice(lead).trimEnd();
    if (body === "" || body[0] === "|") continue;
    const start = m.index + lead;
    const end = start + body.length;
    // a label ("Usuario: …", "Salida: …") opens a field or an example turn; a line ending in ":" introduces
    if (/^[\p{L}\s]{1,24}:/u.test(body) || text[end] === ":") continue;
    const lower = body.toLowerCase();
    if (CJK_RE.test(lower)) {
      const key = lower.replace(CJK_EMPHASIS_RE, "").replace(/[^\p{L}\p{N}]+/gu, "");
      if (key.length >= 4)
        out.push({
          start,
          end,
          key,
          words: bigrams(key),
          negated: /不|别|別|勿|没|ない|な$/.test(key),
          cjk: true,
          items: new Set(),
        });
      continue;
    }
    const words: string[] = [];
    let negated = false;
    // what names one item: a number, a letter, a capitalised word inside the sentence ("el cliente B",
    // "Lyon"): two sentences differing in one are about two items
    const items = new Set<string>();
    for (const x of body.matchAll(
      /(?<=\s)\p{Lu}[\p{L}\p{N}]*|(?<![\p{L}\p{N}])(?:\p{N}+|\p{L})(?![\p{L}\p{N}])/gu,
    ))
      items.add(x[0].toLowerCase());
    for (const w of lower.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []) {
      const v = w.replace("’", "'");
      if (NEGATIONS.has(v) || v.startsWith("n'")) negated = true;
      else if (!EMPHASIS.has(v)) words.push(v);
    }
    if (words.length < 3) continue;
    const set = [...new Set(words)].sort();
    out.push({
      start,
      end,
      key: `${negated ? "¬ " : ""}${words.join(" ")}`,
      words: set,
      negated,
      cjk: false,
      items,
    });
  }
  return out;
}

function bigrams(s: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return [...out].sort();
}

/** Jaccard ≥ 0.8 of two sorted sets, at least four items each, same polarity. */
function nearlySame(a: Said, b: Said): boolean {
  if (a.negated !== b.negated || a.cjk !== b.cjk || a.words.length < 4 || b.words.length < 4) return false;
  const seen = new Set(a.words);
  let common = 0;
  for (const w of b.words)
    if (seen.has(w)) common++;
    else if (b.items.has(w)) return false;
  const other = new Set(b.words);
  for (const w of a.words) if (!other.has(w) && a.items.has(w)) return false;
  return common / (a.words.length + b.words.length - common) >= 0.8;
}

export function foreignRepeats({ doc }: RuleContext, out: Finding[]): void {
  if (doc.text.length > SCOPE_CHARS) return;
  const said = sentencesOf(doc.instructionText);
  // prompts outside English are short as a rule: the pairwise comparison stays small (capped for safety)
  const n = Math.min(said.length, 80);
  for (let j = 1; j < n; j++)
    for (let i = 0; i < j; i++) {
      const a = said[i]!;
      const b = said[j]!;
      if (a.key !== b.key && !nearlySame(a, b)) continue;
      const spans: Span[] = [
        { start: a.start, end: a.end },
        { start: b.start, end: b.end },
      ];
      out.push(
        finding(
          "PF403",
          `"${doc.text.slice(b.start, b.end)}" repeats an earlier instruction.`,
          "State each instruction once; repetition adds length and can read as two different requirements.",
          spans,
        ),
      );
      // one repeated block is one finding
      return;
    }
}
