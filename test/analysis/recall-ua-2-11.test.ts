// What the unrelated-asks and unclear-reference readings add at 2.11, shape by shape, and the look-alikes
// each leaves alone. Each case is a prompt written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import type { FindingKind } from "../../src/features/analysis/engine/types.js";
import { reads } from "../helpers/analysis.js";

/** True when a finding of `kind` counts (hints excluded). */
const flags = (text: string, kind: FindingKind) =>
  analyze(text).findings.some((f) => f.kind === kind && reads(f));

describe("multiple_unrelated_tasks: a second ask tacked on in English", () => {
  it.each([
    // a chat message that drops its "?" after "and also"
    "can u write me a haiku about rain on a tin roof, and also when's the deadline for filing taxes in canada this year",
    "could you write a limerick about a lazy cat, and also how much is the VAT on a second-hand car",
    // two known subjects that are no neighbours, few words on each side
    "Can you convert 100°F to Celsius, and also what's a word that rhymes with 'silver' for my son's poem?",
    // a post for the shop, then a question on its taxes
    "Write three Instagram captions for our pottery studio's spring open day. Oh, and how do I file VAT as a sole trader?",
    // a task on given text, then a question of the writer's own
    "Tighten this paragraph to 80 words: {{paragraph}}\nAlso, what should I feed my new kitten?",
  ])("flags %j", (text) => {
    expect(flags(text, "multiple_unrelated_tasks")).toBe(true);
  });

  it.each([
    // steps of one deliverable
    "Write a haiku about rain on a tin roof, and also suggest a title for it.",
    "Can you convert 100°F to Celsius, and also explain the formula you used?",
    "Write three Instagram captions for our pottery studio's spring open day. Also suggest five hashtags.",
    // a poem's theme and a question on the same thing
    "Write a poem about my cat Miso, and also how often should a cat like Miso be fed?",
    // a post and its pricing: one shop's launch
    "Write an Instagram post announcing our new sourdough loaf, and also what price should we charge for the loaf?",
    "Tighten this paragraph to 80 words: {{paragraph}}\nAlso, what should its title be?",
  ])("leaves %j alone", (text) => {
    expect(flags(text, "multiple_unrelated_tasks")).toBe(false);
  });
});

describe("multiple_unrelated_tasks: informal requests in Portuguese and other languages", () => {
  it.each([
    "Crie uma legenda para o Instagram da nossa loja de cerâmica. Ah, e me explica também como declarar o MEI no imposto de renda.",
  ])("flags %j", (text) => {
    expect(flags(text, "multiple_unrelated_tasks")).toBe(true);
  });

  it.each([
    "Crie uma legenda para o Instagram da nossa loja de cerâmica. Ah, e me explica também quais hashtags usar na legenda.",
  ])("leaves %j alone", (text) => {
    expect(flags(text, "multiple_unrelated_tasks")).toBe(false);
  });
});

describe("multiple_unrelated_tasks: an ask added in Russian, Polish, Turkish, Chinese, Japanese or Korean", () => {
  it.each([
    "Напиши, пожалуйста, рецепт борща на четверых. И ещё: как поменять пароль на роутере TP-Link?",
    "Подскажите, как оформить налоговый вычет за лечение, а кстати, что подарить коллеге на день рождения?",
    "Przygotuj mi plan treningowy do maratonu na 12 tygodni. A przy okazji: dlaczego moja monstera ma żółte liście?",
    "Napisz mi CV dla stanowiska księgowej i powiedz, jak podlewać pomidory na balkonie.",
    "Bu Python fonksiyonunu düzeltir misin? Bir de, Kapadokya'ya otobüsle nasıl gidilir?",
    "帮我写一份去成都的三天旅游攻略。另外问一下，Excel 里怎么删除重复的行？",
    "来週の出張のホテル候補を3つ教えてください。あと、猫が水を飲まないのはなぜですか？",
    "次の2つをお願いします。\n①誕生日パーティーの招待状の文面\n②Pythonで辞書を値でソートする方法",
    "엑셀에서 중복 행을 지우는 방법 알려줘. 그리고 고양이 사료 추천해줘.",
  ])("flags %j", (text) => {
    expect(flags(text, "multiple_unrelated_tasks")).toBe(true);
  });

  it.each([
    // the added ask is about the same subject, or a neighbour of it
    "Напиши, пожалуйста, рецепт борща на четверых. И ещё: сколько калорий в одной тарелке?",
    "Przygotuj mi plan treningowy do maratonu na 12 tygodni. A przy okazji: co jeść przed długim biegiem?",
    "帮我写一份去成都的三天旅游攻略。另外，推荐几家当地的酒店。",
    "来週の出張のホテル候補を3つ教えてください。あと、新幹線の時間も調べてください。",
    // the added words are a constraint, not a second subject
    "帮我写一封给客户的道歉信。另外，字数控制在200字以内。",
    "Напиши письмо клиенту с извинениями. И ещё: сделай его короче ста слов.",
    // the added ask points back at the first
    "Bu Python fonksiyonunu düzeltir misin? Bir de bunu daha hızlı yapabilir misin?",
    // a list of one job's parts
    "旅行の準備をお願いします。\n1. ホテルの候補\n2. 観光スポット\n3. 航空券の比較",
    // a role that lists what an assistant handles
    "你是一家咖啡店的客服。回答关于菜单的问题。另外，也回答关于会员卡和积分的问题。",
  ])("leaves %j alone", (text) => {
    expect(flags(text, "multiple_unrelated_tasks")).toBe(false);
  });
});

