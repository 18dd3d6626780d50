// Who the answer is for (PF202), in the languages the English rules do not read. The labelling guide's
// cases, as people write them in French, Spanish, Portuguese, Italian, German, Dutch, Turkish, Russian,
// Polish, Chinese, Japanese and Korean:
// - an article, a blog post, an e-mail, a speech, a post, a newsletter, tips or ad copy asked for with
//   nobody to read it and no reason for it ("Escribe un artículo sobre la inflación.",
//   "Schrijf een e-mail over de nieuwe thuiswerkregeling.", "写一篇关于人工智能的文章");
// - a bare explanation ("Explica qué es el interés compuesto.", "Объясни общую теорию относительности."):
//   no reader, no level, no length.
// The answer's form (PF201) is read for the three shapes the English rule reads, each as narrowly: a bare
// explanation with no level, reader, material or form ("Explica qué es el interés compuesto."); an
// analysis verb handed data or a subject and no form ("Analise os dados abaixo e me diga o que você
// encontrar"), unless it answers a yes-or-no question or reviews code; a plan, report or strategy, or a
// text of no kind, asked to be made and given no form ("Prepara un piano di onboarding di 90 giorni").
// A reader or an occasion named after a preposition with its article ("pour les patients", "für unseren
// Vorstand", "面向新手"), a reason, a role, pasted material or a stated length or shape is context or form
// given. A purpose clause ("pour annoncer …", "para ahorrar dinero") says what the piece is about, not
// who reads it, and a channel ("per LinkedIn") is not a reader.

import type { Doc } from "../text.js";
import type { Finding, Span } from "../types.js";
import { finding } from "./catalogue.js";
import type { RuleContext } from "./context.js";
import { judgementAsked, shapedJudgement } from "./foreign-judged.js";
import { isRole } from "./missing-context.js";

const B = "(?<![\\p{L}])";
const E = "(?![\\p{L}])";

