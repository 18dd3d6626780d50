// Vague quantifiers and judgements (PF103, PF104) in short prompts written in Spanish, Portuguese, Italian,
// French, German, Dutch, Polish, Turkish, Russian, Chinese, Japanese or Korean, where the English reading of
// vague.ts does not run. A short request is nearly all ask, so a vague word in it bears on what is asked
// for: "Escribe algunos consejos … Que sean buenos", "Schreib ein paar gute Tipps", "いい感じにいくつか考えて",
// "Rendilo un po' più breve". The labelling guide's exceptions carry over: a number close after an amount
// ("algunos (3–5) ejemplos"), a length in numbers anywhere for "short", a word inside a condition ("si el
// cliente pide algo"), a greeting ("buenos días", "guten Tag"), the best of given things ("el mejor"), the
// turns of a pasted chat or fields of an example, and long specifications, where one vague word among many
// demands is not what a careful reviewer raises.

import type { Finding, Span } from "../types.js";
import type { RuleContext } from "./context.js";
import { reportVague } from "./vague-finding.js";

/** Past this much instruction text a prompt is a specification (as SPECIFICATION_CHARS in vague.ts, tighter). */
const SPECIFICATION_CHARS = 300;

const L = "\\p{L}";
/** Amounts that leave the count open: "algunos", "qualche", "ein paar", "kilka", "birkaç", "несколько". */
const AMOUNT = [
  "algun[oa]s|unos cuantos|unas cuantas|un par de|varios|varias",
  "alguns|algumas|uns quantos|umas quantas|um par de|vários|várias",
  "qualche|alcuni|alcune|un paio di|diversi|diverse|vari|varie",
  "quelques|plusieurs|divers|diverses",
  "einige|einigen|einiger|ein paar|mehrere|mehreren|verschiedene",
  "enkele|een paar|een aantal|verschillende",
  "kilka|kilku|parę|paru",
  "birkaç|bazı",
  "несколько|пару",
].join("|");
/** Quality words that say nothing measurable: "buenos", "bonito", "gute", "fajnych", "güzel", "хороший". */
const QUALITY = [
  "buen[oa]s?|buen|bonit[oa]s?|interesantes?|adecuad[oa]s?|apropiad[oa]s?|mejor|mejores|atractiv[oa]s?|chul[oa]s?|llamativ[oa]s?",
  "bom|boa|bons|boas|bonit[oa]s?|interessantes?|adequad[oa]s?|apropriad[oa]s?|melhor|melhores|atraentes?|bacanas?",
  "buon[oaie]?|bell[oaie]|interessant[ei]|adatt[oaie]|appropriat[oaie]|miglior[ei]?|meglio|accattivant[ei]|carin[oaie]",
  "bon|bonne|bons|bonnes|beau|belle|beaux|belles|intéressant[es]{0,2}|approprié[es]{0,2}|adapté[es]{0,2}|meilleur[es]{0,2}|mieux|sympas?|accrocheu(?:r|rs|se|ses)",
  "gute[nrs]?|schöne[nrs]?|interessante[nrs]?|passende[nrs]?|angemessene[nrs]?|bessere[nrs]?|besser|ansprechende[nrs]?|coole[nrs]?|tolle[nrs]?",
  "goede|mooie?|leuke?|interessante|betere?|passende",
  // (Polish by its adjective endings: "dobro" is Portuguese "double")
  "(?:dobr|fajn|ciekaw|lepsz|ładn)(?:y|a|e|ych|ymi|ym|ego|ej|ą)|lepiej|odpowiedni(?:a|e|ch|ego|ej|ą)?",
  "iyi|güzel|ilginç|uygun|hoş|harika|etkileyici",
  `хорош${L}*|интересн${L}*|красив${L}*|подходящ${L}*|лучше|получше|классн${L}*`,
].join("|");
/** "Short" with no length: said of the answer it leaves the length to a guess ("Keep it short."). */
const LENGTH = [
  "cort[oa]s?|breves?|curt[oa]s?|brev[ei]|court[es]{0,2}|brève|bref|kurze?[nrs]?|kurz|knapp|kort|korte",
  `krótk${L}*|krótko|kısa|kısaca|коротк${L}*|кратк${L}*`,
].join("|");
/** "Recent" with no time span: "recientes", "aktuellen", "son" is left out (Turkish "last" and French "his"). */
const RECENT = `recientes?|recentes?|récent[es]{0,2}|recenti|aktuelle[nrs]?|recente|ostatni${L}*|недавн${L}*`;

