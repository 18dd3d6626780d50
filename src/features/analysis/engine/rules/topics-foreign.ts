// The everyday subjects of topics.ts in the languages whose words the English lexicon does not hold:
// Russian and Ukrainian, Polish and Turkish (word stems: "налог" reads "налогов", "podat" reads "podatek"),
// Chinese, Japanese and Korean (written without spaces, so read as substrings). Only words that name one
// subject are listed; a word that also means something common ("готов" is "ready" as well as "cook") is
// left out. Written by hand for PromptForge.

import { topicsOf } from "./topics.js";

const STEMS: Record<string, string> = {
  code: "программ|код(?:а|е|ом)?(?![\\p{L}])|скрипт|функци|баз[аеуы] данных|kod(?:u|zie)?(?![\\p{L}])|skrypt|programow|funkcj|baz[aęy] danych|yazılım|fonksiyon|veritaban|代码|程序|函数|脚本|数据库|编程|正则|コード|プログラム|関数|スクリプト|データベース|正規表現|코드|프로그램|함수|스크립트|데이터베이스|파이썬|딕셔너리|정규식|자바스크립트",
  spreadsheet: "эксел|exce?l|arkusz|表格|エクセル|スプレッドシート|엑셀|스프레드시트",
  tech: "роутер|маршрутизатор|ноутбук|смартфон|принтер|пароль|компьютер|вайфай|сайт|веб-сайт|stron\\p{L}* internetow|web sitesi|网站|ウェブサイト|サイト|웹사이트|drukark|hasł|komputer|laptop|bilgisayar|yazıcı|şifre|modem|路由器|电脑|手机|打印机|密码|蓝牙|ルーター|パソコン|スマホ|プリンター|パスワード|공유기|컴퓨터|노트북|휴대폰|핸드폰|프린터|비밀번호|와이파이",
  math: "математ|уравнени|процент|matemat|równani|procent|matematik|denklem|yüzde|数学|方程|百分比|方程式|수학|방정식",
  science: "физик|хими|биологи|fizyk|chemi|biologi|fizik|kimya|物理|化学|生物|물리|화학",
  health:
    "врач|болит|боль|симптом|лекарств|таблетк|простуд|кашель|бессонниц|аллерги|lekarz|ból|objaw|leki|przeziębi|kaszel|bezsenn|alergi|doktor|ağrı|ilaç|belirti|öksürük|uykusuz|alerji|医生|头疼|头痛|症状|感冒|咳嗽|失眠|过敏|发烧|病院|頭痛|風邪|不眠|アレルギー|의사|병원|두통|증상|감기|기침|불면증|알레르기",
  fitness:
    "трениров|марафон|спортзал|упражнени|trening|maraton|półmaraton|siłowni|ćwiczeni|antrenman|egzersiz|spor salonu|健身|跑步|马拉松|筋トレ|トレーニング|マラソン|ジム|ランニング|운동|헬스|마라톤|러닝",
  food: "рецепт|приготов|ужин|обед|завтрак|торт|пирог|блюд|макарон|курин|куриц|выпечк|испечь|przepis|ugotow|obiad|kolacj|śniadani|zup[aęy]|ciast|makaron|kurczak|upiec|pierog|tarif|yemek|çorba|makarna|tavuk|pilav|菜谱|食谱|做饭|晚饭|晚餐|午饭|早餐|蛋糕|面条|米饭|レシピ|料理|夕飯|晩ご飯|夕食|ケーキ|パスタ|弁当|カレー|레시피|요리|저녁 메뉴|케이크|파스타|반찬",
  home: "стиральн|посудомо|протека|плесен|уборк|pralk|zmywark|pleśń|sprząt|çamaşır makine|bulaşık makine|musluk|küf|洗衣机|洗碗机|水龙头|漏水|发霉|洗濯機|食洗機|蛇口|水漏れ|カビ|세탁기|식기세척기|수도꼭지|누수|곰팡이",
  garden:
    "сад(?:а|у|ом|е|ов\\p{L}*)?(?![\\p{L}])|огород|томат|помидор|рассад|растени|фикус|кактус|орхиде|удобрен|ogród|ogrod|pomidor|rośli|fikus|kwiat|nawóz|bahçe|domates|bitki|saksı|gübre|çiçek|花园|植物|番茄|西红柿|盆栽|多肉|家庭菜園|観葉植物|トマト|水やり|肥料|鉢植え|ガーデニング|식물|화분|토마토|텃밭|정원|비료",
  pets: "кошк|котён|котен|собак|щен|питомц|ветеринар|kot(?:a|ek|ka|em)?(?![\\p{L}])|psa|szczeni|weteryn|kedi|köpek|veteriner|猫|狗|ペット|고양이|강아지|반려동물",
  travel:
    "поездк|путешеств|отпуск|перел[её]т|авиабилет|отел[ьяюе]|гостиниц|виз[аыу](?![\\p{L}])|аэропорт|podróż|wycieczk|wiz[aęy](?![\\p{L}])|lotnisk|zwiedz|seyahat|gezi|tatil|uçak|otobüs|otel|vize|havaalan|uçuş|旅行|旅游|出差|酒店|机票|航班|签证|攻略|高铁|出張|ホテル|航空券|新幹線|観光|여행|출장|호텔|항공권|비자|숙소|관광",
  finance:
    "налог|бюджет|ипотек|кредит|вклад|инвест|пенси|ндфл|podat|pit-?\\d|budżet|kredyt|hipote|inwest|emerytur|skarbow|vergi|bütçe|kredi|yatırım|fatura|emeklilik|borsa|报税|个税|税务|纳税|预算|贷款|房贷|投资|理财|股票|发票|税金|確定申告|所得税|予算|ローン|投資|年金|請求書|세금|연말정산|종합소득세|예산|대출|투자|주식|적금|연금",
  career:
    "резюме|собеседовани|начальник|szef(?:a|owi|em)?(?![\\p{L}])|ваканси|зарплат|życiorys|list motywacyjn|rozmow\\p{L}* kwalifikacyjn|wynagrodz|özgeçmiş|mülakat|iş görüşme|maaş|简历|面试|求职|工资|薪资|周报|跳槽|履歴書|職務経歴書|面接|転職|給料|年収|이력서|자기소개서|면접|연봉|이직|취업",
  events:
    "день рождени|рождени|свадьб|юбиле|\\d+-?лети[еюя]|праздник|вечеринк|корпоратив|urodzin|wesel|ślub|impreza|imprez|jubileusz|doğum gün|düğün|parti(?![\\p{L}])|nişan|kutlama|生日|婚礼|聚会|派对|年会|团建|誕生日|結婚式|パーティー|飲み会|歓迎会|送別会|생일|결혼식|파티|회식|송별회",
  gifts: "подар|prezent|upomin|hediye|礼物|プレゼント|贈り物|ギフト|선물",
  education:
    "экзамен|егэ|домашн\\p{L}* задани|учёб|учеб|egzamin|matur|prac\\p{L}* domow|nauki|sınav|ödev|üniversite|考试|作业|论文|复习|考研|試験|宿題|論文|受験|시험|숙제|과제|논문|수능",
  language:
    "перевед|перевод|грамматик|английск|немецк|przetłumacz|tłumacz|gramatyk|angielsk|niemieck|çevir|dilbilgisi|ingilizce|almanca|翻译|语法|英语|日语|翻訳|文法|英語|英訳|和訳|번역|문법|영어|일본어",
  marketing:
    "маркетинг|реклам|инстаграм|соцсет|reklam|pazarlama|sosyal medya|营销|推广|广告|公众号|小红书|朋友圈|広告|マーケティング|宣伝|インスタ|마케팅|광고|홍보|인스타",
  business: "бизнес|стартап|biznes|startup|şirket|dükkan|创业|店铺|起業|店舗|창업|가게|고객",
  cars: "автомоб|шин[ыу](?![\\p{L}])|тормоз|samochod|samochód|opon|hamul|araba|lastik|fren|汽车|开车|轮胎|刹车|驾照|車検|タイヤ|自動車|자동차|타이어|운전면허",
  admin: "договор|юрист|umow[aęy]|prawnik|sözleşme|mahkeme|avukat|合同|律师|契約|弁護士|계약|변호사",
};