/** A verb asking for a piece to be written or made (stems: the forms vary by person and mood). */
const WRITE_VERB_RE = new RegExp(
  `${B}(?:écri\\p{L}*|rédig\\p{L}*|compose[zs]?|prépare[zs]?|escrib\\p{L}*|escrev\\p{L}*|redact\\p{L}*|redat\\p{L}*|redig\\p{L}*|prepar[ae]\\p{L}*|crea|crie|cria|scriv\\p{L}*|schreib\\p{L}*|verfass\\p{L}*|erstell\\p{L}*|schrijf|schrijv\\p{L}*|yaz|yazın|yazar mısın|hazırla\\p{L}*|напиши\\p{L}*|написать|составь\\p{L}*|подготовь\\p{L}*|napisz|przygotuj|zredaguj)${E}|写|撰写|起草|書いて|書く|作成|考えて|써\\s?줘|써\\s?주세요|작성`,
  "iu",
);
/** The reader-facing pieces: their tone, depth and what to leave out hang on who reads them. */
const READER_PIECE_RE = new RegExp(
  `${B}(?:text|texte|texto|testo|tekst|metin|текст|article|articles|billet|e-?mail|courriel|discours|post|posts|publication|newsletter|essai|leçon|conseils|annonce|artículo|artículos|entrada|correo|discurso|boletín|ensayo|lección|consejos|anuncio|artigo|artigos|publicação|dicas|conselhos|aula|articolo|articoli|discorso|saggio|lezione|consigli|annuncio|artikel|blogartikel|blogbeitrag|beitrag|rede|ansprache|aufsatz|tipps|ratschläge|ankündigung|blogpost|blog|toespraak|nieuwsbrief|aankondiging|makale|yazı|yazısı|e-posta|konuşma|bülten|ipuçları|duyuru|статью|статья|пост|письмо|речь|рассылку|эссе|советы|объявление|artykuł|wpis|przemówienie|esej|porady|ogłoszenie|explicación|explication|explicação|spiegazione|erklärung|uitleg|açıklama|chronique|columna|coluna|rubrica|kolumne|column|tribune)${E}|コラム|专栏|칼럼|文章|博客|博文|邮件|演讲|帖子|推文|建议|公告|記事|ブログ|メール|スピーチ|投稿|ニュースレター|エッセイ|アドバイス|お知らせ|기사|블로그|이메일|연설|게시물|뉴스레터|에세이|조언`,
  "iu",
);
/** "Explain …" opening the request; "Xについて教えて" / "介绍一下" ask for the same thing. */
const EXPLAIN_RE = new RegExp(
  `^(?:[\\p{L}\\s,]{0,20}?${B}(?:explique\\p{L}*|explica\\p{L}*|explíca\\p{L}*|erklär\\p{L}*|spiega\\p{L}*|leg uit|açıkla\\p{L}*|объясни\\p{L}*|wyjaśnij|wytłumacz)${E})|解释|説明して|설명해|について(?:[^。\\n]{0,12})教えて|介绍一下`,
  "iu",
);
/** A text of no kind at all ("Schreib mir einen Text über …"): nothing says its length or shape. */
const BARE_TEXT_RE = new RegExp(
  `${B}(?:einen text|un texte|un texto|um texto|un testo|een tekst|bir metin|текст)${E}`,
  "iu",
);
/** An analysis as the thing to make ("Mach eine Marktanalyse", "Haz un análisis de …"). */
const ANALYSIS_NOUN_RE = new RegExp(
  `${B}(?:analyse|análisis|análise|analisi|analiz|анализ|analizę|\\p{L}+analyse)${E}`,
  "iu",
);
/** An analysis asked for (an imperative of "analyse"): the request is here, and its form is judged. */
const ANALYSIS_RE = new RegExp(
  `${B}(?:analyse[zs]?|analiza|analice|analízame|analise|analisa|analisem|analizza\\p{L}*|analysier\\p{L}*|analyseer|analiz et|analiz edin|проанализиру\\p{L}*|przeanalizuj)${E}|分析一下|分析して|分析してください|请分析|分析这|分析下|분석해|분석하고|분석하여`,
  "iu",
);
const MAKE_VERB_RE = new RegExp(
  `${B}(?:fais|faites|haz|hágame|faça|faz|fai|fate|mach|macht|machen sie|maak|yap|сделай\\p{L}*|zrób|ułóż|opracuj|stwórz|составь|elabora|elabore|élabore|erarbeite|stel op)${E}`,
  "iu",
);
/** Documents whose parts and length the reader needs to know. */
const SHAPED_DOCUMENT_RE = new RegExp(
  `${B}(?:plan|plans|plano|rapport|informe|relatório|relazione|bericht|verslag|rapor|отчёт|отчет|raport|stratégie|estrategia|estratégia|strategia|strategie|strateji|стратеги\\p{L}*|feuille de route|hoja de ruta|roadmap|(?:un|il) piano|planos|planning|plán|план|плана|планом)${E}|计划|方案|报告|规划|計画|レポート|報告書|戦略|계획|보고서|전략`,
  "iu",
);
/**
 * A stated form or length: a count of words, sentences, lines or points, a table, a list, bullets,
 * sections, headings, a file type, or "short"/"at most".
 */