const LATIN_RE = new RegExp(
  // (not the first part of a compound: "boas-vindas" is "welcome")
  `(?<![\\p{L}\\p{N}])(?:(${AMOUNT})|(${QUALITY})|(${LENGTH})|(${RECENT}))(?![\\p{L}\\p{N}'’-])`,
  "giu",
);

/** Chinese, Japanese and Korean vague words (no spaces to bound them: each is long enough to be itself). */
const CJK_AMOUNT = "一些|几个|几条|几点|几句|若干|いくつか|何個か|몇 가지|몇 개|몇가지|몇개|몇몇";
const CJK_QUALITY =
  "好一点|更好|好看的|有趣的|精彩的|吸引人的|合适的|不错的|いい感じ|良い感じ|いいもの|良いもの|もっと良く|もっといい|より良く|より良い|素敵な|すてきな|おしゃれな|かっこいい|좋게|좋은|멋진|괜찮은|재미있는|적절한";
const CJK_LENGTH = "简短|简洁|短一点|短一些|短め|短く|簡潔に|짧게|간단하게|간단히|간결하게";
// (not "more polite" or "softer": a direction of register needs no amount, as "a bit more formal" in English)
const CJK_DEGREE =
  "(?:もう)?(?:少し|ちょっと)(?:だけ)?(?:短|長|詳し|簡単|良|分かりやす|わかりやす)|稍微|(?:조금|좀) 더";
// (not "최근에": "recently", dating something the user did, as in "최근에 읽은 책", the book they read lately)
const CJK_RECENT = "最近の|最近的|최근(?!에)";
const CJK_RE = new RegExp(
  `(${CJK_AMOUNT})|(${CJK_QUALITY})|(${CJK_LENGTH})|(${CJK_RECENT})|(${CJK_DEGREE})`,
  "g",
);

/** "A bit" before a comparative or a verb of change: "un po' più breve", "biraz daha kısalt", "etwas kürzer". */
// (alone, the degree word must close its clause, bearing on the verb: "accorcialo un po'." — "un peu
// technique" describes)
const DEGREE_RE =
  /(?<![\p{L}\p{N}])(?:un poco (?:más|mas)|un pouco mais|un po['’] più|un peu plus|(?:etwas|ein bisschen|een beetje|iets) (?!(?:leider|wieder|oder|aber|immer|über|unter|weiter|hier|später|vorher|sicher|anders|verder|later|eerder|zeker|ander)(?![\p{L}]))(?:\p{L}+er|mehr|meer)|trochę (?:bardziej|\p{L}+ej)|biraz daha|немного (?:\p{L}+ее|\p{L}+е)|чуть (?:\p{L}+ее|\p{L}+е)|(?:un poco|un pouco|un po['’]|un peu|ein bisschen|een beetje|trochę|biraz|немного|чуть-чуть)(?=\s*(?:[,.;!?)]|$)))(?![\p{L}\p{N}])/giu;

/**
 * Words of register or manner after "a bit more" ("biraz daha resmi", "un po' più formale"): a direction of
 * style the writer can judge, which the English reading leaves alone ("make it a bit more formal").
 */
const REGISTER_AFTER_RE =
  /^\s*(?:formal\p{L}*|förmlich\p{L}*|formell\p{L}*|formeel\p{L}*|formaln\p{L}*|formel\p{L}*|resmi|ciddi|kibar|samimi|profesyonel|professional\p{L}*|profesional\p{L}*|profissional\p{L}*|professionnel\p{L}*|professionell\p{L}*|profesjonaln\p{L}*|informal\p{L}*|informel\p{L}*|amichevol\p{L}*|amical\p{L}*|amistos\p{L}*|amigável|freundlich\p{L}*|vriendelijk\p{L}*|uprzejm\p{L}*|cortes\p{L}*|courtois\p{L}*|höflich\p{L}*|beleefd\p{L}*|официальн\p{L}*|вежлив\p{L}*|серьёзн\p{L}*|серьезн\p{L}*)(?![\p{L}])/iu;
