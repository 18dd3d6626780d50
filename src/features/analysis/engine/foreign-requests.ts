// Requests in the languages the function-word reader does not list: Russian and Ukrainian, Polish, Czech and
// Slovak, the Scandinavian languages, Finnish, Hungarian, Romanian, the South Slavic languages, Vietnamese,
// Indonesian and Malay, Greek, Hebrew, Arabic, Hindi, Thai, Korean, and the Chinese and Japanese forms the
// shared request list leaves out. A prompt in one of them that asks for something is not "no task" because
// the engine found no English imperative: an imperative verb, a "please" or "I need", a question word
// opening a sentence, a genre named with its subject ("Стихотворение про осень"), or a Korean request ending
// ("써줘", "알려 주세요") says it asks.
//
// The words are chosen so that none is an English word: the check also runs on text the language reader
// took for English (Polish, Indonesian and Swedish share no function word with its lists).

/** Imperatives and request words that may stand anywhere in a sentence. */
const REQUEST_WORDS = [
  // Russian, Ukrainian
  "напиши|напишите|объясни|объясните|поясни|поясните|придумай|придумайте|переведи|переведите|составь|составьте|расскажи|расскажите|помоги|помогите|дай|дайте|сделай|сделайте|предложи|предложите|опиши|опишите|проверь|проверьте|исправь|исправьте|сравни|сравните|скажи|скажите|покажи|покажите|найди|найдите|создай|создайте|подскажи|подскажите|посоветуй|посоветуйте|перечисли|перечислите|сократи|сократите|отредактируй|перефразируй|переформулируй|рассчитай|посчитай|посчитайте|перепиши|перепишите|оцени|оцените|подбери|подберите|сгенерируй|нарисуй|ответь|ответьте|суммируй|резюмируй|распиши|разбери|пожалуйста|нужен|нужна|нужны|мне нужн\\p{L}*|хочу|хотел бы|хотела бы|можешь|можете|сможешь|розкажи|допоможи|переклади|склади|поясніть|напишіть|будь ласка|мені потрібн\\p{L}*|мені треба|порівняй|запропонуй|знайди|перевір|виправ",
  // Polish
  "napisz|napiszcie|wyjaśnij|wytłumacz|objaśnij|przetłumacz|streść|podsumuj|zaproponuj|wymień|podaj|stwórz|utwórz|przygotuj|sprawdź|popraw|porównaj|opisz|pomóż|zrób|znajdź|oblicz|policz|przeredaguj|przepisz|zaplanuj|doradź|poleć|wygeneruj|powiedz|ułóż|wskaż|oceń|zredaguj|potrzebuję|chciałbym|chciałabym|proszę",
  // Czech, Slovak
  "napiš|napište|vysvětli|vysvětlete|přelož|shrň|navrhni|vymysli|vytvoř|připrav|zkontroluj|oprav|porovnej|popiš|pomoz|udělej|najdi|spočítej|doporuč|řekni|prosím|potřebuji|potřebuju|napíš|vysvetli|prelož|zhrň|pomôž|urob|nájdi|potrebujem|chcem",
  // Swedish, Danish, Norwegian
  "skriv|förklara|forklar|översätt|oversæt|oversett|sammanfatta|opsummer|oppsummer|föreslå|foreslå|hjälp|hjælp|hjelp|jämför|sammenlign|beskriv|skapa|gör|gjør|hitta|räkna|beregn|berätta|fortæl|fortell|snälla|jag behöver|jeg trenger|jeg har brug for|jag vill ha|ge mig|giv mig|gi meg",
  // Finnish
  "kirjoita|selitä|käännä|tiivistä|ehdota|auta|vertaa|kuvaile|etsi|laske|kerro|listaa|suunnittele|korjaa|tarkista|muotoile|tarvitsen|haluan",
  // Hungarian
  "írj|írjon|írd|magyarázd|magyarázza|fordítsd|foglald|javasolj|segíts|hasonlítsd|készíts|csinálj|keress|számold|mondd|sorold|tervezz|javítsd|ellenőrizd|kérlek|szükségem|szeretnék",
  // Romanian
  "scrie|scrieți|explică|explicați|tradu|traduceți|rezumă|propune|dă-mi|ajută-mă|compară|descrie|creează|găsește|calculează|spune-mi|enumeră|corectează|verifică|te rog|vă rog|am nevoie|aș vrea",
  // Croatian, Serbian, Bosnian, Slovene
  "napiši|napišite|objasni|prevedi|sažmi|predloži|pomozi|usporedi|opiši|napravi|pronađi|izračunaj|navedi|molim|trebam|razloži|prosim",
  // Vietnamese
  "viết|giải thích|dịch|tóm tắt|đề xuất|gợi ý|cho tôi|giúp|so sánh|mô tả|liệt kê|soạn|hãy|vui lòng|tôi cần|tôi muốn|được không",
  // Indonesian, Malay
  "tuliskan|jelaskan|terjemahkan|ringkaskan|rangkum|sarankan|berikan|bantu|bandingkan|deskripsikan|gambarkan|buatkan|carikan|hitung|sebutkan|ceritakan|susun|periksa|perbaiki|tolong|mohon|saya butuh|saya perlu|saya ingin|aku mau|terangkan",
  // Greek
  "γράψε|γράψτε|εξήγησε|εξηγήστε|μετάφρασε|μεταφράστε|συνόψισε|δώσε|δώστε|πες|προτείνε|βοήθησε|σύγκρινε|περιγράψε|φτιάξε|παρακαλώ|θέλω|χρειάζομαι|μπορείς|μπορείτε",
  // Hebrew
  "כתוב|כתבי|תכתוב|תכתבי|הסבר|הסבירי|תסביר|תסבירי|תרגם|תתרגם|סכם|תסכם|תן|תני|בבקשה|אני צריך|אני צריכה|אני רוצה|עזור|עזרי|תעזור|הצע|תציע|השווה|תאר|צור|תכין",
  // Arabic
  "اكتب|اكتبي|اشرح|اشرحي|ترجم|لخص|لخّص|اقترح|أعطني|اعطني|ساعدني|قارن|صف|اذكر|حلل|صحح|أنشئ|انشئ|اصنع|حدد|رتب|أجب|اجب|من فضلك|أريد|أحتاج|يمكنك|هل يمكن",
  // Hindi
  "लिखो|लिखिए|लिखें|बताओ|बताइए|बताएं|बताएँ|समझाओ|समझाइए|समझाएं|अनुवाद|सुझाओ|दीजिए|कीजिए|बनाओ|बनाइए|कृपया|चाहिए",
].join("|");