describe("ambiguous_reference: a rule or a piece whose own text gives the pronoun nothing", () => {
  it.each([
    // a paragraph of a system prompt that opens on "it"
    "You are the help desk for Lumo, which sells desk lamps, ceiling lights and smart bulbs.\n\nWhen customers ask about it, explain that it was recalled in May and offer a replacement.",
    // a list item after one naming several things
    "You answer tenants of Harbour Court.\n1. Rent is due on the 1st; late fees apply after the 5th.\n2. Never share other tenants' names, flat numbers or phone numbers.\n3. If they ask about that, refer them to the building office.",
    // in German, a bullet of its own
    "Du bist der Assistent eines Fahrradladens.\n- Reparaturen dauern zwei Tage, Ersatzteile kosten extra.\n- Wenn sie danach fragen, schick ihnen das Formular.",
    // a reply picked among several in a pasted exchange
    "Customer: My parcel never arrived.\nAgent: Sorry to hear that! Can you send the order number?\nCustomer: It's 55120.\nAgent: Thanks, a new one ships today.\n\nMake that reply friendlier.",
    // a piece about a thing never named
    "banner for our newsletter about it, blue and white, ocean feel, 1600x400",
  ])("flags %j", (text) => {
    expect(flags(text, "ambiguous_reference")).toBe(true);
  });

  it.each([
    // the antecedent is in the same paragraph
    "You are the help desk for Lumo. Our Halo lamp was recalled in May. When customers ask about it, offer a replacement.",
    // a heading above names it
    "You are the help desk for Lumo.\n\nHalo lamp recall:\nWhen customers ask about it, explain that it was recalled in May and offer a replacement.",
    // the previous item states one thing
    "You answer tenants of Harbour Court.\n- The gym is open from 6:00 to 22:00.\n- If they ask about it, send the booking link.",
    // the clause says what
    "You are the help desk for Lumo.\n\nIf customers ask about it (the Halo lamp recall), offer a replacement.",
    // one reply only
    "Customer: My parcel never arrived.\nAgent: Sorry to hear that, a new one ships today.\n\nMake that reply friendlier.",
    // the thing is named before the piece
    "We just opened a second bakery in Leeds. Write a blog post about it, under 300 words.",
    "Write a poem about this:\n\nthe kettle at dawn, my grandmother's hands",
    // a demonstrative before its noun
    "banner for our newsletter about this season's first snow, blue and white, 1600x400",
  ])("leaves %j alone", (text) => {
    expect(flags(text, "ambiguous_reference")).toBe(false);
  });
});

