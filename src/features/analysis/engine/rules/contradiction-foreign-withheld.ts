// A thing left out and then put in, in Italian, Spanish, Portuguese and French prompts (PF316), where the
// English mention rules do not run: "Non includere nessun codice sconto" … "Inserisci il codice sconto ben
// visibile"; "No menciones el precio" … "Incluye el precio al final". The verbs of including and mentioning
// count as one family, and the thing is its first two words after the article, so "il prezzo finale" and
// "il prezzo unitario" are two things. A sentence that states a case ("se il cliente …", "si el cliente
// …") is not read, and the two must sit in different sentences.
import { instructionSentences, MASK_CONTENT } from "../text.js";
import type { Finding, Span } from "../types.js";
import type { RuleContext } from "./context.js";
import { type ClashMessage, clashFinding, type Rule } from "./rule.js";

interface Language {
  forbid: RegExp;
  demand: RegExp;
  case: RegExp;
}

const W = "([\\p{L}][\\p{L}-]{2,})(?:\\s+([\\p{L}][\\p{L}-]+))?";
const LANGUAGES: readonly Language[] = [
  {
    // Italian
    forbid: new RegExp(
      `(?<![\\p{L}])non (?:includere|inserire|indicare|menzionare|citare|riportare|nominare|aggiungere|mettere)\\s+(?:mai\\s+)?(?:(?:nessun[oa]?|alcun[oa]?|il|lo|la|i|gli|le|un[oa]?)\\s+|l'|nessun')?${W}`,
      "gu",
    ),
    demand: new RegExp(
      `(?<![\\p{L}])(?:includi|inserisci|indica|menziona|cita|riporta|aggiungi|metti)\\s+(?:sempre\\s+)?(?:(?:il|lo|la|i|gli|le|un[oa]?)\\s+|l')?${W}`,
      "gu",
    ),
    case: /(?<![\p{L}])(?:se|quando|qualora|nel caso)(?![\p{L}])/u,
  },
  {
    // Spanish
    forbid: new RegExp(
      `(?<![\\p{L}])(?:no|nunca) (?:incluyas|menciones|pongas|indiques|añadas|agregues|cites|nombres)\\s+(?:nunca\\s+)?(?:(?:ningún|ninguna|el|la|los|las|un|una)\\s+)?${W}`,
      "gu",
    ),
    demand: new RegExp(
      `(?<![\\p{L}])(?:incluye|menciona|pon|indica|añade|agrega|cita|nombra)\\s+(?:siempre\\s+)?(?:(?:el|la|los|las|un|una)\\s+)?${W}`,
      "gu",
    ),
    case: /(?<![\p{L}])(?:si|cuando|en caso)(?![\p{L}])/u,
  },
  {
    // Portuguese
    forbid: new RegExp(
      `(?<![\\p{L}])(?:não|nunca) (?:inclua|mencione|coloque|indique|adicione|cite|informe)\\s+(?:(?:nenhum|nenhuma|o|a|os|as|um|uma)\\s+)?${W}`,
      "gu",
    ),
    demand: new RegExp(
      `(?<![\\p{L}])(?:inclua|mencione|coloque|indique|adicione|cite|informe)\\s+(?:sempre\\s+)?(?:(?:o|a|os|as|um|uma)\\s+)?${W}`,
      "gu",
    ),
    case: /(?<![\p{L}])(?:se|quando|caso)(?![\p{L}])/u,
  },
  {
    // French
    forbid: new RegExp(
      `(?<![\\p{L}])(?:ne |n')(?:mentionne|cite|inclus|indique|donne|ajoute|mets)\\s+(?:jamais|pas|aucun|aucune)\\s+(?:(?:de|le|la|les|aucun|aucune)\\s+|d'|l')?${W}`,
      "gu",
    ),
    demand: new RegExp(
      `(?<![\\p{L}])(?:mentionne|cite|inclus|indique|donne|ajoute|mets)\\s+(?:toujours\\s+)?(?:(?:le|la|les|un|une)\\s+|l')?${W}`,
      "gu",
    ),
    case: /(?<![\p{L}])(?:si|quand|lorsque|lorsqu'|au cas où)(?![\p{L}])/u,
  },
];
/** Words that end the thing's name: prepositions, conjunctions, adverbs of place and time. */
const STOP =
  /^(?:di|del|della|dello|dei|delle|nel|nella|nell|in|per|con|su|da|e|o|ed|de|en|con|para|por|y|al|no|na|do|da|dos|das|em|com|ou|pour|dans|avec|sur|et|ou|du|des|au|aux|à|ben|bien|bem|sempre|siempre|toujours|mai|nunca|jamais|anche|también|também|aussi|qui|aquí|aqui|ici|subito|ora|now)$/;

function thing(m: RegExpMatchArray): string[] {
  const first = m[1]!.toLowerCase();
  const second = m[2]?.toLowerCase();
  return second && !STOP.test(second) ? [first, second] : [first];
}

interface Said {
  thing: string[];
  span: Span;
  sentence: number;
}

const LEFT_OUT_AND_PUT_IN: ClashMessage = [
  "leaves a thing out and also asks to put it in",
  "Decide whether the text includes it; if only in one place or case, say which.",
];

export const FOREIGN_WITHHELD_CONTRADICTIONS: Rule = {
  id: "PF316",
  kind: "contradiction",
  severity: "warning",
  description:
    'In Italian, Spanish, Portuguese and French: a thing left out and put in by two instructions ("Non includere nessun codice sconto" … "Inserisci il codice sconto").',
  check(ctx: RuleContext): Finding[] {
    if (!ctx.partial) return [];
    const { doc } = ctx;
    for (const lang of LANGUAGES) {
      const forbidden: Said[] = [];
      const asked: Said[] = [];
      for (const { si, s, lower } of instructionSentences(doc)) {
        if (lang.case.test(lower)) continue;
        for (const [into, re] of [
          [forbidden, lang.forbid],
          [asked, lang.demand],
        ] as const)
          for (const m of lower.matchAll(re)) {
            const at = s.start + m.index!;
            if (doc.mask[at] === MASK_CONTENT || STOP.test(m[1]!)) continue;
            // the demand side must not sit inside its own negation ("non includere" contains "includere")
            if (
              into === asked &&
              /(?:non|no|não|nunca|ne|n')\s+$/.test(lower.slice(Math.max(0, m.index! - 6), m.index!))
            )
              continue;
            into.push({ thing: thing(m), span: { start: at, end: at + m[0].length }, sentence: si });
          }
      }
      for (const f of forbidden)
        for (const a of asked) {
          if (a.sentence === f.sentence || a.thing.length !== f.thing.length) continue;
          if (!a.thing.every((w, i) => w === f.thing[i])) continue;
          return [
            clashFinding(FOREIGN_WITHHELD_CONTRADICTIONS, doc.text, LEFT_OUT_AND_PUT_IN, f.span, a.span),
          ];
        }
    }
    return [];
  },
};
