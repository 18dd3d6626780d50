// A singular pronoun among several candidates in the other languages people write prompts in: "Voici les
// deux offres : Offre A … Offre B … Envoie-lui celle-là", "Ecco le due mail: Mail 1 … Mail 2 …
// Rispondigli", "Ниже два договора … Проверь его", "İki paragraf yazdım: 1) … 2) … Bu paragrafı kısalt".
// The English reading is in references.ts; the missing-material rule, which runs in every language, asks
// here once per prompt.
import { type Doc, MASK_INSTRUCTION } from "../text.js";
import type { Span } from "../types.js";

/** Two things announced by number: "les deux offres", "le due mail", "два договора", "İki paragraf". */
const TWO_ANNOUNCED_RE =
  /(?<![\p{L}])(?:deux|trois|dos|tres|zwei|drei|beiden|due|tre|dois|duas|três|iki|İki|üç|Üç|два|две|три|twee|drie)(?![\p{L}])|[二两兩三]つ?の?|[二两兩三](?:个|個|份|封|篇|段)/iu;
/**
 * A line that labels one candidate: "Offre A —", "Mail 2 —", "Договор 1 (", "Option B:", "1)" at a
 * line's start. Group 1 is the label's head word (empty for a bare number).
 */
const CANDIDATE_LINE_RE =
  /^[ \t]*(?:[-*•][ \t]*)?(?:(\p{L}[\p{L}-]*)[ \t]+(?:[A-D]|[1-4]|#[1-4])[ \t]*[:.)\-–—(]|[1-4][.)][ \t]+\S)/gmu;
/**
 * A singular object pronoun or demonstrative in a request: an imperative with its clitic, a pronoun after
 * an imperative, or a demonstrative and noun.
 */
const SINGULAR_REQUEST_RE =
  /-(?:le|la|lui)(?![\p{L}])|(?<![\p{L}])cel(?:le|ui)-(?:là|ci)(?![\p{L}])|(?<![\p{L}])(?:rispondi|scrivi|manda|invia|correggi|riscrivi|accorcia|migliora|controlla|traduci|riassumi|sistema)(?:gli|le|lo|la)(?![\p{L}])|(?<![\p{L}])(?:respónde|responde|contésta|contesta|escríbe|escribe|envía|envia|mánda|manda|corríge|corrige|reescríbe|acórta|mejóra|revísa|revisa|tradúce|resúme)(?:le|lo|la)(?![\p{L}])|(?<![\p{L}])(?:responde|responda|escreve|escreva|envia|envie|manda|mande|corrige|corrija|revisa|revise|resume|resuma)(?:-lhe|-o|-a| a (?:ele|ela)| para (?:ele|ela))(?![\p{L}])|(?<![\p{L}])(?:antworte|schreib|schreibe|schick|schicke|sende|korrigiere|kürze|prüfe|überarbeite|übersetze)\s+(?:ihm|ihr|ihn|es)(?![\p{L}])|(?<![\p{L}])(?:проверь|исправь|перепиши|сократи|улучши|переведи|ответь|напиши|отправь|посмотри|оцени)\s+(?:его|её|ее|ему|ей|это)(?![\p{L}])|(?<![\p{L}])(?:bunu|onu|ona)(?![\p{L}])|(?<![\p{L}])bu\s+\p{L}+(?:ı|i|u|ü|yı|yi|yu|yü)(?![\p{L}])|(?:それ|これ|あれ|彼女|彼)(?:を|に)|(?:把|将|將)?(?:它|这个|那个|這個|那個)(?:改|发|發|回|检查|檢查|翻译|翻譯|缩短|縮短)/iu;
/** Words that say which candidate, or all of them: "les deux", "la moins chère", "ambos", "beide", "оба". */
const PICKED_RE =
  /(?<![\p{L}])(?:deux|ambos|ambas|los dos|las dos|beide|beiden|entrambi|entrambe|tutti e due|os dois|as duas|her iki|ikisini|ikisi|оба|обе|обоих|chaque|cada|jede[nmrs]?|ogni|каждый|meilleure?|mejor|besser|migliore|melhor|лучш\p{L}*|moins ch[eè]re?|más barat[oa]|günstiger|più economic[oa]|mais barat[oa]|premi[eè]re?|second[e]?|primer[oa]?|segund[oa]|erste[nmrs]?|zweite[nmrs]?|prim[oa]|первы\p{L}*|втор\p{L}*|birinci|ikinci)(?![\p{L}])|両方|两个都|兩個都|都/iu;

/** The first singular pronoun in the closing request that could stand for any of two or more announced candidates. */
export function foreignPronounAmongCandidates(doc: Doc): Span | null {
  const { text } = doc;
  if (text.length >= 1500) return null;
  const paragraphs = text.trimEnd().split(/\n[ \t]*\n/);
  if (paragraphs.length < 2) return null;
  const request = paragraphs[paragraphs.length - 1]!;
  const requestStart = text.lastIndexOf(request);
  const before = text.slice(0, requestStart);
  // the candidates: two or more labelled lines of one head ("Offre A", "Offre B") or bare numbers, after
  // a line that counts them
  CANDIDATE_LINE_RE.lastIndex = 0;
  const heads = new Map<string, number>();
  for (const m of before.matchAll(CANDIDATE_LINE_RE)) {
    const head = (m[1] ?? "#").toLowerCase();
    heads.set(head, (heads.get(head) ?? 0) + 1);
  }
  if (![...heads.values()].some((n) => n >= 2) || !TWO_ANNOUNCED_RE.test(before.slice(0, 300))) return null;
  const m = SINGULAR_REQUEST_RE.exec(request);
  if (!m) return null;
  const at = requestStart + m.index;
  if (doc.mask[at] !== MASK_INSTRUCTION && doc.blocks.some((b) => b.start > at)) return null;
  // the request says which one, or means them all
  if (PICKED_RE.test(request) || /(?<![\p{L}\d])(?:[A-D]|[1-4])(?![\p{L}\d])/u.test(request)) return null;
  return { start: at, end: at + m[0].length };
}