const TOPIC_NAMES = Object.keys(STEMS);
const CJK_RE = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul} ]+$/u;
/** The Chinese, Japanese and Korean words, found as substrings: [word, subject]. */
const CJK_WORDS: Array<[string, string]> = TOPIC_NAMES.flatMap((t) =>
  STEMS[t]!.split("|")
    .filter((w) => CJK_RE.test(w))
    .map((w): [string, string] => [w, t]),
);
// The stems of the languages written with spaces, one expression with a group per subject, read at the start
// of each word (with the word after it, for two-word names: "день рождения", "spor salonu")
const STEMS_RE = new RegExp(
  `^(?:${TOPIC_NAMES.map(
    (t) =>
      `(${STEMS[t]!.split("|")
        .filter((w) => !CJK_RE.test(w))
        .join("|")})`,
  ).join("|")})`,
  "iu",
);
const WORD_RE = /[\p{L}\d][\p{L}\d-]*/gu;

/** Latin words in a text of another language that name a subject: "Excel", "WireGuard", "Python", "SQL". */
const LATIN_NAME_RE =
  /(?<![\p{Script=Latin}])(?:[A-Z]{2,5}|[A-Za-z][a-z]*[A-Z][A-Za-z]*|[A-Za-z]{4,})(?![\p{Script=Latin}])/gu;

/** The subjects a text in any of those languages names, English names inside it included. */
export function foreignTopicsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const [w, t] of CJK_WORDS) if (!out.has(t) && text.includes(w)) out.add(t);
  // (a kindergarten, "детский сад", is no garden)
  const words =
    text
      .toLowerCase()
      .replace(/детск\p{L}* сад/gu, "")
      .match(WORD_RE) ?? [];
  for (let i = 0; i < words.length; i++) {
    const m = STEMS_RE.exec(i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : words[i]!);
    const k = m ? m.findIndex((g, j) => j > 0 && g !== undefined) : -1;
    if (k > 0) out.add(TOPIC_NAMES[k - 1]!);
  }
  const latin = text.match(LATIN_NAME_RE);
  if (latin) for (const t of topicsOf(latin.join(" "))) out.add(t);
  return out;
}