/** The labels of a brief in the other languages people write them in: "Zielgruppe:", "Longitud:", "주제:". */
export const FOREIGN_REQUEST_LABEL_RE =
  /^(?:aufgabe|auftrag|thema|zielgruppe|tonfall|länge|umfang|stil|tâche|consigne|sujet|thème|public(?: cible)?|longueur|tarea|tema|público(?: objetivo)?|extensión|longitud|tono|estilo|assunto|tarefa|comprimento|compito|argomento|pubblico|lunghezza|stile|opdracht|onderwerp|doelgroep|vorm|lengte|görev|konu|hedef kitle|biçim|uzunluk|üslup|zadanie|temat|odbiorcy|forma|długość|styl|задача|тема|аудитория|формат|объём|объем|тон|стиль|テーマ|対象|形式|長さ|文字数|トーン|任务|主题|受众|格式|字数|语气|주제|대상|형식|분량|톤|과제)$/i;
/** Lines "Label: value" of a brief: two of its labels make the prompt a brief. */
const BRIEF_LINE_RE = /^[^\S\n]*([^\s:：][^\n:：]{0,19}?)[ \t]*[:：]/gm;

/** A translation asked for by its noun: "Traduzione in inglese: …", "Übersetzung ins Englische: …". */
const TRANSLATION_RE =
  /(?<![\p{L}])(?:traduzione|traducción|traduction|tradução|übersetzung|vertaling|çeviri|tłumaczenie|překlad|перевод|переклад)\s+(?:in|en|al|ao|para|ins|in das|na|naar|на|into|to)(?![\p{L}])/iu;
