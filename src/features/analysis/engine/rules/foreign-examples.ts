// A format-heavy task without an example (PF203) in the languages the English rules do not read: the
// author's own format or style named and never shown ("no formato interno do nosso painel", "im Zitierstil
// unseres Instituts", "ons eigen registratieformaat", "우리 팀 고유의 회의록 양식", "la charte éditoriale").
// A format or style is the author's own when an owner is named beside it (our, internal, in-house, the
// brand's, its own); a standard one (JSON, CSV, Markdown) or one shown after a colon or in a block is not
// left to guess, and neither is one the prompt gives an example of.

import type { Doc } from "../text.js";
import type { Finding } from "../types.js";
import { finding } from "./catalogue.js";
import type { RuleContext } from "./context.js";

/**
 * A named format, style, template or house charter, in each language the engine detects. (A word holding
 * "format" is read from its start only: tried inside a long word, the lead would rescan it at each letter.)
 */
const FORMAT_NOUN_RE =
  /(?:(?<!\p{L})\p{L}*format(?:o|u|a|e|s|ı|ını|ında|ta)?|(?<!\p{L})\p{L}*formaat|форма́?т\p{L}*|(?:zitier|schreib|haus)?stil(?:e|o|es|i|ine|ini|inde)?|estilo|styl\p{L}*|стил\p{L}*|charte (?:éditoriale|graphique|rédactionnelle)|gabarit|plantilla|modelo|modèle|vorlage|sjabloon|şablon\p{L}*|шаблон\p{L}*|szablon\p{L}*|양식|형식|서식|形式|書式|フォーマット|テンプレート|格式|模板|样式|风格|文风|스타일\p{L}*|톤|말투|スタイル|トーン|口調|convention\p{L}*|convenci[oó]n\p{L}*|convenç\p{L}*|convenzion\p{L}*|konvention\p{L}*|conventie\p{L}*)/giu;
/** An owner beside it: ours, internal, in-house, its own, the brand's, the house's. */
const OWNER_RE =
  /(?<![\p{L}])(?:notre|nos|nuestr[oa]s?|noss[oa]s?|unser\p{L}*|nostr[oaie]|ons|onze|nasz\p{L}*|наш\p{L}*|bizim|intern(?!et)\p{L}*|hausintern\p{L}*|eigen\p{L}*|propi[oa]|própri[oa]|propri[oa]|własn\p{L}*|собственн\p{L}*|внутренн\p{L}*|фирменн\p{L}*|kendi|özgü|de la maison|da casa|de la casa|della casa|da marca|de la marca|de la marque|der marke|del marchio|van het merk|maison|habituel\p{L}*|usual|habitual|üblich\p{L}*|gebruikelijke|a gente sempre usa|que usamos|que nous utilisons)(?![\p{L}])|우리|고유|弊社|当社|社内|うちの|独自|我们|我司|公司内部|内部|charte/iu;
/** A standard format the model knows. */
const STANDARD_RE = /(?<![\p{L}])(?:json|csv|xml|yaml|markdown|html|iso[ -]?\d+|apa|mla)(?![\p{L}])/iu;
/** An example given in the prompt, in any of the languages. */
const EXAMPLE_WORD_RE =
  /(?<![\p{L}])(?:exemples?|par ex|ejemplos?|p\. ?ej|exemplos?|beispiele?|z\. ?b|esempi[oa]?|voorbeeld\p{L}*|bijv|örne\p{L}*|пример\p{L}*|przykład\p{L}*|np\.)(?![\p{L}])|例えば|例：|例:|예시|예:|例如|比如|示例|样例/iu;

export function foreignExamples({ doc, sig }: RuleContext, out: Finding[]): void {
  // an arrow inside pasted notes ("slipped a day → ships 11/13") is not an example of the output
  const example = sig.examples ? doc.text.slice(sig.examples.start, sig.examples.end) : "";
  if ((example && !/^(?:→|=>)$/.test(example.trim())) || sig.slotFor.has("examples")) return;
  const lower = doc.instructionLower;
  if (EXAMPLE_WORD_RE.test(doc.text)) return;
  FORMAT_NOUN_RE.lastIndex = 0;
  for (const m of lower.matchAll(FORMAT_NOUN_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (otherWord(lower, start, end)) continue;
    const around = lower.slice(Math.max(0, start - 40), end + 50);
    if (!OWNER_RE.test(around) || standardNamed(lower.slice(start, end + 60))) continue;
    if (shownAfter(doc, end)) continue;
    out.push(
      finding(
        "PF203",
        "The task asks for your own format or style, but the prompt gives no example of it.",
        "Add one or two short examples of the expected output, or paste a sample of the format or style.",
        [{ start, end }],
      ),
    );
    return;
  }
}

/**
 * "informations", "Informatik", "formation": words that only spell "format" inside them (information,
 * training), not a format; "Formatierung", "formati", "formatos" are formats.
 */
function otherWord(lower: string, start: number, end: number): boolean {
  let a = start;
  while (a > 0 && /\p{L}/u.test(lower[a - 1]!)) a--;
  let b = end;
  while (b < lower.length && /\p{L}/u.test(lower[b]!)) b++;
  const word = lower.slice(a, b);
  return /^inform|format(?:ion|ique|ik|ie(?!r))/u.test(word);
}

/** A standard format named after it, unless it is named to be ruled out ("der hausinterne, nicht APA"). */
function standardNamed(text: string): boolean {
  const m = STANDARD_RE.exec(text);
  return (
    !!m && !/(?<![\p{L}])(?:nicht|not|no|pas|non|não|nie|не|niet|değil)\s*$/iu.test(text.slice(0, m.index))
  );
}

/** True when the format is spelled out after it: a colon and two or more short lines, or a block. */
function shownAfter(doc: Doc, at: number): boolean {
  const rest = doc.text.slice(at, at + 400);
  const colon = /^[^.。\n]{0,40}?[:：][ \t]*\n/.exec(rest);
  if (colon) {
    const lines = rest
      .slice(colon[0].length)
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "");
    if (lines.slice(0, 6).filter((l) => l.split(/\s+/).length <= 6).length >= 2) return true;
  }
  return doc.blocks.some((b) => b.start >= at && (b.kind === "fence" || b.kind === "tag"));
}
