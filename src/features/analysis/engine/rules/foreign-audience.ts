// Missing audience or context (PF202) in the languages the English rules do not read: a short request for a
// piece people read ("Schreib einen Blogartikel über Wärmepumpen.", "Escribe un artículo sobre la
// inflación.", "写一篇关于人工智能的文章") or a bare explanation ("Explica qué es el interés compuesto.",
// "Объясни теорию относительности.") that names no reader, no purpose and no occasion anywhere. Any "for …"
// in the prompt's language counts as one, so the rule stays quiet whenever a reader might be named.

import type { Finding } from "../types.js";
import { finding } from "./catalogue.js";
import type { RuleContext } from "./context.js";

/** Write or explain, then (for writing) a reader-facing genre, near the start of the prompt. */
const WRITE_RE =
  /(?<![\p{L}])(?:écris|écrivez|rédige|rédigez|escribe|escriba|redacta|escreva|escreve|redija|schreib(?:e|en sie)?|verfasse|scrivi|scriva|redigi|schrijf|napisz|напиши|напишите|yaz|yazın|書いて|書け|写|撰写|써\s?줘|작성해)/iu;
const GENRE_RE =
  /(?:article|artículo|artigo|artikel|articolo|artykuł|статью|makale|記事|文章|기사|blog\p{L}*|e-?mail\p{L}*|courriel|correo|メール|邮件|이메일|письмо|e-posta|discours|discurso|rede(?![\p{L}])|discorso|toespraak|przemówienie|речь|konuşma|スピーチ|演讲|연설|newsletter|post(?![\p{L}]))/iu;
const EXPLAIN_RE =
  /^(?:\p{L}+[,!]\s*)?(?:explique|expliquez|explica|explícame|explique-moi|erkläre?|erklären sie|spiega|spiegami|leg uit|wyjaśnij|объясни|объясните|açıkla|解释|讲解)(?![\p{L}])|(?:説明して|설명해)/iu;
/** A reader, purpose or occasion in any of the languages: "pour", "para", "für", "per", "voor", "dla", … */
const FOR_RE =
  /(?<![\p{L}])(?:pour|à destination|destiné|para|dirigido|destinado|für|an unsere|per|rivolto|voor|dla|для|için|okuyucu|lector|leser|lettori|lezers)(?![\p{L}])|向け|ために|ように|给|為|为|面向|针对|위한|대상|에게/iu;

export function foreignAudience({ doc, sig }: RuleContext, out: Finding[]): void {
  if (sig.bestTaskStrength === 0 && !sig.taskSpan) return;
  const text = doc.instructionText.trim();
  if (text.length > 200 || doc.blocks.length > 0 || sig.role) return;
  // quoted text is material the piece is made from, which says much of what it is for
  if (FOR_RE.test(text) || /[「『«“"„]/.test(text)) return;
  const head = text.slice(0, 60);
  const w = WRITE_RE.exec(head);
  const piece = w && GENRE_RE.test(text.slice(w.index, w.index + 60));
  if (!piece && !EXPLAIN_RE.test(text)) return;
  const start = doc.text.indexOf(text);
  out.push(
    finding(
      "PF202",
      "Nothing says who the output is for or why it is needed, so tone, depth and what to leave out are guesses.",
      "Add the reader and the purpose: who will read it, what they already know, and what it is for.",
      [{ start, end: start + Math.min(text.length, 60) }],
    ),
  );
}