const FORM_GIVEN_RE = new RegExp(
  `${B}(?:en pocas palabras|en quelques mots|em poucas palavras|in poche parole|in wenigen worten|in een paar woorden|birkaç kelime\\p{L}*|в нескольких словах|w kilku słowach|avantages et inconvénients|pour et contre|pros y contras|ventajas y desventajas|prós e contras|vantagens e desvantagens|pro e contro|vantaggi e svantaggi|vor- und nachteile|voor- en nadelen|artı\\p{L}* ve eksi\\p{L}*|плюсы и минусы|wady i zalety|zalety i wady|réponds (?:par|en|uniquement|seulement)|responde (?:con|solo|solamente|únicamente)|responda (?:com|apenas|somente)|rispondi (?:con|solo|soltanto)|antworte (?:mit|nur)|antwoord (?:met|alleen)|ответь (?:одним|только|в)|odpowiedz (?:tylko|jednym))${E}|优缺点|利弊|メリットとデメリット|장단점|` +
    `\\d+\\s*(?:-\\s*\\d+\\s*)?(?:mots|palabras|palavras|parole|wörter\\p{L}*|woorden|kelime|слов\\p{L}*|słów|words|caractères|caracteres|caratteri|zeichen|tekens|karakter|символ\\p{L}*|znaków|frases|phrases|sätze\\p{L}*|zinnen|cümle|предложени\\p{L}*|zdań|lignes|líneas|linhas|righe|zeilen|regels|satır|строк\\p{L}*|linii|points|puntos|pontos|punti|punkte|madde|пункт\\p{L}*|punkt\\p{L}*|paragraphes|párrafos|parágrafos|paragrafi|absätze\\p{L}*|alinea\\p{L}*|paragraf|абзац\\p{L}*|akapit\\p{L}*|sections|secciones|seções|sezioni|abschnitt\\p{L}*|bölüm|раздел\\p{L}*|sekcj\\p{L}*|minutes|minutos|minuti|minuten|dakika|минут\\p{L}*|minut|pages?|páginas?|pagine|seiten|pagina's|sayfa|страниц\\p{L}*|stron\\p{L}*|parties|partes|parti|teile\\p{L}*|delen|kısım|част\\p{L}*|części|étapes|pasos|passos|passi|schritte\\p{L}*|stappen|adım|шаг\\p{L}*|krok\\p{L}*|字|文字|个|個|条|点|段|句|行|자|단어|문장|줄|개|가지|つ)|${B}(?:une?|deux|trois|quatre|cinq|un[oa]?|dos|tres|cuatro|cinco|um|uma|duas|três|due|tre|quattro|ein\\p{L}*|zwei|drei|vier|fünf|een|twee|drie|bir|iki|üç|один|одн\\p{L}*|два|две|три|jed\\p{L}*|dwa|dwie|trzy)\\s+(?:phrases?|frases?|parágrafos?|párrafos?|paragraphes?|paragrafi|sätze?n?|absätze?n?|zinnen|alinea's|cümle\\p{L}*|предложени\\p{L}*|абзац\\p{L}*|zdani\\p{L}*|akapit\\p{L}*|points?|puntos?|pontos?|punti|punkte?|lignes?|líneas?|linhas?|righe|zeilen?|regels?)|${B}(?:tableau|tabla|tabela|tabella|tabelle|tabel|tablo|таблиц\\p{L}*|liste|lista|listă|lijst|список\\p{L}*|puces|viñetas|tópicos|elenco puntato|stichpunkt\\p{L}*|opsomming|madde\\p{L}*|пункт\\p{L}*|punkt\\p{L}*|sections?|secciones|seções|sezioni|abschnitt\\p{L}*|zwischenüberschrift\\p{L}*|tussenkop\\p{L}*|titre|título|titolo|überschrift\\p{L}*|kop|başlık\\p{L}*|заголов\\p{L}*|nagłów\\p{L}*|json|csv|markdown|pdf|court|courte|bref|brève|breve|corto|curto|kurz\\p{L}*|kort|kısa|кратк\\p{L}*|коротк\\p{L}*|krótk\\p{L}*|max\\p{L}*|höchstens|massimo|máximo|maximaal|en détail|en profondeur|en profundidad|im detail|ausführlich|détaillé\\p{L}*|detallad\\p{L}*|detalhad\\p{L}*|dettagliat\\p{L}*|étape par étape|paso a paso|passo a passo|schritt für schritt|stap voor stap|adım adım|по шагам|пошагов\\p{L}*|krok po kroku)${E}|[一二三四五六七八九十两几][个条点段句行]|简短|简要|简洁|表格|列表|要点|标题|段落|字以内|不超过|以内|簡潔|箇条書き|見出し|表で|表に|段落|文字|짧게|간단히|표로|목록|제목|이내`,
  "iu",
);
/**
 * A reader, an occasion or a reason: a preposition of address with its article or possessive ("pour les
 * patients", "para mi jefa", "für unseren Vorstand", "voor de klanten"), "için", an audience or reader
 * named, a reason given, background labelled.
 */