/** A short Chinese, Japanese or Korean line counting what it asks for: "京都の紅葉の名所を5つ", "三个…目的地", "여행지 5곳". */
const COUNTED_RE =
  /[0-9０-９一二三四五六七八九十两几]\s?(?:つ|个|個|件|种|種類|条|選|本|冊|首|篇)|\d\s?(?:곳|개|가지|권|편)(?![\uac00-\ud7af])/;

/** Question words: a request only when they open a sentence (inside one they also join statements). */
const QUESTION_WORDS = [
  "как|что|почему|зачем|какой|какая|какое|какие|каков|сколько|где|когда|кто|можно ли|як|що|чому|скільки|чим",
  "jak|dlaczego|ile|gdzie|kiedy|który|która|które|jakie|jaki|jaka|co (?:to|jest|znaczy|oznacza|zrobić|powinienem|powinnam|myślisz)|czy",
  "proč|kolik|kde|kdy|ako|prečo|koľko|čo",
  "hur|hvordan|vad|hvad|hva|varför|hvorfor|vilken|hvilken|vilka|hvilke",
  "miten|kuinka|mikä|mitkä|miksi|paljonko",
  "hogyan|miért|melyik|mennyi|mik",
  "cum|de ce|când|câte|ce (?:este|sunt|înseamnă|pot|poți|trebuie|face)",
  "kako|zašto|što|šta|koliko|gdje|zakaj",
  "làm thế nào|làm sao|tại sao|vì sao|bao nhiêu",
  "bagaimana|apa (?:itu|yang|saja|arti|bedanya|perbedaan)|apakah|mengapa|kenapa|berapa|di mana|kapan|siapa",
  "πώς|πως|τι|γιατί|ποιο|ποια|ποιος|πόσο|πόσα|πότε|πού",
  "איך|מה|למה|האם|מתי|איפה|כמה",
  "ما|ماذا|كيف|لماذا|هل|متى|أين|كم",
  "कैसे|क्या|क्यों|कौन|कहाँ|कब|कितना|कितने|कितनी",
].join("|");

/** A genre named in the language of the prompt: with a subject it asks for that piece ("Вірш про весну"). */
const GENRE_WORDS =
  "стихотворени\\p{L}*|стих|стишок|вірш|письм\\p{L}*|лист|рассказ|статью|статья|пост|эссе|рецепт\\p{L}*|иде[яи]|совет\\p{L}*|шутк\\p{L}*|анекдот|песн\\p{L}*|пісн\\p{L}*|тост|речь|промова|описание|слоган|wiersz\\p{L}*|przepis\\p{L}*|list motywacyjny|opowiadani\\p{L}*|pomysł\\p{L}*|báseň|recept|dikt|runo|resepti|rețet\\p{L}*|poezi\\p{L}*|pesm\\p{L}*|pjesm\\p{L}*|bài thơ|công thức|puisi|resep|ποίημα|συνταγή|שיר|מתכון|قصيدة|وصفة|कविता|कहानी|पत्र";
/** The prepositions that join a genre to its subject: "про", "o", "na", "om", "despre", "về", "tentang". */
const GENRE_JOINS =
  "про|о|об|для|на|з|о|po|o|na|dla|pro|om|för|til|till|från|despre|pentru|za|o|về|cho|tentang|untuk|για|על|ל|عن|ل|के लिए|पर|के बारे में";

