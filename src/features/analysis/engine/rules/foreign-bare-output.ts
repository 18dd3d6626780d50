// The bare answer against an explanation, in the languages PF308 reads: "Rispondi solo con il numero,
// nient'altro" … "Spiega in dettaglio perché"; "Réponds uniquement par l'étiquette" … "Explique ton choix".
// The bare side names a short answer (a number, a label, a score, a word) or "nothing else"; the explained
// side is an imperative to explain or justify that opens its sentence. A sentence stating a case, or one
// that puts the explanation in a field of a structure, is not read.
import { matchesOf } from "../text.js";
import type { Span } from "../types.js";

export interface BareDemand {
  subject: "bare_output";
  value: "bare" | "explained";
  span: Span;
  sentence: number;
}

// "(answer) only with the number / only the label", and "nothing else" after a verb of answering
const BARE_RE =
  /(?<![\p{L}])(?:(?:solo|solamente|soltanto|unicamente|seulement|uniquement|nur|apenas|somente|alleen|tylko)\s+(?:(?:con|avec|par|mit|com|met|z|en)\s+)?(?:(?:il|la|le|l'|el|lo|un|una|une|den|die|das|der|einer?|o|a|um|uma|het|een)\s*)?(?:numero|numéro|número|zahl|nummer|liczb\p{L}*|punteggio|score|note|puntuación|pontuação|etichetta|étiquette|etiqueta|label|categoria|catégorie|categoría|kategorie|kategori\p{L}*|parola|mot|palabra|palavra|wort|woord|slowo|słowo|lettera|lettre|letra|buchstabe|letter)(?![\p{L}])|(?:nient'altro|nient’altro|rien d'autre|rien d’autre|nada más|nada mais|nichts (?:anderes|weiter|sonst)|sonst nichts|niets anders|verder niets|nic więcej|nic innego))/giu;
const ANSWER_VERB_RE =
  /(?<![\p{L}])(?:rispond\p{L}*|répond\p{L}*|réponse|antwort\p{L}*|gib\p{L}*|respond\p{L}*|contest\p{L}*|antwoord\p{L}*|odpowi\p{L}*|restitu\p{L}*|renvoie|devuelve|devolve|restituisci|output|ausgabe|sortie|salida)(?![\p{L}])/iu;
// the sentence opens on an imperative to explain ("Spiega in dettaglio, frase per frase, perché …")
const EXPLAIN_RE =
  /^\s*(?:(?:[-*•]|\d+[.)])\s*)?(?:spiega(?:mi)?|spieghi|motiva|giustifica|explique[sz]?|expliquez|justifie[sz]?|justifiez|explica(?:me)?|justifica|erkläre?|erklären sie|begründe|begründen sie|leg uit|verklaar|motiveer|wyjaśnij|uzasadnij)(?![\p{L}])/iu;
// the explanation goes in a field or after a final line: both sides hold
const STRUCTURED_RE = /json|campo|champ|feld|veld|pole|clave|chiave|schlüssel|<\w+>|\{/iu;
const NEGATED_RE =
  /(?<![\p{L}])(?:non|ne|n'|nicht|kein\p{L}*|no|não|niet|nie|sans|senza|sin|sem|ohne|zonder|bez)\s+$/iu;

/** The bare or explained demands of one sentence (`offset`: where it starts in the prompt). */
export function bareOrExplained(sentence: string, offset: number, index: number): BareDemand[] {
  if (STRUCTURED_RE.test(sentence)) return [];
  const out: BareDemand[] = [];
  const span = (m: RegExpMatchArray): Span => ({
    start: offset + m.index!,
    end: offset + m.index! + m[0].length,
  });
  if (ANSWER_VERB_RE.test(sentence))
    for (const m of matchesOf(sentence, BARE_RE))
      out.push({ subject: "bare_output", value: "bare", span: span(m), sentence: index });
  const m = EXPLAIN_RE.exec(sentence);
  if (m && !NEGATED_RE.test(sentence.slice(0, m.index)))
    out.push({ subject: "bare_output", value: "explained", span: span(m), sentence: index });
  return out;
}
