// Length bounds in the languages PF308 reads (German, French, Spanish, Italian, Portuguese, Dutch, Polish,
// Turkish, Korean): a ceiling or a floor on words, sentences, paragraphs, lines or characters, written with
// a number or a small number word ("höchstens zwei Sätze", "50 mots maximum", "au moins trois
// paragraphes", "maks. 100 słów", "90자 이내"), and a long answer asked for in words ("erkläre
// ausführlich", "en detalle"). The bounds are the English rules' LengthBound, compared with boundsClash.
import { matchesOf } from "../text.js";
import type { LengthBound } from "./contradiction-lengths.js";

const NUMBER_WORDS: Record<string, number> = {};
for (const [n, words] of [
  [1, "ein eine einen einem einer un une uno una um uma een één jeden jedno jedną jednego bir"],
  [2, "zwei deux dos due dois duas twee dwa dwie dwóch iki"],
  [3, "drei trois tres tre três drie trzy trzech üç"],
  [4, "vier quatre cuatro quattro quatro cztery czterech dört"],
  [5, "fünf cinq cinco cinque vijf pięć pięciu beş"],
  [6, "sechs six seis sei zes sześć altı"],
  [7, "sieben sept siete sette sete zeven siedem yedi"],
  [8, "acht huit ocho otto oito osiem sekiz"],
  [9, "neun neuf nueve nove negen dziewięć dokuz"],
  [10, "zehn dix diez dieci dez tien dziesięć on"],
] as const)
  for (const w of words.split(" ")) NUMBER_WORDS[w] = n;
const NUM = `(\\d[\\d.,]*|${Object.keys(NUMBER_WORDS).join("|")})`;