/** A noun of tone or style just before a length word: "语气简洁" describes the style, not the answer's length. */
const STYLE_BEFORE_RE =
  /(?:语气|語氣|语言|語言|文风|文風|风格|風格|口吻|语调|語調|口調|文体|文體|トーン|말투|어조|문체|톤)\s*(?:要|应|應|上|保持|は|が|を|은|는|이|가)?\s*$/u;

/** Words that open a condition: the vague word after one is what a user brings, not what is asked for. */
const CONDITION_RE =
  /(?<![\p{L}])(?:si|cuando|wenn|falls|se|quando|als|indien|jeśli|jeżeli|gdy|eğer|если|когда|como|wie|comme|come|jak|как)(?![\p{L}])|如果|もし|만약/iu;
/** A greeting or set phrase ("buenos días", "guten Tag", "bon courage", "dzień dobry", "iyi günler"). */
const SET_PHRASE_RE =
  /^(?:\p{L}+ (?:suerte|sorte|fortuna|şanslar)|\p{L}+ (?:bir |un |una |une |einen |ein )?(?:tag|tages|abend|morgen|wochenende|días?|dias?|jour|journée|giorno|giornata|gün|günler|dzień|день|дня|вечер|weekend|fin de semana|fim de semana|week-end)(?![\p{L}])|buen[oa]s? (?:días|tardes|noches)|bo[am] (?:dia|tarde|noite)|bon(?:ne)? (?:journée|courage|chance|soirée|appétit)|bien sûr|gute[nr]? (?:tag|morgen|abend|reise|besserung)|buon[a]? (?:giornata|lavoro|serata|appetito)|iyi (?:günler|akşamlar|çalışmalar|geceler)|dobr\p{L}* (?:dzień|wieczór)|goede(?:n)? (?:dag|morgen|middag)|хорош\p{L}* (?:день|дня|вечер))/iu;
/** An article before "best/better": the best of given things ("el mejor", "die beste"), a choice, not a quality left open. */
const CHOICE_BEFORE_RE =
  /(?:^|[^\p{L}])(?:el|la|lo|los|las|o|a|os|as|il|le|les|der|die|das|den|dem|het|de)\s+$/iu;
const COMPARATIVE_RE =
  /^(?:mejor|mejores|melhor|melhores|miglior[ei]?|meglio|meilleur[es]{0,2}|mieux|bessere?[nrs]?|besser|betere?|lepsz\p{L}*|lepiej|лучше|получше)$/iu;
const ALTERNATIVE_RE =
  /[?？]|(?<![\p{L}])(?:o|ou|oder|of|czy|или|veya|yoksa)(?![\p{L}])|还是|或者|それとも|아니면/iu;
const MORE_BEFORE_RE =
  /(?:(?<![\p{L}])(?:más|mas|plus|più|mais|meer|bardziej|daha|более)\s+$)|(?:더|もっと|更)\s*$/iu;
const PURPOSE_BEFORE_RE =
  /(?<![\p{L}])(?:para|pra|per|pour|um|zu|om|aby|żeby|için|чтобы)(?:\s+\p{L}+){0,2}\s+$/iu;