const LETTER = "\\p{L}\\p{M}";
const REQUEST_RE = new RegExp(`(?<![${LETTER}])(?:${REQUEST_WORDS})(?![${LETTER}])`, "iu");
const QUESTION_RE = new RegExp(
  `(?:^|[.!?。！？:;]\\s*|\\n(?<!\\n[^\\S\\n]*\\n)\\s*|[-*•]\\s+)(?:${QUESTION_WORDS})(?![${LETTER}])`,
  "iu",
);
const GENRE_RE = new RegExp(
  `(?<![${LETTER}])(?:${GENRE_WORDS})(?:\\s+[${LETTER}\\d-]+){0,3}?\\s+(?:${GENRE_JOINS})(?![${LETTER}])`,
  "iu",
);
// Korean: a request or question ending closing a clause ("써줘", "알려 주세요", "할까요", "뭐야"), a request
// noun with 해/하 ("추천해", "설명해"), or a question word.
const KOREAN_REQUEST_RE =
  /(?:줘|주세요|주십시오|주실래요|줄래|주겠어요|하세요|하십시오|하시오|해라|해봐|봐줘|할까요?|을까요?|ㄹ까요?|까요|나요|가요|니까|습니까|ㅂ니까|뭐야|뭘까|인가요|일까)(?=[\s.!?~。？！]*(?:$|\n))|(?:추천|설명|번역|요약|작성|정리|비교|분석|계산|수정|검토|알려|소개|제안)(?:해|하|을|를)|어떻게|무엇|뭐|왜|어디|언제|누구|얼마|어느|부탁/m;
// Chinese and Japanese requests (the shared list's, for text the reader took for English because of its
// code and names, and the forms that list leaves out) ("推荐", "告诉我", "作って"), question
// particles and words, and a genre with its measure word or counter ("一首诗", "俳句を三つ").
const CJK_REQUEST_RE =
  /请|帮|写|解释|翻译|总结|列出|生成|给我|吗|呢|什么|如何|怎么|为什么|你是|需要|我想|创建|分析|比较|提供|设计|说明|介绍|ください|して|書いて|説明|翻訳|まとめ|何|どう|なぜ|あなたは|お願い|作成|比較|提案|推荐|告诉|讲个|讲一|给出|建议|画一|(?:计算|修改|检查|优化|整理|编写|回答|列举|描述|找出)(?:一下|下面|以下|这|我的|出)|哪|多少|能不能|可以吗|是否|请问|帮忙|一下|首诗|篇文章|封信|封邮件|个故事|个笑话|份计划|作って|考えて|探して|選んで|直して|訳して|答えて|挙げて|おすすめ|教えて|下さい|ですか|ますか|でしょうか|か[？?]|俳句|短歌|詩を|物語を|手紙を|メールを|レシピ|要約して|紹介して/;
// Thai has no spaces between words: the request words are read as they stand.
const THAI_REQUEST_RE =
  /ช่วย|เขียน|อธิบาย|แปล|สรุป|แนะนำ|อย่างไร|ยังไง|อะไร|ทำไม|ไหม|มั้ย|หน่อย|กรุณา|บอก|เปรียบเทียบ|วิเคราะห์|ขอ/;

/**
 * True when the text asks for something in one of the languages above: an imperative or a request word, a
 * question word opening a sentence, a genre with its subject, or a Korean, Chinese, Japanese or Thai request form.
 */
export function otherLanguageRequest(text: string): boolean {
  if (REQUEST_RE.test(text) || QUESTION_RE.test(text) || GENRE_RE.test(text) || TRANSLATION_RE.test(text))
    return true;
  let labels = 0;
  for (const m of text.matchAll(BRIEF_LINE_RE))
    if (FOREIGN_REQUEST_LABEL_RE.test(m[1]!.trim()) && ++labels >= 2) return true;
  if (
    text.trim().length <= 40 &&
    /[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/.test(text) &&
    COUNTED_RE.test(text)
  )
    return true;
  // (the script tests are cheap: run the script's own patterns only when its letters are there)
  if (/[\uac00-\ud7af]/.test(text) && KOREAN_REQUEST_RE.test(text)) return true;
  if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(text) && CJK_REQUEST_RE.test(text)) return true;
  return /[\u0e00-\u0e7f]/.test(text) && THAI_REQUEST_RE.test(text);
}