/** Unit words, each to the English unit the comparison tables know. */
const UNITS: ReadonlyArray<[string, RegExp]> = [
  [
    "word",
    /^(?:wörter|wörtern|worte|mots?|palabras?|parole|parola|palavras?|woorden|woord|słów|słowa|słowo|kelime\p{L}*)/u,
  ],
  [
    "sentence",
    /^(?:sätze|sätzen|satz|phrases?|frases?|frasi|zinnen|zin|zdań|zdania|zdanie|zdaniach|cümle\p{L}*)/u,
  ],
  [
    "paragraph",
    /^(?:absätze|absätzen|absatz|abschnitte|paragraphes?|párrafos?|paragrafi|paragrafo|parágrafos?|alinea's|alinea|akapit\p{L}*|paragraf\p{L}*)/u,
  ],
  ["line", /^(?:zeilen?|lignes?|líneas?|righe|riga|linhas?|regels?|linii|linijek|satır\p{L}*)/u],
  ["character", /^(?:zeichen|caractères|caracteres|caratteri|tekens|znaków|karakter)/],
];
const UNIT =
  "(wörter|wörtern|worte|mots?|palabras?|parole|parola|palavras?|woorden|woord|słów|słowa|słowo|kelime\\p{L}*|sätze|sätzen|satz|phrases?|frases?|frasi|zinnen|zin|zdań|zdania|zdanie|zdaniach|cümle\\p{L}*|absätze|absätzen|absatz|abschnitte|paragraphes?|párrafos?|paragrafi|paragrafo|parágrafos?|alinea's|alinea|akapit\\p{L}*|paragraf\\p{L}*|zeilen?|lignes?|líneas?|righe|riga|linhas?|regels?|linii|linijek|satır\\p{L}*|zeichen|caractères|caracteres|caratteri|tekens|znaków|karakter)";
const MAX_PRE =
  "(?:höchstens|maximal|max\\.?|maximum|maks\\.?|maksymalnie|nicht mehr als|weniger als|pas plus de|au maximum|au plus|moins de|no más de|como máximo|máximo|menos de|non più di|al massimo|massimo|meno di|no máximo|não mais (?:de|que)|menos de|niet meer dan|hoogstens|maximaal|minder dan|nie więcej niż|mniej niż|do|en fazla)";
const MAX_POST =
  "(?:maximum|max\\.?|au maximum|maximal|höchstens|como máximo|máximo|al massimo|massimo|no máximo|maximaal|maksymalnie|maks\\.?|(?:,\\s*)?jamais plus|(?:,\\s*)?pas plus|(?:,\\s*)?nicht mehr|(?:,\\s*)?nunca más|(?:,\\s*)?mai di più|(?:,\\s*)?nunca mais)";
const MIN_PRE =
  "(?:mindestens|wenigstens|au moins|au minimum|al menos|como mínimo|almeno|come minimo|pelo menos|no mínimo|minstens|minimaal|co najmniej|przynajmniej|en az)";
const MIN_POST =
  "(?:minimum|au minimum|mínimo|minimo|oder mehr|ou plus|o más|o più|ou mais|of meer|lub więcej)";
// one sentence, paragraph or line: "en une seule phrase", "in einem Absatz", "em um único parágrafo", "tek
// cümle"; without "in" or "only" it is often a part ("une phrase d'accroche"), so one of the two is required
const SINGLE_PRE =
  "(?:(?:in|en|em|w) (?:einem einzigen|einem|une seule|une|una sola|una única|una|uma única|uma só|uma|um único|um só|um|één|jednym|jednej)|une seule|einem einzigen|una sola|una única|uma única|uma só|um único|um só|tek(?: bir)?)";

const BEFORE_BOUND = `(?<![\\p{L}\\d])`;
const MAX_RE = new RegExp(`${BEFORE_BOUND}${MAX_PRE}\\s+${NUM}\\s+${UNIT}(?![\\p{L}])`, "giu");
const MAX_POST_RE = new RegExp(`${BEFORE_BOUND}${NUM}\\s+${UNIT}\\s+${MAX_POST}(?![\\p{L}])`, "giu");
const MIN_RE = new RegExp(`${BEFORE_BOUND}${MIN_PRE}\\s+(?:d[e']\\s*)?${NUM}\\s+${UNIT}(?![\\p{L}])`, "giu");
const MIN_POST_RE = new RegExp(`${BEFORE_BOUND}${NUM}\\s+${UNIT}\\s+${MIN_POST}(?![\\p{L}])`, "giu");
const SINGLE_RE = new RegExp(`${BEFORE_BOUND}${SINGLE_PRE}\\s+${UNIT}(?![\\p{L}])`, "giu");
// Korean counts characters: "90자 이내", "90자를 넘기지", "200자 이상"
const KO_MAX_RE = /(\d+)\s*자\s*(?:이내|이하|까지|를 넘(?:기|지)|을 넘(?:기|지))/gu;
const KO_MIN_RE = /(\d+)\s*자\s*이상/gu;
/** A long answer in words: "ausführlich", "en détail", "en detalle", "in dettaglio", "em detalhe". */
const LONG_RE =
  /(?<![\p{L}])(?:ausführlich\p{L}*|in aller ausführlichkeit|en détail|de (?:manière|façon) (?:détaillée|exhaustive)|réponse détaillée|en detalle|de forma (?:detallada|exhaustiva)|respuesta detallada|in dettaglio|in modo (?:dettagliato|esaustivo)|risposta dettagliata|em detalhe|de forma (?:detalhada|exaustiva)|resposta detalhada|uitgebreid|gedetailleerd|szczegółow\p{L}*|ayrıntılı|detaylı)(?![\p{L}])/giu;
/** "Chaque fiche", "jede Antwort", "cada título": the bound is on every one of a part. */
const EACH_RE =
  /(?<![\p{L}])(?:chaque|jede[rsnm]?|cada|ogni|elke|ieder(?:e)?|każd\p{L}*|her)\s+(\p{L}+)[^.!?\n]*$/iu;
/** A named part before the bound in its sentence ("Le titre : 10 mots maximum", "der Betreff höchstens …"). */
const PART_NOUN_RE =
  /(?<![\p{L}])(titre|titel|title|título|titolo|tytuł|başlık|überschrift|objet|betreff|asunto|oggetto|assunto|onderwerp|temat|konu|résumé|zusammenfassung|resumen|riassunto|resumo|samenvatting|streszczenie|özet|introduction|einleitung|introducción|introduzione|introdução|inleiding|wstęp|giriş|conclusion|fazit|schluss|conclusión|conclusione|conclusão|conclusie|zakończenie|sonuç|slogan|accroche|sous-titre|untertitel|subtítulo|sottotitolo|légende|bildunterschrift|didascalia|legenda|hashtags?|teaser|chapeau|intro|caption|bio)(?![\p{L}])/iu;
/** After the bound: the unit of a part ("zwei Sätze pro Punkt", "50 mots par fiche", "una frase por idea"). */
const PER_AFTER_RE =
  /^\s*(?:pro|par|por|per|je|para cada|por cada|pour chaque|für jede[nrs]?|per ogni|voor elke?|na|dla każd\p{L}*|her)(?![\p{L}])/iu;
/** A second deliverable of its own ("en un correo aparte", "dans un e-mail séparé", "in einer separaten Mail"). */
const DELIVERABLE =
  "(?:correo|e-?mail|mail|message|mensaje|messaggio|mensagem|nachricht|bericht|documento?|dokument|fichier|datei|archivo|file|post|beitrag|article|artículo|articolo|artigo|artikel|brief|lettre|carta|lettera|wiadomoś\\p{L}*|mesaj)";
const SEPARATE_RE = new RegExp(
  `(?<![\\p{L}])(?:${DELIVERABLE}\\s+(?:\\p{L}+\\s+)?(?:aparte|séparée?|à part|separat[oa]?|a parte|separad[oa]|à parte|apart|afzonderlijk|osobn\\p{L}*|oddzieln\\p{L}*|ayrı)|(?:separaten|gesonderten|eigenen|zweite[nm]?|separate|séparée?|distint[oa]|outr[oa]|otr[oa]|altr[oa]|autre|second[oae]?|segund[oa]|tweede|drug\\p{L}*)\\s+${DELIVERABLE})(?![\\p{L}])`,
  "iu",
);
/** Parts that are the answer itself: a bound on each answer is a bound on the answer. */
const ANSWER_PART =
  /^(?:antwort|réponse|respuesta|risposta|resposta|antwoord|odpowied\p{L}*|yanıt|cevap|nachricht|message|mensaje|messaggio|mensagem|bericht|wiadomoś\p{L}*|mesaj)$/iu;

function numberOf(x: string): number {
  const w = NUMBER_WORDS[x.toLowerCase()];
  return w ?? Number(x.replace(/[.,]/g, ""));
}

function unitOf(word: string): string {
  const w = word.toLowerCase();
  for (const [unit, re] of UNITS) if (re.test(w)) return unit;
  return "word";
}

/** How far before (and after) a bound its part is looked for, and how many bounds one sentence keeps. */
const LEAD_WINDOW = 200;
const MAX_BOUNDS = 16;

/** Every length bound in one sentence of a prompt in one of the languages above. */
export function foreignLengthBounds(sentence: string): LengthBound[] {
  const out: LengthBound[] = [];
  const taken: Array<[number, number]> = [];
  // read once per sentence, and each bound's lead-in and tail within a window, so that a sentence of many
  // bounds costs time in proportion to its length (at most MAX_BOUNDS are kept)
  const separate = SEPARATE_RE.test(sentence) ? "separate" : undefined;
  const add = (m: RegExpMatchArray, unit: string, min?: number, max?: number) => {
    const s = m.index!;
    const e = s + m[0].length;
    if (out.length >= MAX_BOUNDS || taken.some(([a, b]) => s < b && e > a)) return;
    if ((min !== undefined && Number.isNaN(min)) || (max !== undefined && Number.isNaN(max))) return;
    taken.push([s, e]);
    const before = sentence.slice(Math.max(0, s - LEAD_WINDOW), s);
    const each = EACH_RE.exec(before)?.[1]?.toLowerCase();
    const named = PART_NOUN_RE.exec(before)?.[1]?.toLowerCase();
    const per = PER_AFTER_RE.test(sentence.slice(e, e + LEAD_WINDOW)) ? "per" : undefined;
    const part = each && !ANSWER_PART.test(each) ? each : (named ?? per ?? separate);
    out.push({ index: s, length: e - s, unit, explicit: true, min, max, part });
  };
  for (const m of matchesOf(sentence, MAX_RE)) add(m, unitOf(m[2]!), undefined, numberOf(m[1]!));
  for (const m of matchesOf(sentence, MAX_POST_RE)) add(m, unitOf(m[2]!), undefined, numberOf(m[1]!));
  for (const m of matchesOf(sentence, MIN_RE)) add(m, unitOf(m[2]!), numberOf(m[1]!));
  for (const m of matchesOf(sentence, MIN_POST_RE)) add(m, unitOf(m[2]!), numberOf(m[1]!));
  for (const m of matchesOf(sentence, SINGLE_RE)) {
    const unit = unitOf(m[1]!);
    if (unit === "sentence" || unit === "paragraph" || unit === "line") add(m, unit, undefined, 1);
  }
  for (const m of matchesOf(sentence, KO_MAX_RE)) add(m, "cjk", undefined, Number(m[1]));
  for (const m of matchesOf(sentence, KO_MIN_RE)) add(m, "cjk", Number(m[1]));
  // more than a sentence or two, less than any count of words a prompt would cap "detailed" at
  for (const m of matchesOf(sentence, LONG_RE)) add(m, "word", 80);
  return out;
}