/** A clause opening with a subject and "be" or "have", or Romance "we have", "I am": a fact, not a request. */
const FACT_CLAUSE_RE =
  /(?:^\s*|[,;:]\s*|\s(?:y|e|et|und|en|i|ve|и)\s+)(?:(?:wir|ich|du|sie|es|nous|je|tu|vous|il|elle|on|nosotros|yo|tú|usted|noi|io|tu|nós|eu|você|ik|jij|u|het|my|ja|ty|biz|ben|sen|мы|я|это)\s+|\p{L}+\s+(?:\p{L}+\s+)?)?(?:hatten|haben|hatte|habe|hat|sind|bin|bist|ist|war|waren|es gibt|gibt es|hay|il y a|tiene|tienen|ont|ha|hanno|tem|têm|heeft|ma|mają|voici|voilà|aquí tienes|aquí están|aquí está|hier sind|hier ist|ecco|aqui estão|aqui está|hier zijn|hier is|oto|işte|вот|c['’]è|ci sono|er zijn|eres|es usted|tu es|vous êtes|sei|você é|jesteś|jesteście|ты|вы|avons|avions|ai|suis|sommes|est|était|tenemos|tengo|teníamos|somos|soy|era|abbiamo|ho|siamo|sono|è|temos|tenho|sou|é|hebben|hadden|zijn|mamy|jestem|jesteśmy|jest|у нас|есть)(?![\p{L}])[^,;:]*$/iu;
/** A question word before a judgement: a choice between given things, not a quality left open. */
const WHICH_RE =
  /(?<![\p{L}])(?:qué|cu[áa]l\p{L}*|qual\p{L}*|quale|quali|quel\p{L}*|welche\p{L}*|welk\p{L}*|któr\p{L}*|jak\p{L}+|hangi|как\p{L}+|котор\p{L}*)(?![\p{L}])|哪|どの|どれ|어느|어떤/iu;
/** What a judgement is for, or its criterion, right after it. */
const CRITERION_AFTER_RE =
  /^\s*(?:[(（—–]|(?:para|pra|per|pour|für|voor|dla|için|для|se|si|wenn|falls|als|jeśli|eğer|если)(?![\p{L}]))|[:：]/iu;
/** A negation just before a judgement ("nicht so gut", "no muy bueno"): the writer about themselves, or a bound. */
const NEGATED_RE = /(?<![\p{L}])(?:nicht|no|non|pas|niet|nie|не|değil|não)(?:\s+\p{L}+)?\s+$/iu;
/** An article shortly before a length word: it sizes a genre ("eine kurze Einladung", "un texte court"). */
const ARTICLE_BEFORE_RE =
  /(?<![\p{L}])(?:un|una|uno|une|um|uma|ein|eine|einen|einem|einer|een)\s+(?:\p{L}+\s+)?$/iu;
/** Quoted text inside the instructions, one line at most. */
const QUOTED_RE = /«[^»\n]{0,400}»|“[^”\n]{0,400}”|„[^“”\n]{0,400}[“”]|"[^"\n]{0,400}"|「[^」\n]{0,400}」/g;
/** Labels of a chat turn or an example field: what follows is the example's, not the author's. */
const TURN_RE =
  /^\s*(?:[-*•]\s*)?(?:usuario|usuária|usuário|utilisateur|nutzer|benutzer|utente|gebruiker|użytkownik|kullanıcı|пользователь|asistente|assistente|assistant|assistent|asystent|ассистент|cliente|client|kunde|klant|klient|müşteri|клиент|bot|entrada|salida|saída|eingabe|ausgabe|entrée|sortie|invoer|uitvoer|ejemplo|exemplo|exemple|beispiel|esempio|voorbeeld|przykład|örnek|пример|q|a|p|r|用户|ユーザー|사용자|例|示例|입력|출력)\s*[:：]/iu;
/** A length in numbers, in the languages above: "150 palabras", "drei Sätze", "两句话", "3文以内". */
const NUMERIC_LENGTH_RE =
  /(?:\d+|(?<![\p{L}])(?:una|dos|tres|cuatro|cinco|um|uma|dois|duas|três|uno|due|tre|quattro|cinque|ein|eine|einen|zwei|drei|vier|fünf|un|une|deux|trois|quatre|cinq|een|twee|drie|vijf|jeden|jedno|dwa|dwie|trzy|bir|iki|üç|dört|beş|одн\p{L}*|два|две|три))\s?(?:palabras?|frases?|oraciones?|líneas?|párrafos?|palavras?|linhas?|parágrafos?|parole|righe|paragrafi|mots?|phrases?|lignes?|paragraphes?|wörter|worte|sätzen?|zeilen?|absätzen?|absatz|woorden|zinnen|regels?|alinea|słów|zda\p{L}*|lini\p{L}*|akapit\p{L}*|kelime|cümle|satır|paragraf|слов\p{L}*|предложени\p{L}*|строк\p{L}*|абзац\p{L}*|caracteres|caractères|zeichen|karakter|знак\p{L}*|символ\p{L}*)(?![\p{L}])|[\d一二两三四五六七八九十]+\s?(?:个字|字|句|段|行|条|文字|文|行|자|글자|단어|문장|줄)/iu;

/** The sentences of the instructions (material is blanked), as [start, end) offsets. */
function sentencesOf(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /[^.!?。！？\n]+/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text))
    if (m[0].trim() !== "") out.push([m.index, m.index + m[0].length]);
  return out;
}