const CONTEXT_RE = new RegExp(
  `${B}(?:(?:pour|à|(?<!(?:termine|terminer|termines|commence|commencer|commences|finit|finir|finis|conclut|conclure|ouvre|achève)\\s)par)\\s+(?:les|des|nos|mes|mon|ma|notre|un|une|la|le|l'|l’|tous|toutes|ceux)|(?:para|a)\\s+(?:los|las|el|la|mis|mi|nuestr\\p{L}*|tus|tu|un|una|uns|umas|os|as|o|meus|minhas|meu|minha|noss\\p{L}*|todos|todas|clientes|alumnos|alunos|estudiantes|estudantes)|(?:per|a)\\s+(?:i|gli|le|il|lo|la|l'|l’|un|una|uno|miei|mie|mio|mia|nostr\\p{L}*|tutti|clienti|studenti)|(?:ai|agli|alle|aux|aos|às)\\s+\\p{L}|(?:письмо|сообщение|обращение|поздравление|речь|пост)\\s+\\p{L}+(?:ам|ям|у|ю)|(?:für|an)\\s+(?:die|den|das|dem|unser\\p{L}*|mein\\p{L}*|ein\\p{L}*|alle|neue\\p{L}*|kunden|leser\\p{L}*|schüler\\p{L}*|studierende)|(?:voor|aan)\\s+(?:de|het|onze|ons|mijn|een|alle|nieuwe|klanten|lezers|studenten)|için|yönelik|hedef kitle|для|dla|destinataires?|destiné\\p{L}*|dirigid[oa]s?|destinad[oa]s?|destinat[oa]|rivolt[oa]|gericht|bestemd|public|público|pubblico|publiek|zielgruppe|doelgroep|audience|lecteurs?|lectores|leitores|lettori|leser\\p{L}*|lezers|okuyucu\\p{L}*|аудитори\\p{L}*|читател\\p{L}*|czytelni\\p{L}*|odbiorc\\p{L}*|parce que|car|porque|porqué|perché|poiché|weil|denn|omdat|want|çünkü|потому что|так как|ponieważ|bo|contexte|contexto|kontext|contesto|context|bağlam|контекст|kontekst|objectif|objetivo|obiettivo|ziel|doel|amaç|цель|cel)${E}|给[^。\\n]{1,12}(?:看|读|写|发)|面向|针对|受众|读者|目标|对象|用户|客户|员工|同事|学生|孩子|新手|初学者|家长|领导|因为|为了|背景|向け|宛て|宛に|理由は|対象|読者|ターゲット|お客様|顧客|社員|従業員|子ども|子供|初心者|小学生|上司|ために|ので|背景|대상|위한|위해|독자|고객|직원|학생|초보|에게|한테|께|때문|배경`,
  "iu",
);
/**
 * A reply to a message ("上記のメールに返信を書いて", "Réponds à ce message"): its reader is the one who wrote
 * the message, whatever the prompt says of them.
 */
const REPLY_RE = new RegExp(
  `${B}(?:réponse|réponds|répondez|respuesta|responde|responda|resposta|respondas|risposta|rispondi|antwort|antworte|antwortschreiben|antwoord|beantwoord|yanıt\\p{L}*|cevap\\p{L}*|ответ\\p{L}*|odpowied\\p{L}*)${E}|返信|返事|回复|回覆|답장|회신`,
  "iu",
);
/** Names of channels and platforms: where a piece appears, not who it is about or for. */
const CHANNEL_NAME_RE =
  /^(?:linkedin|instagram|facebook|tiktok|twitter|x|youtube|whatsapp|telegram|threads|pinterest|reddit|xing)$/i;