describe("multiple_unrelated_tasks: the many ways a second ask is tacked on, and their look-alikes", () => {
  it.each([
    "Summarise this article in 3 bullets: {{article}}. Also, what's a good name for a golden retriever?",
    "Write a cover letter for a junior accountant role. oh and can you recommend a good sci-fi novel?",
    "Fix the SQL query below. While you're at it, suggest a recipe for dinner tonight.\n\nSELECT * FROM orders WHERE id = 3",
    "1. Write a thank-you note to my neighbour for watering my plants.\n2. Explain how compound interest works.",
    "Translate 'good morning' into Italian. Unrelated: what's the capital of Australia?",
    "Write a product description for our ceramic mugs. Also write me a workout plan for beginners.",
    "Rédige un e-mail de relance pour un client qui n'a pas payé sa facture. Au fait, comment on fait une pâte à crêpes ?",
    "Escribe un poema sobre el mar. Por cierto, ¿cómo cambio la contraseña del router?",
    "Schreib mir eine Einladung zum Geburtstag meiner Tochter. Übrigens, wie berechne ich die Mehrwertsteuer?",
    "Explain the difference between TCP and UDP. Also, what should I get my mom for her 60th birthday?",
    "Can you help me write a toast for my brother's wedding? And separately, my laptop fan is really loud, any fix?",
    "Give me 5 dinner ideas with chicken. Also need help with my resume - how long should it be?",
    "Plan a 3-day trip to Lisbon for me and my partner. Also how do I fix a leaking kitchen tap?",
    "What's the best way to learn Spanish quickly? Also can you explain how a mortgage works?",
    "Напиши поздравление для мамы с днём рождения. Кстати, как исправить ошибку 404 на сайте?",
    "Napisz mi e-mail do szefa z prośbą o urlop. I jeszcze: jak zrobić pierogi?",
    "Bana bir doğum günü mesajı yaz. Ayrıca, Excel'de düşeyara nasıl kullanılır?",
    "请帮我写一封求职信。对了，猫一天要喂几次？",
    "履歴書の自己PRを添削してください。それと、パスタの美味しい茹で方を教えて。",
    "이력서 자기소개서 좀 다듬어줘. 그리고 강아지 산책은 하루에 몇 번 해야 해?",
  ])("flags %j", (text) => {
    expect(flags(text, "multiple_unrelated_tasks")).toBe(true);
  });

  it.each([
    "Summarise the article below in 3 bullets. Also, what's the author's main argument?\n\n<article>{{article}}</article>",
    "Write a cover letter for a junior accountant role. Oh and can you suggest a subject line for the email?",
    "Fix the SQL query below. While you're at it, add an index suggestion.\n\nSELECT * FROM orders WHERE id = 3",
    "1. Write a thank-you note to my neighbour for watering my plants.\n2. Suggest a small gift to go with it.",
    "Plan a 3-day trip to Lisbon. Also, which restaurants should we book?",
    "What's the best way to learn Spanish quickly? Also, which apps help with Spanish vocabulary?",
    "Write a product description for our ceramic mugs. Also write a tagline for the mugs.",
    "Explain the difference between TCP and UDP. Also, which one does video streaming use?",
    "Give me 5 dinner ideas with chicken. Also, what wine goes with roast chicken?",
    "Write a haiku about rain on a tin roof. Also, suggest a title.",
    "Can you help me write a toast for my brother's wedding? Also, how long should a wedding toast be?",
    "Write a birthday poem for my mom. Also, what gift should I get her?",
    "Write a poem about the sea. Also, how do I get seasick less on ferries?",
    "Write a short story about a dragon who bakes bread, and also give me a sourdough recipe for the story's ending.",
    "You are a helpful assistant for Acme Bank. Answer questions about accounts and cards. Also, help users plan trips if they ask.",
    "Solve 2x + 5 = 17 and explain each step. Also, what's a good way to check the answer?",
    "Напиши поздравление для мамы с днём рождения. Кстати, что ей подарить?",
    "Napisz mi e-mail do szefa z prośbą o urlop. I jeszcze: jak długo mogę być na urlopie?",
    "Bana bir doğum günü mesajı yaz. Ayrıca, hediye olarak ne alabilirim?",
    "请帮我写一封求职信。对了，面试时应该穿什么？",
    "履歴書の自己PRを添削してください。それと、面接でよく聞かれる質問を教えて。",
    "이력서 자기소개서 좀 다듬어줘. 그리고 면접 준비 팁도 알려줘.",
    "Напиши SQL-запрос для выборки заказов за май. И ещё: добавь сортировку по дате.",
    "帮我写一个Python函数计算平均值。另外，请加上注释。",
    "来週の大阪旅行のプランを作って。あと、おすすめのホテルも教えてください。",
    "Przygotuj plan treningowy na 8 tygodni. A przy okazji: ile białka powinienem jeść?",
  ])("leaves %j alone", (text) => {
    expect(flags(text, "multiple_unrelated_tasks")).toBe(false);
  });
});

describe("ambiguous_reference: a pronoun after two things, and an earlier exchange leant on", () => {
  it.each([
    // two named things, then "it" of either
    "I have a Dell laptop and an iPad. It won't charge anymore, what should I try?",
    // something from an exchange the model never saw
    "Use the template from last time for the newsletter.",
    "Start from the outline from our last call and expand section 2.",
  ])("flags %j", (text) => {
    expect(flags(text, "ambiguous_reference")).toBe(true);
  });

  it.each([
    "I have a Dell laptop. It won't charge anymore, what should I try?",
    "Use the template below for the newsletter:\n\n{{template}}",
    "Start from the outline in section 1 and expand section 2.",
  ])("leaves %j alone", (text) => {
    expect(flags(text, "ambiguous_reference")).toBe(false);
  });
});