export function foreignVague({ doc }: RuleContext, out: Finding[]): void {
  const text = doc.instructionText;
  // a prompt that asks for nothing leaves nothing of an answer open (its finding is "no task")
  if (text.trim().length > SPECIFICATION_CHARS || out.some((f) => f.kind === "no_task")) return;
  const lengthGiven = NUMERIC_LENGTH_RE.test(text);
  // quoted text in the instructions ("« Les résultat sont bonne »") is material to work on
  const quoted: Span[] = [];
  for (const m of text.matchAll(QUOTED_RE)) quoted.push({ start: m.index, end: m.index + m[0].length });
  const amounts: Span[] = [];
  const qualities: Span[] = [];
  for (const [s, e] of sentencesOf(text)) {
    const sentence = text.slice(s, e);
    if (TURN_RE.test(sentence)) continue;
    const consider = (
      at: number,
      word: string,
      kind: "amount" | "quality" | "length" | "recent" | "degree",
    ) => {
      const before = sentence.slice(0, at);
      // a condition opening within a few words before ("si el cliente pide algunos", "wenn etwas fehlt")
      if (CONDITION_RE.test(before.slice(-40))) return;
      // a clause stating a fact of the writer's ("Wir hatten viele tolle Bewerbungen", "Tenemos algunos clientes")
      if (FACT_CLAUSE_RE.test(before)) return;
      const after = sentence.slice(at + word.length);
      if (kind === "amount") {
        // a number close after bounds the amount ("algunos (3–5) ejemplos", "einige, höchstens 5")
        if (/^\s*(?:[(（:：,，-]\s*)?(?:\p{L}+\s+){0,2}\(?\d/u.test(after)) return;
      } else if (kind === "quality") {
        if (SET_PHRASE_RE.test(sentence.slice(at))) return;
        // "la bonne réponse", "el mejor": the right one or the best of given things, not a quality left open;
        // "para entender mejor": a purpose, not a demand on the answer
        if (CHOICE_BEFORE_RE.test(before) || PURPOSE_BEFORE_RE.test(before)) return;
        // "¿Es mejor alquilar o comprar?": a comparison between given options
        if (COMPARATIVE_RE.test(word) && ALTERNATIVE_RE.test(sentence)) return;
        // a choice between given things ("qué raza es buena", "какой сорт лучше") or a criterion right after
        // it ("buenos: de menos de 60 caracteres", "buena para un piso pequeño")
        if (WHICH_RE.test(before) || CRITERION_AFTER_RE.test(after) || NEGATED_RE.test(before)) return;
      } else if (kind === "degree") {
        if (REGISTER_AFTER_RE.test(after)) return;
      } else if (kind === "length") {
        // a genre's size ("eine kurze Einladung", "un correo breve", "简短的介绍") is not a length left open
        // (and Turkish puts its article after the adjective: "kısa bir gerekçe", "a short reason")
        if (lengthGiven || ARTICLE_BEFORE_RE.test(before) || /^(?:[的のな한인]|\s+bir\s)/u.test(after))
          return;
        // "语气简洁自然" ("a concise, natural tone"): a style, not a length
        if (STYLE_BEFORE_RE.test(before)) return;
        // "más corto", "plus court", "더 짧게": shorter than the draft, a direction the labelling guide leaves alone
        if (MORE_BEFORE_RE.test(before)) return;
      }
      const span = { start: s + at, end: s + at + word.length };
      if (quoted.some((q) => span.start >= q.start && span.end <= q.end)) return;
      (kind === "amount" || kind === "recent" ? amounts : qualities).push(span);
    };
    LATIN_RE.lastIndex = 0;
    for (let m = LATIN_RE.exec(sentence); m !== null; m = LATIN_RE.exec(sentence))
      consider(m.index, m[0], m[1] ? "amount" : m[2] ? "quality" : m[3] ? "length" : "recent");
    DEGREE_RE.lastIndex = 0;
    for (let m = DEGREE_RE.exec(sentence); m !== null; m = DEGREE_RE.exec(sentence))
      consider(m.index, m[0], "degree");
    CJK_RE.lastIndex = 0;
    for (let m = CJK_RE.exec(sentence); m !== null; m = CJK_RE.exec(sentence))
      // "这几个" ("these few"): things already named
      if (!/[这那這]$/.test(sentence.slice(0, m.index)))
        consider(m.index, m[0], m[1] ? "amount" : m[2] || m[5] ? "quality" : m[3] ? "length" : "recent");
  }
  reportVague(out, doc, "PF107", "amount", amounts);
  reportVague(out, doc, "PF107", "judgement", qualities);
}
