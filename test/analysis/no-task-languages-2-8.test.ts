// A request written in a language the engine's language reader does not list (Russian, Ukrainian, Polish,
// Czech, Swedish, Finnish, Hungarian, Romanian, Vietnamese, Indonesian, Greek, Hebrew, Arabic, Hindi, Thai,
// Korean) or in a Chinese or Japanese form the shared request list leaves out is a task, not "no task";
// a run of statements or a lone topic in those languages still asks for nothing. Each case is a prompt
// written for this test.

import { describe, expect, it } from "vitest";
import { otherLanguageRequest } from "../../src/features/analysis/engine/foreign-requests.js";
import { analyze } from "../../src/features/analysis/engine/index.js";

const noTask = (text: string) => analyze(text).findings.some((f) => f.kind === "no_task");

describe("a request in another language is a task", () => {
  it.each([
    "Объясни простыми словами, как работает ипотека",
    "Как приготовить борщ без мяса",
    "Стихотворение про осень в Петербурге",
    "Поясни, чим відрізняється ФОП від ТОВ",
    "Jak zrobić pierogi ruskie",
    "Zaproponuj pięć nazw dla piekarni.",
    "자기소개서 첫 문단 써줘",
    "서울에서 가볼 만한 카페 추천해줘",
    "김치찌개 끓이는 법 알려줘",
    "猫についての俳句を三つ",
    "推荐几本适合初学者的编程书",
    "اكتب رسالة شكر قصيرة لمعلمي.",
    "ما هي أفضل طريقة لتعلم اللغة الإنجليزية",
    "Jelaskan perbedaan antara cuaca dan iklim",
    "Bagaimana cara membuat nasi goreng",
    "Skriv ett kort tackbrev till min granne.",
    "Förklara hur solceller fungerar",
    "ช่วยเขียนอีเมลขอลาป่วยให้หน่อย",
    "Írj egy rövid verset az őszről.",
    "Kirjoita lyhyt kiitosviesti asiakkaalle.",
    "Γράψε ένα σύντομο ποίημα για τη θάλασσα.",
    "כתוב מייל קצר ללקוח על עיכוב במשלוח.",
    "मेरे दोस्त के जन्मदिन के लिए एक छोटी कविता लिखो।",
  ])("no no_task on %j", (text) => {
    expect(noTask(text)).toBe(false);
  });
});

describe("other request shapes are tasks", () => {
  it.each([
    // an imperative with its particle after a fronted phrase
    "From the meeting transcript, pull out action items and owners.",
    // a behaviour in the present: "You turn …"
    "You turn free-text recipes into structured fields for the {{site}} recipe card.\n\nRecipe: {{recipe}}\n\nUse an empty string for any field the recipe lacks.",
    // Chinese with enough code names that the reader takes it for English
    "用 Rust 写一个 parse_config(path: &str) -> Result<Config, ConfigError> 函数：\n- 支持 TOML 和 JSON 两种 format\n- file 不存在时返回 ConfigError::NotFound\n- 不要 unwrap，也不要 panic",
  ])("no no_task on %j", (text) => {
    expect(noTask(text)).toBe(false);
  });
});

describe("nominal requests in other languages are tasks", () => {
  it.each([
    "Onderwerp: thuiswerken\nDoelgroep: managers\nVorm: LinkedIn-post\nLengte: 150 woorden",
    "Produkt: Laufschuh Aero 3\nZielgruppe: Einsteiger\nLänge: 50 Wörter\nAufgabe: Produktbeschreibung",
    "京都の紅葉の名所を5つ",
    "三个适合周末的短途旅行目的地",
    "주말에 갈 만한 서울 근교 여행지 5곳",
    "Traduzione in inglese: Grazie per la vostra pazienza.",
  ])("no no_task on %j", (text) => {
    expect(noTask(text)).toBe(false);
  });

  it("a chat log whose speaker is called Tom is still only a log", () => {
    expect(
      noTask(
        "[Chat — 3 May]\n\nAnna: Has the venue confirmed the 12th?\nTom: They can seat 60, not 80.\nAnna: Last year we had 70.\nTom: Ok, let's wait for Lena then.",
      ),
    ).toBe(true);
  });
});

describe("statements and topics still ask for nothing", () => {
  it.each([
    "Квантовые вычисления",
    "Obliczenia kwantowe",
    "양자 컴퓨팅",
    "量子计算",
    "Протокол совещания 12.03. Переезд склада переносится на май. Новые графики смен с 1 апреля.",
    "Pendapatan kuartal ketiga naik 12%. Tingkat churn pelanggan turun menjadi 3,1%.",
    "Be thorough. Use best practices. Think carefully.",
  ])("no_task on %j", (text) => {
    expect(noTask(text)).toBe(true);
  });

  it.each([
    // English words only: nothing here is read as a request of another language
    "Anna from APA. Quarterly tee times. Find the report.",
    "Revenue grew 12% in the third quarter. Churn fell to 3.1%.",
    "Co-founders meeting notes. Budget approved for the new warehouse.",
  ])("reads no other-language request in %j", (text) => {
    expect(otherLanguageRequest(text)).toBe(false);
  });
});
