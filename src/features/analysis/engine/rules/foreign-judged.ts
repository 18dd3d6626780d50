// Judgements asked for in the languages foreign-context.ts reads, whose findings can take any shape, so
// the answer's form is open unless stated (PF201): an evaluation ("Evalúa mi idea de negocio",
// "Bewerte meine Geschäftsidee", "Оцени мою бизнес-идею"), an opinion on something handed over ("dime qué
// opinas", "sag mir, was du davon hältst", "cosa ne pensi"), or a check for risks ("Проверь договор на
// риски", "Prüfe den Vertrag auf Risiken"). A score, a scale or a rubric shapes the judgement; a
// yes-or-no question or code is read by foreign-context.ts as answering in its own form.

const B = "(?<![\\p{L}])";
const E = "(?![\\p{L}])";

/** "Evaluate", "assess", in the imperative. */
const EVALUATE = `${B}(?:évalue[zs]?|evalúa(?:me)?|evalúe|avalie|avalia|valuta|valutate|bewerte|bewerten sie|beurteile|beoordeel|evalueer|değerlendir\\p{L}*|оцени(?:те)?|oceń|ocen\\p{L}*)${E}|评估一下|评估|评价一下|評価して|評価してください|평가해`;
/** "Tell me what you think (of it)". */
const OPINION = `${B}(?:dime qu[eé] (?:opinas|piensas)|qu[eé] opinas|dis-moi ce que tu en penses|qu['’]en penses-tu|was hältst du|was du (?:\\p{L}+ ){0,3}hältst|dimmi cosa ne pensi|cosa ne pensi|me diga o que (?:você )?acha|o que (?:você )?acha|wat vind je|(?:что|как) (?:ты )?(?:думаешь|считаешь)|co (?:o tym )?myślisz|ne düşünüyorsun)${E}|你觉得怎么样|你怎么看|どう思う|어떻게 생각해`;
/** "Check … for risks": the verb, then the risks within the sentence. */
const CHECK = `${B}(?:prüfe|überprüfe|проверь(?:те)?|sprawdź|vérifie|revisa|verifica|controlla|controleer|kontrol et)${E}`;
const RISKS = `${B}(?:risiken|risikos?|риск\\p{L}*|уязвимост\\p{L}*|ryzyk\\p{L}*|risques|riesgos|riscos|rischi|risico'?s|riskler\\p{L}*|schwachstellen|failles|puntos débiles|pontos fracos|punti deboli)${E}|风险|リスク|위험`;
/** A score, a scale or a rubric: "de 1 a 10", "von 1 bis 5", "/10", "critères", "Punkte". */
const SHAPED = `\\d+\\s*(?:-|–|a|al|à|au|alla|bis|до|tot|ile|to|e)\\s*\\d+|/\\s*(?:5|10|20|100)${E}|${B}(?:rúbrica|rubrique|rubrica|rubriek|critères|criterios|critérios|criteri|kriterien|criteria|critera|критери\\p{L}*|kryteri\\p{L}*|kriter\\p{L}*|puntuación|punteggio|pontuação|punkte|punten|баллов|puan|note sur|nota de)${E}|评分|打分|点数|점수`;

/** A choice between options asked with the opinion ("qué opinas, ¿es mejor alquilar o comprar?"): a verdict. */
const CHOICE = `${B}(?:mejor|melhor|miglior\\p{L}*|meglio|besser\\p{L}*|beter|meilleur\\p{L}*|mieux|лучше|lepsz\\p{L}*|lepiej|daha iyi)${E}|¿|更好|还是|どっち|どちら|어느`;
const CHOICE_RE = new RegExp(CHOICE, "iu");
const EVALUATE_RE = new RegExp(EVALUATE, "iu");
const OPINION_RE = new RegExp(OPINION, "iu");
const CHECK_RE = new RegExp(CHECK, "iu");
const RISKS_RE = new RegExp(RISKS, "iu");
const SHAPED_RE = new RegExp(SHAPED, "iu");

/** Whether the whole text gives a score, a scale or a rubric; read once per text, and only when asked. */
export function shapedJudgement(lower: string): () => boolean {
  let shaped: boolean | undefined;
  return () => {
    shaped ??= SHAPED_RE.test(lower);
    return shaped;
  };
}

/** True when the sentence asks for a judgement in no shape of its own (`shaped`: the text has a score or rubric). */
export function judgementAsked(sentence: string, shaped: () => boolean): boolean {
  const asked =
    EVALUATE_RE.test(sentence) ||
    (OPINION_RE.test(sentence) && !CHOICE_RE.test(sentence)) ||
    (CHECK_RE.test(sentence) && RISKS_RE.test(sentence));
  return asked && !shaped();
}