/**
 * Names and quoted titles that carry the context themselves ("our bakery in Porto Alegre, founded in 1987
 * by the Schneider family", "my shop, Pé de Moleque, in Curitiba"), as in the English rule: three or more,
 * besides the channel. German capitalises every noun, so there a capital says nothing.
 */
function namedDetails(doc: Doc, details: Span[], language: string | undefined): number {
  if (language === "de") return 0;
  const names = new Set<string>();
  for (const d of details) {
    const word = doc.text.slice(d.start, d.end);
    if (!/^["“«„']|^\p{Lu}/u.test(word) || CHANNEL_NAME_RE.test(word)) continue;
    names.add(word.toLowerCase());
  }
  return names.size;
}

/** A second, separate request joined on ("Y otra cosa:", "Et aussi", "另外"): a to-do list, not a brief. */
const SECOND_REQUEST_RE = new RegExp(
  `${B}(?:et aussi|et au passage|autre chose|y otra cosa|y también|e também|e inoltre|und außerdem|außerdem|en ook|ayrıca|а также|и ещё|i jeszcze|oraz)${E}|另外|还有|それと|あと、|그리고`,
  "iu",
);

/** The level or manner of an explanation: "simply", "as if I were five", "to a child", "in depth". */
const LEVEL_RE = new RegExp(
  `${B}(?:simplement|simple\\p{L}*|sencill\\p{L}*|simples|einfach\\p{L}*|semplic\\p{L}*|eenvoudig\\p{L}*|basit\\p{L}*|прост\\p{L}*|prost\\p{L}*|comme si|como si|als ob|come se|alsof|sanki|как будто|jakby|enfant|niño|niña|criança|kind|bambin[oa]|çocu\\p{L}*|ребёнк\\p{L}*|ребенк\\p{L}*|dziecku|détail\\p{L}*|profondeur|detall\\p{L}*|detalh\\p{L}*|dettagl\\p{L}*|ausführlich|gedetailleerd|ayrıntılı|подробно|szczegółowo)${E}|簡単|わかりやすく|易しく|通俗|简单|浅显|详细|詳しく|쉽게|자세히`,
  "iu",
);

/** A rewrite, an edit or a translation of something given. */
const REWRITE_RE = new RegExp(
  `${B}(?:réécri\\p{L}*|reformule\\p{L}*|reescrib\\p{L}*|reescrev\\p{L}*|riscriv\\p{L}*|umschreib\\p{L}*|schreib\\p{L}* (?:\\p{L}+ ){0,4}um|herschrijf|yeniden yaz\\p{L}*|перепиши\\p{L}*|przepisz|przeredaguj|tradu\\p{L}*|übersetz\\p{L}*|vertaal|çevir\\p{L}*|переведи\\p{L}*|przetłumacz)${E}|改写|重写|翻译|書き直|翻訳|다시 써|번역`,
  "iu",
);

/**
 * What gives an analysis its answer's form: a yes-or-no question ("si", "ob", "czy", "是否"), or code,
 * a sentiment, a grammar or one sentence to read, whose answer is a verdict, a label, a parse or the code.
 */
const WHETHER_OR_CODE_RE = new RegExp(
  `${B}(?:si|ob|se|whether|czy|ли|of|sentiment\\p{L}*|sentimiento|sentimento|stimmung|tonalité|tonalidad|tonalità|duygu\\p{L}*|тональност\\p{L}*|sentyment\\p{L}*|grammatical\\p{L}*|sintáctic\\p{L}*|gramatical|grammaticale|satz|phrase|frase|zin|cümle\\p{L}*|предложени\\p{L}*|zdanie|code|código|codice|fonction|función|funzione|funktion|query|requête|consulta|sql|script|skript)${E}|代码|程序|コード|코드|是否|かどうか|인지|情感|情绪|感情分析|감정`,
  "iu",
);

/** Enough words of instruction to be a brief or a behaviour specification, not a bare request. */
const LONG_WORDS = 90;
const LONG_CJK = 160;

export function foreignContext({ doc, sig, language }: RuleContext, out: Finding[]): void {
  const lower = doc.instructionLower;
  if (isRole(lower, sig.role) || sig.slotFor.has("audience") || sig.slotFor.has("format")) return;
  const shaped = shapedJudgement(lower);
  const request = firstRequest(lower, shaped);
  if (!request || instructionTooLong(lower)) return;
  const sentence = lower.slice(request.start, request.end);
  const formGiven = FORM_GIVEN_RE.test(lower);
  const contextGiven = CONTEXT_RE.test(lower);
  const material = doc.blocks.length > 0 || doc.vars.length > 0;
  const single = !SECOND_REQUEST_RE.test(lower) && (lower.match(/[?？]/g)?.length ?? 0) <= 1;
  const explanation = EXPLAIN_RE.test(sentence.trimStart());
  const piece = WRITE_VERB_RE.test(sentence) && READER_PIECE_RE.test(sentence);
  // a rewrite keeps its input's form and reader ("yeniden yaz", "réécris", "перепиши")
  if (REWRITE_RE.test(sentence)) return;
  const span = trimmed(doc, request);
  const level = LEVEL_RE.test(lower);
  const made = WRITE_VERB_RE.test(sentence) || MAKE_VERB_RE.test(sentence);
  const analysis =
    (ANALYSIS_RE.test(sentence) ||
      (made && ANALYSIS_NOUN_RE.test(sentence)) ||
      judgementAsked(sentence, shaped)) &&
    !WHETHER_OR_CODE_RE.test(sentence);
  const document = made && (SHAPED_DOCUMENT_RE.test(sentence) || BARE_TEXT_RE.test(sentence));
  const bareExplanation = explanation && !material && !contextGiven && !level;
  if (!formGiven && (analysis || document || bareExplanation))
    out.push(
      finding(
        "PF201",
        "The prompt does not say what form the answer should take (length, structure or file type).",
        'State the shape of the answer: "in 3 bullet points", "under 150 words", "as a table with columns …".',
        [span],
      ),
    );
  if (
    !contextGiven &&
    !material &&
    single &&
    !REPLY_RE.test(sentence) &&
    namedDetails(doc, sig.details, language) < 3 &&
    (piece || (explanation && !formGiven && !level))
  )
    out.push(
      finding(
        "PF202",
        "Nothing says who the output is for or why it is needed, so tone, depth and what to leave out are guesses.",
        'Add the reader and the purpose: "for first-year students", "for our customers, to announce the change".',
        [span],
      ),
    );
}

/** The first instruction sentence that asks for something: a write, explain or analyse verb, or a plan. */
function firstRequest(lower: string, shaped: () => boolean): Span | null {
  let start = 0;
  for (const m of lower.matchAll(/[.!?。！？\n]+|$/g)) {
    const end = m.index;
    const s = lower.slice(start, end);
    if (
      s.trim() !== "" &&
      (WRITE_VERB_RE.test(s) ||
        EXPLAIN_RE.test(s.trimStart()) ||
        ANALYSIS_RE.test(s) ||
        judgementAsked(s, shaped) ||
        MAKE_VERB_RE.test(s) ||
        SHAPED_DOCUMENT_RE.test(s))
    )
      return { start, end };
    start = end + m[0].length;
    if (m[0] === "") break;
  }
  return null;
}

/** True when the instructions are long enough to be a brief or a system prompt. */
function instructionTooLong(lower: string): boolean {
  let cjk = 0;
  for (const c of lower) if (c >= "\u3040" && c <= "\u9fff") cjk++;
  if (cjk > LONG_CJK) return true;
  const words = lower.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  return words > LONG_WORDS;
}

function trimmed(doc: Doc, s: Span): Span {
  let { start, end } = s;
  while (start < end && /\s/.test(doc.text[start] ?? "")) start++;
  while (end > start && /\s/.test(doc.text[end - 1] ?? "")) end--;
  return { start, end };
}
